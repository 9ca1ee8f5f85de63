/* TFTP (scapy/layers/tftp.py, RFC 1350, options RFC 2347): the opcode
 * header TFTP on UDP port 69, the classes its op picks (TFTP_RRQ,
 * TFTP_WRQ, TFTP_DATA, TFTP_ACK, TFTP_ERROR, TFTP_OACK) and the option list
 * that may follow a request or an option ack (TFTP_Options of TFTP_Option).
 * Strings are Scapy's StrNullField: the bytes up to a NUL, written with it. */
#include <string.h>

#include "field_text.h"
#include "packet.h"
#include "protos.h"

/* StrNullField.i2m: the value and its NUL (an `encode` hook). */
static long strnull_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                           size_t cap)
{
    const uint8_t *p = v->bytes;
    size_t n = v->len;
    /* Read where the frame ended before the NUL: written as it was. */
    size_t nul = v->set && v->u ? 0 : 1;
    if (!v->set) {
        /* The field's default ("octet" for mode): v is l's value of it. */
        size_t fi = (size_t)(v - l->v);
        n = fi < l->proto->nfields ? ps_field_def_bytes(&l->proto->fields[fi], &p) : 0;
    }
    if (out && n + nul > cap)
        return -1;
    if (out) {
        if (n)
            memcpy(out, p, n);
        if (nul)
            out[n] = 0;
    }
    return (long)(n + nul);
}

/* StrNullField.getfield: up to the first NUL, which it takes too; without
 * one, all that is left is the value. */
static long strnull_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                           struct ps_fval *v, struct ps_decode_room *room)
{
    (void)l;
    (void)room;
    const uint8_t *s = p + off, *nul = memchr(s, 0, len - off);
    v->bytes = s;
    v->len = nul ? (size_t)(nul - s) : len - off;
    v->u = !nul;
    return nul ? (long)v->len + 1 : (long)v->len;
}

#define STRNULL(nm, d, d_s)                                                                \
    {.name = nm, .kind = PS_K_BYTES, .def_text = d, .encode = strnull_encode,              \
     .decode = strnull_decode, .nul_terminated = true, .ls_type = "StrNullField",            \
     .ls_default = d_s}

static bool is(const struct ps_packet *pkt, size_t i, const struct ps_proto *p)
{
    return i < pkt->n && pkt->layers[i].proto == p;
}

/* ------------------------------------------------------------- TFTP */

static const struct ps_enum operations[] = {
    {1, "RRQ"}, {2, "WRQ"}, {3, "DATA"}, {4, "ACK"}, {5, "ERROR"}, {6, "OACK"}, {0, NULL},
};

static const struct ps_field tftp_fields[] = {
    {.name = "op", .kind = PS_K_UINT, .bits = 16, .def = 1, .enums = operations,
     .ls_type = "ShortEnumField", .ls_default = "1"},
};

/* bind_layers(UDP, TFTP, dport=69) */
static const struct ps_bind tftp_binds[] = {{"UDP", "dport", 69}, {NULL, NULL, 0}};

const struct ps_proto ps_proto_tftp = {
    .name = "TFTP",
    .long_name = "TFTP opcode",
    .fields = tftp_fields,
    .nfields = PS_NFIELDS(tftp_fields),
    .binds = tftp_binds,
};

/* ------------------------------------------------- the opcode classes */

static const struct ps_field rq_fields[] = {
    STRNULL("filename", "", "b''"),
    STRNULL("mode", "octet", "b'octet'"),
};

/* "RRQ %filename%" and the like, said with UDP below ([UDP]). */
static int summary_of(const struct ps_packet *pkt, size_t idx, char *out, size_t cap,
                      const char *head, const char *field)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    ps_strbuf_puts(&b, head);
    ps_put_field(&b, pkt, idx, field);
    return ps_strbuf_result(&b);
}

static int rrq_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    return summary_of(pkt, idx, out, cap, "RRQ ", "filename");
}

static int wrq_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    return summary_of(pkt, idx, out, cap, "WRQ ", "filename");
}

static int data_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    return summary_of(pkt, idx, out, cap, "DATA ", "block");
}

static int ack_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    return summary_of(pkt, idx, out, cap, "ACK ", "block");
}

static int error_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    ps_strbuf_puts(&b, "ERROR ");
    ps_put_field(&b, pkt, idx, "errorcode");
    ps_strbuf_puts(&b, ": ");
    ps_put_field(&b, pkt, idx, "errormsg");
    return ps_strbuf_result(&b);
}

/* TFTP_RRQ.answers, TFTP_WRQ.answers: 0 */
static enum ps_answer never(const struct ps_packet *reply, size_t *r,
                            const struct ps_packet *query, size_t *q)
{
    (void)reply, (void)r, (void)query, (void)q;
    return PS_ANSWER_NO;
}

/* TFTP_DATA: block 1 answers a read request. */
static enum ps_answer data_answers(const struct ps_packet *reply, size_t *r,
                                   const struct ps_packet *query, size_t *q)
{
    return ps_effective_uint(reply, *r, 0) == 1 && is(query, *q, &ps_proto_tftp_rrq)
               ? PS_ANSWER_YES
               : PS_ANSWER_NO;
}

/* TFTP_ACK: the block of the data it acknowledges, block 0 for a request
 * or an option ack. */
static enum ps_answer ack_answers(const struct ps_packet *reply, size_t *r,
                                  const struct ps_packet *query, size_t *q)
{
    uint64_t block = ps_effective_uint(reply, *r, 0);
    if (is(query, *q, &ps_proto_tftp_data))
        return block == ps_effective_uint(query, *q, 0) ? PS_ANSWER_YES : PS_ANSWER_NO;
    if (is(query, *q, &ps_proto_tftp_rrq) || is(query, *q, &ps_proto_tftp_wrq) ||
        is(query, *q, &ps_proto_tftp_oack))
        return block == 0 ? PS_ANSWER_YES : PS_ANSWER_NO;
    return PS_ANSWER_NO;
}

/* TFTP_ERROR answers data, a request or an ack. */
static enum ps_answer error_answers(const struct ps_packet *reply, size_t *r,
                                    const struct ps_packet *query, size_t *q)
{
    (void)reply, (void)r;
    return is(query, *q, &ps_proto_tftp_data) || is(query, *q, &ps_proto_tftp_rrq) ||
                   is(query, *q, &ps_proto_tftp_wrq) || is(query, *q, &ps_proto_tftp_ack)
               ? PS_ANSWER_YES
               : PS_ANSWER_NO;
}

/* TFTP_OACK answers a request. */
static enum ps_answer oack_answers(const struct ps_packet *reply, size_t *r,
                                   const struct ps_packet *query, size_t *q)
{
    (void)reply, (void)r;
    return is(query, *q, &ps_proto_tftp_rrq) || is(query, *q, &ps_proto_tftp_wrq)
               ? PS_ANSWER_YES
               : PS_ANSWER_NO;
}

static const struct ps_field block_fields[] = {
    {.name = "block", .kind = PS_K_UINT, .bits = 16, .ls_type = "ShortField", .ls_default = "0"},
};

static const struct ps_enum error_codes[] = {
    {0, "Not defined"},
    {1, "File not found"},
    {2, "Access violation"},
    {3, "Disk full or allocation exceeded"},
    {4, "Illegal TFTP operation"},
    {5, "Unknown transfer ID"},
    {6, "File already exists"},
    {7, "No such user"},
    {8, "Terminate transfer due to option negotiation"},
    {0, NULL},
};

static const struct ps_field error_fields[] = {
    {.name = "errorcode", .kind = PS_K_UINT, .bits = 16, .enums = error_codes,
     .ls_type = "ShortEnumField", .ls_default = "0"},
    STRNULL("errormsg", "", "b''"),
};

/* bind_layers(TFTP, TFTP_<class>, op=n) */
static const struct ps_bind rrq_binds[] = {{"TFTP", "op", 1}, {NULL, NULL, 0}};
static const struct ps_bind wrq_binds[] = {{"TFTP", "op", 2}, {NULL, NULL, 0}};
static const struct ps_bind data_binds[] = {{"TFTP", "op", 3}, {NULL, NULL, 0}};
static const struct ps_bind ack_binds[] = {{"TFTP", "op", 4}, {NULL, NULL, 0}};
static const struct ps_bind error_binds[] = {{"TFTP", "op", 5}, {NULL, NULL, 0}};
static const struct ps_bind oack_binds[] = {{"TFTP", "op", 6}, {NULL, NULL, 0}};

#define OP_CLASS(var, cls, longname, tab, bd, summ, ans)                                    \
    const struct ps_proto var = {.name = cls, .long_name = longname, .fields = tab,          \
                                 .nfields = PS_NFIELDS(tab), .binds = bd,                    \
                                 .mysummary = summ, .summary_needs = "UDP",                  \
                                 .answers = ans}

OP_CLASS(ps_proto_tftp_rrq, "TFTP_RRQ", "TFTP Read Request", rq_fields, rrq_binds,
         rrq_summary, never);
OP_CLASS(ps_proto_tftp_wrq, "TFTP_WRQ", "TFTP Write Request", rq_fields, wrq_binds,
         wrq_summary, never);
OP_CLASS(ps_proto_tftp_data, "TFTP_DATA", "TFTP Data", block_fields, data_binds, data_summary,
         data_answers);
OP_CLASS(ps_proto_tftp_ack, "TFTP_ACK", "TFTP Ack", block_fields, ack_binds, ack_summary,
         ack_answers);
OP_CLASS(ps_proto_tftp_error, "TFTP_ERROR", "TFTP Error", error_fields, error_binds,
         error_summary, error_answers);

/* TFTP_OACK has no fields. */
const struct ps_proto ps_proto_tftp_oack = {
    .name = "TFTP_OACK",
    .long_name = "TFTP Option Ack",
    .binds = oack_binds,
    .answers = oack_answers,
};

/* ------------------------------------------------------------ options */

static const struct ps_field option_fields[] = {
    STRNULL("oname", "", "b''"),
    STRNULL("value", "", "b''"),
};

/* Scapy's name of a class without one is the class's. extract_padding
 * hands the rest back to the list. */
const struct ps_proto ps_proto_tftp_option = {
    .name = "TFTP_Option",
    .long_name = "TFTP_Option",
    .klass = "TFTP_Option",
    .fields = option_fields,
    .nfields = PS_NFIELDS(option_fields),
};

/* PacketListField(length_from=lambda x: None): every byte left. */
static size_t options_len(const struct ps_layer *l, size_t field)
{
    (void)l, (void)field;
    return SIZE_MAX;
}

static const struct ps_field options_fields[] = {
    {.name = "options", .kind = PS_K_LAYERS, .sub_class = "TFTP_Option",
     .ls_type = "PacketListField", .ls_default = "[]"},
};

/* bind_layers(TFTP_RRQ, TFTP_Options), (TFTP_WRQ, ...), (TFTP_OACK, ...) */
static const struct ps_bind options_binds[] = {
    {"TFTP_RRQ", NULL, 0},
    {"TFTP_WRQ", NULL, 0},
    {"TFTP_OACK", NULL, 0},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_tftp_options = {
    .name = "TFTP_Options",
    .long_name = "TFTP_Options",
    .fields = options_fields,
    .nfields = PS_NFIELDS(options_fields),
    .binds = options_binds,
    .options_len = options_len,
};
