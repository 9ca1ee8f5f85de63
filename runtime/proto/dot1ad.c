/* IEEE 802.1ad service tag, QinQ's outer tag (scapy/layers/l2.py Dot1AD):
 * Dot1Q's fields and summary under its own ethertype 0x88a8. */
#include <string.h>

#include "packet.h"
#include "field_text.h"
#include "strbuf.h"
#include "protos.h"
#include "services.h"

enum { F_PRIO, F_ID, F_VLAN, F_TYPE };

static const struct ps_field fields[] = {
    [F_PRIO] = {.name = "prio", .kind = PS_K_UINT, .bits = 3, .ls_type = "BitField  (3 bits)",
                .ls_default = "0"},
    [F_ID] = {.name = "id", .kind = PS_K_UINT, .bits = 1, .ls_type = "BitField  (1 bit)",
              .ls_default = "0"},
    [F_VLAN] = {.name = "vlan", .kind = PS_K_UINT, .bits = 12, .def = 1,
                .ls_type = "BitField  (12 bits)", .ls_default = "1"},
    [F_TYPE] = {.name = "type", .kind = PS_K_UINT, .bits = 16, .enums = ps_ether_types,
                .hex = true, .ls_type = "XShortEnumField", .ls_default = "0"},
};

/* bind_layers(Ether, Dot1AD, type=0x88a8), (Dot1AD, Dot1AD, type=0x88a8),
 * (Dot1Q, Dot1AD, type=0x88a8). Dot1Q over it takes Ether's binding
 * through the alias, which is the 0x8100 of (Dot1AD, Dot1Q). */
static const struct ps_bind binds[] = {
    {"Ether", "type", 0x88a8},
    {"Dot1AD", "type", 0x88a8},
    {"Dot1Q", "type", 0x88a8},
    {NULL, NULL, 0},
};

/* Dot1Q.mysummary, inherited: "802.1q %Ether.src% > %Ether.dst%
 * (%Dot1Q.type%) vlan %Dot1Q.vlan%" on an Ether, else without the
 * addresses. sprintf finds "Dot1Q" by class name from the layer it starts
 * at upwards, so a Dot1AD shows the first Dot1Q above it, or question marks. */
static int dot1ad_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    char text[64];
    size_t q = idx;
    while (q < pkt->n && strcmp(pkt->layers[q].proto->name, "Dot1Q") != 0)
        q++;
    ps_strbuf_puts(&b, "802.1q ");
    if (idx > 0 && strcmp(pkt->layers[idx - 1].proto->name, "Ether") == 0) {
        ps_format_field(pkt, idx - 1, "src", text, sizeof text);
        ps_strbuf_printf(&b, "%s > ", text);
        ps_format_field(pkt, idx - 1, "dst", text, sizeof text);
        ps_strbuf_printf(&b, "%s ", text);
    }
    if (q == pkt->n) {
        ps_strbuf_puts(&b, "(?" "?) vlan ?" "?");
        return ps_strbuf_result(&b);
    }
    ps_format_field(pkt, q, "type", text, sizeof text);
    ps_strbuf_printf(&b, "(%s) vlan ", text);
    ps_format_field(pkt, q, "vlan", text, sizeof text);
    ps_strbuf_puts(&b, text);
    return ps_strbuf_result(&b);
}

/* Dot1Q.extract_padding: a type of 1500 or less is the payload's length. */
static bool dot1ad_payload_len(const struct ps_layer *l, long *len)
{
    uint64_t type = ps_layer_uint(l, F_TYPE);
    if (type > 1500)
        return false;
    *len = (long)type;
    return true;
}

const struct ps_proto ps_proto_dot1ad = {
    .name = "Dot1AD",
    .long_name = "802_1AD",
    .fields = fields,
    .nfields = PS_NFIELDS(fields),
    .binds = binds,
    .alias = "Ether",
    /* Not neighbor_through: Scapy's neighbour resolvers pass through Dot1Q
     * only, so Ether()/Dot1AD()/IP() broadcasts, multicast groups too. */
    .mysummary = dot1ad_summary,
    .payload_len = dot1ad_payload_len,
    .guess_payload = ps_dot1q_guess_payload,
    .answers = ps_dot1q_answers,
};
