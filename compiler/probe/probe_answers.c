/* ---- answers: the headers of a frame, Scapy's answers(), patterns ---------
 * What the probe knows of a frame that came back: a walk over the headers
 * pktspec's decoder would find (Ether, ARP, IPv4, ICMP, TCP, UDP, IPv6 and
 * its extension headers, the ICMPv6 messages and ND options, DNS, the
 * datagram an ICMP or ICMPv6 error quotes, Raw), Scapy's hashret() and
 * answers() for them as runtime/proto/ has them, and the matching of
 * constant fields that `expect r matches P` needs (runtime/interp/testing.c).
 * Where the walk stops short of the decoder: a header cut by the end of its
 * datagram is Raw (the decoder keeps the fields it reached), DNS is its
 * header only (the records are not read: the decoder makes a message whose
 * records it cannot read Raw, and puts what follows them in a Raw), and
 * what IP or IPv6 carries besides ICMP, ICMPv6, TCP, UDP and the IPv6
 * extension headers is Raw. */
enum pk_layer_kind {
    PK_L_NONE, PK_L_ETHER, PK_L_ARP, PK_L_IP, PK_L_ICMP, PK_L_TCP, PK_L_UDP, PK_L_IPERROR,
    PK_L_ICMPERROR, PK_L_TCPERROR, PK_L_UDPERROR, PK_L_RAW,
    PK_L_IPV6, PK_L_IPERROR6, PK_L_HOP_BY_HOP, PK_L_DEST_OPT, PK_L_ROUTING, PK_L_FRAGMENT,
    /* the ICMPv6 messages, PK_L_ICMPV6_FIRST to PK_L_ICMPV6_LAST (errors first) */
    PK_L_ICMPV6_DEST_UNREACH, PK_L_ICMPV6_PACKET_TOO_BIG, PK_L_ICMPV6_TIME_EXCEEDED,
    PK_L_ICMPV6_PARAM_PROBLEM, PK_L_ICMPV6_UNKNOWN, PK_L_ICMPV6_ECHO_REQUEST,
    PK_L_ICMPV6_ECHO_REPLY, PK_L_ICMPV6_ML_QUERY, PK_L_ICMPV6_ML_REPORT, PK_L_ICMPV6_ML_DONE,
    PK_L_ICMPV6_ND_RS, PK_L_ICMPV6_ND_RA, PK_L_ICMPV6_ND_NS, PK_L_ICMPV6_ND_NA,
    PK_L_ICMPV6_ND_REDIRECT,
    PK_L_NDOPT_SRC_LLADDR, PK_L_NDOPT_DST_LLADDR, PK_L_NDOPT_PREFIX_INFO, PK_L_NDOPT_MTU,
    PK_L_NDOPT_RDNSS, PK_L_DNS,
    /* the walk's own: a class that the bytes at the layer's start pick */
    PK_W_ICMPV6, PK_W_NDOPT,
};

#define PK_L_ICMPV6_FIRST PK_L_ICMPV6_DEST_UNREACH
#define PK_L_ICMPV6_LAST PK_L_ICMPV6_ND_REDIRECT

#define PK_MAX_LAYERS 20

struct pk_layers {
    size_t n;
    uint8_t kind[PK_MAX_LAYERS];
    uint32_t off[PK_MAX_LAYERS];
    uint32_t end[PK_MAX_LAYERS];   /* where its datagram ends (Padding follows) */
    const uint8_t *p;
    size_t len;
};

static uint32_t pk_be16(const uint8_t *p, size_t at)
{
    return (uint32_t)p[at] << 8 | p[at + 1];
}

static int pk_is(uint8_t kind, uint8_t a, uint8_t b)
{
    return kind == a || kind == b;
}

static int pk_is_icmpv6(uint8_t kind)
{
    return kind >= PK_L_ICMPV6_FIRST && kind <= PK_L_ICMPV6_LAST;
}

/* An ICMPv6 error (type below 128). */
static int pk_is_icmpv6_error(uint8_t kind)
{
    return kind >= PK_L_ICMPV6_DEST_UNREACH && kind <= PK_L_ICMPV6_PARAM_PROBLEM;
}

static int pk_is_ext_hdr(uint8_t kind)
{
    return kind >= PK_L_HOP_BY_HOP && kind <= PK_L_FRAGMENT;
}

/* Python's s[:n] of `have` bytes (a length field minus a header can be
 * negative). */
static size_t pk_slice_end(int64_t n, size_t have)
{
    if (n >= 0)
        return (uint64_t)n < have ? (size_t)n : have;
    return (uint64_t)-n < have ? have - (size_t)-n : 0;
}

/* _IPv6GuessPayload for nh 58 (runtime/proto/icmpv6.c's class_by_type): the
 * message's class by its type when it is long enough, else Raw; a class
 * the registry lacks is ICMPv6Unknown. */
static uint8_t pk_icmpv6_class(const uint8_t *p, size_t len)
{
    static const uint8_t classes[][3] = {
        {1, 8, PK_L_ICMPV6_DEST_UNREACH},  {2, 8, PK_L_ICMPV6_PACKET_TOO_BIG},
        {3, 8, PK_L_ICMPV6_TIME_EXCEEDED}, {4, 8, PK_L_ICMPV6_PARAM_PROBLEM},
        {128, 8, PK_L_ICMPV6_ECHO_REQUEST}, {129, 8, PK_L_ICMPV6_ECHO_REPLY},
        {130, 24, PK_L_ICMPV6_ML_QUERY},   {131, 24, PK_L_ICMPV6_ML_REPORT},
        {132, 24, PK_L_ICMPV6_ML_DONE},    {133, 8, PK_L_ICMPV6_ND_RS},
        {134, 16, PK_L_ICMPV6_ND_RA},      {135, 24, PK_L_ICMPV6_ND_NS},
        {136, 24, PK_L_ICMPV6_ND_NA},      {137, 40, PK_L_ICMPV6_ND_REDIRECT},
        {141, 8, PK_L_ICMPV6_UNKNOWN},     {142, 8, PK_L_ICMPV6_UNKNOWN},
        {143, 8, PK_L_ICMPV6_UNKNOWN},     {144, 8, PK_L_ICMPV6_UNKNOWN},
        {145, 8, PK_L_ICMPV6_UNKNOWN},     {146, 8, PK_L_ICMPV6_UNKNOWN},
        {147, 8, PK_L_ICMPV6_UNKNOWN},     {151, 8, PK_L_ICMPV6_UNKNOWN},
        {152, 4, PK_L_ICMPV6_UNKNOWN},     {153, 4, PK_L_ICMPV6_UNKNOWN},
        {155, 4, PK_L_ICMPV6_UNKNOWN},
    };
    if (len == 0)
        return PK_L_RAW;
    /* node information and MLDv2 queries: classes the registry lacks */
    if (((p[0] == 139 || p[0] == 140) && len > 2) || (p[0] == 130 && len >= 28))
        return PK_L_ICMPV6_UNKNOWN;
    for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
        if (classes[i][0] == p[0])
            return len >= classes[i][1] ? classes[i][2] : PK_L_RAW;
    return PK_L_RAW;
}

/* An ND option's class by its type (icmpv6_nd.c's option_class, for the
 * classes the registry has). */
static uint8_t pk_ndopt_class(const uint8_t *p, size_t len)
{
    if (len <= 1)
        return PK_L_RAW;
    switch (p[0]) {
    case 1: return PK_L_NDOPT_SRC_LLADDR;
    case 2: return PK_L_NDOPT_DST_LLADDR;
    case 3: return PK_L_NDOPT_PREFIX_INFO;
    case 5: return PK_L_NDOPT_MTU;
    case 25: return PK_L_NDOPT_RDNSS;
    default: return PK_L_RAW;
    }
}

/* What IPv6's next header leads to (ipv6.c's class_by_nh, then the
 * bindings); quoted: right under IPerror6, whose bindings give the error
 * quote's classes. */
static uint8_t pk_by_nh(uint8_t nh, int quoted)
{
    switch (nh) {
    case 0: return PK_L_HOP_BY_HOP;
    case 6: return quoted ? PK_L_TCPERROR : PK_L_TCP;
    case 17: return quoted ? PK_L_UDPERROR : PK_L_UDP;
    case 43: return PK_L_ROUTING;
    case 44: return PK_L_FRAGMENT;
    case 58: return PK_W_ICMPV6;
    case 60: return PK_L_DEST_OPT;
    default: return PK_L_RAW;
    }
}

/* DNS's bindings: UDP port 53 or 5353 either side, TCP port 53. */
static uint8_t pk_by_ports(const uint8_t *p, size_t at, int tcp)
{
    uint32_t ports[2] = {pk_be16(p, at), pk_be16(p, at + 2)};
    for (int i = 0; i < 2; i++)
        if (ports[i] == 53 || (!tcp && ports[i] == 5353))
            return PK_L_DNS;
    return PK_L_RAW;
}

/* A DNS message's header as decode_fields reads it: it stands when its
 * bytes end between two fields, and is Raw when they end inside one. */
static int pk_dns_fits(size_t rest)
{
    return rest >= 12 || rest == 3 || (rest >= 2 && rest % 2 == 0);
}

/* The header of a layer of this kind at `at`: its length (0: it does not
 * fit, and its bytes are Raw), what follows it (*next; PK_L_NONE: nothing,
 * its last field took the rest) and where its payload ends (*end, which
 * only a length field moves). */
static size_t pk_header(const uint8_t *p, uint8_t kind, size_t at, size_t *end, uint8_t *next)
{
    size_t rest = *end - at, hdr;
    *next = PK_L_NONE;
    switch (kind) {
    case PK_L_IP:
    case PK_L_IPERROR: {
        if (rest < 20)
            return 0;
        size_t ihl = (size_t)(p[at] & 15) * 4, total = pk_be16(p, at + 2);
        hdr = ihl > 20 ? (ihl < rest ? ihl : rest) : 20;
        /* IP's total length ends the datagram (as the decoder's Padding) */
        if (total >= ihl)
            *end = at + hdr + pk_slice_end((int64_t)(total - ihl), rest - hdr);
        int quoted = kind == PK_L_IPERROR;
        switch (pk_be16(p, at + 6) & 0x1fff ? 0 : p[at + 9]) {
        case 1: *next = quoted ? PK_L_ICMPERROR : PK_L_ICMP; break;
        case 6: *next = quoted ? PK_L_TCPERROR : PK_L_TCP; break;
        case 17: *next = quoted ? PK_L_UDPERROR : PK_L_UDP; break;
        default: *next = PK_L_RAW; break; /* a fragment after the first too */
        }
        return hdr;
    }
    case PK_L_ICMP:
    case PK_L_ICMPERROR: {
        uint8_t t = p[at];
        /* an ICMP error quotes the datagram that caused it */
        *next = t == 3 || t == 4 || t == 5 || t == 11 || t == 12 ? PK_L_IPERROR : PK_L_RAW;
        return rest < 8 ? 0 : 8;
    }
    case PK_L_TCP:
    case PK_L_TCPERROR: {
        if (rest < 20)
            return 0;
        size_t dataofs = p[at + 12] >> 4, opts = dataofs > 5 ? (dataofs - 5) * 4 : 0;
        *next = pk_by_ports(p, at, 1);
        return 20 + (opts < rest - 20 ? opts : rest - 20);
    }
    case PK_L_UDP:
    case PK_L_UDPERROR:
        if (rest < 8)
            return 0;
        *end = at + 8 + pk_slice_end((int64_t)pk_be16(p, at + 4) - 8, rest - 8);
        *next = pk_by_ports(p, at, 0);
        return 8;
    case PK_L_IPV6:
    case PK_L_IPERROR6: {
        if (rest < 40)
            return 0;
        uint32_t plen = pk_be16(p, at + 4);
        /* plen ends the datagram, but for a jumbogram's 0 */
        if (plen || p[at + 6])
            *end = at + 40 + pk_slice_end(plen, rest - 40);
        *next = pk_by_nh(p[at + 6], kind == PK_L_IPERROR6);
        return 40;
    }
    case PK_L_HOP_BY_HOP:
    case PK_L_DEST_OPT:
        if (rest < 2)
            return 0;
        hdr = 8 * ((size_t)p[at + 1] + 1);
        *next = pk_by_nh(p[at], 0);
        return hdr < rest ? hdr : rest;
    case PK_L_ROUTING: {
        if (rest < 8)
            return 0;
        size_t addresses = 8 * (size_t)p[at + 1];
        if (addresses > rest - 8)
            addresses = rest - 8;
        if (addresses % 16)
            return 0; /* a piece shorter than an address: the decoder raises */
        *next = pk_by_nh(p[at], 0);
        return 8 + addresses;
    }
    case PK_L_FRAGMENT:
        if (rest < 8)
            return 0;
        *next = pk_be16(p, at + 2) >> 3 ? PK_L_RAW : pk_by_nh(p[at], 0);
        return 8;
    case PK_L_ICMPV6_DEST_UNREACH:
    case PK_L_ICMPV6_PACKET_TOO_BIG:
    case PK_L_ICMPV6_TIME_EXCEEDED:
    case PK_L_ICMPV6_PARAM_PROBLEM:
        *next = PK_L_IPERROR6;
        return 8;
    case PK_L_ICMPV6_UNKNOWN:
    case PK_L_ICMPV6_ECHO_REQUEST:
    case PK_L_ICMPV6_ECHO_REPLY:
        return rest < 4 ? 0 : rest; /* msgbody, data: the rest */
    case PK_L_ICMPV6_ML_QUERY:
    case PK_L_ICMPV6_ML_REPORT:
    case PK_L_ICMPV6_ML_DONE:
        *next = PK_L_RAW;
        return 24;
    case PK_L_ICMPV6_ND_RS:
    case PK_L_ICMPV6_ND_RA:
    case PK_L_ICMPV6_ND_NS:
    case PK_L_ICMPV6_ND_NA:
    case PK_L_ICMPV6_ND_REDIRECT: {
        static const uint8_t sizes[] = {8, 16, 24, 24, 40};
        *next = PK_W_NDOPT;
        return sizes[kind - PK_L_ICMPV6_ND_RS];
    }
    case PK_L_NDOPT_SRC_LLADDR:
    case PK_L_NDOPT_DST_LLADDR:
    case PK_L_NDOPT_MTU:
    case PK_L_NDOPT_PREFIX_INFO:
        hdr = kind == PK_L_NDOPT_PREFIX_INFO ? 32 : 8;
        *next = PK_W_NDOPT;
        return rest < hdr ? 0 : hdr;
    case PK_L_NDOPT_RDNSS: {
        if (rest < 8)
            return 0;
        /* the servers: 8 * (len - 1) bytes, sliced as Python slices */
        size_t servers = pk_slice_end(8 * ((int64_t)p[at + 1] - 1), rest - 8);
        *next = PK_W_NDOPT;
        return servers % 16 ? 0 : 8 + servers;
    }
    case PK_L_DNS:
        return pk_dns_fits(rest) ? rest : 0;
    default: /* ARP, Raw: the rest */
        return rest;
    }
}

static void pk_push_layer(struct pk_layers *ls, uint8_t kind, size_t off, size_t end)
{
    if (ls->n < PK_MAX_LAYERS && off < ls->len) {
        ls->kind[ls->n] = kind;
        ls->end[ls->n] = (uint32_t)end;
        ls->off[ls->n++] = (uint32_t)off;
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
    uint8_t kind = type == 0x0800   ? PK_L_IP
                   : type == 0x86dd ? PK_L_IPV6
                   : type == 0x0806 ? PK_L_ARP
                                    : PK_L_RAW;
    size_t at = 14, end = len;
    while (kind != PK_L_NONE && at < end && ls->n < PK_MAX_LAYERS) {
        if (kind == PK_W_ICMPV6)
            kind = pk_icmpv6_class(p + at, end - at);
        else if (kind == PK_W_NDOPT)
            kind = pk_ndopt_class(p + at, end - at);
        /* DNS over TCP: its length prefix must hold the message */
        if (kind == PK_L_DNS && ls->kind[ls->n - 1] != PK_L_UDP &&
            ls->kind[ls->n - 1] != PK_L_UDPERROR &&
            (end - at < 2 || pk_be16(p, at) < 14 || pk_be16(p, at) > end - at))
            kind = PK_L_RAW;
        if (ls->n + 1 == PK_MAX_LAYERS)
            kind = PK_L_RAW; /* as the decoder keeps room: the rest is Raw */
        size_t body_end = end;
        uint8_t next;
        size_t hdr = pk_header(p, kind, at, &body_end, &next);
        if (hdr == 0) {
            kind = next = PK_L_RAW;
            hdr = end - at;
            body_end = end;
        }
        pk_push_layer(ls, kind, at, body_end);
        at += hdr;
        end = body_end;
        kind = next;
    }
}

/* Where the fields of layer i start: DNS over TCP has a length before them. */
static size_t pk_base(const struct pk_layers *ls, size_t i)
{
    return ls->off[i] + (ls->kind[i] == PK_L_DNS && i > 0 &&
                                 pk_is(ls->kind[i - 1], PK_L_TCP, PK_L_TCPERROR)
                             ? 2
                             : 0);
}

/* Bits [bitoff, bitoff+bits) of layer i, MSB first; 0 past its datagram. */
static int pk_bits(const struct pk_layers *ls, size_t i, uint32_t bitoff, uint32_t bits,
                   uint64_t *v)
{
    size_t base = pk_base(ls, i);
    *v = 0;
    if (base + (bitoff + bits + 7) / 8 > ls->end[i])
        return 0;
    for (uint32_t b = bitoff; b < bitoff + bits; b++)
        *v = *v << 1 | ((ls->p[base + b / 8] >> (7 - b % 8)) & 1);
    return 1;
}

/* The n bytes at bit bitoff (a byte boundary) of layer i; NULL past its
 * datagram. */
static const uint8_t *pk_span(const struct pk_layers *ls, size_t i, uint32_t bitoff, size_t n)
{
    size_t at = pk_base(ls, i) + bitoff / 8;
    return bitoff % 8 == 0 && at + n <= ls->end[i] ? ls->p + at : NULL;
}

static uint64_t pk_u(const struct pk_layers *ls, size_t i, uint32_t bitoff, uint32_t bits)
{
    uint64_t v;
    pk_bits(ls, i, bitoff, bits, &v);
    return v;
}

/* 16 bytes of layer i at byte `at` (an IPv6 address; zeros past its end). */
static const uint8_t *pk_a(const struct pk_layers *ls, size_t i, size_t at)
{
    static const uint8_t none[16];
    const uint8_t *s = pk_span(ls, i, (uint32_t)(8 * at), 16);
    return s ? s : none;
}

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
 * the same hashret, then answers(). */
static int pk_answers(const struct pk_layers *r, const struct pk_layers *q, size_t from)
{
    size_t ri = from, qi = from;
    struct pk_hash hr, hq;
    if (r->n <= from || q->n <= from)
        return 0;
    pk_hashret(r, from, &hr);
    pk_hashret(q, from, &hq);
    if (hr.n != hq.n || memcmp(hr.b, hq.b, hr.n) != 0)
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

/* A pattern's constant field: bits [bitoff, bitoff+bits) of its layer, a
 * number or an address of 64 bits at most, or an IPv6 address (128 bits,
 * in addr); bits 0: the bytes from bitoff to the datagram's end, `value`
 * of them (Raw's load, ICMPv6 echo's data). */
struct pk_pat_field {
    uint16_t bitoff;
    uint8_t bits;
    uint64_t value;
    uint8_t addr[16];
    const char *bytes;
    int param;                     /* >= 0: value is this param's at run time */
};

struct pk_pat_layer {
    uint8_t kind;
    uint8_t nfields;
    const struct pk_pat_field *fields;
};

static int pk_pat_field_is(const struct pk_layers *ls, size_t i, const struct pk_pat_field *pf,
                           const struct pk_param_value *pv)
{
    uint64_t v;
    if (pf->bits == 0) {
        size_t at = pk_base(ls, i) + pf->bitoff / 8u;
        return at + pf->value == ls->end[i] && memcmp(ls->p + at, pf->bytes, pf->value) == 0;
    }
    if (pf->bits > 64) {
        const uint8_t *s = pk_span(ls, i, pf->bitoff, pf->bits / 8u);
        return s && memcmp(s, pf->addr, pf->bits / 8u) == 0;
    }
    return pk_bits(ls, i, pf->bitoff, pf->bits, &v) &&
           v == (pf->param >= 0 ? pv[pf->param].u : pf->value);
}

/* `matches` as runtime/interp/testing.c: each pattern layer, in order, is the next
 * layer of its kind, with every constant field equal. */
static int pk_pattern(const struct pk_layers *ls, size_t from, const struct pk_pat_layer *pat,
                      size_t n, const struct pk_param_value *pv)
{
    size_t at = from;
    for (size_t w = 0; w < n; w++) {
        while (at < ls->n && ls->kind[at] != pat[w].kind)
            at++;
        if (at == ls->n)
            return 0;
        for (size_t f = 0; f < pat[w].nfields; f++)
            if (!pk_pat_field_is(ls, at, &pat[w].fields[f], pv))
                return 0;
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
 * comparison, as runtime/interp/actions.c prints values, or the packet of its
 * last `matches` as hex. */
enum pk_got_kind {
    PK_GOT_NONE, PK_GOT_INT, PK_GOT_BOOL, PK_GOT_IP4, PK_GOT_MAC, PK_GOT_BYTES, PK_GOT_TEXT,
    PK_GOT_PACKET, PK_GOT_IP6,
};

/* An IPv6 address as an expect compares it. */
struct pk_a16 {
    uint8_t b[16];
};

/* Where an expect reads r[L]: what pktspec run reports when it cannot. */
struct pk_site {
    const char *none;
    const char *absent;
};

struct pk_expect_ctx {
    const char *error;             /* a run-time error: the run stops */
    struct pk_result *res;
    const size_t *cur;             /* per call: the pair of ans a loop is at */
    const struct pk_param_value *pv; /* the params' values in this run */
    int missing;                   /* r[L].f past the end of the frame */
    int got_kind;
    uint64_t got_u;
    const uint8_t *got_bytes;      /* PK_GOT_BYTES, PK_GOT_TEXT, PK_GOT_PACKET */
    size_t got_len;
    struct pk_a16 got_a16;         /* PK_GOT_IP6 */
};

/* A param's number or address (big-endian) in this run. */
static uint64_t pk_pv(const struct pk_expect_ctx *x, int param)
{
    return x->pv[param].u;
}

static uint64_t pk_got(struct pk_expect_ctx *x, int kind, uint64_t v)
{
    x->got_kind = kind;
    x->got_u = v;
    return v;
}

static struct pk_a16 pk_got16(struct pk_expect_ctx *x, struct pk_a16 v)
{
    x->got_kind = PK_GOT_IP6;
    x->got_a16 = v;
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
    case PK_GOT_IP6: {
        /* as runtime/core/addr.c's ps_format_ip6 (inet_ntop: wire.c's arpa/inet.h) */
        char text[INET6_ADDRSTRLEN];
        PK_PUT("%s", inet_ntop(AF_INET6, x->got_a16.b, text, sizeof text) ? text : "");
        break;
    }
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

/* The first layer of kind L of an operand, from IP on for sr and sr1;
 * -1 with the run-time error pktspec run stops with (none to index, or no
 * such layer) in x->error. */
static int pk_find(struct pk_expect_ctx *x, size_t call, int side, size_t pair, uint8_t kind,
                   const struct pk_site *site, struct pk_layers *ls)
{
    if (!pk_pick(x, call, side, pair, ls)) {
        x->error = x->error ? x->error : site->none;
        return -1;
    }
    for (size_t i = x->res[call].layer3 ? 1 : 0; i < ls->n; i++)
        if (ls->kind[i] == kind)
            return (int)i;
    x->error = x->error ? x->error : site->absent;
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
    return pk_pattern(&ls, from, pat, n, x->pv);
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
                         uint8_t kind, const struct pk_site *site, uint16_t bitoff, uint8_t bits)
{
    struct pk_layers ls;
    uint64_t v = 0;
    int i = pk_find(x, call, side, pair, kind, site, &ls);
    if (i >= 0 && !pk_bits(&ls, (size_t)i, bitoff, bits, &v))
        x->missing = 1;
    return v;
}

/* r[L].f of an IPv6 address (bitoff on a byte). */
static struct pk_a16 pk_field16(struct pk_expect_ctx *x, size_t call, int side, size_t pair,
                                uint8_t kind, const struct pk_site *site, uint16_t bitoff)
{
    struct pk_layers ls;
    struct pk_a16 v = {{0}};
    int i = pk_find(x, call, side, pair, kind, site, &ls);
    const uint8_t *s = i >= 0 ? pk_span(&ls, (size_t)i, bitoff, 16) : NULL;
    if (s)
        memcpy(v.b, s, 16);
    else if (i >= 0)
        x->missing = 1;
    return v;
}

/* memcmp's order, as runtime/interp/interp.c compares addresses. */
static int pk_cmp16(struct pk_a16 a, struct pk_a16 b)
{
    int c = memcmp(a.b, b.b, 16);
    return c < 0 ? -1 : c > 0;
}

/* r[Raw].load == s, r[ICMPv6EchoReply].data == s: the layer's bytes from
 * byte `from` to its datagram's end. */
static int pk_load_is(struct pk_expect_ctx *x, size_t call, int side, size_t pair,
                      uint8_t kind, const struct pk_site *site, size_t from, const char *s,
                      size_t n, int load_left)
{
    struct pk_layers ls;
    int i = pk_find(x, call, side, pair, kind, site, &ls);
    if (!load_left)
        pk_got_bytes(x, PK_GOT_TEXT, (const uint8_t *)s, n);
    if (i < 0)
        return 0;
    size_t end = ls.end[i] < ls.len ? ls.end[i] : ls.len;
    size_t at = ls.off[i] + from < end ? ls.off[i] + from : end;
    if (load_left)
        pk_got_bytes(x, PK_GOT_BYTES, ls.p + at, end - at);
    return end - at == n && memcmp(ls.p + at, s, n) == 0;
}
