#!/usr/bin/env bash
# The whole test suite: installs what it needs, builds pktspec three times
# (plain; gcc's ASan and UBSan; clang's UBSan, which sees what gcc's does not,
# such as arithmetic on a null pointer), runs every CTest test on each, then
# the fuzzers. About 25 minutes on a 2-core machine.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/deps.sh --test
jobs=2
fuzz_seconds=${PKTSPEC_FUZZ_SECONDS:-25}

echo "== build and test"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j$jobs
(cd build && ctest -j$jobs --output-on-failure)

# Not again under the sanitizers: tests of text or of speed over what other
# tests already run there (the error corpus through check and run: its text
# agreement and formats; every lab spec again through pktspec test; RSS,
# which ASan inflates), and the live oracles; every spec again as a probe (the
# probe runs the engine those stages already check through pktspec run, and
# image/* checks loading a probe's program under them) and the captures'
# text against Scapy's (captures/read runs their bytes through every printer).
not_sanitized='^(emit/probe/.*|captures/scapy|vectors/live|ls/live|captures/live|errors/check-agrees-with-run|errors/formats|testcmd/specs-and-lab|printers/read-rss)$'

echo "== build and test with ASan and UBSan"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DPKTSPEC_SANITIZE=ON >/dev/null
cmake --build build-asan -j$jobs
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest -j$jobs --output-on-failure -E "$not_sanitized")

echo "== build and test with clang's UBSan"
CC=clang cmake -S . -B build-clang -DCMAKE_BUILD_TYPE=Debug -DPKTSPEC_SANITIZE=ON \
    -DPKTSPEC_SANITIZERS=undefined >/dev/null
cmake --build build-clang -j$jobs
# Not the lab tests either: they run under gcc's ASan and UBSan above, and
# they are most of a stage's time (the suite is to stay near 20 minutes).
(cd build-clang && UBSAN_OPTIONS=print_stacktrace=1 \
    ctest -j$jobs --output-on-failure -E "$not_sanitized|^lab/")

echo "== fuzz for ${fuzz_seconds}s a harness"
PKTSPEC_FUZZ_BUILD="$root/build-fuzz" bash tests/fuzz/run.sh "$fuzz_seconds"
echo "all tests passed"
