/* Scapy's Packet.__repr__ (scapy/packet.py): "<Class  f=v ... |payload>",
 * listing the fields the dissector stored, each by its i2repr, and leaving
 * out empty lists. */
#include "field_text.h"
#include "proto.h"

#include <string.h>

void ps_put_layer_repr_open(struct ps_strbuf *b, struct ps_at at)
{
    const struct ps_layer *l = at.l;
    ps_strbuf_putc(b, '<');
    ps_strbuf_puts(b, l->proto->name);
    ps_strbuf_putc(b, ' ');
    for (size_t fi = 0; fi < ps_nfields(l); fi++) {
        const struct ps_field *f = ps_layer_field(l, fi);
        struct ps_fval v = l->v[fi];
        struct ps_layer def_element;
        if (!ps_field_dissected(at, fi)) {
            /* A default that is a packet (DNS.qd) is copied into the fields
             * when the packet is made (Packet.do_init_cached_fields), so
             * repr() shows it though the bytes ended before it. */
            if (f->kind != PS_K_LAYERS || !f->def_sub ||
                ps_held_value(at, fi, &v, &def_element) != PS_HELD_VALUE)
                continue;
        } else if (l->proto->fields[fi].present && !l->proto->fields[fi].present(l)) {
            /* An empty_when_absent field Scapy read as b''. */
            ps_strbuf_printf(b, " %s=''", f->name);
            continue;
        }
        if (ps_value_is_empty_list(f, &v))
            continue;
        ps_strbuf_putc(b, ' ');
        ps_strbuf_puts(b, f->name);
        ps_strbuf_putc(b, '=');
        ps_put_i2repr(b, l, f, &v);
    }
    ps_strbuf_puts(b, " |");
}

bool ps_leftover_is_payload(const struct ps_fval *v)
{
    return v->nsub && v->len && v->sub[v->nsub - 1].proto->rest_is_payload;
}

void ps_leftover_layer(const struct ps_fval *v, struct ps_layer *raw)
{
    const struct ps_proto *p = ps_proto_find("Raw");
    ps_layer_init(raw, p);
    if (p && p->nfields > 0) {
        raw->v[0].set = true;
        raw->v[0].bytes = v->bytes;
        raw->v[0].len = v->len;
    }
}

void ps_put_layer_list_repr(struct ps_strbuf *b, const struct ps_fval *v)
{
    ps_strbuf_putc(b, '[');
    bool payload = ps_leftover_is_payload(v);
    for (size_t i = 0; i < v->nsub; i++) {
        if (i)
            ps_strbuf_puts(b, ", ");
        ps_put_layer_repr_open(b, ps_at_element(&v->sub[i]));
        if (!payload || i + 1 < v->nsub)
            ps_strbuf_putc(b, '>');
    }
    if (v->len) {
        struct ps_layer raw;
        ps_leftover_layer(v, &raw);
        if (v->nsub && !payload)
            ps_strbuf_puts(b, ", ");
        if (raw.proto)
            ps_put_layer_repr_open(b, ps_at_element(&raw));
        ps_strbuf_puts(b, payload ? ">>" : ">");
    }
    ps_strbuf_putc(b, ']');
}

void ps_put_layer_chain_repr(struct ps_strbuf *b, const struct ps_fval *v)
{
    size_t opened = 0;
    if (v->nsub == 0 && v->len == 0) {
        ps_strbuf_puts(b, "None");
        return;
    }
    for (size_t i = 0; i < v->nsub; i++, opened++)
        ps_put_layer_repr_open(b, ps_at_element(&v->sub[i]));
    if (v->len) {
        struct ps_layer raw;
        ps_leftover_layer(v, &raw);
        if (raw.proto) {
            ps_put_layer_repr_open(b, ps_at_element(&raw));
            opened++;
        }
    }
    while (opened--)
        ps_strbuf_putc(b, '>');
}

int ps_repr(const struct ps_packet *pkt, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    size_t n = pkt->n < PS_MAX_LAYERS ? pkt->n : PS_MAX_LAYERS;
    for (size_t i = 0; i < n; i++)
        ps_put_layer_repr_open(&b, ps_at_layer(pkt, i));
    for (size_t i = 0; i < n; i++)
        ps_strbuf_putc(&b, '>');
    return ps_strbuf_result(&b);
}
