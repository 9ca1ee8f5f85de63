/* The generic half of Scapy's matching: walking the layers through their
 * hooks. What each layer compares lives in its protocol's file. */
#include "match.h"

#include <string.h>

#include "encode.h"
#include "hsent.h"

/* Raw comparison of a quoted datagram stops here; an ICMPv6 error quotes at
 * most 1232 bytes (RFC 4443: the whole error fits in 1280). */
#define QUOTE_CMP_MAX 2048

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

/* raw() of layers from..n (Padding builds nothing), cut at a layer that
 * does not fit in cap; clamped: the first layer's quote_clamped fields
 * zeroed. */
static size_t raw_from(const struct ps_packet *pkt, size_t from, bool clamped, uint8_t *out,
                       size_t cap)
{
    size_t len = 0;
    for (size_t i = from; i < pkt->n; i++) {
        const struct ps_layer *l = &pkt->layers[i];
        if (l->proto->trailer)
            continue;
        struct ps_layer copy;
        if (clamped && i == from && l->proto->quote_clamped) {
            copy = *l;
            for (const char *const *z = l->proto->quote_clamped; *z; z++) {
                int f = ps_field_index(l->proto, *z);
                if (f >= 0)
                    copy.v[f] = (struct ps_fval){.set = true};
            }
            l = &copy;
        }
        long n = ps_encode_layer(l, out + len, cap - len);
        if (n < 0)
            break;
        len += (size_t)n;
    }
    return len;
}

/* PS_ANSWER_QUOTE: the two byte strings agree as far as both go. */
static bool quote_agrees(const struct ps_packet *reply, size_t r, const struct ps_packet *query,
                         size_t q, bool clamped)
{
    uint8_t got[QUOTE_CMP_MAX], sent[QUOTE_CMP_MAX];
    size_t ng = raw_from(reply, r, clamped, got, sizeof got);
    size_t ns = raw_from(query, q, clamped, sent, sizeof sent);
    size_t n = ng < ns ? ng : ns;
    return n == 0 || memcmp(got, sent, n) == 0;
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
        if (a == PS_ANSWER_QUOTE || a == PS_ANSWER_QUOTE_CLAMPED)
            return quote_agrees(reply, r, query, q, a == PS_ANSWER_QUOTE_CLAMPED);
        if (a != PS_ANSWER_ON)
            return a == PS_ANSWER_YES;
    }
    return false;
}
