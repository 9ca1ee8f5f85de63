#!/usr/bin/python3
"""`pktspec read` end to end, on fuzz.pcap (the goldens' fuzz.N and cut.N
frames) and on captures made from it:

  --summary (the default), --show   Scapy's text of each packet (the goldens)
  --command                         the text print_check prints for it
  --hexdump                         Scapy's hexdump() of each packet's bytes
  --json                            one valid object per line, in order, with
                                    the packet's record data and layer classes
  -c N, -f BPF                      stop after N; only the packets BPF keeps
  a pcapng file                     tests/decode/scapy.pcapng
  errors                            missing file (3), bad filter (2), damaged
                                    capture: every good packet, then the error (3)

    check_read.py PKTSPEC PRINT_CHECK DIR
Last line: "N passed, M failed". Standard library only.
"""
import json
import os
import re
import struct
import subprocess
import sys
import tempfile

results = []


def check(name, ok, detail=""):
    results.append(ok)
    if not ok:
        print("FAIL %s%s" % (name, ("\n  " + detail) if detail else ""))


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


def golden_lines(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            name, _, text = line.rstrip("\n").partition(" ")
            out[name] = text
    return out


def golden_blocks(path):
    out, name = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("-- ") and line[3:].strip() and " " not in line[3:].strip():
                name = line[3:].strip()
                out[name] = ""
            else:
                out[name] += line
    return out


def hexdump(data):
    lines = []
    for i in range(0, len(data), 16):
        chunk = data[i:i + 16]
        cells = "".join("%02X " % b for b in chunk) + "   " * (16 - len(chunk))
        text = "".join(chr(b) if 32 <= b < 127 else "." for b in chunk)
        lines.append("%04x  %s %s\n" % (i, cells, text))
    return "".join(lines) or "\n"


def read_records(path):
    with open(path, "rb") as f:
        data = f.read()
    recs, off = [], 24
    while off + 16 <= len(data):
        sec, usec, incl, orig = struct.unpack("<IIII", data[off:off + 16])
        recs.append((sec, usec, data[off + 16:off + 16 + incl], orig))
        off += 16 + incl
    return data[:24], recs


def main():
    pktspec, print_check, here = sys.argv[1:4]
    pcap = os.path.join(here, "fuzz.pcap")
    names = [l.split()[0] for l in open(os.path.join(here, "frames.txt"))
             if l.startswith(("fuzz.", "cut."))]
    xfail = {l.split()[0] for l in open(os.path.join(here, "decode-xfail.txt"))
             if l.strip() and not l.startswith("#")}
    header, recs = read_records(pcap)
    check("fuzz.pcap holds the goldens' fuzz frames", len(recs) == len(names))

    # Scapy's text, packet by packet.
    r = run([pktspec, "read", pcap])
    lines = r.stdout.split("\n")[:-1]
    summary = golden_lines(os.path.join(here, "summary.golden"))
    check("read: exit 0", r.returncode == 0, r.stderr)
    check("read: a line per packet", len(lines) == len(names), "%d lines" % len(lines))
    for name, line in zip(names, lines):
        if name not in xfail:
            check("read --summary " + name, line == summary[name], "%r\n  %r" % (line, summary[name]))

    r = run([pktspec, "read", pcap, "--show"])
    blocks = r.stdout.split("\n\n")[:-1]
    show = golden_blocks(os.path.join(here, "show.golden"))
    check("read --show: a block per packet", len(blocks) == len(names), "%d blocks" % len(blocks))
    for name, block in zip(names, blocks):
        if name not in xfail:
            check("read --show " + name, block + "\n\n" == show[name])

    r = run([pktspec, "read", pcap, "--command"])
    mine = golden_lines_from(run([print_check, "print", here, "command"]).stdout)
    for name, line in zip(names, r.stdout.split("\n")):
        check("read --command " + name, line == mine[name])

    r = run([pktspec, "read", pcap, "--hexdump"])
    check("read --hexdump", r.stdout == "".join(hexdump(d) for _, _, d, _ in recs))

    r = run([pktspec, "read", pcap, "--json"])
    reprs = golden_lines(os.path.join(here, "repr.golden"))
    jlines = r.stdout.split("\n")[:-1]
    check("read --json: a line per packet", len(jlines) == len(names))
    for i, (name, line, rec) in enumerate(zip(names, jlines, recs)):
        try:
            obj = json.loads(line)
        except ValueError as e:
            check("read --json %s parses" % name, False, "%s: %s" % (e, line[:200]))
            continue
        want = {"packet": i + 1, "time": rec[0] + rec[1] / 1e6, "caplen": len(rec[2]),
                "wirelen": rec[3], "linktype": 1}
        check("read --json %s record" % name, all(obj.get(k) == v for k, v in want.items()),
              str({k: obj.get(k) for k in want}))
        if name not in xfail:
            classes = re.findall(r"(?:^|\|)<(\w+) ", reprs[name])
            check("read --json %s layers" % name, [l["layer"] for l in obj["layers"]] == classes,
                  "%s vs %s" % ([l["layer"] for l in obj["layers"]], classes))

    # -c and -f
    r = run([pktspec, "read", pcap, "-c", "7"])
    check("read -c 7", r.stdout.split("\n")[:-1] == lines[:7])
    bpf = "ether[12:2] = 0x800 and ether[23] = 17"
    keep = [i for i, (_, _, d, _) in enumerate(recs) if len(d) >= 24 and d[12:14] == b"\x08\x00"
            and d[23] == 17]
    r = run([pktspec, "read", pcap, "-f", bpf])
    check("read -f (%d of %d kept)" % (len(keep), len(recs)),
          r.stdout.split("\n")[:-1] == [lines[i] for i in keep] and 0 < len(keep) < len(recs))
    r = run([pktspec, "read", pcap, "-f", bpf, "-c", "2", "--command"])
    check("read -f -c 2", len(r.stdout.split("\n")[:-1]) == 2)

    # pcapng
    decode_dir = os.path.join(here, "..", "decode")
    r = run([pktspec, "read", os.path.join(decode_dir, "scapy.pcapng")])
    with open(os.path.join(decode_dir, "summary.golden")) as f:
        first = [next(f).rstrip("\n") for _ in range(3)]
    check("read a pcapng file", r.returncode == 0 and r.stdout.split("\n")[:-1] == first, r.stdout)

    # errors
    with tempfile.TemporaryDirectory() as tmp:
        missing = os.path.join(tmp, "missing.pcap")
        r = run([pktspec, "read", missing])
        check("missing file: exit 3 and a message naming it",
              r.returncode == 3 and r.stderr.startswith("pktspec: error: " + missing) and not r.stdout,
              r.stderr)
        r = run([pktspec, "read", pcap, "-f", "tcp port nonsense"])
        check("bad filter: exit 2", r.returncode == 2 and "filter" in r.stderr and not r.stdout,
              r.stderr)
        r = run([pktspec, "read", pcap, "--show", "--json"])
        check("two printing modes: exit 2", r.returncode == 2)
        r = run([pktspec, "read"])
        check("no capture: exit 2", r.returncode == 2)
        # The last record cut in the middle.
        cut = os.path.join(tmp, "cut.pcap")
        with open(pcap, "rb") as f:
            data = f.read()
        with open(cut, "wb") as f:
            f.write(data[:-5])
        r = run([pktspec, "read", cut])
        n = len(recs)
        check("damaged capture (end): every good packet, then the error, exit 3",
              r.returncode == 3 and r.stdout.split("\n")[:-1] == lines[:n - 1]
              and r.stderr.startswith("pktspec: error: %s: packet %d: " % (cut, n)),
              "exit %d, %d lines, %r" % (r.returncode, len(r.stdout.split("\n")) - 1, r.stderr))
        # A record header in the middle that claims more than a frame can hold.
        bad = os.path.join(tmp, "bad.pcap")
        off = 24 + sum(16 + len(d) for _, _, d, _ in recs[:10])
        with open(bad, "wb") as f:
            f.write(data[:off] + struct.pack("<IIII", 0, 0, 0x7fffffff, 0x7fffffff) + data[off + 16:])
        r = run([pktspec, "read", bad])
        check("damaged capture (middle): 10 packets, then the error naming packet 11",
              r.returncode == 3 and r.stdout.split("\n")[:-1] == lines[:10]
              and r.stderr.startswith("pktspec: error: %s: packet 11: " % bad),
              "exit %d, %r" % (r.returncode, r.stderr))
        # Not a capture at all.
        junk = os.path.join(tmp, "junk.pcap")
        with open(junk, "w") as f:
            f.write("not a capture\n")
        r = run([pktspec, "read", junk])
        check("not a capture: exit 3", r.returncode == 3 and r.stderr.startswith("pktspec: error: "),
              r.stderr)

    failed = results.count(False)
    print("%d passed, %d failed" % (len(results) - failed, failed))
    return 1 if failed else 0


def golden_lines_from(text):
    out = {}
    for line in text.split("\n"):
        name, _, rest = line.partition(" ")
        out[name] = rest
    return out


if __name__ == "__main__":
    sys.exit(main())
