/* The interpreter's live path: frames built for the interface they leave
 * by (its MAC and addresses, the next hop's MAC), then sent (send), sent
 * and matched (sr), or captured (sniff). Only a run with -i or --lab comes
 * here; the dry run and --pcap stay in actions.c. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "addr.h"
#include "coerce.h"
#include "iface.h"
#include "interp_int.h"
#include "linktype.h"
#include "print.h"
#include "signals.h"
#include "sniff.h"
#include "sr.h"
#include "wire.h"

#define SR_DEFAULT_TIMEOUT_NS 2000000000LL  /* Scapy waits for ever; a run must end */
#define RESOLVE_WAIT_NS 1000000000LL        /* Scapy's getmacbyip waits 2 s */
#define SEND_BATCH 64
#define SCAPY_VERBOSE 2                     /* conf.verb */

static const struct ps_value none_value = {.t = PT_NONE};

/* ---- options ---------------------------------------------------------------- */

static const struct ps_expr *option(const struct ps_expr *e, enum ps_opt o)
{
    for (size_t i = 0; i < e->nopts; i++)
        if (e->opts[i].index == (int)o)
            return e->opts[i].value;
    return NULL;
}

static bool opt_int(struct interp *in, const struct ps_expr *e, enum ps_opt o, int64_t *out)
{
    const struct ps_expr *x = option(e, o);
    if (!x)
        return false;
    struct ps_value v = interp_eval(in, x);
    *out = (int64_t)v.u;
    ps_val_release(&v);
    return true;
}

static int64_t opt_or(struct interp *in, const struct ps_expr *e, enum ps_opt o, int64_t def)
{
    int64_t v = def;
    opt_int(in, e, o, &v);
    return v;
}

/* A string option, as a C string to free; NULL when not given. */
static char *opt_text(struct interp *in, const struct ps_expr *e, enum ps_opt o)
{
    const struct ps_expr *x = option(e, o);
    if (!x)
        return NULL;
    struct ps_value v = interp_eval(in, x);
    char *text = v.t == PT_STR ? strndup((const char *)v.obj->bytes, v.obj->len) : NULL;
    ps_val_release(&v);
    return text;
}

static bool pick_iface(struct interp *in, const struct ps_expr *e, struct ps_iface *ifc)
{
    char *given = opt_text(in, e, O_IFACE);
    const char *name = given ? given : in->o->iface;
    char err[256];
    bool ok = false;
    if (!name)
        interp_error(in, e->loc, "no interface to use: run with -i IFACE or --lab, or give "
                     "iface=");
    else if (ps_iface_get(name, ifc, err, sizeof err) < 0)
        interp_error(in, e->loc, "%s", err);
    else
        ok = true;
    free(given);
    return ok;
}

/* ---- frames for an interface -------------------------------------------------- */

static void warn_once(struct interp *in, unsigned hole, struct ps_loc loc, const char *msg)
{
    if (in->warned_holes & hole)
        return;
    in->warned_holes |= hole;
    interp_warning(in, loc, "%s", msg);
}

static void address_of(const struct ps_layer *l, int fi, uint8_t addr[16])
{
    const struct ps_field *fd = &l->proto->fields[fi];
    memset(addr, 0, 16);
    if (l->v[fi].set)
        memcpy(addr, l->v[fi].addr, 16);
    else if (fd->def_text && fd->kind == PS_K_IPV4)
        ps_parse_ip4(fd->def_text, addr);
    else if (fd->def_text && fd->kind == PS_K_IPV6)
        ps_parse_ip6(fd->def_text, addr);
}

enum next_hop { HOP_NONE, HOP_BROADCAST, HOP_RESOLVE };

/* Scapy's conf.neighbor: an unset Ether.dst is the MAC of the next hop
 * toward the address of the layer above (IP dst, ARP pdst), through any
 * VLAN tags. Multicast is left to the encoder, which maps it. */
static enum next_hop neighbor_of(const struct ps_packet *p, const struct ps_iface *ifc,
                                 uint8_t addr[16], int *family)
{
    static const uint8_t all_ones[4] = {255, 255, 255, 255};
    if (p->n < 2 || strcmp(p->layers[0].proto->name, "Ether") != 0)
        return HOP_NONE;
    int fdst = ps_field_index(p->layers[0].proto, "dst");
    if (fdst < 0 || p->layers[0].v[fdst].set)
        return HOP_NONE;
    size_t j = 1;
    while (j < p->n && p->layers[j].proto->neighbor_through)
        j++;
    if (j >= p->n || !p->layers[j].proto->neighbor_field)
        return HOP_NONE;
    int fi = ps_field_index(p->layers[j].proto, p->layers[j].proto->neighbor_field);
    if (fi < 0)
        return HOP_NONE;
    enum ps_kind kind = p->layers[j].proto->fields[fi].kind;
    address_of(&p->layers[j], fi, addr);
    if (kind == PS_K_IPV4) {
        if ((addr[0] & 0xf0) == 0xe0)
            return HOP_NONE;
        if (memcmp(addr, all_ones, 4) == 0 ||
            (ifc->has_ip4 && memcmp(addr, ifc->bcast4, 4) == 0 && ifc->bcast4[0]))
            return HOP_BROADCAST;
        *family = AF_INET;
        return HOP_RESOLVE;
    }
    if (kind == PS_K_IPV6 && addr[0] != 0xff) {
        *family = AF_INET6;
        return HOP_RESOLVE;
    }
    return HOP_NONE;
}

static void resolve_dst(struct interp *in, const struct ps_packet *p, const struct ps_iface *ifc,
                        struct ps_env *env, struct ps_loc loc)
{
    uint8_t addr[16];
    int family = AF_INET;
    switch (neighbor_of(p, ifc, addr, &family)) {
    case HOP_NONE:
        return;
    case HOP_BROADCAST:
        memset(env->dst_mac, 0xff, 6);
        env->have_dst_mac = true;
        return;
    case HOP_RESOLVE:
        if (ps_neigh_resolve(&in->neigh, ifc->index, family, addr, RESOLVE_WAIT_NS, env->dst_mac))
            env->have_dst_mac = true;
        else
            warn_once(in, PS_HOLE_DST_MAC, loc,
                      "Mac address to reach destination not found. Using broadcast.");
    }
}

/* Asks for every next hop of a set at once, so that it waits once. */
static void prefetch_hops(struct interp *in, const struct ps_tpkt *t, uint64_t members,
                          const struct ps_iface *ifc)
{
    uint64_t rng = in->rng; /* the frames must draw what they would have drawn */
    for (uint64_t i = 0; i < members && i < PS_NEIGH_CACHE * 16; i++) {
        ps_tpkt_member(t, i, &rng, &in->pkt);
        uint8_t addr[16];
        int family = AF_INET;
        if (neighbor_of(&in->pkt, ifc, addr, &family) == HOP_RESOLVE)
            ps_neigh_start(&in->neigh, ifc->index, family, addr);
    }
}

/* Member i of t, built for the interface into in->frame. */
static long build_frame(struct interp *in, const struct ps_tpkt *t, uint64_t i,
                        const struct ps_iface *ifc, struct ps_loc loc)
{
    if (in->o->max_steps && ++in->steps > in->o->max_steps) {
        interp_error(in, loc, "the run went past its bound of %llu steps",
                     (unsigned long long)in->o->max_steps);
        return -1;
    }
    ps_tpkt_member(t, i, &in->rng, &in->pkt);
    struct ps_env env = {.have_src_mac = ifc->has_mac, .have_src_ip4 = ifc->has_ip4,
                         .have_src_ip6 = ifc->has_ip6};
    memcpy(env.src_mac, ifc->mac, 6);
    memcpy(env.src_ip4, ifc->ip4, 4);
    memcpy(env.src_ip6, ifc->ip6, 16);
    resolve_dst(in, &in->pkt, ifc, &env, loc);
    unsigned holes = 0;
    long len = ps_encode(&in->pkt, &env, in->frame, sizeof in->frame, &holes);
    if (len < 0) {
        interp_error(in, loc, "the packet does not fit in %d bytes", PS_MAX_FRAME);
        return -1;
    }
    if (holes & PS_HOLE_SRC_IP4)
        warn_once(in, PS_HOLE_SRC_IP4, loc, "the interface has no IPv4 address: using 0.0.0.0");
    if (holes & PS_HOLE_SRC_IP6)
        warn_once(in, PS_HOLE_SRC_IP6, loc, "the interface has no IPv6 address: using ::");
    return len;
}

typedef bool (*frame_fn)(void *ctx, const uint8_t *frame, size_t len);

/* Every frame of a sending call's packets, `passes` times over. */
static bool each_frame(struct interp *in, const struct ps_expr *e, const struct ps_value *v,
                       bool layer3, uint64_t passes, const struct ps_iface *ifc, frame_fn fn,
                       void *ctx)
{
    const struct ps_value *items = v;
    size_t n = 1;
    if (v->t == PT_LIST || v->t == PT_PKTLIST) {
        items = v->obj->items;
        n = v->obj->n;
    }
    for (size_t k = 0; k < n; k++) {
        if (items[k].t != PT_PKT) {
            interp_error(in, e->loc, "%s is not a packet", ps_type_name(items[k].t));
            return false;
        }
    }
    const struct ps_proto *ether = ps_proto_find("Ether");
    for (uint64_t pass = 0; pass < passes; pass++) {
        for (size_t k = 0; k < n; k++) {
            struct ps_value p = ps_val_retain(items[k]);
            if (layer3) {
                /* send() is L3: the frame carries an Ether() of the interface. */
                struct ps_value eth = ps_val_layer(ether);
                ps_val_release(&p);
                p = ps_val_stack(&eth, &items[k]);
                ps_val_release(&eth);
                if (p.t != PT_PKT) {
                    interp_error(in, e->loc, "a packet has at most %d layers", PS_MAX_LAYERS);
                    return false;
                }
            }
            uint64_t members = ps_tpkt_count(&p.obj->pkt);
            if (members > 1 && pass == 0)
                prefetch_hops(in, &p.obj->pkt, members, ifc);
            bool go = true;
            for (uint64_t i = 0; i < members && go; i++) {
                long len = build_frame(in, &p.obj->pkt, i, ifc, e->loc);
                go = len >= 0 && fn(ctx, in->frame, (size_t)len);
            }
            ps_val_release(&p);
            if (!go)
                return false;
        }
    }
    return true;
}

/* The packet value of a frame: from the link layer up, or (sr, whose
 * sockets hand over the layer-3 packet) from the layer above it. */
static struct ps_value frame_value(struct interp *in, const uint8_t *f, size_t len, bool layer3,
                                   const struct timespec *ts)
{
    struct ps_decode_room room = {.subs = in->subs, .subs_cap = 40};
    ps_decode(f, len, PS_DLT_EN10MB, &in->dec, &room);
    if (layer3 && in->dec.n > 1) {
        size_t off = room.start[1];
        const struct ps_proto *p = in->dec.layers[1].proto;
        room = (struct ps_decode_room){.subs = in->subs, .subs_cap = 40};
        f += off;
        len -= off;
        ps_decode_as(p, f, len, &in->dec, &room);
    }
    double t = ts ? (double)ts->tv_sec + (double)ts->tv_nsec / 1e9 : 0;
    return ps_val_decoded(&in->dec, f, len, t, NULL);
}

static double seconds_between(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void sleep_ns(int64_t ns)
{
    if (ns <= 0)
        return;
    struct timespec t = {(time_t)(ns / 1000000000), (long)(ns % 1000000000)};
    volatile sig_atomic_t *stop = ps_signals_stop_flag();
    while (!*stop && nanosleep(&t, &t) < 0)
        ;
}

/* ---- send, sendp ------------------------------------------------------------- */

struct sender {
    struct interp *in;
    struct ps_wire w;
    int64_t inter;
    int verbose;
    uint8_t *buf;             /* frames waiting for the next batch, back to back */
    size_t used, cap;
    size_t offs[SEND_BATCH], lens[SEND_BATCH];
    size_t queued;
    uint64_t sent;
    char err[256];
    bool failed;
};

static bool flush_batch(struct sender *s)
{
    const uint8_t *frames[SEND_BATCH];
    for (size_t i = 0; i < s->queued; i++)
        frames[i] = s->buf + s->offs[i];
    long n = s->queued ? ps_wire_send(&s->w, frames, s->lens, s->queued, s->err, sizeof s->err) : 0;
    if (n < 0) {
        s->failed = true;
        return false;
    }
    s->sent += (uint64_t)n;
    if (s->verbose)
        for (long i = 0; i < n; i++)
            fputc('.', s->in->o->out);
    fflush(s->in->o->out);
    s->queued = s->used = 0;
    return true;
}

static bool send_frame(void *ctx, const uint8_t *frame, size_t len)
{
    struct sender *s = ctx;
    if (*ps_signals_stop_flag())
        return false;
    if (s->used + len > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 256 * 1024;
        while (cap < s->used + len)
            cap *= 2;
        uint8_t *b = realloc(s->buf, cap);
        if (!b) {
            snprintf(s->err, sizeof s->err, "out of memory");
            s->failed = true;
            return false;
        }
        s->buf = b;
        s->cap = cap;
    }
    memcpy(s->buf + s->used, frame, len);
    s->offs[s->queued] = s->used;
    s->lens[s->queued++] = len;
    s->used += len;
    if (s->inter > 0 || s->queued == SEND_BATCH) {
        if (!flush_batch(s))
            return false;
        /* Scapy sleeps after every packet, the last one too. */
        sleep_ns(s->inter);
    }
    return true;
}

static struct ps_value live_send(struct interp *in, const struct ps_expr *e, bool layer3,
                                 const struct ps_iface *ifc)
{
    struct sender s = {.in = in, .inter = opt_or(in, e, O_INTER, 0),
                       .verbose = (int)opt_or(in, e, O_VERBOSE, SCAPY_VERBOSE)};
    int64_t count = opt_or(in, e, O_COUNT, 1);
    struct ps_value v = interp_eval(in, e->args[0]);
    if (ps_wire_open(&s.w, ifc->name, PS_WIRE_SEND, NULL, 0, s.err, sizeof s.err) < 0) {
        interp_error(in, e->loc, "%s", s.err);
        ps_val_release(&v);
        return none_value;
    }
    ps_signals_capture(true);
    each_frame(in, e, &v, layer3, count > 0 ? (uint64_t)count : 0, ifc, send_frame, &s);
    if (!s.failed)
        flush_batch(&s);
    ps_signals_capture(false);
    ps_wire_close(&s.w);
    if (s.failed)
        interp_error(in, e->loc, "%s", s.err);
    else if (s.verbose)
        fprintf(in->o->out, "\nSent %llu packets.\n", (unsigned long long)s.sent);
    fflush(in->o->out);
    free(s.buf);
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
    bool ok = each_frame(in, e, &v, layer3, 1, ifc, add_request, s);
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
    for (size_t i = 0; i < s->nans; i++) {
        const struct ps_sr_answer *a = &s->ans[i];
        const struct ps_sr_query *q = &s->q[a->query];
        struct ps_value pair = ps_val_list(PT_TUPLE);
        ps_list_push(&pair, frame_value(in, s->tx + q->off, q->len, layer3, &q->sent));
        struct ps_value r = frame_value(in, s->rx + a->off, a->len, layer3, &a->ts);
        r.obj->rtt = seconds_between(&q->sent, &a->ts);
        ps_list_push(&pair, r);
        ps_list_push(ans, pair);
    }
    for (size_t i = 0; unans && i < s->nq; i++)
        if (!s->q[i].answered)
            ps_list_push(unans, frame_value(in, s->tx + s->q[i].off, s->q[i].len, layer3,
                                            &s->q[i].sent));
}

static struct ps_value pktlist(const char *name)
{
    struct ps_value v = ps_val_list(PT_PKTLIST);
    v.obj->list_name = name;
    return v;
}

static struct ps_value live_sr(struct interp *in, const struct ps_expr *e, bool layer3,
                               const struct ps_iface *ifc)
{
    struct ps_sr s = {0};
    char *filter = opt_text(in, e, O_FILTER);
    struct ps_sr_opts o = {
        .iface = ifc->name,
        .filter = filter,
        .layer3 = layer3,
        .timeout_ns = opt_or(in, e, O_TIMEOUT, SR_DEFAULT_TIMEOUT_NS),
        .retry = (int)opt_or(in, e, O_RETRY, 0),
        .multi = opt_or(in, e, O_MULTI, 0) != 0,
        .inter_ns = opt_or(in, e, O_INTER, 0),
        .verbose = (int)opt_or(in, e, O_VERBOSE, SCAPY_VERBOSE),
        .out = in->o->out,
        .stop = ps_signals_stop_flag(),
    };
    struct ps_value out = none_value;
    if (build_requests(in, e, layer3, ifc, &s) && run_sr(in, e, &s, &o)) {
        struct ps_value ans = pktlist("Results"), unans = pktlist("Unanswered");
        results(in, &s, layer3, &ans, &unans);
        if (e->builtin == B_SR1 || e->builtin == B_SRP1) {
            if (ans.obj->n)
                out = ps_val_retain(ans.obj->items[0].obj->items[1]);
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

static void print_summary(struct interp *in, const struct ps_value *v)
{
    char line[1024];
    ps_tpkt_member(&v->obj->pkt, 0, &in->rng, &in->dec);
    ps_summary(&in->dec, line, sizeof line);
    fprintf(in->o->out, "%s\n", line);
}

/* Scapy's __sr_loop: the same requests again and again, a line for what
 * each turn got and one for what it missed. */
static struct ps_value live_srloop(struct interp *in, const struct ps_expr *e, bool layer3,
                                   const struct ps_iface *ifc)
{
    int64_t count;
    if (!opt_int(in, e, O_COUNT, &count)) {
        interp_error(in, e->loc, "%s() would go on for ever: bound it with count=",
                     e->builtin == B_SRLOOP ? "srloop" : "srploop");
        return none_value;
    }
    int64_t inter = opt_or(in, e, O_INTER, 1000000000);
    int64_t timeout = 2 * inter < 5000000000LL ? 2 * inter : 5000000000LL;
    opt_int(in, e, O_TIMEOUT, &timeout);
    int verbose = (int)opt_or(in, e, O_VERBOSE, SCAPY_VERBOSE);
    FILE *out = in->o->out;
    struct ps_sr s = {0};
    struct ps_sr_opts o = {.iface = ifc->name, .layer3 = layer3, .timeout_ns = timeout,
                           .verbose = 0, .out = out, .stop = ps_signals_stop_flag()};
    struct ps_value ans = pktlist("Results"), unans = pktlist("PacketList");
    size_t sent = 0, got = 0;
    bool ok = build_requests(in, e, layer3, ifc, &s);
    for (int64_t turn = 0; ok && turn < count && !*ps_signals_stop_flag(); turn++) {
        struct timespec start;
        clock_gettime(CLOCK_MONOTONIC, &start);
        if (verbose > 1)
            fputs("\rsend...\r ", out);
        ps_sr_forget_answers(&s);
        if (!(ok = run_sr(in, e, &s, &o)))
            break;
        struct ps_value a = pktlist("Results"), u = pktlist("PacketList");
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
        if (turn + 1 < count)
            sleep_ns(inter - (ps_wire_ns(&now) - ps_wire_ns(&start)));
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
    if (!pick_iface(in, e, &ifc))
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

/* ---- sniff ---------------------------------------------------------------------- */

struct sniffer {
    struct interp *in;
    const struct ps_expr *e;
    struct ps_value list;
    uint64_t count, seen;
    int64_t prn;              /* index in ps_prn_names, or -1 */
    bool store;
    const struct ps_value *stop_at;
};

static void print_prn(struct interp *in, int64_t prn, const uint8_t *frame, size_t len)
{
    FILE *out = in->o->out;
    char line[1024];
    switch (prn) {
    case 0:
        ps_summary(&in->dec, line, sizeof line);
        fprintf(out, "%s\n", line);
        break;
    case 1:
        ps_print_to(out, ps_show, &in->dec);
        break;
    case 2:
        ps_print_to(out, ps_command, &in->dec);
        fputc('\n', out);
        break;
    case 3:
        ps_hexdump(out, frame, len);
        break;
    default:
        break;
    }
    fflush(out);
}

static bool sniffed(void *ctx, const struct ps_wire_frame *f)
{
    struct sniffer *s = ctx;
    struct interp *in = s->in;
    struct ps_decode_room room = {.subs = in->subs, .subs_cap = 40};
    ps_decode(f->data, f->len, PS_DLT_EN10MB, &in->dec, &room);
    s->seen++;
    print_prn(in, s->prn, f->data, f->len);
    bool stop = false;
    if (s->store || s->stop_at) {
        double t = (double)f->ts.tv_sec + (double)f->ts.tv_nsec / 1e9;
        struct ps_value v = ps_val_decoded(&in->dec, f->data, f->len, t, NULL);
        /* Scapy's stop_filter: tested after storing; the packet is kept. */
        stop = s->stop_at && interp_matches(in, &v, s->stop_at, s->e->loc);
        if (s->store)
            ps_list_push(&s->list, v);
        else
            ps_val_release(&v);
    }
    return !stop && !(s->count && s->seen >= s->count) && !in->failed_run;
}

struct ps_value live_sniff(struct interp *in, const struct ps_expr *e)
{
    struct ps_iface ifc;
    if (!pick_iface(in, e, &ifc))
        return none_value;
    struct sniffer s = {.in = in, .e = e, .list = pktlist("Sniffed"),
                        .count = (uint64_t)opt_or(in, e, O_COUNT, 0),
                        .prn = opt_or(in, e, O_PRN, -1),
                        .store = opt_or(in, e, O_STORE, 1) != 0};
    struct ps_value pattern = none_value;
    const struct ps_expr *stop_expr = option(e, O_STOP_FILTER);
    if (stop_expr) {
        pattern = interp_eval(in, stop_expr);
        s.stop_at = &pattern;
    }
    char *filter = opt_text(in, e, O_FILTER);
    struct ps_sniff_opts o = {.iface = ifc.name, .filter = filter,
                              .timeout_ns = opt_or(in, e, O_TIMEOUT, -1),
                              .stop = ps_signals_stop_flag()};
    char err[256];
    uint64_t drops = 0;
    ps_signals_capture(true);
    int rc = ps_sniff(&o, sniffed, &s, &drops, err, sizeof err);
    ps_signals_capture(false);
    if (rc < 0)
        interp_error(in, e->loc, "%s", err);
    else if (drops)
        interp_warning(in, e->loc, "the kernel dropped %llu frames it had no room for",
                       (unsigned long long)drops);
    free(filter);
    ps_val_release(&pattern);
    return s.list;
}
