/* An expect on answers, compiled into a C function of the probe: answer
 * truthiness, `not`, `r matches PATTERN` (constant fields of the layers the
 * probe walks), `r[L].f OP const` (numbers, MAC, IPv4 and IPv6 addresses),
 * `r[Raw].load == "..."` (and the other bytes fields that run to the end
 * of the datagram, as ICMPv6EchoReply.data), `len(ans)`/`len(unans) OP N`,
 * and/or; r an answer of sr1/srp1 or, in a `for` over
 * ans, pair[1] (the answer) or pair[0] (its request). Anything else is
 * refused at its spec location. */
#include <stdlib.h>
#include <string.h>

#include "coerce.h"
#include "emit.h"
#include "emit_expect.h"
#include "report.h"
#include "value.h"

/* The layers the probe's walker knows (probe_walk.c), by Scapy name. */
static const char *const layer_kinds[][2] = {
    {"Ether", "PK_L_ETHER"},
    {"ARP", "PK_L_ARP"},
    {"IP", "PK_L_IP"},
    {"ICMP", "PK_L_ICMP"},
    {"TCP", "PK_L_TCP"},
    {"UDP", "PK_L_UDP"},
    {"IPerror", "PK_L_IPERROR"},
    {"ICMPerror", "PK_L_ICMPERROR"},
    {"TCPerror", "PK_L_TCPERROR"},
    {"UDPerror", "PK_L_UDPERROR"},
    {"Raw", "PK_L_RAW"},
    {"IPv6", "PK_L_IPV6"},
    {"IPerror6", "PK_L_IPERROR6"},
    {"IPv6ExtHdrHopByHop", "PK_L_HOP_BY_HOP"},
    {"IPv6ExtHdrDestOpt", "PK_L_DEST_OPT"},
    {"IPv6ExtHdrRouting", "PK_L_ROUTING"},
    {"IPv6ExtHdrFragment", "PK_L_FRAGMENT"},
    {"ICMPv6DestUnreach", "PK_L_ICMPV6_DEST_UNREACH"},
    {"ICMPv6PacketTooBig", "PK_L_ICMPV6_PACKET_TOO_BIG"},
    {"ICMPv6TimeExceeded", "PK_L_ICMPV6_TIME_EXCEEDED"},
    {"ICMPv6ParamProblem", "PK_L_ICMPV6_PARAM_PROBLEM"},
    {"ICMPv6Unknown", "PK_L_ICMPV6_UNKNOWN"},
    {"ICMPv6EchoRequest", "PK_L_ICMPV6_ECHO_REQUEST"},
    {"ICMPv6EchoReply", "PK_L_ICMPV6_ECHO_REPLY"},
    {"ICMPv6MLQuery", "PK_L_ICMPV6_ML_QUERY"},
    {"ICMPv6MLReport", "PK_L_ICMPV6_ML_REPORT"},
    {"ICMPv6MLDone", "PK_L_ICMPV6_ML_DONE"},
    {"ICMPv6ND_RS", "PK_L_ICMPV6_ND_RS"},
    {"ICMPv6ND_RA", "PK_L_ICMPV6_ND_RA"},
    {"ICMPv6ND_NS", "PK_L_ICMPV6_ND_NS"},
    {"ICMPv6ND_NA", "PK_L_ICMPV6_ND_NA"},
    {"ICMPv6ND_Redirect", "PK_L_ICMPV6_ND_REDIRECT"},
    {"ICMPv6NDOptSrcLLAddr", "PK_L_NDOPT_SRC_LLADDR"},
    {"ICMPv6NDOptDstLLAddr", "PK_L_NDOPT_DST_LLADDR"},
    {"ICMPv6NDOptPrefixInfo", "PK_L_NDOPT_PREFIX_INFO"},
    {"ICMPv6NDOptMTU", "PK_L_NDOPT_MTU"},
    {"ICMPv6NDOptRDNSS", "PK_L_NDOPT_RDNSS"},
    {"DNS", "PK_L_DNS"},
};

/* CX_ADDR16: an IPv6 address (struct pk_a16 in the probe). */
enum cx_type { CX_INT, CX_BOOL, CX_ANSWER, CX_LIST, CX_PAIR, CX_LOAD, CX_ADDR16 };

/* Which packet an answer operand is: the probe's enum pk_side. */
enum cx_side { SIDE_ANSWER1, SIDE_PAIR_RECV, SIDE_PAIR_SENT };

/* An operand of answers: a packet (call, side, pair), a list (call,
 * unans), or bytes to the datagram's end (call, side, pair, kind, from). */
struct cref {
    size_t call;
    enum cx_side side;
    uint64_t pair;             /* 0: the pair a loop is at; k + 1: ans[k] */
    bool unans;
    const char *kind;
    const struct ps_expr *site;  /* a load's r[L] */
    unsigned from;             /* CX_LOAD: the field's first byte in its layer */
};

#define MAX_SITES 64

struct cx {
    const struct ps_program *prog;
    const struct ps_value *slots;
    const int *param_of_slot;  /* a param's index in the probe's pk_params, or -1 */
    const struct ps_expr *sites[MAX_SITES]; /* the r[L] each pk_site is written for */
    size_t nsites;
    const struct ps_tlayer *pat_base;        /* the pattern compile_matches builds */
    int pat_param[PS_MAX_LAYERS][PS_MAX_FIELDS]; /* its fields' params, or -1 */
    FILE *pre;                 /* pattern tables, before the function */
    size_t id, npat;
    struct ps_loc bad;         /* where compiling stopped */
    const char *why;
    const char *got_kind;      /* how the last value compiled prints (enum pk_got_kind) */
    size_t nnames;             /* pk_names tables written */
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
 * condition (ICMP's id and seq). A field of no fixed width (bits 0) has a
 * place when only fixed fields come before it; one that is there only on
 * some layer below (DNS's length over TCP) has none. */
static bool field_place(const struct ps_proto *p, int fi, unsigned *off, unsigned *bits)
{
    unsigned at = 0;
    if (p->fields[fi].only_on || p->fields[fi].bits_for)
        return false;
    for (int i = 0; i <= fi; i++) {
        const struct ps_field *f = &p->fields[i];
        unsigned w = f->kind == PS_K_UINT ? f->bits
                     : f->kind == PS_K_MAC ? 48
                     : f->kind == PS_K_IPV4 ? 32
                     : f->kind == PS_K_IPV6 ? 128
                                            : 0;
        if (i == fi) {
            *off = at;
            *bits = w;
            return true;
        }
        if (f->only_on || (f->present && f->present != p->fields[fi].present))
            continue;
        if (w == 0 || f->bits_for)
            return false;
        at += w;
    }
    return false;
}

/* A field of a fixed place read as a number or an address: 64 bits at
 * most, or an IPv6 address on a byte. */
static bool field_fixed(const struct ps_proto *p, int fi, unsigned *off, unsigned *bits)
{
    return field_place(p, fi, off, bits) && *bits > 0 &&
           (*bits <= 64 || (*bits == 128 && *off % 8 == 0));
}

/* A bytes field that runs to its datagram's end (Raw's load, ICMPv6 echo's
 * data): the last of its layer, with no length, after fixed fields only;
 * *from: its first byte. */
static bool field_to_end(const struct ps_proto *p, int fi, unsigned *from)
{
    const struct ps_field *f = &p->fields[fi];
    unsigned off, bits;
    if (f->kind != PS_K_BYTES || f->bits || f->decode || f->encode ||
        (size_t)fi + 1 != p->nfields || !field_place(p, fi, &off, &bits) || off % 8)
        return false;
    for (size_t i = 0; i < p->nfields; i++)
        if (p->fields[i].length_of && strcmp(p->fields[i].length_of, f->name) == 0)
            return false;
    *from = off / 8;
    return true;
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
    return f->kind == PS_K_UINT ? v->u : bits <= 64 ? addr_value(v->addr, bits) : 0;
}

/* An IPv6 address as a C initializer of 16 bytes. */
static void put_addr16(FILE *out, const uint8_t *a)
{
    fputs("{", out);
    for (int i = 0; i < 16; i++)
        fprintf(out, "%s0x%02x", i ? ", " : "", a[i]);
    fputs("}", out);
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
static bool pattern_layer(struct cx *c, const struct ps_tlayer *l, const int *params,
                          struct ps_loc loc, const char *name, FILE *rows)
{
    const char *kind = layer_kind(l->proto);
    if (!kind)
        return refuse(c, loc, "match answers on this layer (the probe walks Ether, ARP, IP, "
                      "ICMP, TCP, UDP, IPv6 and its extension headers, ICMPv6, ND options, "
                      "DNS and the errors' quotes)");
    size_t nf = 0;
    for (size_t f = 0; f < l->proto->nfields; f++) {
        const struct ps_tfield *tf = &l->f[f];
        if (tf->src == FS_UNSET || tf->src == FS_RANDOM)
            continue;
        unsigned off, bits, from;
        if (tf->src != FS_CONST)
            return refuse(c, loc, "match answers on a field with more than one value");
        bool to_end = field_to_end(l->proto, (int)f, &from);
        if (!to_end && !field_fixed(l->proto, (int)f, &off, &bits))
            return refuse(c, loc, "match answers on a field of no fixed place or width");
        if (nf++ == 0)
            fprintf(c->pre, "static const struct pk_pat_field %s[] = {\n", name);
        /* a param's value is the probe's at run time (-D), not the built one */
        int param = !to_end ? params[f] : -1;
        if (to_end) {
            /* bytes to the datagram's end: their length and the bytes */
            fprintf(c->pre, "    {%u, 0, %zuu, {0}, ", 8 * from, tf->one.len);
            ps_emit_cstr(c->pre, tf->one.bytes, tf->one.len);
        } else {
            fprintf(c->pre, "    {%u, %u, %lluu, ", off, bits,
                    param >= 0 ? 0ull
                               : (unsigned long long)fval_value(&l->proto->fields[f], &tf->one,
                                                                bits));
            if (bits > 64 && param < 0)
                put_addr16(c->pre, tf->one.addr);
            else
                fputs("{0}", c->pre);
            fputs(", NULL", c->pre);
        }
        fprintf(c->pre, ", %d}, /* %s.%s */\n", param, l->proto->name,
                l->proto->fields[f].name);
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
    /* As the run does: a field whose list's meaning hangs on another (a
     * TXT record's rdata) after the others. */
    for (int pass = 0; pass < 2; pass++)
    for (size_t i = 0; i < e->nopts; i++) {
        if ((e->proto->fields[e->opts[i].index].list_on != NULL) != (pass == 1))
            continue;
        const struct ps_expr *a = e->opts[i].value;
        const struct ps_value *av = a->kind == E_CONST ? &a->value
                                    : a->kind == E_VAR ? &c->slots[a->slot]
                                                       : NULL;
        char err[256];
        if (!av || av->t == PT_WIRE || ps_coerce_field(out, e->opts[i].index, av, err, sizeof err)) {
            release_layer(out);
            return refuse(c, a->loc, "match answers on a field value known only at run time"), 0;
        }
        int param = a->kind == E_VAR && c->param_of_slot ? c->param_of_slot[a->slot] : -1;
        if (param >= 0 && (av->t == PT_INT || av->t == PT_IP4 || av->t == PT_MAC ||
                           av->t == PT_IP6))
            c->pat_param[out - c->pat_base][e->opts[i].index] = param;
    }
    return 1;
}

static bool compile_matches(struct cx *c, const struct cref *r, const struct ps_expr *pat,
                            FILE *code)
{
    struct ps_tlayer layers[PS_MAX_LAYERS];
    c->pat_base = layers;
    for (size_t i = 0; i < PS_MAX_LAYERS; i++)
        for (size_t f = 0; f < PS_MAX_FIELDS; f++)
            c->pat_param[i][f] = -1;
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
        ok = ok && pattern_layer(c, &layers[i], c->pat_param[i], pat->loc, name, rows);
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

/* e compiled into *text (freed by the caller), with its type and
 * reference. */
static bool compile_text(struct cx *c, const struct ps_expr *e, char **text, enum cx_type *t,
                         struct cref *r)
{
    size_t len = 0;
    FILE *m = open_memstream(text, &len);
    if (!m)
        abort();
    *t = CX_INT;
    bool ok = compile(c, e, m, t, r);
    fclose(m);
    return ok;
}

/* e as a C expression of type uint64_t (or the int of a condition). */
static bool compile_value(struct cx *c, const struct ps_expr *e, FILE *out, bool truth)
{
    enum cx_type t;
    struct cref r;
    char *text = NULL;
    bool ok = compile_text(c, e, &text, &t, &r);
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

static void put_name(FILE *out, uint64_t key, const struct ps_enum *e)
{
    fprintf(out, "{%lluu, %lluu, ", (unsigned long long)key, (unsigned long long)e->value);
    ps_emit_cstr(out, (const uint8_t *)e->name, strlen(e->name));
    fputs("}, ", out);
}

/* The pk_names table of field f into c->pre; its name into name. */
static void names_table(struct cx *c, const struct ps_field *f, char *name, size_t cap)
{
    size_t k = c->nnames++;
    snprintf(name, cap, "&pk_names%zu_%zu", c->id, k);
    int words = f->flags_list;
    if (f->flags) {
        fprintf(c->pre, "static const char *const pk_flags%zu_%zu[] = {", c->id, k);
        for (size_t i = 0; f->flags[i]; i++) {
            words |= strlen(f->flags[i]) != 1;
            ps_emit_cstr(c->pre, (const uint8_t *)f->flags[i], strlen(f->flags[i]));
            fputs(", ", c->pre);
        }
        fputs("NULL};\n", c->pre);
    }
    size_t n = 0;
    fprintf(c->pre, "static const struct pk_name pk_name%zu_%zu[] = {", c->id, k);
    for (const struct ps_enum_multi *m = f->multi; m && m->enums; m++)
        for (const struct ps_enum *e = m->enums; e->name; e++, n++)
            put_name(c->pre, m->key, e);
    for (const struct ps_enum *e = f->multi ? NULL : f->enums; e && e->name; e++, n++)
        put_name(c->pre, 0, e);
    fputs("{0, 0, NULL}};\n", c->pre);
    fprintf(c->pre, "static const struct pk_names pk_names%zu_%zu = {", c->id, k);
    if (f->flags)
        fprintf(c->pre, "pk_flags%zu_%zu", c->id, k);
    else
        fputs("NULL", c->pre);
    fprintf(c->pre, ", %d, %d, %d, pk_name%zu_%zu, %zu};\n", words, f->multi != NULL, f->hex,
            c->id, k, n);
}

/* The left side of a comparison with a name the spec wrote (a flags or enum
 * field against SA or echo-reply): wrapped so that a failed expect shows it
 * by name, as the interpreter does; NULL when it is not one. */
static char *named_left(struct cx *c, const struct ps_expr *e, const char *left)
{
    const struct ps_expr *l = e->args[0], *r = e->args[1];
    if (l->kind != E_FIELD || r->kind != E_CONST || !r->value.field || l->field < 0 ||
        l->args[0]->kind != E_GETLAYER || !l->args[0]->proto)
        return NULL;
    const struct ps_field *f = &l->args[0]->proto->fields[l->field];
    if (f->kind != PS_K_UINT || (!f->flags && !f->enums && !f->multi))
        return NULL;
    char *key = NULL;
    if (f->multi) {
        /* the value of the field the names depend on, read as l is */
        struct ps_expr k = *l;
        enum cx_type kt;
        struct cref kr;
        const char *kind = c->got_kind;
        k.field = f->multi_on;
        bool ok = compile_text(c, &k, &key, &kt, &kr) && kt == CX_INT;
        c->got_kind = kind;
        if (!ok) {
            free(key);
            return NULL;
        }
    }
    char table[64], *text = NULL;
    size_t len = 0;
    names_table(c, f, table, sizeof table);
    FILE *m = open_memstream(&text, &len);
    if (!m)
        abort();
    fprintf(m, "pk_got_named(x, %s, %s, %s)", table, key ? key : "0", left);
    fclose(m);
    free(key);
    return text;
}

/* A comparison of numbers, or of IPv6 addresses (memcmp's order, as the
 * interpreter compares addresses); a failed expect shows the left side,
 * as the interpreter does. */
static bool compile_compare(struct cx *c, const struct ps_expr *e, const char *op, FILE *out)
{
    char *left = NULL, *right = NULL;
    enum cx_type lt = CX_INT, rt = CX_INT;
    struct cref r;
    c->got_kind = "PK_GOT_INT";
    bool ok = compile_text(c, e->args[0], &left, &lt, &r);
    const char *got_kind = c->got_kind;
    ok = ok && compile_text(c, e->args[1], &right, &rt, &r);
    bool lnum = lt == CX_INT || lt == CX_BOOL, rnum = rt == CX_INT || rt == CX_BOOL;
    if (ok && (lt == CX_ADDR16) != (rt == CX_ADDR16))
        ok = refuse(c, e->loc, "compare an IPv6 address with anything but an IPv6 address");
    else if (ok && lt != CX_ADDR16 && (!lnum || !rnum))
        ok = refuse(c, (lnum ? e->args[1] : e->args[0])->loc,
                    "use answers or their bytes as a number");
    char *named = ok && lt != CX_ADDR16 ? named_left(c, e, left) : NULL;
    if (ok && lt == CX_ADDR16)
        fprintf(out, "(pk_cmp16(pk_got16(x, %s), %s) %s 0)", left, right, op);
    else if (named)
        fprintf(out, "(%s %s %s)", named, op, right);
    else if (ok)
        fprintf(out, "(pk_got(x, %s, %s) %s %s)", got_kind, left, op, right);
    free(named);
    free(left);
    free(right);
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

/* The run-time errors of r[L] at g, as runtime/interp/interp.c reports them
 * (when r is none, when it has no L): written once per g as a pk_site. */
static bool site_of(struct cx *c, const struct ps_expr *g, char *name, size_t cap)
{
    size_t k = 0;
    while (k < c->nsites && c->sites[k] != g)
        k++;
    if (k == MAX_SITES)
        return refuse(c, g->loc, "read so many layers in one expect");
    snprintf(name, cap, "&pk_site%zu_%zu", c->id, k);
    if (k < c->nsites)
        return true;
    c->sites[c->nsites++] = g;
    const struct ps_program *p = c->prog;
    fprintf(c->pre, "static const struct pk_site pk_site%zu_%zu = {\n    ", c->id, k);
    for (int which = 0; which < 2; which++) {
        char *text = NULL;
        size_t len = 0;
        FILE *m = open_memstream(&text, &len);
        if (!m)
            abort();
        if (which == 0)
            ps_report(m, p->path, p->source, p->source_len, g->loc.line, g->loc.col, "error",
                      "no packet here (none): nothing to index");
        else
            ps_report(m, p->path, p->source, p->source_len, g->loc.line, g->loc.col, "error",
                      "layer [%s] not found", g->proto->name);
        fclose(m);
        ps_emit_cstr(c->pre, (const uint8_t *)text, len);
        fputs(which ? "};\n" : ",\n    ", c->pre);
        free(text);
    }
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
    if (kind && field_to_end(g->proto, e->field, &r->from)) {
        r->kind = kind;
        r->site = g;
        *t = CX_LOAD;
        return true;
    }
    if (!kind || !field_fixed(g->proto, e->field, &off, &bits))
        return refuse(c, e->loc, "read this field of an answer (a number or an address of a "
                      "fixed place in a layer the probe walks, or bytes to the end of the "
                      "datagram as Raw's load)");
    char site[64];
    if (!site_of(c, g, site, sizeof site))
        return false;
    if (bits == 128) {
        fprintf(out, "pk_field16(x, %zu, %d, %llu, %s, %s, %u)", r->call, r->side,
                (unsigned long long)r->pair, kind, site, off);
        c->got_kind = "PK_GOT_IP6";
        *t = CX_ADDR16;
        return true;
    }
    fprintf(out, "pk_field(x, %zu, %d, %llu, %s, %s, %u, %u)", r->call, r->side,
            (unsigned long long)r->pair, kind, site, off, bits);
    enum ps_kind fk = g->proto->fields[e->field].kind;
    c->got_kind = fk == PS_K_IPV4 ? "PK_GOT_IP4" : fk == PS_K_MAC ? "PK_GOT_MAC" : "PK_GOT_INT";
    *t = CX_INT;
    return true;
}

/* r[Raw].load == "..." (or !=), and the like. */
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
        return refuse(c, e->loc,
                      "check bytes of an answer against this (== or != a string only)");
    char site[64];
    if (!site_of(c, r.site, site, sizeof site))
        return false;
    /* a failed expect shows the left side, as the interpreter does */
    fprintf(out, "%spk_load_is(x, %zu, %d, %llu, %s, %s, %u, ", e->op == PO_NE ? "!" : "",
            r.call, r.side, (unsigned long long)r.pair, r.kind, site, r.from);
    ps_emit_cstr(out, v->obj->bytes, v->obj->len);
    fprintf(out, ", %zu, %d)", v->obj->len,
            field != e->args[0] ? 0 : v->t == PT_STR ? 2 : 1);
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
        /* a param's value is the probe's at run time (-D), not the built one */
        int param = e->kind == E_VAR && c->param_of_slot ? c->param_of_slot[e->slot] : -1;
        if (v->t == PT_INT || v->t == PT_BOOL) {
            *t = v->t == PT_BOOL ? CX_BOOL : CX_INT;
            c->got_kind = v->t == PT_BOOL ? "PK_GOT_BOOL" : "PK_GOT_INT";
            if (param >= 0 && v->t == PT_INT)
                fprintf(out, "pk_pv(x, %d)", param);
            else
                fprintf(out, "UINT64_C(%llu)", (unsigned long long)v->u);
            return true;
        }
        /* an address as pk_field reads one: big-endian, in 64 bits */
        if (v->t == PT_IP4 || v->t == PT_MAC) {
            *t = CX_INT;
            c->got_kind = v->t == PT_IP4 ? "PK_GOT_IP4" : "PK_GOT_MAC";
            if (param >= 0)
                fprintf(out, "pk_pv(x, %d)", param);
            else
                fprintf(out, "UINT64_C(%llu)",
                        (unsigned long long)addr_value(v->addr, v->t == PT_IP4 ? 32 : 48));
            return true;
        }
        if (v->t == PT_IP6) {
            *t = CX_ADDR16;
            c->got_kind = "PK_GOT_IP6";
            if (param >= 0) {
                fprintf(out, "pk_pv16(x, %d)", param);
                return true;
            }
            fputs("(struct pk_a16){", out);
            put_addr16(out, v->addr);
            fputs("}", out);
            return true;
        }
        return refuse(c, e->loc, "check this value against answers (numbers, booleans, "
                      "addresses and answers only)");
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
        if (e->op != PO_AND && e->op != PO_OR)
            return compile_compare(c, e, op, out);
        fputs("(", out);
        bool ok = compile_value(c, e->args[0], out, true);
        fprintf(out, " %s ", op);
        ok = ok && compile_value(c, e->args[1], out, true);
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
                         const struct ps_program *prog, const int *param_of_slot,
                         const struct ps_value *slots, struct ps_loc *bad, const char **why)
{
    char *body = NULL, *tables = NULL;
    size_t len = 0, tables_len = 0;
    FILE *m = open_memstream(&body, &len);
    struct cx c = {.prog = prog, .slots = slots, .param_of_slot = param_of_slot,
                   .pre = open_memstream(&tables, &tables_len), .id = id};
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
