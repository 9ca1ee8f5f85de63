/* 802.11 information elements (scapy/layers/dot11.py Dot11Elt and the
 * subclasses its dispatch_hook picks by ID): a chain of payloads after a
 * management body, each element the payload of the one before. */
#include <stdio.h>

#include "packet.h"
#include "dot11_elt.h"
#include "strbuf.h"

enum { F_ID, F_LEN, F_INFO };

const struct ps_enum ps_dot11_elt_ids[] = {
    {0, "SSID"}, {1, "Supported Rates"}, {2, "FHset"}, {3, "DSSS Set"}, {4, "CF Set"},
    {5, "TIM"}, {6, "IBSS Set"}, {7, "Country"}, {10, "Request"}, {11, "BSS Load"},
    {12, "EDCA Set"}, {13, "TSPEC"}, {14, "TCLAS"}, {15, "Schedule"}, {16, "Challenge text"},
    {32, "Power Constraint"}, {33, "Power Capability"}, {36, "Supported Channels"},
    {42, "ERP"}, {45, "HT Capabilities"}, {46, "QoS Capability"}, {48, "RSN"},
    {50, "Extended Supported Rates"}, {52, "Neighbor Report"}, {61, "HT Operation"},
    {107, "Interworking"}, {127, "Extendend Capabilities"}, {191, "VHT Capabilities"},
    {221, "Vendor Specific"},
    /* _dot11_elt_deprecated_names: accepted when given, never printed
     * (a value's name is its first entry) */
    {1, "Rates"}, {3, "DSset"}, {4, "CFset"}, {6, "IBSSset"}, {16, "challenge"},
    {33, "PowerCapability"}, {36, "Channels"}, {42, "ERPinfo"}, {45, "HTinfo"},
    {48, "RSNinfo"}, {50, "ESRates"}, {127, "ExtendendCapatibilities"},
    {191, "VHTCapabilities"}, {221, "Vendor"}, {0, NULL}};

#define ID_FIELD PS_DOT11_ELT_ID

static const struct ps_field elt_fields[] = {
    [F_ID] = ID_FIELD(0, "0"),
    [F_LEN] = {.name = "len", .kind = PS_K_UINT, .bits = 8, .is_auto = true,
               .length_of = "info", .ls_type = "FieldLenField", .ls_default = "None"},
    [F_INFO] = {.name = "info", .kind = PS_K_BYTES, .def_text = "", .ls_type = "StrLenField",
                .ls_default = "b''"},
};

/* dispatch_hook: the class registered for the ID (register_variant: each
 * subclass's ID default, and 50 for the rates). Dot11EltVendorSpecific's
 * own hook reads the OUI and, for Microsoft's, the type byte: on fewer bytes
 * it raises (struct.unpack, an index), and Scapy keeps the rest as Raw. */
static const char *elt_dispatch(const uint8_t *p, size_t len)
{
    if (len < 1)
        return NULL;
    switch (p[0]) {
    case 1:
    case 50:
        return "Dot11EltRates";
    case 3:
        return "Dot11EltDSSSet";
    case 7:
        return "Dot11EltCountry";
    case 42:
        return "Dot11EltERP";
    case 45:
        return "Dot11EltHTCapabilities";
    case 48:
        return "Dot11EltRSN";
    case 221:
        if (len < 5)
            return "Raw";
        if (p[2] != 0x00 || p[3] != 0x50 || p[4] != 0xf2)
            return "Dot11EltVendorSpecific";
        if (len < 6)
            return "Raw";
        return p[5] == 1 ? "Dot11EltMicrosoftWPA" : "Dot11EltVendorSpecific";
    default:
        return NULL;
    }
}

/* mysummary: "SSID='...'" for an SSID (plain_str: bytes that are not
 * text come out as \x.. escapes), nothing for the others. */
static int elt_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    const struct ps_layer *l = &pkt->layers[idx];
    if (ps_layer_uint(l, F_ID) != 0)
        return 0;
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    ps_strbuf_puts(&b, "SSID='");
    const struct ps_fval *v = &l->v[F_INFO];
    for (size_t i = 0; v->set && i < v->len; i++) {
        if (v->bytes[i] < 0x80)
            ps_strbuf_putc(&b, (char)v->bytes[i]);
        else
            ps_strbuf_printf(&b, "\\x%02x", v->bytes[i]);
    }
    ps_strbuf_putc(&b, '\'');
    return ps_strbuf_result(&b);
}

/* bind_layers(<management body>, Dot11Elt) and (Dot11Elt, Dot11Elt): the
 * subclasses share Dot11Elt's through their alias. */
static const struct ps_bind elt_binds[] = {
    {"Dot11Beacon", NULL, 0},    {"Dot11AssoReq", NULL, 0},   {"Dot11AssoResp", NULL, 0},
    {"Dot11ReassoReq", NULL, 0}, {"Dot11ReassoResp", NULL, 0}, {"Dot11ProbeReq", NULL, 0},
    {"Dot11ProbeResp", NULL, 0}, {"Dot11Auth", NULL, 0},       {"Dot11Elt", NULL, 0},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_dot11_elt = {
    .name = "Dot11Elt",
    .long_name = "802.11 Information Element",
    .fields = elt_fields,
    .nfields = PS_NFIELDS(elt_fields),
    .binds = elt_binds,
    .show_flat = true,
    .dispatch = elt_dispatch,
    .mysummary = elt_summary,
    .summary_needs = "Dot11",
};

#define SUB_LEN PS_DOT11_ELT_LEN

void ps_dot11_elt_post_build(struct ps_build *b, size_t idx)
{
    if (b->pkt->layers[idx].v[F_LEN].set || !b->buf || b->hlen[idx] < 2)
        return;
    b->buf[b->start[idx] + 1] = (uint8_t)(b->hlen[idx] - 2);
}

/* _RateField.i2repr: "6.0(B) Mbps", B for a basic rate. */
static int rates_repr(const struct ps_fval *v, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    ps_strbuf_putc(&b, '[');
    for (size_t i = 0; i < v->len; i++) {
        unsigned r = v->bytes[i] & 0x7f;
        ps_strbuf_printf(&b, "%s%u.%c%s Mbps", i ? ", " : "", r / 2, r % 2 ? '5' : '0',
                         v->bytes[i] & 0x80 ? "(B)" : "");
    }
    ps_strbuf_putc(&b, ']');
    return ps_strbuf_result(&b);
}
/* FieldListField(length_from=len): as many rate bytes as len says, when
 * read (a len given to build does not cut or pad the list). */
static long rates_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                         struct ps_fval *v, struct ps_decode_room *room)
{
    (void)room;
    size_t rest = off < len ? len - off : 0, want = (size_t)l->v[F_LEN].u;
    v->bytes = p + off;
    v->len = want < rest ? want : rest;
    return (long)v->len;
}

static const struct ps_field rates_fields[] = {
    ID_FIELD(1, "1"),
    SUB_LEN,
    {.name = "rates", .kind = PS_K_BYTES, .def_text = "\x82", .repr = rates_repr, .byte_list = true,
     .decode = rates_decode, .ls_type = "FieldListField", .ls_default = "[130]"},
};

const struct ps_proto ps_proto_dot11_elt_rates = {
    .name = "Dot11EltRates",
    .long_name = "802.11 Rates",
    .fields = rates_fields,
    .nfields = PS_NFIELDS(rates_fields),
    .show_flat = true,
    .alias = "Dot11Elt",
    .post_build = ps_dot11_elt_post_build,
};

static const struct ps_field dsss_fields[] = {
    ID_FIELD(3, "3"),
    {.name = "len", .kind = PS_K_UINT, .bits = 8, .def = 1, .ls_type = "ByteField",
     .ls_default = "1"},
    {.name = "channel", .kind = PS_K_UINT, .bits = 8, .ls_type = "ByteField",
     .ls_default = "0"},
};

const struct ps_proto ps_proto_dot11_elt_dssset = {
    .name = "Dot11EltDSSSet",
    .long_name = "802.11 DSSS Parameter Set",
    .fields = dsss_fields,
    .nfields = PS_NFIELDS(dsss_fields),
    .show_flat = true,
    .alias = "Dot11Elt",
};

static const struct ps_field erp_fields[] = {
    ID_FIELD(42, "42"),
    {.name = "len", .kind = PS_K_UINT, .bits = 8, .def = 1, .ls_type = "ByteField",
     .ls_default = "1"},
    {.name = "NonERP_Present", .kind = PS_K_UINT, .bits = 1, .ls_type = "BitField  (1 bit)",
     .ls_default = "0"},
    {.name = "Use_Protection", .kind = PS_K_UINT, .bits = 1, .ls_type = "BitField  (1 bit)",
     .ls_default = "0"},
    {.name = "Barker_Preamble_Mode", .kind = PS_K_UINT, .bits = 1,
     .ls_type = "BitField  (1 bit)", .ls_default = "0"},
    {.name = "res", .kind = PS_K_UINT, .bits = 5, .ls_type = "BitField  (5 bits)",
     .ls_default = "0"},
};

const struct ps_proto ps_proto_dot11_elt_erp = {
    .name = "Dot11EltERP",
    .long_name = "802.11 ERP",
    .fields = erp_fields,
    .nfields = PS_NFIELDS(erp_fields),
    .show_flat = true,
    .alias = "Dot11Elt",
};


/* StrLenField("info", length_from=lambda x: x.len - 3), sliced as Python
 * does: a len under 3 leaves that many bytes fewer than the rest (s[:-1]). */
static long vendor_info_decode(const uint8_t *p, size_t len, size_t off,
                               const struct ps_layer *l, struct ps_fval *v,
                               struct ps_decode_room *room)
{
    (void)room;
    size_t rest = off < len ? len - off : 0;
    long want = (long)ps_layer_uint(l, F_LEN) - 3;
    size_t n = want >= 0 ? (size_t)want : (size_t)-want < rest ? rest - (size_t)-want : 0;
    v->bytes = p + off;
    v->len = n < rest ? n : rest;
    return (long)v->len;
}

static const struct ps_field vendor_fields[] = {
    ID_FIELD(221, "221"),
    SUB_LEN,
    {.name = "oui", .kind = PS_K_UINT, .bits = 24, .hex = true, .repr = ps_oui_repr,
     .ls_type = "OUIField",
     .ls_default = "0"},
    {.name = "info", .kind = PS_K_BYTES, .def_text = "", .decode = vendor_info_decode,
     .ls_type = "StrLenField", .ls_default = "b''"},
};

const struct ps_proto ps_proto_dot11_elt_vendor = {
    .name = "Dot11EltVendorSpecific",
    .long_name = "802.11 Vendor Specific",
    .fields = vendor_fields,
    .nfields = PS_NFIELDS(vendor_fields),
    .show_flat = true,
    .alias = "Dot11Elt",
    .post_build = ps_dot11_elt_post_build,
};
