/* Progress of a long send, sr or sniff: one line on stderr that a thread of
 * its own redraws (`\r`, clear to the end of the line) at most 10 times a
 * second on a terminal: the count, the rate, the time, the answers of sr.
 * The sending loop only stores its counters (a relaxed atomic store a
 * batch): no clock, no formatting, no system call a frame.
 *
 * The policy (docs/LANGUAGE.md, "Progress and verbosity"): a call is long
 * when it plans more than PS_PROGRESS_LONG_FRAMES frames or more than 1 s of
 * sending (inter=). A long call prints Scapy's summary lines but no dot or
 * marker a frame (a CI log gets no million dots), and shows the live line
 * from its start when stderr is a terminal; a short call prints Scapy's dots
 * and shows the line only once it has run 1 s, and only when its dots do not
 * go to that terminal. -q (verbosity -1) silences it all; -v (1) keeps the
 * dots of long calls and, when stderr is no terminal, writes the line once a
 * second as a line of its own. */
#ifndef PS_PROGRESS_H
#define PS_PROGRESS_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define PS_PROGRESS_LONG_FRAMES 1000
#define PS_PROGRESS_LONG_NS 1000000000LL

struct ps_progress {
    atomic_uint_least64_t count;   /* frames sent (sniff: captured) */
    atomic_uint_least64_t answers; /* sr: answers matched */
    /* private */
    const char *what;
    bool sr, tty, on, shown;
    int64_t after_ns, every_ns;
    uint64_t start_ns;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool stop;
};

/* Whether a call that plans `frames` frames, `inter_ns` apart, is long. */
bool ps_progress_long(uint64_t frames, int64_t inter_ns);

/* Per-frame output (Scapy's dots and markers) of a call: verbose its
 * Scapy verbose, at least `min` (1 for send's dots, 2 for sr's markers). */
bool ps_progress_dots(int verbosity, int verbose, int min, bool long_call);

/* Starts the line of a call named what ("sendp", "sr"...; sr: with answers)
 * on stderr when the policy shows one; dots: whether the call prints dots
 * or lines on stdout meanwhile. p must stay where it is until
 * ps_progress_end. */
void ps_progress_start(struct ps_progress *p, const char *what, bool sr, int verbosity,
                       bool long_call, bool dots);

static inline void ps_progress_set(struct ps_progress *p, uint64_t count)
{
    atomic_store_explicit(&p->count, count, memory_order_relaxed);
}

static inline void ps_progress_answers(struct ps_progress *p, uint64_t answers)
{
    atomic_store_explicit(&p->answers, answers, memory_order_relaxed);
}

/* Stops the line and takes it off the terminal, for the summary lines. */
void ps_progress_end(struct ps_progress *p);

/* Around another message on stderr while a line may be shown: the line is
 * taken off first and drawn again at the next tick (report.c). */
void ps_progress_pause(void);
void ps_progress_resume(void);

#endif
