#!/usr/bin/env bash
# The whole test suite: installs what it needs, builds pktspec three times and
# runs the tests on each:
#   1. plain (RelWithDebInfo): every CTest test;
#   2. gcc's ASan and UBSan (-O1, asserts on): every test but the text and
#      speed ones below;
#   3. clang's ASan and UBSan with libFuzzer's instrumentation: the tests
#      that run our code in-process (clang's UBSan sees what gcc's does not,
#      such as arithmetic on a null pointer), then the fuzzers on that build.
# About 19 minutes on a 2-core machine (20 s a fuzzer).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/deps.sh --test
jobs=2
fuzz_seconds=${PKTSPEC_FUZZ_SECONDS:-20}

echo "== build and test"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j$jobs
(cd build && ctest -j$jobs --output-on-failure)

# Not again under the sanitizers: tests of text or of speed over what other
# tests already run there (the error corpus through check and run: its text
# agreement and formats; every lab spec again through pktspec test; RSS,
# which ASan inflates; ls's golden through the test driver, which
# ls/golden-pktspec covers through the program), and the live oracles, whose
# time is Scapy's; every spec again as a probe (the probe runs the engine
# those stages already check through pktspec run, and image/* checks loading
# a probe's program under them) and the captures' text against Scapy's
# (captures/read runs their bytes through every printer).
not_sanitized='^(emit/probe/.*|captures/scapy|vectors/live|ls/live|ls/scapy-live|ls/golden-printer|printers/live|captures/live|errors/check-agrees-with-run|errors/formats|testcmd/specs-and-lab|printers/read-rss)$'

echo "== build and test with gcc's ASan and UBSan"
# -O1: ASan's own advice, and half the time of -O0 on the decoding tests.
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS_DEBUG="-g -O1" \
    -DPKTSPEC_SANITIZE=ON >/dev/null
cmake --build build-asan -j$jobs
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest -j$jobs --output-on-failure -E "$not_sanitized")

echo "== build and test with clang's ASan and UBSan, then fuzz"
# One clang build serves both: tests/fuzz/run.sh configures it alike, so
# its build is a no-op. The tests that run our code in one process over
# many inputs: the unit tests, the printers on every prefix of every frame,
# the decoder, the parser and the program image (what clang's UBSan found
# before); stage 2 runs the rest, leaks included, and the fuzzers check
# leaks.
cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DPKTSPEC_FUZZ=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j$jobs
(cd build-fuzz && ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest -j$jobs --output-on-failure \
    -R '^(unit|printers|decode|parser|image)/' -E "$not_sanitized")
PKTSPEC_FUZZ_BUILD="$root/build-fuzz" bash tests/fuzz/run.sh "$fuzz_seconds"
echo "all tests passed"
