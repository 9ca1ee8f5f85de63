/* The recorder behind `pktspec emit`: the interpreter runs the spec as a dry
 * run would and hands over every frame, call, test and expect. */
#include <stdlib.h>
#include <string.h>

#include "emit_expect.h"
#include "emit_params.h"
#include "emit_record.h"
#include "value.h"

static void *grow(void *p, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return p;
    *cap = *cap ? *cap * 2 : 64;
    p = realloc(p, *cap * size);
    if (!p)
        abort();
    return p;
}

static void push_event(struct emit_rec *r, int kind, size_t a)
{
    r->events = grow(r->events, r->nevents, &r->capevents, sizeof *r->events);
    r->events[r->nevents++] = (struct rec_event){kind, a, 0};
}

/* The dry run's text since the last hook becomes a text event. */
static void flush_text(struct emit_rec *r)
{
    fflush(r->out);
    if (r->out_len > r->out_done) {
        push_event(r, r->report_next ? EV_DRY_TEXT : EV_TEXT, r->out_done);
        r->events[r->nevents - 1].len = r->out_len - r->out_done;
        r->out_done = r->out_len;
    }
    r->report_next = false;
}

/* An option given as a constant (a param is one by now), or def. */
static uint64_t const_opt(const struct ps_expr *e, int opt, uint64_t def)
{
    for (size_t i = 0; i < e->nopts; i++)
        if (e->opts[i].index == opt && e->opts[i].value->kind == E_CONST)
            return e->opts[i].value->value.u;
    return def;
}

/* What the probe needs of an sr call: its options, constants all (else
 * the probe refuses -i). */
static void sr_call(struct rec_call *c, const struct ps_expr *e)
{
    static const int opts[] = {O_TIMEOUT, O_RETRY, O_MULTI, O_FILTER, O_INTER, O_VERBOSE};
    c->kind = 1;
    c->layer3 = e->builtin == B_SR || e->builtin == B_SR1;
    c->timeout_ns = const_opt(e, O_TIMEOUT, 2000000000u); /* live.c's default */
    c->retry = (int)(int64_t)const_opt(e, O_RETRY, 0);
    c->multi = const_opt(e, O_MULTI, 0) != 0;
    for (size_t i = 0; i < e->nopts; i++) {
        const struct ps_expr *v = e->opts[i].value;
        for (size_t k = 0; k < sizeof opts / sizeof opts[0]; k++)
            if (e->opts[i].index == opts[k] && v->kind != E_CONST && !c->cannot) {
                c->kind = 3;
                c->cannot = "take an option of sr known only at run time";
                c->cannot_loc = v->loc;
            }
        if (e->opts[i].index == O_FILTER && v->kind == E_CONST && v->value.t == PT_STR)
            c->filter = strndup((const char *)v->value.obj->bytes, v->value.obj->len);
    }
}

static unsigned on_call_begin(void *ctx, const struct ps_expr *e)
{
    struct emit_rec *r = ctx;
    flush_text(r);
    r->calls = realloc(r->calls, (r->ncalls + 1) * sizeof *r->calls);
    if (!r->calls)
        abort();
    struct rec_call *c = &r->calls[r->ncalls];
    memset(c, 0, sizeof *c);
    c->e = e;
    c->linktype = 1;
    c->inter_ns = const_opt(e, O_INTER, 0);
    c->verbose = (int)const_opt(e, O_VERBOSE, 2); /* Scapy's conf.verb */
    if (e->kind == E_CALL && (e->builtin == B_SR || e->builtin == B_SR1 ||
                              e->builtin == B_SRP || e->builtin == B_SRP1))
        sr_call(c, e);
    else if (e->kind == E_CALL && e->builtin != B_SEND && e->builtin != B_SENDP &&
             e->builtin != B_WRPCAP) {
        c->kind = 3;
        c->cannot = "run srloop or srploop";
        c->cannot_loc = e->loc;
    }
    /* The interface is the command line's: a probe sends where -i says, so
     * an iface= other than lab_iface (which is -i in a probe) is refused. */
    for (size_t i = 0; e->kind == E_CALL && i < e->nopts && !c->cannot; i++) {
        const struct ps_expr *v = e->opts[i].value;
        if (e->opts[i].index == O_RATE) {
            /* threads= only speeds a send up: a probe sends in order on one socket */
            c->kind = 3;
            c->cannot = "pace frames at rate=";
            c->cannot_loc = e->opts[i].loc;
            continue;
        }
        if (e->opts[i].index != O_IFACE || !v)
            continue;
        bool lab_iface = v->kind == E_VAR && r->prog->slot_names && v->slot >= 0 &&
                         r->prog->slot_names[v->slot] &&
                         strcmp(r->prog->slot_names[v->slot], "lab_iface") == 0;
        if (!lab_iface) {
            c->kind = 3;
            c->cannot = "send where iface= says (a probe's interface is its -i)";
            c->cannot_loc = e->opts[i].loc;
        }
    }
    if (e->kind == E_CALL && e->builtin == B_WRPCAP) {
        c->kind = 2;
        const struct ps_expr *p = e->args[0];
        if (p->kind == E_CONST && p->value.t == PT_STR)
            c->path = strndup((const char *)p->value.obj->bytes, p->value.obj->len);
        else
            c->path = strdup("");
    }
    if (r->nloops && !c->cannot) {
        /* the probe repeats a loop's events, and a call's answers are one set */
        c->kind = 3;
        c->cannot = "send inside a loop over answers";
        c->cannot_loc = e->loc;
    }
    r->call = (int)r->ncalls;
    push_event(r, EV_CALL_BEGIN, r->ncalls);
    return (unsigned)r->ncalls++;
}

static void on_frame(void *ctx, const uint8_t *frame, size_t len, uint64_t ts_ns, int linktype,
                     const char *summary)
{
    struct emit_rec *r = ctx;
    flush_text(r);
    if (r->over || r->nframes >= EMIT_MAX_FRAMES || len > EMIT_MAX_FRAME_BYTES - r->frame_bytes) {
        if (!r->over && r->call >= 0)
            r->over_loc = r->calls[r->call].e->loc;
        r->over = true;
        /* the interpreter reads its bound at every step: the run stops now */
        r->opts->max_steps = 1;
        return;
    }
    r->frame_bytes += len;
    r->frames = grow(r->frames, r->nframes, &r->capframes, sizeof *r->frames);
    struct rec_frame *f = &r->frames[r->nframes];
    f->bytes = malloc(len ? len : 1);
    if (!f->bytes || !(f->summary = strdup(summary)))
        abort();
    memcpy(f->bytes, frame, len);
    f->len = len;
    f->ts_ns = ts_ns;
    f->call = r->call;
    if (r->call >= 0)
        r->calls[r->call].linktype = linktype;
    push_event(r, EV_FRAME, r->nframes++);
}

static void on_call_end(void *ctx, unsigned handle)
{
    struct emit_rec *r = ctx;
    flush_text(r);
    push_event(r, EV_CALL_END, handle);
    r->call = -1;
}

static void on_test_begin(void *ctx, const struct ps_stmt *st)
{
    struct emit_rec *r = ctx;
    flush_text(r);
    r->tests = realloc(r->tests, (r->ntests + 1) * sizeof *r->tests);
    r->test_skipped = realloc(r->test_skipped, (r->ntests + 1) * sizeof *r->test_skipped);
    r->test_failure = realloc(r->test_failure, (r->ntests + 1) * sizeof *r->test_failure);
    r->test_message = realloc(r->test_message, (r->ntests + 1) * sizeof *r->test_message);
    if (!r->tests || !r->test_skipped || !r->test_failure || !r->test_message)
        abort();
    r->tests[r->ntests] = st;
    r->test_skipped[r->ntests] = false;
    r->test_failure[r->ntests] = r->test_message[r->ntests] = NULL;
    r->test = (int)r->ntests;
    push_event(r, EV_TEST_BEGIN, r->ntests++);
}

static void on_test_end(void *ctx, const struct ps_stmt *st)
{
    struct emit_rec *r = ctx;
    (void)st;
    flush_text(r);
    push_event(r, EV_TEST_END, (size_t)r->test);
    r->report_next = true;
    r->test = -1;
}

/* The report of a test's failed expects, for the probe's JUnit. */
static void on_test_failed(void *ctx, const char *message, const char *detail)
{
    struct emit_rec *r = ctx;
    size_t t = r->ntests - 1;
    free(r->test_failure[t]);
    free(r->test_message[t]);
    r->test_failure[t] = strdup(detail ? detail : "");
    r->test_message[t] = strdup(message ? message : "");
    if (!r->test_failure[t] || !r->test_message[t])
        abort();
}

/* The expect's first report line, as runtime/interp/interp.c writes it,
 * and the lines naming the fors it is in (context). */
static char *expect_where(const struct emit_rec *r, const struct ps_stmt *st, const char *context)
{
    char *s = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&s, &n);
    if (!m)
        abort();
    fprintf(m, "%s:%d:%d: expect %s", r->prog->path, st->loc.line, st->loc.col,
            st->cond_text ? st->cond_text : "");
    if (st->text)
        fprintf(m, " (%s)", st->text);
    if (context && context[0])
        fprintf(m, "\n%.*s", (int)strlen(context) - 1, context);
    fclose(m);
    return s;
}

static void on_expect(void *ctx, const struct ps_stmt *st, const struct ps_value *slots,
                      const char *context)
{
    struct emit_rec *r = ctx;
    flush_text(r);
    r->expects = realloc(r->expects, (r->nexpects + 1) * sizeof *r->expects);
    r->expect_where = realloc(r->expect_where, (r->nexpects + 1) * sizeof *r->expect_where);
    r->expect_cannot = realloc(r->expect_cannot, (r->nexpects + 1) * sizeof *r->expect_cannot);
    if (!r->expects || !r->expect_where || !r->expect_cannot)
        abort();
    r->expects[r->nexpects] = st;
    r->expect_where[r->nexpects] = expect_where(r, st, context);
    /* What cannot be compiled makes the probe refuse -i: its --dry-run and
     * --pcap stay pktspec run's. */
    struct rec_refusal *cannot = &r->expect_cannot[r->nexpects];
    cannot->what = NULL;
    emit_expect_compile(r->xpre, r->xfn, r->nexpects, st, r->prog, r->param_of_slot, slots,
                        &cannot->loc, &cannot->what);
    if (r->test >= 0)
        r->test_skipped[r->test] = true;
    push_event(r, EV_EXPECT, r->nexpects++);
}

static void on_refuse(void *ctx, struct ps_loc loc, const char *what)
{
    struct emit_rec *r = ctx;
    for (size_t i = 0; i < r->nrefusals; i++)
        if (r->refusals[i].loc.line == loc.line && r->refusals[i].loc.col == loc.col)
            return;
    r->refusals = realloc(r->refusals, (r->nrefusals + 1) * sizeof *r->refusals);
    if (!r->refusals)
        abort();
    r->refusals[r->nrefusals++] = (struct rec_refusal){loc, what};
}

static void on_loop_begin(void *ctx, const struct ps_stmt *st, unsigned handle)
{
    struct emit_rec *r = ctx;
    flush_text(r);
    for (size_t i = 0; i < r->nloops; i++)
        if (r->events[r->loops[i]].a == handle)
            on_refuse(r, st->loc, "go over the answers of one call in a loop over them");
    r->loops = grow(r->loops, r->nloops, &r->caploops, sizeof *r->loops);
    r->loops[r->nloops++] = r->nevents;
    push_event(r, EV_LOOP_BEGIN, handle);
}

static void on_loop_end(void *ctx, const struct ps_stmt *st)
{
    struct emit_rec *r = ctx;
    (void)st;
    flush_text(r);
    push_event(r, EV_LOOP_END, r->loops[--r->nloops]);
}

int emit_record(struct emit_rec *r, const struct ps_program *prog, const struct ps_env *env,
                uint64_t max_steps, char **warnings, size_t *nwarnings)
{
    memset(r, 0, sizeof *r);
    r->prog = prog;
    r->call = r->test = -1;
    /* the params as the probe numbers them (emit_params.c) */
    r->param_of_slot = malloc((prog->nslots + 1) * sizeof *r->param_of_slot);
    if (!r->param_of_slot)
        abort();
    for (size_t i = 0; i < prog->nslots; i++)
        r->param_of_slot[i] = -1;
    size_t nlines;
    size_t *starts = emit_line_starts(prog, &nlines);
    for (size_t i = 0, k = 0; i < prog->nstmts; i++)
        if (emit_is_param(prog, starts, nlines, prog->stmts[i]))
            r->param_of_slot[prog->stmts[i]->slot] = (int)k++;
    free(starts);
    r->out = open_memstream(&r->out_buf, &r->out_len);
    r->xpre = open_memstream(&r->xpre_buf, &r->xpre_len);
    r->xfn = open_memstream(&r->xfn_buf, &r->xfn_len);
    if (!r->xpre || !r->xfn)
        abort();
    FILE *err = open_memstream(warnings, nwarnings);
    if (!r->out || !err)
        abort();
    struct ps_recorder rec = {
        .ctx = r, .call_begin = on_call_begin, .frame = on_frame, .call_end = on_call_end,
        .test_begin = on_test_begin, .test_end = on_test_end, .test_failed = on_test_failed,
        .expect = on_expect,
        .loop_begin = on_loop_begin, .loop_end = on_loop_end, .refuse = on_refuse,
    };
    struct ps_run_opts o = {.mode = PS_RUN_RECORD, .out = r->out, .err = err, .rec = &rec,
                            .max_steps = max_steps ? max_steps : EMIT_MAX_STEPS};
    if (env)
        o.env = *env;
    r->opts = &o;
    int status = ps_run(prog, &o);
    flush_text(r);
    fclose(err);
    fclose(r->out);
    fclose(r->xpre);
    fclose(r->xfn);
    r->out = r->xpre = r->xfn = NULL;
    r->opts = NULL;
    return status;
}

void emit_record_free(struct emit_rec *r)
{
    for (size_t i = 0; i < r->nframes; i++) {
        free(r->frames[i].bytes);
        free(r->frames[i].summary);
    }
    for (size_t i = 0; i < r->ncalls; i++) {
        free(r->calls[i].path);
        free(r->calls[i].filter);
    }
    for (size_t i = 0; i < r->nexpects; i++)
        free(r->expect_where[i]);
    free(r->expect_where);
    free(r->expect_cannot);
    free(r->xpre_buf);
    free(r->xfn_buf);
    free(r->frames);
    free(r->calls);
    free(r->events);
    for (size_t i = 0; i < r->ntests; i++) {
        free(r->test_failure[i]);
        free(r->test_message[i]);
    }
    free(r->tests);
    free(r->test_skipped);
    free(r->test_failure);
    free(r->test_message);
    free(r->expects);
    free(r->refusals);
    free(r->loops);
    free(r->param_of_slot);
    free(r->out_buf);
}
