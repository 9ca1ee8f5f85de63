#!/usr/bin/env bash
# tshark, with checksum validation on, reads the --pcap output of a spec and
# must flag no frame as malformed or with a bad checksum, except the frames a
# spec lists in a "# tshark-bad-checksum: N ..." line (bad on purpose); with a
# "# tshark-protocol: NAME" line, tshark must find NAME in every frame; a
# "# tshark-linktype: N" line gives the capture link type N (run --pcap writes
# Ethernet's, 1), for frames that start with RadioTap (127) or Dot11 (105).
set -u
bin=$1 spec=$2
command -v tshark >/dev/null || { echo "tshark is not installed"; exit 77; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" run "$spec" --pcap "$out/f.pcap" >/dev/null 2>"$out/err" || { cat "$out/err"; exit 1; }
linktype=$(sed -n 's/^# tshark-linktype: *//p' "$spec")
if [ -n "$linktype" ]; then
    # the pcap header's network field: 4 bytes little-endian at offset 20
    printf "$(printf '\\x%02x\\x%02x\\x00\\x00' $((linktype & 255)) $((linktype >> 8 & 255)))" |
        dd of="$out/f.pcap" bs=1 seek=20 conv=notrunc status=none
fi
allowed=" $(sed -n 's/^# tshark-bad-checksum://p' "$spec" | tr -s ' ') "
tshark -r "$out/f.pcap" -o ip.check_checksum:TRUE -o tcp.check_checksum:TRUE \
       -o udp.check_checksum:TRUE -o "sctp.checksum:CRC 32c" \
       -T fields -e frame.number -e _ws.expert.message -e _ws.malformed \
       >"$out/tshark.txt" 2>"$out/tshark.err" || { cat "$out/tshark.err"; exit 1; }
frames=$(wc -l <"$out/tshark.txt")
[ "$frames" -gt 0 ] || { echo "no frame in the capture of $spec"; exit 1; }
bad=0
while IFS=$'\t' read -r n msg malformed; do
    flagged=0
    case "$msg" in *[Mm]alformed*|*"Bad checksum"*|*"Bad SCTP checksum"*|*"checksum incorrect"*) flagged=1 ;; esac
    [ -n "$malformed" ] && flagged=1
    want=0
    case "$allowed" in *" $n "*) want=1 ;; esac
    if [ $flagged -ne $want ]; then
        echo "frame $n: flagged=$flagged expected=$want: $msg"
        bad=1
    fi
done <"$out/tshark.txt"
# "# tshark-protocol: NAME": tshark must dissect NAME in every frame.
proto=$(sed -n 's/^# tshark-protocol: *//p' "$spec")
if [ -n "$proto" ]; then
    tshark -r "$out/f.pcap" -T fields -e frame.number -e frame.protocols >"$out/protos.txt" \
        2>>"$out/tshark.err" || { cat "$out/tshark.err"; exit 1; }
    while IFS=$'\t' read -r n protos; do
        case ":$protos:" in *":$proto:"*) ;; *) echo "frame $n: no $proto in $protos"; bad=1 ;; esac
    done <"$out/protos.txt"
fi
echo "$frames frames read by tshark"
exit $bad
