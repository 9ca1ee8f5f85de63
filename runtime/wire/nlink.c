#include "nlink.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int ps_nl_open(struct ps_nl *nl)
{
    nl->seq = 0;
    nl->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (nl->fd < 0)
        return -errno;
    struct timeval tv = {2, 0}; /* a kernel answer never takes this long */
    setsockopt(nl->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return 0;
}

void ps_nl_close(struct ps_nl *nl)
{
    if (nl->fd >= 0)
        close(nl->fd);
    nl->fd = -1;
}

void ps_nl_begin(struct ps_nlmsg *m, uint16_t type, uint16_t flags, const void *hdr, size_t hlen)
{
    memset(m, 0, sizeof *m);
    m->u.h.nlmsg_type = type;
    m->u.h.nlmsg_flags = (uint16_t)(NLM_F_REQUEST | NLM_F_ACK | flags);
    m->u.h.nlmsg_len = (uint32_t)NLMSG_LENGTH(hlen);
    memcpy(NLMSG_DATA(&m->u.h), hdr, hlen);
}

struct rtattr *ps_nl_attr(struct ps_nlmsg *m, uint16_t type, const void *data, size_t len)
{
    size_t at = NLMSG_ALIGN(m->u.h.nlmsg_len);
    size_t size = RTA_LENGTH(len);
    if (at + RTA_ALIGN(size) > sizeof m->u.buf)
        return NULL;
    struct rtattr *a = (struct rtattr *)(m->u.buf + at);
    a->rta_type = type;
    a->rta_len = (unsigned short)size;
    if (len)
        memcpy(RTA_DATA(a), data, len);
    m->u.h.nlmsg_len = (uint32_t)(at + RTA_ALIGN(size));
    return a;
}

void ps_nl_nest_end(struct ps_nlmsg *m, struct rtattr *nest)
{
    nest->rta_len = (unsigned short)(m->u.buf + m->u.h.nlmsg_len - (char *)nest);
}

int ps_nl_talk(struct ps_nl *nl, struct ps_nlmsg *m,
               void (*fn)(const struct nlmsghdr *h, void *ctx), void *ctx)
{
    m->u.h.nlmsg_seq = ++nl->seq;
    struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
    if (sendto(nl->fd, m->u.buf, m->u.h.nlmsg_len, 0, (struct sockaddr *)&kernel,
               sizeof kernel) < 0)
        return -errno;
    union {
        char buf[16384];
        struct nlmsghdr align;
    } in;
    for (;;) {
        ssize_t n = recv(nl->fd, in.buf, sizeof in.buf, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -errno;
        for (struct nlmsghdr *h = &in.align; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
            if (h->nlmsg_seq != nl->seq)
                continue;
            if (h->nlmsg_type == NLMSG_ERROR) {
                const struct nlmsgerr *e = NLMSG_DATA(h);
                return e->error;
            }
            if (h->nlmsg_type == NLMSG_DONE)
                return 0;
            if (fn)
                fn(h, ctx);
        }
    }
}

const struct rtattr *ps_nl_find(const struct nlmsghdr *h, size_t hlen, uint16_t type)
{
    const char *first = (const char *)NLMSG_DATA(h) + NLMSG_ALIGN(hlen);
    const struct rtattr *a = (const struct rtattr *)first;
    int len = (int)h->nlmsg_len - (int)NLMSG_LENGTH(hlen);
    for (; RTA_OK(a, len); a = RTA_NEXT(a, len))
        if (a->rta_type == type)
            return a;
    return NULL;
}
