/* The generic half of Scapy's matching: walking the layers through their
 * hooks. What each layer compares lives in its protocol's file. */
#include "match.h"

#include <string.h>

#include "hsent.h"

void ps_hashret(const struct ps_packet *pkt, size_t from, struct ps_hash *h)
{
    h->n = 0;
    size_t i = from;
    /* Each hook moves strictly up, so this ends; the bound is a guard. */
    for (size_t steps = 0; i < pkt->n && steps < PS_MAX_LAYERS; steps++) {
        const struct ps_proto *p = pkt->layers[i].proto;
        size_t next = p->hashret ? p->hashret(pkt, i, h) : i + 1;
        if (next <= i)
            break;
        i = next;
    }
}

uint64_t ps_hash_digest(const struct ps_hash *h)
{
    return ps_hsent_digest(h->b, h->n);
}

static bool is_padding(const struct ps_proto *p)
{
    return p->trailer;
}

bool ps_answers(const struct ps_packet *reply, size_t r, const struct ps_packet *query, size_t q)
{
    for (size_t steps = 0; steps <= 2 * PS_MAX_LAYERS; steps++) {
        if (r >= reply->n) {
            /* NoPayload answers NoPayload, and Padding. */
            return q >= query->n || is_padding(query->layers[q].proto);
        }
        const struct ps_proto *p = reply->layers[r].proto;
        enum ps_answer a;
        if (p->answers) {
            a = p->answers(reply, &r, query, &q);
        } else if (q < query->n && query->layers[q].proto == p) {
            r++;
            q++;
            a = PS_ANSWER_ON;
        } else {
            a = PS_ANSWER_NO;
        }
        if (a != PS_ANSWER_ON)
            return a == PS_ANSWER_YES;
    }
    return false;
}
