/* Linux cooked captures (scapy/layers/l2.py CookedLinux, CookedLinuxV2):
 * the link header `tcpdump -i any` writes (link types 113 and 276). */
#include "packet.h"
#include "protos.h"
#include "services.h"

/* COOKED_LINUX_PACKET_TYPES */
static const struct ps_enum packet_types[] = {
    {0, "unicast"},
    {1, "broadcast"},
    {2, "multicast"},
    {3, "unicast-to-another-host"},
    {4, "sent-by-us"},
    {0, NULL},
};

static const struct ps_field sll_fields[] = {
    {.name = "pkttype", .kind = PS_K_UINT, .bits = 16, .enums = packet_types,
     .ls_type = "ShortEnumField", .ls_default = "0"},
    {.name = "lladdrtype", .kind = PS_K_UINT, .bits = 16, .def = 512, .hex = true,
     .ls_type = "XShortField", .ls_default = "512"},
    {.name = "lladdrlen", .kind = PS_K_UINT, .bits = 16, .ls_type = "ShortField",
     .ls_default = "0"},
    {.name = "src", .kind = PS_K_BYTES, .bits = 64, .def_text = "", .repr = ps_strfixed_repr,
     .ls_type = "StrFixedLenField", .ls_default = "b''"},
    {.name = "proto", .kind = PS_K_UINT, .bits = 16, .def = 0x0800, .enums = ps_ether_types,
     .hex = true, .ls_type = "XShortEnumField", .ls_default = "2048"},
};

const struct ps_proto ps_proto_cooked_linux = {
    .name = "CookedLinux",
    .long_name = "cooked linux",
    .fields = sll_fields,
    .nfields = PS_NFIELDS(sll_fields),
};

static const struct ps_field sll2_fields[] = {
    {.name = "proto", .kind = PS_K_UINT, .bits = 16, .def = 0x0800, .enums = ps_ether_types,
     .hex = true, .ls_type = "XShortEnumField", .ls_default = "2048"},
    {.name = "reserved", .kind = PS_K_UINT, .bits = 16, .ls_type = "ShortField",
     .ls_default = "0"},
    {.name = "ifindex", .kind = PS_K_UINT, .bits = 32, .ls_type = "IntField",
     .ls_default = "0"},
    {.name = "lladdrtype", .kind = PS_K_UINT, .bits = 16, .def = 512, .hex = true,
     .ls_type = "XShortField", .ls_default = "512"},
    {.name = "pkttype", .kind = PS_K_UINT, .bits = 8, .enums = packet_types,
     .ls_type = "ByteEnumField", .ls_default = "0"},
    {.name = "lladdrlen", .kind = PS_K_UINT, .bits = 8, .ls_type = "ByteField",
     .ls_default = "0"},
    {.name = "src", .kind = PS_K_BYTES, .bits = 64, .def_text = "", .repr = ps_strfixed_repr,
     .ls_type = "StrFixedLenField", .ls_default = "b''"},
};

/* A subclass of CookedLinux in Scapy: the bindings made for CookedLinux
 * (its payload_guess list, which the subclass shares) apply. */
const struct ps_proto ps_proto_cooked_linux_v2 = {
    .name = "CookedLinuxV2",
    .long_name = "cooked linux v2",
    .fields = sll2_fields,
    .nfields = PS_NFIELDS(sll2_fields),
    .alias = "CookedLinux",
};
