#!/bin/sh
# --lab-peer command for ntp_control.pkt: ntpsec's ntpd in the peer's
# namespace, in the foreground, answering ntpq's control queries
# (ntp_control_peer.conf). As for ntp.pkt (ntp_peer.sh), the clock is the
# host's, so ntpd runs without CAP_SYS_TIME and with its discipline off.
exec setpriv --bounding-set -sys_time --inh-caps -sys_time \
    /usr/sbin/ntpd -n -c "$(dirname "$0")/ntp_control_peer.conf" -l /dev/null -p /dev/null >/dev/null 2>&1
