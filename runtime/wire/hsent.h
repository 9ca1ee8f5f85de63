/* Scapy's SndRcvHandler.hsent (sendrecv.py): one round's requests by the
 * digest of their hashret(), each bucket in sending order. An answer goes
 * to the first request of its bucket that it answers, so the earliest of
 * requests alike to answers() is paired first; without multi that request
 * leaves the bucket, with multi it stays (and takes every later answer it
 * answers). Libc only, as all of the probe's engine (docs/emit.md). */
#ifndef PS_HSENT_H
#define PS_HSENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PS_HSENT_NONE ((size_t)-1)

struct ps_hsent_bucket {
    uint64_t digest;
    size_t head, tail;         /* requests, in sending order; NONE: empty */
    size_t next;               /* the bucket made after this one */
    bool used;                 /* made this round (it stays, even emptied) */
};

struct ps_hsent {
    struct ps_hsent_bucket *b;
    size_t mask;
    size_t *next;              /* per request: the next one of its bucket */
    size_t first, last;        /* buckets in the order they were made */
    size_t nreq;
};

/* A 64-bit digest of a hashret string (FNV-1a, over its length too). */
uint64_t ps_hsent_digest(const uint8_t *b, size_t n);

/* Room for requests 0..nreq-1. Returns 0, or -1 when out of memory. */
int ps_hsent_init(struct ps_hsent *t, size_t nreq);
void ps_hsent_free(struct ps_hsent *t);
/* A new round: every bucket goes (Scapy makes hsent anew each round). */
void ps_hsent_reset(struct ps_hsent *t);
/* Request req, sent now, at the end of its digest's bucket. */
void ps_hsent_add(struct ps_hsent *t, size_t req, uint64_t digest);

/* answers(ctx, req): whether the answer at hand answers request req. */
typedef bool ps_hsent_answers_fn(void *ctx, size_t req);
/* The first request of digest's bucket that the answer answers, taken out
 * of the bucket unless multi; PS_HSENT_NONE when none does. */
size_t ps_hsent_match(struct ps_hsent *t, uint64_t digest, bool multi,
                      ps_hsent_answers_fn *answers, void *ctx);

/* What is left in the buckets, in the order of Scapy's `remain` (the next
 * round's requests, then the unanswered): bucket by bucket in the order
 * they were made, each in sending order. With multi, answered requests are
 * still there: Scapy, and the caller, leave them out. Returns how many went
 * to out. */
size_t ps_hsent_remain(const struct ps_hsent *t, size_t *out);

#endif
