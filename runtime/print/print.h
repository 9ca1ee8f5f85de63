/* Printers: Scapy's text forms of packets and fields. Each one writes into a
 * caller's buffer (snprintf's contract: the return value is the length the
 * whole text needs, the text is cut to fit and NUL-terminated) or a FILE*,
 * and none of them allocates (but for the two cases said below). */
#ifndef PS_PRINT_H
#define PS_PRINT_H

#include <stdio.h>
#include "packet.h"
#include "proto/field_text.h"

/* Scapy's hexdump(): "0000  45 00 ...  E." lines of 16 bytes. */
void ps_hexdump(FILE *out, const uint8_t *p, size_t len);





/* Scapy's summary(): the top-most layer whose mysummary hook says something
 * prints that, every other layer its class name, joined by " / ". */
int ps_summary(const struct ps_packet *pkt, char *out, size_t cap);
/* The same with the mysummary hooks taken from hook_of(proto) instead of
 * the tables (NULL: the layer has none). */
typedef int (*ps_mysummary_fn)(const struct ps_packet *pkt, size_t idx, char *out, size_t cap);
int ps_summary_with(const struct ps_packet *pkt, ps_mysummary_fn (*hook_of)(const struct ps_proto *),
                    char *out, size_t cap);


/* --- Whole packets, as Scapy 2.5 prints a DISSECTED packet (every field
 * the frame held is set; see decode.h). Each writes with snprintf's
 * contract; ps_print_to below writes one to a FILE*. --- */

/* Scapy's show(): "###[ Ethernet ]### " headers, "  name      = value"
 * lines indented 3 more spaces for each layer, a layer list (IP options)
 * as "  \options   \" with its elements behind "   |" (a DNS record chain
 * the same, or "an        = None" when empty), and the extra blank line
 * print() adds. */
int ps_show(const struct ps_packet *pkt, char *out, size_t cap);
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

#endif
