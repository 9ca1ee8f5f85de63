#!/bin/sh
# --lab-peer command for mcast_reports.pkt: the peer's kernel joins groups
# and sends its reports, once the spec has had time to start each capture:
# an IGMPv3 report (the kernel's default), an MLDv2 report, then, with the
# interface forced to IGMPv2, an IGMPv2 report. `autojoin` makes the kernel
# hold the membership without a process.
if=$PKTSPEC_LAB_PEER_IFACE
(
    sleep "${PEER_MCAST_DELAY:-0.7}"
    ip addr add 239.1.2.3/32 dev "$if" autojoin
    sleep 1.3
    ip -6 addr add ff05::1:3/128 dev "$if" autojoin
    sleep 1.5
    echo 2 > "/proc/sys/net/ipv4/conf/$if/force_igmp_version"
    ip addr add 239.1.2.4/32 dev "$if" autojoin
) >&2 &
