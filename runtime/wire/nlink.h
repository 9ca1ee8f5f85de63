/* A few rtnetlink requests: the lab makes its veth pair with them, the
 * wire asks the kernel for routes and neighbours. */
#ifndef PS_NLINK_H
#define PS_NLINK_H

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stddef.h>
#include <stdint.h>

struct ps_nl {
    int fd;
    uint32_t seq;
};

struct ps_nlmsg {
    union {
        struct nlmsghdr h;
        char buf[1024];
    } u;
};

int ps_nl_open(struct ps_nl *nl);
void ps_nl_close(struct ps_nl *nl);

/* Starts a request of `type` with its fixed header (ifinfomsg, rtmsg...). */
void ps_nl_begin(struct ps_nlmsg *m, uint16_t type, uint16_t flags, const void *hdr, size_t hlen);
/* Appends an attribute; returns it, so that a nest can be closed later.
 * NULL when the message is full. */
struct rtattr *ps_nl_attr(struct ps_nlmsg *m, uint16_t type, const void *data, size_t len);
/* Ends a nest opened by ps_nl_attr(m, type, NULL, 0). */
void ps_nl_nest_end(struct ps_nlmsg *m, struct rtattr *nest);
/* Sends m and reads the kernel's answer; each data message goes to fn
 * (may be NULL). Returns 0, or a negative errno (the kernel's error). */
int ps_nl_talk(struct ps_nl *nl, struct ps_nlmsg *m,
               void (*fn)(const struct nlmsghdr *h, void *ctx), void *ctx);

/* The attribute `type` among those after a fixed header of hlen bytes, or NULL. */
const struct rtattr *ps_nl_find(const struct nlmsghdr *h, size_t hlen, uint16_t type);

#endif
