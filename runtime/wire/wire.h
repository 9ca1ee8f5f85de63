/* The wire: a packet socket on one interface, filtered before anything
 * reaches it, sending in batches and receiving in batches against a
 * deadline. libc and Linux headers only: an emitted probe can carry it as
 * it is. */
#ifndef PS_WIRE_H
#define PS_WIRE_H

#include <linux/filter.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Frames received per batch, and the room each one gets (a tag the kernel
 * took off is put back, hence the 4 extra bytes). */
#define PS_WIRE_BATCH 32
#define PS_WIRE_SNAP 65536

struct ps_wire_frame {
    const uint8_t *data;
    size_t len;
    struct timespec ts;      /* the kernel's receive time (CLOCK_REALTIME) */
};

struct ps_wire {
    int fd;
    int ifindex;
    uint8_t *slots;          /* PS_WIRE_BATCH buffers of PS_WIRE_SNAP + 4 bytes */
    bool outgoing;           /* keep this host's own frames */
    uint64_t sent, dropped;
};

enum ps_wire_mode {
    PS_WIRE_SEND,       /* sends only: nothing is ever queued to it */
    PS_WIRE_ANSWERS,    /* sees what comes in, not what this host sends (sr) */
    PS_WIRE_ALL,        /* sees both ways (sniff, as Scapy's L2ListenSocket) */
};

/* Opens a packet socket on interface `ifname`, promiscuous as Scapy's
 * sockets are, with a receive buffer of rcvbuf bytes. `filter` (may be
 * NULL) is attached before the socket is bound, so no frame it rejects is
 * ever queued. Returns 0, or -1 with a message in err. */
int ps_wire_open(struct ps_wire *w, const char *ifname, enum ps_wire_mode mode,
                 const struct sock_fprog *filter, int rcvbuf, char *err, size_t errcap);
void ps_wire_close(struct ps_wire *w);

/* Sends n frames in as few system calls as it can. Returns how many left,
 * or -1 with a message in err when not even the first could. */
long ps_wire_send(struct ps_wire *w, const uint8_t *const *frames, const size_t *lens, size_t n,
                  char *err, size_t errcap);

/* Receives up to max (<= PS_WIRE_BATCH) frames, waiting until `deadline`
 * (CLOCK_MONOTONIC; a zero deadline does not wait, a negative tv_sec waits
 * for ever). Frames stay valid until the next call. Returns how many came
 * (0 at the deadline or when a signal interrupted the wait), or -1 with a
 * message in err. */
long ps_wire_recv(struct ps_wire *w, struct ps_wire_frame *out, size_t max,
                  const struct timespec *deadline, char *err, size_t errcap);

/* Frames the kernel dropped for want of room since the last call. */
uint64_t ps_wire_drops(struct ps_wire *w);

/* CLOCK_MONOTONIC now, plus ns. */
struct timespec ps_wire_after(int64_t ns);
int64_t ps_wire_ns(const struct timespec *t);

#endif
