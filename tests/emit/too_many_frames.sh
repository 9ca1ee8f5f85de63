#!/bin/sh
# A spec that makes more frames than a probe holds (docs/emit.md: 200,000
# frames, 64 MiB of them) is an error at the call that goes past it, exit 2,
# in bounded memory and time, with no file written (issue 11: count=10**12
# grew emit to 1.9 GB and aborted with no message, leaving an empty .c).
#   too_many_frames.sh PKTSPEC
set -u
pktspec=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
printf 'x = 1\nsend(IP(dst=198.18.0.2)/ICMP(), count=1000000000000)\n' > "$tmp/count.pkt"
printf 'layer L { x = LongField(0) }\nsendp(Ether()/IP()/UDP()/L(x=0..4294967295))\n' > "$tmp/set.pkt"
for spec in count set; do
    /usr/bin/time -f "%M" -o "$tmp/rss" timeout 60 "$pktspec" emit "$tmp/$spec.pkt" -o "$tmp/$spec.c" \
        2> "$tmp/err"; st=$?
    [ $st = 2 ] || fail "$spec: exit $st, not 2: $(tail -3 "$tmp/err")"
    grep -q "^$tmp/$spec.pkt:2:1: error: the probe cannot hold more than 200000 frames" "$tmp/err" ||
        fail "$spec: no error at the call: $(cat "$tmp/err")"
    [ ! -e "$tmp/$spec.c" ] || fail "$spec: emit left $spec.c"
    rss=$(tail -1 "$tmp/rss")
    [ "$rss" -lt 600000 ] || fail "$spec: emit grew to $rss KB"
done
# just under the bound: written
printf 'send(IP(dst=198.18.0.2)/ICMP(), count=20000)\n' > "$tmp/under.pkt"
"$pktspec" emit "$tmp/under.pkt" -o "$tmp/under.c" || fail "20,000 frames: exit $?"
echo "ok"
