#!/bin/sh
# The wire bench: pktspec against its peers, all in the same run, between two
# network namespaces this script makes (veth wa 198.19.0.1 -> wb 198.19.0.2,
# the peer's closed UDP port 9) and removes. Nothing leaves them.
#   bench/wire.sh PKTSPEC [OUT.json]      (root; RUNS=5 COUNT=1000000 by default)
# Rows: send pps on one core (pktspec threads=1, trafgen -P 1, a bare
# sendmmsg loop (bench/wire_loop.c), tcpreplay --topspeed of the same pcap,
# Scapy's sendp on COUNT/100 frames), all cores (pktspec threads=0, trafgen),
# rate=100kpps held (achieved, in the peer), sr of 10,000 echoes (pktspec,
# Scapy's sr), sr1 a call (pktspec, Scapy's sr1, hping3's round trip),
# sniff of COUNT frames from trafgen (pktspec, tcpdump).
# Every row: median, min, max of RUNS runs, and the ratio to pktspec's; a
# tool that is missing is said so and its row left out.
set -u
pktspec=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
json=${2:-}
runs=${RUNS:-5} count=${COUNT:-1000000}
here=$(cd "$(dirname "$0")" && pwd)
[ "$(id -u)" = 0 ] || { echo "wire.sh: needs root (network namespaces)"; exit 2; }
A=psbench-a-$$ B=psbench-b-$$
tmp=$(mktemp -d)
trap 'ip netns del $A 2>/dev/null; ip netns del $B 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
ip netns add $A && ip netns add $B || exit 1
for ns in $A $B; do ip netns exec $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1; done
ip -n $A link add wa type veth peer name wb netns $B
ip -n $A link set wa address 02:00:00:00:00:01; ip -n $B link set wb address 02:00:00:00:00:02
ip -n $A addr add 198.19.0.1/24 dev wa; ip -n $B addr add 198.19.0.2/24 dev wb
ip -n $A link set wa up; ip -n $B link set wb up; ip -n $A link set lo up
ina() { ip netns exec $A "$@"; }
inb() { ip netns exec $B "$@"; }
rx() { inb cat /sys/class/net/wb/statistics/rx_packets; }
have() { command -v "$1" >/dev/null 2>&1 || { echo "MISSING: $1 (its rows are left out)"; return 1; }; }
now() { date +%s%N; }
results=$tmp/results   # row tool value unit, one a line
cc -O2 -o "$tmp/wire_loop" "$here/wire_loop.c" || exit 1

# The frame every sender sends: pktspec's, through a pcap.
frame='Ether(dst="02:00:00:00:00:02", src="02:00:00:00:00:01")/IP(src="198.19.0.1", dst="198.19.0.2")/UDP(sport=1234, dport=9)/"bench-wire-payload"'
echo "sendp($frame)" > "$tmp/one.pkt"
"$pktspec" run --pcap "$tmp/one.pcap" "$tmp/one.pkt" > /dev/null || exit 1
python3 -c "import sys; d=open(sys.argv[1],'rb').read()[40:]; print('{ ' + ', '.join('0x%02x' % b for b in d) + ' }')" \
    "$tmp/one.pcap" > "$tmp/one.cfg"
python3 -c "
import sys
d = open(sys.argv[1], 'rb').read()
open(sys.argv[2], 'wb').write(d[:24] + d[24:] * 1)" "$tmp/one.pcap" "$tmp/tr.pcap"
for t in 1 0; do
    echo "sendp($frame, count=$count, threads=$t, verbose=0)" > "$tmp/send$t.pkt"
done

# send_pps ROW TOOL N CMD...: frames a second the peer received, over the run's wall time
send_pps() {
    row=$1 tool=$2 n=$3; shift 3
    b=$(rx); s=$(now)
    "$@" > /dev/null 2>&1 || { echo "FAILED: $tool"; return; }
    e=$(now); got=$(( $(rx) - b ))
    echo "$row $tool $(python3 -c "print(round($got / (($e - $s) / 1e9)))") pps" >> "$results"
    [ "$got" -ge "$n" ] || echo "note: $tool: the peer got $got of $n"
}
scapy_n=$((count / 100))
cat > "$tmp/scapy_send.py" <<PY
from scapy.all import Ether, IP, UDP, sendp, conf
conf.verb = 0
sendp(Ether(dst="02:00:00:00:00:02", src="02:00:00:00:00:01")/IP(src="198.19.0.1", dst="198.19.0.2")/UDP(sport=1234, dport=9)/b"bench-wire-payload", iface="wa", count=$scapy_n)
PY
for r in $(seq "$runs"); do
    echo "run $r of $runs"
    send_pps send1 pktspec "$count" ina "$pktspec" run -i wa "$tmp/send1.pkt"
    have trafgen && send_pps send1 trafgen "$count" ina trafgen -o wa -c "$tmp/one.cfg" -n "$count" -P 1 -q
    send_pps send1 sendmmsg-loop "$count" ina "$tmp/wire_loop" wa "$count" mmsg "$tmp/one.pcap"
    send_pps send1 tx-ring-loop "$count" ina "$tmp/wire_loop" wa "$count" ring "$tmp/one.pcap"
    have tcpreplay && send_pps send1 tcpreplay "$count" ina tcpreplay -i wa --topspeed -L "$count" -l 0 -q "$tmp/tr.pcap"
    have /usr/bin/python3 && send_pps send1 scapy "$scapy_n" ina /usr/bin/python3 "$tmp/scapy_send.py"
    send_pps sendall pktspec "$count" ina "$pktspec" run -i wa "$tmp/send0.pkt"
    have trafgen && send_pps sendall trafgen "$count" ina trafgen -o wa -c "$tmp/one.cfg" -n "$count" -q
done

# rate=100kpps for 3 s: the rate the peer counted over the sending's middle,
# and the jitter (standard deviation of the rates of its 100 ms windows, %)
echo "sendp($frame, count=300000, rate=\"100kpps\", verbose=0)" > "$tmp/rate.pkt"
cat > "$tmp/sampler.py" <<'PY'
import statistics, sys, time
f = open("/sys/class/net/wb/statistics/rx_packets")
def read():
    f.seek(0)
    return int(f.read())
rows, first = [], read()
open(sys.argv[1], "w").close()          # ready
last, still, end = first, 0, time.time() + 10
while time.time() < end:
    time.sleep(0.1)
    c = read()
    rows.append((time.time_ns(), c))
    still = still + 1 if c == last else 0
    last = c
    if c != first and still >= 5:
        break
moving = [r for r in rows if first < r[1] < last][1:-1]
rates = [(b[1] - a[1]) / ((b[0] - a[0]) / 1e9) for a, b in zip(moving, moving[1:])]
(t0, c0), (t1, c1) = moving[0], moving[-1]
print(round((c1 - c0) / ((t1 - t0) / 1e9)), round(100 * statistics.pstdev(rates) / statistics.mean(rates), 2))
PY
for r in $(seq "$runs"); do
    rm -f "$tmp/ready"
    inb python3 "$tmp/sampler.py" "$tmp/ready" > "$tmp/rate.out" &
    p=$!
    while [ ! -e "$tmp/ready" ]; do sleep 0.05; done
    ina "$pktspec" run -i wa "$tmp/rate.pkt"
    wait $p
    read -r achieved jitter < "$tmp/rate.out"
    echo "rate100k pktspec $achieved pps" >> "$results"
    echo "rate100k-jitter pktspec $jitter %" >> "$results"
done

# sr of 10,000 echoes: seconds, the run's wall time (its start up included)
echo 'ans, unans = sr(IP(dst="198.19.0.2")/ICMP(id=7, seq=0..9999), timeout=2, verbose=0)
print(len(ans))' > "$tmp/sr.pkt"
cat > "$tmp/sr.py" <<'PY'
from scapy.all import IP, ICMP, sr, conf
conf.verb = 0
ans, unans = sr(IP(dst="198.19.0.2")/ICMP(id=7, seq=(0, 9999)), iface="wa", timeout=2)
print(len(ans))
PY
sr_time() {
    tool=$1; shift
    s=$(now); got=$("$@" 2>/dev/null | tail -1); e=$(now)
    echo "sr10k $tool $(python3 -c "print(round(($e - $s) / 1e9, 3))") s" >> "$results"
    [ "$got" = 10000 ] || echo "note: $tool: $got of 10000 answered"
}
for r in $(seq "$runs"); do
    sr_time pktspec ina "$pktspec" run -i wa "$tmp/sr.pkt"
    [ "$r" = 1 ] && sr_time scapy ina /usr/bin/python3 "$tmp/sr.py"   # slow (a minute): once
done

# sr1 latency: 1,000 calls in a loop, microseconds a call (the run's wall
# time less that of the same run without the loop, over 1,000); hping3's
# own average round trip (ICMP, 1,000 at 1 ms apart)
cat > "$tmp/sr1.pkt" <<'SPEC'
for i in 1..1000 {
    r = sr1(IP(dst="198.19.0.2")/ICMP(id=5, seq=i), timeout=1, verbose=0)
}
SPEC
echo 'r = sr1(IP(dst="198.19.0.2")/ICMP(id=5, seq=0), timeout=1, verbose=0)' > "$tmp/sr1_once.pkt"
cat > "$tmp/sr1.py" <<'PY'
import time
from scapy.all import IP, ICMP, sr1, conf
conf.verb = 0
t = time.time()
for i in range(200):
    sr1(IP(dst="198.19.0.2")/ICMP(id=5, seq=i), iface="wa", timeout=1)
print(round((time.time() - t) / 200 * 1e6))
PY
for r in $(seq "$runs"); do
    s=$(now); ina "$pktspec" run -i wa "$tmp/sr1_once.pkt" > /dev/null; m=$(now)
    ina "$pktspec" run -i wa "$tmp/sr1.pkt" > /dev/null; e=$(now)
    echo "sr1 pktspec $(( ((e - m) - (m - s)) / 1000 / 999 )) us" >> "$results"
    [ "$r" = 1 ] && echo "sr1 scapy $(ina /usr/bin/python3 "$tmp/sr1.py" 2>/dev/null) us" >> "$results"
    if have hping3; then
        avg=$(ina hping3 -1 -c 1000 -i u1000 198.19.0.2 2>&1 | sed -n 's|.*min/avg/max = [0-9.]*/\([0-9.]*\)/.*|\1|p')
        [ -n "$avg" ] && echo "sr1 hping3-rtt $(python3 -c "print(round($avg * 1000))") us" >> "$results"
    fi
done

# sniff COUNT frames from trafgen: frames caught (no drop: all of them)
echo "s = sniff(iface=\"wb\", filter=\"udp port 9\", count=$count, timeout=20)
print(len(s))" > "$tmp/sniff.pkt"
sniff_row() {
    tool=$1; shift
    ip netns exec $B "$@" > "$tmp/sniff.out" 2>&1 &
    p=$!; sleep 1
    ina trafgen -o wa -c "$tmp/one.cfg" -n "$count" -P 1 -q > /dev/null 2>&1
    sleep 1
    if [ "$tool" = tcpdump ]; then
        kill -INT $p 2>/dev/null; wait $p
        caught=$(sed -n 's/^\([0-9]*\) packets captured.*/\1/p' "$tmp/sniff.out")
    else
        wait $p; caught=$(tail -1 "$tmp/sniff.out")
    fi
    echo "sniff $tool ${caught:-0} frames" >> "$results"
}
if have trafgen; then
    for r in $(seq "$runs"); do
        sniff_row pktspec "$pktspec" run -i wb "$tmp/sniff.pkt"
        have tcpdump && sniff_row tcpdump tcpdump -i wb -B 65536 -w /dev/null udp port 9
    done
fi

python3 - "$results" "$json" <<'PY'
import json, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    row, tool, value, unit = line.split()
    rows.setdefault(row, {}).setdefault(tool, {"unit": unit, "values": []})["values"].append(float(value))
out = {}
# pktspec's lead over a tool: its rate / the tool's, or the tool's time / its
print("%-15s %-14s %12s %12s %12s %6s  %s" % ("row", "tool", "median", "min", "max", "unit",
                                            "pktspec's lead"))
for row, tools in rows.items():
    ref = statistics.median(tools["pktspec"]["values"]) if "pktspec" in tools else None
    for tool, d in tools.items():
        v = d["values"]
        med = statistics.median(v)
        ratio = None
        if ref and med and tool != "pktspec":
            ratio = med / ref if d["unit"] in ("s", "us") else ref / med
        out.setdefault(row, {})[tool] = {"unit": d["unit"], "median": med, "min": min(v),
                                         "max": max(v), "runs": len(v), "pktspec_lead": ratio}
        print("%-15s %-14s %12.6g %12.6g %12.6g %6s  %s" % (row, tool, med, min(v), max(v), d["unit"],
              "%.2f" % ratio if ratio else ""))
if sys.argv[2]:
    json.dump(out, open(sys.argv[2], "w"), indent=1)
PY
