/* The Mobile IPv6 mobility options (scapy/layers/inet6.py MIP6Opt*, RFC
 * 6275 and the RFCs named in their long names): the list a mobility header
 * (mip6.c) ends with. MIP6OptUnknown's dispatch picks the class by the
 * option type (Pad1 and PadN are the hop-by-hop ones, ipv6.c); each class
 * has the alignment x*n+y its autopad places it at. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "packet.h"
#include "protos.h"

/* _mobopttypes */
static const struct ps_enum mob_opt_types[] = {
    {2, "Binding Refresh Advice"},
    {3, "Alternate Care-of Address"},
    {4, "Nonce Indices"},
    {5, "Binding Authorization Data"},
    {6, "Mobile Network Prefix (RFC3963)"},
    {7, "Link-Layer Address (RFC4068)"},
    {8, "Mobile Node Identifier (RFC4283)"},
    {9, "Mobility Message Authentication (RFC4285)"},
    {10, "Replay Protection (RFC4285)"},
    {11, "CGA Parameters Request (RFC4866)"},
    {12, "CGA Parameters (RFC4866)"},
    {13, "Signature (RFC4866)"},
    {14, "Home Keygen Token (RFC4866)"},
    {15, "Care-of Test Init (RFC4866)"},
    {16, "Care-of Test (RFC4866)"},
    {0, NULL},
};

#define OTYPE(d, d_s)                                                                        \
    {.name = "otype", .kind = PS_K_UINT, .bits = 8, .def = (d), .enums = mob_opt_types,      \
     .ls_type = "ByteEnumField", .ls_default = d_s}
#define BYTE(n, d, d_s)                                                                      \
    {.name = n, .kind = PS_K_UINT, .bits = 8, .def = (d), .ls_type = "ByteField",            \
     .ls_default = d_s}
#define SHORT(n)                                                                             \
    {.name = n, .kind = PS_K_UINT, .bits = 16, .ls_type = "ShortField", .ls_default = "0"}
#define ADDR6(n)                                                                             \
    {.name = n, .kind = PS_K_IPV6, .def_text = "::", .ls_type = "IP6Field",                  \
     .ls_default = "'::'"}
/* FieldLenField("olen", None, length_of=data, fmt="B", adjust=x + adj) */
#define OLEN_OF(data, adj)                                                                   \
    {.name = "olen", .kind = PS_K_UINT, .bits = 8, .is_auto = true, .length_of = data,       \
     .len_adjust = (adj), .ls_type = "FieldLenField", .ls_default = "None"}
#define STRLEN(n, d, d_len, d_s)                                                             \
    {.name = n, .kind = PS_K_BYTES, .def_text = d, .def_len = (d_len),                       \
     .ls_type = "StrLenField", .ls_default = d_s}

#define OPTION(var, cls, longname, fieldtab)                                                 \
    const struct ps_proto var = {.name = cls, .long_name = longname,                        \
                                 .klass = "MIP6OptUnknown", .fields = fieldtab,              \
                                 .nfields = PS_NFIELDS(fieldtab)}

/* moboptcls, MIP6OptUnknown.dispatch_hook */
static const char *option_class(const uint8_t *p, size_t len)
{
    static const char *const by_type[17] = {
        "Pad1",
        "PadN",
        "MIP6OptBRAdvice",
        "MIP6OptAltCoA",
        "MIP6OptNonceIndices",
        "MIP6OptBindingAuthData",
        "MIP6OptMobNetPrefix",
        "MIP6OptLLAddr",
        "MIP6OptMNID",
        "MIP6OptMsgAuth",
        "MIP6OptReplayProtection",
        "MIP6OptCGAParamsReq",
        "MIP6OptCGAParams",
        "MIP6OptSignature",
        "MIP6OptHomeKeygenToken",
        "MIP6OptCareOfTestInit",
        "MIP6OptCareOfTest",
    };
    return len && p[0] < 17 ? by_type[p[0]] : NULL;
}

static const struct ps_field unknown_fields[] = {
    OTYPE(6, "6"),
    OLEN_OF("odata", 0),
    STRLEN("odata", "", 0, "b''"),
};

const struct ps_proto ps_proto_mip6opt_unknown = {
    .name = "MIP6OptUnknown",
    .long_name = "Scapy6 - Unknown Mobility Option",
    .klass = "MIP6OptUnknown",
    .fields = unknown_fields,
    .nfields = PS_NFIELDS(unknown_fields),
    .dispatch = option_class,
};

static const struct ps_field br_advice_fields[] = {
    OTYPE(2, "2"), BYTE("olen", 2, "2"), SHORT("rinter"),
};
OPTION(ps_proto_mip6opt_br_advice, "MIP6OptBRAdvice", "Mobile IPv6 Option - Binding Refresh Advice",
       br_advice_fields);

static const struct ps_field alt_coa_fields[] = {
    OTYPE(3, "3"), BYTE("olen", 16, "16"), ADDR6("acoa"),
};
OPTION(ps_proto_mip6opt_alt_coa, "MIP6OptAltCoA", "MIPv6 Option - Alternate Care-of Address",
       alt_coa_fields);

static const struct ps_field nonce_indices_fields[] = {
    OTYPE(4, "4"), BYTE("olen", 16, "16"), SHORT("hni"), SHORT("coni"),
};
OPTION(ps_proto_mip6opt_nonce_indices, "MIP6OptNonceIndices", "MIPv6 Option - Nonce Indices",
       nonce_indices_fields);

/* BitField(96 bits), held as its 12 bytes: repr() is the integer. */
static int uint96_repr(const struct ps_fval *v, char *out, size_t cap)
{
    uint8_t n[12] = {0};
    char digits[32];
    size_t nd = 0, have = v->len < 12 ? v->len : 12;
    if (have)
        memcpy(n + 12 - have, v->bytes, have);
    do {
        unsigned rem = 0;
        bool zero = true;
        for (size_t i = 0; i < 12; i++) {
            unsigned cur = rem << 8 | n[i];
            n[i] = (uint8_t)(cur / 10);
            rem = cur % 10;
            zero &= n[i] == 0;
        }
        digits[nd++] = (char)('0' + rem);
        if (zero)
            break;
    } while (nd < sizeof digits);
    char text[33];
    for (size_t i = 0; i < nd; i++)
        text[i] = digits[nd - 1 - i];
    text[nd] = '\0';
    return snprintf(out, cap, "%s", text);
}

/* BitField.getfield of a piece shorter than 12 bytes raises: Raw. */
static long uint96_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                          struct ps_fval *v, struct ps_decode_room *room)
{
    (void)l, (void)room;
    if (len - off < 12)
        return -1;
    v->bytes = p + off;
    v->len = 12;
    return 12;
}

static const struct ps_field binding_auth_fields[] = {
    OTYPE(5, "5"), BYTE("olen", 16, "16"),
    {.name = "authenticator", .kind = PS_K_BYTES, .bits = 96, .def_text = "",
     .decode = uint96_decode, .repr = uint96_repr, .ls_repr = uint96_repr,
     .ls_type = "BitField  (96 bits)", .ls_default = "0"},
};
OPTION(ps_proto_mip6opt_binding_auth_data, "MIP6OptBindingAuthData",
       "MIPv6 Option - Binding Authorization Data", binding_auth_fields);

static const struct ps_field mob_net_prefix_fields[] = {
    OTYPE(6, "6"), BYTE("olen", 18, "18"), BYTE("reserved", 0, "0"), BYTE("plen", 64, "64"),
    ADDR6("prefix"),
};
OPTION(ps_proto_mip6opt_mob_net_prefix, "MIP6OptMobNetPrefix", "NEMO Option - Mobile Network Prefix",
       mob_net_prefix_fields);

static const struct ps_field ll_addr_fields[] = {
    OTYPE(7, "7"), BYTE("olen", 7, "7"),
    {.name = "ocode", .kind = PS_K_UINT, .bits = 8, .def = 2, .enums = ps_rfc4068_lla_codes,
     .ls_type = "ByteEnumField", .ls_default = "2"},
    BYTE("pad", 0, "0"),
    {.name = "lla", .kind = PS_K_MAC, .def_text = "00:00:00:00:00:00", .ls_type = "MACField",
     .ls_default = "'00:00:00:00:00:00'"},
};
OPTION(ps_proto_mip6opt_ll_addr, "MIP6OptLLAddr", "MIPv6 Option - Link-Layer Address (MH-LLA)",
       ll_addr_fields);

static const struct ps_enum mnid_subtypes[] = {{1, "NAI"}, {0, NULL}};
static const struct ps_field mnid_fields[] = {
    OTYPE(8, "8"), OLEN_OF("id", 1),
    {.name = "subtype", .kind = PS_K_UINT, .bits = 8, .def = 1, .enums = mnid_subtypes,
     .ls_type = "ByteEnumField", .ls_default = "1"},
    STRLEN("id", "", 0, "b''"),
};
OPTION(ps_proto_mip6opt_mnid, "MIP6OptMNID", "MIPv6 Option - Mobile Node Identifier", mnid_fields);

static const struct ps_enum msg_auth_subtypes[] = {
    {1, "MN-HA authentication mobility option"},
    {2, "MN-AAA authentication mobility option"},
    {0, NULL},
};
static const struct ps_field msg_auth_fields[] = {
    OTYPE(9, "9"), OLEN_OF("authdata", 5),
    {.name = "subtype", .kind = PS_K_UINT, .bits = 8, .def = 1, .enums = msg_auth_subtypes,
     .ls_type = "ByteEnumField", .ls_default = "1"},
    {.name = "mspi", .kind = PS_K_UINT, .bits = 32, .is_auto = true, .ls_type = "IntField",
     .ls_default = "None"},
    STRLEN("authdata", "AAAAAAAAAAAA", 0, "b'AAAAAAAAAAAA'"),
};
OPTION(ps_proto_mip6opt_msg_auth, "MIP6OptMsgAuth", "MIPv6 Option - Mobility Message Authentication",
       msg_auth_fields);

/* NTPTimestampField.i2repr: seconds since 1900 in the high 32 bits. */
static int ntp_repr(const struct ps_fval *v, char *out, size_t cap)
{
    unsigned long long x = (unsigned long long)v->u;
    if (x < (50ULL * 31536000ULL) << 32)
        return snprintf(out, cap, "Some date a few decades ago (%llu)", x);
    time_t t = (time_t)((long long)(x >> 32) - 2209075761LL);
    struct tm tm;
    char text[64] = "";
    if (gmtime_r(&t, &tm))
        strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    return snprintf(out, cap, "%s (%llu)", text, x);
}

static const struct ps_field replay_fields[] = {
    OTYPE(10, "10"), BYTE("olen", 8, "8"),
    {.name = "timestamp", .kind = PS_K_UINT, .bits = 64, .repr = ntp_repr,
     .ls_type = "NTPTimestampField", .ls_default = "0"},
};
OPTION(ps_proto_mip6opt_replay_protection, "MIP6OptReplayProtection",
       "MIPv6 option - Replay Protection", replay_fields);

static const struct ps_field cga_req_fields[] = {OTYPE(11, "11"), BYTE("olen", 0, "0")};
OPTION(ps_proto_mip6opt_cga_params_req, "MIP6OptCGAParamsReq",
       "MIPv6 option - CGA Parameters Request", cga_req_fields);

static const struct ps_field cga_fields[] = {
    OTYPE(12, "12"), OLEN_OF("cgaparams", 0), STRLEN("cgaparams", "", 0, "b''"),
};
OPTION(ps_proto_mip6opt_cga_params, "MIP6OptCGAParams", "MIPv6 option - CGA Parameters",
       cga_fields);

static const struct ps_field signature_fields[] = {
    OTYPE(13, "13"), OLEN_OF("sig", 0), STRLEN("sig", "", 0, "b''"),
};
OPTION(ps_proto_mip6opt_signature, "MIP6OptSignature", "MIPv6 option - Signature",
       signature_fields);

static const struct ps_field hkt_fields[] = {
    OTYPE(14, "14"), OLEN_OF("hkt", 0), STRLEN("hkt", "", 0, "b''"),
};
OPTION(ps_proto_mip6opt_home_keygen_token, "MIP6OptHomeKeygenToken",
       "MIPv6 option - Home Keygen Token", hkt_fields);

static const struct ps_field coti_fields[] = {OTYPE(15, "15"), BYTE("olen", 0, "0")};
OPTION(ps_proto_mip6opt_care_of_test_init, "MIP6OptCareOfTestInit",
       "MIPv6 option - Care-of Test Init", coti_fields);

static const struct ps_field cot_fields[] = {
    OTYPE(16, "16"), OLEN_OF("cokt", 0),
    STRLEN("cokt", "\0\0\0\0\0\0\0\0", 8, "b'\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00'"),
};
OPTION(ps_proto_mip6opt_care_of_test, "MIP6OptCareOfTest", "MIPv6 option - Care-of Test",
       cot_fields);

bool ps_mip6_option_align(const struct ps_proto *p, unsigned *x, unsigned *y)
{
    static const struct {
        const struct ps_proto *p;
        unsigned char x, y;
    } align[] = {
        {&ps_proto_mip6opt_br_advice, 2, 0},   {&ps_proto_mip6opt_alt_coa, 8, 6},
        {&ps_proto_mip6opt_nonce_indices, 2, 0}, {&ps_proto_mip6opt_binding_auth_data, 8, 2},
        {&ps_proto_mip6opt_mob_net_prefix, 8, 4}, {&ps_proto_mip6opt_msg_auth, 4, 1},
        {&ps_proto_mip6opt_replay_protection, 8, 2},
    };
    for (size_t i = 0; i < sizeof align / sizeof align[0]; i++)
        if (align[i].p == p) {
            *x = align[i].x;
            *y = align[i].y;
            return true;
        }
    if (p->klass && strcmp(p->klass, "MIP6OptUnknown") == 0) {
        *x = *y = 0; /* no alignment */
        return true;
    }
    return false;
}
