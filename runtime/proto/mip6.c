/* The Mobile IPv6 mobility header (RFC 6275, IPv6 next header 135;
 * scapy/layers/inet6.py _MobilityHeader and MIP6MH_*): Binding Refresh
 * Request, the return routability tests (HoTI, CoTI, HoT, CoT), Binding
 * Update, Acknowledgement and Error, and the Generic message for other
 * types. Each ends with mobility options (mip6_opts.c), padded as Scapy's
 * autopad does. IPv6 picks the class by the type byte (ps_mip6_class). */
#include <stdio.h>
#include <string.h>

#include "packet.h"
#include "protos.h"

/* mhtypes */
static const struct ps_enum mh_types[] = {
    {0, "BRR"}, {1, "HoTI"},    {2, "CoTI"},    {3, "HoT"},     {4, "CoT"},     {5, "BU"},
    {6, "BA"},  {7, "BE"},      {8, "Fast BU"}, {9, "Fast BA"}, {10, "Fast NA"}, {0, NULL},
};

const char *ps_mip6_class(uint8_t mhtype)
{
    static const char *const by_type[8] = {
        "MIP6MH_BRR", "MIP6MH_HoTI", "MIP6MH_CoTI", "MIP6MH_HoT",
        "MIP6MH_CoT", "MIP6MH_BU",   "MIP6MH_BA",   "MIP6MH_BE",
    };
    return mhtype < 8 ? by_type[mhtype] : "MIP6MH_Generic";
}

/* Every mobility header starts nh, len, mhtype, res, cksum. */
enum { M_NH, M_LEN, M_MHTYPE, M_RES, M_CKSUM };

#define HEAD(type, type_s, res_auto)                                                         \
    [M_NH] = {.name = "nh", .kind = PS_K_UINT, .bits = 8, .def = 59, .enums = ps_ipv6_nh,   \
              .ls_type = "ByteEnumField", .ls_default = "59"},                               \
    [M_LEN] = {.name = "len", .kind = PS_K_UINT, .bits = 8, .is_auto = true,                 \
               .ls_type = "ByteField", .ls_default = "None"},                                \
    [M_MHTYPE] = {.name = "mhtype", .kind = PS_K_UINT, .bits = 8, .def = (type),             \
                  .enums = mh_types, .ls_type = "ByteEnumField", .ls_default = type_s},      \
    [M_RES] = {.name = "res", .kind = PS_K_UINT, .bits = 8, .is_auto = (res_auto),           \
               .ls_type = "ByteField", .ls_default = (res_auto) ? "None" : "0"},             \
    [M_CKSUM] = {.name = "cksum", .kind = PS_K_UINT, .bits = 16, .is_auto = true,            \
                 .hex = true, .ls_type = "XShortField", .ls_default = "None"}
#define AUTOPAD                                                                              \
    {.name = "autopad", .kind = PS_K_UINT, .bits = 8, .def = 1, .bits_for = ps_phantom_bits, \
     .repr = ps_on_off_repr, .ls_type = "_PhantomAutoPadField", .ls_default = "1"}
#define OPTIONS(enc)                                                                         \
    {.name = "options", .kind = PS_K_LAYERS, .sub_class = "MIP6OptUnknown",                 \
     .sub_also = "HBHOptUnknown", .pad_before = (enc),                                           \
     .ls_type = "_OptionsField", .ls_default = "[]"}
#define FIXED(n, bytes, d_s)                                                                 \
    {.name = n, .kind = PS_K_BYTES, .bits = 8 * (bytes), .def_text = "",                     \
     .repr = ps_strfixed_repr, .ls_type = "StrFixedLenField", .ls_default = d_s}
#define XSHORT_AUTO(n)                                                                       \
    {.name = n, .kind = PS_K_UINT, .bits = 16, .is_auto = true, .hex = true,                 \
     .ls_type = "XShortField", .ls_default = "None"}

/* _MobilityHeader.post_build: len is the message with its payload in
 * 8-byte units past the first 8, cksum in6_chksum(135, ...) over them. */
static void mh_post_build(struct ps_build *b, size_t idx)
{
    const struct ps_layer *l = &b->pkt->layers[idx];
    uint8_t *h = b->buf + b->start[idx];
    size_t total = b->end[idx] - b->start[idx];
    uint16_t ck;
    if (b->hlen[idx] < 6)
        return;
    if (!l->v[M_LEN].set)
        h[1] = (uint8_t)((total - 8) / 8);
    if (!l->v[M_CKSUM].set) {
        (void)ps_ip6_checksum(b, idx, 135, &ck);
        ps_put16(h + 4, ck);
    }
}

/* overload_fields = {IPv6: {"nh": 135}} */
static const struct ps_bind mh_binds[] = {
    {"IPv6", "nh", 135},
    {NULL, NULL, 0},
};

/* The options' offset in the header, which their alignment counts from
 * (_OptionsField's curpos), and the bytes the header's len leaves them
 * (length_from; none when negative). */
#define OPTIONS_AT(fn, autopad_field, curpos)                                                \
    static size_t fn(const struct ps_layer *l, const struct ps_proto *next, size_t at,       \
                     uint8_t pad[16])                                                        \
    {                                                                                        \
        if (ps_layer_uint(l, (autopad_field)) == 0)                                          \
            return 0;                                                                        \
        return ps_ip6_option_pad(next, (curpos) + at, pad);                                  \
    }

static size_t units_less(const struct ps_layer *l, long minus_bytes)
{
    long n = 8 * (long)ps_layer_uint(l, M_LEN) - minus_bytes;
    return n > 0 ? (size_t)n : 0;
}

#define MESSAGE(var, cls, longname, fieldtab, optlen, hash, ans)                             \
    const struct ps_proto var = {.name = cls, .long_name = longname, .fields = fieldtab,     \
                                 .nfields = PS_NFIELDS(fieldtab), .build_binds = mh_binds,   \
                                 .post_build = mh_post_build, .options_len = optlen,         \
                                 .hashret = hash, .answers = ans}

static bool is(const struct ps_packet *pkt, size_t i, const struct ps_proto *p)
{
    return i < pkt->n && pkt->layers[i].proto == p;
}

/* BRR, BU and BA hashret: b"\x00\x08\x09", so that a BA matches its BU and
 * a BU the BRR it answers (and nothing of the payload). */
static size_t binding_hashret(const struct ps_packet *pkt, size_t idx, struct ps_hash *h)
{
    static const uint8_t mark[3] = {0x00, 0x08, 0x09};
    (void)idx;
    ps_hash_put(h, mark, sizeof mark);
    return pkt->n;
}

/* ------------------------------------------------------------ Generic */

enum { G_MSG = M_CKSUM + 1 };

/* StrLenField(length_from=8 * len - 6), a Python slice even when negative. */
static long generic_msg(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                        struct ps_fval *v, struct ps_decode_room *room)
{
    (void)room;
    long want = 8 * (long)ps_layer_uint(l, M_LEN) - 6, rest = (long)(len - off);
    long n = want >= 0 ? (want < rest ? want : rest) : (rest + want > 0 ? rest + want : 0);
    v->bytes = p + off;
    v->len = (size_t)n;
    return n;
}

/* mhtype is ByteEnumField(None) here: 0 when built. */
static const struct ps_field generic_fields[] = {
    [M_NH] = {.name = "nh", .kind = PS_K_UINT, .bits = 8, .def = 59, .enums = ps_ipv6_nh,
              .ls_type = "ByteEnumField", .ls_default = "59"},
    [M_LEN] = {.name = "len", .kind = PS_K_UINT, .bits = 8, .is_auto = true,
               .ls_type = "ByteField", .ls_default = "None"},
    [M_MHTYPE] = {.name = "mhtype", .kind = PS_K_UINT, .bits = 8, .is_auto = true,
                  .enums = mh_types, .ls_type = "ByteEnumField", .ls_default = "None"},
    [M_RES] = {.name = "res", .kind = PS_K_UINT, .bits = 8, .is_auto = true,
               .ls_type = "ByteField", .ls_default = "None"},
    [M_CKSUM] = {.name = "cksum", .kind = PS_K_UINT, .bits = 16, .is_auto = true, .hex = true,
                 .ls_type = "XShortField", .ls_default = "None"},
    [G_MSG] = {.name = "msg", .kind = PS_K_BYTES, .def_text = "\0\0", .def_len = 2,
               .decode = generic_msg, .ls_type = "StrLenField", .ls_default = "b'\\x00\\x00'"},
};

const struct ps_proto ps_proto_mip6mh_generic = {
    .name = "MIP6MH_Generic",
    .long_name = "IPv6 Mobility Header - Generic Message",
    .fields = generic_fields,
    .nfields = PS_NFIELDS(generic_fields),
    .build_binds = mh_binds,
    .post_build = mh_post_build,
};

/* ---------------------------------------------------------------- BRR */

enum { B_RES2 = M_CKSUM + 1, B_AUTOPAD, B_OPTIONS };

OPTIONS_AT(brr_options, B_AUTOPAD, 8)
static size_t brr_optlen(const struct ps_layer *l, size_t f)
{
    return f == B_OPTIONS ? units_less(l, 0) : 0;
}

static const struct ps_field brr_fields[] = {
    HEAD(0, "0", true),
    [B_RES2] = {.name = "res2", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
                .ls_type = "ShortField", .ls_default = "None"},
    [B_AUTOPAD] = AUTOPAD,
    [B_OPTIONS] = OPTIONS(brr_options),
};

MESSAGE(ps_proto_mip6mh_brr, "MIP6MH_BRR", "IPv6 Mobility Header - Binding Refresh Request",
        brr_fields, brr_optlen, binding_hashret, NULL);

/* ------------------------------------------------- return routability */

enum { I_RESERVED = M_CKSUM + 1, I_COOKIE, I_AUTOPAD, I_OPTIONS };

OPTIONS_AT(hoti_options, I_AUTOPAD, 16)
static size_t hoti_optlen(const struct ps_layer *l, size_t f)
{
    return f == I_OPTIONS ? units_less(l, 8) : 0;
}

#define HOTI_FIELDS(type, type_s)                                                            \
    HEAD(type, type_s, true), [I_RESERVED] = FIXED("reserved", 2, "b'\\x00\\x00'"),         \
    [I_COOKIE] = FIXED("cookie", 8, "b'\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00'"),          \
    [I_AUTOPAD] = AUTOPAD, [I_OPTIONS] = OPTIONS(hoti_options)

static const struct ps_field hoti_fields[] = {HOTI_FIELDS(1, "1")};
static const struct ps_field coti_fields[] = {HOTI_FIELDS(2, "2")};

/* HoTI, CoTI, HoT and CoT hashret: the cookie. */
static size_t cookie_hashret(const struct ps_packet *pkt, size_t idx, struct ps_hash *h)
{
    const struct ps_layer *l = &pkt->layers[idx];
    int f = ps_field_index(l->proto, "cookie");
    uint8_t cookie[8] = {0};
    const struct ps_fval *v = &l->v[f];
    if (v->set)
        memcpy(cookie, v->bytes, v->len < 8 ? v->len : 8);
    ps_hash_put(h, cookie, sizeof cookie);
    return pkt->n;
}

MESSAGE(ps_proto_mip6mh_hoti, "MIP6MH_HoTI", "IPv6 Mobility Header - Home Test Init", hoti_fields,
        hoti_optlen, cookie_hashret, NULL);
MESSAGE(ps_proto_mip6mh_coti, "MIP6MH_CoTI", "IPv6 Mobility Header - Care-of Test Init",
        coti_fields, hoti_optlen, cookie_hashret, NULL);

enum { T_INDEX = M_CKSUM + 1, T_COOKIE, T_TOKEN, T_AUTOPAD, T_OPTIONS };

OPTIONS_AT(hot_options, T_AUTOPAD, 24)
static size_t hot_optlen(const struct ps_layer *l, size_t f)
{
    return f == T_OPTIONS ? units_less(l, 16) : 0;
}

#define HOT_FIELDS(type, type_s)                                                             \
    HEAD(type, type_s, true),                                                                \
    [T_INDEX] = {.name = "index", .kind = PS_K_UINT, .bits = 16, .is_auto = true,          \
                 .ls_type = "ShortField", .ls_default = "None"},                             \
    [T_COOKIE] = FIXED("cookie", 8, "b'\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00'"),          \
    [T_TOKEN] = FIXED("token", 8, "b'\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00'"),            \
    [T_AUTOPAD] = AUTOPAD, [T_OPTIONS] = OPTIONS(hot_options)

static const struct ps_field hot_fields[] = {HOT_FIELDS(3, "3")};
static const struct ps_field cot_fields[] = {HOT_FIELDS(4, "4")};

static bool same_cookie(const struct ps_layer *a, const struct ps_layer *b)
{
    uint8_t x[8] = {0}, y[8] = {0};
    const struct ps_fval *u = &a->v[ps_field_index(a->proto, "cookie")];
    const struct ps_fval *w = &b->v[ps_field_index(b->proto, "cookie")];
    if (u->set)
        memcpy(x, u->bytes, u->len < 8 ? u->len : 8);
    if (w->set)
        memcpy(y, w->bytes, w->len < 8 ? w->len : 8);
    return memcmp(x, y, 8) == 0;
}

/* MIP6MH_HoT.answers: a HoTI (a CoTI is one, its subclass) with the same
 * cookie. */
static enum ps_answer hot_answers(const struct ps_packet *reply, size_t *r,
                                  const struct ps_packet *query, size_t *q)
{
    bool init = is(query, *q, &ps_proto_mip6mh_hoti) || is(query, *q, &ps_proto_mip6mh_coti);
    return init && same_cookie(&reply->layers[*r], &query->layers[*q]) ? PS_ANSWER_YES
                                                                       : PS_ANSWER_NO;
}

/* MIP6MH_CoT.answers: a CoTI with the same cookie. */
static enum ps_answer cot_answers(const struct ps_packet *reply, size_t *r,
                                  const struct ps_packet *query, size_t *q)
{
    return is(query, *q, &ps_proto_mip6mh_coti) &&
                   same_cookie(&reply->layers[*r], &query->layers[*q])
               ? PS_ANSWER_YES
               : PS_ANSWER_NO;
}

MESSAGE(ps_proto_mip6mh_hot, "MIP6MH_HoT", "IPv6 Mobility Header - Home Test", hot_fields,
        hot_optlen, cookie_hashret, hot_answers);
MESSAGE(ps_proto_mip6mh_cot, "MIP6MH_CoT", "IPv6 Mobility Header - Care-of Test", cot_fields,
        hot_optlen, cookie_hashret, cot_answers);

/* ------------------------------------------------------ binding update */

enum { U_SEQ = M_CKSUM + 1, U_FLAGS, U_RESERVED, U_MHTIME, U_AUTOPAD, U_OPTIONS };

static const char *const bu_flags[] = {"P", "R", "M", "K", "L", "H", "A", NULL};

/* LifetimeField.i2repr: in units of 4 seconds. */
static int lifetime_repr(const struct ps_fval *v, char *out, size_t cap)
{
    return snprintf(out, cap, "%llu sec", 4ULL * (unsigned long long)v->u);
}

OPTIONS_AT(bu_options, U_AUTOPAD, 12)
static size_t bu_optlen(const struct ps_layer *l, size_t f)
{
    return f == U_OPTIONS ? units_less(l, 4) : 0;
}

static const struct ps_field bu_fields[] = {
    HEAD(5, "5", true),
    [U_SEQ] = XSHORT_AUTO("seq"),
    /* "KHA" */
    [U_FLAGS] = {.name = "flags", .kind = PS_K_UINT, .bits = 7, .def = 0x68, .flags = bu_flags,
                 .ls_type = "FlagsField", .ls_default = "<Flag 104 (KHA)>"},
    [U_RESERVED] = {.name = "reserved", .kind = PS_K_UINT, .bits = 9, .hex = true,
                    .ls_type = "XBitField  (9 bits)", .ls_default = "0"},
    [U_MHTIME] = {.name = "mhtime", .kind = PS_K_UINT, .bits = 16, .def = 3,
                  .repr = lifetime_repr, .ls_type = "LifetimeField", .ls_default = "3"},
    [U_AUTOPAD] = AUTOPAD,
    [U_OPTIONS] = OPTIONS(bu_options),
};

/* MIP6MH_BU.answers: isinstance(other, MIP6MH_BRR) */
static enum ps_answer bu_answers(const struct ps_packet *reply, size_t *r,
                                 const struct ps_packet *query, size_t *q)
{
    (void)reply, (void)r;
    return is(query, *q, &ps_proto_mip6mh_brr) ? PS_ANSWER_YES : PS_ANSWER_NO;
}

MESSAGE(ps_proto_mip6mh_bu, "MIP6MH_BU", "IPv6 Mobility Header - Binding Update", bu_fields,
        bu_optlen, binding_hashret, bu_answers);

/* ------------------------------------------------- binding acknowledgement */

enum { A_STATUS = M_CKSUM + 1, A_FLAGS, A_RES2, A_SEQ, A_MHTIME, A_AUTOPAD, A_OPTIONS };

/* bastatus */
static const struct ps_enum ba_status[] = {
    {0, "Binding Update accepted"},
    {1, "Accepted but prefix discovery necessary"},
    {128, "Reason unspecified"},
    {129, "Administratively prohibited"},
    {130, "Insufficient resources"},
    {131, "Home registration not supported"},
    {132, "Not home subnet"},
    {133, "Not home agent for this mobile node"},
    {134, "Duplicate Address Detection failed"},
    {135, "Sequence number out of window"},
    {136, "Expired home nonce index"},
    {137, "Expired care-of nonce index"},
    {138, "Expired nonces"},
    {139, "Registration type change disallowed"},
    {140, "Mobile Router Operation not permitted"},
    {141, "Invalid Prefix"},
    {142, "Not Authorized for Prefix"},
    {143, "Forwarding Setup failed (prefixes missing)"},
    {144, "MIPV6-ID-MISMATCH"},
    {145, "MIPV6-MESG-ID-REQD"},
    {146, "MIPV6-AUTH-FAIL"},
    {147, "Permanent home keygen token unavailable"},
    {148, "CGA and signature verification failed"},
    {149, "Permanent home keygen token exists"},
    {150, "Non-null home nonce index expected"},
    {0, NULL},
};

static const char *const ba_flags[] = {"P", "R", "K", NULL};

OPTIONS_AT(ba_options, A_AUTOPAD, 12)
static size_t ba_optlen(const struct ps_layer *l, size_t f)
{
    return f == A_OPTIONS ? units_less(l, 4) : 0;
}

static const struct ps_field ba_fields[] = {
    HEAD(6, "6", true),
    [A_STATUS] = {.name = "status", .kind = PS_K_UINT, .bits = 8, .enums = ba_status,
                  .ls_type = "ByteEnumField", .ls_default = "0"},
    /* "K" */
    [A_FLAGS] = {.name = "flags", .kind = PS_K_UINT, .bits = 3, .def = 4, .flags = ba_flags,
                 .ls_type = "FlagsField", .ls_default = "<Flag 4 (K)>"},
    [A_RES2] = {.name = "res2", .kind = PS_K_UINT, .bits = 5, .is_auto = true, .hex = true,
                .ls_type = "XBitField  (5 bits)", .ls_default = "None"},
    [A_SEQ] = XSHORT_AUTO("seq"),
    [A_MHTIME] = {.name = "mhtime", .kind = PS_K_UINT, .bits = 16, .hex = true,
                  .ls_type = "XShortField", .ls_default = "0"},
    [A_AUTOPAD] = AUTOPAD,
    [A_OPTIONS] = OPTIONS(ba_options),
};

/* MIP6MH_BA.answers: a BU asking for an acknowledgement (its flags' bit 0,
 * which Scapy names P) with the same seq. */
static enum ps_answer ba_answers(const struct ps_packet *reply, size_t *r,
                                 const struct ps_packet *query, size_t *q)
{
    if (!is(query, *q, &ps_proto_mip6mh_bu))
        return PS_ANSWER_NO;
    const struct ps_layer *self = &reply->layers[*r], *other = &query->layers[*q];
    return ps_layer_uint(other, M_MHTYPE) == 5 && ps_layer_uint(self, M_MHTYPE) == 6 &&
                   (ps_layer_uint(other, U_FLAGS) & 1) &&
                   ps_layer_uint(self, A_SEQ) == ps_layer_uint(other, U_SEQ)
               ? PS_ANSWER_YES
               : PS_ANSWER_NO;
}

MESSAGE(ps_proto_mip6mh_ba, "MIP6MH_BA", "IPv6 Mobility Header - Binding ACK", ba_fields,
        ba_optlen, binding_hashret, ba_answers);

/* ------------------------------------------------------ binding error */

enum { E_STATUS = M_CKSUM + 1, E_RESERVED, E_HA, E_OPTIONS };

static const struct ps_enum be_status[] = {
    {1, "Unknown binding for Home Address destination option"},
    {2, "Unrecognized MH Type value"},
    {0, NULL},
};

/* No autopad field: getattr(pkt, "autopad") fails and autopad is on. */
static size_t be_options(const struct ps_layer *l, const struct ps_proto *next, size_t at,
                         uint8_t pad[16])
{
    (void)l;
    return ps_ip6_option_pad(next, 24 + at, pad);
}
static size_t be_optlen(const struct ps_layer *l, size_t f)
{
    return f == E_OPTIONS ? units_less(l, 16) : 0;
}

static const struct ps_field be_fields[] = {
    HEAD(7, "7", false),
    [E_STATUS] = {.name = "status", .kind = PS_K_UINT, .bits = 8, .enums = be_status,
                  .ls_type = "ByteEnumField", .ls_default = "0"},
    [E_RESERVED] = {.name = "reserved", .kind = PS_K_UINT, .bits = 8, .ls_type = "ByteField",
                    .ls_default = "0"},
    [E_HA] = {.name = "ha", .kind = PS_K_IPV6, .def_text = "::", .ls_type = "IP6Field",
              .ls_default = "'::'"},
    [E_OPTIONS] = OPTIONS(be_options),
};

MESSAGE(ps_proto_mip6mh_be, "MIP6MH_BE", "IPv6 Mobility Header - Binding Error", be_fields,
        be_optlen, NULL, NULL);
