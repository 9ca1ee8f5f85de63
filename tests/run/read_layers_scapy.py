"""The Scapy side of read_layers.sh: reads CAPTURE with AppHdr declared as
specs/suite/lib/common.pkt declares it, and prints each packet's summary()
then show(), as `pktspec read --summary` and `--show` print them.
Run inside an empty network namespace: unshare -n /usr/bin/python3."""
import sys

from scapy.all import (ByteEnumField, ByteField, IntField, Packet, ShortField, StrField, UDP,
                       bind_layers, rdpcap)


class AppHdr(Packet):
    name = "AppHdr"
    fields_desc = [
        ByteField("version", 1),
        ByteEnumField("op", 0, {0: "hello", 1: "data", 2: "bye"}),
        ShortField("length", None),
        IntField("session", 0),
        StrField("payload", ""),
    ]


bind_layers(UDP, AppHdr, dport=5050)

pkts = rdpcap(sys.argv[1])
mode = sys.argv[2]
for p in pkts:
    if mode == "summary":
        print(p.summary())
    else:
        p.show()
