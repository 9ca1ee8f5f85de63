/* Ethernet II (scapy/layers/l2.py Ether). */
#include "packet.h"
#include "field_text.h"
#include "protos.h"
#include "services.h"

static const struct ps_field fields[] = {
    {.name = "dst", .kind = PS_K_MAC, .is_auto = true, .from_env = PS_ENV_DST_MAC,
     .ls_type = "DestMACField", .ls_default = "None"},
    {.name = "src", .kind = PS_K_MAC, .is_auto = true, .from_env = PS_ENV_SRC_MAC,
     .ls_type = "SourceMACField", .ls_default = "None"},
    {.name = "type", .kind = PS_K_UINT, .bits = 16, .def = 0x9000, .enums = ps_ether_types,
     .hex = true, .ls_type = "XShortEnumField", .ls_default = "36864"},
};

/* bind_layers(Ether, Ether, type=1), (GRE, Ether, proto=0x6558),
 * (SNAP, Ether, code=1) */
static const struct ps_bind binds[] = {
    {"Ether", "type", 1},
    {"GRE", "proto", 0x6558},
    {"SNAP", "code", 1},
    {"CookedLinux", "proto", 1},
    {NULL, NULL, 0},
};

/* bind_top_down(VXLAN, Ether, flags=12, NextProtocol=3), the last of
 * vxlan.py's two; VXLAN's own guess_payload dissects it. */
static const struct ps_bind build_binds[] = {
    {"VXLAN", "flags", 12},
    {"VXLAN", "NextProtocol", 3},
    {NULL, NULL, 0},
};

/* dispatch_hook: a type field of 1500 or less is an 802.3 length. */
static const char *ether_dispatch(const uint8_t *p, size_t len)
{
    return len >= 14 && (p[12] << 8 | p[13]) <= 1500 ? "Dot3" : NULL;
}

enum { F_ETHER_TYPE = 2 };

/* hashret: the type as struct.pack("H") packs it, in the host's order. */
static size_t ether_hashret(const struct ps_packet *pkt, size_t idx, struct ps_hash *h)
{
    uint16_t type = (uint16_t)ps_layer_uint(&pkt->layers[idx], F_ETHER_TYPE);
    ps_hash_put(h, &type, sizeof type);
    return idx + 1;
}

/* answers: an Ether of the same type, then the payloads. */
static enum ps_answer ether_answers(const struct ps_packet *reply, size_t *r,
                                    const struct ps_packet *query, size_t *q)
{
    if (*q >= query->n || query->layers[*q].proto != &ps_proto_ether ||
        ps_layer_uint(&reply->layers[*r], F_ETHER_TYPE) !=
            ps_layer_uint(&query->layers[*q], F_ETHER_TYPE))
        return PS_ANSWER_NO;
    ++*r;
    ++*q;
    return PS_ANSWER_ON;
}

/* "%src% > %dst% (%type%)" */
static int mysummary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    ps_put_src_dst(&b, pkt, idx);
    ps_strbuf_puts(&b, " (");
    ps_put_field(&b, pkt, idx, "type");
    ps_strbuf_puts(&b, ")");
    return ps_strbuf_result(&b);
}

const struct ps_proto ps_proto_ether = {
    .name = "Ether",
    .long_name = "Ethernet",
    .fields = fields,
    .nfields = PS_NFIELDS(fields),
    .binds = binds,
    .build_binds = build_binds,
    .mysummary = mysummary,
    .dispatch = ether_dispatch,
    .hashret = ether_hashret,
    .answers = ether_answers,
};
