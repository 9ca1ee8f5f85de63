#!/bin/sh
# Many params (issue 11: emit grew with the cube of their number, 2,000
# params took 100 s): emit settles them in a few recordings of all at once.
# 1. 5,000 params, each in a frame of its own: emit within 4 s of CPU time
#    (the bound is 2 s; twice that for a loaded machine).
# 2. 300 params of every patchable kind, several in one frame (an integer
#    in a 1-, 2- and 4-byte field, IPv4, IPv6, MAC, one fixed by a count):
#    the probe takes -D values at run time and its --pcap is pktspec run's.
#   many_params.sh PKTSPEC [slow]
# slow: a sanitizer or Debug build, ten times slower: 1,000 params, no bound.
set -u
pktspec=$1 slow=${2:-}
many=5000
[ -z "$slow" ] || many=1000
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
/usr/bin/python3 - "$tmp" "$many" <<'PY'
import sys
tmp = sys.argv[1]
with open(f"{tmp}/five.pkt", "w") as f:
    n = int(sys.argv[2])
    for i in range(n):
        f.write(f"param p{i} = {i + 1}\n")
    for i in range(n):
        f.write(f"send(IP(dst=198.18.0.2, id=p{i})/UDP(sport=1, dport=2))\n")
with open(f"{tmp}/mixed.pkt", "w") as f:
    for i in range(50):
        f.write(f"param id{i} = {i}\nparam ttl{i} = {i + 1}\nparam seq{i} = {70000 + i}\n"
                f"param dst{i} = 10.0.{i}.1\nparam mac{i} = 02:00:00:00:01:{i:02x}\n"
                f"param six{i} = 2001:db8::{i + 1:x}\n")
    f.write("param n = 2\n")
    for i in range(50):
        f.write(f"sendp(Ether(dst=mac{i})/IP(dst=dst{i}, id=id{i}, ttl=ttl{i})/"
                f"TCP(sport=1, dport=2, seq=seq{i}))\n")
        f.write(f"send(IPv6(dst=six{i})/UDP(sport=3, dport=id{i}), count=n)\n")
PY
cpu=$( { /usr/bin/time -f "%U %S" timeout 60 "$pktspec" emit "$tmp/five.pkt" -o "$tmp/five.c" \
         2>&1 >/dev/null | tail -1; } 2>&1)
[ -s "$tmp/five.c" ] || fail "emit of $many params wrote nothing ($cpu)"
[ -n "$slow" ] || awk -v t="$cpu" 'BEGIN { split(t, a, " "); exit !(a[1] + a[2] < 4) }' ||
    fail "emit of 5,000 params took $cpu s of CPU (user, system), not under 4"
grep -c '"an integer", "[0-9]*", [0-9]*u, NULL, 4, 2,' "$tmp/five.c" | grep -qx $many ||
    fail "not every one of the $many params takes -D as 2 bytes"
"$pktspec" build "$tmp/mixed.pkt" -o "$tmp/mixed" 2>/dev/null || fail "build of mixed.pkt exited $?"
set -- -D id3=4660 -D ttl7=200 -D seq9=305419896 -D dst11=192.0.2.99 -D mac13=02:aa:bb:cc:dd:ee \
       -D six17=2001:db8::beef -D id17=7 -D ttl17=9 -D dst17=10.9.9.9
"$tmp/mixed" --pcap "$tmp/p.pcap" "$@" >/dev/null 2>"$tmp/err" || fail "probe -D: $(cat "$tmp/err")"
"$pktspec" run "$tmp/mixed.pkt" --pcap "$tmp/r.pcap" "$@" >/dev/null 2>&1 || fail "pktspec run -D exited $?"
cmp "$tmp/p.pcap" "$tmp/r.pcap" || fail "-D at run time: other frames than pktspec run -D"
"$tmp/mixed" --pcap "$tmp/p.pcap" -D n=3 >/dev/null 2>"$tmp/err"; st=$?
[ $st = 2 ] && grep -q "it changes how many frames are sent" "$tmp/err" ||
    fail "-D n (a count): exit $st, $(cat "$tmp/err")"
echo "ok: $cpu s of CPU for $many params"
