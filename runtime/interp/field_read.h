/* A field's value as Scapy's getattr gives it. */
#ifndef PS_FIELD_READ_H
#define PS_FIELD_READ_H

#include "interp_int.h"

/* Makes *out, what reading field fi of layer i of t gave, the value Scapy
 * holds: for a field the spec left unset, its default with the bindings of
 * the layer above, or none where Scapy holds None (an auto field); and
 * tags it with its field (ps_value.field) for the printers. */
void interp_field_read(struct interp *in, struct ps_value *out, const struct ps_tpkt *t, size_t i,
                       int fi);

#endif
