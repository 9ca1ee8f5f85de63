#!/usr/bin/python3
"""Checks that pktspec builds every corpus frame byte for byte as Scapy does.

    check.py --pktspec PATH            compare with the checked-in expected.txt
    check.py --pktspec PATH --live     regenerate Scapy's side first (in `unshare -n`),
                                       check the fixture has not drifted, then compare
    check.py --selftest                test the pcap reader and the comparison on
                                       selftest.pcap, which Scapy's wrpcap wrote

One spec holds a wrpcap("<tmp>/<name>.pcap", <spec expr>) per entry; `pktspec run SPEC
--dry-run` writes those files (a local file action, not a send) and this script reads
them back. Exit status: 0 all frames equal, 1 a mismatch (or drift), 77 --live without
python3-scapy or unshare, 2 a usage or setup error. Standard library only.
"""

import argparse
import os
import shutil
import struct
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus_file  # noqa: E402

SKIP = 77
PYTHON = "/usr/bin/python3"
SCAPY_SIDE = os.path.join(corpus_file.HERE, "scapy_side.py")
RUN_TIMEOUT = 600


# ------------------------------------------------------------------ pcap reading

class PcapError(Exception):
    pass


class SetupError(Exception):
    pass


_MAGICS = {
    b"\xd4\xc3\xb2\xa1": "<",  # microseconds, little-endian (what Scapy writes)
    b"\xa1\xb2\xc3\xd4": ">",
    b"\x4d\x3c\xb2\xa1": "<",  # nanoseconds
    b"\xa1\xb2\x3c\x4d": ">",
}


def read_pcap_bytes(data):
    """Parses a classic pcap file. Returns (linktype, [frame bytes, ...])."""
    if len(data) < 24:
        raise PcapError("file too short for a pcap header (%d bytes)" % len(data))
    magic = data[:4]
    if magic == b"\x0a\x0d\x0d\x0a":
        raise PcapError("pcapng file; wrpcap must write classic pcap")
    if magic not in _MAGICS:
        raise PcapError("not a pcap file (magic %s)" % magic.hex())
    order = _MAGICS[magic]
    _, _, _, _, _, linktype = struct.unpack(order + "HHiIII", data[4:24])
    frames = []
    off = 24
    while off < len(data):
        if off + 16 > len(data):
            raise PcapError("truncated record header at offset %d" % off)
        _, _, incl, orig = struct.unpack(order + "IIII", data[off:off + 16])
        off += 16
        if incl > len(data) - off:
            raise PcapError("record at offset %d claims %d bytes, %d left" % (off - 16, incl, len(data) - off))
        if incl != orig:
            raise PcapError("frame %d was cut to %d of %d bytes" % (len(frames), incl, orig))
        frames.append(data[off:off + incl])
        off += incl
    return linktype, frames


def read_pcap(path):
    with open(path, "rb") as f:
        return read_pcap_bytes(f.read())


# ------------------------------------------------------------------ comparison

def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


def compare_entry(name, got, want, got_label="pktspec", want_label="scapy"):
    """Returns (passed, [failure message, ...]) for one entry; frames count one each."""
    width = max(len(got_label), len(want_label)) + 1
    g, w = (got_label + ":").ljust(width), (want_label + ":").ljust(width)
    msgs = []
    passed = 0
    for i in range(max(len(got), len(want))):
        if i >= len(got):
            msgs.append("%s[%d]: missing (%s has %d frame(s), %s %d)\n    %s %s"
                        % (name, i, got_label, len(got), want_label, len(want), w, want[i].hex()))
        elif i >= len(want):
            msgs.append("%s[%d]: extra frame (%s has %d frame(s), %s %d)\n    %s %s"
                        % (name, i, got_label, len(got), want_label, len(want), g, got[i].hex()))
        elif got[i] != want[i]:
            off = first_difference(got[i], want[i])
            msgs.append("%s[%d]: differs at offset %d (%s %d bytes, %s %d bytes)\n"
                        "    %s %s\n    %s %s"
                        % (name, i, off, got_label, len(got[i]), want_label, len(want[i]),
                           g, got[i].hex(), w, want[i].hex()))
        else:
            passed += 1
    return passed, msgs


def expected_linktype(spec):
    """Scapy's wrpcap picks the linktype from the first packet's first layer."""
    if spec.startswith("Ether("):
        return 1
    if spec.startswith("IP("):
        return 228
    return None


# ------------------------------------------------------------------ running pktspec

def spec_line(entry, pcap_path):
    return 'wrpcap("%s", %s)\n' % (pcap_path, entry.spec)


def run_pktspec(pktspec, spec_path):
    try:
        proc = subprocess.run([pktspec, "run", spec_path, "--dry-run"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        return 124, "", "timed out after %ds" % RUN_TIMEOUT
    except OSError as exc:
        return 127, "", "cannot run %s: %s" % (pktspec, exc)
    return (proc.returncode, proc.stdout.decode("utf-8", "replace"),
            proc.stderr.decode("utf-8", "replace"))


def build_with_pktspec(pktspec, entries, workdir):
    """Writes one pcap per entry under workdir. Returns {name: error text} for the entries
    pktspec could not build (all of them compile together when possible)."""
    spec_path = os.path.join(workdir, "vectors.pkt")
    with open(spec_path, "w", encoding="utf-8") as f:
        f.write("# generated by tests/vectors/check.py from corpus.txt\n")
        for e in entries:
            f.write(spec_line(e, os.path.join(workdir, e.name + ".pcap")))
    rc, out, err = run_pktspec(pktspec, spec_path)
    if rc == 0:
        return {}
    if rc == 127:
        raise SetupError(err)
    # Show the whole-spec failure as it came, then build each entry alone, so an entry
    # that compiles is still checked and each one that does not is named.
    print("pktspec run %s --dry-run exited %d; its output:" % (spec_path, rc))
    sys.stdout.write(_indent(err + out, limit=200))
    print("building each entry in its own spec instead")
    errors = {}
    for e in entries:
        one = os.path.join(workdir, e.name + ".pkt")
        with open(one, "w", encoding="utf-8") as f:
            f.write(spec_line(e, os.path.join(workdir, e.name + ".pcap")))
        rc, out, err = run_pktspec(pktspec, one)
        if rc != 0:
            errors[e.name] = "exit %d\n%s" % (rc, _indent(err + out, limit=12))
    return errors


def _indent(text, limit):
    lines = text.rstrip("\n").split("\n") if text.strip() else ["(no output)"]
    more = len(lines) - limit
    lines = lines[:limit] + (["... %d more line(s)" % more] if more > 0 else [])
    return "".join("    %s\n" % l for l in lines)


# ------------------------------------------------------------------ the checks

def check_frames(entries, expected, pcap_dir, build_errors, only=None):
    """Compares every entry's pcap in pcap_dir with expected. Returns (passed, failed)."""
    passed = failed = 0
    for e in entries:
        if only and e.name not in only:
            continue
        want = expected.get(e.name)
        if want is None:
            print("FAIL %s: not in the fixture (regenerate expected.txt)" % e.name)
            failed += 1
            continue
        if e.name in build_errors:
            print("FAIL %s: pktspec could not build it (%d frame(s) unchecked): %s\n    spec: %s"
                  % (e.name, len(want), build_errors[e.name].rstrip("\n"), e.spec))
            failed += len(want)
            continue
        path = os.path.join(pcap_dir, e.name + ".pcap")
        try:
            linktype, got = read_pcap(path)
        except (OSError, PcapError) as exc:
            print("FAIL %s: cannot read %s: %s" % (e.name, path, exc))
            failed += len(want)
            continue
        ok, msgs = compare_entry(e.name, got, want)
        passed += ok
        failed += max(len(got), len(want)) - ok
        for m in msgs:
            print("FAIL " + m)
        if msgs:
            print("    spec: %s" % e.spec)
        lt = expected_linktype(e.spec)
        if lt is not None and got and linktype != lt:
            print("note %s: pcap linktype %d, Scapy's wrpcap writes %d" % (e.name, linktype, lt))
    return passed, failed


def live_fixture(tmpdir):
    """Runs scapy_side.py in an empty network namespace. Returns the fixture path, or
    None (after saying why) when this machine cannot."""
    if subprocess.run([PYTHON, "-c", "import scapy.all"], stdout=subprocess.DEVNULL,
                      stderr=subprocess.DEVNULL).returncode != 0:
        print("SKIP: %s cannot import scapy (install python3-scapy)" % PYTHON)
        return None
    unshare = shutil.which("unshare")
    if not unshare:
        print("SKIP: no unshare command")
        return None
    out = os.path.join(tmpdir, "expected-live.txt")
    # Plain `unshare -n` needs CAP_SYS_ADMIN; `-rn` adds a user namespace for the rest.
    for prefix in ([unshare, "-n"], [unshare, "-r", "-n"]):
        if subprocess.run(prefix + ["true"], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode != 0:
            continue
        proc = subprocess.run(prefix + [PYTHON, SCAPY_SIDE, "--out", out],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if proc.returncode != 0:
            print("scapy_side.py failed (exit %d):" % proc.returncode)
            sys.stdout.write(_indent(proc.stdout.decode("utf-8", "replace"), limit=100))
            return False
        return out
    print("SKIP: cannot create a network namespace (unshare -n and unshare -rn both fail)")
    return None


def drift(checked_in, live):
    """Differences between the checked-in fixture and Scapy's live output, as messages."""
    msgs = []
    for name in list(checked_in) + [n for n in live if n not in checked_in]:
        a, b = checked_in.get(name), live.get(name)
        if a is None:
            msgs.append("%s: in Scapy's live output, not in expected.txt" % name)
        elif b is None:
            msgs.append("%s: in expected.txt, not in Scapy's live output" % name)
        elif a != b:
            msgs.extend(compare_entry(name, a, b, "fixture", "scapy")[1])
    return msgs


def selftest():
    """The reader and the comparison, on frames Scapy's own wrpcap wrote."""
    expected = corpus_file.read_expected()
    linktype, frames = read_pcap(corpus_file.SELFTEST_PCAP)
    want = [f for n in corpus_file.SELFTEST_ENTRIES for f in expected[n]]
    problems = []
    if linktype != 1:
        problems.append("linktype %d, expected 1 (the first frame is Ether)" % linktype)
    if frames != want:
        problems.append("frames read from selftest.pcap differ from expected.txt")
    # The comparison must see a changed byte, a missing frame and an extra frame.
    one = want[1]
    bent = one[:30] + bytes([one[30] ^ 0xff]) + one[31:]
    ok, msgs = compare_entry("t", [want[0], bent], [want[0], one])
    if ok != 1 or len(msgs) != 1 or "offset 30" not in msgs[0]:
        problems.append("a flipped byte at 30 was not reported as such: %r" % msgs)
    ok, msgs = compare_entry("t", [one], [one, one])
    if ok != 1 or len(msgs) != 1 or "missing" not in msgs[0]:
        problems.append("a missing frame was not reported: %r" % msgs)
    ok, msgs = compare_entry("t", [one, one], [one])
    if ok != 1 or len(msgs) != 1 or "extra" not in msgs[0]:
        problems.append("an extra frame was not reported: %r" % msgs)
    ok, msgs = compare_entry("t", [one[:-1]], [one])
    if ok != 0 or "offset %d" % (len(one) - 1) not in msgs[0]:
        problems.append("a short frame was not reported at its end: %r" % msgs)
    with open(corpus_file.SELFTEST_PCAP, "rb") as f:
        data = f.read()
    for broken, why in ((data[:-1], "a cut last record"), (data[:20], "a cut header"),
                        (b"\x0a\x0d\x0d\x0a" + data[4:], "a pcapng magic")):
        try:
            read_pcap_bytes(broken)
            problems.append("%s was read without error" % why)
        except PcapError:
            pass
    for p in problems:
        print("FAIL selftest: " + p)
    print("%d passed, %d failed" % (9 - len(problems), len(problems)))
    return 1 if problems else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pktspec", default=os.environ.get("PKTSPEC"), help="the pktspec binary")
    ap.add_argument("--live", action="store_true",
                    help="regenerate Scapy's side live and check the fixture for drift first")
    ap.add_argument("--selftest", action="store_true", help="test the pcap reader and comparison")
    ap.add_argument("--only", action="append", metavar="NAME", help="check only these entries")
    ap.add_argument("--pcap-dir", metavar="DIR",
                    help="compare the pcaps already in DIR (<name>.pcap) instead of running pktspec")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = ap.parse_args()
    if args.pktspec:
        # scapy_side.py loads the contribs of the layers this pktspec lists (tests/scapy_env.py)
        os.environ["PKTSPEC"] = os.path.abspath(args.pktspec)

    if args.selftest:
        return selftest()
    if not args.pktspec and not args.pcap_dir:
        ap.error("--pktspec PATH (or $PKTSPEC) is required")

    entries = corpus_file.read_corpus()
    if args.only:
        unknown = set(args.only) - {e.name for e in entries}
        if unknown:
            ap.error("no such entries: %s" % ", ".join(sorted(unknown)))
        entries = [e for e in entries if e.name in args.only]

    tmpdir = tempfile.mkdtemp(prefix="pktspec-vectors-")
    try:
        expected = corpus_file.read_expected()
        drift_failed = 0
        if args.live:
            live = live_fixture(tmpdir)
            if live is None:
                return SKIP
            if live is False:
                return 1
            live_expected = corpus_file.read_expected(live)
            msgs = drift(expected, live_expected)
            for m in msgs:
                print("DRIFT " + m)
            if msgs:
                print("expected.txt no longer matches Scapy: regenerate it (see README.md)")
            drift_failed = len(msgs)
            print("drift check: %s" % ("%d difference(s)" % len(msgs) if msgs else "fixture matches Scapy"))
            expected = live_expected
        if args.pcap_dir:
            pcap_dir, build_errors = args.pcap_dir, {}
        else:
            pcap_dir = tmpdir
            try:
                build_errors = build_with_pktspec(os.path.abspath(args.pktspec), entries, tmpdir)
            except SetupError as exc:
                print("error: %s" % exc)
                return 2
        passed, failed = check_frames(entries, expected, pcap_dir, build_errors)
        if build_errors:
            print("%d of %d entries did not build with pktspec" % (len(build_errors), len(entries)))
        print("%d passed, %d failed" % (passed, failed + drift_failed))
        return 1 if failed or drift_failed else 0
    finally:
        if args.keep:
            print("kept %s" % tmpdir)
        else:
            shutil.rmtree(tmpdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
