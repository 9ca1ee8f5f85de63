/* Scapy's hsent, with chains in sending order (see hsent.h). Open
 * addressing at half load at most: a round holds each request once. */
#include "hsent.h"

#include <stdlib.h>

uint64_t ps_hsent_digest(const uint8_t *b, size_t n)
{
    uint64_t x = 0xcbf29ce484222325u ^ n;
    for (size_t i = 0; i < n; i++) {
        x ^= b[i];
        x *= 0x100000001b3u;
    }
    return x;
}

int ps_hsent_init(struct ps_hsent *t, size_t nreq)
{
    size_t size = 16;
    while (size < 2 * nreq)
        size *= 2;
    t->b = malloc(size * sizeof *t->b);
    t->next = malloc((nreq ? nreq : 1) * sizeof *t->next);
    t->mask = size - 1;
    t->nreq = nreq;
    if (!t->b || !t->next) {
        ps_hsent_free(t);
        return -1;
    }
    for (size_t i = 0; i < size; i++)
        t->b[i].used = false;
    t->first = t->last = PS_HSENT_NONE;
    return 0;
}

void ps_hsent_free(struct ps_hsent *t)
{
    free(t->b);
    free(t->next);
    t->b = NULL;
    t->next = NULL;
}

void ps_hsent_reset(struct ps_hsent *t)
{
    for (size_t i = t->first; i != PS_HSENT_NONE; i = t->b[i].next)
        t->b[i].used = false;
    t->first = t->last = PS_HSENT_NONE;
}

static size_t bucket_of(const struct ps_hsent *t, uint64_t digest)
{
    size_t i = (size_t)digest & t->mask;
    while (t->b[i].used && t->b[i].digest != digest)
        i = (i + 1) & t->mask;
    return i;
}

void ps_hsent_add(struct ps_hsent *t, size_t req, uint64_t digest)
{
    size_t i = bucket_of(t, digest);
    struct ps_hsent_bucket *b = &t->b[i];
    if (!b->used) {
        *b = (struct ps_hsent_bucket){digest, PS_HSENT_NONE, PS_HSENT_NONE, PS_HSENT_NONE, true};
        if (t->last == PS_HSENT_NONE)
            t->first = i;
        else
            t->b[t->last].next = i;
        t->last = i;
    }
    t->next[req] = PS_HSENT_NONE;
    if (b->tail == PS_HSENT_NONE)
        b->head = req;
    else
        t->next[b->tail] = req;
    b->tail = req;
}

size_t ps_hsent_match(struct ps_hsent *t, uint64_t digest, bool multi,
                      ps_hsent_answers_fn *answers, void *ctx)
{
    struct ps_hsent_bucket *b = &t->b[bucket_of(t, digest)];
    if (!b->used)
        return PS_HSENT_NONE;
    for (size_t prev = PS_HSENT_NONE, q = b->head; q != PS_HSENT_NONE; prev = q, q = t->next[q]) {
        if (!answers(ctx, q))
            continue;
        if (!multi) {
            /* Scapy's `del hlst[i]` */
            if (prev == PS_HSENT_NONE)
                b->head = t->next[q];
            else
                t->next[prev] = t->next[q];
            if (b->tail == q)
                b->tail = prev;
        }
        return q;
    }
    return PS_HSENT_NONE;
}

size_t ps_hsent_remain(const struct ps_hsent *t, size_t *out)
{
    size_t n = 0;
    for (size_t i = t->first; i != PS_HSENT_NONE; i = t->b[i].next)
        for (size_t q = t->b[i].head; q != PS_HSENT_NONE; q = t->next[q])
            out[n++] = q;
    return n;
}
