#!/bin/sh
# --lab-peer command for ntp.pkt: ntpsec's ntpd in the peer's namespace, in
# the foreground, answering clients. The clock is the host's (a network
# namespace has none of its own), so ntpd must never touch it: its clock
# discipline is off (ntp_peer.conf) and it runs without CAP_SYS_TIME, so no
# adjtimex or settimeofday could succeed even if it tried.
exec setpriv --bounding-set -sys_time --inh-caps -sys_time \
    /usr/sbin/ntpd -n -c "$(dirname "$0")/ntp_peer.conf" -l /dev/null -p /dev/null >/dev/null 2>&1
