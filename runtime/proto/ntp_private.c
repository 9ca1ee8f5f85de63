/* NTP mode 7, ntpd's "private" messages (scapy/layers/ntp.py NTPPrivate):
 * the header, its request and response items, whose class the request code
 * picks, and the authentication tail of a request. The item classes are
 * ntp_private_data.c. */
#include <string.h>

#include "packet.h"
#include "protos.h"

enum { P_RESPONSE, P_MORE, P_VERSION, P_MODE, P_AUTH, P_SEQ, P_IMPLEMENTATION,
       P_REQUEST_CODE, P_ERR, P_NB_ITEMS, P_MBZ, P_DATA_ITEM_SIZE, P_REQ_DATA, P_DATA,
       P_AUTHENTICATOR };

/* _NTP_PRIVATE_REQ_PKT_TAIL_LEN: tstamp, key_id and an MD5 digest. */
#define TAIL_LEN 28

static const struct ps_enum implementations[] = {
    {0, "IMPL_UNIV"}, {2, "IMPL_XNTPD_OLD"}, {3, "XNTPD"}, {0, NULL},
};

static const struct ps_enum request_codes[] = {
    {0, "REQ_PEER_LIST"},        {1, "REQ_PEER_LIST_SUM"},   {2, "REQ_PEER_INFO"},
    {3, "REQ_PEER_STATS"},       {4, "REQ_SYS_INFO"},        {5, "REQ_SYS_STATS"},
    {6, "REQ_IO_STATS"},         {7, "REQ_MEM_STATS"},       {8, "REQ_LOOP_INFO"},
    {9, "REQ_TIMER_STATS"},      {10, "REQ_CONFIG"},         {11, "REQ_UNCONFIG"},
    {12, "REQ_SET_SYS_FLAG"},    {13, "REQ_CLR_SYS_FLAG"},   {14, "REQ_MONITOR"},
    {15, "REQ_NOMONITOR"},       {16, "REQ_GET_RESTRICT"},   {17, "REQ_RESADDFLAGS"},
    {18, "REQ_RESSUBFLAGS"},     {19, "REQ_UNRESTRICT"},     {20, "REQ_MON_GETLIST"},
    {21, "REQ_RESET_STATS"},     {22, "REQ_RESET_PEER"},     {23, "REQ_REREAD_KEYS"},
    {24, "REQ_DO_DIRTY_HACK"},   {25, "REQ_DONT_DIRTY_HACK"}, {26, "REQ_TRUSTKEY"},
    {27, "REQ_UNTRUSTKEY"},      {28, "REQ_AUTHINFO"},       {29, "REQ_TRAPS"},
    {30, "REQ_ADD_TRAP"},        {31, "REQ_CLR_TRAP"},       {32, "REQ_REQUEST_KEY"},
    {33, "REQ_CONTROL_KEY"},     {34, "REQ_GET_CTLSTATS"},   {35, "REQ_GET_LEAPINFO"},
    {36, "REQ_GET_CLOCKINFO"},   {37, "REQ_SET_CLKFUDGE"},   {38, "REQ_GET_KERNEL"},
    {39, "REQ_GET_CLKBUGINFO"},  {41, "REQ_SET_PRECISION"},  {42, "REQ_MON_GETLIST_1"},
    {43, "REQ_HOSTNAME_ASSOCID"}, {44, "REQ_IF_STATS"},      {45, "REQ_IF_RELOAD"},
    {0, NULL},
};

static const struct ps_enum private_errors[] = {
    {0, "no error"},
    {1, "incompatible implementation number"},
    {2, "unimplemented request code"},
    {3, "format error (wrong data items, data size, packet size etc.)"},
    {4, "no data available (e.g. request for details on unknown peer)"},
    {5, "I don\"t know"},
    {6, "I don\"t know"},
    {7, "authentication failure (i.e. permission denied)"},
    {0, NULL},
};

/* NTPPrivateReqPacketListField.m2i: a request item's class. */
static const struct ps_proto *request_class(uint64_t code)
{
    switch (code) {
    case 2:
    case 3:
        return &ps_proto_ntp_info_peer_list;
    case 10:
        return &ps_proto_ntp_conf_peer;
    case 11:
    case 22:
        return &ps_proto_ntp_conf_unpeer;
    case 17:
    case 18:
        return &ps_proto_ntp_conf_restrict;
    case 30:
    case 31:
        return &ps_proto_ntp_conf_trap;
    default:
        return &ps_proto_ntp_private_req_packet;
    }
}

/* NTPPrivateRespPacketListField.m2i (_private_data_objects): a response
 * item's class, Raw for the codes Scapy has none for. NTPInfoPeer (2),
 * NTPInfoMemStats (7) and the interface statistics (44, 45) are not tables
 * yet: their items read as Raw too. */
static const struct ps_proto *response_class(uint64_t code)
{
    switch (code) {
    case 0: return &ps_proto_ntp_info_peer_list;
    case 1: return &ps_proto_ntp_info_peer_summary;
    case 3: return &ps_proto_ntp_info_peer_stats;
    case 4: return &ps_proto_ntp_info_sys;
    case 5: return &ps_proto_ntp_info_sys_stats;
    case 6: return &ps_proto_ntp_info_io_stats;
    case 8: return &ps_proto_ntp_info_loop;
    case 9: return &ps_proto_ntp_info_timer_stats;
    case 10: return &ps_proto_ntp_conf_peer;
    case 11: return &ps_proto_ntp_conf_unpeer;
    case 28: return &ps_proto_ntp_info_auth;
    case 30: return &ps_proto_ntp_conf_trap;
    case 34: return &ps_proto_ntp_info_control;
    case 38: return &ps_proto_ntp_info_kernel;
    case 42: return &ps_proto_ntp_info_monitor1;
    default: return ps_proto_find("Raw");
    }
}

/* Items of data_item_size bytes each from p[off..len) into v, as many as
 * `more` allows; each is dissected from its own slice (a class shorter
 * than the slice leaves the rest unread, where Scapy makes it the item's
 * payload). Without room the items stay bytes. Returns the bytes they
 * took, or -1 when an item cannot be read (Scapy raises: the layer is Raw). */
static long read_items(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                       struct ps_fval *v, struct ps_decode_room *room, bool request)
{
    size_t size = (size_t)ps_layer_uint(l, P_DATA_ITEM_SIZE);
    size_t count = (size_t)ps_layer_uint(l, P_NB_ITEMS);
    uint64_t code = ps_layer_uint(l, P_REQUEST_CODE);
    size_t pos = off, got = 0;
    memset(v, 0, sizeof *v);
    if (room && room->subs)
        v->sub = room->subs + room->subs_used;
    /* A request reads items while the rest holds all of them (Scapy
     * compares it with size * nb_items each time); a response while it
     * holds one. */
    size_t need = request ? size * count : size;
    while (size > 0 && got < count && len - pos >= need) {
        const struct ps_proto *c = request ? request_class(code) : response_class(code);
        if (!v->bytes && c && room && room->subs && room->element &&
            room->subs_used < room->subs_cap) {
            if (room->element(c, p + pos, size, &room->subs[room->subs_used], room) < 0)
                return -1;
            room->subs_used++;
            v->nsub++;
        } else if (!v->bytes) {
            v->bytes = p + pos; /* no room: this item and the rest stay bytes */
        }
        pos += size;
        got++;
    }
    /* An authenticated request: what comes before the 28-byte tail is one
     * Raw item more (maybe empty): remain[:len(remain) - 28], a slice that
     * Python counts from the end when it is negative. */
    if (request && ps_layer_uint(l, P_AUTH)) {
        size_t rest = len - pos;
        size_t pad = rest >= TAIL_LEN ? rest - TAIL_LEN : 2 * rest > TAIL_LEN ? 2 * rest - TAIL_LEN : 0;
        const struct ps_proto *raw = ps_proto_find("Raw");
        if (!v->bytes && raw && room && room->subs && room->element &&
            room->subs_used < room->subs_cap) {
            if (!v->nsub)
                v->sub = room->subs + room->subs_used;
            (void)room->element(raw, p + pos, pad, &room->subs[room->subs_used++], room);
            v->nsub++;
        } else if (!v->bytes && pad) {
            v->bytes = p + pos;
        }
        pos += pad;
    }
    if (v->bytes)
        v->len = (size_t)(p + pos - v->bytes);
    if (!v->nsub)
        v->sub = NULL;
    return (long)(pos - off);
}

static long req_data_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                            struct ps_fval *v, struct ps_decode_room *room)
{
    return read_items(p, len, off, l, v, room, true);
}

static long data_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                        struct ps_fval *v, struct ps_decode_room *room)
{
    return read_items(p, len, off, l, v, room, false);
}

/* PacketField("authenticator", "", NTPPrivatePktTail): one tail of the
 * bytes left, as far as they go. */
static long tail_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                        struct ps_fval *v, struct ps_decode_room *room)
{
    (void)l;
    memset(v, 0, sizeof *v);
    size_t n = len - off < TAIL_LEN ? len - off : TAIL_LEN;
    if (n == 0)
        return 0;
    return ps_decode_one_element(room, &ps_proto_ntp_private_pkt_tail, p + off, n, v);
}

static bool is_request(const struct ps_layer *l)
{
    return ps_layer_uint(l, P_RESPONSE) == 0;
}
static bool is_response(const struct ps_layer *l)
{
    return ps_layer_uint(l, P_RESPONSE) == 1;
}
static bool authenticated_request(const struct ps_layer *l)
{
    return is_request(l) && ps_layer_uint(l, P_AUTH) == 1;
}

#define BIT(n, w, d, d_s) \
    {.name = n, .kind = PS_K_UINT, .bits = w, .def = d, .ls_type = "BitField  (" #w " bits)", \
     .ls_default = d_s}

static const struct ps_field private_fields[] = {
    [P_RESPONSE] = {.name = "response", .kind = PS_K_UINT, .bits = 1,
                    .ls_type = "BitField  (1 bit)", .ls_default = "0"},
    [P_MORE] = {.name = "more", .kind = PS_K_UINT, .bits = 1, .ls_type = "BitField  (1 bit)",
                .ls_default = "0"},
    [P_VERSION] = BIT("version", 3, 2, "2"),
    [P_MODE] = BIT("mode", 3, 0, "0"),
    [P_AUTH] = {.name = "auth", .kind = PS_K_UINT, .bits = 1, .ls_type = "BitField  (1 bit)",
                .ls_default = "0"},
    [P_SEQ] = BIT("seq", 7, 0, "0"),
    [P_IMPLEMENTATION] = {.name = "implementation", .kind = PS_K_UINT, .bits = 8,
                          .enums = implementations, .ls_type = "ByteEnumField",
                          .ls_default = "0"},
    [P_REQUEST_CODE] = {.name = "request_code", .kind = PS_K_UINT, .bits = 8,
                        .enums = request_codes, .ls_type = "ByteEnumField", .ls_default = "0"},
    [P_ERR] = {.name = "err", .kind = PS_K_UINT, .bits = 4, .enums = private_errors,
               .ls_type = "BitEnumField", .ls_default = "0"},
    [P_NB_ITEMS] = BIT("nb_items", 12, 0, "0"),
    [P_MBZ] = BIT("mbz", 4, 0, "0"),
    [P_DATA_ITEM_SIZE] = BIT("data_item_size", 12, 0, "0"),
    [P_REQ_DATA] = {.name = "req_data", .kind = PS_K_LAYERS, .sub_class = "Packet",
                    .present = is_request, .decode = req_data_decode,
                    .ls_type = "NTPPrivateReqPacketListField (Cond)", .ls_default = "[]"},
    [P_DATA] = {.name = "data", .kind = PS_K_LAYERS, .sub_class = "Packet",
                .present = is_response, .decode = data_decode,
                .ls_type = "NTPPrivateRespPacketListField (Cond)", .ls_default = "[]"},
    [P_AUTHENTICATOR] = {.name = "authenticator", .kind = PS_K_LAYERS, .chain = true,
                         .sub_class = "NTPPrivatePktTail", .present = authenticated_request,
                         .decode = tail_decode, .ls_type = "PacketField (Cond)",
                         .ls_default = "b''"},
};

const struct ps_proto ps_proto_ntp_private = {
    .name = "NTPPrivate",
    .long_name = "Private (mode 7)",
    .fields = private_fields,
    .nfields = PS_NFIELDS(private_fields),
    .build_binds = ps_ntp_build_binds,
    .mysummary = ps_ntp_summary,
};

/* --------------------------------------------- request data and the tail */

static const struct ps_field req_packet_fields[] = {
    {.name = "req_data", .kind = PS_K_BYTES, .def_text = "", .ls_type = "StrField",
     .ls_default = "b''"},
};

const struct ps_proto ps_proto_ntp_private_req_packet = {
    .name = "NTPPrivateReqPacket",
    .long_name = "request data",
    .klass = "Packet",
    .fields = req_packet_fields,
    .nfields = PS_NFIELDS(req_packet_fields),
};

static const struct ps_field tail_fields[] = {
    {.name = "tstamp", .kind = PS_K_UINT, .bits = 64, .scale = 1ull << 32,
     .scale_held_raw = true, .repr = ps_ntp_timestamp_repr, .dec_text = ps_ntp_timestamp_text,
     .none_text = "--",
     .ls_type = "TimeStampField  (64 bits)", .ls_default = "0"},
    {.name = "key_id", .kind = PS_K_UINT, .bits = 32, .ls_type = "IntField", .ls_default = "0"},
    {.name = "dgst", .kind = PS_K_BYTES, .bits = 128, .def_text = "", .repr = ps_ntp_hex_repr,
     .ls_type = "XStrFixedLenField", .ls_default = "b''"},
};

const struct ps_proto ps_proto_ntp_private_pkt_tail = {
    .name = "NTPPrivatePktTail",
    .long_name = "req_pkt_tail",
    .klass = "NTPPrivatePktTail",
    .fields = tail_fields,
    .nfields = PS_NFIELDS(tail_fields),
};
