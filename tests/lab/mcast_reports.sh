#!/bin/sh
# The multicast reports the peer's kernel sends (mcast_reports.pkt, the peer
# joining groups with peer_mcast.sh), read back from the spec's captures by
# `pktspec read --show` and by Scapy (rdpcap, with its igmp and igmpv3
# contrib loaded): the same text, holding the groups the peer joined.
#   mcast_reports.sh PKTSPEC
# Skips (77) without root, network namespaces or Scapy.
set -u
pktspec=$1
dir=$(cd "$(dirname "$0")" && pwd)
[ "$(id -u)" = 0 ] || { echo "skip: the lab needs root"; exit 77; }
unshare -n true 2>/dev/null || { echo "skip: no network namespaces here"; exit 77; }
unshare -n /usr/bin/python3 -c "import scapy.all" 2>/dev/null || { echo "skip: no Scapy"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
PKTSPEC=$pktspec timeout 60 "$pktspec" run --lab --lab-peer "$dir/peer_mcast.sh" \
    -D save="$tmp" "$dir/mcast_reports.pkt" > out 2> err || { echo "FAIL: pktspec exited $?"; cat out err; exit 1; }
for f in igmpv3 mldv2 igmpv2; do
    "$pktspec" read --show "$f.pcap" > "$f.pktspec" || { echo "FAIL: read $f.pcap"; exit 1; }
    unshare -n /usr/bin/python3 -c '
import sys
from scapy.all import load_contrib, rdpcap
load_contrib("igmp")
load_contrib("igmpv3")
for p in rdpcap(sys.argv[1]):
    p.show()
' "$f.pcap" > "$f.scapy" 2> scapy.err || { echo "FAIL: Scapy: $(cat scapy.err)"; exit 1; }
    diff -u "$f.scapy" "$f.pktspec" || { echo "FAIL: $f: not Scapy's text"; exit 1; }
done
grep -q '|  maddr     = 239.1.2.3$' igmpv3.pktspec || { echo "FAIL: no record of 239.1.2.3"; exit 1; }
grep -q 'dst       = ff05::1:3$' mldv2.pktspec || { echo "FAIL: no record of ff05::1:3"; exit 1; }
grep -q 'alert     = router_shall_examine_packet$' igmpv2.pktspec ||
    { echo "FAIL: no router alert option"; exit 1; }
grep -q 'gaddr     = 239.1.2.4$' igmpv2.pktspec || { echo "FAIL: no report of 239.1.2.4"; exit 1; }
cat igmpv3.pktspec mldv2.pktspec igmpv2.pktspec
echo ok
