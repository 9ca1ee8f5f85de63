/* 802.11 RSN elements (scapy/layers/dot11.py): Dot11EltRSN, the WPA
 * element Microsoft's vendor OUI carries (Dot11EltMicrosoftWPA, the same
 * fields up to the AKM suites), and the suite sub-packets they hold. */
#include <string.h>

#include "dot11_elt.h"
#include "le_field.h"
#include "packet.h"
#include "strbuf.h"

/* ------------------------------------------------------ suites, PMKIDs */

static const struct ps_enum cipher_names[] = {
    {0x00, "Use group cipher suite"}, {0x01, "WEP-40"}, {0x02, "TKIP"}, {0x03, "OCB"},
    {0x04, "CCMP-128"}, {0x05, "WEP-104"}, {0x06, "BIP-CMAC-128"},
    {0x07, "Group addressed traffic not allowed"}, {0x08, "GCMP-128"}, {0x09, "GCMP-256"},
    {0x0a, "CCMP-256"}, {0x0b, "BIP-GMAC-128"}, {0x0c, "BIP-GMAC-256"},
    {0x0d, "BIP-CMAC-256"}, {0, NULL}};

static const struct ps_enum akm_names[] = {
    {0x00, "Reserved"}, {0x01, "802.1X"}, {0x02, "PSK"}, {0x03, "FT-802.1X"},
    {0x04, "FT-PSK"}, {0x05, "WPA-SHA256"}, {0x06, "PSK-SHA256"}, {0x07, "TDLS"},
    {0x08, "SAE"}, {0x09, "FT-SAE"}, {0x0a, "AP-PEER-KEY"}, {0x0b, "WPA-SHA256-SUITE-B"},
    {0x0c, "WPA-SHA384-SUITE-B"}, {0x0d, "FT-802.1X-SHA384"}, {0x0e, "FILS-SHA256"},
    {0x0f, "FILS-SHA384"}, {0x10, "FT-FILS-SHA256"}, {0x11, "FT-FILS-SHA384"},
    {0x12, "OWE"}, {0, NULL}};

#define SUITE_OUI                                                                          \
    {.name = "oui", .kind = PS_K_UINT, .bits = 24, .def = 0x000fac, .hex = true,            \
     .repr = ps_oui_repr, .ls_type = "OUIField", .ls_default = "4012"}

static const struct ps_field cipher_fields[] = {
    SUITE_OUI,
    {.name = "cipher", .kind = PS_K_UINT, .bits = 8, .def = 4, .enums = cipher_names,
     .ls_type = "ByteEnumField", .ls_default = "4"},
};

const struct ps_proto ps_proto_rsn_cipher_suite = {
    .name = "RSNCipherSuite",
    .long_name = "Cipher suite",
    .klass = "RSNCipherSuite",
    .fields = cipher_fields,
    .nfields = PS_NFIELDS(cipher_fields),
};

static const struct ps_field akm_fields[] = {
    SUITE_OUI,
    {.name = "suite", .kind = PS_K_UINT, .bits = 8, .def = 1, .enums = akm_names,
     .ls_type = "ByteEnumField", .ls_default = "1"},
};

const struct ps_proto ps_proto_akm_suite = {
    .name = "AKMSuite",
    .long_name = "AKM suite",
    .klass = "AKMSuite",
    .fields = akm_fields,
    .nfields = PS_NFIELDS(akm_fields),
};

/* LEFieldLenField(count_of=the list that follows it): the hook writes the
 * list's element count when unset (a 16-byte PMKID is one element). */
static long count_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                         size_t cap)
{
    if (!out)
        return 2;
    if (cap < 2)
        return -1;
    int fi = ps_le_index(l, v);
    uint64_t n = v->set ? v->u : 0;
    if (!v->set && fi >= 0) {
        const struct ps_field *list = &l->proto->fields[fi + 1];
        const struct ps_fval *lv = &l->v[fi + 1];
        n = list->kind == PS_K_LAYERS ? ps_count_of(l, (size_t)fi + 1)
                                      : (lv->set ? lv->len / 16 : 0);
    }
    ps_le_put(out, n, 2);
    return 2;
}

#define COUNT_FIELD(nm)                                                                    \
    {.name = nm, .kind = PS_K_UINT, .bits = 16, .is_auto = true, .encode = count_encode,    \
     .decode = ps_le16_decode,                                                             \
     .ls_type = "LEFieldLenField", .ls_default = "None"}

/* FieldListField of XStrFixedLenField(length=16): each PMKID as its hex. */
static int pmkid_list_repr(const struct ps_fval *v, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    ps_strbuf_putc(&b, '[');
    for (size_t i = 0; v->set && i < v->len; i += 16) {
        ps_strbuf_puts(&b, i ? ", " : "");
        for (size_t k = i; k < v->len && k < i + 16; k++)
            ps_strbuf_printf(&b, "%02x", v->bytes[k]);
    }
    ps_strbuf_putc(&b, ']');
    return ps_strbuf_result(&b);
}

enum { P_NB, P_LIST };

static const struct ps_field pmkid_fields[] = {
    [P_NB] = COUNT_FIELD("nb_pmkids"),
    [P_LIST] = {.name = "pmkid_list", .kind = PS_K_BYTES, .def_text = "", .repr = pmkid_list_repr,
                .ls_type = "FieldListField", .ls_default = "[]"},
};

/* count_from=nb_pmkids: that many 16-byte strings (the decoder cuts the
 * last to what the frame holds, as slicing does). */
static size_t pmkid_list_len(const struct ps_layer *l, size_t field)
{
    return field == P_LIST ? (size_t)ps_layer_uint(l, P_NB) * 16 : 0;
}

const struct ps_proto ps_proto_pmkid_list = {
    .name = "PMKIDListPacket",
    .long_name = "PMKIDs",
    .klass = "PMKIDListPacket",
    .fields = pmkid_fields,
    .nfields = PS_NFIELDS(pmkid_fields),
    .options_len = pmkid_list_len,
};

/* ------------------------------------------------------------ the RSN */

enum {
    R_ID, R_LEN, R_VERSION, R_GROUP, R_NB_PAIRWISE, R_PAIRWISE, R_NB_AKM, R_AKM,
    R_MFP_CAPABLE, /* ... the RSN capability bits ... */
    R_PMKIDS = R_MFP_CAPABLE + 14, R_GROUP_MGMT,
};

/* A PacketField: one element of class c from the next `need` bytes, or
 * what the frame holds of them: its dissector stops where they end (the
 * fields not reached keep their defaults) and raises only inside a field,
 * which makes the whole element Raw. */
static long one_element(const struct ps_proto *c, size_t need, const uint8_t *p, size_t len,
                        size_t off, struct ps_fval *v, struct ps_decode_room *room)
{
    memset(v, 0, sizeof *v);
    if (off > len)
        return -1;
    if (need > len - off)
        need = len - off;
    return ps_decode_one_element(room, c, p + off, need, v);
}

static long suite_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                         struct ps_fval *v, struct ps_decode_room *room)
{
    (void)l;
    return one_element(&ps_proto_rsn_cipher_suite, 4, p, len, off, v, room);
}

/* PMKIDListPacket: its count, then as many PMKIDs as it says and the
 * frame holds. */
static long pmkids_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                          struct ps_fval *v, struct ps_decode_room *room)
{
    (void)l;
    if (off > len || len - off < 2)
        return -1;
    size_t need = 2 + (size_t)ps_le_get(p + off, 2) * 16;
    if (need > len - off)
        need = len - off;
    return one_element(&ps_proto_pmkid_list, need, p, len, off, v, room);
}

/* The byte count the fields before the PMKIDs take past ID and len, and
 * Scapy's `pkt.len is None or len - (...) >= n` tests. */
static long rsn_room_left(const struct ps_layer *l, long extra)
{
    return (long)ps_layer_uint(l, R_LEN) -
           (12 + (long)ps_layer_uint(l, R_NB_PAIRWISE) * 4 +
            (long)ps_layer_uint(l, R_NB_AKM) * 4 + extra);
}

static bool pmkids_present(const struct ps_layer *l)
{
    return !l->v[R_LEN].set || rsn_room_left(l, 0) >= 2;
}

/* `pkt.pmkids` is a packet, never false, even absent (its default): 2,
 * plus 16 for each PMKID its count says. */
static bool group_mgmt_present(const struct ps_layer *l)
{
    if (!l->v[R_LEN].set)
        return true;
    const struct ps_fval *pm = &l->v[R_PMKIDS];
    long n = pm->set && pm->nsub && pm->sub[0].v[P_NB].set ? (long)pm->sub[0].v[P_NB].u : 0;
    return rsn_room_left(l, 2 + n * 16) >= 4;
}

/* PacketField("group_management_cipher_suite", RSNCipherSuite(cipher=0x6)):
 * the default is not the class's, so the hook writes it. */
static long group_mgmt_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                              size_t cap)
{
    (void)l;
    uint8_t w[4] = {0x00, 0x0f, 0xac, 0x06};
    size_t n = 4;
    if (v->set) {
        n = 0;
        for (size_t k = 0; k < v->nsub && n + 4 <= sizeof w; k++) {
            uint64_t oui = ps_layer_uint(&v->sub[k], 0);
            w[0] = (uint8_t)(oui >> 16);
            w[1] = (uint8_t)(oui >> 8);
            w[2] = (uint8_t)oui;
            w[3] = (uint8_t)ps_layer_uint(&v->sub[k], 1);
            n = 4;
        }
        if (!n && v->len) {
            if (out && cap < v->len)
                return -1;
            if (out)
                memcpy(out, v->bytes, v->len);
            return (long)v->len;
        }
    }
    if (!out)
        return (long)n;
    if (cap < n)
        return -1;
    memcpy(out, w, n);
    return (long)n;
}

/* group_cipher_suite: one suite, read by the generic list reader, which
 * hands the fields after it what is left (a hook would make the next
 * hook run on a frame that ended). pairwise and AKM suites: count_from. */
static size_t rsn_lists_len(const struct ps_layer *l, size_t field)
{
    if (field == R_GROUP)
        return 4;
    if (field == R_PAIRWISE)
        return (size_t)ps_layer_uint(l, R_NB_PAIRWISE) * 4;
    if (field == R_AKM)
        return (size_t)ps_layer_uint(l, R_NB_AKM) * 4;
    return 0;
}

#define BIT(nm, d)                                                                         \
    {.name = nm, .kind = PS_K_UINT, .bits = 1, .def = d, .ls_type = "BitField  (1 bit)",   \
     .ls_default = #d}
#define BITS2(nm)                                                                          \
    {.name = nm, .kind = PS_K_UINT, .bits = 2, .ls_type = "BitField  (2 bits)",            \
     .ls_default = "0"}

/* Dot11EltRSN.fields_desc[2:8], which Dot11EltMicrosoftWPA shares. */
#define RSN_SUITES                                                                         \
    {.name = "version", PS_LE16, .def = 1, .ls_type = "LEShortField", .ls_default = "1"},   \
        {.name = "group_cipher_suite", .kind = PS_K_LAYERS, .chain = true,                 \
         .sub_class = "RSNCipherSuite", .def_sub = "RSNCipherSuite",                       \
         .ls_type = "PacketField", .ls_default = "<RSNCipherSuite  |>"},                   \
        COUNT_FIELD("nb_pairwise_cipher_suites"),                                          \
        {.name = "pairwise_cipher_suites", .kind = PS_K_LAYERS, .sub_class = "RSNCipherSuite", \
         .def_sub = "RSNCipherSuite", .ls_type = "PacketListField",                        \
         .ls_default = "[<RSNCipherSuite  |>]"},                                           \
        COUNT_FIELD("nb_akm_suites"),                                                      \
        {.name = "akm_suites", .kind = PS_K_LAYERS, .sub_class = "AKMSuite",               \
         .def_sub = "AKMSuite", .ls_type = "PacketListField", .ls_default = "[<AKMSuite  |>]"}

static const struct ps_field rsn_fields[] = {
    PS_DOT11_ELT_ID(48, "48"),
    PS_DOT11_ELT_LEN,
    RSN_SUITES,
    BIT("mfp_capable", 1),
    BIT("mfp_required", 1),
    BITS2("gtksa_replay_counter"),
    BITS2("ptksa_replay_counter"),
    BIT("no_pairwise", 0),
    BIT("pre_auth", 0),
    BIT("reserved", 0),
    BIT("ocvc", 0),
    BIT("extended_key_id", 0),
    BIT("pbac", 0),
    BIT("spp_a_msdu_required", 0),
    BIT("spp_a_msdu_capable", 0),
    BIT("peer_key_enabled", 0),
    BIT("joint_multiband_rsna", 0),
    [R_PMKIDS] = {.name = "pmkids", .kind = PS_K_LAYERS, .chain = true,
                  .sub_class = "PMKIDListPacket", .def_sub = "PMKIDListPacket",
                  .decode = pmkids_decode, .present = pmkids_present,
                  .ls_type = "PacketField (Cond)", .ls_default = "<PMKIDListPacket  |>"},
    [R_GROUP_MGMT] = {.name = "group_management_cipher_suite", .kind = PS_K_LAYERS,
                      .chain = true, .sub_class = "RSNCipherSuite",
                      .def_sub = "RSNCipherSuite", .decode = suite_decode,
                      .encode = group_mgmt_encode, .present = group_mgmt_present,
                      .ls_type = "PacketField (Cond)",
                      .ls_default = "<RSNCipherSuite  cipher=BIP-CMAC-128 |>"},
};

const struct ps_proto ps_proto_dot11_elt_rsn = {
    .name = "Dot11EltRSN",
    .long_name = "802.11 RSN information",
    .fields = rsn_fields,
    .nfields = PS_NFIELDS(rsn_fields),
    .show_flat = true,
    .alias = "Dot11Elt",
    .options_len = rsn_lists_len,
    .post_build = ps_dot11_elt_post_build,
};

/* ------------------------------------------------- Microsoft's WPA element */

enum { W_ID, W_LEN, W_OUI, W_TYPE, W_VERSION, W_GROUP, W_NB_PAIRWISE, W_PAIRWISE, W_NB_AKM,
       W_AKM };

static const struct ps_field wpa_fields[] = {
    [W_ID] = PS_DOT11_ELT_ID(221, "221"),
    [W_LEN] = PS_DOT11_ELT_LEN,
    [W_OUI] = {.name = "oui", .kind = PS_K_UINT, .bits = 24, .def = 0x0050f2, .hex = true,
               .repr = ps_oui_repr, .ls_type = "OUIField", .ls_default = "20722"},
    [W_TYPE] = {.name = "type", .kind = PS_K_UINT, .bits = 8, .def = 1, .hex = true,
                .ls_type = "XByteField", .ls_default = "1"},
    RSN_SUITES,
};

static size_t wpa_lists_len(const struct ps_layer *l, size_t field)
{
    if (field == W_GROUP)
        return 4;
    if (field == W_PAIRWISE)
        return (size_t)ps_layer_uint(l, W_NB_PAIRWISE) * 4;
    if (field == W_AKM)
        return (size_t)ps_layer_uint(l, W_NB_AKM) * 4;
    return 0;
}

const struct ps_proto ps_proto_dot11_elt_msft_wpa = {
    .name = "Dot11EltMicrosoftWPA",
    .long_name = "802.11 Microsoft WPA",
    .fields = wpa_fields,
    .nfields = PS_NFIELDS(wpa_fields),
    .show_flat = true,
    .alias = "Dot11Elt",
    .options_len = wpa_lists_len,
    .post_build = ps_dot11_elt_post_build,
};
