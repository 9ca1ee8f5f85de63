/* What SCTP's three table files share (sctp.c, sctp_chunks.c,
 * sctp_params.c): Scapy's type names, the chunk guess, the FieldListFields
 * of enums. (Scapy's PadField is the tables' pad_to on a bytes field.) */
#ifndef PS_SCTP_H
#define PS_SCTP_H

#include "packet.h"
#include "protos.h"

/* sctpchunktypes and sctpchunkparamtypes */
extern const struct ps_enum ps_sctp_chunk_types[];
extern const struct ps_enum ps_sctp_param_types[];

/* _SCTPChunkGuessPayload.default_payload_class: Padding under 4 bytes,
 * else the chunk class of the first byte, else Raw. */
const char *ps_sctp_next_chunk(const struct ps_layer *l, const struct ps_layer *under,
                               const uint8_t *p, size_t len);

/* A FieldListField of enum elements `unit` bytes wide, held in wire form:
 * "[IPv4, IPv6]" (i2repr of each element, names where known). */
int ps_sctp_enum_list_repr(const struct ps_fval *v, size_t unit, const struct ps_enum *names,
                           bool hex, char *out, size_t cap);
/* Python's repr of the list of integers Scapy holds: "[5, 6]". */
int ps_sctp_int_list_pyrepr(const struct ps_fval *v, size_t unit, char *out, size_t cap);
/* Its list_encode: integers or enum names into `unit`-byte elements. */
long ps_sctp_enum_list_encode(const struct ps_fval *items, size_t n, size_t unit,
                              const struct ps_enum *names, uint8_t *out, size_t cap);

#endif
