#include "literal.h"

#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "packet.h"
#include "xalloc.h"

/* Echoed token text is cut here, to keep a message on one screen line. */
#define ECHO_MAX 64
#define ECHO(len) (int)((len) < ECHO_MAX ? (len) : ECHO_MAX)

static struct ast_loc at(struct ast_loc loc, size_t offset)
{
    struct ast_loc l = {loc.line, loc.col + (int)offset, loc.line, loc.col + (int)offset, loc.file};
    return l;
}

/* Digits of `base` with `_` between them, as the lexer matched them.
 * Returns false on overflow. */
static bool parse_digits(const char *s, size_t len, unsigned base, uint64_t *out)
{
    uint64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '_')
            continue;
        unsigned digit = (unsigned)ps_hexval(s[i]);
        if (__builtin_mul_overflow(v, base, &v) || __builtin_add_overflow(v, digit, &v))
            return false;
    }
    *out = v;
    return true;
}

int lit_int(struct ps_diag *d, struct ast_loc loc, const char *text, size_t len,
            struct ast_node *n)
{
    unsigned base = 10;
    size_t skip = 0;
    if (len > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
        base = 16, skip = 2;
    else if (len > 2 && text[0] == '0' && (text[1] == 'b' || text[1] == 'B'))
        base = 2, skip = 2;
    n->kind = AST_INT;
    if (!parse_digits(text + skip, len - skip, base, &n->u)) {
        ps_diag_error(d, loc, "integer '%.*s' does not fit in 64 bits", ECHO(len), text);
        n->u = 0;
        return 1;
    }
    return 0;
}

int lit_float(struct ps_diag *d, struct ast_loc loc, const char *text, size_t len,
              struct ast_node *n)
{
    (void)d;
    (void)loc;
    char buf[128];
    size_t k = len < sizeof buf - 1 ? len : sizeof buf - 1;
    memcpy(buf, text, k);
    buf[k] = '\0';
    n->kind = AST_FLOAT;
    n->f = strtod(buf, NULL);
    return 0;
}

struct unit {
    const char *name;
    uint64_t mul; /* nanoseconds = mul * 10^exp */
    int exp;
};

static const struct unit units[] = {
    {"ns", 1, 0}, {"us", 1, 3}, {"ms", 1, 6}, {"s", 1, 9}, {"m", 6, 10},
};

/* Exact decimal arithmetic: 1.5s is 1500000000ns, and 1.5ns is refused
 * rather than rounded. */
int lit_duration(struct ps_diag *d, struct ast_loc loc, const char *text, size_t len,
                 struct ast_node *n)
{
    n->kind = AST_DURATION;
    n->u = 0;
    size_t num = 0;
    while (num < len && (text[num] == '_' || text[num] == '.' || (text[num] >= '0' && text[num] <= '9')))
        num++;
    const struct unit *u = NULL;
    for (size_t i = 0; i < sizeof units / sizeof *units; i++)
        if (strlen(units[i].name) == len - num && !memcmp(units[i].name, text + num, len - num))
            u = &units[i];
    if (!u) /* the lexer's pattern admits only the units above */
        return 0;
    const char *dot = memchr(text, '.', num);
    size_t int_len = dot ? (size_t)(dot - text) : num;
    const char *frac = dot ? dot + 1 : text + num;
    size_t frac_len = dot ? num - int_len - 1 : 0;
    while (frac_len && frac[frac_len - 1] == '0')
        frac_len--;
    if (frac_len > (size_t)u->exp) {
        ps_diag_error(d, loc, "duration '%.*s' is not a whole number of nanoseconds", ECHO(len), text);
        return 1;
    }
    uint64_t whole, part = 0, v;
    bool ok = parse_digits(text, int_len, 10, &whole) && parse_digits(frac, frac_len, 10, &part);
    for (int e = 0; ok && e < u->exp; e++) {
        ok = !__builtin_mul_overflow(whole, 10, &whole);
        if (e < u->exp - (int)frac_len)
            ok = ok && !__builtin_mul_overflow(part, 10, &part);
    }
    ok = ok && !__builtin_add_overflow(whole, part, &v) && !__builtin_mul_overflow(v, u->mul, &v);
    if (!ok) {
        ps_diag_error(d, loc, "duration '%.*s' is too long", ECHO(len), text);
        return 1;
    }
    n->u = v;
    return 0;
}

int lit_mac(struct ps_diag *d, struct ast_loc loc, const char *text, size_t len,
            struct ast_node *n)
{
    (void)d;
    (void)loc;
    n->kind = AST_MAC;
    for (size_t i = 0; i < 6 && i * 3 + 1 < len; i++)
        n->addr[i] = (uint8_t)(ps_hexval(text[i * 3]) << 4 | ps_hexval(text[i * 3 + 1]));
    return 0;
}

/* The "/N" part of a prefix; returns the number of errors reported. */
static int prefix_length(struct ps_diag *d, struct ast_loc loc, const char *text, size_t len,
                         size_t slash, int max, const char *family, struct ast_node *n)
{
    uint64_t v = 0;
    const char *digits = text + slash + 1;
    size_t ndigits = len - slash - 1;
    if (ndigits > 4 || !parse_digits(digits, ndigits, 10, &v) || v > (uint64_t)max) {
        ps_diag_error(d, at(loc, slash + 1), "bad prefix length '/%.*s' (an %s prefix is 0 to %d bits)",
                      ECHO(ndigits), digits, family, max);
        n->prefix = max;
        return 1;
    }
    n->prefix = (int)v;
    return 0;
}

/* Copies the address part into buf for inet_pton; false when too long to
 * be an address at all. */
static bool addr_text(const char *text, size_t len, char *buf, size_t size)
{
    if (len >= size)
        return false;
    memcpy(buf, text, len);
    buf[len] = '\0';
    return true;
}

int lit_ipv4(struct ps_diag *d, struct ast_loc loc, const char *text, size_t len,
             struct ast_node *n)
{
    const char *slash = memchr(text, '/', len);
    size_t alen = slash ? (size_t)(slash - text) : len;
    n->kind = slash ? AST_PREFIX4 : AST_IPV4;
    char buf[INET_ADDRSTRLEN + 1];
    int errors = 0;
    if (!addr_text(text, alen, buf, sizeof buf) || inet_pton(AF_INET, buf, n->addr) != 1) {
        ps_diag_error(d, loc, "bad IPv4 address '%.*s'", ECHO(alen), text);
        memset(n->addr, 0, sizeof n->addr);
        errors++;
    }
    if (slash)
        errors += prefix_length(d, loc, text, len, alen, 32, "IPv4", n);
    return errors;
}

/* Meant as a MAC: single colons between pairs of hex digits, or six
 * groups of one or two. */
static bool looks_like_mac(const char *text, size_t len)
{
    size_t group = 0, groups = 1;
    bool pairs = true;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == ':') {
            if (group == 0)
                return false;
            pairs = pairs && group == 2;
            group = 0;
            groups++;
        } else if (ps_hexval(text[i]) >= 0) {
            if (++group > 2)
                return false;
        } else {
            return false;
        }
    }
    pairs = pairs && group == 2;
    return group > 0 && groups >= 2 && (pairs || groups == 6);
}

int lit_ipv6(struct ps_diag *d, struct ast_loc loc, const char *text, size_t len,
             struct ast_node *n)
{
    const char *slash = memchr(text, '/', len);
    size_t alen = slash ? (size_t)(slash - text) : len;
    n->kind = slash ? AST_PREFIX6 : AST_IPV6;
    char buf[INET6_ADDRSTRLEN + 1];
    int errors = 0;
    if (!addr_text(text, alen, buf, sizeof buf) || inet_pton(AF_INET6, buf, n->addr) != 1) {
        if (alen == 1)
            ps_diag_error(d, loc, "invalid character ':'");
        else if (!slash && looks_like_mac(text, alen))
            ps_diag_error(d, loc, "bad MAC address '%.*s' (a MAC is six pairs of hex digits)",
                          ECHO(alen), text);
        else
            ps_diag_error(d, loc, "bad IPv6 address '%.*s'", ECHO(alen), text);
        memset(n->addr, 0, sizeof n->addr);
        errors++;
    }
    if (slash)
        errors += prefix_length(d, loc, text, len, alen, 128, "IPv6", n);
    return errors;
}

/* No frame holds more than PS_MAX_FRAME bytes (what a pcap record and the
 * builder keep): a longer literal could only fail when the run builds it,
 * so check says so at the literal. */
static int too_long(struct ps_diag *d, struct ast_loc loc, const char *what, size_t k)
{
    if (k <= PS_MAX_FRAME)
        return 0;
    ps_diag_error(d, loc, "this %s is %zu bytes: a frame holds at most %d", what, k,
                  PS_MAX_FRAME);
    return 1;
}

/* A character as it should appear between quotes in a message. */
static const char *shown(unsigned char c, char buf[8])
{
    if (c >= 0x20 && c < 0x7f && c != '\'')
        snprintf(buf, 8, "%c", c);
    else if (c == '\'')
        snprintf(buf, 8, "\\'");
    else
        snprintf(buf, 8, "\\x%02x", c);
    return buf;
}

int lit_string(struct ps_diag *d, struct ast_loc loc, const char *text, size_t len, bool closed,
               struct ast_node *n)
{
    int errors = 0;
    n->kind = AST_STRING;
    if (!closed) {
        ps_diag_error(d, loc, "unterminated string");
        errors++;
    }
    size_t end = closed ? len - 1 : len;
    char *out = front_xmalloc(len + 1);
    size_t k = 0;
    for (size_t i = 1; i < end; i++) {
        if (text[i] != '\\') {
            out[k++] = text[i];
            continue;
        }
        if (i + 1 >= end) /* a lone backslash where an unterminated string stops */
            break;
        char e = text[++i];
        int hi, lo;
        switch (e) {
        case 'n': out[k++] = '\n'; break;
        case 't': out[k++] = '\t'; break;
        case 'r': out[k++] = '\r'; break;
        case '0': out[k++] = '\0'; break;
        case '\\': out[k++] = '\\'; break;
        case '"': out[k++] = '"'; break;
        case 'x':
            if (i + 2 < end && (hi = ps_hexval(text[i + 1])) >= 0 && (lo = ps_hexval(text[i + 2])) >= 0) {
                out[k++] = (char)(hi << 4 | lo);
                i += 2;
            } else {
                ps_diag_error(d, at(loc, i - 1), "invalid escape '\\x' in string (\\x takes two hex digits)");
                errors++;
            }
            break;
        default: {
            char buf[8];
            ps_diag_error(d, at(loc, i - 1), "invalid escape '\\%s' in string",
                          shown((unsigned char)e, buf));
            errors++;
        }
        }
    }
    out[k] = '\0';
    n->str = out;
    n->len = k;
    return errors + too_long(d, loc, "string", k);
}

int lit_bytes(struct ps_diag *d, struct ast_loc loc, const char *text, size_t len, bool closed,
              struct ast_node *n)
{
    int errors = 0;
    n->kind = AST_BYTES;
    if (!closed) {
        ps_diag_error(d, loc, "unterminated bytes");
        errors++;
    }
    size_t end = closed ? len - 1 : len;
    char *out = front_xmalloc(len / 2 + 1);
    size_t k = 0, digits = 0;
    int pending = 0, bad_digits = 0;
    for (size_t i = 2; i < end; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == ' ' || c == '\t')
            continue;
        int v = ps_hexval((char)c);
        if (v < 0) {
            char buf[8];
            if (!bad_digits++) /* one is enough to show what is wrong */
                ps_diag_error(d, at(loc, i), "bad hex digit '%s' in bytes", shown(c, buf));
            continue;
        }
        if (digits++ % 2 == 0)
            pending = v;
        else
            out[k++] = (char)(pending << 4 | v);
    }
    errors += bad_digits > 0;
    if (digits % 2 && !errors) {
        ps_diag_error(d, loc, "odd number of hex digits in bytes (%zu)", digits);
        errors++;
    }
    out[k] = '\0';
    n->str = out;
    n->len = k;
    return errors + too_long(d, loc, "bytes literal", k);
}
