#!/bin/sh
# rate="100kpps" holds: 500,000 frames take 5 s, and the peer counts 100k
# frames a second (within 2%) over the sending's middle (at least 2 s of
# it), sampled in its own namespace. Every frame arrives, none twice (the
# peer's nft counter).
#   wire_rate.sh PKTSPEC
set -u
pktspec=$1
command -v nft >/dev/null 2>&1 || { echo "skip: no nft"; exit 77; }
. "$(dirname "$0")/wire_pair.sh"
inB nft -f - <<'NFT' || exit 1
table inet count {
    counter udp9 { }
    chain in { type filter hook prerouting priority 0; udp dport 9 counter name udp9; }
}
NFT
cat > "$tmp/rate.pkt" <<'SPEC'
sendp(Ether(dst="02:00:00:00:00:02")/IP(dst="198.19.0.2")/UDP(sport=1, dport=9),
      count=500000, rate="100kpps", verbose=0)
SPEC
# The sampler: time (ns) and count read back to back every 0.1 s, until the
# count has moved and then stood still for 0.5 s (8 s at most).
inB python3 -c '
import time
def read():  # /proc/self/net follows the namespace, /sys the mount
    for line in open("/proc/self/net/dev"):
        name, _, rest = line.partition(":")
        if name.strip() == "wb":
            return int(rest.split()[1])
    raise SystemExit("no wb")
first = read()
print(time.time_ns(), first, flush=True)
last, still, end = first, 0, time.time() + 8
while time.time() < end:
    time.sleep(0.1)
    c = read()
    print(time.time_ns(), c, flush=True)
    still = still + 1 if c == last else 0
    last = c
    if c != first and still >= 5:
        break' > "$tmp/samples" &
sampler=$!
while [ ! -s "$tmp/samples" ]; do sleep 0.05; done
start=$(date +%s%N)
inA "$pktspec" run -i wa "$tmp/rate.pkt" || { echo "FAIL: the run failed"; exit 1; }
took=$(( ($(date +%s%N) - start) / 1000000 ))
wait $sampler
got=$(inB nft list counter inet count udp9 | sed -n 's/.*packets \([0-9]*\).*/\1/p')
python3 - "$tmp/samples" "$got" "$took" <<'PY'
import sys
rows = [tuple(map(int, l.split())) for l in open(sys.argv[1]) if l.strip()]
got, took_ms = int(sys.argv[2]), int(sys.argv[3])
fail = []
if got != 500000:
    fail.append("the peer got %s frames, not 500000" % got)
lo, hi = rows[0][1], rows[-1][1]
moving = [r for r in rows if lo < r[1] < hi][1:-1]  # inside the sending, edges left out
took = None
if len(moving) < 2 or (moving[-1][0] - moving[0][0]) < 2e9:
    fail.append("the sampler saw under 2 s of the sending")
else:
    (t0, c0), (t1, c1) = moving[0], moving[-1]
    rate = (c1 - c0) / ((t1 - t0) / 1e9)
    print("the peer counted %.0f frames/s over %.2f s" % (rate, (t1 - t0) / 1e9))
    if took_ms < 4900:
        fail.append("500000 frames in %d ms: faster than 100k frames/s" % took_ms)
    if rate > 102000:
        fail.append("%.0f frames/s, over 100000 by more than 2%%" % rate)
    elif rate < 98000 and not fail:
        # Slower only: a loaded machine had no 100k frames/s to give, which
        # says nothing of the pacing (bench/wire.sh's rate row judges that).
        print("skip: the sender could not keep up with 100k frames/s here (%d ms)" % took_ms)
        sys.exit(77)
if fail:
    for t, c in rows:
        print("sample", (t - rows[0][0]) / 1e9, c)
for f in fail:
    print("FAIL:", f)
sys.exit(1 if fail else 0)
PY
