#!/bin/sh
# The issue's command: pktspec test specs/ tests/lab/ -j 2 --junit out.xml
# from a scratch folder (what specs write stays out of the sources): every
# spec in a lab of its own, one TAP stream, the summary line, a valid JUnit
# file; only fail_closed_port.pkt (meant to fail) fails, so exit 1; the
# specs marked no-lab are skipped; no lab is left.
#   full_suite.sh PKTSPEC SOURCE_DIR XSD
set -u
pktspec=$1 src=$2 xsd=$3
command -v xmllint >/dev/null 2>&1 || { echo "FAIL: no xmllint (scripts/deps.sh --test)"; exit 1; }
for tool in nft /usr/bin/python3; do
    command -v $tool >/dev/null 2>&1 || { echo "skip: no $tool (tests/lab needs it)"; exit 77; }
done
. "$(dirname "$0")/../lab/lab_common.sh"
labs_now > "$tmp/labs.before"
mkdir "$tmp/run" "$tmp/run/tests"
ln -s "$src/specs" "$tmp/run/specs"
ln -s "$src/tests/lab" "$tmp/run/tests/lab"
cd "$tmp/run" || exit 1
"$pktspec" test specs/ tests/lab/ -j 2 --junit out.xml > "$tmp/tap" 2> "$tmp/err"
st=$?
[ "$st" = 1 ] || say "exit $st, not 1"
total=$(find -L specs tests/lab -name '*.pkt' | grep -vc '/lib/[^/]*$')
skips=$(grep -l '^# pktspec: no-lab' tests/lab/*.pkt specs/*/*.pkt | wc -l)
head -2 "$tmp/tap" | tr '\n' ' ' | grep -qxF "TAP version 14 1..$total " ||
    say "not TAP 14 with a plan of $total specs"
bad=$(grep '^not ok' "$tmp/tap")
[ "$bad" = "not ok $(grep -n '^ok\|^not ok' "$tmp/tap" | grep -n fail_closed_port | cut -d: -f1) - tests/lab/fail_closed_port.pkt" ] ||
    say "other specs than fail_closed_port.pkt failed: $bad"
[ "$(grep -c '^ok [0-9]* - .* # SKIP no-lab' "$tmp/tap")" = "$skips" ] || say "not $skips no-lab skips"
grep -qE "^# $total specs: $((total - skips - 1)) passed, 1 failed, $skips skipped in [0-9.]+ s$" "$tmp/tap" ||
    say "no summary line: $(tail -1 "$tmp/tap")"
xmllint --noout --schema "$xsd" out.xml 2> "$tmp/lint" || { say "out.xml is not valid JUnit:"; cat "$tmp/lint"; }
[ "$(xmllint --xpath 'count(/testsuites/testsuite)' out.xml)" = "$total" ] || say "not $total testsuites"
[ "$(xmllint --xpath 'sum(//testsuite/@failures)' out.xml)" = 1 ] || say "not 1 failure in out.xml"
[ "$(xmllint --xpath 'sum(//testsuite/@errors)' out.xml)" = 0 ] || say "errors in out.xml"
sleep 0.1
new=$(labs_new "$tmp/labs.before")
[ -z "$new" ] || say "a lab was left: $new"
if [ $fail = 1 ]; then
    echo "--- stdout"; cat "$tmp/tap"; echo "--- stderr"; cat "$tmp/err"
    exit 1
fi
tail -1 "$tmp/tap"
exit 0
