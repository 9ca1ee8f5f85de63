/* A decoded packet as one line of JSON, for `pktspec read --json`: the
 * layers in order, each with the fields its frame held. */
#include "print.h"
#include "proto/tcp_options.h"

#include "addr.h"

/* Bytes as a JSON string of hex digits. */
static void put_hex(struct ps_strbuf *b, const uint8_t *p, size_t n)
{
    ps_strbuf_putc(b, '"');
    ps_strbuf_hex(b, p, n);
    ps_strbuf_putc(b, '"');
}

/* [name, value] for each option, as Scapy's m2i reads them: value null,
 * a number, an array of numbers, or the bytes in hex. */
static void put_tcp_options(struct ps_strbuf *b, const struct ps_fval *v)
{
    const uint8_t *p = v->bytes;
    size_t n = v->bytes ? v->len : 0;
    struct ps_tcpopt_view o;
    ps_strbuf_putc(b, '[');
    for (bool first = true; ps_tcp_option_next(&p, &n, &o); first = false) {
        ps_strbuf_puts(b, first ? "[" : ", [");
        if (o.name)
            ps_strbuf_printf(b, "\"%s\", ", o.name);
        else
            ps_strbuf_printf(b, "%u, ", o.kind);
        if (o.shape == PS_TO_NONE) {
            ps_strbuf_puts(b, "null");
        } else if (o.shape == PS_TO_INTS && o.nints == 1) {
            ps_strbuf_printf(b, "%llu", (unsigned long long)o.ints[0]);
        } else if (o.shape == PS_TO_INTS) {
            ps_strbuf_putc(b, '[');
            for (size_t i = 0; i < o.nints; i++)
                ps_strbuf_printf(b, "%s%llu", i ? ", " : "", (unsigned long long)o.ints[i]);
            ps_strbuf_putc(b, ']');
        } else {
            put_hex(b, o.bytes, o.len);
        }
        ps_strbuf_putc(b, ']');
    }
    ps_strbuf_putc(b, ']');
}

static void put_layer(struct ps_strbuf *b, const struct ps_layer *l);

static void put_value(struct ps_strbuf *b, const struct ps_field *f, const struct ps_fval *v)
{
    char text[64];
    switch (f->kind) {
    case PS_K_UINT:
        ps_strbuf_printf(b, "%llu", (unsigned long long)v->u);
        break;
    case PS_K_MAC:
        ps_format_mac(v->addr, text);
        ps_strbuf_printf(b, "\"%s\"", text);
        break;
    case PS_K_IPV4:
        ps_format_ip4(v->addr, text);
        ps_strbuf_printf(b, "\"%s\"", text);
        break;
    case PS_K_IPV6:
        ps_format_ip6(v->addr, text);
        ps_strbuf_printf(b, "\"%s\"", text);
        break;
    case PS_K_BYTES:
        if (!ps_put_addr_list(b, f, v, true))
            put_hex(b, v->bytes, v->len);
        break;
    case PS_K_OPTIONS:
        if (f->optcodec)
            put_hex(b, v->bytes, v->len);
        else
            put_tcp_options(b, v);
        break;
    case PS_K_LAYERS:
        ps_strbuf_putc(b, '[');
        for (size_t i = 0; i < v->nsub; i++) {
            if (i)
                ps_strbuf_puts(b, ", ");
            put_layer(b, &v->sub[i]);
        }
        if (v->len) {
            struct ps_layer raw;
            ps_leftover_layer(v, &raw);
            if (v->nsub)
                ps_strbuf_puts(b, ", ");
            if (raw.proto)
                put_layer(b, &raw);
        }
        ps_strbuf_putc(b, ']');
        break;
    }
}

static void put_layer(struct ps_strbuf *b, const struct ps_layer *l)
{
    bool first = true;
    ps_strbuf_printf(b, "{\"layer\": \"%s\", \"fields\": {", l->proto->name);
    for (size_t fi = 0; fi < ps_nfields(l); fi++) {
        const struct ps_field *f = &l->proto->fields[fi];
        if (!l->v[fi].set || (f->present && !f->present(l)))
            continue;
        f = ps_layer_field(l, fi);
        ps_strbuf_printf(b, "%s\"%s\": ", first ? "" : ", ", f->name);
        first = false;
        put_value(b, f, &l->v[fi]);
    }
    ps_strbuf_puts(b, "}}");
}

int ps_json(const struct ps_packet *pkt, const char *extra, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    size_t n = pkt->n < PS_MAX_LAYERS ? pkt->n : PS_MAX_LAYERS;
    ps_strbuf_putc(&b, '{');
    if (extra && *extra) {
        ps_strbuf_puts(&b, extra);
        ps_strbuf_puts(&b, ", ");
    }
    ps_strbuf_puts(&b, "\"layers\": [");
    for (size_t i = 0; i < n; i++) {
        if (i)
            ps_strbuf_puts(&b, ", ");
        put_layer(&b, &pkt->layers[i]);
    }
    ps_strbuf_puts(&b, "]}");
    return ps_strbuf_result(&b);
}
