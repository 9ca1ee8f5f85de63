/* ARP (scapy/layers/l2.py ARP), for Ethernet and IPv4 addresses: the
 * MultipleTypeFields take their MAC and IPv4 shapes. */
#include "../print.h"
#include "protos.h"
#include "services.h"

/* scapy/layers/l2.py HARDWARE_TYPES */
static const struct ps_enum hardware_types[] = {
    {1, "Ethernet (10Mb)"},
    {2, "Ethernet (3Mb)"},
    {3, "AX.25"},
    {4, "Proteon ProNET Token Ring"},
    {5, "Chaos"},
    {6, "IEEE 802 Networks"},
    {7, "ARCNET"},
    {8, "Hyperchannel"},
    {9, "Lanstar"},
    {10, "Autonet Short Address"},
    {11, "LocalTalk"},
    {12, "LocalNet"},
    {13, "Ultra link"},
    {14, "SMDS"},
    {15, "Frame relay"},
    {16, "ATM"},
    {17, "HDLC"},
    {18, "Fibre Channel"},
    {19, "ATM"},
    {20, "Serial Line"},
    {21, "ATM"},
    {0, NULL},
};

static const struct ps_enum ops[] = {
    {1, "who-has"},
    {2, "is-at"},
    {3, "RARP-req"},
    {4, "RARP-rep"},
    {5, "Dyn-RARP-req"},
    {6, "Dyn-RAR-rep"},
    {7, "Dyn-RARP-err"},
    {8, "InARP-req"},
    {9, "InARP-rep"},
    {0, NULL},
};

static const struct ps_field fields[] = {
    {.name = "hwtype", .kind = PS_K_UINT, .bits = 16, .def = 1, .enums = hardware_types,
     .hex = true, .ls_type = "XShortEnumField", .ls_default = "1"},
    {.name = "ptype", .kind = PS_K_UINT, .bits = 16, .def = 0x0800, .enums = ps_ether_types,
     .hex = true, .ls_type = "XShortEnumField", .ls_default = "2048"},
    {.name = "hwlen", .kind = PS_K_UINT, .bits = 8, .is_auto = true, .length_of = "hwsrc",
     .ls_type = "FieldLenField", .ls_default = "None"},
    {.name = "plen", .kind = PS_K_UINT, .bits = 8, .is_auto = true, .length_of = "psrc",
     .ls_type = "FieldLenField", .ls_default = "None"},
    {.name = "op", .kind = PS_K_UINT, .bits = 16, .def = 1, .enums = ops,
     .ls_type = "ShortEnumField", .ls_default = "1"},
    {.name = "hwsrc", .kind = PS_K_MAC, .is_auto = true, .from_env = PS_ENV_SRC_MAC,
     .ls_type = "MultipleTypeField (SourceMACField, StrFixedLenField)", .ls_default = "None"},
    {.name = "psrc", .kind = PS_K_IPV4, .is_auto = true, .from_env = PS_ENV_SRC_IP4,
     .ls_type = "MultipleTypeField (SourceIPField, SourceIP6Field, StrFixedLenField)",
     .ls_default = "None"},
    {.name = "hwdst", .kind = PS_K_MAC, .def_text = "00:00:00:00:00:00",
     .ls_type = "MultipleTypeField (MACField, StrFixedLenField)", .ls_default = "None"},
    {.name = "pdst", .kind = PS_K_IPV4, .def_text = "0.0.0.0",
     .ls_type = "MultipleTypeField (IPField, IP6Field, StrFixedLenField)", .ls_default = "None"},
};

/* bind_layers(Ether, ARP, type=2054) */
static const struct ps_bind binds[] = {
    {"Ether", "type", 0x0806},
    {NULL, NULL, 0},
};

/* extract_padding: ARP carries no payload; what follows is Padding. */
static bool arp_payload_len(const struct ps_layer *l, long *len)
{
    (void)l;
    *len = 0;
    return true;
}

const struct ps_proto ps_proto_arp = {
    .name = "ARP",
    .long_name = "ARP",
    .fields = fields,
    .nfields = PS_NFIELDS(fields),
    .binds = binds,
    .neighbor_field = "pdst",
    .mysummary = ps_mysummary_arp,
    .payload_len = arp_payload_len,
};
