#!/bin/bash
# Memory per stored packet, pktspec against Scapy 2.5 doing the same work:
# rdpcap of 60-byte frames (no network: Scapy runs in `unshare -n`), sniff of
# 60-byte frames the lab's peer floods, and sr of ICMP echoes to the peer
# (both in pktspec's lab, Scapy through `run --lab --exec`). Each figure is
# two runs apart, a small one and a big one: (peak RSS big - peak RSS small)
# / (packets big - packets small), so the interpreter's own footprint drops
# out. Prints bytes a packet for each and Scapy's over pktspec's.
#   bench/mem.sh [PKTSPEC_BIN [PEAK_RSS_BIN]]
# (default: build/pktspec, and the build's tests/peak_rss from tests/memory/peak_rss.c)
# The lab needs root and network namespaces; without them, rdpcap only.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath "${1:-$root/build/pktspec}")
peak_rss=$(realpath "${2:-$(dirname "$bin")/tests/peak_rss}")
[ -x "$peak_rss" ] || { echo "bench/mem.sh: no $peak_rss (build the tests)" >&2; exit 2; }
py=/usr/bin/python3
scapy="$root/bench/scapy_mem.py"
mem="$root/tests/memory"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
export PKTSPEC="$bin"
lab=1
{ [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; } || lab=0

# measure OUT CMD...: sets kb (peak RSS of CMD and what it waited for) and
# stored (from its "stored N" line).
measure() {
    kb=$("$peak_rss" out "$@")
    stored=$(awk '$1 == "stored" {print $2}' out 2>/dev/null)
    [ "${kb:-0}" -gt 0 ] && [ -n "$stored" ] || { echo "  a run failed: $*" >&2; kb=0 stored=0; }
}
# per WHO SMALL_KB SMALL_N BIG_KB BIG_N: prints the line, sets each.
per() {
    each=0
    [ "$5" -gt "$3" ] && each=$(( ($4 - $2) * 1024 / ($5 - $3) ))
    printf '  %-8s %8s packets: peak %7s KB; %6s bytes a packet\n' "$1" "$5" "$4" "$each"
}
ratio() { [ "$2" -gt 0 ] && echo "scale=1; $1 / $2" | bc || echo "?"; }

pcap() { "$bin" run --pcap "$1.pcap" -D n="$1" "$mem/gen.pkt" || exit 1; }

echo "rdpcap: 60-byte frames"
pcap 1000; pcap 100000
cp 1000.pcap stored.pcap; measure "$bin" run --dry-run "$mem/rdpcap.pkt"; s_kb=$kb s_n=$stored
cp 100000.pcap stored.pcap; measure "$bin" run --dry-run "$mem/rdpcap.pkt"
per pktspec $s_kb $s_n $kb $stored; p_each=$each
measure unshare -n $py "$scapy" rdpcap 1000.pcap; s_kb=$kb s_n=$stored
measure unshare -n $py "$scapy" rdpcap 100000.pcap
per Scapy $s_kb $s_n $kb $stored
echo "  Scapy / pktspec: $(ratio $each $p_each)"

if [ $lab = 0 ]; then
    echo "sniff, sr: skipped (the lab needs root and network namespaces)"
    exit 0
fi

# sniff_run WHO N: the peer floods N frames; WHO keeps them. Scapy's sniff
# cannot keep up with a flood: for it the frames come 500 us apart.
sniff_run() {
    local peer="sh $mem/peer_flood.sh"
    if [ "$1" = pktspec ]; then
        PEER_FLOOD_COUNT=$2 measure "$bin" run --lab --lab-peer "$peer" -D n="$2" "$mem/sniff.pkt"
    else
        PEER_FLOOD_COUNT=$2 PEER_FLOOD_GAP=500us PEER_FLOOD_DELAY=3 measure "$bin" run --lab \
            --lab-peer "$peer" --exec $py "$scapy" sniff "$2"
    fi
}
echo "sniff: 60-byte frames sent by the lab's peer"
sniff_run pktspec 1000; s_kb=$kb s_n=$stored
sniff_run pktspec 1000000
per pktspec $s_kb $s_n $kb $stored; p_each=$each
echo "  pktspec, 1,000,000 frames flooded: $stored stored, peak $(echo "scale=1; $kb / 1024" | bc) MB"
sniff_run Scapy 500; s_kb=$kb s_n=$stored
sniff_run Scapy 5000
per Scapy $s_kb $s_n $kb $stored
echo "  Scapy / pktspec: $(ratio $each $p_each)"

echo "sr: ICMP echoes to the lab's peer, answered pairs kept"
measure "$bin" run --lab -D n=10 "$mem/sr.pkt"; s_kb=$kb s_n=$stored
measure "$bin" run --lab -D n=10000 "$mem/sr.pkt"
per pktspec $s_kb $s_n $kb $stored; p_each=$each
echo "  pktspec, 10,000 pairs: peak $(echo "scale=1; $kb / 1024" | bc) MB"
measure "$bin" run --lab --exec $py "$scapy" sr 10; s_kb=$kb s_n=$stored
measure "$bin" run --lab --exec $py "$scapy" sr 2000
per Scapy $s_kb $s_n $kb $stored
echo "  Scapy / pktspec: $(ratio $each $p_each)"
