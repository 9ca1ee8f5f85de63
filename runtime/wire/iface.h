/* What an interface gives a frame that leaves through it: its MAC and its
 * addresses (Scapy's get_if_hwaddr and route source). */
#ifndef PS_IFACE_H
#define PS_IFACE_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ps_iface {
    char name[IF_NAMESIZE];
    int index;
    bool has_mac, has_ip4, has_ip6;
    uint8_t mac[6];
    uint8_t ip4[4];
    uint8_t bcast4[4];       /* its IPv4 broadcast address (has_ip4) */
    uint8_t ip6[16];         /* a global address when it has one, else link-local */
};

/* Looks `name` up in the current network namespace. Returns 0, or -1 with
 * a message in err (no such interface). */
int ps_iface_get(const char *name, struct ps_iface *out, char *err, size_t errcap);

#endif
