/* NTP mode 6, control messages (scapy/layers/ntp.py NTPControl): the
 * header, its status word, whose class the error bit, the op code and the
 * association id pick (NTPControlStatusField), the data, which a read-status
 * of the system reads as NTPPeerStatusDataPacket (NTPControlDataPacketLenField),
 * and the authenticator. The status word classes are ntp_control_status.c. */
#include <stdint.h>
#include <string.h>

#include "packet.h"
#include "protos.h"

enum { C_ZEROS, C_VERSION, C_MODE, C_RESPONSE, C_ERR, C_MORE, C_OP_CODE, C_SEQUENCE,
       C_STATUS_WORD, C_STATUS, C_ASSOCIATION_ID, C_OFFSET, C_COUNT, C_DATA, C_AUTHENTICATOR };

/* The header's length up to the status word. */
#define STATUS_AT 4

static const struct ps_enum op_codes[] = {
    {0, "CTL_OP_UNSPEC"},       {1, "CTL_OP_READSTAT"},        {2, "CTL_OP_READVAR"},
    {3, "CTL_OP_WRITEVAR"},     {4, "CTL_OP_READCLOCK"},       {5, "CTL_OP_WRITECLOCK"},
    {6, "CTL_OP_SETTRAP"},      {7, "CTL_OP_ASYNCMSG"},        {8, "CTL_OP_CONFIGURE"},
    {9, "CTL_OP_SAVECONFIG"},   {10, "CTL_OP_READ_MRU"},       {11, "CTL_OP_READ_ORDLIST_A"},
    {12, "CTL_OP_REQ_NONCE"},   {31, "CTL_OP_UNSETTRAP"},      {0, NULL},
};

/* Reads one element of class c from p[0..n) into the next place of room
 * and makes it v's only element, or keeps the bytes when there is no room.
 * Returns the bytes it took, or -1 when c cannot read them. The place is
 * taken before the element is read, so lists inside it go after it. */
static long one_element(const struct ps_proto *c, const uint8_t *p, size_t n, struct ps_fval *v,
                        struct ps_decode_room *room)
{
    memset(v, 0, sizeof *v);
    if (!c || !room || !room->subs || !room->element || room->subs_used >= room->subs_cap) {
        v->bytes = p;
        v->len = n;
        return (long)n;
    }
    struct ps_layer *e = &room->subs[room->subs_used++];
    long took = room->element(c, p, n, e, room);
    if (took < 0) {
        room->subs_used--;
        return -1;
    }
    v->sub = e;
    v->nsub = 1;
    return took;
}

/* NTPControlStatusField.m2i: the association id is read from the bytes
 * after the word (struct.unpack raises when they are not there: the
 * layer is Raw); the class reads the word and leaves the rest. */
static long status_word_decode(const uint8_t *p, size_t len, size_t off,
                               const struct ps_layer *l, struct ps_fval *v,
                               struct ps_decode_room *room)
{
    if (len - off < 4)
        return -1;
    uint64_t op = ps_layer_uint(l, C_OP_CODE);
    bool assoc = ps_get16(p + off + 2) != 0;
    const struct ps_proto *c;
    if (ps_layer_uint(l, C_ERR) == 1)
        c = &ps_proto_ntp_error_status_packet;
    else if (op == 1 || op == 2)
        c = assoc ? &ps_proto_ntp_peer_status_packet : &ps_proto_ntp_system_status_packet;
    else if (op == 4 || op == 5)
        c = &ps_proto_ntp_clock_status_packet;
    else
        c = &ps_proto_ntp_status_packet;
    long took = one_element(c, p + off, 2, v, room);
    return took < 0 ? -1 : 2;
}

/* NTPControlDataPacketLenField.getfield: count bytes, at least 12 and a
 * multiple of 4 when there are any, as far as the frame goes; m2i reads
 * them (even none) as NTPPeerStatusDataPacket for a read-status of the
 * system (association id 0), else as Raw; when that class cannot read
 * them, they are Raw. What the data packet leaves is its Raw payload. */
static long data_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                        struct ps_fval *v, struct ps_decode_room *room)
{
    size_t n = (size_t)ps_layer_uint(l, C_COUNT);
    if (n > 0) {
        n = n < 12 ? 12 : n;
        n = (n + 3) & ~(size_t)3;
    }
    if (n > len - off)
        n = len - off;
    /* NTPAuthenticator reads what follows: its key_id raises on 1 to 3
     * bytes, and the layer is Raw. */
    size_t after = len - off - n;
    if (after > 0 && after < 4)
        return -1;
    const uint8_t *m = p + off;
    const struct ps_proto *raw = ps_proto_find("Raw");
    bool peers = ps_layer_uint(l, C_OP_CODE) == 1 && ps_layer_uint(l, C_ASSOCIATION_ID) == 0;
    /* NTPPeerStatusDataPacket: a short (one byte raises), then the peer
     * status as far as the bytes go; the list of the frame's other pairs
     * is its Raw payload. */
    if (peers && n != 1 && room && room->subs && room->element &&
        room->subs_used + 2 <= room->subs_cap) {
        memset(v, 0, sizeof *v);
        struct ps_layer *e = &room->subs[room->subs_used];
        room->subs_used += 2; /* the data packet and its Raw payload side by side */
        long took = room->element(&ps_proto_ntp_peer_status_data_packet, m, n, e, room);
        if (took < 0 || (size_t)took > n)
            return -1;
        v->sub = e;
        v->nsub = 1;
        if ((size_t)took < n) {
            if (room->element(raw, m + took, n - (size_t)took, e + 1, room) < 0)
                return -1;
            v->nsub = 2;
        } else {
            ps_layer_init(e + 1, raw); /* the place stays, unused */
        }
        return (long)n;
    }
    if (one_element(raw, m, n, v, room) < 0)
        return -1;
    return (long)n;
}

/* PacketField("authenticator", "", NTPAuthenticator): the rest of the
 * frame (options_len), read by the generic decoder, so that a frame ending
 * after the data leaves it unread, as Scapy's do_dissect does. */
static size_t control_field_len(const struct ps_layer *l, size_t field)
{
    (void)l;
    return field == C_AUTHENTICATOR ? SIZE_MAX : 0;
}

static bool is_response(const struct ps_layer *l)
{
    return ps_layer_uint(l, C_RESPONSE) == 1;
}
static bool is_request(const struct ps_layer *l)
{
    return ps_layer_uint(l, C_RESPONSE) == 0;
}

/* The bytes the status word takes: the response's status_word (each status
 * class is 2 bytes; unset, b'' is none) or the request's status. */
static size_t status_len(const struct ps_layer *l)
{
    if (!is_response(l))
        return 2;
    const struct ps_fval *v = &l->v[C_STATUS_WORD];
    return v->set ? 2 * v->nsub + (v->bytes ? v->len : 0) : 0;
}

/* NTPControl.post_build with count unset: p[:11] + pack("!H", len(data))
 * + p[13:]. Scapy counts from the start of a header with a status word,
 * so the length lands one byte late, over the data's first byte, and a
 * message shorter than 13 bytes grows (the default one: 12 to 13). The
 * encoder wrote len(data) in count (length_of): it is taken from there,
 * and count is 0 (None) in the bytes Scapy starts from. */
static void control_post_build(struct ps_build *b, size_t idx)
{
    const struct ps_layer *l = &b->pkt->layers[idx];
    size_t n = b->hlen[idx], at = STATUS_AT + status_len(l) + 4;
    if (l->v[C_COUNT].set || !b->buf || n < at + 2)
        return;
    uint8_t *h = b->buf + b->start[idx];
    uint16_t dlen = ps_get16(h + at);
    ps_put16(h + at, 0);
    size_t pos = n < 11 ? n : 11, grow = n < 13 ? pos + 2 - n : 0;
    if (grow) {
        size_t ins = b->start[idx] + n;
        if (b->len + grow > b->cap) {
            b->len = b->cap;
            return;
        }
        memmove(b->buf + ins + grow, b->buf + ins, b->len - ins);
        memset(b->buf + ins, 0, grow);
        b->len += grow;
        b->hlen[idx] += grow;
        for (size_t j = 0; j < b->pkt->n && j < PS_MAX_LAYERS; j++) {
            if (j != idx && b->start[j] >= ins)
                b->start[j] += grow;
            if (b->end[j] >= ins)
                b->end[j] += grow;
        }
    }
    ps_put16(h + pos, dlen);
}

#define BIT(n, w, d, d_s) \
    {.name = n, .kind = PS_K_UINT, .bits = w, .def = d, .ls_type = "BitField  (" #w " bits)", \
     .ls_default = d_s}
#define BIT1(n) \
    {.name = n, .kind = PS_K_UINT, .bits = 1, .ls_type = "BitField  (1 bit)", .ls_default = "0"}
#define SHORT(n) \
    {.name = n, .kind = PS_K_UINT, .bits = 16, .ls_type = "ShortField", .ls_default = "0"}

static const struct ps_field control_fields[] = {
    [C_ZEROS] = BIT("zeros", 2, 0, "0"),
    [C_VERSION] = BIT("version", 3, 2, "2"),
    [C_MODE] = BIT("mode", 3, 6, "6"),
    [C_RESPONSE] = BIT1("response"),
    [C_ERR] = BIT1("err"),
    [C_MORE] = BIT1("more"),
    [C_OP_CODE] = {.name = "op_code", .kind = PS_K_UINT, .bits = 5, .enums = op_codes,
                   .ls_type = "BitEnumField", .ls_default = "0"},
    [C_SEQUENCE] = SHORT("sequence"),
    [C_STATUS_WORD] = {.name = "status_word", .kind = PS_K_LAYERS, .chain = true,
                       .sub_class = "NTPStatusPacket", .def_text = "", .present = is_response,
                       .decode = status_word_decode,
                       .ls_type = "NTPControlStatusField (Cond)", .ls_default = "b''"},
    [C_STATUS] = {.name = "status", .kind = PS_K_UINT, .bits = 16, .present = is_request,
                  .ls_type = "ShortField (Cond)", .ls_default = "0"},
    [C_ASSOCIATION_ID] = SHORT("association_id"),
    [C_OFFSET] = SHORT("offset"),
    [C_COUNT] = {.name = "count", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
                 .length_of = "data", .ls_type = "ShortField", .ls_default = "None"},
    [C_DATA] = {.name = "data", .kind = PS_K_LAYERS, .chain = true, .sub_class = "Packet",
                .def_text = "", .decode = data_decode,
                .ls_type = "NTPControlDataPacketLenField", .ls_default = "b''"},
    [C_AUTHENTICATOR] = {.name = "authenticator", .kind = PS_K_LAYERS, .chain = true,
                         .sub_class = "NTPAuthenticator", .def_text = "",
                         .ls_type = "PacketField",
                         .ls_default = "b''"},
};

const struct ps_proto ps_proto_ntp_control = {
    .name = "NTPControl",
    .long_name = "Control message",
    .fields = control_fields,
    .nfields = PS_NFIELDS(control_fields),
    .build_binds = ps_ntp_build_binds,
    .post_build = control_post_build,
    .options_len = control_field_len,
    .mysummary = ps_ntp_summary,
};
