#!/usr/bin/python3
"""Writes the printers' golden files from Scapy 2.5.0 itself.

Run it with no network (Scapy may otherwise ARP while building):
    unshare -n /usr/bin/python3 tests/printers/gen_golden.py [--out DIR] [--pcap FILE]

Frames: every frame of tests/vectors/expected.txt (its link type is the one
Scapy's wrpcap gives the entry's first layer), then the frames of fuzz.pcap:
Scapy's fuzz() over the same layers with a fixed seed ("fuzz.N"), then some
of them cut short ("cut.N"), then issue 16's frames cut inside their layers ("cut16.*"). fuzz.pcap is written only when it is missing or --fuzz-again is given,
so the goldens always describe the checked-in capture.

Each frame is dissected as rdpcap would (the link type's class, Raw when it
raises) and these files are written into DIR (default: next to this script):
  frames.txt      "<name> <linktype> <hex>" per frame, in order
  show.golden     "-- <name>" then the text show() prints (with its blank line)
  repr.golden     "<name> <repr(pkt)>" per frame
  summary.golden  "<name> <pkt.summary()>" per frame
  ls.golden       "-- <name>" then what ls(pkt) prints
"""
import argparse
import contextlib
import io
import os
import random
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.join(HERE, "..", "vectors")
sys.path.insert(0, VECTORS)
import corpus_file  # noqa: E402

import logging  # noqa: E402
logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import (ARP, ICMP, IP, TCP, UDP, Dot1Q, Ether, Raw, IPerror, UDPerror,  # noqa: E402
                       TCPerror, IPOption_NOP, IPOption_RR, IPOption_Timestamp, IPOption_EOL,
                       IPOption_Router_Alert, IPOption_Security, IPOption_LSRR, conf, fuzz,
                       RawPcapReader, RawPcapWriter, ls)
from scapy.themes import NoTheme  # noqa: E402
sys.path.append(os.path.join(HERE, ".."))
import scapy_env  # noqa: E402
scapy_env.load()  # the contribs of pktspec's layers (tests/scapy_env.py), as a script loads them

conf.color_theme = NoTheme()
conf.verb = 0

A, B = "198.18.0.1", "198.18.0.2"
E = dict(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")
SEED = 20240501
WHOLE = 150   # fuzz.pcap: this many whole frames ("fuzz.N"), then frames cut short ("cut.N")


def vector_frames():
    """(name, linktype, bytes) for every frame of expected.txt."""
    ns = {}
    exec("from scapy.all import *", ns)
    ns["conf"].raise_no_dst_mac = True
    entries = {e.name: e for e in corpus_file.read_corpus()}
    out = []
    for name, frames in corpus_file.read_expected().items():
        first = next(iter(eval(entries[name].scapy, ns)))
        linktype = conf.l2types.layer2num.get(type(first), 1)
        for i, data in enumerate(frames):
            out.append(("%s.%d" % (name, i), linktype, data))
    return out


def fuzz_packets():
    """Scapy's fuzz() over the corpus' layers; the addresses stay fixed."""
    random.seed(SEED)
    ip = dict(src=A, dst=B, frag=0)
    opts = [IPOption_NOP(), IPOption_RR(routers=["198.18.0.9"]), IPOption_Router_Alert()]
    templates = [
        lambda: Ether(**E) / fuzz(IP(**ip) / TCP()),
        lambda: Ether(**E) / fuzz(IP(**ip) / TCP() / Raw()),
        lambda: Ether(**E) / fuzz(IP(**ip) / UDP() / Raw()),
        lambda: Ether(**E) / fuzz(IP(**ip) / ICMP()),
        lambda: Ether(**E) / fuzz(IP(**ip) / ICMP() / Raw()),
        lambda: Ether(**E) / IP(src=B, dst=A) / fuzz(ICMP(type=3)) / fuzz(IPerror(src=A, dst=B, frag=0) / UDPerror()),
        lambda: Ether(**E) / IP(src=B, dst=A) / fuzz(ICMP(type=11)) / fuzz(IPerror(src=A, dst=B, frag=0) / TCPerror()),
        lambda: Ether(**E) / fuzz(ARP(hwtype=1, ptype=0x800, hwlen=6, plen=4, psrc=A, pdst=B,
                                      hwsrc=E["src"])),
        lambda: Ether(**E) / fuzz(Dot1Q() / IP(**ip) / UDP()),
        lambda: Ether(**E) / fuzz(Dot1Q(type=0x800)) / IP(src=A, dst=B) / fuzz(TCP()),
        lambda: Ether(**E) / fuzz(IP(options=list(opts), **ip) / TCP()),
        lambda: Ether(**E) / fuzz(IP(options=[IPOption_Timestamp(flg=1)], **ip) / UDP()),
        lambda: Ether(**E) / fuzz(IP(options=[IPOption_Security(), IPOption_EOL()], **ip) / ICMP()),
        lambda: Ether(**E) / fuzz(IP(options=[IPOption_LSRR(routers=["198.18.0.7", "198.18.0.8"])], **ip) / UDP()),
        lambda: Ether(**E) / fuzz(IP(src=A, dst=B)),
    ]
    frames = []
    while len(frames) < WHOLE:
        for t in templates:
            frames.append(bytes(t()))
    # Some cut short, to print what a frame did not hold.
    for k in range(30):
        f = random.choice(frames[:WHOLE])
        frames.append(f[:random.randint(1, len(f) - 1)])
    return frames


# issue 16's layers (helper l3), each frame also cut short inside them: one,
# five and half of their bytes off ("cut16.<entry>.<length>").
ISSUE16_ENTRIES = ("ipsec_", "igmp", "mldv2_", "ndopt_", "isakmp_", "dns_edns0", "dns_nsec3")
ISSUE16_ENTRIES = ("ipsec_", "igmp", "mldv2_", "ndopt_", "rip_auth", "ntp_")
ISSUE16_ENTRIES = ("ipsec_", "igmp", "mldv2_", "ndopt_", "radius_", "nbns_query_request",
                   "nbns_node", "nbns_registration", "nbns_wack", "nbt_")
ISSUE16_ENTRIES = ("ipsec_", "igmp", "mldv2_", "ndopt_", "srh_", "mip6_", "ni_",
                   "ecs_", "tftp_")


def issue16_cuts(frames):
    out = []
    for name, lt, data in frames:
        if not name.startswith(ISSUE16_ENTRIES):
            continue
        for n in sorted({len(data) - 1, len(data) - 5, 34 + (len(data) - 34) // 2}):
            out.append(("cut16.%s.%d" % (name, n), lt, data[:n]))
    return out


def dissect(linktype, data):
    cls = conf.l2types.num2layer.get(linktype, conf.raw_layer)
    try:
        return cls(data)
    except Exception:
        return conf.raw_layer(data)


def ls_text(pkt):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        ls(pkt)
    return buf.getvalue()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=HERE, help="directory for the golden files")
    ap.add_argument("--pcap", default=os.path.join(HERE, "fuzz.pcap"), help="the fuzz capture")
    ap.add_argument("--fuzz-again", action="store_true", help="rewrite the fuzz capture")
    args = ap.parse_args()

    if args.fuzz_again or not os.path.exists(args.pcap):
        with RawPcapWriter(args.pcap, linktype=1) as w:
            w.write_header(None)
            for i, f in enumerate(fuzz_packets()):
                w.write_packet(f, sec=1700000000 + i, usec=0)
    frames = vector_frames()
    reader = RawPcapReader(args.pcap)
    for i, (data, _) in enumerate(reader):
        frames.append(("fuzz.%d" % (i + 1) if i < WHOLE else "cut.%d" % (i + 1 - WHOLE), 1, data))
    reader.close()
    frames += issue16_cuts(frames)

    os.makedirs(args.out, exist_ok=True)
    files = {n: open(os.path.join(args.out, n), "w", encoding="utf-8")
             for n in ("frames.txt", "show.golden", "repr.golden", "summary.golden", "ls.golden")}
    files["frames.txt"].write("# <name> <linktype> <frame as hex>; generated by gen_golden.py\n")
    for name, lt, data in frames:
        pkt = dissect(lt, data)
        try:
            texts = (pkt.show(dump=True), repr(pkt), pkt.summary(), ls_text(pkt))
        except TypeError:
            # Scapy 2.5's ls() raises on an NTP timestamp the frame ended
            # before (FixedPointField.i2h(None)): no golden for such a frame.
            continue
        except Exception:
            # A cut frame Scapy's own printers raise on (ls() of a node
            # information name cut before its end: dnsrepr2names finds none):
            # nothing to compare it with.
            if name.startswith("cut16."):
                continue
            raise
        files["frames.txt"].write("%s %d %s\n" % (name, lt, data.hex() or "-"))
        files["show.golden"].write("-- %s\n%s\n" % (name, texts[0]))
        files["repr.golden"].write("%s %s\n" % (name, texts[1]))
        files["summary.golden"].write("%s %s\n" % (name, texts[2]))
        files["ls.golden"].write("-- %s\n%s" % (name, texts[3]))
    for f in files.values():
        f.close()
    print("%d frames" % len(frames))
    return 0


if __name__ == "__main__":
    sys.exit(main())
