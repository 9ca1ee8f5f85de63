#!/usr/bin/python3
"""pairing.pkt's exchanges as Scapy 2.5 makes them, printed as pktspec
prints them: run by pairing.sh in the spec's namespace, on its veth.
   pairing.py IFACE"""
import sys

from scapy.all import ICMP, IP, IPerror, TCP, UDP, UDPerror, conf, sr  # noqa: F401

conf.verb = 0
iface, peer = sys.argv[1], "198.18.0.2"
conf.iface = iface
ttl_sweep = IP(dst=peer, ttl=(1, 4)) / UDP(sport=5000, dport=33434) / "probe"
udp_ports = IP(dst=peer, ttl=[1, 2]) / UDP(sport=5001, dport=[7001, 7002, 7003]) / "probe"
tcp_ports = IP(dst=peer, ttl=[1, 2]) / TCP(sport=6000, dport=[81, 82, 83], seq=1000, flags="S")


def udp(name, pkts, multi):
    ans, unans = sr(pkts, iface=iface, timeout=1, verbose=0, multi=multi)
    print("%s multi=%d" % (name, multi))
    for s, r in ans:
        print("pair", s[IP].ttl, s[UDP].dport, "<-", r[IPerror].ttl, r[UDPerror].dport)
    for u in unans:
        print("unans", u[IP].ttl, u[UDP].dport)


def tcp(name, pkts, multi):
    ans, unans = sr(pkts, iface=iface, timeout=1, verbose=0, multi=multi)
    print("%s multi=%d" % (name, multi))
    for s, r in ans:
        print("pair", s[IP].ttl, s[TCP].dport, "<-", r[TCP].sport, r[TCP].ack)
    for u in unans:
        print("unans", u[IP].ttl, u[TCP].dport)


udp("ttl-sweep", ttl_sweep, False)
udp("ttl-sweep", ttl_sweep, True)
udp("udp-ports", udp_ports, False)
udp("udp-ports", udp_ports, True)
tcp("tcp-ports", tcp_ports, False)
tcp("tcp-ports", tcp_ports, True)
