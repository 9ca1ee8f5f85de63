#!/bin/sh
# A probe of 10,000 frames is built by pktspec build (cc -O1, linking the
# engine) in under 10 s (issue 12), and its --pcap capture is pktspec run's.
#   ten_thousand.sh PKTSPEC SPEC
set -u
pktspec=$1 spec=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
start=$(date +%s%N)
"$pktspec" build "$spec" -o "$tmp/p" || fail "build exited $?"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ $ms -lt 10000 ] || fail "the build took $ms ms, not under 10 s"
"$tmp/p" --pcap "$tmp/probe.pcap" > "$tmp/probe.out" 2>&1 || fail "the probe exited $?"
"$pktspec" run "$spec" --pcap "$tmp/run.pcap" > "$tmp/run.out" 2>&1 || fail "pktspec run exited $?"
cmp "$tmp/run.pcap" "$tmp/probe.pcap" || fail "other frames than pktspec run's"
cmp "$tmp/run.out" "$tmp/probe.out" || fail "other output than pktspec run's"
n=$(( ($(wc -c < "$tmp/probe.pcap") - 24) ))
[ $n -gt 160000 ] || fail "only $n bytes of records: not 10,000 frames"
echo "ok: built in $ms ms, its capture is pktspec run's"
