/* SCTP's chunks (scapy/layers/sctp.py SCTPChunk*): each a layer, chained
 * with `/`, the next one named by its first byte. A chunk's variable field
 * is padded to 4 bytes (PadField: pad_to), its len counting it unpadded. */
#include <stdio.h>
#include <string.h>

#include "sctp.h"

/* SCTP_PAYLOAD_PROTOCOL_INDENTIFIERS */
static const struct ps_enum ppids[] = {
    {0, "Reserved"}, {1, "IUA"}, {2, "M2UA"}, {3, "M3UA"}, {4, "SUA"}, {5, "M2PA"},
    {6, "V5UA"}, {7, "H.248"}, {8, "BICC/Q.2150.3"}, {9, "TALI"}, {10, "DUA"}, {11, "ASAP"},
    {12, "ENRP"}, {13, "H.323"}, {14, "Q.IPC/Q.2150.3"}, {15, "SIMCO"},
    {16, "DDP Segment Chunk"}, {17, "DDP Stream Session Control"}, {18, "S1AP"}, {19, "RUA"},
    {20, "HNBAP"}, {21, "ForCES-HP"}, {22, "ForCES-MP"}, {23, "ForCES-LP"}, {24, "SBc-AP"},
    {25, "NBAP"}, {26, "Unassigned"}, {27, "X2AP"}, {28, "IRCP"}, {29, "LCS-AP"},
    {30, "MPICH2"}, {31, "SABP"}, {32, "FGP"}, {33, "PPP"}, {34, "CALCAPP"}, {35, "SSP"},
    {36, "NPMP-CONTROL"}, {37, "NPMP-DATA"}, {38, "ECHO"}, {39, "DISCARD"}, {40, "DAYTIME"},
    {41, "CHARGEN"}, {42, "3GPP RNA"}, {43, "3GPP M2AP"}, {44, "3GPP M3AP"},
    {45, "SSH/SCTP"}, {46, "Diameter/SCTP"}, {47, "Diameter/DTLS/SCTP"}, {48, "R14P"},
    {49, "Unassigned"}, {50, "WebRTC DCEP"}, {51, "WebRTC String"},
    {52, "WebRTC Binary Partial"}, {53, "WebRTC Binary"}, {54, "WebRTC String Partial"},
    {55, "3GPP PUA"}, {56, "WebRTC String Empty"}, {57, "WebRTC Binary Empty"}, {0, NULL},
};

#define TYPE(t, t_s)                                                                         \
    {.name = "type", .kind = PS_K_UINT, .bits = 8, .def = (t), .enums = ps_sctp_chunk_types, \
     .ls_type = "ByteEnumField", .ls_default = t_s}
#define FLAGS                                                                                \
    {.name = "flags", .kind = PS_K_UINT, .bits = 8, .is_auto = true, .hex = true,            \
     .ls_type = "XByteField", .ls_default = "None"}
/* FieldLenField("len", None, length_of=of, adjust=x + adj) */
#define LEN_OF(of, adj)                                                                      \
    {.name = "len", .kind = PS_K_UINT, .bits = 16, .is_auto = true, .length_of = of,         \
     .len_adjust = (adj), .ls_type = "FieldLenField", .ls_default = "None"}
#define LEN_FIXED(d, d_s)                                                                    \
    {.name = "len", .kind = PS_K_UINT, .bits = 16, .def = (d), .ls_type = "ShortField",      \
     .ls_default = d_s}
#define NONE_UINT(n, b, x, type)                                                             \
    {.name = n, .kind = PS_K_UINT, .bits = (b), .is_auto = true, .hex = (x),                 \
     .ls_type = type, .ls_default = "None"}
/* PadField(StrLenField(n, b""), 4) */
#define PADDED(n)                                                                            \
    {.name = n, .kind = PS_K_BYTES, .def_text = "", .pad_to = 4, .ls_type = "PadField",      \
     .ls_default = "b''"}
/* ChunkParamField("params", None): a list of parameters */
#define PARAMS                                                                               \
    {.name = "params", .kind = PS_K_LAYERS, .sub_class = "SCTPChunkParam",                   \
     .ls_type = "ChunkParamField", .ls_default = "[]"}

#define CHUNK(var, cls, fieldtab, ...)                                                       \
    const struct ps_proto var = {.name = cls, .long_name = cls, .fields = fieldtab,          \
                                 .nfields = PS_NFIELDS(fieldtab),                            \
                                 .guess_payload_from = ps_sctp_next_chunk, __VA_ARGS__}

/* ---------------------------------------------------------------- DATA */

static const struct ps_field data_fields[] = {
    TYPE(0, "0"),
    NONE_UINT("reserved", 4, false, "BitField  (4 bits)"),
    {.name = "delay_sack", .kind = PS_K_UINT, .bits = 1, .ls_type = "BitField  (1 bit)",
     .ls_default = "0"},
    {.name = "unordered", .kind = PS_K_UINT, .bits = 1, .ls_type = "BitField  (1 bit)",
     .ls_default = "0"},
    {.name = "beginning", .kind = PS_K_UINT, .bits = 1, .ls_type = "BitField  (1 bit)",
     .ls_default = "0"},
    {.name = "ending", .kind = PS_K_UINT, .bits = 1, .ls_type = "BitField  (1 bit)",
     .ls_default = "0"},
    LEN_OF("data", 16),
    NONE_UINT("tsn", 32, true, "XIntField"),
    NONE_UINT("stream_id", 16, true, "XShortField"),
    NONE_UINT("stream_seq", 16, true, "XShortField"),
    {.name = "proto_id", .kind = PS_K_UINT, .bits = 32, .is_auto = true, .enums = ppids,
     .ls_type = "IntEnumField", .ls_default = "None"},
    /* StrLenField("data", None): None until given */
    {.name = "data", .kind = PS_K_BYTES, .is_auto = true, .pad_to = 4, .ls_type = "PadField",
     .ls_default = "None"},
};
CHUNK(ps_proto_sctp_chunk_data, "SCTPChunkData", data_fields);

/* ------------------------------------------------------ INIT, INIT ACK */

#define INIT_FIELDS(t, t_s)                                                                  \
    TYPE(t, t_s), FLAGS, LEN_OF("params", 20), NONE_UINT("init_tag", 32, true, "XIntField"), \
        NONE_UINT("a_rwnd", 32, false, "IntField"),                                          \
        NONE_UINT("n_out_streams", 16, false, "ShortField"),                                 \
        NONE_UINT("n_in_streams", 16, false, "ShortField"),                                  \
        NONE_UINT("init_tsn", 32, true, "XIntField"), PARAMS

static const struct ps_field init_fields[] = {INIT_FIELDS(1, "1")};
static const struct ps_field init_ack_fields[] = {INIT_FIELDS(2, "2")};
CHUNK(ps_proto_sctp_chunk_init, "SCTPChunkInit", init_fields);
CHUNK(ps_proto_sctp_chunk_init_ack, "SCTPChunkInitAck", init_ack_fields);

/* ---------------------------------------------------------------- SACK */

enum { S_TYPE, S_FLAGS, S_LEN, S_CUMUL, S_RWND, S_NGAP, S_NDUP, S_GAPS, S_DUPS };

/* GapAckField.i2repr: repr() of its "start:end" string, in a list. */
static int gap_repr(const struct ps_fval *v, char *out, size_t cap)
{
    size_t n = 0;
    int k = snprintf(out, cap, "[");
    n += k > 0 ? (size_t)k : 0;
    for (size_t i = 0; i + 4 <= v->len; i += 4)
        if ((k = snprintf(n < cap ? out + n : NULL, n < cap ? cap - n : 0, "%s'%u:%u'",
                          i ? ", " : "", ps_get16(v->bytes + i), ps_get16(v->bytes + i + 2))) > 0)
            n += (size_t)k;
    k = snprintf(n < cap ? out + n : NULL, n < cap ? cap - n : 0, "]");
    n += k > 0 ? (size_t)k : 0;
    return (int)n;
}

/* GapAckField.any2i/i2m: "start:end" strings. */
static long gap_encode(const struct ps_fval *items, size_t n, uint8_t *out, size_t cap)
{
    if (out && n * 4 > cap)
        return -1;
    for (size_t i = 0; i < n; i++) {
        char text[32];
        unsigned a, b;
        char end;
        if (!items[i].bytes || items[i].len >= sizeof text)
            return -1;
        memcpy(text, items[i].bytes, items[i].len);
        text[items[i].len] = '\0';
        if (sscanf(text, "%u:%u%c", &a, &b, &end) != 2 || a > 0xffff || b > 0xffff)
            return -1;
        if (out) {
            ps_put16(out + 4 * i, (uint16_t)a);
            ps_put16(out + 4 * i + 2, (uint16_t)b);
        }
    }
    return (long)(n * 4);
}

static int dup_pyrepr(const struct ps_fval *v, char *out, size_t cap)
{
    return ps_sctp_int_list_pyrepr(v, 4, out, cap);
}

static int dup_repr(const struct ps_fval *v, char *out, size_t cap)
{
    return ps_sctp_enum_list_repr(v, 4, NULL, true, out, cap);
}

static long dup_encode(const struct ps_fval *items, size_t n, uint8_t *out, size_t cap)
{
    return ps_sctp_enum_list_encode(items, n, 4, NULL, out, cap);
}

/* FieldListField(count_from=count): elements of 4 bytes while bytes and
 * the count last; a piece of one raises (struct.unpack). */
static long counted(const uint8_t *p, size_t len, size_t off, uint64_t count, struct ps_fval *v)
{
    size_t rest = len - off, take = 0;
    while (count-- > 0 && take < rest) {
        if (rest - take < 4)
            return -1;
        take += 4;
    }
    v->bytes = p + off;
    v->len = take;
    return (long)take;
}

static long gaps_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                        struct ps_fval *v, struct ps_decode_room *room)
{
    (void)room;
    return counted(p, len, off, ps_layer_uint(l, S_NGAP), v);
}

static long dups_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                        struct ps_fval *v, struct ps_decode_room *room)
{
    (void)room;
    return counted(p, len, off, ps_layer_uint(l, S_NDUP), v);
}

static const struct ps_field sack_fields[] = {
    [S_TYPE] = TYPE(3, "3"),
    [S_FLAGS] = FLAGS,
    [S_LEN] = NONE_UINT("len", 16, false, "ShortField"),
    [S_CUMUL] = NONE_UINT("cumul_tsn_ack", 32, true, "XIntField"),
    [S_RWND] = NONE_UINT("a_rwnd", 32, false, "IntField"),
    [S_NGAP] = NONE_UINT("n_gap_ack", 16, false, "FieldLenField"),
    [S_NDUP] = NONE_UINT("n_dup_tsn", 16, false, "FieldLenField"),
    /* its i2repr is already the repr of the list of strings Scapy holds */
    [S_GAPS] = {.name = "gap_ack_list", .kind = PS_K_BYTES, .def_text = "", .repr = gap_repr,
                .ls_repr = gap_repr, .list_encode = gap_encode,
                .list_what = "\"start:end\" strings",
                .decode = gaps_decode, .ls_type = "FieldListField", .ls_default = "[]"},
    [S_DUPS] = {.name = "dup_tsn_list", .kind = PS_K_BYTES, .def_text = "", .repr = dup_repr,
                .ls_repr = dup_pyrepr, .list_encode = dup_encode, .list_what = "TSNs",
                .decode = dups_decode,
                .ls_type = "FieldListField", .ls_default = "[]"},
};

/* The counts (FieldLenField count_of), then SACK's post_build: len, when
 * unset, is the chunk's own bytes. */
static void sack_post_build(struct ps_build *b, size_t idx)
{
    const struct ps_layer *l = &b->pkt->layers[idx];
    uint8_t *h = b->buf + b->start[idx];
    if (b->hlen[idx] < 16)
        return;
    if (!l->v[S_LEN].set)
        ps_put16(h + 2, (uint16_t)b->hlen[idx]);
    if (!l->v[S_NGAP].set)
        ps_put16(h + 12, (uint16_t)(l->v[S_GAPS].set ? l->v[S_GAPS].len / 4 : 0));
    if (!l->v[S_NDUP].set)
        ps_put16(h + 14, (uint16_t)(l->v[S_DUPS].set ? l->v[S_DUPS].len / 4 : 0));
}

CHUNK(ps_proto_sctp_chunk_sack, "SCTPChunkSACK", sack_fields, .post_build = sack_post_build);

/* ------------------------------------------------------------ HEARTBEAT */

static const struct ps_field hb_req_fields[] = {TYPE(4, "4"), FLAGS, LEN_OF("params", 4), PARAMS};
static const struct ps_field hb_ack_fields[] = {TYPE(5, "5"), FLAGS, LEN_OF("params", 4), PARAMS};
CHUNK(ps_proto_sctp_chunk_heartbeat_req, "SCTPChunkHeartbeatReq", hb_req_fields);
CHUNK(ps_proto_sctp_chunk_heartbeat_ack, "SCTPChunkHeartbeatAck", hb_ack_fields);

/* ------------------------------------------------- the chunks of causes */

static const struct ps_field abort_fields[] = {
    TYPE(6, "6"),
    NONE_UINT("reserved", 7, false, "BitField  (7 bits)"),
    {.name = "TCB", .kind = PS_K_UINT, .bits = 1, .ls_type = "BitField  (1 bit)",
     .ls_default = "0"},
    LEN_OF("error_causes", 4),
    PADDED("error_causes"),
};
CHUNK(ps_proto_sctp_chunk_abort, "SCTPChunkAbort", abort_fields);

static const struct ps_field error_fields[] = {
    TYPE(9, "9"), FLAGS, LEN_OF("error_causes", 4), PADDED("error_causes"),
};
CHUNK(ps_proto_sctp_chunk_error, "SCTPChunkError", error_fields);

static const struct ps_field cookie_echo_fields[] = {
    TYPE(10, "10"), FLAGS, LEN_OF("cookie", 4), PADDED("cookie"),
};
CHUNK(ps_proto_sctp_chunk_cookie_echo, "SCTPChunkCookieEcho", cookie_echo_fields);

static const struct ps_field auth_fields[] = {
    TYPE(15, "15"),
    FLAGS,
    LEN_OF("HMAC", 8),
    NONE_UINT("shared_key_id", 16, false, "ShortField"),
    NONE_UINT("HMAC_function", 16, false, "ShortField"),
    PADDED("HMAC"),
};
CHUNK(ps_proto_sctp_chunk_authentication, "SCTPChunkAuthentication", auth_fields);

/* -------------------------------------------------- the fixed-size ones */

static const struct ps_field shutdown_fields[] = {
    TYPE(7, "7"), FLAGS, LEN_FIXED(8, "8"), NONE_UINT("cumul_tsn_ack", 32, true, "XIntField"),
};
CHUNK(ps_proto_sctp_chunk_shutdown, "SCTPChunkShutdown", shutdown_fields);

static const struct ps_field shutdown_ack_fields[] = {TYPE(8, "8"), FLAGS, LEN_FIXED(4, "4")};
CHUNK(ps_proto_sctp_chunk_shutdown_ack, "SCTPChunkShutdownAck", shutdown_ack_fields);

static const struct ps_field cookie_ack_fields[] = {TYPE(11, "11"), FLAGS, LEN_FIXED(4, "4")};
CHUNK(ps_proto_sctp_chunk_cookie_ack, "SCTPChunkCookieAck", cookie_ack_fields);

static const struct ps_field shutdown_complete_fields[] = {
    TYPE(14, "14"),
    NONE_UINT("reserved", 7, false, "BitField  (7 bits)"),
    {.name = "TCB", .kind = PS_K_UINT, .bits = 1, .ls_type = "BitField  (1 bit)",
     .ls_default = "0"},
    LEN_FIXED(4, "4"),
};
CHUNK(ps_proto_sctp_chunk_shutdown_complete, "SCTPChunkShutdownComplete",
      shutdown_complete_fields);

/* ------------------------------------------------------ ADDRESS CONF (ASCONF) */

static const struct ps_field asconf_fields[] = {
    TYPE(0xc1, "193"), FLAGS, LEN_OF("params", 8),
    {.name = "seq", .kind = PS_K_UINT, .bits = 32, .ls_type = "IntField", .ls_default = "0"},
    PARAMS,
};
static const struct ps_field asconf_ack_fields[] = {
    TYPE(0x80, "128"), FLAGS, LEN_OF("params", 8),
    {.name = "seq", .kind = PS_K_UINT, .bits = 32, .ls_type = "IntField", .ls_default = "0"},
    PARAMS,
};
CHUNK(ps_proto_sctp_chunk_address_conf, "SCTPChunkAddressConf", asconf_fields);
CHUNK(ps_proto_sctp_chunk_address_conf_ack, "SCTPChunkAddressConfAck", asconf_ack_fields);
