#!/usr/bin/python3
# Writes cases.txt: request/reply pairs with what Scapy 2.5.0 says of them
# (hashret() of each, and reply.answers(request)), the matrix of
# scapy-2.5-behaviour.md section 2.3. Run it in an empty network namespace:
#   unshare -n /usr/bin/python3 gen_cases.py > cases.txt
# Every address is given, so Scapy resolves nothing.
import sys
from scapy.all import Ether, Dot1Q, ARP, IP, ICMP, TCP, UDP, Raw, conf
from scapy.layers.inet import IPerror, TCPerror, UDPerror, ICMPerror

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

print("# name level request reply request-hashret reply-hashret answers")
print("# made by gen_cases.py from Scapy 2.5.0; hashret bytes are in this host's order")
for c in cases:
    print(" ".join(str(x) if x != "" else "-" for x in c))
