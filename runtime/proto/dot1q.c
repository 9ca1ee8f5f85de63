/* IEEE 802.1Q VLAN tag (scapy/layers/l2.py Dot1Q). */
#include "packet.h"
#include "field_text.h"
#include "protos.h"
#include "services.h"

enum { F_PRIO, F_ID, F_VLAN, F_TYPE };

static const struct ps_field fields[] = {
    {.name = "prio", .kind = PS_K_UINT, .bits = 3, .ls_type = "BitField  (3 bits)",
     .ls_default = "0"},
    {.name = "id", .kind = PS_K_UINT, .bits = 1, .ls_type = "BitField  (1 bit)",
     .ls_default = "0"},
    {.name = "vlan", .kind = PS_K_UINT, .bits = 12, .def = 1, .ls_type = "BitField  (12 bits)",
     .ls_default = "1"},
    {.name = "type", .kind = PS_K_UINT, .bits = 16, .def = 0, .enums = ps_ether_types,
     .hex = true, .ls_type = "XShortEnumField", .ls_default = "0"},
};

/* bind_layers(Ether, Dot1Q, type=0x8100); on a Dot1Q the same binding
 * applies through Dot1Q's aliastypes, which is how QinQ gets 0x8100. */
static const struct ps_bind binds[] = {
    {"Ether", "type", 0x8100},
    {"GRE", "proto", 0x8100},
    {"SNAP", "code", 0x8100}, /* bind_layers(SNAP, Dot1Q, code=33024) */
    {"CookedLinux", "proto", 0x8100},
    {NULL, NULL, 0},
};

/* extract_padding: a type of 1500 or less is the payload's length. */
static bool dot1q_payload_len(const struct ps_layer *l, long *len)
{
    uint64_t type = ps_layer_uint(l, F_TYPE);
    if (type > 1500)
        return false;
    *len = (long)type;
    return true;
}

/* default_payload_class: a type of 1500 or less is a length, so LLC. */
const char *ps_dot1q_guess_payload(const struct ps_layer *l)
{
    return ps_layer_uint(l, F_TYPE) <= 1500 ? "LLC" : NULL;
}

/* answers: a tagged request needs the same type and VLAN; an untagged one
 * is answered by what the tag carries. */
enum ps_answer ps_dot1q_answers(const struct ps_packet *reply, size_t *r,
                                const struct ps_packet *query, size_t *q)
{
    const struct ps_layer *self = &reply->layers[(*r)++];
    /* isinstance(other, Dot1Q): Dot1AD is a Dot1Q; both keep type and vlan
     * at the same places. */
    if (*q < query->n && (query->layers[*q].proto == &ps_proto_dot1q ||
                          query->layers[*q].proto == &ps_proto_dot1ad)) {
        const struct ps_layer *other = &query->layers[(*q)++];
        if (ps_layer_uint(self, F_TYPE) != ps_layer_uint(other, F_TYPE) ||
            ps_layer_uint(self, F_VLAN) != ps_layer_uint(other, F_VLAN))
            return PS_ANSWER_NO;
    }
    return PS_ANSWER_ON;
}

/* On Ether: "802.1q %Ether.src% > %Ether.dst% (%Dot1Q.type%) vlan %Dot1Q.vlan%",
 * else without the addresses. */
static int mysummary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    ps_strbuf_puts(&b, "802.1q ");
    ps_put_src_dst_under(&b, pkt, idx, "Ether");
    ps_strbuf_puts(&b, "(");
    ps_put_field(&b, pkt, idx, "type");
    ps_strbuf_puts(&b, ") vlan ");
    ps_put_field(&b, pkt, idx, "vlan");
    return ps_strbuf_result(&b);
}

const struct ps_proto ps_proto_dot1q = {
    .name = "Dot1Q",
    .long_name = "802.1Q",
    .fields = fields,
    .nfields = PS_NFIELDS(fields),
    .binds = binds,
    .alias = "Ether",
    .neighbor_through = true,
    .mysummary = mysummary,
    .payload_len = dot1q_payload_len,
    .guess_payload = ps_dot1q_guess_payload,
    .answers = ps_dot1q_answers,
};
