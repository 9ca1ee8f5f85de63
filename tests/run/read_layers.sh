#!/bin/sh
# read_layers.sh PKTSPEC: `pktspec read CAPTURE --layers FILE` decodes the
# layers FILE declares (with their bindings) as Scapy does with the same
# layer declared in Python: summary() and show() of a capture of them
# (read_layers_scapy.py, in an empty network namespace); without --layers
# they are Raw; `pktspec ls --layers FILE LAYER` lists one. Exit 77 without Scapy.
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
here=$(cd "$(dirname "$0")" && pwd)
lib=$here/../../specs/suite/lib/common.pkt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
# the suite's frames: hello, data, bye in AppHdr, and a TCP SYN
(cd "$tmp" && "$bin" run "$here/../../specs/suite/app_session.pkt" --pcap app.pcap >/dev/null 2>&1) ||
    fail "run --pcap exited $?"
"$bin" read "$tmp/app.pcap" > "$tmp/raw" || fail "read exited $?"
grep -q "5050 / Raw$" "$tmp/raw" || fail "without --layers: $(cat "$tmp/raw")"
"$bin" ls --layers "$lib" AppHdr > "$tmp/ls" || fail "ls --layers exited $?"
grep -q "^op         : ByteEnumField " "$tmp/ls" || fail "ls --layers: $(cat "$tmp/ls")"
"$bin" read "$tmp/app.pcap" --layers "$lib" -f "udp port 5050" --json > "$tmp/json" ||
    fail "read --json exited $?"
[ "$(grep -c '"layer": "AppHdr", "fields": {"version": 1, "op": ' "$tmp/json")" = 3 ] ||
    fail "read --json: $(cat "$tmp/json")"
if ! [ -x /usr/bin/python3 ] || ! command -v unshare >/dev/null ||
   ! unshare -n /usr/bin/python3 -c 'import scapy.all' 2>/dev/null; then
    echo "skip: needs Scapy (/usr/bin/python3) and unshare -n"; exit 77
fi
for mode in summary show; do
    unshare -n /usr/bin/python3 "$here/read_layers_scapy.py" "$tmp/app.pcap" $mode \
        > "$tmp/scapy.$mode" 2>"$tmp/scapy.err" || fail "Scapy: $(cat "$tmp/scapy.err")"
    "$bin" read "$tmp/app.pcap" --layers "$lib" --$mode > "$tmp/pktspec.$mode" ||
        fail "read --$mode exited $?"
    diff -u "$tmp/scapy.$mode" "$tmp/pktspec.$mode" || fail "read --layers --$mode is not Scapy's"
done
echo ok
