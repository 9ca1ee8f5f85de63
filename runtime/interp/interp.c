/* Interprets the IR: statements in order, expressions to values, tests to
 * TAP lines. What touches frames, files or the wire is in actions.c. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "addr.h"
#include "coerce.h"
#include "field_read.h"
#include "interp_int.h"
#include "lab.h"
#include "report.h"
#include "proto/proto.h"

void interp_error(struct interp *in, struct ps_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (!in->failed_run) {
        /* the first error is the one a test or the run stopped at: kept for
         * the test's report, and for the tests the run then leaves out */
        va_list aq;
        va_copy(aq, ap);
        free(in->test_error);
        in->test_error = NULL;
        size_t n = 0;
        FILE *m = open_memstream(&in->test_error, &n);
        if (m) {
            ps_report_in(m, in->prog->path, in->prog->source, in->prog->source_len,
                         in->prog->files, loc.file, loc.line, loc.col, "error", fmt, aq);
            fclose(m);
        }
        va_end(aq);
    }
    ps_report_in(in->o->err, in->prog->path, in->prog->source, in->prog->source_len,
                 in->prog->files, loc.file, loc.line, loc.col, "error", fmt, ap);
    va_end(ap);
    in->failed_run = true;
}

void interp_warning(struct interp *in, struct ps_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ps_report_in(in->o->err, in->prog->path, in->prog->source, in->prog->source_len,
                 in->prog->files, loc.file, loc.line, loc.col, "warning", fmt, ap);
    va_end(ap);
}

static const struct ps_value none_value = {.t = PT_NONE};

uint64_t interp_now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

bool interp_truth(const struct ps_value *v)
{
    switch (v->t) {
    case PT_NONE: return false;
    case PT_INT: case PT_BOOL: case PT_DUR: return v->u != 0;
    case PT_STR: case PT_BYTES: return v->obj->len != 0;
    case PT_LIST: case PT_TUPLE: case PT_PKTLIST: return v->obj->n != 0;
    default: return true;
    }
}

static struct ps_value get_layer(struct interp *in, const struct ps_expr *e)
{
    struct ps_value base = interp_eval(in, e->args[0]);
    struct ps_value out = none_value;
    if (base.t == PT_WIRE)
        return base;
    struct ps_value ix = e->proto ? (struct ps_value){.t = PT_PROTO, .proto = e->proto}
                                  : interp_eval(in, e->args[1]);
    if (base.t == PT_LIST || base.t == PT_PKTLIST || base.t == PT_TUPLE) {
        int64_t k = (int64_t)ix.u;
        if (ix.t != PT_INT)
            interp_error(in, e->loc, "a list is indexed by a number");
        else if (k < 0 ? (uint64_t)-k > base.obj->n : (uint64_t)k >= base.obj->n)
            interp_error(in, e->loc, "index %lld is out of range (the list has %zu)",
                         (long long)k, base.obj->n);
        else
            out = ps_val_retain(base.obj->items[k < 0 ? (int64_t)base.obj->n + k : k]);
        out = interp_expand(in, out); /* a stored packet leaves its list as a view */
    } else if (base.t == PT_PKT) {
        if (ix.t == PT_PROTO)
            out = interp_getlayer(&base, ix.proto, 1);
        else if (ix.t == PT_INT && ix.u < base.obj->pkt.n)
            out = interp_layer_at(&base, (size_t)ix.u);
        if (out.t == PT_NONE) {
            if (ix.t == PT_PROTO)
                interp_error(in, e->loc, "layer [%s] not found", ix.proto->name);
            else
                interp_error(in, e->loc, "layer [%lld] not found", (long long)ix.u);
        }
    } else if (base.t == PT_NONE) {
        interp_error(in, e->loc, "no packet here (none): nothing to index");
    } else {
        interp_error(in, e->loc, "%s cannot be indexed", ps_type_name(base.t));
    }
    ps_val_release(&ix);
    ps_val_release(&base);
    return out;
}

/* A field that holds layers (IP options, DNS records): a list of one-layer
 * packets, so `r[DNS].an[0].rdata` reads as in Scapy. */
static struct ps_value sub_layers_value(const struct ps_tlayer *l, int fi, struct ps_obj *owner)
{
    struct ps_value list = ps_val_list(PT_LIST);
    struct ps_packet one;
    for (size_t i = 0; i < l->nsub[fi]; i++) {
        one.n = 1;
        one.layers[0] = l->sub[fi][i];
        struct ps_value p = ps_val_decoded(&one, NULL, 0, 0, owner);
        p.obj->decoded = true;
        ps_list_push(&list, p);
    }
    return list;
}

static struct ps_value read_field(struct interp *in, const struct ps_expr *e)
{
    struct ps_value base = interp_eval(in, e->args[0]);
    struct ps_value out = none_value;
    if (base.t == PT_WIRE)
        return base;
    if (base.t == PT_SNIFFER) /* t.results: the only one sema lets through */
        return interp_async_results(in, e, &base);
    if (base.t != PT_PKT) {
        if (!in->failed_run)
            interp_error(in, e->loc, "%s has no field '%s'", ps_type_name(base.t), e->name);
        ps_val_release(&base);
        return out;
    }
    const struct ps_tpkt *t = &base.obj->pkt;
    bool found = false;
    for (size_t i = 0; i < t->n && !found; i++) {
        int fi = e->field >= 0 && i == 0 ? e->field : ps_field_index(t->layers[i]->proto, e->name);
        if (fi < 0)
            continue;
        found = true;
        if (t->layers[i]->proto->fields[fi].kind == PS_K_LAYERS && t->layers[i]->sub[fi] &&
            t->layers[i]->f[fi].src == FS_CONST)
            out = sub_layers_value(t->layers[i], fi, base.obj);
        else
            out = interp_field_value(t->layers[i], fi);
        interp_field_read(in, &out, t, i, fi);
    }
    if (!found)
        interp_error(in, e->loc, "no layer of this packet has a field '%s'", e->name);
    ps_val_release(&base);
    return out;
}

/* An address against a string (Scapy holds an A record's rdata as the
 * str '198.18.0.2'): the string read as that kind of address, if it is one. */
static bool address_of_text(const struct ps_value *addr, const struct ps_value *str,
                            struct ps_value *out)
{
    char text[64];
    if (str->t != PT_STR || str->obj->len >= sizeof text)
        return false;
    memcpy(text, str->obj->bytes, str->obj->len);
    text[str->obj->len] = '\0';
    *out = (struct ps_value){.t = addr->t};
    return addr->t == PT_IP4   ? ps_parse_ip4(text, out->addr)
           : addr->t == PT_IP6 ? ps_parse_ip6(text, out->addr)
           : addr->t == PT_MAC && ps_parse_mac(text, out->addr);
}

static int compare_values(const struct ps_value *a, const struct ps_value *b, bool *ok)
{
    struct ps_value conv;
    if (address_of_text(a, b, &conv))
        return compare_values(a, &conv, ok);
    if (address_of_text(b, a, &conv))
        return compare_values(&conv, b, ok);
    *ok = true;
    bool na = a->t == PT_INT || a->t == PT_BOOL || a->t == PT_DUR;
    bool nb = b->t == PT_INT || b->t == PT_BOOL || b->t == PT_DUR;
    if (na && nb) {
        int64_t x = (int64_t)a->u, y = (int64_t)b->u;
        return x < y ? -1 : x > y;
    }
    if (a->t == PT_NONE || b->t == PT_NONE)
        return a->t == b->t ? 0 : 1;
    if ((a->t == PT_STR || a->t == PT_BYTES) && (b->t == PT_STR || b->t == PT_BYTES)) {
        size_t n = a->obj->len < b->obj->len ? a->obj->len : b->obj->len;
        int c = memcmp(a->obj->bytes, b->obj->bytes, n);
        if (c)
            return c < 0 ? -1 : 1;
        return a->obj->len < b->obj->len ? -1 : a->obj->len > b->obj->len;
    }
    if (a->t == b->t && (a->t == PT_MAC || a->t == PT_IP4 || a->t == PT_IP6)) {
        size_t n = a->t == PT_MAC ? 6 : a->t == PT_IP4 ? 4 : 16;
        int c = memcmp(a->addr, b->addr, n);
        return c < 0 ? -1 : c > 0;
    }
    *ok = false;
    return 1;
}

bool interp_values_equal(struct interp *in, const struct ps_value *a, const struct ps_value *b,
                         struct ps_loc loc)
{
    if (a->t == PT_PKT && b->t == PT_PKT)
        return interp_packets_equal(in, a, b, loc);
    bool ok;
    int c = compare_values(a, b, &ok);
    return ok && c == 0;
}

/* Keeps what the left side of a comparison held (v), in the form of its
 * right side (like, the value of expression `right`; NULL after matches),
 * so that a failed expect can show it beside what was expected. */
static void describe_got(struct interp *in, const struct ps_value *v, const struct ps_value *like,
                         const struct ps_expr *right)
{
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m)
        return;
    struct ps_value as = like ? *like : (struct ps_value){.t = PT_NONE};
    if (right && right->kind != E_CONST)
        as.field = NULL; /* read from a field, not written as a name */
    interp_print_like(in, m, v, like ? &as : NULL);
    fclose(m);
    snprintf(in->got, sizeof in->got, "%s", text ? text : "");
    free(text);
}

static struct ps_value binop(struct interp *in, const struct ps_expr *e)
{
    if (e->op == PO_AND || e->op == PO_OR) {
        struct ps_value l = interp_eval(in, e->args[0]);
        if (l.t == PT_WIRE)
            return l;
        bool t = interp_truth(&l);
        ps_val_release(&l);
        if (t == (e->op == PO_OR))
            return ps_val_int(PT_BOOL, t);
        struct ps_value r = interp_eval(in, e->args[1]);
        if (r.t == PT_WIRE)
            return r;
        t = interp_truth(&r);
        ps_val_release(&r);
        return ps_val_int(PT_BOOL, t);
    }
    struct ps_value l = interp_eval(in, e->args[0]), r = interp_eval(in, e->args[1]);
    struct ps_value out = none_value;
    if (l.t == PT_WIRE || r.t == PT_WIRE) {
        out.t = PT_WIRE;
    } else if (interp_text_handles(e->op, &l, &r)) {
        out = interp_text_binop(in, e, &l, &r);
    } else if (e->op == PO_IN) {
        if (l.t != PT_PROTO || r.t != PT_PKT) {
            if (r.t != PT_NONE)
                interp_error(in, e->loc, "'in' asks whether a layer is in a packet");
            out = ps_val_int(PT_BOOL, 0);
        } else {
            out = ps_val_int(PT_BOOL, interp_haslayer(&r.obj->pkt, l.proto));
        }
    } else if ((e->op == PO_ADD || e->op == PO_SUB) && l.t == PT_DUR && r.t == PT_DUR) {
        /* r.time - s.sent_time */
        out = ps_val_int(PT_DUR, e->op == PO_ADD ? l.u + r.u : l.u - r.u);
    } else if (e->op == PO_ADD || e->op == PO_SUB || e->op == PO_MUL) {
        if (l.t != PT_INT || r.t != PT_INT)
            interp_error(in, e->loc, "arithmetic takes integers");
        uint64_t x = l.u, y = r.u;
        out = ps_val_int(PT_INT, e->op == PO_ADD ? x + y : e->op == PO_SUB ? x - y : x * y);
    } else if (l.t == PT_PKT && r.t == PT_PKT && (e->op == PO_EQ || e->op == PO_NE)) {
        describe_got(in, &l, NULL, NULL);
        bool same = interp_packets_equal(in, &l, &r, e->loc);
        out = ps_val_int(PT_BOOL, same == (e->op == PO_EQ));
    } else {
        bool ok;
        int c = compare_values(&l, &r, &ok);
        describe_got(in, &l, &r, e->args[1]);
        if (!ok && e->op != PO_EQ && e->op != PO_NE)
            interp_error(in, e->loc, "%s and %s cannot be ordered", ps_type_name(l.t),
                         ps_type_name(r.t));
        bool t = false;
        switch (e->op) {
        case PO_EQ: t = ok && c == 0; break;
        case PO_NE: t = !ok || c != 0; break;
        case PO_LT: t = c < 0; break;
        case PO_LE: t = c <= 0; break;
        case PO_GT: t = c > 0; break;
        case PO_GE: t = c >= 0; break;
        default: break;
        }
        out = ps_val_int(PT_BOOL, t);
    }
    ps_val_release(&l);
    ps_val_release(&r);
    return out;
}

static struct ps_value as_packet(struct ps_value v)
{
    if (v.t != PT_STR && v.t != PT_BYTES)
        return v;
    const struct ps_proto *raw = ps_proto_find("Raw");
    struct ps_value p = ps_val_layer(raw);
    struct ps_tfield *f = &p.obj->pkt.layers[0]->f[ps_field_index(raw, "load")];
    f->src = FS_CONST;
    f->one.set = true;
    f->one.bytes = v.obj->bytes;
    f->one.len = v.obj->len;
    f->keep = v.obj; /* takes v's reference */
    return p;
}

/* A set of more than PS_MAX_SET_MEMBERS packets (a product of its fields'
 * sets) is an error where it is made, never a count that wrapped. */
static struct ps_value bounded_set(struct interp *in, const struct ps_expr *e, struct ps_value v)
{
    if (v.t == PT_PKT && !in->failed_run && ps_tpkt_count(&v.obj->pkt) > PS_MAX_SET_MEMBERS)
        interp_error(in, e->loc, "this packet set stands for more than 2^63 packets");
    return v;
}

/* e's fields by name into l. */
static void set_fields(struct interp *in, const struct ps_expr *e, struct ps_tlayer *l)
{
    /* A field whose list means one value or a set by another field's value
     * (a TXT record's rdata by its type) is given after the others. */
    for (int pass = 0; pass < 2; pass++)
    for (size_t i = 0; i < e->nopts && !in->failed_run; i++) {
        if ((e->proto->fields[e->opts[i].index].list_on != NULL) != (pass == 1))
            continue;
        struct ps_value x = interp_eval(in, e->opts[i].value);
        /* A field computed from an answer (a TCP session's ack) in a run
         * that has none: inside a test, the field keeps its default in the
         * frame shown and the test is a SKIP, as an expect on an answer. */
        if (x.t == PT_WIRE && in->in_test &&
            (in->o->mode == PS_RUN_DRY || in->o->mode == PS_RUN_PCAP)) {
            in->test_skipped = true;
            continue;
        }
        char err[256];
        const char *msg = ps_coerce_field(l, e->opts[i].index, &x, err, sizeof err);
        if (msg)
            interp_error(in, e->opts[i].loc, "%s.%s: %s", e->proto->name,
                         e->proto->fields[e->opts[i].index].name, msg);
        ps_val_release(&x);
    }
}

static struct ps_value build_layer(struct interp *in, const struct ps_expr *e)
{
    /* TCP(x"..."): dissected (the compiler refuses fields by name beside) */
    struct ps_value v = e->nargs ? interp_layer_from_bytes(in, e) : none_value;
    if (v.t != PT_NONE || in->failed_run)
        return v;
    v = ps_val_layer(e->proto);
    set_fields(in, e, v.obj->pkt.layers[0]);
    return v;
}

static struct ps_value collect(struct interp *in, const struct ps_expr *e, enum ps_type t)
{
    struct ps_value v = ps_val_list(t);
    for (size_t i = 0; i < e->nargs; i++)
        ps_list_push(&v, interp_eval(in, e->args[i]));
    return v;
}

struct ps_value interp_eval(struct interp *in, const struct ps_expr *e)
{
    if (in->failed_run)
        return none_value;
    switch (e->kind) {
    case E_CONST:
        return ps_val_retain(e->value);
    case E_VAR:
        return ps_val_retain(in->slots[e->slot]);
    case E_LAYER:
        return bounded_set(in, e, build_layer(in, e));
    case E_STACK: {
        struct ps_value a = as_packet(interp_eval(in, e->args[0]));
        struct ps_value b = as_packet(interp_eval(in, e->args[1]));
        struct ps_value out = none_value;
        if (a.t == PT_PKT && b.t == PT_PKT) {
            out = bounded_set(in, e, ps_val_stack(&a, &b));
            if (out.t == PT_NONE)
                interp_error(in, e->loc, "a packet has at most %d layers", PS_MAX_LAYERS);
        } else if (!in->failed_run) {
            interp_error(in, e->loc, "'/' stacks packets, not %s and %s", ps_type_name(a.t),
                         ps_type_name(b.t));
        }
        ps_val_release(&a);
        ps_val_release(&b);
        return out;
    }
    case E_LIST:
        return collect(in, e, PT_LIST);
    case E_TUPLE:
        return collect(in, e, PT_TUPLE);
    case E_RANGE: {
        struct ps_value lo = interp_eval(in, e->args[0]), hi = interp_eval(in, e->args[1]);
        if (lo.t != PT_INT || hi.t != PT_INT)
            interp_error(in, e->loc, "a range goes from an integer to an integer");
        struct ps_value r = {.t = PT_RANGE, .u = lo.u, .hi = hi.u};
        ps_val_release(&lo);
        ps_val_release(&hi);
        return r;
    }
    case E_CALL:
        return interp_call(in, e);
    case E_METHOD:
        return interp_method(in, e);
    case E_GETLAYER:
        return get_layer(in, e);
    case E_FIELD:
        return read_field(in, e);
    case E_BINOP:
        return binop(in, e);
    case E_SLICE:
        return interp_slice(in, e);
    case E_NOT: {
        struct ps_value v = interp_eval(in, e->args[0]);
        if (v.t == PT_WIRE)
            return v;
        bool t = interp_truth(&v);
        ps_val_release(&v);
        return ps_val_int(PT_BOOL, !t);
    }
    case E_NEG: {
        struct ps_value v = interp_eval(in, e->args[0]);
        if (v.t != PT_INT)
            interp_error(in, e->loc, "only an integer can be negated");
        uint64_t u = v.u;
        ps_val_release(&v);
        return ps_val_int(PT_INT, (uint64_t)(-(int64_t)u));
    }
    case E_MATCHES: {
        struct ps_value p = interp_eval(in, e->args[0]), pat = interp_eval(in, e->args[1]);
        struct ps_value out = {.t = PT_WIRE};
        if (p.t != PT_WIRE) {
            out = ps_val_int(PT_BOOL, p.t == PT_PKT && interp_matches(in, &p, &pat, e->loc));
            describe_got(in, &p, NULL, NULL);
        }
        ps_val_release(&p);
        ps_val_release(&pat);
        return out;
    }
    case E_WITHIN: {
        struct ps_value p = interp_eval(in, e->args[0]), t = interp_eval(in, e->args[1]);
        struct ps_value out = {.t = PT_WIRE};
        if (p.t == PT_PKT) {
            double rtt = p.obj->rtt;
            out = ps_val_int(PT_BOOL, rtt >= 0 && rtt * 1e9 <= (double)t.u);
        } else if (p.t != PT_WIRE) {
            out = ps_val_int(PT_BOOL, interp_truth(&p));
        }
        ps_val_release(&p);
        ps_val_release(&t);
        return out;
    }
    }
    return none_value;
}

/* ---- statements ---------------------------------------------------------- */

static void run_block(struct interp *in, struct ps_stmt *const *body, size_t n);
static void for_body(struct interp *in, const struct ps_stmt *st, uint64_t k, uint64_t n);

static void set_field(struct interp *in, const struct ps_stmt *st)
{
    struct ps_value *slot = &in->slots[st->slot];
    if (slot->t != PT_PKT) {
        interp_error(in, st->loc, "'%s' is %s, not a packet", in->prog->slot_names[st->slot],
                     ps_type_name(slot->t));
        return;
    }
    /* Scapy's packets are values: a change reaches only this name. A
     * packet read from a frame is copied too: the frame no longer says
     * what it holds (the copy has none: len() and wrpcap build it). */
    if (slot->obj->refs > 1 || slot->obj->frame) {
        struct ps_value copy = ps_val_pkt_copy(slot);
        ps_val_release(slot);
        *slot = copy;
    }
    struct ps_tpkt *t = &slot->obj->pkt;
    long at = -1;
    int fi = st->field;
    for (size_t i = 0; i < t->n && at < 0; i++) {
        if (st->proto ? t->layers[i]->proto == st->proto
                      : (fi = ps_field_index(t->layers[i]->proto, st->text)) >= 0)
            at = (long)i;
    }
    if (at < 0) {
        if (st->proto)
            interp_error(in, st->loc, "layer [%s] not found in '%s'", st->proto->name,
                         in->prog->slot_names[st->slot]);
        else
            interp_error(in, st->loc, "no layer of '%s' has a field '%s'",
                         in->prog->slot_names[st->slot], st->text);
        return;
    }
    struct ps_value v = interp_eval(in, st->expr);
    char err[256];
    struct ps_tlayer *l = t->layers[at];
    const char *msg = ps_coerce_field(l, fi, &v, err, sizeof err);
    if (msg)
        interp_error(in, st->loc, "%s.%s: %s", l->proto->name, l->proto->fields[fi].name, msg);
    ps_val_release(&v);
}

/* The body of a for at its iteration k of n; a failed expect names it. */
static void for_body(struct interp *in, const struct ps_stmt *st, uint64_t k, uint64_t n)
{
    size_t d = in->nfors++;
    if (d < sizeof in->fors / sizeof in->fors[0])
        in->fors[d] = (struct interp_for){st, k, n};
    run_block(in, st->body, st->nbody);
    in->nfors--;
}

static void for_each(struct interp *in, const struct ps_stmt *st)
{
    struct ps_value it = interp_eval(in, st->expr);
    struct ps_value *var = &in->slots[st->slot];
    switch (it.t) {
    case PT_RANGE:
        for (uint64_t k = it.u; k <= it.hi && !in->failed_run; k++) {
            ps_val_release(var);
            *var = ps_val_int(PT_INT, k);
            for_body(in, st, k - it.u, it.hi - it.u + 1);
            if (k == UINT64_MAX)
                break;
        }
        break;
    case PT_LIST:
    case PT_PKTLIST:
    case PT_TUPLE:
        for (size_t k = 0; k < it.obj->n && !in->failed_run; k++) {
            ps_val_release(var);
            *var = interp_expand(in, ps_val_retain(it.obj->items[k]));
            for_body(in, st, k, it.obj->n);
        }
        break;
    case PT_PKT: {
        uint64_t n = ps_tpkt_count(&it.obj->pkt);
        for (uint64_t k = 0; k < n && !in->failed_run; k++) {
            /* Each member as a packet of constants, as iterating in Scapy. */
            ps_tpkt_member(&it.obj->pkt, k, &in->rng, &in->pkt);
            ps_val_release(var);
            *var = ps_val_decoded(&in->pkt, NULL, 0, 0, it.obj);
            var->obj->decoded = false; /* auto fields are still to compute */
            for_body(in, st, k, n);
        }
        break;
    }
    case PT_WIRE: /* answers in a run that sends none: the body is not run */
        break;
    default:
        interp_error(in, st->loc, "for cannot go over %s", ps_type_name(it.t));
    }
    ps_val_release(&it);
}

/* The iterations of the fors an expect is in, a line each, outermost
 * first: `in for port = 22`, or for a packet, a pair or a list `in for p,
 * item 2 of 3`. */
static void for_context(struct interp *in, FILE *m)
{
    size_t n = in->nfors < sizeof in->fors / sizeof in->fors[0] ? in->nfors
                                                                : sizeof in->fors / sizeof in->fors[0];
    for (size_t d = 0; d < n; d++) {
        const struct interp_for *f = &in->fors[d];
        const struct ps_value *v = &in->slots[f->st->slot];
        fprintf(m, "in for %s", in->prog->slot_names[f->st->slot]);
        switch (v->t) {
        case PT_PKT:
        case PT_LIST:
        case PT_PKTLIST:
        case PT_TUPLE:
            fprintf(m, ", item %llu of %llu\n", (unsigned long long)f->k + 1,
                    (unsigned long long)f->n);
            break;
        default:
            fputs(" = ", m);
            interp_print_value(in, m, v);
            fputc('\n', m);
        }
    }
}

static void append_text(char **buf, size_t *len, const char *s, size_t n)
{
    char *b = realloc(*buf, *len + n + 1);
    if (!b)
        abort();
    memcpy(b + *len, s, n);
    *len += n;
    b[*len] = '\0';
    *buf = b;
}

/* A failed expect's report: where and what, the fors' iterations, what it
 * got. Every failed expect of a test is kept: the test goes on after one. */
static void expect_failed(struct interp *in, const struct ps_stmt *st)
{
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m)
        abort();
    fprintf(m, "%s:%d:%d: expect %s", in->prog->path, st->loc.line, st->loc.col,
            st->cond_text ? st->cond_text : "");
    if (st->text)
        fprintf(m, " (%s)", st->text);
    fflush(m);
    size_t first = len;
    fputc('\n', m);
    for_context(in, m);
    fprintf(m, "got: %s\n", in->got[0] ? in->got : "none");
    fclose(m);
    if (in->test_first_len)
        append_text(&in->test_first, &in->test_first_len, "; ", 2);
    append_text(&in->test_first, &in->test_first_len, text, first);
    append_text(&in->test_detail, &in->test_detail_len, text, len);
    free(text);
    in->test_failed = true;
}

static void expect(struct interp *in, const struct ps_stmt *st)
{
    in->got[0] = '\0';
    struct ps_value v = interp_eval(in, st->expr);
    if (v.t == PT_WIRE) {
        in->test_skipped = true;
    } else if (!in->failed_run && !interp_truth(&v)) {
        expect_failed(in, st);
    }
    ps_val_release(&v);
}

void interp_test_report(struct interp *in, const struct ps_stmt *st);
bool interp_test_deselected(struct interp *in, const struct ps_stmt *st);

static struct ps_value lab_value(const struct ps_lab_values *lab, const char *name)
{
    struct ps_value v = {.t = PT_IP4};
    if (strcmp(name, "lab_iface") == 0)
        return ps_val_bytes(PT_STR, (const uint8_t *)lab->iface, strlen(lab->iface));
    if (strcmp(name, "lab_self") == 0) {
        memcpy(v.addr, lab->self4, 4);
    } else if (strcmp(name, "lab_peer") == 0) {
        memcpy(v.addr, lab->peer4, 4);
    } else if (strcmp(name, "lab_self6") == 0 || strcmp(name, "lab_peer6") == 0) {
        v.t = PT_IP6;
        memcpy(v.addr, name[4] == 's' ? lab->self6 : lab->peer6, 16);
    } else {
        v.t = PT_MAC;
        memcpy(v.addr, strcmp(name, "lab_self_mac") == 0 ? lab->self_mac : lab->peer_mac, 6);
    }
    return v;
}

/* The first branch whose condition holds runs. A condition known only on
 * the wire (a dry run's answer) decides nothing: the test is skipped, as
 * by an expect of it; a probe cannot take it yet. */
static void if_stmt(struct interp *in, const struct ps_stmt *st)
{
    for (size_t i = 0; i < st->nbody && !in->failed_run; i++) {
        const struct ps_stmt *br = st->body[i];
        if (br->expr) {
            struct ps_value v = interp_eval(in, br->expr);
            bool wire = v.t == PT_WIRE, t = !wire && interp_truth(&v);
            ps_val_release(&v);
            if (wire) {
                in->test_skipped = true;
                return;
            }
            if (!t)
                continue;
        }
        run_block(in, br->body, br->nbody);
        return;
    }
}

static void run_stmt(struct interp *in, const struct ps_stmt *st)
{
    if (in->o->max_steps && ++in->steps > in->o->max_steps) {
        interp_error(in, st->loc, "the run went past its bound of %llu steps",
                     (unsigned long long)in->o->max_steps);
        return;
    }
    switch (st->kind) {
    case S_BIND: {
        struct ps_value v = interp_eval(in, st->expr);
        ps_val_release(&in->slots[st->slot]);
        in->slots[st->slot] = v;
        break;
    }
    case S_SETFIELD:
        set_field(in, st);
        break;
    case S_UNPACK: {
        struct ps_value v = interp_eval(in, st->expr);
        if (v.t == PT_TUPLE && v.obj->n == st->nslots) {
            for (size_t i = 0; i < st->nslots; i++) {
                ps_val_release(&in->slots[st->slots[i]]);
                in->slots[st->slots[i]] = interp_expand(in, ps_val_retain(v.obj->items[i]));
            }
        } else if (!in->failed_run) {
            interp_error(in, st->loc, "%s cannot be unpacked into %zu names",
                         ps_type_name(v.t), st->nslots);
        }
        ps_val_release(&v);
        break;
    }
    case S_EVAL: {
        struct ps_value v = interp_eval(in, st->expr);
        ps_val_release(&v);
        break;
    }
    case S_FOR:
        for_each(in, st);
        break;
    case S_TEST: {
        if (interp_test_deselected(in, st))
            break;
        in->in_test = true;
        in->test_failed = in->test_skipped = false;
        in->test_start_ns = interp_now_ns();
        free(in->test_error);
        in->test_error = NULL;
        run_block(in, st->body, st->nbody);
        in->in_test = false;
        interp_test_report(in, st);
        /* A run-time error ends its test, and the run goes on with the next
         * one; unless an output failed, or the run's bound is spent. */
        if (in->failed_run && !in->fatal &&
            !(in->o->max_steps && in->steps > in->o->max_steps)) {
            in->failed_run = false;
            in->caught_error = true;
        }
        break;
    }
    case S_EXPECT:
        expect(in, st);
        break;
    case S_IF:
        if_stmt(in, st);
        break;
    case S_BRANCH: /* run by its S_IF */
        break;
    case S_LABPARAM:
        ps_val_release(&in->slots[st->slot]);
        in->slots[st->slot] = in->o->lab ? lab_value(in->o->lab, st->text)
                                         : ps_val_retain(st->expr->value);
        break;
    }
}

static void run_block(struct interp *in, struct ps_stmt *const *body, size_t n)
{
    for (size_t i = 0; i < n && !in->failed_run; i++)
        run_stmt(in, body[i]);
}

void interp_close_outputs(struct interp *in);
void interp_open_junit(struct interp *in);
void interp_report_not_run(struct interp *in);

/* Runs prog; when `keep` names a variable, *kept gets its final value. */
static int run_program(const struct ps_program *prog, const struct ps_run_opts *opts,
                       const char *keep, struct ps_value *kept)
{
    struct interp *in = calloc(1, sizeof *in);
    if (!in)
        abort();
    in->prog = prog;
    in->o = opts;
    in->rng = opts->seed ? opts->seed : 0x5eed;
    in->slots = calloc(prog->nslots ? prog->nslots : 1, sizeof *in->slots);
    if (!in->slots)
        abort();
    in->run_start_ns = interp_now_ns();
    interp_open_junit(in);
    /* The plan comes first when the tests are statements of the top level;
     * a test in a for runs as often as it goes round, so then the plan
     * comes last, as TAP allows, and counts the tests that ran. */
    size_t top = 0;
    for (size_t i = 0; i < prog->nstmts; i++)
        top += prog->stmts[i]->kind == S_TEST;
    bool plan_first = top == prog->ntests;
    if (prog->ntests && plan_first && !in->failed_run)
        fprintf(opts->out, "1..%zu\n", prog->ntests);
    if (!in->failed_run) {
        for (in->top_at = 0; in->top_at < prog->nstmts; in->top_at++) {
            run_stmt(in, prog->stmts[in->top_at]);
            if (in->failed_run)
                break;
        }
        /* stopped early: the tests left each get their line, so that the
         * plan is matched */
        if (in->failed_run)
            interp_report_not_run(in);
        if (prog->ntests && !plan_first)
            fprintf(opts->out, "1..%zu\n", in->tests_run);
    }
    interp_close_outputs(in);
    for (size_t i = 0; i < prog->nslots; i++) {
        if (keep && prog->slot_names[i] && strcmp(prog->slot_names[i], keep) == 0)
            *kept = ps_val_retain(in->slots[i]);
        ps_val_release(&in->slots[i]);
    }
    free(in->slots);
    interp_async_free(in);
    free(in->test_detail);
    free(in->test_first);
    free(in->test_error);
    int status = in->failed_run || in->caught_error ? 3 : in->tests_failed ? 1 : 0;
    free(in);
    return status;
}

int ps_run(const struct ps_program *prog, const struct ps_run_opts *opts)
{
    return run_program(prog, opts, NULL, NULL);
}

struct ps_value ps_eval_binding(const struct ps_program *prog, const struct ps_run_opts *opts,
                                const char *name)
{
    struct ps_value v = {.t = PT_NONE};
    run_program(prog, opts, name, &v);
    return v;
}
