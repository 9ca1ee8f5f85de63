#!/bin/sh
# The wire bench: pktspec against its peers, all in the same run, between two
# network namespaces this script makes (veth wa 198.19.0.1 -> wb 198.19.0.2,
# the peer's closed UDP port 9) and removes. Nothing leaves them.
#   bench/wire.sh PKTSPEC [OUT.json]
# Root. Environment: RUNS=5 (runs of each row), COUNT=1000000 (frames of the
# send and sniff rows), QUIET=1 (nothing but the table at the end: no line a
# run), PROBE_PKTSPEC (the pktspec whose `build` makes the probe; PKTSPEC by
# default), SR_N=10000, SR1_N=1000, RATE_SECONDS=5, SCAPY=0 (leave Scapy out).
# Rows:
#   send1      frames/s on one core: pktspec threads=1, trafgen -P 1, a bare
#              sendmmsg loop and a TX_RING loop (bench/wire_loop.c), tcpreplay
#              --topspeed of the same frame (a pcap of 10,000 of it, cached and
#              looped), Scapy's sendp (COUNT/100 frames: it is slow)
#   sendall    all cores: pktspec threads=0, trafgen (its default: every CPU)
#   probe      a probe of the same sendp (`pktspec build`) against `pktspec run`
#              of it, on as many frames as the probe takes (it says its limit)
#   rate100k   rate="100kpps" for RATE_SECONDS: the rate the peer counted over
#              the sending's middle, and its jitter (rate100k-jitter: the
#              standard deviation of the rates of its 100 ms windows, %)
#   sr         SR_N echoes to the peer: answered (sr-answered), and the seconds
#              from the first request out to the last answer in (sr-seconds,
#              the kernel's timestamps, as the spec reads them); sr-wall: the
#              whole run, its start included; Scapy's sr on the same, once
#   sr1        SR1_N calls in a loop, microseconds a call (sr1-median,
#              sr1-p99): for pktspec the time between one answer's arrival and
#              the next's (a whole turn of the loop), for Scapy's sr1 each
#              call's wall time, for hping3 its round trips (1 ms apart)
#   sniff      COUNT frames from trafgen -P 1 into the peer: caught
#              (sniff-caught) and the kernel's drops (sniff-drops,
#              PACKET_STATISTICS as each tool reports it), pktspec's sniff
#              against tcpdump -B 65536 -w /dev/null
# Each row: the median, min and max of its runs, and pktspec's lead (its rate
# over the tool's, or the tool's time over its). A missing tool is said so
# and its rows left out. The same goes to OUT.json, with the command, the
# runs and the load average before and after.
set -u
pktspec=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
json=${2:-}
runs=${RUNS:-5} count=${COUNT:-1000000} quiet=${QUIET:-0}
sr_n=${SR_N:-10000} sr1_n=${SR1_N:-1000} rate_s=${RATE_SECONDS:-5} scapy=${SCAPY:-1}
probe_pktspec=${PROBE_PKTSPEC:-$pktspec}
here=$(cd "$(dirname "$0")" && pwd)
[ "$(id -u)" = 0 ] || { echo "wire.sh: needs root (network namespaces)"; exit 2; }
A=psbench-a-$$ B=psbench-b-$$
tmp=$(mktemp -d)
trap 'ip netns del $A 2>/dev/null; ip netns del $B 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
results=$tmp/results   # row tool value unit, one a line
notes=$tmp/notes       # what the table cannot say, printed after it
: > "$results"; : > "$notes"
say() { [ "$quiet" = 1 ] || echo "$@"; }
note() { echo "$*" >> "$notes"; say "note: $*"; }
put() { echo "$1 $2 $3 $4" >> "$results"; }
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
ip netns add $A && ip netns add $B || exit 1
for ns in $A $B; do ip netns exec $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1; done
ip -n $A link add wa type veth peer name wb netns $B
ip -n $A link set wa address 02:00:00:00:00:01; ip -n $B link set wb address 02:00:00:00:00:02
ip -n $A addr add 198.19.0.1/24 dev wa; ip -n $B addr add 198.19.0.2/24 dev wb
ip -n $A link set wa up; ip -n $B link set wb up; ip -n $A link set lo up
ina() { ip netns exec $A "$@"; }
inb() { ip netns exec $B "$@"; }
rx() { inb cat /sys/class/net/wb/statistics/rx_packets; }
have() { command -v "$1" >/dev/null 2>&1 || { note "MISSING: $1 (its rows are left out)"; return 1; }; }
now() { date +%s%N; }
cc -O2 -o "$tmp/wire_loop" "$here/wire_loop.c" || exit 1
[ "$scapy" = 1 ] && ! /usr/bin/python3 -c 'import scapy' 2>/dev/null && { note "MISSING: scapy"; scapy=0; }

# The frame every sender sends: pktspec's, through a pcap.
frame='Ether(dst="02:00:00:00:00:02", src="02:00:00:00:00:01")/IP(src="198.19.0.1", dst="198.19.0.2")/UDP(sport=1234, dport=9)/"bench-wire-payload"'
echo "sendp($frame)" > "$tmp/one.pkt"
"$pktspec" run --pcap "$tmp/one.pcap" "$tmp/one.pkt" > /dev/null || exit 1
python3 - "$tmp/one.pcap" "$tmp/one.cfg" "$tmp/tr.pcap" <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
open(sys.argv[2], "w").write("{ " + ", ".join("0x%02x" % b for b in d[40:]) + " }\n")
open(sys.argv[3], "wb").write(d[:24] + d[24:] * 10000)   # tcpreplay loops it, cached
PY
for t in 1 0; do
    echo "sendp($frame, count=$count, threads=$t, verbose=0)" > "$tmp/send$t.pkt"
done

# send_pps ROW TOOL N CMD...: frames a second the peer received, over the run's wall time
send_pps() {
    row=$1 tool=$2 n=$3; shift 3
    b=$(rx); s=$(now)
    "$@" > "$tmp/send.out" 2>&1 || { note "FAILED: $tool ($row): $(tail -1 "$tmp/send.out")"; return 1; }
    e=$(now); got=$(( $(rx) - b ))
    put "$row" "$tool" "$(python3 -c "print(round($got / (($e - $s) / 1e9)))")" pps
    [ "$got" -ge "$n" ] || note "$tool ($row): the peer got $got of $n"
}
scapy_n=$((count / 100))
cat > "$tmp/scapy_send.py" <<PY
from scapy.all import Ether, IP, UDP, sendp, conf
conf.verb = 0
sendp(Ether(dst="02:00:00:00:00:02", src="02:00:00:00:00:01")/IP(src="198.19.0.1", dst="198.19.0.2")/UDP(sport=1234, dport=9)/b"bench-wire-payload", iface="wa", count=$scapy_n)
PY
loops=$(( (count + 9999) / 10000 ))
for r in $(seq "$runs"); do
    say "send, run $r of $runs"
    send_pps send1 pktspec "$count" ina "$pktspec" run -i wa "$tmp/send1.pkt"
    have trafgen && send_pps send1 trafgen "$count" ina trafgen -o wa -c "$tmp/one.cfg" -n "$count" -P 1 -q
    send_pps send1 sendmmsg-loop "$count" ina "$tmp/wire_loop" wa "$count" mmsg "$tmp/one.pcap"
    send_pps send1 tx-ring-loop "$count" ina "$tmp/wire_loop" wa "$count" ring "$tmp/one.pcap"
    have tcpreplay && send_pps send1 tcpreplay $((loops * 10000)) ina tcpreplay -i wa --topspeed -K --loop=$loops -q "$tmp/tr.pcap"
    [ "$scapy" = 1 ] && send_pps send1 scapy "$scapy_n" ina /usr/bin/python3 "$tmp/scapy_send.py"
    send_pps sendall pktspec "$count" ina "$pktspec" run -i wa "$tmp/send0.pkt"
    have trafgen && send_pps sendall trafgen "$count" ina trafgen -o wa -c "$tmp/one.cfg" -n "$count" -q
done

# The probe: the same sendp, built; a probe holds its frames, so the row
# takes the most it builds (COUNT, else down to 200,000, 100,000...).
probe_n="" why=""
for n in $count 200000 100000 50000; do
    [ "$n" -le "$count" ] || continue
    echo "sendp($frame, count=$n, threads=1, verbose=0)" > "$tmp/probe.pkt"
    if "$probe_pktspec" build "$tmp/probe.pkt" -o "$tmp/probe" > "$tmp/build.out" 2>&1; then
        probe_n=$n; break
    fi
    [ -n "$why" ] || why=$(head -1 "$tmp/build.out")
done
if [ -z "$probe_n" ]; then
    note "FAILED: pktspec build of the probe: $why"
else
    [ "$probe_n" = "$count" ] || note "probe: $probe_n frames, not $count (the probe would not hold more: $why)"
    for r in $(seq "$runs"); do
        say "probe, run $r of $runs"
        send_pps probe pktspec "$probe_n" ina "$pktspec" run -i wa "$tmp/probe.pkt"
        send_pps probe probe "$probe_n" ina "$tmp/probe" -i wa
    done
fi

# rate=100kpps for RATE_SECONDS: the rate the peer counted over the
# sending's middle (its first and last 100 ms windows left out)
echo "sendp($frame, count=$((100000 * rate_s)), rate=\"100kpps\", verbose=0)" > "$tmp/rate.pkt"
cat > "$tmp/sampler.py" <<'PY'
import statistics, sys, time
f = open("/sys/class/net/wb/statistics/rx_packets")
def read():
    f.seek(0)
    return int(f.read())
rows, first = [], read()
open(sys.argv[1], "w").close()          # ready
last, still, end = first, 0, time.time() + 30
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
print(round((c1 - c0) / ((t1 - t0) / 1e9)), round(100 * statistics.pstdev(rates) / statistics.mean(rates), 2),
      round((t1 - t0) / 1e9, 2), last - first)
PY
for r in $(seq "$runs"); do
    say "rate, run $r of $runs"
    rm -f "$tmp/ready"
    inb python3 "$tmp/sampler.py" "$tmp/ready" > "$tmp/rate.out" &
    p=$!
    while [ ! -e "$tmp/ready" ]; do sleep 0.05; done
    ina "$pktspec" run -i wa "$tmp/rate.pkt"
    wait $p
    read -r achieved jitter over got < "$tmp/rate.out"
    put rate100k pktspec "$achieved" pps
    put rate100k-jitter pktspec "$jitter" %
    [ "$got" -ge $((100000 * rate_s)) ] || note "rate: the peer got $got of $((100000 * rate_s))"
    say "rate: $achieved pps over the middle $over s of the sending"
done

# sr of SR_N echoes: answered, and from the first request out to the last answer in
cat > "$tmp/sr.pkt" <<SPEC
ans, unans = sr(IP(dst="198.19.0.2")/ICMP(id=7, seq=0..$((sr_n - 1))), timeout=2, verbose=0)
first = ans[0][0].sent_time
last = ans[0][1].time
for s, r in ans {
    if s.sent_time < first {
        first = s.sent_time
    }
    if r.time > last {
        last = r.time
    }
}
print(len(ans), last - first)
SPEC
cat > "$tmp/sr.py" <<PY
from scapy.all import IP, ICMP, sr, conf
conf.verb = 0
ans, unans = sr(IP(dst="198.19.0.2")/ICMP(id=7, seq=(0, $((sr_n - 1)))), iface="wa", timeout=2)
print(len(ans), "%.6fs" % ((max(r.time for s, r in ans) - min(s.sent_time for s, r in ans)) if ans else 0))
PY
# sr_row TOOL CMD...: its last line is "ANSWERED DURATION" (DURATION: 123us, 0.5s...)
sr_row() {
    tool=$1; shift
    s=$(now); "$@" > "$tmp/sr.out" 2>&1; e=$(now)
    set -- $(tail -1 "$tmp/sr.out")
    secs=$(python3 -c "
import re, sys
m = re.fullmatch(r'([0-9.]+)(ns|us|ms|s)', sys.argv[1])
print(float(m[1]) / {'ns': 1e9, 'us': 1e6, 'ms': 1e3, 's': 1}[m[2]] if m else '')" "${2:-x}")
    [ -n "$secs" ] || { note "FAILED: $tool (sr): $(tail -1 "$tmp/sr.out")"; return; }
    put sr-answered "$tool" "$1" answered
    put sr-seconds "$tool" "$secs" s
    put sr-wall "$tool" "$(python3 -c "print(round(($e - $s) / 1e9, 3))")" s
    [ "$1" = "$sr_n" ] || note "$tool (sr): $1 of $sr_n answered"
}
for r in $(seq "$runs"); do
    say "sr, run $r of $runs"
    sr_row pktspec ina "$pktspec" run -i wa "$tmp/sr.pkt"
    # slow (minutes on a loaded machine): once
    [ "$r" = 1 ] && [ "$scapy" = 1 ] && sr_row scapy ina /usr/bin/python3 "$tmp/sr.py"
done

# sr1: SR1_N calls in a loop; each tool's times a call, in microseconds, one a line
cat > "$tmp/sr1.pkt" <<SPEC
for i in 1..$sr1_n {
    r = sr1(IP(dst="198.19.0.2")/ICMP(id=5, seq=i), timeout=1, verbose=0)
    print(r.time)
}
SPEC
cat > "$tmp/sr1.py" <<PY
import time
from scapy.all import IP, ICMP, sr1, conf
conf.verb = 0
for i in range(200):
    t = time.perf_counter()
    sr1(IP(dst="198.19.0.2")/ICMP(id=5, seq=i), iface="wa", timeout=1)
    print((time.perf_counter() - t) * 1e6)
PY
# sr1_put TOOL FILE: the median and p99 of the times in FILE
sr1_put() {
    python3 - "$2" <<'PY' > "$tmp/sr1.stats" || { note "FAILED: $1 (sr1)"; return; }
import statistics, sys
t = sorted(float(l) for l in open(sys.argv[1]) if l.strip())
print(round(statistics.median(t), 1), round(t[min(len(t) - 1, int(0.99 * len(t)))], 1), len(t))
PY
    read -r med p99 n < "$tmp/sr1.stats"
    put sr1-median "$1" "$med" us
    put sr1-p99 "$1" "$p99" us
    say "sr1 $1: median $med us, p99 $p99 us of $n"
}
for r in $(seq "$runs"); do
    say "sr1, run $r of $runs"
    ina "$pktspec" run -i wa "$tmp/sr1.pkt" 2>&1 |
        python3 -c '
import re, sys
scale = {"ns": 1e-3, "us": 1, "ms": 1e3, "s": 1e6}
m = [re.fullmatch(r"([0-9.]+)(ns|us|ms|s)", l.strip()) for l in sys.stdin]
t = [float(x[1]) * scale[x[2]] for x in m if x]
if len(t) != int(sys.argv[1]):
    sys.exit("%d of %s answered" % (len(t), sys.argv[1]))
for a, b in zip(t, t[1:]):
    print(round(b - a, 3))' "$sr1_n" > "$tmp/sr1.us" || note "pktspec (sr1): not every call answered"
    sr1_put pktspec "$tmp/sr1.us"
    if [ "$r" = 1 ] && [ "$scapy" = 1 ]; then
        ina /usr/bin/python3 "$tmp/sr1.py" > "$tmp/sr1.us" 2>/dev/null && sr1_put scapy "$tmp/sr1.us"
    fi
    if have hping3; then
        ina hping3 -1 -c "$sr1_n" -i u1000 198.19.0.2 2>/dev/null |
            sed -n 's/.*rtt=\([0-9.]*\) ms.*/\1/p' | awk '{print $1 * 1000}' > "$tmp/sr1.us"
        [ -s "$tmp/sr1.us" ] && sr1_put hping3-rtt "$tmp/sr1.us"
    fi
done

# sniff COUNT frames from trafgen: frames caught, and the kernel's drops
echo "s = sniff(iface=\"wb\", filter=\"udp port 9\", count=$count, timeout=60)
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
        drops=$(sed -n 's/^\([0-9]*\) packets dropped by kernel.*/\1/p' "$tmp/sniff.out")
    else
        wait $p
        caught=$(tail -1 "$tmp/sniff.out")
        drops=$(sed -n 's/.*the kernel dropped \([0-9]*\) frames.*/\1/p' "$tmp/sniff.out")
    fi
    put sniff-caught "$tool" "${caught:-0}" frames
    put sniff-drops "$tool" "${drops:-0}" drops
    say "sniff $tool: ${caught:-0} caught, ${drops:-0} dropped"
}
if have trafgen; then
    for r in $(seq "$runs"); do
        say "sniff, run $r of $runs"
        sniff_row pktspec "$pktspec" run -i wb "$tmp/sniff.pkt"
        have tcpdump && sniff_row tcpdump tcpdump -i wb -B 65536 -w /dev/null udp port 9
    done
fi

load_after=$(cut -d' ' -f1-3 /proc/loadavg)
python3 - "$results" "$json" "$notes" "$load_before" "$load_after" "$runs" "$count" \
    "$(nproc)" <<'PY'
import json, statistics, sys
res, out_json, notes, before, after, runs, count, cores = sys.argv[1:]
rows = {}
for line in open(res):
    row, tool, value, unit = line.split()
    rows.setdefault(row, {}).setdefault(tool, {"unit": unit, "values": []})["values"].append(float(value))
lower_better = ("s", "us")
no_ratio = ("drops", "answered", "%")
out = {}
print("wire bench: %s runs, COUNT=%s, %s cores, load average %s before, %s after"
      % (runs, count, cores, before, after))
print("%-15s %-14s %12s %12s %12s %9s  %s" % ("row", "tool", "median", "min", "max", "unit",
                                              "pktspec's lead"))
for row, tools in rows.items():
    ref = statistics.median(tools["pktspec"]["values"]) if "pktspec" in tools else None
    for tool, d in tools.items():
        v = d["values"]
        med = statistics.median(v)
        ratio = None
        if ref and med and tool != "pktspec" and d["unit"] not in no_ratio:
            ratio = med / ref if d["unit"] in lower_better else ref / med
        out.setdefault(row, {})[tool] = {"unit": d["unit"], "median": med, "min": min(v),
                                         "max": max(v), "runs": len(v), "pktspec_lead": ratio}
        print("%-15s %-14s %12.6g %12.6g %12.6g %9s  %s" % (row, tool, med, min(v), max(v),
              d["unit"], "%.2f" % ratio if ratio else ""))
lines = [l.rstrip("\n") for l in open(notes)]
for l in lines:
    print("note:", l)
if out_json:
    json.dump({"runs": int(runs), "count": int(count), "cores": int(cores),
               "load_before": before, "load_after": after, "rows": out, "notes": lines},
              open(out_json, "w"), indent=1)
PY
