#!/bin/sh
# Stored packets cost their bytes and a small header (issue 11): two runs
# keep SMALL and BIG packets; their peak RSS apart, over BIG - SMALL, is what
# one packet costs, which must stay under a bound.
#   stored_rss.sh PKTSPEC PEAK_RSS rdpcap|sniff|sr   (PEAK_RSS: peak_rss.c)
# rdpcap: frames of 60 bytes read from a capture, under 60 + 256 bytes each;
# sniff: the same frames sniffed in the lab (the peer floods them), under
# 60 + 256; sr: echo pairs in the lab (two frames of 28 bytes), under 1,000
# bytes a pair (10,000 pairs in 10 MB) with the sr engine's own buffers.
# The lab modes need root and network namespaces, and skip (77) without.
set -u
pktspec=$1 peak_rss=$2 mode=$3
dir=$(cd "$(dirname "$0")" && pwd)
if [ "$mode" != rdpcap ]; then
    [ "$(id -u)" = 0 ] || { echo "skip: the lab needs root"; exit 77; }
    unshare -n true 2>/dev/null || { echo "skip: no network namespaces here"; exit 77; }
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
export PKTSPEC="$pktspec"

# "PEAK_KB" of a command (its largest process), its stdout in $tmp/out.
peak() {
    "$peak_rss" out "$@"
}

# run N: the mode's run keeping N packets; sets kb and stored.
run() {
    case $mode in
    rdpcap)
        "$pktspec" run --pcap stored.pcap -D n="$1" "$dir/gen.pkt" || exit 1
        kb=$(peak "$pktspec" run --dry-run "$dir/rdpcap.pkt") ;;
    sniff)
        kb=$(PEER_FLOOD_COUNT=$1 peak "$pktspec" run --lab --lab-peer "sh $dir/peer_flood.sh" \
             -D n="$1" "$dir/sniff.pkt") ;;
    sr)
        kb=$(peak "$pktspec" run --lab -D n="$1" "$dir/sr.pkt") ;;
    esac
    stored=$(awk '$1 == "stored" {print $2}' out)
    echo "$mode: $1 packets asked, ${stored:-none} stored, peak RSS ${kb} KB"
    [ "$kb" -gt 0 ] && [ -n "$stored" ] || { echo "FAIL: the run failed"; exit 1; }
}

case $mode in
rdpcap) small=1000 big=100000 bound=316 ;;
sniff) small=1000 big=100000 bound=316 ;;
sr) small=10 big=10000 bound=1000 ;;
*) echo "stored_rss.sh: unknown mode $mode"; exit 2 ;;
esac
run $small
small_kb=$kb small_n=$stored
run $big
# A lossy link may drop some of a flood: what was stored is what counts.
[ "$stored" -ge $((big / 2)) ] || { echo "FAIL: only $stored of $big stored"; exit 1; }
each=$(( (kb - small_kb) * 1024 / (stored - small_n) ))
echo "$mode: $each bytes a packet (bound $bound)"
[ "$each" -lt "$bound" ] || { echo "FAIL: $each bytes a packet, not under $bound"; exit 1; }
