/* TCP options as Scapy 2.5.0's TCPOptionsField.m2i reads them
 * (scapy/layers/inet.py), and its i2repr: Python's repr of that list. */
#include <string.h>

#include "field_text.h"
#include "tcp_options.h"

/* How m2i unpacks a value: TCPOptions' struct format. */
enum unpack {
    UNPACK_NONE,  /* format None: the bytes as they are */
    UNPACK_INTS,  /* big-endian integers of these widths, when the sizes add up */
    UNPACK_SACK,  /* "!" + "%iI" % (len // 4): integers when len is a multiple of 4 */
    UNPACK_PSTR,  /* "!p": one byte gives the Pascal string b'' */
    UNPACK_AO,    /* TCPAOValue(bytes) */
};

struct optfmt {
    uint8_t kind;
    const char *name;
    enum unpack how;
    uint8_t widths[2]; /* UNPACK_INTS */
    uint8_t nwidths;
};

/* TCPOptions[0]; "16s" (MD5) unpacks to the same bytes, so it is NONE. */
static const struct optfmt formats[] = {
    {0, "EOL", UNPACK_NONE, {0}, 0},
    {1, "NOP", UNPACK_NONE, {0}, 0},
    {2, "MSS", UNPACK_INTS, {2}, 1},
    {3, "WScale", UNPACK_INTS, {1}, 1},
    {4, "SAckOK", UNPACK_NONE, {0}, 0},
    {5, "SAck", UNPACK_SACK, {0}, 0},
    {8, "Timestamp", UNPACK_INTS, {4, 4}, 2},
    {14, "AltChkSum", UNPACK_INTS, {1, 2}, 2},
    {15, "AltChkSumOpt", UNPACK_NONE, {0}, 0},
    {19, "MD5", UNPACK_NONE, {0}, 0},
    {25, "Mood", UNPACK_PSTR, {0}, 0},
    {28, "UTO", UNPACK_INTS, {2}, 1},
    {29, "AO", UNPACK_AO, {0}, 0},
    {34, "TFO", UNPACK_INTS, {4, 4}, 2},
};

static const struct optfmt *format_of(unsigned kind)
{
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (formats[i].kind == kind)
            return &formats[i];
    return NULL;
}

static uint64_t get_be(const uint8_t *p, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v = v << 8 | p[i];
    return v;
}

static void unpack(const struct optfmt *f, struct ps_tcpopt_view *o)
{
    size_t size = 0;
    o->shape = PS_TO_BYTES;
    switch (f->how) {
    case UNPACK_NONE:
        break;
    case UNPACK_INTS:
        for (size_t i = 0; i < f->nwidths; i++)
            size += f->widths[i];
        if (size != o->len)
            break;
        for (size_t i = 0, at = 0; i < f->nwidths; at += f->widths[i], i++)
            o->ints[o->nints++] = get_be(o->bytes + at, f->widths[i]);
        o->shape = PS_TO_INTS;
        break;
    case UNPACK_SACK:
        if (o->len % 4 || o->len / 4 > sizeof o->ints / sizeof o->ints[0])
            break;
        for (size_t at = 0; at < o->len; at += 4)
            o->ints[o->nints++] = get_be(o->bytes + at, 4);
        o->shape = PS_TO_INTS;
        break;
    case UNPACK_PSTR:
        if (o->len == 1)
            o->shape = PS_TO_PSTRING;
        break;
    case UNPACK_AO:
        o->shape = PS_TO_AO;
        break;
    }
}

bool ps_tcp_option_next(const uint8_t **p, size_t *n, struct ps_tcpopt_view *o)
{
    const uint8_t *x = *p;
    size_t left = *n;
    if (left == 0)
        return false;
    memset(o, 0, sizeof *o);
    o->kind = x[0];
    o->start = x;
    if (o->kind == 0 || o->kind == 1) {
        o->name = o->kind ? "NOP" : "EOL";
        o->shape = PS_TO_NONE;
        o->size = 1;
        /* m2i stops at EOL: what follows is not read. */
        *p = o->kind ? x + 1 : x + left;
        *n = o->kind ? left - 1 : 0;
        return true;
    }
    /* The announced length, 2 when missing or below 2; the value is what
     * of it the bytes hold. */
    size_t olen = left > 1 ? x[1] : 0;
    if (olen < 2)
        olen = 2;
    o->size = olen < left ? olen : left;
    o->bytes = x + (left > 2 ? 2 : left);
    o->len = o->size > 2 ? o->size - 2 : 0;
    const struct optfmt *f = format_of(o->kind);
    if (f) {
        o->name = f->name;
        unpack(f, o);
    } else {
        o->shape = PS_TO_BYTES;
    }
    *p = x + o->size;
    *n = left - o->size;
    return true;
}

/* repr(TCPAOValue(value)): keyid, rnextkeyid, then mac takes the rest;
 * Scapy's dissector stops where the bytes do. */
static void put_ao_repr(struct ps_strbuf *b, const uint8_t *v, size_t n)
{
    ps_strbuf_puts(b, "<TCPAOValue ");
    if (n >= 1)
        ps_strbuf_printf(b, " keyid=%u", v[0]);
    if (n >= 2)
        ps_strbuf_printf(b, " rnextkeyid=%u", v[1]);
    if (n >= 3) {
        ps_strbuf_puts(b, " mac=");
        ps_put_strrepr(b, v + 2, n - 2);
    }
    ps_strbuf_puts(b, " |>");
}

static void put_option_repr(struct ps_strbuf *b, const struct ps_tcpopt_view *o)
{
    ps_strbuf_putc(b, '(');
    if (o->name)
        ps_strbuf_printf(b, "'%s', ", o->name);
    else
        ps_strbuf_printf(b, "%u, ", o->kind);
    switch (o->shape) {
    case PS_TO_NONE:
        ps_strbuf_puts(b, "None");
        break;
    case PS_TO_INTS:
        if (o->nints != 1)
            ps_strbuf_putc(b, '(');
        for (size_t i = 0; i < o->nints; i++)
            ps_strbuf_printf(b, "%s%llu", i ? ", " : "", (unsigned long long)o->ints[i]);
        if (o->nints != 1)
            ps_strbuf_putc(b, ')');
        break;
    case PS_TO_BYTES:
        ps_put_pybytes(b, o->bytes, o->len);
        break;
    case PS_TO_PSTRING:
        ps_strbuf_puts(b, "b''");
        break;
    case PS_TO_AO:
        put_ao_repr(b, o->bytes, o->len);
        break;
    }
    ps_strbuf_putc(b, ')');
}

int ps_tcp_options_repr(const struct ps_fval *v, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    if (!v->set) {
        /* Not dissected: the default b'', which StrField.i2repr prints as a
         * str. */
        ps_put_strrepr(&b, v->bytes, v->bytes ? v->len : 0);
        return ps_strbuf_result(&b);
    }
    const uint8_t *p = v->bytes;
    size_t n = v->bytes ? v->len : 0;
    struct ps_tcpopt_view o;
    ps_strbuf_putc(&b, '[');
    for (bool first = true; ps_tcp_option_next(&p, &n, &o); first = false) {
        if (!first)
            ps_strbuf_puts(&b, ", ");
        put_option_repr(&b, &o);
    }
    ps_strbuf_putc(&b, ']');
    return ps_strbuf_result(&b);
}
