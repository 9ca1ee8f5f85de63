#!/bin/sh
# --lab-peer command for layer_sniff.pkt: the peer sends its heartbeats once
# the spec has had time to start its capture.
dir=$(cd "$(dirname "$0")" && pwd)
(
    sleep "${PEER_LAYER_DELAY:-0.7}"
    "$PKTSPEC" run -i "$PKTSPEC_LAB_PEER_IFACE" "$dir/peer_layer.pkt"
) >&2 &
