/* GRE (scapy/layers/l2.py GRE, GRE_PPTP, GRErouting): the optional fields
 * its flag bits call for, the checksum over header and payload when
 * chksum_present, and the payload by proto (the bindings are in the
 * payload protocols' files). */
#include "packet.h"
#include "protos.h"
#include "services.h"

enum { F_CHKSUM_PRESENT, F_ROUTING_PRESENT, F_KEY_PRESENT, F_SEQNUM_PRESENT, F_STRICT,
       F_RECURSION, F_FLAGS, F_VERSION, F_PROTO, F_CHKSUM, F_OFFSET, F_KEY, F_SEQ };

#define BIT(n, d, d_s)                                                                      \
    {.name = n, .kind = PS_K_UINT, .bits = 1, .def = (d), .ls_type = "BitField  (1 bit)", \
     .ls_default = d_s}

static bool has_checksum(const struct ps_layer *l)
{
    return ps_layer_uint(l, F_CHKSUM_PRESENT) == 1 || ps_layer_uint(l, F_ROUTING_PRESENT) == 1;
}
static bool has_key(const struct ps_layer *l)
{
    return ps_layer_uint(l, F_KEY_PRESENT) == 1;
}
static bool has_seq(const struct ps_layer *l)
{
    return ps_layer_uint(l, F_SEQNUM_PRESENT) == 1;
}

/* XShortField/XIntField(None) under a ConditionalField: 0 when built,
 * unless post_build computes it. */
#define OPTIONAL(n, bits_, cond, type)                                                      \
    {.name = n, .kind = PS_K_UINT, .bits = bits_, .is_auto = true, .hex = true,            \
     .present = cond, .ls_type = type, .ls_default = "None"}

static const struct ps_field fields[] = {
    [F_CHKSUM_PRESENT] = BIT("chksum_present", 0, "0"),
    [F_ROUTING_PRESENT] = BIT("routing_present", 0, "0"),
    [F_KEY_PRESENT] = BIT("key_present", 0, "0"),
    [F_SEQNUM_PRESENT] = BIT("seqnum_present", 0, "0"),
    [F_STRICT] = BIT("strict_route_source", 0, "0"),
    [F_RECURSION] = {.name = "recursion_control", .kind = PS_K_UINT, .bits = 3,
                     .ls_type = "BitField  (3 bits)", .ls_default = "0"},
    [F_FLAGS] = {.name = "flags", .kind = PS_K_UINT, .bits = 5, .ls_type = "BitField  (5 bits)",
                 .ls_default = "0"},
    [F_VERSION] = {.name = "version", .kind = PS_K_UINT, .bits = 3,
                   .ls_type = "BitField  (3 bits)", .ls_default = "0"},
    [F_PROTO] = {.name = "proto", .kind = PS_K_UINT, .bits = 16, .enums = ps_ether_types,
                 .hex = true, .ls_type = "XShortEnumField", .ls_default = "0"},
    [F_CHKSUM] = OPTIONAL("chksum", 16, has_checksum, "XShortField (Cond)"),
    [F_OFFSET] = OPTIONAL("offset", 16, has_checksum, "XShortField (Cond)"),
    [F_KEY] = OPTIONAL("key", 32, has_key, "XIntField (Cond)"),
    [F_SEQ] = OPTIONAL("sequence_number", 32, has_seq, "XIntField (Cond)"),
};

/* bind_layers(IP, GRE, frag=0, proto=47), (IPv6, GRE, nh=47) */
static const struct ps_bind binds[] = {
    {"IP", "frag", 0},
    {"IP", "proto", 47},
    {"IPv6", "nh", 47},
    {NULL, NULL, 0},
};

static void gre_post_build(struct ps_build *b, size_t idx)
{
    const struct ps_layer *l = &b->pkt->layers[idx];
    uint8_t *h = b->buf + b->start[idx];
    if (b->hlen[idx] < 6 || ps_effective_uint(b->pkt, idx, F_CHKSUM_PRESENT) != 1 ||
        l->v[F_CHKSUM].set)
        return;
    ps_put16(h + 4, ps_csum_fold(ps_csum_add(0, h, b->end[idx] - b->start[idx])));
}

/* dispatch_hook: proto 0x880b is PPTP's enhanced GRE. Fewer than 4 bytes
 * make its struct.unpack raise, so they are Raw. */
static const char *gre_dispatch(const uint8_t *p, size_t len)
{
    if (len < 4)
        return "Raw";
    return ps_get16(p + 2) == 0x880b ? "GRE_PPTP" : NULL;
}

/* bind_layers(GRE, GRErouting, routing_present=1) is made before the
 * payload protocols' own, so it is tried first. */
static const char *gre_payload(const struct ps_layer *l)
{
    return ps_layer_uint(l, F_ROUTING_PRESENT) == 1 ? "GRErouting" : NULL;
}

const struct ps_proto ps_proto_gre = {
    .name = "GRE",
    .long_name = "GRE",
    .fields = fields,
    .nfields = PS_NFIELDS(fields),
    .binds = binds,
    .post_build = gre_post_build,
    .dispatch = gre_dispatch,
    .guess_payload = gre_payload,
};

/* ----------------------------------------------------------- GRE_PPTP */

enum { P_CHKSUM_PRESENT, P_ROUTING_PRESENT, P_KEY_PRESENT, P_SEQNUM_PRESENT, P_STRICT,
       P_RECURSION, P_ACKNUM_PRESENT, P_FLAGS, P_VERSION, P_PROTO, P_PAYLOAD_LEN, P_CALL_ID,
       P_SEQ, P_ACK };

static bool pptp_has_seq(const struct ps_layer *l)
{
    return ps_layer_uint(l, P_SEQNUM_PRESENT) == 1;
}
static bool pptp_has_ack(const struct ps_layer *l)
{
    return ps_layer_uint(l, P_ACKNUM_PRESENT) == 1;
}

static const struct ps_field pptp_fields[] = {
    [P_CHKSUM_PRESENT] = BIT("chksum_present", 0, "0"),
    [P_ROUTING_PRESENT] = BIT("routing_present", 0, "0"),
    [P_KEY_PRESENT] = BIT("key_present", 1, "1"),
    [P_SEQNUM_PRESENT] = BIT("seqnum_present", 0, "0"),
    [P_STRICT] = BIT("strict_route_source", 0, "0"),
    [P_RECURSION] = {.name = "recursion_control", .kind = PS_K_UINT, .bits = 3,
                     .ls_type = "BitField  (3 bits)", .ls_default = "0"},
    [P_ACKNUM_PRESENT] = BIT("acknum_present", 0, "0"),
    [P_FLAGS] = {.name = "flags", .kind = PS_K_UINT, .bits = 4, .ls_type = "BitField  (4 bits)",
                 .ls_default = "0"},
    [P_VERSION] = {.name = "version", .kind = PS_K_UINT, .bits = 3, .def = 1,
                   .ls_type = "BitField  (3 bits)", .ls_default = "1"},
    [P_PROTO] = {.name = "proto", .kind = PS_K_UINT, .bits = 16, .def = 0x880b,
                 .enums = ps_ether_types, .hex = true, .ls_type = "XShortEnumField",
                 .ls_default = "34827"},
    [P_PAYLOAD_LEN] = {.name = "payload_len", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
                       .ls_type = "ShortField", .ls_default = "None"},
    [P_CALL_ID] = {.name = "call_id", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
                   .ls_type = "ShortField", .ls_default = "None"},
    [P_SEQ] = OPTIONAL("sequence_number", 32, pptp_has_seq, "XIntField (Cond)"),
    [P_ACK] = OPTIONAL("ack_number", 32, pptp_has_ack, "XIntField (Cond)"),
};

/* payload_len: the payload's length. */
static void pptp_post_build(struct ps_build *b, size_t idx)
{
    if (b->hlen[idx] < 6 || b->pkt->layers[idx].v[P_PAYLOAD_LEN].set)
        return;
    size_t pay = b->end[idx] - b->start[idx] - b->hlen[idx];
    ps_put16(b->buf + b->start[idx] + 4, (uint16_t)pay);
}

const struct ps_proto ps_proto_gre_pptp = {
    .name = "GRE_PPTP",
    .long_name = "GRE PPTP",
    .fields = pptp_fields,
    .nfields = PS_NFIELDS(pptp_fields),
    .build_binds = binds,
    .post_build = pptp_post_build,
    .alias = "GRE",
};

/* ---------------------------------------------------------- GRErouting */

enum { R_FAMILY, R_OFFSET, R_LEN, R_INFO };

static const struct ps_field routing_fields[] = {
    [R_FAMILY] = {.name = "address_family", .kind = PS_K_UINT, .bits = 16,
                  .ls_type = "ShortField", .ls_default = "0"},
    [R_OFFSET] = {.name = "SRE_offset", .kind = PS_K_UINT, .bits = 8, .ls_type = "ByteField",
                  .ls_default = "0"},
    [R_LEN] = {.name = "SRE_len", .kind = PS_K_UINT, .bits = 8, .is_auto = true,
               .length_of = "routing_info", .ls_type = "FieldLenField", .ls_default = "None"},
    [R_INFO] = {.name = "routing_info", .kind = PS_K_BYTES, .def_text = "",
                .ls_type = "StrLenField", .ls_default = "b''"},
};

/* bind_layers(GRErouting, Raw, address_family=0, SRE_len=0), then
 * bind_layers(GRErouting, GRErouting): the null entry ends the list. */
static const char *routing_payload(const struct ps_layer *l)
{
    return ps_layer_uint(l, R_FAMILY) == 0 && ps_layer_uint(l, R_LEN) == 0 ? "Raw"
                                                                         : "GRErouting";
}

static const struct ps_bind routing_binds[] = {
    {"GRE", "routing_present", 1},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_gre_routing = {
    .name = "GRErouting",
    .long_name = "GRE routing information",
    .fields = routing_fields,
    .nfields = PS_NFIELDS(routing_fields),
    .build_binds = routing_binds,
    .guess_payload = routing_payload,
};
