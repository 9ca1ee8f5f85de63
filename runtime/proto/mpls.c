/* MPLS and EoMCW (scapy/contrib/mpls.py, load_contrib("mpls")): a label
 * stack entry, and the Ethernet-over-MPLS control word. */
#include "packet.h"
#include "protos.h"

enum { F_LABEL, F_COS, F_S, F_TTL };

static const struct ps_field mpls_fields[] = {
    [F_LABEL] = {.name = "label", .kind = PS_K_UINT, .bits = 20, .def = 3,
                 .ls_type = "BitField  (20 bits)", .ls_default = "3"},
    [F_COS] = {.name = "cos", .kind = PS_K_UINT, .bits = 3, .ls_type = "BitField  (3 bits)",
               .ls_default = "0"},
    [F_S] = {.name = "s", .kind = PS_K_UINT, .bits = 1, .def = 1,
             .ls_type = "BitField  (1 bit)", .ls_default = "1"},
    [F_TTL] = {.name = "ttl", .kind = PS_K_UINT, .bits = 8, .ls_type = "ByteField",
               .ls_default = "0"},
};

/* bind_layers(Ether, MPLS, type=0x8847), (IP, MPLS, proto=137),
 * (IPv6, MPLS, nh=137), (UDP, MPLS, dport=6635), (GRE, MPLS, proto=0x8847),
 * (MPLS, MPLS, s=0). */
static const struct ps_bind mpls_binds[] = {
    {"Ether", "type", 0x8847}, {"IP", "proto", 137}, {"IPv6", "nh", 137},
    {"UDP", "dport", 6635},    {"GRE", "proto", 0x8847}, {"MPLS", "s", 0},
    {NULL, NULL, 0},
};

/* guess_payload_class: the next entry while not bottom of stack; then by
 * the first nibble IPv4, (BIER, which pktspec lacks: Raw), IPv6; two zero
 * bytes are a control word, anything else Ethernet. */
static const char *mpls_payload(const struct ps_layer *l, const struct ps_layer *under,
                                const uint8_t *p, size_t n)
{
    (void)under;
    if (!ps_layer_uint(l, F_S))
        return "MPLS";
    switch (p[0] >> 4) {
    case 4: return "IP";
    case 5: return "Raw";
    case 6: return "IPv6";
    default: break;
    }
    if (p[0] == 0 && n >= 2 && p[1] == 0)
        return "EoMCW";
    return "Ether";
}

/* A bottom entry followed by a lone zero byte: guess_payload_class reads
 * payload[1] and raises, which makes the whole entry Raw. */
static const char *mpls_dispatch(const uint8_t *p, size_t len)
{
    return len == 5 && (p[2] & 1) && p[4] == 0 ? "Raw" : NULL;
}

/* bind_layers(MPLS, IP, label=0) and (MPLS, IPv6, label=2): explicit NULL
 * labels an unset label takes under IP or IPv6 (the label is the first 20
 * bits of the header). */
static void mpls_post_build(struct ps_build *b, size_t idx)
{
    const struct ps_packet *pkt = b->pkt;
    if (pkt->layers[idx].v[F_LABEL].set || idx + 1 >= pkt->n || b->hlen[idx] < 4)
        return;
    const struct ps_proto *up = pkt->layers[idx + 1].proto;
    unsigned label;
    if (up == &ps_proto_ip)
        label = 0;
    else if (up == &ps_proto_ipv6)
        label = 2;
    else
        return;
    uint8_t *h = b->buf + b->start[idx];
    h[0] = 0;
    h[1] = 0;
    h[2] = (uint8_t)(label << 4 | (h[2] & 0x0f));
}

const struct ps_proto ps_proto_mpls = {
    .name = "MPLS",
    .long_name = "MPLS",
    .fields = mpls_fields,
    .nfields = PS_NFIELDS(mpls_fields),
    .binds = mpls_binds,
    .guess_payload_from = mpls_payload,
    .dispatch = mpls_dispatch,
    .post_build = mpls_post_build,
};

static const struct ps_field eomcw_fields[] = {
    {.name = "zero", .kind = PS_K_UINT, .bits = 4, .ls_type = "BitField  (4 bits)",
     .ls_default = "0"},
    {.name = "reserved", .kind = PS_K_UINT, .bits = 12, .ls_type = "BitField  (12 bits)",
     .ls_default = "0"},
    {.name = "seq", .kind = PS_K_UINT, .bits = 16, .ls_type = "ShortField", .ls_default = "0"},
};

/* bind_layers(MPLS, EoMCW) */
static const struct ps_bind eomcw_binds[] = {{"MPLS", NULL, 0}, {NULL, NULL, 0}};

/* guess_payload_class: Ether whenever there is a payload. */
static const char *eomcw_payload(const struct ps_layer *l, const struct ps_layer *under,
                                 const uint8_t *p, size_t n)
{
    (void)l;
    (void)under;
    (void)p;
    (void)n;
    return "Ether";
}

const struct ps_proto ps_proto_eomcw = {
    .name = "EoMCW",
    .long_name = "EoMCW",
    .fields = eomcw_fields,
    .nfields = PS_NFIELDS(eomcw_fields),
    .binds = eomcw_binds,
    .guess_payload_from = eomcw_payload,
};
