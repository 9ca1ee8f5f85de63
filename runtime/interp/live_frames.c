/* Frames built for the interface they leave by: its MAC and addresses,
 * and the next hop's MAC for an unset Ether.dst (Scapy's conf.neighbor). */
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "coerce.h"
#include "linktype.h"
#include "live_int.h"
#include "signals.h"

#define RESOLVE_WAIT_NS 1000000000LL /* Scapy's getmacbyip waits 2 s */

/* ---- options ---------------------------------------------------------------- */

const struct ps_expr *live_option(const struct ps_expr *e, enum ps_opt o)
{
    for (size_t i = 0; i < e->nopts; i++)
        if (e->opts[i].index == (int)o)
            return e->opts[i].value;
    return NULL;
}

bool live_opt_int(struct interp *in, const struct ps_expr *e, enum ps_opt o, int64_t *out)
{
    const struct ps_expr *x = live_option(e, o);
    if (!x)
        return false;
    struct ps_value v = interp_eval(in, x);
    *out = (int64_t)v.u;
    ps_val_release(&v);
    return true;
}

int64_t live_opt_or(struct interp *in, const struct ps_expr *e, enum ps_opt o, int64_t def)
{
    int64_t v = def;
    live_opt_int(in, e, o, &v);
    return v;
}

int live_verbose(struct interp *in, const struct ps_expr *e)
{
    return in->o->verbosity < 0 ? 0 : (int)live_opt_or(in, e, O_VERBOSE, SCAPY_VERBOSE);
}

char *live_opt_text(struct interp *in, const struct ps_expr *e, enum ps_opt o)
{
    const struct ps_expr *x = live_option(e, o);
    if (!x)
        return NULL;
    struct ps_value v = interp_eval(in, x);
    char *text = v.t == PT_STR ? strndup((const char *)v.obj->bytes, v.obj->len) : NULL;
    ps_val_release(&v);
    return text;
}

/* The interface as looked up at most IFACE_FRESH_NS ago: a call in a loop
 * (sr1 a thousand times) does not ask the kernel for it every time. */
#define IFACE_FRESH_NS 1000000000LL

static int iface_get(const char *name, struct ps_iface *ifc, char *err, size_t errcap)
{
    static struct ps_iface last;
    static int64_t at;
    static bool have;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    int64_t t = (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
    if (have && t - at < IFACE_FRESH_NS && strcmp(last.name, name) == 0) {
        *ifc = last;
        return 0;
    }
    if (ps_iface_get(name, ifc, err, errcap) < 0)
        return -1;
    last = *ifc;
    at = t;
    have = true;
    return 0;
}

bool live_iface(struct interp *in, const struct ps_expr *e, struct ps_iface *ifc)
{
    char *given = live_opt_text(in, e, O_IFACE);
    const char *name = given ? given : in->o->iface;
    char err[256];
    bool ok = false;
    if (!name)
        interp_error(in, e->loc, "no interface to use: run with -i IFACE or --lab, or give "
                     "iface=");
    else if (in->o->iface && strcmp(name, in->o->iface) != 0)
        /* Checked again here for what only the run knows (iface_guard.h). */
        interp_error(in, live_option(e, O_IFACE)->loc,
                     "iface=\"%s\" is not this run's interface, %s: frames go only where -i "
                     "or --lab says", name, in->o->lab ? "the lab's (lab_iface)" : in->o->iface);
    else if (iface_get(name, ifc, err, sizeof err) < 0)
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

/* The packets a call was given: a list's items, or the one value. */
static const struct ps_value *packets_of(const struct ps_value *v, size_t *n)
{
    if (v->t == PT_LIST || v->t == PT_PKTLIST) {
        *n = v->obj->n;
        return v->obj->items;
    }
    *n = 1;
    return v;
}

bool live_frames(struct interp *in, const struct ps_expr *e, const struct ps_value *v,
                 bool layer3, uint64_t passes, const struct ps_iface *ifc, frame_fn fn, void *ctx)
{
    size_t n;
    const struct ps_value *items = packets_of(v, &n);
    for (size_t k = 0; k < n; k++) {
        if (items[k].t != PT_PKT) {
            interp_error(in, e->loc, "%s is not a packet", ps_type_name(items[k].t));
            return false;
        }
    }
    const struct ps_proto *ether = ps_proto_find("Ether");
    for (uint64_t pass = 0; pass < passes; pass++) {
        for (size_t k = 0; k < n; k++) {
            struct ps_value p = interp_expand(in, ps_val_retain(items[k]));
            if (layer3) {
                /* send() is L3: the frame carries an Ether() of the interface. */
                struct ps_value eth = ps_val_layer(ether);
                struct ps_value item = p;
                p = ps_val_stack(&eth, &item);
                ps_val_release(&item);
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

uint64_t live_frames_planned(const struct ps_value *v, uint64_t passes)
{
    size_t n;
    const struct ps_value *items = packets_of(v, &n);
    uint64_t frames = 0;
    for (size_t k = 0; k < n; k++)
        if (items[k].t == PT_PKT)
            frames += items[k].obj->stored ? 1 : ps_tpkt_count(&items[k].obj->pkt);
    return frames > UINT64_MAX / (passes ? passes : 1) ? UINT64_MAX : frames * passes;
}

bool live_frames_fixed(const struct ps_value *v)
{
    size_t n;
    const struct ps_value *items = packets_of(v, &n);
    for (size_t k = 0; k < n; k++) {
        if (items[k].t != PT_PKT || items[k].obj->stored)
            continue;
        const struct ps_tpkt *t = &items[k].obj->pkt;
        for (size_t li = 0; li < t->n; li++)
            for (size_t f = 0; f < t->layers[li]->proto->nfields; f++)
                if (t->layers[li]->f[f].src == FS_RANDOM)
                    return false;
    }
    return true;
}

struct ps_value live_frame_value(struct interp *in, const uint8_t *f, size_t len, bool layer3,
                                 const struct timespec *ts)
{
    double t = ts ? (double)ts->tv_sec + (double)ts->tv_nsec / 1e9 : 0;
    if (!layer3)
        return ps_val_stored(f, len, PS_DLT_EN10MB, NULL, t);
    /* Only the layer above the link layer is kept: where it starts, and as
     * what, the link layer's decoding says. */
    struct ps_decode_room room = {.subs = in->subs, .subs_cap = 40, .layers = &in->prog->layers};
    ps_decode(f, len, PS_DLT_EN10MB, &in->dec, &room);
    if (in->dec.n < 2)
        return ps_val_stored(f, len, PS_DLT_EN10MB, NULL, t);
    size_t off = room.start[1];
    return ps_val_stored(f + off, len - off, 0, in->dec.layers[1].proto, t);
}

double live_seconds_between(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

void live_sleep(int64_t ns)
{
    if (ns <= 0)
        return;
    struct timespec t = {(time_t)(ns / 1000000000), (long)(ns % 1000000000)};
    volatile sig_atomic_t *stop = ps_signals_stop_flag();
    while (!*stop && nanosleep(&t, &t) < 0)
        ;
}

struct ps_value live_pktlist(const char *name)
{
    struct ps_value v = ps_val_list(PT_PKTLIST);
    v.obj->list_name = name;
    return v;
}
