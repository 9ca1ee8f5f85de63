#!/bin/sh
# --lab-peer command for srh.pkt: the peer's kernel takes IPv6 segment routing
# headers (RFC 8754), which it drops unless seg6_enabled is on for all and for
# the interface (both off by default). The peer's namespace has its own sysctls.
echo 1 > /proc/sys/net/ipv6/conf/all/seg6_enabled
echo 1 > "/proc/sys/net/ipv6/conf/$PKTSPEC_LAB_PEER_IFACE/seg6_enabled"
