#!/bin/sh
# A probe's TAP and JUnit in a run that sends nothing, as pktspec run's:
# tests/run/expect-fails.pkt (a test that holds, one that fails, one
# skipped) byte for byte but for times, timestamp and hostname, against
# tests/run/expect-fails.junit; stop_file.pkt (the run stops outside the
# tests) with the plan matched by as many results in both. Each JUnit file
# is valid against the schema (tests/run/junit.xsd, xmllint).
#   probe_junit.sh PKTSPEC SOURCE_DIR
set -u
pktspec=$1 src=$2
xsd=$src/tests/run/junit.xsd
command -v xmllint >/dev/null 2>&1 || { echo "FAIL: no xmllint (scripts/deps.sh --test)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
norm() {
    sed -E -e 's/ time="[0-9]+\.[0-9]{6}"/ time="T"/g' \
        -e 's/ timestamp="[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"/ timestamp="TS"/' \
        -e 's/ hostname="[^"]+"/ hostname="HOST"/' "$1"
}
cp "$src/tests/run/expect-fails.pkt" "$src/tests/emit/stop_file.pkt" "$tmp/"
cd "$tmp" || exit 1
"$pktspec" build expect-fails.pkt -o fails 2>build.err || fail "build: $(cat build.err)"
./fails --dry-run --junit fails.xml > fails.out 2>/dev/null; st=$?
[ $st = 1 ] || fail "expect-fails probe exited $st, not 1"
diff -u "$src/tests/run/expect-fails.out" fails.out || fail "expect-fails: other TAP"
xmllint --noout --schema "$xsd" fails.xml || fail "expect-fails: not valid JUnit"
norm fails.xml | diff -u "$src/tests/run/expect-fails.junit" - || fail "expect-fails: other JUnit"
"$pktspec" build stop_file.pkt -o stop 2>build.err || fail "build: $(cat build.err)"
"$pktspec" run stop_file.pkt --dry-run --junit run.xml > run.out 2>/dev/null; st=$?
[ $st = 3 ] || fail "pktspec run of stop_file.pkt exited $st, not 3"
./stop --dry-run --junit stop.xml > stop.out 2>/dev/null; st=$?
[ $st = 3 ] || fail "the stop_file.pkt probe exited $st, not 3"
for x in run stop; do
    xmllint --noout --schema "$xsd" $x.xml || fail "$x.xml: not valid JUnit"
    [ "$(grep -c '^1\.\.3$' $x.out)" = 1 ] || fail "$x: no plan 1..3"
    [ "$(grep -cE '^(not )?ok [0-9]+ ' $x.out)" = 3 ] || fail "$x: not 3 results"
    grep -q 'tests="3" failures="0" errors="2"' $x.xml || fail "$x.xml: other counts"
done
# the same lines but for the reason a test was not run
grep -v '^# not run' run.out > a; grep -v '^# not run' stop.out > b
diff -u a b || fail "stop_file.pkt: other TAP"
norm run.xml | sed 's/message="not run: [^"]*"/message="N"/' > a
norm stop.xml | sed 's/message="not run: [^"]*"/message="N"/' > b
diff -u a b || fail "stop_file.pkt: other JUnit"
echo "ok: probes report and write JUnit as pktspec run"
