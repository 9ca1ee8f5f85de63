/* The encoder: a ps_packet to the bytes Scapy would build for it. */
#ifndef PS_ENCODE_H
#define PS_ENCODE_H

#include "frame.h"
#include "packet.h"

/* Builds pkt into out (cap bytes). Returns the frame length, or -1 when it
 * does not fit. *holes (may be NULL) gets the enum ps_hole bits used. */
long ps_encode(const struct ps_packet *pkt, const struct ps_env *env,
               uint8_t *out, size_t cap, unsigned *holes);
/* The same, also recording where each top-level field went (map may be
 * NULL): what a frame plan needs to patch a field in place. */
long ps_encode_mapped(const struct ps_packet *pkt, const struct ps_env *env, uint8_t *out,
                      size_t cap, unsigned *holes, struct ps_fieldmap *map);

/* Encodes one layer alone, as an element of a layer list is (no bindings,
 * no interface): into out, or only counting when out is NULL. Returns its
 * length, or -1 when it does not fit. For encode hooks that lay elements
 * out themselves (IPv6 options with their alignment padding). */
long ps_encode_layer(const struct ps_layer *l, uint8_t *out, size_t cap);


#endif
