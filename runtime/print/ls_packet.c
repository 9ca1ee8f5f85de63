/* Scapy's ls(pkt) (scapy/packet.py ls and _pkt_ls): for each layer, one
 * "%-10s : %-35s = %-15r (%r)" line per field with the field's class, the
 * repr of the value the packet holds and the repr of the default's repr;
 * "--" between layers. */
#include "print.h"

#include <string.h>

#include "addr.h"
#include "proto/proto.h"

/* Python's repr of the value getattr(pkt, name) gives: numbers plain, a
 * FlagValue as <Flag 2 (S)>, addresses as quoted strings, bytes as b'..',
 * lists as their items' reprs. */
static void put_python_value(struct ps_strbuf *b, const struct ps_layer *l,
                             const struct ps_field *f, const struct ps_fval *v)
{
    char text[64];
    if (f->ls_repr) {
        size_t room;
        char *out = ps_strbuf_tail(b, &room);
        ps_strbuf_advance(b, f->ls_repr(v, out, room));
        return;
    }
    switch (f->kind) {
    case PS_K_UINT:
        if (f->flags) {
            ps_strbuf_printf(b, "<Flag %llu (", (unsigned long long)v->u);
            ps_put_i2repr(b, l, f, v);
            ps_strbuf_puts(b, ")>");
        } else if (f->unit) {
            /* ScalingField.m2i: the number, without the unit of its i2repr. */
            f->repr(v, text, sizeof text);
            ps_strbuf_puts(b, text);
        } else if (f->scale && f->dec_text) {
            /* FixedPointField.i2h: an EDecimal, whose repr says Decimal. */
            char dec[64];
            f->dec_text(v, dec, sizeof dec);
            ps_strbuf_printf(b, "Decimal('%s')", dec);
        } else if (f->scale) {
            /* BCDFloatField.m2i: a float, which its i2repr prints. */
            ps_put_i2repr(b, l, f, v);
        } else {
            ps_strbuf_printf(b, "%llu", (unsigned long long)v->u);
        }
        return;
    case PS_K_MAC:
        ps_format_mac(v->addr, text);
        ps_strbuf_printf(b, "'%s'", text);
        return;
    case PS_K_IPV4:
        ps_format_ip4(v->addr, text);
        ps_strbuf_printf(b, "'%s'", text);
        return;
    case PS_K_IPV6:
        ps_format_ip6(v->addr, text);
        ps_strbuf_printf(b, "'%s'", text);
        return;
    case PS_K_BYTES:
        if (f->ipv4_list) {
            ps_strbuf_putc(b, '[');
            for (size_t i = 0; i + 4 <= v->len; i += 4) {
                ps_format_ip4(v->bytes + i, text);
                ps_strbuf_printf(b, "%s'%s'", i ? ", " : "", text);
            }
            ps_strbuf_putc(b, ']');
        } else if (f->ipv6_list) {
            ps_strbuf_putc(b, '[');
            for (size_t i = 0; i + 16 <= v->len; i += 16) {
                ps_format_ip6(v->bytes + i, text);
                ps_strbuf_printf(b, "%s'%s'", i ? ", " : "", text);
            }
            ps_strbuf_putc(b, ']');
        } else if (f->byte_list) {
            ps_strbuf_putc(b, '[');
            for (size_t i = 0; i < v->len; i++)
                ps_strbuf_printf(b, "%s%u", i ? ", " : "", v->bytes[i]);
            ps_strbuf_putc(b, ']');
        } else if (f->value_of && f >= l->proto->fields &&
                   f < l->proto->fields + l->proto->nfields) {
            /* What the field holds is not Scapy's value (a NetBIOS name
             * as it is on the wire): the value it stands for. */
            uint8_t buf[1024];
            struct ps_fval val;
            if (f->value_of(l, (size_t)(f - l->proto->fields), v, &val, buf, sizeof buf) ==
                PS_K_BYTES)
                ps_put_pybytes(b, val.bytes, val.len);
            else
                ps_put_pybytes(b, v->bytes, v->len);
        } else {
            ps_put_pybytes(b, v->bytes, v->len);
        }
        return;
    case PS_K_OPTIONS:
        /* A codec's list (DHCP's, a StrField): b'' when empty, else the
         * list m2i read. */
        if (f->optcodec) {
            char text[4096];
            if (v->len == 0)
                ps_put_pybytes(b, v->bytes, 0);
            else if (f->optcodec->pyrepr(v, text, sizeof text) >= 0)
                ps_strbuf_puts(b, text);
            return;
        }
        /* TCPOptionsField.i2h makes an empty value []. */
        if (v->len == 0) {
            ps_strbuf_puts(b, "[]");
            return;
        }
        ps_put_i2repr(b, l, f, v);
        return;
    case PS_K_LAYERS:
        /* Its i2repr is already Python's repr of the list. */
        ps_put_i2repr(b, l, f, v);
        return;
    }
}

/* _pkt_ls's class column: the class name, a space, then its extras; a
 * MultiEnumField names the value it depends on in this packet. */
static void put_class(struct ps_strbuf *b, const struct ps_layer *l, const struct ps_field *f)
{
    const char *type = f->ls_type ? f->ls_type : "";
    if (f->multi && strstr(type, " (Depends on")) {
        const char *cut = strstr(type, " (Depends on");
        size_t n = cut ? (size_t)(cut - type) : strlen(type);
        ps_strbuf_putn(b, type, n);
        ps_strbuf_printf(b, " (Depends on %llu)", (unsigned long long)ps_layer_uint(l, f->multi_on));
        return;
    }
    ps_strbuf_puts(b, type);
    if (!strchr(type, ' '))
        ps_strbuf_putc(b, ' ');
}

/* Left-justifies what put wrote since `from` to `width` columns. */
static void pad_from(struct ps_strbuf *b, size_t from, size_t width)
{
    for (size_t n = b->len - from; n < width; n++)
        ps_strbuf_putc(b, ' ');
}

static void ls_layer(struct ps_strbuf *b, struct ps_at at)
{
    const struct ps_layer *l = at.l;
    for (size_t fi = 0; fi < ps_nfields(l); fi++) {
        const struct ps_field *f = ps_layer_field(l, fi);
        size_t from = b->len;
        ps_strbuf_puts(b, f->name);
        pad_from(b, from, 10);
        ps_strbuf_puts(b, " : ");
        from = b->len;
        put_class(b, l, f);
        pad_from(b, from, 35);
        ps_strbuf_puts(b, " = ");
        from = b->len;
        struct ps_fval v;
        struct ps_layer def_element;
        switch (ps_held_value(at, fi, &v, &def_element)) {
        case PS_HELD_ABSENT:
        case PS_HELD_NONE:
            ps_strbuf_puts(b, "None");
            break;
        case PS_HELD_EMPTY:
            ps_strbuf_puts(b, "b''");
            break;
        case PS_HELD_VALUE:
            put_python_value(b, l, f, &v);
            break;
        }
        pad_from(b, from, 15);
        ps_strbuf_puts(b, " (");
        if (f->ls_default) {
            ps_put_pystr(b, f->ls_default);
        } else {
            char now[24];
            snprintf(now, sizeof now, "%llu",
                     (unsigned long long)(f->def_now ? f->def_now() : f->def));
            ps_put_pystr(b, now);
        }
        ps_strbuf_puts(b, ")\n");
    }
}

int ps_ls_packet(const struct ps_packet *pkt, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    size_t n = pkt->n < PS_MAX_LAYERS ? pkt->n : PS_MAX_LAYERS;
    for (size_t i = 0; i < n; i++) {
        if (i)
            ps_strbuf_puts(&b, "--\n");
        ls_layer(&b, ps_at_layer(pkt, i));
    }
    return ps_strbuf_result(&b);
}
