#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang and runs each for SECONDS
# (default 45), seeded with every spec, every vector and every capture file
# of the tree; then spends SECONDS on emit_diff.py (specs to probes that must
# compile and equal pktspec run; README.md says why it is no libFuzzer
# harness). Exit 1 on a finding.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-45}
build=${PKTSPEC_FUZZ_BUILD:-$root/build-fuzz}
cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER=clang -DPKTSPEC_FUZZ=ON \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j2 >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Seeds per harness: spec text for fuzz_spec, frames for fuzz_decode.
mkdir -p "$work/seeds-fuzz_spec" "$work/seeds-fuzz_decode" "$work/seeds-fuzz_capture"
cp "$root"/specs/*/*.pkt "$root"/tests/errors/*.pkt "$work/seeds-fuzz_spec/" 2>/dev/null || true
# whole captures for fuzz_capture
find "$root/specs" "$root/tests" \( -name '*.pcap' -o -name '*.pcapng' \) -size -64k \
    -exec cp {} "$work/seeds-fuzz_capture/" \;
/usr/bin/python3 - "$root" "$work" <<'PY'
import os, sys
root, work = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(root, "tests/vectors"))
from corpus_file import read_corpus
# Each vector's spec expression becomes a one-line spec.
for i, e in enumerate(read_corpus()):
    with open(f"{work}/seeds-fuzz_spec/vector{i:04d}.pkt", "w") as f:
        f.write(f"sendp({e.spec})\n")
# Every frame of the vectors and of the printer goldens, as raw bytes.
n = 0
for path, col in (("tests/vectors/expected.txt", 2), ("tests/printers/frames.txt", 2)):
    full = os.path.join(root, path)
    if not os.path.exists(full):
        continue
    for line in open(full):
        parts = line.split()
        if not parts or line.startswith("#") or len(parts) <= col:
            continue
        try:
            data = bytes.fromhex(parts[col])
        except ValueError:
            continue
        with open(f"{work}/seeds-fuzz_decode/frame{n:05d}", "wb") as f:
            f.write(data)
        n += 1
PY
status=0
harnesses=$(find "$build" -maxdepth 2 -type f -name 'fuzz_*' -perm -u+x | sort)
[ -n "$harnesses" ] || { echo "no fuzz harness was built in $build"; exit 1; }
for harness in $harnesses; do
    name=$(basename "$harness")
    mkdir -p "$work/$name" "$work/seeds-$name"
    echo "fuzzing $name for ${seconds}s"
    if ! (cd "$work" && "$harness" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
            -print_final_stats=1 "$work/$name" "$work/seeds-$name" >"$work/$name.log" 2>&1); then
        tail -60 "$work/$name.log"
        status=1
    else
        grep -E "^(stat::number_of_executed_units|Done)" "$work/$name.log" || true
    fi
done
echo "emit_diff for ${seconds}s"
# the harnesses' build is clang's with ASan and UBSan: its engine links them
if ! /usr/bin/python3 "$root/tests/fuzz/emit_diff.py" "$build/pktspec" "$seconds" \
        --keep "$root/build-fuzz-findings" --cc clang --ldflags="-fsanitize=address,undefined"; then
    status=1
fi
exit $status
