/* A pktspec expression that rebuilds a decoded packet byte for byte (the
 * spec-syntax counterpart of Scapy's command()): every field the frame
 * held is given, so no auto rule or binding changes a byte. A layer the
 * frame cut short cannot be given by its fields (the missing ones would
 * take defaults): it is given as the Raw layer of the bytes it held. */
#include "print.h"
#include "proto/tcp_options.h"

#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "encode.h"
#include "proto/proto.h"

/* x"..": bytes as hex. */
static void put_hex_bytes(struct ps_strbuf *b, const uint8_t *p, size_t n)
{
    ps_strbuf_puts(b, "x\"");
    ps_strbuf_hex(b, p, n);
    ps_strbuf_putc(b, '"');
}

/* A string literal when every byte reads as text, else x"..". */
static void put_bytes_literal(struct ps_strbuf *b, const uint8_t *p, size_t n)
{
    bool text = true;
    for (size_t i = 0; i < n && text; i++)
        text = (p[i] >= 0x20 && p[i] < 0x7f) || p[i] == '\n' || p[i] == '\r' || p[i] == '\t';
    if (!text) {
        put_hex_bytes(b, p, n);
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

static void put_layer(struct ps_strbuf *b, const struct ps_layer *l);

/* The length a string of l has whatever it holds (ps_field.bits or
 * len_from), or false. */
static bool fixed_len(const struct ps_layer *l, const struct ps_field *f, size_t *n)
{
    *n = f->bits / 8u;
    return f->kind == PS_K_BYTES && (f->bits || (f->len_from && f->len_from(l, n)));
}

/* Whether an unset field would write bytes of its own (a list or string
 * whose default is empty writes none: a frame may end before it). */
static bool default_takes_bytes(const struct ps_layer *l, const struct ps_field *f)
{
    size_t n;
    switch (f->kind) {
    case PS_K_UINT:
        return (f->bits_for ? f->bits_for(l) : f->bits) > 0;
    case PS_K_BYTES:
    case PS_K_OPTIONS:
        if (fixed_len(l, f, &n))
            return n > 0;
        return f->def_text && (f->def_len || *f->def_text);
    case PS_K_LAYERS:
        /* One with a default element (DNS.qd) is given as [] instead. */
        return false;
    default:
        return true;
    }
}

/* Whether the frame ended before one of l's fields (Scapy's dissector
 * stopped there): such a layer cannot be given field by field. */
static bool cut_short(const struct ps_layer *l)
{
    for (size_t fi = 0; fi < ps_nfields(l); fi++) {
        const struct ps_field *f = &l->proto->fields[fi];
        if (f->present && !f->present(l))
            continue;
        f = ps_layer_field(l, fi);
        if (!l->v[fi].set && default_takes_bytes(l, f))
            return true;
        /* Bytes the encoder would pad or fill: the frame ended inside. */
        size_t fixed;
        /* (A bytes field's pad_to, Scapy's PadField, pads a value read whole.) */
        if (l->v[fi].set && f->kind != PS_K_UINT && f->kind != PS_K_LAYERS &&
            ((f->pad_to && f->kind != PS_K_BYTES && l->v[fi].len % f->pad_to) ||
             (fixed_len(l, f, &fixed) && l->v[fi].len < fixed)))
            return true;
        if (f->kind == PS_K_LAYERS && l->v[fi].set)
            for (size_t k = 0; k < l->v[fi].nsub; k++)
                if (cut_short(&l->v[fi].sub[k]))
                    return true;
        /* A string the frame ended in before its NUL. */
        if (f->nul_terminated && l->v[fi].set && l->v[fi].u)
            return true;
    }
    return false;
}

/* Bits the fields l held take on the wire, up to the first it did not. */
static size_t held_bits(const struct ps_layer *l)
{
    size_t bit = 0;
    for (size_t fi = 0; fi < ps_nfields(l); fi++) {
        const struct ps_field *f = &l->proto->fields[fi];
        const struct ps_fval *v = &l->v[fi];
        if (f->present && !f->present(l))
            continue;
        if (!v->set)
            break;
        f = ps_layer_field(l, fi);
        if (f->kind == PS_K_UINT) {
            bit += f->bits_for ? f->bits_for(l) : f->bits;
            continue;
        }
        bit = (bit + 7) / 8 * 8;
        /* An address with a wire form of its own (EDNS0ClientSubnet's,
         * without its trailing zero bytes). */
        long own = (f->kind == PS_K_IPV4 || f->kind == PS_K_IPV6) && f->encode
                       ? f->encode(l, v, NULL, 0)
                       : -1;
        if (own >= 0) {
            bit += (size_t)own * 8;
            continue;
        }
        switch (f->kind) {
        case PS_K_MAC: bit += 48; break;
        case PS_K_IPV4: bit += 32; break;
        case PS_K_IPV6: bit += 128; break;
        case PS_K_LAYERS:
            for (size_t k = 0; k < v->nsub; k++)
                bit += (held_bits(&v->sub[k]) + 7) / 8 * 8;
            bit += v->len * 8;
            break;
        default: bit += (v->len + (f->nul_terminated && !v->u)) * 8; break;
        }
    }
    return bit;
}

/* The bytes layer l was dissected from: the encoder's text of it alone,
 * cut where its fields end. -1 when there is no memory. */
static long held_bytes(const struct ps_layer *l, uint8_t *out, size_t cap)
{
    /* Only a layer the frame cut short comes here: the heap is fine. */
    struct ps_packet *one = malloc(sizeof *one);
    uint8_t *frame = malloc(PS_MAX_FRAME);
    long n = -1;
    if (one && frame) {
        one->n = 1;
        one->layers[0] = *l;
        long all = ps_encode(one, NULL, frame, PS_MAX_FRAME, NULL);
        size_t held = (held_bits(l) + 7) / 8;
        if (all >= 0 && held <= (size_t)all && held <= cap) {
            memcpy(out, frame, held);
            n = (long)held;
        }
    }
    free(one);
    free(frame);
    return n;
}

/* A layer list with an element cut short, or bytes no element took, is
 * given as its bytes. */
static void put_layer_list_bytes(struct ps_strbuf *b, const struct ps_fval *v)
{
    uint8_t bytes[PS_MAX_FRAME > 4096 ? 4096 : PS_MAX_FRAME];
    size_t len = 0;
    for (size_t k = 0; k < v->nsub; k++) {
        long n = held_bytes(&v->sub[k], bytes + len, sizeof bytes - len);
        len += n > 0 ? (size_t)n : 0;
    }
    if (v->len && v->len <= sizeof bytes - len) {
        memcpy(bytes + len, v->bytes, v->len);
        len += v->len;
    }
    put_hex_bytes(b, bytes, len);
}

/* u / 2**k as its exact decimal text, quoted: "0.0170593262" (the
 * language has no floats; a scaled field reads the text back exactly). */
static void put_exact_fraction(struct ps_strbuf *b, uint64_t u, unsigned k)
{
    unsigned __int128 x = u & ((1ull << k) - 1);
    for (unsigned i = 0; i < k; i++)
        x *= 5;
    char digits[48];
    for (unsigned i = k; i-- > 0;) {
        digits[i] = (char)('0' + (int)(x % 10));
        x /= 10;
    }
    unsigned n = k;
    while (n > 1 && digits[n - 1] == '0')
        n--;
    ps_strbuf_printf(b, "\"%llu.%.*s\"", (unsigned long long)(u >> k), (int)n, digits);
}

static void put_value(struct ps_strbuf *b, const struct ps_field *f, const struct ps_fval *v)
{
    char text[64];
    switch (f->kind) {
    case PS_K_UINT:
        if (f->scale && v->u % f->scale == 0) {
            ps_strbuf_printf(b, "%llu", (unsigned long long)(v->u / f->scale));
        } else if (f->scale_held_raw) {
            put_exact_fraction(b, v->u, (unsigned)__builtin_ctzll(f->scale));
        } else if (f->scale) {
            /* No floats in the language: a fraction is given as its text. */
            f->repr(v, text, sizeof text);
            ps_strbuf_printf(b, "\"%s\"", text);
        } else if (f->hex || f->flags)
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
        /* A list the spec can write only when it holds whole addresses. */
        if (v->len % (f->ipv6_list ? 16 : 4) != 0 || !ps_put_addr_list(b, f, v, false))
            put_bytes_literal(b, v->bytes, v->len);
        break;
    case PS_K_OPTIONS:
        /* A codec's list (DHCP's) takes its bytes as they are. */
        if (f->optcodec)
            put_hex_bytes(b, v->bytes, v->len);
        else
            put_tcp_options(b, v);
        break;
    case PS_K_LAYERS: {
        bool whole = v->len == 0;
        /* An element not of the list's class (RADIUS's EAP-Message holds a
         * long EAP packet as Raw) cannot be given as a layer either. */
        for (size_t i = 0; i < v->nsub && whole; i++)
            whole = !cut_short(&v->sub[i]) && v->sub[i].proto->klass && f->sub_class &&
                    strcmp(v->sub[i].proto->klass, f->sub_class) == 0;
        if (!whole) {
            put_layer_list_bytes(b, v);
            break;
        }
        ps_strbuf_putc(b, '[');
        for (size_t i = 0; i < v->nsub; i++) {
            if (i)
                ps_strbuf_puts(b, ", ");
            put_layer(b, &v->sub[i]);
        }
        ps_strbuf_putc(b, ']');
        break;
    }
    }
}

/* A field's value in the form a spec gives it (see ps_field.given_form). */
static void put_given(struct ps_strbuf *b, const struct ps_layer *l, const struct ps_field *f,
                      const struct ps_fval *v)
{
    struct ps_fval given;
    uint8_t *buf = f->given_form && v->len ? malloc(v->len) : NULL;
    if (buf && f->given_form(l, v, &given, buf, v->len))
        v = &given;
    /* Several strings or numbers a list holds as one value (a TXT record's). */
    struct ps_fval items[256];
    long n = v != &given && f->list_items ? f->list_items(l, v, items, 256) : -1;
    if (n >= 0) {
        ps_strbuf_putc(b, '[');
        for (long i = 0; i < n; i++) {
            if (i)
                ps_strbuf_puts(b, ", ");
            if (items[i].bytes)
                put_bytes_literal(b, items[i].bytes, items[i].len);
            else /* a number (DHCPv6's option codes) */
                ps_strbuf_printf(b, "%llu", (unsigned long long)items[i].u);
        }
        ps_strbuf_putc(b, ']');
    } else {
        put_value(b, f, v);
    }
    free(buf);
}

static void put_layer(struct ps_strbuf *b, const struct ps_layer *l)
{
    bool first = true;
    if (cut_short(l)) {
        /* What it held, as the Raw layer that writes those bytes back. */
        uint8_t *bytes = malloc(PS_MAX_FRAME);
        long n = bytes ? held_bytes(l, bytes, PS_MAX_FRAME) : -1;
        if (n >= 0) {
            ps_strbuf_puts(b, "Raw(load=");
            put_bytes_literal(b, bytes, (size_t)n);
            ps_strbuf_putc(b, ')');
            free(bytes);
            return;
        }
        free(bytes);
    }
    ps_strbuf_puts(b, l->proto->name);
    ps_strbuf_putc(b, '(');
    for (size_t fi = 0; fi < ps_nfields(l); fi++) {
        const struct ps_field *f = &l->proto->fields[fi];
        if (f->present && !f->present(l))
            continue;
        /* A list the frame ended before, whose default is an element
         * (DNS.qd), is given empty so that no element is written. */
        bool empty_list = !l->v[fi].set && f->kind == PS_K_LAYERS && f->def_sub;
        if (!l->v[fi].set && !empty_list)
            continue;
        if (!first)
            ps_strbuf_puts(b, ", ");
        first = false;
        ps_strbuf_puts(b, f->name);
        ps_strbuf_putc(b, '=');
        if (empty_list)
            ps_strbuf_puts(b, "[]");
        else
            put_given(b, l, ps_layer_field(l, fi), &l->v[fi]);
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
        put_layer(&b, &pkt->layers[i]);
    }
    return ps_strbuf_result(&b);
}
