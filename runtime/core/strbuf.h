/* Appending text to a caller's fixed buffer with snprintf's contract: the
 * text is cut to fit (always NUL-terminated when cap > 0) while `len` keeps
 * counting what the whole text needs, so a caller can retry with more room. */
#ifndef PS_STRBUF_H
#define PS_STRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

struct ps_strbuf {
    char *p;
    size_t cap;
    size_t len;   /* length of the whole text, even past cap */
};

static inline struct ps_strbuf ps_strbuf_init(char *p, size_t cap)
{
    struct ps_strbuf b = {p, cap, 0};
    if (cap)
        p[0] = '\0';
    return b;
}

static inline void ps_strbuf_putn(struct ps_strbuf *b, const char *s, size_t n)
{
    if (b->len + 1 < b->cap) {
        size_t room = b->cap - 1 - b->len;
        size_t k = n < room ? n : room;
        memcpy(b->p + b->len, s, k);
        b->p[b->len + k] = '\0';
    }
    b->len += n;
}

static inline void ps_strbuf_puts(struct ps_strbuf *b, const char *s)
{
    ps_strbuf_putn(b, s, strlen(s));
}

static inline void ps_strbuf_putc(struct ps_strbuf *b, char c)
{
    ps_strbuf_putn(b, &c, 1);
}

__attribute__((format(printf, 2, 3)))
static inline void ps_strbuf_printf(struct ps_strbuf *b, const char *fmt, ...)
{
    char tmp[128];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof tmp) {
        ps_strbuf_putn(b, tmp, (size_t)n);
        return;
    }
    /* Longer than the scratch: format straight into the caller's room. */
    size_t room = b->len < b->cap ? b->cap - b->len : 0;
    va_start(ap, fmt);
    if (room)
        vsnprintf(b->p + b->len, room, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* Bytes as lowercase hex digits, two a byte, nothing between. */
static inline void ps_strbuf_hex(struct ps_strbuf *b, const unsigned char *p, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        char pair[2] = {hex[p[i] >> 4], hex[p[i] & 15]};
        ps_strbuf_putn(b, pair, 2);
    }
}

/* The length to report, clamped to int as snprintf's is. */
static inline int ps_strbuf_result(const struct ps_strbuf *b)
{
    return b->len > (size_t)0x7fffffff ? 0x7fffffff : (int)b->len;
}

#endif
