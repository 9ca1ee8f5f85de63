#!/usr/bin/python3
# Writes cases.txt: request/reply pairs with what Scapy 2.5.0 says of them
# (hashret() of each, and reply.answers(request)), the matrix of
# scapy-2.5-behaviour.md section 2.3. Run it in an empty network namespace:
#   unshare -n /usr/bin/python3 gen_cases.py > cases.txt
# Every address is given, so Scapy resolves nothing.
import sys
from scapy.all import Ether, Dot1Q, ARP, IP, ICMP, TCP, UDP, Raw, conf
from scapy.layers.inet import IPerror, TCPerror, UDPerror, ICMPerror
from scapy.layers.inet6 import (IPv6, IPv6ExtHdrHopByHop, IPv6ExtHdrFragment, IPv6ExtHdrRouting,
                                ICMPv6EchoRequest, ICMPv6EchoReply, ICMPv6DestUnreach,
                                ICMPv6TimeExceeded, ICMPv6PacketTooBig, ICMPv6ND_NS, ICMPv6ND_NA,
                                ICMPv6ND_RS, ICMPv6ND_RA, ICMPv6NDOptSrcLLAddr, ICMPv6NDOptDstLLAddr,
                                ICMPv6MLQuery, ICMPv6MLReport, ICMPv6MLDone)
from scapy.layers.dns import DNS, DNSQR, DNSRR
from scapy.layers.l2 import Dot1AD
from scapy.layers.dhcp import BOOTP, DHCP
from scapy.main import load_contrib
load_contrib("geneve")
from scapy.contrib.geneve import GENEVE  # noqa: E402

A, B, R = "10.0.0.1", "10.0.0.2", "10.0.0.254"
MA, MB = "02:00:00:00:00:01", "02:00:00:00:00:02"


def l3(p, src, dst):
    return Ether(src=src, dst=dst) / p


cases = []


def case(name, level, req, rep):
    """level 3: sr() (hashret and answers from IP up); level 2: srp()."""
    breq, brep = bytes(req), bytes(rep)
    dreq, drep = Ether(breq), Ether(brep)
    if level == 3:
        dreq, drep = dreq.payload, drep.payload
    cases.append((name, level, breq.hex(), brep.hex(), dreq.hashret().hex(),
                  drep.hashret().hex(), int(bool(drep.answers(dreq)))))


syn = IP(src=A, dst=B) / TCP(sport=40000, dport=80, flags="S", seq=1000)
q = l3(syn, MA, MB)


def tcp_rep(**kw):
    args = dict(sport=80, dport=40000, flags="SA", seq=5000, ack=1001)
    args.update(kw)
    return l3(IP(src=B, dst=A) / TCP(**args), MB, MA)


case("syn-sa-ack+1", 3, q, tcp_rep())
case("syn-sa-ack+2", 3, q, tcp_rep(ack=1002))
case("syn-sa-ack+3", 3, q, tcp_rep(ack=1003))
case("syn-ra", 3, q, tcp_rep(flags="RA", seq=0))
case("syn-bare-rst", 3, q, tcp_rep(flags="R", seq=0, ack=0))
case("syn-sa-wrong-sport", 3, q, tcp_rep(sport=81))
case("syn-sa-other-ip", 3, q, l3(IP(src=R, dst=A) / TCP(sport=80, dport=40000, flags="SA", ack=1001), MB, MA))
case("syn-syn", 3, q, tcp_rep(flags="S", ack=0))
quoted = IP(bytes(syn))
case("syn-time-exceeded", 3, q,
     l3(IP(src=R, dst=A) / ICMP(type=11, code=0) / bytes(quoted)[:28], MB, MA))
case("syn-host-unreach", 3, q,
     l3(IP(src=R, dst=A) / ICMP(type=3, code=1) / bytes(quoted)[:28], MB, MA))
rewritten = quoted.copy()
rewritten.id = 999
rewritten.chksum = None
case("syn-time-exceeded-id-rewritten", 3, q,
     l3(IP(src=R, dst=A) / ICMP(type=11, code=0) / bytes(rewritten)[:28], MB, MA))

data = IP(src=A, dst=B) / TCP(sport=40000, dport=80, flags="PA", seq=1000, ack=7000) / b"hello"
qd = l3(data, MA, MB)
case("data-ack-covers", 3, qd, tcp_rep(flags="A", seq=7000, ack=1005))
case("data-ack-too-far", 3, qd, tcp_rep(flags="A", seq=7000, ack=1008))
case("data-ack-seq-off", 3, qd, tcp_rep(flags="A", seq=7003, ack=1005))
rst = l3(IP(src=A, dst=B) / TCP(sport=40000, dport=80, flags="R", seq=1000), MA, MB)
case("rst-gets-nothing", 3, rst, tcp_rep(flags="RA", seq=0, ack=1000))

echo = IP(src=A, dst=B) / ICMP(id=0x42, seq=1) / b"hello"
qe = l3(echo, MA, MB)
case("echo-reply", 3, qe, l3(IP(src=B, dst=A) / ICMP(type=0, id=0x42, seq=1) / b"hello", MB, MA))
case("echo-reply-seq-differs", 3, qe, l3(IP(src=B, dst=A) / ICMP(type=0, id=0x42, seq=2) / b"hello", MB, MA))
case("echo-reply-payload-differs", 3, qe, l3(IP(src=B, dst=A) / ICMP(type=0, id=0x42, seq=1) / b"other", MB, MA))
case("echo-reply-padded", 3, qe,
     l3(IP(src=B, dst=A) / ICMP(type=0, id=0x42, seq=1) / b"hello", MB, MA) / Raw(b"\0" * 8))
case("echo-request-to-request", 3, qe, l3(IP(src=B, dst=A) / ICMP(type=8, id=0x42, seq=1) / b"hello", MB, MA))
bcast = l3(IP(src=A, dst="10.0.0.255") / ICMP(id=7, seq=7), MA, "ff:ff:ff:ff:ff:ff")
case("echo-broadcast-reply", 3, bcast, l3(IP(src=B, dst=A) / ICMP(type=0, id=7, seq=7), MB, MA))
case("echo-time-exceeded", 3, qe,
     l3(IP(src=R, dst=A) / ICMP(type=11, code=0) / bytes(IP(bytes(echo)))[:28], MB, MA))
case("echo-time-exceeded-other-seq", 3, qe,
     l3(IP(src=R, dst=A) / ICMP(type=11, code=0) /
        bytes(IP(src=A, dst=B) / ICMP(id=0x42, seq=9) / b"hello")[:28], MB, MA))

udp = IP(src=A, dst=B) / UDP(sport=5555, dport=9) / b"ping"
qu = l3(udp, MA, MB)
case("udp-reply", 3, qu, l3(IP(src=B, dst=A) / UDP(sport=1234, dport=5555) / b"pong", MB, MA))
case("udp-reply-dport-differs", 3, qu, l3(IP(src=B, dst=A) / UDP(sport=9, dport=5556) / b"pong", MB, MA))
case("udp-reply-empty", 3, qu, l3(IP(src=B, dst=A) / UDP(sport=9, dport=5555), MB, MA))
case("udp-port-unreachable", 3, qu,
     l3(IP(src=B, dst=A) / ICMP(type=3, code=3) / bytes(IP(bytes(udp))), MB, MA))
case("udp-port-unreachable-other-port", 3, qu,
     l3(IP(src=B, dst=A) / ICMP(type=3, code=3) /
        bytes(IP(src=A, dst=B) / UDP(sport=5555, dport=10) / b"ping"), MB, MA))
case("udp-port-unreachable-other-src", 3, qu,
     l3(IP(src=B, dst=A) / ICMP(type=3, code=3) /
        bytes(IP(src=R, dst=B) / UDP(sport=5555, dport=9) / b"ping"), MB, MA))

who = Ether(src=MA, dst="ff:ff:ff:ff:ff:ff") / ARP(op=1, hwsrc=MA, psrc=A, pdst=B)
case("arp-is-at", 2, who, Ether(src=MB, dst=MA) / ARP(op=2, hwsrc=MB, psrc=B, hwdst=MA, pdst=A))
case("arp-is-at-padded", 2, who,
     Ether(src=MB, dst=MA) / ARP(op=2, hwsrc=MB, psrc=B, hwdst=MA, pdst=A) / Raw(b"\0" * 18))
case("arp-is-at-other-psrc", 2, who, Ether(src=MB, dst=MA) / ARP(op=2, hwsrc=MB, psrc="10.0.0.3", pdst=A))
case("arp-who-has-back", 2, who, Ether(src=MB, dst=MA) / ARP(op=1, hwsrc=MB, psrc=B, pdst=A))

vq = Ether(src=MA, dst=MB) / Dot1Q(vlan=10) / echo
case("dot1q-same-vlan", 2, vq, Ether(src=MB, dst=MA) / Dot1Q(vlan=10) / IP(src=B, dst=A) / ICMP(type=0, id=0x42, seq=1))
case("dot1q-other-vlan", 2, vq, Ether(src=MB, dst=MA) / Dot1Q(vlan=11) / IP(src=B, dst=A) / ICMP(type=0, id=0x42, seq=1))
case("dot1q-untagged-request", 2, Ether(src=MA, dst=MB) / echo,
     Ether(src=MB, dst=MA) / Dot1Q(vlan=10) / IP(src=B, dst=A) / ICMP(type=0, id=0x42, seq=1))
case("dot1q-reply-at-l3", 3, qe,
     Ether(src=MB, dst=MA) / Dot1Q(vlan=10) / IP(src=B, dst=A) / ICMP(type=0, id=0x42, seq=1) / b"hello")
case("ether-l2-echo", 2, qe, l3(IP(src=B, dst=A) / ICMP(type=0, id=0x42, seq=1) / b"hello", MB, MA))

# IPv6, ICMPv6, neighbour discovery, DNS, Dot1AD (scapy/layers/inet6.py, dns.py)
A6, B6, R6 = "2001:db8::1", "2001:db8::2", "2001:db8::fe"


def l3v6(p, src, dst):
    return Ether(src=src, dst=dst, type=0x86dd) / p


echo6 = IPv6(src=A6, dst=B6) / ICMPv6EchoRequest(id=0x42, seq=1, data=b"hello")
qe6 = l3v6(echo6, MA, MB)
case("icmpv6-echo-reply", 3, qe6, l3v6(IPv6(src=B6, dst=A6) / ICMPv6EchoReply(id=0x42, seq=1, data=b"hello"), MB, MA))
case("icmpv6-echo-reply-data-differs", 3, qe6,
     l3v6(IPv6(src=B6, dst=A6) / ICMPv6EchoReply(id=0x42, seq=1, data=b"other"), MB, MA))
case("icmpv6-echo-reply-seq-differs", 3, qe6,
     l3v6(IPv6(src=B6, dst=A6) / ICMPv6EchoReply(id=0x42, seq=2, data=b"hello"), MB, MA))
case("icmpv6-echo-reply-other-dst", 3, qe6,
     l3v6(IPv6(src=B6, dst=R6) / ICMPv6EchoReply(id=0x42, seq=1, data=b"hello"), MB, MA))
case("icmpv6-echo-request-to-request", 3, qe6,
     l3v6(IPv6(src=B6, dst=A6) / ICMPv6EchoRequest(id=0x42, seq=1, data=b"hello"), MB, MA))
case("icmpv6-echo-reply-l2", 2, qe6,
     l3v6(IPv6(src=B6, dst=A6) / ICMPv6EchoReply(id=0x42, seq=1, data=b"hello"), MB, MA))
mecho = l3v6(IPv6(src=A6, dst="ff02::1") / ICMPv6EchoRequest(id=7, seq=7), MA, "33:33:00:00:00:01")
case("icmpv6-echo-multicast-unicast-reply", 3, mecho,
     l3v6(IPv6(src=B6, dst=A6) / ICMPv6EchoReply(id=7, seq=7), MB, MA))
case("icmpv6-echo-multicast-multicast-reply", 3, mecho,
     l3v6(IPv6(src=B6, dst="ff02::1") / ICMPv6EchoReply(id=7, seq=7), MB, "33:33:00:00:00:01"))
case("icmpv6-echo-time-exceeded", 3, qe6,
     l3v6(IPv6(src=R6, dst=A6) / ICMPv6TimeExceeded() / bytes(echo6), MB, MA))
case("icmpv6-echo-time-exceeded-other-data", 3, qe6,
     l3v6(IPv6(src=R6, dst=A6) / ICMPv6TimeExceeded() /
          bytes(IPv6(src=A6, dst=B6) / ICMPv6EchoRequest(id=0x42, seq=1, data=b"hellp")), MB, MA))

SN = "ff02::1:ff00:2"
ns = l3v6(IPv6(src=A6, dst=SN, hlim=255) / ICMPv6ND_NS(tgt=B6) / ICMPv6NDOptSrcLLAddr(lladdr=MA),
          MA, "33:33:ff:00:00:02")
case("nd-ns-na", 3, ns, l3v6(IPv6(src=B6, dst=A6, hlim=255) / ICMPv6ND_NA(tgt=B6, R=0, S=1) /
                             ICMPv6NDOptDstLLAddr(lladdr=MB), MB, MA))
case("nd-ns-na-other-tgt", 3, ns, l3v6(IPv6(src=B6, dst=A6, hlim=255) / ICMPv6ND_NA(tgt=R6, S=1) /
                                       ICMPv6NDOptDstLLAddr(lladdr=MB), MB, MA))
case("nd-ns-na-to-all-nodes", 3, ns, l3v6(IPv6(src=B6, dst="ff02::1", hlim=255) / ICMPv6ND_NA(tgt=B6),
                                          MB, "33:33:00:00:00:01"))
case("nd-ns-ns", 3, ns, l3v6(IPv6(src=B6, dst=A6, hlim=255) / ICMPv6ND_NS(tgt=B6), MB, MA))
rs = l3v6(IPv6(src=A6, dst="ff02::2", hlim=255) / ICMPv6ND_RS(), MA, "33:33:00:00:00:02")
case("nd-rs-ra", 3, rs, l3v6(IPv6(src=B6, dst=A6, hlim=255) / ICMPv6ND_RA(), MB, MA))
case("nd-rs-ra-all-nodes", 3, rs, l3v6(IPv6(src=B6, dst="ff02::1", hlim=255) / ICMPv6ND_RA(), MB, "33:33:00:00:00:01"))
case("nd-ns-ra", 3, ns, l3v6(IPv6(src=B6, dst=A6, hlim=255) / ICMPv6ND_RA(), MB, MA))
mq = l3v6(IPv6(src=A6, dst="ff02::1", hlim=1) / ICMPv6MLQuery(), MA, "33:33:00:00:00:01")
case("mld-query-report", 3, mq, l3v6(IPv6(src=B6, dst="ff02::1", hlim=1) / ICMPv6MLReport(mladdr="ff02::fb"),
                                     MB, "33:33:00:00:00:01"))
case("mld-query-done", 3, mq, l3v6(IPv6(src=B6, dst="ff02::1", hlim=1) / ICMPv6MLDone(mladdr="ff02::fb"),
                                   MB, "33:33:00:00:00:01"))

udp6 = IPv6(src=A6, dst=B6) / UDP(sport=5555, dport=9) / b"ping"
qu6 = l3v6(udp6, MA, MB)
case("udp6-reply", 3, qu6, l3v6(IPv6(src=B6, dst=A6) / UDP(sport=9, dport=5555) / b"pong", MB, MA))
case("udp6-reply-dport-differs", 3, qu6, l3v6(IPv6(src=B6, dst=A6) / UDP(sport=9, dport=5556), MB, MA))
case("udp6-port-unreachable", 3, qu6,
     l3v6(IPv6(src=B6, dst=A6) / ICMPv6DestUnreach(code=4) / bytes(udp6), MB, MA))
case("udp6-time-exceeded", 3, qu6,
     l3v6(IPv6(src=R6, dst=A6) / ICMPv6TimeExceeded() / bytes(udp6), MB, MA))
case("udp6-port-unreachable-other-port", 3, qu6,
     l3v6(IPv6(src=B6, dst=A6) / ICMPv6DestUnreach(code=4) /
          bytes(IPv6(src=A6, dst=B6) / UDP(sport=5555, dport=10) / b"ping"), MB, MA))
case("udp6-port-unreachable-other-src", 3, qu6,
     l3v6(IPv6(src=B6, dst=A6) / ICMPv6DestUnreach(code=4) /
          bytes(IPv6(src=R6, dst=B6) / UDP(sport=5555, dport=9) / b"ping"), MB, MA))
case("udp6-port-unreachable-cut", 3, qu6,
     l3v6(IPv6(src=B6, dst=A6) / ICMPv6DestUnreach(code=4) / bytes(udp6)[:48], MB, MA))
case("udp6-packet-too-big", 3, qu6,
     l3v6(IPv6(src=R6, dst=A6) / ICMPv6PacketTooBig(mtu=1280) / bytes(udp6), MB, MA))
hbh = l3v6(IPv6(src=A6, dst=B6) / IPv6ExtHdrHopByHop() / UDP(sport=5555, dport=9) / b"ping", MA, MB)
case("udp6-hop-by-hop-reply", 3, hbh, l3v6(IPv6(src=B6, dst=A6) / UDP(sport=9, dport=5555) / b"pong", MB, MA))
frag = l3v6(IPv6(src=A6, dst=B6) / IPv6ExtHdrFragment() / UDP(sport=5555, dport=9) / b"ping", MA, MB)
case("udp6-fragment-reply", 3, frag, l3v6(IPv6(src=B6, dst=A6) / UDP(sport=9, dport=5555) / b"pong", MB, MA))
rt = l3v6(IPv6(src=A6, dst=B6) / IPv6ExtHdrRouting(addresses=[R6]) / UDP(sport=5555, dport=9), MA, MB)
case("udp6-routing-reply", 3, rt, l3v6(IPv6(src=R6, dst=A6) / UDP(sport=9, dport=5555), MB, MA))
case("udp6-routing-reply-plain-hash", 3, rt, l3v6(IPv6(src=B6, dst=A6) / UDP(sport=9, dport=5555), MB, MA))

syn6 = IPv6(src=A6, dst=B6) / TCP(sport=40000, dport=80, flags="S", seq=1000, options=[("MSS", 1460)])
qs6 = l3v6(syn6, MA, MB)
case("tcp6-syn-sa", 3, qs6, l3v6(IPv6(src=B6, dst=A6) / TCP(sport=80, dport=40000, flags="SA", ack=1001), MB, MA))
case("tcp6-syn-unreach-mss-clamped", 3, qs6,
     l3v6(IPv6(src=R6, dst=A6) / ICMPv6DestUnreach(code=1) /
          bytes(IPv6(src=A6, dst=B6) / TCP(sport=40000, dport=80, flags="S", seq=1000, options=[("MSS", 1400)])),
          MB, MA))
case("tcp6-syn-unreach-other-seq", 3, qs6,
     l3v6(IPv6(src=R6, dst=A6) / ICMPv6DestUnreach(code=1) /
          bytes(IPv6(src=A6, dst=B6) / TCP(sport=40000, dport=80, flags="S", seq=1001, options=[("MSS", 1460)])),
          MB, MA))
case("ipv4-to-ipv6-reply", 3, qe, l3v6(IPv6(src=B6, dst=A6) / ICMPv6EchoReply(id=0x42, seq=1, data=b"hello"), MB, MA))

dnsq = IP(src=A, dst=B) / UDP(sport=33333, dport=53) / DNS(id=42, rd=1, qd=DNSQR(qname="www.example.com"))
qdns = l3(dnsq, MA, MB)


def dns_rep(**kw):
    args = dict(id=42, qr=1, rd=1, ra=1, qd=DNSQR(qname="www.example.com"),
                an=DNSRR(rrname="www.example.com", rdata="192.0.2.7"))
    args.update(kw)
    return l3(IP(src=B, dst=A) / UDP(sport=53, dport=33333) / DNS(**args), MB, MA)


case("dns-answer", 3, qdns, dns_rep())
case("dns-answer-other-id", 3, qdns, dns_rep(id=43))
case("dns-answer-qr0", 3, qdns, dns_rep(qr=0))
case("dns-answer-nxdomain", 3, qdns, dns_rep(rcode=3, an=None))
case("dns-answer-other-dport", 3, qdns,
     l3(IP(src=B, dst=A) / UDP(sport=53, dport=33334) / DNS(id=42, qr=1), MB, MA))
dnsq6 = IPv6(src=A6, dst=B6) / UDP(sport=33333, dport=53) / DNS(id=7, qd=DNSQR(qname="example.org", qtype="AAAA"))
case("dns6-answer", 3, l3v6(dnsq6, MA, MB),
     l3v6(IPv6(src=B6, dst=A6) / UDP(sport=53, dport=33333) /
          DNS(id=7, qr=1, qd=DNSQR(qname="example.org", qtype="AAAA"),
              an=DNSRR(rrname="example.org", type="AAAA", rdata="2001:db8::7")), MB, MA))

qq = Ether(src=MA, dst=MB) / Dot1AD(vlan=100) / Dot1Q(vlan=10) / echo
qinq_rep = IP(src=B, dst=A) / ICMP(type=0, id=0x42, seq=1) / b"hello"
case("dot1ad-same-tags", 2, qq, Ether(src=MB, dst=MA) / Dot1AD(vlan=100) / Dot1Q(vlan=10) / qinq_rep)
case("dot1ad-other-outer", 2, qq, Ether(src=MB, dst=MA) / Dot1AD(vlan=101) / Dot1Q(vlan=10) / qinq_rep)
case("dot1ad-other-inner", 2, qq, Ether(src=MB, dst=MA) / Dot1AD(vlan=100) / Dot1Q(vlan=11) / qinq_rep)
case("dot1ad-reply-to-dot1q", 2, vq, Ether(src=MB, dst=MA) / Dot1AD(vlan=10, type=0x800) / qinq_rep)
case("dot1q-reply-to-dot1ad", 2, Ether(src=MA, dst=MB) / Dot1AD(vlan=10) / echo,
     Ether(src=MB, dst=MA) / Dot1Q(vlan=10) / qinq_rep)

# BOOTP/DHCP: BOOTP.answers and hashret by xid alone; IP.answers refuses a
# broadcast DISCOVER's OFFER at level 3, srp() pairs at level 2 only by xid.
disc = (Ether(src=MA, dst="ff:ff:ff:ff:ff:ff") / IP(src="0.0.0.0", dst="255.255.255.255")
        / UDP(sport=68, dport=67) / BOOTP(xid=0x1234) / DHCP(options=[("message-type", 1), "end"]))


def offer(xid, op=2):
    return (Ether(src=MB, dst=MA) / IP(src=B, dst=A) / UDP(sport=67, dport=68)
            / BOOTP(op=op, xid=xid, yiaddr=A) / DHCP(options=[("message-type", 2), "end"]))


case("dhcp-offer", 3, disc, offer(0x1234))
case("dhcp-offer-l2", 2, disc, offer(0x1234))
case("dhcp-offer-other-xid-l2", 2, disc, offer(0x1235))
case("dhcp-request-as-reply-l2", 2, disc, offer(0x1234, op=1))
renew = l3(IP(src=A, dst=B) / UDP(sport=68, dport=67) / BOOTP(xid=0x77, ciaddr=A)
           / DHCP(options=[("message-type", "request"), "end"]), MA, MB)
case("dhcp-renew-ack", 3, renew, offer(0x77))
case("dhcp-renew-ack-other-xid", 3, renew, offer(0x78))
case("dhcp-renew-any-bootp", 3, renew, offer(0x77, op=1))
# GENEVE: the same proto and vni, then the payloads answer.
gq = l3(IP(src=A, dst=B) / UDP(sport=6081, dport=6081) / GENEVE(vni=5) / IP(src=A, dst=B) / echo[ICMP], MA, MB)
case("geneve-same-vni", 3, gq,
     l3(IP(src=B, dst=A) / UDP(sport=6081, dport=6081) / GENEVE(vni=5) / IP(src=B, dst=A) / ICMP(type=0, id=0x42, seq=1) / b"hello", MB, MA))
case("geneve-other-vni", 3, gq,
     l3(IP(src=B, dst=A) / UDP(sport=6081, dport=6081) / GENEVE(vni=6) / IP(src=B, dst=A) / ICMP(type=0, id=0x42, seq=1) / b"hello", MB, MA))

# DHCPv6: hashret is trid (a relay's: its peer address); an Advertise answers
# a Solicit, a Reply the client's messages, a Relay-Reply a Relay-Forward with
# the same hop count and addresses.
from scapy.layers import dhcp6 as d6  # noqa: E402
A6, B6 = "2001:db8::1", "2001:db8::2"


def v6(p, src=A6, dst=B6, msrc=MA, mdst=MB):
    return Ether(src=msrc, dst=mdst) / IPv6(src=src, dst=dst) / UDP() / p


sol = v6(d6.DHCP6_Solicit(trid=0x1234) / d6.DHCP6OptElapsedTime())
case("dhcp6-advertise", 3, sol, v6(d6.DHCP6_Advertise(trid=0x1234), B6, A6, MB, MA))
case("dhcp6-advertise-other-trid", 3, sol, v6(d6.DHCP6_Advertise(trid=0x1235), B6, A6, MB, MA))
case("dhcp6-reply-to-solicit", 3, sol, v6(d6.DHCP6_Reply(trid=0x1234), B6, A6, MB, MA))
case("dhcp6-advertise-to-request", 3, v6(d6.DHCP6_Request(trid=7)),
     v6(d6.DHCP6_Advertise(trid=7), B6, A6, MB, MA))
case("dhcp6-reply-to-renew", 3, v6(d6.DHCP6_Renew(trid=7)), v6(d6.DHCP6_Reply(trid=7), B6, A6, MB, MA))
case("dhcp6-reply-to-reply", 3, v6(d6.DHCP6_Reply(trid=7)), v6(d6.DHCP6_Reply(trid=7), B6, A6, MB, MA))
case("dhcp6-solicit-to-solicit", 3, sol, v6(d6.DHCP6_Solicit(trid=0x1234) / d6.DHCP6OptElapsedTime(),
                                            B6, A6, MB, MA))
rf = v6(d6.DHCP6_RelayForward(hopcount=1, linkaddr=A6, peeraddr="fe80::9")
        / d6.DHCP6OptRelayMsg(message=d6.DHCP6_Solicit(trid=3)))
case("dhcp6-relay-reply", 3, rf, v6(d6.DHCP6_RelayReply(hopcount=1, linkaddr=A6, peeraddr="fe80::9")
                                    / d6.DHCP6OptRelayMsg(message=d6.DHCP6_Advertise(trid=3)), B6, A6, MB, MA))
case("dhcp6-relay-reply-other-hops", 3, rf, v6(d6.DHCP6_RelayReply(hopcount=2, linkaddr=A6, peeraddr="fe80::9"),
                                               B6, A6, MB, MA))
case("dhcp6-advertise-l2", 2, sol, v6(d6.DHCP6_Advertise(trid=0x1234), B6, A6, MB, MA))

# PPP over Ethernet (srp): LCP, PAP and CHAP answers() by code and id;
# PPTP's control replies over TCP 1723 (sr).
from scapy.layers import ppp as pp  # noqa: E402
from scapy.layers import pptp as pt  # noqa: E402


def se(p, src=MA, dst=MB):
    return Ether(src=src, dst=dst) / pp.PPPoE(sessionid=1) / pp.PPP() / p


def sr(p, src=MB, dst=MA):
    return se(p, src, dst)


creq = se(pp.PPP_LCP_Configure(id=3, options=[pp.PPP_LCP_MRU_Option()]))
case("lcp-configure-ack", 2, creq, sr(pp.PPP_LCP_Configure(code=2, id=3)))
case("lcp-configure-reject", 2, creq, sr(pp.PPP_LCP_Configure(code=4, id=3)))
case("lcp-configure-ack-other-id", 2, creq, sr(pp.PPP_LCP_Configure(code=2, id=4)))
case("lcp-configure-request-to-request", 2, creq, sr(pp.PPP_LCP_Configure(code=1, id=3)))
case("lcp-terminate-ack", 2, se(pp.PPP_LCP_Terminate(code=5, id=1)), sr(pp.PPP_LCP_Terminate(code=6, id=1)))
case("lcp-terminate-ack-other-id", 2, se(pp.PPP_LCP_Terminate(code=5, id=1)),
     sr(pp.PPP_LCP_Terminate(code=6, id=2)))
case("lcp-echo-reply", 2, se(pp.PPP_LCP_Echo(id=9, magic_number=1)),
     sr(pp.PPP_LCP_Echo(code=10, id=9, magic_number=2)))
case("lcp-echo-reply-other-id", 2, se(pp.PPP_LCP_Echo(id=9)), sr(pp.PPP_LCP_Echo(code=10, id=8)))
case("lcp-echo-request-to-request", 2, se(pp.PPP_LCP_Echo(id=9)), sr(pp.PPP_LCP_Echo(id=9)))
case("lcp-echo-reply-to-configure", 2, creq, sr(pp.PPP_LCP_Echo(code=10, id=3)))
case("lcp-discard-to-discard", 2, se(pp.PPP_LCP_Discard_Request(id=1)),
     sr(pp.PPP_LCP_Discard_Request(id=1)))
preq = se(pp.PPP_PAP_Request(id=5, username=b"u", password=b"p"))
case("pap-ack", 2, preq, sr(pp.PPP_PAP_Response(code=2, id=5)))
case("pap-nak", 2, preq, sr(pp.PPP_PAP_Response(code=3, id=5, message=b"no")))
case("pap-ack-other-id", 2, preq, sr(pp.PPP_PAP_Response(code=2, id=6)))
chal = se(pp.PPP_CHAP_ChallengeResponse(code=1, id=2, value=b"\x01" * 8))
resp = sr(pp.PPP_CHAP_ChallengeResponse(code=2, id=2, value=b"\x02" * 16, optional_name=b"u"))
case("chap-response", 2, chal, resp)
case("chap-response-other-id", 2, chal, sr(pp.PPP_CHAP_ChallengeResponse(code=2, id=3)))
case("chap-success", 2, se(pp.PPP_CHAP_ChallengeResponse(code=2, id=2)), sr(pp.PPP_CHAP(code=3, id=2)))
case("chap-failure-other-id", 2, se(pp.PPP_CHAP_ChallengeResponse(code=2, id=2)),
     sr(pp.PPP_CHAP(code=4, id=1)))
case("chap-success-to-challenge", 2, chal, sr(pp.PPP_CHAP(code=3, id=2)))


def tq(p):
    return l3(IP(src=A, dst=B) / TCP(sport=40000, dport=1723, flags="PA") / p, MA, MB)


def tr(p):
    return l3(IP(src=B, dst=A) / TCP(sport=1723, dport=40000, flags="PA") / p, MB, MA)


case("pptp-sccrp", 3, tq(pt.PPTPStartControlConnectionRequest()), tr(pt.PPTPStartControlConnectionReply()))
case("pptp-stopccrp", 3, tq(pt.PPTPStopControlConnectionRequest()), tr(pt.PPTPStopControlConnectionReply()))
case("pptp-stopccrp-to-sccrq", 3, tq(pt.PPTPStartControlConnectionRequest()),
     tr(pt.PPTPStopControlConnectionReply()))
case("pptp-echo-reply", 3, tq(pt.PPTPEchoRequest(identifier=4)), tr(pt.PPTPEchoReply(identifier=4)))
case("pptp-echo-reply-other-id", 3, tq(pt.PPTPEchoRequest(identifier=4)), tr(pt.PPTPEchoReply(identifier=5)))
case("pptp-ocrp", 3, tq(pt.PPTPOutgoingCallRequest(call_id=7)), tr(pt.PPTPOutgoingCallReply(peer_call_id=7)))
case("pptp-ocrp-other-call", 3, tq(pt.PPTPOutgoingCallRequest(call_id=7)),
     tr(pt.PPTPOutgoingCallReply(peer_call_id=8)))
case("pptp-icrp", 3, tq(pt.PPTPIncomingCallRequest(call_id=7)), tr(pt.PPTPIncomingCallReply(peer_call_id=7)))
case("pptp-iccn", 3, tq(pt.PPTPIncomingCallReply(call_id=7)), tr(pt.PPTPIncomingCallConnected(peer_call_id=7)))
case("pptp-iccn-other-call", 3, tq(pt.PPTPIncomingCallReply(call_id=7)),
     tr(pt.PPTPIncomingCallConnected(peer_call_id=1)))
case("pptp-sli-to-sli", 3, tq(pt.PPTPSetLinkInfo()), tr(pt.PPTPSetLinkInfo()))

print("# name level request reply request-hashret reply-hashret answers")
print("# made by gen_cases.py from Scapy 2.5.0; hashret bytes are in this host's order")
for c in cases:
    print(" ".join(str(x) if x != "" else "-" for x in c))
