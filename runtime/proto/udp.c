/* UDP (scapy/layers/inet.py UDP): len and chksum when unset. */
#include <limits.h>

#include "packet.h"
#include "field_text.h"
#include "protos.h"
#include "services.h"

enum { F_SPORT, F_DPORT, F_LEN, F_CHKSUM };
_Static_assert(F_SPORT == 0 && F_DPORT == 1, "ps_ports_answer reads sport and dport there");

static const struct ps_field fields[] = {
    [F_SPORT] = {.name = "sport", .kind = PS_K_UINT, .bits = 16, .def = 53,
                 .enums = ps_udp_services, .ls_type = "ShortEnumField", .ls_default = "53"},
    [F_DPORT] = {.name = "dport", .kind = PS_K_UINT, .bits = 16, .def = 53,
                 .enums = ps_udp_services, .ls_type = "ShortEnumField", .ls_default = "53"},
    [F_LEN] = {.name = "len", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
               .ls_type = "ShortField", .ls_default = "None"},
    [F_CHKSUM] = {.name = "chksum", .kind = PS_K_UINT, .bits = 16, .is_auto = true, .hex = true,
                  .csum_zero_ffff = true, .ls_type = "XShortField", .ls_default = "None"},
};

/* bind_layers(IP, UDP, frag=0, proto=17), (IPv6, UDP, nh=17) */
static const struct ps_bind binds[] = {
    {"IP", "frag", 0},
    {"IP", "proto", 17},
    {"IPv6", "nh", 17},
    {NULL, NULL, 0},
};

/* DestIPField.bind_addr(UDP, ...) in scapy/layers/dns.py (mDNS) and hsrp.py:
 * they hold for UDP whether or not DNS or HSRP rides on it. */
static const struct ps_addr_bind addr_binds[] = {
    {"IP", "dst", "224.0.0.251", "dport", 5353},
    {"IP", "dst", "224.0.0.2", "dport", 1985},
    {"IPv6", "dst", "ff02::fb", "dport", 5353},
    {"IPv6", "dst", "ff02::66", "dport", 2029},
    {NULL, NULL, NULL, NULL, 0},
};

static void udp_post_build(struct ps_build *b, size_t idx)
{
    const struct ps_layer *l = &b->pkt->layers[idx];
    uint8_t *h = b->buf + b->start[idx];
    size_t seg = b->end[idx] - b->start[idx];
    if (b->hlen[idx] < 8)
        return;
    if (!l->v[F_LEN].set)
        ps_put16(h + 4, (uint16_t)seg);
    uint16_t ck;
    if (!l->v[F_CHKSUM].set && ps_l4_checksum(b, idx, 17, &ck))
        /* RFC 768: a computed 0 is sent as 0xffff (0 means "no checksum"). */
        ps_put16(h + 6, ck ? ck : 0xffff);
}

/* isinstance(x, UDP): UDPerror is a UDP too. */
static bool is_udp(const struct ps_proto *p)
{
    return p == &ps_proto_udp || p == &ps_proto_udperror;
}

/* answers: to the request's source port (the reply's own source port is
 * not looked at), then the payloads. UDP hashes nothing of its own. */
static enum ps_answer udp_answers(const struct ps_packet *reply, size_t *r,
                                  const struct ps_packet *query, size_t *q)
{
    if (*q >= query->n || !is_udp(query->layers[*q].proto) ||
        ps_layer_uint(&reply->layers[*r], F_DPORT) != ps_layer_uint(&query->layers[*q], F_SPORT))
        return PS_ANSWER_NO;
    ++*r;
    ++*q;
    return PS_ANSWER_ON;
}

/* UDPerror.answers: the quoted datagram has the request's ports. */
static enum ps_answer udperror_answers(const struct ps_packet *reply, size_t *r,
                                       const struct ps_packet *query, size_t *q)
{
    return ps_ports_answer(reply, *r, query, *q, &ps_proto_udp, &ps_proto_udperror, false);
}

/* extract_padding: len - 8, as Python slices it even when negative. A len
 * the frame ended before is None, which the subtraction raises on. */
static bool udp_payload_len(const struct ps_layer *l, long *len)
{
    if (!l->v[F_LEN].set) {
        *len = LONG_MIN;
        return true;
    }
    *len = (long)ps_layer_uint(l, F_LEN) - 8;
    return true;
}

/* "<NAME> %IP.src%:%NAME.sport% > %IP.dst%:%NAME.dport%" on IP (or IPv6),
 * "<NAME> %NAME.sport% > %NAME.dport%" on anything else. */
void ps_put_ports(struct ps_strbuf *b, const struct ps_packet *pkt, size_t idx,
                      const char *name)
{
    bool on_ip = ps_under_is(pkt, idx, "IP") || ps_under_is(pkt, idx, "IPv6");
    ps_strbuf_printf(b, "%s ", name);
    if (on_ip) {
        ps_put_field(b, pkt, idx - 1, "src");
        ps_strbuf_puts(b, ":");
    }
    ps_put_field(b, pkt, idx, "sport");
    ps_strbuf_puts(b, " > ");
    if (on_ip) {
        ps_put_field(b, pkt, idx - 1, "dst");
        ps_strbuf_puts(b, ":");
    }
    ps_put_field(b, pkt, idx, "dport");
}

static int mysummary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    ps_put_ports(&b, pkt, idx, "UDP");
    return ps_strbuf_result(&b);
}

const struct ps_proto ps_proto_udp = {
    .name = "UDP",
    .long_name = "UDP",
    .fields = fields,
    .nfields = PS_NFIELDS(fields),
    .binds = binds,
    .post_build = udp_post_build,
    .addr_binds = addr_binds,
    .mysummary = mysummary,
    .payload_len = udp_payload_len,
    .answers = udp_answers,
};

/* UDPerror: a UDP header quoted in an ICMP error. */
static const struct ps_bind udperror_binds[] = {
    {"IPerror", "frag", 0},
    {"IPerror", "proto", 17},
    {"IPerror6", "nh", 17},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_udperror = {
    .name = "UDPerror",
    .long_name = "UDP in ICMP",
    .fields = fields,
    .nfields = PS_NFIELDS(fields),
    .binds = udperror_binds,
    .post_build = udp_post_build,
    .alias = "UDP",
    .payload_len = udp_payload_len,
    .answers = udperror_answers,
};
