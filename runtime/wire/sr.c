/* sr(): one round sends what is left and waits for answers; Scapy's retry
 * decides whether another round goes. Frames are matched as they come:
 * hashret() of the frame, its digest in Scapy's hsent (hsent.c: this
 * round's requests by digest, each bucket in sending order), then
 * answers() against that bucket's requests only, the earliest first. */
#include "sr.h"

#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf.h"
#include "decode.h"
#include "hsent.h"
#include "linktype.h"
#include "match.h"
#include "wire.h"

#define RCVBUF (8 << 20)     /* 1,000 answers in flight fit with room to spare */
#define SEND_CHUNK 64

struct run {
    struct ps_sr *s;
    const struct ps_sr_opts *o;
    struct ps_wire w;
    struct ps_hsent hsent;
    struct ps_packet *reply, *query; /* the decoder's room (room_of): kept */
    struct ps_layer *subs;   /* 2 x 40: its room for IP options */
    size_t notans, noans;
    bool send_done;
    bool keep;               /* its capture is kept open for the next exchange */
    char *marks;             /* markers held back until "Finished sending" */
    size_t nmarks, marks_cap;
    bool hold_marks;
};

static bool grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return true;
    size_t n = *cap ? *cap : 64;
    while (n < need)
        n *= 2;
    void *q = realloc(*p, n * size);
    if (!q)
        return false;
    *p = q;
    *cap = n;
    return true;
}

int ps_sr_add(struct ps_sr *s, const uint8_t *frame, size_t len)
{
    if (!grow((void **)&s->tx, &s->tx_cap, s->tx_len + len, 1) ||
        !grow((void **)&s->q, &s->q_cap, s->nq + 1, sizeof *s->q))
        return -1;
    memcpy(s->tx + s->tx_len, frame, len);
    s->q[s->nq++] = (struct ps_sr_query){.off = s->tx_len, .len = len};
    s->tx_len += len;
    return 0;
}

void ps_sr_forget_answers(struct ps_sr *s)
{
    s->rx_len = s->nans = s->unmatched = s->sent = s->nunans = 0;
    for (size_t i = 0; i < s->nq; i++)
        s->q[i].answered = false;
}

void ps_sr_free(struct ps_sr *s)
{
    free(s->tx);
    free(s->q);
    free(s->rx);
    free(s->ans);
    free(s->unans);
    memset(s, 0, sizeof *s);
}

static const struct ps_packet *decode_into(struct run *r, struct ps_packet *pkt, size_t room,
                                           const uint8_t *frame, size_t len)
{
    struct ps_decode_room d = {.subs = r->subs + room * 40, .subs_cap = 40, .layers = r->o->layers};
    ps_decode(frame, len, PS_DLT_EN10MB, pkt, &d);
    return pkt;
}

static size_t first_layer(const struct run *r)
{
    return r->o->layer3 ? 1 : 0;
}

/* ---- receiving ------------------------------------------------------------ */

static void mark(struct run *r, char c)
{
    if (!r->o->marks)
        return;
    if (!r->hold_marks) {
        fputc(c, r->o->out);
        return;
    }
    if (grow((void **)&r->marks, &r->marks_cap, r->nmarks + 1, 1))
        r->marks[r->nmarks++] = c;
}

/* Room for one more answer of len bytes, made before pairing it: a pair
 * once made is kept. */
static bool answer_room(struct ps_sr *s, size_t len)
{
    return grow((void **)&s->rx, &s->rx_cap, s->rx_len + len, 1) &&
           grow((void **)&s->ans, &s->ans_cap, s->nans + 1, sizeof *s->ans);
}

static void keep_answer(struct ps_sr *s, size_t qi, const struct ps_wire_frame *f)
{
    memcpy(s->rx + s->rx_len, f->data, f->len);
    s->ans[s->nans++] = (struct ps_sr_answer){qi, s->rx_len, f->len, f->ts};
    s->rx_len += f->len;
}

struct asking {
    struct run *r;
    const struct ps_packet *reply;
};

static bool answers_query(void *ctx, size_t qi)
{
    struct asking *a = ctx;
    const struct ps_sr_query *q = &a->r->s->q[qi];
    size_t from = first_layer(a->r);
    const struct ps_packet *query = decode_into(a->r, a->r->query, 1, a->r->s->tx + q->off, q->len);
    return ps_answers(a->reply, from, query, from);
}

static void on_frame(struct run *r, const struct ps_wire_frame *f)
{
    struct ps_sr *s = r->s;
    size_t from = first_layer(r);
    struct asking a = {r, decode_into(r, r->reply, 0, f->data, f->len)};
    if (a.reply->n > from && answer_room(s, f->len)) {
        struct ps_hash h;
        ps_hashret(a.reply, from, &h);
        size_t qi = ps_hsent_match(&r->hsent, ps_hash_digest(&h), r->o->multi, answers_query, &a);
        if (qi != PS_HSENT_NONE) {
            keep_answer(s, qi, f);
            mark(r, '*');
            if (!s->q[qi].answered)
                r->noans++;
            s->q[qi].answered = true;
            return;
        }
    }
    s->unmatched++;
    mark(r, '.');
}

static bool all_answered(const struct run *r)
{
    return r->send_done && !r->o->multi && r->noans >= r->notans;
}

static bool stopped(const struct run *r)
{
    return r->o->stop && *r->o->stop;
}

/* Takes what has come, waiting until `until` at most. false on an error. */
static bool receive(struct run *r, const struct timespec *until, char *err, size_t errcap)
{
    struct ps_wire_frame frames[PS_WIRE_BATCH];
    for (;;) {
        long n = ps_wire_recv(&r->w, frames, PS_WIRE_BATCH, until, err, errcap);
        if (n < 0)
            return false;
        for (long i = 0; i < n; i++)
            on_frame(r, &frames[i]);
        if (r->o->progress)
            ps_progress_answers(r->o->progress, r->s->nans);
        if (!r->hold_marks)
            fflush(r->o->out);
        if (n == 0 || all_answered(r) || stopped(r)) {
            struct timespec now;
            clock_gettime(CLOCK_MONOTONIC, &now);
            if (n > 0 || all_answered(r) || stopped(r) || ps_wire_ns(&now) >= ps_wire_ns(until))
                return true;
        }
    }
}

/* ---- sending --------------------------------------------------------------- */

static bool send_round(struct run *r, const size_t *todo, size_t n, char *err, size_t errcap)
{
    struct ps_sr *s = r->s;
    const uint8_t *frames[SEND_CHUNK];
    size_t lens[SEND_CHUNK];
    size_t step = r->o->inter_ns > 0 ? 1 : SEND_CHUNK;
    static const struct timespec now_only = {0, 0};
    struct ps_tx_pace pace = {0};
    size_t added = 0;
    for (size_t done = 0; done < n && !stopped(r);) {
        size_t k = n - done < step ? n - done : step;
        if (r->o->rate.per_sec > 0) {
            for (size_t i = 0; i < k; i++)
                lens[i] = s->q[todo[done + i]].len;
            if ((k = ps_tx_due(&pace, r->o->rate.per_sec, r->o->rate.bits, lens, k,
                               r->o->stop)) == 0)
                break;
        }
        struct timespec t;
        clock_gettime(CLOCK_REALTIME, &t);
        /* Into hsent as they go out, as Scapy does: an answer pairs only
         * with what was sent before it. */
        for (; added < done + k; added++)
            ps_hsent_add(&r->hsent, todo[added], s->q[todo[added]].digest);
        for (size_t i = 0; i < k; i++) {
            struct ps_sr_query *q = &s->q[todo[done + i]];
            frames[i] = s->tx + q->off;
            lens[i] = q->len;
            q->sent = t;
        }
        long sent = ps_wire_send(&r->w, frames, lens, k, err, errcap);
        if (sent < 0)
            return false;
        s->sent += (size_t)sent;
        done += (size_t)sent;
        if (r->o->progress)
            ps_progress_set(r->o->progress, s->sent);
        /* Read as we go, so the receive buffer never has to hold it all. */
        struct timespec until = r->o->inter_ns > 0 ? ps_wire_after(r->o->inter_ns) : now_only;
        if (!receive(r, &until, err, errcap))
            return false;
        if (r->o->inter_ns > 0) {
            struct timespec now;
            clock_gettime(CLOCK_MONOTONIC, &now);
            while (ps_wire_ns(&now) < ps_wire_ns(&until) && !stopped(r)) {
                if (!receive(r, &until, err, errcap))
                    return false;
                clock_gettime(CLOCK_MONOTONIC, &now);
            }
        }
    }
    return true;
}

/* A progress line of Scapy's, clear of the live line (progress.h). */
__attribute__((format(printf, 2, 3))) static void say(const struct ps_sr_opts *o,
                                                      const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ps_progress_pause();
    vfprintf(o->out, fmt, ap);
    fflush(o->out);
    ps_progress_resume();
    va_end(ap);
}

/* One round: this round's table, "Begin emission:", every frame out, then
 * the wait for answers. */
static bool one_round(struct run *r, const size_t *todo, size_t n, char *err, size_t errcap)
{
    FILE *out = r->o->out;
    ps_hsent_reset(&r->hsent);
    if (r->o->verbose)
        say(r->o, "Begin emission:\n");
    fflush(out);
    size_t before = r->s->sent;
    /* Scapy reads only once it has sent: its markers follow this line. */
    r->hold_marks = true;
    bool ok = send_round(r, todo, n, err, errcap);
    if (!r->send_done)
        r->notans = r->s->sent - before;
    r->send_done = true;
    r->hold_marks = false;
    if (r->o->verbose)
        say(r->o, "Finished sending %zu packets.\n", r->s->sent - before);
    if (r->nmarks)
        fwrite(r->marks, 1, r->nmarks, out);
    r->nmarks = 0;
    fflush(out);
    if (!ok)
        return false;
    struct timespec until = ps_wire_after(r->o->timeout_ns);
    return all_answered(r) || stopped(r) || receive(r, &until, err, errcap);
}

/* ---- the whole exchange ---------------------------------------------------- */

/* Without filter=, only the requests' EtherTypes: an answer always has its
 * request's (Ether.answers and IP.answers compare them), and the receive
 * buffer then holds answers, not the link's other traffic. */
static bool default_filter(const struct ps_sr *s, char *out, size_t cap)
{
    struct ps_ethertypes e = {.n = 0};
    for (size_t i = 0; i < s->nq; i++)
        ps_ethertypes_add(&e, s->tx + s->q[i].off, s->q[i].len);
    return ps_ethertypes_filter(&e, out, cap);
}

/* The capture of the last exchange, kept open for the next one with the
 * same interface and filter (sr1 in a loop): opening and closing a packet
 * socket costs more than a round trip on a fast link. */
static struct {
    struct ps_wire w;
    char iface[64];
    char filter[256];
    bool open, hooked;
    /* The decoder's room (about 300 KiB), made once: a call of sr1 in a
     * loop allocates it no more than it opens a socket. */
    struct ps_packet *reply, *query;
    struct ps_layer *subs;
} kept = {.w = {.fd = -1}};

static void close_kept(void)
{
    if (kept.open)
        ps_wire_close(&kept.w);
    kept.open = false;
    free(kept.reply);
    free(kept.query);
    free(kept.subs);
    kept.reply = kept.query = NULL;
    kept.subs = NULL;
}

static void hook_kept(void)
{
    if (!kept.hooked)
        kept.hooked = atexit(close_kept) == 0;
}

/* Frames queued before this exchange sends anything answer none of its
 * requests: a late answer to the last one must not pair with this one. */
static bool drain(struct ps_wire *w, char *err, size_t errcap)
{
    static const struct timespec now_only = {0, 0};
    struct ps_wire_frame frames[PS_WIRE_BATCH];
    long n;
    while ((n = ps_wire_recv(w, frames, PS_WIRE_BATCH, &now_only, err, errcap)) > 0)
        ;
    ps_wire_drops(w); /* this exchange counts its own */
    w->dropped = 0;
    return n == 0;
}

static bool open_capture(struct run *r, char *err, size_t errcap)
{
    char text[256];
    const char *filter = r->o->filter;
    if (!filter && default_filter(r->s, text, sizeof text))
        filter = text;
    const char *key = filter ? filter : "";
    /* The caller's index is at most a second old (live_iface): no system
     * call a call to see that the interface is still the same one. */
    int ifindex = r->o->ifindex ? r->o->ifindex : (int)if_nametoindex(r->o->iface);
    if (kept.open && strcmp(kept.iface, r->o->iface) == 0 && strcmp(kept.filter, key) == 0 &&
        ifindex == kept.w.ifindex) {
        kept.open = false; /* the run holds it until finish() */
        r->w = kept.w;
        r->keep = true;
        return drain(&r->w, err, errcap);
    }
    if (kept.open)
        ps_wire_close(&kept.w);
    kept.open = false;
    struct sock_fprog prog = {0};
    if (filter && ps_bpf_compile(filter, PS_DLT_EN10MB, &prog, err, errcap) < 0)
        return false;
    int rc = ps_wire_open(&r->w, r->o->iface, PS_WIRE_ANSWERS, filter ? &prog : NULL, RCVBUF,
                          err, errcap);
    ps_bpf_free(&prog);
    if (rc == 0 && strlen(r->o->iface) < sizeof kept.iface && strlen(key) < sizeof kept.filter) {
        snprintf(kept.iface, sizeof kept.iface, "%s", r->o->iface);
        snprintf(kept.filter, sizeof kept.filter, "%s", key);
        r->keep = true;
    }
    return rc == 0;
}

static bool prepare(struct run *r)
{
    struct ps_sr *s = r->s;
    if (ps_hsent_init(&r->hsent, s->nq) < 0)
        return false;
    if (!kept.reply) {
        kept.reply = malloc(sizeof *kept.reply);
        kept.query = malloc(sizeof *kept.query);
        kept.subs = malloc(2 * 40 * sizeof *kept.subs);
        hook_kept();
    }
    r->reply = kept.reply;
    r->query = kept.query;
    r->subs = kept.subs;
    if (!r->reply || !r->query || !r->subs)
        return false;
    size_t from = first_layer(r);
    for (size_t i = 0; i < s->nq; i++) {
        struct ps_sr_query *q = &s->q[i];
        const struct ps_packet *p = decode_into(r, r->query, 1, s->tx + q->off, q->len);
        struct ps_hash h;
        ps_hashret(p, from, &h);
        q->digest = ps_hash_digest(&h);
        q->answered = false;
    }
    return true;
}

static void finish(struct run *r)
{
    if (r->keep && r->w.fd >= 0) {
        kept.w = r->w;
        kept.open = true;
        hook_kept();
    } else {
        ps_wire_close(&r->w);
    }
    ps_hsent_free(&r->hsent);
    free(r->marks);
}

int ps_sr_run(struct ps_sr *s, const struct ps_sr_opts *o, char *err, size_t errcap)
{
    struct run r = {.s = s, .o = o, .w = {.fd = -1}};
    size_t *todo = malloc((s->nq ? s->nq : 1) * sizeof *todo);
    bool ok = todo && prepare(&r);
    if (!ok)
        snprintf(err, errcap, "out of memory");
    ok = ok && open_capture(&r, err, errcap);
    size_t n = s->nq;
    for (size_t i = 0; i < n; i++)
        todo[i] = i;
    /* retry = -N: go on until N rounds in a row bring nothing new. */
    int retry = o->retry, autostop = 0;
    if (retry < 0)
        autostop = retry = -retry;
    while (ok && retry >= 0) {
        ok = one_round(&r, todo, n, err, errcap);
        /* Scapy's remain: bucket by bucket, leaving out multi's answered. */
        size_t left = 0, in_hsent = ps_hsent_remain(&r.hsent, todo);
        for (size_t i = 0; i < in_hsent; i++)
            if (!s->q[todo[i]].answered)
                todo[left++] = todo[i];
        if (autostop && left > 0 && left != n)
            retry = autostop;
        n = left;
        if (n == 0 || stopped(&r))
            break;
        retry--;
    }
    if (r.w.fd >= 0)
        s->drops += ps_wire_drops(&r.w);
    if (o->progress)
        ps_progress_end(o->progress); /* the summary takes the line's place */
    if (ok && o->verbose)
        fprintf(o->out, "\nReceived %zu packets, got %zu answers, remaining %zu packets\n",
                s->unmatched + s->nans, s->nans, r.notans > r.noans ? r.notans - r.noans : 0);
    fflush(o->out);
    finish(&r);
    /* The unanswered, in remain's order (Scapy's unans). */
    free(s->unans);
    s->unans = todo;
    s->nunans = todo ? n : 0;
    return ok ? 0 : -1;
}
