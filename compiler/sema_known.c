/* Values the compiler knows before the run: params (their default or -D),
 * constants, and names bound to them. A known value given to a field is
 * coerced here by the run's own function (ps_coerce_field), so that a value
 * the run would reject is an error at its spec location before anything is
 * sent, with the run's words. */
#include <stdlib.h>
#include <string.h>

#include "coerce.h"
#include "sema.h"

static struct sema_known *slot_known(struct sema *s, int slot)
{
    if (slot < 0)
        return NULL;
    if ((size_t)slot >= s->nknown) {
        size_t n = s->nknown ? s->nknown : 16;
        while (n <= (size_t)slot)
            n *= 2;
        s->known = realloc(s->known, n * sizeof *s->known);
        if (!s->known)
            abort();
        memset(s->known + s->nknown, 0, (n - s->nknown) * sizeof *s->known);
        s->nknown = n;
    }
    return &s->known[slot];
}

void sema_known_release(struct sema_known *k)
{
    ps_val_release(&k->v);
    k->v = (struct ps_value){.t = PT_NONE};
    k->known = k->each = false;
    k->define = NULL;
}

void sema_known_free(struct sema *s)
{
    for (size_t i = 0; i < s->nknown; i++)
        sema_known_release(&s->known[i]);
    free(s->known);
    s->known = NULL;
    s->nknown = 0;
}

static bool known_int(const struct sema_known *k)
{
    return k->known && !k->each && k->v.t == PT_INT;
}

/* A list or tuple of known elements (none that takes each of a set). */
static bool known_items(struct sema *s, const struct ps_expr *e, struct sema_known *out)
{
    struct ps_value v = ps_val_list(e->kind == E_LIST ? PT_LIST : PT_TUPLE);
    for (size_t i = 0; i < e->nargs; i++) {
        struct sema_known k;
        if (!sema_known_value(s, e->args[i], &k) || k.each) {
            sema_known_release(&k);
            ps_val_release(&v);
            return false;
        }
        if (!out->define)
            out->define = k.define;
        ps_list_push(&v, k.v);
    }
    out->v = v;
    out->known = true;
    return true;
}

bool sema_known_value(struct sema *s, const struct ps_expr *e, struct sema_known *out)
{
    memset(out, 0, sizeof *out);
    out->v.t = PT_NONE;
    /* zeroed: a branch may release b without having read it */
    struct sema_known a = {.v = {.t = PT_NONE}}, b = {.v = {.t = PT_NONE}};
    switch (e->kind) {
    case E_CONST:
        out->v = ps_val_retain(e->value);
        out->known = true;
        return true;
    case E_VAR: {
        const struct sema_known *k = (size_t)e->slot < s->nknown ? &s->known[e->slot] : NULL;
        if (!k || !k->known || k->varies)
            return false;
        out->known = true;
        out->each = k->each;
        out->define = k->define;
        out->v = ps_val_retain(k->v);
        return true;
    }
    case E_LIST:
    case E_TUPLE:
        return known_items(s, e, out);
    case E_RANGE:
    case E_BINOP:
        if (e->kind == E_BINOP && e->op != PO_ADD && e->op != PO_SUB && e->op != PO_MUL)
            return false;
        if (!sema_known_value(s, e->args[0], &a))
            return false;
        if (!sema_known_value(s, e->args[1], &b) || !known_int(&a) || !known_int(&b)) {
            sema_known_release(&a);
            sema_known_release(&b);
            return false;
        }
        out->known = true;
        out->define = a.define ? a.define : b.define;
        if (e->kind == E_RANGE)
            out->v = (struct ps_value){.t = PT_RANGE, .u = a.v.u, .hi = b.v.u};
        else /* as the run computes it: unsigned, wrapping */
            out->v = ps_val_int(PT_INT, e->op == PO_ADD ? a.v.u + b.v.u
                                        : e->op == PO_SUB ? a.v.u - b.v.u : a.v.u * b.v.u);
        return true;
    case E_GETLAYER: /* list[i] */
        if (e->proto || e->nargs != 2 || !sema_known_value(s, e->args[0], &a))
            return false;
        if (a.each || (a.v.t != PT_LIST && a.v.t != PT_TUPLE) ||
            !sema_known_value(s, e->args[1], &b) || !known_int(&b) ||
            ((int64_t)b.v.u < 0 ? 0 - b.v.u > a.v.obj->n : b.v.u >= a.v.obj->n)) {
            sema_known_release(&a);
            sema_known_release(&b);
            return false;
        }
        out->known = true;
        out->define = a.define ? a.define : b.define;
        out->v = ps_val_retain(
            a.v.obj->items[(int64_t)b.v.u < 0 ? a.v.obj->n - (0 - b.v.u) : b.v.u]);
        sema_known_release(&a);
        return true;
    case E_NEG:
        if (!sema_known_value(s, e->args[0], &a))
            return false;
        if (!known_int(&a)) {
            sema_known_release(&a);
            return false;
        }
        out->known = true;
        out->define = a.define;
        out->v = ps_val_int(PT_INT, 0 - a.v.u);
        return true;
    default:
        return false;
    }
}

void sema_known_bind(struct sema *s, int slot, const struct ps_expr *e, bool param,
                     const struct ps_define *define)
{
    struct sema_known *k = slot_known(s, slot);
    if (!k)
        return;
    /* A name bound again, or in a loop, may hold either value where it is
     * read: known no more. */
    bool again = k->bound;
    sema_known_release(k);
    k->bound = true;
    k->varies = !param && (again || s->loop_depth > 0 || !e);
    struct sema_known v;
    if (k->varies || !e || !sema_known_value(s, e, &v))
        return;
    if (v.each) {
        sema_known_release(&v);
        k->varies = true;
        return;
    }
    k->known = true;
    k->v = v.v;
    k->define = param ? define : v.define;
}

void sema_known_for(struct sema *s, int slot, const struct ps_expr *it)
{
    struct sema_known *k = slot_known(s, slot);
    if (!k)
        return;
    sema_known_release(k);
    k->bound = true;
    k->varies = true;
    struct sema_known v;
    if (!sema_known_value(s, it, &v))
        return;
    if (!v.each && (v.v.t == PT_LIST || v.v.t == PT_TUPLE || v.v.t == PT_RANGE)) {
        k->varies = false;
        k->known = k->each = true;
        k->v = v.v;
        k->define = v.define;
        return;
    }
    sema_known_release(&v);
}

void sema_known_forget(struct sema *s, int slot)
{
    struct sema_known *k = slot_known(s, slot);
    if (!k)
        return;
    sema_known_release(k);
    k->varies = true;
}

/* One value into the field, as the run does it; false after reporting. */
static bool coerce_one(struct sema *s, const struct ps_expr *e, const struct ps_proto *p, int fi,
                       const struct ps_value *v, const struct ps_define *define)
{
    struct ps_tlayer *scratch = calloc(1, sizeof *scratch);
    if (!scratch)
        abort();
    scratch->proto = p;
    /* The field a list's meaning depends on (a TXT record's type), as the
     * layer being checked gives it. */
    int on = p->fields[fi].list_on ? ps_field_index(p, p->fields[fi].list_on) : -1;
    if (on >= 0 && s->layer_ctx && s->layer_ctx->proto == p && s->layer_ctx->v[on].set) {
        scratch->f[on].src = FS_CONST;
        scratch->f[on].one = s->layer_ctx->v[on];
    }
    char err[256];
    const char *msg = ps_coerce_field(scratch, fi, v, err, sizeof err);
    struct ast_loc at = {e->loc.line, e->loc.col, e->loc.line, e->loc.col, e->loc.file};
    if (msg && define)
        ps_diag_error(s->d, at, "-D %s=%s: %s.%s: %s", define->name, define->value, p->name,
                      p->fields[fi].name, msg);
    else if (msg)
        ps_diag_error(s->d, at, "%s.%s: %s", p->name, p->fields[fi].name, msg);
    ps_tfield_clear(&scratch->f[fi]);
    free(scratch->sub[fi]);
    free(scratch);
    return msg == NULL;
}

void sema_check_field(struct sema *s, const struct ps_expr *e, const struct ps_proto *p, int fi)
{
    struct sema_known k;
    if (!sema_known_value(s, e, &k))
        return;
    if (!k.each) {
        coerce_one(s, e, p, fi, &k.v, k.define);
    } else if (k.v.t == PT_RANGE) {
        struct ps_value lo = ps_val_int(PT_INT, k.v.u), hi = ps_val_int(PT_INT, k.v.hi);
        if (coerce_one(s, e, p, fi, &lo, k.define))
            coerce_one(s, e, p, fi, &hi, k.define);
    } else {
        for (size_t i = 0; i < k.v.obj->n; i++)
            if (!coerce_one(s, e, p, fi, &k.v.obj->items[i], k.define))
                break;
    }
    sema_known_release(&k);
}
