/* PPP's authentication protocols (scapy/layers/ppp.py): PAP (RFC 1334,
 * PPP_PAP and the request and response classes its dispatch_hook picks)
 * and CHAP (RFC 1994, PPP_CHAP and PPP_CHAP_ChallengeResponse), with
 * Scapy's summaries and answers(). Each message's len is a FieldLenField
 * whose adjust makes it the whole message's length. */
#include "field_text.h"
#include "ppp.h"
#include "protos.h"

enum { C_CODE, C_ID, C_LEN };

static const struct ps_enum pap_codes[] = {
    {1, "Authenticate-Request"}, {2, "Authenticate-Ack"}, {3, "Authenticate-Nak"}, {0, NULL},
};
static const struct ps_enum chap_codes[] = {
    {1, "Challenge"}, {2, "Response"}, {3, "Success"}, {4, "Failure"}, {0, NULL},
};

#define CODE(d, d_s, tab) \
    {.name = "code", .kind = PS_K_UINT, .bits = 8, .def = (d), .enums = tab, \
     .ls_type = "ByteEnumField", .ls_default = d_s}
#define ID \
    {.name = "id", .kind = PS_K_UINT, .bits = 8, .hex = true, .ls_type = "XByteField", \
     .ls_default = "0"}
#define LEN \
    {.name = "len", .kind = PS_K_UINT, .bits = 16, .is_auto = true, .len_of_layer = true, \
     .ls_type = "FieldLenField", .ls_default = "None"}
#define BLEN(n, of) \
    {.name = n, .kind = PS_K_UINT, .bits = 8, .is_auto = true, .length_of = of, \
     .ls_type = "FieldLenField", .ls_default = "None"}

/* StrLenField length_from=len - 4 */
static long data_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                        struct ps_fval *v, struct ps_decode_room *room)
{
    (void)room;
    return ps_ppp_take(p, len, off, (long)ps_layer_uint(l, C_LEN) - 4, v);
}

/* extract_padding: "", pay: what follows the message is Padding. */
static bool no_payload(const struct ps_layer *l, long *len)
{
    (void)l;
    *len = 0;
    return true;
}

/* `text` then " field=" and the field's i2repr, as sprintf writes them. */
static int put_with(const struct ps_packet *pkt, size_t idx, const char *text,
                    const char *label, const char *field, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    ps_strbuf_puts(&b, text);
    if (field) {
        char v[512];
        ps_format_field(pkt, idx, field, v, sizeof v);
        ps_strbuf_puts(&b, label);
        ps_strbuf_puts(&b, v);
    }
    return (int)b.len;
}

/* ---------------------------------------------------------------- PAP */

/* bind_layers(PPP, PPP_PAP, proto=0xc023) */
static const struct ps_bind pap_binds[] = {{"PPP", "proto", 0xc023}, {NULL, NULL, 0}};

static const char *pap_dispatch(const uint8_t *p, size_t len)
{
    if (!len)
        return NULL;
    return p[0] == 1 ? "PPP_PAP_Request" : p[0] == 2 || p[0] == 3 ? "PPP_PAP_Response" : NULL;
}

static const struct ps_field pap_fields[] = {
    CODE(1, "1", pap_codes), ID, LEN,
    {.name = "data", .kind = PS_K_BYTES, .def_text = "", .decode = data_decode,
     .ls_type = "StrLenField", .ls_default = "b''"},
};

const struct ps_proto ps_proto_ppp_pap = {
    .name = "PPP_PAP", .long_name = "PPP Password Authentication Protocol", .klass = "PPP_PAP",
    .fields = pap_fields, .nfields = PS_NFIELDS(pap_fields), .binds = pap_binds,
    .dispatch = pap_dispatch, .payload_len = no_payload};

static const struct ps_field pap_request_fields[] = {
    CODE(1, "1", pap_codes), ID, LEN, BLEN("username_len", "username"),
    {.name = "username", .kind = PS_K_BYTES, .is_auto = true, .def_text = "",
     .ls_type = "StrLenField", .ls_default = "None"},
    BLEN("passwd_len", "password"),
    {.name = "password", .kind = PS_K_BYTES, .is_auto = true, .def_text = "",
     .ls_type = "StrLenField", .ls_default = "None"},
};

/* "PAP-Request username=%username% password=%password%" */
static int pap_request_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    char user[512];
    ps_format_field(pkt, idx, "username", user, sizeof user);
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    ps_strbuf_puts(&b, "PAP-Request username=");
    ps_strbuf_puts(&b, user);
    int k = put_with(pkt, idx, "", " password=", "password", b.len < cap ? out + b.len : NULL,
                     b.len < cap ? cap - b.len : 0);
    return (int)b.len + k;
}

const struct ps_proto ps_proto_ppp_pap_request = {
    .name = "PPP_PAP_Request", .long_name = "PPP Password Authentication Protocol",
    .klass = "PPP_PAP", .fields = pap_request_fields, .nfields = PS_NFIELDS(pap_request_fields),
    .build_binds = pap_binds, .payload_len = no_payload, .mysummary = pap_request_summary};

enum { R_MSG_LEN = 3, R_MESSAGE };

static const struct ps_field pap_response_fields[] = {
    CODE(2, "2", pap_codes), ID, LEN, [R_MSG_LEN] = BLEN("msg_len", "message"),
    [R_MESSAGE] = {.name = "message", .kind = PS_K_BYTES, .def_text = "",
                   .ls_type = "StrLenField", .ls_default = "b''"},
};

/* "PAP-Ack" or "PAP-Nak", and " msg=%message%" when msg_len > 0. */
static int pap_response_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    const struct ps_layer *l = &pkt->layers[idx];
    const char *text = ps_layer_uint(l, C_CODE) == 2 ? "PAP-Ack" : "PAP-Nak";
    bool msg = l->v[R_MSG_LEN].set ? l->v[R_MSG_LEN].u > 0
                                   : l->v[R_MESSAGE].set && l->v[R_MESSAGE].len > 0;
    return put_with(pkt, idx, text, " msg=", msg ? "message" : NULL, out, cap);
}

/* answers: a response to a request with the same id. */
static enum ps_answer pap_response_answers(const struct ps_packet *reply, size_t *r,
                                           const struct ps_packet *query, size_t *q)
{
    return *q < query->n && query->layers[*q].proto == &ps_proto_ppp_pap_request &&
                   ps_layer_uint(&query->layers[*q], C_ID) ==
                       ps_layer_uint(&reply->layers[*r], C_ID)
               ? PS_ANSWER_YES
               : PS_ANSWER_NO;
}

const struct ps_proto ps_proto_ppp_pap_response = {
    .name = "PPP_PAP_Response", .long_name = "PPP Password Authentication Protocol",
    .klass = "PPP_PAP", .fields = pap_response_fields,
    .nfields = PS_NFIELDS(pap_response_fields), .build_binds = pap_binds,
    .payload_len = no_payload, .mysummary = pap_response_summary,
    .answers = pap_response_answers};

/* ---------------------------------------------------------------- CHAP */

/* bind_layers(PPP, PPP_CHAP, proto=0xc223) */
static const struct ps_bind chap_binds[] = {{"PPP", "proto", 0xc223}, {NULL, NULL, 0}};

static const char *chap_dispatch(const uint8_t *p, size_t len)
{
    return len && (p[0] == 1 || p[0] == 2) ? "PPP_CHAP_ChallengeResponse" : NULL;
}

static const struct ps_field chap_fields[] = {
    CODE(1, "1", chap_codes), ID, LEN,
    {.name = "data", .kind = PS_K_BYTES, .def_text = "", .decode = data_decode,
     .ls_type = "StrLenField", .ls_default = "b''"},
};

/* "CHAP Success message=%data%", "CHAP Failure message=%data%", else none. */
static int chap_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    uint64_t code = ps_layer_uint(&pkt->layers[idx], C_CODE);
    if (code == 3)
        return put_with(pkt, idx, "CHAP Success", " message=", "data", out, cap);
    if (code == 4)
        return put_with(pkt, idx, "CHAP Failure", " message=", "data", out, cap);
    return 0;
}

/* answers: a success or failure to a response with the same id. */
static enum ps_answer chap_answers(const struct ps_packet *reply, size_t *r,
                                   const struct ps_packet *query, size_t *q);

const struct ps_proto ps_proto_ppp_chap = {
    .name = "PPP_CHAP", .long_name = "PPP Challenge Handshake Authentication Protocol",
    .klass = "PPP_CHAP", .fields = chap_fields, .nfields = PS_NFIELDS(chap_fields),
    .binds = chap_binds, .dispatch = chap_dispatch, .payload_len = no_payload,
    .mysummary = chap_summary, .answers = chap_answers};

enum { V_SIZE = 3, V_VALUE, V_NAME };

/* optional_name: length_from=len - value_size - 5 */
static long name_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                        struct ps_fval *v, struct ps_decode_room *room)
{
    (void)room;
    long n = (long)ps_layer_uint(l, C_LEN) - (long)ps_layer_uint(l, V_SIZE) - 5;
    return ps_ppp_take(p, len, off, n, v);
}

static const struct ps_field chap_cr_fields[] = {
    CODE(1, "1", chap_codes), ID, LEN, [V_SIZE] = BLEN("value_size", "value"),
    [V_VALUE] = {.name = "value", .kind = PS_K_BYTES, .def_text = "\0\0\0\0\0\0\0\0",
                 .def_len = 8, .repr = ps_xstr_repr, .ls_type = "XStrLenField",
                 .ls_default = "b'\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00'"},
    [V_NAME] = {.name = "optional_name", .kind = PS_K_BYTES, .def_text = "",
                .decode = name_decode, .ls_type = "StrLenField", .ls_default = "b''"},
};

/* "CHAP challenge=0x%value% optional_name=%optional_name%" (code 1),
 * "CHAP response=..." (code 2). */
static int chap_cr_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    uint64_t code = ps_layer_uint(&pkt->layers[idx], C_CODE);
    if (code != 1 && code != 2)
        return 0;
    char value[600];
    ps_format_field(pkt, idx, "value", value, sizeof value);
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    ps_strbuf_puts(&b, code == 1 ? "CHAP challenge=0x" : "CHAP response=0x");
    ps_strbuf_puts(&b, value);
    int k = put_with(pkt, idx, "", " optional_name=", "optional_name",
                     b.len < cap ? out + b.len : NULL, b.len < cap ? cap - b.len : 0);
    return (int)b.len + k;
}

/* answers: a response to a challenge with the same id. */
static enum ps_answer chap_cr_answers(const struct ps_packet *reply, size_t *r,
                                      const struct ps_packet *query, size_t *q)
{
    if (*q >= query->n || query->layers[*q].proto != &ps_proto_ppp_chap_challenge_response)
        return PS_ANSWER_NO;
    const struct ps_layer *self = &reply->layers[*r], *other = &query->layers[*q];
    return ps_layer_uint(other, C_CODE) == 1 && ps_layer_uint(self, C_CODE) == 2 &&
                   ps_layer_uint(other, C_ID) == ps_layer_uint(self, C_ID)
               ? PS_ANSWER_YES
               : PS_ANSWER_NO;
}

static enum ps_answer chap_answers(const struct ps_packet *reply, size_t *r,
                                   const struct ps_packet *query, size_t *q)
{
    if (*q >= query->n || query->layers[*q].proto != &ps_proto_ppp_chap_challenge_response)
        return PS_ANSWER_NO;
    const struct ps_layer *self = &reply->layers[*r], *other = &query->layers[*q];
    uint64_t code = ps_layer_uint(self, C_CODE);
    return ps_layer_uint(other, C_CODE) == 2 && (code == 3 || code == 4) &&
                   ps_layer_uint(other, C_ID) == ps_layer_uint(self, C_ID)
               ? PS_ANSWER_YES
               : PS_ANSWER_NO;
}

const struct ps_proto ps_proto_ppp_chap_challenge_response = {
    .name = "PPP_CHAP_ChallengeResponse",
    .long_name = "PPP Challenge Handshake Authentication Protocol", .klass = "PPP_CHAP",
    .fields = chap_cr_fields, .nfields = PS_NFIELDS(chap_cr_fields), .build_binds = chap_binds,
    .payload_len = no_payload, .mysummary = chap_cr_summary, .answers = chap_cr_answers};
