/* ICMPv6 (scapy/layers/inet6.py): the fallback ICMPv6Unknown, which picks
 * the class of a message by its type; the errors, which quote the packet
 * that caused them (IPerror6); echo; multicast listener discovery. The
 * neighbour discovery messages are in icmpv6_nd.c. */
#include <stdio.h>
#include <string.h>

#include "packet.h"
#include "field_text.h"
#include "protos.h"

/* icmp6types */
const struct ps_enum ps_icmpv6_types[] = {
    {1, "Destination unreachable"},
    {2, "Packet too big"},
    {3, "Time exceeded"},
    {4, "Parameter problem"},
    {100, "Private Experimentation"},
    {101, "Private Experimentation"},
    {128, "Echo Request"},
    {129, "Echo Reply"},
    {130, "MLD Query"},
    {131, "MLD Report"},
    {132, "MLD Done"},
    {133, "Router Solicitation"},
    {134, "Router Advertisement"},
    {135, "Neighbor Solicitation"},
    {136, "Neighbor Advertisement"},
    {137, "Redirect Message"},
    {138, "Router Renumbering"},
    {139, "ICMP Node Information Query"},
    {140, "ICMP Node Information Response"},
    {141, "Inverse Neighbor Discovery Solicitation Message"},
    {142, "Inverse Neighbor Discovery Advertisement Message"},
    {143, "MLD Report Version 2"},
    {144, "Home Agent Address Discovery Request Message"},
    {145, "Home Agent Address Discovery Reply Message"},
    {146, "Mobile Prefix Solicitation"},
    {147, "Mobile Prefix Advertisement"},
    {148, "Certification Path Solicitation"},
    {149, "Certification Path Advertisement"},
    {151, "Multicast Router Advertisement"},
    {152, "Multicast Router Solicitation"},
    {153, "Multicast Router Termination"},
    {155, "RPL Control Message"},
    {200, "Private Experimentation"},
    {201, "Private Experimentation"},
    {0, NULL},
};

/* Every ICMPv6 message starts type, code, cksum. */
enum { F_TYPE, F_CODE, F_CKSUM };

#define TYPE(d, d_s)                                                                        \
    [F_TYPE] = {.name = "type", .kind = PS_K_UINT, .bits = 8, .def = (d),                  \
                .enums = ps_icmpv6_types, .ls_type = "ByteEnumField", .ls_default = d_s}
#define CODE                                                                                \
    [F_CODE] = {.name = "code", .kind = PS_K_UINT, .bits = 8, .ls_type = "ByteField",       \
                .ls_default = "0"}
#define CODE_ENUM(names)                                                                    \
    [F_CODE] = {.name = "code", .kind = PS_K_UINT, .bits = 8, .enums = (names),             \
                .ls_type = "ByteEnumField", .ls_default = "0"}
#define CKSUM                                                                               \
    [F_CKSUM] = {.name = "cksum", .kind = PS_K_UINT, .bits = 16, .is_auto = true,            \
                 .hex = true, .ls_type = "XShortField", .ls_default = "None"}

/* _ICMPv6.post_build: in6_chksum(58, underlayer, message); 0 with no IPv6
 * below. */
void ps_icmpv6_post_build(struct ps_build *b, size_t idx)
{
    uint16_t ck;
    if (b->hlen[idx] < 4 || b->pkt->layers[idx].v[F_CKSUM].set)
        return;
    (void)ps_ip6_checksum(b, idx, 58, &ck);
    ps_put16(b->buf + b->start[idx] + 2, ck);
}

/* _ICMPv6's overload_fields: {IPv6: {"nh": 58}}, for building only (the
 * IPv6 layer finds the class by the message's type). */
static const struct ps_bind icmpv6_binds[] = {
    {"IPv6", "nh", 58},
    {NULL, NULL, 0},
};

/* ----------------------------------------------------------- fallback */

/* _IPv6GuessPayload for nh 58: icmp6typescls, when the message is at least
 * as long as icmp6typesminhdrlen says, else Raw. */
static const char *class_by_type(const uint8_t *p, size_t len)
{
    static const struct {
        uint8_t type, minlen;
        const char *name;
    } classes[] = {
        {1, 8, "ICMPv6DestUnreach"},       {2, 8, "ICMPv6PacketTooBig"},
        {3, 8, "ICMPv6TimeExceeded"},      {4, 8, "ICMPv6ParamProblem"},
        {128, 8, "ICMPv6EchoRequest"},     {129, 8, "ICMPv6EchoReply"},
        {130, 24, "ICMPv6MLQuery"},        {131, 24, "ICMPv6MLReport"},
        {132, 24, "ICMPv6MLDone"},         {133, 8, "ICMPv6ND_RS"},
        {134, 16, "ICMPv6ND_RA"},          {135, 24, "ICMPv6ND_NS"},
        {136, 24, "ICMPv6ND_NA"},          {137, 40, "ICMPv6ND_Redirect"},
        {141, 8, "ICMPv6ND_INDSol"},       {142, 8, "ICMPv6ND_INDAdv"},
        {143, 8, "ICMPv6MLReport2"},       {144, 8, "ICMPv6HAADRequest"},
        {145, 8, "ICMPv6HAADReply"},       {146, 8, "ICMPv6MPSol"},
        {147, 8, "ICMPv6MPAdv"},           {151, 8, "ICMPv6MRD_Advertisement"},
        {152, 4, "ICMPv6MRD_Solicitation"}, {153, 4, "ICMPv6MRD_Termination"},
        {155, 4, "ICMPv6RPL"},
    };
    if (len == 0)
        return NULL;
    /* Node information (139, 140) has a guesser of its own (icmpv6_ni.c). */
    if ((p[0] == 139 || p[0] == 140) && len > 2)
        return ps_icmpv6_ni_class(p, len);
    if (p[0] == 130 && len >= 28)
        return "ICMPv6MLQuery2"; /* RFC 3810 8.1 */
    for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
        if (classes[i].type == p[0])
            return len >= classes[i].minlen ? classes[i].name : "Raw";
    return "Raw";
}

static const struct ps_field unknown_fields[] = {
    TYPE(1, "1"),
    CODE,
    CKSUM,
    {.name = "msgbody", .kind = PS_K_BYTES, .def_text = "", .ls_type = "StrField",
     .ls_default = "b''"},
};

const struct ps_proto ps_proto_icmpv6_unknown = {
    .name = "ICMPv6Unknown",
    .long_name = "Scapy6 ICMPv6 fallback class",
    .fields = unknown_fields,
    .nfields = PS_NFIELDS(unknown_fields),
    .build_binds = icmpv6_binds,
    .post_build = ps_icmpv6_post_build,
    .dispatch = class_by_type,
    .answers = ps_icmpv6_answers,
};

/* -------------------------------------------------------------- errors */

/* _ICMPv6Error.guess_payload_class */
static const char *quoted(const struct ps_layer *l)
{
    (void)l;
    return "IPerror6";
}

static const struct ps_enum unreach_codes[] = {
    {0, "No route to destination"},
    {1, "Communication with destination administratively prohibited"},
    {2, "Beyond scope of source address"},
    {3, "Address unreachable"},
    {4, "Port unreachable"},
    {0, NULL},
};

static const struct ps_field dest_unreach_fields[] = {
    TYPE(1, "1"),
    CODE_ENUM(unreach_codes),
    CKSUM,
    {.name = "length", .kind = PS_K_UINT, .bits = 8, .ls_type = "ByteField", .ls_default = "0"},
    {.name = "unused", .kind = PS_K_UINT, .bits = 24, .hex = true, .ls_type = "X3BytesField",
     .ls_default = "0"},
};

#define ERROR_CLASS(var, cls, longname, fieldtab)                                        \
    const struct ps_proto var = {.name = cls, .long_name = longname, .fields = fieldtab, \
                                 .nfields = PS_NFIELDS(fieldtab),                       \
                                 .build_binds = icmpv6_binds,                           \
                                 .post_build = ps_icmpv6_post_build,                    \
                                 .guess_payload = quoted, .answers = ps_icmpv6_answers}

ERROR_CLASS(ps_proto_icmpv6_dest_unreach, "ICMPv6DestUnreach", "ICMPv6 Destination Unreachable",
            dest_unreach_fields);

static const struct ps_field packet_too_big_fields[] = {
    TYPE(2, "2"),
    CODE,
    CKSUM,
    {.name = "mtu", .kind = PS_K_UINT, .bits = 32, .def = 1280, .ls_type = "IntField",
     .ls_default = "1280"},
};

ERROR_CLASS(ps_proto_icmpv6_packet_too_big, "ICMPv6PacketTooBig", "ICMPv6 Packet Too Big",
            packet_too_big_fields);

static const struct ps_enum time_exceeded_codes[] = {
    {0, "hop limit exceeded in transit"},
    {1, "fragment reassembly time exceeded"},
    {0, NULL},
};

static const struct ps_field time_exceeded_fields[] = {
    TYPE(3, "3"),
    CODE_ENUM(time_exceeded_codes),
    CKSUM,
    {.name = "length", .kind = PS_K_UINT, .bits = 8, .ls_type = "ByteField", .ls_default = "0"},
    {.name = "unused", .kind = PS_K_UINT, .bits = 24, .hex = true, .ls_type = "X3BytesField",
     .ls_default = "0"},
};

ERROR_CLASS(ps_proto_icmpv6_time_exceeded, "ICMPv6TimeExceeded", "ICMPv6 Time Exceeded",
            time_exceeded_fields);

static const struct ps_enum param_problem_codes[] = {
    {0, "erroneous header field encountered"},
    {1, "unrecognized Next Header type encountered"},
    {2, "unrecognized IPv6 option encountered"},
    {3, "first fragment has incomplete header chain"},
    {0, NULL},
};

static const struct ps_field param_problem_fields[] = {
    TYPE(4, "4"),
    CODE_ENUM(param_problem_codes),
    CKSUM,
    {.name = "ptr", .kind = PS_K_UINT, .bits = 32, .def = 6, .ls_type = "IntField",
     .ls_default = "6"},
};

ERROR_CLASS(ps_proto_icmpv6_param_problem, "ICMPv6ParamProblem", "ICMPv6 Parameter Problem",
            param_problem_fields);

/* ---------------------------------------------------------------- echo */

/* "%name% (id: %id% seq: %seq%)" */
static int echo_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    char id[24] = "", seq[24] = "";
    ps_format_field(pkt, idx, "id", id, sizeof id);
    ps_format_field(pkt, idx, "seq", seq, sizeof seq);
    return snprintf(out, cap, "%s (id: %s seq: %s)", pkt->layers[idx].proto->long_name, id, seq);
}

#define ECHO_FIELDS(type, type_s)                                                            \
    TYPE(type, type_s), CODE, CKSUM,                                                         \
    {.name = "id", .kind = PS_K_UINT, .bits = 16, .hex = true, .ls_type = "XShortField",    \
     .ls_default = "0"},                                                                     \
    {.name = "seq", .kind = PS_K_UINT, .bits = 16, .hex = true, .ls_type = "XShortField",   \
     .ls_default = "0"},                                                                     \
    {.name = "data", .kind = PS_K_BYTES, .def_text = "", .ls_type = "StrField",             \
     .ls_default = "b''"}

static const struct ps_field echo_request_fields[] = {ECHO_FIELDS(128, "128")};

enum { F_ECHO_ID = 3, F_ECHO_SEQ, F_ECHO_DATA };

/* hashret: struct.pack("HH", id, seq), in the host's order. */
static size_t echo_hashret(const struct ps_packet *pkt, size_t idx, struct ps_hash *h)
{
    const struct ps_layer *l = &pkt->layers[idx];
    uint16_t v[2] = {(uint16_t)ps_layer_uint(l, F_ECHO_ID), (uint16_t)ps_layer_uint(l, F_ECHO_SEQ)};
    ps_hash_put(h, v, sizeof v);
    return idx + 1;
}

/* ICMPv6EchoReply.answers: id, seq and data all echoed (stricter than
 * ICMP's); a reply is an ICMPv6EchoRequest too, as its subclass. */
static enum ps_answer echo_reply_answers(const struct ps_packet *reply, size_t *r,
                                         const struct ps_packet *query, size_t *q)
{
    if (*q >= query->n || (query->layers[*q].proto != &ps_proto_icmpv6_echo_request &&
                           query->layers[*q].proto != &ps_proto_icmpv6_echo_reply))
        return PS_ANSWER_NO;
    const struct ps_layer *self = &reply->layers[*r], *other = &query->layers[*q];
    const struct ps_fval *a = &self->v[F_ECHO_DATA], *b = &other->v[F_ECHO_DATA];
    bool data = a->len == b->len && (a->len == 0 || memcmp(a->bytes, b->bytes, a->len) == 0);
    return data && ps_layer_uint(self, F_ECHO_ID) == ps_layer_uint(other, F_ECHO_ID) &&
                   ps_layer_uint(self, F_ECHO_SEQ) == ps_layer_uint(other, F_ECHO_SEQ)
               ? PS_ANSWER_YES
               : PS_ANSWER_NO;
}
static const struct ps_field echo_reply_fields[] = {ECHO_FIELDS(129, "129")};

const struct ps_proto ps_proto_icmpv6_echo_request = {
    .name = "ICMPv6EchoRequest",
    .long_name = "ICMPv6 Echo Request",
    .fields = echo_request_fields,
    .nfields = PS_NFIELDS(echo_request_fields),
    .build_binds = icmpv6_binds,
    .post_build = ps_icmpv6_post_build,
    .mysummary = echo_summary,
    .hashret = echo_hashret,
    .answers = ps_icmpv6_answers,
};

const struct ps_proto ps_proto_icmpv6_echo_reply = {
    .name = "ICMPv6EchoReply",
    .long_name = "ICMPv6 Echo Reply",
    .fields = echo_reply_fields,
    .nfields = PS_NFIELDS(echo_reply_fields),
    .build_binds = icmpv6_binds,
    .post_build = ps_icmpv6_post_build,
    .mysummary = echo_summary,
    .hashret = echo_hashret,
    .answers = echo_reply_answers,
};

/* ---------------------------------------- multicast listener discovery */

#define ML_FIELDS(type, type_s, mrd, mrd_s)                                                 \
    TYPE(type, type_s), CODE, CKSUM,                                                        \
    {.name = "mrd", .kind = PS_K_UINT, .bits = 16, .def = (mrd), .ls_type = "ShortField",  \
     .ls_default = mrd_s},                                                                  \
    {.name = "reserved", .kind = PS_K_UINT, .bits = 16, .ls_type = "ShortField",           \
     .ls_default = "0"},                                                                    \
    {.name = "mladdr", .kind = PS_K_IPV6, .def_text = "::", .ls_type = "IP6Field",         \
     .ls_default = "'::'"}

/* overload_fields: {IPv6: {"dst": ..., "hlim": 1, "nh": 58}} */
static const struct ps_bind ml_binds[] = {
    {"IPv6", "nh", 58},
    {"IPv6", "hlim", 1},
    {NULL, NULL, 0},
};

const struct ps_addr_bind ps_icmpv6_to_all_nodes[] = {
    {"IPv6", "dst", "ff02::1", NULL, 0},
    {NULL, NULL, NULL, NULL, 0},
};

const struct ps_addr_bind ps_icmpv6_to_all_routers[] = {
    {"IPv6", "dst", "ff02::2", NULL, 0},
    {NULL, NULL, NULL, NULL, 0},
};

static const struct ps_field ml_query_fields[] = {ML_FIELDS(130, "130", 10000, "10000")};
static const struct ps_field ml_report_fields[] = {ML_FIELDS(131, "131", 0, "0")};
static const struct ps_field ml_done_fields[] = {ML_FIELDS(132, "132", 0, "0")};

/* ICMPv6MLReport.answers: `ICMPv6MLQuery in query`, at any layer of it. */
static enum ps_answer ml_report_answers(const struct ps_packet *reply, size_t *r,
                                        const struct ps_packet *query, size_t *q)
{
    (void)reply, (void)r, (void)q;
    for (size_t i = 0; i < query->n; i++)
        if (query->layers[i].proto == &ps_proto_icmpv6_ml_query)
            return PS_ANSWER_YES;
    return PS_ANSWER_NO;
}

const struct ps_proto ps_proto_icmpv6_ml_query = {
    .name = "ICMPv6MLQuery",
    .long_name = "MLD - Multicast Listener Query",
    .fields = ml_query_fields,
    .nfields = PS_NFIELDS(ml_query_fields),
    .build_binds = ml_binds,
    .addr_binds = ps_icmpv6_to_all_nodes,
    .post_build = ps_icmpv6_post_build,
    .answers = ps_icmpv6_answers,
};

const struct ps_proto ps_proto_icmpv6_ml_report = {
    .name = "ICMPv6MLReport",
    .long_name = "MLD - Multicast Listener Report",
    .fields = ml_report_fields,
    .nfields = PS_NFIELDS(ml_report_fields),
    .build_binds = ml_binds,
    .post_build = ps_icmpv6_post_build,
    .answers = ml_report_answers,
};

const struct ps_proto ps_proto_icmpv6_ml_done = {
    .name = "ICMPv6MLDone",
    .long_name = "MLD - Multicast Listener Done",
    .fields = ml_done_fields,
    .nfields = PS_NFIELDS(ml_done_fields),
    .build_binds = ml_binds,
    .addr_binds = ps_icmpv6_to_all_routers,
    .post_build = ps_icmpv6_post_build,
    .answers = ps_icmpv6_answers,
};
