#!/bin/sh
# --lab-peer command for sniff.pkt: three bursts of peer_burst.pkt from the
# peer's end of the link, in the background, 1 s apart, the first after the
# spec has had time to start its capture.
dir=$(cd "$(dirname "$0")" && pwd)
(
    for b in 1 2 3; do
        sleep "${PEER_BURST_DELAY:-0.7}"
        "$PKTSPEC" run -i "$PKTSPEC_LAB_PEER_IFACE" -D burst=$b "$dir/peer_burst.pkt" || exit 1
        PEER_BURST_DELAY=1
    done
) >&2 &
