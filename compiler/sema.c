/* Statements: names bound to slots, params and their -D overrides, tests and
 * expects placed where they may stand. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "coerce.h"
#include "sema.h"
#include "proto/proto.h"

/* FNV-1a: names are short; the table keeps lookups linear overall. */
static size_t name_hash(const char *name)
{
    uint64_t h = 1469598103934665603u;
    for (; *name; name++)
        h = (h ^ (unsigned char)*name) * 1099511628211u;
    return (size_t)h;
}

static void index_put(struct sema *s, size_t i)
{
    size_t mask = s->nindex - 1;
    size_t k = name_hash(s->syms[i].name) & mask;
    while (s->index[k])
        k = (k + 1) & mask;
    s->index[k] = i + 1;
}

/* Keeps the table at most half full. */
static void index_grow(struct sema *s)
{
    if (2 * (s->nsyms + 1) <= s->nindex)
        return;
    free(s->index);
    s->nindex = s->nindex ? 2 * s->nindex : 64;
    while (2 * (s->nsyms + 1) > s->nindex)
        s->nindex *= 2;
    s->index = calloc(s->nindex, sizeof *s->index);
    if (!s->index)
        abort();
    for (size_t i = 0; i < s->nsyms; i++)
        index_put(s, i);
}

struct sema_sym *sema_lookup(struct sema *s, const char *name)
{
    if (!s->nindex)
        return NULL;
    size_t mask = s->nindex - 1;
    for (size_t k = name_hash(name) & mask; s->index[k]; k = (k + 1) & mask) {
        struct sema_sym *sym = &s->syms[s->index[k] - 1];
        if (strcmp(sym->name, name) == 0)
            return sym;
    }
    return NULL;
}

static struct sema_sym *bind(struct sema *s, const char *name, enum ps_type t, struct ast_loc at)
{
    struct sema_sym *sym = sema_lookup(s, name);
    if (sym) {
        if (sym->type != t)
            sym->type = PT_ANY;
        return sym;
    }
    if (s->nsyms == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 16;
        s->syms = realloc(s->syms, s->cap * sizeof *s->syms);
        if (!s->syms)
            abort();
    }
    index_grow(s);
    sym = &s->syms[s->nsyms++];
    memset(sym, 0, sizeof *sym);
    sym->name = strdup(name);
    sym->slot = (int)s->prog->nslots++;
    sym->type = t;
    sym->loc = at;
    index_put(s, s->nsyms - 1);
    return sym;
}

static struct ps_stmt *new_stmt(enum ps_skind kind, const struct ast_node *n)
{
    struct ps_stmt *st = calloc(1, sizeof *st);
    if (!st)
        abort();
    st->kind = kind;
    st->loc = sema_loc(n->loc);
    st->field = -1;
    return st;
}

/* Lists grow by doubling (their size is a power of two when they fill):
 * a spec of n statements costs O(n), not n reallocs. */
static void push_stmt(struct ps_stmt ***list, size_t *n, struct ps_stmt *st)
{
    if ((*n & (*n - 1)) == 0) {
        *list = realloc(*list, (*n ? 2 * *n : 1) * sizeof **list);
        if (!*list)
            abort();
    }
    (*list)[(*n)++] = st;
}

static struct ps_stmt *param(struct sema *s, const struct ast_node *n)
{
    struct ast_loc at = n->name_loc.line ? n->name_loc : n->loc;
    if (s->in_test || sema_lookup(s, n->str)) {
        ps_diag_error(s->d, at, sema_lookup(s, n->str) ? "'%s' is already defined"
                                                       : "param '%s' belongs at the top level",
                      n->str);
        return NULL;
    }
    struct ps_expr *v = sema_expr(s, n->kids[0]);
    if (!v)
        return NULL;
    if (v->kind != E_CONST || v->value.t == PT_NONE) {
        ps_diag_error(s->d, n->kids[0]->loc, "a param's default is a constant: a number, "
                      "address, prefix, duration, string or boolean");
        sema_expr_free(v);
        return NULL;
    }
    const struct ps_define *define = NULL;
    for (size_t i = 0; i < s->ndefs; i++) {
        if (strcmp(s->defs[i].name, n->str) != 0)
            continue;
        struct ps_value dv = {.t = PT_NONE};
        char why[256];
        const char *msg = sema_define_value(s, n->str, &v->value, s->defs[i].value, &dv, why,
                                            sizeof why);
        if (msg) {
            ps_diag_error(s->d, at, "-D %s=%s: %s", n->str, s->defs[i].value, msg);
            ps_val_release(&dv);
            continue;
        }
        ps_val_release(&v->value);
        v->value = dv;
        define = &s->defs[i];
    }
    struct sema_sym *sym = bind(s, n->str, v->value.t, at);
    sym->is_param = true;
    sema_known_bind(s, sym->slot, v, true, define);
    struct ps_stmt *st = new_stmt(S_BIND, n);
    st->slot = sym->slot;
    st->expr = v;
    st->param = true;
    return st;
}

/* `p[IP].ttl = 5` or `p.ttl = 5`. */
static struct ps_stmt *set_field(struct sema *s, const struct ast_node *n)
{
    const struct ast_node *t = n->kids[0];
    const struct ast_node *base = t->kids[0];
    const struct ast_node *var = base->kind == AST_INDEX ? base->kids[0] : base;
    if (var->kind != AST_NAME) {
        ps_diag_error(s->d, t->loc, "only a field of a named packet can be set, as p[IP].ttl = 5");
        return NULL;
    }
    struct sema_sym *sym = sema_lookup(s, var->str);
    if (!sym) {
        ps_diag_error(s->d, var->loc, "unknown name '%s'", var->str);
        return NULL;
    }
    if (sym->is_param) {
        ps_diag_error(s->d, var->loc, "'%s' is a param: its value is set by -D", var->str);
        return NULL;
    }
    if (sym->type != PT_PKT && sym->type != PT_ANY) {
        ps_diag_error(s->d, var->loc, "'%s' is %s, not a packet", var->str,
                      ps_type_name(sym->type));
        return NULL;
    }
    struct ps_stmt *st = new_stmt(S_SETFIELD, n);
    st->slot = sym->slot;
    struct ast_loc name_at = t->name_loc.line ? t->name_loc : t->loc;
    if (base->kind == AST_INDEX) {
        const struct ast_node *ln = base->kids[1];
        st->proto = ln->kind == AST_NAME ? sema_proto(s, ln->str) : NULL;
        if (!st->proto) {
            const char *best = ln->kind == AST_NAME ? sema_suggest_layer(s, ln->str) : NULL;
            if (best)
                ps_diag_error(s->d, ln->loc, "no layer '%s' (did you mean '%s'?)", ln->str, best);
            else
                ps_diag_error(s->d, ln->loc, "a layer name goes here, as p[IP].ttl = 5");
            ps_stmt_free(st);
            return NULL;
        }
        st->field = sema_field(s, st->proto, t->str, name_at);
        if (st->field < 0) {
            ps_stmt_free(st);
            return NULL;
        }
        st->expr = sema_field_value(s, n->kids[1], st->proto, st->field);
    } else {
        st->text = strdup(t->str); /* the first layer that has it, found when it runs */
        const struct ast_node *v = n->kids[1];
        if (v->kind == AST_NAME && !sema_lookup(s, v->str) && !sema_proto(s, v->str) &&
            strcmp(v->str, "random") != 0) {
            /* p.flags = SA, p.type = echo-reply: a name of the field's values,
             * read as the field's text when the run finds the layer */
            st->expr = sema_new_expr(E_CONST, v);
            st->expr->value = ps_val_bytes(PT_STR, (const uint8_t *)v->str, strlen(v->str));
            st->expr->type = PT_STR;
        } else {
            st->expr = sema_expr(s, v);
        }
    }
    if (!st->expr) {
        ps_stmt_free(st);
        return NULL;
    }
    return st;
}

static struct ps_stmt *statement(struct sema *s, const struct ast_node *n);

static void block(struct sema *s, const struct ast_node *b, struct ps_stmt *into)
{
    int outer = s->block_id;
    s->block_id = ++s->nblocks;
    for (size_t i = 0; i < b->nkids; i++) {
        struct ps_stmt *st = statement(s, b->kids[i]);
        if (st)
            push_stmt(&into->body, &into->nbody, st);
    }
    s->block_id = outer;
}

/* `if C { } elif C { } else { }`: a branch a condition, in order; the
 * else branch has none. A name bound in a branch is bound only when that
 * branch runs: the known-value analysis treats it as it treats a loop body. */
static struct ps_stmt *if_stmt(struct sema *s, const struct ast_node *n)
{
    struct ps_stmt *st = new_stmt(S_IF, n);
    s->if_depth++;
    s->loop_depth++;
    for (const struct ast_node *b = n; b;) {
        struct ps_stmt *br = new_stmt(S_BRANCH, b);
        const struct ast_node *next = NULL;
        if (b->kind == AST_IF) {
            br->expr = sema_expr(s, b->kids[0]);
            if (br->expr)
                sema_condition(s, b->kids[0], br->expr);
            block(s, b->kids[1], br);
            next = b->nkids > 2 ? b->kids[2] : NULL;
        } else {
            block(s, b, br);
        }
        push_stmt(&st->body, &st->nbody, br);
        b = next;
    }
    s->loop_depth--;
    s->if_depth--;
    return st;
}

/* What belongs at the top level (or in a test) only, inside an if. */
static bool not_in_if(struct sema *s, const struct ast_node *n, const char *what)
{
    if (s->if_depth == 0)
        return false;
    ps_diag_error(s->d, n->loc, "%s cannot be inside an if: put the if inside it", what);
    return true;
}

static enum ps_type element_type(enum ps_type t)
{
    switch (t) {
    case PT_RANGE: return PT_INT;
    case PT_PKT: case PT_PKTLIST: return PT_PKT;
    default: return PT_ANY;
    }
}

static char *source_text(struct sema *s, struct ast_loc l)
{
    /* The condition as written, for "expected ... got ..." messages. */
    const char *text = s->d->src->text;
    if (l.file > 0 && s->d->files && (size_t)l.file < s->d->files->n)
        text = s->d->files->v[l.file].text;
    int line = 1;
    const char *p = text;
    while (*p && line < l.line)
        if (*p++ == '\n')
            line++;
    const char *start = p + (l.col - 1);
    const char *end = start;
    while (*end && *end != '\n' && !(l.end_line == l.line && end - p >= l.end_col))
        end++;
    return strndup(start, (size_t)(end - start));
}

/* `for s, r in ans`: the loop's own variable is named "s, r" (no spec can
 * write that name, and `# in for s, r, item K of N` reads right), and the
 * body starts by unpacking it into s and r, as `s, r = item` would. */
static char *for_names_text(const struct ast_node *names)
{
    size_t len = 1;
    for (size_t i = 0; i < names->nkids; i++)
        len += strlen(names->kids[i]->str) + 2;
    char *text = calloc(1, len);
    if (!text)
        abort();
    for (size_t i = 0; i < names->nkids; i++) {
        if (i)
            strcat(text, ", ");
        strcat(text, names->kids[i]->str);
    }
    return text;
}

static struct ps_stmt *for_unpack(struct sema *s, const struct ast_node *names, int from)
{
    struct ps_stmt *st = new_stmt(S_UNPACK, names);
    st->expr = sema_new_expr(E_VAR, names);
    st->expr->slot = from;
    st->nslots = names->nkids;
    st->slots = calloc(st->nslots, sizeof *st->slots);
    if (!st->slots)
        abort();
    for (size_t i = 0; i < names->nkids; i++) {
        const struct ast_node *t = names->kids[i];
        /* a pair of ans holds packets, a list of tuples anything */
        st->slots[i] = bind(s, t->str, PT_ANY, t->loc)->slot;
        sema_known_bind(s, st->slots[i], NULL, false, NULL);
    }
    return st;
}

static struct ps_stmt *statement(struct sema *s, const struct ast_node *n)
{
    struct ps_stmt *st = NULL;
    switch (n->kind) {
    case AST_PARAM:
        if (not_in_if(s, n, "a param"))
            return NULL;
        return param(s, n);
    case AST_IF:
        return if_stmt(s, n);
    case AST_ASSIGN: {
        const struct ast_node *t = n->kids[0];
        if (t->kind == AST_ATTR)
            return set_field(s, n);
        if (t->kind != AST_NAME) {
            ps_diag_error(s->d, t->loc, "cannot assign to this: a name or p[Layer].field goes "
                          "on the left of '='");
            return NULL;
        }
        struct sema_sym *old = sema_lookup(s, t->str);
        if (old && old->is_param) {
            ps_diag_error(s->d, t->loc, "'%s' is a param: its value is set by -D", t->str);
            return NULL;
        }
        struct ps_expr *v = sema_expr(s, n->kids[1]);
        if (!v)
            return NULL;
        st = new_stmt(S_BIND, n);
        st->expr = v;
        st->slot = bind(s, t->str, v->type, t->loc)->slot;
        sema_known_bind(s, st->slot, v, false, NULL);
        sema_async_bind(s, st->slot, v);
        return st;
    }
    case AST_UNPACK: {
        const struct ast_node *valn = n->kids[n->nkids - 1];
        struct ps_expr *v = sema_expr(s, valn);
        if (!v)
            return NULL;
        if (v->type != PT_TUPLE && v->type != PT_ANY) {
            ps_diag_error(s->d, valn->loc, "%s cannot be unpacked into %zu names",
                          ps_type_name(v->type), n->nkids - 1);
            sema_expr_free(v);
            return NULL;
        }
        bool pair = v->kind == E_CALL;
        if (pair && n->nkids - 1 != 2)
            ps_diag_error(s->d, n->loc, "this gives two values (ans, unans), not %zu",
                          n->nkids - 1);
        st = new_stmt(S_UNPACK, n);
        st->expr = v;
        st->nslots = n->nkids - 1;
        st->slots = calloc(st->nslots, sizeof *st->slots);
        for (size_t i = 0; i + 1 < n->nkids; i++) {
            const struct ast_node *t = n->kids[i];
            if (t->kind != AST_NAME) {
                ps_diag_error(s->d, t->loc, "only names can be unpacked into");
                continue;
            }
            st->slots[i] = bind(s, t->str, pair ? PT_PKTLIST : PT_ANY, t->loc)->slot;
            sema_known_bind(s, st->slots[i], NULL, false, NULL);
            sema_async_bind(s, st->slots[i], NULL);
        }
        return st;
    }
    case AST_EXPR: {
        struct ps_expr *v = sema_expr(s, n->kids[0]);
        if (!v)
            return NULL;
        if (v->kind != E_CALL && v->kind != E_METHOD)
            ps_diag_warning(s->d, n->loc, "this expression's value is not used");
        if (v->kind == E_METHOD)
            v->as_value = false;
        st = new_stmt(S_EVAL, n);
        st->expr = v;
        return st;
    }
    case AST_FOR: {
        struct ps_expr *it = sema_expr(s, n->kids[0]);
        if (!it)
            return NULL;
        if (it->type != PT_LIST && it->type != PT_RANGE && it->type != PT_PKT &&
            it->type != PT_PKTLIST && it->type != PT_ANY) {
            ps_diag_error(s->d, n->kids[0]->loc, "for goes over a list, a range or packets, "
                          "not %s", ps_type_name(it->type));
        }
        st = new_stmt(S_FOR, n);
        st->expr = it;
        struct ast_loc at = n->name_loc.line ? n->name_loc : n->loc;
        const struct ast_node *names = n->nkids > 2 ? n->kids[2] : NULL;
        char *joined = names ? for_names_text(names) : NULL;
        st->slot = bind(s, joined ? joined : n->str, element_type(it->type), at)->slot;
        free(joined);
        sema_known_for(s, st->slot, it);
        s->loop_depth++;
        if (names)
            push_stmt(&st->body, &st->nbody, for_unpack(s, names, st->slot));
        block(s, n->kids[1], st);
        s->loop_depth--;
        sema_known_forget(s, st->slot);
        return st;
    }
    case AST_TEST:
        if (not_in_if(s, n, "a test"))
            return NULL;
        if (s->in_test) {
            ps_diag_error(s->d, n->loc, "a test cannot hold another test");
            return NULL;
        }
        st = new_stmt(S_TEST, n);
        st->text = malloc(n->len + 1);
        memcpy(st->text, n->str, n->len + 1);
        st->text_len = n->len;
        s->prog->ntests++;
        s->in_test = true;
        block(s, n->kids[0], st);
        s->in_test = false;
        return st;
    case AST_IMPORT:   /* ps_imports replaced every one at the top level */
        ps_diag_error(s->d, n->loc, "import belongs at the top level of a file");
        return NULL;
    case AST_LAYER:
        if (not_in_if(s, n, "a layer declaration"))
            return NULL;
        if (s->in_test)
            ps_diag_error(s->d, n->loc, "a layer is declared at the top level");
        else
            sema_layer(s, n);
        return NULL;
    case AST_EXPECT: {
        if (!s->in_test) {
            ps_diag_error(s->d, n->loc, "expect belongs inside a test \"name\" { ... } block");
            return NULL;
        }
        struct ps_expr *c = sema_expr(s, n->kids[0]);
        if (!c)
            return NULL;
        st = new_stmt(S_EXPECT, n);
        st->expr = c;
        st->cond_text = source_text(s, n->kids[0]->loc);
        if (n->nkids > 1 && n->kids[1]) {
            st->text = malloc(n->kids[1]->len + 1);
            memcpy(st->text, n->kids[1]->str, n->kids[1]->len + 1);
            st->text_len = n->kids[1]->len;
        }
        return st;
    }
    default:
        ps_diag_error(s->d, n->loc, "this is not a statement");
        return NULL;
    }
}

/* The lab's params are known to every spec, so that `check` and a dry run
 * see the names a lab run will give values to. Outside the lab they hold the
 * addresses LANGUAGE.md fixes and stand-ins for what only the lab knows. */
static void lab_params(struct sema *s)
{
    static const struct {
        const char *name;
        enum ps_type t;
        const char *text;
    } params[] = {
        {"lab_iface", PT_STR, "pktspec0"},
        {"lab_self", PT_IP4, "198.18.0.1"},
        {"lab_peer", PT_IP4, "198.18.0.2"},
        {"lab_self6", PT_IP6, "2001:db8::1"},
        {"lab_peer6", PT_IP6, "2001:db8::2"},
        {"lab_self_mac", PT_MAC, "02:00:00:00:00:01"},
        {"lab_peer_mac", PT_MAC, "02:00:00:00:00:02"},
    };
    struct ast_node here = {.kind = AST_NONE};
    for (size_t i = 0; i < sizeof params / sizeof params[0]; i++) {
        struct ps_value v = {.t = params[i].t};
        if (v.t == PT_STR)
            v = ps_val_bytes(PT_STR, (const uint8_t *)params[i].text, strlen(params[i].text));
        else if (v.t == PT_IP4)
            ps_parse_ip4(params[i].text, v.addr);
        else if (v.t == PT_IP6)
            ps_parse_ip6(params[i].text, v.addr);
        else
            ps_parse_mac(params[i].text, v.addr);
        struct sema_sym *sym = bind(s, params[i].name, v.t, here.loc);
        sym->is_param = true;
        struct ps_stmt *st = new_stmt(S_LABPARAM, &here);
        st->slot = sym->slot;
        st->text = strdup(params[i].name);
        st->expr = sema_new_expr(E_CONST, &here);
        st->expr->value = v;
        st->expr->type = v.t;
        push_stmt(&s->prog->stmts, &s->prog->nstmts, st);
        sema_known_bind(s, sym->slot, st->expr, true, NULL);
    }
}

struct ps_program *ps_compile(const struct ast_node *ast, struct ps_diag *d,
                              const struct ps_define *defs, size_t ndefs)
{
    struct sema s = {.d = d, .defs = defs, .ndefs = ndefs};
    s.prog = calloc(1, sizeof *s.prog);
    if (!s.prog)
        abort();
    s.prog->path = d->src->path;
    s.prog->source = d->src->text;
    s.prog->source_len = d->src->len;
    s.prog->files = d->files;
    int before = d->errors;
    lab_params(&s);
    for (size_t i = 0; i < ast->nkids; i++) {
        struct ps_stmt *st = statement(&s, ast->kids[i]);
        if (st)
            push_stmt(&s.prog->stmts, &s.prog->nstmts, st);
    }
    for (size_t i = 0; i < ndefs; i++) {
        struct sema_sym *sym = sema_lookup(&s, defs[i].name);
        if (!sym || !sym->is_param) {
            struct ast_loc nowhere = {0, 0, 0, 0, 0};
            ps_diag_error(d, nowhere, "-D %s: %s has no param '%s'", defs[i].name, d->src->path,
                          defs[i].name);
        }
    }
    s.prog->slot_names = calloc(s.prog->nslots ? s.prog->nslots : 1, sizeof(char *));
    for (size_t i = 0; i < s.nsyms; i++) {
        s.prog->slot_names[s.syms[i].slot] = s.syms[i].name;
    }
    free(s.syms);
    sema_known_free(&s);
    sema_async_free(&s);
    free(s.index);
    if (d->errors > before) {
        ps_program_free(s.prog);
        return NULL;
    }
    return s.prog;
}
