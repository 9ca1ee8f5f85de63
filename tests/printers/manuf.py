#!/usr/bin/python3
"""manuf.py PKTSPEC: SNAP's OUI printed as Scapy prints it with Wireshark's
manuf database (conf.manufdb): for every 50th OUI the file names, the OUIs
whose lines need Scapy's parsing rules (a '#' before the long name, no long
name, a later line for the same OUI), and OUIs it does not name, pktspec's
show() must print Scapy's text. Skipped (77) when the file is not installed.
Run inside an empty network namespace (unshare -n): Scapy is imported."""
import os
import re
import subprocess
import sys
import tempfile

MANUF = "/usr/share/wireshark/manuf"
if not os.path.exists(MANUF):
    print("skipped: %s is not installed" % MANUF)
    sys.exit(77)

from scapy.all import SNAP  # noqa: E402

keys = []
with open(MANUF, "rb") as f:
    for line in f:
        m = re.match(rb"([0-9A-F]{2}):([0-9A-F]{2}):([0-9A-F]{2})\s", line)
        if m:
            keys.append(int(b"".join(m.groups()), 16))
ouis = sorted(set(keys[::50] + [0, 0x0080c2, 0x123456, 0xfffffe, 0x00000c]))
spec = os.path.join(tempfile.mkdtemp(), "oui.pkt")
with open(spec, "w") as f:
    f.write("p = Ether(src=00:00:0c:01:02:03, dst=00:00:0c:01:02:04)/LLC()/SNAP(OUI=[%s])\n"
            % ", ".join("0x%06x" % o for o in ouis))
    f.write("for q in p { q.show() }\n")
run = subprocess.run([sys.argv[1], "run", spec, "--dry-run"], capture_output=True, text=True)
mine = [line.split("= ", 1)[1] for line in run.stdout.splitlines() if "OUI       =" in line]
field = SNAP.fields_desc[0]
theirs = [field.i2repr(None, o) for o in ouis]
bad = [(hex(o), m, t) for o, m, t in zip(ouis, mine, theirs) if m != t]
if run.returncode or len(mine) != len(ouis) or bad:
    print("exit %d, %d lines for %d OUIs" % (run.returncode, len(mine), len(ouis)))
    for b in bad[:10]:
        print("differ: %s pktspec %r Scapy %r" % b)
    sys.exit(1)
print("%d OUIs printed as Scapy prints them" % len(ouis))
