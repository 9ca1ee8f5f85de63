/* pcap link types and the layer a frame starts with, as Scapy's
 * conf.l2types maps them both ways. */
#ifndef PS_LINKTYPE_H
#define PS_LINKTYPE_H

#include <stddef.h>
#include <stdint.h>
#include "proto/proto.h"

enum {
    PS_DLT_NULL = 0,
    PS_DLT_EN10MB = 1,
    PS_DLT_RAW = 12,
    PS_DLT_LOOP = 108,
    PS_DLT_RAW_ALT = 101,
    PS_DLT_LINUX_SLL = 113,
    PS_DLT_LINUX_SLL2 = 276,
    PS_DLT_IPV4 = 228,
    PS_DLT_IPV6 = 229,
};

/* The link type wrpcap() gives a capture whose first packet starts with
 * `first` (Scapy's layer2num): Ether 1, IP 228, IPv6 229; Ethernet (1)
 * for a class it does not know, as Scapy does after its warning. */
int ps_linktype_for(const struct ps_proto *first);

/* The class the frame's first layer is decoded as, or NULL when the link
 * type is unknown or its class is not in the registry (the frame is Raw).
 * Raw IP link types pick IPv6 when the version nibble says 6 (IPv46). */
const struct ps_proto *ps_linktype_proto(int linktype, const uint8_t *frame, size_t len);

#endif
