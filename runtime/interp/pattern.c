/* Patterns matched against packets: each field a pattern names, compared
 * as Scapy holds its value, at every depth (records, options). */
#include <string.h>

#include "addr.h"
#include "interp_int.h"
#include "pattern.h"
#include "print.h"
#include "proto/tcp_options.h"
#include "proto/proto.h"

/* Room for a value as Scapy holds it (a DNS name's text). */
#define VALUE_CAP 1100

static enum ps_match cannot(struct ps_match_why *why, const struct ps_layer *l, size_t fi,
                            const char *reason)
{
    why->proto = l->proto;
    why->field = l->proto->fields[fi].name;
    why->reason = reason;
    return PS_MATCH_CANNOT;
}

static bool same_value(enum ps_kind kind, const struct ps_fval *a, const struct ps_fval *b)
{
    switch (kind) {
    case PS_K_UINT: return a->u == b->u;
    case PS_K_MAC: return memcmp(a->addr, b->addr, 6) == 0;
    case PS_K_IPV4: return memcmp(a->addr, b->addr, 4) == 0;
    case PS_K_IPV6: return memcmp(a->addr, b->addr, 16) == 0;
    default:
        return a->len == b->len && (a->len == 0 || memcmp(a->bytes, b->bytes, a->len) == 0);
    }
}

static enum ps_match layer_matches(const struct ps_layer *got, const struct ps_layer *want,
                                   struct ps_match_why *why);

/* A list of sub-layers (DNS records, IP options): element by element. */
static enum ps_match list_matches(const struct ps_layer *l, size_t fi, const struct ps_fval *want,
                                  struct ps_match_why *why)
{
    const struct ps_fval *g = &l->v[fi];
    /* A list that is all bytes no element took (an EDNS0 option Scapy
     * could not read) compares as those bytes. */
    if (!want->sub && want->len && g->set && g->nsub == 0)
        return same_value(PS_K_BYTES, g, want) ? PS_MATCH_YES : PS_MATCH_NO;
    if (!want->sub && want->len)
        return cannot(why, l, fi, "bytes cannot be compared with a list of layers: give the "
                                  "layers");
    size_t have = g->set ? g->nsub : 0;
    if (want->nsub == 0)
        return have == 0 ? PS_MATCH_YES : PS_MATCH_NO;
    if (want->nsub > have)
        return PS_MATCH_NO;
    for (size_t i = 0; i < want->nsub; i++) {
        enum ps_match m = layer_matches(&g->sub[i], &want->sub[i], why);
        if (m != PS_MATCH_YES)
            return m;
    }
    return PS_MATCH_YES;
}

/* TCP options, Scapy's list of (name, value): the pattern's i-th option
 * has the kind and value of the packet's i-th. */
static enum ps_match options_match(const struct ps_fval *got, const struct ps_fval *want)
{
    const uint8_t *gp = got->bytes, *wp = want->bytes;
    size_t gn = got->len, wn = want->len;
    struct ps_tcpopt_view go, wo;
    if (wn == 0)
        return gn == 0 ? PS_MATCH_YES : PS_MATCH_NO;
    while (ps_tcp_option_next(&wp, &wn, &wo)) {
        if (!ps_tcp_option_next(&gp, &gn, &go) || go.kind != wo.kind || go.len != wo.len ||
            (go.len && memcmp(go.bytes, wo.bytes, go.len) != 0))
            return PS_MATCH_NO;
    }
    return PS_MATCH_YES;
}

/* A codec's list (DHCP options): each option of the pattern is one the
 * packet holds, code and value, wherever it stands. */
static enum ps_match codec_options_match(const struct ps_optcodec *c, const struct ps_fval *got,
                                         const struct ps_fval *want)
{
    const uint8_t *wp = want->bytes, *wo;
    size_t wn = want->len, wsize;
    int wcode;
    if (wn == 0)
        return got->len == 0 ? PS_MATCH_YES : PS_MATCH_NO;
    while (c->next(&wp, &wn, &wcode, &wo, &wsize)) {
        const uint8_t *gp = got->bytes, *go;
        size_t gn = got->len, gsize;
        int gcode;
        bool found = false;
        while (!found && c->next(&gp, &gn, &gcode, &go, &gsize))
            found = gcode == wcode && gsize == wsize && memcmp(go, wo, gsize) == 0;
        if (!found)
            return PS_MATCH_NO;
    }
    return PS_MATCH_YES;
}

/* Whether field fi of l holds the value `want` (one value of a pattern). */
static enum ps_match value_matches(const struct ps_layer *l, size_t fi, const struct ps_fval *want,
                                   struct ps_match_why *why)
{
    const struct ps_field *tf = &l->proto->fields[fi];
    if (tf->kind == PS_K_LAYERS)
        return list_matches(l, fi, want, why);
    const struct ps_field *fd = ps_layer_field(l, fi);
    struct ps_fval got;
    if (!interp_field_held(l, fi, &got))
        return PS_MATCH_NO; /* None equals no value a pattern can give */
    if (fd->kind == PS_K_OPTIONS)
        return fd->optcodec ? codec_options_match(fd->optcodec, &got, want)
                            : options_match(&got, want);
    if (fd->value_of) {
        uint8_t gbuf[VALUE_CAP], wbuf[VALUE_CAP];
        struct ps_fval gv, wv;
        enum ps_kind gk = fd->value_of(l, fi, &l->v[fi], &gv, gbuf, sizeof gbuf);
        enum ps_kind wk = fd->value_of(l, fi, want, &wv, wbuf, sizeof wbuf);
        return gk == wk && same_value(gk, &gv, &wv) ? PS_MATCH_YES : PS_MATCH_NO;
    }
    return same_value(fd->kind, &got, want) ? PS_MATCH_YES : PS_MATCH_NO;
}

/* A layer against a pattern layer of constants (an element of a list):
 * the same class, and every field the pattern sets. */
static enum ps_match layer_matches(const struct ps_layer *got, const struct ps_layer *want,
                                   struct ps_match_why *why)
{
    if (got->proto != want->proto)
        return PS_MATCH_NO;
    for (size_t fi = 0; fi < want->proto->nfields; fi++) {
        if (!want->v[fi].set)
            continue;
        enum ps_match m = value_matches(got, fi, &want->v[fi], why);
        if (m != PS_MATCH_YES)
            return m;
    }
    return PS_MATCH_YES;
}

/* Field fi of the template layer `want` (any of the values it stands for)
 * against the packet's layer l. */
static enum ps_match field_matches(const struct ps_layer *l, const struct ps_tlayer *want,
                                   size_t fi, struct ps_match_why *why)
{
    const struct ps_tfield *pat = &want->f[fi];
    const struct ps_field *fd = ps_layer_field(l, fi);
    struct ps_fval got, one;
    switch (pat->src) {
    case FS_UNSET:
        return PS_MATCH_YES;
    case FS_RANDOM:
        return cannot(why, l, fi, "a random value matches no value in particular: write * "
                                  "for any value");
    case FS_CONST:
        one = pat->one;
        one.sub = want->sub[fi];
        one.nsub = want->nsub[fi];
        return value_matches(l, fi, &one, why);
    case FS_LIST:
        for (size_t i = 0; i < pat->nmembers; i++) {
            enum ps_match m = value_matches(l, fi, &pat->members[i], why);
            if (m != PS_MATCH_NO)
                return m;
        }
        return PS_MATCH_NO;
    case FS_URANGE:
        if (fd->kind != PS_K_UINT)
            return cannot(why, l, fi, "a range of numbers cannot be compared with it");
        return interp_field_held(l, fi, &got) && got.u >= pat->lo && got.u <= pat->hi
                   ? PS_MATCH_YES
                   : PS_MATCH_NO;
    case FS_PREFIX: {
        if (fd->kind != PS_K_IPV4 && fd->kind != PS_K_IPV6)
            return cannot(why, l, fi, "a prefix cannot be compared with it");
        if (!interp_field_held(l, fi, &got))
            return PS_MATCH_NO;
        size_t width = fd->kind == PS_K_IPV6 ? 16 : 4;
        ps_mask_prefix(got.addr, width, pat->prefix);
        return memcmp(got.addr, pat->one.addr, width) == 0 ? PS_MATCH_YES : PS_MATCH_NO;
    }
    }
    return PS_MATCH_NO;
}

enum ps_match ps_pattern_match(const struct ps_tpkt *got, const struct ps_tpkt *want,
                               struct ps_match_why *why)
{
    size_t at = 0;
    struct ps_layer l;
    for (size_t w = 0; w < want->n; w++) {
        const struct ps_tlayer *wl = want->layers[w];
        while (at < got->n && got->layers[at]->proto != wl->proto)
            at++;
        if (at == got->n)
            return PS_MATCH_NO;
        interp_layer_of(got->layers[at++], &l);
        for (size_t fi = 0; fi < wl->proto->nfields; fi++) {
            enum ps_match m = field_matches(&l, wl, fi, why);
            if (m != PS_MATCH_YES)
                return m;
        }
    }
    return PS_MATCH_YES;
}

bool interp_matches(struct interp *in, const struct ps_value *pkt, const struct ps_value *pat,
                    struct ps_loc loc)
{
    if (pat->t != PT_PKT)
        return false;
    struct ps_value d = interp_decoded(in, pkt, loc);
    if (d.t != PT_PKT)
        return false;
    struct ps_match_why why;
    enum ps_match m = ps_pattern_match(&d.obj->pkt, &pat->obj->pkt, &why);
    if (m == PS_MATCH_CANNOT)
        interp_error(in, loc, "%s.%s in this pattern: %s", why.proto->name, why.field,
                     why.reason);
    ps_val_release(&d);
    return m == PS_MATCH_YES;
}

/* Scapy's ==: the same classes in the same order, every field the same
 * value, each record and option too: each matches the other whole. */
bool interp_packets_equal(struct interp *in, const struct ps_value *a, const struct ps_value *b,
                          struct ps_loc loc)
{
    struct ps_value da = interp_decoded(in, a, loc), db = interp_decoded(in, b, loc);
    bool same = da.t == PT_PKT && db.t == PT_PKT && da.obj->pkt.n == db.obj->pkt.n;
    for (size_t i = 0; same && i < da.obj->pkt.n; i++)
        same = da.obj->pkt.layers[i]->proto == db.obj->pkt.layers[i]->proto;
    struct ps_match_why why;
    same = same && ps_pattern_match(&da.obj->pkt, &db.obj->pkt, &why) == PS_MATCH_YES &&
           ps_pattern_match(&db.obj->pkt, &da.obj->pkt, &why) == PS_MATCH_YES;
    ps_val_release(&da);
    ps_val_release(&db);
    return same;
}
