#!/bin/sh
# sr's results printed as Scapy prints them: ans.summary(), ans.nsummary(),
# ans.show(), print(ans), unans.summary(), unans.nsummary(), unans.show(),
# from a lab run of idioms_summary.pkt, against Scapy's text for the same
# packets (idioms_summary.py rebuilds them from the bytes the spec printed
# with raw(), unpacking each pair with `for s, r in ans`).
#   idioms_summary.sh PKTSPEC
# Skips (77) without root, network namespaces or Scapy.
set -u
pktspec=$1
dir=$(cd "$(dirname "$0")" && pwd)
[ "$(id -u)" = 0 ] || { echo "skip: the lab needs root"; exit 77; }
unshare -n true 2>/dev/null || { echo "skip: no network namespaces here"; exit 77; }
unshare -n /usr/bin/python3 -c "import scapy.all" 2>/dev/null || { echo "skip: no Scapy"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
timeout 60 "$pktspec" run --lab "$dir/idioms_summary.pkt" > "$tmp/out" 2> "$tmp/err" ||
    { echo "FAIL: pktspec exited $?"; cat "$tmp/err"; exit 1; }
# only the printed sections: sr's own lines (Begin emission: ...) come before them
sed -n '/^--/,$p' "$tmp/out" > "$tmp/pktspec"
grep -q ' ==> IP / TCP 198.18.0.2:echo > 198.18.0.1:40000 SA$' "$tmp/pktspec" ||
    { echo "FAIL: no SYN-ACK from the open port"; cat "$tmp/out"; exit 1; }
grep -q '^0000 IP / ICMP 198.18.0.1 > 198.18.0.9 echo-request 0$' "$tmp/pktspec" ||
    { echo "FAIL: no unanswered echo"; cat "$tmp/out"; exit 1; }
unshare -n /usr/bin/python3 "$dir/idioms_summary.py" "$tmp/pktspec" > "$tmp/scapy" 2> "$tmp/scapy.err" ||
    { echo "FAIL: Scapy: $(cat "$tmp/scapy.err")"; exit 1; }
diff -u "$tmp/scapy" "$tmp/pktspec" || { echo "FAIL: not Scapy's text"; exit 1; }
echo ok
