#!/bin/sh
# Outputs never lose what was there (issue 11, items 1, 3, 5): emit -o,
# build -o, run --pcap and wrpcap() replace their target only when whole; a
# device is written in place and never removed; an output that is the spec
# is refused (exit 2); a write error is reported once (exit 3). Device nodes
# are copies made with mknod in a temporary directory, never the real ones.
#   outputs.sh PKTSPEC
set -u
pktspec=$1
case $pktspec in /*) ;; *) pktspec=$(pwd)/$pktspec ;; esac
dir=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
mknod -m 666 null c 1 3 2>/dev/null && mknod -m 666 full c 1 7 2>/dev/null ||
    { echo "skip: mknod needs root"; exit 77; }
fail=0
say() { echo "FAIL: $*"; fail=1; }
is_dev() { [ -c "$1" ] || say "$1 is no longer a device node: $(ls -la "$1" 2>&1)"; }
errors() { grep -c "error:" "$1"; }

cat > good.pkt <<'PKT'
p = Ether(dst=02:00:00:00:00:02, src=02:00:00:00:00:01)/IP(dst=198.18.0.2, src=198.18.0.1)/ICMP()
sendp(p, count=3000)
PKT
cat > midway.pkt <<'PKT'
p = Ether(dst=02:00:00:00:00:02, src=02:00:00:00:00:01)/IP(dst=198.18.0.2, src=198.18.0.1)/ICMP()
sendp(p, count=3)
x = rdpcap("no-such-capture.pcap")
PKT
cp "$dir/../emit/refuse.pkt" refused.pkt

# emit refusing the spec keeps an existing -o file, and a device.
echo "the old probe" > probe.c
"$pktspec" emit refused.pkt -o probe.c 2>/dev/null; st=$?
[ $st = 2 ] || say "emit of a refused spec: exit $st, not 2"
[ "$(cat probe.c)" = "the old probe" ] || say "emit lost the old probe.c: $(head -c 80 probe.c)"
"$pktspec" emit refused.pkt -o null 2>/dev/null
is_dev null
"$pktspec" build refused.pkt -o null 2>/dev/null
is_dev null
echo "the old program" > prog
"$pktspec" build refused.pkt -o prog 2>/dev/null
[ "$(cat prog)" = "the old program" ] || say "build lost the old program"

# A good emit replaces the file; a write error is one error, exit 3.
"$pktspec" emit good.pkt -o probe.c 2>/dev/null || say "emit good.pkt failed"
grep -q "int main" probe.c || say "emit did not replace probe.c"
"$pktspec" emit good.pkt -o full 2> err; st=$?
[ $st = 3 ] || say "emit -o full: exit $st, not 3"
[ "$(errors err)" = 1 ] || say "emit -o full: not one error: $(cat err)"
is_dev full

# --pcap: a device in place; a write error once; a failed run keeps the old capture.
"$pktspec" run good.pkt --pcap null 2>/dev/null || say "run --pcap null failed"
is_dev null
"$pktspec" run good.pkt --pcap full 2> err; st=$?
[ $st = 3 ] || say "run --pcap full: exit $st, not 3"
[ "$(errors err)" = 1 ] || say "run --pcap full: not one error: $(cat err)"
is_dev full
echo "the old capture" > old.pcap
"$pktspec" run midway.pkt --pcap old.pcap 2>/dev/null; st=$?
[ $st = 3 ] || say "a run failing midway: exit $st, not 3"
[ "$(cat old.pcap)" = "the old capture" ] || say "a failed run wrote over the old capture"
"$pktspec" run good.pkt --pcap old.pcap 2>/dev/null || say "run --pcap old.pcap failed"
[ "$(wc -c < old.pcap)" -gt 3000 ] || say "a good run did not replace the capture"
"$pktspec" run good.pkt --dry-run > full 2> err; st=$?
[ $st = 3 ] || say "run --dry-run > full: exit $st, not 3"
[ "$(errors err)" = 1 ] || say "stdout on full: not one error: $(cat err)"

# An output that is an input is refused, before anything runs.
cp good.pkt keep.pkt
"$pktspec" run good.pkt --pcap good.pkt 2> err; st=$?
[ $st = 2 ] || say "run --pcap SPEC: exit $st, not 2"
cmp -s good.pkt keep.pkt || say "run --pcap SPEC wrote over the spec"
"$pktspec" emit good.pkt -o ./good.pkt 2>/dev/null; st=$?
[ $st = 2 ] || say "emit -o SPEC: exit $st, not 2"
cmp -s good.pkt keep.pkt || say "emit -o SPEC wrote over the spec"
printf 'p = Ether()/IP(dst=198.18.0.2, src=198.18.0.1)\nwrpcap("self.pkt", p)\n' > self.pkt
cp self.pkt self.keep
"$pktspec" run self.pkt --dry-run >/dev/null 2>&1 && say "wrpcap over the spec succeeded"
cmp -s self.pkt self.keep || say "wrpcap wrote over the spec"
printf 'x = rdpcap("old.pcap")\nsendp(x)\n' > reread.pkt
cp old.pcap old.keep
"$pktspec" run reread.pkt --pcap old.pcap >/dev/null 2>&1 && say "--pcap over an rdpcap input succeeded"
cmp -s old.pcap old.keep || say "--pcap wrote over its rdpcap input"

# wrpcap: a write error once; a good one equal to --pcap's capture.
printf 'p = Ether(dst=02:00:00:00:00:02, src=02:00:00:00:00:01)/IP(dst=198.18.0.2, src=198.18.0.1)/ICMP(seq=[1, 2, 3])\nwrpcap("full", p)\n' > wfull.pkt
"$pktspec" run wfull.pkt --dry-run > /dev/null 2> err; st=$?
[ $st = 3 ] || say "wrpcap to full: exit $st, not 3"
[ "$(errors err)" = 1 ] || say "wrpcap to full: not one error: $(cat err)"
is_dev full

ls -a | grep -q "\.tmp-" && say "a temporary was left: $(ls -a)"
[ $fail = 0 ] && echo "ok: outputs"
exit $fail
