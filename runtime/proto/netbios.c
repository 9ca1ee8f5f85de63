/* NetBIOS over TCP/IP (scapy/layers/netbios.py, RFC 1001/1002): the name
 * service on UDP 137 (NBNSHeader and the classes its flags bind), the
 * datagram service on UDP 138 (NBTDatagram; NetBIOS_DS, which Scapy binds to
 * nothing) and the session service on TCP 139 and 445 (NBTSession). */
#include <stdio.h>
#include <string.h>

#include "dns_name.h"
#include "packet.h"
#include "protos.h"

/* ------------------------------------------------- NetBIOSNameField */

/* StrFixedLenField of 31 bytes: a length byte (the space i2m writes) and
 * 15 bytes, each as two letters 'A' + nibble. What a dissected field holds
 * is a view of its wire bytes, marked in `addr` (as DNS names are): Scapy's
 * value, m2i of them, is made when it is printed or written. A value the
 * spec gave is the name itself. */
#define NB_WIRE 31
#define NB_CHARS 15
static const uint8_t nb_tag[4] = {'N', 'B', 'n', 'm'};

static bool nb_is_view(const struct ps_fval *v)
{
    return v->set && v->bytes && memcmp(v->addr + 12, nb_tag, 4) == 0;
}

static bool is_space(uint8_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* The value Scapy holds: m2i of the wire bytes (strip \0, then spaces,
 * then each pair of letters is a byte), or the given name. Into buf (at
 * least NB_CHARS + 1 bytes for a view); returns its length and points *p
 * at it. */
/* NBNSNodeStatusRequest's QUESTION_NAME = b"*" + b"\x00" * 14, which a C
 * string cannot hold: its def_text is this one, the bytes are below. */
static const char status_name_default[] = "*";

static size_t nb_value(const struct ps_fval *v, const struct ps_field *f, uint8_t *buf,
                       const uint8_t **p)
{
    if (!nb_is_view(v) && (v->set || v->bytes)) {
        *p = v->bytes ? v->bytes : (const uint8_t *)"";
        return v->len;
    }
    if (!v->set) {
        static const uint8_t star[NB_CHARS] = "*";
        bool status = f->def_text == status_name_default;
        *p = status ? star : (const uint8_t *)f->def_text;
        return status ? NB_CHARS : strlen(f->def_text);
    }
    size_t a = 0, b = v->len;
    while (a < b && v->bytes[a] == 0)
        a++;
    while (b > a && v->bytes[b - 1] == 0)
        b--;
    while (a < b && v->bytes[a] == ' ')
        a++;
    while (b > a && v->bytes[b - 1] == ' ')
        b--;
    size_t n = 0;
    for (size_t i = a; i + 1 < b; i += 2)
        buf[n++] = (uint8_t)((((v->bytes[i] - 1) & 0xf) << 4) + ((v->bytes[i + 1] - 1) & 0xf));
    *p = buf;
    return n;
}

/* Which field of l's table v is (the hooks are shared). */
static const struct ps_field *field_of(const struct ps_layer *l, const struct ps_fval *v)
{
    for (size_t i = 0; i < l->proto->nfields && i < PS_MAX_FIELDS; i++)
        if (&l->v[i] == v)
            return &l->proto->fields[i];
    return NULL;
}

/* NetBIOSNameField.i2m: the value padded with spaces to 15 bytes, cut to
 * them, each byte as two letters, after a space. */
static long nb_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out, size_t cap)
{
    if (!out)
        return NB_WIRE;
    if (cap < NB_WIRE)
        return -1;
    const struct ps_field *f = field_of(l, v);
    uint8_t buf[NB_CHARS + 1];
    const uint8_t *p = NULL;
    size_t n = f ? nb_value(v, f, buf, &p) : 0;
    out[0] = ' ';
    for (size_t i = 0; i < NB_CHARS; i++) {
        uint8_t c = i < n ? p[i] : ' ';
        out[1 + 2 * i] = (uint8_t)(0x41 + (c >> 4));
        out[2 + 2 * i] = (uint8_t)(0x41 + (c & 0xf));
    }
    return NB_WIRE;
}

static long nb_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                      struct ps_fval *v, struct ps_decode_room *room)
{
    (void)l;
    (void)room;
    size_t n = len - off < NB_WIRE ? len - off : NB_WIRE;
    v->bytes = p + off;
    v->len = n;
    memset(v->addr, 0, sizeof v->addr);
    memcpy(v->addr + 12, nb_tag, 4);
    return (long)n;
}

/* StrFixedLenField.i2repr: the value without its trailing \0 bytes, as a
 * str's repr. A view's value is at most 15 bytes. */
static int nb_repr(const struct ps_fval *v, char *out, size_t cap)
{
    uint8_t buf[NB_CHARS + 1];
    static const struct ps_field none = {.def_text = ""};
    const uint8_t *p = NULL;
    size_t n = nb_value(v, &none, buf, &p);
    while (n > 0 && p[n - 1] == 0)
        n--;
    return ps_dns_bytes_repr(p, n, false, out, cap);
}

static enum ps_kind nb_value_of(const struct ps_layer *l, size_t fi, const struct ps_fval *v,
                                struct ps_fval *out, uint8_t *buf, size_t cap)
{
    uint8_t tmp[NB_CHARS + 1];
    const uint8_t *p = NULL;
    size_t n = nb_value(v, &l->proto->fields[fi], tmp, &p);
    if (n > cap)
        n = cap;
    memcpy(buf, p, n);
    memset(out, 0, sizeof *out);
    out->set = true;
    out->bytes = buf;
    out->len = n;
    return PS_K_BYTES;
}

static bool nb_given_form(const struct ps_layer *l, const struct ps_fval *v, struct ps_fval *out,
                          uint8_t *buf, size_t cap)
{
    (void)l;
    if (!nb_is_view(v))
        return false;
    uint8_t tmp[NB_CHARS + 1];
    static const struct ps_field none = {.def_text = ""};
    const uint8_t *p = NULL;
    size_t n = nb_value(v, &none, tmp, &p);
    if (n > cap)
        return false;
    memcpy(buf, p, n);
    memset(out, 0, sizeof *out);
    out->set = true;
    out->bytes = buf;
    out->len = n;
    return true;
}

#define NB_NAME(n, d, d_s)                                                                 \
    {.name = n, .kind = PS_K_BYTES, .def_text = d, .encode = nb_encode, .decode = nb_decode, \
     .repr = nb_repr, .value_of = nb_value_of, .given_form = nb_given_form,                  \
     .ls_type = "NetBIOSNameField", .ls_default = d_s}

/* The name's text for a summary: value.strip().decode(). */
static int put_name_text(const struct ps_layer *l, int fi, char *out, size_t cap)
{
    uint8_t buf[NB_CHARS + 1];
    const uint8_t *p = NULL;
    size_t n = nb_value(&l->v[fi], &l->proto->fields[fi], buf, &p);
    size_t a = 0;
    while (a < n && is_space(p[a]))
        a++;
    while (n > a && is_space(p[n - 1]))
        n--;
    return snprintf(out, cap, "%.*s", (int)(n - a), (const char *)p + a);
}

/* --------------------------------------------------------------- names */

static const struct ps_enum suffixes[] = {
    {0x4141, "workstation"},
    {0x4144, "messenger service"},
    {0x4341, "file server service"},
    {0x424c, "domain master browser"},
    {0x424d, "domain controller"},
    {0x424f, "browser election service"},
    {0, NULL},
};
static const struct ps_enum qrtypes[] = {{0x20, "NB"}, {0x21, "NBSTAT"}, {0, NULL}};
static const struct ps_enum qrclass[] = {{1, "INTERNET"}, {0, NULL}};
static const struct ps_enum rnames[] = {{0xC00C, "Label String Pointer to QUESTION_NAME"},
                                        {0, NULL}};
static const struct ps_enum owner_types[] = {
    {0, "B node"}, {1, "P node"}, {2, "M node"}, {3, "H node"}, {0, NULL},
};
static const struct ps_enum gnames[] = {{0, "Unique name"}, {1, "Group name"}, {0, NULL}};
static const struct ps_enum unused_names[] = {{0, "Unused"}, {0, NULL}};

#define SHORT(n, d, d_s)                                                                   \
    {.name = n, .kind = PS_K_UINT, .bits = 16, .def = (d), .ls_type = "ShortField",         \
     .ls_default = d_s}
#define BYTE(n, d, d_s)                                                                    \
    {.name = n, .kind = PS_K_UINT, .bits = 8, .def = (d), .ls_type = "ByteField",           \
     .ls_default = d_s}
#define INT(n, d, d_s)                                                                     \
    {.name = n, .kind = PS_K_UINT, .bits = 32, .def = (d), .ls_type = "IntField",           \
     .ls_default = d_s}
#define SHORT_ENUM(n, d, d_s, names)                                                       \
    {.name = n, .kind = PS_K_UINT, .bits = 16, .def = (d), .enums = names,                  \
     .ls_type = "ShortEnumField", .ls_default = d_s}
#define SUFFIX(n) SHORT_ENUM(n, 0x4141, "16705", suffixes)
#define IP(n) \
    {.name = n, .kind = PS_K_IPV4, .def_text = "127.0.0.1", .ls_type = "IPField", \
     .ls_default = "'127.0.0.1'"}
#define ADD_ENTRY_BITS                                                                     \
    {.name = "G", .kind = PS_K_UINT, .bits = 1, .enums = gnames, .ls_type = "BitEnumField", \
     .ls_default = "0"},                                                                    \
    {.name = "OWNER_NODE_TYPE", .kind = PS_K_UINT, .bits = 2, .enums = owner_types,         \
     .ls_type = "BitEnumField", .ls_default = "0"},                                         \
    {.name = "UNUSED", .kind = PS_K_UINT, .bits = 13, .enums = unused_names,                \
     .ls_type = "BitEnumField", .ls_default = "0"}

/* ---------------------------------------------------------- NBNSHeader */

static const char *const nm_flags[] = {"B", "res1", "res0", "RA", "RD", "TC", "AA", NULL};

static const struct ps_field header_fields[] = {
    SHORT("NAME_TRN_ID", 0, "0"),
    {.name = "RESPONSE", .kind = PS_K_UINT, .bits = 1, .ls_type = "BitField  (1 bit)",
     .ls_default = "0"},
    {.name = "OPCODE", .kind = PS_K_UINT, .bits = 4, .ls_type = "BitField  (4 bits)",
     .ls_default = "0"},
    {.name = "NM_FLAGS", .kind = PS_K_UINT, .bits = 7, .flags = nm_flags,
     .ls_type = "FlagsField", .ls_default = "<Flag 0 ()>"},
    {.name = "RCODE", .kind = PS_K_UINT, .bits = 4, .ls_type = "BitField  (4 bits)",
     .ls_default = "0"},
    SHORT("QDCOUNT", 0, "0"),
    SHORT("ANCOUNT", 0, "0"),
    SHORT("NSCOUNT", 0, "0"),
    SHORT("ARCOUNT", 0, "0"),
};

/* bind_bottom_up(UDP, NBNSHeader, dport=137), (sport=137);
 * bind_top_down(UDP, NBNSHeader, sport=137, dport=137). */
static const struct ps_bind header_dissect_binds[] = {
    {"UDP", "dport", 137}, {"UDP", NULL, 0}, {"UDP", "sport", 137}, {NULL, NULL, 0},
};
static const struct ps_bind header_build_binds[] = {
    {"UDP", "sport", 137}, {"UDP", "dport", 137}, {NULL, NULL, 0},
};

const struct ps_proto ps_proto_nbns_header = {
    .name = "NBNSHeader",
    .long_name = "NBNS Header",
    .fields = header_fields,
    .nfields = PS_NFIELDS(header_fields),
    .build_binds = header_build_binds,
    .dissect_binds = header_dissect_binds,
};

/* ---------------------------------------------- NBNSQueryRequest and the
 * node status request, its subclass (class attributes override the
 * defaults of QUESTION_NAME and QUESTION_TYPE). */

enum { Q_NAME, Q_SUFFIX, Q_NULL, Q_TYPE, Q_CLASS };

#define QUERY_FIELDS(name_def, name_ls, type_def, type_ls)                                 \
    [Q_NAME] = NB_NAME("QUESTION_NAME", name_def, name_ls), [Q_SUFFIX] = SUFFIX("SUFFIX"),  \
    [Q_NULL] = BYTE("NULL", 0, "0"),                                                        \
    [Q_TYPE] = SHORT_ENUM("QUESTION_TYPE", type_def, type_ls, qrtypes),                     \
    [Q_CLASS] = SHORT_ENUM("QUESTION_CLASS", 1, "1", qrclass)

static const struct ps_field query_fields[] = {QUERY_FIELDS("windows", "b'windows'", 0x20, "32")};

/* "NBNSQueryRequest who has '\\%s'" % QUESTION_NAME.strip().decode() */
static int query_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    char name[64];
    put_name_text(&pkt->layers[idx], Q_NAME, name, sizeof name);
    return snprintf(out, cap, "%s who has '\\\\%s'", pkt->layers[idx].proto->name, name);
}

/* bind_layers(NBNSHeader, NBNSQueryRequest, OPCODE=0, NM_FLAGS=0x11, QDCOUNT=1) */
static const struct ps_bind query_binds[] = {
    {"NBNSHeader", "OPCODE", 0}, {"NBNSHeader", "NM_FLAGS", 0x11}, {"NBNSHeader", "QDCOUNT", 1},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_nbns_query_request = {
    .name = "NBNSQueryRequest",
    .long_name = "NBNS query request",
    .fields = query_fields,
    .nfields = PS_NFIELDS(query_fields),
    .binds = query_binds,
    .mysummary = query_summary,
};

static const struct ps_field status_request_fields[] = {
    QUERY_FIELDS(status_name_default, "b'*\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
                 "\\x00\\x00\\x00\\x00\\x00\\x00\\x00'", 0x21, "33")};

/* bind_bottom_up(..., OPCODE=0, NM_FLAGS=0, QDCOUNT=1), and bind_layers
 * with NM_FLAGS=1, which builds. */
static const struct ps_bind status_request_binds[] = {
    {"NBNSHeader", "OPCODE", 0}, {"NBNSHeader", "NM_FLAGS", 1}, {"NBNSHeader", "QDCOUNT", 1},
    {NULL, NULL, 0},
};
static const struct ps_bind status_request_dissect_binds[] = {
    {"NBNSHeader", "OPCODE", 0}, {"NBNSHeader", "NM_FLAGS", 0}, {"NBNSHeader", "QDCOUNT", 1},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_nbns_node_status_request = {
    .name = "NBNSNodeStatusRequest",
    .long_name = "NBNS status request",
    .fields = status_request_fields,
    .nfields = PS_NFIELDS(status_request_fields),
    .binds = status_request_binds,
    .dissect_binds = status_request_dissect_binds,
    .mysummary = query_summary,
};

/* --------------------------------------------------- NBNSQueryResponse */

static const struct ps_field add_entry_fields[] = {ADD_ENTRY_BITS, IP("NB_ADDRESS")};

const struct ps_proto ps_proto_nbns_add_entry = {
    .name = "NBNS_ADD_ENTRY",
    .long_name = "NBNS_ADD_ENTRY",
    .klass = "NBNS_ADD_ENTRY",
    .fields = add_entry_fields,
    .nfields = PS_NFIELDS(add_entry_fields),
};

enum { QR_NAME, QR_SUFFIX, QR_NULL, QR_TYPE, QR_CLASS, QR_TTL, QR_RDLENGTH, QR_ENTRY };

static const struct ps_field query_response_fields[] = {
    [QR_NAME] = NB_NAME("RR_NAME", "windows", "b'windows'"),
    [QR_SUFFIX] = SUFFIX("SUFFIX"),
    [QR_NULL] = BYTE("NULL", 0, "0"),
    [QR_TYPE] = SHORT_ENUM("QUESTION_TYPE", 0x20, "32", qrtypes),
    [QR_CLASS] = SHORT_ENUM("QUESTION_CLASS", 1, "1", qrclass),
    [QR_TTL] = INT("TTL", 0x493e0, "300000"),
    [QR_RDLENGTH] = {.name = "RDLENGTH", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
                     .length_of = "ADDR_ENTRY", .ls_type = "FieldLenField",
                     .ls_default = "None"},
    [QR_ENTRY] = {.name = "ADDR_ENTRY", .kind = PS_K_LAYERS, .sub_class = "NBNS_ADD_ENTRY",
                  .def_sub = "NBNS_ADD_ENTRY", .ls_type = "PacketListField",
                  .ls_default = "[<NBNS_ADD_ENTRY  |>]"},
};

/* "NBNSQueryResponse '\\%s' is at %s" with the first entry's address, or
 * "NBNSQueryResponse" without entries. */
static int query_response_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    const struct ps_layer *l = &pkt->layers[idx];
    const struct ps_fval *e = &l->v[QR_ENTRY];
    uint8_t addr[4] = {127, 0, 0, 1};
    if (e->set && e->nsub == 0)
        return snprintf(out, cap, "NBNSQueryResponse");
    if (e->set && e->sub[0].v[3].set)
        memcpy(addr, e->sub[0].v[3].addr, 4);
    char name[64];
    put_name_text(l, QR_NAME, name, sizeof name);
    return snprintf(out, cap, "NBNSQueryResponse '\\\\%s' is at %u.%u.%u.%u", name, addr[0],
                    addr[1], addr[2], addr[3]);
}

static const struct ps_bind query_response_binds[] = {
    {"NBNSHeader", "OPCODE", 0}, {"NBNSHeader", "NM_FLAGS", 0x50},
    {"NBNSHeader", "RESPONSE", 1}, {"NBNSHeader", "ANCOUNT", 1},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_nbns_query_response = {
    .name = "NBNSQueryResponse",
    .long_name = "NBNS query response",
    .fields = query_response_fields,
    .nfields = PS_NFIELDS(query_response_fields),
    .binds = query_response_binds,
    .mysummary = query_response_summary,
};

/* ---------------------------------------------- NBNSNodeStatusResponse */

static const struct ps_enum service_suffixes[] = {
    {0, "workstation"},
    {0x03, "messenger service"},
    {0x1b, "domain master browser"},
    {0x1c, "domain controller"},
    {0x1e, "browser election service"},
    {0x20, "file server service"},
    {0, NULL},
};
static const struct ps_enum service_unused[] = {{0, "unused"}, {0, NULL}};

static const struct ps_field service_fields[] = {
    {.name = "NETBIOS_NAME", .kind = PS_K_BYTES, .bits = 15 * 8, .def_text = "WINDOWS        ",
     .repr = ps_strfixed_repr, .ls_type = "StrFixedLenField",
     .ls_default = "b'WINDOWS         '"},
    {.name = "SUFFIX", .kind = PS_K_UINT, .bits = 8, .enums = service_suffixes,
     .ls_type = "ByteEnumField", .ls_default = "0"},
    BYTE("NAME_FLAGS", 4, "4"),
    {.name = "UNUSED", .kind = PS_K_UINT, .bits = 8, .enums = service_unused,
     .ls_type = "ByteEnumField", .ls_default = "0"},
};

/* default_payload_class: Padding. */
static const char *padding_payload(const struct ps_layer *l)
{
    (void)l;
    return "Padding";
}

const struct ps_proto ps_proto_nbns_node_status_response_service = {
    .name = "NBNSNodeStatusResponseService",
    .long_name = "NBNS Node Status Response Service",
    .klass = "NBNSNodeStatusResponseService",
    .fields = service_fields,
    .nfields = PS_NFIELDS(service_fields),
    .guess_payload = padding_payload,
};

enum { S_NAME, S_SUFFIX, S_NULL, S_TYPE, S_CLASS, S_TTL, S_RDLENGTH, S_NUM, S_NODES, S_MAC,
       S_STATS };

/* XStrFixedLenField of 46 bytes: more bits than `bits` holds. */
static bool statistics_len(const struct ps_layer *l, size_t *len)
{
    (void)l;
    *len = 46;
    return true;
}

static const struct ps_field status_response_fields[] = {
    [S_NAME] = NB_NAME("RR_NAME", "windows", "b'windows'"),
    [S_SUFFIX] = SUFFIX("SUFFIX"),
    [S_NULL] = BYTE("NULL", 0, "0"),
    [S_TYPE] = SHORT_ENUM("RR_TYPE", 0x21, "33", qrtypes),
    [S_CLASS] = SHORT_ENUM("RR_CLASS", 1, "1", qrclass),
    [S_TTL] = INT("TTL", 0, "0"),
    [S_RDLENGTH] = SHORT("RDLENGTH", 83, "83"),
    [S_NUM] = {.name = "NUM_NAMES", .kind = PS_K_UINT, .bits = 8, .is_auto = true,
               .count_of = "NODE_NAME", .ls_type = "FieldLenField", .ls_default = "None"},
    [S_NODES] = {.name = "NODE_NAME", .kind = PS_K_LAYERS,
                 .sub_class = "NBNSNodeStatusResponseService",
                 .def_sub = "NBNSNodeStatusResponseService", .ls_type = "PacketListField",
                 .ls_default = "[<NBNSNodeStatusResponseService  |>]"},
    [S_MAC] = {.name = "MAC_ADDRESS", .kind = PS_K_MAC, .is_auto = true,
               .from_env = PS_ENV_SRC_MAC, .ls_type = "SourceMACField", .ls_default = "None"},
    [S_STATS] = {.name = "STATISTICS", .kind = PS_K_BYTES, .len_from = statistics_len, .def_text = "",
                 .repr = ps_xstr_repr, .ls_type = "XStrFixedLenField", .ls_default = "b''"},
};

/* NODE_NAME's count_from=NUM_NAMES: the names take what follows, read one
 * by one as long as they fit. */
static size_t status_response_list_len(const struct ps_layer *l, size_t field)
{
    (void)l;
    return field == S_NODES ? SIZE_MAX : 0;
}

/* answers: a status request asking for this name (its QUESTION_NAME as
 * Scapy holds it, the RR_NAME likewise). */
static enum ps_answer status_answers(const struct ps_packet *reply, size_t *r,
                                     const struct ps_packet *query, size_t *q)
{
    if (*q >= query->n || query->layers[*q].proto != &ps_proto_nbns_node_status_request)
        return PS_ANSWER_NO;
    const struct ps_layer *self = &reply->layers[*r], *other = &query->layers[*q];
    uint8_t a[NB_CHARS + 1], b[NB_CHARS + 1];
    const uint8_t *pa = NULL, *pb = NULL;
    size_t na = nb_value(&self->v[S_NAME], &self->proto->fields[S_NAME], a, &pa);
    size_t nb = nb_value(&other->v[Q_NAME], &other->proto->fields[Q_NAME], b, &pb);
    return na == nb && memcmp(pa, pb, na) == 0 ? PS_ANSWER_YES : PS_ANSWER_NO;
}

static const struct ps_bind status_response_binds[] = {
    {"NBNSHeader", "OPCODE", 0}, {"NBNSHeader", "NM_FLAGS", 0x40},
    {"NBNSHeader", "RESPONSE", 1}, {"NBNSHeader", "ANCOUNT", 1},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_nbns_node_status_response = {
    .name = "NBNSNodeStatusResponse",
    .long_name = "NBNS Node Status Response",
    .fields = status_response_fields,
    .nfields = PS_NFIELDS(status_response_fields),
    .binds = status_response_binds,
    .options_len = status_response_list_len,
    .answers = status_answers,
};

/* ------------------------------------- registration, wait for ack */

static const struct ps_field registration_fields[] = {
    NB_NAME("QUESTION_NAME", "Windows", "b'Windows'"),
    SUFFIX("SUFFIX"),
    BYTE("NULL", 0, "0"),
    SHORT_ENUM("QUESTION_TYPE", 0x20, "32", qrtypes),
    SHORT_ENUM("QUESTION_CLASS", 1, "1", qrclass),
    SHORT_ENUM("RR_NAME", 0xC00C, "49164", rnames),
    SHORT_ENUM("RR_TYPE", 0x20, "32", qrtypes),
    SHORT_ENUM("RR_CLASS", 1, "1", qrclass),
    INT("TTL", 0, "0"),
    SHORT("RDLENGTH", 6, "6"),
    ADD_ENTRY_BITS,
    IP("NB_ADDRESS"),
};

static const struct ps_bind registration_binds[] = {
    {"NBNSHeader", "OPCODE", 5}, {"NBNSHeader", "NM_FLAGS", 0x11},
    {"NBNSHeader", "QDCOUNT", 1}, {"NBNSHeader", "ARCOUNT", 1},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_nbns_registration_request = {
    .name = "NBNSRegistrationRequest",
    .long_name = "NBNS registration request",
    .fields = registration_fields,
    .nfields = PS_NFIELDS(registration_fields),
    .binds = registration_binds,
};

static const struct ps_field wack_fields[] = {
    NB_NAME("RR_NAME", "windows", "b'windows'"),
    SUFFIX("SUFFIX"),
    BYTE("NULL", 0, "0"),
    SHORT_ENUM("RR_TYPE", 0x20, "32", qrtypes),
    SHORT_ENUM("RR_CLASS", 1, "1", qrclass),
    INT("TTL", 2, "2"),
    SHORT("RDLENGTH", 2, "2"),
    {.name = "RDATA", .kind = PS_K_UINT, .bits = 16, .def = 10512,
     .ls_type = "BitField  (16 bits)", .ls_default = "10512"},
};

static const struct ps_bind wack_binds[] = {
    {"NBNSHeader", "OPCODE", 7}, {"NBNSHeader", "NM_FLAGS", 0x40},
    {"NBNSHeader", "RESPONSE", 1}, {"NBNSHeader", "ANCOUNT", 1},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_nbns_wack_response = {
    .name = "NBNSWackResponse",
    .long_name = "NBNS Wait for Acknowledgement Response",
    .fields = wack_fields,
    .nfields = PS_NFIELDS(wack_fields),
    .binds = wack_binds,
};

/* ------------------------------------------------------ NBTDatagram */

static const struct ps_field datagram_fields[] = {
    BYTE("Type", 0x10, "16"),
    BYTE("Flags", 0x02, "2"),
    SHORT("ID", 0, "0"),
    IP("SourceIP"),
    SHORT("SourcePort", 138, "138"),
    SHORT("Length", 272, "272"),
    SHORT("Offset", 0, "0"),
    NB_NAME("SourceName", "windows", "b'windows'"),
    SUFFIX("SUFFIX1"),
    BYTE("NULL1", 0, "0"),
    NB_NAME("DestinationName", "windows", "b'windows'"),
    SUFFIX("SUFFIX2"),
    BYTE("NULL2", 0, "0"),
};

/* bind_layers(UDP, NBTDatagram, dport=138) */
static const struct ps_bind datagram_binds[] = {{"UDP", "dport", 138}, {NULL, NULL, 0}};

const struct ps_proto ps_proto_nbt_datagram = {
    .name = "NBTDatagram",
    .long_name = "NBT Datagram Packet",
    .fields = datagram_fields,
    .nfields = PS_NFIELDS(datagram_fields),
    .binds = datagram_binds,
};

/* NetBIOS_DS: bound to nothing; its len, unset, is the length past the
 * first 14 bytes, payload included. */
enum { D_TYPE, D_FLAGS, D_ID, D_SRC, D_SPORT, D_LEN };

static const struct ps_enum ds_types[] = {{17, "direct_group"}, {0, NULL}};

static const struct ps_field ds_fields[] = {
    [D_TYPE] = {.name = "type", .kind = PS_K_UINT, .bits = 8, .def = 17, .enums = ds_types,
                .ls_type = "ByteEnumField", .ls_default = "17"},
    [D_FLAGS] = BYTE("flags", 0, "0"),
    [D_ID] = {.name = "id", .kind = PS_K_UINT, .bits = 16, .hex = true,
              .ls_type = "XShortField", .ls_default = "0"},
    [D_SRC] = IP("src"),
    [D_SPORT] = SHORT("sport", 138, "138"),
    [D_LEN] = {.name = "len", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
               .ls_type = "ShortField", .ls_default = "None"},
    SHORT("ofs", 0, "0"),
    NB_NAME("srcname", "", "b''"),
    NB_NAME("dstname", "", "b''"),
};

static void ds_post_build(struct ps_build *b, size_t idx)
{
    const struct ps_layer *l = &b->pkt->layers[idx];
    size_t n = b->end[idx] - b->start[idx];
    if (l->v[D_LEN].set || b->hlen[idx] < 12)
        return;
    ps_put16(b->buf + b->start[idx] + 10, (uint16_t)(n - 14));
}

const struct ps_proto ps_proto_netbios_ds = {
    .name = "NetBIOS_DS",
    .long_name = "NetBIOS datagram service",
    .fields = ds_fields,
    .nfields = PS_NFIELDS(ds_fields),
    .post_build = ds_post_build,
};

/* ------------------------------------------------------- NBTSession */

enum { T_TYPE, T_RESERVED, T_LENGTH };

static const struct ps_enum session_types[] = {
    {0x00, "Session Message"},
    {0x81, "Session Request"},
    {0x82, "Positive Session Response"},
    {0x83, "Negative Session Response"},
    {0x84, "Retarget Session Response"},
    {0x85, "Session Keepalive"},
    {0, NULL},
};

static const struct ps_field session_fields[] = {
    [T_TYPE] = {.name = "TYPE", .kind = PS_K_UINT, .bits = 8, .enums = session_types,
                .ls_type = "ByteEnumField", .ls_default = "0"},
    [T_RESERVED] = {.name = "RESERVED", .kind = PS_K_UINT, .bits = 7,
                    .ls_type = "BitField  (7 bits)", .ls_default = "0"},
    [T_LENGTH] = {.name = "LENGTH", .kind = PS_K_UINT, .bits = 17, .is_auto = true,
                  .ls_type = "BitField  (17 bits)", .ls_default = "None"},
};

/* NBTSession.post_build: an unset LENGTH writes the payload's length
 * (masked to 18 bits) over the last 3 bytes, the reserved bits too. */
static void session_post_build(struct ps_build *b, size_t idx)
{
    const struct ps_layer *l = &b->pkt->layers[idx];
    if (l->v[T_LENGTH].set || b->hlen[idx] < 4)
        return;
    size_t pay = b->end[idx] - b->start[idx] - b->hlen[idx];
    uint8_t *h = b->buf + b->start[idx];
    uint32_t n = (uint32_t)pay & 0x3ffff;
    h[1] = (uint8_t)(n >> 16);
    h[2] = (uint8_t)(n >> 8);
    h[3] = (uint8_t)n;
}

/* bind_bottom_up(TCP, NBTSession, dport=445), (sport=445), (dport=139),
 * (sport=139); bind_layers(TCP, NBTSession, dport=139, sport=139). */
static const struct ps_bind session_binds[] = {
    {"TCP", "dport", 139}, {"TCP", "sport", 139}, {NULL, NULL, 0},
};
static const struct ps_bind session_dissect_binds[] = {
    {"TCP", "dport", 445}, {"TCP", NULL, 0}, {"TCP", "sport", 445}, {"TCP", NULL, 0},
    {"TCP", "dport", 139}, {"TCP", NULL, 0}, {"TCP", "sport", 139}, {NULL, NULL, 0},
};

const struct ps_proto ps_proto_nbt_session = {
    .name = "NBTSession",
    .long_name = "NBT Session Packet",
    .fields = session_fields,
    .nfields = PS_NFIELDS(session_fields),
    .binds = session_binds,
    .dissect_binds = session_dissect_binds,
    .post_build = session_post_build,
};
