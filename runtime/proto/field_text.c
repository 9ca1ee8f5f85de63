/* Scapy's i2repr for each kind of field (scapy/fields.py), and the value a
 * field shows when the spec left it unset. */
#include "field_text.h"

#include <arpa/inet.h>
#include <string.h>

#include "addr.h"
#include "bind.h"
#include "unicode.h"
#include "strbuf.h"

/* Numbers and addresses by hand: summary() runs per sniffed packet, and
 * printf would be most of its time. */
static void put_dec(struct ps_strbuf *b, uint64_t u)
{
    char tmp[20];
    size_t i = sizeof tmp;
    do {
        tmp[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    ps_strbuf_putn(b, tmp + i, sizeof tmp - i);
}

static void put_hex(struct ps_strbuf *b, uint64_t u)
{
    char tmp[18];
    size_t i = sizeof tmp;
    do {
        tmp[--i] = "0123456789abcdef"[u & 15];
        u >>= 4;
    } while (u);
    tmp[--i] = 'x';
    tmp[--i] = '0';
    ps_strbuf_putn(b, tmp + i, sizeof tmp - i);
}

static void put_ip4(struct ps_strbuf *b, const uint8_t a[4])
{
    for (int i = 0; i < 4; i++) {
        if (i)
            ps_strbuf_putc(b, '.');
        put_dec(b, a[i]);
    }
}

/* str2mac: lower-case hex pairs */
static void put_mac(struct ps_strbuf *b, const uint8_t a[6])
{
    char text[17];
    for (int i = 0; i < 6; i++) {
        text[3 * i] = "0123456789abcdef"[a[i] >> 4];
        text[3 * i + 1] = "0123456789abcdef"[a[i] & 15];
        if (i < 5)
            text[3 * i + 2] = ':';
    }
    ps_strbuf_putn(b, text, sizeof text);
}

/* FlagValue.__str__: the names of the set bits, bit 0 first; '+'-joined
 * when Scapy was given a list (names that are words, or flags_list), run
 * together when a string of letters; '?' for a bit without a name. */
static void put_flags(struct ps_strbuf *b, const char *const *names, bool list, uint64_t u)
{
    size_t nnames = 0;
    bool words = list;
    while (names[nnames]) {
        if (strlen(names[nnames]) != 1)
            words = true;
        nnames++;
    }
    bool first = true;
    for (unsigned i = 0; u; i++, u >>= 1) {
        if (!(u & 1))
            continue;
        if (!first && words)
            ps_strbuf_putc(b, '+');
        ps_strbuf_puts(b, i < nnames ? names[i] : "?");
        first = false;
    }
}

static void put_uint(struct ps_strbuf *b, const struct ps_layer *l, const struct ps_field *f,
                     uint64_t u)
{
    if (f->flags) {
        put_flags(b, f->flags, f->flags_list, u);
        return;
    }
    if (f->multi) {
        /* _MultiEnumField.i2repr_one: the name for the controlling value,
         * else the number in decimal, hex field or not. */
        const char *name = l ? ps_enum_name_in(l, f, u) : NULL;
        if (name)
            ps_strbuf_puts(b, name);
        else
            put_dec(b, u);
        return;
    }
    const char *name = f->enums ? ps_enum_name(f, u) : NULL;
    if (name)
        ps_strbuf_puts(b, name);
    else if (f->hex)
        put_hex(b, u);
    else
        put_dec(b, u);
}

/* IP6Field.i2repr adds what Teredo and 6to4 addresses carry. */
static void put_ip6(struct ps_strbuf *b, const uint8_t a[16])
{
    char text[46], v4[16], v4b[16];
    ps_format_ip6(a, text);
    ps_strbuf_puts(b, text);
    if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0 && a[3] == 0) {
        uint8_t client[4];
        for (int i = 0; i < 4; i++)
            client[i] = (uint8_t)~a[12 + i];
        ps_format_ip4(a + 4, v4);
        ps_format_ip4(client, v4b);
        ps_strbuf_printf(b, " [Teredo srv: %s cli: %s:%u]", v4, v4b,
                         (unsigned)(uint16_t)~(a[10] << 8 | a[11]));
    } else if (a[0] == 0x20 && a[1] == 0x02) {
        ps_format_ip4(a + 2, v4);
        ps_strbuf_printf(b, " [6to4 GW: %s]", v4);
    }
}

/* Length of the well-formed UTF-8 sequence at p, or 0; *cp gets its code
 * point. The second-byte ranges are those Python's decoder accepts. */
static size_t utf8_seq(const uint8_t *p, size_t n, uint32_t *cp)
{
    uint8_t c = p[0];
    size_t len;
    uint8_t lo = 0x80, hi = 0xbf;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xc2 && c <= 0xdf) {
        len = 2;
        *cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        len = 3;
        *cp = c & 0x0f;
        if (c == 0xe0)
            lo = 0xa0;
        if (c == 0xed)
            hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4;
        *cp = c & 0x07;
        if (c == 0xf0)
            lo = 0x90;
        if (c == 0xf4)
            hi = 0x8f;
    } else {
        return 0;
    }
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        uint8_t d = p[i];
        if (d < (i == 1 ? lo : 0x80) || d > (i == 1 ? hi : 0xbf))
            return 0;
        *cp = *cp << 6 | (d & 0x3f);
    }
    return len;
}

/* _StrField.i2repr: repr(bytes.decode(errors="backslashreplace")). A byte
 * that is not UTF-8 becomes the four characters \xNN, whose backslash
 * repr() doubles. */
static void put_str_repr(struct ps_strbuf *b, const uint8_t *p, size_t n)
{
    bool squote = false, dquote = false;
    for (size_t i = 0; i < n; i++) {
        squote |= p[i] == '\'';
        dquote |= p[i] == '"';
    }
    char q = squote && !dquote ? '"' : '\'';
    ps_strbuf_putc(b, q);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = utf8_seq(p + i, n - i, &cp);
        if (k == 0) {
            ps_strbuf_printf(b, "\\\\x%02x", p[i]);
            i++;
            continue;
        }
        if (cp == (uint32_t)q || cp == '\\') {
            ps_strbuf_putc(b, '\\');
            ps_strbuf_putc(b, (char)cp);
        } else if (cp == '\t') {
            ps_strbuf_puts(b, "\\t");
        } else if (cp == '\n') {
            ps_strbuf_puts(b, "\\n");
        } else if (cp == '\r') {
            ps_strbuf_puts(b, "\\r");
        } else if (cp < 0x20 || cp == 0x7f) {
            ps_strbuf_printf(b, "\\x%02x", (unsigned)cp);
        } else if (cp < 0x80 || ps_unicode_printable(cp)) {
            ps_strbuf_putn(b, (const char *)p + i, k);
        } else if (cp < 0x100) {
            ps_strbuf_printf(b, "\\x%02x", (unsigned)cp);
        } else if (cp < 0x10000) {
            ps_strbuf_printf(b, "\\u%04x", (unsigned)cp);
        } else {
            ps_strbuf_printf(b, "\\U%08x", (unsigned)cp);
        }
        i += k;
    }
    ps_strbuf_putc(b, q);
}

static void put_value(struct ps_strbuf *b, const struct ps_layer *l, const struct ps_field *f,
                      const struct ps_fval *v, int depth);

/* Packet.__repr__ of a list element: "<Class  f=v ... |>" with the fields
 * it holds. */
static void put_layer_repr(struct ps_strbuf *b, const struct ps_layer *e, int depth)
{
    ps_strbuf_putc(b, '<');
    ps_strbuf_puts(b, e->proto->name);
    ps_strbuf_puts(b, "  ");
    for (size_t fi = 0; fi < e->proto->nfields && fi < PS_MAX_FIELDS; fi++) {
        const struct ps_field *f = &e->proto->fields[fi];
        if (!e->v[fi].set)
            continue;
        ps_strbuf_puts(b, f->name);
        ps_strbuf_putc(b, '=');
        put_value(b, e, f, &e->v[fi], depth + 1);
        ps_strbuf_putc(b, ' ');
    }
    ps_strbuf_puts(b, "|>");
}

static void put_value(struct ps_strbuf *b, const struct ps_layer *l, const struct ps_field *f,
                      const struct ps_fval *v, int depth)
{
    if (f->repr) {
        size_t room = b->len < b->cap ? b->cap - b->len : 0;
        int k = f->repr(v, room ? b->p + b->len : NULL, room);
        b->len += k > 0 ? (size_t)k : 0;
        if (f->unit)
            ps_strbuf_printf(b, " %s", f->unit);
        return;
    }
    switch (f->kind) {
    case PS_K_UINT:
        put_uint(b, l, f, v->u);
        break;
    case PS_K_MAC:
        put_mac(b, v->addr);
        break;
    case PS_K_IPV4:
        put_ip4(b, v->addr);
        break;
    case PS_K_IPV6:
        put_ip6(b, v->addr);
        break;
    case PS_K_BYTES:
        if (f->ipv4_list) {
            /* FieldListField.i2repr: "[a, b]" */
            ps_strbuf_putc(b, '[');
            for (size_t i = 0; i + 4 <= v->len; i += 4) {
                if (i)
                    ps_strbuf_puts(b, ", ");
                put_ip4(b, v->bytes + i);
            }
            ps_strbuf_putc(b, ']');
        } else {
            put_str_repr(b, v->bytes, v->len);
        }
        break;
    case PS_K_OPTIONS:
        /* Without the table's repr hook: the bytes, as Python shows them. */
        ps_put_pybytes(b, v->bytes, v->len);
        break;
    case PS_K_LAYERS: {
        /* PacketListField: the elements' reprs; undecoded bytes as the Raw
         * element Scapy would have made of them. */
        ps_strbuf_putc(b, '[');
        for (size_t i = 0; depth < 4 && i < v->nsub; i++) {
            if (i)
                ps_strbuf_puts(b, ", ");
            put_layer_repr(b, &v->sub[i], depth);
        }
        if (v->len) {
            ps_strbuf_puts(b, v->nsub ? ", <Raw  load=" : "<Raw  load=");
            put_str_repr(b, v->bytes, v->len);
            ps_strbuf_puts(b, " |>");
        }
        ps_strbuf_putc(b, ']');
        break;
    }
    }
}

int ps_format_value(const struct ps_field *f, const struct ps_fval *v, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    put_value(&b, NULL, f, v, 0);
    return ps_strbuf_result(&b);
}

void ps_field_value(const struct ps_packet *pkt, size_t idx, int field, struct ps_fval *out)
{
    const struct ps_layer *l = &pkt->layers[idx];
    const struct ps_field *f = ps_layer_field(l, (size_t)field);
    if (l->v[field].set) {
        *out = l->v[field];
        return;
    }
    memset(out, 0, sizeof *out);
    switch (f->kind) {
    case PS_K_UINT:
        out->u = ps_effective_uint(pkt, idx, field);
        break;
    case PS_K_MAC:
        /* The encoder's fallbacks when no interface is known. */
        if (f->from_env == PS_ENV_DST_MAC)
            memset(out->addr, 0xff, 6);
        else if (f->def_text)
            (void)ps_parse_mac(f->def_text, out->addr);
        break;
    case PS_K_IPV4:
        if (f->def_text && f->from_env == PS_ENV_NONE)
            (void)ps_parse_ip4(f->def_text, out->addr);
        break;
    case PS_K_IPV6:
        if (f->def_text && f->from_env == PS_ENV_NONE)
            (void)ps_parse_ip6(f->def_text, out->addr);
        break;
    case PS_K_BYTES:
    case PS_K_OPTIONS:
        if (f->def_text)
            out->len = ps_field_def_bytes(f, &out->bytes);
        break;
    case PS_K_LAYERS:
        break;
    }
}

bool ps_field_uint(const struct ps_packet *pkt, size_t idx, const char *name, uint64_t *out)
{
    int fi = ps_field_index(pkt->layers[idx].proto, name);
    if (fi < 0)
        return false;
    struct ps_fval v;
    ps_field_value(pkt, idx, fi, &v);
    *out = v.u;
    return true;
}

int ps_format_field(const struct ps_packet *pkt, size_t idx, const char *name, char *out,
                    size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    const struct ps_layer *l = &pkt->layers[idx];
    int fi = ps_field_index(l->proto, name);
    struct ps_fval v;
    struct ps_layer def_element;
    /* A field Scapy holds as None (an auto string the frame ended before)
     * prints as None. */
    if (fi >= 0 && ps_held_value(ps_at_layer(pkt, idx), (size_t)fi, &v, &def_element) ==
                       PS_HELD_NONE) {
        ps_strbuf_puts(&b, "None");
    } else if (fi >= 0) {
        ps_field_value(pkt, idx, fi, &v);
        put_value(&b, l, ps_layer_field(l, (size_t)fi), &v, 0);
    }
    return ps_strbuf_result(&b);
}

void ps_put_field(struct ps_strbuf *b, const struct ps_packet *pkt, size_t idx, const char *name)
{
    size_t room;
    char *at = ps_strbuf_tail(b, &room);
    ps_strbuf_advance(b, ps_format_field(pkt, idx, name, at, room));
}

void ps_put_src_dst(struct ps_strbuf *b, const struct ps_packet *pkt, size_t idx)
{
    ps_put_field(b, pkt, idx, "src");
    ps_strbuf_puts(b, " > ");
    ps_put_field(b, pkt, idx, "dst");
}

void ps_put_name_bytes(struct ps_strbuf *b, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] < 0x20 || p[i] == 0x7f)
            ps_strbuf_printf(b, "\\x%02x", p[i]);
        else
            ps_strbuf_putc(b, (char)p[i]);
    }
}

bool ps_under_is(const struct ps_packet *pkt, size_t idx, const char *name)
{
    return idx > 0 && strcmp(pkt->layers[idx - 1].proto->name, name) == 0;
}

void ps_put_src_dst_under(struct ps_strbuf *b, const struct ps_packet *pkt, size_t idx,
                          const char *under)
{
    if (ps_under_is(pkt, idx, under)) {
        ps_put_src_dst(b, pkt, idx - 1);
        ps_strbuf_puts(b, " ");
    }
}

/* Python's str() of a list of addresses held encoded, 4 or 16 bytes each:
 * "['192.0.2.1', '192.0.2.2']". */
static void put_addr_strs(struct ps_strbuf *b, const uint8_t *p, size_t n, size_t width)
{
    char text[46];
    ps_strbuf_putc(b, '[');
    for (size_t i = 0; i + width <= n; i += width) {
        if (width == 4)
            ps_format_ip4(p + i, text);
        else
            ps_format_ip6(p + i, text);
        ps_strbuf_printf(b, "%s'%s'", i ? ", " : "", text);
    }
    ps_strbuf_putc(b, ']');
}

int ps_format_str(const struct ps_field *f, const struct ps_fval *v, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    char text[46];
    switch (f->kind) {
    case PS_K_UINT:
        /* An enum's value is a plain int; only a FlagValue has a text. */
        if (f->flags)
            put_flags(&b, f->flags, f->flags_list, v->u);
        else
            put_dec(&b, v->u);
        break;
    case PS_K_MAC:
        put_mac(&b, v->addr);
        break;
    case PS_K_IPV4:
        put_ip4(&b, v->addr);
        break;
    case PS_K_IPV6:
        /* The str Scapy holds: no Teredo or 6to4 note, which is i2repr's. */
        ps_format_ip6(v->addr, text);
        ps_strbuf_puts(&b, text);
        break;
    case PS_K_BYTES:
        if (f->ipv4_list || f->ipv6_list)
            put_addr_strs(&b, v->bytes, v->len, f->ipv4_list ? 4 : 16);
        else
            ps_put_pybytes(&b, v->bytes, v->len);
        break;
    case PS_K_OPTIONS:
        /* A list of tuples, which i2repr prints as Python's str does. */
        if (v->len == 0) {
            ps_strbuf_puts(&b, "[]");
        } else if (f->repr) {
            struct ps_fval held = *v;
            held.set = true;
            put_value(&b, NULL, f, &held, 0);
        } else {
            ps_put_pybytes(&b, v->bytes, v->len);
        }
        break;
    case PS_K_LAYERS:
        /* A list of packets: its repr; a chain is a packet, whose str is its
         * summary, which the caller has the packet for. */
        ps_put_i2repr(&b, NULL, f, v);
        break;
    }
    return ps_strbuf_result(&b);
}
