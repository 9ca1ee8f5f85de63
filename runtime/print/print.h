/* Printers: Scapy's text forms of packets and fields. Each one writes into a
 * caller's buffer (snprintf's contract: the return value is the length the
 * whole text needs, the text is cut to fit and NUL-terminated) or a FILE*,
 * and none of them allocates (but for the two cases said below). */
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

/* Python's str() of the value Scapy's getattr gives for field f, what
 * print(p[TCP].flags) prints: a FlagValue's letters ('SA', '' for none), an
 * int in decimal (enum and X-fields too), an address's text, bytes as b'..',
 * an address list as ['192.0.2.1'], TCP options as [('MSS', 1460)]. */
int ps_format_str(const struct ps_field *f, const struct ps_fval *v, char *out, size_t cap);

/* Python's str.isprintable() for one code point: what repr() of a str
 * leaves as it is (unicode_printable.c, generated). */
bool ps_unicode_printable(uint32_t cp);

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

/* --- Whole packets, as Scapy 2.5 prints a DISSECTED packet (every field
 * the frame held is set; see decode.h). Each writes with snprintf's
 * contract; ps_print_to below writes one to a FILE*. --- */

/* Scapy's show(): "###[ Ethernet ]### " headers, "  name      = value"
 * lines indented 3 more spaces for each layer, a layer list (IP options)
 * as "  \options   \" with its elements behind "   |" (a DNS record chain
 * the same, or "an        = None" when empty), and the extra blank line
 * print() adds. */
int ps_show(const struct ps_packet *pkt, char *out, size_t cap);
/* Scapy's repr(): "<Ether  dst=... type=IPv4 |<IP  ... |>>", every field
 * the packet holds, by its i2repr; no newline. */
int ps_repr(const struct ps_packet *pkt, char *out, size_t cap);
/* A pktspec expression that rebuilds the packet byte for byte: every field
 * given, "Ether(dst=02:00:00:00:00:02, ..., type=0x800)/IP(...)/...";
 * strings as "..", other bytes as x"..", TCP options as a list of tuples
 * when they re-encode to the same bytes (else x".."); a layer the frame
 * cut short as Raw(load=..) of its bytes (which, alone, takes the heap);
 * no newline. */
int ps_command(const struct ps_packet *pkt, char *out, size_t cap);
/* Scapy's ls(pkt): "%-10s : %-35s = %-15r (%r)" lines, "--" between
 * layers. */
int ps_ls_packet(const struct ps_packet *pkt, char *out, size_t cap);
/* One JSON object on one line (no newline): {"layers": [{"layer": "Ether",
 * "fields": {"dst": "02:00:00:00:00:02", "type": 2048}}, ...]}: the fields
 * the frame held; integers as numbers, addresses as strings, bytes as hex
 * strings, TCP options as [name, value] pairs, IP options as layers.
 * `extra` (may be NULL or "") is inserted first, verbatim: '"packet": 1'. */
int ps_json(const struct ps_packet *pkt, const char *extra, char *out, size_t cap);

typedef int (*ps_packet_printer)(const struct ps_packet *pkt, char *out, size_t cap);
/* Writes printer's text of pkt to out: from a stack buffer, or from the
 * heap for a text longer than 8 KB. Returns 0, or -1 when out of memory. */
int ps_print_to(FILE *out, ps_packet_printer printer, const struct ps_packet *pkt);

/* Scapy's TCPOptionsField.i2repr of the options bytes in v: the list
 * TCPOptionsField.m2i makes, as Python prints it:
 * [('MSS', 1460), ('NOP', None), ('SAckOK', b'')]. The `repr` hook of
 * TCP.options. */
int ps_tcp_options_repr(const struct ps_fval *v, char *out, size_t cap);

/* One TCP option as Scapy's TCPOptionsField.m2i reads it. */
enum ps_tcpopt_shape {
    PS_TO_NONE,    /* None: EOL, NOP */
    PS_TO_INTS,    /* unpacked integers: one is a scalar, else a tuple */
    PS_TO_BYTES,   /* the value bytes (no format, or the wrong length) */
    PS_TO_PSTRING, /* Mood's "!p": a Pascal string, always b'' from 1 byte */
    PS_TO_AO,      /* TCP-AO: a TCPAOValue packet of the value bytes */
};
struct ps_tcpopt_view {
    unsigned kind;
    const char *name;        /* NULL for a number Scapy has no name for */
    enum ps_tcpopt_shape shape;
    uint64_t ints[64];
    size_t nints;
    const uint8_t *bytes;    /* all but PS_TO_NONE: the value bytes, in place */
    size_t len;
    const uint8_t *start;    /* the option's bytes in the field */
    size_t size;
};
/* Reads the next option from *p (*n bytes left), advancing both. Returns
 * false when nothing is left or after EOL (Scapy stops there). */
bool ps_tcp_option_next(const uint8_t **p, size_t *n, struct ps_tcpopt_view *o);

#endif
