/* The generic encoder: writes each layer's fields from its table, then runs
 * the post_build hooks from the innermost layer outwards, as Scapy's
 * do_build/post_build do, so a length or checksum sees its payload final. */
#include "encode.h"

#include <string.h>

#include "addr.h"
#include "proto/bind.h"
#include "proto/proto.h"

/* Sub-layers (IP options) never nest deeper than this. */
#define MAX_SUB_DEPTH 4

/* Appends bytes and bit fields; with buf NULL it only counts, so a field's
 * encoded length is found by the same code that writes it. */
struct writer {
    uint8_t *buf;
    size_t len, cap;
    bool overflow;
    uint64_t acc;    /* pending bits of a bit-packed run, MSB first */
    unsigned nbits;
};

static void put_byte(struct writer *w, uint8_t c)
{
    if (w->len >= w->cap) {
        w->overflow = true;
        return;
    }
    if (w->buf)
        w->buf[w->len] = c;
    w->len++;
}

static void put_bytes(struct writer *w, const uint8_t *p, size_t n)
{
    if (n > w->cap - w->len) {
        w->overflow = true;
        w->len = w->cap;
        return;
    }
    if (w->buf && n)
        memcpy(w->buf + w->len, p, n);
    w->len += n;
}

static void put_zeros(struct writer *w, size_t n)
{
    for (size_t i = 0; i < n && !w->overflow; i++)
        put_byte(w, 0);
}

static void put_bits(struct writer *w, uint64_t v, unsigned bits)
{
    /* Fed in chunks of at most 32 bits so that pending bits never exceed 64. */
    while (bits) {
        unsigned chunk = bits > 32 ? 32 : bits;
        bits -= chunk;
        uint64_t part = (v >> bits) & ((UINT64_C(1) << chunk) - 1);
        w->acc = (w->acc << chunk) | part;
        w->nbits += chunk;
        while (w->nbits >= 8) {
            w->nbits -= 8;
            put_byte(w, (uint8_t)(w->acc >> w->nbits));
        }
        w->acc &= (UINT64_C(1) << w->nbits) - 1;
    }
}

struct ctx {
    struct ps_build *b;
    struct writer *w;
    /* Measuring a field for its length_of, as Scapy's FieldLenField asks
     * the field's i2len: a PadField's pad is not counted, nor the fill of a
     * string whose fixed length another field gives (StrFixedLenField). */
    bool measuring;
};

static void put_layer(struct ctx *c, const struct ps_layer *l, const struct ps_packet *pkt,
                      size_t idx, int depth);

/* The address an unset field takes when the interface is not asked: a
 * DestField binding of the layer above (UDP dport 5353: IP dst 224.0.0.251),
 * else the table's default. Returns whether a binding gave it. */
static bool default_address(const struct ps_packet *pkt, size_t idx, const struct ps_layer *l,
                            const struct ps_field *f, uint8_t a[16])
{
    const char *text = f->def_text;
    bool bound = false;
    if (pkt && idx + 1 < pkt->n) {
        const struct ps_proto *up = pkt->layers[idx + 1].proto;
        for (const struct ps_addr_bind *ab = up->addr_binds; ab && ab->lower; ab++) {
            if (strcmp(ab->lower, l->proto->name) != 0 || strcmp(ab->addr_field, f->name) != 0)
                continue;
            /* Without a field the address is bound whatever the upper layer
             * holds (Scapy's overload_fields: ICMPv6ND_NS sends to ff02::1). */
            int fi = ab->field ? ps_field_index(up, ab->field) : -1;
            if (!ab->field || (fi >= 0 && ps_effective_uint(pkt, idx + 1, fi) == ab->value)) {
                text = ab->addr;
                bound = true;
                break;
            }
        }
    }
    memset(a, 0, 16);
    if (!text)
        return bound;
    /* The tables' addresses always parse; a bad one encodes as zeros. */
    if (f->kind == PS_K_MAC)
        (void)ps_parse_mac(text, a);
    else if (f->kind == PS_K_IPV4)
        (void)ps_parse_ip4(text, a);
    else
        (void)ps_parse_ip6(text, a);
    return bound;
}

/* Scapy's getmacbyip and getmacbyip6: a multicast destination has a MAC
 * of its own, found without the network: 01:00:5e + the low 23 bits of an
 * IPv4 group, 33:33 + the low 32 bits of an IPv6 one (in6_getnsmac). */
static bool multicast_mac(const struct ps_packet *pkt, size_t idx, uint8_t mac[6])
{
    for (size_t up = idx + 1; pkt && up < pkt->n; up++) {
        const struct ps_layer *l = &pkt->layers[up];
        if (l->proto->neighbor_through)
            continue;
        int fi = l->proto->neighbor_field ? ps_field_index(l->proto, l->proto->neighbor_field) : -1;
        enum ps_kind kind = fi >= 0 ? l->proto->fields[fi].kind : PS_K_UINT;
        if (kind != PS_K_IPV4 && kind != PS_K_IPV6)
            return false;
        uint8_t ip[16];
        if (l->v[fi].set)
            memcpy(ip, l->v[fi].addr, 16);
        else
            default_address(pkt, up, l, &l->proto->fields[fi], ip);
        if (kind == PS_K_IPV6) {
            if (ip[0] != 0xff)
                return false;
            const uint8_t m6[6] = {0x33, 0x33, ip[12], ip[13], ip[14], ip[15]};
            memcpy(mac, m6, 6);
            return true;
        }
        if ((ip[0] & 0xf0) != 0xe0)
            return false;
        const uint8_t m[6] = {0x01, 0x00, 0x5e, (uint8_t)(ip[1] & 0x7f), ip[2], ip[3]};
        memcpy(mac, m, 6);
        return true;
    }
    return false;
}

/* The layer's dst, given or by default, is ::1. */
static bool ip6_dst_is_loopback(const struct ps_packet *pkt, size_t idx)
{
    if (!pkt)   /* a layer held inside a field: no route is asked for it */
        return false;
    const struct ps_layer *l = &pkt->layers[idx];
    int fi = ps_field_index(l->proto, "dst");
    if (fi < 0 || l->proto->fields[fi].kind != PS_K_IPV6)
        return false;
    uint8_t dst[16];
    if (l->v[fi].set)
        memcpy(dst, l->v[fi].addr, 16);
    else
        default_address(pkt, idx, l, &l->proto->fields[fi], dst);
    static const uint8_t loopback[16] = {[15] = 1};
    return memcmp(dst, loopback, 16) == 0;
}

/* An unset address from the interface, or its fallback (recorded as a hole). */
static bool env_address(struct ctx *c, const struct ps_packet *pkt, size_t idx,
                        const struct ps_field *f)
{
    static const uint8_t bcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    static const uint8_t zeros[16] = {0};
    const struct ps_env *env = c->b->env;
    uint8_t mac[6];
    switch (f->from_env) {
    case PS_ENV_SRC_MAC:
        put_bytes(c->w, env && env->have_src_mac ? env->src_mac : zeros, 6);
        c->b->holes |= env && env->have_src_mac ? 0 : PS_HOLE_SRC_MAC;
        return true;
    case PS_ENV_DST_MAC:
        if (multicast_mac(pkt, idx, mac)) {
            put_bytes(c->w, mac, 6);
            return true;
        }
        put_bytes(c->w, env && env->have_dst_mac ? env->dst_mac : bcast, 6);
        c->b->holes |= env && env->have_dst_mac ? 0 : PS_HOLE_DST_MAC;
        return true;
    case PS_ENV_SRC_IP4:
        put_bytes(c->w, env && env->have_src_ip4 ? env->src_ip4 : zeros, 4);
        c->b->holes |= env && env->have_src_ip4 ? 0 : PS_HOLE_SRC_IP4;
        return true;
    case PS_ENV_SRC_IP6:
        if (!(env && env->have_src_ip6) && ip6_dst_is_loopback(pkt, idx)) {
            /* Scapy's route6 without a route: ::1 is reached from ::1. */
            static const uint8_t loopback[16] = {[15] = 1};
            put_bytes(c->w, loopback, 16);
            return true;
        }
        put_bytes(c->w, env && env->have_src_ip6 ? env->src_ip6 : zeros, 16);
        c->b->holes |= env && env->have_src_ip6 ? 0 : PS_HOLE_SRC_IP6;
        return true;
    default:
        return false;
    }
}

static void put_address(struct ctx *c, const struct ps_packet *pkt, size_t idx,
                        const struct ps_layer *l, int fi, const struct ps_field *f)
{
    size_t n = f->kind == PS_K_MAC ? 6 : f->kind == PS_K_IPV4 ? 4 : 16;
    uint8_t a[16];
    if (l->v[fi].set) {
        put_bytes(c->w, l->v[fi].addr, n);
        return;
    }
    /* An address the layer above binds (Scapy's overload_fields: EAPOL's
     * Ether.dst) comes before the interface's. */
    if (default_address(pkt, idx, l, f, a) || !env_address(c, pkt, idx, f))
        put_bytes(c->w, a, n);
}

static void put_blob(struct writer *w, const struct ps_field *f, const struct ps_layer *l,
                     const struct ps_fval *v, bool measuring)
{
    const uint8_t *p = v->bytes;
    size_t n = v->set ? v->len : ps_field_def_bytes(f, &p);
    size_t fixed = f->bits / 8u;
    if (f->kind == PS_K_BYTES &&
        (f->bits || (!measuring && f->len_from && f->len_from(l, &fixed)))) {
        put_bytes(w, p, n < fixed ? n : fixed);
        if (n < fixed)
            put_zeros(w, fixed - n);
        return;
    }
    put_bytes(w, p, n);
}

static void pad_from(struct writer *w, size_t from, unsigned to)
{
    if (to > 1)
        put_zeros(w, (to - (w->len - from) % to) % to);
}

/* Whether layer idx sits right on a `name` (or on a class aliased to it). */
static bool on_class(const struct ps_packet *pkt, size_t idx, const char *name)
{
    if (!pkt || idx == 0 || idx >= pkt->n)
        return false;
    const struct ps_proto *under = pkt->layers[idx - 1].proto;
    return strcmp(under->name, name) == 0 || (under->alias && strcmp(under->alias, name) == 0);
}

/* A field with a wire form of its own: its hook counts it, then writes it. */
static void put_encoded(struct writer *w, const struct ps_field *f, const struct ps_layer *l,
                        const struct ps_fval *v)
{
    long n = f->encode(l, v, NULL, 0);
    if (n < 0 || (size_t)n > w->cap - w->len) {
        w->overflow = true;
        w->len = w->cap;
        return;
    }
    if (w->buf && f->encode(l, v, w->buf + w->len, w->cap - w->len) != n) {
        w->overflow = true;
        return;
    }
    w->len += (size_t)n;
}

static void put_field(struct ctx *c, const struct ps_layer *l, int fi, const struct ps_packet *pkt,
                      size_t idx, int depth);
static void put_field_value(struct ctx *c, const struct ps_layer *l, int fi,
                            const struct ps_packet *pkt, size_t idx, int depth);

/* The encoded length of field fi of l, by writing it nowhere. */
static size_t field_length(struct ctx *c, const struct ps_layer *l, int fi, int depth)
{
    struct writer counter = {.buf = NULL, .cap = SIZE_MAX};
    struct ctx cc = {c->b, &counter, true};
    unsigned holes = c->b->holes;
    put_field(&cc, l, fi, NULL, 0, depth);
    c->b->holes = holes;
    return counter.len;
}

/* The encoded length of layer l (a sub-layer: no bindings), by writing it nowhere. */
static size_t layer_length(struct ctx *c, const struct ps_layer *l, int depth)
{
    struct writer counter = {.buf = NULL, .cap = SIZE_MAX};
    struct ctx cc = {c->b, &counter, false};
    unsigned holes = c->b->holes;
    put_layer(&cc, l, NULL, 0, depth);
    c->b->holes = holes;
    return counter.len;
}

static uint64_t uint_value(struct ctx *c, const struct ps_layer *l, int fi,
                           const struct ps_packet *pkt, size_t idx, int depth)
{
    const struct ps_field *f = &l->proto->fields[fi];
    uint64_t v;
    if (l->v[fi].set)
        return l->v[fi].u;
    if (ps_bound_uint(pkt, idx, f->name, &v))
        return v;
    if (f->count_of) {
        int of = ps_field_index(l->proto, f->count_of);
        if (of >= 0)
            return ps_count_of(l, of);
    }
    /* While only counting, values do not matter, and measuring a layer from
     * inside it would not end. */
    if (!c->w->buf && (f->length_of || f->len_of_layer))
        return ps_default_uint(f);
    if (f->len_of_layer)
        return layer_length(c, l, depth);
    if (f->length_of) {
        int of = ps_field_index(l->proto, f->length_of);
        if (of >= 0)
            return (uint64_t)((int64_t)field_length(c, l, of, depth) /
                                  (f->len_unit > 1 ? f->len_unit : 1) +
                              f->len_adjust);
    }
    return ps_default_uint(f);
}

static void put_field(struct ctx *c, const struct ps_layer *l, int fi, const struct ps_packet *pkt,
                      size_t idx, int depth)
{
    const struct ps_field *f = &l->proto->fields[fi];
    if (f->only_on ? !on_class(pkt, idx, f->only_on) : f->present && !f->present(l))
        return;
    struct ps_fieldmap *map = c->b->map;
    size_t at = 0;
    if (map && pkt && depth == 0 && c->w->buf && map->n < sizeof map->pos / sizeof map->pos[0]) {
        at = map->n++;
        map->pos[at] = (struct ps_fieldpos){(uint16_t)idx, (uint16_t)fi,
                                            (uint32_t)(c->w->len * 8 + c->w->nbits), 0};
    } else {
        map = NULL;
    }
    put_field_value(c, l, fi, pkt, idx, depth);
    if (map)
        map->pos[at].nbits = (uint32_t)(c->w->len * 8 + c->w->nbits) - map->pos[at].bit;
}

/* The alignment padding a layer list's table asks for before element
 * `next` (NULL: at its end); the list started at offset from. */
static void put_pad(struct writer *w, const struct ps_field *f, const struct ps_layer *l,
                    const struct ps_proto *next, size_t from)
{
    uint8_t pad[16];
    if (f->pad_before)
        put_bytes(w, pad, f->pad_before(l, next, w->len - from, pad));
}

static void put_field_value(struct ctx *c, const struct ps_layer *l, int fi,
                            const struct ps_packet *pkt, size_t idx, int depth)
{
    const struct ps_field *f = ps_layer_field(l, (size_t)fi);
    const struct ps_fval *v = &l->v[fi];
    if (f->encode) {
        /* a hook encodes the value the layer above binds it to (PPP's proto) */
        struct ps_fval bound;
        uint64_t u;
        if (!v->set && f->kind == PS_K_UINT && ps_bound_uint(pkt, idx, f->name, &u)) {
            bound = (struct ps_fval){.set = true, .u = u};
            v = &bound;
        }
        size_t from = c->w->len;
        put_encoded(c->w, f, l, v);
        if (f->kind == PS_K_BYTES && !c->measuring)
            pad_from(c->w, from, f->pad_to);
        return;
    }
    switch (f->kind) {
    case PS_K_UINT: {
        unsigned bits = f->bits_for ? f->bits_for(l) : f->bits;
        if (bits)
            put_bits(c->w, uint_value(c, l, fi, pkt, idx, depth), bits);
        break;
    }
    case PS_K_MAC:
    case PS_K_IPV4:
    case PS_K_IPV6:
        put_address(c, pkt, idx, l, fi, f);
        break;
    case PS_K_BYTES: {
        size_t from = c->w->len;
        const struct ps_bytes_bind *bd = v->set ? NULL : ps_bound_bytes(pkt, idx, f->name);
        if (bd) {
            struct ps_fval bound = {.set = true, .bytes = (const uint8_t *)bd->bytes,
                                    .len = strlen(bd->bytes)};
            put_blob(c->w, f, l, &bound, c->measuring);
        } else {
            put_blob(c->w, f, l, v, c->measuring);
        }
        if (!c->measuring)
            pad_from(c->w, from, f->pad_to);
        break;
    }
    case PS_K_OPTIONS: {
        size_t from = c->w->len;
        put_blob(c->w, f, l, v, c->measuring);
        pad_from(c->w, from, f->pad_to);
        break;
    }
    case PS_K_LAYERS: {
        size_t from = c->w->len;
        /* The elements' own pads count in the list's length. */
        struct ctx whole = {c->b, c->w, false};
        if (v->set && depth < MAX_SUB_DEPTH)
            for (size_t k = 0; k < v->nsub; k++) {
                put_pad(c->w, f, l, v->sub[k].proto, from);
                put_layer(&whole, &v->sub[k], NULL, 0, depth + 1);
            }
        const struct ps_proto *dflt = !v->set && f->def_sub ? ps_proto_find(f->def_sub) : NULL;
        if (dflt && depth < MAX_SUB_DEPTH) {
            struct ps_layer one;
            ps_layer_init(&one, dflt);
            put_layer(&whole, &one, NULL, 0, depth + 1);
        }
        if (v->set && v->bytes)
            put_bytes(c->w, v->bytes, v->len);
        put_pad(c->w, f, l, NULL, from);
        pad_from(c->w, from, f->pad_to);
        break;
    }
    }
}

static void put_layer(struct ctx *c, const struct ps_layer *l, const struct ps_packet *pkt,
                      size_t idx, int depth)
{
    for (size_t fi = 0; fi < l->proto->nfields && fi < PS_MAX_FIELDS; fi++)
        put_field(c, l, (int)fi, pkt, idx, depth);
    /* Tables end their bit runs on a byte; flush a bad one rather than lose it. */
    if (c->w->nbits)
        put_bits(c->w, 0, 8 - c->w->nbits);
}

/* A layer's `present` hooks see the layer alone: when the layer above
 * binds one of its fields (VXLAN's flags under an Ether, GRE's
 * routing_present under a GRErouting), they must see that value too, so
 * the layer is encoded from a copy holding it. */
static const struct ps_layer *with_bound(const struct ps_packet *pkt, size_t idx,
                                         struct ps_layer *copy)
{
    const struct ps_layer *l = &pkt->layers[idx];
    size_t n = l->proto->nfields < PS_MAX_FIELDS ? l->proto->nfields : PS_MAX_FIELDS;
    bool conditional = false;
    for (size_t fi = 0; fi < n && !conditional; fi++)
        conditional = l->proto->fields[fi].present != NULL;
    if (!conditional)
        return l;
    bool copied = false;
    for (size_t fi = 0; fi < n; fi++) {
        const struct ps_field *f = &l->proto->fields[fi];
        uint64_t v;
        if (f->kind != PS_K_UINT || l->v[fi].set || !ps_bound_uint(pkt, idx, f->name, &v))
            continue;
        if (!copied)
            *copy = *l;
        copied = true;
        copy->v[fi].set = true;
        copy->v[fi].u = v;
    }
    return copied ? copy : l;
}

long ps_encode(const struct ps_packet *pkt, const struct ps_env *env, uint8_t *out, size_t cap,
               unsigned *holes)
{
    return ps_encode_mapped(pkt, env, out, cap, holes, NULL);
}

long ps_encode_mapped(const struct ps_packet *pkt, const struct ps_env *env, uint8_t *out,
                      size_t cap, unsigned *holes, struct ps_fieldmap *map)
{
    struct ps_build b = {.pkt = pkt, .env = env, .buf = out, .cap = cap, .map = map};
    if (map)
        map->n = 0;
    struct writer w = {.buf = out, .cap = cap};
    struct ctx c = {&b, &w, false};
    size_t n = pkt->n < PS_MAX_LAYERS ? pkt->n : PS_MAX_LAYERS;

    for (size_t i = 0; i < n; i++) {
        struct ps_layer copy;
        const struct ps_layer *l = with_bound(pkt, i, &copy);
        b.start[i] = w.len;
        if (!l->proto->trailer)
            put_layer(&c, l, pkt, i, 0);
        b.hlen[i] = w.len - b.start[i];
    }
    size_t body = w.len;
    for (size_t i = 0; i < n; i++) {
        b.end[i] = body;
        if (pkt->layers[i].proto->trailer)
            put_layer(&c, &pkt->layers[i], pkt, i, 0);
    }
    if (w.overflow)
        return -1;
    b.len = w.len;
    for (size_t i = n; i-- > 0;)
        if (pkt->layers[i].proto->post_build)
            pkt->layers[i].proto->post_build(&b, i);
    if (holes)
        *holes = b.holes;
    return (long)b.len;
}

long ps_encode_layer(const struct ps_layer *l, uint8_t *out, size_t cap)
{
    struct ps_build b = {.buf = out, .cap = out ? cap : SIZE_MAX};
    struct writer w = {.buf = out, .cap = out ? cap : SIZE_MAX};
    struct ctx c = {&b, &w, false};
    put_layer(&c, l, NULL, 0, 1);
    return w.overflow ? -1 : (long)w.len;
}
