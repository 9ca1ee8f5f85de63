#!/bin/sh
# --lab-peer command for multi.pkt: extra replies once the spec has asked.
dir=$(cd "$(dirname "$0")" && pwd)
( sleep 0.8; "$PKTSPEC" run -i "$PKTSPEC_LAB_PEER_IFACE" "$dir/peer_replies.pkt" ) >&2 &
