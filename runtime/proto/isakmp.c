/* ISAKMP (scapy/layers/isakmp.py, RFC 2408): the header and the payloads
 * Scapy 2.5 has classes for, chained by next_payload. The payloads it has
 * no class for (CERT, CR, SIG, Notification, Delete, and IKEv2's) dissect
 * as the generic ISAKMP_payload. An SA holds its proposals and a proposal
 * its transforms in a PacketLenField: a chain of payloads of its own
 * (ps_field.chain), read and written here, as the generic decoder and
 * encoder do not nest. The transforms' attributes are isakmp_attrs.c. */
#include <string.h>

#include "frame.h"
#include "isakmp.h"
#include "packet.h"
#include "protos.h"

/* ISAKMP_payload_type */
static const struct ps_enum payload_types[] = {
    {0, "None"}, {1, "SA"}, {2, "Proposal"}, {3, "Transform"}, {4, "KE"}, {5, "ID"},
    {6, "CERT"}, {7, "CR"}, {8, "Hash"}, {9, "SIG"}, {10, "Nonce"}, {11, "Notification"},
    {12, "Delete"}, {13, "VendorID"}, {0, NULL},
};

/* The class ISAKMP_class.guess_payload_class names for a next_payload:
 * globals().get("ISAKMP_payload_%s"), else the generic payload. */
static const char *const payload_classes[] = {
    "Raw", "ISAKMP_payload_SA", "ISAKMP_payload_Proposal", "ISAKMP_payload_Transform",
    "ISAKMP_payload_KE", "ISAKMP_payload_ID", "ISAKMP_payload", "ISAKMP_payload",
    "ISAKMP_payload_Hash", "ISAKMP_payload", "ISAKMP_payload_Nonce", "ISAKMP_payload",
    "ISAKMP_payload", "ISAKMP_payload_VendorID",
};

static const char *class_for(uint64_t np)
{
    return np < sizeof payload_classes / sizeof payload_classes[0] ? payload_classes[np]
                                                                   : "ISAKMP_payload";
}

/* Python's s[:n] on `have` bytes: how many it keeps. */
static size_t slice_len(long n, size_t have)
{
    if (n >= 0)
        return (size_t)n < have ? (size_t)n : have;
    size_t back = (size_t)-(n + 1) + 1;
    return back < have ? have - back : 0;
}

/* ------------------------------------------------------------ ISAKMP */

enum { I_INIT_COOKIE, I_RESP_COOKIE, I_NEXT, I_VERSION, I_EXCH_TYPE, I_FLAGS, I_ID, I_LENGTH };

static const struct ps_enum exchange_types[] = {
    {0, "None"}, {1, "base"}, {2, "identity prot."}, {3, "auth only"}, {4, "aggressive"},
    {5, "info"}, {0, NULL},
};

static const char *const isakmp_flags[] = {"encryption", "commit", "auth_only", "res3",
                                           "res4", "res5", "res6", "res7", NULL};

#define COOKIE(n)                                                                          \
    {.name = n, .kind = PS_K_BYTES, .bits = 64, .def_text = "", .repr = ps_strfixed_repr,  \
     .ls_type = "StrFixedLenField", .ls_default = "b''"}

static const struct ps_field isakmp_fields[] = {
    [I_INIT_COOKIE] = COOKIE("init_cookie"),
    [I_RESP_COOKIE] = COOKIE("resp_cookie"),
    [I_NEXT] = {.name = "next_payload", .kind = PS_K_UINT, .bits = 8, .enums = payload_types,
                .ls_type = "ByteEnumField", .ls_default = "0"},
    [I_VERSION] = {.name = "version", .kind = PS_K_UINT, .bits = 8, .def = 0x10, .hex = true,
                   .ls_type = "XByteField", .ls_default = "16"},
    [I_EXCH_TYPE] = {.name = "exch_type", .kind = PS_K_UINT, .bits = 8, .enums = exchange_types,
                     .ls_type = "ByteEnumField", .ls_default = "0"},
    [I_FLAGS] = {.name = "flags", .kind = PS_K_UINT, .bits = 8, .flags = isakmp_flags,
                 .ls_type = "FlagsField", .ls_default = "<Flag 0 ()>"},
    [I_ID] = {.name = "id", .kind = PS_K_UINT, .bits = 32, .ls_type = "IntField",
              .ls_default = "0"},
    [I_LENGTH] = {.name = "length", .kind = PS_K_UINT, .bits = 32, .is_auto = true,
                  .ls_type = "IntField", .ls_default = "None"},
};

/* bind_bottom_up(UDP, ISAKMP, dport=500), (sport=500); bind_top_down(UDP,
 * ISAKMP, dport=500, sport=500). On 4500 Scapy 2.5 dissects ESP (ipsec.c). */
static const struct ps_bind isakmp_dissect_binds[] = {
    {"UDP", "dport", 500},
    {"UDP", NULL, 0},
    {"UDP", "sport", 500},
    {NULL, NULL, 0},
};
static const struct ps_bind isakmp_build_binds[] = {
    {"UDP", "dport", 500},
    {"UDP", "sport", 500},
    {NULL, NULL, 0},
};

/* ISAKMP.guess_payload_class: an encrypted message is Raw. */
static const char *isakmp_payload(const struct ps_layer *l)
{
    if (ps_layer_uint(l, I_FLAGS) & 1)
        return "Raw";
    return class_for(ps_layer_uint(l, I_NEXT));
}

/* ISAKMP.post_build: an unset length is the message's, payloads and all
 * but a Padding (Scapy appends it after every post_build). */
static void isakmp_post_build(struct ps_build *b, size_t idx)
{
    if (b->pkt->layers[idx].v[I_LENGTH].set || b->hlen[idx] < 28)
        return;
    ps_put32(b->buf + b->start[idx] + 24, (uint32_t)(b->end[idx] - b->start[idx]));
}

/* The cookie as Scapy holds it: what was given or read, else b''. */
static void cookie(const struct ps_layer *l, const uint8_t **p, size_t *n)
{
    const struct ps_fval *v = &l->v[I_INIT_COOKIE];
    *p = v->set && v->bytes ? v->bytes : (const uint8_t *)"";
    *n = v->set ? v->len : 0;
}

/* ISAKMP.answers: an ISAKMP with the same init_cookie, compared as the
 * values Scapy holds (b'' unset, 8 bytes dissected). */
static enum ps_answer isakmp_answers(const struct ps_packet *reply, size_t *r,
                                     const struct ps_packet *query, size_t *q)
{
    if (*q >= query->n || query->layers[*q].proto != reply->layers[*r].proto)
        return PS_ANSWER_NO;
    const uint8_t *a, *b;
    size_t na, nb;
    cookie(&reply->layers[*r], &a, &na);
    cookie(&query->layers[*q], &b, &nb);
    return na == nb && memcmp(a, b, na) == 0 ? PS_ANSWER_YES : PS_ANSWER_NO;
}

const struct ps_proto ps_proto_isakmp = {
    .name = "ISAKMP",
    .long_name = "ISAKMP",
    .fields = isakmp_fields,
    .nfields = PS_NFIELDS(isakmp_fields),
    .build_binds = isakmp_build_binds,
    .dissect_binds = isakmp_dissect_binds,
    .post_build = isakmp_post_build,
    .guess_payload = isakmp_payload,
    .answers = isakmp_answers,
};

/* ---------------------------------------------------------- payloads */

/* Every payload class starts with next_payload, res, length. */
enum { P_NEXT, P_RES, P_LENGTH };

/* length minus what the header adds: the length_from of the field after
 * it, which Python slices with (negative: all but the last bytes). */
static long declared(const struct ps_layer *l, long adjust)
{
    return (long)ps_layer_uint(l, P_LENGTH) - adjust;
}

/* StrLenField("load", length_from=length - 4) (8 for ID). */
static long load_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                        struct ps_fval *v, struct ps_decode_room *room)
{
    (void)room;
    size_t take = slice_len(declared(l, l->proto->fields[P_LENGTH].len_adjust), len - off);
    v->bytes = p + off;
    v->len = take;
    return (long)take;
}

/* ISAKMPTransformSetField(length_from=length - 8). */
static long transforms_decode(const uint8_t *p, size_t len, size_t off,
                              const struct ps_layer *l, struct ps_fval *v,
                              struct ps_decode_room *room)
{
    (void)room;
    size_t take = slice_len(declared(l, 8), len - off);
    v->bytes = p + off;
    v->len = take;
    return (long)take;
}

static long chain_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                         struct ps_fval *v, struct ps_decode_room *room);
static long chain_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                         size_t cap);

#define NEXT                                                                                \
    [P_NEXT] = {.name = "next_payload", .kind = PS_K_UINT, .bits = 8, .is_auto = true,      \
                .enums = payload_types, .ls_type = "ByteEnumField", .ls_default = "None"},  \
    [P_RES] = {.name = "res", .kind = PS_K_UINT, .bits = 8, .ls_type = "ByteField",       \
               .ls_default = "0"}
#define LENGTH_OF(of, adjust)                                                               \
    [P_LENGTH] = {.name = "length", .kind = PS_K_UINT, .bits = 16, .is_auto = true,        \
                  .length_of = of, .len_adjust = adjust, .ls_type = "FieldLenField",        \
                  .ls_default = "None"}
#define LOAD                                                                                \
    {.name = "load", .kind = PS_K_BYTES, .def_text = "", .decode = load_decode,            \
     .ls_type = "StrLenField", .ls_default = "b''"}
#define BYTE(n, d, d_s)                                                                     \
    {.name = n, .kind = PS_K_UINT, .bits = 8, .def = d, .ls_type = "ByteField",           \
     .ls_default = d_s}
#define ENUM(n, bits_, d, e, type, d_s)                                                     \
    {.name = n, .kind = PS_K_UINT, .bits = bits_, .def = d, .enums = e, .ls_type = type,   \
     .ls_default = d_s}
/* PacketLenField(default conf.raw_layer()): a chain of payloads, Raw()
 * (nothing) when unset, None when its length says 0. */
#define CHAIN(n)                                                                            \
    {.name = n, .kind = PS_K_LAYERS, .sub_class = "ISAKMP_class", .chain = true,          \
     .def_sub = "Raw", .decode = chain_decode, .encode = chain_encode,                    \
     .ls_type = "PacketLenField", .ls_default = "<Raw  |>"}

/* bind_top_down(ISAKMP_class, cls, next_payload=np): every class of
 * ISAKMP_class below one of these sets its next_payload so. */
#define NP_BINDS(np)                                                                        \
    {"ISAKMP", "next_payload", np}, {"ISAKMP_payload", "next_payload", np},                 \
    {"ISAKMP_payload_SA", "next_payload", np},                                             \
    {"ISAKMP_payload_Proposal", "next_payload", np},                                       \
    {"ISAKMP_payload_Transform", "next_payload", np},                                      \
    {"ISAKMP_payload_KE", "next_payload", np}, {"ISAKMP_payload_ID", "next_payload", np},  \
    {"ISAKMP_payload_Hash", "next_payload", np},                                           \
    {"ISAKMP_payload_Nonce", "next_payload", np},                                          \
    {"ISAKMP_payload_VendorID", "next_payload", np}, {NULL, NULL, 0}

static const struct ps_bind binds_generic[] = {NP_BINDS(0)};
static const struct ps_bind binds_sa[] = {NP_BINDS(1)};
static const struct ps_bind binds_proposal[] = {NP_BINDS(2)};
static const struct ps_bind binds_transform[] = {NP_BINDS(3)};
static const struct ps_bind binds_ke[] = {NP_BINDS(4)};
static const struct ps_bind binds_id[] = {NP_BINDS(5)};
static const struct ps_bind binds_hash[] = {NP_BINDS(8)};
static const struct ps_bind binds_nonce[] = {NP_BINDS(10)};
static const struct ps_bind binds_vendor_id[] = {NP_BINDS(13)};

/* ISAKMP_class.guess_payload_class */
static const char *payload_payload(const struct ps_layer *l)
{
    return class_for(ps_layer_uint(l, P_NEXT));
}

static const struct ps_field generic_fields[] = {
    NEXT,
    LENGTH_OF("load", 4),
    LOAD,
};

#define GENERIC(var, cls, long_, binds_)                                                    \
    const struct ps_proto var = {                                                           \
        .name = cls,                                                                        \
        .long_name = long_,                                                                 \
        .klass = "ISAKMP_class",                                                            \
        .fields = generic_fields,                                                           \
        .nfields = PS_NFIELDS(generic_fields),                                              \
        .build_binds = binds_,                                                              \
        .guess_payload = payload_payload,                                                   \
    }

GENERIC(ps_proto_isakmp_payload, "ISAKMP_payload", "ISAKMP payload", binds_generic);
GENERIC(ps_proto_isakmp_ke, "ISAKMP_payload_KE", "ISAKMP Key Exchange", binds_ke);
GENERIC(ps_proto_isakmp_hash, "ISAKMP_payload_Hash", "ISAKMP Hash", binds_hash);
GENERIC(ps_proto_isakmp_nonce, "ISAKMP_payload_Nonce", "ISAKMP Nonce", binds_nonce);
GENERIC(ps_proto_isakmp_vendor_id, "ISAKMP_payload_VendorID", "ISAKMP Vendor ID",
        binds_vendor_id);

static const struct ps_enum doi[] = {{1, "IPSEC"}, {0, NULL}};
static const struct ps_enum situations[] = {{1, "identity"}, {0, NULL}};

enum { SA_DOI = P_LENGTH + 1, SA_SITUATION, SA_PROP };

static const struct ps_field sa_fields[] = {
    NEXT,
    LENGTH_OF("prop", 12),
    [SA_DOI] = ENUM("DOI", 32, 1, doi, "IntEnumField", "1"),
    [SA_SITUATION] = ENUM("situation", 32, 1, situations, "IntEnumField", "1"),
    [SA_PROP] = CHAIN("prop"),
};

const struct ps_proto ps_proto_isakmp_sa = {
    .name = "ISAKMP_payload_SA",
    .long_name = "ISAKMP SA",
    .klass = "ISAKMP_class",
    .fields = sa_fields,
    .nfields = PS_NFIELDS(sa_fields),
    .build_binds = binds_sa,
    .guess_payload = payload_payload,
};

static const struct ps_enum proposal_protos[] = {{1, "ISAKMP"}, {0, NULL}};

static const struct ps_field proposal_fields[] = {
    NEXT,
    LENGTH_OF("trans", 8),
    BYTE("proposal", 1, "1"),
    ENUM("proto", 8, 1, proposal_protos, "ByteEnumField", "1"),
    {.name = "SPIsize", .kind = PS_K_UINT, .bits = 8, .is_auto = true, .length_of = "SPI",
     .ls_type = "FieldLenField", .ls_default = "None"},
    {.name = "trans_nb", .kind = PS_K_UINT, .bits = 8, .is_auto = true, .ls_type = "ByteField",
     .ls_default = "None"},
    {.name = "SPI", .kind = PS_K_BYTES, .def_text = "", .ls_type = "StrLenField",
     .ls_default = "b''"},
    CHAIN("trans"),
};

const struct ps_proto ps_proto_isakmp_proposal = {
    .name = "ISAKMP_payload_Proposal",
    .long_name = "IKE proposal",
    .klass = "ISAKMP_class",
    .fields = proposal_fields,
    .nfields = PS_NFIELDS(proposal_fields),
    .build_binds = binds_proposal,
    .guess_payload = payload_payload,
};

static const struct ps_enum transform_ids[] = {{1, "KEY_IKE"}, {0, NULL}};

static const struct ps_field transform_fields[] = {
    NEXT,
    /* post_build: the transform's own length, without its payload. */
    [P_LENGTH] = {.name = "length", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
                  .len_of_layer = true, .ls_type = "ShortField", .ls_default = "None"},
    {.name = "num", .kind = PS_K_UINT, .bits = 8, .is_auto = true, .ls_type = "ByteField",
     .ls_default = "None"},
    ENUM("id", 8, 1, transform_ids, "ByteEnumField", "1"),
    {.name = "res2", .kind = PS_K_UINT, .bits = 16, .ls_type = "ShortField", .ls_default = "0"},
    {.name = "transforms", .kind = PS_K_OPTIONS, .is_auto = true,
     .optcodec = &ps_isakmp_attr_codec, .repr = ps_isakmp_attrs_repr,
     .decode = transforms_decode, .ls_type = "ISAKMPTransformSetField", .ls_default = "None"},
};

const struct ps_proto ps_proto_isakmp_transform = {
    .name = "ISAKMP_payload_Transform",
    .long_name = "IKE Transform",
    .klass = "ISAKMP_class",
    .fields = transform_fields,
    .nfields = PS_NFIELDS(transform_fields),
    .build_binds = binds_transform,
    .guess_payload = payload_payload,
};

static const struct ps_enum id_types[] = {{1, "IPv4_addr"}, {11, "Key"}, {0, NULL}};
static const struct ps_enum unused[] = {{0, "Unused"}, {0, NULL}};

static const struct ps_field id_fields[] = {
    NEXT,
    LENGTH_OF("load", 8),
    ENUM("IDtype", 8, 1, id_types, "ByteEnumField", "1"),
    ENUM("ProtoID", 8, 0, unused, "ByteEnumField", "0"),
    ENUM("Port", 16, 0, unused, "ShortEnumField", "0"),
    LOAD,
};

const struct ps_proto ps_proto_isakmp_id = {
    .name = "ISAKMP_payload_ID",
    .long_name = "ISAKMP Identification",
    .klass = "ISAKMP_class",
    .fields = id_fields,
    .nfields = PS_NFIELDS(id_fields),
    .build_binds = binds_id,
    .guess_payload = payload_payload,
};

/* ------------------------------------------- the chains inside a payload */

/* Proposals in an SA hold transforms that may hold anything: deeper than
 * this, a chain keeps its bytes (printed as Raw). */
#define MAX_DEPTH 6

static const struct ps_proto *payload_class(const char *name)
{
    static const struct ps_proto *const all[] = {
        &ps_proto_raw, &ps_proto_isakmp_payload, &ps_proto_isakmp_sa,
        &ps_proto_isakmp_proposal, &ps_proto_isakmp_transform, &ps_proto_isakmp_ke,
        &ps_proto_isakmp_id, &ps_proto_isakmp_hash, &ps_proto_isakmp_nonce,
        &ps_proto_isakmp_vendor_id,
    };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (strcmp(all[i]->name, name) == 0)
            return all[i];
    return &ps_proto_isakmp_payload;
}

static long chain_field(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                        struct ps_fval *v, struct ps_decode_room *room, int depth);

/* Packet.do_dissect of payload class c over p[0..n) into e: the fields
 * while bytes last; -1 when an integer is cut short (Scapy raises). */
static long read_element(const struct ps_proto *c, const uint8_t *p, size_t n,
                         struct ps_layer *e, struct ps_decode_room *room, int depth)
{
    size_t at = 0;
    ps_layer_init(e, c);
    for (size_t fi = 0; fi < c->nfields && at < n; fi++) {
        const struct ps_field *f = &c->fields[fi];
        struct ps_fval *v = &e->v[fi];
        long k;
        if (f->kind == PS_K_LAYERS) {
            k = chain_field(p, n, at, e, v, room, depth + 1);
        } else if (f->decode) {
            k = f->decode(p, n, at, e, v, room);
        } else if (f->kind == PS_K_UINT) {
            size_t size = f->bits / 8;
            if (n - at < size)
                return -1;
            for (size_t i = 0; i < size; i++)
                v->u = v->u << 8 | p[at + i];
            k = (long)size;
        } else {
            /* SPI: StrLenField(length_from=SPIsize). */
            size_t want = n - at;
            for (size_t j = 0; j < fi; j++)
                if (c->fields[j].length_of && strcmp(c->fields[j].length_of, f->name) == 0)
                    want = (size_t)e->v[j].u;
            v->bytes = p + at;
            v->len = want < n - at ? want : n - at;
            k = (long)v->len;
        }
        if (k < 0)
            return -1;
        v->set = true;
        at += (size_t)k;
    }
    return (long)at;
}

/* The payload chain dissected from p[0..n), `first` first, each next one
 * as its next_payload says, into v: its elements side by side in
 * room->subs (counted first, so that the chains inside them go after).
 * What Scapy makes Raw (next_payload 0, or a payload it fails to
 * dissect) stays bytes after the elements, which the printers show as
 * that Raw; Packet(b'') is a payload of defaults. Without room, v keeps
 * the bytes. */
static void decode_chain(const uint8_t *p, size_t n, const struct ps_proto *first,
                         struct ps_fval *v, struct ps_decode_room *room, int depth)
{
    size_t count = n == 0, pos = 0;
    const struct ps_proto *c = first;
    /* Before counting: counting reads without room, which must not nest. */
    if (!room || !room->subs || depth > MAX_DEPTH) {
        v->bytes = n ? p : NULL;
        v->len = n;
        return;
    }
    while (pos < n && c != &ps_proto_raw) {
        struct ps_layer scratch;
        long h = read_element(c, p + pos, n - pos, &scratch, NULL, 0);
        if (h < 0)
            break;
        count++;
        pos += (size_t)h;
        c = payload_class(class_for(ps_layer_uint(&scratch, P_NEXT)));
    }
    if (room->subs_used + count > room->subs_cap) {
        v->bytes = n ? p : NULL;
        v->len = n;
        return;
    }
    struct ps_layer *e = room->subs + room->subs_used;
    room->subs_used += count;
    v->sub = count ? e : NULL;
    v->nsub = count;
    if (n == 0) {
        ps_layer_init(&e[0], first);
        return;
    }
    pos = 0;
    c = first;
    for (size_t k = 0; k < count; k++) {
        pos += (size_t)read_element(c, p + pos, n - pos, &e[k], room, depth);
        c = payload_class(class_for(ps_layer_uint(&e[k], P_NEXT)));
    }
    v->bytes = pos < n ? p + pos : NULL;
    v->len = n - pos;
}

/* SA.prop (length - 12) and Proposal.trans (length - 8): PacketLenField's
 * getfield, which reads nothing when the length gives 0. */
static long chain_field(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                        struct ps_fval *v, struct ps_decode_room *room, int depth)
{
    bool sa = l->proto == &ps_proto_isakmp_sa;
    long n = declared(l, l->proto->fields[P_LENGTH].len_adjust);
    size_t take = slice_len(n, len - off);
    memset(v, 0, sizeof *v);
    if (n != 0)
        decode_chain(p + off, take, sa ? &ps_proto_isakmp_proposal : &ps_proto_isakmp_transform,
                     v, room, depth);
    return (long)take;
}

static long chain_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                         struct ps_fval *v, struct ps_decode_room *room)
{
    return chain_field(p, len, off, l, v, room, 0);
}

/* next_payload bound by the payload after: bind_top_down's value, 0 when
 * none (Raw, or the end). */
static uint64_t bound_next(const struct ps_proto *next)
{
    if (!next || next == &ps_proto_raw || !next->build_binds)
        return 0;
    return next->build_binds[0].value;
}

static long put_chain(const struct ps_fval *v, uint8_t *out, size_t cap, int depth);

/* Writes field fi of chain element e (followed by `next`) into out, or
 * counts it when out is NULL; -1 when it does not fit. */
static long put_field(const struct ps_layer *e, size_t fi, const struct ps_proto *next,
                      uint8_t *out, size_t cap, int depth)
{
    const struct ps_field *f = &e->proto->fields[fi];
    const struct ps_fval *v = &e->v[fi];
    const uint8_t *bytes = NULL;
    size_t n = 0;
    switch (f->kind) {
    case PS_K_UINT: {
        uint64_t u = f->def;
        int of = f->length_of ? ps_field_index(e->proto, f->length_of) : -1;
        if (v->set)
            u = v->u;
        else if (fi == P_NEXT && e->proto != &ps_proto_raw)
            u = bound_next(next);
        else if (of >= 0)
            u = (uint64_t)(put_field(e, (size_t)of, NULL, NULL, 0, depth) + f->len_adjust);
        n = f->bits / 8;
        if (out && n > cap)
            return -1;
        for (size_t i = 0; out && i < n; i++)
            out[i] = (uint8_t)(u >> (8 * (n - 1 - i)));
        return (long)n;
    }
    case PS_K_LAYERS:
        return depth < MAX_DEPTH ? put_chain(v, out, cap, depth + 1) : 0;
    default:
        bytes = v->set ? v->bytes : (const uint8_t *)(f->def_text ? f->def_text : "");
        n = v->set ? v->len : strlen((const char *)bytes);
        if (out && n > cap)
            return -1;
        if (out && n)
            memcpy(out, bytes, n);
        return (long)n;
    }
}

/* One element of a chain: its fields, then an unset len_of_layer length
 * (the Transform's) filled with what they took. */
static long put_element(const struct ps_layer *e, const struct ps_proto *next, uint8_t *out,
                        size_t cap, int depth)
{
    size_t at = 0;
    long length_at = -1;
    for (size_t fi = 0; fi < e->proto->nfields; fi++) {
        if (e->proto->fields[fi].len_of_layer && !e->v[fi].set)
            length_at = (long)at;
        long k = put_field(e, fi, next, out ? out + at : NULL, out ? cap - at : 0, depth);
        if (k < 0)
            return -1;
        at += (size_t)k;
    }
    if (out && length_at >= 0)
        ps_put16(out + length_at, (uint16_t)at);
    return (long)at;
}

static long put_chain(const struct ps_fval *v, uint8_t *out, size_t cap, int depth)
{
    size_t at = 0;
    if (!v->set)
        return 0; /* Raw() */
    for (size_t k = 0; k < v->nsub; k++) {
        const struct ps_proto *next = k + 1 < v->nsub ? v->sub[k + 1].proto : NULL;
        long m = put_element(&v->sub[k], next, out ? out + at : NULL, out ? cap - at : 0, depth);
        if (m < 0)
            return -1;
        at += (size_t)m;
    }
    if (v->bytes && v->len) {
        if (out && v->len > cap - at)
            return -1;
        if (out)
            memcpy(out + at, v->bytes, v->len);
        at += v->len;
    }
    return (long)at;
}

static long chain_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                         size_t cap)
{
    (void)l;
    return put_chain(v, out, cap, 0);
}
