/* ---- Scapy's hashret() and answers() (runtime/wire/match.c, runtime/proto/) --- */

/* A hashret string: runtime/wire/sr.c pairs a frame only with the requests of
 * the same. Each piece has the length of runtime/'s and the same bytes up
 * to their order (which makes the same strings equal), but NS/NA's target,
 * 16 bytes here and its text there. */
#define PK_HASH_MAX 96

struct pk_hash {
    uint8_t b[PK_HASH_MAX];
    size_t n;
};

static void pk_hash_put(struct pk_hash *h, const uint8_t *p, size_t n)
{
    size_t room = PK_HASH_MAX - h->n;
    if (n > room)
        n = room;
    memcpy(h->b + h->n, p, n);
    h->n += n;
}

/* Bytes [at, at + n) of layer i. */
static void pk_hash_bytes(struct pk_hash *h, const struct pk_layers *ls, size_t i, size_t at,
                          size_t n)
{
    uint8_t b[16] = {0};
    const uint8_t *s = pk_span(ls, i, (uint32_t)(8 * at), n);
    pk_hash_put(h, s ? s : b, n);
}

/* The home address of a destination options header's last Home Address
 * option, its options split as the decoder splits them (Pad1 1 byte,
 * Router Alert 4, Jumbo 6, HAO 18, the others 2 + optlen; one cut short
 * stands on the fields it holds whole); NULL: none. */
static const uint8_t *pk_home_address(const struct pk_layers *ls, size_t i)
{
    static const uint8_t unset[16];
    const uint8_t *p = ls->p, *hoa = NULL;
    size_t at = ls->off[i] + 2, hdr = 8 * ((size_t)p[ls->off[i] + 1] + 1);
    size_t end = ls->off[i] + (hdr < ls->end[i] - ls->off[i] ? hdr : ls->end[i] - ls->off[i]);
    while (at < end) {
        size_t rest = end - at, size;
        switch (p[at]) {
        case 0x00: size = 1; break;
        case 0x05: size = 4; break;
        case 0xc2: size = 6; break;
        case 0xc9: size = 18; break;
        default: size = rest < 2 ? 1 : 2 + (p[at + 1] < rest - 2 ? p[at + 1] : rest - 2); break;
        }
        if (size > rest) {
            if (rest > 2)
                break; /* a field cut in two ends the list */
            size = rest;
        }
        if (p[at] == 0xc9)
            hoa = size == 18 ? p + at + 2 : unset;
        at += size;
    }
    return hoa;
}

/* IPv6.hashret (runtime/proto/ipv6_match.c): an ICMPv6 error hashes as what
 * it quotes, the ND and MRD messages by nh; else the destination xor the
 * source (a multicast destination: neither) and the upper nh. */
static size_t pk_hash_ipv6(const struct pk_layers *ls, size_t i, struct pk_hash *h)
{
    size_t n = ls->n, up = i + 1;
    uint8_t nh = (uint8_t)pk_u(ls, i, 48, 8), upk = up < n ? ls->kind[up] : PK_L_NONE;
    if (nh == 58 && pk_is_icmpv6(upk)) {
        uint8_t type = ls->p[ls->off[up]];
        if (type < 128)
            return i + 2 < n ? i + 2 : n;
        if (type == 133 || type == 134 || type == 135 || type == 136 || type == 144 ||
            type == 145) {
            pk_hash_put(h, &nh, 1);
            return up;
        }
    }
    uint8_t src[16], dst[16];
    memcpy(src, pk_a(ls, i, 8), 16);
    memcpy(dst, pk_a(ls, i, 24), 16);
    if (nh == 43 && upk == PK_L_ROUTING) {
        /* the last address, xor every address */
        static const uint8_t loopback[16] = {[15] = 1};
        size_t at = ls->off[up], rest = ls->end[up] - at - 8, bytes = 8 * (size_t)ls->p[at + 1];
        size_t count = (bytes < rest ? bytes : rest) / 16;
        const uint8_t *list = ls->p + at + 8;
        nh = ls->p[at];
        memcpy(dst, count ? list + 16 * (count - 1) : loopback, 16);
        for (size_t k = 0; k < count; k++)
            for (size_t b = 0; b < 16; b++)
                dst[b] ^= list[16 * k + b];
    }
    if ((nh == 44 && upk == PK_L_FRAGMENT) || (nh == 0 && upk == PK_L_HOP_BY_HOP))
        nh = ls->p[ls->off[up]];
    if (nh == 60 && upk == PK_L_DEST_OPT) {
        const uint8_t *hoa = pk_home_address(ls, up);
        if (hoa) {
            nh = ls->p[ls->off[up]];
            memcpy(src, hoa, 16);
        }
    }
    if (dst[0] != 0xff) {
        for (size_t b = 0; b < 16; b++)
            dst[b] ^= src[b];
        pk_hash_put(h, dst, 16);
    }
    pk_hash_put(h, &nh, 1);
    return up;
}

/* An ICMP error at layer i: it quotes the datagram that caused it. */
static int pk_icmp_quotes(const struct pk_layers *ls, size_t i)
{
    uint64_t t = i < ls->n && pk_is(ls->kind[i], PK_L_ICMP, PK_L_ICMPERROR) ? pk_u(ls, i, 0, 8) : 0;
    return t == 3 || t == 4 || t == 5 || t == 11 || t == 12;
}

/* One layer's hashret; the index of the next layer to hash. */
static size_t pk_hash_layer(const struct pk_layers *ls, size_t i, struct pk_hash *h)
{
    switch (ls->kind[i]) {
    case PK_L_ETHER:
        pk_hash_bytes(h, ls, i, 12, 2);
        break;
    case PK_L_ARP: {
        /* hwtype, ptype, (op + 1) // 2 */
        uint64_t op = (pk_u(ls, i, 48, 16) + 1) / 2;
        uint8_t b[2] = {(uint8_t)(op >> 8), (uint8_t)op};
        pk_hash_bytes(h, ls, i, 0, 4);
        pk_hash_put(h, b, 2);
        break;
    }
    case PK_L_IP:
    case PK_L_IPERROR: {
        /* an ICMP error hashes as the datagram it quotes; else src xor dst
         * (mDNS: neither) and the protocol */
        uint8_t proto = (uint8_t)pk_u(ls, i, 72, 8);
        if (proto == 1 && pk_icmp_quotes(ls, i + 1))
            return i + 2 < ls->n ? i + 2 : ls->n;
        if (pk_u(ls, i, 128, 32) != 0xe00000fbu) {
            uint32_t x = (uint32_t)(pk_u(ls, i, 96, 32) ^ pk_u(ls, i, 128, 32));
            uint8_t b[4] = {(uint8_t)(x >> 24), (uint8_t)(x >> 16), (uint8_t)(x >> 8), (uint8_t)x};
            pk_hash_put(h, b, 4);
        }
        pk_hash_put(h, &proto, 1);
        break;
    }
    case PK_L_ICMP:
    case PK_L_ICMPERROR: {
        /* id and seq, for the types that have them */
        uint64_t t = pk_u(ls, i, 0, 8);
        if (t == 0 || t == 8 || (t >= 13 && t <= 18) || t == 37 || t == 38)
            pk_hash_bytes(h, ls, i, 4, 4);
        break;
    }
    case PK_L_TCP:
    case PK_L_TCPERROR: {
        uint64_t x = pk_u(ls, i, 0, 16) ^ pk_u(ls, i, 16, 16);
        uint8_t b[2] = {(uint8_t)(x >> 8), (uint8_t)x};
        pk_hash_put(h, b, 2);
        break;
    }
    case PK_L_IPV6:
    case PK_L_IPERROR6:
        return pk_hash_ipv6(ls, i, h);
    case PK_L_ICMPV6_ECHO_REQUEST:
    case PK_L_ICMPV6_ECHO_REPLY:
        pk_hash_bytes(h, ls, i, 4, 4);
        break;
    case PK_L_ICMPV6_ND_NS:
    case PK_L_ICMPV6_ND_NA:
        pk_hash_bytes(h, ls, i, 8, 16);
        break;
    default:
        break;
    }
    return i + 1;
}

static void pk_hashret(const struct pk_layers *ls, size_t from, struct pk_hash *h)
{
    h->n = 0;
    for (size_t i = from; i < ls->n;)
        i = pk_hash_layer(ls, i, h);
}

enum { PK_NO, PK_ON, PK_YES };

static int64_t pk_distance(uint64_t a, uint64_t b)
{
    int64_t d = (int64_t)a - (int64_t)b;
    return d < 0 ? -d : d;
}

/* The bytes a layer takes: to the next one, or to its datagram's end. */
static size_t pk_layer_len(const struct pk_layers *ls, size_t i)
{
    return (i + 1 < ls->n ? ls->off[i + 1] : ls->end[i]) - ls->off[i];
}

/* TCP.answers (runtime/proto/tcp.c). */
static int pk_tcp_answers(const struct pk_layers *r, size_t ri, const struct pk_layers *q,
                          size_t qi)
{
    enum { FIN = 1, SYN = 2, RST = 4, ACK = 16 };
    uint64_t sf = pk_u(r, ri, 104, 8) & 0x1ff, of = pk_u(q, qi, 104, 8) & 0x1ff;
    if (of & RST)
        return PK_NO;
    if ((sf & SYN) && (!(sf & ACK) || !(of & SYN)))
        return PK_NO;
    if (pk_u(r, ri, 0, 16) != pk_u(q, qi, 16, 16) || pk_u(r, ri, 16, 16) != pk_u(q, qi, 0, 16))
        return PK_NO;
    if (!((of & SYN) && !(of & ACK)) && pk_distance(pk_u(q, qi, 64, 32), pk_u(r, ri, 32, 32)) > 2)
        return PK_NO;
    if ((sf & RST) && !(sf & ACK))
        return PK_YES;
    int64_t payload = 0;
    if (qi > 0 && q->kind[qi - 1] == PK_L_IP) {
        payload = (int64_t)pk_u(q, qi - 1, 16, 16) - 4 * (int64_t)pk_u(q, qi - 1, 4, 4) -
                  4 * (int64_t)pk_u(q, qi, 96, 4);
        if (payload < 0)
            payload = 0;
    } else {
        /* len(payload): its Raw and the Padding after its datagram */
        for (size_t i = qi + 1; i < q->n; i++)
            if (q->kind[i] == PK_L_RAW)
                payload += (int64_t)pk_layer_len(q, i);
        payload += (int64_t)(q->len - q->end[qi]);
    }
    return pk_distance(pk_u(q, qi, 32, 32), pk_u(r, ri, 64, 32)) > 2 + payload ? PK_NO : PK_YES;
}

/* IPv6.answers (runtime/proto/ipv6_match.c, checkIPaddr): the reply goes
 * to the request's source (to a multicast request, a multicast reply to
 * the same group, or all-nodes to all-servers); an ICMPv6 error is decided
 * by what it quotes; the request's extension headers are stepped over. */
static int pk_ipv6_answers(const struct pk_layers *r, size_t *ri, const struct pk_layers *q,
                           size_t *qi)
{
    static const uint8_t all_nodes[16] = {0xff, 0x02, [15] = 1};
    static const uint8_t all_servers[16] = {0xff, 0x02, [15] = 2};
    size_t a = *ri, b = *qi;
    const uint8_t *sd = pk_a(r, a, 24), *os = pk_a(q, b, 8), *od = pk_a(q, b, 24);
    if (od[0] == 0xff) {
        int ok = sd[0] == 0xff ? memcmp(od, sd, 16) == 0 || (memcmp(sd, all_nodes, 16) == 0 &&
                                                             memcmp(od, all_servers, 16) == 0)
                               : memcmp(os, sd, 16) == 0;
        if (!ok)
            return PK_NO;
        *ri = a + 1, *qi = b + 1;
        return PK_ON;
    }
    if (memcmp(sd, os, 16) != 0)
        return PK_NO;
    uint64_t snh = pk_u(r, a, 48, 8), onh = pk_u(q, b, 48, 8);
    uint8_t rup = a + 1 < r->n ? r->kind[a + 1] : PK_L_NONE;
    uint8_t qup = b + 1 < q->n ? q->kind[b + 1] : PK_L_NONE;
    if (snh == 58 && pk_is_icmpv6_error(rup)) {
        *ri = a + 2; /* the quoted IPerror6 answers the request itself */
        return PK_ON;
    }
    if (onh == 0 && qup == PK_L_HOP_BY_HOP) {
        *ri = a + 1, *qi = b + 1;
    } else if ((onh == 44 && qup == PK_L_FRAGMENT) || (onh == 43 && qup == PK_L_ROUTING)) {
        *ri = a + 1, *qi = b + 2;
    } else if (onh == 60 && qup == PK_L_DEST_OPT) {
        *ri = a + 2, *qi = b + 2;
    } else if (snh == 60 && rup == PK_L_DEST_OPT) {
        *ri = a + 2, *qi = b + 1;
    } else {
        if (snh != onh)
            return PK_NO;
        *ri = a + 1, *qi = b + 1;
    }
    return PK_ON;
}

/* A TCP header's options: the bytes after its first 20. */
static size_t pk_tcp_options(const struct pk_layers *ls, size_t i, const uint8_t **p)
{
    *p = ls->p + ls->off[i] + 20;
    return pk_layer_len(ls, i) - 20;
}

/* raw() of layers from on, as IPerror6.answers builds it: cut at a layer
 * that does not fit in cap; clamped: the first a TCP header with no
 * options and dataofs and chksum 0. */
static size_t pk_raw_from(const struct pk_layers *ls, size_t from, int clamped, uint8_t *out,
                          size_t cap)
{
    size_t n = 0;
    for (size_t i = from; i < ls->n; i++) {
        size_t k = clamped && i == from ? 20 : pk_layer_len(ls, i);
        if (k > cap - n)
            break;
        memcpy(out + n, ls->p + ls->off[i], k);
        if (clamped && i == from) {
            out[n + 12] &= 0x0f;
            out[n + 16] = out[n + 17] = 0;
        }
        n += k;
    }
    return n;
}

/* IPerror6.answers: under an ICMPv6 error, the quote is the request when
 * source and destination are its own (the destination unchecked when the
 * request has a routing header), and the bytes above the extension headers
 * are a prefix of the request's, or it of them (2048 at most of each, as
 * runtime/proto/ipv6_match.c's QUOTE_CMP_MAX). */
static int pk_iperror6_answers(const struct pk_layers *r, size_t a, const struct pk_layers *q,
                               size_t b)
{
    enum { QUOTE_CMP_MAX = 2048 };
    if (a == 0 || !pk_is_icmpv6_error(r->kind[a - 1]))
        return PK_NO;
    size_t qu = b + 1, ru = a + 1;
    int routed = 0;
    for (; qu < q->n && pk_is_ext_hdr(q->kind[qu]); qu++)
        routed |= q->kind[qu] == PK_L_ROUTING;
    while (ru < r->n && pk_is_ext_hdr(r->kind[ru]))
        ru++;
    if (memcmp(pk_a(r, a, 8), pk_a(q, b, 8), 16) != 0 ||
        (!routed && memcmp(pk_a(r, a, 24), pk_a(q, b, 24), 16) != 0))
        return PK_NO;
    int clamped = 0;
    if (ru < r->n && qu < q->n && pk_is(r->kind[ru], PK_L_TCP, PK_L_TCPERROR) &&
        pk_is(q->kind[qu], PK_L_TCP, PK_L_TCPERROR)) {
        const uint8_t *x, *y;
        size_t nx = pk_tcp_options(r, ru, &x), ny = pk_tcp_options(q, qu, &y);
        clamped = nx != ny || (nx && memcmp(x, y, nx) != 0);
    }
    uint8_t got[QUOTE_CMP_MAX], sent[QUOTE_CMP_MAX];
    size_t ng = ru < r->n ? pk_raw_from(r, ru, clamped, got, sizeof got) : 0;
    size_t ns = qu < q->n ? pk_raw_from(q, qu, clamped, sent, sizeof sent) : 0;
    size_t n = ng < ns ? ng : ns;
    return n == 0 || memcmp(got, sent, n) == 0 ? PK_YES : PK_NO;
}

/* ICMPv6EchoReply.answers: id, seq and data all echoed. */
static int pk_echo6_answers(const struct pk_layers *r, size_t a, const struct pk_layers *q,
                            size_t b)
{
    size_t nr = r->end[a] - r->off[a], nq = q->end[b] - q->off[b];
    return nr == nq && memcmp(r->p + r->off[a] + 4, q->p + q->off[b] + 4, nr - 4) == 0 ? PK_YES
                                                                                       : PK_NO;
}

/* One layer's answers() hook; *ri and *qi move as runtime/wire/match.c's do. A
 * layer with no hook of its own answers one of its kind, then the payloads
 * decide. */
static int pk_answers_step(const struct pk_layers *r, size_t *ri, const struct pk_layers *q,
                           size_t *qi)
{
    static const uint8_t pairs[][2] = {{8, 0}, {13, 14}, {15, 16}, {17, 18},
                                       {33, 34}, {35, 36}, {37, 38}};
    size_t a = *ri, b = *qi;
    uint8_t rk = r->kind[a], qk = b < q->n ? q->kind[b] : PK_L_NONE;
    switch (rk) {
    case PK_L_ETHER:
        if (qk != PK_L_ETHER || pk_u(r, a, 96, 16) != pk_u(q, b, 96, 16))
            return PK_NO;
        break;
    case PK_L_ARP:
        if (qk != PK_L_ARP || pk_u(r, a, 48, 16) != pk_u(q, b, 48, 16) + 1)
            return PK_NO;
        return pk_u(r, a, 112, 32) == pk_u(q, b, 192, 32) ? PK_YES : PK_NO;
    case PK_L_IP:
        if (!pk_is(qk, PK_L_IP, PK_L_IPERROR))
            return PK_NO;
        if (pk_u(r, a, 128, 32) == 0xe00000fbu && pk_u(q, b, 128, 32) == 0xe00000fbu)
            break;
        if (pk_u(r, a, 128, 32) != pk_u(q, b, 96, 32))
            return PK_NO;
        if (pk_u(r, a, 72, 8) == 1 && pk_icmp_quotes(r, a + 1)) {
            *ri = a + 2;
            return PK_ON;
        }
        if (pk_u(r, a, 96, 32) != pk_u(q, b, 128, 32) || pk_u(r, a, 72, 8) != pk_u(q, b, 72, 8))
            return PK_NO;
        break;
    case PK_L_IPERROR:
        if (!pk_is(qk, PK_L_IP, PK_L_IPERROR) || pk_u(r, a, 96, 32) != pk_u(q, b, 96, 32) ||
            pk_u(r, a, 128, 32) != pk_u(q, b, 128, 32) || pk_u(r, a, 72, 8) != pk_u(q, b, 72, 8))
            return PK_NO;
        break;
    case PK_L_ICMP:
        if (!pk_is(qk, PK_L_ICMP, PK_L_ICMPERROR))
            return PK_NO;
        for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
            if (pk_u(q, b, 0, 8) == pairs[i][0] && pk_u(r, a, 0, 8) == pairs[i][1])
                return pk_u(r, a, 32, 32) == pk_u(q, b, 32, 32) ? PK_YES : PK_NO;
        return PK_NO;
    case PK_L_ICMPERROR: {
        uint64_t code = pk_u(r, a, 8, 8);
        if (!pk_is(qk, PK_L_ICMP, PK_L_ICMPERROR) || pk_u(r, a, 0, 8) != pk_u(q, b, 0, 8) ||
            code != pk_u(q, b, 8, 8))
            return PK_NO;
        if (code == 0 || code == 8 || code == 13 || code == 14 || code == 17 || code == 18)
            return pk_u(r, a, 32, 32) == pk_u(q, b, 32, 32) ? PK_YES : PK_NO;
        return PK_YES;
    }
    case PK_L_TCP:
        return pk_is(qk, PK_L_TCP, PK_L_TCPERROR) ? pk_tcp_answers(r, a, q, b) : PK_NO;
    case PK_L_UDP:
        if (!pk_is(qk, PK_L_UDP, PK_L_UDPERROR) || pk_u(r, a, 16, 16) != pk_u(q, b, 0, 16))
            return PK_NO;
        break;
    case PK_L_TCPERROR:
    case PK_L_UDPERROR:
        if (!(rk == PK_L_TCPERROR ? pk_is(qk, PK_L_TCP, PK_L_TCPERROR)
                                  : pk_is(qk, PK_L_UDP, PK_L_UDPERROR)))
            return PK_NO;
        return pk_u(r, a, 0, 32) == pk_u(q, b, 0, 32) ? PK_YES : PK_NO;
    case PK_L_RAW:
        return PK_YES;
    case PK_L_IPV6:
        return pk_is(qk, PK_L_IPV6, PK_L_IPERROR6) ? pk_ipv6_answers(r, ri, q, qi) : PK_NO;
    case PK_L_IPERROR6:
        return pk_is(qk, PK_L_IPV6, PK_L_IPERROR6) ? pk_iperror6_answers(r, a, q, b) : PK_NO;
    case PK_L_ICMPV6_ECHO_REPLY:
        /* a reply is an ICMPv6EchoRequest too, as its subclass */
        return pk_is(qk, PK_L_ICMPV6_ECHO_REQUEST, PK_L_ICMPV6_ECHO_REPLY)
                   ? pk_echo6_answers(r, a, q, b)
                   : PK_NO;
    case PK_L_ICMPV6_ND_NA:
        /* an NS for the same target */
        return qk == PK_L_ICMPV6_ND_NS && memcmp(pk_a(r, a, 8), pk_a(q, b, 8), 16) == 0 ? PK_YES
                                                                                       : PK_NO;
    case PK_L_ICMPV6_ND_RA:
        return qk == PK_L_ICMPV6_ND_RS ? PK_YES : PK_NO;
    case PK_L_ICMPV6_ML_REPORT:
        /* `ICMPv6MLQuery in query`, at any layer of it */
        for (size_t i = 0; i < q->n; i++)
            if (q->kind[i] == PK_L_ICMPV6_ML_QUERY)
                return PK_YES;
        return PK_NO;
    case PK_L_DNS:
        /* the same id, a response (qr 1) to a query (qr 0) */
        return qk == PK_L_DNS && pk_u(r, a, 0, 16) == pk_u(q, b, 0, 16) &&
                       pk_u(r, a, 16, 1) == 1 && pk_u(q, b, 16, 1) == 0
                   ? PK_YES
                   : PK_NO;
    default:
        if (pk_is_icmpv6(rk)) {
            /* _ICMPv6.answers: only a message quoted in an error (under
             * IPerror6 or an extension header) answers, by type and code */
            uint8_t under = a > 0 ? r->kind[a - 1] : PK_L_NONE;
            return (under == PK_L_IPERROR6 || pk_is_ext_hdr(under)) && pk_is_icmpv6(qk) &&
                           pk_u(r, a, 0, 16) == pk_u(q, b, 0, 16)
                       ? PK_YES
                       : PK_NO;
        }
        if (qk != rk)
            return PK_NO;
        break;
    }
    *ri = a + 1;
    *qi = b + 1;
    return PK_ON;
}

/* Whether reply answers query, both walked from layer `from` (1: sr's IP):
 * answers(), the hashret being the same (probe_sr.c asks only the requests
 * of the reply's hashret bucket). */
static int pk_answers(const struct pk_layers *r, const struct pk_layers *q, size_t from)
{
    size_t ri = from, qi = from;
    if (r->n <= from || q->n <= from)
        return 0;
    for (int steps = 0; steps <= 2 * PK_MAX_LAYERS; steps++) {
        if (ri >= r->n)
            return qi >= q->n;
        int a = pk_answers_step(r, &ri, q, &qi);
        if (a != PK_ON)
            return a == PK_YES;
    }
    return 0;
}
