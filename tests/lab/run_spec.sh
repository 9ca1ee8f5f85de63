#!/bin/sh
# Runs one spec in the lab and checks what came out, and that the lab left
# nothing behind (no namespace, no interface in this namespace, no process).
#   run_spec.sh PKTSPEC SPEC STATUS [--grep TEXT]... [--golden FILE]
#               [--need TOOL]... [--peer CMD] [--peer-wait PROTO/PORT] [--err TEXT]
#               [--within SECONDS]
# STATUS is the exit status the run must have. --grep: a line of the output
# must hold TEXT; --golden: the output must be FILE, byte for byte; --need:
# skip (77) without TOOL; --peer: pktspec's --lab-peer CMD; --peer-wait: its
# --lab-peer-wait; --err: stderr must hold TEXT; --within: the run must end in
# under SECONDS. No process the run started (a server in the peer included) may
# be left: each inherits a tag in its environment, which no process may hold
# after the run.
# Skips (77) without root or network namespaces. The spec runs in a
# directory of its own, named bare, so its path in messages is its name.
set -u
pktspec=$1 spec=$2 want=$3
shift 3
. "$(dirname "$0")/lab_common.sh"
greps="" golden="" peer="" wait="" errtext="" within=""
while [ $# -gt 0 ]; do
    case $1 in
    --grep) greps="$greps
$2"; shift 2 ;;
    --golden) golden=$2; shift 2 ;;
    --need) command -v "$2" >/dev/null 2>&1 || { echo "skip: no $2"; exit 77; }; shift 2 ;;
    --peer) peer=$2; shift 2 ;;
    --peer-wait) wait="--lab-peer-wait $2"; shift 2 ;;
    --err) errtext=$2; shift 2 ;;
    --within) within=$2; shift 2 ;;
    *) echo "run_spec.sh: unknown option $1"; exit 2 ;;
    esac
done
labs_now > "$tmp/labs.before"
# The run's own directory: what the spec writes stays out of the sources.
name=$(basename "$spec")
mkdir "$tmp/run" && ln -s "$(cd "$(dirname "$spec")" && pwd)/$name" "$tmp/run/$name"
cd "$tmp/run" || exit 1
export PKTSPEC="$pktspec"
tag=$$-$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')
if [ -n "$peer" ]; then
    # shellcheck disable=SC2086 # $wait: an option and its value, or nothing
    PKTSPEC_TEST_RUN=$tag "$pktspec" run --lab --lab-peer "$peer" $wait "$name" \
        > "$tmp/out" 2> "$tmp/err" &
else
    PKTSPEC_TEST_RUN=$tag "$pktspec" run --lab "$name" > "$tmp/out" 2> "$tmp/err" &
fi
pid=$!
started=$(date +%s%N)
wait $pid
status=$?
took=$(( ($(date +%s%N) - started) / 1000000 ))
[ -z "$within" ] || [ "$took" -lt $(( within * 1000 )) ] || say "the run took $took ms, not under $within s"
[ "$status" = "$want" ] || say "exit status $status, not $want"
old_ifs=$IFS
IFS='
'
for g in $greps; do
    [ -n "$g" ] || continue
    grep -qF -- "$g" "$tmp/out" || say "no line holds: $g"
done
IFS=$old_ifs
[ -z "$errtext" ] || grep -qF -- "$errtext" "$tmp/err" || say "stderr holds no: $errtext"
if [ -n "$golden" ] && ! diff -u "$golden" "$tmp/out" > "$tmp/diff"; then
    say "the output differs from $golden:"
    cat "$tmp/diff"
fi
# Nothing of the lab outlives the run.
new=$(labs_new "$tmp/labs.before")
[ -z "$new" ] || say "the lab left: $new"
for c in /proc/[0-9]*/comm; do
    [ "$(cat "$c" 2>/dev/null)" = "pslab-$pid" ] && say "the lab's process ${c%/comm} is still there"
done
# (one grep over every process's environment: -z reads its NUL-ended lines)
for e in $(grep -lszx "PKTSPEC_TEST_RUN=$tag" /proc/[0-9]*/environ); do
    p=${e%/environ}
    say "a process the run started is left: ${p#/proc/} $({ tr '\0' ' ' < "$p/cmdline"; } 2>/dev/null)"
done
if [ $fail = 1 ]; then
    echo "--- stdout"; cat "$tmp/out"; echo "--- stderr"; cat "$tmp/err"
    exit 1
fi
echo "ok: $name exited $status"
exit 0
