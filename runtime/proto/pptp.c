/* PPTP (scapy/layers/pptp.py, RFC 2637): the control messages on TCP 1723,
 * one class per ctrl_msg_type (PPTP.dispatch_hook reads byte 9), and
 * answers() where Scapy defines it. The data channel is GRE_PPTP (gre.c). */
#include "packet.h"
#include "ppp.h"
#include "protos.h"

static const struct ps_enum msg_type[] = {
    {1, "Control Message"},
    {2, "Managemenent Message"},
    {0, NULL},
};
static const struct ps_enum ctrl_msg_type[] = {
    {1, "Start-Control-Connection-Request"},
    {2, "Start-Control-Connection-Reply"},
    {3, "Stop-Control-Connection-Request"},
    {4, "Stop-Control-Connection-Reply"},
    {5, "Echo-Request"},
    {6, "Echo-Reply"},
    {7, "Outgoing-Call-Request"},
    {8, "Outgoing-Call-Reply"},
    {9, "Incoming-Call-Request"},
    {10, "Incoming-Call-Reply"},
    {11, "Incoming-Call-Connected"},
    {12, "Call-Clear-Request"},
    {13, "Call-Disconnect-Notify"},
    {14, "WAN-Error-Notify"},
    {15, "Set-Link-Info"},
    {0, NULL},
};
static const struct ps_enum general_error_code[] = {
    {0, "None"},
    {1, "Not-Connected"},
    {2, "Bad-Format"},
    {3, "Bad-Value"},
    {4, "No-Resource"},
    {5, "Bad-Call ID"},
    {6, "PAC-Error"},
    {0, NULL},
};
static const struct ps_enum start_control_connection_result[] = {
    {1, "OK"},
    {2, "General error"},
    {3, "Command channel already exists"},
    {4, "Not authorized"},
    {5, "Unsupported protocol version"},
    {0, NULL},
};
static const struct ps_enum stop_control_connection_reason[] = {
    {1, "None"},
    {2, "Stop-Protocol"},
    {3, "Stop-Local-Shutdown"},
    {0, NULL},
};
static const struct ps_enum stop_control_connection_result[] = {
    {1, "OK"},
    {2, "General error"},
    {0, NULL},
};
static const struct ps_enum echo_result[] = {
    {1, "OK"},
    {2, "General error"},
    {0, NULL},
};
static const struct ps_enum bearer_type[] = {
    {1, "Analog channel"},
    {2, "Digital channel"},
    {3, "Any type of channel"},
    {0, NULL},
};
static const struct ps_enum framing_type[] = {
    {1, "Asynchronous framing"},
    {2, "Synchronous framing"},
    {3, "Any type of framing"},
    {0, NULL},
};
static const struct ps_enum result_code[] = {
    {1, "Connected"},
    {2, "General error"},
    {3, "No Carrier"},
    {4, "Busy"},
    {5, "No dial tone"},
    {6, "Time-out"},
    {7, "Do not accept"},
    {0, NULL},
};
static const struct ps_enum call_disconnect_result[] = {
    {1, "Lost Carrier"},
    {2, "General error"},
    {3, "Admin Shutdown"},
    {4, "Request"},
    {0, NULL},
};

static const char *const framing_caps[] = {"Asynchronous Framing supported",
                                           "Synchronous Framing supported", NULL};
static const char *const bearer_caps[] = {"Analog access supported",
                                          "Digital access supported", NULL};

#define U(n, w, d, d_s, lt) \
    {.name = n, .kind = PS_K_UINT, .bits = (w), .def = (d), .ls_type = lt, .ls_default = d_s}
#define X(n, w, d, d_s, lt) \
    {.name = n, .kind = PS_K_UINT, .bits = (w), .def = (d), .hex = true, .ls_type = lt, \
     .ls_default = d_s}
#define E(n, w, d, d_s, tab, lt) \
    {.name = n, .kind = PS_K_UINT, .bits = (w), .def = (d), .enums = tab, .ls_type = lt, \
     .ls_default = d_s}
#define FLAGS(n, tab) \
    {.name = n, .kind = PS_K_UINT, .bits = 32, .flags = tab, .ls_type = "FlagsField", \
     .ls_default = "<Flag 0 ()>"}
#define STR64(n, d, d_s) \
    {.name = n, .kind = PS_K_BYTES, .len_from = len64, .def_text = d, \
     .repr = ps_strfixed_repr, .ls_type = "StrFixedLenField", .ls_default = d_s}
/* LenField("len", N): a fixed default, not computed. */
#define HEAD(len, len_s, msg, msg_s) \
    U("len", 16, len, len_s, "LenField"), E("type", 16, 1, "1", msg_type, "ShortEnumField"), \
    X("magic_cookie", 32, 0x1a2b3c4d, "439041101", "XIntField"), \
    E("ctrl_msg_type", 16, msg, msg_s, ctrl_msg_type, "ShortEnumField"), \
    X("reserved_0", 16, 0, "0", "XShortField")
#define RESULT(tab) E("result_code", 8, 1, "1", tab, "ByteEnumField")
#define ERROR E("error_code", 8, 0, "0", general_error_code, "ByteEnumField")
#define SHORT(n, d, d_s) U(n, 16, d, d_s, "ShortField")
#define INT(n, d, d_s) U(n, 32, d, d_s, "IntField")
#define XSHORT(n) X(n, 16, 0, "0", "XShortField")

/* StrFixedLenField(..., 64), longer than `bits` holds. */
static bool len64(const struct ps_layer *l, size_t *len)
{
    (void)l;
    *len = 64;
    return true;
}
static bool len128(const struct ps_layer *l, size_t *len)
{
    (void)l;
    *len = 128;
    return true;
}

enum { H_LEN, H_TYPE, H_COOKIE, H_CTRL, H_RES0, H_DATA };

/* StrLenField length_from=len - 12 (Python's slice when negative) */
static long pptp_data_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                             struct ps_fval *v, struct ps_decode_room *room)
{
    (void)room;
    return ps_ppp_take(p, len, off, (long)ps_layer_uint(l, H_LEN) - 12, v);
}

static const struct ps_field pptp_fields[] = {
    [H_LEN] = {.name = "len", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
               .length_of = "data", .len_adjust = 12, .ls_type = "FieldLenField",
               .ls_default = "None"},
    [H_TYPE] = E("type", 16, 1, "1", msg_type, "ShortEnumField"),
    [H_COOKIE] = X("magic_cookie", 32, 0x1a2b3c4d, "439041101", "XIntField"),
    [H_CTRL] = E("ctrl_msg_type", 16, 1, "1", ctrl_msg_type, "ShortEnumField"),
    [H_RES0] = XSHORT("reserved_0"),
    [H_DATA] = {.name = "data", .kind = PS_K_BYTES, .def_text = "", .decode = pptp_data_decode,
                .ls_type = "StrLenField", .ls_default = "b''"},
};

/* dispatch_hook: the class registered for byte 9, the low byte of
 * ctrl_msg_type (a shorter frame raises: Raw). */
static const char *pptp_dispatch(const uint8_t *p, size_t len)
{
    static const char *const cls[] = {
        NULL, "PPTPStartControlConnectionRequest", "PPTPStartControlConnectionReply",
        "PPTPStopControlConnectionRequest", "PPTPStopControlConnectionReply",
        "PPTPEchoRequest", "PPTPEchoReply", "PPTPOutgoingCallRequest",
        "PPTPOutgoingCallReply", "PPTPIncomingCallRequest", "PPTPIncomingCallReply",
        "PPTPIncomingCallConnected", "PPTPCallClearRequest", "PPTPCallDisconnectNotify",
        "PPTPWANErrorNotify", "PPTPSetLinkInfo",
    };
    if (len < 10)
        return "Raw";
    return p[9] < sizeof cls / sizeof cls[0] ? cls[p[9]] : NULL;
}

/* bind_layers(TCP, PPTP, sport=1723), (TCP, PPTP, dport=1723): the last
 * call sets dport when building. */
static const struct ps_bind pptp_binds[] = {
    {"TCP", "sport", 1723}, {"TCP", NULL, 0}, {"TCP", "dport", 1723}, {NULL, NULL, 0},
};
static const struct ps_bind pptp_build_binds[] = {{"TCP", "dport", 1723}, {NULL, NULL, 0}};

const struct ps_proto ps_proto_pptp = {
    .name = "PPTP", .long_name = "PPTP", .klass = "PPTP", .fields = pptp_fields,
    .nfields = PS_NFIELDS(pptp_fields), .binds = pptp_binds, .build_binds = pptp_build_binds,
    .dispatch = pptp_dispatch};

/* answers(): the reply class to the request class `q`, and where they
 * must agree, reply field rf equal to query field qf (-1: no condition). */
static enum ps_answer pptp_answer_if(const struct ps_packet *reply, size_t *r,
                                     const struct ps_packet *query, size_t *q,
                                     const struct ps_proto *want, const char *rf,
                                     const char *qf)
{
    if (*q >= query->n || query->layers[*q].proto != want)
        return PS_ANSWER_NO;
    if (!rf)
        return PS_ANSWER_YES;
    const struct ps_layer *self = &reply->layers[*r], *other = &query->layers[*q];
    int a = ps_field_index(self->proto, rf), b = ps_field_index(other->proto, qf);
    return a >= 0 && b >= 0 && ps_layer_uint(self, a) == ps_layer_uint(other, b)
               ? PS_ANSWER_YES
               : PS_ANSWER_NO;
}

#define ANSWERS(fn, want, rf, qf) \
    static enum ps_answer fn(const struct ps_packet *reply, size_t *r, \
                             const struct ps_packet *query, size_t *q) \
    { \
        return pptp_answer_if(reply, r, query, q, &want, rf, qf); \
    }

/* A message class: PPTP's bindings hold for it (Scapy's subclasses). */
#define MSG(var, cls, longname, tab, ans) \
    const struct ps_proto var = {.name = cls, .long_name = longname, .klass = "PPTP", \
                                 .fields = tab, .nfields = PS_NFIELDS(tab), \
                                 .build_binds = pptp_build_binds, \
                                 .answers = ans}

static const struct ps_field sccrq_fields[] = {
    HEAD(156, "156", 1, "1"), SHORT("protocol_version", 0x100, "256"), XSHORT("reserved_1"),
    FLAGS("framing_capabilities", framing_caps), FLAGS("bearer_capabilities", bearer_caps),
    SHORT("maximum_channels", 65535, "65535"), SHORT("firmware_revision", 256, "256"),
    STR64("host_name", "linux", "b'linux'"), STR64("vendor_string", "", "b''"),
};
MSG(ps_proto_pptp_sccrq, "PPTPStartControlConnectionRequest",
    "PPTP Start Control Connection Request", sccrq_fields, NULL);

static const struct ps_field sccrp_fields[] = {
    HEAD(156, "156", 2, "2"), SHORT("protocol_version", 0x100, "256"),
    RESULT(start_control_connection_result), ERROR,
    FLAGS("framing_capabilities", framing_caps), FLAGS("bearer_capabilities", bearer_caps),
    SHORT("maximum_channels", 65535, "65535"), SHORT("firmware_revision", 256, "256"),
    STR64("host_name", "linux", "b'linux'"), STR64("vendor_string", "", "b''"),
};
ANSWERS(sccrp_answers, ps_proto_pptp_sccrq, NULL, NULL)
MSG(ps_proto_pptp_sccrp, "PPTPStartControlConnectionReply", "PPTP Start Control Connection Reply",
    sccrp_fields, sccrp_answers);

static const struct ps_field stopccrq_fields[] = {
    HEAD(16, "16", 3, "3"),
    E("reason", 8, 1, "1", stop_control_connection_reason, "ByteEnumField"),
    X("reserved_1", 8, 0, "0", "XByteField"), XSHORT("reserved_2"),
};
MSG(ps_proto_pptp_stopccrq, "PPTPStopControlConnectionRequest",
    "PPTP Stop Control Connection Request", stopccrq_fields, NULL);

static const struct ps_field stopccrp_fields[] = {
    HEAD(16, "16", 4, "4"), RESULT(stop_control_connection_result), ERROR,
    XSHORT("reserved_2"),
};
ANSWERS(stopccrp_answers, ps_proto_pptp_stopccrq, NULL, NULL)
MSG(ps_proto_pptp_stopccrp, "PPTPStopControlConnectionReply",
    "PPTP Stop Control Connection Reply", stopccrp_fields, stopccrp_answers);

/* IntField("identifier", None): written as 0 when unset. */
#define IDENT \
    {.name = "identifier", .kind = PS_K_UINT, .bits = 32, .is_auto = true, \
     .ls_type = "IntField", .ls_default = "None"}

static const struct ps_field echorq_fields[] = {HEAD(16, "16", 5, "5"), IDENT};
MSG(ps_proto_pptp_echorq, "PPTPEchoRequest", "PPTP Echo Request", echorq_fields, NULL);

static const struct ps_field echorp_fields[] = {
    HEAD(20, "20", 6, "6"), IDENT, RESULT(echo_result), ERROR, XSHORT("reserved_1"),
};
ANSWERS(echorp_answers, ps_proto_pptp_echorq, "identifier", "identifier")
MSG(ps_proto_pptp_echorp, "PPTPEchoReply", "PPTP Echo Reply", echorp_fields, echorp_answers);

static const struct ps_field ocrq_fields[] = {
    HEAD(168, "168", 7, "7"), SHORT("call_id", 1, "1"), SHORT("call_serial_number", 0, "0"),
    INT("minimum_bps", 32768, "32768"), INT("maximum_bps", 2147483648u, "2147483648"),
    E("bearer_type", 32, 3, "3", bearer_type, "IntEnumField"),
    E("framing_type", 32, 3, "3", framing_type, "IntEnumField"),
    SHORT("pkt_window_size", 16, "16"), SHORT("pkt_proc_delay", 0, "0"),
    SHORT("phone_number_len", 0, "0"), XSHORT("reserved_1"),
    STR64("phone_number", "", "b''"), STR64("subaddress", "", "b''"),
};
MSG(ps_proto_pptp_ocrq, "PPTPOutgoingCallRequest", "PPTP Outgoing Call Request", ocrq_fields,
    NULL);

static const struct ps_field ocrp_fields[] = {
    HEAD(32, "32", 8, "8"), SHORT("call_id", 1, "1"), SHORT("peer_call_id", 1, "1"),
    RESULT(result_code), ERROR, SHORT("cause_code", 0, "0"),
    INT("connect_speed", 100000000, "100000000"), SHORT("pkt_window_size", 16, "16"),
    SHORT("pkt_proc_delay", 0, "0"), INT("channel_id", 0, "0"),
};
ANSWERS(ocrp_answers, ps_proto_pptp_ocrq, "peer_call_id", "call_id")
MSG(ps_proto_pptp_ocrp, "PPTPOutgoingCallReply", "PPTP Outgoing Call Reply", ocrp_fields,
    ocrp_answers);

static const struct ps_field icrq_fields[] = {
    HEAD(220, "220", 9, "9"), SHORT("call_id", 1, "1"), SHORT("call_serial_number", 1, "1"),
    E("bearer_type", 32, 3, "3", bearer_type, "IntEnumField"), INT("channel_id", 0, "0"),
    SHORT("dialed_number_len", 0, "0"), SHORT("dialing_number_len", 0, "0"),
    STR64("dialed_number", "", "b''"), STR64("dialing_number", "", "b''"),
    STR64("subaddress", "", "b''"),
};
MSG(ps_proto_pptp_icrq, "PPTPIncomingCallRequest", "PPTP Incoming Call Request", icrq_fields,
    NULL);

static const struct ps_field icrp_fields[] = {
    HEAD(148, "148", 10, "10"), SHORT("call_id", 1, "1"), SHORT("peer_call_id", 1, "1"),
    RESULT(result_code), ERROR, SHORT("pkt_window_size", 64, "64"),
    SHORT("pkt_transmit_delay", 0, "0"), XSHORT("reserved_1"),
};
ANSWERS(icrp_answers, ps_proto_pptp_icrq, "peer_call_id", "call_id")
MSG(ps_proto_pptp_icrp, "PPTPIncomingCallReply", "PPTP Incoming Call Reply", icrp_fields,
    icrp_answers);

static const struct ps_field iccn_fields[] = {
    HEAD(28, "28", 11, "11"), SHORT("peer_call_id", 1, "1"), XSHORT("reserved_1"),
    INT("connect_speed", 100000000, "100000000"), SHORT("pkt_window_size", 64, "64"),
    SHORT("pkt_transmit_delay", 0, "0"),
    E("framing_type", 32, 1, "1", framing_type, "IntEnumField"),
};
ANSWERS(iccn_answers, ps_proto_pptp_icrp, "peer_call_id", "call_id")
MSG(ps_proto_pptp_iccn, "PPTPIncomingCallConnected", "PPTP Incoming Call Connected",
    iccn_fields, iccn_answers);

static const struct ps_field ccrq_fields[] = {
    HEAD(16, "16", 12, "12"), SHORT("call_id", 1, "1"), XSHORT("reserved_1"),
};
MSG(ps_proto_pptp_ccrq, "PPTPCallClearRequest", "PPTP Call Clear Request", ccrq_fields, NULL);

static const struct ps_field cdn_fields[] = {
    HEAD(148, "148", 13, "13"), SHORT("call_id", 1, "1"), RESULT(call_disconnect_result),
    ERROR, SHORT("cause_code", 0, "0"), XSHORT("reserved_1"),
    {.name = "call_statistic", .kind = PS_K_BYTES, .len_from = len128, .def_text = "",
     .repr = ps_strfixed_repr, .ls_type = "StrFixedLenField", .ls_default = "b''"},
};
MSG(ps_proto_pptp_cdn, "PPTPCallDisconnectNotify", "PPTP Call Disconnect Notify", cdn_fields,
    NULL);

static const struct ps_field wen_fields[] = {
    HEAD(40, "40", 14, "14"), SHORT("peer_call_id", 1, "1"), XSHORT("reserved_1"),
    INT("crc_errors", 0, "0"), INT("framing_errors", 0, "0"),
    INT("hardware_overruns", 0, "0"), INT("buffer_overruns", 0, "0"),
    INT("time_out_errors", 0, "0"), INT("alignment_errors", 0, "0"),
};
MSG(ps_proto_pptp_wen, "PPTPWANErrorNotify", "PPTP WAN Error Notify", wen_fields, NULL);

static const struct ps_field sli_fields[] = {
    HEAD(24, "24", 15, "15"), SHORT("peer_call_id", 1, "1"), XSHORT("reserved_1"),
    X("send_accm", 32, 0, "0", "XIntField"), X("receive_accm", 32, 0, "0", "XIntField"),
};
MSG(ps_proto_pptp_sli, "PPTPSetLinkInfo", "PPTP Set Link Info", sli_fields, NULL);
