/* SCTP's common header (scapy/layers/sctp.py SCTP and SCTPerror): IP proto
 * 132, IPv6 nh 132, Scapy's CRC-32C in post_build over the header and every
 * chunk, the payload the chunk named by its first byte. What the chunk and
 * parameter tables share is here too (sctp.h). */
#include <stdio.h>
#include <string.h>

#include "sctp.h"
#include "services.h"

enum { F_SPORT, F_DPORT, F_TAG, F_CHKSUM };
_Static_assert(F_SPORT == 0 && F_DPORT == 1, "ps_ports_answer reads sport and dport there");

static const struct ps_field fields[] = {
    [F_SPORT] = {.name = "sport", .kind = PS_K_UINT, .bits = 16, .enums = ps_sctp_services,
                 .ls_type = "ShortEnumField", .ls_default = "0"},
    [F_DPORT] = {.name = "dport", .kind = PS_K_UINT, .bits = 16, .enums = ps_sctp_services,
                 .ls_type = "ShortEnumField", .ls_default = "0"},
    [F_TAG] = {.name = "tag", .kind = PS_K_UINT, .bits = 32, .hex = true,
               .ls_type = "XIntField", .ls_default = "0"},
    [F_CHKSUM] = {.name = "chksum", .kind = PS_K_UINT, .bits = 32, .is_auto = true, .hex = true,
                  .crc32c = true, .ls_type = "XIntField", .ls_default = "None"},
};

const struct ps_enum ps_sctp_chunk_types[] = {
    {0, "data"}, {1, "init"}, {2, "init-ack"}, {3, "sack"}, {4, "heartbeat-req"},
    {5, "heartbeat-ack"}, {6, "abort"}, {7, "shutdown"}, {8, "shutdown-ack"}, {9, "error"},
    {10, "cookie-echo"}, {11, "cookie-ack"}, {14, "shutdown-complete"},
    {15, "authentication"}, {0x80, "address-configuration-ack"},
    {0xc1, "address-configuration"}, {0, NULL},
};

const struct ps_enum ps_sctp_param_types[] = {
    {1, "heartbeat-info"}, {5, "IPv4"}, {6, "IPv6"}, {7, "state-cookie"},
    {8, "unrecognized-param"}, {9, "cookie-preservative"}, {11, "hostname"},
    {12, "addrtypes"}, {0x8000, "ecn-capable"}, {0x8002, "random"}, {0x8003, "chunk-list"},
    {0x8004, "requested-HMAC-functions"}, {0x8008, "supported-extensions"},
    {0xc000, "fwd-tsn-supported"}, {0xc001, "add-IP"}, {0xc002, "del-IP"},
    {0xc003, "error-indication"}, {0xc004, "set-primary-addr"},
    {0xc005, "success-indication"}, {0xc006, "adaptation-layer"}, {0, NULL},
};

/* sctpchunktypescls */
const char *ps_sctp_next_chunk(const struct ps_layer *l, const struct ps_layer *under,
                               const uint8_t *p, size_t len)
{
    (void)l;
    (void)under;
    if (len < 4)
        return "Padding";
    switch (p[0]) {
    case 0: return "SCTPChunkData";
    case 1: return "SCTPChunkInit";
    case 2: return "SCTPChunkInitAck";
    case 3: return "SCTPChunkSACK";
    case 4: return "SCTPChunkHeartbeatReq";
    case 5: return "SCTPChunkHeartbeatAck";
    case 6: return "SCTPChunkAbort";
    case 7: return "SCTPChunkShutdown";
    case 8: return "SCTPChunkShutdownAck";
    case 9: return "SCTPChunkError";
    case 10: return "SCTPChunkCookieEcho";
    case 11: return "SCTPChunkCookieAck";
    case 14: return "SCTPChunkShutdownComplete";
    case 15: return "SCTPChunkAuthentication";
    case 0x80: return "SCTPChunkAddressConfAck";
    case 0xc1: return "SCTPChunkAddressConf";
    default: return "Raw";
    }
}

/* FieldListField.i2repr over enum elements: "[a, b]", a number where the
 * value has no name (hex for an X field). */
int ps_sctp_enum_list_repr(const struct ps_fval *v, size_t unit, const struct ps_enum *names,
                           bool hex, char *out, size_t cap)
{
    size_t n = 0;
    int k = snprintf(out, cap, "[");
    n += k > 0 ? (size_t)k : 0;
    for (size_t i = 0; i + unit <= v->len; i += unit) {
        uint64_t x = 0;
        for (size_t j = 0; j < unit; j++)
            x = x << 8 | v->bytes[i + j];
        const char *name = NULL;
        for (const struct ps_enum *e = names; e && e->name; e++)
            if (e->value == x)
                name = e->name;
        char *at = n < cap ? out + n : NULL;
        size_t room = n < cap ? cap - n : 0;
        const char *sep = i ? ", " : "";
        k = name ? snprintf(at, room, "%s%s", sep, name)
            : hex ? snprintf(at, room, "%s0x%llx", sep, (unsigned long long)x)
                  : snprintf(at, room, "%s%llu", sep, (unsigned long long)x);
        n += k > 0 ? (size_t)k : 0;
    }
    k = snprintf(n < cap ? out + n : NULL, n < cap ? cap - n : 0, "]");
    n += k > 0 ? (size_t)k : 0;
    return (int)n;
}

int ps_sctp_int_list_pyrepr(const struct ps_fval *v, size_t unit, char *out, size_t cap)
{
    return ps_sctp_enum_list_repr(v, unit, NULL, false, out, cap);
}

long ps_sctp_enum_list_encode(const struct ps_fval *items, size_t n, size_t unit,
                              const struct ps_enum *names, uint8_t *out, size_t cap)
{
    if (out && n * unit > cap)
        return -1;
    for (size_t i = 0; i < n; i++) {
        uint64_t x = items[i].u;
        if (items[i].bytes) {
            const struct ps_enum *e = names;
            for (; e && e->name; e++)
                if (strlen(e->name) == items[i].len &&
                    memcmp(e->name, items[i].bytes, items[i].len) == 0)
                    break;
            if (!e || !e->name)
                return -1;
            x = e->value;
        }
        if (unit < 8 && x >> (8 * unit))
            return -1;
        for (size_t j = 0; out && j < unit; j++)
            out[i * unit + j] = (uint8_t)(x >> (8 * (unit - 1 - j)));
    }
    return (long)(n * unit);
}

/* SCTP.post_build: the CRC-32C of the header (chksum as 0) and its payload,
 * written least significant byte first, as Scapy packs it. */
static void sctp_post_build(struct ps_build *b, size_t idx)
{
    const struct ps_layer *l = &b->pkt->layers[idx];
    uint8_t *h = b->buf + b->start[idx];
    if (l->v[F_CHKSUM].set || b->hlen[idx] < 12)
        return;
    uint32_t crc = ps_crc32c(h, b->end[idx] - b->start[idx]);
    for (int i = 0; i < 4; i++)
        h[8 + i] = (uint8_t)(crc >> (8 * i));
}

/* SCTP.answers (conf.checkIPsrc): the ports swapped; the chunks are not
 * looked at. */
static enum ps_answer sctp_answers(const struct ps_packet *reply, size_t *r,
                                   const struct ps_packet *query, size_t *q)
{
    return ps_ports_answer(reply, *r, query, *q, &ps_proto_sctp, &ps_proto_sctperror, true);
}

/* SCTPerror.answers: the quoted header has the request's own ports. */
static enum ps_answer sctperror_answers(const struct ps_packet *reply, size_t *r,
                                        const struct ps_packet *query, size_t *q)
{
    return ps_ports_answer(reply, *r, query, *q, &ps_proto_sctp, &ps_proto_sctperror, false);
}

/* bind_layers(IP, SCTP, proto=132), (IPv6, SCTP, nh=132) */
static const struct ps_bind binds[] = {
    {"IP", "proto", 132},
    {"IPv6", "nh", 132},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_sctp = {
    .name = "SCTP",
    .long_name = "SCTP",
    .fields = fields,
    .nfields = PS_NFIELDS(fields),
    .binds = binds,
    .post_build = sctp_post_build,
    .guess_payload_from = ps_sctp_next_chunk,
    .answers = sctp_answers,
};

/* bind_layers(IPerror, SCTPerror, proto=132); Scapy's IPerror6 binding
 * names a `proto` IPerror6 does not have, so it never holds. */
static const struct ps_bind error_binds[] = {
    {"IPerror", "proto", 132},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_sctperror = {
    .name = "SCTPerror",
    .long_name = "SCTP in ICMP",
    .fields = fields,
    .nfields = PS_NFIELDS(fields),
    .binds = error_binds,
    .post_build = sctp_post_build,
    .alias = "SCTP",
    .guess_payload_from = ps_sctp_next_chunk,
    .answers = sctperror_answers,
};
