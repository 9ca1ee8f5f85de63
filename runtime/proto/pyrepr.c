/* Python's repr() of the values Scapy's printers hand it: bytes, plain
 * strings, and (through format_value) a StrField's decoded text. */
#include "field_text.h"

static char quote_for(const uint8_t *p, size_t n)
{
    bool squote = false, dquote = false;
    for (size_t i = 0; i < n; i++) {
        squote |= p[i] == '\'';
        dquote |= p[i] == '"';
    }
    return squote && !dquote ? '"' : '\'';
}

void ps_put_pybytes(struct ps_strbuf *b, const uint8_t *p, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    char q = quote_for(p, n);
    ps_strbuf_putc(b, 'b');
    ps_strbuf_putc(b, q);
    for (size_t i = 0; i < n; i++) {
        uint8_t c = p[i];
        if (c == (uint8_t)q || c == '\\') {
            char esc[2] = {'\\', (char)c};
            ps_strbuf_putn(b, esc, 2);
        } else if (c == '\t') {
            ps_strbuf_puts(b, "\\t");
        } else if (c == '\n') {
            ps_strbuf_puts(b, "\\n");
        } else if (c == '\r') {
            ps_strbuf_puts(b, "\\r");
        } else if (c < 0x20 || c >= 0x7f) {
            char esc[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
            ps_strbuf_putn(b, esc, 4);
        } else {
            ps_strbuf_putc(b, (char)c);
        }
    }
    ps_strbuf_putc(b, q);
}

void ps_put_pystr(struct ps_strbuf *b, const char *s)
{
    ps_put_strrepr(b, (const uint8_t *)s, strlen(s));
}

void ps_put_strrepr(struct ps_strbuf *b, const uint8_t *p, size_t n)
{
    /* format_value's text of a plain StrField is exactly this repr. */
    static const struct ps_field str_field = {.name = "load", .kind = PS_K_BYTES};
    struct ps_fval v = {.set = true, .bytes = p, .len = n};
    size_t room;
    char *out = ps_strbuf_tail(b, &room);
    ps_strbuf_advance(b, ps_format_value(&str_field, &v, out, room));
}
