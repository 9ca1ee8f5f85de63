#!/bin/sh
# Without root, --lab says so and exits 3, before anything is made.
#   no_root.sh PKTSPEC
set -u
pktspec=$1
[ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1 || { echo "skip: needs root and setpriv"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
printf 'r = sr1(IP(dst=lab_peer)/ICMP(), timeout=1s)\n' > "$tmp/spec.pkt"
chmod 644 "$tmp/spec.pkt"
setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
    "$pktspec" run --lab "$tmp/spec.pkt" > "$tmp/out" 2> "$tmp/err"
status=$?
if [ "$status" != 3 ] || ! grep -q "^pktspec: error: --lab needs root" "$tmp/err"; then
    echo "FAIL: exit status $status"; cat "$tmp/out" "$tmp/err"; exit 1
fi
echo "ok: $(cat "$tmp/err")"
