/* Printers: Scapy's text forms of packets and fields. Each one writes into a
 * caller's buffer (snprintf's contract: the return value is the length the
 * whole text needs, the text is cut to fit and NUL-terminated) or a FILE*,
 * and none of them allocates. */
#ifndef PS_PRINT_H
#define PS_PRINT_H

#include <stdio.h>
#include "packet.h"

/* Scapy's hexdump(): "0000  45 00 ...  E." lines of 16 bytes. */
void ps_hexdump(FILE *out, const uint8_t *p, size_t len);

/* Scapy's i2repr text of one value of field f: an enum's name, 0x.. for an
 * X-field, flag letters (or '+'-joined names), an address, a bytes field as
 * Python's repr of the text ('GET /\r\n'), a layer list as its reprs. */
int ps_format_value(const struct ps_field *f, const struct ps_fval *v, char *out, size_t cap);

/* The value field `field` of layer idx shows: the set (or decoded) value,
 * else its default with the bindings of the layer above. */
void ps_field_value(const struct ps_packet *pkt, size_t idx, int field, struct ps_fval *out);
/* Scapy's sprintf("%Layer.name%") for layer idx: 0 when it has no such field. */
int ps_format_field(const struct ps_packet *pkt, size_t idx, const char *name,
                    char *out, size_t cap);
/* A UINT field's value as ps_field_value gives it; false when there is no
 * such field. */
bool ps_field_uint(const struct ps_packet *pkt, size_t idx, const char *name, uint64_t *out);

/* Scapy's summary(): the top-most layer whose mysummary hook says something
 * prints that, every other layer its class name, joined by " / ". */
int ps_summary(const struct ps_packet *pkt, char *out, size_t cap);
/* The same with the mysummary hooks taken from hook_of(proto) instead of
 * the tables (NULL: the layer has none). */
typedef int (*ps_mysummary_fn)(const struct ps_packet *pkt, size_t idx, char *out, size_t cap);
int ps_summary_with(const struct ps_packet *pkt, ps_mysummary_fn (*hook_of)(const struct ps_proto *),
                    char *out, size_t cap);

/* Per-protocol mysummary() hooks (struct ps_proto.mysummary), to be moved
 * into each protocol's file. */
int ps_mysummary_ether(const struct ps_packet *pkt, size_t idx, char *out, size_t cap);
int ps_mysummary_dot1q(const struct ps_packet *pkt, size_t idx, char *out, size_t cap);
int ps_mysummary_arp(const struct ps_packet *pkt, size_t idx, char *out, size_t cap);
int ps_mysummary_ip(const struct ps_packet *pkt, size_t idx, char *out, size_t cap);
int ps_mysummary_ipv6(const struct ps_packet *pkt, size_t idx, char *out, size_t cap);
int ps_mysummary_icmp(const struct ps_packet *pkt, size_t idx, char *out, size_t cap);
int ps_mysummary_tcp(const struct ps_packet *pkt, size_t idx, char *out, size_t cap);
int ps_mysummary_udp(const struct ps_packet *pkt, size_t idx, char *out, size_t cap);

#endif
