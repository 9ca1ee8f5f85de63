/* Geneve (scapy/contrib/geneve.py, load_contrib("geneve")): the header on
 * UDP 6081 and its options (GeneveOptions), with Scapy's auto lengths. */
#include <stdio.h>

#include "packet.h"
#include "field_text.h"
#include "protos.h"
#include "services.h"

enum { F_VERSION, F_OPTIONLEN, F_OAM, F_CRITICAL, F_RESERVED, F_PROTO, F_VNI, F_RESERVED2,
       F_OPTIONS };
enum { O_CLASSID, O_TYPE, O_RESERVED, O_LENGTH, O_DATA };

/* CLASS_IDS */
static const struct ps_enum class_ids[] = {
    {0x0100, "Linux"},
    {0x0101, "Open vSwitch"},
    {0x0102, "Open Virtual Networking (OVN)"},
    {0x0103, "In-band Network Telemetry (INT)"},
    {0x0104, "VMware"},
    {0x0105, "Amazon.com, Inc."},
    {0x0106, "Cisco Systems, Inc."},
    {0x0107, "Oracle Corporation"},
    {0x0110, "Amazon.com, Inc."},
    {0x0118, "IBM"},
    {0x0128, "Ericsson"},
    {0xFEFF, "Unassigned"},
    {0xFFFF, "Experimental"},
    {0, NULL},
};

static const struct ps_field option_fields[] = {
    [O_CLASSID] = {.name = "classid", .kind = PS_K_UINT, .bits = 16, .enums = class_ids,
                   .hex = true, .ls_type = "XShortEnumField", .ls_default = "0"},
    [O_TYPE] = {.name = "type", .kind = PS_K_UINT, .bits = 8, .hex = true,
                .ls_type = "XByteField", .ls_default = "0"},
    [O_RESERVED] = {.name = "reserved", .kind = PS_K_UINT, .bits = 3,
                    .ls_type = "BitField  (3 bits)", .ls_default = "0"},
    /* post_build: len(data) // 4 when unset. */
    [O_LENGTH] = {.name = "length", .kind = PS_K_UINT, .bits = 5, .is_auto = true,
                  .length_of = "data", .len_unit = 4, .ls_type = "BitField  (5 bits)",
                  .ls_default = "None"},
    [O_DATA] = {.name = "data", .kind = PS_K_BYTES, .def_text = "", .ls_type = "StrLenField",
                .ls_default = "b''"},
};

/* StrLenField length_from: length * 4. */
static size_t option_data_len(const struct ps_layer *l, size_t field)
{
    return field == O_DATA ? (size_t)ps_layer_uint(l, O_LENGTH) * 4 : 0;
}

/* post_build: an unset length is written as the whole byte 3, len(data)
 * // 4 (the reserved bits go); a layer on its own here, in a list below. */
static void option_post_build(struct ps_build *b, size_t idx)
{
    const struct ps_layer *l = &b->pkt->layers[idx];
    if (l->v[O_LENGTH].set || b->hlen[idx] < 4)
        return;
    b->buf[b->start[idx] + 3] = (uint8_t)((b->hlen[idx] - 4) / 4);
}

const struct ps_proto ps_proto_geneve_options = {
    .name = "GeneveOptions",
    .long_name = "Geneve Options",
    .klass = "GeneveOptions",
    /* No extract_padding: the first option takes the others as its payload. */
    .rest_is_payload = true,
    .fields = option_fields,
    .nfields = PS_NFIELDS(option_fields),
    .options_len = option_data_len,
    .post_build = option_post_build,
};

static const struct ps_field fields[] = {
    [F_VERSION] = {.name = "version", .kind = PS_K_UINT, .bits = 2,
                   .ls_type = "BitField  (2 bits)", .ls_default = "0"},
    [F_OPTIONLEN] = {.name = "optionlen", .kind = PS_K_UINT, .bits = 6, .is_auto = true,
                     .ls_type = "BitField  (6 bits)", .ls_default = "None"},
    [F_OAM] = {.name = "oam", .kind = PS_K_UINT, .bits = 1, .ls_type = "BitField  (1 bit)",
               .ls_default = "0"},
    [F_CRITICAL] = {.name = "critical", .kind = PS_K_UINT, .bits = 1,
                    .ls_type = "BitField  (1 bit)", .ls_default = "0"},
    [F_RESERVED] = {.name = "reserved", .kind = PS_K_UINT, .bits = 6,
                    .ls_type = "BitField  (6 bits)", .ls_default = "0"},
    [F_PROTO] = {.name = "proto", .kind = PS_K_UINT, .bits = 16, .enums = ps_ether_types,
                 .hex = true, .ls_type = "XShortEnumField", .ls_default = "0"},
    [F_VNI] = {.name = "vni", .kind = PS_K_UINT, .bits = 24, .hex = true,
               .ls_type = "X3BytesField", .ls_default = "0"},
    [F_RESERVED2] = {.name = "reserved2", .kind = PS_K_UINT, .bits = 8, .hex = true,
                     .ls_type = "XByteField", .ls_default = "0"},
    [F_OPTIONS] = {.name = "options", .kind = PS_K_LAYERS, .sub_class = "GeneveOptions",
                   .ls_type = "PacketListField", .ls_default = "[]"},
};

/* bind_layers(UDP, GENEVE, dport=6081) */
static const struct ps_bind binds[] = {{"UDP", "dport", 6081}, {NULL, NULL, 0}};

/* PacketListField length_from: optionlen * 4. */
static size_t options_len(const struct ps_layer *l, size_t field)
{
    return field == F_OPTIONS ? (size_t)ps_layer_uint(l, F_OPTIONLEN) * 4 : 0;
}

/* bind_layers(GENEVE, Ether, proto=0x6558), (GENEVE, IP, proto=0x0800),
 * (GENEVE, IPv6, proto=0x86dd): what proto says, read bottom-up... */
static const char *geneve_payload(const struct ps_layer *l)
{
    switch (ps_layer_uint(l, F_PROTO)) {
    case 0x6558: return "Ether";
    case 0x0800: return "IP";
    case 0x86dd: return "IPv6";
    default: return "Raw";
    }
}

/* ...and top-down: an unset proto takes the layer above's. post_build also
 * fills an unset optionlen with (header length - 8) // 4, masked with 0x2f
 * as Scapy 2.5 masks it (its bug, kept for the same bytes), and the lengths
 * of the options. */
static void geneve_post_build(struct ps_build *b, size_t idx)
{
    const struct ps_packet *pkt = b->pkt;
    const struct ps_layer *l = &pkt->layers[idx];
    uint8_t *h = b->buf + b->start[idx];
    if (b->hlen[idx] < 8)
        return;
    if (!l->v[F_OPTIONLEN].set)
        h[0] = (uint8_t)((((b->hlen[idx] - 8) / 4) & 0x2f) | (h[0] & 0xc0));
    /* GeneveOptions.post_build writes an unset length as the whole byte 3,
     * len(data) // 4: the reserved bits go (and a length over 31 fills them). */
    size_t at = 8;
    const struct ps_fval *opts = &l->v[F_OPTIONS];
    for (size_t k = 0; opts->set && k < opts->nsub; k++) {
        const struct ps_layer *o = &opts->sub[k];
        size_t data = o->v[O_DATA].set ? o->v[O_DATA].len : 0;
        if (at + 4 + data > b->hlen[idx])
            break;
        if (!o->v[O_LENGTH].set)
            h[at + 3] = (uint8_t)(data / 4);
        at += 4 + data;
    }
    if (l->v[F_PROTO].set || idx + 1 >= pkt->n)
        return;
    const struct ps_proto *up = pkt->layers[idx + 1].proto;
    if (up == &ps_proto_ether)
        ps_put16(h + 2, 0x6558);
    else if (up == &ps_proto_ip)
        ps_put16(h + 2, 0x0800);
    else if (up == &ps_proto_ipv6)
        ps_put16(h + 2, 0x86dd);
}

/* "GENEVE (vni=%GENEVE.vni%,optionlen=%GENEVE.optionlen%,proto=%GENEVE.proto%)" */
static int geneve_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    char vni[24] = "", optionlen[24] = "", proto[64] = "";
    ps_format_field(pkt, idx, "vni", vni, sizeof vni);
    ps_format_field(pkt, idx, "optionlen", optionlen, sizeof optionlen);
    ps_format_field(pkt, idx, "proto", proto, sizeof proto);
    return snprintf(out, cap, "GENEVE (vni=%s,optionlen=%s,proto=%s)", vni, optionlen, proto);
}

/* answers: a GENEVE query needs the same proto and vni, then the payloads
 * answer; anything else is answered by what this one carries. */
static enum ps_answer geneve_answers(const struct ps_packet *reply, size_t *r,
                                     const struct ps_packet *query, size_t *q)
{
    const struct ps_layer *self = &reply->layers[(*r)++];
    if (*q < query->n && query->layers[*q].proto == &ps_proto_geneve) {
        const struct ps_layer *other = &query->layers[(*q)++];
        if (ps_layer_uint(self, F_PROTO) != ps_layer_uint(other, F_PROTO) ||
            ps_layer_uint(self, F_VNI) != ps_layer_uint(other, F_VNI))
            return PS_ANSWER_NO;
    }
    return PS_ANSWER_ON;
}

const struct ps_proto ps_proto_geneve = {
    .name = "GENEVE",
    .long_name = "GENEVE",
    .fields = fields,
    .nfields = PS_NFIELDS(fields),
    .binds = binds,
    .options_len = options_len,
    .guess_payload = geneve_payload,
    .post_build = geneve_post_build,
    .mysummary = geneve_summary,
    .answers = geneve_answers,
};
