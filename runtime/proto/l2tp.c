/* L2TP (scapy/layers/l2tp.py, RFC 2661): the version 2 header on UDP 1701,
 * its optional fields as the hdr flags say, PPP above it. */
#include "packet.h"
#include "protos.h"

enum { F_HDR, F_VERSION, F_LEN, F_TUNNEL, F_SESSION, F_NS, F_NR, F_OFFSET };

/* FlagsField("hdr", 0, 12, ...): bit 0 first. */
static const char *const hdr_flags[] = {
    "res00", "res01", "res02", "res03", "priority", "offset",
    "res06", "sequence", "res08", "res09", "length", "control", NULL,
};
enum { H_OFFSET = 1 << 5, H_SEQUENCE = 1 << 7, H_LENGTH = 1 << 10, H_CONTROL = 1 << 11 };

static const struct ps_enum versions[] = {{2, "L2TPv2"}, {0, NULL}};

/* pkt.hdr & 'control+length' */
static bool has_len(const struct ps_layer *l)
{
    return ps_layer_uint(l, F_HDR) & (H_CONTROL | H_LENGTH);
}
/* pkt.hdr & 'sequence+control' */
static bool has_seq(const struct ps_layer *l)
{
    return ps_layer_uint(l, F_HDR) & (H_SEQUENCE | H_CONTROL);
}
/* not (pkt.hdr & 'control') and pkt.hdr & 'offset' */
static bool has_offset(const struct ps_layer *l)
{
    uint64_t h = ps_layer_uint(l, F_HDR);
    return !(h & H_CONTROL) && (h & H_OFFSET);
}

/* PadField(ShortField("offset", 0), 4, b"\x00"): the short and 2 pad bytes. */
static long offset_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                          size_t cap)
{
    uint64_t val = v->set ? v->u : l->proto->fields[F_OFFSET].def;
    if (!out)
        return 4;
    if (cap < 4)
        return -1;
    ps_put16(out, (uint16_t)val);
    out[2] = out[3] = 0;
    return 4;
}

/* getfield: the short, then as much of the pad as the bytes hold. */
static long offset_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                          struct ps_fval *v, struct ps_decode_room *room)
{
    (void)l;
    (void)room;
    if (off > len || len - off < 2)
        return -1;
    v->u = ps_get16(p + off);
    size_t rest = len - off - 2;
    return 2 + (long)(rest < 2 ? rest : 2);
}

#define SHORT(n, lt) \
    {.name = n, .kind = PS_K_UINT, .bits = 16, .ls_type = lt, .ls_default = "0"}

static const struct ps_field fields[] = {
    [F_HDR] = {.name = "hdr", .kind = PS_K_UINT, .bits = 12, .flags = hdr_flags,
               .ls_type = "FlagsField", .ls_default = "<Flag 0 ()>"},
    [F_VERSION] = {.name = "version", .kind = PS_K_UINT, .bits = 4, .def = 2, .enums = versions,
                   .ls_type = "BitEnumField", .ls_default = "2"},
    [F_LEN] = {.name = "len", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
               .present = has_len, .ls_type = "ShortField (Cond)", .ls_default = "None"},
    [F_TUNNEL] = SHORT("tunnel_id", "ShortField"),
    [F_SESSION] = SHORT("session_id", "ShortField"),
    [F_NS] = {.name = "ns", .kind = PS_K_UINT, .bits = 16, .present = has_seq,
              .ls_type = "ShortField (Cond)", .ls_default = "0"},
    [F_NR] = {.name = "nr", .kind = PS_K_UINT, .bits = 16, .present = has_seq,
              .ls_type = "ShortField (Cond)", .ls_default = "0"},
    [F_OFFSET] = {.name = "offset", .kind = PS_K_UINT, .bits = 16, .present = has_offset,
                  .encode = offset_encode, .decode = offset_decode,
                  .ls_type = "PadField (Cond)", .ls_default = "0"},
};

/* post_build: an unset len (when present) is the layer's and payload's. */
static void l2tp_post_build(struct ps_build *b, size_t idx)
{
    const struct ps_layer *l = &b->pkt->layers[idx];
    if (l->v[F_LEN].set || !has_len(l) || b->hlen[idx] < 4)
        return;
    ps_put16(b->buf + b->start[idx] + 2, (uint16_t)(b->end[idx] - b->start[idx]));
}

/* bind_layers(UDP, L2TP, dport=1701, sport=1701) */
static const struct ps_bind binds[] = {
    {"UDP", "dport", 1701}, {"UDP", "sport", 1701}, {NULL, NULL, 0},
};
/* bind_bottom_up(UDP, L2TP, dport=1701), (sport=1701) */
static const struct ps_bind dissect_binds[] = {
    {"UDP", "dport", 1701}, {"UDP", NULL, 0}, {"UDP", "sport", 1701}, {NULL, NULL, 0},
};

const struct ps_proto ps_proto_l2tp = {
    .name = "L2TP",
    .long_name = "L2TP",
    .fields = fields,
    .nfields = PS_NFIELDS(fields),
    .binds = binds,
    .dissect_binds = dissect_binds,
    .post_build = l2tp_post_build,
};
