/* Types of text and conditions (docs/LANGUAGE.md, Conditions; Text and
 * bytes; Formatting): `+ * %` on strings and bytes, `in`, slices, and what
 * an `if` may test. What the types say is wrong is an error here; what
 * only the run knows (a field's value, a variable of two types) the run
 * checks (runtime/interp/text.c). */
#include <stdlib.h>
#include <string.h>

#include "coerce.h"
#include "pyformat.h"
#include "sema.h"

static bool texty(enum ps_type t)
{
    return t == PT_STR || t == PT_BYTES;
}

static bool int_or_any(enum ps_type t)
{
    return t == PT_INT || t == PT_ANY;
}

/* `a + b`: integers add, strings and bytes join, each with its own kind. */
static enum ps_type join(struct sema *s, const struct ast_node *n, enum ps_type a,
                         enum ps_type b)
{
    if (a == PT_ANY || b == PT_ANY) {
        enum ps_type k = a == PT_ANY ? b : a;
        if (k == PT_ANY || k == PT_INT || texty(k))
            return k;
    } else if (a == b && (a == PT_INT || texty(a))) {
        return a;
    }
    if (texty(a) && texty(b))
        ps_diag_error(s->d, n->name_loc, "'+' cannot join a string and bytes: make both "
                      "strings \"...\" or both bytes x\"...\"");
    else if ((texty(a) && b == PT_INT) || (a == PT_INT && texty(b)))
        ps_diag_error(s->d, n->name_loc, "'+' cannot join %s and %s: to put a number in a "
                      "text, write \"%%d\" %% n or str(n)", ps_type_name(a), ps_type_name(b));
    else if (texty(a) || texty(b))
        ps_diag_error(s->d, n->name_loc, "'+' cannot join %s and %s: to put a value in a "
                      "text, write \"%%s\" %% x or str(x)", ps_type_name(a), ps_type_name(b));
    else
        ps_diag_error(s->d, n->loc, "arithmetic takes integers, not %s and %s",
                      ps_type_name(a), ps_type_name(b));
    return PT_ANY;
}

/* `a * b`: integers multiply, a string or bytes repeats by an integer. */
static enum ps_type repeat(struct sema *s, const struct ast_node *n, enum ps_type a,
                           enum ps_type b)
{
    if (int_or_any(a) && int_or_any(b))
        return a == PT_INT && b == PT_INT ? PT_INT : PT_ANY;
    if (texty(a) && int_or_any(b))
        return a;
    if (texty(b) && int_or_any(a))
        return b;
    if (texty(a) || texty(b))
        ps_diag_error(s->d, n->name_loc, "'*' repeats a string or bytes by an integer, not "
                      "%s and %s", ps_type_name(a), ps_type_name(b));
    else
        ps_diag_error(s->d, n->loc, "arithmetic takes integers, not %s and %s",
                      ps_type_name(a), ps_type_name(b));
    return PT_ANY;
}

/* What a %-conversion refuses of a value of type t, or NULL. */
static const char *conversion_refuses(char conv, enum ps_type t)
{
    if (!ps_pyfmt_numeric(conv) || t == PT_ANY || t == PT_INT || t == PT_BOOL)
        return NULL;
    if (conv == 'c' && t == PT_STR)
        return NULL;
    return ps_type_name(t);
}

/* The values after '%': a literal tuple's (folded into a constant when
 * all are), or one value that is no tuple. False when only the run knows. */
static bool format_args(const struct ps_expr *r, size_t *n)
{
    if (r->kind == E_TUPLE)
        *n = r->nargs;
    else if (r->kind == E_CONST && r->value.t == PT_TUPLE)
        *n = r->value.obj->n;
    else if (r->type != PT_TUPLE && r->type != PT_ANY)
        *n = 1;
    else
        return false;
    return true;
}

static enum ps_type format_arg(const struct ps_expr *r, size_t i, struct ast_loc *at)
{
    struct ps_loc l = r->kind == E_TUPLE ? r->args[i]->loc : r->loc;
    *at = (struct ast_loc){l.line, l.col, l.line, l.col, l.file};
    if (r->kind == E_TUPLE)
        return r->args[i]->type;
    if (r->kind == E_CONST && r->value.t == PT_TUPLE)
        return r->value.obj->items[i].t;
    return r->type;
}

/* A constant format checked against what the types say of its arguments:
 * their count and the kind each conversion takes. */
static void check_format(struct sema *s, const struct ast_node *n, const struct ps_expr *l,
                         const struct ps_expr *r)
{
    if (l->kind != E_CONST || l->value.t != PT_STR)
        return;
    const uint8_t *fmt = l->value.obj->bytes;
    size_t len = l->value.obj->len, pos = 0, used = 0, nargs = 0;
    bool counted = format_args(r, &nargs);
    struct ps_pyfmt f;
    const char *why = NULL;
    int got;
    while ((got = ps_pyfmt_next(fmt, len, &pos, &f, &why)) == 1) {
        if (f.conv == '%')
            continue;
        if (counted && used >= nargs) {
            ps_diag_error(s->d, n->name_loc, "not enough arguments for format string (it has "
                          "more conversions than the %zu value%s after '%%')", nargs,
                          nargs == 1 ? "" : "s");
            return;
        }
        if (counted) {
            struct ast_loc at;
            const char *t = conversion_refuses(f.conv, format_arg(r, used, &at));
            if (t)
                ps_diag_error(s->d, at, "%%%c format: a number is required, not %s (%%s "
                              "takes any value)", f.conv, t);
        }
        used++;
    }
    if (got < 0) {
        ps_diag_error(s->d, n->kids[0]->loc, "bad format: %s", why);
        return;
    }
    if (counted && used < nargs)
        ps_diag_error(s->d, n->name_loc, "not all arguments converted during string "
                      "formatting (%zu conversion%s, %zu value%s)", used, used == 1 ? "" : "s",
                      nargs, nargs == 1 ? "" : "s");
}

/* `a % b`: an integer's remainder, or a string formatted as Python's. */
static enum ps_type format(struct sema *s, const struct ast_node *n, const struct ps_expr *l,
                           const struct ps_expr *r)
{
    enum ps_type a = l->type, b = r->type;
    if (a == PT_STR) {
        check_format(s, n, l, r);
        return PT_STR;
    }
    if (a == PT_ANY)
        return PT_ANY;
    if (a == PT_BYTES) {
        ps_diag_error(s->d, n->name_loc, "'%%' formats a string, not bytes: write the format "
                      "as \"...\"");
        return PT_ANY;
    }
    if (a == PT_INT && int_or_any(b))
        return PT_INT;
    ps_diag_error(s->d, n->name_loc, "'%%' takes integers (a remainder) or a format string "
                  "on its left, not %s and %s", ps_type_name(a), ps_type_name(b));
    return PT_ANY;
}

enum ps_type sema_text_arith(struct sema *s, const struct ast_node *n, const struct ps_expr *l,
                             const struct ps_expr *r)
{
    switch ((int)n->op) {
    case OP_ADD:
        return join(s, n, l->type, r->type);
    case OP_MUL:
        return repeat(s, n, l->type, r->type);
    case OP_MOD:
        return format(s, n, l, r);
    default:
        if (!int_or_any(l->type) || !int_or_any(r->type))
            ps_diag_error(s->d, n->loc, "arithmetic takes integers, not %s and %s",
                          ps_type_name(l->type), ps_type_name(r->type));
        return PT_INT;
    }
}

/* `a in b`: a layer in a packet, a string or bytes in another (a payload
 * is bytes, and `"200 OK" in r[Raw].load` reads as it means), a value in a
 * list, a tuple or a range. */
void sema_text_in(struct sema *s, const struct ast_node *n, const struct ps_expr *l,
                  const struct ps_expr *r)
{
    enum ps_type a = l->type, b = r->type;
    if (b == PT_PKT || b == PT_PKTLIST) {
        if (a != PT_PROTO && a != PT_ANY)
            ps_diag_error(s->d, n->kids[0]->loc, "'in' asks whether a layer is in a packet, "
                          "as TCP in p");
        return;
    }
    if (a == PT_PROTO) {
        if (b != PT_ANY && b != PT_NONE && b != PT_WIRE)
            ps_diag_error(s->d, n->kids[1]->loc, "'in' asks whether a layer is in a packet, "
                          "as TCP in p, not in %s", ps_type_name(b));
        return;
    }
    if (texty(b)) {
        if (!texty(a) && a != PT_ANY)
            ps_diag_error(s->d, n->kids[0]->loc, "'in' looks for a string or bytes in %s, "
                          "not for %s", ps_type_name(b), ps_type_name(a));
        return;
    }
    if (b == PT_RANGE && a != PT_INT && a != PT_ANY)
        ps_diag_error(s->d, n->kids[0]->loc, "'in' of a range asks for an integer, not %s",
                      ps_type_name(a));
    else if (b != PT_LIST && b != PT_TUPLE && b != PT_RANGE && b != PT_ANY && b != PT_NONE)
        ps_diag_error(s->d, n->kids[1]->loc, "'in' looks in a packet (a layer), a string, "
                      "bytes, a list, a tuple or a range, not in %s", ps_type_name(b));
}

/* Ordering two values the types say cannot be ordered: text against a
 * number or an address. */
void sema_text_compare(struct sema *s, const struct ast_node *n, const struct ps_expr *l,
                       const struct ps_expr *r)
{
    enum ast_op op = n->op;
    if (op != OP_LT && op != OP_LE && op != OP_GT && op != OP_GE)
        return;
    enum ps_type a = l->type, b = r->type;
    if (a == PT_ANY || b == PT_ANY || texty(a) == texty(b))
        return;
    ps_diag_error(s->d, n->name_loc, "%s and %s cannot be ordered", ps_type_name(a),
                  ps_type_name(b));
}

struct ps_expr *sema_slice(struct sema *s, const struct ast_node *n)
{
    struct ps_expr *e = sema_new_expr(E_SLICE, n);
    for (size_t i = 0; i < 3; i++) {
        struct ps_expr *k = sema_expr(s, n->kids[i]);
        if (!k) {
            sema_expr_free(e);
            return NULL;
        }
        e->args = realloc(e->args, (e->nargs + 1) * sizeof *e->args);
        if (!e->args)
            abort();
        e->args[e->nargs++] = k;
    }
    enum ps_type t = e->args[0]->type;
    if (!texty(t) && t != PT_LIST && t != PT_TUPLE && t != PT_PKTLIST && t != PT_ANY)
        ps_diag_error(s->d, n->kids[0]->loc, "%s cannot be sliced (a slice takes a string, "
                      "bytes, a list or a tuple)", ps_type_name(t));
    for (size_t i = 1; i < 3; i++) {
        enum ps_type b = e->args[i]->type;
        if (b != PT_INT && b != PT_ANY && b != PT_NONE)
            ps_diag_error(s->d, n->kids[i]->loc, "a slice's bound is an integer, not %s",
                          ps_type_name(b));
    }
    e->type = t;
    return e;
}

void sema_condition(struct sema *s, const struct ast_node *n, const struct ps_expr *c)
{
    if (c->type == PT_PROTO)
        ps_diag_error(s->d, n->loc, "a layer alone is always true: ask whether a packet has "
                      "it, as TCP in p");
    else if (c->type == PT_RANGE || c->type == PT_RANDOM || c->type == PT_PREFIX4 ||
             c->type == PT_PREFIX6)
        ps_diag_error(s->d, n->loc, "%s is no condition: compare it, as x in 1..10 or "
                      "x == y", ps_type_name(c->type));
}
