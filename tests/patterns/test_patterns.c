/* Every field of every layer, matched: generated from the protocol tables,
 * not written by hand. For each layer of the registry (the layers a spec
 * declares included) a frame where it is decoded is found: among Scapy's
 * frames of the vector corpus (tests/vectors/expected.txt), else built on
 * a layer it binds to. Then, for each of its fields and of the fields of
 * the records and options its lists hold, a pattern naming the field with
 * the value reading it gives must match, and with another value must not.
 * A field no frame holds a value for fails the test: a new layer or field
 * is tested by existing, or the test says what frame it lacks. */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coerce.h"
#include "compile.h"
#include "decode.h"
#include "encode.h"
#include "interp_int.h"
#include "linktype.h"
#include "pattern.h"

static const char *corpus_path, *declared_spec;

#define MAX_PROTOS 1024

/* Which fields have been tested, by registry position. */
static bool tested[MAX_PROTOS][PS_MAX_FIELDS];
static bool seen[MAX_PROTOS];
static int mismatches;

static size_t proto_index(const struct ps_proto *p)
{
    size_t n;
    const struct ps_proto *const *all = ps_proto_all(&n);
    for (size_t i = 0; i < n; i++)
        if (all[i] == p)
            return i;
    return MAX_PROTOS - 1;
}

/* Another value than v for a field of kind `kind`: one bit off. */
static struct ps_value other_value(const struct ps_value *v, enum ps_kind kind)
{
    struct ps_value o = *v;
    switch (v->t) {
    case PT_INT:
        o.u ^= 1;
        return o;
    case PT_MAC:
        o.addr[5] ^= 1;
        return o;
    case PT_IP4:
        o.addr[3] ^= 1;
        return o;
    case PT_IP6:
        o.addr[15] ^= 1;
        return o;
    case PT_BYTES:
    case PT_STR: {
        size_t n = v->obj->len;
        if (n == 0)
            return ps_val_bytes(PT_BYTES, kind == PS_K_OPTIONS ? (const uint8_t *)"\x01"
                                                               : (const uint8_t *)"z", 1);
        o = ps_val_bytes(PT_BYTES, v->obj->bytes, n);
        /* An option list: another first option (padding after EOL would
         * not be another value). */
        o.obj->bytes[kind == PS_K_OPTIONS ? 0 : n - 1] ^= 1;
        return o;
    }
    default:
        return (struct ps_value){.t = PT_NONE};
    }
}

/* A pattern of the packet's layers 0..k, empty but for what `fill` sets in
 * layer k. */
static struct ps_value pattern_upto(const struct ps_tpkt *got, size_t k)
{
    struct ps_value pat = ps_val_layer(got->layers[0]->proto);
    for (size_t i = 1; i <= k; i++) {
        struct ps_value one = ps_val_layer(got->layers[i]->proto);
        struct ps_value st = ps_val_stack(&pat, &one);
        ps_val_release(&pat);
        ps_val_release(&one);
        pat = st;
    }
    return pat;
}

/* The value in a failure's message. */
static void put_value(const struct ps_value *v)
{
    if (v->t == PT_INT) {
        fprintf(stderr, "%llu", (unsigned long long)v->u);
    } else if (v->t == PT_BYTES || v->t == PT_STR) {
        fputs("x\"", stderr);
        for (size_t i = 0; i < v->obj->len; i++)
            fprintf(stderr, "%02x", v->obj->bytes[i]);
        fputs("\"", stderr);
    } else if (v->t == PT_MAC || v->t == PT_IP4 || v->t == PT_IP6) {
        size_t n = v->t == PT_MAC ? 6 : v->t == PT_IP4 ? 4 : 16;
        for (size_t i = 0; i < n; i++)
            fprintf(stderr, "%s%02x", i ? ":" : "", v->addr[i]);
    } else {
        fprintf(stderr, "(%s)", ps_type_name(v->t));
    }
}

static void expect_match(const struct ps_value *got, const struct ps_value *pat, bool want,
                         const char *where, const struct ps_value *v)
{
    struct ps_match_why why;
    enum ps_match m = ps_pattern_match(&got->obj->pkt, &pat->obj->pkt, &why);
    if (m == (want ? PS_MATCH_YES : PS_MATCH_NO))
        return;
    mismatches++;
    fprintf(stderr, "%s: a pattern with %s value ", where, want ? "its own" : "another");
    put_value(v);
    fprintf(stderr, " %s\n",
            m == PS_MATCH_CANNOT ? "cannot be compared" : want ? "does not match" : "matches");
}

/* Sets field fi of layer `at` of pat to v; false (reported) when it cannot. */
static bool give(struct ps_value *pat, size_t at, int fi, const struct ps_value *v,
                 const char *where)
{
    char err[256];
    const char *msg = ps_coerce_field(pat->obj->pkt.layers[at], fi, v, err, sizeof err);
    if (msg) {
        mismatches++;
        fprintf(stderr, "%s: the value read cannot be given back: %s\n", where, msg);
    }
    return !msg;
}

/* Field fi of the layer `t` of packet `got`, read as a spec reads it, in a
 * pattern made by make(ctx, value): matches; with another value: does not. */
typedef struct ps_value (*make_fn)(const void *ctx, const struct ps_value *v, bool *ok);

static void test_field(const struct ps_value *got, const struct ps_tlayer *t, int fi,
                       make_fn make, const void *ctx)
{
    const struct ps_field *fd = &t->proto->fields[fi];
    char where[160];
    snprintf(where, sizeof where, "%s.%s", t->proto->name, fd->name);
    struct ps_value own;
    if (fd->kind == PS_K_LAYERS) {
        /* The list as it is, each element whole. */
        own = ps_val_list(PT_LIST);
        for (size_t e = 0; e < t->nsub[fi]; e++) {
            struct ps_packet one = {.n = 1};
            one.layers[0] = t->sub[fi][e];
            ps_list_push(&own, ps_val_decoded(&one, NULL, 0, 0, got->obj));
        }
    } else {
        own = interp_field_value(t, fi);
    }
    if (own.t == PT_NONE)
        return; /* None here: another frame may have it */
    bool ok = true;
    struct ps_value pat = make(ctx, &own, &ok);
    if (ok) {
        expect_match(got, &pat, true, where, &own);
        struct ps_value other;
        if (fd->kind == PS_K_LAYERS) {
            /* One element more than the packet has. */
            other = ps_val_list(PT_LIST);
            for (size_t i = 0; i < own.obj->n; i++)
                ps_list_push(&other, ps_val_retain(own.obj->items[i]));
            const struct ps_proto *elem = NULL;
            size_t n;
            const struct ps_proto *const *all = ps_proto_all(&n);
            for (size_t i = 0; i < n && !elem; i++)
                if (all[i]->klass && strcmp(all[i]->klass, fd->sub_class) == 0)
                    elem = all[i];
            ps_list_push(&other, ps_val_layer(elem));
        } else {
            other = other_value(&own, interp_field_shape(t, fi)->kind);
        }
        struct ps_value opat = make(ctx, &other, &ok);
        if (ok)
            expect_match(got, &opat, false, where, &other);
        ps_val_release(&opat);
        if (other.obj != own.obj)
            ps_val_release(&other);
        tested[proto_index(t->proto)][fi] = true;
    }
    ps_val_release(&pat);
    ps_val_release(&own);
}

/* A field of the stack's layer k. */
struct stack_ctx {
    const struct ps_tpkt *got;
    size_t k;
    int fi;
};

static struct ps_value make_stack(const void *vctx, const struct ps_value *v, bool *ok)
{
    const struct stack_ctx *c = vctx;
    struct ps_value pat = pattern_upto(c->got, c->k);
    char where[160];
    snprintf(where, sizeof where, "%s.%s", c->got->layers[c->k]->proto->name,
             c->got->layers[c->k]->proto->fields[c->fi].name);
    *ok = give(&pat, c->k, c->fi, v, where);
    return pat;
}

/* A field of element e of list field lf of the stack's layer k. */
struct elem_ctx {
    const struct ps_tpkt *got;
    size_t k;
    int lf;
    size_t e;
    int fi;
};

static struct ps_value make_elem(const void *vctx, const struct ps_value *v, bool *ok)
{
    const struct elem_ctx *c = vctx;
    const struct ps_tlayer *t = c->got->layers[c->k];
    struct ps_value list = ps_val_list(PT_LIST);
    char where[160];
    snprintf(where, sizeof where, "%s.%s", t->sub[c->lf][c->e].proto->name,
             t->sub[c->lf][c->e].proto->fields[c->fi].name);
    *ok = true;
    for (size_t i = 0; i <= c->e; i++) {
        struct ps_value el = ps_val_layer(t->sub[c->lf][i].proto);
        if (i == c->e)
            *ok = give(&el, 0, c->fi, v, where);
        ps_list_push(&list, el);
    }
    struct ps_value pat = pattern_upto(c->got, c->k);
    if (*ok)
        *ok = give(&pat, c->k, c->lf, &list, where);
    ps_val_release(&list);
    return pat;
}

/* A field of element e2 of list field lf2 of element e of list field lf of
 * the stack's layer k: an element's own list (DNS OPT's options, ISAKMP's
 * transforms in a proposal). */
struct elem2_ctx {
    const struct ps_tpkt *got;
    size_t k;
    int lf;
    size_t e;
    const struct ps_tlayer *el;
    int lf2;
    size_t e2;
    int fi;
};

static struct ps_value make_elem2(const void *vctx, const struct ps_value *v, bool *ok)
{
    const struct elem2_ctx *c = vctx;
    const struct ps_tlayer *t = c->got->layers[c->k];
    char where[160];
    snprintf(where, sizeof where, "%s.%s", c->el->sub[c->lf2][c->e2].proto->name,
             c->el->sub[c->lf2][c->e2].proto->fields[c->fi].name);
    *ok = true;
    struct ps_value inner = ps_val_list(PT_LIST);
    for (size_t i = 0; i <= c->e2; i++) {
        struct ps_value el = ps_val_layer(c->el->sub[c->lf2][i].proto);
        if (i == c->e2)
            *ok = give(&el, 0, c->fi, v, where);
        ps_list_push(&inner, el);
    }
    struct ps_value list = ps_val_list(PT_LIST);
    for (size_t i = 0; i <= c->e; i++) {
        struct ps_value el = ps_val_layer(t->sub[c->lf][i].proto);
        if (i == c->e && *ok)
            *ok = give(&el, 0, c->lf2, &inner, where);
        ps_list_push(&list, el);
    }
    ps_val_release(&inner);
    struct ps_value pat = pattern_upto(c->got, c->k);
    if (*ok)
        *ok = give(&pat, c->k, c->lf, &list, where);
    ps_val_release(&list);
    return pat;
}

/* The elements of element el's own lists, each field tested. */
static void test_inner_elements(const struct ps_value *got, const struct ps_tpkt *t, size_t k,
                                int fi, size_t e, const struct ps_tlayer *el)
{
    for (size_t lf2 = 0; lf2 < el->proto->nfields; lf2++) {
        if (el->proto->fields[lf2].kind != PS_K_LAYERS)
            continue;
        for (size_t e2 = 0; e2 < el->nsub[lf2]; e2++) {
            struct ps_packet one = {.n = 1};
            one.layers[0] = el->sub[lf2][e2];
            struct ps_value ev = ps_val_decoded(&one, NULL, 0, 0, got->obj);
            const struct ps_tlayer *el2 = ev.obj->pkt.layers[0];
            seen[proto_index(el2->proto)] = true;
            for (size_t ef = 0; ef < el2->proto->nfields; ef++) {
                struct elem2_ctx ec = {t, k, fi, e, el, (int)lf2, e2, (int)ef};
                test_field(got, el2, (int)ef, make_elem2, &ec);
            }
            ps_val_release(&ev);
        }
    }
}

static void test_packet(const struct ps_value *got)
{
    const struct ps_tpkt *t = &got->obj->pkt;
    for (size_t k = 0; k < t->n; k++) {
        const struct ps_tlayer *l = t->layers[k];
        seen[proto_index(l->proto)] = true;
        for (size_t fi = 0; fi < l->proto->nfields; fi++) {
            struct stack_ctx sc = {t, k, (int)fi};
            test_field(got, l, (int)fi, make_stack, &sc);
            if (l->proto->fields[fi].kind != PS_K_LAYERS)
                continue;
            for (size_t e = 0; e < l->nsub[fi]; e++) {
                /* The element as a layer of its own, to read its fields. */
                struct ps_packet one = {.n = 1};
                one.layers[0] = l->sub[fi][e];
                struct ps_value ev = ps_val_decoded(&one, NULL, 0, 0, got->obj);
                const struct ps_tlayer *el = ev.obj->pkt.layers[0];
                seen[proto_index(el->proto)] = true;
                for (size_t ef = 0; ef < el->proto->nfields; ef++) {
                    struct elem_ctx ec = {t, k, (int)fi, e, (int)ef};
                    test_field(got, el, (int)ef, make_elem, &ec);
                }
                test_inner_elements(got, t, k, (int)fi, e, el);
                ps_val_release(&ev);
            }
        }
    }
}

static struct ps_layer subs[64];

static void test_frame(const uint8_t *frame, size_t len, int linktype)
{
    static struct ps_packet pkt;
    struct ps_decode_room room = {.subs = subs, .subs_cap = 64};
    ps_decode(frame, len, linktype, &pkt, &room);
    struct ps_value got = ps_val_decoded(&pkt, frame, len, 0, NULL);
    test_packet(&got);
    ps_val_release(&got);
}

static size_t unhex(const char *s, uint8_t *out, size_t cap)
{
    size_t n = 0;
    for (; s[0] && s[1] && n < cap; s += 2) {
        unsigned v;
        if (sscanf(s, "%2x", &v) != 1)
            break;
        out[n++] = (uint8_t)v;
    }
    return n;
}

/* Scapy's frames, each read as Ether and as raw IP (the corpus holds both). */
static size_t nframes;
static uint8_t (*frames)[PS_MAX_FRAME];
static size_t *frame_len;

static void load_corpus(void)
{
    FILE *f = fopen(corpus_path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    static char line[2 * PS_MAX_FRAME + 256];
    size_t cap = 0;
    while (fgets(line, sizeof line, f)) {
        char name[128], hex[2 * PS_MAX_FRAME + 1];
        unsigned idx;
        if (line[0] == '#' || sscanf(line, "%127s %u %s", name, &idx, hex) != 3)
            continue;
        if (nframes == cap) {
            cap = cap ? cap * 2 : 512;
            frames = realloc(frames, cap * sizeof *frames);
            frame_len = realloc(frame_len, cap * sizeof *frame_len);
        }
        frame_len[nframes] = unhex(hex, frames[nframes], PS_MAX_FRAME);
        nframes++;
    }
    fclose(f);
}

/* A frame for a layer none of Scapy's frames holds (a declared one): the
 * first decoded packet that has a layer it binds to, up to that layer,
 * with the new layer on it, its defaults all, built and decoded again. */
static bool build_on_lower(const struct ps_proto *p)
{
    const struct ps_bind *lists[] = {p->build_binds, p->binds, p->dissect_binds};
    static struct ps_packet pkt, built;
    static uint8_t out[PS_MAX_FRAME];
    for (size_t b = 0; b < 3; b++) {
        for (const struct ps_bind *bd = lists[b]; bd && bd->lower; bd++) {
            for (size_t i = 0; i < nframes; i++) {
                struct ps_decode_room room = {.subs = subs, .subs_cap = 64};
                ps_decode(frames[i], frame_len[i], PS_DLT_EN10MB, &pkt, &room);
                size_t k = 0;
                while (k < pkt.n && strcmp(pkt.layers[k].proto->name, bd->lower) != 0)
                    k++;
                if (k == pkt.n || k + 1 >= PS_MAX_LAYERS)
                    continue;
                /* Lengths, checksums and the binding field made anew. */
                for (size_t j = 0; j <= k; j++)
                    for (size_t f = 0; f < pkt.layers[j].proto->nfields; f++)
                        if (pkt.layers[j].proto->fields[f].is_auto ||
                            (j == k && bd->field &&
                             strcmp(pkt.layers[j].proto->fields[f].name, bd->field) == 0))
                            pkt.layers[j].v[f].set = false;
                pkt.n = k + 1;
                ps_layer_init(&pkt.layers[pkt.n++], p);
                struct ps_env env = {0};
                long n = ps_encode(&pkt, &env, out, sizeof out, NULL);
                if (n < 0)
                    continue;
                struct ps_decode_room r2 = {.subs = subs, .subs_cap = 64};
                ps_decode(out, (size_t)n, PS_DLT_EN10MB, &built, &r2);
                if (built.n <= k + 1 || built.layers[k + 1].proto != p)
                    continue;
                struct ps_value got = ps_val_decoded(&built, out, (size_t)n, 0, NULL);
                test_packet(&got);
                ps_val_release(&got);
                return true;
            }
        }
    }
    return false;
}

/* Classes Scapy builds but never dissects: the bytes of ICMPv6Unknown
 * (an ICMPv6 type without a class) and of ICMPv6NDOptUnknown (an option
 * type without one) come back as Raw, in Scapy as here (the corpus entries
 * icmpv6_unknown_type and nd_option_unknown), so no frame holds them;
 * DHCPv6's generic DHCP6 neither: _dhcp6_dispatcher reads a message by its
 * msgtype, and DHCP6's default of 0 is Raw (dhcp6_generic_default);
 * NetBIOS_DS is bound to nothing (netbios_ds_raw). A frame that does hold
 * one fails the test, so that it leaves this list. */
static const char *const build_only[] = {"ICMPv6Unknown", "ICMPv6NDOptUnknown", "DHCP6",
                                         "NetBIOS_DS", NULL};

static bool is_build_only(const struct ps_proto *p)
{
    for (const char *const *b = build_only; *b; b++)
        if (strcmp(*b, p->name) == 0)
            return true;
    return false;
}

static void test_every_field(void)
{
    /* A spec's own layer joins the registry while its program lives. */
    FILE *f = fopen(declared_spec, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    static char text[65536];
    size_t len = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    struct ps_source src = {.path = declared_spec, .text = text, .len = len};
    struct ps_diag d;
    ps_diag_init(&d, &src, stderr);
    struct ast_node *ast = ps_parse(&src, &d);
    struct ps_program *prog = d.errors ? NULL : ps_compile(ast, &d, NULL, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(prog);

    load_corpus();
    CU_ASSERT_TRUE_FATAL(nframes > 100);
    /* The corpus does not say a frame's link type: each is read as every
     * link type whose first layer a corpus entry can start with. */
    static const int linktypes[] = {PS_DLT_EN10MB, PS_DLT_RAW, PS_DLT_LINUX_SLL,
                                    PS_DLT_LINUX_SLL2, PS_DLT_LOOP, 9 /* PPP */,
                                    50 /* PPP in HDLC framing */, 105 /* 802.11 */,
                                    127 /* RadioTap */};
    for (size_t i = 0; i < nframes; i++)
        for (size_t k = 0; k < sizeof linktypes / sizeof linktypes[0]; k++)
            test_frame(frames[i], frame_len[i], linktypes[k]);
    size_t n;
    const struct ps_proto *const *all = ps_proto_all(&n);
    CU_ASSERT_TRUE_FATAL(n < MAX_PROTOS);
    size_t fields = 0, untested = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_build_only(all[i])) {
            if (seen[i] || build_on_lower(all[i])) {
                untested++;
                fprintf(stderr, "%s: a frame holds it: take it off build_only\n",
                        all[i]->name);
            }
            continue;
        }
        if (!seen[i] && !build_on_lower(all[i]))
            fprintf(stderr, "%s: no frame holds this layer (add one to the vector corpus)\n",
                    all[i]->name);
        for (size_t fi = 0; fi < all[i]->nfields; fi++) {
            fields++;
            if (tested[i][fi])
                continue;
            untested++;
            fprintf(stderr, "%s.%s: no frame holds a value of it to match\n", all[i]->name,
                    all[i]->fields[fi].name);
        }
    }
    fprintf(stderr, "%zu layers, %zu fields: %zu untested, %d mismatches\n", n, fields,
            untested, mismatches);
    CU_ASSERT_EQUAL(untested, 0);
    CU_ASSERT_EQUAL(mismatches, 0);
    ps_program_free(prog);
    ast_free(ast);
    free(frames);
    free(frame_len);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s EXPECTED.TXT DECLARED-LAYER.PKT\n", argv[0]);
        return 2;
    }
    corpus_path = argv[1];
    declared_spec = argv[2];
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    CU_pSuite s = CU_add_suite("patterns", NULL, NULL);
    CU_add_test(s, "every field of every layer, matched", test_every_field);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}
