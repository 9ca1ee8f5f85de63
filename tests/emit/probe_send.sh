#!/bin/sh
# The probe on -i IFACE sends what pktspec run -i sends, byte for byte, with
# the same output: the interface's MAC and IPv4 address and the next hop's
# MAC patched into the frames, their checksums fixed. All of it inside a
# network namespace of its own (a veth pair, nothing else); skips (77)
# without root or namespaces. -D values go to the probe
# (built without them) and to pktspec run alike.
#   probe_send.sh PKTSPEC SPEC EMIT_DIR [--static] [-D NAME=VALUE]...
set -u
pktspec=$1 spec=$2 here=$3
shift 3
static="" defs=""
while [ $# -gt 0 ]; do
    case $1 in
    --static) static=--static; shift ;;
    -D) defs="$defs -D $2"; shift 2 ;;
    *) echo "probe_send.sh: unknown option $1"; exit 2 ;;
    esac
done
[ "$(id -u)" = 0 ] || { echo "skip: needs root"; exit 77; }
unshare -n true 2>/dev/null || { echo "skip: no network namespaces here"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
"$pktspec" build "$spec" -o "$tmp/probe" $static || fail "build exited $?"
cat > "$tmp/inside.sh" <<'IN'
set -u
tmp=$1 pktspec=$2 spec=$3 here=$4 defs=$5
for k in all default; do echo 1 > /proc/sys/net/ipv6/conf/$k/disable_ipv6; done
ip link add pse0 type veth peer name pse1 || exit 3
ip addr add 10.9.0.1/24 brd 10.9.0.255 dev pse0
ip link set pse0 address 02:00:00:00:00:01
ip link set pse0 up && ip link set pse1 up || exit 3
ip neigh add 10.9.0.2 lladdr 02:00:00:00:00:02 dev pse0 nud permanent
ip neigh add 10.9.0.3 lladdr 02:00:00:00:00:03 dev pse0 nud permanent
capture() {
    rm -f "$tmp/$1.ready"
    /usr/bin/python3 "$here/capture.py" pse1 "$tmp/$1.frames" & cap=$!
    while [ ! -e "$tmp/$1.frames.ready" ]; do sleep 0.05; done
    shift
    "$@"
    echo $? > "$tmp/$cap.status"
    sleep 0.3
    kill $cap; wait $cap
}
capture run sh -c "\"$pktspec\" run -i pse0 $defs \"$spec\" > \"$tmp/run.out\" 2> \"$tmp/run.err\""
capture probe sh -c "\"$tmp/probe\" -i pse0 $defs > \"$tmp/probe.out\" 2> \"$tmp/probe.err\""
IN
unshare -n sh "$tmp/inside.sh" "$tmp" "$pktspec" "$spec" "$here" "$defs" || fail "namespace setup: $?"
[ -s "$tmp/run.frames" ] || fail "pktspec run -i sent nothing: $(cat "$tmp/run.err")"
cmp "$tmp/run.frames" "$tmp/probe.frames" || { diff "$tmp/run.frames" "$tmp/probe.frames"; cat "$tmp/probe.err"; fail "the probe sent other frames"; }
cmp "$tmp/run.out" "$tmp/probe.out" || { diff "$tmp/run.out" "$tmp/probe.out"; fail "other output"; }
grep -q "^Sent " "$tmp/probe.out" || fail "no Sent line"
echo "ok: $(wc -l < "$tmp/probe.frames") frames, as pktspec run -i"
