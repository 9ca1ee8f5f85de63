/* ICMPv6 node information queries and replies (RFC 4620; scapy/layers/
 * inet6.py ICMPv6NIQuery* and ICMPv6NIReply*). Scapy keeps the data as a
 * (kind, value) pair whose kind the query's code, or the reply's qtype,
 * says; here the data holds its wire bytes and a variant field per kind
 * reads and prints them. ICMPv6Unknown's dispatch finds the class with
 * ps_icmpv6_ni_class (_niquery_guesser). */
#include <stdio.h>
#include <string.h>

#include "addr.h"
#include "dns_name.h"
#include "field_text.h"
#include "packet.h"
#include "protos.h"
#include "strbuf.h"

enum { F_TYPE, F_CODE, F_CKSUM, F_QTYPE, F_UNUSED, F_FLAGS, F_NONCE, F_DATA };

/* icmp6_niqtypes */
static const struct ps_enum qtypes[] = {
    {0, "NOOP"}, {2, "Node Name"}, {3, "IPv6 Address"}, {4, "IPv4 Address"}, {0, NULL},
};
static const struct ps_enum query_codes[] = {
    {0, "IPv6 Query"}, {1, "Name Query"}, {2, "IPv4 Query"}, {0, NULL},
};
static const struct ps_enum reply_codes[] = {
    {0, "Successful Reply"}, {1, "Response Refusal"}, {3, "Unknown query type"}, {0, NULL},
};
static const char *const ni_flags[] = {"T", "A", "C", "L", "S", "G", NULL};

const char *ps_icmpv6_ni_class(const uint8_t *p, size_t len)
{
    if (len > 0 && p[0] == 139) {
        if (len <= 6)
            return "Raw";
        switch (ps_get16(p + 4)) {
        case 0: return "ICMPv6NIQueryNOOP";
        case 2: return "ICMPv6NIQueryName";
        case 3: return "ICMPv6NIQueryIPv6";
        case 4: return "ICMPv6NIQueryIPv4";
        default: return "Raw";
        }
    }
    if (len > 1 && p[0] == 140) {
        if (p[1] == 1)
            return "ICMPv6NIReplyRefuse";
        if (p[1] == 2)
            return "ICMPv6NIReplyUnknown";
        if (p[1] != 0 || len <= 6)
            return "Raw";
        switch (ps_get16(p + 4)) {
        case 2: return "ICMPv6NIReplyName";
        case 3: return "ICMPv6NIReplyIPv6";
        case 4: return "ICMPv6NIReplyIPv4";
        default: return "ICMPv6NIReplyNOOP";
        }
    }
    return "Raw";
}

/* ------------------------------------------------------- data variants */

static long take(const uint8_t *p, size_t len, size_t off, size_t n, struct ps_fval *v)
{
    if (n > len - off)
        return -1; /* inet_ntop of a short piece raises */
    v->bytes = p + off;
    v->len = n;
    return (long)n;
}

static long take_none(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                      struct ps_fval *v, struct ps_decode_room *room)
{
    (void)l, (void)room;
    return take(p, len, off, 0, v);
}

static long take_ip6(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                     struct ps_fval *v, struct ps_decode_room *room)
{
    (void)l, (void)room;
    return take(p, len, off, 16, v);
}

static long take_ip4(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                     struct ps_fval *v, struct ps_decode_room *room)
{
    (void)l, (void)room;
    return take(p, len, off, 4, v);
}

static long take_rest(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                      struct ps_fval *v, struct ps_decode_room *room)
{
    (void)l, (void)room;
    return take(p, len, off, len - off, v);
}

/* repr(b'') and the like: what Scapy holds as bytes. */
static int bytes_repr(const struct ps_fval *v, char *out, size_t cap)
{
    return ps_dns_bytes_repr(v->bytes, v->len, true, out, cap);
}

/* dnsrepr2names: the names of a DNS-encoded string, each without its last
 * dot, a name not ended by its 0 label left out; calls each (i from 0),
 * returns how many. -1 on a compression pointer (Scapy raises). */
static long dns_names(const uint8_t *x, size_t n,
                      void (*each)(struct ps_strbuf *b, const uint8_t *name, size_t len, long i),
                      struct ps_strbuf *b)
{
    uint8_t cur[256];
    size_t i = 0, len = 0;
    long count = 0;
    while (i < n) {
        size_t k = x[i++];
        if (k == 0) {
            size_t m = len && cur[len - 1] == '.' ? len - 1 : len;
            each(b, cur, m, count++);
            len = 0;
            if (i < n && x[i] == 0)
                i++;
            continue;
        }
        if (k & 0xc0)
            return -1;
        size_t t = k < n - i ? k : n - i;
        if (len + t + 1 < sizeof cur) {
            memcpy(cur + len, x + i, t);
            len += t;
            cur[len++] = '.';
        }
        i += t;
    }
    return count;
}

/* Python's repr of bytes, into a strbuf. */
static void put_pybytes(struct ps_strbuf *b, const uint8_t *p, size_t n)
{
    size_t room = b->len < b->cap ? b->cap - b->len : 0;
    int k = ps_dns_bytes_repr(p, n, true, room ? b->p + b->len : NULL, room);
    if (k > 0) {
        if ((size_t)k < room)
            b->p[b->len + (size_t)k] = '\0';
        b->len += (size_t)k;
    }
}

static void first_name(struct ps_strbuf *b, const uint8_t *name, size_t len, long i)
{
    if (i == 0)
        put_pybytes(b, name, len);
}

static void list_name(struct ps_strbuf *b, const uint8_t *name, size_t len, long i)
{
    (void)i;
    ps_strbuf_puts(b, ", ");
    put_pybytes(b, name, len);
}

static int query_name_repr(const struct ps_fval *v, char *out, size_t cap);

/* repr() of the address text Scapy holds: quoted. */
static int ip6_text_repr(const struct ps_fval *v, char *out, size_t cap)
{
    char text[46] = "";
    if (!v->set)
        return query_name_repr(v, out, cap);
    if (v->len >= 16)
        ps_format_ip6(v->bytes, text);
    return snprintf(out, cap, "'%s'", text);
}

static int ip4_text_repr(const struct ps_fval *v, char *out, size_t cap)
{
    char text[16] = "";
    if (!v->set)
        return query_name_repr(v, out, cap);
    if (v->len >= 4)
        ps_format_ip4(v->bytes, text);
    return snprintf(out, cap, "'%s'", text);
}

/* NIQueryDataField.i2repr of a name: the labels up to the first empty one,
 * joined by dots, without the last dot. */
static int query_name_repr(const struct ps_fval *v, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    if (!v->set)
        return 0; /* the default, a name of one empty label */
    size_t i = 0, before = 0;
    while (i < v->len) {
        size_t n = v->bytes[i++];
        if (n == 0)
            break;
        size_t k = n < v->len - i ? n : v->len - i;
        ps_put_name_bytes(&b, v->bytes + i, k);
        before = b.len;
        ps_strbuf_putc(&b, '.');
        i += k;
    }
    if (b.len > 0 && b.len == before + 1) {
        b.len = before; /* the last dot */
        if (before < cap)
            out[before] = '\0';
    }
    return (int)b.len;
}

/* A query's data defaults to what NIQueryDataField.h2i makes of None: a
 * name of one empty label, (1, b'\x00\x00\x00'), written as it is. A
 * reply's to (0, None): nothing. */
#define Q_DEFAULT "\0\0\0"
#define Q_DEFAULT_LS "(1, b'\\x00\\x00\\x00')"
/* A NOOP query's data: (0, b'') once read; unset, the default name. */
static int query_none_repr(const struct ps_fval *v, char *out, size_t cap)
{
    return v->set ? bytes_repr(v, out, cap) : query_name_repr(v, out, cap);
}

/* i2h of a query's data: the first name (bytes) of a name, the address's
 * text, b'' for a NOOP; the default reads as b''. */
static int query_bytes_ls(const struct ps_fval *v, char *out, size_t cap)
{
    return ps_dns_bytes_repr(v->bytes, v->set ? v->len : 0, true, out, cap);
}

static int query_name_ls(const struct ps_fval *v, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    if (!v->set || dns_names(v->bytes, v->len, first_name, &b) <= 0)
        put_pybytes(&b, NULL, 0);
    return (int)b.len;
}

static int ip6_text_ls(const struct ps_fval *v, char *out, size_t cap)
{
    return v->set ? ip6_text_repr(v, out, cap) : query_bytes_ls(v, out, cap);
}

static int ip4_text_ls(const struct ps_fval *v, char *out, size_t cap)
{
    return v->set ? ip4_text_repr(v, out, cap) : query_bytes_ls(v, out, cap);
}

#define DATA(var, dec, rep, lsrep, d, d_len, ls, ls_d)                                       \
    static const struct ps_field var = {.name = "data", .kind = PS_K_BYTES, .def_text = d,    \
                                        .def_len = (d_len), .decode = dec, .repr = rep,       \
                                        .ls_repr = lsrep, .ls_type = ls, .ls_default = ls_d}
#define QDATA(var, dec, rep, lsrep)                                                          \
    DATA(var, dec, rep, lsrep, Q_DEFAULT, 3, "NIQueryDataField", Q_DEFAULT_LS)
#define RDATA(var, dec, rep, lsrep)                                                          \
    DATA(var, dec, rep, lsrep, "", 0, "NIReplyDataField", "(0, None)")

QDATA(q_none, take_none, query_none_repr, query_bytes_ls);
QDATA(q_ip6, take_ip6, ip6_text_repr, ip6_text_ls);
QDATA(q_ip4, take_ip4, ip4_text_repr, ip4_text_ls);
QDATA(q_name, take_rest, query_name_repr, query_name_ls);

/* NIQueryDataField.getfield: nothing for a NOOP, else what the code says
 * (0: an IPv6 address, 2: an IPv4 address, else a name to the end). */
static const struct ps_field *query_data(const struct ps_layer *l)
{
    if (ps_layer_uint(l, F_QTYPE) == 0)
        return &q_none;
    switch (ps_layer_uint(l, F_CODE)) {
    case 0: return &q_ip6;
    case 2: return &q_ip4;
    default: return &q_name;
    }
}

/* NIReplyDataField.getfield for a name reply: a TTL, then the names to the
 * end; fewer than 4 bytes are left alone (nothing read). */
static long take_ttl_names(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                           struct ps_fval *v, struct ps_decode_room *room)
{
    (void)l, (void)room;
    return take(p, len, off, len - off < 4 ? 0 : len - off, v);
}

/* (ttl, address) pairs while a whole one remains; the rest is payload. */
static long take_ttl_ip6(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                         struct ps_fval *v, struct ps_decode_room *room)
{
    (void)l, (void)room;
    return take(p, len, off, (len - off) / 20 * 20, v);
}

static long take_ttl_ip4(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                         struct ps_fval *v, struct ps_decode_room *room)
{
    (void)l, (void)room;
    return take(p, len, off, (len - off) / 8 * 8, v);
}

/* A reply's data not read holds the default, (0, None). */
static int reply_none_repr(const struct ps_fval *v, char *out, size_t cap)
{
    return v->set ? bytes_repr(v, out, cap) : snprintf(out, cap, "None");
}

/* "ttl:%d %s": the TTL and the names dnsrepr2names reads, comma-joined;
 * under 4 bytes Scapy holds (0, b''). */
static int reply_names_repr(const struct ps_fval *v, char *out, size_t cap)
{
    if (v->len < 4)
        return reply_none_repr(v, out, cap);
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    ps_strbuf_printf(&b, "ttl:%lu ", (unsigned long)ps_get32(v->bytes));
    const uint8_t *x = v->bytes + 4;
    size_t n = v->len - 4, i = 0, cur = 0;
    bool first = true;
    char name[256];
    while (i < n) {
        size_t k = x[i++];
        if (k == 0) {
            size_t m = cur && name[cur - 1] == '.' ? cur - 1 : cur;
            ps_strbuf_printf(&b, "%s%.*s", first ? "" : ",", (int)m, name);
            first = false;
            cur = 0;
            if (i < n && x[i] == 0)
                i++;
            continue;
        }
        size_t t = k < n - i ? k : n - i;
        if (cur + t + 1 < sizeof name) {
            memcpy(name + cur, x + i, t);
            cur += t;
            name[cur++] = '.';
        }
        i += t;
    }
    return (int)b.len;
}

/* "[ (ttl, addr), ... ]" */
static int reply_addrs_repr(const struct ps_fval *v, size_t width, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    char text[46];
    if (!v->set)
        return reply_none_repr(v, out, cap);
    ps_strbuf_puts(&b, "[ ");
    for (size_t i = 0; i + 4 + width <= v->len; i += 4 + width) {
        if (width == 16)
            ps_format_ip6(v->bytes + i + 4, text);
        else
            ps_format_ip4(v->bytes + i + 4, text);
        ps_strbuf_printf(&b, "%s(%lu, %s)", i ? ", " : "", (unsigned long)ps_get32(v->bytes + i),
                         text);
    }
    ps_strbuf_puts(&b, " ]");
    return (int)b.len;
}

static int reply_ip6_repr(const struct ps_fval *v, char *out, size_t cap)
{
    return reply_addrs_repr(v, 16, out, cap);
}

static int reply_ip4_repr(const struct ps_fval *v, char *out, size_t cap)
{
    return reply_addrs_repr(v, 4, out, cap);
}

/* i2h of a reply's data: [ttl, names...] for names, a list of (ttl,
 * 'addr') pairs for addresses, else the bytes; None not read. */
static int reply_names_ls(const struct ps_fval *v, char *out, size_t cap)
{
    if (!v->set || v->len < 4)
        return reply_none_repr(v, out, cap);
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    ps_strbuf_printf(&b, "[%lu", (unsigned long)ps_get32(v->bytes));
    (void)dns_names(v->bytes + 4, v->len - 4, list_name, &b);
    ps_strbuf_putc(&b, ']');
    return (int)b.len;
}

static int reply_addrs_ls(const struct ps_fval *v, size_t width, char *out, size_t cap)
{
    if (!v->set)
        return reply_none_repr(v, out, cap);
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    char text[46];
    ps_strbuf_putc(&b, '[');
    for (size_t i = 0; i + 4 + width <= v->len; i += 4 + width) {
        if (width == 16)
            ps_format_ip6(v->bytes + i + 4, text);
        else
            ps_format_ip4(v->bytes + i + 4, text);
        ps_strbuf_printf(&b, "%s(%lu, '%s')", i ? ", " : "", (unsigned long)ps_get32(v->bytes + i),
                         text);
    }
    ps_strbuf_putc(&b, ']');
    return (int)b.len;
}

static int reply_ip6_ls(const struct ps_fval *v, char *out, size_t cap)
{
    return reply_addrs_ls(v, 16, out, cap);
}

static int reply_ip4_ls(const struct ps_fval *v, char *out, size_t cap)
{
    return reply_addrs_ls(v, 4, out, cap);
}

RDATA(r_none, take_none, reply_none_repr, reply_none_repr);
RDATA(r_names, take_ttl_names, reply_names_repr, reply_names_ls);
RDATA(r_ip6, take_ttl_ip6, reply_ip6_repr, reply_ip6_ls);
RDATA(r_ip4, take_ttl_ip4, reply_ip4_repr, reply_ip4_ls);
RDATA(r_other, take_rest, reply_none_repr, reply_none_repr);

/* NIReplyDataField.getfield: nothing unless the code is 0; then by qtype. */
static const struct ps_field *reply_data(const struct ps_layer *l)
{
    if (ps_layer_uint(l, F_CODE) != 0)
        return &r_none;
    switch (ps_layer_uint(l, F_QTYPE)) {
    case 0: return &r_none;
    case 2: return &r_names;
    case 3: return &r_ip6;
    case 4: return &r_ip4;
    default: return &r_other;
    }
}

/* ------------------------------------------------------------ classes */

/* _ICMPv6NIHashret: the nonce (and nothing of the payload). */
static size_t nonce_hashret(const struct ps_packet *pkt, size_t idx, struct ps_hash *h)
{
    const struct ps_fval *n = &pkt->layers[idx].v[F_NONCE];
    uint8_t nonce[8] = {0};
    if (n->set)
        memcpy(nonce, n->bytes, n->len < 8 ? n->len : 8);
    ps_hash_put(h, nonce, sizeof nonce);
    return pkt->n;
}

/* A node information message (a field nonce where these have it). */
static bool is_ni(const struct ps_proto *p)
{
    return p->nfields > F_DATA && p->fields[F_DATA].variant &&
           strcmp(p->fields[F_NONCE].name, "nonce") == 0;
}

/* _ICMPv6NIAnswers: the same nonce. */
static enum ps_answer nonce_answers(const struct ps_packet *reply, size_t *r,
                                    const struct ps_packet *query, size_t *q)
{
    if (*q >= query->n || !is_ni(query->layers[*q].proto))
        return PS_ANSWER_NO;
    const struct ps_fval *a = &reply->layers[*r].v[F_NONCE], *b = &query->layers[*q].v[F_NONCE];
    uint8_t x[8] = {0}, y[8] = {0};
    if (a->set)
        memcpy(x, a->bytes, a->len < 8 ? a->len : 8);
    if (b->set)
        memcpy(y, b->bytes, b->len < 8 ? b->len : 8);
    return memcmp(x, y, 8) == 0 ? PS_ANSWER_YES : PS_ANSWER_NO;
}

/* _ICMPv6's overload_fields: {IPv6: {"nh": 58}} */
static const struct ps_bind ni_binds[] = {
    {"IPv6", "nh", 58},
    {NULL, NULL, 0},
};

/* NonceField: Scapy's default is 8 random bytes (a new RandBin each
 * build); here 8 zero bytes, a spec gives its own. */
#define NI_FIELDS(type_v, type_s, codes, code_auto, code_def, qtype_v, qtype_s, flags_v,         \
                  flags_s, variant_fn)                                                          \
    [F_TYPE] = {.name = "type", .kind = PS_K_UINT, .bits = 8, .def = (type_v),                  \
                .enums = ps_icmpv6_types, .ls_type = "ByteEnumField", .ls_default = type_s},    \
    [F_CODE] = {.name = "code", .kind = PS_K_UINT, .bits = 8, .def = (code_def),                \
                .is_auto = (code_auto), .enums = (codes),                                       \
                .ls_type = (code_auto) ? "NIQueryCodeField" : "ByteEnumField",                  \
                .ls_default = (code_auto) ? "None" : #code_def},                                \
    [F_CKSUM] = {.name = "cksum", .kind = PS_K_UINT, .bits = 16, .is_auto = true, .hex = true,  \
                 .ls_type = "XShortField", .ls_default = "None"},                               \
    [F_QTYPE] = {.name = "qtype", .kind = PS_K_UINT, .bits = 16, .def = (qtype_v),              \
                 .enums = qtypes, .ls_type = "ShortEnumField", .ls_default = qtype_s},          \
    [F_UNUSED] = {.name = "unused", .kind = PS_K_UINT, .bits = 10,                              \
                  .ls_type = "BitField  (10 bits)", .ls_default = "0"},                         \
    [F_FLAGS] = {.name = "flags", .kind = PS_K_UINT, .bits = 6, .def = (flags_v),               \
                 .flags = ni_flags, .ls_type = "FlagsField", .ls_default = flags_s},            \
    [F_NONCE] = {.name = "nonce", .kind = PS_K_BYTES, .bits = 64, .def_text = "",               \
                 .ls_type = "NonceField", .ls_default = "<RandBin>"},                           \
    [F_DATA] = {.name = "data", .kind = PS_K_BYTES, .variant = (variant_fn),                    \
                .def_text = (code_auto) ? Q_DEFAULT : "", .def_len = (code_auto) ? 3 : 0,       \
                .ls_type = (code_auto) ? "NIQueryDataField" : "NIReplyDataField",               \
                .ls_default = (code_auto) ? Q_DEFAULT_LS : "(0, None)"}

#define NI_CLASS(var, cls, longname, fieldtab, ans)                                          \
    const struct ps_proto var = {.name = cls, .long_name = longname, .fields = fieldtab,     \
                                 .nfields = PS_NFIELDS(fieldtab), .build_binds = ni_binds,   \
                                 .post_build = ps_icmpv6_post_build,                         \
                                 .hashret = nonce_hashret, .answers = ans}

/* NIQueryCodeField(None): 1 when built (no data, or data as bytes: a name). */
#define QUERY(var, cls, longname, qtype_v, qtype_s, flags_v, flags_s)                        \
    static const struct ps_field var##_fields[] = {NI_FIELDS(139, "139", query_codes, true,  \
                                                             1, qtype_v, qtype_s, flags_v,   \
                                                             flags_s, query_data)};          \
    NI_CLASS(var, cls, longname, var##_fields, ps_icmpv6_answers)

QUERY(ps_proto_icmpv6_ni_query_noop, "ICMPv6NIQueryNOOP",
      "ICMPv6 Node Information Query - NOOP Query", 0, "0", 0, "<Flag 0 ()>");
QUERY(ps_proto_icmpv6_ni_query_name, "ICMPv6NIQueryName",
      "ICMPv6 Node Information Query - IPv6 Name Query", 2, "2", 0, "<Flag 0 ()>");
/* flags = 0x3E as a class attribute: ls() shows the plain int. */
QUERY(ps_proto_icmpv6_ni_query_ipv6, "ICMPv6NIQueryIPv6",
      "ICMPv6 Node Information Query - IPv6 Address Query", 3, "3", 0x3e, "62");
QUERY(ps_proto_icmpv6_ni_query_ipv4, "ICMPv6NIQueryIPv4",
      "ICMPv6 Node Information Query - IPv4 Address Query", 4, "4", 0, "<Flag 0 ()>");

#define REPLY(var, cls, longname, code_v, qtype_v, qtype_s)                                  \
    static const struct ps_field var##_fields[] = {NI_FIELDS(140, "140", reply_codes, false, \
                                                             code_v, qtype_v, qtype_s, 0,    \
                                                             "<Flag 0 ()>", reply_data)};    \
    NI_CLASS(var, cls, longname, var##_fields, nonce_answers)

REPLY(ps_proto_icmpv6_ni_reply_noop, "ICMPv6NIReplyNOOP",
      "ICMPv6 Node Information Reply - NOOP Reply", 0, 0, "0");
REPLY(ps_proto_icmpv6_ni_reply_name, "ICMPv6NIReplyName",
      "ICMPv6 Node Information Reply - Node Names", 0, 2, "2");
REPLY(ps_proto_icmpv6_ni_reply_ipv6, "ICMPv6NIReplyIPv6",
      "ICMPv6 Node Information Reply - IPv6 addresses", 0, 3, "3");
REPLY(ps_proto_icmpv6_ni_reply_ipv4, "ICMPv6NIReplyIPv4",
      "ICMPv6 Node Information Reply - IPv4 addresses", 0, 4, "4");
REPLY(ps_proto_icmpv6_ni_reply_refuse, "ICMPv6NIReplyRefuse",
      "ICMPv6 Node Information Reply - Responder refuses to supply answer", 1, 0, "0");
REPLY(ps_proto_icmpv6_ni_reply_unknown, "ICMPv6NIReplyUnknown",
      "ICMPv6 Node Information Reply - Qtype unknown to the responder", 2, 0, "0");
