/* A pktspec expression that rebuilds a decoded packet byte for byte (the
 * spec-syntax counterpart of Scapy's command()): every field the frame
 * held is given, so no auto rule or binding changes a byte. */
#include "print_int.h"

#include <string.h>

#include "addr.h"

/* A string literal when every byte reads as text, else x"..". */
static void put_bytes_literal(struct ps_strbuf *b, const uint8_t *p, size_t n)
{
    bool text = true;
    for (size_t i = 0; i < n && text; i++)
        text = (p[i] >= 0x20 && p[i] < 0x7f) || p[i] == '\n' || p[i] == '\r' || p[i] == '\t';
    if (!text) {
        ps_strbuf_puts(b, "x\"");
        for (size_t i = 0; i < n; i++)
            ps_strbuf_printf(b, "%02x", p[i]);
        ps_strbuf_putc(b, '"');
        return;
    }
    ps_strbuf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        switch (p[i]) {
        case '"': ps_strbuf_puts(b, "\\\""); break;
        case '\\': ps_strbuf_puts(b, "\\\\"); break;
        case '\n': ps_strbuf_puts(b, "\\n"); break;
        case '\r': ps_strbuf_puts(b, "\\r"); break;
        case '\t': ps_strbuf_puts(b, "\\t"); break;
        default: ps_strbuf_putc(b, (char)p[i]); break;
        }
    }
    ps_strbuf_putc(b, '"');
}

static void put_hex_bytes(struct ps_strbuf *b, const uint8_t *p, size_t n)
{
    ps_strbuf_puts(b, "x\"");
    for (size_t i = 0; i < n; i++)
        ps_strbuf_printf(b, "%02x", p[i]);
    ps_strbuf_putc(b, '"');
}

/* One option as a (name, value) tuple and the arguments that encode it. */
static void put_tcp_option(struct ps_strbuf *b, const struct ps_tcpopt_view *o,
                           struct ps_optarg *arg)
{
    memset(arg, 0, sizeof *arg);
    if (o->name)
        ps_strbuf_printf(b, "(\"%s\", ", o->name);
    else
        ps_strbuf_printf(b, "(%u, ", o->kind);
    if (o->shape == PS_TO_NONE) {
        arg->kind = PS_OA_NONE;
        ps_strbuf_puts(b, "none)");
        return;
    }
    if (o->shape == PS_TO_INTS && o->nints > 0 && o->nints <= 16) {
        arg->kind = PS_OA_INTS;
        if (o->nints > 1)
            ps_strbuf_putc(b, '(');
        for (size_t i = 0; i < o->nints; i++) {
            ps_strbuf_printf(b, "%s%llu", i ? ", " : "", (unsigned long long)o->ints[i]);
            arg->ints[arg->nints++] = o->ints[i];
        }
        ps_strbuf_puts(b, o->nints > 1 ? "))" : ")");
        return;
    }
    /* Everything else is given as the value's bytes, which the encoder
     * writes as they are. */
    arg->kind = PS_OA_BYTES;
    arg->bytes = o->bytes;
    arg->len = o->len;
    put_bytes_literal(b, o->bytes, o->len);
    ps_strbuf_putc(b, ')');
}

/* TCP options as Scapy writes them, when those tuples encode to exactly
 * these bytes (padding included); else the bytes themselves. */
static void put_tcp_options(struct ps_strbuf *b, const struct ps_fval *v)
{
    uint8_t again[64];
    size_t len = 0, mark = b->len;
    bool same = v->len <= sizeof again;
    const uint8_t *p = v->bytes;
    size_t n = v->len;
    struct ps_tcpopt_view o;
    ps_strbuf_putc(b, '[');
    for (size_t i = 0; same && ps_tcp_option_next(&p, &n, &o); i++) {
        struct ps_optarg arg;
        if (i)
            ps_strbuf_puts(b, ", ");
        put_tcp_option(b, &o, &arg);
        const char *why;
        int k = ps_tcp_option_encode(o.name, o.kind, &arg, again + len, sizeof again - len, &why);
        if (k < 0)
            same = false;
        else
            len += (size_t)k;
    }
    ps_strbuf_putc(b, ']');
    while (same && len % 4 && len < sizeof again)
        again[len++] = 0;
    if (same && len == v->len && memcmp(again, v->bytes, len) == 0)
        return;
    /* Take the list back out and give the bytes. */
    b->len = mark;
    if (b->len < b->cap)
        b->p[b->len] = '\0';
    put_hex_bytes(b, v->bytes, v->len);
}

static void put_layer(struct ps_strbuf *b, struct ps_at at);

static uint64_t read_bits(const uint8_t *p, size_t bitpos, unsigned bits)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < bits; i++, bitpos++)
        v = v << 1 | ((p[bitpos >> 3] >> (7 - (bitpos & 7))) & 1);
    return v;
}

/* The class of `klass` that is a one-byte header and nothing else
 * (IPOption_EOL), for a lone byte no element took. */
static const struct ps_proto *header_only_class(const char *klass)
{
    size_t count;
    const struct ps_proto *const *all = ps_proto_all(&count);
    for (size_t i = 0; i < count; i++) {
        const struct ps_proto *c = all[i];
        unsigned bits = 0;
        bool uints = c->klass && strcmp(c->klass, klass) == 0;
        for (size_t fi = 0; uints && fi < c->nfields; fi++) {
            uints = c->fields[fi].kind == PS_K_UINT && !c->fields[fi].present;
            bits += c->fields[fi].bits;
        }
        if (uints && bits == 8)
            return c;
    }
    return NULL;
}

/* Bytes no element took, as an element of the list's own class that writes
 * them back: its bit fields read from them, its bytes field the rest (the
 * generic IPOption: header byte, length byte, value), or a header-only
 * class for a single byte. */
static void put_leftover_element(struct ps_strbuf *b, const struct ps_field *f,
                                 const uint8_t *p, size_t n)
{
    const struct ps_proto *c = f->sub_class ? ps_proto_find(f->sub_class) : NULL;
    if (n == 1 && f->sub_class)
        c = header_only_class(f->sub_class);
    if (!c) {
        put_bytes_literal(b, p, n);
        return;
    }
    size_t bit = 0;
    ps_strbuf_puts(b, c->name);
    ps_strbuf_putc(b, '(');
    for (size_t fi = 0; fi < c->nfields && bit < n * 8; fi++) {
        const struct ps_field *cf = &c->fields[fi];
        bool fits = cf->kind == PS_K_UINT ? bit + cf->bits <= n * 8 : cf->kind == PS_K_BYTES;
        if (!fits)
            break;
        ps_strbuf_printf(b, "%s%s=", fi ? ", " : "", cf->name);
        if (cf->kind == PS_K_UINT) {
            ps_strbuf_printf(b, "%llu", (unsigned long long)read_bits(p, bit, cf->bits));
            bit += cf->bits;
        } else {
            put_bytes_literal(b, p + bit / 8, n - bit / 8);
            bit = n * 8;
        }
    }
    ps_strbuf_putc(b, ')');
}

static void put_value(struct ps_strbuf *b, const struct ps_field *f, const struct ps_fval *v)
{
    char text[64];
    switch (f->kind) {
    case PS_K_UINT:
        if (f->hex || f->flags)
            ps_strbuf_printf(b, "0x%llx", (unsigned long long)v->u);
        else
            ps_strbuf_printf(b, "%llu", (unsigned long long)v->u);
        break;
    case PS_K_MAC:
        ps_format_mac(v->addr, text);
        ps_strbuf_puts(b, text);
        break;
    case PS_K_IPV4:
        ps_format_ip4(v->addr, text);
        ps_strbuf_puts(b, text);
        break;
    case PS_K_IPV6:
        ps_format_ip6(v->addr, text);
        ps_strbuf_printf(b, "\"%s\"", text);
        break;
    case PS_K_BYTES:
        if (f->ipv4_list && v->len % 4 == 0) {
            ps_strbuf_putc(b, '[');
            for (size_t i = 0; i < v->len; i += 4) {
                ps_format_ip4(v->bytes + i, text);
                ps_strbuf_printf(b, "%s%s", i ? ", " : "", text);
            }
            ps_strbuf_putc(b, ']');
        } else {
            put_bytes_literal(b, v->bytes, v->len);
        }
        break;
    case PS_K_OPTIONS:
        put_tcp_options(b, v);
        break;
    case PS_K_LAYERS:
        ps_strbuf_putc(b, '[');
        for (size_t i = 0; i < v->nsub; i++) {
            if (i)
                ps_strbuf_puts(b, ", ");
            put_layer(b, ps_at_element(&v->sub[i]));
        }
        if (v->len) {
            if (v->nsub)
                ps_strbuf_puts(b, ", ");
            put_leftover_element(b, f, v->bytes, v->len);
        }
        ps_strbuf_putc(b, ']');
        break;
    }
}

static void put_layer(struct ps_strbuf *b, struct ps_at at)
{
    const struct ps_layer *l = at.l;
    bool first = true;
    ps_strbuf_puts(b, l->proto->name);
    ps_strbuf_putc(b, '(');
    for (size_t fi = 0; fi < ps_nfields(l); fi++) {
        const struct ps_field *f = &l->proto->fields[fi];
        /* What the frame did not hold is left to the default, as Scapy's
         * command() leaves out the fields it does not hold. */
        if (!l->v[fi].set || (f->present && !f->present(l)))
            continue;
        if (!first)
            ps_strbuf_puts(b, ", ");
        first = false;
        ps_strbuf_puts(b, f->name);
        ps_strbuf_putc(b, '=');
        put_value(b, f, &l->v[fi]);
    }
    ps_strbuf_putc(b, ')');
}

int ps_command(const struct ps_packet *pkt, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    size_t n = pkt->n < PS_MAX_LAYERS ? pkt->n : PS_MAX_LAYERS;
    for (size_t i = 0; i < n; i++) {
        if (i)
            ps_strbuf_putc(&b, '/');
        put_layer(&b, ps_at_layer(pkt, i));
    }
    return ps_strbuf_result(&b);
}
