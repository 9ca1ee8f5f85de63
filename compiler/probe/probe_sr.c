/* ---- sr, sr1, srp, srp1 on the wire --------------------------------------
 * runtime/wire/sr.c's exchange with the probe's own matching (probe_match.c):
 * a capture with the call's classic BPF program (compiled by `emit`, as
 * `pktspec run` compiles it), each round's frames sent, answers paired
 * through Scapy's hsent (runtime/wire/hsent.c: the earliest request of an
 * answer's hashret bucket that it answers), Scapy's lines and markers
 * printed. */
#define PK_SR_RCVBUF (8 << 20)

struct pk_sr {
    const struct pk_call *call;
    struct ps_wire w;
    uint8_t *tx;                 /* the requests, patched */
    size_t *tx_off, *tx_len;
    struct timespec *sent_at;    /* CLOCK_REALTIME, as the kernel stamps answers */
    struct pk_layers *q;
    uint64_t *digest;            /* of each request's hashret() */
    struct ps_hsent hsent;
    unsigned char *answered;
    size_t nq, sent, unmatched, noans, notans;
    int send_done;
    uint8_t *rx;                 /* the answers' bytes, one after another */
    size_t rx_len, rx_cap, ans_cap;
    struct pk_result *res;
    char *marks;                 /* held back until "Finished sending" */
    size_t nmarks;
    int hold;
};

static void pk_sr_mark(struct pk_sr *s, char c)
{
    if (s->call->verbose < 2)
        return;
    if (!s->hold) {
        fputc(c, stdout);
        return;
    }
    char *m = realloc(s->marks, s->nmarks + 1);
    if (m) {
        s->marks = m;
        s->marks[s->nmarks++] = c;
    }
}

/* Room for one more answer, made before pairing it: a pair once made is kept. */
static int pk_sr_room(struct pk_sr *s, const struct ps_wire_frame *f)
{
    struct pk_result *res = s->res;
    if (s->rx_len + f->len > s->rx_cap) {
        size_t cap = s->rx_cap ? s->rx_cap : 4096;
        while (cap < s->rx_len + f->len)
            cap *= 2;
        uint8_t *p = realloc(s->rx, cap);
        if (!p)
            return 0;
        s->rx = p;
        s->rx_cap = cap;
    }
    if (res->nans == s->ans_cap) {
        size_t cap = s->ans_cap ? 2 * s->ans_cap : 16;
        struct pk_answer *a = realloc(res->ans, cap * sizeof *a);
        if (!a)
            return 0;
        res->ans = a;
        s->ans_cap = cap;
    }
    return 1;
}

static void pk_sr_keep(struct pk_sr *s, size_t qi, const struct ps_wire_frame *f)
{
    struct pk_result *res = s->res;
    memcpy(s->rx + s->rx_len, f->data, f->len);
    /* bytes are set once the exchange ends and rx moves no more */
    int64_t rtt = (int64_t)(f->ts.tv_sec - s->sent_at[qi].tv_sec) * 1000000000 +
                  (f->ts.tv_nsec - s->sent_at[qi].tv_nsec);
    res->ans[res->nans++] = (struct pk_answer){qi, s->rx_len, f->len, NULL, rtt};
    s->rx_len += f->len;
}

struct pk_asking {
    const struct pk_sr *s;
    const struct pk_layers *reply;
};

static bool pk_sr_answers(void *ctx, size_t qi)
{
    const struct pk_asking *a = ctx;
    return pk_answers(a->reply, &a->s->q[qi], a->s->call->layer3 ? 1 : 0);
}

static void pk_sr_frame(struct pk_sr *s, const struct ps_wire_frame *f)
{
    struct pk_layers reply;
    size_t from = s->call->layer3 ? 1 : 0;
    pk_walk(f->data, f->len, &reply);
    if (reply.n > from && pk_sr_room(s, f)) {
        struct pk_hash h;
        struct pk_asking a = {s, &reply};
        pk_hashret(&reply, from, &h);
        size_t k = ps_hsent_match(&s->hsent, ps_hsent_digest(h.b, h.n), s->call->multi != 0,
                                  pk_sr_answers, &a);
        if (k != PS_HSENT_NONE) {
            pk_sr_keep(s, k, f);
            pk_sr_mark(s, '*');
            if (!s->answered[k])
                s->noans++;
            s->answered[k] = 1;
            return;
        }
    }
    s->unmatched++;
    pk_sr_mark(s, '.');
}

static int pk_sr_all_answered(const struct pk_sr *s)
{
    return s->send_done && !s->call->multi && s->noans >= s->notans;
}

/* Takes what has come, waiting until `until` at most. */
static int pk_sr_receive(struct pk_sr *s, const struct timespec *until, char *err, size_t cap)
{
    struct ps_wire_frame frames[PS_WIRE_BATCH];
    for (;;) {
        long n = ps_wire_recv(&s->w, frames, PS_WIRE_BATCH, until, err, cap);
        if (n < 0)
            return -1;
        for (long i = 0; i < n; i++)
            pk_sr_frame(s, &frames[i]);
        if (!s->hold)
            fflush(stdout);
        if (n == 0 || pk_sr_all_answered(s)) {
            struct timespec now;
            clock_gettime(CLOCK_MONOTONIC, &now);
            if (n > 0 || pk_sr_all_answered(s) || ps_wire_ns(&now) >= ps_wire_ns(until))
                return 0;
        }
    }
}

static int pk_sr_round(struct pk_sr *s, const size_t *todo, size_t n, char *err, size_t cap)
{
    static const struct timespec now_only = {0, 0};
    ps_hsent_reset(&s->hsent);
    if (s->call->verbose)
        fputs("Begin emission:\n", stdout);
    fflush(stdout);
    size_t before = s->sent;
    int rc = 0;
    s->hold = 1;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const uint8_t *frame = s->tx + s->tx_off[todo[i]];
        size_t len = s->tx_len[todo[i]];
        /* into hsent as it goes out: an answer pairs with what was sent */
        ps_hsent_add(&s->hsent, todo[i], s->digest[todo[i]]);
        clock_gettime(CLOCK_REALTIME, &s->sent_at[todo[i]]);
        long k = ps_wire_send(&s->w, &frame, &len, 1, err, cap);
        if (k < 0) {
            rc = -1;
            break;
        }
        s->sent += (size_t)k;
        struct timespec until =
            s->call->inter_ns ? ps_wire_after((int64_t)s->call->inter_ns) : now_only;
        rc = pk_sr_receive(s, &until, err, cap);
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        while (rc == 0 && s->call->inter_ns && ps_wire_ns(&now) < ps_wire_ns(&until)) {
            rc = pk_sr_receive(s, &until, err, cap);
            clock_gettime(CLOCK_MONOTONIC, &now);
        }
    }
    if (!s->send_done)
        s->notans = s->sent - before;
    s->send_done = 1;
    s->hold = 0;
    if (s->call->verbose)
        printf("Finished sending %zu packets.\n", s->sent - before);
    fwrite(s->marks, 1, s->nmarks, stdout);
    s->nmarks = 0;
    fflush(stdout);
    if (rc < 0)
        return -1;
    struct timespec until = ps_wire_after((int64_t)s->call->timeout_ns);
    if (!pk_sr_all_answered(s) && pk_sr_receive(s, &until, err, cap) < 0)
        return -1;
    return 0;
}

/* The requests (frames[0..n), holes filled) out on the wire; their answers
 * into res. Returns 0, or -1 with a message printed. */
static int pk_sr_run(struct pk_out *o, const char *iface, const struct pk_call *call,
                     const size_t *frames, size_t n, struct pk_result *res)
{
    struct pk_sr s = {.call = call, .w = {.fd = -1}, .nq = n, .res = res};
    char err[256] = "out of memory";
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += pk_frames[frames[i]].len;
    s.tx = malloc(total ? total : 1);
    s.tx_off = calloc(n + 1, sizeof *s.tx_off);
    s.tx_len = calloc(n + 1, sizeof *s.tx_len);
    s.q = calloc(n + 1, sizeof *s.q);
    s.sent_at = calloc(n + 1, sizeof *s.sent_at);
    s.digest = calloc(n + 1, sizeof *s.digest);
    s.answered = calloc(n + 1, 1);
    size_t *todo = calloc(n + 1, sizeof *todo);
    int rc = s.tx && s.tx_off && s.tx_len && s.q && s.sent_at && s.digest && s.answered && todo &&
                     ps_hsent_init(&s.hsent, n) == 0
                 ? 0
                 : -1;
    for (size_t i = 0, at = 0; rc == 0 && i < n; i++) {
        memcpy(s.tx + at, pk_frame_out(o, frames[i]), pk_frames[frames[i]].len);
        s.tx_off[i] = at;
        s.tx_len[i] = pk_frames[frames[i]].len;
        at += s.tx_len[i];
    }
    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct pk_hash h;
        pk_walk(s.tx + s.tx_off[i], s.tx_len[i], &s.q[i]);
        pk_hashret(&s.q[i], call->layer3 ? 1 : 0, &h);
        s.digest[i] = ps_hsent_digest(h.b, h.n);
        todo[i] = i;
    }
    struct sock_fprog prog = {(unsigned short)call->bpf_len, call->bpf};
    if (rc == 0)
        rc = ps_wire_open(&s.w, iface, PS_WIRE_ANSWERS, call->bpf ? &prog : NULL, PK_SR_RCVBUF,
                          err, sizeof err);
    /* retry = -N: go on until N rounds in a row bring nothing new */
    int retry = call->retry, autostop = 0;
    if (retry < 0)
        autostop = retry = -retry;
    size_t left = n;
    while (rc == 0 && retry >= 0) {
        rc = pk_sr_round(&s, todo, left, err, sizeof err);
        /* Scapy's remain: bucket by bucket, leaving out multi's answered */
        size_t still = 0, in_hsent = ps_hsent_remain(&s.hsent, todo);
        for (size_t i = 0; i < in_hsent; i++)
            if (!s.answered[todo[i]])
                todo[still++] = todo[i];
        if (autostop && still > 0 && still != left)
            retry = autostop;
        left = still;
        if (left == 0)
            break;
        retry--;
    }
    if (rc == 0 && call->verbose)
        printf("\nReceived %zu packets, got %zu answers, remaining %zu packets\n",
               s.unmatched + res->nans, res->nans, s.notans > s.noans ? s.notans - s.noans : 0);
    fflush(stdout);
    if (rc < 0)
        fprintf(stderr, "%s: error: %s\n", pk_spec_name, err);
    if (s.w.fd >= 0)
        ps_wire_close(&s.w);
    res->done = 1;
    res->layer3 = call->layer3;
    res->nq = n;
    res->nunans = 0;
    for (size_t i = 0; i < n; i++)
        res->nunans += !s.answered[i];
    res->rx = s.rx;
    for (size_t i = 0; i < res->nans; i++)
        res->ans[i].bytes = s.rx + res->ans[i].off;
    /* the requests stay for the expects on pairs (pair[0]) */
    res->tx = s.tx;
    res->tx_off = s.tx_off;
    res->tx_len = s.tx_len;
    free(s.q);
    free(s.sent_at);
    free(s.digest);
    ps_hsent_free(&s.hsent);
    free(s.answered);
    free(s.marks);
    free(todo);
    return rc;
}
