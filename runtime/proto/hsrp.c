/* HSRP (scapy/layers/hsrp.py): Cisco's hot standby hello on UDP 1985
 * (2029 for version 2), and the MD5 authentication TLV after it. */
#include <string.h>

#include "packet.h"
#include "protos.h"

#define BYTE(n, d, d_s) \
    {.name = n, .kind = PS_K_UINT, .bits = 8, .def = (d), .ls_type = "ByteField", .ls_default = d_s}

static const struct ps_enum opcodes[] = {
    {0, "Hello"}, {1, "Coup"}, {2, "Resign"}, {3, "Advertise"}, {0, NULL},
};
static const struct ps_enum states[] = {
    {0, "Initial"}, {1, "Learn"}, {2, "Listen"}, {4, "Speak"}, {8, "Standby"}, {16, "Active"},
    {0, NULL},
};

static const struct ps_field hsrp_fields[] = {
    BYTE("version", 0, "0"),
    {.name = "opcode", .kind = PS_K_UINT, .bits = 8, .enums = opcodes,
     .ls_type = "ByteEnumField", .ls_default = "0"},
    {.name = "state", .kind = PS_K_UINT, .bits = 8, .def = 16, .enums = states,
     .ls_type = "ByteEnumField", .ls_default = "16"},
    BYTE("hellotime", 3, "3"),
    BYTE("holdtime", 10, "10"),
    BYTE("priority", 120, "120"),
    BYTE("group", 1, "1"),
    BYTE("reserved", 0, "0"),
    {.name = "auth", .kind = PS_K_BYTES, .bits = 64, .def_text = "cisco",
     .repr = ps_strfixed_repr, .ls_type = "StrFixedLenField",
     .ls_default = "b'cisco\\x00\\x00\\x00'"},
    {.name = "virtualIP", .kind = PS_K_IPV4, .def_text = "192.168.1.1", .ls_type = "IPField",
     .ls_default = "'192.168.1.1'"},
};

/* guess_payload_class: HSRPmd5 when the UDP below is longer than a bare
 * hello (its len over 28), else the bindings (none: Raw). */
static const char *hsrp_payload(const struct ps_layer *l, const struct ps_layer *under,
                                const uint8_t *p, size_t len)
{
    (void)l;
    (void)p;
    (void)len;
    if (!under || strcmp(under->proto->name, "UDP") != 0)
        return NULL;
    int fi = ps_field_index(under->proto, "len");
    return fi >= 0 && ps_layer_uint(under, fi) > 28 ? "HSRPmd5" : NULL;
}

/* bind_layers(UDP, HSRP, dport=1985, sport=1985), then (..., 2029, 2029),
 * which building takes; bind_bottom_up on either port alone. */
static const struct ps_bind hsrp_binds[] = {
    {"UDP", "dport", 1985}, {"UDP", "sport", 1985}, {"UDP", NULL, 0},
    {"UDP", "dport", 2029}, {"UDP", "sport", 2029}, {NULL, NULL, 0},
};
static const struct ps_bind hsrp_build_binds[] = {
    {"UDP", "dport", 2029},
    {"UDP", "sport", 2029},
    {NULL, NULL, 0},
};
static const struct ps_bind hsrp_dissect_binds[] = {
    {"UDP", "dport", 1985}, {"UDP", NULL, 0}, {"UDP", "sport", 1985}, {"UDP", NULL, 0},
    {"UDP", "dport", 2029}, {"UDP", NULL, 0}, {"UDP", "sport", 2029}, {NULL, NULL, 0},
};

const struct ps_proto ps_proto_hsrp = {
    .name = "HSRP",
    .long_name = "HSRP",
    .fields = hsrp_fields,
    .nfields = PS_NFIELDS(hsrp_fields),
    .binds = hsrp_binds,
    .build_binds = hsrp_build_binds,
    .dissect_binds = hsrp_dissect_binds,
    .guess_payload_from = hsrp_payload,
};

static const struct ps_enum md5_types[] = {{4, "MD5 authentication"}, {0, NULL}};
static const struct ps_enum md5_algos[] = {{1, "MD5"}, {0, NULL}};

/* len is ByteField(None) that post_build never fills (its code for a
 * payload raises), so it goes out as 0. */
static const struct ps_field md5_fields[] = {
    {.name = "type", .kind = PS_K_UINT, .bits = 8, .def = 4, .enums = md5_types,
     .ls_type = "ByteEnumField", .ls_default = "4"},
    {.name = "len", .kind = PS_K_UINT, .bits = 8, .is_auto = true, .ls_type = "ByteField",
     .ls_default = "None"},
    {.name = "algo", .kind = PS_K_UINT, .bits = 8, .enums = md5_algos,
     .ls_type = "ByteEnumField", .ls_default = "0"},
    BYTE("padding", 0, "0"),
    {.name = "flags", .kind = PS_K_UINT, .bits = 16, .hex = true, .ls_type = "XShortField",
     .ls_default = "0"},
    {.name = "sourceip", .kind = PS_K_IPV4, .is_auto = true, .from_env = PS_ENV_SRC_IP4,
     .def_text = "0.0.0.0", .ls_type = "SourceIPField", .ls_default = "None"},
    {.name = "keyid", .kind = PS_K_UINT, .bits = 32, .hex = true, .ls_type = "XIntField",
     .ls_default = "0"},
    {.name = "authdigest", .kind = PS_K_BYTES, .bits = 128,
     .def_text = "",
     .repr = ps_strfixed_repr, .ls_type = "StrFixedLenField",
     .ls_default = "b'\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
                   "\\x00'"},
};

const struct ps_proto ps_proto_hsrp_md5 = {
    .name = "HSRPmd5",
    .long_name = "HSRP MD5 Authentication",
    .fields = md5_fields,
    .nfields = PS_NFIELDS(md5_fields),
};
