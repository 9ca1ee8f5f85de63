/* LLDP (scapy/contrib/lldp.py, load_contrib("lldp")): Ether type 0x88cc,
 * a field-less LLDPDU, then one layer per TLV, chosen by the type in the
 * TLV's first 7 bits. Scapy's strict mode (its default) is followed when
 * dissecting: a TLV its _check() refuses is Raw, and a frame whose first
 * TLVs are not chassis id, port id, time to live (each once) is Raw whole.
 * Building does not refuse what strict mode would. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "csum.h"
#include "frame.h"
#include "packet.h"
#include "protos.h"

enum { T_TYPE, T_LEN };
/* LLDPDUChassisID and LLDPDUPortID */
enum { I_SUBTYPE = T_LEN + 1, I_FAMILY, I_ID };
/* LLDPDUManagementAddress */
enum { M_ADDR_LEN = T_LEN + 1, M_ADDR_SUBTYPE, M_ADDR, M_IF_SUBTYPE, M_IF_NUMBER, M_OID_LEN,
       M_OID };

static const struct ps_enum tlv_types[] = {
    {0x00, "end of LLDPDU"},       {0x01, "chassis id"},          {0x02, "port id"},
    {0x03, "time to live"},        {0x04, "port description"},    {0x05, "system name"},
    {0x06, "system description"},  {0x07, "system capabilities"}, {0x08, "management address"},
    {127, "organisation specific TLV"}, {0, NULL},
};

static const struct ps_enum families[] = {
    {0x00, "other"}, {0x01, "IPv4"}, {0x02, "IPv6"}, {0x03, "NSAP"}, {0x04, "HDLC"},
    {0x05, "BBN"}, {0x06, "802"}, {0x07, "E.163"}, {0x08, "E.164"}, {0x09, "F.69"},
    {0x0a, "X.121"}, {0x0b, "IPX"}, {0x0c, "Appletalk"}, {0x0d, "Decnet IV"},
    {0x0e, "Banyan Vines"}, {0x0f, "E.164 with NSAP"}, {0x10, "DNS"},
    {0x11, "Distinguished Name"}, {0x12, "AS Number"}, {0x13, "XTP over IPv4"},
    {0x14, "XTP over IPv6"}, {0x15, "XTP native mode XTP"},
    {0x16, "Fiber Channel World-Wide Port Name"}, {0x17, "Fiber Channel World-Wide Node Name"},
    {0x18, "GWID"}, {0x19, "AFI for L2VPN"}, {0x1a, "MPLS-TP Section Endpoint ID"},
    {0x1b, "MPLS-TP LSP Endpoint ID"}, {0x1c, "MPLS-TP Pseudowire Endpoint ID"},
    {0x1d, "MT IP Multi-Topology IPv4"}, {0x1e, "MT IP Multi-Topology IPv6"}, {0, NULL},
};

/* LLDPDU_CLASS_TYPES: the class of the TLV whose first byte is b. */
static const char *tlv_class(uint8_t b)
{
    static const char *const by_type[9] = {
        "LLDPDUEndOfLLDPDU", "LLDPDUChassisID", "LLDPDUPortID",
        "LLDPDUTimeToLive", "LLDPDUPortDescription", "LLDPDUSystemName",
        "LLDPDUSystemDescription", "LLDPDUSystemCapabilities", "LLDPDUManagementAddress",
    };
    unsigned type = b >> 1;
    return type < 9 ? by_type[type] : type == 127 ? "LLDPDUGenericOrganisationSpecific" : NULL;
}

/* LLDPDU.guess_payload_class: by the next TLV's type; an unknown one is Raw. */
static const char *next_tlv(const struct ps_layer *l, const struct ps_layer *under,
                            const uint8_t *p, size_t len)
{
    (void)l;
    (void)under;
    const char *name = len ? tlv_class(p[0]) : NULL;
    return name ? name : "Raw";
}

/* The TLV header: BitEnumField('_type', t, 7), then the 9-bit length. */
#define TLV_TYPE(t, t_s)                                                                    \
    [T_TYPE] = {.name = "_type", .kind = PS_K_UINT, .bits = 7, .def = (t), .enums = tlv_types, \
                .ls_type = "BitEnumField", .ls_default = t_s}
#define TLV_AUTO_LEN                                                                        \
    [T_LEN] = {.name = "_length", .kind = PS_K_UINT, .bits = 9, .is_auto = true,           \
               .ls_type = "BitFieldLenField  (9 bits)", .ls_default = "None"}
#define TLV_FIXED_LEN(d, d_s, type)                                                        \
    [T_LEN] = {.name = "_length", .kind = PS_K_UINT, .bits = 9, .def = (d), .ls_type = type, \
               .ls_default = d_s}

static bool on_lldp_chain(const struct ps_build *b, size_t idx, size_t *vlans)
{
    *vlans = 0;
    size_t i = idx;
    while (i > 0) {
        const char *name = b->pkt->layers[i - 1].proto->name;
        if (strcmp(name, "Dot1Q") != 0 && strcmp(name, "Dot1AD") != 0)
            break;
        (*vlans)++;
        i--;
    }
    return i > 0 && strcmp(b->pkt->layers[i - 1].proto->name, "Ether") == 0;
}

/* Whether layer i is one of LLDP's (the bare LLDPDU or a TLV). */
static bool is_lldp(const struct ps_proto *p)
{
    return strncmp(p->name, "LLDPDU", 6) == 0;
}

/* post_build: an unset _length is the TLV's own bytes after the first two
 * (each _length's adjust comes to that); the first LLDP layer over Ether
 * (and Dot1Q tags) pads the frame to 64 bytes with its FCS. */
static void lldp_post_build(struct ps_build *b, size_t idx)
{
    const struct ps_layer *l = &b->pkt->layers[idx];
    uint8_t *h = b->buf + b->start[idx];
    if (l->proto->nfields > T_LEN && l->proto->fields[T_LEN].is_auto && !l->v[T_LEN].set &&
        b->hlen[idx] >= 2) {
        size_t len = b->hlen[idx] - 2;
        h[0] = (uint8_t)((h[0] & 0xfe) | ((len >> 8) & 1));
        h[1] = (uint8_t)len;
    }
    size_t vlans;
    if (idx == 0 || is_lldp(b->pkt->layers[idx - 1].proto) || !on_lldp_chain(b, idx, &vlans))
        return;
    size_t frame = 4 * vlans + 14 + (b->len - b->start[idx]) + 4;
    if (frame >= 64 || b->len + (64 - frame) > b->cap)
        return;
    size_t pad = 64 - frame, old = b->len;
    memset(b->buf + b->len, 0, pad);
    b->len += pad;
    for (size_t j = 0; j < idx; j++)
        if (b->end[j] == old)
            b->end[j] = b->len;
}

/* bind_layers(Ether, LLDPDU, type=0x88cc), (Dot1Q, LLDPDU, type=0x88cc);
 * the TLV classes inherit its overload_fields, so they bind for building. */
static const struct ps_bind lldp_binds[] = {
    {"Ether", "type", 0x88cc},
    {"Dot1Q", "type", 0x88cc},
    {NULL, NULL, 0},
};

/* The TLVs as Scapy's strict mode saw them, up to where dissecting stopped
 * (a TLV that raised counts: its pre_dissect ran): a Raw after a TLV is one
 * when its type is known. */
static bool lldp_frame_check(const struct ps_packet *pkt, size_t idx)
{
    const char *seen[3] = {NULL, NULL, NULL};
    size_t n = 0, chassis = 0, port = 0, ttl = 0;
    for (size_t i = idx + 1; i < pkt->n; i++) {
        const struct ps_layer *l = &pkt->layers[i];
        const char *name = NULL;
        bool last = false;
        if (is_lldp(l->proto)) {
            name = l->proto->name;
        } else if (strcmp(l->proto->name, "Raw") == 0 && l->v[0].len) {
            name = tlv_class(l->v[0].bytes[0]);
            last = true;
        } else {
            break;
        }
        if (name) {
            if (n < 3)
                seen[n] = name;
            n++;
            chassis += strcmp(name, "LLDPDUChassisID") == 0;
            port += strcmp(name, "LLDPDUPortID") == 0;
            ttl += strcmp(name, "LLDPDUTimeToLive") == 0;
        }
        if (last)
            break;
    }
    return n >= 3 && strcmp(seen[0], "LLDPDUChassisID") == 0 &&
           strcmp(seen[1], "LLDPDUPortID") == 0 && strcmp(seen[2], "LLDPDUTimeToLive") == 0 &&
           chassis == 1 && port == 1 && ttl == 1;
}

const struct ps_proto ps_proto_lldpdu = {
    .name = "LLDPDU",
    .long_name = "LLDPDU",
    .binds = lldp_binds,
    .post_build = lldp_post_build,
    .guess_payload_from = next_tlv,
    .frame_check = lldp_frame_check,
};

#define TLV(var, cls, fieldtab, ...)                                                        \
    const struct ps_proto var = {.name = cls, .long_name = cls, .fields = fieldtab,         \
                                 .nfields = PS_NFIELDS(fieldtab), .build_binds = lldp_binds, \
                                 .post_build = lldp_post_build,                             \
                                 .guess_payload_from = next_tlv, __VA_ARGS__}

/* XStrLenField.i2repr: the bytes in hex, unquoted. */
static int xstr_repr(const struct ps_fval *v, char *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < v->len; i++) {
        int k = snprintf(n < cap ? out + n : NULL, n < cap ? cap - n : 0, "%02x", v->bytes[i]);
        n += k > 0 ? (size_t)k : 0;
    }
    if (!v->len && cap)
        out[0] = '\0';
    return (int)n;
}

/* A _check() that raises when dissecting (post_dissect): the TLV is Raw. */
static bool refused(long *len)
{
    *len = LONG_MIN;
    return true;
}

/* ----------------------------------------------- chassis id and port id */

static const struct ps_enum chassis_subtypes[] = {
    {0x00, "reserved"}, {0x01, "chassis component"}, {0x02, "interface alias"},
    {0x03, "port component"}, {0x04, "MAC address"}, {0x05, "network address"},
    {0x06, "interface name"}, {0x07, "locally assigned"}, {0, NULL},
};
static const struct ps_enum port_subtypes[] = {
    {0x00, "reserved"}, {0x01, "interface alias"}, {0x02, "port component"},
    {0x03, "MAC address"}, {0x04, "network address"}, {0x05, "interface name"},
    {0x06, "agent circuit ID"}, {0x07, "locally assigned"}, {0, NULL},
};

/* The subtype that says MAC address, and network address (with family). */
static uint64_t mac_subtype(const struct ps_layer *l)
{
    return strcmp(l->proto->name, "LLDPDUChassisID") == 0 ? 4 : 3;
}
static bool has_family(const struct ps_layer *l)
{
    return ps_layer_uint(l, I_SUBTYPE) == mac_subtype(l) + 1;
}

#define ID_LS "MultipleTypeField (MACField, IPField, IP6Field, StrLenField)"
static const struct ps_field id_ip4 = {.name = "id", .kind = PS_K_IPV4, .def_text = "0.0.0.0",
                                       .ls_type = ID_LS, .ls_default = "b''"};
static const struct ps_field id_ip6 = {.name = "id", .kind = PS_K_IPV6, .def_text = "::",
                                       .ls_type = ID_LS, .ls_default = "b''"};
static const struct ps_field id_str = {.name = "id", .kind = PS_K_BYTES, .def_text = "",
                                       .ls_type = ID_LS, .ls_default = "b''"};

/* MultipleTypeField: a MAC for the MAC subtype, an address for a network
 * address of family IPv4 or IPv6, else StrLenField. */
static const struct ps_field *id_variant(const struct ps_layer *l)
{
    uint64_t subtype = ps_layer_uint(l, I_SUBTYPE);
    if (subtype == mac_subtype(l))
        return NULL;
    if (has_family(l)) {
        uint64_t family = ps_layer_uint(l, I_FAMILY);
        if (family == 1)
            return &id_ip4;
        if (family == 2)
            return &id_ip6;
    }
    return &id_str;
}

/* _ldp_id_lengthfrom: _length - 1, one less again with a family byte. */
static size_t id_len(const struct ps_layer *l, size_t field)
{
    (void)field;
    long n = (long)ps_layer_uint(l, T_LEN) - 1 - (has_family(l) ? 1 : 0);
    return n > 0 ? (size_t)n : 0;
}

/* _check: an empty id (or none read) raises. */
static bool id_check(const struct ps_layer *l, long *len)
{
    const struct ps_fval *id = &l->v[I_ID];
    if (!id->set || (id_variant(l) == &id_str && id->len == 0))
        return refused(len);
    return false;
}

#define ID_FIELDS(t, t_s, subtypes)                                                         \
    TLV_TYPE(t, t_s), TLV_AUTO_LEN,                                                         \
    [I_SUBTYPE] = {.name = "subtype", .kind = PS_K_UINT, .bits = 8, .enums = subtypes,      \
                   .ls_type = "ByteEnumField", .ls_default = "0"},                          \
    [I_FAMILY] = {.name = "family", .kind = PS_K_UINT, .bits = 8, .enums = families,        \
                  .present = has_family, .ls_type = "ByteEnumField (Cond)",                 \
                  .ls_default = "0"},                                                       \
    [I_ID] = {.name = "id", .kind = PS_K_MAC, .def_text = "00:00:00:00:00:00",             \
              .variant = id_variant, .ls_type = ID_LS, .ls_default = "b''"}

static const struct ps_field chassis_fields[] = {ID_FIELDS(1, "1", chassis_subtypes)};
static const struct ps_field port_fields[] = {ID_FIELDS(2, "2", port_subtypes)};

TLV(ps_proto_lldpdu_chassis_id, "LLDPDUChassisID", chassis_fields, .options_len = id_len,
    .payload_len = id_check);
TLV(ps_proto_lldpdu_port_id, "LLDPDUPortID", port_fields, .options_len = id_len,
    .payload_len = id_check);

/* ------------------------------------------------- time to live, end */

static const struct ps_field ttl_fields[] = {
    TLV_TYPE(3, "3"),
    TLV_FIXED_LEN(2, "2", "BitField  (9 bits)"),
    {.name = "ttl", .kind = PS_K_UINT, .bits = 16, .def = 20, .ls_type = "ShortField",
     .ls_default = "20"},
};

static bool length_is(const struct ps_layer *l, uint64_t want, long *len)
{
    return ps_layer_uint(l, T_LEN) != want ? refused(len) : false;
}

static bool ttl_check(const struct ps_layer *l, long *len)
{
    return length_is(l, 2, len);
}

TLV(ps_proto_lldpdu_ttl, "LLDPDUTimeToLive", ttl_fields, .payload_len = ttl_check);

static const struct ps_field end_fields[] = {
    TLV_TYPE(0, "0"),
    TLV_FIXED_LEN(0, "0", "BitField  (9 bits)"),
};

/* _check, then extract_padding: all that follows is Padding. */
static bool end_check(const struct ps_layer *l, long *len)
{
    if (length_is(l, 0, len))
        return true;
    *len = 0;
    return true;
}

TLV(ps_proto_lldpdu_end, "LLDPDUEndOfLLDPDU", end_fields, .payload_len = end_check);

/* ------------------------------------- the string TLVs: _length bytes */

static size_t string_len(const struct ps_layer *l, size_t field)
{
    (void)field;
    return (size_t)ps_layer_uint(l, T_LEN);
}

#define STRING_TLV(var, cls, t, t_s, fname)                                                 \
    static const struct ps_field var##_fields[] = {                                         \
        TLV_TYPE(t, t_s), TLV_AUTO_LEN,                                                     \
        {.name = fname, .kind = PS_K_BYTES, .def_text = "", .ls_type = "StrLenField",       \
         .ls_default = "b''"},                                                              \
    };                                                                                      \
    TLV(var, cls, var##_fields, .options_len = string_len)

STRING_TLV(ps_proto_lldpdu_port_description, "LLDPDUPortDescription", 4, "4", "description");
STRING_TLV(ps_proto_lldpdu_system_name, "LLDPDUSystemName", 5, "5", "system_name");
STRING_TLV(ps_proto_lldpdu_system_description, "LLDPDUSystemDescription", 6, "6",
           "description");

/* ------------------------------------------------ system capabilities */

#define CAP(n) {.name = n, .kind = PS_K_UINT, .bits = 1, .ls_type = "BitField  (1 bit)", \
                .ls_default = "0"}
#define CAPS(suffix)                                                                        \
    CAP("reserved_5_" suffix), CAP("reserved_4_" suffix), CAP("reserved_3_" suffix),        \
    CAP("reserved_2_" suffix), CAP("reserved_1_" suffix), CAP("two_port_mac_relay_" suffix), \
    CAP("s_vlan_component_" suffix), CAP("c_vlan_component_" suffix),                       \
    CAP("station_only_" suffix), CAP("docsis_cable_device_" suffix),                        \
    CAP("telephone_" suffix), CAP("router_" suffix), CAP("wlan_access_point_" suffix),      \
    CAP("mac_bridge_" suffix), CAP("repeater_" suffix), CAP("other_" suffix)

static const struct ps_field caps_fields[] = {
    TLV_TYPE(7, "7"),
    TLV_FIXED_LEN(4, "4", "BitFieldLenField  (9 bits)"),
    CAPS("available"),
    CAPS("enabled"),
};

static bool caps_check(const struct ps_layer *l, long *len)
{
    return length_is(l, 4, len);
}

TLV(ps_proto_lldpdu_system_capabilities, "LLDPDUSystemCapabilities", caps_fields,
    .payload_len = caps_check);

/* ------------------------------------------------- management address */

static const struct ps_enum if_numbering[] = {
    {0x01, "unknown"}, {0x02, "ifIndex"}, {0x03, "system port number"}, {0, NULL},
};

static const struct ps_field mgmt_fields[] = {
    TLV_TYPE(8, "8"),
    TLV_AUTO_LEN,
    [M_ADDR_LEN] = {.name = "_management_address_string_length", .kind = PS_K_UINT, .bits = 8,
                    .is_auto = true, .length_of = "management_address", .len_adjust = 1,
                    .ls_type = "BitFieldLenField  (8 bits)", .ls_default = "None"},
    [M_ADDR_SUBTYPE] = {.name = "management_address_subtype", .kind = PS_K_UINT, .bits = 8,
                        .enums = families, .ls_type = "ByteEnumField", .ls_default = "0"},
    [M_ADDR] = {.name = "management_address", .kind = PS_K_BYTES, .def_text = "", .repr = xstr_repr,
                .ls_type = "XStrLenField", .ls_default = "b''"},
    [M_IF_SUBTYPE] = {.name = "interface_numbering_subtype", .kind = PS_K_UINT, .bits = 8,
                      .def = 1, .enums = if_numbering, .ls_type = "ByteEnumField",
                      .ls_default = "1"},
    [M_IF_NUMBER] = {.name = "interface_number", .kind = PS_K_UINT, .bits = 32,
                     .ls_type = "BitField  (32 bits)", .ls_default = "0"},
    [M_OID_LEN] = {.name = "_oid_string_length", .kind = PS_K_UINT, .bits = 8, .is_auto = true,
                   .length_of = "object_id", .ls_type = "BitFieldLenField  (8 bits)",
                   .ls_default = "None"},
    [M_OID] = {.name = "object_id", .kind = PS_K_BYTES, .def_text = "", .repr = xstr_repr,
               .ls_type = "XStrLenField", .ls_default = "b''"},
};

/* _check: a management address of 1..31 bytes. */
static bool mgmt_check(const struct ps_layer *l, long *len)
{
    size_t n = l->v[M_ADDR].set ? l->v[M_ADDR].len : 0;
    return n == 0 || n > 31 ? refused(len) : false;
}

TLV(ps_proto_lldpdu_management_address, "LLDPDUManagementAddress", mgmt_fields,
    .payload_len = mgmt_check);

/* ------------------------------------------- organisation specific */

static const struct ps_enum org_codes[] = {
    {0x000ecf, "PROFIBUS International (PNO)"},
    {0x0080c2, "IEEE 802.1"},
    {0x00120f, "IEEE 802.3"},
    {0x0012bb, "TIA TR-41 Committee . Media Endpoint Discovery"},
    {0x30b216, "Hytec Geraetebau GmbH"},
    {0, NULL},
};

static const struct ps_field org_fields[] = {
    TLV_TYPE(127, "127"),
    [T_LEN] = {.name = "_length", .kind = PS_K_UINT, .bits = 9, .is_auto = true,
               .length_of = "data", .len_adjust = 4, .ls_type = "BitFieldLenField  (9 bits)",
               .ls_default = "None"},
    {.name = "org_code", .kind = PS_K_UINT, .bits = 24, .enums = org_codes,
     .ls_type = "ThreeBytesEnumField", .ls_default = "0"},
    {.name = "subtype", .kind = PS_K_UINT, .bits = 8, .ls_type = "ByteField", .ls_default = "0"},
    {.name = "data", .kind = PS_K_BYTES, .def_text = "", .repr = xstr_repr, .ls_type = "XStrLenField",
     .ls_default = "b''"},
};

TLV(ps_proto_lldpdu_org_specific, "LLDPDUGenericOrganisationSpecific", org_fields);
