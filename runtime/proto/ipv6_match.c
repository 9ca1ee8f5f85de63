/* sr() matching for IPv6, IPerror6 and the ICMPv6 messages: Scapy's
 * hashret()/answers() of scapy/layers/inet6.py, as proto.h's hooks. Kept
 * apart from the field tables because they read several protocols at once. */
#include <string.h>

#include "packet.h"
#include "protos.h"

static uint64_t uint_of(const struct ps_layer *l, const char *field)
{
    int f = ps_field_index(l->proto, field);
    return f < 0 ? 0 : ps_layer_uint(l, f);
}

static const uint8_t *addr_of(const struct ps_layer *l, const char *field)
{
    static const uint8_t none[16];
    int f = ps_field_index(l->proto, field);
    return f < 0 ? none : l->v[f].addr;
}

/* isinstance(x, IPv6): IPerror6 is one too. */
static bool is_ipv6(const struct ps_proto *p)
{
    return p == &ps_proto_ipv6 || p == &ps_proto_iperror6;
}

/* isinstance(x, _IPv6ExtHdr) */
static bool is_ext_hdr(const struct ps_proto *p)
{
    return p == &ps_proto_ipv6_hop_by_hop || p == &ps_proto_ipv6_dest_opt ||
           p == &ps_proto_ipv6_routing || p == &ps_proto_ipv6_fragment ||
           p == &ps_proto_ipv6_srh;
}

bool ps_is_icmpv6(const struct ps_proto *p)
{
    static const struct ps_proto *const messages[] = {
        &ps_proto_icmpv6_unknown,       &ps_proto_icmpv6_dest_unreach,
        &ps_proto_icmpv6_packet_too_big, &ps_proto_icmpv6_time_exceeded,
        &ps_proto_icmpv6_param_problem, &ps_proto_icmpv6_echo_request,
        &ps_proto_icmpv6_echo_reply,    &ps_proto_icmpv6_ml_query,
        &ps_proto_icmpv6_ml_report,     &ps_proto_icmpv6_ml_done,
        &ps_proto_icmpv6_nd_rs,         &ps_proto_icmpv6_nd_ra,
        &ps_proto_icmpv6_nd_ns,         &ps_proto_icmpv6_nd_na,
        &ps_proto_icmpv6_nd_redirect,   &ps_proto_icmpv6_ml_query2,
        &ps_proto_icmpv6_ml_report2,
    };
    for (size_t i = 0; i < sizeof messages / sizeof messages[0]; i++)
        if (p == messages[i])
            return true;
    return false;
}

static bool at(const struct ps_packet *pkt, size_t i, const struct ps_proto *p)
{
    return i < pkt->n && pkt->layers[i].proto == p;
}

/* An ICMPv6 error (type < 128) at layer i. */
static bool icmpv6_error_at(const struct ps_packet *pkt, size_t i)
{
    return i < pkt->n && ps_is_icmpv6(pkt->layers[i].proto) &&
           uint_of(&pkt->layers[i], "type") < 128;
}

static void xor16(uint8_t *a, const uint8_t *b)
{
    for (size_t i = 0; i < 16; i++)
        a[i] ^= b[i];
}

/* IPv6.hashret: an ICMPv6 error hashes as what it quotes, the ND and MRD
 * messages by nh; else the destination xor the source (the destination
 * alone multicast: neither) and the upper nh. A routing header's addresses
 * and a home address option change what is hashed, as in Scapy. */
size_t ps_ipv6_hashret(const struct ps_packet *pkt, size_t idx, struct ps_hash *h)
{
    const struct ps_layer *l = &pkt->layers[idx];
    uint8_t nh = (uint8_t)uint_of(l, "nh");
    if (nh == 58 && idx + 1 < pkt->n && ps_is_icmpv6(pkt->layers[idx + 1].proto)) {
        uint64_t type = uint_of(&pkt->layers[idx + 1], "type");
        if (type < 128)
            return idx + 2 < pkt->n ? idx + 2 : pkt->n;
        if (type == 133 || type == 134 || type == 135 || type == 136 || type == 144 ||
            type == 145) {
            ps_hash_put(h, &nh, 1);
            return idx + 1;
        }
    }
    uint8_t src[16], dst[16];
    memcpy(src, addr_of(l, "src"), 16);
    memcpy(dst, addr_of(l, "dst"), 16);
    const struct ps_layer *up = idx + 1 < pkt->n ? &pkt->layers[idx + 1] : NULL;
    if (nh == 43 && at(pkt, idx + 1, &ps_proto_ipv6_routing)) {
        nh = (uint8_t)uint_of(up, "nh");
        int f = ps_field_index(up->proto, "addresses");
        const struct ps_fval *a = &up->v[f];
        size_t n = a->len / 16;
        /* sd = addresses[-1], then xor-ed with every address (the last too). */
        static const uint8_t loopback[16] = {[15] = 1};
        memcpy(dst, n ? a->bytes + 16 * (n - 1) : loopback, 16);
        for (size_t i = 0; i < n; i++)
            xor16(dst, a->bytes + 16 * i);
    }
    /* A segment routing header: its first address (nh stays 43). */
    if (nh == 43 && at(pkt, idx + 1, &ps_proto_ipv6_srh)) {
        const uint8_t *first = ps_srh_first(up);
        if (first)
            memcpy(dst, first, 16);
    }
    if ((nh == 44 && at(pkt, idx + 1, &ps_proto_ipv6_fragment)) ||
        (nh == 0 && at(pkt, idx + 1, &ps_proto_ipv6_hop_by_hop)))
        nh = (uint8_t)uint_of(up, "nh");
    if (nh == 60 && at(pkt, idx + 1, &ps_proto_ipv6_dest_opt)) {
        const struct ps_fval *o = &up->v[ps_field_index(up->proto, "options")];
        const struct ps_layer *hao = NULL;
        for (size_t i = 0; i < o->nsub; i++)
            if (o->sub[i].proto == &ps_proto_hao)
                hao = &o->sub[i];
        if (hao) {
            nh = (uint8_t)uint_of(up, "nh");
            memcpy(src, addr_of(hao, "hoa"), 16);
        }
    }
    if (dst[0] != 0xff) {
        xor16(dst, src);
        ps_hash_put(h, dst, 16);
    }
    ps_hash_put(h, &nh, 1);
    return idx + 1;
}

/* IPv6.answers (checkIPaddr): the reply goes to the request's source (to a
 * multicast request, a multicast reply to the same group, or all-nodes to
 * all-servers); its own source is not checked. An ICMPv6 error is decided
 * by what it quotes; the request's extension headers are stepped over. */
enum ps_answer ps_ipv6_answers(const struct ps_packet *reply, size_t *r,
                               const struct ps_packet *query, size_t *q)
{
    static const uint8_t all_nodes[16] = {0xff, 0x02, [15] = 1};
    static const uint8_t all_servers[16] = {0xff, 0x02, [15] = 2};
    if (*q >= query->n || !is_ipv6(query->layers[*q].proto))
        return PS_ANSWER_NO;
    const struct ps_layer *self = &reply->layers[*r], *other = &query->layers[*q];
    const uint8_t *sd = addr_of(self, "dst"), *os = addr_of(other, "src"),
                  *od = addr_of(other, "dst");
    if (od[0] == 0xff) {
        bool ok = sd[0] == 0xff ? memcmp(od, sd, 16) == 0 || (memcmp(sd, all_nodes, 16) == 0 &&
                                                              memcmp(od, all_servers, 16) == 0)
                                : memcmp(os, sd, 16) == 0;
        if (!ok)
            return PS_ANSWER_NO;
        ++*r;
        ++*q;
        return PS_ANSWER_ON;
    }
    if (memcmp(sd, os, 16) != 0)
        return PS_ANSWER_NO;
    uint64_t snh = uint_of(self, "nh"), onh = uint_of(other, "nh");
    if (snh == 58 && icmpv6_error_at(reply, *r + 1)) {
        *r += 2; /* the quoted IPerror6 answers the request itself */
        return PS_ANSWER_ON;
    }
    if (onh == 0 && at(query, *q + 1, &ps_proto_ipv6_hop_by_hop)) {
        ++*r, ++*q;
    } else if ((onh == 44 && at(query, *q + 1, &ps_proto_ipv6_fragment)) ||
               (onh == 43 && (at(query, *q + 1, &ps_proto_ipv6_routing) ||
                              at(query, *q + 1, &ps_proto_ipv6_srh)))) {
        ++*r, *q += 2;
    } else if (onh == 60 && at(query, *q + 1, &ps_proto_ipv6_dest_opt)) {
        *r += 2, *q += 2;
    } else if (snh == 60 && at(reply, *r + 1, &ps_proto_ipv6_dest_opt)) {
        *r += 2, ++*q;
    } else {
        if (snh != onh)
            return PS_ANSWER_NO;
        ++*r, ++*q;
    }
    return PS_ANSWER_ON;
}

static bool is_tcp(const struct ps_proto *p)
{
    return p == &ps_proto_tcp || p == &ps_proto_tcperror;
}

static bool same_options(const struct ps_layer *a, const struct ps_layer *b)
{
    int f = ps_field_index(a->proto, "options");
    const struct ps_fval *x = &a->v[f], *y = &b->v[f];
    return x->len == y->len && (x->len == 0 || memcmp(x->bytes, y->bytes, x->len) == 0);
}

/* IPerror6.answers: under an ICMPv6 error, the quote is the request when
 * source and destination are its own (the destination unchecked when the
 * request has a routing header), and the bytes above the extension headers
 * are a prefix of the request's, or it of them. */
enum ps_answer ps_iperror6_answers(const struct ps_packet *reply, size_t *r,
                                   const struct ps_packet *query, size_t *q)
{
    if (*q >= query->n || !is_ipv6(query->layers[*q].proto) || *r == 0 ||
        !icmpv6_error_at(reply, *r - 1))
        return PS_ANSWER_NO;
    const struct ps_layer *self = &reply->layers[*r], *other = &query->layers[*q];
    bool routed = false;
    size_t qu = *q + 1, ru = *r + 1;
    for (; qu < query->n && is_ext_hdr(query->layers[qu].proto); qu++)
        routed |= query->layers[qu].proto == &ps_proto_ipv6_routing;
    while (ru < reply->n && is_ext_hdr(reply->layers[ru].proto))
        ru++;
    if (memcmp(addr_of(self, "src"), addr_of(other, "src"), 16) != 0 ||
        (!routed && memcmp(addr_of(self, "dst"), addr_of(other, "dst"), 16) != 0))
        return PS_ANSWER_NO;
    bool clamped = ru < reply->n && qu < query->n && is_tcp(reply->layers[ru].proto) &&
                   is_tcp(query->layers[qu].proto) &&
                   !same_options(&reply->layers[ru], &query->layers[qu]);
    *r = ru;
    *q = qu;
    return clamped ? PS_ANSWER_QUOTE_CLAMPED : PS_ANSWER_QUOTE;
}

/* _ICMPv6.answers, for the messages without their own: only a message
 * quoted in an error (under IPerror6 or an extension header) answers, by
 * type and code. */
enum ps_answer ps_icmpv6_answers(const struct ps_packet *reply, size_t *r,
                                 const struct ps_packet *query, size_t *q)
{
    const struct ps_proto *under = *r > 0 ? reply->layers[*r - 1].proto : NULL;
    if (!under || !(under == &ps_proto_iperror6 || is_ext_hdr(under)) || *q >= query->n ||
        !ps_is_icmpv6(query->layers[*q].proto))
        return PS_ANSWER_NO;
    const struct ps_layer *self = &reply->layers[*r], *other = &query->layers[*q];
    return uint_of(self, "type") == uint_of(other, "type") &&
                   uint_of(self, "code") == uint_of(other, "code")
               ? PS_ANSWER_YES
               : PS_ANSWER_NO;
}
