#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang and runs each for SECONDS
# (default 60), seeded with every spec and every vector. Exit 1 on a finding.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-60}
build=${PKTSPEC_FUZZ_BUILD:-$root/build-fuzz}
cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER=clang -DPKTSPEC_FUZZ=ON \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j2 >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/seeds"
cp "$root"/specs/*/*.pkt "$work/seeds/" 2>/dev/null || true
cp "$root"/tests/errors/*.pkt "$work/seeds/" 2>/dev/null || true
# Each vector's spec expression becomes a one-line spec.
if [ -f "$root/tests/vectors/corpus.txt" ]; then
    /usr/bin/python3 - "$root/tests/vectors" "$work/seeds" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
from corpus_file import read_corpus
for i, e in enumerate(read_corpus()):
    with open(f"{sys.argv[2]}/vector{i:04d}.pkt", "w") as f:
        f.write(f"sendp({e.spec})\n")
PY
fi
status=0
harnesses=$(find "$build" -maxdepth 2 -type f -name 'fuzz_*' -perm -u+x | sort)
[ -n "$harnesses" ] || { echo "no fuzz harness was built in $build"; exit 1; }
for harness in $harnesses; do
    name=$(basename "$harness")
    mkdir -p "$work/$name"
    echo "fuzzing $name for ${seconds}s"
    if ! (cd "$work" && "$harness" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
            -print_final_stats=1 "$work/$name" "$work/seeds" >"$work/$name.log" 2>&1); then
        tail -60 "$work/$name.log"
        status=1
    else
        grep -E "^(stat::number_of_executed_units|Done)" "$work/$name.log" || true
    fi
done
exit $status
