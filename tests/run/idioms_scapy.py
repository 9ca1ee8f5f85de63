"""Checks pktspec's Scapy idioms against Scapy (run inside `unshare -n`).
  idioms_scapy.py ranges RANGES.pcap: the frames are Scapy's for the same
    tuple ranges (idioms/ranges.pkt), byte for byte, in Scapy's order.
  idioms_scapy.py rand RAND.pcap: each RandX value is in its range, varies
    over the packets, and every checksum and length is the one Scapy computes."""
import sys
from scapy.all import Ether, IP, ICMP, TCP, UDP, rdpcap, raw

E = dict(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")
A = dict(src="198.18.0.1", dst="198.18.0.2")


def ranges(path):
    q = IP(**A) / ICMP(id=9) / "abc"
    want = list(Ether(**E) / IP(ttl=(1, 10), **A) / ICMP(id=7, seq=(1, 2)))
    want += list(Ether(**E) / IP(tos=(0, 2), **A) /
                 TCP(sport=1234, dport=(79, 81), flags="S",
                     options=[("MSS", 1460), ("Timestamp", (1, 0))]))
    want += [Ether(**E) / IP(**A) / UDP(sport=5, dport=6) / raw(q)]
    got = rdpcap(path)
    assert len(got) == len(want), "%d frames, Scapy makes %d" % (len(got), len(want))
    for i, (g, w) in enumerate(zip(got, want)):
        assert raw(g) == raw(w), "frame %d: %s, Scapy: %s" % (i, raw(g).hex(), raw(w).hex())


def rand(path):
    got = rdpcap(path)
    assert len(got) == 40, len(got)
    seen = {k: set() for k in ("mac", "ip", "id", "ttl", "sport", "dport")}
    for p in got:
        assert 30 <= p[IP].ttl <= 32 and 1000 <= p[UDP].dport <= 1002
        assert 0 <= p[IP].id <= 255
        for k, v in (("mac", p.src), ("ip", p[IP].src), ("id", p[IP].id), ("ttl", p[IP].ttl),
                     ("sport", p[UDP].sport), ("dport", p[UDP].dport)):
            seen[k].add(v)
        again = p.copy()
        del again[IP].chksum, again[IP].len, again[UDP].chksum, again[UDP].len
        assert raw(again) == raw(p), "checksums or lengths are not Scapy's: " + p.summary()
    assert len(seen["ttl"]) == 3 and len(seen["dport"]) == 3, seen
    for k in ("mac", "ip", "id", "sport"):
        assert len(seen[k]) > 20, "%s hardly varies: %s" % (k, seen[k])


{"ranges": ranges, "rand": rand}[sys.argv[1]](sys.argv[2])
print("ok")
