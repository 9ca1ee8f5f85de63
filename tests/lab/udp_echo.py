#!/usr/bin/python3
# A UDP echo server for the lab's peer (run by --lab-peer): sends each
# datagram back to where it came from, on port 7 (or argv[1]). Returns once
# its socket is bound, serving in the background (the peer's PID namespace
# ends it with the lab).
import os
import socket
import sys

sock = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
sock.bind(("::", int(sys.argv[1]) if len(sys.argv) > 1 else 7))
if os.fork() == 0:
    while True:
        data, peer = sock.recvfrom(65535)
        sock.sendto(data, peer)
