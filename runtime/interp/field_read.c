/* A field read from a packet (p[IP].dst, p.ttl) as Scapy's getattr gives
 * it: a field the spec left unset reads as Scapy's default with the
 * bindings of the layer above (IP.proto under TCP is 6, IP.dst 127.0.0.1),
 * or None for one computed when the packet is built (len, chksum); and the
 * value remembers its field, so that print() and a failed expect can show
 * it as Scapy does (flags as letters). */
#include "field_read.h"

#include <string.h>

#include "print.h"

/* A list of one-layer packets of a layer list's elements, as sub_layers_value
 * in interp.c makes of a given one. */
static struct ps_value elements(struct interp *in, const struct ps_fval *fv)
{
    struct ps_value list = ps_val_list(PT_LIST);
    for (size_t k = 0; k < fv->nsub; k++) {
        in->dec.n = 1;
        in->dec.layers[0] = fv->sub[k];
        ps_list_push(&list, ps_val_decoded(&in->dec, (const uint8_t *)"", 0, 0, NULL));
    }
    return list;
}

/* Scapy's value of the unset field fi of layer i: what show() and ls() of
 * the packet print for it (print/ls_packet.c's ps_held_value). */
static struct ps_value unset_value(struct interp *in, const struct ps_tpkt *t, size_t i, int fi,
                                   struct ps_value given)
{
    /* The first packet of a set; a copy of the generator, so that reading a
     * field draws nothing a --seed run would miss. */
    uint64_t rng = in->rng;
    ps_tpkt_member(t, 0, &rng, &in->pkt);
    struct ps_fval fv;
    struct ps_layer def_element;
    const struct ps_field *f = ps_layer_field(&in->pkt.layers[i], (size_t)fi);
    struct ps_value v = {.t = PT_NONE};
    switch (ps_held_value(ps_at_layer(&in->pkt, i), (size_t)fi, &fv, &def_element)) {
    case PS_HELD_ABSENT: /* a ConditionalField not in force: None */
    case PS_HELD_NONE:
        return v;
    case PS_HELD_EMPTY: /* b'' */
        return ps_val_bytes(PT_BYTES, (const uint8_t *)"", 0);
    case PS_HELD_VALUE:
        break;
    }
    if (f->scale && f->kind == PS_K_UINT)
        return interp_scaled_value(f, &fv);
    if (f->kind != PS_K_LAYERS)
        return interp_fval_value(f->kind, &fv);
    /* DNS's qd is DNSQR(), an None; IP options []. */
    if (f->chain && fv.nsub == 0)
        return v;
    if (fv.nsub)
        return elements(in, &fv);
    return given.t == PT_LIST ? ps_val_retain(given) : ps_val_list(PT_LIST);
}

void interp_field_read(struct interp *in, struct ps_value *out, const struct ps_tpkt *t, size_t i,
                       int fi)
{
    const struct ps_tlayer *l = t->layers[i];
    const struct ps_tfield *tf = &l->f[fi];
    const struct ps_field *shape = interp_field_shape(l, fi);
    bool unset = tf->src == FS_UNSET && !(shape->kind == PS_K_LAYERS && l->sub[fi]);
    if (unset) {
        struct ps_value v = unset_value(in, t, i, fi, *out);
        ps_val_release(out);
        *out = v;
    } else if (tf->src != FS_CONST &&
               !(shape->kind == PS_K_LAYERS && l->sub[fi] && tf->src != FS_URANGE)) {
        return; /* a set or a random value: no one value to show */
    }
    out->field = shape;
    if (shape->multi && out->t == PT_INT) {
        const struct ps_tfield *on = &l->f[shape->multi_on];
        out->hi = on->src == FS_CONST ? on->one.u : l->proto->fields[shape->multi_on].def;
    }
}
