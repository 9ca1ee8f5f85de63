#include "neigh.h"

#include <linux/neighbour.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "nlink.h"

struct route_answer {
    bool gateway;
    uint8_t via[16];
};

static void on_route(const struct nlmsghdr *h, void *ctx)
{
    struct route_answer *r = ctx;
    if (h->nlmsg_type != RTM_NEWROUTE)
        return;
    const struct rtmsg *rt = NLMSG_DATA(h);
    const struct rtattr *gw = ps_nl_find(h, sizeof *rt, RTA_GATEWAY);
    size_t len = rt->rtm_family == AF_INET ? 4 : 16;
    if (gw && RTA_PAYLOAD(gw) >= len) {
        memcpy(r->via, RTA_DATA(gw), len);
        r->gateway = true;
    }
}

/* The address whose MAC the frame needs: dst, or the gateway toward it. */
static void next_hop(struct ps_nl *nl, int ifindex, int family, const uint8_t *dst,
                     uint8_t hop[16])
{
    size_t len = family == AF_INET ? 4 : 16;
    memcpy(hop, dst, len);
    struct rtmsg rt = {.rtm_family = (unsigned char)family,
                       .rtm_dst_len = (unsigned char)(len * 8)};
    struct ps_nlmsg m;
    ps_nl_begin(&m, RTM_GETROUTE, 0, &rt, sizeof rt);
    ps_nl_attr(&m, RTA_DST, dst, len);
    uint32_t oif = (uint32_t)ifindex;
    ps_nl_attr(&m, RTA_OIF, &oif, sizeof oif);
    struct route_answer r = {0};
    /* No route: the address is taken to be on the named link, as Scapy does. */
    if (ps_nl_talk(nl, &m, on_route, &r) == 0 && r.gateway)
        memcpy(hop, r.via, len);
}

struct neigh_answer {
    bool valid;
    uint8_t mac[6];
};

static void on_neigh(const struct nlmsghdr *h, void *ctx)
{
    struct neigh_answer *a = ctx;
    if (h->nlmsg_type != RTM_NEWNEIGH)
        return;
    const struct ndmsg *nd = NLMSG_DATA(h);
    const struct rtattr *ll = ps_nl_find(h, sizeof *nd, NDA_LLADDR);
    enum { USABLE = NUD_REACHABLE | NUD_STALE | NUD_DELAY | NUD_PROBE | NUD_PERMANENT | NUD_NOARP };
    if ((nd->ndm_state & USABLE) && ll && RTA_PAYLOAD(ll) == 6) {
        memcpy(a->mac, RTA_DATA(ll), 6);
        a->valid = true;
    }
}

static bool ask_table(struct ps_nl *nl, int ifindex, int family, const uint8_t *hop,
                      uint8_t mac[6])
{
    struct ndmsg nd = {.ndm_family = (uint8_t)family, .ndm_ifindex = ifindex};
    struct ps_nlmsg m;
    ps_nl_begin(&m, RTM_GETNEIGH, 0, &nd, sizeof nd);
    ps_nl_attr(&m, NDA_DST, hop, family == AF_INET ? 4 : 16);
    struct neigh_answer a = {0};
    if (ps_nl_talk(nl, &m, on_neigh, &a) != 0 || !a.valid)
        return false;
    memcpy(mac, a.mac, 6);
    return true;
}

/* NTF_USE: the kernel starts resolving hop as if a packet waited for it. */
static void start_resolving(struct ps_nl *nl, int ifindex, int family, const uint8_t *hop)
{
    struct ndmsg nd = {.ndm_family = (uint8_t)family, .ndm_ifindex = ifindex,
                       .ndm_state = NUD_NONE, .ndm_flags = NTF_USE};
    struct ps_nlmsg m;
    ps_nl_begin(&m, RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_REPLACE, &nd, sizeof nd);
    ps_nl_attr(&m, NDA_DST, hop, family == AF_INET ? 4 : 16);
    ps_nl_talk(nl, &m, NULL, NULL);
}

static struct ps_neigh_entry *cached(struct ps_neigh_cache *c, int ifindex, int family,
                                     const uint8_t *dst)
{
    size_t len = family == AF_INET ? 4 : 16;
    for (size_t i = 0; i < c->n; i++)
        if (c->e[i].ifindex == ifindex && c->e[i].family == family &&
            memcmp(c->e[i].addr, dst, len) == 0)
            return &c->e[i];
    return NULL;
}

static int64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

/* The cache entry for dst, made (and the kernel asked) when there is none. */
static struct ps_neigh_entry *entry(struct ps_neigh_cache *c, struct ps_nl *nl, int ifindex,
                                    int family, const uint8_t *dst)
{
    struct ps_neigh_entry *e = cached(c, ifindex, family, dst);
    if (e)
        return e;
    e = &c->e[c->n < PS_NEIGH_CACHE ? c->n++ : c->next++ % PS_NEIGH_CACHE];
    memset(e, 0, sizeof *e);
    e->ifindex = ifindex;
    e->family = family;
    memcpy(e->addr, dst, family == AF_INET ? 4 : 16);
    next_hop(nl, ifindex, family, dst, e->hop);
    e->found = ask_table(nl, ifindex, family, e->hop, e->mac);
    if (!e->found) {
        start_resolving(nl, ifindex, family, e->hop);
        e->waiting = true;
        e->since = now_ns();
    }
    return e;
}

void ps_neigh_start(struct ps_neigh_cache *c, int ifindex, int family, const uint8_t *dst)
{
    if (cached(c, ifindex, family, dst))
        return;
    struct ps_nl nl;
    if (ps_nl_open(&nl) < 0)
        return;
    entry(c, &nl, ifindex, family, dst);
    ps_nl_close(&nl);
}

bool ps_neigh_resolve(struct ps_neigh_cache *c, int ifindex, int family, const uint8_t *dst,
                      int64_t wait_ns, uint8_t mac[6])
{
    struct ps_neigh_entry *e = cached(c, ifindex, family, dst);
    if (!e || e->waiting) {
        struct ps_nl nl;
        if (ps_nl_open(&nl) < 0)
            return false;
        if (!e)
            e = entry(c, &nl, ifindex, family, dst);
        struct timespec step = {0, 2000000};
        while (e->waiting && !(e->found = ask_table(&nl, ifindex, family, e->hop, e->mac))) {
            if (now_ns() - e->since >= wait_ns)
                break;
            nanosleep(&step, NULL);
        }
        e->waiting = false;
        ps_nl_close(&nl);
    }
    memcpy(mac, e->mac, 6);
    return e->found;
}
