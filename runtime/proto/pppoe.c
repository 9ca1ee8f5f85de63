/* PPPoE (scapy/layers/ppp.py, RFC 2516): the session header (PPPoE, Ether
 * type 0x8864, PPP above it) and discovery (PPPoED, 0x8863) with its tag
 * list (PPPoED_Tags of PPPoETag). */
#include <stdio.h>

#include "field_text.h"
#include "packet.h"
#include "protos.h"

enum { P_VERSION, P_TYPE, P_CODE, P_SESSIONID, P_LEN };

static const struct ps_enum session_codes[] = {{0, "Session"}, {0, NULL}};

/* PPPoED.code_list */
static const struct ps_enum discovery_codes[] = {
    {0x00, "PPP Session Stage"},
    {0x07, "PPPoE Active Discovery Offer (PADO)"},
    {0x09, "PPPoE Active Discovery Initiation (PADI)"},
    {0x0a, "PPPoE Active Discovery Session-Grant (PADG)"},
    {0x0b, "PPPoE Active Discovery Session-Credit Response (PADC)"},
    {0x0c, "PPPoE Active Discovery Quality (PADQ)"},
    {0x19, "PPPoE Active Discovery Request (PADR)"},
    {0x65, "PPPoE Active Discovery Session-confirmation (PADS)"},
    {0xa7, "PPPoE Active Discovery Terminate (PADT)"},
    {0, NULL},
};

#define HEAD(code, code_s, codes)                                                          \
    [P_VERSION] = {.name = "version", .kind = PS_K_UINT, .bits = 4, .def = 1,               \
                   .ls_type = "BitField  (4 bits)", .ls_default = "1"},                     \
    [P_TYPE] = {.name = "type", .kind = PS_K_UINT, .bits = 4, .def = 1,                     \
                .ls_type = "BitField  (4 bits)", .ls_default = "1"},                        \
    [P_CODE] = {.name = "code", .kind = PS_K_UINT, .bits = 8, .def = (code), .enums = codes, \
                .ls_type = "ByteEnumField", .ls_default = code_s},                         \
    [P_SESSIONID] = {.name = "sessionid", .kind = PS_K_UINT, .bits = 16, .hex = true,       \
                     .ls_type = "XShortField", .ls_default = "0"},                          \
    [P_LEN] = {.name = "len", .kind = PS_K_UINT, .bits = 16, .is_auto = true,               \
               .ls_type = "ShortField", .ls_default = "None"}

static const struct ps_field pppoe_fields[] = {HEAD(0, "0", session_codes)};
static const struct ps_field pppoed_fields[] = {HEAD(0x09, "9", discovery_codes)};

/* post_build: an unset len is the payload's length (all but the 6 header
 * bytes). */
static void pppoe_post_build(struct ps_build *b, size_t idx)
{
    const struct ps_layer *l = &b->pkt->layers[idx];
    if (l->v[P_LEN].set || b->hlen[idx] < 6)
        return;
    ps_put16(b->buf + b->start[idx] + 4, (uint16_t)(b->end[idx] - b->start[idx] - 6));
}

/* bind_layers(Ether, PPPoE, type=0x8864), (CookedLinux, PPPoE, proto=0x8864) */
static const struct ps_bind pppoe_binds[] = {
    {"Ether", "type", 0x8864}, {"CookedLinux", "proto", 0x8864}, {NULL, NULL, 0},
};

const struct ps_proto ps_proto_pppoe = {
    .name = "PPPoE",
    .long_name = "PPP over Ethernet",
    .fields = pppoe_fields,
    .nfields = PS_NFIELDS(pppoe_fields),
    .binds = pppoe_binds,
    .post_build = pppoe_post_build,
};

/* extract_padding: s[:len] is the payload. */
static bool pppoed_payload_len(const struct ps_layer *l, long *len)
{
    *len = (long)ps_layer_uint(l, P_LEN);
    return true;
}

/* mysummary: "%code%" */
static int pppoed_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    return ps_format_field(pkt, idx, "code", out, cap);
}

static const struct ps_bind pppoed_binds[] = {
    {"Ether", "type", 0x8863}, {"CookedLinux", "proto", 0x8863}, {NULL, NULL, 0},
};

const struct ps_proto ps_proto_pppoed = {
    .name = "PPPoED",
    .long_name = "PPP over Ethernet Discovery",
    .fields = pppoed_fields,
    .nfields = PS_NFIELDS(pppoed_fields),
    .binds = pppoed_binds,
    .post_build = pppoe_post_build,
    .payload_len = pppoed_payload_len,
    .mysummary = pppoed_summary,
};

/* ---------------------------------------------------------- PPPoE tags */

enum { T_TYPE, T_LEN, T_VALUE };

/* PPPoETag.tag_list */
static const struct ps_enum tag_types[] = {
    {0x0000, "End-Of-List"},
    {0x0101, "Service-Name"},
    {0x0102, "AC-Name"},
    {0x0103, "Host-Uniq"},
    {0x0104, "AC-Cookie"},
    {0x0105, "Vendor-Specific"},
    {0x0106, "Credits"},
    {0x0107, "Metrics"},
    {0x0108, "Sequence Number"},
    {0x0109, "Credit Scale Factor"},
    {0x0110, "Relay-Session-Id"},
    {0x0120, "PPP-Max-Payload"},
    {0x0201, "Service-Name-Error"},
    {0x0202, "AC-System-Error"},
    {0x0203, "Generic-Error"},
    {0, NULL},
};

static const struct ps_field tag_fields[] = {
    [T_TYPE] = {.name = "tag_type", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
                .enums = tag_types, .ls_type = "ShortEnumField", .ls_default = "None"},
    [T_LEN] = {.name = "tag_len", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
               .length_of = "tag_value", .ls_type = "FieldLenField", .ls_default = "None"},
    [T_VALUE] = {.name = "tag_value", .kind = PS_K_BYTES, .def_text = "",
                 .ls_type = "StrLenField", .ls_default = "b''"},
};

/* extract_padding: '', s: what follows is the next tag. */
static bool tag_payload_len(const struct ps_layer *l, long *len)
{
    (void)l;
    *len = 0;
    return true;
}

const struct ps_proto ps_proto_pppoe_tag = {
    .name = "PPPoETag",
    .long_name = "PPPoE Tag",
    .klass = "PPPoETag",
    .fields = tag_fields,
    .nfields = PS_NFIELDS(tag_fields),
    .payload_len = tag_payload_len,
};

/* PacketListField('tag_list', None, PPPoETag): the rest of the layer. */
static size_t tags_len(const struct ps_layer *l, size_t field)
{
    (void)l;
    (void)field;
    return (size_t)-1;
}

/* mysummary: "PPPoE Tags" then the tag types ", "-joined (no space after
 * "Tags": Scapy's), said when a PPPoED is below. */
static int tags_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    ps_strbuf_puts(&b, "PPPoE Tags");
    const struct ps_fval *v = &pkt->layers[idx].v[0];
    for (size_t k = 0; v->set && k < v->nsub; k++) {
        const struct ps_layer *t = &v->sub[k];
        char name[96];
        uint64_t type = ps_layer_uint(t, T_TYPE);
        const char *s = ps_enum_name(&tag_fields[T_TYPE], type);
        if (!s) {
            snprintf(name, sizeof name, "%llu", (unsigned long long)type);
            s = name;
        }
        ps_strbuf_puts(&b, k ? ", " : "");
        ps_strbuf_puts(&b, s);
    }
    /* A tag PPPoETag could not read is Raw in Scapy's list, whose
     * sprintf("%tag_type%") is "??". */
    if (v->set && v->bytes && v->len)
        ps_strbuf_puts(&b, v->nsub ? ", ??" : "??");
    return (int)b.len;
}

static const struct ps_field tags_fields[] = {
    {.name = "tag_list", .kind = PS_K_LAYERS, .sub_class = "PPPoETag",
     .ls_type = "PacketListField", .ls_default = "[]"},
};

/* bind_layers(PPPoED, PPPoED_Tags, type=1) */
static const struct ps_bind tags_binds[] = {{"PPPoED", "type", 1}, {NULL, NULL, 0}};

const struct ps_proto ps_proto_pppoed_tags = {
    .name = "PPPoED_Tags",
    .long_name = "PPPoE Tag List",
    .fields = tags_fields,
    .nfields = PS_NFIELDS(tags_fields),
    .binds = tags_binds,
    .options_len = tags_len,
    .mysummary = tags_summary,
    .summary_needs = "PPPoED",
};
