#!/bin/sh
# junit_check.sh BIN XSD: the JUnit files of the golden cases (NAME.junit
# here) as pktspec run writes them are valid against the JUnit schema CI
# tools read (junit.xsd, with xmllint), and the check bites: the same file
# without its time attributes is not. --junit /dev/full is a run-time error
# reported once (exit 3), after a TAP report that is complete; a file in no
# directory is an error before anything runs.
bin=$1 xsd=$2
command -v xmllint >/dev/null 2>&1 || { echo "FAIL: no xmllint (scripts/deps.sh --test)"; exit 1; }
cd "$(dirname "$0")" || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0
for golden in *.junit; do
    name=${golden%.junit}
    "$bin" run "$name.pkt" --dry-run --junit "$tmp/$name.xml" >/dev/null 2>&1
    if ! xmllint --noout --schema "$xsd" "$tmp/$name.xml" 2>"$tmp/lint"; then
        echo "FAIL: $name: not valid JUnit:"; cat "$tmp/lint"; fail=1
    fi
    sed 's/ time="[^"]*"//g' "$tmp/$name.xml" >"$tmp/bad.xml"
    if xmllint --noout --schema "$xsd" "$tmp/bad.xml" 2>/dev/null; then
        echo "FAIL: $name: the schema takes a testcase without its time"; fail=1
    fi
    n=$((n + 1))
done
[ "$n" -ge 3 ] || { echo "FAIL: only $n JUnit cases"; fail=1; }
"$bin" run error-in-test.pkt --dry-run --junit /dev/full >"$tmp/out" 2>"$tmp/err"
st=$?
[ "$st" = 3 ] || { echo "FAIL: --junit /dev/full exited $st, not 3"; fail=1; }
c=$(grep -c "/dev/full" "$tmp/err")
[ "$c" = 1 ] || { echo "FAIL: /dev/full named $c times on stderr:"; cat "$tmp/err"; fail=1; }
diff -u error-in-test.out "$tmp/out" || { echo "FAIL: TAP with --junit /dev/full"; fail=1; }
# a file that cannot be made: said before anything runs
"$bin" run error-in-test.pkt --dry-run --junit "$tmp/no/such/dir.xml" >"$tmp/out" 2>"$tmp/err"
st=$?
[ "$st" = 3 ] || { echo "FAIL: --junit in no directory exited $st, not 3"; fail=1; }
[ -s "$tmp/out" ] && { echo "FAIL: the run went on without its JUnit file:"; cat "$tmp/out"; fail=1; }
[ $fail = 0 ] && echo "ok: $n JUnit files valid against $(basename "$xsd"); /dev/full reported once"
exit $fail
