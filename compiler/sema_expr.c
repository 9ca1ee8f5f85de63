/* Expressions: names resolved, layers and fields checked against the
 * registry, constants folded and checked where they are written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "coerce.h"
#include "sema.h"
#include "suggest.h"
#include "tx.h"
#include "proto/proto.h"

struct ps_loc sema_loc(struct ast_loc l)
{
    struct ps_loc r = {l.line, l.col, l.file};
    return r;
}

struct ps_expr *sema_new_expr(enum ps_ekind kind, const struct ast_node *n)
{
    struct ps_expr *e = calloc(1, sizeof *e);
    if (!e)
        abort();
    e->kind = kind;
    e->loc = sema_loc(n->loc);
    e->type = PT_ANY;
    e->field = -1;
    return e;
}

static void add_arg(struct ps_expr *e, struct ps_expr *a)
{
    e->args = realloc(e->args, (e->nargs + 1) * sizeof *e->args);
    if (!e->args)
        abort();
    e->args[e->nargs++] = a;
}

static void add_opt(struct ps_expr *e, int index, struct ast_loc loc, struct ps_expr *v)
{
    e->opts = realloc(e->opts, (e->nopts + 1) * sizeof *e->opts);
    if (!e->opts)
        abort();
    e->opts[e->nopts++] = (struct ps_arg){index, sema_loc(loc), v};
}

static struct ps_expr *constant(const struct ast_node *n, struct ps_value v)
{
    struct ps_expr *e = sema_new_expr(E_CONST, n);
    e->value = v;
    e->type = v.t;
    return e;
}

/* Where a caret should point for a node that has a name in it. */
static struct ast_loc name_at(const struct ast_node *n)
{
    return n->name_loc.line ? n->name_loc : n->loc;
}

int sema_field(struct sema *s, const struct ps_proto *p, const char *name, struct ast_loc at)
{
    int fi = ps_field_index(p, name);
    if (fi >= 0)
        return fi;
    struct ps_suggest sg;
    ps_suggest_init(&sg, name);
    for (size_t i = 0; i < p->nfields; i++)
        ps_suggest_offer(&sg, p->fields[i].name);
    const char *best = ps_suggest_best(&sg);
    if (best)
        ps_diag_error(s->d, at, "%s has no field '%s' (did you mean '%s'?)", p->name, name, best);
    else
        ps_diag_error(s->d, at, "%s has no field '%s'", p->name, name);
    return -1;
}

static void offer_layers(const struct sema *s, struct ps_suggest *sg)
{
    const struct ps_registry *r = &s->prog->layers;
    for (size_t i = 0, n = ps_registry_count(r); i < n; i++)
        ps_suggest_offer(sg, ps_registry_at(r, i)->name);
}

static void offer_functions(struct ps_suggest *sg)
{
    for (const struct ps_builtin_desc *b = ps_builtin_all(); b->name; b++)
        if (!b->method)
            ps_suggest_offer(sg, b->name);
}

const char *sema_suggest_layer(const struct sema *s, const char *name)
{
    struct ps_suggest sg;
    ps_suggest_init(&sg, name);
    offer_layers(s, &sg);
    return ps_suggest_best(&sg);
}

static void unknown_name(struct sema *s, const struct ast_node *n, const struct ps_field *fd)
{
    struct ps_suggest sg;
    ps_suggest_init(&sg, n->str);
    for (size_t i = 0; i < s->nsyms; i++)
        ps_suggest_offer(&sg, s->syms[i].name);
    offer_layers(s, &sg);
    offer_functions(&sg);
    const struct ps_enum *names = !fd ? NULL
                                  : s->layer_ctx && ps_field_index(s->layer_ctx->proto, fd->name) >= 0
                                      ? ps_enums_in(s->layer_ctx, fd)
                                      : fd->enums;
    for (const struct ps_enum *en = names; en && en->name; en++)
        ps_suggest_offer(&sg, en->name);
    if (fd && fd->flags)
        for (size_t i = 0; fd->flags[i]; i++)
            ps_suggest_offer(&sg, fd->flags[i]);
    const char *best = ps_suggest_best(&sg);
    if (best)
        ps_diag_error(s->d, n->loc, "unknown name '%s' (did you mean '%s'?)", n->str, best);
    else if (fd)
        ps_diag_error(s->d, n->loc, "unknown name '%s': not a variable, a layer or a value "
                      "of %s", n->str, fd->name);
    else
        ps_diag_error(s->d, n->loc, "unknown name '%s'", n->str);
}

static struct ps_expr *fold_list(struct ps_expr *e, enum ps_type t)
{
    for (size_t i = 0; i < e->nargs; i++)
        if (e->args[i]->kind != E_CONST)
            return e;
    struct ps_value v = ps_val_list(t);
    for (size_t i = 0; i < e->nargs; i++) {
        ps_list_push(&v, e->args[i]->value);
        e->args[i]->value.obj = NULL;
    }
    for (size_t i = 0; i < e->nargs; i++)
        sema_expr_free(e->args[i]);
    free(e->args);
    e->args = NULL;
    e->nargs = 0;
    e->kind = E_CONST;
    e->value = v;
    return e;
}

static bool is_int_const(const struct ps_expr *e)
{
    return e->kind == E_CONST && (e->value.t == PT_INT || e->value.t == PT_BOOL);
}

struct ps_expr *sema_range(struct sema *s, const struct ast_node *n)
{
    struct ps_expr *lo = sema_expr(s, n->kids[0]), *hi = sema_expr(s, n->kids[1]);
    if (!lo || !hi) {
        sema_expr_free(lo);
        sema_expr_free(hi);
        return NULL;
    }
    if (is_int_const(lo) && is_int_const(hi)) {
        struct ps_value v = {.t = PT_RANGE, .u = lo->value.u, .hi = hi->value.u};
        sema_expr_free(lo);
        sema_expr_free(hi);
        if (v.u > v.hi) {
            ps_diag_error(s->d, n->loc, "empty range: %llu > %llu", (unsigned long long)v.u,
                          (unsigned long long)v.hi);
            return NULL;
        }
        return constant(n, v);
    }
    if ((lo->type != PT_INT && lo->type != PT_ANY) || (hi->type != PT_INT && hi->type != PT_ANY))
        ps_diag_error(s->d, n->loc, "a range goes from an integer to an integer");
    struct ps_expr *e = sema_new_expr(E_RANGE, n);
    e->type = PT_RANGE;
    add_arg(e, lo);
    add_arg(e, hi);
    return e;
}

/* `random` or `random(lo..hi)`. */
static struct ps_expr *random_value(struct sema *s, const struct ast_node *n,
                                    const struct ast_node *arg)
{
    struct ps_value v = {.t = PT_RANDOM};
    if (arg) {
        struct ps_expr *r = sema_expr(s, arg);
        if (r && r->kind == E_CONST && r->value.t == PT_RANGE) {
            v.u = r->value.u;
            v.hi = r->value.hi;
        } else if (r) {
            ps_diag_error(s->d, arg->loc, "random takes a constant range, as random(1024..65535)");
        }
        sema_expr_free(r);
    }
    return constant(n, v);
}

static struct ps_expr *layer(struct sema *s, const struct ast_node *call, const struct ps_proto *p)
{
    struct ps_expr *e = sema_new_expr(E_LAYER, call);
    e->proto = p;
    e->type = PT_PKT;
    bool given[PS_MAX_FIELDS] = {false};
    struct ps_layer *ctx = calloc(1, sizeof *ctx), *outer = s->layer_ctx;
    if (!ctx)
        abort();
    ps_layer_init(ctx, p);
    s->layer_ctx = ctx;
    /* Fields whose names depend on another field's value come last. */
    for (int pass = 0; pass < 2; pass++)
    for (size_t i = 1; i < call->nkids; i++) {
        const struct ast_node *a = call->kids[i];
        if (a->kind == AST_KWARG) {
            int k = ps_field_index(p, a->str);
            if ((k >= 0 && (p->fields[k].multi || p->fields[k].list_on)) != (pass == 1))
                continue;
        } else if (pass == 1) {
            continue;
        }
        int fi;
        const struct ast_node *val = a;
        if (a->kind == AST_KWARG) {
            fi = sema_field(s, p, a->str, name_at(a));
            val = a->kids[0];
        } else if (i == 1 && (fi = ps_field_index(p, "load")) >= 0) {
            /* Raw("text"): the load, as Scapy reads a positional argument. */
        } else {
            ps_diag_error(s->d, a->loc, "%s takes fields by name, as %s(field=value)", p->name,
                          p->name);
            continue;
        }
        if (fi < 0)
            continue;
        if (given[fi])
            ps_diag_error(s->d, name_at(a), "%s.%s is given twice", p->name, p->fields[fi].name);
        given[fi] = true;
        struct ps_expr *v = sema_field_value(s, val, p, fi);
        if (v && v->kind == E_CONST && v->value.t == PT_INT) {
            ctx->v[fi].set = true;
            ctx->v[fi].u = v->value.u;
        } else if (v && v->kind == E_CONST && v->value.t == PT_STR &&
                   p->fields[fi].kind == PS_K_UINT) {
            /* type="TXT": the number, for the fields that depend on it. */
            char text[64], err[128];
            struct ps_fval out;
            size_t n = v->value.obj->len < sizeof text - 1 ? v->value.obj->len : sizeof text - 1;
            memcpy(text, v->value.obj->bytes, n);
            text[n] = '\0';
            if (!ps_coerce_text(&p->fields[fi], text, &out, err, sizeof err))
                ctx->v[fi] = out;
        }
        if (v)
            add_opt(e, fi, name_at(a), v);
    }
    s->layer_ctx = outer;
    free(ctx);
    return e;
}

static bool check_option_value(struct sema *s, const struct ast_node *a, int opt,
                               struct ps_value *x);

/* An option's value, checked when the compiler knows it (a constant, a
 * param...); a param's number where a time is expected becomes its
 * seconds here, as a constant's does. */
static bool check_option(struct sema *s, const struct ast_node *a, int opt, struct ps_expr **vp)
{
    struct ps_expr *v = *vp;
    if (v->kind == E_CONST)
        return check_option_value(s, a, opt, &v->value);
    struct sema_known k;
    if (!sema_known_value(s, v, &k) || k.each) {
        sema_known_release(&k);
        return true; /* known only when it runs */
    }
    enum ps_type was = k.v.t;
    bool ok = check_option_value(s, a, opt, &k.v);
    if (ok && k.v.t != was) {
        struct ps_expr *c = sema_new_expr(E_CONST, a->kids[0]);
        c->value = k.v;
        c->type = k.v.t;
        k.v = (struct ps_value){.t = PT_NONE};
        sema_expr_free(v);
        *vp = c;
    }
    sema_known_release(&k);
    return ok;
}

static bool check_option_value(struct sema *s, const struct ast_node *a, int opt,
                               struct ps_value *x)
{
    enum ps_opt_type t = ps_opt_descs[opt].type;
    switch (t) {
    case OT_STR:
        if (x->t == PT_STR)
            return true;
        break;
    case OT_INT:
        if (x->t == PT_INT && (int64_t)x->u >= 0)
            return true;
        if (x->t == PT_INT && a->kids[0]->kind != AST_NEG) {
            /* a big literal, not a negative one: over what a count can hold */
            ps_diag_error(s->d, a->kids[0]->loc, "%s=%llu is too large (at most %lld)",
                          ps_opt_descs[opt].name, (unsigned long long)x->u, (long long)INT64_MAX);
            return false;
        }
        if (x->t == PT_INT) {
            ps_diag_error(s->d, a->kids[0]->loc, "%s= cannot be negative", ps_opt_descs[opt].name);
            return false;
        }
        break;
    case OT_SINT:
        if (x->t == PT_INT)
            return true;
        break;
    case OT_BOOL:
        if (x->t == PT_BOOL || (x->t == PT_INT && x->u <= 1)) {
            x->t = PT_BOOL;
            return true;
        }
        break;
    case OT_DUR:
        if (x->t == PT_DUR)
            return true;
        if (x->t == PT_INT && (int64_t)x->u >= 0 && x->u < 1000000000ull) {
            x->t = PT_DUR; /* a bare number where a time is expected is seconds */
            x->u *= 1000000000ull;
            return true;
        }
        break;
    case OT_PRN:
    case OT_PATTERN:
        return true;
    case OT_RATE:
        if (x->t == PT_STR) {
            char text[64], why[160];
            struct ps_rate r;
            snprintf(text, sizeof text, "%.*s", (int)x->obj->len, (const char *)x->obj->bytes);
            if (x->obj->len < sizeof text && ps_rate_parse(text, &r, why, sizeof why) == 0)
                return true;
            ps_diag_error(s->d, a->kids[0]->loc, "rate=\"%.*s\": %s", (int)x->obj->len,
                          (const char *)x->obj->bytes,
                          x->obj->len < sizeof text ? why : "too long to be a rate");
            return false;
        }
        break;
    }
    static const char *const want[] = {
        [OT_STR] = "a string", [OT_INT] = "a non-negative integer", [OT_SINT] = "an integer",
        [OT_BOOL] = "true or false", [OT_DUR] = "a duration (100ms) or seconds",
        [OT_PRN] = "summary, show, command or hexdump", [OT_PATTERN] = "a pattern",
        [OT_RATE] = "a rate as a string (\"100kpps\", \"50Mbps\")",
    };
    ps_diag_error(s->d, a->kids[0]->loc, "%s= takes %s, not %s", ps_opt_descs[opt].name, want[t],
                  ps_type_name(x->t));
    return false;
}

static struct ps_expr *pattern(struct sema *s, const struct ast_node *n)
{
    bool was = s->in_pattern;
    s->in_pattern = true;
    struct ps_expr *e = sema_expr(s, n);
    s->in_pattern = was;
    if (e && e->type != PT_PKT && e->type != PT_ANY) {
        ps_diag_error(s->d, n->loc, "a pattern is a packet, as IP(src=x)/ICMP(type=echo-reply)");
        sema_expr_free(e);
        return NULL;
    }
    return e;
}

static struct ps_expr *prn_value(struct sema *s, const struct ast_node *v)
{
    if (v->kind == AST_NAME)
        for (int i = 0; ps_prn_names[i]; i++)
            if (strcmp(v->str, ps_prn_names[i]) == 0)
                return constant(v, ps_val_int(PT_INT, (uint64_t)i));
    ps_diag_error(s->d, v->loc, "prn= takes summary, show, command or hexdump");
    return NULL;
}

/* A type that is never a packet, a list or a text, whatever value it has:
 * what the run refuses of it, it refuses of every value. */
static bool scalar_type(enum ps_type t)
{
    return t == PT_INT || t == PT_BOOL || t == PT_DUR || t == PT_MAC || t == PT_IP4 ||
           t == PT_IP6 || t == PT_PREFIX4 || t == PT_PREFIX6 || t == PT_RANGE || t == PT_PROTO;
}

/* A call's first argument (a method's object) that the run would refuse
 * by its type, in the run's words (runtime/interp/actions.c). */
static void check_call_arg(struct sema *s, const struct ast_node *n, const struct ps_expr *e)
{
    if (e->nargs == 0 || !scalar_type(e->args[0]->type))
        return;
    const char *t = ps_type_name(e->args[0]->type);
    struct ast_loc first = n->nkids > 1 ? n->kids[1]->loc : n->loc;
    switch (e->builtin) {
    case B_LEN:
        ps_diag_error(s->d, n->loc, "len() of %s", t);
        break;
    case B_HEXDUMP:
        ps_diag_error(s->d, n->loc, "hexdump() of %s", t);
        break;
    case B_FRAGMENT:
        ps_diag_error(s->d, n->loc, "fragment() takes a packet or a list of packets, not %s", t);
        break;
    case B_RDPCAP:
        ps_diag_error(s->d, n->loc, "rdpcap takes a file name");
        break;
    case B_WRPCAP:
        ps_diag_error(s->d, first, "wrpcap takes a file name first");
        break;
    case B_SUMMARY:
    case B_SHOW:
    case B_COMMAND:
        ps_diag_error(s->d, n->loc, "%s() is a method of packets, not of %s",
                      e->builtin == B_SUMMARY ? "summary" : e->builtin == B_SHOW ? "show"
                                                                                  : "command", t);
        break;
    default:
        break;
    }
}

static struct ps_expr *call(struct sema *s, const struct ast_node *n,
                            const struct ps_builtin_desc *b, struct ps_expr *self)
{
    struct ps_expr *e = sema_new_expr(b->method ? E_METHOD : E_CALL, n);
    e->builtin = b->id;
    e->type = b->returns;
    /* Inside an expression, p.summary() is its text, as in Scapy; as a
     * statement of its own it prints (statement() clears this). */
    if (b->id == B_SUMMARY || b->id == B_COMMAND) {
        e->as_value = true;
        e->type = PT_STR;
    }
    if (self)
        add_arg(e, self);
    int npos = 0;
    unsigned seen = 0;
    for (size_t i = 1; i < n->nkids; i++) {
        const struct ast_node *a = n->kids[i];
        if (a->kind != AST_KWARG) {
            npos++;
            if (b->id == B_RANDOM) {
                sema_expr_free(e);
                return random_value(s, n, a);
            }
            struct ps_expr *v = (b->id == B_HASLAYER || b->id == B_GETLAYER || b->id == B_LS)
                                    ? sema_expr(s, a)
                                    : sema_expr(s, a);
            if (v)
                add_arg(e, v);
            continue;
        }
        int opt = ps_opt_find(a->str);
        if (opt < 0 || !(b->opts & (1u << opt))) {
            struct ps_suggest sg;
            ps_suggest_init(&sg, a->str);
            for (int k = 0; k < O__COUNT; k++)
                if (b->opts & (1u << k))
                    ps_suggest_offer(&sg, ps_opt_descs[k].name);
            const char *best = ps_suggest_best(&sg);
            if (best)
                ps_diag_error(s->d, name_at(a), "%s() has no option '%s' (did you mean '%s'?)",
                              b->name, a->str, best);
            else
                ps_diag_error(s->d, name_at(a), "%s() has no option '%s'", b->name, a->str);
            continue;
        }
        if (seen & (1u << opt))
            ps_diag_error(s->d, name_at(a), "option '%s' is given twice", a->str);
        seen |= 1u << opt;
        struct ps_expr *v = ps_opt_descs[opt].type == OT_PRN       ? prn_value(s, a->kids[0])
                            : ps_opt_descs[opt].type == OT_PATTERN ? pattern(s, a->kids[0])
                                                                   : sema_expr(s, a->kids[0]);
        if (v && check_option(s, a, opt, &v))
            add_opt(e, opt, name_at(a), v);
        else
            sema_expr_free(v);
    }
    if ((seen & (1u << O_LOOP)) && !(seen & (1u << O_COUNT))) {
        for (size_t i = 0; i < e->nopts; i++) {
            const struct ps_expr *v = e->opts[i].value;
            if (e->opts[i].index == O_LOOP && (v->kind != E_CONST || v->value.u))
                ps_diag_error(s->d, (struct ast_loc){e->opts[i].loc.line, e->opts[i].loc.col, 0, 0, e->opts[i].loc.file},
                              "loop= would send forever: bound it with count=");
        }
    }
    check_call_arg(s, n, e);
    sema_async_method(s, n, e);
    if (b->id == B_RANDOM && npos == 0) {
        sema_expr_free(e);
        return random_value(s, n, NULL);
    }
    if (b->id == B_LS && e->nargs == 1 && e->args[0]->type != PT_PROTO &&
        e->args[0]->type != PT_PKT && e->args[0]->type != PT_ANY)
        ps_diag_error(s->d, n->kids[1]->loc, "ls() takes a layer or a packet, as ls(IP) or "
                      "ls(p), not %s", ps_type_name(e->args[0]->type));
    if (npos < b->min_args || npos > b->max_args) {
        if (b->min_args == b->max_args)
            ps_diag_error(s->d, n->loc, "%s() takes %d argument%s, not %d", b->name, b->min_args,
                          b->min_args == 1 ? "" : "s", npos);
        else if (b->min_args == 0)
            ps_diag_error(s->d, n->loc, "%s() takes at most %d argument%s, not %d", b->name,
                          b->max_args, b->max_args == 1 ? "" : "s", npos);
        else
            ps_diag_error(s->d, n->loc, "%s() takes %d to %d arguments, not %d", b->name,
                          b->min_args, b->max_args, npos);
    }
    return e;
}

static struct ps_expr *call_expr(struct sema *s, const struct ast_node *n)
{
    const struct ast_node *callee = n->kids[0];
    if (callee->kind == AST_NAME) {
        const struct ps_proto *p = sema_proto(s, callee->str);
        if (p)
            return layer(s, n, p);
        const struct ps_builtin_desc *b = ps_builtin_find(callee->str, false);
        if (b)
            return call(s, n, b, NULL);
        bool idiom;
        struct ps_expr *e = sema_idiom_call(s, n, &idiom);
        if (idiom)
            return e;
        struct ps_suggest sg;
        ps_suggest_init(&sg, callee->str);
        offer_layers(s, &sg);
        offer_functions(&sg);
        const char *best = ps_suggest_best(&sg);
        if (best)
            ps_diag_error(s->d, callee->loc, "no layer or function '%s' (did you mean '%s'?)",
                          callee->str, best);
        else
            ps_diag_error(s->d, callee->loc, "no layer or function '%s'", callee->str);
        return NULL;
    }
    if (callee->kind == AST_ATTR) {
        const struct ps_builtin_desc *b = ps_builtin_find(callee->str, true);
        if (!b && sema_idiom_python_call(s, callee))
            return NULL;
        if (!b) {
            ps_diag_error(s->d, name_at(callee), "no method '%s' (packets have summary, show, "
                          "command, haslayer, getlayer)", callee->str);
            return NULL;
        }
        struct ps_expr *self = sema_expr(s, callee->kids[0]);
        if (!self)
            return NULL;
        return call(s, n, b, self);
    }
    ps_diag_error(s->d, callee->loc, "only layers, functions and methods can be called");
    return NULL;
}

static const struct ps_proto *proto_name(const struct sema *s, const struct ast_node *n)
{
    return n->kind == AST_NAME ? sema_proto(s, n->str) : NULL;
}

/* A known value indexed: what cannot be indexed, or a list at a known index
 * out of its range, as the run would find it. */
static void check_list_index(struct sema *s, const struct ps_expr *e)
{
    struct sema_known list, ix;
    if (!sema_known_value(s, e->args[0], &list))
        return;
    enum ps_type t = list.v.t;
    if (!list.each && t != PT_LIST && t != PT_TUPLE && t != PT_PKTLIST && t != PT_PKT &&
        t != PT_NONE && t != PT_WIRE) {
        struct ast_loc at = {e->loc.line, e->loc.col, e->loc.line, e->loc.col, e->loc.file};
        ps_diag_error(s->d, at, "%s cannot be indexed", ps_type_name(t));
    }
    if (!list.each && (list.v.t == PT_LIST || list.v.t == PT_TUPLE) &&
        sema_known_value(s, e->args[1], &ix)) {
        int64_t k = (int64_t)ix.v.u;
        size_t n = list.v.obj->n;
        if (!ix.each && ix.v.t == PT_INT && (k < 0 ? 0 - ix.v.u > n : ix.v.u >= n)) {
            struct ast_loc at = {e->loc.line, e->loc.col, e->loc.line, e->loc.col, e->loc.file};
            const struct ps_define *d = list.define ? list.define : ix.define;
            if (d)
                ps_diag_error(s->d, at, "-D %s=%s: index %lld is out of range (the list has %zu)",
                              d->name, d->value, (long long)k, n);
            else
                ps_diag_error(s->d, at, "index %lld is out of range (the list has %zu)",
                              (long long)k, n);
        }
        sema_known_release(&ix);
    }
    sema_known_release(&list);
}

static struct ps_expr *index_expr(struct sema *s, const struct ast_node *n)
{
    struct ps_expr *base = sema_expr(s, n->kids[0]);
    if (!base)
        return NULL;
    struct ps_expr *e = sema_new_expr(E_GETLAYER, n);
    add_arg(e, base);
    const struct ps_proto *p = proto_name(s, n->kids[1]);
    if (p) {
        e->proto = p;
        e->type = PT_PKT;
        return e;
    }
    struct ps_expr *ix = sema_expr(s, n->kids[1]);
    if (!ix) {
        sema_expr_free(e);
        return NULL;
    }
    if (ix->type != PT_INT && ix->type != PT_ANY && ix->type != PT_PROTO) {
        ps_diag_error(s->d, n->kids[1]->loc, "an index is a layer or a number, not %s",
                      ps_type_name(ix->type));
    }
    add_arg(e, ix);
    check_list_index(s, e);
    return e;
}

/* `x.field`: the field of a known layer, or the first layer that has it. */
static struct ps_expr *attr_expr(struct sema *s, const struct ast_node *n)
{
    struct ps_expr *base = sema_expr(s, n->kids[0]);
    if (!base)
        return NULL;
    if (base->type == PT_SNIFFER)
        return sema_async_attr(s, n, base);
    bool idiom;
    struct ps_expr *ie = sema_idiom_attr(s, n, base, &idiom);
    if (idiom)
        return ie;
    if (scalar_type(base->type)) {
        ps_diag_error(s->d, n->loc, "%s has no field '%s'", ps_type_name(base->type), n->str);
        sema_expr_free(base);
        return NULL;
    }
    struct ps_expr *e = sema_new_expr(E_FIELD, n);
    add_arg(e, base);
    e->name = strdup(n->str);
    if (base->kind == E_GETLAYER && base->proto) {
        e->proto = base->proto;
        e->field = sema_field(s, base->proto, n->str, name_at(n));
        if (e->field < 0) {
            sema_expr_free(e);
            return NULL;
        }
        return e;
    }
    const struct ps_registry *reg = &s->prog->layers;
    size_t np = ps_registry_count(reg);
    for (size_t i = 0; i < np; i++)
        if (ps_field_index(ps_registry_at(reg, i), n->str) >= 0)
            return e;
    struct ps_suggest sg;
    ps_suggest_init(&sg, n->str);
    for (size_t i = 0; i < np; i++)
        for (size_t f = 0; f < ps_registry_at(reg, i)->nfields; f++)
            ps_suggest_offer(&sg, ps_registry_at(reg, i)->fields[f].name);
    const char *best = ps_suggest_best(&sg);
    if (best)
        ps_diag_error(s->d, name_at(n), "no layer has a field '%s' (did you mean '%s'?)", n->str,
                      best);
    else
        ps_diag_error(s->d, name_at(n), "no layer has a field '%s'", n->str);
    sema_expr_free(e);
    return NULL;
}

/* The field an operand reads, so that `r[ICMP].type == echo-reply` resolves
 * echo-reply against ICMP.type. */
static bool field_of(const struct ps_expr *e, const struct ps_proto **p, int *fi)
{
    if (e && e->kind == E_FIELD && e->proto && e->field >= 0) {
        *p = e->proto;
        *fi = e->field;
        return true;
    }
    return false;
}

static enum ps_op ir_op(enum ast_op op)
{
    switch (op) {
    case OP_ADD: return PO_ADD;
    case OP_SUB: return PO_SUB;
    case OP_MUL: return PO_MUL;
    case OP_EQ: return PO_EQ;
    case OP_NE: return PO_NE;
    case OP_LT: return PO_LT;
    case OP_LE: return PO_LE;
    case OP_GT: return PO_GT;
    case OP_GE: return PO_GE;
    case OP_AND: return PO_AND;
    case OP_OR: return PO_OR;
    case OP_MOD: return PO_MOD;
    default: return PO_IN;
    }
}

static struct ps_expr *compare(struct sema *s, const struct ast_node *n)
{
    struct ps_expr *l = sema_expr(s, n->kids[0]);
    const struct ps_proto *p;
    int fi;
    struct ps_expr *r = l && field_of(l, &p, &fi) ? sema_field_value(s, n->kids[1], p, fi)
                                                    : sema_expr(s, n->kids[1]);
    if (!l || !r) {
        sema_expr_free(l);
        sema_expr_free(r);
        return NULL;
    }
    sema_text_compare(s, n, l, r);
    struct ps_expr *e = sema_new_expr(E_BINOP, n);
    e->op = ir_op(n->op);
    e->type = PT_BOOL;
    add_arg(e, l);
    add_arg(e, r);
    return e;
}

static bool stackable(enum ps_type t)
{
    return t == PT_PKT || t == PT_STR || t == PT_BYTES || t == PT_ANY;
}

static struct ps_expr *binop(struct sema *s, const struct ast_node *n)
{
    switch ((int)n->op) {
    case OP_EQ: case OP_NE: case OP_LT: case OP_LE: case OP_GT: case OP_GE:
        return compare(s, n);
    case OP_MATCHES: {
        struct ps_expr *l = sema_expr(s, n->kids[0]);
        struct ps_expr *r = pattern(s, n->kids[1]);
        if (!l || !r) {
            sema_expr_free(l);
            sema_expr_free(r);
            return NULL;
        }
        struct ps_expr *e = sema_new_expr(E_MATCHES, n);
        e->type = PT_BOOL;
        add_arg(e, l);
        add_arg(e, r);
        return e;
    }
    default:
        break;
    }
    struct ps_expr *l = sema_expr(s, n->kids[0]), *r = sema_expr(s, n->kids[1]);
    if (!l || !r) {
        sema_expr_free(l);
        sema_expr_free(r);
        return NULL;
    }
    struct ps_expr *e = sema_new_expr(n->op == OP_STACK ? E_STACK : E_BINOP, n);
    e->op = ir_op(n->op);
    add_arg(e, l);
    add_arg(e, r);
    switch ((int)n->op) {
    case OP_STACK:
        e->type = PT_PKT;
        if (!stackable(l->type) || !stackable(r->type) ||
            (l->type != PT_PKT && r->type != PT_PKT && l->type != PT_ANY && r->type != PT_ANY)) {
            ps_diag_error(s->d, n->loc, "'/' stacks layers: %s / %s", ps_type_name(l->type),
                          ps_type_name(r->type));
        }
        break;
    case OP_IN:
        e->type = PT_BOOL;
        sema_text_in(s, n, l, r);
        break;
    case OP_AND: case OP_OR:
        e->type = PT_BOOL;
        break;
    default: /* + - * %: numbers, and text (sema_text.c) */
        /* r.time - s.sent_time: a duration */
        if ((n->op == OP_ADD || n->op == OP_SUB) && (l->type == PT_DUR || r->type == PT_DUR) &&
            (l->type == PT_DUR || l->type == PT_ANY) && (r->type == PT_DUR || r->type == PT_ANY)) {
            e->type = PT_DUR;
            break;
        }
        e->type = sema_text_arith(s, n, l, r);
        break;
    }
    return e;
}

static struct ps_expr *name_expr(struct sema *s, const struct ast_node *n)
{
    struct sema_sym *sym = sema_lookup(s, n->str);
    if (sym) {
        struct ps_expr *e = sema_new_expr(E_VAR, n);
        e->slot = sym->slot;
        e->type = sym->type;
        return e;
    }
    const struct ps_proto *p = sema_proto(s, n->str);
    if (p) {
        struct ps_value v = {.t = PT_PROTO, .proto = p};
        return constant(n, v);
    }
    if (strcmp(n->str, "random") == 0)
        return random_value(s, n, NULL);
    unknown_name(s, n, NULL);
    return NULL;
}

static struct ps_value literal(const struct ast_node *n)
{
    struct ps_value v = {.t = PT_NONE};
    switch (n->kind) {
    case AST_INT: v = ps_val_int(PT_INT, n->u); break;
    case AST_BOOL: v = ps_val_int(PT_BOOL, n->u); break;
    case AST_DURATION: v = ps_val_int(PT_DUR, n->u); break;
    case AST_FLOAT: v = ps_val_int(PT_DUR, (uint64_t)(n->f * 1e9 + 0.5)); break;
    case AST_MAC: v.t = PT_MAC; memcpy(v.addr, n->addr, 6); break;
    case AST_IPV4: v.t = PT_IP4; memcpy(v.addr, n->addr, 4); break;
    case AST_IPV6: v.t = PT_IP6; memcpy(v.addr, n->addr, 16); break;
    case AST_PREFIX4: v.t = PT_PREFIX4; memcpy(v.addr, n->addr, 16); v.prefix = n->prefix; break;
    case AST_PREFIX6: v.t = PT_PREFIX6; memcpy(v.addr, n->addr, 16); v.prefix = n->prefix; break;
    case AST_STRING: v = ps_val_bytes(PT_STR, (const uint8_t *)n->str, n->len); break;
    case AST_BYTES: v = ps_val_bytes(PT_BYTES, (const uint8_t *)n->str, n->len); break;
    default: break;
    }
    return v;
}

struct ps_expr *sema_expr(struct sema *s, const struct ast_node *n)
{
    switch (n->kind) {
    case AST_INT: case AST_BOOL: case AST_DURATION: case AST_FLOAT: case AST_MAC:
    case AST_IPV4: case AST_IPV6: case AST_PREFIX4: case AST_PREFIX6: case AST_STRING:
    case AST_BYTES: case AST_NONE:
        return constant(n, literal(n));
    case AST_STAR:
        if (s->in_pattern)
            return constant(n, literal(n)); /* none: any value */
        ps_diag_error(s->d, n->loc, "'*' stands for any value only in a pattern (after matches)");
        return NULL;
    case AST_NAME:
        return name_expr(s, n);
    case AST_LIST:
    case AST_TUPLE: {
        struct ps_expr *e = sema_new_expr(n->kind == AST_LIST ? E_LIST : E_TUPLE, n);
        e->type = n->kind == AST_LIST ? PT_LIST : PT_TUPLE;
        for (size_t i = 0; i < n->nkids; i++) {
            struct ps_expr *k = sema_expr(s, n->kids[i]);
            if (k)
                add_arg(e, k);
        }
        return fold_list(e, e->type);
    }
    case AST_RANGE:
        return sema_range(s, n);
    case AST_CALL:
        return call_expr(s, n);
    case AST_KWARG:
        ps_diag_error(s->d, n->loc, "a keyword argument belongs in a call");
        return NULL;
    case AST_INDEX:
        return index_expr(s, n);
    case AST_SLICE:
        return sema_slice(s, n);
    case AST_ATTR:
        return attr_expr(s, n);
    case AST_BINOP:
        return binop(s, n);
    case AST_NOT:
    case AST_NEG: {
        struct ps_expr *k = sema_expr(s, n->kids[0]);
        if (!k)
            return NULL;
        if (n->kind == AST_NEG && k->kind == E_CONST && k->value.t == PT_INT) {
            k->value.u = (uint64_t)(-(int64_t)k->value.u);
            k->loc = sema_loc(n->loc);
            return k;
        }
        if (n->kind == AST_NEG && k->type != PT_INT && k->type != PT_ANY) {
            ps_diag_error(s->d, n->loc, "only an integer can be negated, not %s",
                          ps_type_name(k->type));
            sema_expr_free(k);
            return NULL;
        }
        struct ps_expr *e = sema_new_expr(n->kind == AST_NOT ? E_NOT : E_NEG, n);
        e->type = n->kind == AST_NOT ? PT_BOOL : PT_INT;
        add_arg(e, k);
        return e;
    }
    case AST_WITHIN: {
        struct ps_expr *c = sema_expr(s, n->kids[0]), *t = sema_expr(s, n->kids[1]);
        if (!c || !t) {
            sema_expr_free(c);
            sema_expr_free(t);
            return NULL;
        }
        if (t->kind == E_CONST && t->value.t == PT_INT) {
            t->value.t = PT_DUR;
            t->value.u *= 1000000000ull;
        }
        if (t->type != PT_DUR && t->type != PT_INT && t->type != PT_ANY)
            ps_diag_error(s->d, n->kids[1]->loc, "within takes a duration, as within 50ms");
        struct ps_expr *e = sema_new_expr(E_WITHIN, n);
        e->type = PT_BOOL;
        add_arg(e, c);
        add_arg(e, t);
        return e;
    }
    default:
        ps_diag_error(s->d, n->loc, "a statement cannot stand here");
        return NULL;
    }
}

/* Whether a value given to field fd stands for several values (a set of
 * packets), rather than being one value of it (a list of options, flags
 * ORed, addresses of a list field). */
/* A constant integer the layer expression gives field fi (a number or an
 * enum name, bare or in a string), or the field's default when not given.
 * False when the value is not such a constant. */
static bool layer_uint(const struct ps_expr *layer, int fi, uint64_t *u)
{
    const struct ps_field *fd = &layer->proto->fields[fi];
    for (size_t i = 0; i < layer->nopts; i++) {
        if (layer->opts[i].index != fi)
            continue;
        const struct ps_expr *v = layer->opts[i].value;
        if (v->kind == E_CONST && v->value.t == PT_INT) {
            *u = v->value.u;
            return true;
        }
        char text[64], err[128];
        struct ps_fval out;
        if (v->kind != E_CONST || v->value.t != PT_STR || v->value.obj->len >= sizeof text)
            return false;
        memcpy(text, v->value.obj->bytes, v->value.obj->len);
        text[v->value.obj->len] = '\0';
        if (ps_coerce_text(fd, text, &out, err, sizeof err))
            return false;
        *u = out.u;
        return true;
    }
    *u = fd->def;
    return true;
}

/* A list given to fd that is one value of it in this layer (a TXT
 * record's strings: ps_field.list_on), or may be: when the field it hangs
 * on is known only at run time, the run decides (and refuses a set inside
 * a record there). */
static bool list_is_value(const struct ps_expr *layer, const struct ps_field *fd)
{
    if (fd->list_encode && !fd->list_on)
        return true;
    int on = fd->list_on ? ps_field_index(layer->proto, fd->list_on) : -1;
    uint64_t u;
    return on >= 0 && (!layer_uint(layer, on, &u) || u == fd->list_when);
}

static bool is_value_set(const struct ps_expr *layer, const struct ps_expr *e,
                         const struct ps_field *fd)
{
    if (e->type == PT_RANGE || e->type == PT_PREFIX4 || e->type == PT_PREFIX6 ||
        e->type == PT_RANDOM)
        return true;
    return e->type == PT_LIST && !fd->flags && !fd->ipv4_list && !fd->ipv6_list &&
           fd->kind != PS_K_OPTIONS && fd->kind != PS_K_LAYERS && !list_is_value(layer, fd);
}

/* IP(options=[...]) holds IPOption_* layers only: checked here, where the
 * layers are still expressions, so the error points at the wrong one. */
static bool check_sub_layers(struct sema *s, const struct ps_expr *e, const struct ps_proto *p,
                             const struct ps_field *fd)
{
    const struct ps_expr *one = e;
    size_t n = e->kind == E_LIST ? e->nargs : 1;
    for (size_t i = 0; i < n; i++) {
        if (e->kind == E_LIST)
            one = e->args[i];
        if (one->kind != E_LAYER)
            continue;
        if (!ps_field_takes_class(fd, one->proto->klass)) {
            struct ast_loc at = {one->loc.line, one->loc.col, one->loc.line, one->loc.col, one->loc.file};
            ps_diag_error(s->d, at, "%s.%s holds %s layers, not %s", p->name, fd->name,
                          fd->sub_class, one->proto->name);
            return false;
        }
        /* A set inside a DNS record makes a packet of each member, as in
         * Scapy. Inside the elements of other lists (IP options) Scapy 2.5
         * builds the first member alone: neither is guessed here. A random
         * value would have to be drawn again for each packet, which the
         * element's one built form cannot do. (A pattern says why in its
         * own words: check_pattern_elements.) */
        for (size_t k = 0; !s->in_pattern && k < one->nopts; k++) {
            const struct ps_expr *v = one->opts[k].value;
            bool random = v->type == PT_RANDOM;
            if (!random && (fd->chain || !is_value_set(one, v, &one->proto->fields[one->opts[k].index])))
                continue;
            struct ast_loc at = {v->loc.line, v->loc.col, v->loc.line, v->loc.col, v->loc.file};
            if (random)
                ps_diag_error(s->d, at, "a random value inside %s's %s is not built (Scapy draws "
                              "a new one for each packet): give the element a set, or vary it "
                              "with a for loop", p->name, fd->name);
            else
                ps_diag_error(s->d, at, "a set inside an element of %s's %s is not built (Scapy "
                              "2.5 keeps its first member alone): vary the element with a for "
                              "loop", p->name, fd->name);
            return false;
        }
    }
    return true;
}

static void pattern_error(struct sema *s, struct ps_loc loc, const struct ps_proto *p,
                          const struct ps_field *fd, const char *why)
{
    struct ast_loc at = {loc.line, loc.col, loc.line, loc.col, loc.file};
    ps_diag_error(s->d, at, "%s.%s cannot be compared in a pattern: %s", p->name, fd->name, why);
}

/* The layers given to a list field in a pattern (records, options), each
 * compared with one element of the packet's list: one value per field. */
static void check_pattern_elements(struct sema *s, const struct ps_expr *e)
{
    if (e->kind == E_STACK || e->kind == E_LIST) {
        for (size_t i = 0; i < e->nargs; i++)
            check_pattern_elements(s, e->args[i]);
        return;
    }
    if (e->kind != E_LAYER)
        return;
    for (size_t i = 0; i < e->nopts; i++) {
        const struct ps_field *fd = &e->proto->fields[e->opts[i].index];
        if (e->opts[i].value->type != PT_RANDOM && is_value_set(e, e->opts[i].value, fd))
            pattern_error(s, e->opts[i].value->loc, e->proto, fd,
                          "an element of a list in a pattern matches one element of the "
                          "packet's, so each of its fields takes one value, not a set");
    }
}

/* What a pattern cannot compare is refused here, never passed at run time
 * (runtime/interp/pattern.c compares everything else). */
static void check_pattern_value(struct sema *s, const struct ps_expr *e, const struct ps_proto *p,
                                const struct ps_field *fd)
{
    if (e->type == PT_RANDOM)
        pattern_error(s, e->loc, p, fd,
                      "a random value matches no value in particular (write * for any value)");
    else if (fd->kind == PS_K_LAYERS && (e->type == PT_STR || e->type == PT_BYTES))
        pattern_error(s, e->loc, p, fd, "it is compared layer by layer: give its layers");
    else if (fd->kind == PS_K_LAYERS)
        check_pattern_elements(s, e);
}

struct ps_expr *sema_field_value(struct sema *s, const struct ast_node *n,
                                 const struct ps_proto *p, int fi)
{
    const struct ps_field *fd = &p->fields[fi];
    struct ps_expr *e = NULL;
    if (!(n->kind == AST_NAME && sema_lookup(s, n->str)) && sema_idiom_flag_words(s, n, p, fi))
        return NULL;
    if (n->kind == AST_NAME && !sema_lookup(s, n->str)) {
        uint64_t u;
        const char *bad = NULL;
        bool named = s->layer_ctx && s->layer_ctx->proto == p
                         ? ps_enum_value_in(s->layer_ctx, fd, n->str, &u)
                         : ps_enum_value(fd, n->str, &u);
        if (named ||
            (fd->flags && ps_flags_parse(fd, n->str, &u, &bad))) {
            struct ps_value c = ps_val_int(PT_INT, u);
            c.field = fd; /* written as a name: a failed expect shows names */
            return constant(n, c);
        }
        if (strcmp(n->str, "random") == 0) {
            e = random_value(s, n, NULL);
            if (s->in_pattern)
                check_pattern_value(s, e, p, fd);
            return e;
        }
        if (s->in_pattern && sema_proto(s, n->str) == NULL) {
            unknown_name(s, n, fd);
            return NULL;
        }
        if (fd->flags && bad && !sema_proto(s, n->str)) {
            ps_diag_error(s->d, n->loc, "unknown flag '%s' in %s.%s", bad, p->name, fd->name);
            return NULL;
        }
        if (!sema_proto(s, n->str)) {
            unknown_name(s, n, fd);
            return NULL;
        }
    }
    bool tuple_range;
    e = sema_idiom_tuple_range(s, n, p, fi, &tuple_range);
    if (tuple_range) {
        if (e)
            sema_check_field(s, e, p, fi);
        if (e && s->in_pattern)
            check_pattern_value(s, e, p, fd);
        return e;
    }
    if (n->kind == AST_LIST) {
        e = sema_new_expr(E_LIST, n);
        e->type = PT_LIST;
        for (size_t i = 0; i < n->nkids; i++) {
            struct ps_expr *k = fd->kind == PS_K_UINT ? sema_field_value(s, n->kids[i], p, fi)
                                                      : sema_expr(s, n->kids[i]);
            if (k)
                add_arg(e, k);
        }
        e = fold_list(e, PT_LIST);
    } else {
        e = sema_expr(s, n);
    }
    if (e && fd->kind == PS_K_LAYERS && !check_sub_layers(s, e, p, fd)) {
        sema_expr_free(e);
        return NULL;
    }
    if (e)
        sema_check_field(s, e, p, fi);
    if (e && s->in_pattern)
        check_pattern_value(s, e, p, fd);
    return e;
}

const struct ps_proto *sema_proto(const struct sema *s, const char *name)
{
    return ps_registry_find(&s->prog->layers, name);
}
