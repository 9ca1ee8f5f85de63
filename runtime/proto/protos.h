/* The protocol tables the registry lists, and what the protocol files share.
 * Internal to runtime/proto/. */
#ifndef PS_PROTOS_H
#define PS_PROTOS_H

#include "../encode.h"
#include "proto.h"

extern const struct ps_proto ps_proto_ether;
extern const struct ps_proto ps_proto_dot1q;
extern const struct ps_proto ps_proto_arp;
extern const struct ps_proto ps_proto_ip;
extern const struct ps_proto ps_proto_icmp;
extern const struct ps_proto ps_proto_tcp;
extern const struct ps_proto ps_proto_udp;
extern const struct ps_proto ps_proto_iperror;
extern const struct ps_proto ps_proto_tcperror;
extern const struct ps_proto ps_proto_udperror;
extern const struct ps_proto ps_proto_icmperror;
extern const struct ps_proto ps_proto_raw;
extern const struct ps_proto ps_proto_padding;

extern const struct ps_proto ps_ipopt_generic;
extern const struct ps_proto ps_ipopt_eol;
extern const struct ps_proto ps_ipopt_nop;
extern const struct ps_proto ps_ipopt_security;
extern const struct ps_proto ps_ipopt_lsrr;
extern const struct ps_proto ps_ipopt_rr;
extern const struct ps_proto ps_ipopt_ssrr;
extern const struct ps_proto ps_ipopt_timestamp;
extern const struct ps_proto ps_ipopt_stream_id;
extern const struct ps_proto ps_ipopt_mtu_probe;
extern const struct ps_proto ps_ipopt_mtu_reply;
extern const struct ps_proto ps_ipopt_traceroute;
extern const struct ps_proto ps_ipopt_address_extension;
extern const struct ps_proto ps_ipopt_router_alert;
extern const struct ps_proto ps_ipopt_sdbm;

#define PS_NFIELDS(a) (sizeof(a) / sizeof((a)[0]))

/* The RFC 1071 sum of the IPv4 pseudo-header for the upper-layer segment
 * of layer l4 (which must sit right on the IP layer l4 - 1), as Scapy's
 * in4_pseudoheader builds it: the length is IP.len - 4*ihl when the spec gave
 * IP.len, and the destination is the last hop of a lone source route. */
uint32_t ps_ip_pseudo_sum(const struct ps_build *b, size_t l4, uint8_t proto);
/* Whether layer idx sits on an IP layer. */
bool ps_on_ip(const struct ps_build *b, size_t idx);
/* Whether l is an ICMP (or ICMPerror) error that quotes a datagram
 * (types 3, 4, 5, 11, 12): sr() matches it by what it quotes. */
bool ps_icmp_quotes(const struct ps_layer *l);

/* Big-endian helpers for post_build hooks. */
static inline uint16_t ps_get16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}
static inline void ps_put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

#endif
