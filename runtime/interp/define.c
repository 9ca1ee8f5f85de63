/* -D NAME=TEXT on a loaded program (a probe's command line): the text read
 * as the literal of the param's type, as `pktspec run -D` reads it (numbers,
 * durations, addresses, prefixes, strings bare or quoted, x"..." bytes, lists
 * as [a, b] or a,b), and bound in place of the param's default. The compiler
 * reads -D with the spec's own front end, which also takes constant
 * expressions; a probe carries no front end, so it takes literals only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "coerce.h"
#include "define.h"
#include "value.h"

static bool whole(const char *s, size_t len, uint64_t *out)
{
    unsigned base = 10;
    if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X' || s[1] == 'o' || s[1] == 'b')) {
        base = s[1] == 'o' ? 8 : s[1] == 'b' ? 2 : 16;
        s += 2;
        len -= 2;
    }
    uint64_t v = 0;
    bool any = false;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '_')
            continue;
        int d = ps_hexval(s[i]);
        if (d < 0 || (unsigned)d >= base || __builtin_mul_overflow(v, base, &v) ||
            __builtin_add_overflow(v, (unsigned)d, &v))
            return false;
        any = true;
    }
    *out = v;
    return any;
}

/* 1.5s, 100ms, 2m: exact in nanoseconds; a bare number is seconds. */
static bool duration(const char *s, size_t len, uint64_t *out)
{
    static const struct { const char *name; uint64_t ns; } units[] = {
        {"ns", 1}, {"us", 1000}, {"ms", 1000000}, {"s", 1000000000}, {"m", 60000000000},
    };
    size_t num = strspn(s, "0123456789._");
    if (num == 0 || num > len)
        return false;
    uint64_t mul = 0;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strlen(units[i].name) == len - num && !memcmp(units[i].name, s + num, len - num))
            mul = units[i].ns;
    if (num == len)
        mul = 1000000000;
    if (!mul)
        return false;
    const char *dot = memchr(s, '.', num);
    uint64_t w = 0, frac = 0, scale = 1;
    if (!whole(s, dot ? (size_t)(dot - s) : num, &w))
        return false;
    for (const char *p = dot ? dot + 1 : s + num; p < s + num; p++) {
        if (*p < '0' || *p > '9' || __builtin_mul_overflow(scale, 10, &scale))
            return false;
        frac = frac * 10 + (uint64_t)(*p - '0');
    }
    uint64_t v;
    if (__builtin_mul_overflow(w, mul, &v) || (frac * mul) % scale != 0 ||
        __builtin_add_overflow(v, frac * mul / scale, &v))
        return false;
    *out = v;
    return true;
}

/* The text between quotes with the spec's escapes (\n \t \\ \" \' \xHH). */
static char *unquoted(const char *s, size_t len, size_t *out_len)
{
    char *o = malloc(len + 1);
    if (!o)
        abort();
    size_t n = 0;
    for (size_t i = 1; i + 1 < len; i++) {
        char c = s[i];
        if (c == '\\' && i + 2 < len) {
            char e = s[++i];
            if (e == 'n')
                c = '\n';
            else if (e == 't')
                c = '\t';
            else if (e == 'r')
                c = '\r';
            else if (e == '0')
                c = '\0';
            else if (e == 'x' && i + 2 < len - 1 && ps_hexval(s[i + 1]) >= 0 &&
                     ps_hexval(s[i + 2]) >= 0) {
                c = (char)(ps_hexval(s[i + 1]) * 16 + ps_hexval(s[i + 2]));
                i += 2;
            } else
                c = e;
        }
        o[n++] = c;
    }
    o[n] = '\0';
    *out_len = n;
    return o;
}

static bool hex_bytes(const char *s, size_t len, struct ps_value *out)
{
    if (len < 3 || s[0] != 'x' || s[1] != '"' || s[len - 1] != '"')
        return false;
    uint8_t *b = malloc(len);
    size_t n = 0;
    int hi = -1;
    for (size_t i = 2; b && i + 1 < len; i++) {
        if (s[i] == ' ')
            continue;
        int d = ps_hexval(s[i]);
        if (d < 0) {
            free(b);
            return false;
        }
        if (hi < 0) {
            hi = d;
        } else {
            b[n++] = (uint8_t)(hi * 16 + d);
            hi = -1;
        }
    }
    bool ok = b && hi < 0;
    if (ok)
        *out = ps_val_bytes(PT_BYTES, b, n);
    free(b);
    return ok;
}

/* text as a value of type t; false when it is not one. */
static bool typed(enum ps_type t, const char *text, size_t len, struct ps_value *out)
{
    bool quoted = len >= 2 && (text[0] == '"' || text[0] == '\'') && text[len - 1] == text[0];
    size_t n = len;
    char *s = quoted ? unquoted(text, len, &n) : strndup(text, len);
    if (!s)
        abort();
    struct ps_value v = {.t = t};
    bool ok = false;
    switch (t) {
    case PT_INT: ok = whole(s, n, &v.u); break;
    case PT_DUR: ok = duration(s, n, &v.u); break;
    case PT_BOOL:
        ok = strcmp(s, "true") == 0 || strcmp(s, "false") == 0;
        v.u = strcmp(s, "true") == 0;
        break;
    case PT_MAC: ok = ps_parse_mac(s, v.addr); break;
    case PT_IP4: ok = ps_parse_ip4(s, v.addr); break;
    case PT_IP6: ok = ps_parse_ip6(s, v.addr); break;
    case PT_PREFIX4:
    case PT_PREFIX6: {
        bool v6;
        ok = ps_parse_prefix(s, v.addr, &v.prefix, &v6) && v6 == (t == PT_PREFIX6);
        break;
    }
    case PT_STR: v = ps_val_bytes(PT_STR, (const uint8_t *)s, n); ok = true; break;
    case PT_BYTES:
        ok = (!quoted && hex_bytes(s, n, &v)) ||
             (v = ps_val_bytes(PT_BYTES, (const uint8_t *)s, n), true);
        break;
    default: break;
    }
    free(s);
    if (ok)
        *out = v;
    return ok;
}

const char *ps_define_element_end(const char *p, const char *end)
{
    int depth = 0;
    char quote = 0;
    for (; p < end; p++) {
        if (quote) {
            if (*p == '\\' && p + 1 < end)
                p++;
            else if (*p == quote)
                quote = 0;
        } else if (*p == '"' || *p == '\'') {
            quote = *p;
        } else if (*p == '(' || *p == '[') {
            depth++;
        } else if (*p == ')' || *p == ']') {
            depth--;
        } else if (*p == ',' && depth == 0) {
            return p;
        }
    }
    return end;
}

const char *ps_define_trim(const char **p, const char *end)
{
    while (*p < end && (**p == ' ' || **p == '\t'))
        (*p)++;
    while (end > *p && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    return end;
}

/* [22, 80] or 22,80, each element of the first type among the default's
 * elements that reads it (any literal when the default is empty). */
static bool list(const struct ps_value *def, const char *text, struct ps_value *out)
{
    static const enum ps_type any[] = {PT_INT, PT_DUR, PT_IP4, PT_IP6, PT_MAC, PT_STR};
    const char *p = text, *end = ps_define_trim(&p, text + strlen(text));
    if (end - p >= 2 && *p == '[' && end[-1] == ']') {
        p++;
        end = ps_define_trim(&p, end - 1);
    }
    *out = ps_val_list(PT_LIST);
    while (p < end) {
        const char *stop = ps_define_element_end(p, end), *q = p;
        const char *last = ps_define_trim(&q, stop);
        struct ps_value v = {.t = PT_NONE};
        bool ok = false;
        for (size_t i = 0; !ok && i < def->obj->n; i++)
            ok = typed(def->obj->items[i].t, q, (size_t)(last - q), &v);
        for (size_t i = 0; !ok && def->obj->n == 0 && i < sizeof any / sizeof any[0]; i++)
            ok = typed(any[i], q, (size_t)(last - q), &v);
        if (!ok || last == q) {
            ps_val_release(out);
            return false;
        }
        ps_list_push(out, v);
        p = stop < end ? stop + 1 : end;
        if (stop < end && p == end) {
            ps_val_release(out);
            return false;
        }
    }
    return true;
}

int ps_program_define(struct ps_program *prog, const char *name, const char *text, char *err,
                      size_t errcap)
{
    for (size_t i = 0; i < prog->nstmts; i++) {
        struct ps_stmt *st = prog->stmts[i];
        if (st->kind != S_BIND || !st->param || !st->expr || st->slot < 0 ||
            (size_t)st->slot >= prog->nslots || !prog->slot_names[st->slot] ||
            strcmp(prog->slot_names[st->slot], name) != 0)
            continue;
        struct ps_value *def = &st->expr->value, v = {.t = PT_NONE};
        bool ok = def->t == PT_LIST ? list(def, text, &v) : typed(def->t, text, strlen(text), &v);
        if (!ok) {
            snprintf(err, errcap, "-D %s=%s: param '%s' takes %s", name, text, name,
                     ps_type_name(def->t));
            return -1;
        }
        ps_val_release(def);
        *def = v;
        return 0;
    }
    snprintf(err, errcap, "-D %s: %s has no param '%s'", name, prog->path ? prog->path : "the probe",
             name);
    return -1;
}
