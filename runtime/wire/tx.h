/* The sending engine: a table of frames sent `passes` times over, as fast
 * as the kernel takes them or paced at a rate, on one thread or several.
 * libc, pthreads and Linux headers only.
 *
 * How frames leave (measured on veth, bench/wire.sh): batches of up to
 * PS_TX_BATCH frames per sendmmsg(2), each message pointing into the table,
 * nothing copied or built per frame. PACKET_QDISC_BYPASS gained nothing on
 * veth (its default qdisc is noqueue) and drops frames a busy NIC queue
 * refuses, and PACKET_TX_RING cost a third more system time per frame than
 * sendmmsg there, so neither is used. */
#ifndef PS_TX_H
#define PS_TX_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PS_TX_BATCH 1024
#define PS_TX_MAX_THREADS 64

/* A rate: frames or bits per second (0: as fast as it goes). */
struct ps_rate {
    double per_sec;
    bool bits;        /* per_sec counts bits of the frames (their bytes, no preamble) */
};

/* "100kpps", "1.5Mpps", "50Mbps", "1Gbps", "2000pps": returns 0, or -1 with
 * what is wrong in err. */
int ps_rate_parse(const char *text, struct ps_rate *out, char *err, size_t errcap);

/* A rate's clock kept across calls, so that a stream sent in pieces (one
 * thread) holds the rate as a whole: zero it before the first. */
struct ps_tx_pace {
    int64_t t0_ns;            /* CLOCK_MONOTONIC of the first frame; 0: not started */
    double units;             /* frames or bits sent since */
};

/* How many of the next `want` frames (lens: their lengths) may leave now
 * at per_sec frames (bits: bits) a second on clock p: each once the units
 * before it fit in the time gone by. When none may, sleeps until one may;
 * 0 only when stop was set. per_sec 0: all of them. */
size_t ps_tx_due(struct ps_tx_pace *p, double per_sec, bool bits, const size_t *lens,
                 size_t want, volatile sig_atomic_t *stop);

struct ps_wire;

struct ps_tx_opts {
    const char *ifname;
    uint64_t passes;            /* the table is sent this many times over */
    int threads;                /* sockets and threads sending at once (>= 1) */
    struct ps_rate rate;        /* shared by the threads */
    volatile sig_atomic_t *stop;  /* set by a signal: stop early (may be NULL) */
    /* After each batch the calling thread sent (threads == 1), or once at
     * the end with the total (threads > 1). May be NULL. */
    void (*progress)(void *ctx, uint64_t sent);
    void *ctx;
    struct ps_tx_pace *pace;    /* one thread: the clock to go on with (may be NULL) */
    struct ps_wire *wire;       /* one thread: an open socket to use (may be NULL) */
};

/* Frame j of the n * passes to send is frames[j % n]. One thread sends them
 * in that order; with T threads, thread t sends the j in [t*N/T, (t+1)*N/T)
 * (N = n * passes) in order, on its own socket, and the threads' frames
 * interleave on the wire. Returns how many left, or -1 with a message in
 * err when none could. */
int64_t ps_tx_run(const uint8_t *const *frames, const size_t *lens, size_t n,
                  const struct ps_tx_opts *o, char *err, size_t errcap);

#endif
