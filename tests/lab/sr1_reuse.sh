#!/bin/sh
# sr1 in a loop opens its capture once a run, not once a call, and asks the
# kernel nothing else a call that opens a socket (an interface looked up by
# name is one): 300 sr1 calls to the peer, each answered, under strace, and
# the socket() calls counted. Counts, not times: a loaded machine cannot
# make it fail (the latency itself is bench/wire.sh's sr1 row).
#   sr1_reuse.sh PKTSPEC
set -u
pktspec=$1
command -v strace >/dev/null 2>&1 || { echo "skip: no strace"; exit 77; }
. "$(dirname "$0")/wire_pair.sh"
cat > "$tmp/sr1.pkt" <<'SPEC'
n = 0
for i in 1..300 {
    r = sr1(IP(dst="198.19.0.2")/ICMP(id=9, seq=i), timeout=2, verbose=0)
    if r {
        n = n + 1
    }
}
print("answered", n)
SPEC
# LeakSanitizer cannot run under ptrace: a sanitizer build checks leaks elsewhere.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS
inA strace -f -qq -e trace=socket -o "$tmp/trace" "$pktspec" run -i wa "$tmp/sr1.pkt" \
    > "$tmp/out" 2>&1 || { echo "FAIL: the run failed"; cat "$tmp/out"; exit 1; }
grep -q "^answered 300$" "$tmp/out" || { echo "FAIL: not every sr1 was answered"; cat "$tmp/out"; exit 1; }
all=$(grep -c 'socket(' "$tmp/trace")
packet=$(grep -c 'socket(AF_PACKET' "$tmp/trace")
echo "300 sr1 calls: $all socket() calls, $packet of them packet sockets"
fail=0
[ "$packet" -le 2 ] || { echo "FAIL: a packet socket a call ($packet for 300 calls)"; fail=1; }
[ "$all" -le 30 ] || { echo "FAIL: sockets opened a call ($all for 300 calls)"; fail=1; }
exit $fail
