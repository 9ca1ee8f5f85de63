"""Scapy's side of bench/mem.sh: the same stored packets as pktspec's.
  scapy_mem.py rdpcap FILE
  scapy_mem.py sniff N -i IFACE      (in the lab: pktspec run --lab --exec)
  scapy_mem.py sr N -i IFACE         (in the lab)
Prints "stored K" (how many packets it keeps). Addresses are the lab's, given
explicitly: Scapy resolves nothing by name."""
import logging
import sys

logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import ICMP, IP, conf, rdpcap, sniff, sr

conf.verb = 0
mode = sys.argv[1]
if mode == "rdpcap":
    kept = rdpcap(sys.argv[2])
elif mode == "sniff":
    kept = sniff(iface=sys.argv[4], filter="udp port 9", count=int(sys.argv[2]), timeout=15)
else:
    n = int(sys.argv[2])
    # threaded: it reads while it sends, or its socket's buffer overflows
    kept, _ = sr(IP(src="198.18.0.1", dst="198.18.0.2") / ICMP(id=0x2000, seq=(1, n)),
                 iface=sys.argv[4], timeout=3, verbose=0, threaded=True)
print("stored", len(kept))
