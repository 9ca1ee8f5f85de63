#!/bin/sh
# The interface is the command line's (issue 11, item 2): a spec's iface=
# naming another interface (eth0, lo), directly or through a param set by
# -D, is an error (exit 2) before the lab or any socket exists; -D lab_* is
# an error; a probe refuses iface=. Every run is inside an empty network
# namespace (unshare -n) as a second guard, and strace, when there, shows
# that no socket was opened and no namespace made.
#   iface.sh PKTSPEC
set -u
pktspec=$1
case $pktspec in /*) ;; *) pktspec=$(pwd)/$pktspec ;; esac
[ "$(id -u)" = 0 ] || { echo "skip: needs root for unshare"; exit 77; }
unshare -n true 2>/dev/null || { echo "skip: no network namespaces here"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fail=0
say() { echo "FAIL: $*"; fail=1; }
trace=""
command -v strace >/dev/null && trace="strace -f -o trace -e trace=socket,unshare,clone,clone3"
# LeakSanitizer cannot run under ptrace (a sanitizer build): no leak check there.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

frame='Ether(dst=02:00:00:00:00:02, src=02:00:00:00:00:01)/IP(dst=198.18.0.2, src=198.18.0.1)/ICMP()'
printf 'sendp(%s, iface="eth0")\n' "$frame" > literal.pkt
printf 'param where = "lab"\nsendp(%s, iface=where)\n' "$frame" > param.pkt
printf 'x = sniff(iface="lo", count=1, timeout=1s)\n' > sniff.pkt
printf 'ans, unans = sr(IP(dst=198.18.0.2)/ICMP(), iface="eth0", timeout=1s)\n' > sr.pkt
printf 'sendp(%s, iface=lab_iface)\n' "$frame" > lab.pkt

# refused SPEC WHY ARGS...: exit 2, an error at the spec's line, nothing opened.
refused() {
    spec=$1 why=$2
    shift 2
    rm -f trace
    unshare -n $trace "$pktspec" run "$spec" "$@" > out 2> err; st=$?
    [ $st = 2 ] || say "$why: exit $st, not 2: $(cat err)"
    grep -q "^$spec:[0-9]*:[0-9]*: error: iface=\|^pktspec: error: -D lab_" err ||
        say "$why: not the expected error: $(cat err)"
    grep -q "Sent" out && say "$why: something was sent: $(cat out)"
    if [ -f trace ]; then
        grep -q "socket(\|unshare(\|clone(\|clone3(" trace &&
            say "$why: a socket or namespace was made: $(grep "socket(\|unshare(\|clone" trace)"
    fi
}
refused literal.pkt "iface=\"eth0\" in --lab" --lab
refused literal.pkt "iface=\"eth0\" with -i lo" -i lo
refused param.pkt "iface=param, -D where=eth0, in --lab" --lab -D where=eth0
refused param.pkt "iface=param, -D where=lo, with -i eth0" -i eth0 -D where=lo
refused sniff.pkt "sniff(iface=\"lo\") in --lab" --lab
refused sr.pkt "sr(iface=\"eth0\") in --lab" --lab
refused lab.pkt "-D lab_iface=eth0" --lab -D lab_iface=eth0
refused lab.pkt "-D lab_self=1.2.3.4" --dry-run -D lab_self=1.2.3.4
# iface=lab_iface is the lab's interface: not refused (checked without running).
"$pktspec" check lab.pkt || say "check lab.pkt failed"
"$pktspec" check param.pkt -D where=eth0 || say "check of param.pkt failed"

# A probe sends where its -i says: iface= is an emitter error.
"$pktspec" emit literal.pkt -o probe.c 2> err; st=$?
[ $st = 2 ] || say "emit of iface=\"eth0\": exit $st, not 2"
grep -q "iface=" err || say "emit: not the expected error: $(cat err)"
"$pktspec" emit lab.pkt -o probe.c 2> err || say "emit of iface=lab_iface failed: $(cat err)"
[ $fail = 0 ] && echo "ok: iface"
exit $fail
