#!/bin/sh
# run -k PATTERN (no lab needed: a dry run): the golden TAP with -k holds
# (exit 0: the test that would fail is not run), the same spec with -k two
# (the failing test runs: exit 3), JUnit's <skipped/>, and -k where it
# means nothing (check) is a usage error.
#   run_k.sh PKTSPEC XSD
pktspec=$1 xsd=$2
cd "$(dirname "$0")" || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
say() { echo "FAIL: $*"; fail=1; }
"$pktspec" run select.pkt --dry-run -k holds --junit "$tmp/j.xml" > "$tmp/out" 2>&1
st=$?
[ "$st" = 0 ] || say "-k holds exited $st, not 0"
diff -u select.out "$tmp/out" || say "-k holds: the output differs from select.out"
[ "$(xmllint --xpath 'string(//testcase[@name="two fails"]/skipped/@message)' "$tmp/j.xml")" = \
  "not selected by -k" ] || say "JUnit: 'two fails' is not skipped"
xmllint --noout --schema "$xsd" "$tmp/j.xml" 2>/dev/null || say "JUnit not valid"
"$pktspec" run select.pkt --dry-run -k two > "$tmp/out" 2>&1
st=$?
[ "$st" = 3 ] || say "-k two exited $st, not 3"
grep -qxF "not ok 2 - two fails" "$tmp/out" || say "-k two: 'two fails' did not run"
grep -qxF "ok 1 - one holds # SKIP not selected by -k" "$tmp/out" || say "-k two: 'one holds' ran"
"$pktspec" check select.pkt -k two > "$tmp/out" 2>&1
st=$?
[ "$st" = 2 ] || say "check -k exited $st, not 2"
[ $fail = 0 ] && echo "ok: run -k"
exit $fail
