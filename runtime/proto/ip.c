/* IPv4 (scapy/layers/inet.py IP): ihl, len and chksum when unset, options
 * padded with \0 to 4 bytes; the pseudo-header TCP and UDP sum over. */
#include <limits.h>
#include <string.h>

#include "packet.h"
#include "field_text.h"
#include "protos.h"
#include "services.h"

enum { F_VERSION, F_IHL, F_TOS, F_LEN, F_ID, F_FLAGS, F_FRAG, F_TTL, F_PROTO, F_CHKSUM, F_SRC,
       F_DST, F_OPTIONS };

static const char *const ip_flags[] = {"MF", "DF", "evil", NULL};

static const struct ps_field fields[] = {
    [F_VERSION] = {.name = "version", .kind = PS_K_UINT, .bits = 4, .def = 4,
                   .ls_type = "BitField  (4 bits)", .ls_default = "4"},
    [F_IHL] = {.name = "ihl", .kind = PS_K_UINT, .bits = 4, .is_auto = true,
               .ls_type = "BitField  (4 bits)", .ls_default = "None"},
    [F_TOS] = {.name = "tos", .kind = PS_K_UINT, .bits = 8, .hex = true, .ls_type = "XByteField",
               .ls_default = "0"},
    [F_LEN] = {.name = "len", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
               .ls_type = "ShortField", .ls_default = "None"},
    [F_ID] = {.name = "id", .kind = PS_K_UINT, .bits = 16, .def = 1, .ls_type = "ShortField",
              .ls_default = "1"},
    [F_FLAGS] = {.name = "flags", .kind = PS_K_UINT, .bits = 3, .flags = ip_flags,
                 .ls_type = "FlagsField", .ls_default = "<Flag 0 ()>"},
    [F_FRAG] = {.name = "frag", .kind = PS_K_UINT, .bits = 13, .ls_type = "BitField  (13 bits)",
                .ls_default = "0"},
    [F_TTL] = {.name = "ttl", .kind = PS_K_UINT, .bits = 8, .def = 64, .ls_type = "ByteField",
               .ls_default = "64"},
    [F_PROTO] = {.name = "proto", .kind = PS_K_UINT, .bits = 8, .enums = ps_ip_protos,
                 .ls_type = "ByteEnumField", .ls_default = "0"},
    [F_CHKSUM] = {.name = "chksum", .kind = PS_K_UINT, .bits = 16, .is_auto = true, .hex = true,
                  .ls_type = "XShortField", .ls_default = "None"},
    [F_SRC] = {.name = "src", .kind = PS_K_IPV4, .is_auto = true, .from_env = PS_ENV_SRC_IP4,
               .ls_type = "SourceIPField", .ls_default = "None"},
    /* DestIPField: None in the table, 127.0.0.1 when built. */
    [F_DST] = {.name = "dst", .kind = PS_K_IPV4, .is_auto = true, .def_text = "127.0.0.1",
               .ls_type = "DestIPField", .ls_default = "None"},
    [F_OPTIONS] = {.name = "options", .kind = PS_K_LAYERS, .sub_class = "IPOption", .pad_to = 4,
                   .ls_type = "PacketListField", .ls_default = "[]"},
};

/* bind_layers(Ether, IP, type=2048), bind_layers(IP, IP, frag=0, proto=4),
 * (IPv6, IP, nh=4), (GRE, IP, proto=2048), (SNAP, IP, code=2048),
 * (PPP, IP, proto=0x0021) */
static const struct ps_bind binds[] = {
    {"Ether", "type", 0x0800},
    {"IP", "frag", 0},
    {"IP", "proto", 4},
    {"IPv6", "nh", 4},
    {"GRE", "proto", 0x0800},
    {"SNAP", "code", 0x0800},
    {"PPP", "proto", 0x0021},
    {"CookedLinux", "proto", 0x0800},
    {"Loopback", "type", 2}, /* AF_INET */
    {"AH", "nh", 0}, /* bind_layers(AH, IP, nh=0) */
    {NULL, NULL, 0},
};

/* bind_bottom_up(Loopback, IP, type=0): a big-endian null header (see
 * loopback.c). */
static const struct ps_bind dissect_binds[] = {
    {"Loopback", "type", 0},
    {NULL, NULL, 0},
};

/* bind_top_down(VXLAN, IP, flags=12, NextProtocol=1); VXLAN's own
 * guess_payload dissects it. */
static const struct ps_bind build_binds[] = {
    {"VXLAN", "flags", 12},
    {"VXLAN", "NextProtocol", 1},
    {NULL, NULL, 0},
};

static void ip_post_build(struct ps_build *b, size_t idx)
{
    const struct ps_layer *l = &b->pkt->layers[idx];
    uint8_t *h = b->buf + b->start[idx];
    size_t hlen = b->hlen[idx];
    if (hlen < 20)
        return;
    if (!l->v[F_IHL].set)
        h[0] = (uint8_t)((h[0] & 0xf0) | ((hlen / 4) & 0x0f));
    if (!l->v[F_LEN].set)
        ps_put16(h + 2, (uint16_t)(b->end[idx] - b->start[idx]));
    if (!l->v[F_CHKSUM].set)
        ps_put16(h + 10, ps_csum_fold(ps_csum_add(0, h, hlen)));
}

/* isinstance(underlayer, IP): IPerror is an IP too. */
bool ps_on_ip(const struct ps_build *b, size_t idx)
{
    const struct ps_proto *under = idx > 0 ? b->pkt->layers[idx - 1].proto : NULL;
    return under == &ps_proto_ip || under == &ps_proto_iperror;
}

/* in4_pseudoheader checksums toward the final hop of a lone LSRR/SSRR. */
static const uint8_t *source_route_dst(const struct ps_layer *ip)
{
    const struct ps_fval *opts = &ip->v[F_OPTIONS];
    const struct ps_layer *route = NULL;
    size_t routes = 0;
    if (!opts->set)
        return NULL;
    for (size_t k = 0; k < opts->nsub; k++) {
        const struct ps_proto *p = opts->sub[k].proto;
        if (p == &ps_ipopt_lsrr || p == &ps_ipopt_ssrr) {
            route = &opts->sub[k];
            routes++;
        }
    }
    if (routes != 1)
        return NULL;
    int fi = ps_field_index(route->proto, "routers");
    if (fi < 0)
        return NULL;
    const struct ps_fval *r = &route->v[fi];
    if (!r->set || r->len < 4)
        return NULL;
    return r->bytes + (r->len / 4 - 1) * 4;
}

uint32_t ps_ip_pseudo_sum(const struct ps_build *b, size_t l4, uint8_t proto)
{
    size_t ipx = l4 - 1;
    const struct ps_layer *ip = &b->pkt->layers[ipx];
    const uint8_t *h = b->buf + b->start[ipx];
    const uint8_t *dst = source_route_dst(ip);
    size_t len = b->end[l4] - b->start[l4];
    if (ip->v[F_LEN].set) {
        /* Scapy trusts a given IP.len here, and a given ihl with it. */
        uint64_t ihl = ip->v[F_IHL].set ? ip->v[F_IHL].u : b->hlen[ipx] / 4;
        len = ip->v[F_LEN].u > 4 * ihl ? (size_t)(ip->v[F_LEN].u - 4 * ihl) : 0;
    }
    uint8_t tail[4] = {0, proto, (uint8_t)(len >> 8), (uint8_t)len};
    uint32_t sum = ps_csum_add(0, h + 12, dst ? 4 : 8);
    if (dst)
        sum = ps_csum_add(sum, dst, 4);
    return ps_csum_add(sum, tail, 4);
}

/* isinstance(x, IP): IPerror is an IP too. */
static bool is_ip(const struct ps_proto *p)
{
    return p == &ps_proto_ip || p == &ps_proto_iperror;
}

static bool is_mdns(const struct ps_layer *l)
{
    static const uint8_t mdns[4] = {224, 0, 0, 251};
    return memcmp(l->v[F_DST].addr, mdns, 4) == 0;
}

/* hashret: an ICMP error hashes as the datagram it quotes; else src xor
 * dst (mDNS: neither) and the protocol, then the payload. */
static size_t ip_hashret(const struct ps_packet *pkt, size_t idx, struct ps_hash *h)
{
    const struct ps_layer *l = &pkt->layers[idx];
    uint8_t proto = (uint8_t)ps_layer_uint(l, F_PROTO);
    if (proto == 1 && idx + 1 < pkt->n && ps_icmp_quotes(&pkt->layers[idx + 1]))
        return idx + 2 < pkt->n ? idx + 2 : pkt->n;
    if (!is_mdns(l)) {
        uint8_t x[4];
        for (size_t i = 0; i < 4; i++)
            x[i] = l->v[F_SRC].addr[i] ^ l->v[F_DST].addr[i];
        ps_hash_put(h, x, 4);
    }
    ps_hash_put(h, &proto, 1);
    return idx + 1;
}

/* answers: to the request's source, from its destination, with its
 * protocol; an ICMP error is decided by the datagram it quotes. */
static enum ps_answer ip_answers(const struct ps_packet *reply, size_t *r,
                                 const struct ps_packet *query, size_t *q)
{
    if (*q >= query->n || !is_ip(query->layers[*q].proto))
        return PS_ANSWER_NO;
    const struct ps_layer *self = &reply->layers[*r], *other = &query->layers[*q];
    if (is_mdns(self) && is_mdns(other)) {
        ++*r;
        ++*q;
        return PS_ANSWER_ON;
    }
    if (memcmp(self->v[F_DST].addr, other->v[F_SRC].addr, 4) != 0)
        return PS_ANSWER_NO;
    uint64_t proto = ps_layer_uint(self, F_PROTO);
    if (proto == 1 && *r + 1 < reply->n && ps_icmp_quotes(&reply->layers[*r + 1])) {
        *r += 2; /* the quoted IPerror answers the request itself */
        return PS_ANSWER_ON;
    }
    if (memcmp(self->v[F_SRC].addr, other->v[F_DST].addr, 4) != 0 ||
        proto != ps_layer_uint(other, F_PROTO))
        return PS_ANSWER_NO;
    ++*r;
    ++*q;
    return PS_ANSWER_ON;
}

/* IPerror.answers: the quoted datagram is the request (ids unchecked, as
 * with Scapy's default checkIPID=False). */
static enum ps_answer iperror_answers(const struct ps_packet *reply, size_t *r,
                                      const struct ps_packet *query, size_t *q)
{
    if (*q >= query->n || !is_ip(query->layers[*q].proto))
        return PS_ANSWER_NO;
    const struct ps_layer *self = &reply->layers[*r], *other = &query->layers[*q];
    if (memcmp(self->v[F_SRC].addr, other->v[F_SRC].addr, 4) != 0 ||
        memcmp(self->v[F_DST].addr, other->v[F_DST].addr, 4) != 0 ||
        ps_layer_uint(self, F_PROTO) != ps_layer_uint(other, F_PROTO))
        return PS_ANSWER_NO;
    ++*r;
    ++*q;
    return PS_ANSWER_ON;
}

/* PacketListField length_from: ihl*4 - 20, which is negative for ihl < 5:
 * Scapy's s[:ihl*4-20] then takes all but the last 20-ihl*4 bytes. */
static size_t ip_options_len(const struct ps_layer *l, size_t field)
{
    uint64_t ihl = ps_layer_uint(l, F_IHL);
    if (field != F_OPTIONS)
        return 0;
    return ihl >= 5 ? (size_t)(ihl * 4 - 20) : PS_LEN_ALL_BUT(20 - ihl * 4);
}

/* extract_padding: len - ihl*4, unless that is negative. A len the frame
 * ended before is None, which the subtraction raises on. */
static bool ip_payload_len(const struct ps_layer *l, long *len)
{
    if (!l->v[F_LEN].set) {
        *len = LONG_MIN;
        return true;
    }
    long n = (long)ps_layer_uint(l, F_LEN) - 4 * (long)ps_layer_uint(l, F_IHL);
    if (n < 0)
        return false;
    *len = n;
    return true;
}

/* "%IP.src% > %IP.dst% %IP.proto%", then " frag:%i" for a fragment. */
static int mysummary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    uint64_t frag = 0;
    ps_put_src_dst(&b, pkt, idx);
    ps_strbuf_puts(&b, " ");
    ps_put_field(&b, pkt, idx, "proto");
    if (ps_field_uint(pkt, idx, "frag", &frag) && frag)
        ps_strbuf_printf(&b, " frag:%u", (unsigned)frag);
    return ps_strbuf_result(&b);
}

const struct ps_proto ps_proto_ip = {
    .name = "IP",
    .long_name = "IP",
    .fields = fields,
    .nfields = PS_NFIELDS(fields),
    .binds = binds,
    .build_binds = build_binds,
    .dissect_binds = dissect_binds,
    .post_build = ip_post_build,
    .neighbor_field = "dst",
    .mysummary = mysummary,
    .options_len = ip_options_len,
    .payload_len = ip_payload_len,
    .hashret = ip_hashret,
    .answers = ip_answers,
};

/* IPerror: an IP quoted in an ICMP error. Its bindings are those Scapy had
 * copied from IP when IPerror got its own (Ether's, not IP-in-IP's). */
static const struct ps_bind iperror_binds[] = {
    {"Ether", "type", 0x0800},
    {"IPerror", "frag", 0},
    {"IPerror", "proto", 4},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_iperror = {
    .name = "IPerror",
    .long_name = "IP in ICMP",
    .fields = fields,
    .nfields = PS_NFIELDS(fields),
    .binds = iperror_binds,
    .post_build = ip_post_build,
    .alias = "IP",
    .options_len = ip_options_len,
    .payload_len = ip_payload_len,
    .hashret = ip_hashret,
    .answers = iperror_answers,
};
