#!/usr/bin/python3
"""Writes each frame seen arriving on IFACE as a hex line into OUT until
killed (probe_send.sh). Only a packet socket: no Scapy, nothing sent.
   capture.py IFACE OUT"""
import signal
import socket
import sys

s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
s.bind((sys.argv[1], 0))
out = open(sys.argv[2], "w")
signal.signal(signal.SIGTERM, lambda *a: (out.close(), sys.exit(0)))
open(sys.argv[2] + ".ready", "w").close()
while True:
    frame = s.recv(65536)
    out.write(frame.hex() + "\n")
    out.flush()
