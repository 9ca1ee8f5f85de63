#!/bin/sh
# Scapy's sr() and pktspec's, on the same exchanges with the same peer,
# must pair every answer with the same request (Scapy: the earliest
# unanswered one of its hashret bucket that it answers; with multi, the
# earliest that it answers). The exchanges (pairing.pkt, pairing.py): a TTL
# sweep of UDP to a closed port and port sweeps, multi off and on; the
# peer's nft rules (pairing.nft) drop some requests, so that answers are
# alike to answers() for several requests. The emitted probe's pairs are
# checked too, through the same exchanges written as tests.
#   pairing.sh PKTSPEC
# Makes its own two namespaces (a veth pair between them, 198.18.0.1 and
# .2) and removes them whatever happens. Skips (77) without root, network
# namespaces, nft, Scapy or a C compiler.
set -u
pktspec=$1
dir=$(cd "$(dirname "$0")" && pwd)
[ "$(id -u)" = 0 ] || { echo "skip: needs root"; exit 77; }
unshare -n true 2>/dev/null || { echo "skip: no network namespaces here"; exit 77; }
command -v nft >/dev/null 2>&1 || { echo "skip: no nft"; exit 77; }
/usr/bin/python3 -c "import scapy.all" 2>/dev/null || { echo "skip: no Scapy"; exit 77; }
command -v cc >/dev/null 2>&1 || { echo "skip: no C compiler"; exit 77; }

self=pspair-a-$$ peer=pspair-b-$$
tmp=$(mktemp -d)
cleanup() {
    ip netns del "$self" 2>/dev/null
    ip netns del "$peer" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
in_self() { ip netns exec "$self" "$@"; }
in_peer() { ip netns exec "$peer" "$@"; }

ip netns add "$self" && ip netns add "$peer" &&
    in_self ip link add vpair0 address 02:00:00:00:00:01 type veth \
        peer name vpair1 address 02:00:00:00:00:02 netns "$peer" &&
    in_self ip link set lo up && in_peer ip link set lo up &&
    in_self ip addr add 198.18.0.1/24 dev vpair0 &&
    in_peer ip addr add 198.18.0.2/24 dev vpair1 &&
    in_self sysctl -qw net.ipv6.conf.all.disable_ipv6=1 &&
    in_peer sysctl -qw net.ipv6.conf.all.disable_ipv6=1 &&
    in_self ip link set vpair0 up && in_peer ip link set vpair1 up &&
    in_peer sysctl -qw net.ipv4.icmp_ratelimit=0 &&
    in_peer nft -f "$dir/pairing.nft" || { echo "FAIL: cannot make the lab"; exit 1; }

# Both tools in the spec's namespace, one after the other; each bounded.
in_self timeout 60 /usr/bin/python3 "$dir/pairing.py" vpair0 > "$tmp/scapy" 2> "$tmp/scapy.err"
rc=$?
[ $rc = 0 ] || { echo "FAIL: Scapy exited $rc"; cat "$tmp/scapy.err"; exit 1; }
in_self timeout 60 "$pktspec" run -i vpair0 "$dir/pairing.pkt" > "$tmp/pktspec" 2> "$tmp/pktspec.err"
rc=$?
[ $rc = 0 ] || { echo "FAIL: pktspec exited $rc"; cat "$tmp/pktspec.err"; exit 1; }

fail=0
say() { echo "FAIL: $*"; fail=1; }
# The same pairs as tests (pairing_expect.pkt), by pktspec run and by the
# probe emit makes of it (which cannot print what came).
in_self timeout 60 "$pktspec" run -i vpair0 "$dir/pairing_expect.pkt" > "$tmp/tests" 2>&1 ||
    { say "pktspec run pairing_expect.pkt:"; cat "$tmp/tests"; }
"$pktspec" build "$dir/pairing_expect.pkt" -o "$tmp/probe" || say "cannot build the probe"
if [ -x "$tmp/probe" ]; then
    in_self timeout 60 "$tmp/probe" -i vpair0 > "$tmp/probe.out" 2>&1 ||
        { say "the probe of pairing_expect.pkt:"; cat "$tmp/probe.out"; }
fi
if ! diff -u "$tmp/scapy" "$tmp/pktspec" > "$tmp/diff"; then
    say "pktspec's pairs (+) are not Scapy's (-):"
    cat "$tmp/diff"
fi
# The exchange must have been ambiguous: six exchanges, answers in each,
# and answers paired with a request other than the one they quote.
[ "$(grep -c 'multi=' "$tmp/scapy")" = 6 ] || say "not six exchanges"
awk '/multi=/ { if (NR > 1 && n == 0) bad = 1; n = 0; next } /^pair / { n++ }
     END { exit bad || n == 0 }' "$tmp/scapy" || say "an exchange had no answer"
# (A UDP line quotes its request's port and TTL: same port, another TTL.)
awk '$1 == "pair" && $3 == $6 && $2 != $5 { found = 1 } END { exit !found }' "$tmp/scapy" ||
    say "no answer paired with another request than the one it quotes"
if [ $fail = 1 ]; then
    echo "--- Scapy"; cat "$tmp/scapy"; echo "--- pktspec"; cat "$tmp/pktspec" "$tmp/pktspec.err"
    exit 1
fi
echo "ok: the same pairs as Scapy's"
cat "$tmp/scapy"
