#!/usr/bin/python3
"""Compares `CMD LAYER` (pktspec ls LAYER, or tests/ls/ls_driver) with Scapy's
ls(LAYER) for every layer CMD lists (`CMD` alone prints "NAME : long name"
lines, as Scapy's ls() does).

  compare_ls.py [--live | --update] GOLDEN_DIR CMD [ARGS...]

Without a flag it compares with the checked-in golden files (Scapy 2.5.0's
output). --live compares with the installed Scapy instead (exit 77, skipped,
when /usr/bin/python3 cannot import scapy); --update rewrites the golden
files from it. Scapy runs in an empty network namespace (unshare -n).
"""
import os
import re
import subprocess
import sys

SCAPY_LS = r"""
import builtins
import sys
sys.dont_write_bytecode = True
sys.path.insert(0, %r)
import scapy_env
scapy_env.load(names=sys.argv[1:])  # the contribs of the layers listed: into builtins
from scapy.all import ls
import scapy.all as s
for name in sys.argv[1:]:
    print("=== " + name)
    ls(getattr(s, name, None) or getattr(builtins, name))
""" % os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")

# ICMPTimeStampField defaults are the time of day Scapy was started at.
TIME_DEFAULT = re.compile(r"^(ts_ori|ts_rx|ts_tx)( .*= \(')\d+('\))$")


def normalize(text):
    return "\n".join(TIME_DEFAULT.sub(r"\1\2N\3", line) for line in text.splitlines()) + "\n"


def run(cmd):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        sys.exit("%s failed (%d): %s" % (" ".join(cmd), r.returncode, r.stderr.strip()))
    return r.stdout


def scapy_can_import():
    r = subprocess.run(["/usr/bin/python3", "-c", "import scapy.all"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return r.returncode == 0


def scapy_ls(layers):
    cmd = ["/usr/bin/python3", "-c", SCAPY_LS] + layers
    try:
        r = subprocess.run(["unshare", "-n"] + cmd, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    except FileNotFoundError:
        r = None
    if r is None or r.returncode != 0:
        print("cannot run Scapy in an empty network namespace (unshare -n)", file=sys.stderr)
        sys.exit(77)
    out, cur = {}, None
    for line in r.stdout.splitlines(keepends=True):
        if line.startswith("=== "):
            cur = line[4:].strip()
            out[cur] = ""
        elif cur:
            out[cur] += line
    return out


def main():
    args = sys.argv[1:]
    mode = "golden"
    if args and args[0] in ("--live", "--update"):
        mode = args.pop(0)[2:]
    if len(args) < 2:
        sys.exit(__doc__)
    golden_dir, cmd = args[0], args[1:]

    layers = [line.split(":")[0].strip() for line in run(cmd).splitlines() if ":" in line]
    if not layers:
        sys.exit("%s lists no layers" % " ".join(cmd))

    if mode in ("live", "update"):
        if not scapy_can_import():
            print("scapy is not importable by /usr/bin/python3: skipped", file=sys.stderr)
            sys.exit(77)
        expected = scapy_ls(layers)
        if mode == "update":
            for name in layers:
                with open(os.path.join(golden_dir, name + ".txt"), "w") as f:
                    f.write(expected[name])
            print("wrote %d golden files" % len(layers))
            return 0
    else:
        expected = {}
        for name in layers:
            path = os.path.join(golden_dir, name + ".txt")
            if not os.path.exists(path):
                print("no golden file for layer %s (%s)" % (name, path))
                expected[name] = None
                continue
            with open(path) as f:
                expected[name] = f.read()

    bad = 0
    for name in layers:
        want = expected.get(name)
        got = run(cmd + [name])
        if want is None or normalize(got) != normalize(want):
            bad += 1
            print("--- ls(%s) differs" % name)
            print("expected (Scapy):\n%s" % (want or "(nothing)"))
            print("got:\n%s" % got)
    print("%d layers compared, %d differ" % (len(layers), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
