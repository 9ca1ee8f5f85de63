/* Bindings between stacked layers (Scapy's overload_fields): what the layer
 * above sets in the layer below when the spec leaves it unset. */
#ifndef PS_BIND_H
#define PS_BIND_H

#include "packet.h"

/* The value the layer above binds field `field` of layer idx to (Ether.type
 * under IP: 0x800); false when it binds none. */
bool ps_bound_uint(const struct ps_packet *pkt, size_t idx, const char *field, uint64_t *v);
/* The bytes the layer above binds field `field` of layer idx to, or NULL. */
const struct ps_bytes_bind *ps_bound_bytes(const struct ps_packet *pkt, size_t idx,
                                           const char *field);
/* A UINT field's default of its own: its def_now() (a clock), else def. */
uint64_t ps_default_uint(const struct ps_field *f);
/* The value a UINT field takes in layer idx once defaults and bindings from
 * the layer above apply (not auto rules). */
uint64_t ps_effective_uint(const struct ps_packet *pkt, size_t idx, int field);

#endif
