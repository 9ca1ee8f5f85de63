/* A packet as the spec describes it: a stack of layers, each a protocol plus
 * the field values the spec gave. Unset fields take defaults, bindings or
 * auto rules when the packet is encoded. */
#ifndef PS_PACKET_H
#define PS_PACKET_H

#include "table.h"

#define PS_MAX_FIELDS 64
#define PS_MAX_LAYERS 24
#define PS_MAX_FRAME 65535

struct ps_fval {
    bool set;                /* given by the spec (or decoded): never recomputed */
    uint64_t u;              /* PS_K_UINT */
    uint8_t addr[16];        /* PS_K_MAC, PS_K_IPV4, PS_K_IPV6 */
    const uint8_t *bytes;    /* PS_K_BYTES, PS_K_OPTIONS: not owned */
    size_t len;
    struct ps_layer *sub;    /* PS_K_LAYERS: array of nsub layers, not owned */
    size_t nsub;
};

struct ps_layer {
    const struct ps_proto *proto;
    struct ps_fval v[PS_MAX_FIELDS]; /* indexed like proto->fields */
};

struct ps_packet {
    size_t n;
    struct ps_layer layers[PS_MAX_LAYERS];
};

/* Starts a layer of protocol p with nothing set. */
void ps_layer_init(struct ps_layer *l, const struct ps_proto *p);

/* The value of UINT field `field` of l as far as the layer alone knows: the
 * spec's, else the default (no binding, no auto rule). For `present` and
 * `bits_for` hooks, which look at one layer. */
uint64_t ps_layer_uint(const struct ps_layer *l, int field);

/* The field that stands for field fi of l: the variant l's values pick
 * (ps_field.variant, Scapy's MultipleTypeField), else the table's own. */
const struct ps_field *ps_layer_field(const struct ps_layer *l, size_t fi);

/* The count a count_of field holds when unset: the elements of field `of`
 * of l (a layer list's layers, an address list's addresses; unset, the
 * def_sub element or none). */
size_t ps_count_of(const struct ps_layer *l, size_t of);

#endif
