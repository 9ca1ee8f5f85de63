/* ICMPv6 neighbour discovery (scapy/layers/inet6.py ICMPv6ND_*, RFC 4861)
 * and the options that follow its messages, each a layer of its own whose
 * class the option type picks. */
#include <stdio.h>
#include <string.h>

#include "addr.h"
#include "packet.h"
#include "field_text.h"
#include "strbuf.h"
#include "protos.h"

enum { F_TYPE, F_CODE, F_CKSUM };

#define TYPE(d, d_s)                                                                        \
    [F_TYPE] = {.name = "type", .kind = PS_K_UINT, .bits = 8, .def = (d),                  \
                .enums = ps_icmpv6_types, .ls_type = "ByteEnumField", .ls_default = d_s}
#define CODE                                                                                \
    [F_CODE] = {.name = "code", .kind = PS_K_UINT, .bits = 8, .ls_type = "ByteField",       \
                .ls_default = "0"}
#define CKSUM                                                                               \
    [F_CKSUM] = {.name = "cksum", .kind = PS_K_UINT, .bits = 16, .is_auto = true,            \
                 .hex = true, .ls_type = "XShortField", .ls_default = "None"}
#define TGT(n)                                                                              \
    {.name = n, .kind = PS_K_IPV6, .def_text = "::", .ls_type = "IP6Field",                \
     .ls_default = "'::'"}

/* overload_fields: {IPv6: {"nh": 58, "dst": ..., "hlim": 255}} */
static const struct ps_bind nd_binds[] = {
    {"IPv6", "nh", 58},
    {"IPv6", "hlim", 255},
    {NULL, NULL, 0},
};

/* _ICMPv6NDGuessPayload: the option's class by its type byte, which
 * ICMPv6NDOptUnknown's dispatch reads. */
const char *ps_icmpv6_nd_payload(const struct ps_layer *l)
{
    (void)l;
    return "ICMPv6NDOptUnknown";
}

/* Appends sprintf("%Layer.name%") of layer idx. */
static void put_field(struct ps_strbuf *b, const struct ps_packet *pkt, size_t idx,
                      const char *name)
{
    size_t room = b->len < b->cap ? b->cap - b->len : 0;
    int k = ps_format_field(pkt, idx, name, room ? b->p + b->len : NULL, room);
    b->len += k > 0 ? (size_t)k : 0;
}

/* "%name% (tgt: %tgt%)" */
static int tgt_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    char tgt[64] = "";
    ps_format_field(pkt, idx, "tgt", tgt, sizeof tgt);
    return snprintf(out, cap, "%s (tgt: %s)", pkt->layers[idx].proto->long_name, tgt);
}

/* ICMPv6ND_NS and _NA.hashret: bytes_encode(self.tgt), the address as text. */
static size_t tgt_hashret(const struct ps_packet *pkt, size_t idx, struct ps_hash *h)
{
    const struct ps_layer *l = &pkt->layers[idx];
    char text[46];
    ps_format_ip6(l->v[ps_field_index(l->proto, "tgt")].addr, text);
    ps_hash_put(h, text, strlen(text));
    return idx + 1;
}

/* ICMPv6ND_NA.answers: an NS for the same target. */
static enum ps_answer na_answers(const struct ps_packet *reply, size_t *r,
                                 const struct ps_packet *query, size_t *q)
{
    if (*q >= query->n || query->layers[*q].proto != &ps_proto_icmpv6_nd_ns)
        return PS_ANSWER_NO;
    const struct ps_layer *self = &reply->layers[*r], *other = &query->layers[*q];
    return memcmp(self->v[ps_field_index(self->proto, "tgt")].addr,
                  other->v[ps_field_index(other->proto, "tgt")].addr, 16) == 0
               ? PS_ANSWER_YES
               : PS_ANSWER_NO;
}

/* ICMPv6ND_RA.answers: isinstance(other, ICMPv6ND_RS). */
static enum ps_answer ra_answers(const struct ps_packet *reply, size_t *r,
                                 const struct ps_packet *query, size_t *q)
{
    (void)reply, (void)r;
    return *q < query->n && query->layers[*q].proto == &ps_proto_icmpv6_nd_rs ? PS_ANSWER_YES
                                                                               : PS_ANSWER_NO;
}

#define ND_MESSAGE(var, cls, longname, fieldtab, dst, summary, hash, ans)                     \
    const struct ps_proto var = {.name = cls, .long_name = longname, .fields = fieldtab,      \
                                 .nfields = PS_NFIELDS(fieldtab), .build_binds = nd_binds,   \
                                 .addr_binds = dst, .post_build = ps_icmpv6_post_build,      \
                                 .guess_payload = ps_icmpv6_nd_payload, .mysummary = summary, \
                                 .hashret = hash, .answers = ans}

static const struct ps_field rs_fields[] = {
    TYPE(133, "133"), CODE, CKSUM,
    {.name = "res", .kind = PS_K_UINT, .bits = 32, .ls_type = "IntField", .ls_default = "0"},
};

ND_MESSAGE(ps_proto_icmpv6_nd_rs, "ICMPv6ND_RS", "ICMPv6 Neighbor Discovery - Router Solicitation",
           rs_fields, ps_icmpv6_to_all_routers, NULL, NULL, ps_icmpv6_answers);

/* icmp6ndraprefs */
static const struct ps_enum router_preferences[] = {
    {0, "Medium (default)"},
    {1, "High"},
    {2, "Reserved"},
    {3, "Low"},
    {0, NULL},
};

#define BIT(n)                                                                              \
    {.name = n, .kind = PS_K_UINT, .bits = 1, .ls_type = "BitField  (1 bit)",             \
     .ls_default = "0"}

static const struct ps_field ra_fields[] = {
    TYPE(134, "134"), CODE, CKSUM,
    {.name = "chlim", .kind = PS_K_UINT, .bits = 8, .ls_type = "ByteField", .ls_default = "0"},
    BIT("M"),
    BIT("O"),
    BIT("H"),
    {.name = "prf", .kind = PS_K_UINT, .bits = 2, .def = 1, .enums = router_preferences,
     .ls_type = "BitEnumField", .ls_default = "1"},
    BIT("P"),
    {.name = "res", .kind = PS_K_UINT, .bits = 2, .ls_type = "BitField  (2 bits)",
     .ls_default = "0"},
    {.name = "routerlifetime", .kind = PS_K_UINT, .bits = 16, .def = 1800,
     .ls_type = "ShortField", .ls_default = "1800"},
    {.name = "reachabletime", .kind = PS_K_UINT, .bits = 32, .ls_type = "IntField",
     .ls_default = "0"},
    {.name = "retranstimer", .kind = PS_K_UINT, .bits = 32, .ls_type = "IntField",
     .ls_default = "0"},
};

/* sprintf of "%name% Lifetime %routerlifetime% Hop Limit %chlim% Preference
 * %prf% Managed %M% Other %O% Home %H%" */
static int ra_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    static const char *const parts[][2] = {
        {" Lifetime ", "routerlifetime"}, {" Hop Limit ", "chlim"}, {" Preference ", "prf"},
        {" Managed ", "M"},               {" Other ", "O"},         {" Home ", "H"},
    };
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    ps_strbuf_puts(&b, pkt->layers[idx].proto->long_name);
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        ps_strbuf_puts(&b, parts[i][0]);
        put_field(&b, pkt, idx, parts[i][1]);
    }
    return ps_strbuf_result(&b);
}

ND_MESSAGE(ps_proto_icmpv6_nd_ra, "ICMPv6ND_RA", "ICMPv6 Neighbor Discovery - Router Advertisement",
           ra_fields, ps_icmpv6_to_all_nodes, ra_summary, NULL, ra_answers);

static const struct ps_field ns_fields[] = {
    TYPE(135, "135"), CODE, CKSUM,
    {.name = "res", .kind = PS_K_UINT, .bits = 32, .ls_type = "IntField", .ls_default = "0"},
    TGT("tgt"),
};

ND_MESSAGE(ps_proto_icmpv6_nd_ns, "ICMPv6ND_NS", "ICMPv6 Neighbor Discovery - Neighbor Solicitation",
           ns_fields, ps_icmpv6_to_all_nodes, tgt_summary, tgt_hashret,
           ps_icmpv6_answers);

static const struct ps_field na_fields[] = {
    TYPE(136, "136"), CODE, CKSUM,
    {.name = "R", .kind = PS_K_UINT, .bits = 1, .def = 1, .ls_type = "BitField  (1 bit)",
     .ls_default = "1"},
    BIT("S"),
    {.name = "O", .kind = PS_K_UINT, .bits = 1, .def = 1, .ls_type = "BitField  (1 bit)",
     .ls_default = "1"},
    {.name = "res", .kind = PS_K_UINT, .bits = 29, .hex = true, .ls_type = "XBitField  (29 bits)",
     .ls_default = "0"},
    TGT("tgt"),
};

ND_MESSAGE(ps_proto_icmpv6_nd_na, "ICMPv6ND_NA",
           "ICMPv6 Neighbor Discovery - Neighbor Advertisement", na_fields, ps_icmpv6_to_all_nodes,
           tgt_summary, tgt_hashret, na_answers);

static const struct ps_field redirect_fields[] = {
    TYPE(137, "137"), CODE, CKSUM,
    {.name = "res", .kind = PS_K_UINT, .bits = 32, .hex = true, .ls_type = "XIntField",
     .ls_default = "0"},
    TGT("tgt"),
    TGT("dst"),
};

ND_MESSAGE(ps_proto_icmpv6_nd_redirect, "ICMPv6ND_Redirect", "ICMPv6 Neighbor Discovery - Redirect",
           redirect_fields, ps_icmpv6_to_all_nodes, NULL, NULL, ps_icmpv6_answers);

/* ------------------------------------------------------------- options */

/* icmp6ndoptscls, for the dispatch: what Scapy has no class for, or an
 * option of one byte, is Raw. */
static const char *option_class(const uint8_t *p, size_t len)
{
    static const char *const by_type[32] = {
        [1] = "ICMPv6NDOptSrcLLAddr",   [2] = "ICMPv6NDOptDstLLAddr",
        [3] = "ICMPv6NDOptPrefixInfo",  [4] = "ICMPv6NDOptRedirectedHdr",
        [5] = "ICMPv6NDOptMTU",         [6] = "ICMPv6NDOptShortcutLimit",
        [7] = "ICMPv6NDOptAdvInterval", [8] = "ICMPv6NDOptHAInfo",
        [9] = "ICMPv6NDOptSrcAddrList", [10] = "ICMPv6NDOptTgtAddrList",
        [17] = "ICMPv6NDOptIPAddr",     [18] = "ICMPv6NDOptNewRtrPrefix",
        [19] = "ICMPv6NDOptLLA",        [23] = "ICMPv6NDOptMAP",
        [24] = "ICMPv6NDOptRouteInfo",  [25] = "ICMPv6NDOptRDNSS",
        [26] = "ICMPv6NDOptEFA",        [31] = "ICMPv6NDOptDNSSL",
    };
    if (len <= 1 || p[0] >= 32 || !by_type[p[0]])
        return "Raw";
    /* An option class the registry lacks is not this one: its bytes stay
     * bytes. */
    return ps_proto_find(by_type[p[0]]) ? by_type[p[0]] : "Raw";
}

enum { O_TYPE, O_LEN };

static const struct ps_field unknown_option_fields[] = {
    [O_TYPE] = {.name = "type", .kind = PS_K_UINT, .bits = 8, .is_auto = true,
                .ls_type = "ByteField", .ls_default = "None"},
    [O_LEN] = {.name = "len", .kind = PS_K_UINT, .bits = 8, .is_auto = true,
               .length_of = "data", .len_adjust = 2, .ls_type = "FieldLenField",
               .ls_default = "None"},
    {.name = "data", .kind = PS_K_BYTES, .def_text = "", .ls_type = "StrLenField",
     .ls_default = "b''"},
};

const struct ps_proto ps_proto_icmpv6_ndopt_unknown = {
    .name = "ICMPv6NDOptUnknown",
    .long_name = "ICMPv6 Neighbor Discovery Option - Scapy Unimplemented",
    .fields = unknown_option_fields,
    .nfields = PS_NFIELDS(unknown_option_fields),
    .guess_payload = ps_icmpv6_nd_payload,
    .dispatch = option_class,
};

/* "%name% %lladdr%" */
static int lladdr_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    char mac[24] = "";
    ps_format_field(pkt, idx, "lladdr", mac, sizeof mac);
    return snprintf(out, cap, "%s %s", pkt->layers[idx].proto->long_name, mac);
}

#define LLADDR_FIELDS(type, type_s)                                                          \
    {.name = "type", .kind = PS_K_UINT, .bits = 8, .def = (type), .ls_type = "ByteField",   \
     .ls_default = type_s},                                                                  \
    {.name = "len", .kind = PS_K_UINT, .bits = 8, .def = 1, .ls_type = "ByteField",         \
     .ls_default = "1"},                                                                     \
    {.name = "lladdr", .kind = PS_K_MAC, .def_text = "00:00:00:00:00:00",                   \
     .ls_type = "MACField", .ls_default = "'00:00:00:00:00:00'"}

static const struct ps_field src_lladdr_fields[] = {LLADDR_FIELDS(1, "1")};
static const struct ps_field dst_lladdr_fields[] = {LLADDR_FIELDS(2, "2")};

const struct ps_proto ps_proto_icmpv6_ndopt_src_lladdr = {
    .name = "ICMPv6NDOptSrcLLAddr",
    .long_name = "ICMPv6 Neighbor Discovery Option - Source Link-Layer Address",
    .fields = src_lladdr_fields,
    .nfields = PS_NFIELDS(src_lladdr_fields),
    .guess_payload = ps_icmpv6_nd_payload,
    .mysummary = lladdr_summary,
};

const struct ps_proto ps_proto_icmpv6_ndopt_dst_lladdr = {
    .name = "ICMPv6NDOptDstLLAddr",
    .long_name = "ICMPv6 Neighbor Discovery Option - Destination Link-Layer Address",
    .fields = dst_lladdr_fields,
    .nfields = PS_NFIELDS(dst_lladdr_fields),
    .guess_payload = ps_icmpv6_nd_payload,
    .mysummary = lladdr_summary,
};

static const struct ps_field prefix_info_fields[] = {
    {.name = "type", .kind = PS_K_UINT, .bits = 8, .def = 3, .ls_type = "ByteField",
     .ls_default = "3"},
    {.name = "len", .kind = PS_K_UINT, .bits = 8, .def = 4, .ls_type = "ByteField",
     .ls_default = "4"},
    {.name = "prefixlen", .kind = PS_K_UINT, .bits = 8, .def = 64, .ls_type = "ByteField",
     .ls_default = "64"},
    {.name = "L", .kind = PS_K_UINT, .bits = 1, .def = 1, .ls_type = "BitField  (1 bit)",
     .ls_default = "1"},
    {.name = "A", .kind = PS_K_UINT, .bits = 1, .def = 1, .ls_type = "BitField  (1 bit)",
     .ls_default = "1"},
    BIT("R"),
    {.name = "res1", .kind = PS_K_UINT, .bits = 5, .ls_type = "BitField  (5 bits)",
     .ls_default = "0"},
    {.name = "validlifetime", .kind = PS_K_UINT, .bits = 32, .def = 0xffffffff, .hex = true,
     .ls_type = "XIntField", .ls_default = "4294967295"},
    {.name = "preferredlifetime", .kind = PS_K_UINT, .bits = 32, .def = 0xffffffff,
     .hex = true, .ls_type = "XIntField", .ls_default = "4294967295"},
    {.name = "res2", .kind = PS_K_UINT, .bits = 32, .hex = true, .ls_type = "XIntField",
     .ls_default = "0"},
    TGT("prefix"),
};

/* "%name% %prefix%/%prefixlen% On-link %L% Autonomous Address %A% Router
 * Address %R%" */
static int prefix_info_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    static const char *const parts[][2] = {
        {" ", "prefix"}, {"/", "prefixlen"}, {" On-link ", "L"},
        {" Autonomous Address ", "A"}, {" Router Address ", "R"},
    };
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    ps_strbuf_puts(&b, pkt->layers[idx].proto->long_name);
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        ps_strbuf_puts(&b, parts[i][0]);
        put_field(&b, pkt, idx, parts[i][1]);
    }
    return ps_strbuf_result(&b);
}

const struct ps_proto ps_proto_icmpv6_ndopt_prefix_info = {
    .name = "ICMPv6NDOptPrefixInfo",
    .long_name = "ICMPv6 Neighbor Discovery Option - Prefix Information",
    .fields = prefix_info_fields,
    .nfields = PS_NFIELDS(prefix_info_fields),
    .guess_payload = ps_icmpv6_nd_payload,
    .mysummary = prefix_info_summary,
};

static const struct ps_field mtu_fields[] = {
    {.name = "type", .kind = PS_K_UINT, .bits = 8, .def = 5, .ls_type = "ByteField",
     .ls_default = "5"},
    {.name = "len", .kind = PS_K_UINT, .bits = 8, .def = 1, .ls_type = "ByteField",
     .ls_default = "1"},
    {.name = "res", .kind = PS_K_UINT, .bits = 16, .hex = true, .ls_type = "XShortField",
     .ls_default = "0"},
    {.name = "mtu", .kind = PS_K_UINT, .bits = 32, .def = 1280, .ls_type = "IntField",
     .ls_default = "1280"},
};

/* "%name% %mtu%" */
static int mtu_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    char mtu[24] = "";
    ps_format_field(pkt, idx, "mtu", mtu, sizeof mtu);
    return snprintf(out, cap, "%s %s", pkt->layers[idx].proto->long_name, mtu);
}

const struct ps_proto ps_proto_icmpv6_ndopt_mtu = {
    .name = "ICMPv6NDOptMTU",
    .long_name = "ICMPv6 Neighbor Discovery Option - MTU",
    .fields = mtu_fields,
    .nfields = PS_NFIELDS(mtu_fields),
    .guess_payload = ps_icmpv6_nd_payload,
    .mysummary = mtu_summary,
};

/* ------------------------------------------------ RDNSS (RFC 8106) */

enum { D_TYPE, D_LEN, D_RES, D_LIFETIME, D_DNS };

/* IP6ListField(length_from=8 * (len - 1)), a Python slice even when
 * negative; a piece shorter than an address makes inet_ntop raise. */
static long rdnss_servers(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                          struct ps_fval *v, struct ps_decode_room *room)
{
    (void)room;
    long want = 8 * ((long)ps_layer_uint(l, D_LEN) - 1), rest = (long)(len - off);
    long n = want >= 0 ? (want < rest ? want : rest) : (rest + want > 0 ? rest + want : 0);
    if (n % 16)
        return -1;
    v->bytes = p + off;
    v->len = (size_t)n;
    return n;
}

static const struct ps_field rdnss_fields[] = {
    [D_TYPE] = {.name = "type", .kind = PS_K_UINT, .bits = 8, .def = 25, .ls_type = "ByteField",
                .ls_default = "25"},
    [D_LEN] = {.name = "len", .kind = PS_K_UINT, .bits = 8, .is_auto = true,
               .ls_type = "FieldLenField", .ls_default = "None"},
    [D_RES] = {.name = "res", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
               .ls_type = "ShortField", .ls_default = "None"},
    [D_LIFETIME] = {.name = "lifetime", .kind = PS_K_UINT, .bits = 32, .def = 0xffffffff,
                    .ls_type = "IntField", .ls_default = "4294967295"},
    [D_DNS] = {.name = "dns", .kind = PS_K_BYTES, .ipv6_list = true, .def_text = "",
               .repr = ps_ip6_list_repr, .decode = rdnss_servers, .ls_type = "IP6ListField",
               .ls_default = "[]"},
};

/* len: FieldLenField count_of dns, adjust 2x + 1. */
static void rdnss_post_build(struct ps_build *b, size_t idx)
{
    const struct ps_layer *l = &b->pkt->layers[idx];
    size_t count = l->v[D_DNS].set ? l->v[D_DNS].len / 16 : 0;
    if (b->hlen[idx] >= 2 && !l->v[D_LEN].set)
        b->buf[b->start[idx] + 1] = (uint8_t)(2 * count + 1);
}

/* "%name% " + ", ".join(dns) */
static int rdnss_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    const struct ps_fval *dns = &pkt->layers[idx].v[D_DNS];
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    char text[46];
    ps_strbuf_printf(&b, "%s ", pkt->layers[idx].proto->long_name);
    for (size_t i = 0; dns->set && i + 16 <= dns->len; i += 16) {
        ps_format_ip6(dns->bytes + i, text);
        ps_strbuf_printf(&b, "%s%s", i ? ", " : "", text);
    }
    return ps_strbuf_result(&b);
}

const struct ps_proto ps_proto_icmpv6_ndopt_rdnss = {
    .name = "ICMPv6NDOptRDNSS",
    .long_name = "ICMPv6 Neighbor Discovery Option - Recursive DNS Server Option",
    .fields = rdnss_fields,
    .nfields = PS_NFIELDS(rdnss_fields),
    .post_build = rdnss_post_build,
    .guess_payload = ps_icmpv6_nd_payload,
    .mysummary = rdnss_summary,
};
