/* An expect on answers, compiled into a C function of the probe: answer
 * truthiness, `not`, `r matches PATTERN` (constant fields of the layers the
 * probe walks), `r[L].f OP const`, `r[Raw].load == "..."`, `len(ans)`/
 * `len(unans) OP N`, and/or; r an answer of sr1/srp1 or, in a `for` over
 * ans, pair[1] (the answer) or pair[0] (its request). Anything else is
 * refused at its spec location. */
#include <stdlib.h>
#include <string.h>

#include "coerce.h"
#include "emit.h"
#include "emit_expect.h"
#include "value.h"

/* The layers the probe's walker knows (probe_answers.c), by Scapy name. */
static const char *const layer_kinds[][2] = {
    {"Ether", "PK_L_ETHER"},         {"ARP", "PK_L_ARP"},           {"IP", "PK_L_IP"},
    {"ICMP", "PK_L_ICMP"},           {"TCP", "PK_L_TCP"},           {"UDP", "PK_L_UDP"},
    {"IPerror", "PK_L_IPERROR"},     {"ICMPerror", "PK_L_ICMPERROR"},
    {"TCPerror", "PK_L_TCPERROR"},   {"UDPerror", "PK_L_UDPERROR"},   {"Raw", "PK_L_RAW"},
};

enum cx_type { CX_INT, CX_BOOL, CX_ANSWER, CX_LIST, CX_PAIR, CX_LOAD };

/* Which packet an answer operand is: the probe's enum pk_side. */
enum cx_side { SIDE_ANSWER1, SIDE_PAIR_RECV, SIDE_PAIR_SENT };

/* An operand of answers: a packet (call, side, pair), a list (call,
 * unans), or a Raw load (call, side, pair, kind). */
struct cref {
    size_t call;
    enum cx_side side;
    uint64_t pair;             /* 0: the pair a loop is at; k + 1: ans[k] */
    bool unans;
    const char *kind;
};

struct cx {
    const struct ps_value *slots;
    FILE *pre;                 /* pattern tables, before the function */
    size_t id, npat;
    struct ps_loc bad;         /* where compiling stopped */
    const char *why;
    const char *got_kind;      /* how the last value compiled prints (enum pk_got_kind) */
};

static const char *layer_kind(const struct ps_proto *p)
{
    for (size_t i = 0; p && i < sizeof layer_kinds / sizeof layer_kinds[0]; i++)
        if (strcmp(p->name, layer_kinds[i][0]) == 0)
            return layer_kinds[i][1];
    return NULL;
}

static bool refuse(struct cx *c, struct ps_loc loc, const char *why)
{
    if (!c->why) {
        c->bad = loc;
        c->why = why;
    }
    return false;
}

/* Where field fi starts in its layer, in bits, and how wide it is: the
 * fixed fields before it, and the conditional ones that share its
 * condition (ICMP's id and seq). */
static bool field_place(const struct ps_proto *p, int fi, unsigned *off, unsigned *bits)
{
    unsigned at = 0;
    for (int i = 0; i <= fi; i++) {
        const struct ps_field *f = &p->fields[i];
        unsigned w = f->kind == PS_K_UINT ? f->bits
                     : f->kind == PS_K_MAC ? 48
                     : f->kind == PS_K_IPV4 ? 32
                                            : 0;
        if (i == fi) {
            *off = at;
            *bits = w;
            return w > 0 && w <= 64;
        }
        if (f->present && f->present != p->fields[fi].present)
            continue;
        if (w == 0)
            return false;
        at += w;
    }
    return false;
}

static uint64_t addr_value(const uint8_t *a, unsigned bits)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < bits / 8; i++)
        v = v << 8 | a[i];
    return v;
}

static uint64_t fval_value(const struct ps_field *f, const struct ps_fval *v, unsigned bits)
{
    return f->kind == PS_K_UINT ? v->u : addr_value(v->addr, bits);
}

static void release_layer(struct ps_tlayer *l)
{
    for (size_t i = 0; i < PS_MAX_FIELDS; i++) {
        if (l->f[i].keep) {
            struct ps_value k = {.t = l->f[i].keep->t, .obj = l->f[i].keep};
            ps_val_release(&k);
        }
    }
}

/* One pattern layer: its constant fields as the table `name` (none: no
 * table), its row of the pattern into rows; false: refused. */
static bool pattern_layer(struct cx *c, const struct ps_tlayer *l, struct ps_loc loc,
                          const char *name, FILE *rows)
{
    const char *kind = layer_kind(l->proto);
    if (!kind)
        return refuse(c, loc, "match answers on this layer (the probe walks Ether, ARP, IP, "
                      "ICMP, TCP, UDP and the errors' quotes)");
    size_t nf = 0;
    for (size_t f = 0; f < l->proto->nfields; f++) {
        const struct ps_tfield *tf = &l->f[f];
        if (tf->src == FS_UNSET || tf->src == FS_RANDOM)
            continue;
        unsigned off, bits;
        if (tf->src != FS_CONST)
            return refuse(c, loc, "match answers on a field with more than one value");
        if (!field_place(l->proto, (int)f, &off, &bits))
            return refuse(c, loc, "match answers on a field of no fixed place or width");
        if (nf++ == 0)
            fprintf(c->pre, "static const struct pk_pat_field %s[] = {\n", name);
        fprintf(c->pre, "    {%u, %u, %lluu}, /* %s.%s */\n", off, bits,
                (unsigned long long)fval_value(&l->proto->fields[f], &tf->one, bits),
                l->proto->name, l->proto->fields[f].name);
    }
    if (nf)
        fputs("};\n", c->pre);
    fprintf(rows, "    {%s, %zu, %s},\n", kind, nf, nf ? name : "NULL");
    return true;
}

/* A pattern's layers, built from the expression as the interpreter would
 * (constants and the slots' values at the expect). */
static size_t pattern_layers(struct cx *c, const struct ps_expr *e, struct ps_tlayer *out,
                             size_t cap)
{
    if (e->kind == E_STACK) {
        size_t n = pattern_layers(c, e->args[0], out, cap);
        return n + (c->why ? 0 : pattern_layers(c, e->args[1], out + n, cap - n));
    }
    const struct ps_value *v = e->kind == E_CONST ? &e->value
                               : e->kind == E_VAR ? &c->slots[e->slot]
                                                  : NULL;
    if (v && v->t == PT_PKT) {
        const struct ps_tpkt *t = &v->obj->pkt;
        if (t->n > cap)
            return refuse(c, e->loc, "match answers on so many layers"), 0;
        for (size_t i = 0; i < t->n; i++) {
            out[i] = *t->layers[i];
            for (size_t f = 0; f < PS_MAX_FIELDS; f++)
                out[i].f[f].keep = NULL;
        }
        return t->n;
    }
    if (e->kind != E_LAYER)
        return refuse(c, e->loc, "match answers on a pattern that is no stack of layers"), 0;
    if (cap == 0)
        return refuse(c, e->loc, "match answers on so many layers"), 0;
    memset(out, 0, sizeof *out);
    out->proto = e->proto;
    for (size_t i = 0; i < e->nopts; i++) {
        const struct ps_expr *a = e->opts[i].value;
        const struct ps_value *av = a->kind == E_CONST ? &a->value
                                    : a->kind == E_VAR ? &c->slots[a->slot]
                                                       : NULL;
        char err[256];
        if (!av || av->t == PT_WIRE || ps_coerce_field(out, e->opts[i].index, av, err, sizeof err)) {
            release_layer(out);
            return refuse(c, a->loc, "match answers on a field value known only at run time"), 0;
        }
    }
    return 1;
}

static bool compile_matches(struct cx *c, const struct cref *r, const struct ps_expr *pat,
                            FILE *code)
{
    struct ps_tlayer layers[PS_MAX_LAYERS];
    size_t n = pattern_layers(c, pat, layers, PS_MAX_LAYERS);
    if (c->why) {
        for (size_t i = 0; i < n; i++)
            release_layer(&layers[i]);
        return false;
    }
    size_t id = c->npat++;
    char *rows_text = NULL;
    size_t rows_len = 0;
    FILE *rows = open_memstream(&rows_text, &rows_len);
    if (!rows)
        abort();
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        char name[64];
        snprintf(name, sizeof name, "pk_pat%zu_%zu_%zu", c->id, id, i);
        ok = ok && pattern_layer(c, &layers[i], pat->loc, name, rows);
        release_layer(&layers[i]);
    }
    fclose(rows);
    if (ok) {
        fprintf(c->pre, "static const struct pk_pat_layer pk_pat%zu_%zu[%zu] = {\n%s};\n", c->id,
                id, n ? n : 1, n ? rows_text : "    {0, 0, NULL},\n");
        fprintf(code, "pk_match(x, %zu, %d, %llu, pk_pat%zu_%zu, %zu)", r->call, r->side,
                (unsigned long long)r->pair, c->id, id, n);
    }
    free(rows_text);
    return ok;
}

static bool compile(struct cx *c, const struct ps_expr *e, FILE *out, enum cx_type *t,
                    struct cref *r);

/* An operand that should be an answer or a list of answers: its type and
 * reference; the text of anything else is dropped (the caller refuses it). */
static bool compile_operand(struct cx *c, const struct ps_expr *e, enum cx_type *t,
                            struct cref *r)
{
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m)
        abort();
    *t = CX_INT;
    bool ok = compile(c, e, m, t, r);
    fclose(m);
    free(text);
    return ok;
}

/* A packet operand: an answer of sr1, or a request or answer of a pair. */
static bool compile_packet(struct cx *c, const struct ps_expr *e, struct cref *r)
{
    enum cx_type t;
    return compile_operand(c, e, &t, r) && t == CX_ANSWER;
}

/* ans[k], pair[0], pair[1], ans[k][0], ans[k][1]. */
static bool compile_item(struct cx *c, const struct ps_expr *e, enum cx_type *t, struct cref *r)
{
    const struct ps_expr *ix = e->args[1];
    enum cx_type bt;
    if (e->proto || !compile_operand(c, e->args[0], &bt, r) || ix->kind != E_CONST ||
        ix->value.t != PT_INT)
        return refuse(c, e->loc, "take this item of answers (ans[k], pair[0], pair[1] only)");
    if (bt == CX_LIST && !r->unans && ix->value.u < UINT32_MAX) {
        r->pair = ix->value.u + 1;
        *t = CX_PAIR;
    } else if (bt == CX_PAIR && ix->value.u < 2) {
        r->side = ix->value.u == 0 ? SIDE_PAIR_SENT : SIDE_PAIR_RECV;
        *t = CX_ANSWER;
    } else {
        return refuse(c, e->loc, "take this item of answers (ans[k], pair[0], pair[1] only)");
    }
    return true;
}

/* e as a C expression of type uint64_t (or the int of a condition). */
static bool compile_value(struct cx *c, const struct ps_expr *e, FILE *out, bool truth)
{
    enum cx_type t;
    struct cref r;
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m)
        abort();
    bool ok = compile(c, e, m, &t, &r);
    fclose(m);
    if (ok) {
        if (t == CX_ANSWER && truth)
            fprintf(out, "pk_some(x, %zu, %d, %llu)", r.call, r.side, (unsigned long long)r.pair);
        else if (t != CX_INT && t != CX_BOOL)
            ok = refuse(c, e->loc, "use answers or their bytes as a number");
        else
            fputs(text, out);
    }
    free(text);
    return ok;
}

static const char *c_op(enum ps_op op)
{
    switch (op) {
    case PO_EQ: return "==";
    case PO_NE: return "!=";
    case PO_LT: return "<";
    case PO_LE: return "<=";
    case PO_GT: return ">";
    case PO_GE: return ">=";
    case PO_AND: return "&&";
    case PO_OR: return "||";
    default: return NULL;
    }
}

/* A value of the wire, as interp.h encodes it: its operand. */
static bool wire_operand(const struct ps_value *v, enum cx_type *t, struct cref *r)
{
    static const struct {
        enum cx_type t;
        enum cx_side side;
    } parts[PS_WIRE_PARTS] = {
        [PS_WIRE_ANSWER] = {CX_ANSWER, SIDE_ANSWER1}, [PS_WIRE_ANS] = {CX_LIST, 0},
        [PS_WIRE_UNANS] = {CX_LIST, 0},               [PS_WIRE_PAIR] = {CX_PAIR, 0},
        [PS_WIRE_SENT] = {CX_ANSWER, SIDE_PAIR_SENT}, [PS_WIRE_RECV] = {CX_ANSWER, SIDE_PAIR_RECV},
    };
    unsigned part = (unsigned)(v->u % PS_WIRE_PARTS);
    if (part == 0 || !parts[part].t)
        return false;
    *t = parts[part].t;
    *r = (struct cref){.call = (size_t)(v->u / PS_WIRE_PARTS), .side = parts[part].side,
                       .pair = v->hi, .unans = part == PS_WIRE_UNANS};
    return true;
}

/* A field of an answer: a number or address at a fixed place, or a Raw
 * layer's bytes. */
static bool compile_field(struct cx *c, const struct ps_expr *e, FILE *out, enum cx_type *t,
                          struct cref *r)
{
    const struct ps_expr *g = e->args[0];
    unsigned off, bits;
    if (g->kind != E_GETLAYER || !g->proto || e->field < 0)
        return refuse(c, e->loc, "read this field of an answer (r[LAYER].field only)");
    const char *kind = layer_kind(g->proto);
    if (!compile_packet(c, g->args[0], r))
        return refuse(c, e->loc, "read this field (of an answer of sr1 or srp1, or pair[0] or "
                      "pair[1] in a for over ans, only)");
    if (kind && strcmp(g->proto->name, "Raw") == 0) {
        r->kind = kind;
        *t = CX_LOAD;
        return true;
    }
    if (!kind || !field_place(g->proto, e->field, &off, &bits))
        return refuse(c, e->loc, "read this field of an answer (a number or an address of a "
                      "fixed place in Ether, ARP, IP, ICMP, TCP, UDP or an error's quote, or "
                      "Raw's load)");
    fprintf(out, "pk_field(x, %zu, %d, %llu, %s, %u, %u)", r->call, r->side,
            (unsigned long long)r->pair, kind, off, bits);
    enum ps_kind fk = g->proto->fields[e->field].kind;
    c->got_kind = fk == PS_K_IPV4 ? "PK_GOT_IP4" : fk == PS_K_MAC ? "PK_GOT_MAC" : "PK_GOT_INT";
    *t = CX_INT;
    return true;
}

/* r[Raw].load == "..." (or !=). */
static bool compile_load_compare(struct cx *c, const struct ps_expr *e, FILE *out)
{
    const struct ps_expr *field = e->args[0], *lit = e->args[1];
    enum cx_type t;
    struct cref r;
    if (field->kind != E_FIELD)
        field = e->args[1], lit = e->args[0];
    const struct ps_value *v = lit->kind == E_CONST ? &lit->value
                               : lit->kind == E_VAR ? &c->slots[lit->slot]
                                                    : NULL;
    if (!compile_operand(c, field, &t, &r) || t != CX_LOAD)
        return false;
    if ((e->op != PO_EQ && e->op != PO_NE) || !v || (v->t != PT_STR && v->t != PT_BYTES))
        return refuse(c, e->loc, "check a Raw load against this (== or != a string only)");
    /* a failed expect shows the left side, as the interpreter does */
    fprintf(out, "%spk_load_is(x, %zu, %d, %llu, %s, ", e->op == PO_NE ? "!" : "", r.call,
            r.side, (unsigned long long)r.pair, r.kind);
    ps_emit_cstr(out, v->obj->bytes, v->obj->len);
    fprintf(out, ", %zu, %d)", v->obj->len, field == e->args[0]);
    return true;
}

static bool compile(struct cx *c, const struct ps_expr *e, FILE *out, enum cx_type *t,
                    struct cref *r)
{
    switch (e->kind) {
    case E_CONST:
    case E_VAR: {
        const struct ps_value *v = e->kind == E_CONST ? &e->value : &c->slots[e->slot];
        if (v->t == PT_WIRE && wire_operand(v, t, r))
            return true;
        if (v->t == PT_INT || v->t == PT_BOOL) {
            *t = v->t == PT_BOOL ? CX_BOOL : CX_INT;
            c->got_kind = v->t == PT_BOOL ? "PK_GOT_BOOL" : "PK_GOT_INT";
            fprintf(out, "UINT64_C(%llu)", (unsigned long long)v->u);
            return true;
        }
        /* an address as pk_field reads one: big-endian, in 64 bits */
        if (v->t == PT_IP4 || v->t == PT_MAC) {
            *t = CX_INT;
            c->got_kind = v->t == PT_IP4 ? "PK_GOT_IP4" : "PK_GOT_MAC";
            fprintf(out, "UINT64_C(%llu)",
                    (unsigned long long)addr_value(v->addr, v->t == PT_IP4 ? 32 : 48));
            return true;
        }
        return refuse(c, e->loc, "check this value against answers (numbers, booleans, IPv4 "
                      "and MAC addresses and answers only)");
    }
    case E_NOT:
        fputs("!", out);
        *t = CX_BOOL;
        return compile_value(c, e->args[0], out, true);
    case E_BINOP: {
        const char *op = c_op(e->op);
        if (!op)
            return refuse(c, e->loc, "check answers with this operator");
        *t = CX_BOOL;
        if (e->args[0]->kind == E_FIELD || e->args[1]->kind == E_FIELD) {
            if (compile_load_compare(c, e, out))
                return true;
            if (c->why)
                return false;
        }
        bool logic = e->op == PO_AND || e->op == PO_OR;
        fputs("(", out);
        bool ok;
        if (logic) {
            ok = compile_value(c, e->args[0], out, true);
        } else {
            /* a failed expect shows the left side, as the interpreter does */
            char *left = NULL;
            size_t n = 0;
            FILE *m = open_memstream(&left, &n);
            if (!m)
                abort();
            c->got_kind = "PK_GOT_INT";
            ok = compile_value(c, e->args[0], m, false);
            fclose(m);
            fprintf(out, "pk_got(x, %s, %s)", c->got_kind, left);
            free(left);
        }
        fprintf(out, " %s ", op);
        ok = ok && compile_value(c, e->args[1], out, logic);
        fputs(")", out);
        return ok;
    }
    case E_CALL: {
        if (e->builtin != B_LEN || e->nargs != 1)
            return refuse(c, e->loc, "call this on answers");
        enum cx_type at;
        bool ok = compile_operand(c, e->args[0], &at, r);
        if (!ok || at != CX_LIST)
            return refuse(c, e->loc, "take len() of this on answers (ans or unans only)");
        fprintf(out, "pk_n%sans(x, %zu)", r->unans ? "un" : "", r->call);
        c->got_kind = "PK_GOT_INT";
        *t = CX_INT;
        return true;
    }
    case E_MATCHES:
        if (!compile_packet(c, e->args[0], r))
            return refuse(c, e->loc, "match this against a pattern (an answer of sr1 or srp1, "
                          "or pair[0] or pair[1] in a for over ans, only)");
        *t = CX_BOOL;
        return compile_matches(c, r, e->args[1], out);
    case E_FIELD:
        return compile_field(c, e, out, t, r);
    case E_GETLAYER:
        return compile_item(c, e, t, r);
    case E_WITHIN: {
        const struct ps_expr *d = e->args[1];
        const struct ps_value *dv = d->kind == E_CONST ? &d->value
                                    : d->kind == E_VAR ? &c->slots[d->slot]
                                                       : NULL;
        if (!compile_packet(c, e->args[0], r) || r->side == SIDE_PAIR_SENT || !dv ||
            dv->t == PT_WIRE)
            return refuse(c, e->loc, "check this `within` (an answer within a constant only)");
        fprintf(out, "pk_within(x, %zu, %d, %llu, UINT64_C(%llu))", r->call, r->side,
                (unsigned long long)r->pair, (unsigned long long)dv->u);
        *t = CX_BOOL;
        return true;
    }
    default:
        return refuse(c, e->loc, "check this on answers");
    }
}

bool emit_expect_compile(FILE *pre, FILE *fn, size_t id, const struct ps_stmt *st,
                         const struct ps_value *slots, struct ps_loc *bad, const char **why)
{
    char *body = NULL, *tables = NULL;
    size_t len = 0, tables_len = 0;
    FILE *m = open_memstream(&body, &len);
    struct cx c = {.slots = slots, .pre = open_memstream(&tables, &tables_len), .id = id};
    if (!m || !c.pre)
        abort();
    bool ok = compile_value(&c, st->expr, m, true);
    fclose(m);
    fclose(c.pre);
    /* a refused expect leaves no table behind: it would be unused */
    if (ok) {
        fwrite(tables, 1, tables_len, pre);
        fprintf(fn, "static int pk_expect%zu(struct pk_expect_ctx *x)\n{\n    return %s;\n}\n\n",
                id, body);
    } else {
        fprintf(fn, "static int pk_expect%zu(struct pk_expect_ctx *x)\n{\n    (void)x;\n"
                "    return 0;\n}\n\n", id);
    }
    free(body);
    free(tables);
    if (!ok) {
        *bad = c.bad;
        *why = c.why;
    }
    return ok;
}
