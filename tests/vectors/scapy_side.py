#!/usr/bin/python3
"""Builds every corpus entry's Scapy expression and writes the frames Scapy makes.

Run it only in an empty network namespace, so that nothing Scapy does can reach a network:
    unshare -n /usr/bin/python3 tests/vectors/scapy_side.py [--out FILE]
It writes expected.txt (or FILE): one line per frame, "name index hex", in corpus order,
frames of an implicit set in Scapy's own iteration order (list(pkt)). Nothing is sent:
frames are only built with bytes().

Each entry is built twice from a fresh evaluation: a frame that differs between the two
(a time- or random-dependent field left unset) is an error, since a fixture must be fixed.
An entry's check: condition (over `frames`) must hold, so a vector meant to carry a wrong
checksum really does.
"""

import argparse
import ipaddress
import os
import re
import sys

sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import corpus_file  # noqa: E402
import scapy_env  # noqa: E402

ALLOWED_NETS = [ipaddress.ip_network(n) for n in ("198.18.0.0/15", "192.0.2.0/24", "203.0.113.0/24")]
# Not lab addresses but not anybody's either: unspecified, limited broadcast, the
# link-local all-hosts group; and masks.
ALLOWED_SPECIAL = {"0.0.0.0", "255.255.255.255", "224.0.0.1"}
# Multicast groups name no host: the link-local block (224.0.0.0/24, IGMP's 224.0.0.2 and
# 224.0.0.22) and the administratively scoped one (239.0.0.0/8), for IGMP's group addresses.
ALLOWED_NETS += [ipaddress.ip_network(n) for n in ("224.0.0.0/24", "239.0.0.0/8")]
IPV4_RE = re.compile(r"(?<![\w.:])(\d{1,3}(?:\.\d{1,3}){3})(?![\w.])")
MAC_RE = re.compile(r"(?<![\w:])([0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5})(?![\w:])")


def address_problems(entry):
    """Addresses outside the lab/test ranges, in either side's text."""
    bad = []
    for side in (entry.spec, entry.scapy):
        for a in IPV4_RE.findall(side):
            if a in ALLOWED_SPECIAL or a.startswith("255."):
                continue
            try:
                ip = ipaddress.ip_address(a)
            except ValueError:
                bad.append(a)
                continue
            if not any(ip in n for n in ALLOWED_NETS):
                bad.append(a)
        for m in MAC_RE.findall(side):
            m = m.lower()
            if not (m.startswith("02:00:00:") or m == "ff:ff:ff:ff:ff:ff"):
                bad.append(m)
    return bad


def only_loopback():
    # if_nameindex() asks the kernel for this process's network namespace (a /sys listing
    # would show the host's interfaces inside `unshare -n`).
    import socket
    try:
        names = [n for _, n in socket.if_nameindex()]
    except OSError:
        return False
    return names in (["lo"], [])


def scapy_namespace():
    import logging
    logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
    # scapy.all and the contribs of pktspec's layers, as a script loads them
    ns = scapy_env.namespace()
    conf = ns["conf"]
    conf.verb = 0
    # An unset Ether.dst would make Scapy ARP; every vector gives it, so fail loudly instead.
    conf.raise_no_dst_mac = True
    return ns


def build(ns, expr):
    pkt = eval(expr, ns)
    # Build each generated packet exactly once: building mutates some layers (Scapy
    # rewrites IP.dst to the last LSRR/SSRR hop while checksumming the L4 layer).
    return [bytes(p) for p in pkt]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=corpus_file.EXPECTED, help="fixture to write (default: expected.txt)")
    ap.add_argument("--corpus", default=corpus_file.CORPUS)
    ap.add_argument("--selftest-pcap", metavar="FILE",
                    help="also write the frames of %s with Scapy's wrpcap to FILE"
                    % ", ".join(corpus_file.SELFTEST_ENTRIES))
    ap.add_argument("--pcap-dir", metavar="DIR",
                    help="also write each entry's frames with Scapy's wrpcap to DIR/<name>.pcap")
    args = ap.parse_args()

    if not only_loopback():
        sys.stderr.write("scapy_side.py: refusing to run with network interfaces present; run it as\n"
                         "  unshare -n /usr/bin/python3 %s\n" % sys.argv[0])
        return 2

    entries = corpus_file.read_corpus(args.corpus)
    ns = scapy_namespace()
    errors = []
    results = []
    for e in entries:
        bad = address_problems(e)
        if bad:
            errors.append("%s: addresses outside the lab/test ranges: %s" % (e.name, ", ".join(bad)))
        try:
            # An "unresolved_" entry is about what Scapy fills in when nothing
            # resolves Ether.dst (and it asks no one: see corpus.txt).
            ns["conf"].raise_no_dst_mac = not e.name.startswith("unresolved_")
            frames = build(ns, e.scapy)
            again = build(ns, e.scapy)
        except Exception as exc:  # report every broken entry, not only the first
            errors.append("%s: Scapy cannot build it: %s: %s" % (e.name, type(exc).__name__, exc))
            continue
        if not frames:
            errors.append("%s: builds no frame" % e.name)
        if frames != again:
            errors.append("%s: not reproducible (a field depends on time or chance)" % e.name)
        if e.check:
            try:
                ok = eval(e.check, {"frames": frames, "bytes": bytes, "len": len, "list": list,
                                    "range": range, "all": all})
            except Exception as exc:
                ok = False
                errors.append("%s: check raised %s: %s" % (e.name, type(exc).__name__, exc))
            if not ok:
                errors.append("%s: check failed: %s\n    frames: %s"
                              % (e.name, e.check, " ".join(f.hex() for f in frames)))
        results.append((e.name, frames))

    if errors:
        for msg in errors:
            sys.stderr.write("error: %s\n" % msg)
        sys.stderr.write("%d error(s); %s not written\n" % (len(errors), args.out))
        return 1

    text = corpus_file.format_expected(results)
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="ascii") as f:
        f.write(text)
    os.replace(tmp, args.out)

    by_name = dict(results)
    wrpcap = ns["wrpcap"]
    if args.selftest_pcap:
        pkts = []
        for name in corpus_file.SELFTEST_ENTRIES:
            pkts.extend(eval(next(x.scapy for x in entries if x.name == name), ns))
        wrpcap(args.selftest_pcap, pkts)
    if args.pcap_dir:
        os.makedirs(args.pcap_dir, exist_ok=True)
        for e in entries:
            wrpcap(os.path.join(args.pcap_dir, e.name + ".pcap"), list(eval(e.scapy, ns)))

    nframes = sum(len(f) for f in by_name.values())
    print("%d entries, %d frames written to %s" % (len(results), nframes, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
