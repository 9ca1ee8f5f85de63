#!/bin/sh
# threads=3 splits a count of a set over three sockets and every frame
# leaves once: 1,000 distinct frames (UDP sport 1000..1999) 50 times over,
# and the peer's nft counts each sport exactly 50 times, 50,000 in all.
#   wire_threads.sh PKTSPEC
set -u
pktspec=$1
command -v nft >/dev/null 2>&1 || { echo "skip: no nft"; exit 77; }
. "$(dirname "$0")/wire_pair.sh"
inB nft -f - <<'NFT' || exit 1
table inet count {
    set sports { type inet_service; flags dynamic; size 65535; counter; }
    chain in { type filter hook prerouting priority 0; udp dport 9 add @sports { udp sport }; }
}
NFT
cat > "$tmp/threads.pkt" <<'SPEC'
sendp(Ether(dst="02:00:00:00:00:02")/IP(dst="198.19.0.2")/UDP(sport=1000..1999, dport=9),
      count=50, threads=3)
SPEC
inA "$pktspec" run -i wa "$tmp/threads.pkt" > "$tmp/out" ||
    { echo "FAIL: the run failed"; cat "$tmp/out"; exit 1; }
grep -q "^Sent 50000 packets.$" "$tmp/out" || { echo "FAIL: no 'Sent 50000 packets.'"; exit 1; }
inB nft -j list set inet count sports | python3 -c '
import collections, json, sys
counts = {}
for o in json.load(sys.stdin)["nftables"]:
    for e in o.get("set", {}).get("elem", []):
        counts[e["elem"]["val"]] = e["elem"]["counter"]["packets"]
bad = {p: n for p, n in counts.items() if n != 50}
missing = set(range(1000, 2000)) - set(counts)
print("%d sports counted, %d not 50 times, %d missing" % (len(counts), len(bad), len(missing)))
sys.exit(1 if bad or missing or len(counts) != 1000 else 0)'
