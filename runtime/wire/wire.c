/* Packet sockets (packet(7)), batched with sendmmsg/recvmmsg. */
#include "wire.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef PACKET_IGNORE_OUTGOING
#define PACKET_IGNORE_OUTGOING 23
#endif

#define SLOT_SIZE (PS_WIRE_SNAP + 4)

static int fail(char *err, size_t errcap, const char *what, const char *ifname)
{
    int e = errno;
    if (err && errcap)
        snprintf(err, errcap, "%s%s%s: %s", what, ifname ? " on " : "", ifname ? ifname : "",
                 strerror(e));
    errno = e;
    return -1;
}

int ps_wire_open(struct ps_wire *w, const char *ifname, enum ps_wire_mode mode,
                 const struct sock_fprog *filter, int rcvbuf, char *err, size_t errcap)
{
    memset(w, 0, sizeof *w);
    w->fd = -1;
    w->outgoing = mode == PS_WIRE_ALL;
    w->ifindex = (int)if_nametoindex(ifname);
    if (w->ifindex == 0) {
        if (err && errcap)
            snprintf(err, errcap, "no interface named '%s'", ifname);
        return -1;
    }
    /* Protocol 0: nothing is queued before bind(), so the filter comes first. */
    w->fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
    if (w->fd < 0)
        return fail(err, errcap, errno == EPERM ? "no permission to open a packet socket "
                                                  "(root or CAP_NET_RAW is needed)"
                                                : "cannot open a packet socket",
                    NULL);
    struct sockaddr_ll sll = {.sll_family = AF_PACKET, .sll_ifindex = w->ifindex};
    if (mode != PS_WIRE_SEND) {
        int one = 1;
        /* SO_RCVBUFFORCE passes the system's cap with CAP_NET_ADMIN; else ask. */
        if (setsockopt(w->fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof rcvbuf) < 0)
            setsockopt(w->fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
        setsockopt(w->fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof one);
        setsockopt(w->fd, SOL_PACKET, PACKET_AUXDATA, &one, sizeof one);
        /* Best effort: older kernels lack it, and recv drops those copies too. */
        if (mode == PS_WIRE_ANSWERS)
            setsockopt(w->fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof one);
        if (filter && setsockopt(w->fd, SOL_SOCKET, SO_ATTACH_FILTER, filter, sizeof *filter) < 0) {
            fail(err, errcap, "cannot attach the filter", ifname);
            ps_wire_close(w);
            return -1;
        }
        sll.sll_protocol = htons(ETH_P_ALL);
    }
    if (bind(w->fd, (struct sockaddr *)&sll, sizeof sll) < 0) {
        fail(err, errcap, "cannot bind a packet socket", ifname);
        ps_wire_close(w);
        return -1;
    }
    if (mode == PS_WIRE_SEND)
        return 0;
    struct packet_mreq mr = {.mr_ifindex = w->ifindex, .mr_type = PACKET_MR_PROMISC};
    setsockopt(w->fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof mr);
    w->slots = malloc((size_t)PS_WIRE_BATCH * SLOT_SIZE);
    if (!w->slots) {
        errno = ENOMEM;
        fail(err, errcap, "cannot receive", ifname);
        ps_wire_close(w);
        return -1;
    }
    ps_wire_drops(w); /* start the drop count at zero */
    return 0;
}

void ps_wire_close(struct ps_wire *w)
{
    if (w->fd >= 0)
        close(w->fd);
    free(w->slots);
    w->fd = -1;
    w->slots = NULL;
}

long ps_wire_send(struct ps_wire *w, const uint8_t *const *frames, const size_t *lens, size_t n,
                  char *err, size_t errcap)
{
    enum { CHUNK = 256 };
    struct mmsghdr msgs[CHUNK];
    struct iovec iov[CHUNK];
    static const uint8_t zeros[60];
    size_t done = 0, ready = 0;  /* msgs[0..ready) point at their iov already */
    int full = 0;             /* pauses in a row for a full device queue */
    while (done < n) {
        size_t k = n - done < CHUNK ? n - done : CHUNK;
        for (; ready < k; ready++) {
            memset(&msgs[ready], 0, sizeof msgs[ready]);
            msgs[ready].msg_hdr.msg_iov = &iov[ready];
            msgs[ready].msg_hdr.msg_iovlen = 1;
        }
        for (size_t i = 0; i < k; i++) {
            iov[i].iov_base = (void *)frames[done + i];
            iov[i].iov_len = lens[done + i];
        }
        int got = sendmmsg(w->fd, msgs, (unsigned)k, 0);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && (errno == ENOBUFS || errno == EAGAIN) && ++full < 5000) {
            /* The device queue is full: give it a moment to drain (1 s at most). */
            struct timespec pause = {0, 200000};
            nanosleep(&pause, NULL);
            continue;
        }
        if (got < 0 && errno == EINVAL && lens[done] < sizeof zeros) {
            /* Too short for the device: pad with zeros, as Scapy does. */
            uint8_t padded[sizeof zeros];
            memcpy(padded, zeros, sizeof padded);
            memcpy(padded, frames[done], lens[done]);
            if (send(w->fd, padded, sizeof padded, 0) < 0)
                break;
            got = 1;
        }
        if (got <= 0) {
            if (done == 0) {
                fail(err, errcap, "cannot send", NULL);
                return -1;
            }
            break;
        }
        done += (size_t)got;
        full = 0;
    }
    w->sent += done;
    return (long)done;
}

int64_t ps_wire_ns(const struct timespec *t)
{
    return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec;
}

struct timespec ps_wire_after(int64_t ns)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    int64_t t = ps_wire_ns(&now) + ns;
    return (struct timespec){(time_t)(t / 1000000000), (long)(t % 1000000000)};
}

/* The kernel takes a VLAN tag off into auxdata: put it back where it was. */
static size_t restore_tag(uint8_t *slot, size_t len, const struct tpacket_auxdata *aux)
{
    uint8_t *frame = slot + 4;
    if (!(aux->tp_status & TP_STATUS_VLAN_VALID) || len < 12)
        return 0;
    uint16_t tpid = (aux->tp_status & TP_STATUS_VLAN_TPID_VALID) ? aux->tp_vlan_tpid : 0x8100;
    memmove(slot, frame, 12);
    slot[12] = (uint8_t)(tpid >> 8);
    slot[13] = (uint8_t)tpid;
    slot[14] = (uint8_t)(aux->tp_vlan_tci >> 8);
    slot[15] = (uint8_t)aux->tp_vlan_tci;
    return 4;
}

long ps_wire_recv(struct ps_wire *w, struct ps_wire_frame *out, size_t max,
                  const struct timespec *deadline, char *err, size_t errcap)
{
    enum {
        CTRL = CMSG_SPACE(sizeof(struct timespec)) + CMSG_SPACE(sizeof(struct tpacket_auxdata))
    };
    struct mmsghdr msgs[PS_WIRE_BATCH];
    struct iovec iov[PS_WIRE_BATCH];
    struct sockaddr_ll from[PS_WIRE_BATCH];
    union {
        char buf[CTRL];
        struct cmsghdr align;
    } ctrl[PS_WIRE_BATCH];
    if (max > PS_WIRE_BATCH)
        max = PS_WIRE_BATCH;
    for (;;) {
        for (size_t i = 0; i < max; i++) {
            iov[i].iov_base = w->slots + i * SLOT_SIZE + 4;
            iov[i].iov_len = PS_WIRE_SNAP;
            memset(&msgs[i], 0, sizeof msgs[i]);
            msgs[i].msg_hdr.msg_iov = &iov[i];
            msgs[i].msg_hdr.msg_iovlen = 1;
            msgs[i].msg_hdr.msg_name = &from[i];
            msgs[i].msg_hdr.msg_namelen = sizeof from[i];
            msgs[i].msg_hdr.msg_control = ctrl[i].buf;
            msgs[i].msg_hdr.msg_controllen = sizeof ctrl[i].buf;
        }
        int got = recvmmsg(w->fd, msgs, (unsigned)max, MSG_DONTWAIT, NULL);
        if (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            return fail(err, errcap, "cannot receive", NULL);
        if (got < 0 && errno == EINTR)
            return 0;
        long kept = 0;
        for (int i = 0; i < got; i++) {
            if (from[i].sll_pkttype == PACKET_OUTGOING && !w->outgoing)
                continue;
            uint8_t *slot = w->slots + (size_t)i * SLOT_SIZE;
            size_t len = msgs[i].msg_len;
            struct ps_wire_frame *f = &out[kept];
            clock_gettime(CLOCK_REALTIME, &f->ts);
            size_t shift = 0;
            for (struct cmsghdr *c = CMSG_FIRSTHDR(&msgs[i].msg_hdr); c;
                 c = CMSG_NXTHDR(&msgs[i].msg_hdr, c)) {
                if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_TIMESTAMPNS)
                    memcpy(&f->ts, CMSG_DATA(c), sizeof f->ts);
                if (c->cmsg_level == SOL_PACKET && c->cmsg_type == PACKET_AUXDATA) {
                    struct tpacket_auxdata aux;
                    memcpy(&aux, CMSG_DATA(c), sizeof aux);
                    shift = restore_tag(slot, len, &aux);
                }
            }
            f->data = slot + 4 - shift;
            f->len = len + shift;
            kept++;
        }
        if (kept > 0)
            return kept;
        if (got > 0)
            continue; /* only our own frames: look again */
        int timeout = -1;
        if (deadline->tv_sec >= 0) {
            struct timespec now;
            clock_gettime(CLOCK_MONOTONIC, &now);
            int64_t left = ps_wire_ns(deadline) - ps_wire_ns(&now);
            if (left <= 0)
                return 0;
            timeout = (int)((left + 999999) / 1000000);
        }
        struct pollfd p = {.fd = w->fd, .events = POLLIN};
        int r = poll(&p, 1, timeout);
        if (r < 0 && errno == EINTR)
            return 0;
        if (r < 0)
            return fail(err, errcap, "cannot wait for frames", NULL);
        if (r == 0)
            return 0;
    }
}

uint64_t ps_wire_drops(struct ps_wire *w)
{
    if (!w->slots)
        return 0;
    struct tpacket_stats st;
    socklen_t len = sizeof st;
    if (getsockopt(w->fd, SOL_PACKET, PACKET_STATISTICS, &st, &len) < 0)
        return 0;
    w->dropped += st.tp_drops;
    return st.tp_drops;
}
