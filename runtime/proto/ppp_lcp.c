/* PPP's Link Control Protocol (scapy/layers/ppp.py, RFC 1661): PPP_LCP and
 * the classes its dispatch_hook picks by code, and the configuration
 * options (PPP_LCP_Option and its variants, picked by type). Every class
 * is named "PPP Link Control Protocol" / "PPP LCP Option" as in Scapy. */
#include <string.h>

#include "field_text.h"
#include "ppp.h"
#include "protos.h"

/* _PPP_lcptypes */
static const struct ps_enum lcp_codes[] = {
    {1, "Configure-Request"}, {2, "Configure-Ack"},    {3, "Configure-Nak"},
    {4, "Configure-Reject"},  {5, "Terminate-Request"}, {6, "Terminate-Ack"},
    {7, "Code-Reject"},       {8, "Protocol-Reject"},   {9, "Echo-Request"},
    {10, "Echo-Reply"},       {11, "Discard-Request"},  {0, NULL},
};

/* _PPP_lcp_optiontypes */
static const struct ps_enum option_types[] = {
    {1, "Maximum-Receive-Unit"},
    {2, "Async-Control-Character-Map"},
    {3, "Authentication-protocol"},
    {4, "Quality-protocol"},
    {5, "Magic-number"},
    {7, "Protocol-Field-Compression"},
    {8, "Address-and-Control-Field-Compression"},
    {13, "Callback"},
    {0, NULL},
};

static const struct ps_enum auth_protocols[] = {
    {0xc023, "Password authentication protocol"},
    {0xc223, "Challenge-response authentication protocol"},
    {0xc227, "PPP Extensible authentication protocol"},
    {0, NULL},
};

static const struct ps_enum chap_algorithms[] = {
    {5, "MD5"}, {6, "SHA1"}, {128, "MS-CHAP"}, {129, "MS-CHAP-v2"}, {0, NULL},
};

static const struct ps_enum quality_protocols[] = {{0xc025, "Link Quality Report"}, {0, NULL}};

static const struct ps_enum callback_operations[] = {
    {0, "Location determined by user authentication"},
    {1, "Dialing string"},
    {2, "Location identifier"},
    {3, "E.164 number"},
    {4, "Distinguished name"},
    {0, NULL},
};

/* Every class's fields 0-2: code, id, len. Its len is a FieldLenField whose
 * adjust makes it the whole message's length. */
enum { C_CODE, C_ID, C_LEN, C_BODY };

#define CODE(d, d_s) \
    {.name = "code", .kind = PS_K_UINT, .bits = 8, .def = (d), .enums = lcp_codes, \
     .ls_type = "ByteEnumField", .ls_default = d_s}
#define ID \
    {.name = "id", .kind = PS_K_UINT, .bits = 8, .hex = true, .ls_type = "XByteField", \
     .ls_default = "0"}
#define LEN(lt) \
    {.name = "len", .kind = PS_K_UINT, .bits = 16, .is_auto = true, .len_of_layer = true, \
     .ls_type = lt, .ls_default = "None"}
#define TAKE(fn, k) \
    static long fn(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l, \
                   struct ps_fval *v, struct ps_decode_room *room) \
    { \
        (void)room; \
        return ps_ppp_take(p, len, off, (long)ps_layer_uint(l, C_LEN) - (k), v); \
    }

/* StrLenField length_from=len - 4 (PPP_LCP.data), len - 8 (after the
 * magic number). */
TAKE(data4_decode, 4)
TAKE(data8_decode, 8)

/* mysummary: "LCP %code%" */
static int lcp_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    char code[64];
    ps_format_field(pkt, idx, "code", code, sizeof code);
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    ps_strbuf_puts(&b, "LCP ");
    ps_strbuf_puts(&b, code);
    return (int)b.len;
}

/* extract_padding: b"", pay: what follows the message is Padding. */
static bool no_payload(const struct ps_layer *l, long *len)
{
    (void)l;
    *len = 0;
    return true;
}

/* dispatch_hook: the class for the code. */
static const char *lcp_dispatch(const uint8_t *p, size_t len)
{
    if (!len)
        return NULL;
    switch (p[0]) {
    case 1: case 2: case 3: case 4: return "PPP_LCP_Configure";
    case 5: case 6: return "PPP_LCP_Terminate";
    case 7: return "PPP_LCP_Code_Reject";
    case 8: return "PPP_LCP_Protocol_Reject";
    case 9: case 10: return "PPP_LCP_Echo";
    case 11: return "PPP_LCP_Discard_Request";
    default: return NULL;
    }
}

/* answers(): reply code in [lo, hi] to a query of the same class with
 * code `qcode` and the same id. */
static enum ps_answer answer_code(const struct ps_packet *reply, size_t *r,
                                  const struct ps_packet *query, size_t *q, uint64_t lo,
                                  uint64_t hi, uint64_t qcode)
{
    if (*q >= query->n || query->layers[*q].proto != reply->layers[*r].proto)
        return PS_ANSWER_NO;
    const struct ps_layer *self = &reply->layers[*r], *other = &query->layers[*q];
    uint64_t code = ps_layer_uint(self, C_CODE);
    return code >= lo && code <= hi && ps_layer_uint(other, C_CODE) == qcode &&
                   ps_layer_uint(other, C_ID) == ps_layer_uint(self, C_ID)
               ? PS_ANSWER_YES
               : PS_ANSWER_NO;
}

static enum ps_answer configure_answers(const struct ps_packet *reply, size_t *r,
                                        const struct ps_packet *query, size_t *q)
{
    return answer_code(reply, r, query, q, 2, 4, 1);
}
static enum ps_answer terminate_answers(const struct ps_packet *reply, size_t *r,
                                        const struct ps_packet *query, size_t *q)
{
    return answer_code(reply, r, query, q, 6, 6, 5);
}
static enum ps_answer echo_answers(const struct ps_packet *reply, size_t *r,
                                   const struct ps_packet *query, size_t *q)
{
    return answer_code(reply, r, query, q, 10, 10, 9);
}

/* bind_layers(PPP, PPP_LCP, proto=0xc021): every class overloads it. */
static const struct ps_bind lcp_binds[] = {{"PPP", "proto", 0xc021}, {NULL, NULL, 0}};

static const struct ps_field lcp_fields[] = {
    CODE(5, "5"), ID, LEN("FieldLenField"),
    {.name = "data", .kind = PS_K_BYTES, .def_text = "", .decode = data4_decode,
     .ls_type = "StrLenField", .ls_default = "b''"},
};

/* A class PPP_LCP's dispatch_hook picks: PPP's binding holds for it. */
#define LCP_CLASS(cls, tab, ans) \
    .name = cls, .long_name = "PPP Link Control Protocol", .klass = "PPP_LCP", .fields = tab, \
    .nfields = PS_NFIELDS(tab), .build_binds = lcp_binds, .payload_len = no_payload, \
    .mysummary = lcp_summary, .answers = ans

const struct ps_proto ps_proto_ppp_lcp = {
    .name = "PPP_LCP", .long_name = "PPP Link Control Protocol", .klass = "PPP_LCP",
    .fields = lcp_fields, .nfields = PS_NFIELDS(lcp_fields), .binds = lcp_binds,
    .payload_len = no_payload, .mysummary = lcp_summary, .dispatch = lcp_dispatch};

const struct ps_proto ps_proto_ppp_lcp_terminate = {
    LCP_CLASS("PPP_LCP_Terminate", lcp_fields, terminate_answers)};

/* ---------------------------------------------------------- options */

enum { O_TYPE, O_LEN };

#define OTYPE(d, d_s) \
    {.name = "type", .kind = PS_K_UINT, .bits = 8, .def = (d), .enums = option_types, \
     .ls_type = "ByteEnumField", .ls_default = d_s}
#define OLEN \
    {.name = "len", .kind = PS_K_UINT, .bits = 8, .is_auto = true, .len_of_layer = true, \
     .ls_type = "FieldLenField", .ls_default = "None"}
#define OLEN_FIXED(d, d_s) \
    {.name = "len", .kind = PS_K_UINT, .bits = 8, .def = (d), .ls_type = "ByteField", \
     .ls_default = d_s}
#define OTAKE(fn, k) \
    static long fn(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l, \
                   struct ps_fval *v, struct ps_decode_room *room) \
    { \
        (void)room; \
        return ps_ppp_take(p, len, off, (long)ps_layer_uint(l, O_LEN) - (k), v); \
    }
OTAKE(odata2_decode, 2)
OTAKE(odata3_decode, 3)
OTAKE(odata4_decode, 4)

/* PPP_LCP_Option.dispatch_hook: the variant registered for the type. */
static const char *option_dispatch(const uint8_t *p, size_t len)
{
    if (!len)
        return NULL;
    switch (p[0]) {
    case 1: return "PPP_LCP_MRU_Option";
    case 2: return "PPP_LCP_ACCM_Option";
    case 3: return "PPP_LCP_Auth_Protocol_Option";
    case 4: return "PPP_LCP_Quality_Protocol_Option";
    case 5: return "PPP_LCP_Magic_Number_Option";
    case 13: return "PPP_LCP_Callback_Option";
    default: return NULL;
    }
}

#define OPTION(cls, tab) \
    .name = cls, .long_name = "PPP LCP Option", .klass = "PPP_LCP_Option", .fields = tab, \
    .nfields = PS_NFIELDS(tab), .payload_len = no_payload

static const struct ps_field option_fields[] = {
    {.name = "type", .kind = PS_K_UINT, .bits = 8, .is_auto = true, .enums = option_types,
     .ls_type = "ByteEnumField", .ls_default = "None"},
    OLEN,
    {.name = "data", .kind = PS_K_BYTES, .is_auto = true, .def_text = "",
     .decode = odata2_decode, .ls_type = "StrLenField", .ls_default = "None"},
};
const struct ps_proto ps_proto_ppp_lcp_option = {
    OPTION("PPP_LCP_Option", option_fields), .dispatch = option_dispatch};

static const struct ps_field mru_fields[] = {
    OTYPE(1, "1"), OLEN_FIXED(4, "4"),
    {.name = "max_recv_unit", .kind = PS_K_UINT, .bits = 16, .def = 1500,
     .ls_type = "ShortField", .ls_default = "1500"},
};
const struct ps_proto ps_proto_ppp_lcp_mru_option = {OPTION("PPP_LCP_MRU_Option", mru_fields)};

static const struct ps_field accm_fields[] = {
    OTYPE(2, "2"), OLEN_FIXED(6, "6"),
    {.name = "accm", .kind = PS_K_UINT, .bits = 32, .ls_type = "BitField  (32 bits)",
     .ls_default = "0"},
};
const struct ps_proto ps_proto_ppp_lcp_accm_option = {OPTION("PPP_LCP_ACCM_Option", accm_fields)};

enum { A_TYPE, A_LEN, A_PROTO, A_DATA, A_ALGORITHM };

static bool auth_not_chap(const struct ps_layer *l)
{
    return ps_layer_uint(l, A_PROTO) != 0xc223;
}
static bool auth_chap(const struct ps_layer *l)
{
    return ps_layer_uint(l, A_PROTO) == 0xc223;
}

static const struct ps_field auth_fields[] = {
    [A_TYPE] = OTYPE(3, "3"),
    [A_LEN] = OLEN,
    [A_PROTO] = {.name = "auth_protocol", .kind = PS_K_UINT, .bits = 16, .def = 0xc023,
                 .enums = auth_protocols, .ls_type = "ShortEnumField", .ls_default = "49187"},
    [A_DATA] = {.name = "data", .kind = PS_K_BYTES, .def_text = "", .present = auth_not_chap,
                .decode = odata4_decode, .ls_type = "StrLenField (Cond)", .ls_default = "b''"},
    [A_ALGORITHM] = {.name = "algorithm", .kind = PS_K_UINT, .bits = 8, .def = 5,
                     .enums = chap_algorithms, .present = auth_chap,
                     .ls_type = "ByteEnumField (Cond)", .ls_default = "5"},
};

/* adjust_auth_len: an unset len of a PAP option is 4 whatever its data
 * (Scapy's), of a CHAP one 5, else the whole option's. o is the option, at
 * its bytes (2 or more). */
static void auth_fix_len(const struct ps_layer *o, uint8_t *at)
{
    if (o->proto == &ps_proto_ppp_lcp_auth_protocol_option && !o->v[A_LEN].set &&
        ps_layer_uint(o, A_PROTO) == 0xc023)
        at[1] = 4;
}

static void auth_post_build(struct ps_build *b, size_t idx)
{
    if (b->hlen[idx] >= 2)
        auth_fix_len(&b->pkt->layers[idx], b->buf + b->start[idx]);
}
const struct ps_proto ps_proto_ppp_lcp_auth_protocol_option = {
    OPTION("PPP_LCP_Auth_Protocol_Option", auth_fields), .post_build = auth_post_build};

static const struct ps_field quality_fields[] = {
    OTYPE(4, "4"), OLEN,
    {.name = "quality_protocol", .kind = PS_K_UINT, .bits = 16, .def = 0xc025,
     .enums = quality_protocols, .ls_type = "ShortEnumField", .ls_default = "49189"},
    {.name = "data", .kind = PS_K_BYTES, .def_text = "", .decode = odata4_decode,
     .ls_type = "StrLenField", .ls_default = "b''"},
};
const struct ps_proto ps_proto_ppp_lcp_quality_protocol_option = {
    OPTION("PPP_LCP_Quality_Protocol_Option", quality_fields)};

static const struct ps_field magic_fields[] = {
    OTYPE(5, "5"), OLEN_FIXED(6, "6"),
    {.name = "magic_number", .kind = PS_K_UINT, .bits = 32, .is_auto = true,
     .ls_type = "IntField", .ls_default = "None"},
};
const struct ps_proto ps_proto_ppp_lcp_magic_number_option = {
    OPTION("PPP_LCP_Magic_Number_Option", magic_fields)};

static const struct ps_field callback_fields[] = {
    OTYPE(13, "13"), OLEN,
    {.name = "operation", .kind = PS_K_UINT, .bits = 8, .enums = callback_operations,
     .ls_type = "ByteEnumField", .ls_default = "0"},
    {.name = "message", .kind = PS_K_BYTES, .def_text = "", .decode = odata3_decode,
     .ls_type = "StrLenField", .ls_default = "b''"},
};
const struct ps_proto ps_proto_ppp_lcp_callback_option = {
    OPTION("PPP_LCP_Callback_Option", callback_fields)};

/* ------------------------------------------------ Configure, Discard, Echo */

/* PacketListField length_from=len - 4, Python's slice (a len under 4 cuts
 * from the end): the options while they read, the rest left as bytes, as
 * the decoder reads a list (the options hold no list of their own). */
static long configure_options_decode(const uint8_t *p, size_t len, size_t off,
                                     const struct ps_layer *l, struct ps_fval *v,
                                     struct ps_decode_room *room)
{
    struct ps_fval all = {0};
    size_t n = (size_t)ps_ppp_take(p, len, off, (long)ps_layer_uint(l, C_LEN) - 4, &all);
    size_t pos = 0;
    memset(v, 0, sizeof *v);
    if (room && room->subs && room->element) {
        v->sub = room->subs + room->subs_used;
        while (pos < n && room->subs_used < room->subs_cap) {
            const char *name = option_dispatch(p + off + pos, n - pos);
            const struct ps_proto *c = name ? ps_proto_find(name) : NULL;
            long h = room->element(c ? c : &ps_proto_ppp_lcp_option, p + off + pos, n - pos,
                                   &room->subs[room->subs_used], room);
            if (h <= 0)
                break;
            pos += (size_t)h;
            room->subs_used++;
            v->nsub++;
        }
        if (!v->nsub)
            v->sub = NULL;
    }
    v->bytes = pos < n ? p + off + pos : NULL;
    v->len = n - pos;
    return (long)n;
}

/* An option's encoded size, from its fields (all whole bytes). */
static size_t option_size(const struct ps_layer *o)
{
    size_t n = 0;
    for (size_t fi = 0; fi < o->proto->nfields; fi++) {
        const struct ps_field *f = &o->proto->fields[fi];
        if (f->present && !f->present(o))
            continue;
        if (f->kind == PS_K_UINT)
            n += f->bits / 8;
        else if (o->v[fi].set)
            n += o->v[fi].len;
        else
            n += strlen(f->def_text ? f->def_text : "");
    }
    return n;
}

/* The options' own post_build does not run inside a list: fix the PAP
 * option's len here (adjust_auth_len). */
static void configure_post_build(struct ps_build *b, size_t idx)
{
    const struct ps_layer *l = &b->pkt->layers[idx];
    const struct ps_fval *opts = &l->v[C_BODY];
    size_t at = 4;
    for (size_t k = 0; opts->set && k < opts->nsub && at + 2 <= b->hlen[idx]; k++) {
        uint8_t *o = b->buf + b->start[idx] + at;
        auth_fix_len(&opts->sub[k], o);
        at += option_size(&opts->sub[k]);
    }
}

static const struct ps_field configure_fields[] = {
    CODE(1, "1"), ID, LEN("FieldLenField"),
    {.name = "options", .kind = PS_K_LAYERS, .sub_class = "PPP_LCP_Option",
     .decode = configure_options_decode, .ls_type = "PacketListField", .ls_default = "[]"},
};
const struct ps_proto ps_proto_ppp_lcp_configure = {
    LCP_CLASS("PPP_LCP_Configure", configure_fields, configure_answers),
    .post_build = configure_post_build};

#define DISCARD(code, code_s) \
    CODE(code, code_s), ID, LEN("FieldLenField"), \
    {.name = "magic_number", .kind = PS_K_UINT, .bits = 32, .is_auto = true, \
     .ls_type = "IntField", .ls_default = "None"}, \
    {.name = "data", .kind = PS_K_BYTES, .def_text = "", .decode = data8_decode, \
     .ls_type = "StrLenField", .ls_default = "b''"}

static const struct ps_field discard_fields[] = {DISCARD(11, "11")};
const struct ps_proto ps_proto_ppp_lcp_discard_request = {
    LCP_CLASS("PPP_LCP_Discard_Request", discard_fields, NULL)};

/* PPP_LCP_Echo's class attribute code = 9 is its code's default. */
static const struct ps_field echo_fields[] = {DISCARD(9, "9")};
const struct ps_proto ps_proto_ppp_lcp_echo = {
    LCP_CLASS("PPP_LCP_Echo", echo_fields, echo_answers)};

/* ------------------------------------------------ Code-Reject, Protocol-Reject */

/* Stores element c read from p[0..n) as the next element of v: false when
 * its fields end inside it (Scapy raises: the message is Raw). */
static bool add_element(const struct ps_proto *c, const uint8_t *p, size_t n, struct ps_fval *v,
                        struct ps_decode_room *room, long *took)
{
    if (!room || !room->subs || !room->element || room->subs_used >= room->subs_cap) {
        v->bytes = p;
        v->len = n;
        *took = (long)n;
        return true;
    }
    if (!v->nsub)
        v->sub = room->subs + room->subs_used;
    /* The slot is taken first: the element's own list (a rejected
     * Configure's options, a rejected Code-Reject's message), read by its
     * hook meanwhile, goes after it. */
    struct ps_layer *e = &room->subs[room->subs_used++];
    *took = room->element(c, p, n, e, room);
    if (*took < 0)
        return false;
    v->nsub++;
    return true;
}

/* PacketField("rejected_packet", None, PPP_LCP): PPP_LCP(s), the class its
 * dispatch_hook picks; what that message leaves (its Padding) is the
 * Code-Reject's payload, Padding too. */
static long rejected_packet_decode(const uint8_t *p, size_t len, size_t off,
                                   const struct ps_layer *l, struct ps_fval *v,
                                   struct ps_decode_room *room)
{
    (void)l;
    memset(v, 0, sizeof *v);
    if (off >= len)
        return 0;
    const char *name = lcp_dispatch(p + off, len - off);
    const struct ps_proto *c = name ? ps_proto_find(name) : NULL;
    long took;
    if (!add_element(c ? c : &ps_proto_ppp_lcp, p + off, len - off, v, room, &took))
        return -1;
    v->set = true;
    return took;
}

/* PacketField("rejected_information", None, Packet): Packet(s), which holds
 * s as its Raw payload. */
static long rejected_information_decode(const uint8_t *p, size_t len, size_t off,
                                        const struct ps_layer *l, struct ps_fval *v,
                                        struct ps_decode_room *room)
{
    (void)l;
    memset(v, 0, sizeof *v);
    if (off >= len)
        return 0;
    long took;
    if (!add_element(&ps_proto_packet, p + off, 0, v, room, &took) ||
        !add_element(ps_proto_find("Raw"), p + off, len - off, v, room, &took))
        return -1;
    v->set = true;
    return (long)(len - off);
}

static const struct ps_field code_reject_fields[] = {
    CODE(7, "7"), ID, LEN("FieldLenField"),
    {.name = "rejected_packet", .kind = PS_K_LAYERS, .chain = true, .sub_class = "PPP_LCP",
     .decode = rejected_packet_decode, .ls_type = "PacketField", .ls_default = "None"},
};
const struct ps_proto ps_proto_ppp_lcp_code_reject = {
    LCP_CLASS("PPP_LCP_Code_Reject", code_reject_fields, NULL)};

static const struct ps_field protocol_reject_fields[] = {
    CODE(8, "8"), ID, LEN("FieldLenField"),
    {.name = "rejected_protocol", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
     .enums = ps_ppp_protocols, .ls_type = "ShortEnumField", .ls_default = "None"},
    {.name = "rejected_information", .kind = PS_K_LAYERS, .chain = true, .sub_class = "Packet",
     .decode = rejected_information_decode, .ls_type = "PacketField", .ls_default = "None"},
};
const struct ps_proto ps_proto_ppp_lcp_protocol_reject = {
    LCP_CLASS("PPP_LCP_Protocol_Reject", protocol_reject_fields, NULL)};
