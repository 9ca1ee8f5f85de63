/* Values in an image: numbers and addresses as they are, text and bytes by
 * content, lists item by item, packet templates layer by layer. A field's
 * bytes are written by content and read back into an allocation the field
 * keeps (ps_tfield.keep), or, in a decoded packet, as an offset into its
 * frame, which the value owns. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ir_image_int.h"
#include "value.h"

/* ---- writing ---------------------------------------------------------------- */

enum { BYTES_NONE, BYTES_IN_FRAME, BYTES_INLINE };

static void put_fval(struct img_out *o, const struct ps_proto *p, const struct ps_fval *v,
                     const struct ps_obj *pkt);

static void put_layer(struct img_out *o, const struct ps_layer *l, const struct ps_obj *pkt)
{
    img_proto(o, l->proto);
    for (size_t i = 0; l->proto && i < l->proto->nfields; i++)
        put_fval(o, l->proto, &l->v[i], pkt);
}

static void put_fval(struct img_out *o, const struct ps_proto *p, const struct ps_fval *v,
                     const struct ps_obj *pkt)
{
    (void)p;
    img_u8(o, v->set);
    img_u64(o, v->u);
    img_put(o, v->addr, sizeof v->addr);
    uintptr_t at = (uintptr_t)v->bytes, from = pkt && pkt->frame ? (uintptr_t)pkt->frame : 0;
    if (!v->bytes) {
        img_u8(o, BYTES_NONE);
        img_u64(o, v->len);
    } else if (from && at >= from && at - from + v->len <= pkt->frame_len) {
        img_u8(o, BYTES_IN_FRAME);
        img_u64(o, at - from);
        img_u64(o, v->len);
    } else {
        img_u8(o, BYTES_INLINE);
        img_str(o, (const char *)v->bytes, v->len);
    }
    img_u32(o, (uint32_t)v->nsub);
    for (size_t k = 0; k < v->nsub; k++)
        put_layer(o, &v->sub[k], pkt);
}

static void put_tlayer(struct img_out *o, const struct ps_tlayer *l, const struct ps_obj *pkt)
{
    img_proto(o, l->proto);
    for (size_t i = 0; i < l->proto->nfields; i++) {
        const struct ps_tfield *f = &l->f[i];
        img_u8(o, (uint8_t)f->src);
        put_fval(o, l->proto, &f->one, pkt);
        img_u32(o, (uint32_t)f->nmembers);
        for (size_t k = 0; k < f->nmembers; k++)
            put_fval(o, l->proto, &f->members[k], pkt);
        img_u64(o, f->lo);
        img_u64(o, f->hi);
        img_i32(o, f->prefix);
        img_u32(o, (uint32_t)l->nsub[i]);
        for (size_t k = 0; k < l->nsub[i]; k++)
            put_layer(o, &l->sub[i][k], pkt);
    }
}

static void put_obj(struct img_out *o, const struct ps_obj *ob)
{
    switch (ob->t) {
    case PT_STR:
    case PT_BYTES:
        img_str(o, (const char *)ob->bytes, ob->len);
        return;
    case PT_LIST:
    case PT_TUPLE:
    case PT_PKTLIST:
        img_u32(o, (uint32_t)ob->n);
        for (size_t i = 0; i < ob->n; i++)
            img_value(o, &ob->items[i]);
        img_cstr(o, ob->t == PT_PKTLIST ? ob->list_name : NULL);
        return;
    case PT_PKT:
        if (ob->stored || ob->base) {
            img_fail_out(o, "a captured packet cannot be part of a probe's program");
            return;
        }
        img_u8(o, ob->decoded);
        img_f64(o, ob->time);
        img_f64(o, ob->rtt);
        img_str(o, (const char *)ob->frame, ob->frame ? ob->frame_len : 0);
        img_u32(o, (uint32_t)ob->pkt.n);
        for (size_t i = 0; i < ob->pkt.n; i++)
            put_tlayer(o, ob->pkt.layers[i], ob);
        return;
    default:
        img_fail_out(o, "a value of type %d cannot be part of a probe's program", (int)ob->t);
    }
}

void img_value(struct img_out *o, const struct ps_value *v)
{
    img_u8(o, (uint8_t)v->t);
    img_u64(o, v->u);
    img_u64(o, v->hi);
    img_put(o, v->addr, sizeof v->addr);
    img_i32(o, v->prefix);
    img_proto(o, v->proto);
    img_field(o, v->field);
    img_u8(o, v->obj != NULL);
    if (v->obj) {
        img_u8(o, (uint8_t)v->obj->t);
        put_obj(o, v->obj);
    }
}

/* ---- reading ---------------------------------------------------------------- */

/* What a template field's bytes live in: a list of allocations, the field's keep. */
struct keeper {
    struct ps_value list;
};

static void *kept(struct keeper *k, size_t n)
{
    if (!k->list.obj)
        k->list = ps_val_list(PT_LIST);
    struct ps_value b = ps_val_bytes(PT_BYTES, NULL, n);
    ps_list_push(&k->list, b);
    return b.obj->bytes;
}

static bool get_fval(struct img_in *in, const struct ps_proto *p, struct ps_fval *v,
                     struct ps_obj *pkt, struct keeper *k);

static bool get_layer(struct img_in *in, struct ps_layer *l, struct ps_obj *pkt,
                      struct keeper *k)
{
    const struct ps_proto *p = img_get_proto(in);
    if (!p) {
        img_fail_in(in, "a layer without a protocol");
        return false;
    }
    ps_layer_init(l, p);
    for (size_t i = 0; i < p->nfields && !in->failed; i++)
        get_fval(in, p, &l->v[i], pkt, k);
    return !in->failed;
}

static bool get_fval(struct img_in *in, const struct ps_proto *p, struct ps_fval *v,
                     struct ps_obj *pkt, struct keeper *k)
{
    (void)p;
    v->set = img_get_u8(in);
    v->u = img_get_u64(in);
    const uint8_t *a = img_get(in, sizeof v->addr);
    if (a)
        memcpy(v->addr, a, sizeof v->addr);
    switch (img_get_u8(in)) {
    case BYTES_NONE:
        v->bytes = NULL;
        v->len = (size_t)img_get_u64(in);
        break;
    case BYTES_IN_FRAME: {
        uint64_t off = img_get_u64(in), len = img_get_u64(in);
        if (!pkt || !pkt->frame || off > pkt->frame_len || len > pkt->frame_len - off) {
            img_fail_in(in, "a field's bytes lie outside their packet");
            return false;
        }
        v->bytes = pkt->frame + off;
        v->len = (size_t)len;
        break;
    }
    case BYTES_INLINE: {
        size_t len;
        char *s = img_get_str(in, &len);
        if (!s)
            return false;
        uint8_t *room = kept(k, len);
        memcpy(room, s, len);
        free(s);
        v->bytes = room;
        v->len = len;
        break;
    }
    default:
        img_fail_in(in, "a field's bytes of an unknown form");
        return false;
    }
    v->nsub = img_get_count(in, 8);
    v->sub = NULL;
    if (v->nsub) {
        v->sub = kept(k, v->nsub * sizeof *v->sub);
        for (size_t i = 0; i < v->nsub && !in->failed; i++)
            get_layer(in, &v->sub[i], pkt, k);
    }
    return !in->failed;
}

static struct ps_tlayer *get_tlayer(struct img_in *in, struct ps_obj *pkt)
{
    const struct ps_proto *p = img_get_proto(in);
    if (!p) {
        img_fail_in(in, "a layer without a protocol");
        return NULL;
    }
    struct ps_tlayer *l = calloc(1, sizeof *l);
    if (!l)
        abort();
    l->proto = p;
    for (size_t i = 0; i < p->nfields && !in->failed; i++) {
        struct ps_tfield *f = &l->f[i];
        struct keeper k = {{.t = PT_NONE}};
        f->src = (enum ps_fsrc)img_get_u8(in);
        get_fval(in, p, &f->one, pkt, &k);
        f->nmembers = img_get_count(in, 8);
        if (f->nmembers) {
            f->members = calloc(f->nmembers, sizeof *f->members);
            if (!f->members)
                abort();
        }
        for (size_t m = 0; m < f->nmembers && !in->failed; m++)
            get_fval(in, p, &f->members[m], pkt, &k);
        f->lo = img_get_u64(in);
        f->hi = img_get_u64(in);
        f->prefix = img_get_i32(in);
        l->nsub[i] = img_get_count(in, 8);
        if (l->nsub[i]) {
            l->sub[i] = calloc(l->nsub[i], sizeof *l->sub[i]);
            if (!l->sub[i])
                abort();
        }
        for (size_t s = 0; s < l->nsub[i] && !in->failed; s++)
            get_layer(in, &l->sub[i][s], pkt, &k);
        f->keep = k.list.obj;
    }
    return l;
}

static void get_obj(struct img_in *in, struct ps_value *v)
{
    enum ps_type t = (enum ps_type)img_get_u8(in);
    switch (t) {
    case PT_STR:
    case PT_BYTES: {
        size_t len;
        char *s = img_get_str(in, &len);
        if (!s) {
            img_fail_in(in, "a string without its bytes");
            return;
        }
        v->obj = ps_val_bytes(t, (const uint8_t *)s, len).obj;
        free(s);
        return;
    }
    case PT_LIST:
    case PT_TUPLE:
    case PT_PKTLIST: {
        struct ps_value list = ps_val_list(t);
        size_t n = img_get_count(in, 40);
        for (size_t i = 0; i < n && !in->failed; i++)
            ps_list_push(&list, img_get_value(in));
        char *name = img_get_str(in, NULL);
        /* A list's name is one of the interpreter's constants; keep the
         * text with the list it names. */
        if (name) {
            list.obj->bytes = (uint8_t *)name;
            list.obj->len = strlen(name);
            list.obj->list_name = name;
        }
        v->obj = list.obj;
        return;
    }
    case PT_PKT: {
        struct ps_obj *o = ps_obj_new(PT_PKT);
        v->obj = o;
        o->decoded = img_get_u8(in);
        o->time = img_get_f64(in);
        o->rtt = img_get_f64(in);
        size_t flen;
        char *frame = img_get_str(in, &flen);
        if (frame && flen) {
            o->frame = (uint8_t *)frame;
            o->frame_len = (uint32_t)flen;
        } else {
            free(frame);
        }
        size_t n = img_get_count(in, 8);
        if (n > PS_MAX_LAYERS) {
            img_fail_in(in, "a packet of %zu layers", n);
            return;
        }
        for (size_t i = 0; i < n && !in->failed; i++) {
            struct ps_tlayer *l = get_tlayer(in, o);
            if (l)
                o->pkt.layers[o->pkt.n++] = l;
        }
        return;
    }
    default:
        img_fail_in(in, "a value of unknown type %d", (int)t);
    }
}

struct ps_value img_get_value(struct img_in *in)
{
    struct ps_value v = {.t = PT_NONE};
    v.t = (enum ps_type)img_get_u8(in);
    v.u = img_get_u64(in);
    v.hi = img_get_u64(in);
    const uint8_t *a = img_get(in, sizeof v.addr);
    if (a)
        memcpy(v.addr, a, sizeof v.addr);
    v.prefix = img_get_i32(in);
    v.proto = img_get_proto(in);
    v.field = img_get_field(in);
    if (img_get_u8(in) && !in->failed)
        get_obj(in, &v);
    return v;
}
