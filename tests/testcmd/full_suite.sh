#!/bin/sh
# The issue's command: pktspec test specs/ tests/lab/ -j 2 --junit out.xml
# from a scratch folder (what specs write stays out of the sources): every
# spec in a lab of its own, one TAP stream, the summary line, a valid JUnit
# file; only fail_closed_port.pkt (meant to fail) fails, so exit 1; the
# specs marked no-lab are skipped; no lab is left.
#   full_suite.sh PKTSPEC SOURCE_DIR XSD
set -u
pktspec=$1 src=$2 xsd=$3
[ "$(id -u)" = 0 ] || { echo "skip: the lab needs root"; exit 77; }
unshare -n true 2>/dev/null || { echo "skip: no network namespaces here"; exit 77; }
command -v xmllint >/dev/null 2>&1 || { echo "FAIL: no xmllint (scripts/deps.sh --test)"; exit 1; }
for tool in nft /usr/bin/python3; do
    command -v $tool >/dev/null 2>&1 || { echo "skip: no $tool (tests/lab needs it)"; exit 77; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
say() { echo "FAIL: $*"; fail=1; }
# What a lab could leave: its veth (psXXXXXXXX[sp]) in this namespace, a peer
# (pslab-OWNER) whose owner is gone. Other suites may run beside this one:
# only what a lab makes is looked at, and what is still there 3 s on.
labs_now() {
    ip netns list | grep -E '^ps[0-9a-f]{8}'
    ip -o link show | awk '{print $2}' | grep -E '^ps[0-9a-f]{8}[sp]'
    grep -Hs '^pslab-[0-9]*$' /proc/[0-9]*/comm | while IFS=: read -r c n; do
        [ -d /proc/"${n#pslab-}" ] && continue
        # a zombie holds nothing; a peer being torn down is one soon
        grep -qs '^State:[[:space:]]*Z' "${c%/comm}/status" || echo "${c%/comm}: $n"
    done
}
labs_left() {
    a=$(labs_now)
    for i in 1 2 3; do
        [ -n "$a" ] || return 0
        sleep 1
        a=$(labs_now | grep -xF "$a")
    done
    [ -z "$a" ] || echo "$a"
}
labs_left > "$tmp/labs.before"
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
new=$(labs_left | grep -vxF -f "$tmp/labs.before")
[ -z "$new" ] || say "a lab was left: $new"
if [ $fail = 1 ]; then
    echo "--- stdout"; cat "$tmp/tap"; echo "--- stderr"; cat "$tmp/err"
    exit 1
fi
tail -1 "$tmp/tap"
exit 0
