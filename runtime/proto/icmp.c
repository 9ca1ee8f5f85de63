/* ICMP (scapy/layers/inet.py ICMP): the fields that depend on the type,
 * the code names by type, and the checksum over header and payload. */
#include <stdio.h>
#include <time.h>

#include "packet.h"
#include "field_text.h"
#include "protos.h"

enum { F_TYPE, F_CODE, F_CHKSUM, F_ID, F_SEQ, F_TS_ORI, F_TS_RX, F_TS_TX, F_GW, F_PTR,
       F_RESERVED, F_LENGTH, F_ADDR_MASK, F_NEXTHOPMTU, F_UNUSED };

/* icmptypes */
static const struct ps_enum types[] = {
    {0, "echo-reply"},
    {3, "dest-unreach"},
    {4, "source-quench"},
    {5, "redirect"},
    {8, "echo-request"},
    {9, "router-advertisement"},
    {10, "router-solicitation"},
    {11, "time-exceeded"},
    {12, "parameter-problem"},
    {13, "timestamp-request"},
    {14, "timestamp-reply"},
    {15, "information-request"},
    {16, "information-response"},
    {17, "address-mask-request"},
    {18, "address-mask-reply"},
    {30, "traceroute"},
    {31, "datagram-conversion-error"},
    {32, "mobile-host-redirect"},
    {33, "ipv6-where-are-you"},
    {34, "ipv6-i-am-here"},
    {35, "mobile-registration-request"},
    {36, "mobile-registration-reply"},
    {37, "domain-name-request"},
    {38, "domain-name-reply"},
    {39, "skip"},
    {40, "photuris"},
    {0, NULL},
};

/* icmpcodes */
static const struct ps_enum unreach_codes[] = {
    {0, "network-unreachable"},
    {1, "host-unreachable"},
    {2, "protocol-unreachable"},
    {3, "port-unreachable"},
    {4, "fragmentation-needed"},
    {5, "source-route-failed"},
    {6, "network-unknown"},
    {7, "host-unknown"},
    {9, "network-prohibited"},
    {10, "host-prohibited"},
    {11, "TOS-network-unreachable"},
    {12, "TOS-host-unreachable"},
    {13, "communication-prohibited"},
    {14, "host-precedence-violation"},
    {15, "precedence-cutoff"},
    {0, NULL},
};
static const struct ps_enum redirect_codes[] = {
    {0, "network-redirect"},
    {1, "host-redirect"},
    {2, "TOS-network-redirect"},
    {3, "TOS-host-redirect"},
    {0, NULL},
};
static const struct ps_enum time_exceeded_codes[] = {
    {0, "ttl-zero-during-transit"},
    {1, "ttl-zero-during-reassembly"},
    {0, NULL},
};
static const struct ps_enum param_problem_codes[] = {
    {0, "ip-header-bad"},
    {1, "required-option-missing"},
    {0, NULL},
};
static const struct ps_enum photuris_codes[] = {
    {0, "bad-spi"},
    {1, "authentication-failed"},
    {2, "decompression-failed"},
    {3, "decryption-failed"},
    {4, "need-authentification"},
    {5, "need-authorization"},
    {0, NULL},
};
static const struct ps_enum_multi codes[] = {
    {3, unreach_codes},
    {5, redirect_codes},
    {11, time_exceeded_codes},
    {12, param_problem_codes},
    {40, photuris_codes},
    {0, NULL},
};

static uint64_t type_of(const struct ps_layer *l)
{
    return ps_layer_uint(l, F_TYPE);
}

static bool type_in(const struct ps_layer *l, const uint8_t *list, size_t n)
{
    uint64_t t = type_of(l);
    for (size_t i = 0; i < n; i++)
        if (t == list[i])
            return true;
    return false;
}

#define TYPE_IN(l, ...) \
    type_in((l), (const uint8_t[]){__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__}))

/* icmp_id_seq_types */
static bool has_id_seq(const struct ps_layer *l)
{
    return TYPE_IN(l, 0, 8, 13, 14, 15, 16, 17, 18, 37, 38);
}
static bool has_timestamps(const struct ps_layer *l)
{
    return TYPE_IN(l, 13, 14);
}
static bool has_gw(const struct ps_layer *l)
{
    return type_of(l) == 5;
}
static bool has_ptr(const struct ps_layer *l)
{
    return type_of(l) == 12;
}
static bool has_reserved(const struct ps_layer *l)
{
    return TYPE_IN(l, 3, 11);
}
static bool has_length(const struct ps_layer *l)
{
    return TYPE_IN(l, 3, 11, 12);
}
static bool has_addr_mask(const struct ps_layer *l)
{
    return TYPE_IN(l, 17, 18);
}
static bool has_nexthopmtu(const struct ps_layer *l)
{
    return type_of(l) == 3;
}
/* unused: a short for 11 and 12, an int for the types not listed, and
 * nothing (a 0-byte string) for the rest. */
static bool has_unused(const struct ps_layer *l)
{
    return TYPE_IN(l, 11, 12) || !TYPE_IN(l, 0, 3, 5, 8, 13, 14, 15, 16, 17, 18);
}
static uint8_t unused_bits(const struct ps_layer *l)
{
    return TYPE_IN(l, 11, 12) ? 16 : 32;
}

/* ICMPTimeStampField: ms since midnight UTC, taken when Scapy makes the field. */
static uint64_t ms_since_midnight(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
        return 0;
    return (uint64_t)(ts.tv_sec % 86400) * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* ICMPTimeStampField.i2repr: the milliseconds as h:m:s.ms. */
static int timestamp_repr(const struct ps_fval *v, char *out, size_t cap)
{
    uint64_t ms = v->u;
    return snprintf(out, cap, "%llu:%llu:%llu.%llu", (unsigned long long)(ms / 3600000),
                    (unsigned long long)(ms / 60000 % 60), (unsigned long long)(ms / 1000 % 60),
                    (unsigned long long)(ms % 1000));
}

static const struct ps_field fields[] = {
    [F_TYPE] = {.name = "type", .kind = PS_K_UINT, .bits = 8, .def = 8, .enums = types,
                .ls_type = "ByteEnumField", .ls_default = "8"},
    [F_CODE] = {.name = "code", .kind = PS_K_UINT, .bits = 8, .multi = codes, .multi_on = F_TYPE,
                .ls_type = "MultiEnumField (Depends on 8)", .ls_default = "0"},
    [F_CHKSUM] = {.name = "chksum", .kind = PS_K_UINT, .bits = 16, .is_auto = true, .hex = true,
                  .ls_type = "XShortField", .ls_default = "None"},
    [F_ID] = {.name = "id", .kind = PS_K_UINT, .bits = 16, .hex = true, .present = has_id_seq,
              .ls_type = "XShortField (Cond)", .ls_default = "0"},
    [F_SEQ] = {.name = "seq", .kind = PS_K_UINT, .bits = 16, .hex = true, .present = has_id_seq,
               .ls_type = "XShortField (Cond)", .ls_default = "0"},
    [F_TS_ORI] = {.name = "ts_ori", .kind = PS_K_UINT, .bits = 32, .present = has_timestamps,
                  .def_now = ms_since_midnight, .repr = timestamp_repr,
                  .ls_type = "ICMPTimeStampField (Cond)"},
    [F_TS_RX] = {.name = "ts_rx", .kind = PS_K_UINT, .bits = 32, .present = has_timestamps,
                 .def_now = ms_since_midnight, .repr = timestamp_repr,
                 .ls_type = "ICMPTimeStampField (Cond)"},
    [F_TS_TX] = {.name = "ts_tx", .kind = PS_K_UINT, .bits = 32, .present = has_timestamps,
                 .def_now = ms_since_midnight, .repr = timestamp_repr,
                 .ls_type = "ICMPTimeStampField (Cond)"},
    [F_GW] = {.name = "gw", .kind = PS_K_IPV4, .def_text = "0.0.0.0", .present = has_gw,
              .ls_type = "IPField (Cond)", .ls_default = "'0.0.0.0'"},
    [F_PTR] = {.name = "ptr", .kind = PS_K_UINT, .bits = 8, .present = has_ptr,
               .ls_type = "ByteField (Cond)", .ls_default = "0"},
    [F_RESERVED] = {.name = "reserved", .kind = PS_K_UINT, .bits = 8, .present = has_reserved,
                    .ls_type = "ByteField (Cond)", .ls_default = "0"},
    [F_LENGTH] = {.name = "length", .kind = PS_K_UINT, .bits = 8, .present = has_length,
                  .ls_type = "ByteField (Cond)", .ls_default = "0"},
    [F_ADDR_MASK] = {.name = "addr_mask", .kind = PS_K_IPV4, .def_text = "0.0.0.0",
                     .present = has_addr_mask, .ls_type = "IPField (Cond)",
                     .ls_default = "'0.0.0.0'"},
    [F_NEXTHOPMTU] = {.name = "nexthopmtu", .kind = PS_K_UINT, .bits = 16,
                      .present = has_nexthopmtu, .ls_type = "ShortField (Cond)",
                      .ls_default = "0"},
    [F_UNUSED] = {.name = "unused", .kind = PS_K_UINT, .bits = 32, .present = has_unused,
                  .bits_for = unused_bits, .empty_when_absent = true,
                  .ls_type = "MultipleTypeField (ShortField, IntField, StrFixedLenField)",
                  .ls_default = "b''"},
};

/* bind_layers(IP, ICMP, frag=0, proto=1) */
static const struct ps_bind binds[] = {
    {"IP", "frag", 0},
    {"IP", "proto", 1},
    {NULL, NULL, 0},
};

static void icmp_post_build(struct ps_build *b, size_t idx)
{
    uint8_t *h = b->buf + b->start[idx];
    if (b->hlen[idx] < 4 || b->pkt->layers[idx].v[F_CHKSUM].set)
        return;
    ps_put16(h + 2, ps_csum_fold(ps_csum_add(0, h, b->end[idx] - b->start[idx])));
}

static bool is_icmp(const struct ps_proto *p)
{
    return p == &ps_proto_icmp || p == &ps_proto_icmperror;
}

bool ps_icmp_quotes(const struct ps_layer *l)
{
    return is_icmp(l->proto) && TYPE_IN(l, 3, 4, 5, 11, 12);
}

/* hashret: id and seq (struct.pack("HH"): the host's order) for the types
 * that have them. */
static size_t icmp_hashret(const struct ps_packet *pkt, size_t idx, struct ps_hash *h)
{
    const struct ps_layer *l = &pkt->layers[idx];
    if (has_id_seq(l)) {
        uint16_t v[2] = {(uint16_t)ps_layer_uint(l, F_ID), (uint16_t)ps_layer_uint(l, F_SEQ)};
        ps_hash_put(h, v, sizeof v);
    }
    return idx + 1;
}

/* answers: the reply type of the request's type, with its id and seq
 * (not its payload). */
static enum ps_answer icmp_answers(const struct ps_packet *reply, size_t *r,
                                   const struct ps_packet *query, size_t *q)
{
    static const uint8_t pairs[][2] = {{8, 0}, {13, 14}, {15, 16}, {17, 18},
                                       {33, 34}, {35, 36}, {37, 38}};
    if (*q >= query->n || !is_icmp(query->layers[*q].proto))
        return PS_ANSWER_NO;
    const struct ps_layer *self = &reply->layers[*r], *other = &query->layers[*q];
    uint64_t asked = type_of(other), got = type_of(self);
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        if (asked == pairs[i][0] && got == pairs[i][1])
            return ps_layer_uint(self, F_ID) == ps_layer_uint(other, F_ID) &&
                           ps_layer_uint(self, F_SEQ) == ps_layer_uint(other, F_SEQ)
                       ? PS_ANSWER_YES
                       : PS_ANSWER_NO;
    return PS_ANSWER_NO;
}

/* ICMPerror.answers: the quoted ICMP is the request; id and seq count when
 * the *code* is one of 0 8 13 14 17 18 (sic, in Scapy). */
static enum ps_answer icmperror_answers(const struct ps_packet *reply, size_t *r,
                                        const struct ps_packet *query, size_t *q)
{
    if (*q >= query->n || !is_icmp(query->layers[*q].proto))
        return PS_ANSWER_NO;
    const struct ps_layer *self = &reply->layers[*r], *other = &query->layers[*q];
    uint64_t code = ps_layer_uint(self, F_CODE);
    if (type_of(self) != type_of(other) || code != ps_layer_uint(other, F_CODE))
        return PS_ANSWER_NO;
    if (code == 0 || code == 8 || code == 13 || code == 14 || code == 17 || code == 18)
        return ps_layer_uint(self, F_ID) == ps_layer_uint(other, F_ID) &&
                       ps_layer_uint(self, F_SEQ) == ps_layer_uint(other, F_SEQ)
                   ? PS_ANSWER_YES
                   : PS_ANSWER_NO;
    return PS_ANSWER_YES;
}

/* guess_payload_class: an error quotes the datagram that caused it. */
static const char *icmp_payload(const struct ps_layer *l)
{
    return TYPE_IN(l, 3, 4, 5, 11, 12) ? "IPerror" : NULL;
}

/* On IP: "ICMP %IP.src% > %IP.dst% %ICMP.type% %ICMP.code%", else without
 * the addresses. */
static int mysummary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    ps_strbuf_puts(&b, "ICMP ");
    ps_put_src_dst_under(&b, pkt, idx, "IP");
    ps_put_field(&b, pkt, idx, "type");
    ps_strbuf_puts(&b, " ");
    ps_put_field(&b, pkt, idx, "code");
    return ps_strbuf_result(&b);
}

const struct ps_proto ps_proto_icmp = {
    .name = "ICMP",
    .long_name = "ICMP",
    .fields = fields,
    .nfields = PS_NFIELDS(fields),
    .binds = binds,
    .post_build = icmp_post_build,
    .mysummary = mysummary,
    .guess_payload = icmp_payload,
    .hashret = icmp_hashret,
    .answers = icmp_answers,
};

/* ICMPerror: an ICMP header quoted in an ICMP error. */
static const struct ps_bind icmperror_binds[] = {
    {"IPerror", "frag", 0},
    {"IPerror", "proto", 1},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_icmperror = {
    .name = "ICMPerror",
    .long_name = "ICMP in ICMP",
    .fields = fields,
    .nfields = PS_NFIELDS(fields),
    .binds = icmperror_binds,
    .post_build = icmp_post_build,
    .alias = "ICMP",
    .guess_payload = icmp_payload,
    .hashret = icmp_hashret,
    .answers = icmperror_answers,
};
