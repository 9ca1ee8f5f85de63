#!/usr/bin/env python3
"""check_formats.py PKTSPEC [NAME.pkt...]: the machine formats of every bad
spec here (all *.pkt when none is named).

For each spec, `check --format=json` and `--format=github` must equal the
goldens NAME.json and NAME.github, exit as the text format does (2), and
agree with the text format (the .err goldens, checked word for word by
run_errors.sh): the same diagnostics in the same order, with the same file,
line, column, severity and message (the JSON's message + " (" + hint + ")"
is the text's message). Every JSON line must parse and hold exactly the
keys; every github line must be a workflow command whose unescaped
properties and message are the JSON's. `run --dry-run --format=json` must
give check's JSON (one checker, one emitter). PKTSPEC_UPDATE_GOLDEN=1
rewrites the goldens instead (review the diff!)."""
import json
import os
import re
import subprocess
import sys

KEYS = ["file", "line", "column", "end_column", "severity", "message", "hint"]
HEAD = re.compile(r"^(\S+?):(\d+):(\d+): (error|warning): (.*)$")
HEAD0 = re.compile(r"^(\S+): (error|warning): (.*)$")
NOTE = re.compile(r"^note: imported from (.*):(\d+)$")
GH = re.compile(r"^::(error|warning|notice)(?: ([^:]*))?::(.*)$")


def text_items(err):
    """The diagnostics of the text format: (file, line, col, severity, message)."""
    items = []
    for ln in err.splitlines():
        m = HEAD.match(ln)
        if m:
            items.append((m[1], int(m[2]), int(m[3]), m[4], m[5]))
            continue
        m = NOTE.match(ln)
        if m:
            items.append((m[1], int(m[2]), None, "note", "imported from %s:%s" % (m[1], m[2])))
            continue
        m = HEAD0.match(ln)
        if m and m[1] != "note":
            items.append((m[1], None, None, m[2], m[3]))
    return items


def unescape(s, prop):
    s = s.replace("%0D", "\r").replace("%0A", "\n")
    if prop:
        s = s.replace("%3A", ":").replace("%2C", ",")
    return s.replace("%25", "%")


def run(bin_, args):
    p = subprocess.run([bin_] + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       timeout=60)
    return p.returncode, p.stderr.decode("utf-8")


def check_spec(bin_, spec, update):
    name = spec[:-4]
    defs = []
    if os.path.exists(name + ".defines"):
        with open(name + ".defines") as f:
            for d in f.read().splitlines():
                defs += ["-D", d]
    fails = []
    rc_t, text = run(bin_, ["check", spec] + defs)
    rc_j, js = run(bin_, ["check", spec, "--format=json"] + defs)
    rc_g, gh = run(bin_, ["check", spec, "--format", "github"] + defs)
    rc_r, rjs = run(bin_, ["run", spec, "--dry-run", "--format=json"] + defs)
    if update:
        for ext, out in (("json", js), ("github", gh)):
            with open(name + "." + ext, "w") as f:
                f.write(out)
    if not (rc_t == rc_j == rc_g == rc_r == 2):
        fails.append("exit statuses text %d json %d github %d run %d, want 2" %
                     (rc_t, rc_j, rc_g, rc_r))
    for ext, out in (("json", js), ("github", gh)):
        try:
            with open(name + "." + ext) as f:
                golden = f.read()
        except OSError:
            golden = None
        if golden != out:
            fails.append("stderr of --format=%s differs from %s.%s:\n%s" % (ext, name, ext, out))
    if rjs != js:
        fails.append("run --dry-run --format=json differs from check's:\n" + rjs)
    objs = []
    for ln in js.splitlines():
        try:
            o = json.loads(ln)
        except ValueError as e:
            fails.append("not JSON (%s): %r" % (e, ln))
            continue
        if list(o) != KEYS:
            fails.append("keys %s, want %s" % (list(o), KEYS))
            continue
        ok = (isinstance(o["file"], str) and o["severity"] in ("error", "warning", "note")
              and isinstance(o["message"], str) and o["message"]
              and (o["hint"] is None or isinstance(o["hint"], str))
              and all(o[k] is None or (isinstance(o[k], int) and o[k] > 0)
                      for k in ("line", "column", "end_column"))
              and (o["end_column"] is None or o["end_column"] > o["column"]))
        if not ok:
            fails.append("bad values: %r" % ln)
        objs.append(o)
    want = text_items(text)
    got = [(o["file"], o["line"], o["column"], o["severity"],
            o["message"] + (" (%s)" % o["hint"] if o["hint"] else "")) for o in objs]
    if not want or got != want:
        fails.append("JSON does not agree with the text format:\n  text %r\n  json %r" %
                     (want, got))
    ghs = []
    for ln in gh.splitlines():
        m = GH.match(ln)
        if not m:
            fails.append("not a workflow command: %r" % ln)
            continue
        props = dict(p.split("=", 1) for p in m[2].split(",")) if m[2] else {}
        sev = {"notice": "note"}.get(m[1], m[1])
        num = lambda k: int(props[k]) if k in props else None
        ghs.append((unescape(props.get("file", ""), True), num("line"), num("col"),
                    num("endColumn"), sev, unescape(m[3], False)))
    gwant = [(o["file"], o["line"], o["column"], o["end_column"], o["severity"],
              o["message"] + (" (%s)" % o["hint"] if o["hint"] else "")) for o in objs]
    if ghs != gwant:
        fails.append("github does not agree with JSON:\n  json %r\n  github %r" % (gwant, ghs))
    return fails


def extra_cases(bin_):
    """GitHub's escaping of properties and data, warnings and a run-time
    error with its place (run, exit 3 in every format)."""
    import tempfile
    fails = []
    with tempfile.TemporaryDirectory() as d:
        odd = os.path.join(d, "a,b:c%d.pkt")
        with open(odd, "w") as f:
            f.write('p = IP(dst="1%2,3:4")\n')
        rc, gh = run(bin_, ["check", "--format=github", odd])
        want = ("::error file=%s,line=1,col=12,endColumn=13::IP.dst: '1%%252,3:4' is not an "
                "IPv4 address\n" % odd.replace("%", "%25").replace(",", "%2C").replace(":", "%3A"))
        if rc != 2 or gh != want:
            fails.append("escaping: exit %d\n%r\nwant\n%r" % (rc, gh, want))
        w = os.path.join(d, "w.pkt")
        with open(w, "w") as f:
            f.write('p = Ether()/IP(dst=198.18.0.2)/ICMP()\nsendp(p)\nx = rdpcap("none.pcap")\n')
        outs = {}
        for fmt in ("text", "json", "github"):
            rc, outs[fmt] = run(bin_, ["run", w, "--dry-run", "--format=" + fmt])
            if rc != 3:
                fails.append("run-time error: --format=%s exit %d, want 3" % (fmt, rc))
        objs = [json.loads(ln) for ln in outs["json"].splitlines()]
        got = [(o["file"], o["line"], o["column"], o["severity"], o["message"]) for o in objs]
        if got != text_items(outs["text"]) or [o["severity"] for o in objs] != \
                ["warning"] * 3 + ["error"] or objs[3]["line"] != 3 or objs[3]["column"] != 5:
            fails.append("run's warnings and run-time error in JSON: %r" % got)
        if [ln.split(" ")[0] for ln in outs["github"].splitlines()] != \
                ["::warning"] * 3 + ["::error"]:
            fails.append("run's warnings and error in github: %r" % outs["github"])
    return fails


def main():
    bin_ = os.path.abspath(sys.argv[1])
    os.chdir(os.path.dirname(os.path.abspath(__file__)))
    specs = sys.argv[2:] or sorted(f for f in os.listdir(".") if f.endswith(".pkt"))
    update = os.environ.get("PKTSPEC_UPDATE_GOLDEN") == "1"
    failed = 0
    for spec in specs:
        for f in check_spec(bin_, spec, update):
            print("FAIL: %s: %s" % (spec, f))
            failed = 1
    for f in extra_cases(bin_):
        print("FAIL: %s" % f)
        failed = 1
    print("%d specs" % len(specs))
    return failed


if __name__ == "__main__":
    sys.exit(main())
