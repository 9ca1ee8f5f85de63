#!/bin/sh
# Emits SPEC as a probe and checks it against pktspec run: the C compiles
# with gcc and clang (-std=c11 -Wall -Wextra -Werror -pedantic), emitting is
# deterministic, and the probe's --pcap capture and --dry-run output are
# pktspec run's, byte for byte, as are the exit status and any file written.
#   emit_spec.sh PKTSPEC SPEC [-D NAME=VALUE]...
set -u
pktspec=$1 spec=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
spec_abs=$(cd "$(dirname "$spec")" && pwd)/$(basename "$spec")
mkdir "$tmp/ref" "$tmp/probe"
"$pktspec" emit "$spec_abs" -o "$tmp/probe.c" "$@" || fail "emit exited $?"
"$pktspec" emit "$spec_abs" -o "$tmp/again.c" "$@" || fail "emit exited $?"
cmp -s "$tmp/probe.c" "$tmp/again.c" || fail "two emits differ"
flags="-std=c11 -Wall -Wextra -Werror -pedantic"
for cc in gcc clang; do
    command -v $cc >/dev/null || continue
    $cc $flags -O1 "$tmp/probe.c" -o "$tmp/probe-$cc" || fail "$cc cannot compile the probe"
done
probe=$tmp/probe-gcc
[ -x "$probe" ] || probe=$tmp/probe-clang
# one run of each side in a directory of its own: the files each writes are compared
compare() {
    mode=$1
    shift
    (cd "$tmp/ref" && rm -f ./* && "$pktspec" run "$spec_abs" "$@" > stdout 2>/dev/null; echo $? > status)
    (cd "$tmp/probe" && rm -f ./* && "$probe" "$@" > stdout 2>/dev/null; echo $? > status)
    for f in $(cd "$tmp/ref" && ls); do
        cmp "$tmp/ref/$f" "$tmp/probe/$f" || fail "$mode: $f differs from pktspec run's"
    done
    [ "$(ls "$tmp/ref")" = "$(ls "$tmp/probe")" ] || fail "$mode: files differ: $(ls "$tmp/probe")"
}
compare pcap --pcap out.pcap "$@"
compare dry --dry-run "$@"
echo "ok: $(basename "$spec")"
