#!/bin/sh
# idioms_scapy.sh PKTSPEC: Scapy's idioms pasted into specs make Scapy's
# frames: tuple ranges byte for byte (idioms/ranges.pkt), RandX values in
# their ranges with Scapy's checksums (idioms/rand.pkt), and --seed makes a
# run repeat while another seed changes it. Exit 77 without Scapy.
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
"$bin" run "$here/idioms/ranges.pkt" --pcap "$tmp/ranges.pcap" >/dev/null 2>&1 || fail "ranges: exit $?"
for seed in 5 5 6; do
    "$bin" run "$here/idioms/rand.pkt" --seed $seed --pcap "$tmp/rand.pcap" >/dev/null 2>&1 ||
        fail "rand: exit $?"
    cp "$tmp/rand.pcap" "$tmp/rand-$seed-$(ls "$tmp" | wc -l).pcap"
done
set -- "$tmp"/rand-5-*.pcap
cmp -s "$1" "$2" || fail "--seed 5 twice gives two different runs"
cmp -s "$1" "$tmp"/rand-6-*.pcap && fail "--seed 5 and --seed 6 give the same run"
if ! [ -x /usr/bin/python3 ] || ! command -v unshare >/dev/null ||
   ! unshare -n /usr/bin/python3 -c 'import scapy.all' 2>/dev/null; then
    echo "skip: needs Scapy (/usr/bin/python3) and unshare -n"; exit 77
fi
unshare -n /usr/bin/python3 "$here/idioms_scapy.py" ranges "$tmp/ranges.pcap" || fail "ranges are not Scapy's"
unshare -n /usr/bin/python3 "$here/idioms_scapy.py" rand "$1" || fail "random values are not Scapy's"
echo ok
