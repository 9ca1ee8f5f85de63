#!/bin/sh
# --lab-peer command for stp.pkt: the peer's end of the link becomes the
# port of a bridge with the kernel's spanning tree on, which then sends a
# configuration BPDU on it every hello time (2 s). The bridge lives in the
# peer's namespace and goes with it.
set -e
ip link add name br0 type bridge stp_state 1
ip link set dev "$PKTSPEC_LAB_PEER_IFACE" master br0
ip link set dev br0 up
