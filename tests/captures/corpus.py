#!/usr/bin/python3
"""corpus.py --pktspec PATH [--update] [--live] [--read-only]: `pktspec read` over the
real captures of tests/captures/*/ against Scapy 2.5's summary() and show().

Scapy's side is the golden scapy-golden.txt.gz (scapy_golden.py writes it). Each packet
is compared twice, its summary line and its show() text; the test fails when
- summary agreement is under 97% or show agreement under 95% of the packets;
- a packet differs that known-differences.txt does not list (FILE PACKET summary|show
  REASON), or a listed one now agrees (the list must stay true);
- `pktspec read` crashes, hangs (30 s a file) or exits other than 0 (or 3 for a capture
  it reports damaged).
--read-only: only the crash and hang check, for the output modes the comparison does not
  run (--json, --command), no golden needed.
--live: first regenerate the golden with Scapy (in unshare -n) and fail on drift (exit
  77 without python3-scapy).
--update: regenerate the golden with Scapy, then rewrite known-differences.txt: reasons
  already given are kept; a new difference gets one derived from the two texts.
"""
import argparse
import gzip
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "scapy-golden.txt.gz")
KNOWN = os.path.join(HERE, "known-differences.txt")
SCAPY_SIDE = os.path.join(HERE, "scapy_golden.py")
PYTHON = "/usr/bin/python3"
MIN_SUMMARY, MIN_SHOW = 97.0, 95.0
TIMEOUT = 30
SKIP = 77
# --read-only's modes; --summary and --show are run (and checked the same way) by the
# comparison, which needs no Scapy either.
MODES = ("--json", "--command")


def read_golden(path=GOLDEN):
    """{file: (error or None, [(summary, show text), ...])}, in file order."""
    out = {}
    cur = None
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if line.startswith("== "):
                head = line[3:]
                if " ! " in head:
                    name, err = head.split(" ! ", 1)
                else:
                    name, err = head.rsplit(" ", 1)[0], None
                cur = out[name] = [err, []]
            elif line.startswith("- "):
                cur[1].append(["", []])
            elif line.startswith("S "):
                cur[1][-1][0] = line[2:]
            elif line.startswith("| ") or line == "|":
                cur[1][-1][1].append(line[2:])
    return {k: (e, [(s, "\n".join(sh)) for s, sh in pk]) for k, (e, pk) in out.items()}


def write_golden(text_path, gz_path):
    with open(text_path, "rb") as f:
        data = f.read()
    with open(gz_path + ".tmp", "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as g:
            g.write(data)
    os.replace(gz_path + ".tmp", gz_path)


def run_read(pktspec, path, mode):
    """(exit status, stdout, stderr); status None when it hung."""
    try:
        p = subprocess.run([pktspec, "read", path, mode], capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, "", ""
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def run_all(pktspec, caps, modes):
    """{(capture, mode): run_read(...)}, two at a time."""
    from concurrent.futures import ThreadPoolExecutor
    jobs = [(c, m) for c in caps for m in modes]
    with ThreadPoolExecutor(max_workers=2) as pool:
        res = pool.map(lambda j: run_read(pktspec, os.path.join(HERE, j[0]), j[1]), jobs)
        return dict(zip(jobs, res))


def sound(rc, err):
    """Why a run is not sound, or None: a crash, a hang, a sanitizer report."""
    if rc is None:
        return "hung (over %d s)" % TIMEOUT
    if rc < 0:
        return "killed by signal %d" % -rc
    if "Sanitizer" in err or "runtime error:" in err:
        return "sanitizer: %s" % err.strip().split("\n")[0]
    if rc not in (0, 3):
        return "exit %d: %s" % (rc, err.strip()[:200])
    return None


def split_show(text):
    """pktspec read --show: one text per packet (each ends with an empty line)."""
    text = text.rstrip("\n")
    return text.split("\n\n") if text else []


def headers(show):
    return re.findall(r"###\[ (.*?) \]###", show)


def linktype_bits(path):
    """A classic pcap's link type word when it holds bits above LT_LINKTYPE (the FCS
    length bits), else 0 (scapy_golden.py dissects such files under the masked type)."""
    with open(path, "rb") as f:
        head = f.read(24)
    if len(head) < 24 or head[:4] not in (b"\xd4\xc3\xb2\xa1", b"\xa1\xb2\xc3\xd4",
                                          b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d"):
        return 0
    order = "<" if head[:4] in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
    word = struct.unpack(order + "I", head[20:24])[0]
    return word if word & 0xfc000000 else 0


def reason(kind, mine, scapy):
    """A reason derived from the two texts: the first layer or field that differs."""
    if scapy.startswith("! "):
        return "Scapy raises %s" % scapy[2:]
    if mine is None:
        return "pktspec printed no such packet"
    a, b = headers(mine), headers(scapy)
    for i in range(max(len(a), len(b))):
        x = a[i] if i < len(a) else "nothing"
        y = b[i] if i < len(b) else "nothing"
        if x != y:
            return "Scapy dissects %s where pktspec has %s" % (y, x)
    if kind == "summary":
        return "summary text"
    layer = "?"
    for ma, sc in zip(mine.split("\n"), scapy.split("\n")):
        h = headers(sc)
        if h:
            layer = h[0]
        if ma != sc:
            field = sc.strip().split("=")[0].strip() or ma.strip().split("=")[0].strip()
            return "%s.%s printed differently" % (layer, field)
    return "show text length"


def read_known(path=KNOWN):
    known = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split(None, 3)
            if len(parts) < 4 or parts[2] not in ("summary", "show") or not parts[1].isdigit():
                raise SystemExit("%s:%d: want 'FILE PACKET summary|show REASON'" % (path, n))
            known[(parts[0], int(parts[1]), parts[2])] = parts[3]
    return known


def write_known(diffs, old, path=KNOWN):
    lines = ["# Packets of tests/captures whose pktspec read output differs from Scapy 2.5's, "
             "one a line:",
             "# FILE PACKET summary|show REASON. corpus.py fails on a difference not listed "
             "and on a listed",
             "# packet that agrees; corpus.py --update rewrites it (a reason written here is "
             "kept).", ""]
    for key in sorted(diffs, key=lambda k: (k[0], k[1], k[2] != "summary")):
        lines.append("%s %d %s %s" % (key + (old.get(key) or diffs[key],)))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def regenerate(pktspec, tmp):
    """Runs scapy_golden.py in an empty network namespace; the golden's path, or None."""
    if subprocess.run([PYTHON, "-c", "import scapy.all"], capture_output=True).returncode:
        print("SKIP: %s cannot import scapy (install python3-scapy)" % PYTHON)
        return None
    out = os.path.join(tmp, "golden.txt")
    p = subprocess.run(["unshare", "-n", PYTHON, SCAPY_SIDE, pktspec, "--out", out],
                       capture_output=True, text=True)
    if p.returncode:
        print("scapy_golden.py failed: %s" % p.stderr[-2000:])
        return False
    gz = os.path.join(tmp, "golden.txt.gz")
    write_golden(out, gz)
    return gz


def compare(pktspec, golden, known):
    """Returns (failures, diffs {key: reason}, counts)."""
    failures = []
    diffs = {}
    total = agree_summary = agree_show = 0
    runs = run_all(pktspec, list(golden), ("--summary", "--show"))
    for cap, (err, pkts) in golden.items():
        got = {}
        for mode in ("--summary", "--show"):
            rc, out, serr = runs[(cap, mode)]
            bad = sound(rc, serr)
            if bad:
                failures.append("%s: read %s %s" % (cap, mode, bad))
            got[mode] = out
        if err:
            continue   # Scapy cannot read it: nothing to compare
        summaries = got["--summary"].rstrip("\n").split("\n") if got["--summary"] else []
        shows = split_show(got["--show"])
        for i, (s_sum, s_show) in enumerate(pkts, 1):
            total += 1
            m_sum = summaries[i - 1] if i <= len(summaries) else None
            m_show = shows[i - 1] if i <= len(shows) else None
            for kind, mine, theirs in (("summary", m_sum, s_sum), ("show", m_show, s_show)):
                if mine == theirs:
                    if kind == "summary":
                        agree_summary += 1
                    else:
                        agree_show += 1
                    if (cap, i, kind) in known:
                        failures.append("%s packet %d: %s now agrees with Scapy: remove it from "
                                        "known-differences.txt" % (cap, i, kind))
                    continue
                diffs[(cap, i, kind)] = reason(kind, m_show, s_show)
                if (cap, i, kind) not in known:
                    failures.append("%s packet %d: %s differs (not in known-differences.txt): %s\n"
                                    "%s" % (cap, i, kind, diffs[(cap, i, kind)],
                                            first_difference(mine, theirs)))
    return failures, diffs, (total, agree_summary, agree_show)


def first_difference(mine, theirs):
    """The first line that differs, both sides."""
    a = (mine or "(no packet)").split("\n")
    b = theirs.split("\n")
    for n in range(max(len(a), len(b))):
        x = a[n] if n < len(a) else "(end)"
        y = b[n] if n < len(b) else "(end)"
        if x != y:
            return "    line %d\n    pktspec: %s\n    scapy:   %s" % (n + 1, x, y)
    return ""


def read_only(pktspec):
    failures = []
    caps = sorted(os.path.relpath(os.path.join(d, f), HERE)
                  for d, _, fs in os.walk(HERE) for f in fs if re.search(r"\.pcap(ng)?$", f))
    runs = run_all(pktspec, caps, MODES)
    for cap in caps:
        for mode in MODES:
            rc, _, err = runs[(cap, mode)]
            bad = sound(rc, err)
            if bad:
                failures.append("%s: read %s %s" % (cap, mode, bad))
    for f in failures:
        print("FAIL " + f)
    print("%d captures, %d modes: %d failure(s)" % (len(caps), len(MODES), len(failures)))
    return 1 if failures else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pktspec", required=True)
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--live", action="store_true")
    ap.add_argument("--read-only", action="store_true")
    ap.add_argument("--no-threshold", action="store_true",
                    help="check the list only, not the 97%%/95%% agreement")
    ap.add_argument("--threshold-only", action="store_true",
                    help="check the agreement only, not the list")
    ap.add_argument("--show", type=int, default=30, help="print at most N failures")
    args = ap.parse_args()
    pktspec = os.path.abspath(args.pktspec)
    if args.read_only:
        return read_only(pktspec)
    tmp = tempfile.mkdtemp(prefix="pktspec-captures-")
    try:
        golden_path = GOLDEN
        drift = []
        if args.live or args.update:
            live = regenerate(pktspec, tmp)
            if live is None:
                return SKIP
            if live is False:
                return 1
            if args.update:
                shutil.copyfile(live, GOLDEN)
            else:
                old, new = read_golden(GOLDEN), read_golden(live)
                drift = [k for k in set(old) | set(new) if old.get(k) != new.get(k)]
                for k in sorted(drift)[:20]:
                    print("DRIFT %s: the golden differs from Scapy's output now" % k)
                if drift:
                    print("%d file(s) drifted: run corpus.py --update and review the diff"
                          % len(drift))
                golden_path = live
        golden = read_golden(golden_path)
        known = {} if args.update else read_known()
        failures, diffs, (total, a_sum, a_show) = compare(pktspec, golden, known)
        if args.threshold_only:
            failures = [f for f in failures if "differs" not in f and "now agrees" not in f]
        if args.update:
            old = read_known()
            write_known(diffs, old)
            failures = [f for f in failures if "differs" not in f and "now agrees" not in f]
        ps_sum = 100.0 * a_sum / total if total else 0
        ps_show = 100.0 * a_show / total if total else 0
        for f in failures[:args.show]:
            print("FAIL " + f)
        if len(failures) > args.show:
            print("... %d more" % (len(failures) - args.show))
        print("%d captures, %d packets: summary agrees on %d (%.1f%%), show on %d (%.1f%%)"
              % (len(golden), total, a_sum, ps_sum, a_show, ps_show))
        low = []
        if args.no_threshold:
            pass
        elif ps_sum < MIN_SUMMARY:
            low.append("summary %.1f%% < %.0f%%" % (ps_sum, MIN_SUMMARY))
        if ps_show < MIN_SHOW and not args.no_threshold:
            low.append("show %.1f%% < %.0f%%" % (ps_show, MIN_SHOW))
        for l in low:
            print("FAIL agreement: " + l)
        if args.update:
            print("known-differences.txt: %d entries" % len(diffs))
        return 1 if failures or low or drift else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
