#!/bin/sh
# What a probe cannot do is an error at its place: emit exits 2, each
# refusal `FILE:LINE:COL: error: the probe cannot ...`, no output written.
#   refused.sh PKTSPEC SPEC
set -u
pktspec=$1 spec=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$pktspec" emit "$spec" -o "$tmp/probe.c" 2> "$tmp/err"
status=$?
[ $status = 2 ] || { echo "FAIL: emit exited $status, not 2"; cat "$tmp/err"; exit 1; }
grep -q "^$spec:[0-9]*:[0-9]*: error: the probe cannot " "$tmp/err" ||
    { echo "FAIL: no refusal at a place"; cat "$tmp/err"; exit 1; }
[ ! -e "$tmp/probe.c" ] || { echo "FAIL: a probe was written"; exit 1; }
echo "ok: $(grep -c 'error: the probe cannot' "$tmp/err") refusals"
