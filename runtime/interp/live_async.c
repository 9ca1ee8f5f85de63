/* Scapy's AsyncSniffer: `t = AsyncSniffer(filter=..., count=..., timeout=...)`,
 * `t.start()`, `pkts = t.stop()`, `t.join()`, `t.results`.
 *
 * No thread: start() opens the capture (the packet socket bound, the BPF
 * filter attached, as sniff() opens it), so what the next statement sends is
 * queued by the kernel; stop() reads what is queued and closes it. The
 * socket's buffer (8 MiB: some thousands of frames) is the bound: a frame
 * the kernel had no room for is counted, and stop() reports it as an error
 * rather than return a capture with a hole. count=, timeout= and
 * stop_filter= cut the capture where Scapy's thread would have ended it
 * (timeout= by each frame's capture time); prn= prints each packet when
 * stop() reads it. join() waits until count=, timeout= or stop_filter= ends
 * the capture, then reads it as stop() does. */
#include <stdlib.h>

#include "bpf.h"
#include "coerce.h"
#include "linktype.h"
#include "live_int.h"
#include "print.h"
#include "signals.h"
#include "wire.h"

#define RCVBUF (8 << 20)
#define MAX_SNIFFERS 4096 /* per run: each holds its packets until the run ends */

enum { MADE, STARTED, STOPPED };

struct live_async {
    const struct ps_expr *e;   /* the AsyncSniffer(...) call: its options */
    int state;
    bool open, done;
    struct ps_wire w;
    uint64_t count, seen;
    int64_t prn;
    bool store;
    int64_t timeout_ns;        /* from start(); negative: none */
    int64_t start_rt_ns;       /* CLOCK_REALTIME at start(), as frames are stamped */
    struct timespec until;     /* CLOCK_MONOTONIC end of the timeout, for join() */
    struct ps_value stop_at;   /* stop_filter's pattern, or none */
    struct ps_value results;
};

static const struct ps_value none_value = {.t = PT_NONE};
static const struct ps_value wire_value = {.t = PT_WIRE};

static bool live(const struct interp *in)
{
    return in->o->mode == PS_RUN_LIVE;
}

struct ps_value interp_async_new(struct interp *in, const struct ps_expr *e)
{
    if (in->nasync >= MAX_SNIFFERS) {
        interp_error(in, e->loc, "more than %d AsyncSniffers in one run", MAX_SNIFFERS);
        return none_value;
    }
    struct live_async **grown = realloc(in->async, (in->nasync + 1) * sizeof *grown);
    struct live_async *a = calloc(1, sizeof *a);
    if (!grown || !a)
        abort();
    in->async = grown;
    a->e = e;
    a->stop_at = none_value;
    a->results = none_value;
    in->async[in->nasync] = a;
    return (struct ps_value){.t = PT_SNIFFER, .u = in->nasync++};
}

static struct live_async *sniffer_of(struct interp *in, const struct ps_value *v)
{
    return v->t == PT_SNIFFER && v->u < in->nasync ? in->async[v->u] : NULL;
}

static void print_prn(struct interp *in, int64_t prn, const uint8_t *frame, size_t len)
{
    FILE *out = in->o->out;
    if (prn == 3) {
        ps_hexdump(out, frame, len);
        return;
    }
    struct ps_decode_room room = {.subs = in->subs, .subs_cap = 40, .layers = &in->prog->layers};
    ps_decode(frame, len, PS_DLT_EN10MB, &in->dec, &room);
    char line[1024];
    if (prn == 0) {
        ps_summary(&in->dec, line, sizeof line);
        fprintf(out, "%s\n", line);
    } else if (prn == 1) {
        ps_print_to(out, ps_show, &in->dec);
    } else if (prn == 2) {
        ps_print_to(out, ps_command, &in->dec);
        fputc('\n', out);
    }
}

static void start(struct interp *in, struct live_async *a)
{
    const struct ps_expr *e = a->e;
    a->count = (uint64_t)live_opt_or(in, e, O_COUNT, 0);
    a->prn = live_opt_or(in, e, O_PRN, -1);
    a->store = live_opt_or(in, e, O_STORE, 1) != 0;
    a->timeout_ns = live_opt_or(in, e, O_TIMEOUT, -1);
    a->seen = 0;
    a->done = false;
    ps_val_release(&a->results);
    a->results = live_pktlist("Sniffed");
    const struct ps_expr *stop_expr = live_option(e, O_STOP_FILTER);
    ps_val_release(&a->stop_at);
    if (stop_expr)
        a->stop_at = interp_eval(in, stop_expr);
    if (!live(in) || in->failed_run)
        return;
    struct ps_iface ifc;
    if (!live_iface(in, e, &ifc))
        return;
    char *filter = live_opt_text(in, e, O_FILTER);
    char err[256];
    struct sock_fprog prog = {0};
    int rc = filter ? ps_bpf_compile(filter, PS_DLT_EN10MB, &prog, err, sizeof err) : 0;
    if (rc == 0) {
        rc = ps_wire_open(&a->w, ifc.name, PS_WIRE_ALL, filter ? &prog : NULL, RCVBUF, err,
                          sizeof err);
        ps_bpf_free(&prog);
    }
    free(filter);
    if (rc < 0) {
        interp_error(in, e->loc, "%s", err);
        return;
    }
    a->open = true;
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    a->start_rt_ns = ps_wire_ns(&now);
    a->until = a->timeout_ns >= 0 ? ps_wire_after(a->timeout_ns) : (struct timespec){-1, 0};
}

/* One frame the capture got: false once the capture is over (Scapy's
 * thread would have ended before it). */
static bool take(struct interp *in, struct live_async *a, const struct ps_wire_frame *f,
                 struct ps_loc loc)
{
    if (a->timeout_ns >= 0 && ps_wire_ns(&f->ts) > a->start_rt_ns + a->timeout_ns)
        return false;
    a->seen++;
    if (a->prn >= 0)
        print_prn(in, a->prn, f->data, f->len);
    bool stop = false;
    if (a->store || a->stop_at.t != PT_NONE) {
        double t = (double)f->ts.tv_sec + (double)f->ts.tv_nsec / 1e9;
        struct ps_value v = ps_val_stored(f->data, f->len, PS_DLT_EN10MB, NULL, t);
        /* Scapy's stop_filter: tested after storing; the packet is kept. */
        stop = a->stop_at.t != PT_NONE && interp_matches(in, &v, &a->stop_at, loc);
        if (a->store)
            ps_list_push(&a->results, v);
        else
            ps_val_release(&v);
    }
    return !stop && !(a->count && a->seen >= a->count) && !in->failed_run;
}

/* Reads what the capture holds: all that is queued (stop), or until the
 * capture ends by count=, timeout= or stop_filter= (join, wait). */
static void drain(struct interp *in, struct live_async *a, bool wait, struct ps_loc loc)
{
    char err[256];
    struct ps_wire_frame frames[PS_WIRE_BATCH];
    const struct timespec now = {0, 0};
    volatile sig_atomic_t *stop = ps_signals_stop_flag();
    if (wait)
        ps_signals_capture(true);
    while (!a->done && !(wait && *stop)) {
        long n = ps_wire_recv(&a->w, frames, PS_WIRE_BATCH, wait ? &a->until : &now, err,
                              sizeof err);
        if (n < 0) {
            interp_error(in, loc, "%s", err);
            break;
        }
        for (long i = 0; i < n && !a->done; i++)
            a->done = !take(in, a, &frames[i], loc);
        if (n > 0)
            continue;
        if (!wait)
            break;
        struct timespec t;
        clock_gettime(CLOCK_MONOTONIC, &t);
        if (a->until.tv_sec >= 0 && ps_wire_ns(&t) >= ps_wire_ns(&a->until))
            break;
    }
    if (wait)
        ps_signals_capture(false);
    uint64_t drops = ps_wire_drops(&a->w);
    ps_wire_close(&a->w);
    a->open = false;
    fflush(in->o->out);
    if (drops && !in->failed_run)
        interp_error(in, loc, "the AsyncSniffer's capture lost %llu frames: the kernel had no "
                     "room for them before stop() (its buffer holds %d MiB); stop it sooner "
                     "or give it a narrower filter=", (unsigned long long)drops, RCVBUF >> 20);
}

static const char *state_error(int state, enum ps_builtin m)
{
    if (m == B_START && state == STARTED)
        return "start() of an AsyncSniffer that is running: it was started before";
    if (m != B_START && state == MADE)
        return m == B_STOP ? "stop() of an AsyncSniffer that was never started: call "
                             "start() first"
                           : "join() of an AsyncSniffer that was never started: call "
                             "start() first";
    if (m != B_START && state == STOPPED)
        return m == B_STOP ? "stop() of an AsyncSniffer that is stopped already"
                           : "join() of an AsyncSniffer that is stopped already";
    return NULL;
}

struct ps_value interp_async_method(struct interp *in, const struct ps_expr *e,
                                    const struct ps_value *self)
{
    struct live_async *a = sniffer_of(in, self);
    if (!a) {
        interp_error(in, e->loc, "%s() is a method of AsyncSniffer, not of %s",
                     e->builtin == B_START ? "start" : e->builtin == B_STOP ? "stop" : "join",
                     ps_type_name(self->t));
        return none_value;
    }
    const char *bad = state_error(a->state, e->builtin);
    if (bad) {
        interp_error(in, e->loc, "%s", bad);
        return none_value;
    }
    if (e->builtin == B_START) {
        a->state = STARTED;
        start(in, a);
        return none_value;
    }
    if (e->builtin == B_JOIN && live(in) && a->open && !a->count && a->timeout_ns < 0 &&
        a->stop_at.t == PT_NONE) {
        interp_error(in, e->loc, "join() would wait for ever: give the AsyncSniffer count=, "
                     "timeout= or stop_filter=, or call stop()");
        return none_value;
    }
    a->state = STOPPED;
    if (a->open)
        drain(in, a, e->builtin == B_JOIN, e->loc);
    if (!live(in))
        return e->builtin == B_STOP ? wire_value : none_value;
    ps_list_fit(&a->results, 0);
    return e->builtin == B_STOP ? ps_val_retain(a->results) : none_value;
}

struct ps_value interp_async_results(struct interp *in, const struct ps_expr *e,
                                     const struct ps_value *self)
{
    struct live_async *a = sniffer_of(in, self);
    if (!a)
        return none_value;
    if (a->state != STOPPED) {
        interp_error(in, e->loc, "the AsyncSniffer's results are there once it is stopped: "
                     "call stop() (or join()) first; Scapy's results is None until then");
        return none_value;
    }
    return live(in) ? ps_val_retain(a->results) : wire_value;
}

void interp_async_free(struct interp *in)
{
    for (size_t i = 0; i < in->nasync; i++) {
        struct live_async *a = in->async[i];
        if (a->open)
            ps_wire_close(&a->w);
        ps_val_release(&a->results);
        ps_val_release(&a->stop_at);
        free(a);
    }
    free(in->async);
    in->async = NULL;
    in->nasync = 0;
}
