#!/bin/sh
# --drop-kernel-rst on -i IFACE: over a veth pair between two network
# namespaces this script makes (unshare: nothing named, nothing outside),
# a TCP session by hand to Python's http.server works with it and is reset
# by this side's kernel without it; the run's nft table exists while the
# run does and is gone after it, after a run-time error and after SIGTERM.
#   drop_kernel_rst.sh PKTSPEC
set -u
pktspec=$1
case $pktspec in /*) ;; *) pktspec=$(pwd)/$pktspec ;; esac
[ "$(id -u)" = 0 ] || { echo "skip: needs root"; exit 77; }
unshare -n true 2>/dev/null || { echo "skip: no network namespaces here"; exit 77; }
command -v nft >/dev/null 2>&1 || { echo "skip: no nft"; exit 77; }
dir=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/inside.sh" <<'IN'
set -u
pktspec=$1 dir=$2 tmp=$3
fail=0
say() { echo "FAIL: $*"; fail=1; }
tables() { nft list tables | grep -c pktspec_rst_; }
# The peer: a namespace of its own, held by a process that ends with this one.
unshare -n sleep 60 & holder=$!
sleep 0.2
ip link add pse0 type veth peer name pse1 || exit 3
ip link set pse1 netns "$holder" || exit 3
ip addr add 10.9.0.1/24 dev pse0 && ip link set pse0 up
nsenter -t "$holder" -n sh -c 'ip addr add 10.9.0.2/24 dev pse1 && ip link set pse1 up && ip link set lo up' || exit 3
nsenter -t "$holder" -n /usr/bin/python3 -m http.server 8080 --directory /tmp >/dev/null 2>&1 & server=$!
for i in $(seq 100); do
    nsenter -t "$holder" -n grep -q ':1F90 00000000:0000 0A' /proc/net/tcp /proc/net/tcp6 2>/dev/null && break
    sleep 0.05
done
# Without the option this side's kernel resets the session.
"$pktspec" run -i pse0 -D sport=41001 "$dir/iface_session.pkt" > "$tmp/without.out" 2>&1
[ $? = 1 ] || say "without --drop-kernel-rst the session was not reset: $(cat "$tmp/without.out")"
# With it, the server answers; the table is gone after the run.
"$pktspec" run -i pse0 --drop-kernel-rst -D sport=41002 "$dir/iface_session.pkt" > "$tmp/with.out" 2>&1
[ $? = 0 ] || say "with --drop-kernel-rst: $(cat "$tmp/with.out")"
[ "$(tables)" = 0 ] || say "a table is left after the run: $(nft list tables)"
# A run-time error (an interface that is not there): no table left.
"$pktspec" run -i pse9 --drop-kernel-rst "$dir/iface_session.pkt" > "$tmp/err.out" 2>&1
[ $? = 3 ] || say "a run on a missing interface did not exit 3: $(cat "$tmp/err.out")"
[ "$(tables)" = 0 ] || say "a table is left after an error: $(nft list tables)"
# SIGTERM in the middle of a capture: the table was there, and goes.
printf 'print("sniffing")\nsniff(filter="udp port 9", timeout=20s)\n' > "$tmp/long.pkt"
"$pktspec" run -i pse0 --drop-kernel-rst "$tmp/long.pkt" > "$tmp/long.out" 2>&1 & run=$!
for i in $(seq 200); do
    grep -q sniffing "$tmp/long.out" && break
    sleep 0.05
done
[ "$(tables)" = 1 ] || say "no table while the run runs: $(nft list tables)"
kill -TERM "$run"
wait "$run"
[ "$(tables)" = 0 ] || say "a table is left after SIGTERM: $(nft list tables)"
kill "$server" "$holder" 2>/dev/null
wait
exit $fail
IN
unshare -n sh "$tmp/inside.sh" "$pktspec" "$dir" "$tmp" || { echo "FAIL"; exit 1; }
echo "ok: --drop-kernel-rst"
