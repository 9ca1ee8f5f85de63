/* The 802.11 frame header (scapy/layers/dot11.py Dot11, Dot11FCS,
 * Dot11QoS): link type 105, or under RadioTap. Its addresses print with
 * what they mean for the frame's type and DS bits (_Dot11MacField), its
 * SC is little-endian, and Dot11FCS ends the frame with a CRC-32. */
#include <stdio.h>
#include <string.h>

#include "addr.h"
#include "le_field.h"
#include "packet.h"
#include "protos.h"
#include "strbuf.h"

enum { F_SUBTYPE, F_TYPE, F_PROTO, F_CFE, F_FCFIELD, F_ID, F_ADDR1, F_ADDR2, F_ADDR3, F_SC,
       F_ADDR4, F_FCS };

static const struct ps_enum mgmt_subtypes[] = {
    {0, "Association Request"}, {1, "Association Response"}, {2, "Reassociation Request"},
    {3, "Reassociation Response"}, {4, "Probe Request"}, {5, "Probe Response"},
    {6, "Timing Advertisement"}, {8, "Beacon"}, {9, "ATIM"}, {10, "Disassociation"},
    {11, "Authentication"}, {12, "Deauthentication"}, {13, "Action"}, {14, "Action No Ack"},
    {0, NULL}};
static const struct ps_enum ctrl_subtypes[] = {
    {2, "Trigger"}, {3, "TACK"}, {4, "Beamforming Report Poll"},
    {5, "VHT/HE NDP Announcement"}, {6, "Control Frame Extension"}, {7, "Control Wrapper"},
    {8, "Block Ack Request"}, {9, "Block Ack"}, {10, "PS-Poll"}, {11, "RTS"}, {12, "CTS"},
    {13, "Ack"}, {14, "CF-End"}, {15, "CF-End+CF-Ack"}, {0, NULL}};
static const struct ps_enum data_subtypes[] = {
    {0, "Data"}, {1, "Data+CF-Ack"}, {2, "Data+CF-Poll"}, {3, "Data+CF-Ack+CF-Poll"},
    {4, "Null (no data)"}, {5, "CF-Ack (no data)"}, {6, "CF-Poll (no data)"},
    {7, "CF-Ack+CF-Poll (no data)"}, {8, "QoS Data"}, {9, "QoS Data+CF-Ack"},
    {10, "QoS Data+CF-Poll"}, {11, "QoS Data+CF-Ack+CF-Poll"}, {12, "QoS Null (no data)"},
    {14, "QoS CF-Poll (no data)"}, {15, "QoS CF-Ack+CF-Poll (no data)"}, {0, NULL}};
static const struct ps_enum ext_subtypes[] = {{0, "DMG Beacon"}, {1, "S1G Beacon"}, {0, NULL}};
static const struct ps_enum_multi subtypes[] = {
    {0, mgmt_subtypes}, {1, ctrl_subtypes}, {2, data_subtypes}, {3, ext_subtypes}, {0, NULL}};

static const struct ps_enum types[] = {
    {0, "Management"}, {1, "Control"}, {2, "Data"}, {3, "Extension"}, {0, NULL}};
static const struct ps_enum cfes[] = {
    {2, "Poll"}, {3, "SPR"}, {4, "Grant"}, {5, "DMG CTS"}, {6, "DMG DTS"}, {7, "Grant Ack"},
    {8, "SSW"}, {9, "SSW-Feedback"}, {10, "SSW-Ack"}, {0, NULL}};
static const char *const fc_flags[] = {"to-DS", "from-DS", "MF", "retry", "pw-mgt", "MD",
                                       "protected", "order", NULL};

enum { FC_TO_DS = 0x01, FC_FROM_DS = 0x02, FC_PROTECTED = 0x40 };

static uint64_t u(const struct ps_layer *l, int fi)
{
    return ps_layer_uint(l, fi);
}

static bool is_cfe(const struct ps_layer *l)
{
    return u(l, F_TYPE) == 1 && u(l, F_SUBTYPE) == 6;
}
/* The FCfield of a control frame extension is 4 bits (after cfe). */
static uint8_t fcfield_bits(const struct ps_layer *l)
{
    return is_cfe(l) ? 4 : 8;
}
static bool has_addr2(const struct ps_layer *l)
{
    uint64_t s = u(l, F_SUBTYPE);
    return u(l, F_TYPE) != 1 || s == 4 || s == 5 || s == 6 || s == 8 || s == 9 || s == 10 ||
           s == 11 || s == 14 || s == 15;
}
static bool has_addr3(const struct ps_layer *l)
{
    uint64_t t = u(l, F_TYPE);
    return t == 0 || t == 2 || (is_cfe(l) && u(l, F_CFE) == 6);
}
static bool has_sc(const struct ps_layer *l)
{
    return u(l, F_TYPE) != 1;
}
static bool has_addr4(const struct ps_layer *l)
{
    return u(l, F_TYPE) == 2 && (u(l, F_FCFIELD) & 3) == 3;
}

/* Dot11.address_meaning: what address `index` (1..4) is. amsdu: the
 * payload is a Dot11QoS with A_MSDU_Present set. */
enum {
    M_RA_DA, M_TA_SA, M_BSSID_STA, M_RA, M_TA, M_RA_BSSID, M_TA_BSSID, M_BSSID, M_SA, M_DA,
    M_NAV_SA, M_NAV_DA, M_COUNT, M_NONE = -1
};
static const char *const meanings[M_COUNT] = {
    "RA=DA", "TA=SA", "BSSID/STA", "RA", "TA", "RA=BSSID", "TA=BSSID", "BSSID", "SA", "DA",
    "NAV-SA", "NAV-DA"};
/* _dot11_addr_meaning[2]: [address][to-DS][from-DS] */
static const signed char data_meaning[4][2][2] = {
    {{M_RA_DA, M_RA_DA}, {M_RA_BSSID, M_RA}},
    {{M_TA_SA, M_TA_BSSID}, {M_TA_SA, M_TA}},
    {{M_BSSID, M_SA}, {M_DA, M_DA}},
    {{M_NONE, M_NONE}, {M_SA, M_BSSID}},
};

static int meaning(const struct ps_layer *l, int index, bool amsdu)
{
    static const signed char mgmt[4] = {M_RA_DA, M_TA_SA, M_BSSID_STA, M_NONE};
    static const signed char ctrl[4] = {M_RA, M_TA, M_NONE, M_NONE};
    static const signed char dts[4] = {M_RA, M_NAV_SA, M_NAV_DA, M_NONE};
    static const signed char ext[4] = {M_BSSID, M_NONE, M_NONE, M_NONE};
    int i = index - 1;
    switch (u(l, F_TYPE)) {
    case 0:
        return mgmt[i];
    case 1:
        return is_cfe(l) && u(l, F_CFE) == 6 ? dts[i] : ctrl[i];
    case 2: {
        uint64_t fc = u(l, F_FCFIELD);
        int m = data_meaning[i][(fc & FC_TO_DS) ? 1 : 0][(fc & FC_FROM_DS) ? 1 : 0];
        return m != M_NONE && i >= 2 && amsdu ? M_BSSID : m;
    }
    default:
        return ext[i];
    }
}

/* _Dot11MacField.i2repr: "mac (meaning)". A field for each meaning, which
 * the addresses' variant hooks pick. */
#define MEANING_REPR(m)                                                  \
    static int repr_##m(const struct ps_fval *v, char *out, size_t cap)  \
    {                                                                    \
        char mac[18];                                                    \
        ps_format_mac(v->addr, mac);                                     \
        return snprintf(out, cap, "%s (%s)", mac, meanings[m]);          \
    }
MEANING_REPR(M_RA_DA)
MEANING_REPR(M_TA_SA)
MEANING_REPR(M_BSSID_STA)
MEANING_REPR(M_RA)
MEANING_REPR(M_TA)
MEANING_REPR(M_RA_BSSID)
MEANING_REPR(M_TA_BSSID)
MEANING_REPR(M_BSSID)
MEANING_REPR(M_SA)
MEANING_REPR(M_DA)
MEANING_REPR(M_NAV_SA)
MEANING_REPR(M_NAV_DA)

#define ADDR_LS .kind = PS_K_MAC, .def_text = "00:00:00:00:00:00", \
    .ls_default = "'00:00:00:00:00:00'"
#define AS(n, t, m) {.name = n, ADDR_LS, .ls_type = t, .repr = repr_##m}
#define ADDR_AS(n, t)                                                                    \
    {AS(n, t, M_RA_DA), AS(n, t, M_TA_SA), AS(n, t, M_BSSID_STA), AS(n, t, M_RA),        \
     AS(n, t, M_TA), AS(n, t, M_RA_BSSID), AS(n, t, M_TA_BSSID), AS(n, t, M_BSSID),     \
     AS(n, t, M_SA), AS(n, t, M_DA), AS(n, t, M_NAV_SA), AS(n, t, M_NAV_DA)}
static const struct ps_field addr_as[4][M_COUNT] = {
    ADDR_AS("addr1", "_Dot11MacField"), ADDR_AS("addr2", "_Dot11MacField (Cond)"),
    ADDR_AS("addr3", "_Dot11MacField (Cond)"), ADDR_AS("addr4", "_Dot11MacField (Cond)")};

#define ADDR_VARIANT(k)                                                          \
    static const struct ps_field *addr##k##_variant(const struct ps_layer *l)    \
    {                                                                            \
        int m = meaning(l, k, false);                                            \
        return m == M_NONE ? NULL : &addr_as[k - 1][m];                          \
    }
ADDR_VARIANT(1)
ADDR_VARIANT(2)
ADDR_VARIANT(3)
ADDR_VARIANT(4)

#define DOT11_FIELDS                                                                          \
    [F_SUBTYPE] = {.name = "subtype", .kind = PS_K_UINT, .bits = 4, .multi = subtypes,        \
                   .multi_on = F_TYPE, .ls_type = "BitMultiEnumField",              \
                   .ls_default = "0"},                                                        \
    [F_TYPE] = {.name = "type", .kind = PS_K_UINT, .bits = 2, .enums = types,                 \
                .ls_type = "BitEnumField", .ls_default = "0"},                      \
    [F_PROTO] = {.name = "proto", .kind = PS_K_UINT, .bits = 2,                               \
                 .ls_type = "BitField  (2 bits)", .ls_default = "0"},                         \
    [F_CFE] = {.name = "cfe", .kind = PS_K_UINT, .bits = 4, .enums = cfes,                    \
               .present = is_cfe, .ls_type = "BitEnumField (Cond)",                 \
               .ls_default = "0"},                                                            \
    [F_FCFIELD] = {.name = "FCfield", .kind = PS_K_UINT, .bits = 8, .flags = fc_flags,        \
                   .bits_for = fcfield_bits, .ls_type = "MultipleTypeField (FlagsField, FlagsField)",                  \
                   .ls_default = "<Flag 0 ()>"},                                              \
    [F_ID] = {.name = "ID", .kind = PS_K_UINT, .bits = 16, .ls_type = "ShortField",           \
              .ls_default = "0"},                                                             \
    [F_ADDR1] = {.name = "addr1", ADDR_LS, .variant = addr1_variant,                          \
                 .ls_type = "_Dot11MacField"},                                                \
    [F_ADDR2] = {.name = "addr2", ADDR_LS, .variant = addr2_variant, .present = has_addr2,    \
                 .ls_type = "_Dot11MacField (Cond)"},                                         \
    [F_ADDR3] = {.name = "addr3", ADDR_LS, .variant = addr3_variant, .present = has_addr3,    \
                 .ls_type = "_Dot11MacField (Cond)"},                                         \
    [F_SC] = {.name = "SC", PS_LE16, .present = has_sc, .ls_type = "LEShortField (Cond)",     \
              .ls_default = "0"},                                                             \
    [F_ADDR4] = {.name = "addr4", ADDR_LS, .variant = addr4_variant, .present = has_addr4,    \
                 .ls_type = "_Dot11MacField (Cond)"}

static const struct ps_field fields[] = {DOT11_FIELDS};

/* Dot11FCS.fcs: FCSField("fcs", None, fmt="<I"), a TrailerField: written
 * after the payload by post_build, read from the end of the frame. */
static long fcs_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                       struct ps_fval *v, struct ps_decode_room *room)
{
    (void)l;
    (void)room;
    if (off > len || len - off < 4)
        return -1;
    v->u = ps_le_get(p + len - 4, 4);
    return 0;
}
static size_t fcs_tail(const struct ps_layer *l)
{
    return l->v[F_FCS].set ? 4 : 0;
}

static const struct ps_field fcs_fields[] = {
    DOT11_FIELDS,
    [F_FCS] = {.name = "fcs", .kind = PS_K_UINT, .bits = 32, .is_auto = true, .hex = true,
               .encode = ps_encode_nothing, .decode = fcs_decode, .ls_type = "FCSField",
               .ls_default = "None"},
};

static uint32_t crc32_ieee(const uint8_t *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
    }
    return ~c;
}

/* post_build: the FCS after the header and its payload, a CRC-32 of them
 * unless given; a Padding goes after it (Scapy adds the padding last). */
static void fcs_post_build(struct ps_build *b, size_t idx)
{
    if (b->len + 4 > b->cap) {
        b->len = b->cap;
        return;
    }
    const struct ps_fval *v = &b->pkt->layers[idx].v[F_FCS];
    size_t start = b->start[idx], end = b->end[idx];
    if (b->buf) {
        memmove(b->buf + end + 4, b->buf + end, b->len - end);
        ps_le_put(b->buf + end, v->set ? v->u : crc32_ieee(b->buf + start, end - start), 4);
    }
    b->len += 4;
}

/* guess_payload_class: Dot11QoS for QoS data, the crypto header of a
 * protected frame, else the bindings. */
static const char *dot11_guess(const struct ps_layer *l)
{
    uint64_t t = u(l, F_TYPE), s = u(l, F_SUBTYPE), fc = u(l, F_FCFIELD);
    if (t == 2 && s >= 8 && s != 13)
        return "Dot11QoS";
    if (fc & (is_cfe(l) ? 0x04 : FC_PROTECTED))
        return "Dot11Encrypted";
    return NULL;
}

static void put_addr(struct ps_strbuf *b, const struct ps_packet *pkt, size_t idx, int fi,
                     int index)
{
    const struct ps_layer *l = &pkt->layers[idx];
    bool amsdu = false;
    if (idx + 1 < pkt->n && strcmp(pkt->layers[idx + 1].proto->name, "Dot11QoS") == 0)
        amsdu = ps_layer_uint(&pkt->layers[idx + 1], 0) != 0;
    uint8_t mac[6] = {0};
    if (l->v[fi].set)
        memcpy(mac, l->v[fi].addr, 6);
    char text[18];
    ps_format_mac(mac, text);
    ps_strbuf_puts(b, text);
    int m = meaning(l, index, amsdu);
    if (m != M_NONE)
        ps_strbuf_printf(b, " (%s)", meanings[m]);
}

/* "802.11 %type% %subtype% %addr2% > %addr1%" */
static int dot11_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    const struct ps_layer *l = &pkt->layers[idx];
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    const char *type = ps_enum_name(&l->proto->fields[F_TYPE], u(l, F_TYPE));
    const char *sub = ps_enum_name_in(l, &l->proto->fields[F_SUBTYPE], u(l, F_SUBTYPE));
    ps_strbuf_puts(&b, "802.11 ");
    if (type)
        ps_strbuf_puts(&b, type);
    else
        ps_strbuf_printf(&b, "%llu", (unsigned long long)u(l, F_TYPE));
    if (sub)
        ps_strbuf_printf(&b, " %s ", sub);
    else
        ps_strbuf_printf(&b, " %llu ", (unsigned long long)u(l, F_SUBTYPE));
    put_addr(&b, pkt, idx, F_ADDR2, 2);
    ps_strbuf_puts(&b, " > ");
    put_addr(&b, pkt, idx, F_ADDR1, 1);
    return ps_strbuf_result(&b);
}

const struct ps_proto ps_proto_dot11 = {
    .name = "Dot11",
    .long_name = "802.11",
    .fields = fields,
    .nfields = PS_NFIELDS(fields),
    .guess_payload = dot11_guess,
    .mysummary = dot11_summary,
};

/* bind_top_down(RadioTap, Dot11FCS, present=2, Flags=16) */
static const struct ps_bind fcs_build_binds[] = {
    {"RadioTap", "present", 2},
    {"RadioTap", "Flags", 16},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_dot11_fcs = {
    .name = "Dot11FCS",
    .long_name = "802.11-FCS",
    .fields = fcs_fields,
    .nfields = PS_NFIELDS(fcs_fields),
    .build_binds = fcs_build_binds,
    .post_build = fcs_post_build,
    .alias = "Dot11",
    .guess_payload = dot11_guess,
    .mysummary = dot11_summary,
    .tail_len = fcs_tail,
};

/* Dot11QoS */
static const struct ps_field qos_fields[] = {
    {.name = "A_MSDU_Present", .kind = PS_K_UINT, .bits = 1, .ls_type = "BitField  (1 bit)",
     .ls_default = "0"},
    {.name = "Ack_Policy", .kind = PS_K_UINT, .bits = 2, .ls_type = "BitField  (2 bits)",
     .ls_default = "0"},
    {.name = "EOSP", .kind = PS_K_UINT, .bits = 1, .ls_type = "BitField  (1 bit)",
     .ls_default = "0"},
    {.name = "TID", .kind = PS_K_UINT, .bits = 4, .ls_type = "BitField  (4 bits)",
     .ls_default = "0"},
    {.name = "TXOP", .kind = PS_K_UINT, .bits = 8, .ls_type = "ByteField", .ls_default = "0"},
};

/* Dot11QoS.guess_payload_class: the crypto header when the frame under it
 * is protected, else the bindings (LLC). The hook sees the layer below. */
static const char *qos_guess(const struct ps_layer *l, const struct ps_layer *under,
                             const uint8_t *p, size_t len)
{
    (void)l;
    (void)p;
    (void)len;
    if (under && (strcmp(under->proto->name, "Dot11") == 0 ||
                  strcmp(under->proto->name, "Dot11FCS") == 0) &&
        (ps_layer_uint(under, F_FCFIELD) & (is_cfe(under) ? 0x04 : FC_PROTECTED)))
        return "Dot11Encrypted";
    return NULL;
}

/* bind_top_down(Dot11, Dot11QoS, type=2, subtype=0xc) */
static const struct ps_bind qos_build_binds[] = {
    {"Dot11", "type", 2},
    {"Dot11", "subtype", 12},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_dot11_qos = {
    .name = "Dot11QoS",
    .long_name = "802.11 QoS",
    .fields = qos_fields,
    .nfields = PS_NFIELDS(qos_fields),
    .build_binds = qos_build_binds,
    .guess_payload_from = qos_guess,
};
