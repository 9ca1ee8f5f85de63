/* Which params a probe takes at run time, and where their values go. */
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "emit.h"
#include "emit_joint.h"
#include "emit_params.h"
#include "value.h"

size_t *emit_line_starts(const struct ps_program *prog, size_t *nlines)
{
    size_t n = 1;
    for (size_t i = 0; i < prog->source_len; i++)
        n += prog->source[i] == '\n';
    size_t *at = malloc((n + 1) * sizeof *at);
    if (!at)
        abort();
    at[0] = 0;
    for (size_t i = 0, k = 1; i < prog->source_len; i++)
        if (prog->source[i] == '\n')
            at[k++] = i + 1;
    at[n] = prog->source_len;
    *nlines = n;
    return at;
}

bool emit_is_param(const struct ps_program *prog, const size_t *starts, size_t nlines,
                   const struct ps_stmt *st)
{
    (void)starts;
    (void)nlines;
    if (st->kind == S_LABPARAM)
        return true;
    if (st->kind != S_BIND || st->expr->kind != E_CONST || st->loc.line <= 0)
        return false;
    /* in the file the statement is in: a param may come from an import */
    const char *s;
    size_t n;
    ps_emit_spec_line(prog, st->loc, &s, &n);
    return n > 6 && strncmp(s, "param ", 6) == 0;
}

/* The made-up values are the built value's bytes xor these: each byte
 * differs from the built one and from the other made-up value's, and a
 * MAC's I/G bit (0x01) stays as it was. */
static const uint8_t made_up_key[2] = {0x5a, 0xa4};

void emit_param_bytes(const struct ps_value *v, uint8_t len, uint8_t out[16])
{
    if (v->t == PT_INT)
        for (uint8_t i = 0; i < len; i++)
            out[i] = (uint8_t)(v->u >> (8 * (len - 1 - i)));
    else
        memcpy(out, v->addr, len);
}

void emit_param_text(const struct ps_value *v, uint8_t len, const uint8_t *key, char out[64])
{
    uint8_t b[16];
    emit_param_bytes(v, len, b);
    for (uint8_t i = 0; i < len; i++)
        b[i] ^= key[i];
    switch (v->t) {
    case PT_IP4: ps_format_ip4(b, out); break;
    case PT_IP6: ps_format_ip6(b, out); break;
    case PT_MAC: ps_format_mac(b, out); break;
    default: {
        /* an integer's value fits its len bytes (find_one) */
        uint64_t u = 0;
        for (uint8_t i = 0; i < len; i++)
            u = u << 8 | b[i];
        snprintf(out, 64, "%llu", (unsigned long long)u);
    }
    }
}

static void value_bytes(const struct ps_value *v, uint8_t len, uint8_t out[16])
{
    emit_param_bytes(v, len, out);
}

static void made_up_text(const struct ps_value *v, uint8_t len, uint8_t key, char out[64])
{
    uint8_t keys[16];
    memset(keys, key, sizeof keys);
    emit_param_text(v, len, keys, out);
}

static bool same_calls(const struct emit_rec *a, const struct emit_rec *b)
{
    if (a->ncalls != b->ncalls)
        return false;
    for (size_t i = 0; i < a->ncalls; i++) {
        const struct rec_call *x = &a->calls[i], *y = &b->calls[i];
        if (x->kind != y->kind || x->inter_ns != y->inter_ns || x->verbose != y->verbose ||
            x->linktype != y->linktype || x->layer3 != y->layer3 ||
            x->timeout_ns != y->timeout_ns || x->retry != y->retry || x->multi != y->multi ||
            !x->path != !y->path || (x->path && strcmp(x->path, y->path)) ||
            !x->filter != !y->filter || (x->filter && strcmp(x->filter, y->filter)))
            return false;
    }
    return true;
}

static bool same_text(const char *a, size_t na, const char *b, size_t nb)
{
    return na == nb && memcmp(a, b, na) == 0;
}

/* Why a recording with another value of the param is not the base's but
 * for bytes of its frames; NULL: it is not. */
const char *emit_how_it_differs(const struct emit_rec *base, const struct emit_rec *r)
{
    if (r->nframes != base->nframes)
        return "it changes how many frames are sent";
    for (size_t i = 0; i < r->nframes; i++)
        if (r->frames[i].len != base->frames[i].len)
            return "it changes the length of a frame";
    if (!same_calls(base, r) || r->nevents != base->nevents)
        return "it changes how the spec sends or captures";
    if (!same_text(base->out_buf, base->out_len, r->out_buf, r->out_len))
        return "it shows in the spec's output";
    if (!same_text(base->xpre_buf, base->xpre_len, r->xpre_buf, r->xpre_len) ||
        !same_text(base->xfn_buf, base->xfn_len, r->xfn_buf, r->xfn_len))
        return "a test's expect depends on it";
    return NULL;
}

static bool declares_layer(const struct ast_node *ast)
{
    for (size_t i = 0; i < ast->nkids; i++)
        if (ast->kids[i]->kind == AST_LAYER)
            return true;
    return false;
}

/* The spec recorded with the n params named set to their texts: 1; 0 when
 * it does not run with them (the compiler rejects a value its fields cannot
 * take), or runs far longer than base (a made-up count must not make
 * billions of frames), -1 when it does not compile again (a spec's
 * declared layers stay registered while the first compilation lives). */
int emit_record_defs(const struct emit_rec *base, const struct emit_source *src,
                     const struct ps_define *set, size_t nset, struct emit_rec *r)
{
    struct ps_define *defs = calloc(src->ndefs + nset + 1, sizeof *defs);
    if (!defs)
        abort();
    size_t n = 0;
    for (size_t i = 0; i < src->ndefs; i++) {
        bool over = false;
        for (size_t k = 0; k < nset && !over; k++)
            over = strcmp(src->defs[i].name, set[k].name) == 0;
        if (!over)
            defs[n++] = src->defs[i];
    }
    memcpy(defs + n, set, nset * sizeof *defs);
    n += nset;
    char *errs = NULL;
    size_t nerrs = 0;
    FILE *quiet = open_memstream(&errs, &nerrs);
    if (!quiet)
        abort();
    struct ps_diag d;
    ps_diag_init(&d, src->src, quiet);
    d.files = base->prog->files;
    struct ps_program *prog = ps_compile(src->ast, &d, defs, n);
    fclose(quiet);
    free(errs);
    free(defs);
    if (!prog)
        return declares_layer(src->ast) ? -1 : 0;
    char *warn = NULL;
    size_t nwarn = 0;
    uint64_t bound = 16 * (uint64_t)(base->nframes + base->nevents + prog->nstmts) + 10000;
    int status = emit_record(r, prog, NULL, bound, &warn, &nwarn);
    free(warn);
    /* r keeps pointers into the program: the comparisons need none of them */
    r->prog = NULL;
    ps_program_free(prog);
    if (status == 3)
        emit_record_free(r);
    return status != 3;
}

static int record_with(const struct emit_rec *base, const struct emit_source *src,
                       const char *name, const char *text, struct emit_rec *r)
{
    struct ps_define one = {name, text};
    return emit_record_defs(base, src, &one, 1, r);
}

const char *const emit_not_again = "the spec does not compile twice in one process (it "
                                     "declares a layer)";

bool emit_summaries_vary(const struct emit_rec *base, const struct emit_rec *r)
{
    for (size_t i = 0; i < base->nframes; i++)
        if (strcmp(base->frames[i].summary, r->frames[i].summary) != 0)
            return true;
    return false;
}

/* One width of a param's holes: 0 found, 1 try a narrower one, -1 fixed. */
static int try_width(const struct emit_rec *base, const struct emit_source *src,
                     struct emit_param *p, const struct ps_value *v, uint8_t len)
{
    struct emit_rec rec[2];
    struct emit_hole_value hv = {.kind = EH_PARAM, .len = len};
    value_bytes(v, len, hv.base);
    int got = 0;
    for (int k = 0; k < 2; k++) {
        char text[64];
        made_up_text(v, len, made_up_key[k], text);
        value_bytes(v, len, k ? hv.v1 : hv.v0);
        for (uint8_t i = 0; i < len; i++)
            (k ? hv.v1 : hv.v0)[i] ^= made_up_key[k];
        int ok = record_with(base, src, p->name, text, &rec[k]);
        if (ok < 0)
            p->fixed = emit_not_again;
        if (ok <= 0)
            break;
        got++;
    }
    int rc = got < 2 ? (p->fixed == emit_not_again ? -1 : 1) : 0;
    const char *why = rc ? NULL : emit_how_it_differs(base, &rec[0]);
    if (!why && rc == 0)
        why = emit_how_it_differs(base, &rec[1]);
    if (why) {
        p->fixed = why;
        rc = -1;
    } else if (rc == 0) {
        bool unexplained = emit_find_holes(base, &rec[0], &rec[1], &hv, 1, false, &p->patches) < 0;
        for (size_t i = 0; !unexplained && i < p->patches.npatches; i++)
            unexplained = p->patches.patches[i].unexplained;
        if (unexplained) {
            emit_patches_free(&p->patches);
            memset(&p->patches, 0, sizeof p->patches);
            p->fixed = "it changes bytes of the frames other than its value and checksums";
            rc = 1;
        } else {
            p->summaries_vary = emit_summaries_vary(base, &rec[0]);
            p->len = len;
        }
    }
    for (int k = 0; k < got; k++)
        emit_record_free(&rec[k]);
    return rc;
}

static void find_one(const struct emit_rec *base, const struct emit_source *src,
                     struct emit_param *p)
{
    const struct ps_value *v = &p->st->expr->value;
    static const struct {
        enum ps_type t;
        enum emit_pv_kind kind;
        uint8_t len;
    } kinds[] = {{PT_IP4, EP_IP4, 4}, {PT_IP6, EP_IP6, 16}, {PT_MAC, EP_MAC, 6}, {PT_INT, EP_INT, 8}};
    p->kind = EP_FIXED;
    if (p->st->kind == S_LABPARAM)
        return; /* the lab's, not -D's */
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        if (kinds[k].t != v->t)
            continue;
        if (!src) {
            p->fixed = "the probe was emitted without its source";
            return;
        }
        /* an integer: the widest of its fields' widths that recording takes */
        for (uint8_t len = kinds[k].len == 8 ? 4 : kinds[k].len; len > 0; len /= 2) {
            if (v->t == PT_INT && len < 8 && v->u >> (8 * len))
                break;
            int rc = try_width(base, src, p, v, len);
            if (rc == 0) {
                p->kind = kinds[k].kind;
                p->fixed = NULL;
                return;
            }
            if (rc < 0 || v->t != PT_INT)
                break;
        }
        if (!p->fixed)
            p->fixed = "the spec does not run with other values of it";
        return;
    }
}

struct emit_param *emit_params_find(const struct emit_rec *base, const struct emit_source *src,
                                    size_t *n)
{
    const struct ps_program *prog = base->prog;
    struct emit_param *out = calloc(prog->nstmts + 1, sizeof *out);
    if (!out)
        abort();
    *n = 0;
    size_t nlines;
    size_t *starts = emit_line_starts(prog, &nlines);
    for (size_t i = 0; i < prog->nstmts; i++) {
        const struct ps_stmt *st = prog->stmts[i];
        if (!emit_is_param(prog, starts, nlines, st))
            continue;
        struct emit_param *p = &out[(*n)++];
        p->st = st;
        p->name = prog->slot_names[st->slot];
    }
    free(starts);
    /* most params settle in a few recordings of them all at once; the rest,
     * one by one */
    bool *done = calloc(*n + 1, sizeof *done);
    if (!done)
        abort();
    if (src)
        emit_params_joint(base, src, out, *n, done);
    for (size_t i = 0; i < *n; i++)
        if (!done[i])
            find_one(base, src, &out[i]);
    free(done);
    return out;
}

void emit_params_free(struct emit_param *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        emit_patches_free(&p[i].patches);
    free(p);
}
