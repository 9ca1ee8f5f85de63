/* EDNS0's options (dns_edns.c): what dns.c's OPT record asks of them.
 * Internal to runtime/proto/. */
#ifndef PS_DNS_EDNS_H
#define PS_DNS_EDNS_H

#include <stddef.h>
#include <stdint.h>

#include "packet.h"

/* How many options PacketListField(EDNS0TLV) reads from p[0..n), and in
 * *used the bytes they take: what follows is what Scapy makes a Raw element
 * of (fewer than 2 bytes, or a length cut in two), kept as bytes. */
size_t ps_edns_tlv_count(const uint8_t *p, size_t n, size_t *used);
/* Those options, into e[0..count). */
void ps_edns_tlvs_fill(const uint8_t *p, size_t n, struct ps_layer *e, size_t count);
/* DNSRROPT.rdata's wire form: each option (an unset optlen is its data's
 * length), then any bytes the value holds. An `encode` hook. */
long ps_edns_tlvs_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                         size_t cap);

#endif
