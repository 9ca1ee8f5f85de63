#!/bin/sh
# run_case.sh BIN NAME: runs `BIN run NAME.pkt --dry-run` in a copy of this folder and
# compares stdout with NAME.out and the exit status with NAME.status
# (default 0), and stderr with NAME.err when there is one. With NAME.junit present, --junit is given and the XML compared,
# its times, timestamp and hostname (which vary) normalised where they have
# their form (a decimal of seconds, an ISO 8601 time), else left to differ.
bin=$1 name=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A copy of this folder, so what a spec writes (wrpcap) stays out of the sources.
cp -R "$(dirname "$0")" "$tmp/case" && cd "$tmp/case" || exit 2
want_status=0
[ -f "$name.status" ] && want_status=$(cat "$name.status")
set -- run "$name.pkt" --dry-run
[ -f "$name.junit" ] && set -- "$@" --junit "$tmp/junit.xml"
"$bin" "$@" >"$tmp/out" 2>"$tmp/err"
status=$?
fail=0
if [ "$status" != "$want_status" ]; then
    echo "exit status $status, expected $want_status"; cat "$tmp/err"; fail=1
fi
if ! diff -u "$name.out" "$tmp/out"; then fail=1; fi
if [ -f "$name.err" ] && ! diff -u "$name.err" "$tmp/err"; then fail=1; fi
if [ -f "$name.junit" ]; then
    sed -E -e 's/ time="[0-9]+\.[0-9]{6}"/ time="T"/g' \
        -e 's/ timestamp="[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"/ timestamp="TS"/' \
        -e 's/ hostname="[^"]+"/ hostname="HOST"/' "$tmp/junit.xml" >"$tmp/junit.norm" || fail=1
    diff -u "$name.junit" "$tmp/junit.norm" || fail=1
fi
exit $fail
