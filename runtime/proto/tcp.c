/* TCP (scapy/layers/inet.py TCP): dataofs and chksum when unset, and the
 * options Scapy's TCPOptionsField.i2m writes. */
#include <string.h>

#include "packet.h"
#include "field_text.h"
#include "tcp_options.h"
#include "protos.h"
#include "services.h"

enum { F_SPORT, F_DPORT, F_SEQ, F_ACK, F_DATAOFS, F_RESERVED, F_FLAGS, F_WINDOW, F_CHKSUM,
       F_URGPTR, F_OPTIONS };
_Static_assert(F_SPORT == 0 && F_DPORT == 1, "ps_ports_answer reads sport and dport there");

static const char *const tcp_flags[] = {"F", "S", "R", "P", "A", "U", "E", "C", "N", NULL};

static const struct ps_field fields[] = {
    [F_SPORT] = {.name = "sport", .kind = PS_K_UINT, .bits = 16, .def = 20,
                 .enums = ps_tcp_services, .ls_type = "ShortEnumField", .ls_default = "20"},
    [F_DPORT] = {.name = "dport", .kind = PS_K_UINT, .bits = 16, .def = 80,
                 .enums = ps_tcp_services, .ls_type = "ShortEnumField", .ls_default = "80"},
    [F_SEQ] = {.name = "seq", .kind = PS_K_UINT, .bits = 32, .ls_type = "IntField",
               .ls_default = "0"},
    [F_ACK] = {.name = "ack", .kind = PS_K_UINT, .bits = 32, .ls_type = "IntField",
               .ls_default = "0"},
    [F_DATAOFS] = {.name = "dataofs", .kind = PS_K_UINT, .bits = 4, .is_auto = true,
                   .ls_type = "BitField  (4 bits)", .ls_default = "None"},
    [F_RESERVED] = {.name = "reserved", .kind = PS_K_UINT, .bits = 3,
                    .ls_type = "BitField  (3 bits)", .ls_default = "0"},
    [F_FLAGS] = {.name = "flags", .kind = PS_K_UINT, .bits = 9, .def = 0x02, .flags = tcp_flags,
                 .ls_type = "FlagsField", .ls_default = "<Flag 2 (S)>"},
    [F_WINDOW] = {.name = "window", .kind = PS_K_UINT, .bits = 16, .def = 8192,
                  .ls_type = "ShortField", .ls_default = "8192"},
    [F_CHKSUM] = {.name = "chksum", .kind = PS_K_UINT, .bits = 16, .is_auto = true, .hex = true,
                  .ls_type = "XShortField", .ls_default = "None"},
    [F_URGPTR] = {.name = "urgptr", .kind = PS_K_UINT, .bits = 16, .ls_type = "ShortField",
                  .ls_default = "0"},
    [F_OPTIONS] = {.name = "options", .kind = PS_K_OPTIONS, .def_text = "", .pad_to = 4,
                   .repr = ps_tcp_options_repr,
                   .ls_type = "TCPOptionsField", .ls_default = "b''"},
};

/* bind_layers(IP, TCP, frag=0, proto=6), (IPv6, TCP, nh=6) */
static const struct ps_bind binds[] = {
    {"IP", "frag", 0},
    {"IP", "proto", 6},
    {"IPv6", "nh", 6},
    {NULL, NULL, 0},
};

static void tcp_post_build(struct ps_build *b, size_t idx)
{
    const struct ps_layer *l = &b->pkt->layers[idx];
    uint8_t *h = b->buf + b->start[idx];
    if (b->hlen[idx] < 20)
        return;
    if (!l->v[F_DATAOFS].set)
        h[12] = (uint8_t)((((b->hlen[idx] / 4) & 0x0f) << 4) | (h[12] & 0x0f));
    /* With no IP below, Scapy leaves the checksum 0. */
    uint16_t ck;
    if (!l->v[F_CHKSUM].set && ps_l4_checksum(b, idx, 6, &ck))
        ps_put16(h + 16, ck);
}

/* isinstance(x, TCP): TCPerror is a TCP too. */
static bool is_tcp(const struct ps_proto *p)
{
    return p == &ps_proto_tcp || p == &ps_proto_tcperror;
}

/* hashret: sport ^ dport (struct.pack("H"): the host's order). */
static size_t tcp_hashret(const struct ps_packet *pkt, size_t idx, struct ps_hash *h)
{
    const struct ps_layer *l = &pkt->layers[idx];
    uint16_t x = (uint16_t)(ps_layer_uint(l, F_SPORT) ^ ps_layer_uint(l, F_DPORT));
    ps_hash_put(h, &x, sizeof x);
    return idx + 1;
}

/* len(other.payload): what the segment carries after its header. */
static int64_t segment_payload_len(const struct ps_packet *pkt, size_t idx)
{
    const struct ps_layer *l = &pkt->layers[idx];
    int64_t hdr = 4 * (int64_t)ps_layer_uint(l, F_DATAOFS);
    if (idx > 0 && (pkt->layers[idx - 1].proto == &ps_proto_ip ||
                    pkt->layers[idx - 1].proto == &ps_proto_iperror)) {
        const struct ps_layer *ip = &pkt->layers[idx - 1];
        int64_t n = (int64_t)ps_layer_uint(ip, ps_field_index(ip->proto, "len")) -
                    4 * (int64_t)ps_layer_uint(ip, ps_field_index(ip->proto, "ihl")) - hdr;
        return n > 0 ? n : 0;
    }
    int64_t n = 0;
    for (size_t i = idx + 1; i < pkt->n; i++)
        if (pkt->layers[i].proto->nfields == 1 &&
            pkt->layers[i].proto->fields[0].kind == PS_K_BYTES)
            n += (int64_t)pkt->layers[i].v[0].len; /* Raw, Padding */
    return n;
}

static int64_t distance(uint64_t a, uint64_t b)
{
    int64_t d = (int64_t)a - (int64_t)b;
    return d < 0 ? -d : d;
}

/* answers: Scapy's handshake rules (a SYN is answered only by SYN/ACK, an
 * RST by nothing), swapped ports, seq and ack within 2. */
static enum ps_answer tcp_answers(const struct ps_packet *reply, size_t *r,
                                  const struct ps_packet *query, size_t *q)
{
    enum { FIN = 1, SYN = 2, RST = 4, ACK = 16 };
    if (*q >= query->n || !is_tcp(query->layers[*q].proto))
        return PS_ANSWER_NO;
    const struct ps_layer *self = &reply->layers[*r], *other = &query->layers[*q];
    uint64_t sf = ps_layer_uint(self, F_FLAGS), of = ps_layer_uint(other, F_FLAGS);
    if (of & RST)
        return PS_ANSWER_NO;
    if ((sf & SYN) && (!(sf & ACK) || !(of & SYN)))
        return PS_ANSWER_NO;
    if (ps_layer_uint(self, F_SPORT) != ps_layer_uint(other, F_DPORT) ||
        ps_layer_uint(self, F_DPORT) != ps_layer_uint(other, F_SPORT))
        return PS_ANSWER_NO;
    if (!((of & SYN) && !(of & ACK)) &&
        distance(ps_layer_uint(other, F_ACK), ps_layer_uint(self, F_SEQ)) > 2)
        return PS_ANSWER_NO;
    if ((sf & RST) && !(sf & ACK))
        return PS_ANSWER_YES;
    if (distance(ps_layer_uint(other, F_SEQ), ps_layer_uint(self, F_ACK)) >
        2 + segment_payload_len(query, *q))
        return PS_ANSWER_NO;
    return PS_ANSWER_YES;
}

/* TCPerror.answers: the quoted segment has the request's ports. */
static enum ps_answer tcperror_answers(const struct ps_packet *reply, size_t *r,
                                       const struct ps_packet *query, size_t *q)
{
    return ps_ports_answer(reply, *r, query, *q, &ps_proto_tcp, &ps_proto_tcperror, false);
}

/* TCPOptionsField.getfield: (dataofs - 5) * 4, 0 when dataofs is below 5. */
static size_t tcp_options_len(const struct ps_layer *l, size_t field)
{
    uint64_t dataofs = ps_layer_uint(l, F_DATAOFS);
    return field == F_OPTIONS && dataofs > 5 ? (size_t)(dataofs - 5) * 4 : 0;
}

/* What MSS clamping changes in a quoted TCP header (IPerror6.answers). */
static const char *const clamped_by_mss[] = {"options", "dataofs", "chksum", NULL};

/* ... then " %TCP.flags%" */
static int mysummary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    ps_put_ports(&b, pkt, idx, "TCP");
    ps_strbuf_puts(&b, " ");
    ps_put_field(&b, pkt, idx, "flags");
    return ps_strbuf_result(&b);
}

const struct ps_proto ps_proto_tcp = {
    .name = "TCP",
    .long_name = "TCP",
    .quote_clamped = clamped_by_mss,
    .fields = fields,
    .nfields = PS_NFIELDS(fields),
    .binds = binds,
    .post_build = tcp_post_build,
    .mysummary = mysummary,
    .options_len = tcp_options_len,
    .hashret = tcp_hashret,
    .answers = tcp_answers,
};

/* TCPerror: a TCP header quoted in an ICMP error. */
static const struct ps_bind tcperror_binds[] = {
    {"IPerror", "frag", 0},
    {"IPerror", "proto", 6},
    {"IPerror6", "nh", 6},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_tcperror = {
    .name = "TCPerror",
    .long_name = "TCP in ICMP",
    .quote_clamped = clamped_by_mss,
    .fields = fields,
    .nfields = PS_NFIELDS(fields),
    .binds = tcperror_binds,
    .post_build = tcp_post_build,
    .alias = "TCP",
    .options_len = tcp_options_len,
    .hashret = tcp_hashret,
    .answers = tcperror_answers,
};
