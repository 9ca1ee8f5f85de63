#include "value.h"

#include <stdlib.h>
#include <stdint.h>
#include <string.h>

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        abort();
    return p;
}

static struct ps_obj *obj_alloc(enum ps_type t, size_t extra)
{
    struct ps_obj *o = xcalloc(1, sizeof *o + extra);
    o->refs = 1;
    o->t = t;
    o->rtt = -1;
    return o;
}

struct ps_obj *ps_obj_new(enum ps_type t)
{
    if (t != PT_PKT)
        return obj_alloc(t, 0);
    struct ps_obj *o = obj_alloc(t, PS_MAX_LAYERS * sizeof(struct ps_tlayer *));
    o->pkt.layers = (struct ps_tlayer **)(void *)o->data;
    return o;
}

struct ps_value ps_val_retain(struct ps_value v)
{
    if (v.obj)
        v.obj->refs++;
    return v;
}

static void tlayer_free(struct ps_tlayer *l)
{
    if (!l)
        return;
    /* f[0] holds a decoded packet's owner even in a layer without fields
     * (Scapy's bare Packet, NTP's extension values). */
    size_t n = l->proto->nfields ? l->proto->nfields : 1;
    for (size_t i = 0; i < n; i++) {
        ps_tfield_clear(&l->f[i]);
        free(l->sub[i]);
    }
    free(l);
}

static bool items_inline(const struct ps_obj *o)
{
    return o->items == (const struct ps_value *)(const void *)o->data;
}

static void obj_free(struct ps_obj *o)
{
    if (o->t != PT_PKT) {
        for (size_t i = 0; i < o->n; i++)
            ps_val_release(&o->items[i]);
        if (!items_inline(o))
            free(o->items);
        free(o->bytes);
        free(o);
        return;
    }
    for (size_t i = 0; i < o->pkt.n; i++)
        tlayer_free(o->pkt.layers[i]);
    if (o->base) {
        struct ps_value b = {.t = PT_PKT, .obj = o->base};
        ps_val_release(&b);
    } else if (o->frame != o->data) {
        free(o->frame);
    }
    free(o);
}

void ps_val_release(struct ps_value *v)
{
    if (v->obj && --v->obj->refs == 0)
        obj_free(v->obj);
    v->obj = NULL;
    v->t = PT_NONE;
}

struct ps_value ps_val_int(enum ps_type t, uint64_t u)
{
    struct ps_value v = {.t = t, .u = u};
    return v;
}

struct ps_value ps_val_bytes(enum ps_type t, const uint8_t *p, size_t len)
{
    struct ps_value v = {.t = t, .obj = ps_obj_new(t)};
    v.obj->bytes = xcalloc(len + 1, 1);
    if (len)
        memcpy(v.obj->bytes, p, len);
    v.obj->len = len;
    return v;
}

struct ps_value ps_val_list(enum ps_type t)
{
    struct ps_value v = {.t = t, .obj = ps_obj_new(t)};
    v.obj->list_name = "PacketList";
    return v;
}

struct ps_value ps_val_pair(struct ps_value a, struct ps_value b)
{
    struct ps_value v = {.t = PT_TUPLE, .obj = obj_alloc(PT_TUPLE, 2 * sizeof a)};
    v.obj->items = (struct ps_value *)(void *)v.obj->data;
    v.obj->items[0] = a;
    v.obj->items[1] = b;
    v.obj->n = v.obj->cap = 2;
    return v;
}

void ps_list_fit(struct ps_value *list, size_t cap)
{
    struct ps_obj *o = list->obj;
    if (cap < o->n)
        cap = o->n;
    if (cap == o->cap || cap == 0)
        return;
    struct ps_value *items;
    if (items_inline(o)) {
        items = malloc(cap * sizeof *items);
        if (items)
            memcpy(items, o->items, o->n * sizeof *items);
    } else {
        items = realloc(o->items, cap * sizeof *items);
    }
    if (!items)
        abort();
    o->items = items;
    o->cap = cap;
}

void ps_list_push(struct ps_value *list, struct ps_value v)
{
    struct ps_obj *o = list->obj;
    if (o->n == o->cap)
        ps_list_fit(list, o->cap ? o->cap * 2 : 8);
    o->items[o->n++] = v;
}

void ps_tfield_clear(struct ps_tfield *f)
{
    free(f->members);
    if (f->keep) {
        struct ps_value k = {.t = f->keep->t, .obj = f->keep};
        ps_val_release(&k);
    }
    memset(f, 0, sizeof *f);
}

static struct ps_tlayer *tlayer_new(const struct ps_proto *p)
{
    struct ps_tlayer *l = xcalloc(1, sizeof *l);
    l->proto = p;
    return l;
}

static struct ps_tlayer *tlayer_copy(const struct ps_tlayer *src)
{
    struct ps_tlayer *l = tlayer_new(src->proto);
    for (size_t i = 0; i < src->proto->nfields; i++) {
        const struct ps_tfield *sf = &src->f[i];
        struct ps_tfield *df = &l->f[i];
        *df = *sf;
        if (sf->members) {
            df->members = xcalloc(sf->nmembers, sizeof *df->members);
            memcpy(df->members, sf->members, sf->nmembers * sizeof *df->members);
        }
        if (df->keep)
            df->keep->refs++;
        if (src->sub[i]) {
            l->sub[i] = xcalloc(src->nsub[i], sizeof *l->sub[i]);
            memcpy(l->sub[i], src->sub[i], src->nsub[i] * sizeof *l->sub[i]);
            l->nsub[i] = src->nsub[i];
        }
    }
    return l;
}

struct ps_value ps_val_layer(const struct ps_proto *p)
{
    struct ps_value v = {.t = PT_PKT, .obj = ps_obj_new(PT_PKT)};
    v.obj->pkt.n = 1;
    v.obj->pkt.layers[0] = tlayer_new(p);
    return v;
}

static void append_layers(struct ps_tpkt *dst, const struct ps_tpkt *src)
{
    for (size_t i = 0; i < src->n; i++)
        dst->layers[dst->n++] = tlayer_copy(src->layers[i]);
}

struct ps_value ps_val_stack(const struct ps_value *a, const struct ps_value *b)
{
    struct ps_value none = {.t = PT_NONE};
    if (a->obj->pkt.n + b->obj->pkt.n > PS_MAX_LAYERS)
        return none;
    struct ps_value v = {.t = PT_PKT, .obj = ps_obj_new(PT_PKT)};
    append_layers(&v.obj->pkt, &a->obj->pkt);
    append_layers(&v.obj->pkt, &b->obj->pkt);
    return v;
}

struct ps_value ps_val_pkt_copy(const struct ps_value *src)
{
    struct ps_value v = {.t = PT_PKT, .obj = ps_obj_new(PT_PKT)};
    append_layers(&v.obj->pkt, &src->obj->pkt);
    v.obj->time = src->obj->time;
    v.obj->rtt = src->obj->rtt;
    v.obj->decoded = src->obj->decoded;
    if (src->obj->frame) {
        /* Decoded fields point into the frame: the copy shares it by
         * holding a reference to the original in its first field slot. */
        struct ps_tlayer *l0 = v.obj->pkt.layers[0];
        if (l0 && !l0->f[0].keep) {
            l0->f[0].keep = src->obj;
            src->obj->refs++;
        }
    }
    return v;
}

struct ps_value ps_val_decoded(const struct ps_packet *pkt, const uint8_t *frame,
                               size_t len, double time, struct ps_obj *owner)
{
    struct ps_value v = {.t = PT_PKT, .obj = ps_obj_new(PT_PKT)};
    struct ps_obj *o = v.obj;
    o->time = time;
    o->decoded = true;
    if (!owner) {
        o->frame = xcalloc(len ? len : 1, 1);
        memcpy(o->frame, frame, len);
        o->frame_len = (uint32_t)len;
    }
    const uint8_t *base = owner ? frame : o->frame;
    for (size_t i = 0; i < pkt->n && i < PS_MAX_LAYERS; i++) {
        const struct ps_layer *src = &pkt->layers[i];
        struct ps_tlayer *l = tlayer_new(src->proto);
        for (size_t f = 0; f < src->proto->nfields; f++) {
            struct ps_fval fv = src->v[f];
            if (!fv.set)
                continue;
            if (fv.bytes && !owner)
                fv.bytes = base + (fv.bytes - frame);
            l->f[f].src = FS_CONST;
            l->f[f].one = fv;
            if (fv.nsub) {
                l->sub[f] = xcalloc(fv.nsub, sizeof *l->sub[f]);
                memcpy(l->sub[f], fv.sub, fv.nsub * sizeof *l->sub[f]);
                l->nsub[f] = fv.nsub;
                l->f[f].one.sub = NULL;
                /* The elements' bytes (DNS names, option data) point into
                 * the frame too. */
                for (size_t k = 0; !owner && k < fv.nsub; k++)
                    for (size_t ef = 0; ef < l->sub[f][k].proto->nfields; ef++) {
                        struct ps_fval *ev = &l->sub[f][k].v[ef];
                        uintptr_t at = (uintptr_t)ev->bytes, from = (uintptr_t)frame;
                        if (ev->bytes && at >= from && at - from <= len)
                            ev->bytes = base + (at - from);
                    }
            }
        }
        if (owner && i == 0) {
            l->f[0].keep = owner;
            owner->refs++;
        }
        o->pkt.layers[o->pkt.n++] = l;
    }
    return v;
}

struct ps_value ps_val_stored(const uint8_t *frame, size_t len, int linktype,
                              const struct ps_proto *first, double time)
{
    struct ps_value v = {.t = PT_PKT, .obj = obj_alloc(PT_PKT, len)};
    struct ps_obj *o = v.obj;
    if (len)
        memcpy(o->data, frame, len);
    o->frame = o->data;
    o->frame_len = (uint32_t)len;
    o->stored = o->decoded = true;
    o->linktype = (uint16_t)linktype;
    o->first = first;
    o->time = time;
    return v;
}

struct ps_value ps_val_view(const struct ps_packet *pkt, struct ps_obj *s)
{
    struct ps_value v = ps_val_decoded(pkt, s->frame, s->frame_len, s->time, s);
    v.obj->frame = s->frame;
    v.obj->frame_len = s->frame_len;
    v.obj->rtt = s->rtt;
    v.obj->base = s;
    s->refs++;
    return v;
}

static uint64_t field_choices(const struct ps_tfield *f)
{
    switch (f->src) {
    case FS_LIST:
        return f->nmembers;
    case FS_URANGE:
        /* 0..2^64-1 has 2^64 members, which wraps to 0 */
        return f->hi - f->lo < PS_MAX_SET_MEMBERS ? f->hi - f->lo + 1 : UINT64_MAX;
    default:
        return 1;
    }
}

static uint64_t prefix_size(const struct ps_tfield *f, enum ps_kind kind)
{
    int width = kind == PS_K_IPV6 ? 128 : 32;
    int host = width - f->prefix;
    if (host >= 63)
        return UINT64_MAX; /* too many to enumerate: the compiler refuses it */
    return (uint64_t)1 << host;
}

uint64_t ps_tfield_choices(const struct ps_tlayer *l, size_t fi)
{
    const struct ps_tfield *f = &l->f[fi];
    if (f->src == FS_PREFIX)
        return prefix_size(f, l->proto->fields[fi].kind);
    return field_choices(f);
}

uint64_t ps_tpkt_count(const struct ps_tpkt *t)
{
    uint64_t total = 1;
    for (size_t i = 0; i < t->n; i++) {
        const struct ps_tlayer *l = t->layers[i];
        for (size_t f = 0; f < l->proto->nfields; f++) {
            uint64_t c = ps_tfield_choices(l, f);
            if (c == 0)
                return 0;
            if (c > PS_MAX_SET_MEMBERS || total > PS_MAX_SET_MEMBERS / c)
                return UINT64_MAX;
            total *= c;
        }
    }
    return total;
}

uint64_t ps_rng_next(uint64_t *state)
{
    uint64_t x = *state ? *state : 0x9e3779b97f4a7c15ull;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545f4914f6cdd1dull;
}

static void prefix_member(const struct ps_tfield *f, enum ps_kind kind, uint64_t k,
                          struct ps_fval *out)
{
    int width = kind == PS_K_IPV6 ? 16 : 4;
    *out = f->one;
    /* Add k to the address, from its last byte up; the host part is zero. */
    for (int b = width - 1; b >= 0 && k; b--) {
        uint64_t sum = out->addr[b] + (k & 0xff);
        out->addr[b] = (uint8_t)sum;
        k = (k >> 8) + (sum >> 8);
    }
}

void ps_tfield_member(const struct ps_tlayer *l, size_t fi, uint64_t k, uint64_t *rng,
                      struct ps_fval *out)
{
    const struct ps_tfield *f = &l->f[fi];
    const struct ps_field *fd = &l->proto->fields[fi];
    memset(out, 0, sizeof *out);
    switch (f->src) {
    case FS_UNSET:
        return;
    case FS_CONST:
        *out = f->one;
        break;
    case FS_LIST:
        *out = f->members[k];
        break;
    case FS_URANGE:
        out->u = f->lo + k;
        break;
    case FS_PREFIX:
        prefix_member(f, fd->kind, k, out);
        break;
    case FS_RANDOM: {
        uint64_t span = f->hi - f->lo;
        uint64_t r = ps_rng_next(rng);
        out->u = span == UINT64_MAX ? r : f->lo + r % (span + 1);
        if (fd->kind == PS_K_MAC || fd->kind == PS_K_IPV4 || fd->kind == PS_K_IPV6) {
            for (int b = 0; b < 16; b++)
                out->addr[b] = (uint8_t)(ps_rng_next(rng) >> 56);
        }
        break;
    }
    }
    out->set = true;
    if (l->sub[fi] && fd->kind == PS_K_LAYERS && f->src == FS_URANGE) {
        /* a set of lists (a set inside an element): list k of them */
        size_t each = l->nsub[fi] / (size_t)(f->hi - f->lo + 1);
        out->sub = l->sub[fi] + k * each;
        out->nsub = each;
        out->u = 0;
    } else if (l->sub[fi]) {
        out->sub = l->sub[fi];
        out->nsub = l->nsub[fi];
    }
}

void ps_tpkt_member(const struct ps_tpkt *t, uint64_t i, uint64_t *rng, struct ps_packet *out)
{
    out->n = t->n;
    /* The digit that varies fastest is the first field of the last layer. */
    for (size_t li = t->n; li-- > 0;) {
        const struct ps_tlayer *l = t->layers[li];
        struct ps_layer *dst = &out->layers[li];
        dst->proto = l->proto;
        for (size_t f = 0; f < l->proto->nfields; f++) {
            uint64_t c = ps_tfield_choices(l, f);
            uint64_t k = c > 1 ? i % c : 0;
            if (c > 1)
                i /= c;
            ps_tfield_member(l, f, k, rng, &dst->v[f]);
        }
    }
}

int ps_tpkt_find(const struct ps_tpkt *t, const struct ps_proto *p)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->layers[i]->proto == p)
            return (int)i;
    return -1;
}
