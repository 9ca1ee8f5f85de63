/* `layer Name { ... }`: a layer declared in a spec, written the way Scapy's
 * fields_desc is, one field a line:
 *
 *     layer Heartbeat {
 *         version = ByteField(1)
 *         kind    = ByteEnumField(0, [(0, "ping"), (1, "pong")])
 *         flags   = FlagsField(0, 8, ["A", "B", "C"])
 *         length  = ShortField(auto=length)
 *         chksum  = XShortField(auto=checksum)
 *         data    = StrField("")
 *         bind(UDP, dport=9999)
 *     }
 *
 * It becomes a protocol table like the built-in ones and joins the registry
 * for the program's life, so every stage handles it without knowing. */
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "coerce.h"
#include "proto/declared.h"
#include "sema.h"
#include "suggest.h"
#include "proto/proto.h"

struct field_class {
    const char *name;
    enum ps_kind kind;
    uint8_t bits;       /* 0: given as the second argument (BitField) */
    bool hex, enums, flags;
};

static const struct field_class classes[] = {
    {"ByteField", PS_K_UINT, 8, false, false, false},
    {"XByteField", PS_K_UINT, 8, true, false, false},
    {"ShortField", PS_K_UINT, 16, false, false, false},
    {"XShortField", PS_K_UINT, 16, true, false, false},
    {"IntField", PS_K_UINT, 32, false, false, false},
    {"XIntField", PS_K_UINT, 32, true, false, false},
    {"LongField", PS_K_UINT, 64, false, false, false},
    {"XLongField", PS_K_UINT, 64, true, false, false},
    {"BitField", PS_K_UINT, 0, false, false, false},
    {"ByteEnumField", PS_K_UINT, 8, false, true, false},
    {"ShortEnumField", PS_K_UINT, 16, false, true, false},
    {"IntEnumField", PS_K_UINT, 32, false, true, false},
    {"BitEnumField", PS_K_UINT, 0, false, true, false},
    {"FlagsField", PS_K_UINT, 0, false, false, true},
    {"MACField", PS_K_MAC, 0, false, false, false},
    {"IPField", PS_K_IPV4, 0, false, false, false},
    {"IP6Field", PS_K_IPV6, 0, false, false, false},
    {"StrField", PS_K_BYTES, 0, false, false, false},
};

static const struct field_class *find_class(const char *name)
{
    for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
        if (strcmp(classes[i].name, name) == 0)
            return &classes[i];
    return NULL;
}

static struct ast_loc at(const struct ast_node *n)
{
    return n->name_loc.line ? n->name_loc : n->loc;
}

static const struct ast_node *kwarg(const struct ast_node *call, const char *name)
{
    for (size_t i = 1; i < call->nkids; i++)
        if (call->kids[i]->kind == AST_KWARG && strcmp(call->kids[i]->str, name) == 0)
            return call->kids[i]->kids[0];
    return NULL;
}

static const struct ast_node *positional(const struct ast_node *call, size_t k)
{
    for (size_t i = 1; i < call->nkids; i++)
        if (call->kids[i]->kind != AST_KWARG && k-- == 0)
            return call->kids[i];
    return NULL;
}

/* [(0, "ping"), (1, "pong")]: Scapy's {0: "ping", 1: "pong"}. */
static bool read_enums(struct sema *s, const struct ast_node *n, struct ps_declared *dl, size_t fi)
{
    if (n->kind != AST_LIST) {
        ps_diag_error(s->d, n->loc, "enum names are a list of (value, \"name\") tuples");
        return false;
    }
    struct ps_enum *e = calloc(n->nkids + 1, sizeof *e);
    dl->enums[fi] = e;
    for (size_t i = 0; i < n->nkids; i++) {
        const struct ast_node *t = n->kids[i];
        if (t->kind != AST_TUPLE || t->nkids != 2 || t->kids[0]->kind != AST_INT ||
            t->kids[1]->kind != AST_STRING) {
            ps_diag_error(s->d, t->loc, "an enum name is a (value, \"name\") tuple");
            return false;
        }
        e[i].value = t->kids[0]->u;
        e[i].name = strdup(t->kids[1]->str);
    }
    dl->fields[fi].enums = e;
    return true;
}

static bool read_flags(struct sema *s, const struct ast_node *n, struct ps_declared *dl, size_t fi)
{
    if (n->kind != AST_LIST || n->nkids > 64) {
        ps_diag_error(s->d, n->loc, "flag names are a list of strings, bit 0 first");
        return false;
    }
    const char **names = calloc(n->nkids + 1, sizeof *names);
    dl->flags[fi] = names;
    for (size_t i = 0; i < n->nkids; i++) {
        if (n->kids[i]->kind != AST_STRING) {
            ps_diag_error(s->d, n->kids[i]->loc, "a flag name is a string");
            return false;
        }
        names[i] = strdup(n->kids[i]->str);
    }
    dl->fields[fi].flags = names;
    return true;
}

/* One `name = XField(default, ...)` line. */
static bool declare_field(struct sema *s, const struct ast_node *st, struct ps_declared *dl,
                          size_t fi)
{
    const struct ast_node *target = st->kids[0], *call = st->kids[1];
    const struct field_class *fc = NULL;
    if (target->kind != AST_NAME || call->kind != AST_CALL || call->kids[0]->kind != AST_NAME) {
        ps_diag_error(s->d, call->loc, "a field is declared as name = ByteField(default), or "
                      "another of Scapy's field classes");
        return false;
    }
    if (!(fc = find_class(call->kids[0]->str))) {
        struct ps_suggest sg;
        ps_suggest_init(&sg, call->kids[0]->str);
        for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
            ps_suggest_offer(&sg, classes[i].name);
        const char *best = ps_suggest_best(&sg);
        if (best)
            ps_diag_error(s->d, at(call), "no field class '%s' (did you mean '%s'?)",
                          call->kids[0]->str, best);
        else
            ps_diag_error(s->d, at(call), "no field class '%s' (ByteField, ShortField, IntField, "
                          "BitField, ByteEnumField, FlagsField, IPField, StrField, ...)",
                          call->kids[0]->str);
        return false;
    }
    struct ps_field *f = &dl->fields[fi];
    snprintf(dl->names[fi], sizeof dl->names[fi], "%s", target->str);
    f->name = dl->names[fi];
    f->kind = fc->kind;
    f->hex = fc->hex;
    f->bits = fc->bits;
    snprintf(dl->ls_types[fi], sizeof dl->ls_types[fi], "%s", fc->name);
    f->ls_type = dl->ls_types[fi];
    const struct ast_node *def = positional(call, 0), *size = positional(call, 1);
    const struct ast_node *names = positional(call, fc->bits || fc->kind != PS_K_UINT ? 1 : 2);
    const struct ast_node *rule = kwarg(call, "auto");
    if (fc->kind == PS_K_UINT && !fc->bits) {
        if (!size || size->kind != AST_INT || size->u == 0 || size->u > 64) {
            ps_diag_error(s->d, at(call), "%s takes its width in bits second, as %s(0, 4)",
                          fc->name, fc->name);
            return false;
        }
        f->bits = (uint8_t)size->u;
        if (!fc->flags) /* Scapy's ls() shows the width of bit fields, not of flags */
            snprintf(dl->ls_types[fi], sizeof dl->ls_types[fi], "%s  (%u bit%s)", fc->name,
                     f->bits, f->bits == 1 ? "" : "s");
    }
    if ((fc->enums || fc->flags) && !names) {
        ps_diag_error(s->d, at(call), "%s takes its names as a list", fc->name);
        return false;
    }
    if (fc->enums && !read_enums(s, names, dl, fi))
        return false;
    if (fc->flags && !read_flags(s, names, dl, fi))
        return false;
    if (rule) {
        if (fc->kind != PS_K_UINT || rule->kind != AST_NAME ||
            (strcmp(rule->str, "length") != 0 && strcmp(rule->str, "checksum") != 0)) {
            ps_diag_error(s->d, rule->loc, "auto= is length or checksum, on an integer field");
            return false;
        }
        f->is_auto = true;
        f->auto_rule = strcmp(rule->str, "length") == 0 ? PS_AUTO_LENGTH : PS_AUTO_CHECKSUM;
        f->ls_default = "None";
        return true;
    }
    /* The default, checked as any value given to this field would be. */
    snprintf(dl->texts[fi], sizeof dl->texts[fi], "%s", "");
    f->ls_default = dl->texts[fi];
    if (!def)
        return true;
    struct ps_tlayer *scratch = calloc(1, sizeof *scratch);
    scratch->proto = &dl->proto;
    dl->proto.nfields = fi + 1;
    struct ps_expr *e = sema_field_value(s, def, &dl->proto, (int)fi);
    bool ok = e && e->kind == E_CONST;
    if (e && !ok)
        ps_diag_error(s->d, def->loc, "a field's default is a constant");
    char err[256];
    if (ok && !ps_coerce_field(scratch, (int)fi, &e->value, err, sizeof err)) {
        const struct ps_fval *v = &scratch->f[fi].one;
        switch (f->kind) {
        case PS_K_UINT:
            f->def = v->u;
            snprintf(dl->texts[fi], sizeof dl->texts[fi], "%llu", (unsigned long long)v->u);
            break;
        case PS_K_BYTES:
            snprintf(dl->texts[fi], sizeof dl->texts[fi], "%.*s", (int)v->len,
                     (const char *)v->bytes);
            f->def_text = dl->texts[fi];
            break;
        default: {
            struct ps_value pv = e->value;
            if (pv.t == PT_STR)
                snprintf(dl->texts[fi], sizeof dl->texts[fi], "%.*s", (int)pv.obj->len,
                         (const char *)pv.obj->bytes);
            f->def_text = dl->texts[fi];
            break;
        }
        }
    }
    if (f->kind == PS_K_MAC || f->kind == PS_K_IPV4 || f->kind == PS_K_IPV6) {
        if (ok && e->value.t != PT_STR) {
            ps_diag_error(s->d, def->loc, "an address default is written as a string here, "
                          "as IPField(\"198.18.0.1\")");
            ok = false;
        }
    }
    ps_tfield_clear(&scratch->f[fi]);
    free(scratch);
    sema_expr_free(e);
    return ok;
}

/* `bind(UDP, dport=9999)`: stacked on UDP, this layer sets UDP.dport, and
 * a UDP whose dport is 9999 is read as this layer. */
static bool declare_bind(struct sema *s, const struct ast_node *call, struct ps_declared *dl,
                         size_t *nbinds)
{
    const struct ast_node *lower = positional(call, 0);
    const struct ps_proto *lp = lower && lower->kind == AST_NAME ? sema_proto(s, lower->str) : NULL;
    if (!lp) {
        const char *best = lower && lower->kind == AST_NAME ? sema_suggest_layer(s, lower->str) : NULL;
        if (best)
            ps_diag_error(s->d, lower->loc, "no layer '%s' (did you mean '%s'?)", lower->str, best);
        else
            ps_diag_error(s->d, lower ? lower->loc : at(call),
                          "bind() names the layer below first, as bind(UDP, dport=9999)");
        return false;
    }
    for (size_t i = 1; i < call->nkids; i++) {
        const struct ast_node *k = call->kids[i];
        if (k->kind != AST_KWARG)
            continue;
        int fi = sema_field(s, lp, k->str, at(k));
        if (fi < 0)
            return false;
        if (k->kids[0]->kind != AST_INT || lp->fields[fi].kind != PS_K_UINT) {
            ps_diag_error(s->d, k->kids[0]->loc, "a binding sets an integer field to a number");
            return false;
        }
        if (*nbinds == sizeof dl->binds / sizeof dl->binds[0] - 1) {
            ps_diag_error(s->d, k->loc, "too many bindings");
            return false;
        }
        dl->binds[(*nbinds)++] = (struct ps_bind){lp->name, lp->fields[fi].name, k->kids[0]->u};
    }
    return true;
}

/* Declares the layer; it joins the program's registry at once, so the rest
 * of the spec can use it (and no other program sees it). */
bool sema_layer(struct sema *s, const struct ast_node *n)
{
    struct ast_loc name_at = at(n);
    if (sema_proto(s, n->str) || ps_builtin_find(n->str, false) || sema_lookup(s, n->str)) {
        ps_diag_error(s->d, name_at, "'%s' is already defined", n->str);
        return false;
    }
    struct ps_declared *dl = ps_declared_new(n->str);
    const struct ast_node *body = n->kids[0];
    size_t nfields = 0, nbinds = 0;
    bool ok = true, variable = false;
    uint32_t bits = 0;
    for (size_t i = 0; i < body->nkids && ok; i++) {
        const struct ast_node *st = body->kids[i];
        if (st->kind == AST_EXPR && st->kids[0]->kind == AST_CALL &&
            st->kids[0]->kids[0]->kind == AST_NAME && strcmp(st->kids[0]->kids[0]->str, "bind") == 0) {
            ok = declare_bind(s, st->kids[0], dl, &nbinds);
            continue;
        }
        if (st->kind != AST_ASSIGN) {
            ps_diag_error(s->d, st->loc, "a layer holds fields (name = ByteField(0)) and "
                          "bind(...) lines only");
            ok = false;
            break;
        }
        if (nfields == PS_MAX_FIELDS) {
            ps_diag_error(s->d, st->loc, "a layer has at most %d fields", PS_MAX_FIELDS);
            ok = false;
            break;
        }
        if (variable) {
            ps_diag_error(s->d, st->loc, "a StrField takes the rest of the layer: it comes last");
            ok = false;
            break;
        }
        for (size_t k = 0; k < nfields; k++)
            if (strcmp(dl->names[k], st->kids[0]->str) == 0) {
                ps_diag_error(s->d, st->kids[0]->loc, "field '%s' is declared twice",
                              st->kids[0]->str);
                ok = false;
            }
        ok = ok && declare_field(s, st, dl, nfields);
        if (!ok)
            break;
        const struct ps_field *f = &dl->fields[nfields];
        variable = f->kind == PS_K_BYTES;
        uint32_t w = f->kind == PS_K_UINT ? f->bits : f->kind == PS_K_MAC ? 48
                   : f->kind == PS_K_IPV4 ? 32 : f->kind == PS_K_IPV6 ? 128 : 0;
        if (f->is_auto && (bits % 8 || w % 8)) {
            ps_diag_error(s->d, st->loc, "an auto field starts and ends on a whole byte");
            ok = false;
        }
        bits += w;
        nfields++;
    }
    if (ok && bits % 8) {
        ps_diag_error(s->d, name_at, "the fields of %s add up to %u bits, not whole bytes", n->str,
                      bits);
        ok = false;
    }
    dl->proto.nfields = nfields;
    if (!ok) {
        ps_declared_free(&dl->proto);
        return false;
    }
    s->prog->declared = realloc(s->prog->declared, (s->prog->ndeclared + 1) * sizeof(void *));
    s->prog->declared[s->prog->ndeclared++] = &dl->proto;
    ps_registry_set(&s->prog->layers, (const struct ps_proto *const *)s->prog->declared,
                    s->prog->ndeclared);
    return true;
}
