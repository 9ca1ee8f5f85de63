#!/usr/bin/python3
# A tiny DNS responder for the lab's peer (run by --lab-peer): answers an A
# query for lab.example. with 192.0.2.53, AAAA with 2001:db8::53, anything
# else NXDOMAIN. Returns once its socket is bound, serving in the background
# (the peer's PID namespace ends it with the lab).
import os
import socket
import struct

RECORDS = {1: socket.inet_pton(socket.AF_INET, "192.0.2.53"),
           28: socket.inet_pton(socket.AF_INET6, "2001:db8::53")}
NAME = "lab.example."


def answer(query):
    ident, flags, qdcount = struct.unpack("!HHH", query[:6])
    pos, labels = 12, []
    while query[pos]:
        labels.append(query[pos + 1:pos + 1 + query[pos]].decode("ascii", "replace"))
        pos += 1 + query[pos]
    qtype, _ = struct.unpack("!HH", query[pos + 1:pos + 5])
    question = query[12:pos + 5]
    known = ".".join(labels).lower() + "." == NAME and qtype in RECORDS
    rd = flags & 0x0100
    header = struct.pack("!HHHHHH", ident, 0x8400 | rd | (0 if known else 3), 1, int(known), 0, 0)
    if not known:
        return header + question
    rdata = RECORDS[qtype]
    # The name as a pointer to the question's (offset 12).
    record = struct.pack("!HHHIH", 0xc00c, qtype, 1, 300, len(rdata)) + rdata
    return header + question + record


sock = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
sock.bind(("::", 53))
if os.fork() == 0:
    while True:
        data, peer = sock.recvfrom(4096)
        try:
            sock.sendto(answer(data), peer)
        except (IndexError, struct.error):
            pass  # not a query this responder can read
