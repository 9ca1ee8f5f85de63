#!/bin/bash
# `pktspec read` runs in constant memory: the peak RSS reading a capture of
# 1,000,000 packets is the peak RSS reading one of 1,000 (within 1 MB), for
# the summary and the JSON printers. The captures are written here, in a
# temporary directory, by a small Python writer (16 corpus frames cycled).
#   bench/read_rss.sh PKTSPEC
# Last line: "N passed, M failed".
set -u
pktspec=${1:?usage: read_rss.sh PKTSPEC}
root=$(cd "$(dirname "$0")/.." && pwd)
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

$py - "$root/tests/printers/frames.txt" "$tmp" <<'PY'
import struct, sys
frames = []
for line in open(sys.argv[1]):
    if line.startswith("fuzz."):
        data = bytes.fromhex(line.split()[2])
        if len(data) <= 128:
            frames.append(data)
frames = frames[:16]
recs = [struct.pack("<IIII", 1700000000 + i, i, len(f), len(f)) + f for i, f in enumerate(frames)]
for n in (1000, 1000000):
    with open("%s/%d.pcap" % (sys.argv[2], n), "wb") as out:
        out.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        out.write(b"".join(recs) * (n // len(recs)))
        out.write(b"".join(recs[:n % len(recs)]))
PY

# "PEAK_KB SECONDS" of one run, from getrusage of the finished child.
peak() {
    $py - "$@" <<'PY'
import resource, subprocess, sys, time
start = time.monotonic()
with open("/dev/null", "w") as null:
    rc = subprocess.run(sys.argv[1:], stdout=null).returncode
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(rss if rc == 0 else -1, "%.2f" % (time.monotonic() - start))
PY
}

passed=0 failed=0
for mode in --summary --json; do
    read -r small _ < <(peak "$pktspec" read "$tmp/1000.pcap" $mode)
    read -r big secs < <(peak "$pktspec" read "$tmp/1000000.pcap" $mode)
    echo "read $mode: 1,000 packets ${small} KB, 1,000,000 packets ${big} KB (${secs}s)"
    if [ "$small" -gt 0 ] && [ "$big" -gt 0 ] && [ "$big" -le $((small + 1024)) ]; then
        passed=$((passed + 1))
    else
        echo "  peak RSS grows with the capture"
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
