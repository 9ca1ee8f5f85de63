#!/usr/bin/env bash
# Speed, in one run: frame generation of pktspec against Scapy and trafgen, on
# the same packets (Ether/IPv4/TCP SYNs, the destination port swept), each
# writing its frames into a pcap file (no network is touched). Prints
# frames per second for each and the ratios; then reading: pktspec read
# --summary against Scapy's PcapReader and summary() and tshark's one line a
# frame (-n: no name looked up) over the same capture.
#   bench/run.sh [PKTSPEC_BIN]   (default: build/pktspec)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build/pktspec}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
rate() { echo "$1 / ($3 - $2)" | bc -l; }

# pktspec: 16 addresses x 65535 ports = 1,048,560 frames.
cat >"$work/sweep.pkt" <<'SPEC'
sendp(Ether(dst=02:00:00:00:00:02, src=02:00:00:00:00:01)/
      IP(src=198.18.0.1, dst=198.18.0.0/28)/TCP(sport=20, dport=1..65535, flags=S))
SPEC
n_pktspec=1048560
t0=$(now); "$bin" run "$work/sweep.pkt" --pcap "$work/pktspec.pcap"; t1=$(now)
r_pktspec=$(rate $n_pktspec "$t0" "$t1")

# Scapy: the same packets, fewer of them (it is slow); its own wrpcap.
n_scapy=20000
cat >"$work/bench_scapy.py" <<'PY'
import sys, time
from scapy.all import Ether, IP, TCP, wrpcap, conf
conf.verb = 0
n = int(sys.argv[1])
p = Ether(dst="02:00:00:00:00:02", src="02:00:00:00:00:01")/IP(src="198.18.0.1", dst="198.18.0.2")/TCP(sport=20, dport=(1, n), flags="S")
t0 = time.time()
wrpcap(sys.argv[2], p)
print(n / (time.time() - t0))
PY
r_scapy=$(unshare -n /usr/bin/python3 "$work/bench_scapy.py" $n_scapy "$work/scapy.pcap" 2>/dev/null)

# trafgen (netsniff-ng), writing a pcap.
cat >"$work/t.cfg" <<'CFG'
{
  eth(da=02:00:00:00:00:02, sa=02:00:00:00:00:01),
  ipv4(saddr=198.18.0.1, daddr=198.18.0.2, ttl=64, id=1),
  tcp(sp=20, dp=dinc(1, 65535), syn, win=8192)
}
CFG
n_trafgen=1048560
t0=$(now); trafgen -i "$work/t.cfg" -o "$work/trafgen.pcap" -n $n_trafgen -q -P 1 >/dev/null 2>&1; t1=$(now)
r_trafgen=$(rate $n_trafgen "$t0" "$t1")

# Reading: each tool decodes a capture and prints one summary line a frame.
t0=$(now); "$bin" read "$work/pktspec.pcap" --summary >/dev/null; t1=$(now)
r_read=$(rate $n_pktspec "$t0" "$t1")
cat >"$work/bench_scapy_read.py" <<'PY'
import sys, time
from scapy.all import PcapReader, conf
conf.verb = 0
n = int(sys.argv[1])
t0 = time.time()
with PcapReader(sys.argv[2]) as r:
    for i, p in enumerate(r):
        if i == n:
            break
        p.summary()
print(n / (time.time() - t0))
PY
r_scapy_read=$(unshare -n /usr/bin/python3 "$work/bench_scapy_read.py" $n_scapy "$work/pktspec.pcap" 2>/dev/null)
# tshark: its summary line a frame (the first 200,000: it is slower), in a
# namespace of its own like Scapy; left out when it is not installed.
n_tshark=200000 r_tshark=""
if command -v tshark >/dev/null 2>&1; then
    t0=$(now); unshare -n tshark -n -r "$work/pktspec.pcap" -c $n_tshark >/dev/null 2>&1; t1=$(now)
    r_tshark=$(rate $n_tshark "$t0" "$t1")
fi

printf 'frames per second (higher is better), each tool writing a pcap:\n'
printf '  pktspec %12.0f  (%d frames)\n' "$r_pktspec" $n_pktspec
printf '  scapy   %12.0f  (%d frames)\n' "$r_scapy" $n_scapy
printf '  trafgen %12.0f  (%d frames)\n' "$r_trafgen" $n_trafgen
printf 'pktspec / scapy   = %.1f x\n' "$(echo "$r_pktspec / $r_scapy" | bc -l)"
printf 'pktspec / trafgen = %.2f x\n' "$(echo "$r_pktspec / $r_trafgen" | bc -l)"
printf 'frames per second read and summarised (higher is better):\n'
printf '  pktspec read %12.0f  (%d frames)\n' "$r_read" $n_pktspec
printf '  scapy        %12.0f  (%d frames)\n' "$r_scapy_read" $n_scapy
printf 'pktspec / scapy (read) = %.1f x\n' "$(echo "$r_read / $r_scapy_read" | bc -l)"
if [ -n "$r_tshark" ]; then
    printf '  tshark       %12.0f  (%d frames)\n' "$r_tshark" $n_tshark
    printf 'pktspec / tshark (read) = %.1f x\n' "$(echo "$r_read / $r_tshark" | bc -l)"
else
    echo '  tshark: not installed, left out'
fi
