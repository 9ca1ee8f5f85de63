#!/usr/bin/env python3
"""Bounded cost of names and diagnostics (issue 11, item 13): 100k bindings
check in linear time; errors are capped at 50 with a last "N more errors"
line; a long line is cut around the caret; control bytes are escaped.
    diag.py PKTSPEC"""
import os
import random
import resource
import subprocess
import sys
import tempfile

pktspec = sys.argv[1]
failed = []


def fail(msg):
    failed.append(msg)
    print("FAIL:", msg)


def check(path):
    """Runs pktspec check: (exit status, stderr bytes, CPU seconds)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        p = subprocess.run([pktspec, "check", path], stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, timeout=120)
    except subprocess.TimeoutExpired:
        fail(f"check {os.path.basename(path)} ran over 120 s")
        return None, b"", 120.0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return p.returncode, p.stderr, cpu


def blocks(err):
    return [l for l in err.split(b"\n") if b": error: " in l]


with tempfile.TemporaryDirectory() as tmp:
    def spec(name, data):
        path = os.path.join(tmp, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    # 100k bindings: linear (the audit's main took 67 s).
    path = spec("bind.pkt", "".join(f"x{i} = {i}\n" for i in range(100000)).encode())
    st, err, cpu = check(path)
    if st != 0:
        fail(f"100k bindings: exit {st}: {err[:200]!r}")
    if cpu > 5:
        fail(f"100k bindings took {cpu:.1f} s of CPU (bound 5 s)")

    # 50k errors: 50 shown, then one line for the rest.
    path = spec("errs.pkt", "".join(f"x{i} = = {i}\n" for i in range(50000)).encode())
    st, err, cpu = check(path)
    b = blocks(err)
    if st != 2:
        fail(f"50k errors: exit {st}")
    if len(b) != 51:
        fail(f"50k errors: {len(b)} error lines, not 50 and a summary")
    if not err.rstrip().endswith(b"errs.pkt: error: 49950 more errors (only the first 50 are shown)"):
        fail(f"50k errors: last line {err.rstrip().splitlines()[-1]!r}")
    if cpu > 5:
        fail(f"50k errors took {cpu:.1f} s of CPU (bound 5 s)")

    # 1 MB of random bytes: at most 51 blocks, no raw control byte echoed.
    rnd = random.Random(11)
    path = spec("random.pkt", bytes(rnd.getrandbits(8) for _ in range(1 << 20)))
    st, err, cpu = check(path)
    if st != 2 or len(blocks(err)) > 51:
        fail(f"random bytes: exit {st}, {len(blocks(err))} error lines")
    if len(err) > 100000:
        fail(f"random bytes: {len(err)} bytes of messages")
    if any(c < 0x20 and c not in (0x09, 0x0a) or c == 0x7f for c in err):
        fail("random bytes: a control byte reached the messages")

    # A 1 MB line with one mistake in the middle: cut around the caret.
    line = b"x = [" + b"1, " * 200000 + b"@" + b", 2" * 200000 + b"]\n"
    path = spec("long.pkt", line)
    st, err, cpu = check(path)
    lines = err.split(b"\n")
    if st != 2 or len(lines) < 3:
        fail(f"long line: exit {st}: {err[:200]!r}")
    else:
        echo, caret = lines[1], lines[2]
        if len(echo) > 220:
            fail(f"long line: the echo is {len(echo)} bytes")
        if not (echo.startswith(b"...") and echo.endswith(b"...")):
            fail(f"long line: the echo is not cut on both sides: {echo[:40]!r}...")
        if caret.strip() != b"^" or echo[len(caret) - 1:len(caret)] != b"@":
            fail(f"long line: the caret is not under the '@':\n{echo!r}\n{caret!r}")

    # Control bytes in a line are escaped, the caret still under the mistake.
    path = spec("ctl.pkt", b"x = 1 \x1b[2J\x07 + @\n")
    st, err, cpu = check(path)
    if b"\x1b" in err or b"\x07" in err:
        fail(f"control bytes echoed raw: {err!r}")
    if b"\\x1b[2J\\x07" not in err:
        fail(f"control bytes not escaped: {err!r}")
    for l in blocks(err):
        if b"'@'" in l:
            i = err.index(l)
            echo, caret = err[i:].split(b"\n")[1:3]
            if echo[len(caret) - 1:len(caret)] != b"@":
                fail(f"control bytes: the caret is not under the '@':\n{echo!r}\n{caret!r}")

print("ok: diagnostics" if not failed else f"{len(failed)} failures")
sys.exit(1 if failed else 0)
