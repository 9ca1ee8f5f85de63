/* The 802.11 management frame bodies (scapy/layers/dot11.py Dot11Beacon,
 * Dot11ProbeReq/Resp, Dot11AssoReq/Resp, Dot11ReassoReq/Resp, Dot11Auth,
 * Dot11Deauth, Dot11Disas, Dot11ATIM) and Dot11Ack, each bound to Dot11's
 * type and subtype; the information elements follow (dot11_elt.c). */
#include "le_field.h"
#include "packet.h"
#include "protos.h"

static const char *const capability_list[] = {
    "res8", "res9", "short-slot", "res11", "res12", "DSSS-OFDM", "res14", "res15", "ESS",
    "IBSS", "CFP", "CFP-req", "privacy", "short-preamble", "PBCC", "agility", NULL};

static const struct ps_enum reason_code[] = {
    {0, "reserved"},          {1, "unspec"},           {2, "auth-expired"},
    {3, "deauth-ST-leaving"}, {4, "inactivity"},       {5, "AP-full"},
    {6, "class2-from-nonauth"}, {7, "class3-from-nonass"}, {8, "disas-ST-leaving"},
    {9, "ST-not-auth"},       {0, NULL}};

static const struct ps_enum status_code[] = {
    {0, "success"},        {1, "failure"},          {10, "cannot-support-all-cap"},
    {11, "inexist-asso"},  {12, "asso-denied"},     {13, "algo-unsupported"},
    {14, "bad-seq-num"},   {15, "challenge-failure"}, {16, "timeout"},
    {17, "AP-full"},       {18, "rate-unsupported"}, {0, NULL}};

static const struct ps_enum auth_algos[] = {{0, "open"}, {1, "sharedkey"}, {0, NULL}};

#define CAP                                                                              \
    {.name = "cap", .kind = PS_K_UINT, .bits = 16, .flags = capability_list,             \
     .ls_type = "FlagsField", .ls_default = "<Flag 0 ()>"}
#define LESHORT(n, d, ds) {.name = n, PS_LE16, .def = d, .ls_type = "LEShortField", .ls_default = ds}
#define TIMESTAMP {.name = "timestamp", PS_LE64, .ls_type = "LELongField", .ls_default = "0"}

/* bind_layers(Dot11, <body>, subtype=s, type=t) */
#define BINDS(id, s, t)                                                                   \
    static const struct ps_bind id[] = {{"Dot11", "subtype", s}, {"Dot11", "type", t},    \
                                        {NULL, NULL, 0}};
#define BODY(var, cls, title, flds, bnds)                                                 \
    const struct ps_proto var = {.name = cls, .long_name = title, .fields = flds,         \
                                 .nfields = PS_NFIELDS(flds), .binds = bnds}
#define EMPTY(var, cls, title, bnds)                                                      \
    const struct ps_proto var = {.name = cls, .long_name = title, .binds = bnds}

static const struct ps_field beacon_fields[] = {
    TIMESTAMP, LESHORT("beacon_interval", 0x64, "100"), CAP};
BINDS(beacon_binds, 8, 0)
BODY(ps_proto_dot11_beacon, "Dot11Beacon", "802.11 Beacon", beacon_fields, beacon_binds);

BINDS(atim_binds, 9, 0)
EMPTY(ps_proto_dot11_atim, "Dot11ATIM", "802.11 ATIM", atim_binds);

static const struct ps_field reason_fields[] = {
    {.name = "reason", PS_LE16, .def = 1, .enums = reason_code, .ls_type = "LEShortEnumField",
     .ls_default = "1"}};
BINDS(disas_binds, 10, 0)
BODY(ps_proto_dot11_disas, "Dot11Disas", "802.11 Disassociation", reason_fields, disas_binds);

static const struct ps_field assoreq_fields[] = {CAP, LESHORT("listen_interval", 0xc8, "200")};
BINDS(assoreq_binds, 0, 0)
BODY(ps_proto_dot11_assoreq, "Dot11AssoReq", "802.11 Association Request", assoreq_fields,
     assoreq_binds);

static const struct ps_field assoresp_fields[] = {CAP, LESHORT("status", 0, "0"),
                                                  LESHORT("AID", 0, "0")};
BINDS(assoresp_binds, 1, 0)
BODY(ps_proto_dot11_assoresp, "Dot11AssoResp", "802.11 Association Response", assoresp_fields,
     assoresp_binds);

static const struct ps_field reassoreq_fields[] = {
    CAP, LESHORT("listen_interval", 0xc8, "200"),
    {.name = "current_AP", .kind = PS_K_MAC, .def_text = "00:00:00:00:00:00",
     .ls_type = "MACField", .ls_default = "'00:00:00:00:00:00'"}};
BINDS(reassoreq_binds, 2, 0)
BODY(ps_proto_dot11_reassoreq, "Dot11ReassoReq", "802.11 Reassociation Request",
     reassoreq_fields, reassoreq_binds);

BINDS(reassoresp_binds, 3, 0)
BODY(ps_proto_dot11_reassoresp, "Dot11ReassoResp", "802.11 Reassociation Response",
     assoresp_fields, reassoresp_binds);

BINDS(probereq_binds, 4, 0)
EMPTY(ps_proto_dot11_probereq, "Dot11ProbeReq", "802.11 Probe Request", probereq_binds);

BINDS(proberesp_binds, 5, 0)
BODY(ps_proto_dot11_proberesp, "Dot11ProbeResp", "802.11 Probe Response", beacon_fields,
     proberesp_binds);

static const struct ps_field auth_fields[] = {
    {.name = "algo", PS_LE16, .enums = auth_algos, .ls_type = "LEShortEnumField",
     .ls_default = "0"},
    LESHORT("seqnum", 0, "0"),
    {.name = "status", PS_LE16, .enums = status_code, .ls_type = "LEShortEnumField",
     .ls_default = "0"}};
BINDS(auth_binds, 11, 0)

/* Dot11Auth.answers: the next step of the same exchange. */
static enum ps_answer auth_answers(const struct ps_packet *reply, size_t *r,
                                   const struct ps_packet *query, size_t *q)
{
    if (*q >= query->n)
        return PS_ANSWER_NO;
    uint64_t mine = ps_layer_uint(&reply->layers[*r], 1);
    uint64_t theirs = ps_layer_uint(&query->layers[*q], 1);
    return mine == theirs + 1 ? PS_ANSWER_YES : PS_ANSWER_NO;
}

const struct ps_proto ps_proto_dot11_auth = {
    .name = "Dot11Auth",
    .long_name = "802.11 Authentication",
    .fields = auth_fields,
    .nfields = PS_NFIELDS(auth_fields),
    .binds = auth_binds,
    .answers = auth_answers,
};

BINDS(deauth_binds, 12, 0)
BODY(ps_proto_dot11_deauth, "Dot11Deauth", "802.11 Deauthentication", reason_fields,
     deauth_binds);

BINDS(ack_binds, 13, 1)
EMPTY(ps_proto_dot11_ack, "Dot11Ack", "802.11 Ack packet", ack_binds);
