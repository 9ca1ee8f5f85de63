/* ARP (scapy/layers/l2.py ARP), for Ethernet and IPv4 addresses: the
 * MultipleTypeFields take their MAC and IPv4 shapes. */
#include <string.h>

#include "../packet.h"
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

/* bind_layers(Ether, ARP, type=2054), (GRE, ARP, proto=2054) */
static const struct ps_bind binds[] = {
    {"Ether", "type", 0x0806},
    {"GRE", "proto", 0x0806},
    {NULL, NULL, 0},
};

enum { F_HWTYPE, F_PTYPE, F_HWLEN, F_PLEN, F_OP, F_HWSRC, F_PSRC, F_HWDST, F_PDST };

/* hashret: pack(">HHH", hwtype, ptype, (op + 1) // 2): a request and its
 * reply share it. */
static size_t arp_hashret(const struct ps_packet *pkt, size_t idx, struct ps_hash *h)
{
    const struct ps_layer *l = &pkt->layers[idx];
    uint64_t v[3] = {ps_layer_uint(l, F_HWTYPE), ps_layer_uint(l, F_PTYPE),
                     (ps_layer_uint(l, F_OP) + 1) / 2};
    for (size_t i = 0; i < 3; i++) {
        uint8_t be[2] = {(uint8_t)(v[i] >> 8), (uint8_t)v[i]};
        ps_hash_put(h, be, 2);
    }
    return idx + 1;
}

/* answers: the next op, from the address the request asked about. */
static enum ps_answer arp_answers(const struct ps_packet *reply, size_t *r,
                                  const struct ps_packet *query, size_t *q)
{
    if (*q >= query->n || query->layers[*q].proto != &ps_proto_arp)
        return PS_ANSWER_NO;
    const struct ps_layer *self = &reply->layers[*r], *other = &query->layers[*q];
    if (ps_layer_uint(self, F_OP) != ps_layer_uint(other, F_OP) + 1)
        return PS_ANSWER_NO;
    return memcmp(self->v[F_PSRC].addr, other->v[F_PDST].addr, 4) == 0 ? PS_ANSWER_YES
                                                                       : PS_ANSWER_NO;
}

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
    .hashret = arp_hashret,
    .answers = arp_answers,
};
