/* EAP (scapy/layers/eap.py, RFC 3748) and the method classes Scapy 2.5
 * dispatches by type (EAP.dispatch_hook): EAP_MD5, EAP_TLS, EAP_TTLS,
 * EAP_PEAP, EAP_FAST and LEAP. They are the value of RADIUS's EAP-Message
 * attribute, and EAPOL's payload (IEEE 802.1X, below).
 * An unset len is the whole packet's (EAP.post_build, which every method
 * class inherits, writes it over the FieldLenField's value). */
#include <stdio.h>
#include <string.h>

#include "dns_name.h"
#include "eap_names.h"
#include "field_text.h"
#include "packet.h"
#include "protos.h"

enum { E_CODE, E_ID, E_LEN, E_TYPE, E_DESIRED, E_IDENTITY, E_MESSAGE };
enum { EAP_REQUEST = 1, EAP_RESPONSE = 2, EAP_SUCCESS = 3, EAP_FAILURE = 4 };

/* Python's s[:n] of the rest bytes (a negative length_from). */
static long take_bytes(const uint8_t *p, size_t len, size_t off, long n, struct ps_fval *v)
{
    size_t rest = len - off;
    size_t take = n >= 0 ? ((size_t)n < rest ? (size_t)n : rest)
                         : ((size_t)-n < rest ? rest - (size_t)-n : 0);
    v->bytes = p + off;
    v->len = take;
    return (long)take;
}

#define CODE(d, d_s)                                                                       \
    {.name = "code", .kind = PS_K_UINT, .bits = 8, .def = (d), .enums = ps_eap_codes,       \
     .ls_type = "ByteEnumField", .ls_default = d_s}
#define ID {.name = "id", .kind = PS_K_UINT, .bits = 8, .ls_type = "ByteField", .ls_default = "0"}
#define LEN(ls)                                                                            \
    {.name = "len", .kind = PS_K_UINT, .bits = 16, .is_auto = true, .len_of_layer = true,   \
     .ls_type = ls, .ls_default = "None"}
#define TYPE(d, d_s)                                                                       \
    {.name = "type", .kind = PS_K_UINT, .bits = 8, .def = (d), .enums = ps_eap_types,       \
     .ls_type = "ByteEnumField", .ls_default = d_s}
#define BIT(n, w, w_s, d, d_s)                                                             \
    {.name = n, .kind = PS_K_UINT, .bits = (w), .def = (d), .ls_type = "BitField  (" w_s ")", \
     .ls_default = d_s}

/* ---------------------------------------------------------------- EAP */

static bool has_type(const struct ps_layer *l)
{
    uint64_t code = ps_layer_uint(l, E_CODE);
    return code != EAP_SUCCESS && code != EAP_FAILURE;
}
static bool has_desired(const struct ps_layer *l)
{
    return ps_layer_uint(l, E_CODE) == EAP_RESPONSE && ps_layer_uint(l, E_TYPE) == 3;
}
static bool has_identity(const struct ps_layer *l)
{
    return ps_layer_uint(l, E_CODE) == EAP_RESPONSE && ps_layer_uint(l, E_TYPE) == 1;
}
static bool has_message(const struct ps_layer *l)
{
    return ps_layer_uint(l, E_CODE) == EAP_REQUEST && ps_layer_uint(l, E_TYPE) == 1;
}

/* FieldListField length_from=len - 4 */
static long desired_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                           struct ps_fval *v, struct ps_decode_room *room)
{
    (void)room;
    return take_bytes(p, len, off, (long)ps_layer_uint(l, E_LEN) - 4, v);
}

/* StrLenField length_from=len - 5 (identity, message) */
static long text_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                        struct ps_fval *v, struct ps_decode_room *room)
{
    (void)room;
    return take_bytes(p, len, off, (long)ps_layer_uint(l, E_LEN) - 5, v);
}

/* FieldListField(ByteEnumField).i2repr: "[name, name]", a number where
 * there is no name. */
static int types_repr(const struct ps_fval *v, char *out, size_t cap)
{
    size_t n = 0;
    int k;
#define PUT(...)                                                                          \
    (k = snprintf(n < cap ? out + n : NULL, n < cap ? cap - n : 0, __VA_ARGS__),           \
     n += k > 0 ? (size_t)k : 0)
    PUT("[");
    for (size_t i = 0; i < v->len; i++) {
        const char *name = NULL;
        for (const struct ps_enum *e = ps_eap_types; e->name && !name; e++)
            if (e->value == v->bytes[i])
                name = e->name;
        if (name)
            PUT("%s%s", i ? ", " : "", name);
        else
            PUT("%s%u", i ? ", " : "", v->bytes[i]);
    }
    PUT("]");
#undef PUT
    return (int)n;
}

static const struct ps_field eap_fields[] = {
    [E_CODE] = CODE(4, "4"),
    [E_ID] = ID,
    [E_LEN] = LEN("ShortField"),
    [E_TYPE] = {.name = "type", .kind = PS_K_UINT, .bits = 8, .enums = ps_eap_types,
                .present = has_type, .ls_type = "ByteEnumField (Cond)", .ls_default = "0"},
    [E_DESIRED] = {.name = "desired_auth_types", .kind = PS_K_BYTES, .def_text = "",
                   .present = has_desired, .decode = desired_decode, .repr = types_repr,
                   .ls_type = "FieldListField (Cond)", .ls_default = "[]"},
    [E_IDENTITY] = {.name = "identity", .kind = PS_K_BYTES, .def_text = "",
                    .present = has_identity, .decode = text_decode,
                    .ls_type = "StrLenField (Cond)", .ls_default = "b''"},
    [E_MESSAGE] = {.name = "message", .kind = PS_K_BYTES, .def_text = "", .present = has_message,
                   .decode = text_decode, .ls_type = "StrLenField (Cond)",
                   .ls_default = "b''"},
};

/* EAP.dispatch_hook: a request or response of 5 bytes or more is the class
 * registered for its type. */
static const char *eap_class(const uint8_t *p, size_t len)
{
    if (len < 5 || (p[0] != EAP_REQUEST && p[0] != EAP_RESPONSE))
        return NULL;
    switch (p[4]) {
    case 4: return "EAP_MD5";
    case 13: return "EAP_TLS";
    case 17: return "LEAP";
    case 21: return "EAP_TTLS";
    case 25: return "EAP_PEAP";
    case 43: return "EAP_FAST";
    default: return NULL;
    }
}

/* An enum field as sprintf("%EAP.field%") prints it: its name, else the
 * number. */
static int put_enum(char *out, size_t cap, const struct ps_enum *names, uint64_t v)
{
    for (const struct ps_enum *e = names; e->name; e++)
        if (e->value == v)
            return snprintf(out, cap, "%s", e->name);
    return snprintf(out, cap, "%llu", (unsigned long long)v);
}

/* EAP.mysummary, every method class alike: "EAP %code% %type%", and the
 * identity (its repr, quotes and all) of an identity response. The fields
 * are found by name: the method classes lay them out otherwise. */
static int eap_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    const struct ps_layer *l = &pkt->layers[idx];
    int fcode = ps_field_index(l->proto, "code"), ftype = ps_field_index(l->proto, "type");
    uint64_t code = fcode >= 0 ? ps_layer_uint(l, fcode) : 0;
    uint64_t type = ftype >= 0 ? ps_layer_uint(l, ftype) : 0;
    size_t n = 0;
    int k = snprintf(out, cap, "EAP ");
    n += k > 0 ? (size_t)k : 0;
    k = put_enum(n < cap ? out + n : NULL, n < cap ? cap - n : 0, ps_eap_codes, code);
    n += k > 0 ? (size_t)k : 0;
    k = snprintf(n < cap ? out + n : NULL, n < cap ? cap - n : 0, " ");
    n += k > 0 ? (size_t)k : 0;
    k = put_enum(n < cap ? out + n : NULL, n < cap ? cap - n : 0, ps_eap_types, type);
    n += k > 0 ? (size_t)k : 0;
    int fid = ps_field_index(l->proto, "identity");
    if (type == 1 && code == EAP_RESPONSE && fid >= 0) {
        const struct ps_fval *v = &l->v[fid];
        k = snprintf(n < cap ? out + n : NULL, n < cap ? cap - n : 0, " ");
        n += k > 0 ? (size_t)k : 0;
        k = ps_dns_bytes_repr(v->set ? v->bytes : NULL, v->set ? v->len : 0, false,
                              n < cap ? out + n : NULL, n < cap ? cap - n : 0);
        n += k > 0 ? (size_t)k : 0;
    }
    return (int)n;
}

/* EAP.guess_payload_class: what follows the packet is Padding. */
static const char *eap_payload(const struct ps_layer *l)
{
    (void)l;
    return "Padding";
}

/* EAP.answers: a response answers a request of the same type; a success or
 * failure answers a response. */
static enum ps_answer eap_answers(const struct ps_packet *reply, size_t *r,
                                  const struct ps_packet *query, size_t *q)
{
    if (*q >= query->n || strcmp(query->layers[*q].proto->klass ? query->layers[*q].proto->klass
                                                                 : "",
                                 "EAP") != 0)
        return PS_ANSWER_NO;
    const struct ps_layer *self = &reply->layers[*r], *other = &query->layers[*q];
    uint64_t code = ps_layer_uint(self, E_CODE), ocode = ps_layer_uint(other, E_CODE);
    if (code == EAP_REQUEST)
        return PS_ANSWER_NO;
    if (code == EAP_RESPONSE) {
        int t = ps_field_index(self->proto, "type"), ot = ps_field_index(other->proto, "type");
        return ocode == EAP_REQUEST && t >= 0 && ot >= 0 &&
                       ps_layer_uint(other, ot) == ps_layer_uint(self, t)
                   ? PS_ANSWER_YES
                   : PS_ANSWER_NO;
    }
    return ocode == EAP_RESPONSE ? PS_ANSWER_YES : PS_ANSWER_NO;
}

/* EAP.post_build, every class's: an unset len counts the payload too (a
 * list element has none: len_of_layer gives it there). */
static void eap_post_build(struct ps_build *b, size_t idx)
{
    const struct ps_layer *l = &b->pkt->layers[idx];
    if (l->v[E_LEN].set || b->hlen[idx] < 4)
        return;
    ps_put16(b->buf + b->start[idx] + 2, (uint16_t)(b->end[idx] - b->start[idx]));
}

/* bind_layers(PPP, EAP, proto=0xc227) (scapy/layers/ppp.py): the method
 * classes inherit its overload of PPP.proto. */
static const struct ps_bind eap_binds[] = {
    {"PPP", "proto", 0xc227},
    {"EAPOL", "type", 0}, /* bind_layers(EAPOL, EAP, type=0) */
    {NULL, NULL, 0},
};

#define EAP_CLASS(var, cls, longname, fieldtab)                                             \
    const struct ps_proto var = {.name = cls, .long_name = longname, .klass = "EAP",        \
                                 .fields = fieldtab, .nfields = PS_NFIELDS(fieldtab),       \
                                 .mysummary = eap_summary, .answers = eap_answers,   \
                                 .guess_payload = eap_payload, .build_binds = eap_binds, \
                                 .post_build = eap_post_build}

const struct ps_proto ps_proto_eap = {
    .name = "EAP", .long_name = "EAP", .klass = "EAP", .fields = eap_fields,
    .nfields = PS_NFIELDS(eap_fields), .dispatch = eap_class, .mysummary = eap_summary,
    .answers = eap_answers, .guess_payload = eap_payload, .binds = eap_binds,
    .post_build = eap_post_build};

/* ------------------------------------------------------------ EAP_MD5 */

enum { M_CODE, M_ID, M_LEN, M_TYPE, M_VALUE_SIZE, M_VALUE, M_NAME };

/* optional_name's length_from: 0 when len or value_size is None, else
 * len - value_size - 6. */
static long md5_name_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                            struct ps_fval *v, struct ps_decode_room *room)
{
    (void)room;
    long n = l->v[M_LEN].set && l->v[M_VALUE_SIZE].set
                 ? (long)l->v[M_LEN].u - (long)l->v[M_VALUE_SIZE].u - 6
                 : 0;
    return take_bytes(p, len, off, n, v);
}

static const struct ps_field md5_fields[] = {
    [M_CODE] = CODE(1, "1"),
    [M_ID] = ID,
    [M_LEN] = LEN("FieldLenField"),
    [M_TYPE] = TYPE(4, "4"),
    [M_VALUE_SIZE] = {.name = "value_size", .kind = PS_K_UINT, .bits = 8, .is_auto = true,
                      .length_of = "value", .ls_type = "FieldLenField", .ls_default = "None"},
    [M_VALUE] = {.name = "value", .kind = PS_K_BYTES, .def_text = "", .repr = ps_xstr_repr,
                 .ls_type = "XStrLenField", .ls_default = "b''"},
    [M_NAME] = {.name = "optional_name", .kind = PS_K_BYTES, .def_text = "",
                .repr = ps_xstr_repr, .decode = md5_name_decode, .ls_type = "XStrLenField",
                .ls_default = "b''"},
};
EAP_CLASS(ps_proto_eap_md5, "EAP_MD5", "EAP-MD5", md5_fields);

/* ------------------------------------- EAP_TLS, EAP_TTLS, EAP_PEAP, EAP_FAST */

enum { T_CODE, T_ID, T_LEN, T_TYPE, T_L, T_M, T_S };

static bool has_message_len(const struct ps_layer *l)
{
    return ps_layer_uint(l, T_L) == 1;
}

/* The data's length_from: 0 when len is None, else len - (6 + 4 * L). */
static long tls_data_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                            struct ps_fval *v, struct ps_decode_room *room)
{
    (void)room;
    long n = l->v[T_LEN].set ? (long)l->v[T_LEN].u - (6 + 4 * (long)ps_layer_uint(l, T_L)) : 0;
    return take_bytes(p, len, off, n, v);
}

#define TLS_HEAD(type, type_s)                                                              \
    [T_CODE] = CODE(1, "1"), [T_ID] = ID, [T_LEN] = LEN("FieldLenField"),                   \
    [T_TYPE] = TYPE(type, type_s), [T_L] = BIT("L", 1, "1 bit", 0, "0"),                     \
    [T_M] = BIT("M", 1, "1 bit", 0, "0"), [T_S] = BIT("S", 1, "1 bit", 0, "0")
#define MSG_LEN(n)                                                                          \
    {.name = n, .kind = PS_K_UINT, .bits = 32, .present = has_message_len,                  \
     .ls_type = "IntField (Cond)", .ls_default = "0"}
#define DATA(n)                                                                             \
    {.name = n, .kind = PS_K_BYTES, .def_text = "", .repr = ps_xstr_repr,                   \
     .decode = tls_data_decode, .ls_type = "XStrLenField", .ls_default = "b''"}

static const struct ps_field tls_fields[] = {
    TLS_HEAD(13, "13"),
    BIT("reserved", 5, "5 bits", 0, "0"),
    MSG_LEN("tls_message_len"),
    DATA("tls_data"),
};
EAP_CLASS(ps_proto_eap_tls, "EAP_TLS", "EAP-TLS", tls_fields);

static const struct ps_field ttls_fields[] = {
    TLS_HEAD(21, "21"),
    BIT("reserved", 2, "2 bits", 0, "0"),
    BIT("version", 3, "3 bits", 0, "0"),
    MSG_LEN("message_len"),
    DATA("data"),
};
EAP_CLASS(ps_proto_eap_ttls, "EAP_TTLS", "EAP-TTLS", ttls_fields);

static const struct ps_field peap_fields[] = {
    TLS_HEAD(25, "25"),
    BIT("reserved", 3, "3 bits", 0, "0"),
    BIT("version", 2, "2 bits", 1, "1"),
    MSG_LEN("tls_message_len"),
    DATA("tls_data"),
};
EAP_CLASS(ps_proto_eap_peap, "EAP_PEAP", "PEAP", peap_fields);

static const struct ps_field fast_fields[] = {
    TLS_HEAD(43, "43"),
    BIT("reserved", 2, "2 bits", 0, "0"),
    BIT("version", 3, "3 bits", 0, "0"),
    MSG_LEN("message_len"),
    DATA("data"),
};
EAP_CLASS(ps_proto_eap_fast, "EAP_FAST", "EAP-FAST", fast_fields);

/* ---------------------------------------------------------------- LEAP */

enum { L_CODE, L_ID, L_LEN, L_TYPE, L_VERSION, L_UNUSED, L_COUNT, L_CHALLENGE, L_USERNAME };

/* username's length_from: len - (8 + count) */
static long leap_user_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                             struct ps_fval *v, struct ps_decode_room *room)
{
    (void)room;
    long n = (long)ps_layer_uint(l, L_LEN) - (8 + (long)ps_layer_uint(l, L_COUNT));
    return take_bytes(p, len, off, n, v);
}

static const struct ps_field leap_fields[] = {
    [L_CODE] = CODE(1, "1"),
    [L_ID] = ID,
    [L_LEN] = LEN("ShortField"),
    [L_TYPE] = TYPE(17, "17"),
    [L_VERSION] = {.name = "version", .kind = PS_K_UINT, .bits = 8, .def = 1,
                   .ls_type = "ByteField", .ls_default = "1"},
    [L_UNUSED] = {.name = "unused", .kind = PS_K_UINT, .bits = 8, .hex = true,
                  .ls_type = "XByteField", .ls_default = "0"},
    [L_COUNT] = {.name = "count", .kind = PS_K_UINT, .bits = 8, .is_auto = true,
                 .length_of = "challenge_response", .ls_type = "FieldLenField",
                 .ls_default = "None"},
    [L_CHALLENGE] = {.name = "challenge_response", .kind = PS_K_BYTES, .def_text = "",
                     .repr = ps_xstr_repr, .ls_type = "XStrLenField", .ls_default = "b''"},
    [L_USERNAME] = {.name = "username", .kind = PS_K_BYTES, .def_text = "",
                    .decode = leap_user_decode, .ls_type = "StrLenField", .ls_default = "b''"},
};
EAP_CLASS(ps_proto_leap, "LEAP", "Cisco LEAP", leap_fields);

/* -------------------------------------------------------------- EAPOL */

/* EAPOL (IEEE 802.1X-2010): the header that carries EAP on a LAN. */
enum { P_VERSION, P_TYPE, P_LEN };

static const struct ps_enum eapol_versions[] = {
    {1, "802.1X-2001"}, {2, "802.1X-2004"}, {3, "802.1X-2010"}, {0, NULL}};

static const struct ps_enum eapol_types[] = {
    {0, "EAP-Packet"}, {1, "EAPOL-Start"}, {2, "EAPOL-Logoff"}, {3, "EAPOL-Key"},
    {4, "EAPOL-Encapsulated-ASF-Alert"}, {5, "EAPOL-MKA"},
    {6, "EAPOL-Announcement (Generic)"}, {7, "EAPOL-Announcement (Specific)"},
    {8, "EAPOL-Announcement-Req"}, {0, NULL}};

static const struct ps_field eapol_fields[] = {
    [P_VERSION] = {.name = "version", .kind = PS_K_UINT, .bits = 8, .def = 1,
                   .enums = eapol_versions, .ls_type = "ByteEnumField", .ls_default = "1"},
    [P_TYPE] = {.name = "type", .kind = PS_K_UINT, .bits = 8, .enums = eapol_types,
                .ls_type = "ByteEnumField", .ls_default = "0"},
    [P_LEN] = {.name = "len", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
               .ls_type = "LenField", .ls_default = "None"},
};

static void eapol_post_build(struct ps_build *b, size_t idx)
{
    if (b->hlen[idx] < 4 || b->pkt->layers[idx].v[P_LEN].set)
        return;
    ps_put16(b->buf + b->start[idx] + 2, (uint16_t)ps_lenfield_payload_len(b, idx));
}

/* extract_padding: s[:len] (all of it while len is None). */
static bool eapol_payload_len(const struct ps_layer *l, long *len)
{
    if (!l->v[P_LEN].set)
        return false;
    *len = (long)l->v[P_LEN].u;
    return true;
}

static int eapol_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    ps_strbuf_puts(&b, "EAPOL ");
    ps_put_field(&b, pkt, idx, "type");
    return ps_strbuf_result(&b);
}

/* hashret: chb(type) + payload.hashret() */
static size_t eapol_hashret(const struct ps_packet *pkt, size_t idx, struct ps_hash *h)
{
    uint8_t t = (uint8_t)ps_effective_uint(pkt, idx, P_TYPE);
    ps_hash_put(h, &t, 1);
    return idx + 1;
}

/* answers: EAP-Packet to EAP-Packet, as the EAP inside says. */
static enum ps_answer eapol_answers(const struct ps_packet *reply, size_t *r,
                                    const struct ps_packet *query, size_t *q)
{
    if (*q >= query->n || query->layers[*q].proto != &ps_proto_eapol ||
        ps_effective_uint(reply, *r, P_TYPE) != 0 || ps_effective_uint(query, *q, P_TYPE) != 0)
        return PS_ANSWER_NO;
    ++*r;
    ++*q;
    return PS_ANSWER_ON;
}

/* bind_layers(Ether, EAPOL, type=34958), (Ether, EAPOL, dst='01:80:c2:00:00:03',
 * type=34958), (CookedLinux, EAPOL, proto=34958), (GRE, EAPOL, proto=34958),
 * (SNAP, EAPOL, code=34958) */
static const struct ps_bind eapol_binds[] = {
    {"Ether", "type", 0x888e},
    {"CookedLinux", "proto", 0x888e},
    {"GRE", "proto", 0x888e},
    {"SNAP", "code", 0x888e},
    {NULL, NULL, 0},
};

/* The second Ether binding, the one building takes: the PAE group address. */
static const struct ps_addr_bind eapol_addr_binds[] = {
    {"Ether", "dst", "01:80:c2:00:00:03", NULL, 0},
    {NULL, NULL, NULL, NULL, 0},
};

const struct ps_proto ps_proto_eapol = {
    .name = "EAPOL",
    .long_name = "EAPOL",
    .fields = eapol_fields,
    .nfields = PS_NFIELDS(eapol_fields),
    .binds = eapol_binds,
    .addr_binds = eapol_addr_binds,
    .post_build = eapol_post_build,
    .payload_len = eapol_payload_len,
    .mysummary = eapol_summary,
    .hashret = eapol_hashret,
    .answers = eapol_answers,
};
