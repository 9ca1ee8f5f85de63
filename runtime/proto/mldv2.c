/* MLDv2 (scapy/layers/inet6.py, RFC 3810): ICMPv6MLQuery2, the query a
 * message of 28 bytes or more of type 130 is (icmpv6.c's dispatch), and
 * ICMPv6MLReport2 with its ICMPv6MLDMultAddrRec records. */
#include "packet.h"
#include "protos.h"

/* IP6ListField.getfield with count_from: that many addresses as far as
 * the bytes go; a piece shorter than an address makes inet_ntop raise. */
static long sources_decode(const uint8_t *p, size_t len, size_t off, size_t count,
                           struct ps_fval *v)
{
    size_t n = count * 16, rest = len - off;
    if (n > rest)
        n = rest;
    if (n % 16)
        return -1;
    v->bytes = p + off;
    v->len = n;
    return (long)n;
}

/* overload_fields: {IPv6: {"dst": ..., "hlim": 1, "nh": 58}} */
static const struct ps_bind ml_binds[] = {
    {"IPv6", "nh", 58},
    {"IPv6", "hlim", 1},
    {NULL, NULL, 0},
};

/* ------------------------------------------------------ ICMPv6MLQuery2 */

enum { Q_TYPE, Q_CODE, Q_CKSUM, Q_MRD, Q_RESERVED, Q_MLADDR, Q_RESV, Q_S, Q_QRV, Q_QQIC,
       Q_NUMBER, Q_SOURCES };

static long query_sources(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                          struct ps_fval *v, struct ps_decode_room *room)
{
    (void)room;
    return sources_decode(p, len, off, (size_t)ps_layer_uint(l, Q_NUMBER), v);
}

static const struct ps_field query_fields[] = {
    [Q_TYPE] = {.name = "type", .kind = PS_K_UINT, .bits = 8, .def = 130,
                .enums = ps_icmpv6_types, .ls_type = "ByteEnumField", .ls_default = "130"},
    [Q_CODE] = {.name = "code", .kind = PS_K_UINT, .bits = 8, .ls_type = "ByteField",
                .ls_default = "0"},
    [Q_CKSUM] = {.name = "cksum", .kind = PS_K_UINT, .bits = 16, .is_auto = true, .hex = true,
                 .ls_type = "XShortField", .ls_default = "None"},
    [Q_MRD] = {.name = "mrd", .kind = PS_K_UINT, .bits = 16, .def = 10000,
               .ls_type = "ShortField", .ls_default = "10000"},
    [Q_RESERVED] = {.name = "reserved", .kind = PS_K_UINT, .bits = 16, .ls_type = "ShortField",
                    .ls_default = "0"},
    [Q_MLADDR] = {.name = "mladdr", .kind = PS_K_IPV6, .def_text = "::", .ls_type = "IP6Field",
                  .ls_default = "'::'"},
    [Q_RESV] = {.name = "Resv", .kind = PS_K_UINT, .bits = 4, .ls_type = "BitField  (4 bits)",
                .ls_default = "0"},
    [Q_S] = {.name = "S", .kind = PS_K_UINT, .bits = 1, .ls_type = "BitField  (1 bit)",
             .ls_default = "0"},
    [Q_QRV] = {.name = "QRV", .kind = PS_K_UINT, .bits = 3, .ls_type = "BitField  (3 bits)",
               .ls_default = "0"},
    [Q_QQIC] = {.name = "QQIC", .kind = PS_K_UINT, .bits = 8, .ls_type = "ByteField",
                .ls_default = "0"},
    /* post_build writes len(sources) when unset. */
    [Q_NUMBER] = {.name = "sources_number", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
                  .count_of = "sources", .ls_type = "ShortField", .ls_default = "None"},
    [Q_SOURCES] = {.name = "sources", .kind = PS_K_BYTES, .ipv6_list = true, .def_text = "",
                   .repr = ps_ip6_list_repr, .decode = query_sources,
                   .ls_type = "IP6ListField", .ls_default = "[]"},
};

const struct ps_proto ps_proto_icmpv6_ml_query2 = {
    .name = "ICMPv6MLQuery2",
    .long_name = "MLDv2 - Multicast Listener Query",
    .fields = query_fields,
    .nfields = PS_NFIELDS(query_fields),
    .build_binds = ml_binds,
    .addr_binds = ps_icmpv6_to_all_nodes,
    .post_build = ps_icmpv6_post_build,
    .answers = ps_icmpv6_answers,
};

/* ------------------------------------------------ ICMPv6MLDMultAddrRec */

enum { A_RTYPE, A_AUXLEN, A_NUMBER, A_DST, A_SOURCES, A_AUXDATA };

static long rec_sources(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                        struct ps_fval *v, struct ps_decode_room *room)
{
    (void)room;
    return sources_decode(p, len, off, (size_t)ps_layer_uint(l, A_NUMBER), v);
}

static const struct ps_field rec_fields[] = {
    [A_RTYPE] = {.name = "rtype", .kind = PS_K_UINT, .bits = 8, .def = 4,
                 .ls_type = "ByteField", .ls_default = "4"},
    [A_AUXLEN] = {.name = "auxdata_len", .kind = PS_K_UINT, .bits = 8, .is_auto = true,
                  .length_of = "auxdata", .ls_type = "FieldLenField", .ls_default = "None"},
    /* FieldLenField length_of sources, adjust num // 16: a count. */
    [A_NUMBER] = {.name = "sources_number", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
                  .count_of = "sources", .ls_type = "FieldLenField", .ls_default = "None"},
    [A_DST] = {.name = "dst", .kind = PS_K_IPV6, .def_text = "::", .ls_type = "IP6Field",
               .ls_default = "'::'"},
    [A_SOURCES] = {.name = "sources", .kind = PS_K_BYTES, .ipv6_list = true, .def_text = "",
                   .repr = ps_ip6_list_repr, .decode = rec_sources,
                   .ls_type = "IP6ListField", .ls_default = "[]"},
    [A_AUXDATA] = {.name = "auxdata", .kind = PS_K_BYTES, .def_text = "",
                   .ls_type = "StrLenField", .ls_default = "b''"},
};

const struct ps_proto ps_proto_icmpv6_mld_mult_addr_rec = {
    .name = "ICMPv6MLDMultAddrRec",
    .long_name = "ICMPv6 MLDv2 - Multicast Address Record",
    .klass = "ICMPv6MLDMultAddrRec",
    .fields = rec_fields,
    .nfields = PS_NFIELDS(rec_fields),
};

/* ----------------------------------------------------- ICMPv6MLReport2 */

enum { R_TYPE, R_RES, R_CKSUM, R_RESERVED, R_NUMBER, R_RECORDS };

static const struct ps_field report_fields[] = {
    [R_TYPE] = {.name = "type", .kind = PS_K_UINT, .bits = 8, .def = 143,
                .enums = ps_icmpv6_types, .ls_type = "ByteEnumField", .ls_default = "143"},
    [R_RES] = {.name = "res", .kind = PS_K_UINT, .bits = 8, .ls_type = "ByteField",
               .ls_default = "0"},
    [R_CKSUM] = {.name = "cksum", .kind = PS_K_UINT, .bits = 16, .is_auto = true, .hex = true,
                 .ls_type = "XShortField", .ls_default = "None"},
    [R_RESERVED] = {.name = "reserved", .kind = PS_K_UINT, .bits = 16,
                    .ls_type = "ShortField", .ls_default = "0"},
    /* post_build writes len(records) when unset. */
    [R_NUMBER] = {.name = "records_number", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
                  .count_of = "records", .ls_type = "ShortField", .ls_default = "None"},
    /* A record's default_payload_class is its own class: the first record
     * Scapy reads takes the others as its payload. */
    [R_RECORDS] = {.name = "records", .kind = PS_K_LAYERS, .sub_class = "ICMPv6MLDMultAddrRec",
                   .nested = true, .ls_type = "PacketListField", .ls_default = "[]"},
};

/* The records take the rest of the message. */
static size_t report_options_len(const struct ps_layer *l, size_t field)
{
    (void)l;
    return field == R_RECORDS ? SIZE_MAX : 0;
}

/* ICMPv6MLReport2.answers: isinstance(query, ICMPv6MLQuery2). */
static enum ps_answer report_answers(const struct ps_packet *reply, size_t *r,
                                     const struct ps_packet *query, size_t *q)
{
    (void)reply, (void)r;
    return *q < query->n && query->layers[*q].proto == &ps_proto_icmpv6_ml_query2
               ? PS_ANSWER_YES
               : PS_ANSWER_NO;
}

static const struct ps_addr_bind to_mldv2_routers[] = {
    {"IPv6", "dst", "ff02::16", NULL, 0},
    {NULL, NULL, NULL, NULL, 0},
};

const struct ps_proto ps_proto_icmpv6_ml_report2 = {
    .name = "ICMPv6MLReport2",
    .long_name = "MLDv2 - Multicast Listener Report",
    .fields = report_fields,
    .nfields = PS_NFIELDS(report_fields),
    .build_binds = ml_binds,
    .addr_binds = to_mldv2_routers,
    .post_build = ps_icmpv6_post_build,
    .options_len = report_options_len,
    .answers = report_answers,
};
