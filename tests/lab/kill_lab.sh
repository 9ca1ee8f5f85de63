#!/bin/sh
# A lab run killed in the middle of a long sniff leaves nothing behind: no
# network namespace (its own or the peer's), no interface, no process.
# SIGINT only ends the capture: the run goes on with what it stored.
#   kill_lab.sh PKTSPEC SIGNAL     (SIGNAL: INT, TERM or KILL)
set -u
pktspec=$1 sig=$2
dir=$(cd "$(dirname "$0")" && pwd)
. "$dir/lab_common.sh"

labs_now > "$tmp/labs.before"
export PKTSPEC="$pktspec"
cd "$dir"
"$pktspec" run --lab --lab-peer "$dir/peer_bursts.sh" -D seconds=60 long_sniff.pkt > "$tmp/out" 2> "$tmp/err" &
pid=$!

# The peer's first process is named after the run.
peer=""
for i in $(seq 100); do
    for c in /proc/[0-9]*/comm; do
        [ "$(cat "$c" 2>/dev/null)" = "pslab-$pid" ] && peer=${c#/proc/} && peer=${peer%/comm}
    done
    [ -n "$peer" ] && break
    sleep 0.05
done
[ -n "$peer" ] || { say "the lab's peer never showed up"; cat "$tmp/err"; exit 1; }
# The capture runs once "sniffing" is out; then the peer's first burst.
for i in $(seq 200); do
    grep -q sniffing "$tmp/out" && break
    sleep 0.05
done
grep -q sniffing "$tmp/out" || say "the spec never started its capture"
sleep 1.2
spec_ns=$(readlink "/proc/$pid/ns/net")
peer_ns=$(readlink "/proc/$peer/ns/net")
root_ns=$(readlink /proc/self/ns/net)
[ "$spec_ns" != "$root_ns" ] && [ "$peer_ns" != "$root_ns" ] && [ "$spec_ns" != "$peer_ns" ] ||
    say "the lab's namespaces are not its own: $spec_ns $peer_ns $root_ns"

kill -s "$sig" "$pid"
wait "$pid"
status=$?
case $sig in
INT)
    [ "$status" = 0 ] || say "exit status $status after SIGINT, not 0"
    grep -q "^stored [1-9]" "$tmp/out" || say "the capture did not keep what it had: $(cat "$tmp/out")" ;;
TERM) [ "$status" = 143 ] || say "exit status $status after SIGTERM, not 143" ;;
KILL) [ "$status" = 137 ] || say "exit status $status after SIGKILL, not 137" ;;
esac

# Whatever killed it, everything goes: the peer dies with the run, and the
# namespaces with their last process.
left=1
# Up to 20 s: a namespace goes slowly on a loaded machine.
for i in $(seq 400); do
    left=0
    for n in /proc/[0-9]*/ns/net; do
        ns=$(readlink "$n" 2>/dev/null) || continue
        if [ "$ns" = "$spec_ns" ] || [ "$ns" = "$peer_ns" ]; then left=1; fi
    done
    [ -d "/proc/$peer" ] && left=1
    [ $left = 0 ] && break
    sleep 0.05
done
[ $left = 0 ] || say "a process of the lab is still there: $(ls -d /proc/$peer 2>/dev/null)"
new=$(labs_new "$tmp/labs.before")
[ -z "$new" ] || say "the lab left: $new"
if [ $fail = 1 ]; then
    echo "--- stdout"; cat "$tmp/out"; echo "--- stderr"; cat "$tmp/err"
    exit 1
fi
echo "ok: SIG$sig, exit status $status, nothing left"
