/* The sending engine (tx.h): batches straight from the table, paced by the
 * clock a batch at a time, split over threads with a socket each. */
#include "tx.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wire.h"

int ps_rate_parse(const char *text, struct ps_rate *out, char *err, size_t errcap)
{
    static const struct {
        const char *unit;
        double scale;
        bool bits;
    } units[] = {
        {"pps", 1, false},   {"kpps", 1e3, false}, {"Mpps", 1e6, false},
        {"bps", 1, true},    {"kbps", 1e3, true},  {"Kbps", 1e3, true},
        {"Mbps", 1e6, true}, {"Gbps", 1e9, true},
    };
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (end == text || errno || !(v > 0) || v > 1e12 || text[0] == '+' || text[0] == ' ') {
        snprintf(err, errcap, "a rate is a positive number and a unit, as \"100kpps\" or "
                              "\"50Mbps\"");
        return -1;
    }
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (strcmp(end, units[i].unit) == 0) {
            out->per_sec = v * units[i].scale;
            out->bits = units[i].bits;
            if (out->per_sec < 1) {
                snprintf(err, errcap, "a rate under one frame (or bit) a second");
                return -1;
            }
            return 0;
        }
    }
    snprintf(err, errcap, "'%s' is not a unit of rate: pps, kpps, Mpps, bps, kbps, Mbps or Gbps",
             end);
    return -1;
}

struct worker {
    const uint8_t *const *frames;
    const size_t *lens;
    size_t n;
    uint64_t first, end;       /* its share of the frame numbers */
    const struct ps_tx_opts *o;
    double per_sec;            /* its share of the rate; 0: no pacing */
    struct ps_tx_pace pace;    /* its clock; t0 the same for all */
    int64_t sent;
    char err[256];
    bool failed;
};

static int64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return ps_wire_ns(&t);
}

size_t ps_tx_due(struct ps_tx_pace *p, double per_sec, bool bits, const size_t *lens,
                 size_t want, volatile sig_atomic_t *stop)
{
    if (per_sec <= 0)
        return want;
    double units_per_ns = per_sec / 1e9;
    if (p->t0_ns == 0)
        p->t0_ns = now_ns();
    for (;;) {
        double allowed = (double)(now_ns() - p->t0_ns) * units_per_ns;
        size_t k = 0;
        double u = p->units;
        while (k < want && u <= allowed) {
            u += bits ? (double)lens[k] * 8 : 1;
            k++;
        }
        if (k > 0) {
            p->units = u;
            return k;
        }
        if (stop && *stop)
            return 0;
        int64_t at = p->t0_ns + (int64_t)(p->units / units_per_ns);
        struct timespec ts = {(time_t)(at / 1000000000), (long)(at % 1000000000)};
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
    }
}

static void *work(void *arg)
{
    struct worker *w = arg;
    struct ps_wire own, *wire = w->o->threads == 1 && w->o->wire ? w->o->wire : &own;
    if (wire == &own &&
        ps_wire_open(&own, w->o->ifname, PS_WIRE_SEND, NULL, 0, w->err, sizeof w->err) < 0) {
        w->failed = true;
        return NULL;
    }
    struct ps_tx_pace *pace = w->o->threads == 1 && w->o->pace ? w->o->pace : &w->pace;
    const uint8_t *fr[PS_TX_BATCH];
    size_t ln[PS_TX_BATCH];
    uint64_t j = w->first;
    while (j < w->end && !(w->o->stop && *w->o->stop)) {
        size_t want = w->end - j < PS_TX_BATCH ? (size_t)(w->end - j) : PS_TX_BATCH;
        size_t at = (size_t)(j % w->n);
        for (size_t i = 0; i < want; i++) {
            fr[i] = w->frames[at];
            ln[i] = w->lens[at];
            if (++at == w->n)
                at = 0;
        }
        size_t k = ps_tx_due(pace, w->per_sec, w->o->rate.bits, ln, want, w->o->stop);
        if (k == 0)
            break;
        long got = ps_wire_send(wire, fr, ln, k, w->err, sizeof w->err);
        if (got < 0) {
            w->failed = true;
            break;
        }
        /* A short batch: the rest goes with the next, which reports what stopped it. */
        w->sent += got;
        j += (uint64_t)got;
        if (w->o->threads == 1 && w->o->progress)
            w->o->progress(w->o->ctx, (uint64_t)got);
    }
    if (wire == &own)
        ps_wire_close(&own);
    return NULL;
}

int64_t ps_tx_run(const uint8_t *const *frames, const size_t *lens, size_t n,
                  const struct ps_tx_opts *o, char *err, size_t errcap)
{
    if (n == 0 || o->passes == 0)
        return 0;
    int threads = o->threads < 1 ? 1 : o->threads > PS_TX_MAX_THREADS ? PS_TX_MAX_THREADS
                                                                       : o->threads;
    if (o->passes > UINT64_MAX / n) {
        snprintf(err, errcap, "%llu passes of %zu frames is more frames than can be counted",
                 (unsigned long long)o->passes, n);
        return -1;
    }
    uint64_t total = (uint64_t)n * o->passes;
    if (total < (uint64_t)threads)
        threads = (int)total;
    /* One thread (a stream's every batch) allocates nothing. */
    struct worker one;
    pthread_t one_tid;
    struct worker *w = threads == 1 ? &one : calloc((size_t)threads, sizeof *w);
    pthread_t *tid = threads == 1 ? &one_tid : calloc((size_t)threads, sizeof *tid);
    if (!w || !tid) {
        if (w != &one)
            free(w);
        if (tid != &one_tid)
            free(tid);
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    int64_t t0 = now_ns();
    for (int t = 0; t < threads; t++) {
        w[t] = (struct worker){
            .frames = frames, .lens = lens, .n = n, .o = o, .pace = {.t0_ns = t0},
            /* exact shares of a count up to 2^64 / 64 */
            .first = (uint64_t)((unsigned __int128)total * (unsigned)t / (unsigned)threads),
            .end = (uint64_t)((unsigned __int128)total * (unsigned)(t + 1) / (unsigned)threads),
            .per_sec = o->rate.per_sec / threads,
        };
    }
    int started = 0;
    if (threads == 1) {
        work(&w[0]);
        started = 1;
    } else {
        for (; started < threads; started++)
            if (pthread_create(&tid[started], NULL, work, &w[started]) != 0)
                break;
        for (int t = 0; t < started; t++)
            pthread_join(tid[t], NULL);
    }
    int64_t sent = 0;
    bool failed = started == 0;
    if (failed)
        snprintf(err, errcap, "cannot start a sending thread");
    for (int t = 0; t < started; t++) {
        sent += w[t].sent;
        if (w[t].failed && !failed) {
            failed = true;
            snprintf(err, errcap, "%s", w[t].err);
        }
    }
    if (threads > 1 && o->progress)
        o->progress(o->ctx, (uint64_t)sent);
    if (w != &one) {
        free(w);
        free(tid);
    }
    return failed ? -1 : sent;
}
