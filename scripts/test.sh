#!/usr/bin/env bash
# The whole test suite: installs what it needs, builds pktspec twice (plain,
# and with ASan and UBSan), runs every CTest test on both, then the fuzzers.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/deps.sh --test
jobs=2
fuzz_seconds=${PKTSPEC_FUZZ_SECONDS:-60}

echo "== build and test"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j$jobs
(cd build && ctest -j$jobs --output-on-failure)

echo "== build and test with ASan and UBSan"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DPKTSPEC_SANITIZE=ON >/dev/null
cmake --build build-asan -j$jobs
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest -j$jobs --output-on-failure -E '^(vectors/live|ls/live)')

echo "== fuzz for ${fuzz_seconds}s a harness"
PKTSPEC_FUZZ_BUILD="$root/build-fuzz" bash tests/fuzz/run.sh "$fuzz_seconds"
echo "all tests passed"
