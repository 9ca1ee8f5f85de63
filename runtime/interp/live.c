/* The interpreter's live path for the sending calls: send and sendp, sr and
 * its kin, srloop and srploop, on an interface (-i) or in the lab. The dry
 * run and --pcap stay in actions.c. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "live_int.h"
#include "print.h"
#include "progress.h"
#include "signals.h"
#include "sr.h"
#include "tx.h"
#include "wire.h"

#define SR_DEFAULT_TIMEOUT_NS 2000000000LL /* Scapy waits for ever; a run must end */

static const struct ps_value none_value = {.t = PT_NONE};

/* ---- send, sendp ------------------------------------------------------------- */

/* The frames of one pass are built once and kept, then the engine (tx.h)
 * sends them `count` times over. A pass too big to keep, and inter= (a
 * pause after each frame, Scapy's), go out as they are built instead. */
#define KEEP_BYTES (64u << 20)
#define STREAM_BATCH 1024
#define THREADS_FROM 1000000 /* frames in a call from which threads= defaults to the cores */
#define THREADS_DEFAULT_MAX 8

struct sender {
    struct interp *in;
    int64_t inter;
    int verbose;
    bool dots;                /* Scapy's dot a frame: a short call (progress.h) */
    struct ps_progress prog;
    uint8_t *buf;             /* the frames kept, back to back */
    size_t used, cap;
    size_t *offs, *lens;
    const uint8_t **frames;   /* room for qcap pointers into buf */
    size_t queued, qcap;
    bool streaming;           /* frames are sent as they are built */
    struct ps_tx_opts tx;
    struct ps_tx_pace pace;   /* the rate's clock, across a stream's batches */
    uint64_t sent;
    char err[256];
    bool failed;
};

static void count_sent(void *ctx, uint64_t n)
{
    struct sender *s = ctx;
    s->sent += n;
    ps_progress_set(&s->prog, s->sent);
    if (s->dots)
        for (uint64_t i = 0; i < n; i++)
            fputc('.', s->in->o->out);
    fflush(s->in->o->out);
}

/* Sends the frames kept, `passes` times over, and forgets them. */
static bool flush_batch(struct sender *s, uint64_t passes)
{
    if (!s->queued)
        return true;
    for (size_t i = 0; i < s->queued; i++)
        s->frames[i] = s->buf + s->offs[i];
    s->tx.passes = passes;
    int64_t n = ps_tx_run(s->frames, s->lens, s->queued, &s->tx, s->err, sizeof s->err);
    s->queued = s->used = 0;
    if (n < 0)
        s->failed = true;
    return n >= 0;
}

static bool keep_frame(void *ctx, const uint8_t *frame, size_t len)
{
    struct sender *s = ctx;
    if (*ps_signals_stop_flag())
        return false;
    if (s->used + len > s->cap || s->queued == s->qcap) {
        size_t cap = s->cap ? s->cap : 256 * 1024, qcap = s->qcap ? s->qcap * 2 : 1024;
        while (cap < s->used + len)
            cap *= 2;
        uint8_t *b = realloc(s->buf, cap);
        size_t *o = b ? realloc(s->offs, qcap * sizeof *o) : NULL;
        size_t *l = o ? realloc(s->lens, qcap * sizeof *l) : NULL;
        const uint8_t **f = l ? realloc(s->frames, qcap * sizeof *f) : NULL;
        if (b)
            s->buf = b, s->cap = cap;
        if (o)
            s->offs = o;
        if (l)
            s->lens = l;
        if (!f) {
            snprintf(s->err, sizeof s->err, "out of memory");
            s->failed = true;
            return false;
        }
        s->frames = f;
        s->qcap = qcap;
    }
    memcpy(s->buf + s->used, frame, len);
    s->offs[s->queued] = s->used;
    s->lens[s->queued++] = len;
    s->used += len;
    if (s->inter > 0) {
        if (!flush_batch(s, 1))
            return false;
        /* Scapy sleeps after every packet, the last one too. */
        live_sleep(s->inter);
    } else if (s->used > KEEP_BYTES || (s->streaming && s->queued == STREAM_BATCH)) {
        s->streaming = true; /* one thread: the frames leave in order */
        s->tx.threads = 1;
        return flush_batch(s, 1);
    }
    return true;
}

/* threads=, else --threads, else the cores for a big call, else 1. */
static int send_threads(struct interp *in, const struct ps_expr *e, uint64_t frames, bool rate)
{
    int64_t given = in->o->threads < 0 ? 0 : in->o->threads > 0 ? in->o->threads : -1;
    int64_t t = live_opt_or(in, e, O_THREADS, given);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    if (t == 0) /* threads=0: one a core */
        t = cores;
    else if (t < 0) /* not given */
        t = !rate && frames >= THREADS_FROM ? (cores > THREADS_DEFAULT_MAX ? THREADS_DEFAULT_MAX
                                                                           : cores)
                                            : 1;
    return t < 1 ? 1 : t > PS_TX_MAX_THREADS ? PS_TX_MAX_THREADS : (int)t;
}

/* rate=, else --rate; false (error reported) for a rate that is not one. */
bool live_rate(struct interp *in, const struct ps_expr *e, struct ps_rate *rate)
{
    char *given = live_opt_text(in, e, O_RATE);
    const char *text = given ? given : in->o->rate;
    char err[160];
    bool ok = !text || ps_rate_parse(text, rate, err, sizeof err) == 0;
    if (!ok)
        interp_error(in, given ? live_option(e, O_RATE)->loc : e->loc, "rate=\"%s\": %s", text,
                     err);
    free(given);
    return ok;
}

static struct ps_value live_send(struct interp *in, const struct ps_expr *e, bool layer3,
                                 const struct ps_iface *ifc)
{
    struct sender s = {.in = in, .inter = live_opt_or(in, e, O_INTER, 0),
                       .verbose = live_verbose(in, e)};
    int64_t count = live_opt_or(in, e, O_COUNT, 1);
    uint64_t passes = count > 0 ? (uint64_t)count : 0;
    s.tx = (struct ps_tx_opts){.ifname = ifc->name, .threads = 1, .stop = ps_signals_stop_flag(),
                               .progress = count_sent, .ctx = &s, .pace = &s.pace};
    if (!live_rate(in, e, &s.tx.rate))
        return none_value;
    struct ps_value v = interp_eval(in, e->args[0]);
    bool long_call = ps_progress_long(live_frames_planned(&v, passes), s.inter);
    s.dots = ps_progress_dots(in->o->verbosity, s.verbose, 1, long_call);
    /* One thread's socket, open before anything is built: it fails first. */
    struct ps_wire w;
    if (ps_wire_open(&w, ifc->name, PS_WIRE_SEND, NULL, 0, s.err, sizeof s.err) < 0) {
        interp_error(in, e->loc, "%s", s.err);
        ps_val_release(&v);
        return none_value;
    }
    if (s.verbose)
        ps_progress_start(&s.prog, layer3 ? "send" : "sendp", false, in->o->verbosity,
                          long_call, s.dots);
    s.tx.wire = &w;
    ps_signals_capture(true);
    bool fixed = live_frames_fixed(&v);
    s.streaming = s.inter > 0;
    bool ok = passes == 0 || live_frames(in, e, &v, layer3, 1, ifc, keep_frame, &s);
    if (ok && !s.failed && passes > 0) {
        if (fixed && !s.streaming) {
            /* Every pass is the same frames: the engine repeats them. */
            s.tx.threads = send_threads(in, e, s.queued * passes, s.tx.rate.per_sec > 0);
            flush_batch(&s, passes);
        } else if (flush_batch(&s, 1) && passes > 1) {
            s.streaming = true;
            live_frames(in, e, &v, layer3, passes - 1, ifc, keep_frame, &s);
            if (!s.failed)
                flush_batch(&s, 1);
        }
    }
    ps_signals_capture(false);
    ps_progress_end(&s.prog);
    ps_wire_close(&w);
    if (s.failed)
        interp_error(in, e->loc, "%s", s.err);
    else if (s.verbose)
        fprintf(in->o->out, "\nSent %llu packets.\n", (unsigned long long)s.sent);
    fflush(in->o->out);
    free(s.buf);
    free(s.offs);
    free(s.lens);
    free(s.frames);
    ps_val_release(&v);
    return none_value;
}

/* ---- sr, sr1, srp, srp1 ------------------------------------------------------------ */

static bool add_request(void *ctx, const uint8_t *frame, size_t len)
{
    return ps_sr_add(ctx, frame, len) == 0;
}

/* Builds the requests; false (error reported) when they cannot be. */
static bool build_requests(struct interp *in, const struct ps_expr *e, bool layer3,
                           const struct ps_iface *ifc, struct ps_sr *s)
{
    struct ps_value v = interp_eval(in, e->args[0]);
    bool ok = live_frames(in, e, &v, layer3, 1, ifc, add_request, s);
    ps_val_release(&v);
    if (!ok && !in->failed_run)
        interp_error(in, e->loc, "out of memory");
    return ok;
}

static bool run_sr(struct interp *in, const struct ps_expr *e, struct ps_sr *s,
                   const struct ps_sr_opts *o)
{
    char err[256];
    ps_signals_capture(true);
    int rc = ps_sr_run(s, o, err, sizeof err);
    ps_signals_capture(false);
    if (rc < 0) {
        interp_error(in, e->loc, "%s", err);
        return false;
    }
    if (s->drops)
        interp_warning(in, e->loc, "the kernel dropped %llu frames it had no room for",
                       (unsigned long long)s->drops);
    return true;
}

/* The answers as Scapy's SndRcvList ("Results") of (query, answer) pairs,
 * and what went unanswered. */
static void results(struct interp *in, const struct ps_sr *s, bool layer3, struct ps_value *ans,
                    struct ps_value *unans)
{
    /* Stored packets in pairs of one allocation each, lists of the right size. */
    ps_list_fit(ans, ans->obj->n + s->nans);
    for (size_t i = 0; i < s->nans; i++) {
        const struct ps_sr_answer *a = &s->ans[i];
        const struct ps_sr_query *q = &s->q[a->query];
        struct ps_value sent = live_frame_value(in, s->tx + q->off, q->len, layer3, &q->sent);
        struct ps_value r = live_frame_value(in, s->rx + a->off, a->len, layer3, &a->ts);
        r.obj->rtt = live_seconds_between(&q->sent, &a->ts);
        ps_list_push(ans, ps_val_pair(sent, r));
    }
    if (unans)
        ps_list_fit(unans, unans->obj->n + s->nunans);
    for (size_t k = 0; unans && k < s->nunans; k++) {
        const struct ps_sr_query *q = &s->q[s->unans[k]];
        ps_list_push(unans, live_frame_value(in, s->tx + q->off, q->len, layer3, &q->sent));
    }
}

static const char *sr_name(enum ps_builtin b)
{
    return b == B_SR1 ? "sr1" : b == B_SRP ? "srp" : b == B_SRP1 ? "srp1" : "sr";
}

static struct ps_value live_sr(struct interp *in, const struct ps_expr *e, bool layer3,
                               const struct ps_iface *ifc)
{
    struct ps_sr s = {0};
    char *filter = live_opt_text(in, e, O_FILTER);
    struct ps_sr_opts o = {
        .iface = ifc->name,
        .ifindex = ifc->index,
        .filter = filter,
        .layer3 = layer3,
        .layers = &in->prog->layers,
        .timeout_ns = live_opt_or(in, e, O_TIMEOUT, SR_DEFAULT_TIMEOUT_NS),
        .retry = (int)live_opt_or(in, e, O_RETRY, 0),
        .multi = live_opt_or(in, e, O_MULTI, 0) != 0,
        .inter_ns = live_opt_or(in, e, O_INTER, 0),
        .verbose = live_verbose(in, e),
        .out = in->o->out,
        .stop = ps_signals_stop_flag(),
    };
    struct ps_value out = none_value;
    struct ps_progress prog = {.what = NULL};
    bool built = live_rate(in, e, &o.rate) && build_requests(in, e, layer3, ifc, &s);
    if (built) {
        bool long_call = ps_progress_long(s.nq, o.inter_ns);
        o.marks = ps_progress_dots(in->o->verbosity, o.verbose, 2, long_call);
        if (o.verbose)
            ps_progress_start(&prog, sr_name(e->builtin), true, in->o->verbosity,
                              long_call, o.marks);
        o.progress = &prog;
    }
    bool ran = built && run_sr(in, e, &s, &o);
    ps_progress_end(&prog);
    if (ran) {
        struct ps_value ans = live_pktlist("Results"), unans = live_pktlist("Unanswered");
        results(in, &s, layer3, &ans, &unans);
        if (e->builtin == B_SR1 || e->builtin == B_SRP1) {
            if (ans.obj->n)
                out = interp_expand(in, ps_val_retain(ans.obj->items[0].obj->items[1]));
            ps_val_release(&ans);
            ps_val_release(&unans);
        } else {
            out = ps_val_list(PT_TUPLE);
            ps_list_push(&out, ans);
            ps_list_push(&out, unans);
        }
    }
    free(filter);
    ps_sr_free(&s);
    return out;
}

/* ---- srloop, srploop ---------------------------------------------------------------- */

/* v: a stored packet, as results() makes them. */
static void print_summary(struct interp *in, const struct ps_value *v)
{
    char line[1024];
    ps_summary(interp_stored_layers(in, v->obj), line, sizeof line);
    fprintf(in->o->out, "%s\n", line);
}

/* Scapy's __sr_loop: the same requests again and again, a line for what
 * each turn got and one for what it missed. */
static struct ps_value live_srloop(struct interp *in, const struct ps_expr *e, bool layer3,
                                   const struct ps_iface *ifc)
{
    int64_t count;
    if (!live_opt_int(in, e, O_COUNT, &count)) {
        interp_error(in, e->loc, "%s() would go on for ever: bound it with count=",
                     e->builtin == B_SRLOOP ? "srloop" : "srploop");
        return none_value;
    }
    int64_t inter = live_opt_or(in, e, O_INTER, 1000000000);
    int64_t timeout = 2 * inter < 5000000000LL ? 2 * inter : 5000000000LL;
    live_opt_int(in, e, O_TIMEOUT, &timeout);
    int verbose = live_verbose(in, e);
    FILE *out = in->o->out;
    struct ps_sr s = {0};
    struct ps_sr_opts o = {.iface = ifc->name, .ifindex = ifc->index, .layer3 = layer3,
                           .timeout_ns = timeout, .verbose = 0, .out = out,
                           .stop = ps_signals_stop_flag(), .layers = &in->prog->layers};
    struct ps_value ans = live_pktlist("Results"), unans = live_pktlist("PacketList");
    size_t sent = 0, got = 0;
    bool ok = build_requests(in, e, layer3, ifc, &s);
    bool stopped = false; /* by Ctrl-C, during a turn or a pause */
    for (int64_t turn = 0; ok && turn < count && !stopped; turn++) {
        struct timespec start;
        clock_gettime(CLOCK_MONOTONIC, &start);
        if (verbose > 1)
            fputs("\rsend...\r ", out);
        ps_sr_forget_answers(&s);
        if (!(ok = run_sr(in, e, &s, &o)))
            break;
        stopped = *ps_signals_stop_flag();
        struct ps_value a = live_pktlist("Results"), u = live_pktlist("PacketList");
        results(in, &s, layer3, &a, &u);
        sent += a.obj->n + u.obj->n;
        got += a.obj->n;
        if (verbose > 1 && a.obj->n) {
            int w = fprintf(out, "\rRECV %zu:", a.obj->n) - 1;
            fputc(' ', out);
            for (size_t i = 0; i < a.obj->n; i++) {
                print_summary(in, &a.obj->items[i].obj->items[1]);
                fprintf(out, "%*s ", w, "");
            }
        }
        if (verbose > 1 && u.obj->n) {
            int w = fprintf(out, "\rfail %zu:", u.obj->n) - 1;
            fputc(' ', out);
            for (size_t i = 0; i < u.obj->n; i++) {
                print_summary(in, &u.obj->items[i]);
                fprintf(out, "%*s ", w, "");
            }
        }
        if (verbose == 1) {
            if (a.obj->n)
                fputc('*', out);
            if (u.obj->n)
                fputc('.', out);
        }
        fflush(out);
        for (size_t i = 0; i < a.obj->n; i++)
            ps_list_push(&ans, ps_val_retain(a.obj->items[i]));
        for (size_t i = 0; i < u.obj->n; i++)
            ps_list_push(&unans, ps_val_retain(u.obj->items[i]));
        ps_val_release(&a);
        ps_val_release(&u);
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (turn + 1 < count && !stopped) {
            /* Ctrl-C in the pause ends the loop too, as in Scapy's srloop. */
            ps_signals_capture(true);
            live_sleep(inter - (ps_wire_ns(&now) - ps_wire_ns(&start)));
            stopped = *ps_signals_stop_flag();
            ps_signals_capture(false);
        }
    }
    if (verbose && sent > 0)
        fprintf(out, "\nSent %zu packets, received %zu packets. %3.1f%% hits.\n", sent, got,
                100.0 * (double)got / (double)sent);
    fflush(out);
    ps_sr_free(&s);
    if (!ok) {
        ps_val_release(&ans);
        ps_val_release(&unans);
        return none_value;
    }
    struct ps_value pair = ps_val_list(PT_TUPLE);
    ps_list_push(&pair, ans);
    ps_list_push(&pair, unans);
    return pair;
}

struct ps_value live_send_call(struct interp *in, const struct ps_expr *e)
{
    bool layer3 = e->builtin == B_SEND || e->builtin == B_SR || e->builtin == B_SR1 ||
                  e->builtin == B_SRLOOP;
    struct ps_iface ifc;
    if (!live_iface(in, e, &ifc))
        return none_value;
    switch (e->builtin) {
    case B_SEND:
    case B_SENDP:
        return live_send(in, e, layer3, &ifc);
    case B_SRLOOP:
    case B_SRPLOOP:
        return live_srloop(in, e, layer3, &ifc);
    default:
        return live_sr(in, e, layer3, &ifc);
    }
}
