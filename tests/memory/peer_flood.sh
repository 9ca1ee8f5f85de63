#!/bin/sh
# --lab-peer command for sniff.pkt: $PEER_FLOOD_COUNT frames of peer_flood.pkt
# from the peer's end of the link, once the spec has had time to start its
# capture.
dir=$(cd "$(dirname "$0")" && pwd)
(
    sleep "${PEER_FLOOD_DELAY:-0.7}"
    "$PKTSPEC" run -i "$PKTSPEC_LAB_PEER_IFACE" -D n="${PEER_FLOOD_COUNT:-1000}" -D gap="${PEER_FLOOD_GAP:-0s}" "$dir/peer_flood.pkt"
) >&2 &
