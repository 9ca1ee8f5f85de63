"""Scapy's text for the results pktspec printed (idioms_summary.pkt): reads
pktspec's output, rebuilds each pair (and each unanswered request) from the
bytes it printed with raw(), and prints what Scapy's SndRcvList and
PacketList print for them, section by section, in pktspec's layout; the
caller compares. Run inside `unshare -n`.
  idioms_summary.py PKTSPEC_OUTPUT"""
import ast
import sys
from scapy.all import IP, PacketList, SndRcvList, QueryAnswer, conf

conf.verb = 0


def sections(path):
    out, name = [], None
    for line in open(path):
        line = line.rstrip("\n")
        if line.startswith("--"):
            name = line
            out.append([name, []])
        elif name:
            out[-1][1].append(line)
    return out


def packet(line):
    # print(raw(p)) prints Python's str() of the bytes: b'E\x00...'
    data = ast.literal_eval(line)
    assert isinstance(data, bytes), line
    return IP(data)


secs = sections(sys.argv[1])
# each group of sections ends with its pairs: rebuild the group from them
group = []
for name, lines in secs:
    group.append((name, lines))
    if name not in ("--pairs", "--unans"):
        continue
    if name == "--pairs":
        pairs = [QueryAnswer(packet(lines[i]), packet(lines[i + 1]))
                 for i in range(0, len(lines), 2)]
        res = SndRcvList(pairs)
        prefix = ""
    else:
        res = PacketList([packet(l) for l in lines], name="Unanswered")
        prefix = "unans."
    for gname, _ in group:
        if gname in ("--pairs", "--unans"):
            continue
        print(gname)
        what = gname[2 + len(prefix):]
        if what == "print":
            print(res)
        else:
            getattr(res, what)()
    print(name)
    for l in lines:
        print(l)
    group = []
