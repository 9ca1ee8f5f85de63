#!/bin/bash
# The printers' goldens regenerated from Scapy now: they must not have drifted
# from the checked-in ones, and pktspec must match them. Also the table of
# printable code points, which Python's repr() (and so Scapy's text) follows.
# Exit 77 (skip) without python3-scapy or unshare.
#   live.sh PRINT_CHECK
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
print_check=$1
py=/usr/bin/python3
if ! [ -x $py ] || ! $py -c "import scapy" 2>/dev/null || ! unshare -n true 2>/dev/null; then
    echo "skipped: needs /usr/bin/python3 with scapy and unshare -n"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! unshare -n $py "$here/gen_golden.py" --out "$tmp" --pcap "$here/fuzz.pcap" >/dev/null; then
    echo "gen_golden.py failed"
    echo "0 passed, 1 failed"
    exit 1
fi
status=0
for f in frames.txt show.golden repr.golden summary.golden ls.golden; do
    # ls() prints ICMP's time-of-day defaults: those lines cannot match.
    if ! diff -q <(sed -E "s/\('[0-9]+'\)$/('<now>')/" "$here/$f") \
                 <(sed -E "s/\('[0-9]+'\)$/('<now>')/" "$tmp/$f") >/dev/null; then
        echo "$f drifted from Scapy's text: run gen_golden.py (see its docstring)"
        diff <(sed -E "s/\('[0-9]+'\)$/('<now>')/" "$here/$f") \
             <(sed -E "s/\('[0-9]+'\)$/('<now>')/" "$tmp/$f") | head -20
        status=1
    fi
done
if ! diff -q "$root/runtime/core/unicode_printable.c" <($py "$root/runtime/core/gen_unicode_printable.py") >/dev/null; then
    echo "runtime/core/unicode_printable.c differs from this Python's str.isprintable(): regenerate it"
    status=1
fi
cp "$here/decode-xfail.txt" "$tmp/"
out=$("$print_check" golden "$tmp" "$here/allow.txt") || status=1
echo "$out" | tail -6
[ $status = 0 ] || echo "0 passed, 1 failed"
exit $status
