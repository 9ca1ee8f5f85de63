#!/bin/sh
# A lab conformance spec as a probe: built by pktspec build, run in the lab
# with pktspec run --lab --exec, it must exit as pktspec run --lab does
# (STATUS) and print the same, byte for byte. Skips (77) without root or
# network namespaces.
# -D values go to both at run time (the probe is built without them).
# --junit XSD: both write JUnit too, each valid against the schema XSD, and
# the same but for times, timestamp and hostname.
#   probe_lab_spec.sh PKTSPEC SPEC STATUS [--need TOOL] [--peer CMD] [--junit XSD]
#                     [-D NAME=VALUE]...
set -u
pktspec=$1 spec=$2 want=$3
shift 3
peer="" defs="" xsd=""
while [ $# -gt 0 ]; do
    case $1 in
    -D) defs="$defs -D $2"; shift 2 ;;
    --junit) xsd=$2; shift 2 ;;
    --need) command -v "$2" >/dev/null 2>&1 || { echo "skip: no $2"; exit 77; }; shift 2 ;;
    --peer) peer=$2; shift 2 ;;
    *) echo "probe_lab_spec.sh: unknown option $1"; exit 2 ;;
    esac
done
[ "$(id -u)" = 0 ] || { echo "skip: the lab needs root"; exit 77; }
unshare -n true 2>/dev/null || { echo "skip: no network namespaces here"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
# bare names, so that both name the spec alike in their reports
name=$(basename "$spec")
ln -s "$(cd "$(dirname "$spec")" && pwd)/$name" "$tmp/$name"
cd "$tmp" || exit 1
"$pktspec" build "$name" -o probe 2> build.err || fail "build exited $?: $(cat build.err)"
lab() {
    if [ -n "$peer" ]; then
        "$pktspec" run --lab --lab-peer "$peer" "$@"
    else
        "$pktspec" run --lab "$@"
    fi
}
jrun="" jprobe=""
[ -n "$xsd" ] && jrun="--junit run.xml" jprobe="--junit probe.xml"
lab $defs $jrun "$name" > run.out 2> run.err; st=$?
[ $st = "$want" ] || fail "pktspec run --lab exited $st, not $want: $(cat run.err)"
lab --exec ./probe $defs $jprobe > probe.out 2> probe.err; st=$?
[ $st = "$want" ] || { cat probe.out; fail "the probe exited $st, not $want: $(cat probe.err)"; }
diff -u run.out probe.out || fail "other output"
# the plan matched by as many results, in both
for x in run probe; do
    plan=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' $x.out | head -n 1)
    results=$(grep -cE '^(not )?ok [0-9]+( |$)' $x.out)
    [ "${plan:-0}" = "$results" ] || fail "$x: plan 1..${plan:-0}, $results results"
done
if [ -n "$xsd" ]; then
    for x in run probe; do
        xmllint --noout --schema "$xsd" $x.xml 2> lint.err || fail "$x.xml is not valid JUnit: $(cat lint.err)"
        sed -E -e 's/ time="[0-9]+\.[0-9]{6}"/ time="T"/g' \
            -e 's/ timestamp="[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"/ timestamp="TS"/' \
            -e 's/ hostname="[^"]+"/ hostname="HOST"/' $x.xml > $x.norm
    done
    diff -u run.norm probe.norm || fail "other JUnit"
    grep -q 'tests="[1-9]' run.norm || fail "no tests in the JUnit file"
fi
echo "ok: $name as a probe, as pktspec run --lab (exit $st)"
