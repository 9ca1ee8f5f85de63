/* Scapy's sr() engine (sendrecv.py SndRcvHandler) over built frames: the
 * capture is open and filtered before the first frame leaves, answers are
 * matched through a hash table of the requests' hashret(), and retry,
 * multi, inter, timeout and the progress lines are Scapy's. */
#ifndef PS_SR_H
#define PS_SR_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "progress.h"
#include "tx.h"

struct ps_sr_opts {
    const char *iface;
    int ifindex;               /* iface's index as the caller knows it; 0: looked up */
    const char *filter;        /* BPF text (filter=); NULL: the requests' EtherTypes */
    bool layer3;               /* sr(): match from the layer above the link layer */
    int64_t timeout_ns;        /* how long a round waits after its last frame left */
    int retry;                 /* Scapy's retry: N more rounds, or -N (see sr.c) */
    bool multi;                /* keep matching answers to an answered request */
    int64_t inter_ns;          /* pause after each frame */
    struct ps_rate rate;       /* rate=: frames paced by the clock (per_sec 0: none) */
    int verbose;               /* Scapy's verbose: 0, 1 (lines), 2 (and markers) */
    bool marks;                /* Scapy's * and . markers: verbose 2, a short call */
    FILE *out;                 /* where the progress lines go */
    struct ps_progress *progress; /* counters of a live line (started); may be NULL */
    volatile sig_atomic_t *stop; /* set (Ctrl-C): stop and keep what came; may be NULL */
    const struct ps_registry *layers; /* the program's declared layers; may be NULL */
};

struct ps_sr_query {
    size_t off, len;           /* the frame, in ps_sr.tx */
    uint64_t digest;           /* of its hashret() */
    bool answered;
    struct timespec sent;      /* CLOCK_REALTIME, just before it left */
};

struct ps_sr_answer {
    size_t query;              /* index in ps_sr.q */
    size_t off, len;           /* the frame, in ps_sr.rx */
    struct timespec ts;        /* the kernel's receive time */
};

struct ps_sr {
    uint8_t *tx;               /* the requests' frames, back to back */
    size_t tx_len, tx_cap;
    struct ps_sr_query *q;
    size_t nq, q_cap;
    uint8_t *rx;               /* the answers' frames */
    size_t rx_len, rx_cap;
    struct ps_sr_answer *ans;  /* in the order they came */
    size_t nans, ans_cap;
    size_t *unans;             /* the unanswered requests, in Scapy's order */
    size_t nunans;
    size_t unmatched;          /* frames that came and answered nothing */
    size_t sent;               /* frames sent, every round */
    uint64_t drops;            /* frames the kernel could not queue */
};

/* Adds a request (copied). Returns 0, or -1 when out of memory. */
int ps_sr_add(struct ps_sr *s, const uint8_t *frame, size_t len);
/* Sends the requests on o->iface and collects their answers. Returns 0
 * (stopped by o->stop too), or -1 with a message in err. */
int ps_sr_run(struct ps_sr *s, const struct ps_sr_opts *o, char *err, size_t errcap);
/* Forgets the answers of a run, keeping the requests (srloop's next turn). */
void ps_sr_forget_answers(struct ps_sr *s);
void ps_sr_free(struct ps_sr *s);

#endif
