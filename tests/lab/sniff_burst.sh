#!/bin/sh
# sniff's receive buffer holds a burst while the sniffer gets no CPU: the
# sniffer is stopped (SIGSTOP) once its socket is bound, 50,000 frames are
# sent at full speed into its namespace, and only then is it let go on; it
# must catch all 50,000 and the kernel drop none. Deterministic on a loaded
# machine: nothing here races the clock (the buffer is what is tested; a
# socket of the default size, or 8 MiB, holds a few thousand such frames).
#   sniff_burst.sh PKTSPEC
set -u
pktspec=$1
. "$(dirname "$0")/wire_pair.sh"
n=50000
cat > "$tmp/sniff.pkt" <<SPEC
s = sniff(iface="wb", filter="udp port 9", count=$n, timeout=30)
print("caught", len(s))
SPEC
cat > "$tmp/send.pkt" <<SPEC
sendp(Ether(dst="02:00:00:00:00:02")/IP(dst="198.19.0.2")/UDP(sport=1, dport=9), count=$n,
      threads=1, verbose=0)
SPEC
rx() { inB cat /proc/self/net/dev | awk -F'[: ]+' '/wb:/ {print $4}'; }
# nsenter execs pktspec: $! is the sniffer itself, for the signals.
nsenter -t "$PB" -n "$pktspec" run -i wb "$tmp/sniff.pkt" > "$tmp/out" 2>&1 &
sniffer=$!
# Bound: a packet socket of protocol ETH_P_ALL (0003), running (R 1), on wb.
wb=$(inB ip -o link show wb | cut -d: -f1)
bound=0
for i in $(seq 400); do
    inB awk -v i="$wb" 'NR > 1 && $4 == "0003" && $5 == i && $6 == 1 {f = 1} END {exit !f}' \
        /proc/self/net/packet && { bound=1; break; }
    sleep 0.05
done
[ $bound = 1 ] || { kill $sniffer; echo "FAIL: the sniffer's socket never showed bound on wb"; exit 1; }
kill -STOP $sniffer
before=$(rx)
inA "$pktspec" run -i wa "$tmp/send.pkt" || { kill -CONT $sniffer; echo "FAIL: the send failed"; exit 1; }
got=$(( $(rx) - before ))
kill -CONT $sniffer
wait $sniffer
status=$?
cat "$tmp/out"
echo "the peer's interface took in $got of the $n frames; the sniffer exited $status"
# A frame the interface never took in (a backlog full on a loaded machine:
# then sniff waits out its timeout) is no frame the sniffer could miss.
fail=0
[ $status = 0 ] || { echo "FAIL: the sniffer exited $status"; fail=1; }
[ "$got" -gt 0 ] || { echo "FAIL: no frame reached the peer"; fail=1; }
caught=$(sed -n 's/^caught \([0-9]*\)$/\1/p' "$tmp/out")
[ "${caught:-0}" -ge "$got" ] || [ "${caught:-0}" = $n ] ||
    { echo "FAIL: sniff caught ${caught:-none} of the $got frames"; fail=1; }
if grep -q "dropped" "$tmp/out"; then echo "FAIL: the kernel dropped frames"; fail=1; fi
exit $fail
