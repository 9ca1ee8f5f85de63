/* VXLAN (scapy/layers/vxlan.py, RFC 7348, with the GPE and group policy
 * fields its flags call for). */
#include <stdio.h>

#include "packet.h"
#include "field_text.h"
#include "protos.h"

enum { F_FLAGS, F_RESERVED0, F_NEXT, F_RESERVED1, F_GPFLAGS, F_GPID, F_VNI, F_RESERVED2 };

static const char *const vxlan_flags[] = {"OAM", "R", "NextProtocol", "Instance", "V1", "V2",
                                          "R", "G", NULL};
static const char *const gp_flags[] = {"R", "R", "R", "A", "R", "R", "D", "R", NULL};

static const struct ps_enum next_protocols[] = {
    {0, "NotDefined"}, {1, "IPv4"}, {2, "IPv6"}, {3, "Ethernet"}, {4, "NSH"}, {0, NULL},
};

enum { FLAG_NEXT_PROTOCOL = 0x04, FLAG_G = 0x80 };

static bool has_next(const struct ps_layer *l)
{
    return ps_layer_uint(l, F_FLAGS) & FLAG_NEXT_PROTOCOL;
}
static bool has_reserved1(const struct ps_layer *l)
{
    return !(ps_layer_uint(l, F_FLAGS) & (FLAG_G | FLAG_NEXT_PROTOCOL));
}
static bool has_group(const struct ps_layer *l)
{
    return ps_layer_uint(l, F_FLAGS) & FLAG_G;
}

static const struct ps_field fields[] = {
    [F_FLAGS] = {.name = "flags", .kind = PS_K_UINT, .bits = 8, .def = 0x08,
                 .flags = vxlan_flags, .ls_type = "FlagsField",
                 .ls_default = "<Flag 8 (Instance)>"},
    [F_RESERVED0] = {.name = "reserved0", .kind = PS_K_UINT, .bits = 16, .present = has_next,
                     .ls_type = "ShortField (Cond)", .ls_default = "0"},
    [F_NEXT] = {.name = "NextProtocol", .kind = PS_K_UINT, .bits = 8, .enums = next_protocols,
                .present = has_next, .ls_type = "ByteEnumField (Cond)", .ls_default = "0"},
    [F_RESERVED1] = {.name = "reserved1", .kind = PS_K_UINT, .bits = 24,
                     .present = has_reserved1, .ls_type = "ThreeBytesField (Cond)",
                     .ls_default = "0"},
    [F_GPFLAGS] = {.name = "gpflags", .kind = PS_K_UINT, .bits = 8, .flags = gp_flags,
                   .flags_list = true,
                   .present = has_group, .ls_type = "FlagsField (Cond)",
                   .ls_default = "<Flag 0 ()>"},
    [F_GPID] = {.name = "gpid", .kind = PS_K_UINT, .bits = 16, .present = has_group,
                .ls_type = "ShortField (Cond)", .ls_default = "0"},
    [F_VNI] = {.name = "vni", .kind = PS_K_UINT, .bits = 24, .hex = true,
               .ls_type = "X3BytesField", .ls_default = "0"},
    [F_RESERVED2] = {.name = "reserved2", .kind = PS_K_UINT, .bits = 8, .hex = true,
                     .ls_type = "XByteField", .ls_default = "0"},
};

/* bind_layers(UDP, VXLAN, dport=...) and (sport=...) for each port, each
 * a call of its own; the last, sport=4789 with dport=4789, builds. */
static const struct ps_bind dissect_binds[] = {
    {"UDP", "dport", 4789}, {"UDP", NULL, 0}, {"UDP", "dport", 4790}, {"UDP", NULL, 0},
    {"UDP", "dport", 6633}, {"UDP", NULL, 0}, {"UDP", "dport", 8472}, {"UDP", NULL, 0},
    {"UDP", "dport", 48879}, {"UDP", NULL, 0}, {"UDP", "sport", 4789}, {"UDP", NULL, 0},
    {"UDP", "sport", 4790}, {"UDP", NULL, 0}, {"UDP", "sport", 6633}, {"UDP", NULL, 0},
    {"UDP", "sport", 8472}, {NULL, NULL, 0},
};

static const struct ps_bind build_binds[] = {
    {"UDP", "sport", 4789},
    {"UDP", "dport", 4789},
    {NULL, NULL, 0},
};

/* bind_bottom_up(VXLAN, Ether|IP|IPv6, NextProtocol=...): an absent
 * NextProtocol reads as its default, 0, which is Ethernet. */
static const char *vxlan_payload(const struct ps_layer *l)
{
    switch (ps_layer_uint(l, F_NEXT)) {
    case 0:
    case 3: return "Ether";
    case 1: return "IP";
    case 2: return "IPv6";
    default: return NULL;
    }
}

/* "VXLAN (vni=%VXLAN.vni%)", with " gpid=%VXLAN.gpid%" for group policy. */
static int vxlan_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    char vni[24] = "", gpid[24] = "";
    uint64_t flags = 0;
    ps_format_field(pkt, idx, "vni", vni, sizeof vni);
    (void)ps_field_uint(pkt, idx, "flags", &flags);
    if (!(flags & FLAG_G))
        return snprintf(out, cap, "VXLAN (vni=%s)", vni);
    ps_format_field(pkt, idx, "gpid", gpid, sizeof gpid);
    return snprintf(out, cap, "VXLAN (vni=%s gpid=%s)", vni, gpid);
}

const struct ps_proto ps_proto_vxlan = {
    .name = "VXLAN",
    .long_name = "VXLAN",
    .fields = fields,
    .nfields = PS_NFIELDS(fields),
    .build_binds = build_binds,
    .dissect_binds = dissect_binds,
    .guess_payload = vxlan_payload,
    .mysummary = vxlan_summary,
};
