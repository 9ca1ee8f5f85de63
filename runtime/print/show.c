/* Scapy's show() (scapy/packet.py _show_or_dump), character for character:
 * each layer's "###[ name ]### " header (with the trailing space), its
 * fields as "  name      = i2repr" (the name left-justified to 10) after
 * 3 spaces per layer of depth, a layer list as "  \name   \" followed by
 * its elements with "   |" added to their label, and the blank line
 * print() adds after the text. */
#include "print.h"

#include <string.h>

/* Scapy's indent (3) times show_indent (1 for every layer here). */
#define INDENT 3

static void put_spaces(struct ps_strbuf *b, size_t n)
{
    static const char spaces[] = "                                ";
    while (n > 0) {
        size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
        ps_strbuf_putn(b, spaces, k);
        n -= k;
    }
}

/* The field name and the padding to 10 columns. */
static void put_name(struct ps_strbuf *b, const char *name)
{
    size_t len = strlen(name);
    ps_strbuf_putn(b, name, len);
    put_spaces(b, len < 10 ? 10 - len : 0);
}

static void show_layer(struct ps_strbuf *b, struct ps_at at, const char *label, size_t lvl);

/* A list's elements, labelled with the field's prefix and "   |". A
 * chain's layers (ps_field.chain) print the same: each is the payload of
 * the one before, indented by those before it but DNSQR and DNSRR, which
 * have a show_indent of 0 (ps_proto.show_flat). */
static void show_list(struct ps_strbuf *b, const struct ps_field *f, const struct ps_fval *v,
                      const char *label, size_t lvl)
{
    char sub[PS_MAX_LAYERS * INDENT + 64];
    snprintf(sub, sizeof sub, "%s%*s   |", label, (int)lvl, "");
    /* A nested list's elements are payloads: each one INDENT deeper; so
     * are a chain's, but for the records that do not indent (show_flat). */
    size_t in = 0;
    for (size_t i = 0; i < v->nsub; i++) {
        show_layer(b, ps_at_element(&v->sub[i]), sub, in);
        if (f->nested || (f->chain && !v->sub[i].proto->show_flat))
            in += INDENT;
    }
    if (v->len) {
        struct ps_layer raw;
        ps_leftover_layer(v, &raw);
        if (raw.proto)
            show_layer(b, ps_at_element(&raw), sub,
                       f->nested || f->chain ? in : ps_leftover_is_payload(v) ? INDENT : 0);
    }
}

static void show_layer(struct ps_strbuf *b, struct ps_at at, const char *label, size_t lvl)
{
    const struct ps_layer *l = at.l;
    ps_strbuf_puts(b, label);
    ps_strbuf_puts(b, "###[ ");
    ps_strbuf_puts(b, l->proto->long_name);
    ps_strbuf_puts(b, " ]### \n");
    for (size_t fi = 0; fi < ps_nfields(l); fi++) {
        const struct ps_field *f = ps_layer_field(l, fi);
        struct ps_fval v;
        struct ps_layer def_element;
        enum ps_held held = ps_held_value(at, fi, &v, &def_element);
        if (held == PS_HELD_ABSENT)
            continue;
        ps_strbuf_puts(b, label);
        put_spaces(b, lvl);
        bool none_chain = f->kind == PS_K_LAYERS && f->chain &&
                          (held != PS_HELD_VALUE || (v.nsub == 0 && v.len == 0));
        if (f->kind == PS_K_LAYERS && !none_chain) {
            ps_strbuf_puts(b, "  \\");
            put_name(b, f->name);
            ps_strbuf_puts(b, "\\\n");
            if (held == PS_HELD_VALUE)
                show_list(b, f, &v, label, lvl);
            continue;
        }
        ps_strbuf_puts(b, "  ");
        put_name(b, f->name);
        ps_strbuf_puts(b, "= ");
        /* A chain whose default is a string (def_text: RADIUS's EAP-Message
         * value), not None, shows it when it holds nothing. */
        if (held == PS_HELD_EMPTY || (none_chain && f->def_text))
            ps_strbuf_puts(b, "''");
        else if (held == PS_HELD_NONE && f->none_text)
            ps_strbuf_puts(b, f->none_text);
        else if (held == PS_HELD_NONE || none_chain)
            ps_strbuf_puts(b, "None");
        else
            ps_put_i2repr(b, l, f, &v);
        ps_strbuf_putc(b, '\n');
    }
}

int ps_show(const struct ps_packet *pkt, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    size_t n = pkt->n < PS_MAX_LAYERS ? pkt->n : PS_MAX_LAYERS;
    /* Each payload is indented deeper, but after a layer whose show_indent
     * is 0 (Dot11Elt's). */
    for (size_t i = 0, lvl = 0; i < n; i++) {
        show_layer(&b, ps_at_layer(pkt, i), "", lvl);
        if (!pkt->layers[i].proto->show_flat)
            lvl += INDENT;
    }
    ps_strbuf_putc(&b, '\n');
    return ps_strbuf_result(&b);
}
