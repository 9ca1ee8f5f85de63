/* DHCPv6 messages and DUIDs (scapy/layers/dhcp6.py, RFC 8415): a message
 * on UDP 546/547 (found by its msgtype, _dhcp6_dispatcher), then its
 * options, each a layer whose payload is the next (dhcp6_options.c). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "dhcp6.h"
#include "protos.h"

/* --- Messages --- */

enum { M_MSGTYPE, M_TRID };
enum { R_MSGTYPE, R_HOPCOUNT, R_LINKADDR, R_PEERADDR };

static const struct ps_enum msgtypes[] = {
    {1, "SOLICIT"}, {2, "ADVERTISE"}, {3, "REQUEST"}, {4, "CONFIRM"}, {5, "RENEW"},
    {6, "REBIND"}, {7, "REPLY"}, {8, "RELEASE"}, {9, "DECLINE"}, {10, "RECONFIGURE"},
    {11, "INFORMATION-REQUEST"}, {12, "RELAY-FORW"}, {13, "RELAY-REPL"}, {0, NULL},
};

/* dhcp6_cls_by_type */
static const char *const message_classes[14] = {
    NULL, "DHCP6_Solicit", "DHCP6_Advertise", "DHCP6_Request", "DHCP6_Confirm",
    "DHCP6_Renew", "DHCP6_Rebind", "DHCP6_Reply", "DHCP6_Release", "DHCP6_Decline",
    "DHCP6_Reconf", "DHCP6_InfoRequest", "DHCP6_RelayForward", "DHCP6_RelayReply",
};

const char *ps_dhcp6_message(const uint8_t *p, size_t n)
{
    if (n < 2 || p[0] >= sizeof message_classes / sizeof message_classes[0] ||
        !message_classes[p[0]])
        return "Raw";
    return message_classes[p[0]];
}

/* Every UDP port pair below dissects by the msgtype: the DHCP6 class
 * carries the bindings (bind_bottom_up(UDP, _dhcp6_dispatcher, ...)) and
 * hands the bytes to the message class. */
static const char *message_dispatch(const uint8_t *p, size_t n)
{
    return ps_dhcp6_message(p, n);
}

static const struct ps_bind dissect_binds[] = {
    {"UDP", "dport", 547}, {"UDP", NULL, 0}, {"UDP", "dport", 546}, {NULL, NULL, 0},
};
/* overload_fields = {UDP: {"sport": ..., "dport": ...}} */
static const struct ps_bind to_server[] = {
    {"UDP", "sport", 546}, {"UDP", "dport", 547}, {NULL, NULL, 0},
};
static const struct ps_bind to_client[] = {
    {"UDP", "sport", 547}, {"UDP", "dport", 546}, {NULL, NULL, 0},
};
static const struct ps_bind relay[] = {
    {"UDP", "sport", 547}, {"UDP", "dport", 547}, {NULL, NULL, 0},
};

#define MSGTYPE(d, ds, auto_)                                                                \
    {.name = "msgtype", .kind = PS_K_UINT, .bits = 8, .def = (d), .is_auto = (auto_),        \
     .enums = msgtypes, .ls_type = "ByteEnumField", .ls_default = ds}

#define MESSAGE_FIELDS(d, ds, auto_)                                                         \
    static const struct ps_field fields_##d[] = {                                            \
        [M_MSGTYPE] = MSGTYPE(d, ds, auto_),                                                 \
        [M_TRID] = {.name = "trid", .kind = PS_K_UINT, .bits = 24, .hex = true,              \
                    .ls_type = "X3BytesField", .ls_default = "0"},                           \
    }

MESSAGE_FIELDS(0, "None", true);
MESSAGE_FIELDS(1, "1", false);
MESSAGE_FIELDS(2, "2", false);
MESSAGE_FIELDS(3, "3", false);
MESSAGE_FIELDS(4, "4", false);
MESSAGE_FIELDS(5, "5", false);
MESSAGE_FIELDS(6, "6", false);
MESSAGE_FIELDS(7, "7", false);
MESSAGE_FIELDS(8, "8", false);
MESSAGE_FIELDS(9, "9", false);
MESSAGE_FIELDS(10, "10", false);
MESSAGE_FIELDS(11, "11", false);

/* DHCP6.hashret: the 3 bytes of trid, and nothing of the options. */
static size_t trid_hashret(const struct ps_packet *pkt, size_t idx, struct ps_hash *h)
{
    uint8_t be[3];
    uint64_t trid = ps_layer_uint(&pkt->layers[idx], M_TRID);
    be[0] = (uint8_t)(trid >> 16);
    be[1] = (uint8_t)(trid >> 8);
    be[2] = (uint8_t)trid;
    ps_hash_put(h, be, 3);
    return pkt->n;
}

static bool same_trid(const struct ps_packet *reply, size_t r, const struct ps_packet *query,
                      size_t q)
{
    return ps_layer_uint(&reply->layers[r], M_TRID) == ps_layer_uint(&query->layers[q], M_TRID);
}

static bool query_is(const struct ps_packet *query, size_t q, const struct ps_proto *p)
{
    return q < query->n && query->layers[q].proto == p;
}

/* DHCP6_Advertise.answers: a Solicit (msgtype 1) with the same trid. */
static enum ps_answer advertise_answers(const struct ps_packet *reply, size_t *r,
                                        const struct ps_packet *query, size_t *q)
{
    return query_is(query, *q, &ps_proto_dhcp6_solicit) &&
                   ps_layer_uint(&query->layers[*q], M_MSGTYPE) == 1 &&
                   same_trid(reply, *r, query, *q)
               ? PS_ANSWER_YES
               : PS_ANSWER_NO;
}

/* DHCP6_Reply.answers: any client message with the same trid. */
static enum ps_answer reply_answers(const struct ps_packet *reply, size_t *r,
                                    const struct ps_packet *query, size_t *q)
{
    static const struct ps_proto *const asked[] = {
        &ps_proto_dhcp6_solicit, &ps_proto_dhcp6_inforequest, &ps_proto_dhcp6_confirm,
        &ps_proto_dhcp6_rebind,  &ps_proto_dhcp6_decline,     &ps_proto_dhcp6_request,
        &ps_proto_dhcp6_release, &ps_proto_dhcp6_renew,
    };
    for (size_t i = 0; i < sizeof asked / sizeof asked[0]; i++)
        if (query_is(query, *q, asked[i]))
            return same_trid(reply, *r, query, *q) ? PS_ANSWER_YES : PS_ANSWER_NO;
    return PS_ANSWER_NO;
}

#define MESSAGE(sym, cls, longname, d, binds_, ...)                                          \
    const struct ps_proto sym = {                                                            \
        .name = cls,                                                                         \
        .long_name = longname,                                                               \
        .klass = PS_DHCP6_KLASS,                                                             \
        .fields = fields_##d,                                                                \
        .nfields = PS_NFIELDS(fields_##d),                                                   \
        .build_binds = binds_,                                                               \
        .guess_payload_from = ps_dhcp6_next_option,                                          \
        .hashret = trid_hashret,                                                             \
        __VA_ARGS__}

MESSAGE(ps_proto_dhcp6, "DHCP6", "DHCPv6 Generic Message", 0, to_server,
        .dissect_binds = dissect_binds, .dispatch = message_dispatch);
MESSAGE(ps_proto_dhcp6_solicit, "DHCP6_Solicit", "DHCPv6 Solicit Message", 1, to_server);
MESSAGE(ps_proto_dhcp6_advertise, "DHCP6_Advertise", "DHCPv6 Advertise Message", 2, to_client,
        .answers = advertise_answers);
MESSAGE(ps_proto_dhcp6_request, "DHCP6_Request", "DHCPv6 Request Message", 3, to_server);
MESSAGE(ps_proto_dhcp6_confirm, "DHCP6_Confirm", "DHCPv6 Confirm Message", 4, to_server);
MESSAGE(ps_proto_dhcp6_renew, "DHCP6_Renew", "DHCPv6 Renew Message", 5, to_server);
MESSAGE(ps_proto_dhcp6_rebind, "DHCP6_Rebind", "DHCPv6 Rebind Message", 6, to_server);
MESSAGE(ps_proto_dhcp6_reply, "DHCP6_Reply", "DHCPv6 Reply Message", 7, to_client,
        .answers = reply_answers);
MESSAGE(ps_proto_dhcp6_release, "DHCP6_Release", "DHCPv6 Release Message", 8, to_server);
MESSAGE(ps_proto_dhcp6_decline, "DHCP6_Decline", "DHCPv6 Decline Message", 9, to_server);
MESSAGE(ps_proto_dhcp6_reconf, "DHCP6_Reconf", "DHCPv6 Reconfigure Message", 10, to_client);
MESSAGE(ps_proto_dhcp6_inforequest, "DHCP6_InfoRequest", "DHCPv6 Information Request Message",
        11, to_server);

#define IP6_FIELD(nm)                                                                        \
    {.name = nm, .kind = PS_K_IPV6, .def_text = "::", .ls_type = "IP6Field",                  \
     .ls_default = "'::'"}

#define RELAY_FIELDS(d, ds)                                                                  \
    static const struct ps_field relay_fields_##d[] = {                                      \
        [R_MSGTYPE] = MSGTYPE(d, ds, false),                                                 \
        [R_HOPCOUNT] = {.name = "hopcount", .kind = PS_K_UINT, .bits = 8, .is_auto = true,   \
                        .ls_type = "ByteField", .ls_default = "None"},                       \
        [R_LINKADDR] = IP6_FIELD("linkaddr"),                                                \
        [R_PEERADDR] = IP6_FIELD("peeraddr"),                                                \
    }
RELAY_FIELDS(12, "12");
RELAY_FIELDS(13, "13");

/* DHCP6_RelayForward.hashret: the peer address. */
static size_t peer_hashret(const struct ps_packet *pkt, size_t idx, struct ps_hash *h)
{
    ps_hash_put(h, pkt->layers[idx].v[R_PEERADDR].addr, 16);
    return pkt->n;
}

/* DHCP6_RelayReply.answers: a relay message (isinstance of
 * DHCP6_RelayForward) with the same hop count and addresses. */
static enum ps_answer relay_reply_answers(const struct ps_packet *reply, size_t *r,
                                          const struct ps_packet *query, size_t *q)
{
    if (!query_is(query, *q, &ps_proto_dhcp6_relayforward) &&
        !query_is(query, *q, &ps_proto_dhcp6_relayreply))
        return PS_ANSWER_NO;
    const struct ps_layer *a = &reply->layers[*r], *b = &query->layers[*q];
    return ps_layer_uint(a, R_HOPCOUNT) == ps_layer_uint(b, R_HOPCOUNT) &&
                   memcmp(a->v[R_LINKADDR].addr, b->v[R_LINKADDR].addr, 16) == 0 &&
                   memcmp(a->v[R_PEERADDR].addr, b->v[R_PEERADDR].addr, 16) == 0
               ? PS_ANSWER_YES
               : PS_ANSWER_NO;
}

#define RELAY(sym, cls, longname, d, ...)                                                    \
    const struct ps_proto sym = {                                                            \
        .name = cls,                                                                         \
        .long_name = longname,                                                               \
        .klass = PS_DHCP6_KLASS,                                                             \
        .fields = relay_fields_##d,                                                          \
        .nfields = PS_NFIELDS(relay_fields_##d),                                             \
        .build_binds = relay,                                                                \
        .guess_payload_from = ps_dhcp6_next_option,                                          \
        .hashret = peer_hashret,                                                             \
        __VA_ARGS__}

RELAY(ps_proto_dhcp6_relayforward, "DHCP6_RelayForward",
      "DHCPv6 Relay Forward Message (Relay Agent/Server Message)", 12);
RELAY(ps_proto_dhcp6_relayreply, "DHCP6_RelayReply",
      "DHCPv6 Relay Reply Message (Relay Agent/Server Message)", 13,
      .answers = relay_reply_answers);

/* --- DUIDs (RFC 8415 sect 11, RFC 6355) --- */

static const struct ps_enum duidtypes[] = {
    {1, "Link-layer address plus time"},
    {2, "Vendor-assigned unique ID based on Enterprise Number"},
    {3, "Link-layer Address"},
    {4, "UUID"},
    {0, NULL},
};

static const struct ps_enum duidhwtypes[] = {
    {0, "NET/ROM pseudo"}, {1, "Ethernet (10Mb)"}, {2, "Experimental Ethernet (3Mb)"},
    {3, "Amateur Radio AX.25"}, {4, "Proteon ProNET Token Ring"}, {5, "Chaos"},
    {6, "IEEE 802 Networks"}, {7, "ARCNET"}, {8, "Hyperchannel"}, {9, "Lanstar"},
    {10, "Autonet Short Address"}, {11, "LocalTalk"},
    {12, "LocalNet (IBM PCNet or SYTEK LocalNET)"}, {13, "Ultra link"}, {14, "SMDS"},
    {15, "Frame Relay"}, {16, "Asynchronous Transmission Mode (ATM)"}, {17, "HDLC"},
    {18, "Fibre Channel"}, {19, "Asynchronous Transmission Mode (ATM)"}, {20, "Serial Line"},
    {21, "Asynchronous Transmission Mode (ATM)"}, {22, "MIL-STD-188-220"}, {23, "Metricom"},
    {24, "IEEE 1394.1995"}, {25, "MAPOS"}, {26, "Twinaxial"}, {27, "EUI-64"}, {28, "HIPARP"},
    {29, "IP and ARP over ISO 7816-3"}, {30, "ARPSec"}, {31, "IPsec tunnel"},
    {32, "InfiniBand (TM)"}, {33, "TIA-102 Project 25 Common Air Interface (CAI)"}, {0, NULL},
};

/* IANA_ENTERPRISE_NUMBERS, the few Scapy 2.5 knows (scapy/data.py). */
const struct ps_enum ps_iana_enterprise_numbers[] = {
    {9, "ciscoSystems"}, {35, "Nortel Networks"}, {43, "3Com"}, {311, "Microsoft"},
    {2636, "Juniper Networks, Inc."}, {4526, "Netgear"}, {5771, "Cisco Systems, Inc."},
    {5842, "Cisco Systems"}, {11129, "Google, Inc"}, {16885, "Nortel Networks"}, {0, NULL},
};

const char *ps_dhcp6_duid(const uint8_t *p, size_t n)
{
    static const char *const by_type[5] = {NULL, "DUID_LLT", "DUID_EN", "DUID_LL", "DUID_UUID"};
    unsigned type = n > 4 ? (unsigned)(p[0] << 8 | p[1]) : 0;
    return type >= 1 && type <= 4 ? by_type[type] : "Raw";
}

/* 2000-01-01T00:00:00Z as Unix time: _UTCTimeField's epoch. */
#define EPOCH_2000 946684800u

int ps_dhcp6_utc2000_repr(const struct ps_fval *v, char *out, size_t cap)
{
    time_t t = (time_t)(v->u + EPOCH_2000);
    struct tm tm;
    char text[64] = "";
    if (gmtime_r(&t, &tm))
        strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    return snprintf(out, cap, "%s (%llu)", text, (unsigned long long)(v->u + EPOCH_2000));
}

/* Field.i2repr of a uuid.UUID: UUID('8-4-4-4-12 hex digits'). */
static int uuid_repr(const struct ps_fval *v, char *out, size_t cap)
{
    uint8_t u[16] = {0};
    memcpy(u, v->bytes, v->len < 16 ? v->len : 16);
    char hex[33];
    for (size_t i = 0; i < 16; i++)
        snprintf(hex + 2 * i, 3, "%02x", u[i]);
    return snprintf(out, cap, "UUID('%.8s-%.4s-%.4s-%.4s-%.12s')", hex, hex + 8, hex + 12,
                    hex + 16, hex + 20);
}

#define DUID_TYPE(t, ts)                                                                     \
    {.name = "type", .kind = PS_K_UINT, .bits = 16, .def = (t), .enums = duidtypes,          \
     .ls_type = "ShortEnumField", .ls_default = ts}
#define DUID_HWTYPE                                                                          \
    {.name = "hwtype", .kind = PS_K_UINT, .bits = 16, .def = 1, .enums = duidhwtypes,        \
     .hex = true, .ls_type = "XShortEnumField", .ls_default = "1"}
#define DUID_LLADDR                                                                          \
    {.name = "lladdr", .kind = PS_K_MAC, .def_text = "00:00:00:00:00:00",                    \
     .ls_type = "_LLAddrField", .ls_default = "'00:00:00:00:00:00'"}

static const struct ps_field llt_fields[] = {
    DUID_TYPE(1, "1"),
    DUID_HWTYPE,
    {.name = "timeval", .kind = PS_K_UINT, .bits = 32, .repr = ps_dhcp6_utc2000_repr,
     .ls_type = "_UTCTimeField", .ls_default = "0"},
    DUID_LLADDR,
};
static const struct ps_field en_fields[] = {
    DUID_TYPE(2, "2"),
    {.name = "enterprisenum", .kind = PS_K_UINT, .bits = 32, .def = 311,
     .enums = ps_iana_enterprise_numbers, .ls_type = "IntEnumField", .ls_default = "311"},
    {.name = "id", .kind = PS_K_BYTES, .def_text = "", .ls_type = "StrField",
     .ls_default = "b''"},
};
static const struct ps_field ll_fields[] = {
    DUID_TYPE(3, "3"),
    DUID_HWTYPE,
    DUID_LLADDR,
};
static const struct ps_field uuid_fields[] = {
    DUID_TYPE(4, "4"),
    {.name = "uuid", .kind = PS_K_BYTES, .bits = 128, .is_auto = true, .repr = uuid_repr,
     .ls_type = "UUIDField", .ls_default = "None"},
};

#define DUID(sym, cls, longname, f)                                                          \
    const struct ps_proto sym = {.name = cls, .long_name = longname, .klass = "DUID",         \
                                 .fields = f, .nfields = PS_NFIELDS(f)}

DUID(ps_proto_duid_llt, "DUID_LLT", "DUID - Link-layer address plus time", llt_fields);
DUID(ps_proto_duid_en, "DUID_EN", "DUID - Assigned by Vendor Based on Enterprise Number",
     en_fields);
DUID(ps_proto_duid_ll, "DUID_LL", "DUID - Based on Link-layer Address", ll_fields);
DUID(ps_proto_duid_uuid, "DUID_UUID", "DUID - Based on UUID", uuid_fields);
