#!/usr/bin/env python3
"""progress.py PKTSPEC CASE: progress output of runs in the lab
(docs/LANGUAGE.md, "Progress and verbosity"). Needs root (skips, 77).

  quiet   sendp of 1,000,000 frames with -q, stdout and stderr files: under
          1 KB on each (no dot a frame, no line), in bounded time
  log     the same without -q: Scapy's summary line, no million dots
  tty     the same with stderr a terminal (a pty): at least two live
          updates (\\r, clear line, count and rate), then the line cleared
          and Scapy's summary on stdout
  short   short calls keep Scapy's dots and markers; verb=0 and verbose=0
          silence a call, -q every call; a long sr keeps its lines only
  verbose -v with stderr a file: a call longer than 1 s writes a progress
          line a second there, and keeps its dots
  sr      a long sr that waits its timeout, stderr a terminal: the live
          line with the answers, Scapy's lines without markers on stdout
  sniff   a 1.5 s sniff on a terminal: no line in its first second, then the
          live line; with -q none"""
import os
import pty
import re
import select
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# Written at run time, not kept beside the others: every spec of the tree
# also runs as a dry run (errors/check-agrees-with-run), where a million
# frames would be a million hexdumps.
MILLION = """# A long send: 1,000,000 small frames to the lab's peer (echo replies,
# which it ignores). Scapy would print a dot a frame.
sendp(Ether(dst=lab_peer_mac)/IP(dst=lab_peer)/ICMP(type="echo-reply"), count=1000000)
"""
LINE = re.compile(rb"\r\x1b\[K(sendp|sniff): (\d+) frames  (\d+) pps  (\d+\.\d) s")


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def run(bin_, spec, *opts, tty=False, limit=170):
    """Runs the spec in the lab; (status, stdout, stderr, seconds). With tty,
    stderr is a pseudo-terminal, read as it comes."""
    args = [bin_, "run", "--lab", spec if os.path.isabs(spec) else os.path.join(HERE, spec)]
    args += list(opts)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        if not tty:
            rc = subprocess.run(args, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                timeout=limit).returncode
            took = time.monotonic() - start
            out.seek(0), err.seek(0)
            return rc, out.read(), err.read(), took
        master, slave = pty.openpty()
        p = subprocess.Popen(args, stdout=out, stderr=slave, stdin=subprocess.DEVNULL)
        os.close(slave)
        got = b""
        while True:
            if time.monotonic() - start > limit:
                p.kill()
                fail("the run took more than %d s" % limit)
            r, _, _ = select.select([master], [], [], 0.5)
            if r:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the run closed its terminal
                    chunk = b""
                if not chunk and p.poll() is not None:
                    break
                got += chunk
            elif p.poll() is not None:
                break
        rc = p.wait()
        took = time.monotonic() - start
        os.close(master)
        out.seek(0)
        return rc, out.read(), got, took


def million(bin_, mode):
    opts = ["-q"] if mode == "quiet" else []
    with tempfile.TemporaryDirectory() as d:
        spec = os.path.join(d, "million.pkt")
        with open(spec, "w") as f:
            f.write(MILLION)
        rc, out, err, took = run(bin_, spec, *opts, tty=mode == "tty")
    print("%s: exit %d, %.1f s, stdout %d bytes, stderr %d bytes" %
          (mode, rc, took, len(out), len(err)))
    if rc != 0:
        fail("exit %d: %r" % (rc, err[-500:]))
    if mode == "quiet":
        if len(out) >= 1024 or len(err) >= 1024 or b"Sent" in out:
            fail("-q wrote %d bytes to stdout, %d to stderr: %r %r" %
                 (len(out), len(err), out[:200], err[:200]))
        return
    if out != b"\nSent 1000000 packets.\n":
        fail("stdout is not Scapy's summary alone: %r" % out[:300])
    if mode == "log":
        if err:
            fail("stderr not empty: %r" % err[:300])
        return
    lines = LINE.findall(err)
    counts = [int(n) for _, n, _, _ in lines]
    print("tty: %d updates, counts %s" % (len(lines), counts[:3] + counts[-2:]))
    if len(lines) < 2 or any(int(r) <= 0 for _, n, r, _ in lines if int(n) > 0):
        fail("fewer than two live updates with a count and a rate: %r" % err[:500])
    if counts != sorted(counts) or counts[-1] > 1000000:
        fail("counts do not grow: %r" % counts)
    # 10 a second at most
    if len(lines) > 10 * took + 5:
        fail("%d updates in %.1f s" % (len(lines), took))
    if not err.endswith(b"\r\x1b[K"):
        fail("the line is not cleared at the end: %r" % err[-100:])


def short(bin_):
    rc, out, err, _ = run(bin_, "short.pkt")
    text = out.decode()
    want = (r"\.\.\.\.\.\nSent 5 packets\.\n"
            r"Begin emission:\nFinished sending 3 packets\.\n([*.]*)\n"
            r"Received \d+ packets, got 3 answers, remaining 0 packets\n"
            r"Begin emission:\nFinished sending 1500 packets\.\n\n"
            r"Received \d+ packets, got 1500 answers, remaining 0 packets\n"
            r"answers 1500\n$")
    m = re.match(want, text)
    if rc != 0 or not m or m[1].count("*") != 3:
        fail("short calls: exit %d, stdout\n%s\nstderr %r" % (rc, text, err))
    rc, out, err, _ = run(bin_, "short.pkt", "-q")
    if rc != 0 or out != b"answers 1500\n" or err:
        fail("-q: exit %d, stdout %r, stderr %r" % (rc, out, err))


def verbose(bin_):
    rc, out, err, took = run(bin_, "slow.pkt", "-v")
    lines = re.findall(rb"^sendp: (\d+) frames  (\d+) pps  (\d+\.\d) s\n", err, re.M)
    print("verbose: %.1f s, %d lines on stderr" % (took, len(lines)))
    if rc != 0 or out != b"." * 300 + b"\nSent 300 packets.\n" or not lines or \
            len(lines) > took + 1 or b"\r" in err:
        fail("-v: exit %d, stdout %r, stderr %r" % (rc, out[-60:], err))
    rc, out, err, _ = run(bin_, "slow.pkt")
    if rc != 0 or out != b"\nSent 300 packets.\n" or err:
        fail("a send of 1.5 s is long: exit %d, stdout %r, stderr %r" % (rc, out[-60:], err))


def sniff(bin_):
    rc, out, err, took = run(bin_, "sniff.pkt", tty=True)
    lines = LINE.findall(err)
    print("sniff: %.1f s, %d updates, %r" % (took, len(lines), lines[:1]))
    if rc != 0 or not lines or any(k != b"sniff" for k, _, _, _ in lines) or \
            float(lines[0][3]) < 1.0 or not err.endswith(b"\r\x1b[K"):
        fail("sniff: exit %d, stderr %r" % (rc, err))
    rc, out, err, _ = run(bin_, "sniff.pkt", "-q", tty=True)
    if rc != 0 or err:
        fail("sniff -q: exit %d, stderr %r" % (rc, err))


def sr(bin_):
    rc, out, err, took = run(bin_, "sr.pkt", tty=True)
    lines = re.findall(rb"\r\x1b\[Ksr: (\d+) sent  (\d+) pps  (\d+\.\d) s  (\d+) answers", err)
    print("sr: %.1f s, %d updates, last %r" % (took, len(lines), lines[-1:]))
    want = (rb"Begin emission:\nFinished sending 1501 packets\.\n\n"
            rb"Received \d+ packets, got 1500 answers, remaining 1 packets\n"
            rb"answers 1500 unanswered 1\n")
    if rc != 0 or len(lines) < 2 or lines[-1][0] != b"1501" or lines[-1][3] != b"1500" or \
            not re.fullmatch(want, out) or not err.endswith(b"\r\x1b[K"):
        fail("sr: exit %d, stdout %r, stderr %r" % (rc, out, err[-300:]))


def main():
    if os.geteuid() != 0:
        print("skip: the lab needs root")
        return 77
    if subprocess.run(["unshare", "-n", "true"], stderr=subprocess.DEVNULL).returncode:
        print("skip: no network namespaces here")
        return 77
    bin_, case = os.path.abspath(sys.argv[1]), sys.argv[2]
    if case in ("quiet", "log", "tty"):
        million(bin_, case)
    elif case == "short":
        short(bin_)
    elif case == "verbose":
        verbose(bin_)
    elif case == "sniff":
        sniff(bin_)
    elif case == "sr":
        sr(bin_)
    else:
        fail("unknown case " + case)
    return 0


if __name__ == "__main__":
    sys.exit(main())
