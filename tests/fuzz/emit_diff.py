#!/usr/bin/python3
"""Differential fuzzing of `pktspec emit` (issue 11's audit harness): generated
and mutated specs, each emitted as a probe that must compile with
`cc -std=c11 -Wall -Wextra -Werror -pedantic` and whose `--pcap` capture,
`--dry-run` output, exit status and written files must be `pktspec run`'s,
byte for byte.

Why not libFuzzer: every input costs a C compile (a third of a second of
CPU), so an in-process harness would run a few inputs a second and learn
nothing from coverage. Instead this script spends a time budget on batches:
each batch is one spec of up to BATCH statements built from the Scapy vector
corpus (tests/vectors/corpus.txt) and the example specs' sends, mutated
(sets of two packets, count/inter, params in fields, tests with expects,
wrpcap, a changed number), filtered by `pktspec check` statement by
statement, so one compile covers many packets. Statements the emitter
refuses (exit 2, a filter known only at run time), or that fail at run time under
`pktspec run` too (exit 3), are dropped and the batch retried.

    emit_diff.py PKTSPEC SECONDS [--seed N] [--batches N] [--keep DIR]

Exit 1 on a finding: the spec and what differed are printed (and kept in
DIR). The seed is printed so a finding can be replayed.
"""
import argparse
import filecmp
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "vectors"))
from corpus_file import read_corpus  # noqa: E402

BATCH = 16
CFLAGS = ["-std=c11", "-Wall", "-Wextra", "-Werror", "-pedantic", "-O0"]


def run(cmd, cwd=None, timeout=60):
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def packets():
    """Packet expressions: the vector corpus's, and the sends of specs/."""
    out = [e.spec for e in read_corpus()]
    send = re.compile(r"^\s*sendp?\((.*)\)\s*$")
    for d, _, files in os.walk(os.path.join(ROOT, "specs")):
        for f in files:
            if f.endswith(".pkt"):
                for line in open(os.path.join(d, f), encoding="utf-8", errors="replace"):
                    m = send.match(line)
                    if m and "," not in m.group(1).split(")")[-1]:
                        out.append(m.group(1))
    return out


def mutate_number(rng, text):
    nums = list(re.finditer(r"(?<![0-9a-fA-F:.x])[0-9]{1,4}(?![0-9a-fA-F:.])", text))
    if not nums:
        return text
    m = rng.choice(nums)
    return text[:m.start()] + str(rng.choice([0, 1, 2, 7, 255, 256, 1000, int(m.group()) + 1])) + \
        text[m.end():]


def statement(rng, pkts, k):
    """One statement (and any params it needs) from packet expressions."""
    a, b = rng.choice(pkts), rng.choice(pkts)
    kind = rng.randrange(9)
    verb = "sendp" if a.lstrip().startswith(("Ether", "Dot1")) else "send"
    if kind == 0:
        return [], f"{verb}({mutate_number(rng, a)})"
    if kind == 1:
        return [], f"{verb}([{a}, {a}])"
    if kind == 2:
        return [], f"{verb}({a}, count={rng.randrange(1, 4)}, inter={rng.randrange(0, 3)}ms)"
    if kind == 3:
        return [], f"p{k} = {a}\n{verb}(p{k})"
    if kind == 4:
        m = re.search(r"\b(ttl|id|dport|sport|seq|tos)=([0-9]+)\b", a)
        if not m:
            return [], f"{verb}({a})"
        return [f"param q{k} = {m.group(2)}"], \
            f"{verb}({a[:m.start(2)]}q{k}{a[m.end(2):]})"
    if kind == 5:
        return [], f'test "t{k} {a[:40]}" {{\n    p{k} = {a}\n    expect len(p{k}) > 0\n' \
                   f'    {verb}(p{k})\n}}'
    if kind == 6:
        return [], f'wrpcap("w{k}.pcap", {a})'
    if kind == 7:
        return [], f"print(({a}).summary())"
    return [], f"{verb}({b})"


def checks(pktspec, work, params, stmt):
    path = os.path.join(work, "one.pkt")
    with open(path, "w") as f:
        f.write("\n".join(params + [stmt]) + "\n")
    rc, _, _ = run([pktspec, "check", path])
    return rc == 0


def compare(pktspec, spec, probe, work, args):
    """Runs pktspec run and the probe with args, each in a directory of its own."""
    res = []
    for name, cmd in (("side-ref", [pktspec, "run", spec] + args), ("side-probe", [probe] + args)):
        d = os.path.join(work, name)
        shutil.rmtree(d, ignore_errors=True)
        os.mkdir(d)
        rc, out, _ = run(cmd, cwd=d)
        with open(os.path.join(d, "stdout"), "wb") as f:
            f.write(out)
        res.append((rc, d))
    (rc1, d1), (rc2, d2) = res
    if rc1 != rc2:
        return f"exit {rc2}, pktspec run's {rc1}"
    f1, f2 = sorted(os.listdir(d1)), sorted(os.listdir(d2))
    if f1 != f2:
        return f"files {f2}, pktspec run's {f1}"
    for f in f1:
        if not filecmp.cmp(os.path.join(d1, f), os.path.join(d2, f), shallow=False):
            return f"{f} differs from pktspec run's"
    return None


def one_batch(pktspec, cc, rng, pkts, work):
    """Returns (spec text, finding or None); None, None when nothing ran."""
    params, stmts = [], []
    for k in range(BATCH * 2):
        if len(stmts) == BATCH:
            break
        ps, st = statement(rng, pkts, k)
        if checks(pktspec, work, params + ps, st):
            params += ps
            stmts.append(st)
    spec = os.path.join(work, "batch.pkt")
    csrc = os.path.join(work, "probe.c")
    for _ in range(3):
        text = "\n".join(params + stmts) + "\n"
        with open(spec, "w") as f:
            f.write(text)
        rc, _, err = run([pktspec, "emit", spec, "-o", csrc])
        if rc == 0:
            break
        refused = rc == 2 and b"a probe cannot" in err
        # a spec that fails at run time (exit 3) fails under pktspec run too
        failed = rc == 3 and run([pktspec, "run", spec, "--pcap", os.path.join(work, "x.pcap")],
                                 cwd=work)[0] == 3
        if not refused and not failed:
            return text, f"emit exited {rc}: {err.decode(errors='replace')[-2000:]}"
        # drop what the emitter refuses or what fails (its lines) and try again
        bad = {int(n) for n in re.findall(r"batch\.pkt:([0-9]+):[0-9]+: error", err.decode())}
        lines = text.split("\n")
        bad_text = {lines[n - 1] for n in bad if 0 < n <= len(lines)}
        stmts = [s for s in stmts if not any(b and b in s for b in bad_text)]
        if not stmts:
            return None, None
    else:
        return None, None
    probe = os.path.join(work, "probe")
    # the probe's C with the engine pktspec build links (engine/ beside pktspec)
    engine = os.path.join(os.path.dirname(pktspec), "engine")
    rc, _, err = run([cc] + CFLAGS + ["-I" + engine, csrc, "-o", probe,
                                      os.path.join(engine, "libpktspec-engine.a"), "-lm",
                                      "-lpthread"] + LDFLAGS, timeout=120)
    if rc != 0:
        return text, f"{cc} cannot compile the probe: {err.decode(errors='replace')[-3000:]}"
    for args in (["--pcap", "out.pcap"], ["--dry-run"]):
        why = compare(pktspec, spec, probe, work, args)
        if why:
            return text, f"{' '.join(args)}: {why}"
    return text, None


LDFLAGS = []


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pktspec")
    ap.add_argument("seconds", type=float)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--batches", type=int, default=0, help="stop after N batches (0: the time)")
    ap.add_argument("--keep", default=None)
    # the compiler and link flags the engine was built with (a sanitized engine
    # links the sanitizers' runtimes: CMake's PKTSPEC_ENGINE_LDFLAGS)
    ap.add_argument("--cc", default=None)
    ap.add_argument("--ldflags", default="")
    o = ap.parse_args()
    seed = o.seed if o.seed is not None else int(time.time())
    rng = random.Random(seed)
    cc = o.cc or shutil.which("gcc") or shutil.which("cc")
    global LDFLAGS
    LDFLAGS = o.ldflags.split()
    pkts = packets()
    end = time.monotonic() + o.seconds
    n = ran = 0
    with tempfile.TemporaryDirectory() as work:
        while time.monotonic() < end and (not o.batches or n < o.batches):
            n += 1
            text, finding = one_batch(os.path.abspath(o.pktspec), cc, rng, pkts, work)
            if text is None:
                continue
            ran += 1
            if finding:
                print(f"emit_diff: seed {seed}, batch {n}: {finding}\n--- spec ---\n{text}")
                if o.keep:
                    os.makedirs(o.keep, exist_ok=True)
                    shutil.copy(os.path.join(work, "batch.pkt"), o.keep)
                return 1
    print(f"emit_diff: seed {seed}: {ran} batches of up to {BATCH} statements, "
          "probes equal to pktspec run")
    return 0


if __name__ == "__main__":
    sys.exit(main())
