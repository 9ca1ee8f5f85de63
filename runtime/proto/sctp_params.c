/* The variable parameters of SCTP's INIT, INIT ACK, HEARTBEAT and ASCONF
 * chunks (scapy/layers/sctp.py SCTPChunkParam*): the elements of a chunk's
 * `params` list (class "SCTPChunkParam"), the class picked by the 16-bit
 * type as ChunkParamField.m2i picks it; a parameter has no payload. */
#include <stdlib.h>
#include <string.h>

#include "sctp.h"

static const struct ps_enum hmac_types[] = {
    {0, "Reserved1"}, {1, "SHA-1"}, {2, "Reserved2"}, {3, "SHA-256"}, {0, NULL},
};

/* ChunkParamField.m2i: by the type, Raw when unknown or under 4 bytes. */
static const char *param_class(const uint8_t *p, size_t len)
{
    if (len < 4)
        return "Raw";
    switch (ps_get16(p)) {
    case 1: return "SCTPChunkParamHeartbeatInfo";
    case 5: return "SCTPChunkParamIPv4Addr";
    case 6: return "SCTPChunkParamIPv6Addr";
    case 7: return "SCTPChunkParamStateCookie";
    case 8: return "SCTPChunkParamUnrocognizedParam";
    case 9: return "SCTPChunkParamCookiePreservative";
    case 11: return "SCTPChunkParamHostname";
    case 12: return "SCTPChunkParamSupportedAddrTypes";
    case 0x8000: return "SCTPChunkParamECNCapable";
    case 0x8002: return "SCTPChunkParamRandom";
    case 0x8003: return "SCTPChunkParamChunkList";
    case 0x8004: return "SCTPChunkParamRequestedHMACFunctions";
    case 0x8008: return "SCTPChunkParamSupportedExtensions";
    case 0xc000: return "SCTPChunkParamFwdTSN";
    case 0xc001: return "SCTPChunkParamAddIPAddr";
    case 0xc002: return "SCTPChunkParamDelIPAddr";
    case 0xc003: return "SCTPChunkParamErrorIndication";
    case 0xc004: return "SCTPChunkParamSetPrimaryAddr";
    case 0xc005: return "SCTPChunkParamSuccessIndication";
    case 0xc006: return "SCTPChunkParamAdaptationLayer";
    default: return "Raw";
    }
}

/* _SCTPChunkParam.extract_padding: all that follows is padding. */
static bool no_payload(const struct ps_layer *l, long *len)
{
    (void)l;
    *len = 0;
    return true;
}

#define TYPE(t, t_s)                                                                          \
    {.name = "type", .kind = PS_K_UINT, .bits = 16, .def = (t), .enums = ps_sctp_param_types, \
     .ls_type = "ShortEnumField", .ls_default = t_s}
#define LEN_OF(of, adj)                                                                       \
    {.name = "len", .kind = PS_K_UINT, .bits = 16, .is_auto = true, .length_of = of,          \
     .len_adjust = (adj), .ls_type = "FieldLenField", .ls_default = "None"}
#define LEN_FIXED(d, d_s)                                                                     \
    {.name = "len", .kind = PS_K_UINT, .bits = 16, .def = (d), .ls_type = "ShortField",       \
     .ls_default = d_s}
#define XINT_NONE(n)                                                                          \
    {.name = n, .kind = PS_K_UINT, .bits = 32, .is_auto = true, .hex = true,                  \
     .ls_type = "XIntField", .ls_default = "None"}
#define PADDED(n)                                                                             \
    {.name = n, .kind = PS_K_BYTES, .def_text = "", .pad_to = 4, .ls_type = "PadField",       \
     .ls_default = "b''"}

#define PARAM(var, cls, fieldtab, ...)                                                        \
    const struct ps_proto var = {.name = cls, .long_name = cls, .klass = "SCTPChunkParam",    \
                                 .fields = fieldtab, .nfields = PS_NFIELDS(fieldtab),         \
                                 .dispatch = param_class, .payload_len = no_payload,          \
                                 __VA_ARGS__}

/* A parameter of a type, a len and one padded string. */
#define STRING_PARAM(var, cls, t, t_s, field)                                                 \
    static const struct ps_field var##_fields[] = {TYPE(t, t_s), LEN_OF(field, 4),            \
                                                   PADDED(field)};                            \
    PARAM(var, cls, var##_fields)

STRING_PARAM(ps_proto_sctp_param_heartbeat_info, "SCTPChunkParamHeartbeatInfo", 1, "1", "data");
STRING_PARAM(ps_proto_sctp_param_state_cookie, "SCTPChunkParamStateCookie", 7, "7", "cookie");
STRING_PARAM(ps_proto_sctp_param_unrecognized, "SCTPChunkParamUnrocognizedParam", 8, "8",
             "param");
STRING_PARAM(ps_proto_sctp_param_hostname, "SCTPChunkParamHostname", 11, "11", "hostname");

static const struct ps_field ipv4_fields[] = {
    TYPE(5, "5"), LEN_FIXED(8, "8"),
    {.name = "addr", .kind = PS_K_IPV4, .def_text = "127.0.0.1", .ls_type = "IPField",
     .ls_default = "'127.0.0.1'"},
};
PARAM(ps_proto_sctp_param_ipv4, "SCTPChunkParamIPv4Addr", ipv4_fields);

static const struct ps_field ipv6_fields[] = {
    TYPE(6, "6"), LEN_FIXED(20, "20"),
    {.name = "addr", .kind = PS_K_IPV6, .def_text = "::1", .ls_type = "IP6Field",
     .ls_default = "'::1'"},
};
PARAM(ps_proto_sctp_param_ipv6, "SCTPChunkParamIPv6Addr", ipv6_fields);

static const struct ps_field cookie_pres_fields[] = {
    TYPE(9, "9"), LEN_FIXED(8, "8"), XINT_NONE("sug_cookie_inc"),
};
PARAM(ps_proto_sctp_param_cookie_preservative, "SCTPChunkParamCookiePreservative",
      cookie_pres_fields);

static const struct ps_field ecn_fields[] = {TYPE(0x8000, "32768"), LEN_FIXED(4, "4")};
PARAM(ps_proto_sctp_param_ecn_capable, "SCTPChunkParamECNCapable", ecn_fields);

static const struct ps_field fwd_tsn_fields[] = {TYPE(0xc000, "49152"), LEN_FIXED(4, "4")};
PARAM(ps_proto_sctp_param_fwd_tsn, "SCTPChunkParamFwdTSN", fwd_tsn_fields);

static const struct ps_field success_fields[] = {
    TYPE(0xc005, "49157"), LEN_FIXED(8, "8"), XINT_NONE("correlation_id"),
};
PARAM(ps_proto_sctp_param_success_indication, "SCTPChunkParamSuccessIndication",
      success_fields);

static const struct ps_field adaptation_fields[] = {
    TYPE(0xc006, "49158"), LEN_FIXED(8, "8"), XINT_NONE("indication"),
};
PARAM(ps_proto_sctp_param_adaptation_layer, "SCTPChunkParamAdaptationLayer",
      adaptation_fields);

/* ------------------------------------------- the lists of enum elements */

/* A FieldListField of `unit`-byte enums in a PadField: its repr, its
 * list_encode, and the encode hook that writes its default (held as
 * bytes with \0 in them, which def_text cannot hold) when unset. */
#define ENUM_LIST(fn, unit, names, dflt)                                                      \
    static int fn##_repr(const struct ps_fval *v, char *out, size_t cap)                      \
    {                                                                                         \
        return ps_sctp_enum_list_repr(v, unit, names, false, out, cap);                       \
    }                                                                                         \
    static int fn##_pyrepr(const struct ps_fval *v, char *out, size_t cap)                    \
    {                                                                                         \
        return ps_sctp_int_list_pyrepr(v, unit, out, cap);                                    \
    }                                                                                         \
    static long fn##_list(const struct ps_fval *items, size_t n, uint8_t *out, size_t cap)    \
    {                                                                                         \
        return ps_sctp_enum_list_encode(items, n, unit, names, out, cap);                     \
    }                                                                                         \
    static long fn##_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,  \
                            size_t cap)                                                       \
    {                                                                                         \
        (void)l;                                                                              \
        static const uint8_t d[] = dflt;                                                      \
        const uint8_t *p = v->set ? v->bytes : d;                                             \
        size_t n = v->set ? v->len : sizeof d - 1;                                            \
        if (out && n > cap)                                                                   \
            return -1;                                                                        \
        if (out && n)                                                                         \
            memcpy(out, p, n);                                                                \
        return (long)n;                                                                       \
    }
#define LIST_FIELD(n, fn, what, ls_def)                                                       \
    {.name = n, .kind = PS_K_BYTES, .pad_to = 4, .repr = fn##_repr, .ls_repr = fn##_pyrepr,    \
     .list_encode = fn##_list,                                                                \
     .list_what = what, .encode = fn##_encode, .ls_type = "PadField", .ls_default = ls_def}

ENUM_LIST(addr_types, 2, ps_sctp_param_types, "\x00\x05")
ENUM_LIST(chunk_list, 1, ps_sctp_chunk_types, "")
ENUM_LIST(hmacs, 2, hmac_types, "\x00\x01")
ENUM_LIST(extensions, 1, ps_sctp_chunk_types, "\x0f\xc1\x80")

static const struct ps_field addr_types_fields[] = {
    TYPE(12, "12"), LEN_OF("addr_type_list", 4),
    LIST_FIELD("addr_type_list", addr_types, "address types", "[5]"),
};
PARAM(ps_proto_sctp_param_supported_addr_types, "SCTPChunkParamSupportedAddrTypes",
      addr_types_fields);

static const struct ps_field chunk_list_fields[] = {
    TYPE(0x8003, "32771"), LEN_OF("chunk_list", 4),
    LIST_FIELD("chunk_list", chunk_list, "chunk types", "[]"),
};
PARAM(ps_proto_sctp_param_chunk_list, "SCTPChunkParamChunkList", chunk_list_fields);

static const struct ps_field hmacs_fields[] = {
    TYPE(0x8004, "32772"), LEN_OF("HMAC_functions_list", 4),
    LIST_FIELD("HMAC_functions_list", hmacs, "HMAC function numbers", "[1]"),
};
PARAM(ps_proto_sctp_param_requested_hmac, "SCTPChunkParamRequestedHMACFunctions",
      hmacs_fields);

static const struct ps_field extensions_fields[] = {
    TYPE(0x8008, "32776"), LEN_OF("supported_extensions", 4),
    LIST_FIELD("supported_extensions", extensions, "chunk types", "[15, 193, 128]"),
};
PARAM(ps_proto_sctp_param_supported_extensions, "SCTPChunkParamSupportedExtensions",
      extensions_fields);

/* ---------------------------------------------------------------- RANDOM */

/* StrLenField("random", RandBin(32)): 32 random bytes each time it is
 * built, unless given. */
static long random_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                          size_t cap)
{
    (void)l;
    size_t n = v->set ? v->len : 32;
    if (out && n > cap)
        return -1;
    for (size_t i = 0; out && i < n; i++)
        out[i] = v->set ? v->bytes[i] : (uint8_t)(rand() >> 7);
    return (long)n;
}

static const struct ps_field random_fields[] = {
    TYPE(0x8002, "32770"), LEN_OF("random", 4),
    {.name = "random", .kind = PS_K_BYTES, .pad_to = 4, .encode = random_encode,
     .ls_type = "PadField", .ls_default = "<RandBin>"},
};
PARAM(ps_proto_sctp_param_random, "SCTPChunkParamRandom", random_fields);

/* ------------------------------------------------- ASCONF's parameters */

enum { A_TYPE, A_LEN, A_CORR, A_ADDR_TYPE, A_ADDR_LEN, A_ADDR };

#define ADDR_LS "MultipleTypeField (IPField, IP6Field, StrFixedLenField)"
static const struct ps_field addr_ip4 = {.name = "addr", .kind = PS_K_IPV4,
                                         .def_text = "127.0.0.1", .ls_type = ADDR_LS,
                                         .ls_default = "b''"};
static const struct ps_field addr_ip6 = {.name = "addr", .kind = PS_K_IPV6, .def_text = "::1",
                                         .ls_type = ADDR_LS, .ls_default = "b''"};

/* MultipleTypeField: an IPv4 address for addr_type 5, IPv6 for 6, else
 * StrFixedLenField(length_from=addr_len). */
static const struct ps_field *addr_variant(const struct ps_layer *l)
{
    uint64_t t = ps_layer_uint(l, A_ADDR_TYPE);
    return t == 5 ? &addr_ip4 : t == 6 ? &addr_ip6 : NULL;
}

static bool addr_len_from(const struct ps_layer *l, size_t *len)
{
    if (!l->v[A_ADDR_LEN].set)
        return false;
    *len = l->v[A_ADDR_LEN].u;
    return true;
}

#define ASCONF_PARAM(var, cls, t, t_s)                                                        \
    static const struct ps_field var##_fields[] = {                                           \
        [A_TYPE] = TYPE(t, t_s),                                                              \
        [A_LEN] = LEN_OF("addr", 12),                                                         \
        [A_CORR] = XINT_NONE("correlation_id"),                                               \
        [A_ADDR_TYPE] = {.name = "addr_type", .kind = PS_K_UINT, .bits = 16, .def = 5,        \
                         .enums = ps_sctp_param_types, .ls_type = "ShortEnumField",           \
                         .ls_default = "5"},                                                  \
        [A_ADDR_LEN] = {.name = "addr_len", .kind = PS_K_UINT, .bits = 16, .is_auto = true,   \
                        .length_of = "addr", .len_adjust = 4, .ls_type = "FieldLenField",     \
                        .ls_default = "None"},                                                \
        [A_ADDR] = {.name = "addr", .kind = PS_K_BYTES, .def_text = "", .variant = addr_variant, \
                    .len_from = addr_len_from, .repr = ps_strfixed_repr, .ls_type = ADDR_LS,  \
                    .ls_default = "b''"},                                                     \
    };                                                                                        \
    PARAM(var, cls, var##_fields)

ASCONF_PARAM(ps_proto_sctp_param_add_ip, "SCTPChunkParamAddIPAddr", 0xc001, "49153");
ASCONF_PARAM(ps_proto_sctp_param_del_ip, "SCTPChunkParamDelIPAddr", 0xc002, "49154");
ASCONF_PARAM(ps_proto_sctp_param_set_primary, "SCTPChunkParamSetPrimaryAddr", 0xc004, "49156");

/* ErrorIndication: its len counts 8 bytes before error_causes when built,
 * yet reads error_causes as len - 4 (Scapy's two lambdas differ). */
static long causes_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                          struct ps_fval *v, struct ps_decode_room *room)
{
    (void)room;
    size_t rest = len - off;
    long n = (long)ps_layer_uint(l, 1) - 4;
    size_t take = n >= 0 ? ((size_t)n < rest ? (size_t)n : rest)
                         : ((size_t)-n < rest ? rest - (size_t)-n : 0);
    v->bytes = p + off;
    v->len = take;
    return (long)take;
}

static const struct ps_field error_ind_fields[] = {
    TYPE(0xc003, "49155"), LEN_OF("error_causes", 8), XINT_NONE("correlation_id"),
    {.name = "error_causes", .kind = PS_K_BYTES, .def_text = "", .pad_to = 4,
     .decode = causes_decode, .ls_type = "PadField", .ls_default = "b''"},
};
PARAM(ps_proto_sctp_param_error_indication, "SCTPChunkParamErrorIndication", error_ind_fields);
