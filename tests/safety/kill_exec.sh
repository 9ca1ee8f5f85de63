#!/bin/sh
# run --lab --exec PROG: whatever signal kills pktspec (INT, TERM, KILL),
# PROG and what it started die with the lab, and no namespace is left
# (issue 11, item 4).
#   kill_exec.sh PKTSPEC SIGNAL
set -u
pktspec=$1 sig=$2
dir=$(cd "$(dirname "$0")" && pwd)
. "$dir/../lab/lab_common.sh"

export PKTSPEC_SLEEPER_MARK="$tmp/started"
"$pktspec" run --lab --exec sh "$dir/sleeper.sh" > "$tmp/out" 2> "$tmp/err" &
pid=$!
for i in $(seq 200); do
    [ -f "$tmp/started" ] && break
    sleep 0.05
done
[ -f "$tmp/started" ] || { say "the program never started: $(cat "$tmp/err")"; kill -9 $pid; exit 1; }
root_ns=$(readlink /proc/self/ns/net)
spec_ns=$(readlink "/proc/$pid/ns/net")
[ "$spec_ns" != "$root_ns" ] || say "pktspec is not in a namespace of its own"
# The processes of the lab's spec side other than pktspec: the program's.
in_ns() {
    ls -l /proc/[0-9]*/ns/net 2>/dev/null | grep -F "$spec_ns" |
        sed 's|.*/proc/\([0-9]*\)/ns/net.*|\1|' | grep -vx "$pid"
}
before=$(in_ns | wc -l)
[ "$before" -ge 2 ] || say "expected the program (sh and its sleep) in the lab, found $before"

kill -s "$sig" "$pid"
wait "$pid"
status=$?
case $sig in
INT) [ "$status" = 130 ] || say "exit status $status after SIGINT, not 130" ;;
TERM) [ "$status" = 143 ] || say "exit status $status after SIGTERM, not 143" ;;
KILL) [ "$status" = 137 ] || say "exit status $status after SIGKILL, not 137" ;;
esac
left=""
# Up to 20 s: processes and namespaces go slowly on a loaded machine.
for i in $(seq 400); do
    left=$(in_ns)
    [ -z "$left" ] && break
    sleep 0.05
done
[ -z "$left" ] || {
    say "processes outlived the lab:"
    for p in $left; do echo "  $p: $(tr '\0' ' ' < /proc/$p/cmdline 2>/dev/null) (parent $(awk '/^PPid/ {print $2}' /proc/$p/status 2>/dev/null))"; done
    kill -9 $left 2>/dev/null
}
[ $fail = 0 ] && echo "ok: SIG$sig, exit status $status, nothing left"
exit $fail
