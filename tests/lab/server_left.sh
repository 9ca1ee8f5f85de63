#!/bin/sh
# A server started in the lab's peer (--lab-peer 'CMD &', --lab-peer-wait)
# runs while the run does and dies with it: killed in the middle of a long
# capture by SIGNAL (TERM or KILL), the run leaves no process it started,
# server included. Each process it started inherits a tag in its
# environment; none may hold it after the run.
#   server_left.sh PKTSPEC SIGNAL
set -u
pktspec=$1 sig=$2
case $pktspec in /*) ;; *) pktspec=$(pwd)/$pktspec ;; esac
dir=$(cd "$(dirname "$0")" && pwd)
. "$dir/lab_common.sh"
tag=server-left-$$-$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')
# Which processes hold the tag (this script's own children do not: only
# pktspec is given it).
holders() {
    for e in $(grep -lszx "PKTSPEC_TEST_RUN=$tag" /proc/[0-9]*/environ); do echo "${e%/environ}"; done
}
cd "$dir" || exit 1
PKTSPEC_TEST_RUN=$tag "$pktspec" run --lab \
    --lab-peer "/usr/bin/python3 -m http.server 8081 --directory /tmp >/dev/null 2>&1 &" \
    --lab-peer-wait tcp/8081 -D seconds=60 long_sniff.pkt > "$tmp/out" 2> "$tmp/err" &
pid=$!
for i in $(seq 200); do
    grep -q sniffing "$tmp/out" && break
    sleep 0.05
done
grep -q sniffing "$tmp/out" || say "the spec never started its capture"
# The server is up (the run waited for it) and holds the tag.
server=""
for p in $(holders); do
    grep -q "http.server" "$p/cmdline" 2>/dev/null && server=$p
done
[ -n "$server" ] || say "no server running in the peer during the run"
kill -s "$sig" "$pid"
wait "$pid"
left=""
# Up to 10 s: a PID namespace's processes go slowly on a loaded machine.
for i in $(seq 200); do
    left=$(holders)
    [ -z "$left" ] && break
    sleep 0.05
done
[ -z "$left" ] || say "processes left: $(for p in $left; do tr '\0' ' ' < "$p/cmdline"; echo; done)"
if [ $fail = 1 ]; then
    echo "--- stdout"; cat "$tmp/out"; echo "--- stderr"; cat "$tmp/err"
    exit 1
fi
echo "ok: SIG$sig, the server and the lab gone"
