#!/bin/sh
# pktspec test over suite/ (a spec that passes, one that fails an expect,
# one with a spec error, one marked no-lab, a library in lib/) and over
# other/ (a hang, a crash, a bad directive, a run-time error, a lab-peer
# directive): the TAP stream (golden, the time masked), the exit status
# (the worst spec's), the JUnit file (valid, with a testsuite per spec),
# -k, -j 2 against -j 1, and no lab left behind by anything.
#   test_cmd.sh PKTSPEC XSD
set -u
pktspec=$1 xsd=$2
command -v xmllint >/dev/null 2>&1 || { echo "FAIL: no xmllint (scripts/deps.sh --test)"; exit 1; }
cd "$(dirname "$0")" || exit 2
. ../lab/lab_common.sh
mask() { sed -E 's/ in [0-9]+\.[0-9] s$/ in T s/' "$1"; }
labs_now > "$tmp/labs.before"

# The suite, one spec at a time: the golden stream, exit 2 (a spec error is
# the worst there).
"$pktspec" test suite -j 1 --junit "$tmp/j1.xml" > "$tmp/j1.tap" 2> "$tmp/j1.err"
st=$?
[ "$st" = 2 ] || say "test suite -j 1 exited $st, not 2"
[ -s "$tmp/j1.err" ] && { say "stderr not empty:"; cat "$tmp/j1.err"; }
mask "$tmp/j1.tap" > "$tmp/j1.masked"
diff -u suite.tap "$tmp/j1.masked" || say "the TAP stream differs from suite.tap"
# Two at a time (-j2 as -j 2): the same stream, the same JUnit but for times.
"$pktspec" test suite -j2 --junit "$tmp/j2.xml" > "$tmp/j2.tap" 2>&1
st=$?
[ "$st" = 2 ] || say "test suite -j 2 exited $st, not 2"
mask "$tmp/j2.tap" | diff -u "$tmp/j1.masked" - || say "-j 2 printed another stream than -j 1"
untimed() { sed -E 's/ (time|timestamp)="[^"]*"//g' "$1"; }
untimed "$tmp/j2.xml" | diff -u "$(untimed "$tmp/j1.xml" > "$tmp/j1.untimed"; echo "$tmp/j1.untimed")" - ||
    say "-j 2 wrote another JUnit file than -j 1"

# The JUnit file: valid, a testsuite per spec named by its path.
xmllint --noout --schema "$xsd" "$tmp/j1.xml" 2> "$tmp/lint" || { say "not valid JUnit:"; cat "$tmp/lint"; }
count() { xmllint --xpath "$1" "$tmp/j1.xml" 2>/dev/null; }
for check in "count(/testsuites/testsuite)=4" "count(//testcase)=6" "count(//failure)=1" \
             "count(//error)=1" "count(//skipped)=1" "sum(//testsuite/@tests)=6" \
             "sum(//testsuite/@failures)=1" "sum(//testsuite/@errors)=1" \
             "string(//testsuite[@id=0]/@name)=suite/more/fail.pkt" \
             "string(//testsuite[@id=3]/@package)=suite/spec_error.pkt" \
             "string(//testsuite[3]/testcase[1]/@name)=the lab gives its peer"; do
    expr=${check%=*} want=${check##*=}
    got=$(count "$expr")
    [ "$got" = "$want" ] || say "JUnit: $expr is '$got', not '$want'"
done

# -k: tests whose name does not hold the pattern are skipped, not run.
"$pktspec" test suite -k "its peer" --junit "$tmp/k.xml" > "$tmp/k.tap" 2>&1
st=$?
[ "$st" = 2 ] || say "-k: exit $st, not 2 (the spec error is still there)"
for line in "    ok 1 - the lab gives its peer" \
            "    ok 2 - the lab gives its id to no one # SKIP not selected by -k" \
            "    ok 2 - the ttl is what it is not # SKIP not selected by -k" \
            "ok 1 - suite/more/fail.pkt"; do
    grep -qxF -- "$line" "$tmp/k.tap" || say "-k: no line '$line'"
done
[ "$(xmllint --xpath 'count(//skipped)' "$tmp/k.xml")" = 4 ] || say "-k: not 4 skipped in JUnit"

# Exit status: the worst spec's; a library named on the command line runs.
"$pktspec" test suite/pass.pkt suite/lib/helpers.pkt > "$tmp/out" 2>&1
st=$?
[ "$st" = 0 ] || { say "pass + lib exited $st, not 0"; cat "$tmp/out"; }
grep -qxF "ok 1 - suite/lib/helpers.pkt" "$tmp/out" || say "a library named was not run"
"$pktspec" test suite/pass.pkt suite/more/fail.pkt > "$tmp/out" 2>&1
st=$?
[ "$st" = 1 ] || say "pass + fail exited $st, not 1"
"$pktspec" test suite other/runtime_error.pkt > "$tmp/out" 2>&1
st=$?
[ "$st" = 3 ] || say "a run-time error and a spec error exited $st, not 3 (3 > 2)"
grep -qxF "    # exit 3: a run-time error" "$tmp/out" || say "no reason for the run-time error"

# A bad directive: a spec error with its place and caret.
"$pktspec" test other/bad_directive.pkt > "$tmp/out" 2>&1
st=$?
[ "$st" = 2 ] || say "a bad directive exited $st, not 2"
grep -qF "    # other/bad_directive.pkt:2:13: error: unknown directive 'nolab'" "$tmp/out" ||
    { say "no diagnostic for the bad directive:"; cat "$tmp/out"; }
grep -qxF "    #             ^" "$tmp/out" || say "no caret under the directive"

# lab-peer: the command, beside the spec, runs in the peer's namespace.
"$pktspec" test other/peer.pkt > "$tmp/out" 2>&1
st=$?
[ "$st" = 0 ] || { say "the lab-peer spec exited $st:"; cat "$tmp/out"; }

# A hang is bounded by --timeout: killed, not ok, exit 3.
start=$(date +%s)
"$pktspec" test other/hang.pkt --timeout 1 > "$tmp/out" 2>&1
st=$?
took=$(( $(date +%s) - start ))
[ "$st" = 3 ] || say "a hang exited $st, not 3"
[ "$took" -lt 10 ] || say "a hang took $took s with --timeout 1"
grep -qxF "    # timed out after 1 s: killed" "$tmp/out" || { say "no timeout reason:"; cat "$tmp/out"; }
grep -qxF "not ok 1 - other/hang.pkt" "$tmp/out" || say "the hang is not 'not ok'"

# Its run's process (this test's child) killed by a signal: not ok, why.
the_run() {  # the pid of the run test started, once it is there
    for i in $(seq 100); do
        c=$(cat /proc/"$1"/task/"$1"/children 2>/dev/null)
        [ -n "$c" ] && { echo "$c" | awk '{print $1}'; return; }
        sleep 0.05
    done
}
"$pktspec" test other/hang.pkt --junit "$tmp/crash.xml" > "$tmp/out" 2>&1 &
pid=$!
run=$(the_run $pid)
sleep 0.5
[ -n "$run" ] && kill -KILL "$run"
wait $pid
st=$?
[ "$st" = 3 ] || say "a run killed by a signal: exit $st, not 3"
grep -qxF "    # killed by signal 9 (Killed)" "$tmp/out" || { say "no signal reason:"; cat "$tmp/out"; }
[ "$(xmllint --xpath 'string(//error/@type)' "$tmp/crash.xml")" = crash ] || say "JUnit: not a crash"
xmllint --noout --schema "$xsd" "$tmp/crash.xml" 2>/dev/null || say "the crash's JUnit is not valid"

# test itself ended by SIGTERM: its runs end, labs and all; a Bail out!
"$pktspec" test other/hang.pkt suite > "$tmp/out" 2>&1 &
pid=$!
run=$(the_run $pid)
sleep 0.5
kill -TERM $pid
wait $pid
st=$?
[ "$st" = 143 ] || say "test ended by SIGTERM exited $st, not 143"
grep -q "^Bail out! interrupted" "$tmp/out" || { say "no Bail out!:"; cat "$tmp/out"; }
[ -n "$run" ] && [ -d /proc/"$run" ] && say "the run $run outlived test"

# Usage errors: exit 2 before anything runs.
"$pktspec" test -j 0 suite > "$tmp/out" 2>&1; st=$?
[ "$st" = 2 ] || say "-j 0 exited $st, not 2"
"$pktspec" test no/such/folder > "$tmp/out" 2>&1; st=$?
[ "$st" = 2 ] || say "a path that is not there exited $st, not 2"
[ -s "$tmp/out" ] && grep -q "^TAP version" "$tmp/out" && say "ran with a path that is not there"

# Nothing of any lab outlives the runs.
sleep 0.1
new=$(labs_new "$tmp/labs.before")
[ -z "$new" ] || say "a lab was left: $new"
# (the brackets: grep's own command line does not match)
left=$(grep -las 'other/hang[.]pkt' /proc/[0-9]*/cmdline)
[ -z "$left" ] || say "a run is still there: $left"
[ $fail = 0 ] && echo "ok: pktspec test: TAP, JUnit, -k, -j, exit status, timeout, crash, SIGTERM"
exit $fail
