/* The next hop's MAC for a frame that leaves an interface toward an IP
 * address (Scapy's getmacbyip / getmacbyip6): the route's gateway when the
 * address is not on the link, then the kernel's neighbour table, which is
 * asked to resolve what it does not know (it sends the ARP request or the
 * neighbour solicitation itself). Answers are kept for the run. */
#ifndef PS_NEIGH_H
#define PS_NEIGH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PS_NEIGH_CACHE 256

struct ps_neigh_entry {
    int ifindex;
    int family;                /* AF_INET or AF_INET6 */
    uint8_t addr[16];
    uint8_t hop[16];           /* the address asked about: addr, or its gateway */
    bool found;
    bool waiting;              /* the kernel is resolving it, since `since` */
    int64_t since;             /* CLOCK_MONOTONIC ns */
    uint8_t mac[6];
};

struct ps_neigh_cache {
    struct ps_neigh_entry e[PS_NEIGH_CACHE];
    size_t n, next;
};

/* Starts resolving dst without waiting: a set of packets to many
 * addresses waits once for all of them, not once for each. */
void ps_neigh_start(struct ps_neigh_cache *c, int ifindex, int family, const uint8_t *dst);
/* The MAC for dst (4 bytes for AF_INET, 16 for AF_INET6) out of interface
 * ifindex, waiting at most wait_ns for the kernel to resolve it. Returns
 * true with *mac set, or false when nothing answered in time (remembered:
 * the run does not wait twice for the same address). The wait counts from
 * when the address was first asked about. */
bool ps_neigh_resolve(struct ps_neigh_cache *c, int ifindex, int family, const uint8_t *dst,
                      int64_t wait_ns, uint8_t mac[6]);

#endif
