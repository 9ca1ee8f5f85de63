#!/bin/sh
# Issue 11, item 10: read -f on a pipe and a FIFO; count= over 2^63-1 is
# "too large", not "negative"; -D of an integer over 64 bits is an error as
# the same literal in a spec is; a literal no frame can hold is refused by
# check at its place; a UTF-8 byte order mark is skipped.
#   limits.sh PKTSPEC CAPTURE
set -u
pktspec=$1 capture=$2
case $pktspec in /*) ;; *) pktspec=$(pwd)/$pktspec ;; esac
case $capture in /*) ;; *) capture=$(pwd)/$capture ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fail=0
say() { echo "FAIL: $*"; fail=1; }

"$pktspec" read "$capture" -f udp > want; st=$?
[ $st = 0 ] && [ -s want ] || say "read -f udp of a file: exit $st"
cat "$capture" | "$pktspec" read /dev/stdin -f udp > got 2> err; st=$?
[ $st = 0 ] || say "read -f on a pipe: exit $st: $(cat err)"
cmp -s want got || say "read -f on a pipe printed otherwise: $(head -3 got)"
mkfifo fifo
cat "$capture" > fifo &
writer=$!
timeout 20 "$pktspec" read fifo -f udp > got 2> err; st=$?
kill $writer 2>/dev/null; wait
[ $st = 0 ] || say "read -f on a FIFO: exit $st: $(cat err)"
cmp -s want got || say "read -f on a FIFO printed otherwise"

printf 'sendp(Ether()/IP(dst=198.18.0.2, src=198.18.0.1), count=18446744073709551615)\n' > count.pkt
"$pktspec" check count.pkt 2> err; st=$?
[ $st = 2 ] || say "count=2^64-1: exit $st, not 2"
grep -q "negative" err && say "count=2^64-1 is called negative: $(head -1 err)"
grep -q "^count.pkt:1:[0-9]*: error: count=18446744073709551615 is too large" err ||
    say "count=2^64-1: $(head -1 err)"

printf 'param n = 5\nprint(n)\n' > param.pkt
"$pktspec" check param.pkt -D n=99999999999999999999 2> err; st=$?
[ $st = 2 ] || say "-D n=99999999999999999999: exit $st, not 2"
"$pktspec" check param.pkt -D n=18446744073709551615 2> err || say "-D n=2^64-1 refused: $(cat err)"

python3 - <<'PY'
open("big.pkt", "w").write('p = Ether()/IP(dst=198.18.0.2, src=198.18.0.1)/UDP()/Raw(load="' + "A" * 70000 + '")\nsendp(p)\n')
open("bigx.pkt", "w").write('p = Ether()/IP(dst=198.18.0.2, src=198.18.0.1)/UDP()/Raw(load=x"' + "41" * 70000 + '")\nsendp(p)\n')
PY
for spec in big.pkt bigx.pkt; do
    "$pktspec" check $spec 2> err; st=$?
    [ $st = 2 ] || say "check of a 70 KB literal ($spec): exit $st, not 2"
    grep -q "^$spec:1:63: error: .* 70000 bytes: a frame holds at most 65535" err ||
        say "$spec: $(head -c 200 err)"
done

printf '\357\273\277p = Ether()/IP(dst=198.18.0.2, src=198.18.0.1)\nsendp(p)\n' > bom.pkt
"$pktspec" check bom.pkt 2> err || say "a spec with a byte order mark: $(cat err)"
[ $fail = 0 ] && echo "ok: limits"
exit $fail
