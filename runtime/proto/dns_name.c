/* DNS names: Scapy 2.5's dns_get_str (with its quirks: indexes taken
 * 12 bytes into the message, Python's negative indexes, a loop guard on
 * pointers seen before), dns_encode, and the views dissected fields hold. */
#include "dns_name.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Python's s[a:b] on a buffer of n bytes, as [*lo, *hi). */
static void py_slice(long n, long a, long b, long *lo, long *hi)
{
    if (a < 0)
        a = a + n < 0 ? 0 : a + n;
    if (b < 0)
        b = b + n < 0 ? 0 : b + n;
    *lo = a > n ? n : a;
    *hi = b > n ? n : b;
}

static void put_text(uint8_t *text, size_t cap, size_t *len, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++, (*len)++)
        if (text && *len < cap)
            text[*len] = p[i];
}

void ps_dns_get_str(const uint8_t *s, size_t slen, size_t start, size_t bound, uint8_t *text,
                    size_t cap, struct ps_dns_name *out)
{
    /* First the name's own bytes, s[start..bound), indexed from start; once
     * a pointer is followed, the whole area, where a pointer P means index
     * P - 12 and a negative index counts from the end, as in Python. */
    const uint8_t *buf = s + (start < slen ? start : slen);
    long max = bound > start && start < slen ? (long)((bound < slen ? bound : slen) - start) : 0;
    long ptr = 0, after = -1;
    long seen[PS_DNS_MAX_JUMPS];
    size_t njumps = 0, tl = 0;
    static const uint8_t dot = '.';

    for (;;) {
        if (labs(ptr) >= max || tl >= PS_DNS_NAME_MAX)
            break;
        uint8_t cur = buf[ptr >= 0 ? ptr : max + ptr];
        ptr++;
        if (cur & 0xc0) {
            if (after < 0)
                after = ptr + 1;
            if (ptr >= max)
                break; /* "DNS incomplete jump token" */
            long target = ((long)(cur & 0x3f) << 8) + buf[ptr >= 0 ? ptr : max + ptr] - 12;
            bool again = njumps == PS_DNS_MAX_JUMPS;
            for (size_t k = 0; k < njumps && !again; k++)
                again = seen[k] == target;
            if (again)
                break; /* "DNS decompression loop detected" */
            seen[njumps++] = target;
            buf = s;
            max = (long)slen;
            ptr = target;
            continue;
        }
        if (cur == 0)
            break;
        long lo, hi;
        py_slice(max, ptr, ptr + cur, &lo, &hi);
        if (hi > lo)
            put_text(text, cap, &tl, buf + lo, (size_t)(hi - lo));
        put_text(text, cap, &tl, &dot, 1);
        ptr += cur;
    }
    out->end = start + (size_t)(after >= 0 ? after : ptr > 0 ? ptr : 0);
    out->compressed = njumps != 0;
    out->text_len = tl < cap ? tl : cap;
}

/* The view's mark, in the otherwise unused addr of a bytes value:
 * [0..3] the area's length, [4..7] the bound, [8] the shape, [12..15] a tag. */
static const uint8_t view_tag[4] = {'D', 'N', 'S', 0xa5};

static void put32(uint8_t *p, size_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static size_t get32(const uint8_t *p)
{
    return (size_t)p[0] << 24 | (size_t)p[1] << 16 | (size_t)p[2] << 8 | p[3];
}

void ps_dns_view(struct ps_fval *v, const uint8_t *s, size_t slen, size_t start, size_t end,
                 size_t bound, enum ps_dns_shape shape)
{
    if (start > slen)
        start = slen;
    if (end > slen)
        end = slen;
    v->bytes = s + start;
    v->len = end > start ? end - start : 0;
    v->u = start;
    memset(v->addr, 0, sizeof v->addr);
    put32(v->addr, slen);
    put32(v->addr + 4, bound > slen ? slen : bound);
    v->addr[8] = (uint8_t)shape;
    memcpy(v->addr + 12, view_tag, 4);
}

bool ps_dns_is_view(const struct ps_fval *v, enum ps_dns_shape *shape)
{
    if (!v->set || !v->bytes || memcmp(v->addr + 12, view_tag, 4) != 0)
        return false;
    if (shape)
        *shape = (enum ps_dns_shape)v->addr[8];
    return true;
}

/* _is_ptr: no dot, and a final 0 or a pointer at the end. */
static bool looks_encoded(const uint8_t *x, size_t n)
{
    if (memchr(x, '.', n))
        return false;
    return (n && x[n - 1] == 0) || (n >= 2 && (x[n - 2] & 0xc0) == 0xc0);
}

size_t ps_dns_name_text(const struct ps_fval *v, uint8_t *text)
{
    enum ps_dns_shape shape;
    size_t n;
    bool assigned = true;
    if (ps_dns_is_view(v, &shape)) {
        struct ps_dns_name name;
        const uint8_t *s = v->bytes - v->u;
        ps_dns_get_str(s, get32(v->addr), v->u, get32(v->addr + 4), text, PS_DNS_NAME_MAX,
                       &name);
        n = name.text_len;
        assigned = shape == PS_DNS_QNAME;
        if (!assigned)
            return n;
    } else {
        n = v->set && v->bytes ? (v->len < PS_DNS_NAME_MAX ? v->len : PS_DNS_NAME_MAX) : 0;
        if (n)
            memcpy(text, v->bytes, n);
    }
    /* DNSStrField.h2i, which assigning a value goes through: the root is
     * ".", and a name gets its final dot. */
    if (n == 0) {
        text[0] = '.';
        return 1;
    }
    if (text[n - 1] != '.' && !looks_encoded(text, n) && n < PS_DNS_NAME_MAX)
        text[n++] = '.';
    return n;
}

/* Appends n bytes at *at (only counting when out is NULL); *last keeps
 * the last byte written. */
static bool put_out(uint8_t *out, size_t cap, size_t *at, const uint8_t *p, size_t n,
                    uint8_t *last)
{
    if (out && *at + n > cap)
        return false;
    if (out && n)
        memcpy(out + *at, p, n);
    if (n)
        *last = p[n - 1];
    *at += n;
    return true;
}

long ps_dns_encode(const uint8_t *text, size_t len, uint8_t *out, size_t cap)
{
    static const uint8_t zero = 0;
    uint8_t last = 0xff;
    size_t at = 0;
    if (len == 0 || (len == 1 && text[0] == '.'))
        return put_out(out, cap, &at, &zero, 1, &last) ? (long)at : -1;
    if (looks_encoded(text, len))
        return put_out(out, cap, &at, text, len, &last) ? (long)at : -1;
    /* Each piece between dots, cut to 63 bytes, after its length; a final
     * 0 unless the last byte already is one (an empty last piece). */
    size_t from = 0;
    for (;;) {
        const uint8_t *dot = memchr(text + from, '.', len - from);
        size_t piece = dot ? (size_t)(dot - (text + from)) : len - from;
        uint8_t n = (uint8_t)(piece > 63 ? 63 : piece);
        if (!put_out(out, cap, &at, &n, 1, &last) ||
            !put_out(out, cap, &at, text + from, n, &last))
            return -1;
        if (!dot)
            break;
        from += piece + 1;
    }
    if (last != 0 && !put_out(out, cap, &at, &zero, 1, &last))
        return -1;
    return (long)at;
}

int ps_dns_bytes_repr(const uint8_t *p, size_t n, bool with_b, char *out, size_t cap)
{
    bool squote = n && memchr(p, '\'', n), dquote = n && memchr(p, '"', n);
    char q = squote && !dquote ? '"' : '\'';
    size_t len = 0;
    char tmp[8];
#define EMIT(str)                                                                  \
    do {                                                                           \
        for (const char *c_ = (str); *c_; c_++, len++)                             \
            if (len + 1 < cap)                                                     \
                out[len] = *c_;                                                    \
    } while (0)
    if (with_b)
        EMIT("b");
    tmp[0] = q;
    tmp[1] = '\0';
    EMIT(tmp);
    for (size_t i = 0; i < n; i++) {
        uint8_t c = p[i];
        if (c == (uint8_t)q || c == '\\')
            snprintf(tmp, sizeof tmp, "\\%c", c);
        else if (c == '\t')
            snprintf(tmp, sizeof tmp, "\\t");
        else if (c == '\n')
            snprintf(tmp, sizeof tmp, "\\n");
        else if (c == '\r')
            snprintf(tmp, sizeof tmp, "\\r");
        else if (c < 0x20 || c >= 0x7f)
            snprintf(tmp, sizeof tmp, "\\x%02x", c);
        else
            snprintf(tmp, sizeof tmp, "%c", c);
        EMIT(tmp);
    }
    tmp[0] = q;
    tmp[1] = '\0';
    EMIT(tmp);
#undef EMIT
    if (cap)
        out[len < cap ? len : cap - 1] = '\0';
    return (int)len;
}
