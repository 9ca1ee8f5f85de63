/* The value of each field as Scapy's printers see it on a dissected
 * packet, and its i2repr text. */
#include "field_text.h"

#include <string.h>

#include "addr.h"
#include "proto.h"

/* A list element has no layer above to bind from: the table's default. */
static void element_default(const struct ps_field *f, struct ps_fval *v)
{
    memset(v, 0, sizeof *v);
    switch (f->kind) {
    case PS_K_UINT:
        v->u = f->def_now ? f->def_now() : f->def;
        break;
    case PS_K_MAC:
        if (f->def_text)
            (void)ps_parse_mac(f->def_text, v->addr);
        break;
    case PS_K_IPV4:
        if (f->def_text)
            (void)ps_parse_ip4(f->def_text, v->addr);
        break;
    case PS_K_IPV6:
        if (f->def_text)
            (void)ps_parse_ip6(f->def_text, v->addr);
        break;
    case PS_K_BYTES:
    case PS_K_OPTIONS:
        if (f->def_text)
            v->len = ps_field_def_bytes(f, &v->bytes);
        break;
    case PS_K_LAYERS:
        break;
    }
}

enum ps_held ps_held_value(struct ps_at at, size_t fi, struct ps_fval *v,
                           struct ps_layer *def_element)
{
    const struct ps_layer *l = at.l;
    const struct ps_field *f = &l->proto->fields[fi];
    if (f->present && !f->present(l))
        return f->empty_when_absent ? PS_HELD_EMPTY : PS_HELD_ABSENT;
    if (l->v[fi].set) {
        *v = l->v[fi];
        return PS_HELD_VALUE;
    }
    /* The frame ended before this field: Scapy's default, None for an auto
     * number or string (an address shows the one the route gives). */
    f = ps_layer_field(l, fi);
    int of = f->count_of ? ps_field_index(l->proto, f->count_of) : -1;
    if (of >= 0) {
        /* DNSRRCountField.i2h counts the records even before building. */
        memset(v, 0, sizeof *v);
        v->u = ps_count_of(l, (size_t)of);
        return PS_HELD_VALUE;
    }
    if (f->is_auto && (f->kind == PS_K_UINT || f->kind == PS_K_BYTES))
        return PS_HELD_NONE;
    /* A PacketField whose default is b'' (not a packet) holds that. */
    if (f->kind == PS_K_LAYERS && f->chain && f->def_text && !*f->def_text && !f->def_sub)
        return PS_HELD_EMPTY;
    /* An address whose default is None and that no route fills
     * (ICMPv6NDOptRouteInfo.prefix). */
    if (f->is_auto && f->kind != PS_K_LAYERS && f->from_env == PS_ENV_NONE && !f->def_text)
        return PS_HELD_NONE;
    if (at.pkt)
        ps_field_value(at.pkt, at.idx, (int)fi, v);
    else
        element_default(f, v);
    const struct ps_proto *one = f->kind == PS_K_LAYERS && f->def_sub ? ps_proto_find(f->def_sub)
                                                                        : NULL;
    if (one && def_element) {
        ps_layer_init(def_element, one);
        v->sub = def_element;
        v->nsub = 1;
    }
    return PS_HELD_VALUE;
}

bool ps_field_dissected(struct ps_at at, size_t fi)
{
    const struct ps_layer *l = at.l;
    const struct ps_field *f = &l->proto->fields[fi];
    if (f->present && !f->present(l)) {
        if (!f->empty_when_absent || !at.pkt || at.idx + 1 >= at.pkt->n)
            return false;
        /* Bytes followed within the layer: its payload is not a Padding. */
        return !at.pkt->layers[at.idx + 1].proto->trailer;
    }
    return l->v[fi].set;
}

bool ps_value_is_empty_list(const struct ps_field *f, const struct ps_fval *v)
{
    switch (f->kind) {
    case PS_K_LAYERS:
        /* A chain's empty value is None, which repr() shows. */
        return !f->chain && v->nsub == 0 && v->len == 0;
    case PS_K_OPTIONS: {
        /* Or bytes its i2repr reads as no option (ISAKMP's transforms: a
         * piece shorter than an attribute). */
        char text[3];
        return v->len == 0 || (f->repr && f->repr(v, text, sizeof text) == 2 &&
                               memcmp(text, "[]", 2) == 0);
    }
    case PS_K_BYTES: {
        if ((f->ipv4_list || f->ipv6_list) && v->len == 0)
            return true;
        /* A field whose i2repr says [] holds an empty list (DNS TXT rdata). */
        char text[3];
        return f->repr && v->len == 0 && f->repr(v, text, sizeof text) == 2 &&
               memcmp(text, "[]", 2) == 0;
    }
    default:
        return false;
    }
}

void ps_put_i2repr(struct ps_strbuf *b, const struct ps_layer *l, const struct ps_field *f,
                   const struct ps_fval *v)
{
    if (f->kind == PS_K_LAYERS) {
        if (f->chain) {
            ps_put_layer_chain_repr(b, v);
        } else if (f->nested) {
            ps_strbuf_putc(b, '[');
            if (v->nsub || v->len)
                ps_put_layer_chain_repr(b, v);
            ps_strbuf_putc(b, ']');
        } else
            ps_put_layer_list_repr(b, v);
        return;
    }
    if (f->multi && f->kind == PS_K_UINT && !f->repr) {
        /* _MultiEnumField.i2repr_one: the name for the controlling value,
         * else the number. */
        const char *name = l ? ps_enum_name_in(l, f, v->u) : NULL;
        if (name)
            ps_strbuf_puts(b, name);
        else
            ps_strbuf_printf(b, "%llu", (unsigned long long)v->u);
        return;
    }
    size_t room;
    char *out = ps_strbuf_tail(b, &room);
    ps_strbuf_advance(b, ps_format_value(f, v, out, room));
}

bool ps_put_addr_list(struct ps_strbuf *b, const struct ps_field *f, const struct ps_fval *v,
                      bool quote_ip4)
{
    size_t width = f->ipv4_list ? 4 : f->ipv6_list ? 16 : 0;
    if (!width)
        return false;
    char text[46];
    ps_strbuf_putc(b, '[');
    for (size_t i = 0; i + width <= v->len; i += width) {
        if (width == 4)
            ps_format_ip4(v->bytes + i, text);
        else
            ps_format_ip6(v->bytes + i, text);
        bool quote = width == 16 || quote_ip4;
        ps_strbuf_printf(b, "%s%s%s%s", i ? ", " : "", quote ? "\"" : "", text, quote ? "\"" : "");
    }
    ps_strbuf_putc(b, ']');
    return true;
}
