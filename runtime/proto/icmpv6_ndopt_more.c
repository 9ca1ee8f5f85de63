/* The neighbour discovery options of scapy/layers/inet6.py that
 * icmpv6_nd.c does not hold: Route Information (RFC 4191), DNS Search
 * List (RFC 6106) and the options
 * of fixed fields (NBMA shortcut limit, advertisement interval, home agent
 * information, the fast handover IP address, new router prefix and
 * link-layer address options, MAP, expanded flags). icmpv6_nd.c's
 * dispatch finds each by its type once it is registered. */
#include <stdio.h>
#include <string.h>

#include "packet.h"
#include "field_text.h"
#include "protos.h"
#include "strbuf.h"

#define BYTE(n, d, d_s)                                                                      \
    {.name = n, .kind = PS_K_UINT, .bits = 8, .def = (d), .ls_type = "ByteField",            \
     .ls_default = d_s}
#define SHORT(n, d, d_s)                                                                     \
    {.name = n, .kind = PS_K_UINT, .bits = 16, .def = (d), .ls_type = "ShortField",          \
     .ls_default = d_s}
#define INT(n, d, d_s)                                                                       \
    {.name = n, .kind = PS_K_UINT, .bits = 32, .def = (d), .ls_type = "IntField",            \
     .ls_default = d_s}
#define ADDR6(n)                                                                             \
    {.name = n, .kind = PS_K_IPV6, .def_text = "::", .ls_type = "IP6Field",                  \
     .ls_default = "'::'"}

#define OPTION(var, cls, longname, fieldtab, summary)                                        \
    const struct ps_proto var = {.name = cls, .long_name = longname, .fields = fieldtab,     \
                                 .nfields = PS_NFIELDS(fieldtab),                            \
                                 .guess_payload = ps_icmpv6_nd_payload, .mysummary = summary}

/* sprintf("%name% " + fmt) with the fields named in fmt's %s, in order. */
static int name_and(const struct ps_packet *pkt, size_t idx, const char *f1, const char *sep,
                    const char *f2, const char *tail, char *out, size_t cap)
{
    char a[64] = "", b[64] = "";
    ps_format_field(pkt, idx, f1, a, sizeof a);
    if (f2)
        ps_format_field(pkt, idx, f2, b, sizeof b);
    return snprintf(out, cap, "%s %s%s%s%s", pkt->layers[idx].proto->long_name, a, sep, b, tail);
}

/* ---------------------------------------------------------- RouteInfo */

enum { R_TYPE, R_LEN, R_PLEN, R_RES1, R_PRF, R_RES2, R_LIFETIME, R_PREFIX };

static const struct ps_enum prefs[] = {
    {0, "Medium (default)"}, {1, "High"}, {2, "Reserved"}, {3, "Low"}, {0, NULL},
};

/* _IP6PrefixField.i2m: as many bytes as len says (8 * (len - 1), 16 and
 * zeros past 3); with len unset the whole address, or nothing when the
 * prefix is unset too. */
static long prefix_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                          size_t cap)
{
    uint8_t zero[16] = {0};
    const uint8_t *a = v->set ? v->addr : zero;
    size_t n;
    if (!l->v[R_LEN].set)
        n = v->set ? 16 : 0;
    else if (l->v[R_LEN].u <= 1)
        n = 0;
    else if (l->v[R_LEN].u <= 3)
        n = 8 * (size_t)(l->v[R_LEN].u - 1);
    else
        n = 16 + 8 * (size_t)(l->v[R_LEN].u - 3);
    if (!out)
        return (long)n;
    if (n > cap)
        return -1;
    memset(out, 0, n);
    memcpy(out, a, n < 16 ? n : 16);
    return (long)n;
}

/* _IP6PrefixField.getfield: p = s[:8 * (len - 1)], and when that length
 * is under 16, p += 16 - length zeros; inet_ntop raises unless p is then
 * an address (a negative length or a cut piece never is). */
static long prefix_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                          struct ps_fval *v, struct ps_decode_room *room)
{
    (void)room;
    long want = 8 * ((long)ps_layer_uint(l, R_LEN) - 1), rest = (long)(len - off);
    if (want < 0)
        return -1;
    long got = want < rest ? want : rest;
    if (got + (want < 16 ? 16 - want : 0) != 16)
        return -1;
    memset(v->addr, 0, sizeof v->addr);
    memcpy(v->addr, p + off, (size_t)got);
    return got;
}

static const struct ps_field route_fields[] = {
    [R_TYPE] = BYTE("type", 24, "24"),
    /* FieldLenField length_of prefix, adjust x // 8 + 1: post_build. */
    [R_LEN] = {.name = "len", .kind = PS_K_UINT, .bits = 8, .is_auto = true,
               .ls_type = "FieldLenField", .ls_default = "None"},
    [R_PLEN] = {.name = "plen", .kind = PS_K_UINT, .bits = 8, .is_auto = true,
                .ls_type = "ByteField", .ls_default = "None"},
    [R_RES1] = {.name = "res1", .kind = PS_K_UINT, .bits = 3, .ls_type = "BitField  (3 bits)",
                .ls_default = "0"},
    [R_PRF] = {.name = "prf", .kind = PS_K_UINT, .bits = 2, .enums = prefs,
               .ls_type = "BitEnumField", .ls_default = "0"},
    [R_RES2] = {.name = "res2", .kind = PS_K_UINT, .bits = 3, .ls_type = "BitField  (3 bits)",
                .ls_default = "0"},
    [R_LIFETIME] = INT("rtlifetime", 0xffffffff, "4294967295"),
    [R_PREFIX] = {.name = "prefix", .kind = PS_K_IPV6, .is_auto = true, .encode = prefix_encode,
                  .decode = prefix_decode, .ls_type = "_IP6PrefixField", .ls_default = "None"},
};

static void route_post_build(struct ps_build *b, size_t idx)
{
    const struct ps_layer *l = &b->pkt->layers[idx];
    if (b->hlen[idx] >= 2 && !l->v[R_LEN].set)
        b->buf[b->start[idx] + 1] = (uint8_t)((b->hlen[idx] - 8) / 8 + 1);
}

/* "%name% %prefix%/%plen% Preference %prf%" */
static int route_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    char prefix[64] = "", plen[24] = "", prf[32] = "";
    ps_format_field(pkt, idx, "prefix", prefix, sizeof prefix);
    ps_format_field(pkt, idx, "plen", plen, sizeof plen);
    ps_format_field(pkt, idx, "prf", prf, sizeof prf);
    return snprintf(out, cap, "%s %s/%s Preference %s", pkt->layers[idx].proto->long_name,
                    prefix, plen, prf);
}

const struct ps_proto ps_proto_icmpv6_ndopt_route_info = {
    .name = "ICMPv6NDOptRouteInfo",
    .long_name = "ICMPv6 Neighbor Discovery Option - Route Information Option",
    .fields = route_fields,
    .nfields = PS_NFIELDS(route_fields),
    .post_build = route_post_build,
    .guess_payload = ps_icmpv6_nd_payload,
    .mysummary = route_summary,
};

/* ------------------------------------------------- fixed-field options */

static const struct ps_field shortcut_fields[] = {
    BYTE("type", 6, "6"), BYTE("len", 1, "1"), BYTE("shortcutlim", 40, "40"),
    BYTE("res1", 0, "0"), INT("res2", 0, "0"),
};
OPTION(ps_proto_icmpv6_ndopt_shortcut_limit, "ICMPv6NDOptShortcutLimit",
       "ICMPv6 Neighbor Discovery Option - NBMA Shortcut Limit", shortcut_fields, NULL);

/* "%name% %advint% milliseconds" */
static int adv_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    return name_and(pkt, idx, "advint", "", NULL, " milliseconds", out, cap);
}
static const struct ps_field adv_fields[] = {
    BYTE("type", 7, "7"), BYTE("len", 1, "1"), SHORT("res", 0, "0"), INT("advint", 0, "0"),
};
OPTION(ps_proto_icmpv6_ndopt_adv_interval, "ICMPv6NDOptAdvInterval",
       "ICMPv6 Neighbor Discovery - Interval Advertisement", adv_fields, adv_summary);

/* "%name% %pref% %lifetime% seconds" */
static int ha_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    return name_and(pkt, idx, "pref", " ", "lifetime", " seconds", out, cap);
}
static const struct ps_field ha_fields[] = {
    BYTE("type", 8, "8"), BYTE("len", 1, "1"), SHORT("res", 0, "0"), SHORT("pref", 0, "0"),
    SHORT("lifetime", 1, "1"),
};
OPTION(ps_proto_icmpv6_ndopt_ha_info, "ICMPv6NDOptHAInfo",
       "ICMPv6 Neighbor Discovery - Home Agent Information", ha_fields, ha_summary);

static const struct ps_enum ipaddr_codes[] = {
    {1, "Old Care-Of Address"}, {2, "New Care-Of Address"}, {3, "NAR's IP address"}, {0, NULL},
};
static const struct ps_field ipaddr_fields[] = {
    BYTE("type", 17, "17"), BYTE("len", 3, "3"),
    {.name = "optcode", .kind = PS_K_UINT, .bits = 8, .def = 1, .enums = ipaddr_codes,
     .ls_type = "ByteEnumField", .ls_default = "1"},
    BYTE("plen", 64, "64"), INT("res", 0, "0"), ADDR6("addr"),
};
OPTION(ps_proto_icmpv6_ndopt_ip_addr, "ICMPv6NDOptIPAddr",
       "ICMPv6 Neighbor Discovery - IP Address Option (FH for MIPv6)", ipaddr_fields, NULL);

static const struct ps_field new_prefix_fields[] = {
    BYTE("type", 18, "18"), BYTE("len", 3, "3"), BYTE("optcode", 0, "0"), BYTE("plen", 64, "64"),
    INT("res", 0, "0"), ADDR6("prefix"),
};
OPTION(ps_proto_icmpv6_ndopt_new_rtr_prefix, "ICMPv6NDOptNewRtrPrefix",
       "ICMPv6 Neighbor Discovery - New Router Prefix Information Option (FH for MIPv6)",
       new_prefix_fields, NULL);

const struct ps_enum ps_rfc4068_lla_codes[] = {
    {0, "Wildcard requesting resolution for all nearby AP"},
    {1, "LLA for the new AP"},
    {2, "LLA of the MN"},
    {3, "LLA of the NAR"},
    {4, "LLA of the src of TrSolPr or PrRtAdv msg"},
    {5, "AP identified by LLA belongs to current iface of router"},
    {6, "No preifx info available for AP identified by the LLA"},
    {7, "No fast handovers support for AP identified by the LLA"},
    {0, NULL},
};
static const struct ps_field lla_fields[] = {
    BYTE("type", 19, "19"), BYTE("len", 1, "1"),
    {.name = "optcode", .kind = PS_K_UINT, .bits = 8, .enums = ps_rfc4068_lla_codes,
     .ls_type = "ByteEnumField", .ls_default = "0"},
    {.name = "lla", .kind = PS_K_MAC, .def_text = "00:00:00:00:00:00", .ls_type = "MACField",
     .ls_default = "'00:00:00:00:00:00'"},
};
OPTION(ps_proto_icmpv6_ndopt_lla, "ICMPv6NDOptLLA",
       "ICMPv6 Neighbor Discovery - Link-Layer Address (LLA) Option (FH for MIPv6)", lla_fields,
       NULL);

static const struct ps_field map_fields[] = {
    BYTE("type", 23, "23"), BYTE("len", 3, "3"),
    {.name = "dist", .kind = PS_K_UINT, .bits = 4, .def = 1, .ls_type = "BitField  (4 bits)",
     .ls_default = "1"},
    {.name = "pref", .kind = PS_K_UINT, .bits = 4, .def = 15, .ls_type = "BitField  (4 bits)",
     .ls_default = "15"},
    {.name = "R", .kind = PS_K_UINT, .bits = 1, .def = 1, .ls_type = "BitField  (1 bit)",
     .ls_default = "1"},
    {.name = "res", .kind = PS_K_UINT, .bits = 7, .ls_type = "BitField  (7 bits)",
     .ls_default = "0"},
    INT("validlifetime", 0xffffffff, "4294967295"), ADDR6("addr"),
};
OPTION(ps_proto_icmpv6_ndopt_map, "ICMPv6NDOptMAP", "ICMPv6 Neighbor Discovery - MAP Option",
       map_fields, NULL);

static const struct ps_field efa_fields[] = {
    BYTE("type", 26, "26"), BYTE("len", 1, "1"),
    {.name = "res", .kind = PS_K_UINT, .bits = 48, .ls_type = "BitField  (48 bits)",
     .ls_default = "0"},
};
OPTION(ps_proto_icmpv6_ndopt_efa, "ICMPv6NDOptEFA",
       "ICMPv6 Neighbor Discovery Option - Expanded Flags Option", efa_fields, NULL);

/* ------------------------------------------------ DNSSL (RFC 6106) */

enum { S_TYPE, S_LEN, S_RES, S_LIFETIME, S_SEARCHLIST };

/* DomainNameListField(length_from=8 * len - 8): a Python slice even when
 * negative. */
static long searchlist_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                              struct ps_fval *v, struct ps_decode_room *room)
{
    (void)room;
    long want = 8 * (long)ps_layer_uint(l, S_LEN) - 8, rest = (long)(len - off);
    long n = want >= 0 ? (want < rest ? want : rest) : (rest + want > 0 ? rest + want : 0);
    v->bytes = p + off;
    v->len = (size_t)n;
    return n;
}

/* DomainNameListField.i2m (padded): each name as its labels ("a.b" and
 * "a.b." alike end with the root label), all padded with \0 to a multiple
 * of 8. -1 when an element is not a string. */
static long searchlist_encode(const struct ps_fval *items, size_t n, uint8_t *out, size_t cap)
{
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        if (!items[i].bytes)
            return -1; /* a number */
        const uint8_t *name = items[i].bytes;
        size_t len = items[i].len, start = 0;
        bool last_zero = false;
        for (size_t k = 0; k <= len; k++) {
            if (k < len && name[k] != '.')
                continue;
            size_t label = k - start;
            if (label > 255)
                return -1;
            if (out && at + 1 + label > cap)
                return -1;
            if (out) {
                out[at] = (uint8_t)label;
                memcpy(out + at + 1, name + start, label);
            }
            at += 1 + label;
            last_zero = label == 0;
            start = k + 1;
        }
        if (!last_zero) {
            if (out && at + 1 > cap)
                return -1;
            if (out)
                out[at] = 0;
            at++;
        }
    }
    size_t pad = (8 - at % 8) % 8;
    if (out && at + pad > cap)
        return -1;
    if (out)
        memset(out + at, 0, pad);
    return (long)(at + pad);
}

/* DomainNameListField.m2i (padded), calling each name found: the labels
 * up to a \0 joined by dots, with a final dot; empty names are dropped. */
static void searchlist_names(const struct ps_fval *v,
                             void (*each)(struct ps_strbuf *b, const uint8_t *p, size_t n,
                                          bool first),
                             struct ps_strbuf *b)
{
    const uint8_t *x = v->bytes;
    size_t n = v->len, i = 0;
    bool first = true;
    uint8_t name[1024];
    while (i < n) {
        size_t len = 0;
        bool any = false;
        while (i < n && x[i] != 0) {
            size_t label = x[i], take = i + 1 + label <= n ? label : n - i - 1;
            if (len + take + 1 <= sizeof name) {
                memcpy(name + len, x + i + 1, take);
                name[len + take] = '.';
            }
            len += take + 1;
            any = true;
            i += 1 + label;
        }
        if (any) {
            each(b, name, len < sizeof name ? len : sizeof name, first);
            first = false;
        }
        if (i < n && x[i] == 0)
            i++;
    }
}

/* repr() of a str of those bytes (plain_str: bytes past ASCII are
 * backslash-replaced, so their backslash doubles). */
static void put_pystr(struct ps_strbuf *b, const uint8_t *p, size_t n, bool first)
{
    bool squote = memchr(p, '\'', n) != NULL, dquote = memchr(p, '"', n) != NULL;
    char q = squote && !dquote ? '"' : '\'';
    if (!first)
        ps_strbuf_puts(b, ", ");
    ps_strbuf_putc(b, q);
    for (size_t i = 0; i < n; i++) {
        uint8_t c = p[i];
        if (c == '\\' || c == (uint8_t)q)
            ps_strbuf_printf(b, "\\%c", c);
        else if (c == '\t')
            ps_strbuf_puts(b, "\\t");
        else if (c == '\n')
            ps_strbuf_puts(b, "\\n");
        else if (c == '\r')
            ps_strbuf_puts(b, "\\r");
        else if (c < 0x20 || c == 0x7f)
            ps_strbuf_printf(b, "\\x%02x", c);
        else if (c >= 0x80)
            ps_strbuf_printf(b, "\\\\x%02x", c);
        else
            ps_strbuf_putc(b, (char)c);
    }
    ps_strbuf_putc(b, q);
}

/* A name as Scapy's str() of it; a control byte (a NUL from a malformed
 * name, which a C string cannot hold) is written as \xNN. */
static void put_plain(struct ps_strbuf *b, const uint8_t *p, size_t n, bool first)
{
    if (!first)
        ps_strbuf_puts(b, ", ");
    ps_put_name_bytes(b, p, n);
}

/* i2repr: the list m2i reads. */
static int searchlist_repr(const struct ps_fval *v, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    ps_strbuf_putc(&b, '[');
    searchlist_names(v, put_pystr, &b);
    ps_strbuf_putc(&b, ']');
    return (int)b.len;
}

static const struct ps_field dnssl_fields[] = {
    [S_TYPE] = BYTE("type", 31, "31"),
    /* FieldLenField length_of searchlist, adjust 1 + x // 8: post_build. */
    [S_LEN] = {.name = "len", .kind = PS_K_UINT, .bits = 8, .is_auto = true,
               .ls_type = "FieldLenField", .ls_default = "None"},
    [S_RES] = {.name = "res", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
               .ls_type = "ShortField", .ls_default = "None"},
    [S_LIFETIME] = INT("lifetime", 0xffffffff, "4294967295"),
    [S_SEARCHLIST] = {.name = "searchlist", .kind = PS_K_BYTES, .def_text = "",
                      .decode = searchlist_decode, .repr = searchlist_repr,
                      .ls_repr = searchlist_repr,
                      .list_encode = searchlist_encode, .list_what = "domain names",
                      .ls_type = "DomainNameListField", .ls_default = "[]"},
};

static void dnssl_post_build(struct ps_build *b, size_t idx)
{
    const struct ps_layer *l = &b->pkt->layers[idx];
    if (b->hlen[idx] >= 8 && !l->v[S_LEN].set)
        b->buf[b->start[idx] + 1] = (uint8_t)(1 + (b->hlen[idx] - 8) / 8);
}

/* "%name% " + ", ".join(searchlist) */
static int dnssl_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    ps_strbuf_printf(&b, "%s ", pkt->layers[idx].proto->long_name);
    searchlist_names(&pkt->layers[idx].v[S_SEARCHLIST], put_plain, &b);
    return (int)b.len;
}

const struct ps_proto ps_proto_icmpv6_ndopt_dnssl = {
    .name = "ICMPv6NDOptDNSSL",
    .long_name = "ICMPv6 Neighbor Discovery Option - DNS Search List Option",
    .fields = dnssl_fields,
    .nfields = PS_NFIELDS(dnssl_fields),
    .post_build = dnssl_post_build,
    .guess_payload = ps_icmpv6_nd_payload,
    .mysummary = dnssl_summary,
};
