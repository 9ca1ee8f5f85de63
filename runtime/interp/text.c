/* Text at run time (docs/LANGUAGE.md, Text and bytes; Formatting): strings
 * and bytes joined, repeated, searched and sliced as Python's, str(), and
 * Python's `%` formatting. The checker (compiler/sema_text.c) refuses what
 * the types show wrong; what only the run knows is refused here. */
#include <stdlib.h>
#include <string.h>

#include "coerce.h"
#include "interp_int.h"
#include "pyformat.h"

/* No text grows past this: "X" * 10**12 is an error, not an exhausted machine. */
#define TEXT_MAX (UINT64_C(16) << 20)

static const struct ps_value none_value = {.t = PT_NONE};

static bool texty(enum ps_type t)
{
    return t == PT_STR || t == PT_BYTES;
}

static bool number(const struct ps_value *v)
{
    return v->t == PT_INT || v->t == PT_BOOL;
}

bool interp_text_handles(enum ps_op op, const struct ps_value *l, const struct ps_value *r)
{
    switch (op) {
    case PO_ADD:
    case PO_MUL:
        return texty(l->t) || texty(r->t);
    case PO_MOD:
        return true;
    case PO_IN:
        return texty(r->t) || r->t == PT_LIST || r->t == PT_TUPLE || r->t == PT_RANGE;
    default:
        return false;
    }
}

/* A new text of kind t from a buffer the caller fills: data[len]. */
static struct ps_value text_value(enum ps_type t, const uint8_t *data, size_t len)
{
    return ps_val_bytes(t, data, len);
}

static struct ps_value join(struct interp *in, const struct ps_expr *e, const struct ps_value *l,
                            const struct ps_value *r)
{
    if (l->t != r->t || !texty(l->t)) {
        interp_error(in, e->loc, "'+' cannot join %s and %s%s", ps_type_name(l->t),
                     ps_type_name(r->t), texty(l->t) && texty(r->t)
                                             ? ": make both strings or both bytes"
                                             : ": to put a value in a text, write \"%s\" % x");
        return none_value;
    }
    size_t a = l->obj->len, b = r->obj->len;
    if ((uint64_t)a + b > TEXT_MAX) {
        interp_error(in, e->loc, "a text of more than %llu bytes", (unsigned long long)TEXT_MAX);
        return none_value;
    }
    uint8_t *p = malloc(a + b + 1);
    if (!p)
        abort();
    memcpy(p, l->obj->bytes, a);
    memcpy(p + a, r->obj->bytes, b);
    struct ps_value v = text_value(l->t, p, a + b);
    free(p);
    return v;
}

static struct ps_value repeat(struct interp *in, const struct ps_expr *e,
                              const struct ps_value *l, const struct ps_value *r)
{
    const struct ps_value *t = texty(l->t) ? l : r, *k = texty(l->t) ? r : l;
    if (!number(k)) {
        interp_error(in, e->loc, "'*' repeats a string or bytes by an integer, not %s and %s",
                     ps_type_name(l->t), ps_type_name(r->t));
        return none_value;
    }
    int64_t times = (int64_t)k->u;
    size_t n = t->obj->len;
    if (times <= 0 || n == 0)
        return text_value(t->t, NULL, 0); /* Python: empty */
    if ((uint64_t)times > TEXT_MAX / n) {
        interp_error(in, e->loc, "a text of more than %llu bytes", (unsigned long long)TEXT_MAX);
        return none_value;
    }
    size_t total = n * (size_t)times;
    uint8_t *p = malloc(total + 1);
    if (!p)
        abort();
    for (size_t i = 0; i < total; i += n)
        memcpy(p + i, t->obj->bytes, n);
    struct ps_value v = text_value(t->t, p, total);
    free(p);
    return v;
}

static bool contains(const struct ps_value *hay, const struct ps_value *needle)
{
    size_t n = needle->obj->len, h = hay->obj->len;
    if (n == 0)
        return true;
    for (size_t i = 0; i + n <= h; i++)
        if (memcmp(hay->obj->bytes + i, needle->obj->bytes, n) == 0)
            return true;
    return false;
}

static struct ps_value member(struct interp *in, const struct ps_expr *e,
                              const struct ps_value *l, const struct ps_value *r)
{
    if (texty(r->t)) {
        /* a string in bytes too: a payload is bytes, written as a string */
        if (!texty(l->t)) {
            interp_error(in, e->loc, "'in' looks for a string or bytes in %s, not for %s",
                         ps_type_name(r->t), ps_type_name(l->t));
            return none_value;
        }
        return ps_val_int(PT_BOOL, contains(r, l));
    }
    if (r->t == PT_RANGE) {
        bool in_range = number(l) && (int64_t)l->u >= (int64_t)r->u &&
                        (int64_t)l->u <= (int64_t)r->hi;
        return ps_val_int(PT_BOOL, in_range);
    }
    for (size_t i = 0; i < r->obj->n; i++) {
        struct ps_value item = interp_expand(in, ps_val_retain(r->obj->items[i]));
        bool same = interp_values_equal(in, l, &item, e->loc);
        ps_val_release(&item);
        if (same)
            return ps_val_int(PT_BOOL, 1);
    }
    return ps_val_int(PT_BOOL, 0);
}

/* Python's integer %: the sign of the divisor. */
static struct ps_value int_remainder(struct interp *in, const struct ps_expr *e,
                                 const struct ps_value *l, const struct ps_value *r)
{
    if (!number(l) || !number(r)) {
        interp_error(in, e->loc, "'%%' takes integers (a remainder) or a format string on its "
                     "left, not %s and %s", ps_type_name(l->t), ps_type_name(r->t));
        return none_value;
    }
    int64_t a = (int64_t)l->u, b = (int64_t)r->u;
    if (b == 0) {
        interp_error(in, e->loc, "integer modulo by zero");
        return none_value;
    }
    int64_t m = b == -1 ? 0 : a % b;
    if (m != 0 && ((m < 0) != (b < 0)))
        m += b;
    return ps_val_int(PT_INT, (uint64_t)m);
}

/* ---- Python's str(), repr() and % ---------------------------------------- */

/* Python's repr() of a str: quoted, escaped. */
static void put_str_repr(FILE *out, const uint8_t *p, size_t n)
{
    bool squote = false, dquote = false;
    for (size_t i = 0; i < n; i++) {
        squote |= p[i] == '\'';
        dquote |= p[i] == '"';
    }
    char q = squote && !dquote ? '"' : '\'';
    fputc(q, out);
    for (size_t i = 0; i < n; i++) {
        uint8_t c = p[i];
        if (c == (uint8_t)q || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", out);
        else if (c == '\t')
            fputs("\\t", out);
        else if (c == '\r')
            fputs("\\r", out);
        else if (c < 0x20 || c == 0x7f)
            fprintf(out, "\\x%02x", c);
        else
            fputc(c, out);
    }
    fputc(q, out);
}

static void pad(FILE *out, int n, char c)
{
    for (int i = 0; i < n; i++)
        fputc(c, out);
}

/* Text t[n] in a field of f.width, left or right. */
static void put_padded(FILE *out, const struct ps_pyfmt *f, const char *t, size_t n)
{
    int fill = f->width > (int)n ? f->width - (int)n : 0;
    if (!f->minus)
        pad(out, fill, ' ');
    fwrite(t, 1, n, out);
    if (f->minus)
        pad(out, fill, ' ');
}

static void put_int(FILE *out, const struct ps_pyfmt *f, int64_t v)
{
    char digits[80], prefix[4] = "";
    uint64_t mag = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    switch (f->conv) {
    case 'x': snprintf(digits, sizeof digits, "%llx", (unsigned long long)mag); break;
    case 'X': snprintf(digits, sizeof digits, "%llX", (unsigned long long)mag); break;
    case 'o': snprintf(digits, sizeof digits, "%llo", (unsigned long long)mag); break;
    default: snprintf(digits, sizeof digits, "%llu", (unsigned long long)mag); break;
    }
    size_t sl = 0;
    if (v < 0)
        prefix[sl++] = '-';
    else if (f->plus)
        prefix[sl++] = '+';
    else if (f->space)
        prefix[sl++] = ' ';
    if (f->alt && (f->conv == 'x' || f->conv == 'X' || f->conv == 'o')) {
        prefix[sl++] = '0';
        prefix[sl++] = f->conv == 'o' ? 'o' : f->conv;
    }
    prefix[sl] = '\0';
    int nd = (int)strlen(digits);
    int zeros = f->prec > nd ? f->prec - nd : 0;
    int body = (int)sl + zeros + nd;
    int fill = f->width > body ? f->width - body : 0;
    if (f->zero && !f->minus) {
        zeros += fill;
        fill = 0;
    }
    if (!f->minus)
        pad(out, fill, ' ');
    fputs(prefix, out);
    pad(out, zeros, '0');
    fputs(digits, out);
    if (f->minus)
        pad(out, fill, ' ');
}

/* %c: a code point as UTF-8, or a string of one character. */
static bool put_char(struct interp *in, const struct ps_expr *e, FILE *out,
                     const struct ps_pyfmt *f, const struct ps_value *v)
{
    char t[4];
    size_t n;
    if (v->t == PT_STR && v->obj->len == 1) {
        put_padded(out, f, (const char *)v->obj->bytes, 1);
        return true;
    }
    uint64_t c = v->u;
    if (!number(v) || c > 0x10ffff) {
        interp_error(in, e->loc, "%%c takes an integer below 0x110000 or a string of one "
                     "character, not %s", ps_type_name(v->t));
        return false;
    }
    if (c < 0x80) {
        t[0] = (char)c, n = 1;
    } else if (c < 0x800) {
        t[0] = (char)(0xc0 | c >> 6), t[1] = (char)(0x80 | (c & 0x3f)), n = 2;
    } else if (c < 0x10000) {
        t[0] = (char)(0xe0 | c >> 12), t[1] = (char)(0x80 | ((c >> 6) & 0x3f));
        t[2] = (char)(0x80 | (c & 0x3f)), n = 3;
    } else {
        t[0] = (char)(0xf0 | c >> 18), t[1] = (char)(0x80 | ((c >> 12) & 0x3f));
        t[2] = (char)(0x80 | ((c >> 6) & 0x3f)), t[3] = (char)(0x80 | (c & 0x3f)), n = 4;
    }
    put_padded(out, f, t, n);
    return true;
}

/* One conversion of v into out; false after a run-time error. */
static bool convert(struct interp *in, const struct ps_expr *e, FILE *out,
                    const struct ps_pyfmt *f, const struct ps_value *v)
{
    if (f->conv == 'c')
        return put_char(in, e, out, f, v);
    if (ps_pyfmt_numeric(f->conv)) {
        if (!number(v)) {
            interp_error(in, e->loc, "%%%c format: a number is required, not %s", f->conv,
                         ps_type_name(v->t));
            return false;
        }
        put_int(out, f, (int64_t)v->u);
        return true;
    }
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m)
        abort();
    if (f->conv == 'r' && v->t == PT_STR && !v->field)
        put_str_repr(m, v->obj->bytes, v->obj->len);
    else
        interp_print_str(in, m, v);
    fclose(m);
    size_t n = f->prec >= 0 && (size_t)f->prec < len ? (size_t)f->prec : len;
    put_padded(out, f, text, n);
    free(text);
    return true;
}

static struct ps_value format(struct interp *in, const struct ps_expr *e,
                              const struct ps_value *l, const struct ps_value *r)
{
    if (l->t != PT_STR)
        return int_remainder(in, e, l, r);
    const struct ps_value *args = r;
    size_t nargs = 1;
    if (r->t == PT_TUPLE) {
        args = r->obj->items;
        nargs = r->obj->n;
    }
    for (size_t i = 0; i < nargs; i++)
        if (args[i].t == PT_WIRE)
            return args[i]; /* known only on the wire: so is the text */
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (!out)
        abort();
    const uint8_t *fmt = l->obj->bytes;
    size_t flen = l->obj->len, pos = 0, last = 0, used = 0;
    struct ps_pyfmt f;
    const char *why = NULL;
    int got;
    bool ok = true;
    while (ok && (got = ps_pyfmt_next(fmt, flen, &pos, &f, &why)) == 1) {
        fwrite(fmt + last, 1, f.start - last, out);
        last = f.end;
        if (f.conv == '%') {
            fputc('%', out);
            continue;
        }
        if (used >= nargs) {
            interp_error(in, e->loc, "not enough arguments for format string");
            ok = false;
            break;
        }
        struct ps_value a = interp_expand(in, ps_val_retain(args[used++]));
        ok = convert(in, e, out, &f, &a);
        ps_val_release(&a);
    }
    if (ok && got < 0) {
        interp_error(in, e->loc, "bad format: %s", why);
        ok = false;
    }
    if (ok) {
        fwrite(fmt + last, 1, flen - last, out);
        if (used < nargs) {
            interp_error(in, e->loc, "not all arguments converted during string formatting");
            ok = false;
        }
    }
    fclose(out);
    struct ps_value v = ok ? text_value(PT_STR, (const uint8_t *)text, len) : none_value;
    free(text);
    return v;
}

struct ps_value interp_text_binop(struct interp *in, const struct ps_expr *e,
                                  const struct ps_value *l, const struct ps_value *r)
{
    switch (e->op) {
    case PO_ADD:
        return join(in, e, l, r);
    case PO_MUL:
        return repeat(in, e, l, r);
    case PO_MOD:
        return format(in, e, l, r);
    default:
        return member(in, e, l, r);
    }
}

struct ps_value interp_str_call(struct interp *in, const struct ps_expr *e)
{
    struct ps_value v = interp_eval(in, e->args[0]);
    if (v.t == PT_WIRE)
        return v;
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m)
        abort();
    interp_print_str(in, m, &v);
    fclose(m);
    struct ps_value out = text_value(PT_STR, (const uint8_t *)text, len);
    free(text);
    ps_val_release(&v);
    return out;
}

/* ---- slices -------------------------------------------------------------- */

/* A bound as Python reads it: none is the end given, a negative counts
 * from the end, and either is clamped into 0..n. */
static bool bound(struct interp *in, const struct ps_expr *e, size_t n, size_t dflt, size_t *out)
{
    struct ps_value b = interp_eval(in, e);
    bool ok = true;
    if (b.t == PT_NONE) {
        *out = dflt;
    } else if (!number(&b)) {
        interp_error(in, e->loc, "a slice's bound is an integer, not %s", ps_type_name(b.t));
        ok = false;
    } else {
        int64_t k = (int64_t)b.u;
        if (k < 0)
            k = (int64_t)n + k < 0 ? 0 : (int64_t)n + k;
        *out = (uint64_t)k > n ? n : (size_t)k;
    }
    ps_val_release(&b);
    return ok;
}

struct ps_value interp_slice(struct interp *in, const struct ps_expr *e)
{
    struct ps_value v = interp_eval(in, e->args[0]);
    struct ps_value out = none_value;
    bool list = v.t == PT_LIST || v.t == PT_TUPLE || v.t == PT_PKTLIST;
    if (v.t == PT_WIRE)
        return v;
    if (!texty(v.t) && !list) {
        if (!in->failed_run)
            interp_error(in, e->loc, "%s cannot be sliced (a slice takes a string, bytes, a "
                         "list or a tuple)", ps_type_name(v.t));
        ps_val_release(&v);
        return none_value;
    }
    size_t n = list ? v.obj->n : v.obj->len, lo, hi;
    if (bound(in, e->args[1], n, 0, &lo) && bound(in, e->args[2], n, n, &hi)) {
        if (hi < lo)
            hi = lo;
        if (list) {
            out = ps_val_list(v.t);
            out.obj->list_name = v.obj->list_name;
            for (size_t i = lo; i < hi; i++)
                ps_list_push(&out, ps_val_retain(v.obj->items[i]));
        } else {
            out = text_value(v.t, v.obj->bytes + lo, hi - lo);
        }
    }
    ps_val_release(&v);
    return out;
}
