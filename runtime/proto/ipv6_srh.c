/* The IPv6 segment routing header (RFC 8754; scapy/layers/inet6.py
 * IPv6ExtHdrSegmentRouting) and its TLVs (IPv6ExtHdrSegmentRoutingTLV and
 * the Ingress/Egress node, Pad1, PadN and HMAC ones). It is routing type 4:
 * ipv6.c's payload guess picks it by the routing header's third byte. */
#include <string.h>

#include "packet.h"
#include "protos.h"

/* _segment_routing_header_tlvs */
static const struct ps_enum tlv_types[] = {
    {0, "Pad1 TLV"}, {1, "Ingress Node TLV"}, {2, "Egress Node TLV"},
    {4, "PadN TLV"}, {5, "HMAC TLV"},         {0, NULL},
};

#define BYTE(n, d, d_s)                                                                      \
    {.name = n, .kind = PS_K_UINT, .bits = 8, .def = (d), .ls_type = "ByteField",            \
     .ls_default = d_s}
#define BIT(n, w, w_s)                                                                       \
    {.name = n, .kind = PS_K_UINT, .bits = (w), .ls_type = "BitField  (" w_s ")",           \
     .ls_default = "0"}
#define TLV_TYPE(d, d_s)                                                                     \
    {.name = "type", .kind = PS_K_UINT, .bits = 8, .def = (d), .enums = tlv_types,           \
     .ls_type = "ByteEnumField", .ls_default = d_s}

/* ------------------------------------------------------------- TLVs */

enum { T_TYPE, T_LEN, T_VALUE };

static const struct ps_field tlv_fields[] = {
    [T_TYPE] = {.name = "type", .kind = PS_K_UINT, .bits = 8, .is_auto = true,
                .enums = tlv_types, .ls_type = "ByteEnumField", .ls_default = "None"},
    /* A ByteField: value's length when read, 0 when built unless given. */
    [T_LEN] = BYTE("len", 0, "0"),
    [T_VALUE] = {.name = "value", .kind = PS_K_BYTES, .def_text = "", .ls_type = "StrLenField",
                 .ls_default = "b''"},
};

/* length_from=pkt.len */
static size_t tlv_value_len(const struct ps_layer *l, size_t field)
{
    return field == T_VALUE ? (size_t)ps_layer_uint(l, T_LEN) : 0;
}

/* IPv6ExtHdrSegmentRoutingTLV.dispatch_hook: registered_sr_tlv by the type
 * byte, the generic TLV for the others. */
static const char *tlv_class(const uint8_t *p, size_t len)
{
    if (!len)
        return NULL;
    switch (p[0]) {
    case 0: return "IPv6ExtHdrSegmentRoutingTLVPad1";
    case 1: return "IPv6ExtHdrSegmentRoutingTLVIngressNode";
    case 2: return "IPv6ExtHdrSegmentRoutingTLVEgressNode";
    case 4: return "IPv6ExtHdrSegmentRoutingTLVPadN";
    case 5: return "IPv6ExtHdrSegmentRoutingTLVHMAC";
    default: return NULL;
    }
}

const struct ps_proto ps_proto_ipv6_srh_tlv = {
    .name = "IPv6ExtHdrSegmentRoutingTLV",
    .long_name = "IPv6 Option Header Segment Routing - Generic TLV",
    .klass = "IPv6ExtHdrSegmentRoutingTLV",
    .fields = tlv_fields,
    .nfields = PS_NFIELDS(tlv_fields),
    .options_len = tlv_value_len,
    .dispatch = tlv_class,
};

#define NODE_TLV(type, type_s, node)                                                         \
    TLV_TYPE(type, type_s), BYTE("len", 18, "18"), BYTE("reserved", 0, "0"),                \
        BYTE("flags", 0, "0"),                                                               \
    {.name = node, .kind = PS_K_IPV6, .def_text = "::1", .ls_type = "IP6Field",             \
     .ls_default = "'::1'"}

static const struct ps_field ingress_fields[] = {NODE_TLV(1, "1", "ingress_node")};
static const struct ps_field egress_fields[] = {NODE_TLV(2, "2", "egress_node")};

const struct ps_proto ps_proto_ipv6_srh_tlv_ingress = {
    .name = "IPv6ExtHdrSegmentRoutingTLVIngressNode",
    .long_name = "IPv6 Option Header Segment Routing - Ingress Node TLV",
    .klass = "IPv6ExtHdrSegmentRoutingTLV",
    .fields = ingress_fields,
    .nfields = PS_NFIELDS(ingress_fields),
};

const struct ps_proto ps_proto_ipv6_srh_tlv_egress = {
    .name = "IPv6ExtHdrSegmentRoutingTLVEgressNode",
    .long_name = "IPv6 Option Header Segment Routing - Egress Node TLV",
    .klass = "IPv6ExtHdrSegmentRoutingTLV",
    .fields = egress_fields,
    .nfields = PS_NFIELDS(egress_fields),
};

/* Pad1 and PadN: FieldLenField len of padding (b"\x00" by default). */
#define PAD_TLV(type, type_s)                                                                \
    TLV_TYPE(type, type_s),                                                                  \
    {.name = "len", .kind = PS_K_UINT, .bits = 8, .is_auto = true, .length_of = "padding",  \
     .ls_type = "FieldLenField", .ls_default = "None"},                                      \
    {.name = "padding", .kind = PS_K_BYTES, .def_text = "\0", .def_len = 1,                 \
     .ls_type = "StrLenField", .ls_default = "b'\\x00'"}

static const struct ps_field pad1_fields[] = {PAD_TLV(0, "0")};
static const struct ps_field padn_fields[] = {PAD_TLV(4, "4")};

const struct ps_proto ps_proto_ipv6_srh_tlv_pad1 = {
    .name = "IPv6ExtHdrSegmentRoutingTLVPad1",
    .long_name = "IPv6 Option Header Segment Routing - Pad1 TLV",
    .klass = "IPv6ExtHdrSegmentRoutingTLV",
    .fields = pad1_fields,
    .nfields = PS_NFIELDS(pad1_fields),
};

const struct ps_proto ps_proto_ipv6_srh_tlv_padn = {
    .name = "IPv6ExtHdrSegmentRoutingTLVPadN",
    .long_name = "IPv6 Option Header Segment Routing - PadN TLV",
    .klass = "IPv6ExtHdrSegmentRoutingTLV",
    .fields = padn_fields,
    .nfields = PS_NFIELDS(padn_fields),
};

/* Scapy gives its FieldLenField no fmt: len is two bytes ("H"), the HMAC's
 * length plus 48. */
static const struct ps_field hmac_fields[] = {
    TLV_TYPE(5, "5"),
    {.name = "len", .kind = PS_K_UINT, .bits = 16, .is_auto = true, .length_of = "hmac",
     .len_adjust = 48, .ls_type = "FieldLenField", .ls_default = "None"},
    BIT("D", 1, "1 bit"),
    BIT("reserved", 15, "15 bits"),
    {.name = "hmackeyid", .kind = PS_K_UINT, .bits = 32, .ls_type = "IntField",
     .ls_default = "0"},
    {.name = "hmac", .kind = PS_K_BYTES, .def_text = "", .ls_type = "StrLenField",
     .ls_default = "b''"},
};

const struct ps_proto ps_proto_ipv6_srh_tlv_hmac = {
    .name = "IPv6ExtHdrSegmentRoutingTLVHMAC",
    .long_name = "IPv6 Option Header Segment Routing - HMAC TLV",
    .klass = "IPv6ExtHdrSegmentRoutingTLV",
    .fields = hmac_fields,
    .nfields = PS_NFIELDS(hmac_fields),
};

/* ------------------------------------------------------------ header */

enum {
    S_NH, S_LEN, S_TYPE, S_SEGLEFT, S_LASTENTRY, S_UNUSED1, S_PROTECTED, S_OAM, S_ALERT,
    S_HMAC, S_UNUSED2, S_TAG, S_ADDRESSES, S_TLVS
};

/* The addresses an SRH holds (its default is ["::1"]): their bytes. */
static size_t address_bytes(const struct ps_layer *l)
{
    return l->v[S_ADDRESSES].set ? l->v[S_ADDRESSES].len / 16 * 16 : 16;
}

/* IP6ListField(count_from=lastentry + 1): addresses while bytes remain; a
 * piece shorter than an address makes inet_ntop raise. */
static long srh_addresses(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                          struct ps_fval *v, struct ps_decode_room *room)
{
    (void)room;
    size_t count = (size_t)ps_layer_uint(l, S_LASTENTRY) + 1, rest = len - off;
    size_t n = 16 * count;
    if (n > rest) {
        if (rest % 16)
            return -1;
        n = rest;
    }
    v->bytes = p + off;
    v->len = n;
    return (long)n;
}

/* PacketListField length_from=8 * len - 16 * (lastentry + 1). A negative
 * length (a header that says fewer bytes than its addresses take) is read
 * as none. */
static size_t srh_tlvs_len(const struct ps_layer *l, size_t field)
{
    if (field != S_TLVS)
        return 0;
    long n = 8 * (long)ps_layer_uint(l, S_LEN) - 16 * ((long)ps_layer_uint(l, S_LASTENTRY) + 1);
    return n > 0 ? (size_t)n : 0;
}

/* post_build's padding when len is unset, after the TLVs (at bytes of
 * them): to a multiple of 8 bytes, a Pad1 TLV (built with its default
 * padding, so 3 bytes, as Scapy 2.5 does) for one byte missing, else a
 * PadN TLV. */
static size_t srh_tlv_pad(const struct ps_layer *l, const struct ps_proto *next, size_t at,
                          uint8_t pad[16])
{
    if (next || l->v[S_LEN].set)
        return 0;
    size_t missing = (8 - (8 + address_bytes(l) + at) % 8) % 8;
    memset(pad, 0, 8);
    if (missing == 1) {
        pad[1] = 1; /* 00 01 00 */
        return 3;
    }
    if (missing >= 2) {
        pad[0] = 4;
        pad[1] = (uint8_t)(missing - 2);
    }
    return missing;
}

static const struct ps_field srh_fields[] = {
    [S_NH] = {.name = "nh", .kind = PS_K_UINT, .bits = 8, .def = 59, .enums = ps_ipv6_nh,
              .ls_type = "ByteEnumField", .ls_default = "59"},
    [S_LEN] = {.name = "len", .kind = PS_K_UINT, .bits = 8, .is_auto = true,
               .ls_type = "ByteField", .ls_default = "None"},
    [S_TYPE] = BYTE("type", 4, "4"),
    [S_SEGLEFT] = {.name = "segleft", .kind = PS_K_UINT, .bits = 8, .is_auto = true,
                   .ls_type = "ByteField", .ls_default = "None"},
    [S_LASTENTRY] = {.name = "lastentry", .kind = PS_K_UINT, .bits = 8, .is_auto = true,
                     .ls_type = "ByteField", .ls_default = "None"},
    [S_UNUSED1] = BIT("unused1", 1, "1 bit"),
    [S_PROTECTED] = BIT("protected", 1, "1 bit"),
    [S_OAM] = BIT("oam", 1, "1 bit"),
    [S_ALERT] = BIT("alert", 1, "1 bit"),
    [S_HMAC] = BIT("hmac", 1, "1 bit"),
    [S_UNUSED2] = BIT("unused2", 3, "3 bits"),
    [S_TAG] = {.name = "tag", .kind = PS_K_UINT, .bits = 16, .ls_type = "ShortField",
               .ls_default = "0"},
    /* ["::1"], held encoded */
    [S_ADDRESSES] = {.name = "addresses", .kind = PS_K_BYTES, .ipv6_list = true,
                     .def_text = "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1", .def_len = 16,
                     .repr = ps_ip6_list_repr, .decode = srh_addresses,
                     .ls_type = "IP6ListField", .ls_default = "['::1']"},
    [S_TLVS] = {.name = "tlv_objects", .kind = PS_K_LAYERS,
                .sub_class = "IPv6ExtHdrSegmentRoutingTLV", .pad_before = srh_tlv_pad,
                .ls_type = "PacketListField", .ls_default = "[]"},
};

/* len: the header in 8-byte units past the first 8; segleft and lastentry:
 * the index of the last address (0 for none). */
static void srh_post_build(struct ps_build *b, size_t idx)
{
    const struct ps_layer *l = &b->pkt->layers[idx];
    uint8_t *h = b->buf + b->start[idx];
    size_t count = address_bytes(l) / 16;
    if (b->hlen[idx] < 8)
        return;
    if (!l->v[S_LEN].set)
        h[1] = (uint8_t)((b->hlen[idx] - 8) / 8);
    if (!l->v[S_SEGLEFT].set)
        h[3] = (uint8_t)(count ? count - 1 : 0);
    if (!l->v[S_LASTENTRY].set)
        h[4] = (uint8_t)(count ? count - 1 : 0);
}

static const struct ps_bind srh_binds[] = {
    {"IPv6", "nh", 43},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_ipv6_srh = {
    .name = "IPv6ExtHdrSegmentRouting",
    .long_name = "IPv6 Option Header Segment Routing",
    .fields = srh_fields,
    .nfields = PS_NFIELDS(srh_fields),
    .build_binds = srh_binds,
    .post_build = srh_post_build,
    .alias = "IPv6",
    .options_len = srh_tlvs_len,
    .guess_payload_from = ps_ip6_ext_payload,
};

const uint8_t *ps_srh_first(const struct ps_layer *l)
{
    static const uint8_t loopback[16] = {[15] = 1};
    const struct ps_fval *a = &l->v[S_ADDRESSES];
    if (!a->set)
        return loopback;
    return a->len >= 16 ? a->bytes : NULL;
}

const uint8_t *ps_srh_final(const struct ps_layer *l)
{
    if (l->v[S_SEGLEFT].set && l->v[S_SEGLEFT].u == 0)
        return NULL;
    return ps_srh_first(l);
}
