/* fragment(pkt, fragsize=1480), as Scapy 2.5's inet.fragment: the IP
 * payload of each packet (its bytes, checksums and all) cut into pieces of
 * fragsize rounded down to a multiple of 8, the last one up to fragsize;
 * each piece a Raw after a copy of the layers down to the IP, whose len
 * and chksum are computed again, whose frag grows by the offset, with MF
 * on all but the last, and whose proto stays what the payload bound. */
#include "fragment.h"

#include <stdlib.h>
#include <string.h>

#include "coerce.h"
#include "proto/bind.h"
#include "proto/proto.h"

static const struct ps_value none_value = {.t = PT_NONE};

/* p[IP]: the first layer that is an IP (IPerror is one too). */
static int ip_layer(const struct ps_packet *p)
{
    for (size_t i = 0; i < p->n; i++) {
        const struct ps_proto *pr = p->layers[i].proto;
        if (strcmp(pr->name, "IP") == 0 || (pr->alias && strcmp(pr->alias, "IP") == 0))
            return (int)i;
    }
    return -1;
}

/* Python's a // b for b > 0. */
static long floor_div(long a, long b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

static bool fragsize_of(struct interp *in, const struct ps_expr *e, uint64_t *size)
{
    const struct ps_expr *x = e->nargs > 1 ? e->args[1] : NULL;
    for (size_t i = 0; !x && i < e->nopts; i++)
        if (e->opts[i].index == O_FRAGSIZE)
            x = e->opts[i].value;
    *size = 1480;
    if (!x)
        return true;
    struct ps_value v = interp_eval(in, x);
    bool ok = v.t == PT_INT;
    *size = v.u;
    ps_val_release(&v);
    if (!ok || *size < 8 || *size > PS_MAX_FRAME) {
        interp_error(in, x->loc, "fragsize= takes a number of bytes from 8 to %d", PS_MAX_FRAME);
        return false;
    }
    return true;
}

/* Sets UINT field `name` of layer l. */
static void set_uint(struct ps_layer *l, const char *name, uint64_t u)
{
    int fi = ps_field_index(l->proto, name);
    if (fi >= 0) {
        l->v[fi].set = true;
        l->v[fi].u = u;
    }
}

static void unset(struct ps_layer *l, const char *name)
{
    int fi = ps_field_index(l->proto, name);
    if (fi >= 0)
        l->v[fi].set = false;
}

/* The fragments of one packet, built into in->frame, onto out. `owner`
 * holds what the packet's fields point into. */
static bool fragment_one(struct interp *in, const struct ps_expr *e, struct ps_obj *owner,
                         uint64_t member, uint64_t size, uint8_t *scratch, struct ps_value *out)
{
    long full = interp_build(in, &owner->pkt, member, e->loc);
    if (full < 0)
        return false;
    int ipx = ip_layer(&in->pkt);
    if (ipx < 0) {
        interp_error(in, e->loc, "fragment() needs a packet with an IP layer");
        return false;
    }
    /* Where the IP payload starts: the length of the layers down to it. */
    struct ps_packet *p = &in->pkt;
    size_t layers = p->n;
    p->n = (size_t)ipx + 1;
    long head = ps_encode(p, &in->o->env, scratch, PS_MAX_FRAME, NULL);
    p->n = layers;
    if (head < 0 || head > full)
        return false;
    struct ps_value load = ps_val_bytes(PT_BYTES, in->frame + head, (size_t)(full - head));
    const struct ps_layer *ip = &p->layers[ipx];
    int f_flags = ps_field_index(ip->proto, "flags"), f_frag = ps_field_index(ip->proto, "frag");
    int f_proto = ps_field_index(ip->proto, "proto");
    uint64_t flags = f_flags >= 0 ? ps_effective_uint(p, (size_t)ipx, f_flags) : 0;
    uint64_t frag = f_frag >= 0 ? ps_effective_uint(p, (size_t)ipx, f_frag) : 0;
    uint64_t proto = f_proto >= 0 ? ps_effective_uint(p, (size_t)ipx, f_proto) : 0;
    bool flags_set = f_flags >= 0 && ip->v[f_flags].set;

    long last = (long)size, step = (long)(size - size % 8), len = (long)load.obj->len;
    long count = floor_div(len - last + step - 1, step) + 1;
    struct ps_packet *q = &in->dec;
    for (long i = 0; i < count; i++) {
        q->n = (size_t)ipx + 2;
        memcpy(q->layers, p->layers, ((size_t)ipx + 1) * sizeof q->layers[0]);
        struct ps_layer *qip = &q->layers[ipx];
        unset(qip, "chksum");
        unset(qip, "len");
        if (i != count - 1)
            set_uint(qip, "flags", flags | 1);
        else if (!flags_set)
            unset(qip, "flags");
        set_uint(qip, "frag", frag + (uint64_t)(i * step / 8));
        set_uint(qip, "proto", proto);
        long from = i * step, to = i != count - 1 ? (i + 1) * step : i * step + last;
        if (to > len)
            to = len;
        if (from > len)
            from = len;
        struct ps_layer *raw = &q->layers[ipx + 1];
        ps_layer_init(raw, ps_proto_find("Raw"));
        raw->v[0].set = true;
        raw->v[0].bytes = load.obj->bytes + from;
        raw->v[0].len = (size_t)(to - from);
        struct ps_value v = ps_val_decoded(q, NULL, 0, 0, owner);
        /* A packet to build, not one read off the wire. */
        v.obj->decoded = false;
        struct ps_tfield *kept = &v.obj->pkt.layers[ipx + 1]->f[0];
        kept->keep = load.obj;
        load.obj->refs++;
        ps_list_push(out, v);
    }
    ps_val_release(&load);
    return true;
}

struct ps_value ps_fragment_call(struct interp *in, const struct ps_expr *e)
{
    uint64_t size;
    if (!fragsize_of(in, e, &size))
        return none_value;
    struct ps_value what = interp_eval(in, e->args[0]);
    if (what.t != PT_PKT && what.t != PT_PKTLIST) {
        if (what.t != PT_WIRE)
            interp_error(in, e->loc, "fragment() takes a packet or a list of packets, not %s",
                         ps_type_name(what.t));
        ps_val_release(&what);
        return what.t == PT_WIRE ? what : none_value;
    }
    uint8_t *scratch = malloc(PS_MAX_FRAME);
    if (!scratch)
        abort();
    struct ps_value out = ps_val_list(PT_PKTLIST);
    size_t n = what.t == PT_PKT ? 1 : what.obj->n;
    for (size_t k = 0; k < n && !in->failed_run; k++) {
        struct ps_value item = ps_val_retain(what.t == PT_PKT ? what : what.obj->items[k]);
        item = interp_expand(in, item);
        uint64_t members = item.t == PT_PKT ? ps_tpkt_count(&item.obj->pkt) : 0;
        for (uint64_t i = 0; i < members && !in->failed_run; i++)
            if (!fragment_one(in, e, item.obj, i, size, scratch, &out))
                break;
        ps_val_release(&item);
    }
    free(scratch);
    ps_val_release(&what);
    return out;
}
