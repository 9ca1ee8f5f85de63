/* ---- the headers of a frame ------------------------------------------------
 * What the probe knows of a frame that came back: a walk over the headers
 * pktspec's decoder would find (Ether, ARP, IPv4, ICMP, TCP, UDP, IPv6 and
 * its extension headers, the ICMPv6 messages and ND options, DNS, the
 * datagram an ICMP or ICMPv6 error quotes, Raw), and reads of their bits.
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
