#!/bin/sh
# bench/wire.sh runs through, small: one run of every row with a few frames
# (Scapy left out: minutes), and its JSON holds pktspec's rows with what
# they must say whatever the load: every echo answered, every sr1 call
# timed, every frame sniffed and none dropped, rates above zero. The speed
# itself is the bench's to judge, not CI's.
#   wire_bench.sh PKTSPEC
set -u
pktspec=$1
[ "$(id -u)" = 0 ] || { echo "skip: needs root"; exit 77; }
ip netns add psbench-probe-$$ 2>/dev/null || { echo "skip: no network namespaces here"; exit 77; }
ip netns del psbench-probe-$$
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
QUIET=1 RUNS=1 COUNT=5000 SR_N=300 SR1_N=50 RATE_SECONDS=1 SCAPY=0 \
    sh "$(dirname "$0")/../../bench/wire.sh" "$pktspec" "$tmp/out.json" > "$tmp/out" 2>&1
status=$?
cat "$tmp/out"
[ $status = 0 ] || { echo "FAIL: wire.sh exited $status"; exit 1; }
python3 - "$tmp/out.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
rows, fail = d["rows"], []
def get(row, tool="pktspec"):
    try:
        return rows[row][tool]["median"]
    except KeyError:
        fail.append("no %s row for %s" % (row, tool))
        return None
for row in ("send1", "sendall", "rate100k"):
    v = get(row)
    if v is not None and not v > 0:
        fail.append("%s: %s pps" % (row, v))
if get("sr-answered") not in (None, 300):
    fail.append("sr: %s of 300 answered" % get("sr-answered"))
for row in ("sr-seconds", "sr1-median", "sr1-p99"):
    v = get(row)
    if v is not None and not v > 0:
        fail.append("%s: %s" % (row, v))
if "sniff-caught" in rows:   # trafgen sends the sniff row's frames
    if get("sniff-caught") != 5000 or get("sniff-drops") != 0:
        fail.append("sniff: %s caught, %s dropped" % (get("sniff-caught"), get("sniff-drops")))
for f in fail:
    print("FAIL:", f)
sys.exit(1 if fail else 0)
PY
