#!/bin/sh
# --lab-peer command of peer.pkt, named by its directive relative to the spec.
ip addr add 198.18.0.3/24 dev "$PKTSPEC_LAB_PEER_IFACE"
