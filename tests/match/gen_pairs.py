#!/usr/bin/python3
"""Writes pairs.txt: which request Scapy 2.5's sr() pairs each answer with,
taken from Scapy's own SndRcvHandler (sendrecv.py) over a socket that
replays the answers of each round, for requests alike to answers(): a TTL
sweep of UDP to a closed port (every ICMP error answers every request), a
port sweep sent twice (UDP: one bucket; TCP: one a port), ICMP echo, with multi off and on, and retry.
Run inside an empty network namespace (unshare -n): nothing is sent.
   unshare -n gen_pairs.py > pairs.txt"""
from scapy.all import ICMP, IP, TCP, UDP, Ether, conf
from scapy.sendrecv import SndRcvHandler
from scapy.supersocket import SuperSocket

conf.verb = 0
SELF, PEER = "198.18.0.1", "198.18.0.2"
SELF_MAC, PEER_MAC = "02:00:00:00:00:01", "02:00:00:00:00:02"


class Replay(SuperSocket):
    """Sends nothing; each round reads that round's answers, then ends."""
    nonblocking_socket = True

    def __init__(self, rounds):
        self.rounds, self.round, self.at = rounds, -1, 0

    @staticmethod
    def select(sockets, remain=None):
        return sockets

    def send(self, p):
        pass

    def recv(self, *args):
        answers = self.rounds[self.round] if self.round < len(self.rounds) else []
        if self.at == len(answers):
            raise EOFError
        k, frame = answers[self.at]
        self.at += 1
        p = IP(bytes(frame[IP]))
        p.arrival = k
        return p

    def close(self):
        pass


class Handler(SndRcvHandler):
    """Scapy's own, told when a round begins (its sending starts it)."""
    def _sndrcv_snd(self):
        self.pks.round, self.pks.at = self.pks.round + 1, 0
        SndRcvHandler._sndrcv_snd(self)


def l2(p):
    return Ether(bytes(Ether(src=SELF_MAC, dst=PEER_MAC) / p))


def icmp_error(req, kind=3, code=3):
    """What Linux sends back: the request's IP datagram quoted whole."""
    return l2(IP(src=PEER, dst=SELF) / ICMP(type=kind, code=code) / bytes(req[IP]))


def case(name, reqs, rounds, multi, reply=icmp_error):
    """rounds: per round, the requests (their indices) whose answers come,
    in arrival order; an answer may come twice. -1: a stray frame."""
    frames = [l2(p) for p in reqs]
    stray = icmp_error(l2(IP(src=SELF, dst=PEER) / UDP(sport=1, dport=2)))
    k, ans_rounds = 0, []
    for r in rounds:
        row = []
        for i in r:
            row.append((k, stray if i < 0 else reply(frames[i])))
            k += 1
        ans_rounds.append(row)
    sock = Replay(ans_rounds)
    sent = [IP(bytes(f[IP])) for f in frames]
    h = Handler(sock, sent, timeout=None, retry=len(rounds) - 1, multi=multi,
                      verbose=0, rcv_pks=sock)
    ans, unans = h.results()
    if sock.round + 1 != len(rounds):
        raise SystemExit("%s: Scapy ran %d rounds, not %d" % (name, sock.round + 1, len(rounds)))
    index = {id(p): i for i, p in enumerate(sent)}
    print("case %s %d" % (name, int(multi)))
    for f in frames:
        print("req %s" % bytes(f).hex())
    for row in ans_rounds:
        print("round %s" % " ".join(bytes(f).hex() for _, f in row))
    print("pairs %s" % " ".join("%d:%d" % (r.arrival, index[id(s)]) for s, r in ans))
    print("unans %s" % " ".join(str(index[id(p)]) for p in unans))
    print("end")


def ttl_sweep():
    return [IP(src=SELF, dst=PEER, ttl=t) / UDP(sport=5000, dport=33434) / "probe"
            for t in range(1, 5)]


def port_sweep():
    # Scapy's product order: each port with TTL 1, then each with TTL 2
    return list(IP(src=SELF, dst=PEER, ttl=[1, 2]) / UDP(sport=5000, dport=[7001, 7002, 7003]))


def tcp_alike():
    return [IP(src=SELF, dst=PEER, ttl=t) / TCP(sport=6000, dport=81, seq=1000, flags="S")
            for t in range(1, 4)]


def tcp_ports():
    # TCP's hashret holds sport ^ dport: a bucket per port, so `remain`
    # (the next round, the unanswered) goes bucket by bucket
    return list(IP(src=SELF, dst=PEER, ttl=[1, 2]) /
                TCP(sport=6000, dport=[81, 82, 83], seq=1000, flags="S"))


def rst(req):
    q = req[IP]
    return l2(IP(src=PEER, dst=SELF) / TCP(sport=q[TCP].dport, dport=q[TCP].sport, seq=0,
                                          ack=q[TCP].seq + 1, flags="RA"))


def echo_alike():
    return [IP(src=SELF, dst=PEER, ttl=t) / ICMP(id=7, seq=1) / "x" for t in range(1, 4)]


def echo_reply(req):
    q = req[IP]
    return l2(IP(src=PEER, dst=SELF) / ICMP(type=0, id=q[ICMP].id, seq=q[ICMP].seq) /
              bytes(q[ICMP].payload))


print("# made by gen_pairs.py from Scapy's SndRcvHandler: do not edit")
for multi in (False, True):
    m = "-multi" if multi else ""
    case("ttl-in-order" + m, ttl_sweep(), [[0, 1, 2, 3]], multi)
    case("ttl-reversed" + m, ttl_sweep(), [[3, 2, 1, 0]], multi)
    case("ttl-some" + m, ttl_sweep(), [[2, 0, 3]], multi)
    case("ttl-twice" + m, ttl_sweep(), [[1, 1, -1, 3, 0, 2, 2]], multi)
    case("ttl-retry" + m, ttl_sweep(), [[3], [0, 0], [1]], multi)
    case("ports-in-order" + m, port_sweep(), [[0, 1, 2, 3, 4, 5]], multi)
    case("ports-some" + m, port_sweep(), [[4, -1, 2, 3, 1]], multi)
    case("ports-retry" + m, port_sweep(), [[0], [5, 1], [4]], multi)
    case("tcp-ports" + m, tcp_ports(), [[5, 0, 3]], multi, reply=rst)
    case("tcp-ports-retry" + m, tcp_ports(), [[0], [4], [5, 2]], multi, reply=rst)
    case("tcp-alike" + m, tcp_alike(), [[2, 0, 1, 1]], multi, reply=rst)
    case("echo-alike" + m, echo_alike(), [[1, 2, 2]], multi, reply=echo_reply)
