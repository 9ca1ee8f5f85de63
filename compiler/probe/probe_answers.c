/* ---- answers: the headers of a frame, Scapy's answers(), patterns ---------
 * What the probe knows of a frame that came back: a walk over the headers
 * pktspec's decoder would find for Ether/ARP/IP/ICMP/TCP/UDP, the IP
 * datagram an ICMP error quotes and the Raw payload, the answers() rules of
 * runtime/proto/ for them, and the matching of constant fields that
 * `expect r matches P` needs (runtime/testing.c). */
enum pk_layer_kind {
    PK_L_NONE, PK_L_ETHER, PK_L_ARP, PK_L_IP, PK_L_ICMP, PK_L_TCP, PK_L_UDP, PK_L_IPERROR,
    PK_L_ICMPERROR, PK_L_TCPERROR, PK_L_UDPERROR, PK_L_RAW,
};

#define PK_MAX_LAYERS 12

struct pk_layers {
    size_t n;
    uint8_t kind[PK_MAX_LAYERS];
    uint32_t off[PK_MAX_LAYERS];
    uint32_t end[PK_MAX_LAYERS];   /* where its datagram ends (Padding follows) */
    const uint8_t *p;
    size_t len;
};

static uint32_t pk_be16(const uint8_t *p, uint32_t at)
{
    return (uint32_t)p[at] << 8 | p[at + 1];
}

static void pk_push_layer(struct pk_layers *ls, uint8_t kind, size_t off, size_t end)
{
    if (ls->n < PK_MAX_LAYERS && off < ls->len) {
        ls->kind[ls->n] = kind;
        ls->end[ls->n] = (uint32_t)end;
        ls->off[ls->n++] = (uint32_t)off;
    }
}

/* The Raw layer after a transport header at `at`, when its datagram holds more. */
static void pk_push_payload(struct pk_layers *ls, uint8_t kind, size_t at, size_t end)
{
    size_t hdr = kind == PK_L_TCP || kind == PK_L_TCPERROR
                     ? (at + 12 < ls->len ? (size_t)(ls->p[at + 12] >> 4) * 4 : 20)
                     : 8;
    if (kind != PK_L_RAW && hdr >= 8 && at + hdr < end)
        pk_push_layer(ls, PK_L_RAW, at + hdr, end);
}

/* The layer an IP datagram's protocol number leads to. */
static uint8_t pk_ip_payload(uint8_t proto, int quoted)
{
    switch (proto) {
    case 1: return quoted ? PK_L_ICMPERROR : PK_L_ICMP;
    case 6: return quoted ? PK_L_TCPERROR : PK_L_TCP;
    case 17: return quoted ? PK_L_UDPERROR : PK_L_UDP;
    default: return PK_L_RAW;
    }
}

/* The headers of an Ethernet frame, as far as the frame holds them. */
static void pk_walk(const uint8_t *p, size_t len, struct pk_layers *ls)
{
    ls->n = 0;
    ls->p = p;
    ls->len = len;
    if (len < 14)
        return;
    pk_push_layer(ls, PK_L_ETHER, 0, len);
    uint32_t type = pk_be16(p, 12);
    if (type != 0x0800) {
        pk_push_layer(ls, type == 0x0806 ? PK_L_ARP : PK_L_RAW, 14, len);
        return;
    }
    size_t at = 14, end = len;
    for (int quoted = 0; quoted < 2 && at + 20 <= len; quoted++) {
        size_t ihl = (size_t)(p[at] & 15) * 4, total = pk_be16(p, (uint32_t)at + 2);
        /* IP's total length ends the datagram (as the decoder's Padding) */
        if (total >= ihl && at + total < end)
            end = at + total;
        pk_push_layer(ls, quoted ? PK_L_IPERROR : PK_L_IP, at, end);
        uint8_t next = pk_ip_payload(p[at + 9], quoted);
        if (ihl < 20 || at + ihl >= end)
            return;
        if (pk_be16(p, (uint32_t)at + 6) & 0x1fff)
            next = PK_L_RAW; /* a fragment after the first */
        at += ihl;
        pk_push_layer(ls, next, at, end);
        uint8_t t = p[at];
        /* an ICMP error quotes the datagram that caused it */
        if (next != PK_L_ICMP || !(t == 3 || t == 4 || t == 5 || t == 11 || t == 12)) {
            pk_push_payload(ls, next, at, end);
            return;
        }
        at += 8;
    }
}

/* Bits [bitoff, bitoff+bits) of layer i, MSB first; 0 past its end. */
static int pk_bits(const struct pk_layers *ls, size_t i, uint32_t bitoff, uint32_t bits,
                   uint64_t *v)
{
    size_t base = ls->off[i];
    *v = 0;
    if (base + (bitoff + bits + 7) / 8 > ls->len)
        return 0;
    for (uint32_t b = bitoff; b < bitoff + bits; b++)
        *v = *v << 1 | ((ls->p[base + b / 8] >> (7 - b % 8)) & 1);
    return 1;
}

static uint64_t pk_u(const struct pk_layers *ls, size_t i, uint32_t bitoff, uint32_t bits)
{
    uint64_t v;
    pk_bits(ls, i, bitoff, bits, &v);
    return v;
}

static int pk_is(uint8_t kind, uint8_t a, uint8_t b)
{
    return kind == a || kind == b;
}

enum { PK_NO, PK_ON, PK_YES };

static int64_t pk_distance(uint64_t a, uint64_t b)
{
    int64_t d = (int64_t)a - (int64_t)b;
    return d < 0 ? -d : d;
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
    }
    return pk_distance(pk_u(q, qi, 32, 32), pk_u(r, ri, 64, 32)) > 2 + payload ? PK_NO : PK_YES;
}

/* One layer's answers() hook; *ri and *qi move as runtime/match.c's do. */
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
        if (pk_u(r, a, 72, 8) == 1 && a + 2 < r->n && r->kind[a + 2] == PK_L_IPERROR) {
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
    default:
        return PK_NO;
    }
    *ri = a + 1;
    *qi = b + 1;
    return PK_ON;
}

/* Whether reply answers query, both walked from layer `from` (1: sr's IP). */
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

/* A pattern's constant field: bits [bitoff, bitoff+bits) of its layer. */
struct pk_pat_field {
    uint16_t bitoff;
    uint8_t bits;
    uint64_t value;
};

struct pk_pat_layer {
    uint8_t kind;
    uint8_t nfields;
    const struct pk_pat_field *fields;
};

/* `matches` as runtime/testing.c: each pattern layer, in order, is the next
 * layer of its kind, with every constant field equal. */
static int pk_pattern(const struct pk_layers *ls, size_t from, const struct pk_pat_layer *pat,
                      size_t n)
{
    size_t at = from;
    for (size_t w = 0; w < n; w++) {
        while (at < ls->n && ls->kind[at] != pat[w].kind)
            at++;
        if (at == ls->n)
            return 0;
        for (size_t f = 0; f < pat[w].nfields; f++) {
            uint64_t v;
            const struct pk_pat_field *pf = &pat[w].fields[f];
            if (!pk_bits(ls, at, pf->bitoff, pf->bits, &v) || v != pf->value)
                return 0;
        }
        at++;
    }
    return 1;
}

/* ---- the answers of each call, for the expects -------------------------- */

struct pk_answer {
    size_t query;
    size_t off, len;               /* in the exchange's buffer of answers */
    const uint8_t *bytes;
    int64_t rtt_ns;                /* from its request's sending to its arrival */
};

struct pk_result {
    int done;
    int layer3;
    size_t nq, nunans;
    struct pk_answer *ans;
    size_t nans;
    uint8_t *rx;                   /* what ans[].bytes point into */
    uint8_t *tx;                   /* the requests as sent, one after another */
    size_t *tx_off, *tx_len;
};

/* How a failed expect shows what it got: the left side of its last
 * comparison, as runtime/actions.c prints values, or the packet of its
 * last `matches` as hex. */
enum pk_got_kind {
    PK_GOT_NONE, PK_GOT_INT, PK_GOT_BOOL, PK_GOT_IP4, PK_GOT_MAC, PK_GOT_BYTES, PK_GOT_TEXT,
    PK_GOT_PACKET,
};

struct pk_expect_ctx {
    struct pk_result *res;
    const size_t *cur;             /* per call: the pair of ans a loop is at */
    int missing;                   /* r[L] of a layer the answer lacks */
    int got_kind;
    uint64_t got_u;
    const uint8_t *got_bytes;      /* PK_GOT_BYTES, PK_GOT_TEXT, PK_GOT_PACKET */
    size_t got_len;
};

static uint64_t pk_got(struct pk_expect_ctx *x, int kind, uint64_t v)
{
    x->got_kind = kind;
    x->got_u = v;
    return v;
}

static void pk_got_bytes(struct pk_expect_ctx *x, int kind, const uint8_t *p, size_t n)
{
    x->got_kind = kind;
    x->got_bytes = p;
    x->got_len = n;
}

/* The got text, cut as the interpreter's buffer cuts it. */
static void pk_got_text(const struct pk_expect_ctx *x, char *out, size_t cap)
{
    const uint8_t *p = x->got_bytes;
    uint64_t u = x->got_u;
    size_t at = 0;
    out[0] = '\0';
#define PK_PUT(...) (at += (size_t)snprintf(out + at, at < cap ? cap - at : 0, __VA_ARGS__), \
                     at = at < cap ? at : cap)
    switch (x->got_kind) {
    case PK_GOT_INT: PK_PUT("%lld", (long long)u); break;
    case PK_GOT_BOOL: PK_PUT("%s", u ? "true" : "false"); break;
    case PK_GOT_IP4:
        PK_PUT("%u.%u.%u.%u", (unsigned)(u >> 24 & 255), (unsigned)(u >> 16 & 255),
               (unsigned)(u >> 8 & 255), (unsigned)(u & 255));
        break;
    case PK_GOT_MAC:
        for (int i = 5; i >= 0; i--)
            PK_PUT("%02x%s", (unsigned)(u >> (8 * i) & 255), i ? ":" : "");
        break;
    case PK_GOT_BYTES:
        PK_PUT("x\"");
        for (size_t i = 0; i < x->got_len; i++)
            PK_PUT("%s%02x", i ? " " : "", p[i]);
        PK_PUT("\"");
        break;
    case PK_GOT_TEXT: PK_PUT("%.*s", (int)x->got_len, (const char *)p); break;
    case PK_GOT_PACKET:
        for (size_t i = 0; i < x->got_len; i++)
            PK_PUT("%02x", p[i]);
        break;
    default: break;
    }
#undef PK_PUT
}

/* An operand of an expect (emit_expect.c's enum cx_side): sr1's answer,
 * or the answer or the request of the pair a loop over ans is at. */
enum pk_side { PK_ANSWER1, PK_PAIR_RECV, PK_PAIR_SENT };

/* The packet an operand is, walked; 0: there is none. pair: 0 the one a
 * loop is at, k + 1 ans[k]. */
static int pk_pick(struct pk_expect_ctx *x, size_t call, int side, size_t pair,
                   struct pk_layers *ls)
{
    const struct pk_result *res = &x->res[call];
    size_t k = side == PK_ANSWER1 ? 0 : pair ? pair - 1 : x->cur[call];
    const struct pk_answer *a = k < res->nans ? &res->ans[k] : NULL;
    if (!a)
        return 0;
    if (side == PK_PAIR_SENT)
        pk_walk(res->tx + res->tx_off[a->query], res->tx_len[a->query], ls);
    else
        pk_walk(a->bytes, a->len, ls);
    return 1;
}

/* Whether an operand is there: `expect r`. */
static int pk_some(struct pk_expect_ctx *x, size_t call, int side, size_t pair)
{
    struct pk_layers ls;
    return pk_pick(x, call, side, pair, &ls);
}

/* The first layer of kind L of an operand, from IP on for sr and sr1. */
static int pk_find(struct pk_expect_ctx *x, size_t call, int side, size_t pair, uint8_t kind,
                   struct pk_layers *ls)
{
    if (pk_pick(x, call, side, pair, ls))
        for (size_t i = x->res[call].layer3 ? 1 : 0; i < ls->n; i++)
            if (ls->kind[i] == kind)
                return (int)i;
    x->missing = 1;
    return -1;
}

static uint64_t pk_nans(struct pk_expect_ctx *x, size_t call)
{
    return x->res[call].nans;
}

static uint64_t pk_nunans(struct pk_expect_ctx *x, size_t call)
{
    return x->res[call].nunans;
}

static int pk_match(struct pk_expect_ctx *x, size_t call, int side, size_t pair,
                    const struct pk_pat_layer *pat, size_t n)
{
    struct pk_layers ls;
    size_t from = x->res[call].layer3 ? 1 : 0;
    if (!pk_pick(x, call, side, pair, &ls))
        return 0;
    /* sr and sr1 give their answers from the IP header on */
    if (from < ls.n)
        pk_got_bytes(x, PK_GOT_PACKET, ls.p + ls.off[from], ls.len - ls.off[from]);
    return pk_pattern(&ls, from, pat, n);
}

/* r within D: answered, in D at most. */
static int pk_within(struct pk_expect_ctx *x, size_t call, int side, size_t pair, uint64_t ns)
{
    struct pk_layers ls;
    const struct pk_result *res = &x->res[call];
    if (!pk_pick(x, call, side, pair, &ls))
        return 0;
    int64_t rtt = res->ans[side == PK_ANSWER1 ? 0 : pair ? pair - 1 : x->cur[call]].rtt_ns;
    return rtt >= 0 && (uint64_t)rtt <= ns;
}

/* r[L].f: of the first layer of kind L. */
static uint64_t pk_field(struct pk_expect_ctx *x, size_t call, int side, size_t pair,
                         uint8_t kind, uint16_t bitoff, uint8_t bits)
{
    struct pk_layers ls;
    uint64_t v = 0;
    int i = pk_find(x, call, side, pair, kind, &ls);
    if (i >= 0 && !pk_bits(&ls, (size_t)i, bitoff, bits, &v))
        x->missing = 1;
    return v;
}

/* r[Raw].load == s: the layer's bytes to its datagram's end. */
static int pk_load_is(struct pk_expect_ctx *x, size_t call, int side, size_t pair,
                      uint8_t kind, const char *s, size_t n, int load_left)
{
    struct pk_layers ls;
    int i = pk_find(x, call, side, pair, kind, &ls);
    if (!load_left)
        pk_got_bytes(x, PK_GOT_TEXT, (const uint8_t *)s, n);
    if (i < 0)
        return 0;
    size_t at = ls.off[i], end = ls.end[i] < ls.len ? ls.end[i] : ls.len;
    if (load_left)
        pk_got_bytes(x, PK_GOT_BYTES, ls.p + at, end - at);
    return end - at == n && memcmp(ls.p + at, s, n) == 0;
}
