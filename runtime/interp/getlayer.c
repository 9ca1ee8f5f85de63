/* Scapy's getlayer(), haslayer() and p[X]: a layer of the packet, or one
 * inside a field that holds layers (DNS records, IP options), in Scapy
 * 2.5's order: a layer, then what its fields hold, then the layers above. */
#include <stdlib.h>
#include <string.h>

#include "interp_int.h"

/* Where the nb-th layer of class p is: a layer of the stack (subs NULL,
 * at its index), or elements of a field (subs, n of them from there on). */
struct place {
    size_t layer;
    const struct ps_layer *subs;
    size_t n;
};

/* Looks through the elements e[0..n) of a field (a chain when `chain`:
 * each element's payload is the next) and what their own fields hold. */
static bool find_in_elements(const struct ps_layer *e, size_t n, bool chain,
                             const struct ps_proto *p, unsigned *nb, struct place *at)
{
    for (size_t k = 0; k < n; k++) {
        if (e[k].proto == p && --*nb == 0) {
            at->subs = &e[k];
            at->n = chain ? n - k : 1;
            return true;
        }
        for (size_t f = 0; f < e[k].proto->nfields; f++) {
            const struct ps_fval *v = &e[k].v[f];
            if (e[k].proto->fields[f].kind == PS_K_LAYERS && v->sub &&
                find_in_elements(v->sub, v->nsub, e[k].proto->fields[f].chain, p, nb, at))
                return true;
        }
    }
    return false;
}

static bool find_layer(const struct ps_tpkt *t, const struct ps_proto *p, unsigned nb,
                       struct place *at)
{
    memset(at, 0, sizeof *at);
    for (size_t i = 0; i < t->n && nb > 0; i++) {
        const struct ps_tlayer *l = t->layers[i];
        at->layer = i;
        if (l->proto == p && --nb == 0)
            return true;
        for (size_t f = 0; f < l->proto->nfields; f++)
            if (l->proto->fields[f].kind == PS_K_LAYERS && l->sub[f] &&
                find_in_elements(l->sub[f], l->nsub[f], l->proto->fields[f].chain, p, &nb, at))
                return true;
    }
    return false;
}

bool interp_haslayer(const struct ps_tpkt *t, const struct ps_proto *p)
{
    struct place at;
    return find_layer(t, p, 1, &at);
}

struct ps_value interp_layer_at(const struct ps_value *v, size_t from)
{
    struct ps_value out = ps_val_pkt_copy(v);
    struct ps_tpkt *t = &out.obj->pkt;
    if (from == 0)
        return out;
    /* Keep the layers that stay; their frame reference rides on layer 0. */
    struct ps_obj *owner = t->layers[0]->f[0].keep;
    if (owner)
        owner->refs++;
    struct ps_value dropped = {.t = PT_PKT, .obj = ps_obj_new(PT_PKT)};
    for (size_t i = 0; i < from; i++)
        dropped.obj->pkt.layers[dropped.obj->pkt.n++] = t->layers[i];
    memmove(t->layers, t->layers + from, (t->n - from) * sizeof *t->layers);
    t->n -= from;
    ps_val_release(&dropped);
    if (owner) {
        struct ps_tfield *f0 = &t->layers[0]->f[0];
        if (f0->keep) {
            struct ps_value k = {.t = PT_PKT, .obj = owner};
            ps_val_release(&k);
        } else {
            f0->keep = owner;
        }
    }
    return out;
}

struct ps_value interp_getlayer(const struct ps_value *v, const struct ps_proto *p, unsigned nb)
{
    struct place at;
    if (v->t != PT_PKT || nb == 0 || !find_layer(&v->obj->pkt, p, nb, &at))
        return (struct ps_value){.t = PT_NONE};
    if (!at.subs)
        return interp_layer_at(v, at.layer);
    /* Elements of a field: a packet of their own that holds v, whose
     * frame or values their fields point into. */
    struct ps_packet *pkt = malloc(sizeof *pkt);
    if (!pkt)
        abort();
    pkt->n = at.n < PS_MAX_LAYERS ? at.n : PS_MAX_LAYERS;
    memcpy(pkt->layers, at.subs, pkt->n * sizeof pkt->layers[0]);
    struct ps_value out = ps_val_decoded(pkt, NULL, 0, v->obj->time, v->obj);
    out.obj->decoded = v->obj->decoded;
    free(pkt);
    return out;
}
