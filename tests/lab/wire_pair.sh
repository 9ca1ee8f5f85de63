# Sourced by the wire tests that count frames in a peer: two network
# namespaces of their own joined by a veth pair (sender wa 198.19.0.1,
# peer wb 198.19.0.2), IPv6 off so that nothing but the test's frames
# reaches the peer. The namespaces are unnamed, held by a process each, and
# the pair is made inside them: nothing shows in `ip netns list` or this
# namespace's links (the other lab tests check both), and all goes on exit.
# Skips (77) without root or namespaces. inA/inB CMD run CMD in one.
[ "$(id -u)" = 0 ] || { echo "skip: needs root"; exit 77; }
unshare -n true 2>/dev/null || { echo "skip: no network namespaces here"; exit 77; }
command -v nsenter >/dev/null 2>&1 || { echo "skip: no nsenter"; exit 77; }
tmp=$(mktemp -d)
unshare -n sleep 600 & PA=$!
unshare -n sleep 600 & PB=$!
cleanup() { kill "$PA" "$PB" 2>/dev/null; wait "$PA" "$PB" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 1' INT TERM
self=$(readlink /proc/self/ns/net)
for i in $(seq 100); do
    [ "$(readlink /proc/$PA/ns/net)" != "$self" ] && [ "$(readlink /proc/$PB/ns/net)" != "$self" ] && break
    sleep 0.02
done
inA() { nsenter -t "$PA" -n "$@"; }
inB() { nsenter -t "$PB" -n "$@"; }
for n in inA inB; do
    $n sh -c 'echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6; echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6' 2>/dev/null
done
inA ip link add wa type veth peer name wb netns "$PB" || exit 1
inA ip link set wa address 02:00:00:00:00:01
inB ip link set wb address 02:00:00:00:00:02
inA ip addr add 198.19.0.1/24 dev wa
inB ip addr add 198.19.0.2/24 dev wb
inA ip link set wa up && inB ip link set wb up || exit 1
