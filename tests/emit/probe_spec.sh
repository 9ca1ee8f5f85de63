#!/bin/sh
# One spec as a probe against pktspec run (issue 12): pktspec build makes
# the probe, and `PROBE --dry-run` and `PROBE --pcap OUT` print what
# `pktspec run SPEC` prints with those options, byte for byte on stdout and
# stderr, exit the same and write the same files; in the lab (root), so do
# `pktspec run --lab --exec PROBE` and `pktspec run --lab SPEC`, with the
# peer commands the spec's leading `# pktspec:` comments give (run in the
# spec's folder, as pktspec test runs them); `no-lab` skips the lab part.
# --no-lab: dry and pcap only (a spec that is not a lab spec); --lab-shape:
# in the lab only the exit status, the TAP lines and the number of lines
# compare (the spec prints the peer's IP IDs and ISNs, new on every run);
# ARGS after -- go to both runs (-D NAME=VALUE: bound at the probe's run
# time, compiled in by pktspec run).
#   probe_spec.sh PKTSPEC SPEC [--no-lab] [--lab-shape] [-- ARGS...]
set -u
pktspec=$1 spec=$2
shift 2
nolab="" shape=""
while [ $# -gt 0 ]; do
    case $1 in
    --no-lab) nolab=1; shift ;;
    --lab-shape) shape=1; shift ;;
    --) shift; break ;;
    *) echo "probe_spec.sh: unknown option $1"; exit 2 ;;
    esac
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
dir=$(cd "$(dirname "$spec")" && pwd)
spec=$dir/$(basename "$spec")
mkdir "$tmp/ref" "$tmp/probe"
"$pktspec" build "$spec" -o "$tmp/p" 2> "$tmp/build.err" || fail "build exited $?: $(cat "$tmp/build.err")"
# one run of each side in a folder of its own: the files each writes are compared
compare() {
    mode=$1
    shift
    (cd "$tmp/ref" && rm -f ./* && "$pktspec" run "$spec" "$@" > stdout 2> stderr; echo $? > status)
    (cd "$tmp/probe" && rm -f ./* && "$tmp/p" "$@" > stdout 2> stderr; echo $? > status)
    for f in $(cd "$tmp/ref" && ls); do
        cmp -s "$tmp/ref/$f" "$tmp/probe/$f" ||
            { diff "$tmp/ref/$f" "$tmp/probe/$f" | head -20; fail "$mode: $f differs from pktspec run's"; }
    done
    [ "$(ls "$tmp/ref")" = "$(ls "$tmp/probe")" ] || fail "$mode: files differ: $(ls "$tmp/probe")"
}
compare dry --dry-run --seed 7 "$@"
compare pcap --pcap out.pcap --seed 7 "$@"
[ -z "$nolab" ] || { echo "ok: $spec as a probe, as pktspec run (dry, pcap)"; exit 0; }
[ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null || { echo "ok: $spec (no lab here)"; exit 0; }
# the spec's `# pktspec:` lines, up to its first line that is not a comment
peer="" waits=""
while IFS= read -r line; do
    case $line in
    "# pktspec: no-lab"*) nolab=1 ;;
    "# pktspec: lab-peer-wait "*) waits="$waits --lab-peer-wait ${line#\# pktspec: lab-peer-wait }" ;;
    "# pktspec: lab-peer "*) peer=${line#\# pktspec: lab-peer } ;;
    "#"*) ;;
    *) break ;;
    esac
done < "$spec"
[ -z "$nolab" ] || { echo "ok: $spec (its lab run is not pktspec run --lab: no-lab)"; exit 0; }
# peer commands that run pktspec (peer_bursts.sh) find it here, as in tests/lab
PKTSPEC=$pktspec
export PKTSPEC
lab() {
    if [ -n "$peer" ]; then
        # shellcheck disable=SC2086
        "$pktspec" run --lab --lab-peer "cd '$dir' && $peer" $waits "$@"
    else
        "$pktspec" run --lab "$@"
    fi
}
# the lab is a real link: a run that differs is run again once, so that
# only a difference that stays fails
lab_compare() {
    (cd "$tmp/ref" && rm -f ./* && lab "$@" "$spec" > stdout 2> stderr; echo $? > status)
    (cd "$tmp/probe" && rm -f ./* && lab --exec "$tmp/p" "$@" > stdout 2> stderr; echo $? > status)
    if [ -n "$shape" ]; then
        for d in ref probe; do
            { wc -l < "$tmp/$d/stdout"; grep -E '^(not )?ok ' "$tmp/$d/stdout"; } > "$tmp/$d/shape"
        done
        set -- status shape
    else
        # How many of the link's other frames an sr's receive batch brought
        # varies from run to run, pktspec run's own too (http.pkt: the
        # server's segments after the answer): its count and the dots of
        # those frames are left out; answers (*, "got N answers") are not.
        for d in ref probe; do
            sed -E -e 's/^Received [0-9]+ packets, got/Received N packets, got/' \
                -e '/^[*.]+$/s/\.//g' "$tmp/$d/stdout" > "$tmp/$d/stdout.norm"
        done
        set -- status stdout.norm
    fi
    for f in "$@"; do
        cmp -s "$tmp/ref/$f" "$tmp/probe/$f" || { diff "$tmp/ref/$f" "$tmp/probe/$f" | head -20; return 1; }
    done
}
lab_compare "$@" || lab_compare "$@" || fail "lab: the probe's output or exit differs from pktspec run --lab's"
echo "ok: $spec as a probe, as pktspec run (dry, pcap, lab: exit $(cat "$tmp/ref/status"))"
