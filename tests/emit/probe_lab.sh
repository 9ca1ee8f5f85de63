#!/bin/sh
# A probe built with --static runs in the lab (pktspec run --lab --exec):
# the frames that reach the peer and the output are those of pktspec run
# --lab for the same spec. Skips (77) without root or namespaces.
#   probe_lab.sh PKTSPEC SPEC EMIT_DIR
set -u
pktspec=$1 spec=$2 here=$3
[ "$(id -u)" = 0 ] || { echo "skip: the lab needs root"; exit 77; }
unshare -n true 2>/dev/null || { echo "skip: no network namespaces here"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
"$pktspec" build "$spec" -o "$tmp/probe" --static || fail "build exited $?"
ldd "$tmp/probe" 2>&1 | grep -q "not a dynamic executable\|statically linked" || fail "not static"
# the peer's end records what arrives from the spec's side (02:00:00:00:00:01)
peer() {
    echo "/usr/bin/python3 $here/capture.py \$PKTSPEC_LAB_PEER_IFACE $tmp/$1.frames & while [ ! -e $tmp/$1.frames.ready ]; do sleep 0.05; done"
}
"$pktspec" run --lab --lab-peer "$(peer run)" "$spec" > "$tmp/run.out" 2> "$tmp/run.err" || fail "pktspec run --lab exited $?: $(cat "$tmp/run.err")"
"$pktspec" run --lab --lab-peer "$(peer probe)" --exec "$tmp/probe" > "$tmp/probe.out" 2> "$tmp/probe.err" || fail "the probe exited $?: $(cat "$tmp/probe.err")"
for k in run probe; do grep "^020000000002020000000001" "$tmp/$k.frames" > "$tmp/$k.sent"; done
[ -s "$tmp/run.sent" ] || fail "pktspec run --lab sent nothing"
cmp "$tmp/run.sent" "$tmp/probe.sent" || { diff "$tmp/run.sent" "$tmp/probe.sent"; fail "the probe sent other frames"; }
cmp "$tmp/run.out" "$tmp/probe.out" || { diff "$tmp/run.out" "$tmp/probe.out"; fail "other output"; }
echo "ok: $(wc -l < "$tmp/probe.sent") frames in the lab, as pktspec run --lab"
