/* RadioTap (scapy/layers/dot11.py RadioTap, RadioTapExtendedPresenceMask,
 * RadioTapTLV): the capture header of link type 127. Its fields are
 * little-endian, present as the `present` bitmap says, and each starts
 * aligned to its size from the start of the header (Scapy's
 * ReversePadField), so most carry hooks; `len` covers the header and what
 * Scapy leaves in `notdecoded`. */
#include <stdio.h>
#include <string.h>

#include "frame.h"
#include "le_field.h"
#include "packet.h"
#include "protos.h"
#include "strbuf.h"

enum {
    F_VERSION, F_PAD, F_LEN, F_PRESENT, F_EXT, F_MAC_TIMESTAMP, F_FLAGS, F_RATE,
    F_CHANNEL_FREQUENCY, F_CHANNEL_FLAGS, F_DBM_ANT_SIGNAL, F_DBM_ANT_NOISE, F_LOCK_QUALITY,
    F_ANTENNA, F_RX_FLAGS, F_TX_FLAGS, F_CHANNEL_PLUS_FLAGS, F_CHANNEL_PLUS_FREQUENCY,
    F_CHANNEL_PLUS_NUMBER, F_KNOWN_MCS, F_NESS_LSB, F_STBC_STREAMS, F_FEC_TYPE, F_HT_FORMAT,
    F_GUARD_INTERVAL, F_MCS_BANDWIDTH, F_MCS_INDEX, F_A_MPDU_REF, F_A_MPDU_FLAGS, F_KNOWN_VHT,
    F_PRESENT_VHT, F_VHT_BANDWIDTH, F_MCS_NSS, F_GROUP_ID, F_PARTIAL_AID, F_TIMESTAMP,
    F_TS_ACCURACY, F_TS_UNIT, F_TS_POSITION, F_TS_FLAGS, F_HE_DATA1, F_HE_DATA2, F_HE_DATA3,
    F_HE_DATA4, F_HE_DATA5, F_HE_DATA6, F_HEMU_FLAGS1, F_HEMU_FLAGS2, F_RU_CHANNEL1,
    F_RU_CHANNEL2, F_HEMUOU_PER_USER_1, F_HEMUOU_PER_USER_2, F_HEMUOU_PER_USER_POSITION,
    F_HEMUOU_PER_USER_KNOWN, F_LSIG_DATA1, F_LSIG_LENGTH, F_LSIG_RATE, F_TLVS, F_NOTDECODED,
    F_COUNT
};

/* The present bits (_rt_present). */
enum {
    P_TSFT = 0, P_FLAGS = 1, P_RATE = 2, P_CHANNEL = 3, P_DBM_ANT_SIGNAL = 5,
    P_DBM_ANT_NOISE = 6, P_LOCK_QUALITY = 7, P_ANTENNA = 11, P_RX_FLAGS = 14, P_TX_FLAGS = 15,
    P_CHANNEL_PLUS = 18, P_MCS = 19, P_A_MPDU = 20, P_VHT = 21, P_TIMESTAMP = 22, P_HE = 23,
    P_HE_MU = 24, P_HE_MU_OTHER_USER = 25, P_L_SIG = 27, P_TLV = 28, P_EXT = 31
};

static const char *const rt_present[] = {
    "TSFT", "Flags", "Rate", "Channel", "FHSS", "dBm_AntSignal", "dBm_AntNoise",
    "Lock_Quality", "TX_Attenuation", "dB_TX_Attenuation", "dBm_TX_Power", "Antenna",
    "dB_AntSignal", "dB_AntNoise", "RXFlags", "TXFlags", "b17", "b18", "ChannelPlus", "MCS",
    "A_MPDU", "VHT", "timestamp", "HE", "HE_MU", "HE_MU_other_user", "zero_length_psdu",
    "L_SIG", "TLV", "RadiotapNS", "VendorNS", "Ext", NULL};
static const char *const rt_flags[] = {"CFP", "ShortPreamble", "wep", "fragment", "FCS",
                                       "pad", "badFCS", "ShortGI", NULL};
static const char *const rt_channelflags[] = {
    "res1", "res2", "res3", "res4", "Turbo", "CCK", "OFDM", "2GHz", "5GHz", "Passive",
    "Dynamic_CCK_OFDM", "GFSK", "GSM", "StaticTurbo", "10MHz", "5MHz", NULL};
static const char *const rt_rxflags[] = {"res1", "BAD_PLCP", "res2", NULL};
static const char *const rt_txflags[] = {"TX_FAIL", "CTS", "RTS", "NOACK", "NOSEQ", "ORDER",
                                         NULL};
static const char *const rt_channelflags2[] = {
    "res1", "res2", "res3", "res4", "Turbo", "CCK", "OFDM", "2GHz", "5GHz", "Passive",
    "Dynamic_CCK_OFDM", "GFSK", "GSM", "StaticTurbo", "10MHz", "5MHz", "20MHz",
    "40MHz_ext_channel_above", "40MHz_ext_channel_below", "res5", "res6", "res7", "res8",
    "res9", NULL};
static const char *const rt_tsflags[] = {"32-bit_counter", "Accuracy", "res1", "res2", "res3",
                                         "res4", "res5", "res6", NULL};
static const char *const rt_knownmcs[] = {"MCS_bandwidth", "MCS_index", "guard_interval",
                                          "HT_format", "FEC_type", "STBC_streams", "Ness",
                                          "Ness_MSB", NULL};
static const char *const rt_a_mpdu_flags[] = {
    "Report0Subframe", "Is0Subframe", "KnownLastSubframe", "LastSubframe", "CRCerror",
    "EOFsubframe", "KnownEOF", "res1", "res2", "res3", "res4", "res5", "res6", "res7", "res8",
    NULL};
static const char *const rt_knownvht[] = {
    "STBC", "TXOP_PS_NOT_ALLOWED", "GuardInterval", "SGINsysmDis", "LDPCextraOFDM",
    "Beamformed", "Bandwidth", "GroupID", "PartialAID", "res1", "res2", "res3", "res4", "res5",
    "res6", "res7", NULL};
static const char *const rt_presentvht[] = {"STBC", "TXOP_PS_NOT_ALLOWED", "GuardInterval",
                                            "SGINsysmDis", "LDPCextraOFDM", "Beamformed",
                                            "res1", "res2", NULL};
/* Scapy gives _rt_hemuother_per_user_known as a Python set, whose order
 * changes from run to run (and which a FlagValue cannot index): a value of
 * 0, all Scapy can print, prints the same in any order. */
static const char *const rt_hemuou_known[] = {
    "user field position", "STA-ID", "NSTS", "Tx Beamforming", "Spatial Configuration",
    "MCS", "DCM", "Coding", NULL};
static const char *const rt_lsig_flags[] = {"rate", "length", NULL};

static const struct ps_enum rt_bandwidth[] = {
    {0, "20MHz"}, {1, "40MHz"}, {2, "ht40Mhz-"}, {3, "ht40MHz+"}, {0, NULL}};
static const struct ps_enum rt_fec[] = {{0, "BCC"}, {1, "LDPC"}, {0, NULL}};
static const struct ps_enum rt_ht_format[] = {{0, "mixed"}, {1, "greenfield"}, {0, NULL}};
static const struct ps_enum rt_gi[] = {{0, "Long_GI"}, {1, "Short_GI"}, {0, NULL}};
static const struct ps_enum rt_vhtbandwidth[] = {
    {0, "20MHz"},   {1, "40MHz"},   {2, "40MHz"},   {3, "40MHz"},   {4, "80MHz"},
    {5, "80MHz"},   {6, "80MHz"},   {7, "80MHz"},   {8, "80MHz"},   {9, "80MHz"},
    {10, "80MHz"},  {11, "160MHz"}, {12, "160MHz"}, {13, "160MHz"}, {14, "160MHz"},
    {15, "160MHz"}, {16, "160MHz"}, {17, "160MHz"}, {18, "160MHz"}, {19, "160MHz"},
    {20, "160MHz"}, {21, "160MHz"}, {22, "160MHz"}, {23, "160MHz"}, {24, "160MHz"},
    {25, "160MHz"}, {0, NULL}};
static const struct ps_enum rt_ts_unit[] = {
    {0, "milliseconds"}, {1, "microseconds"}, {2, "nanoseconds"}, {0, NULL}};

/* Bits of `present`: the conditions of the fields. */
#define HAS(bit)                                                  \
    static bool has_##bit(const struct ps_layer *l)               \
    {                                                             \
        return (ps_layer_uint(l, F_PRESENT) >> (bit)) & 1;        \
    }
HAS(P_TSFT)
HAS(P_FLAGS)
HAS(P_RATE)
HAS(P_CHANNEL)
HAS(P_DBM_ANT_SIGNAL)
HAS(P_DBM_ANT_NOISE)
HAS(P_LOCK_QUALITY)
HAS(P_ANTENNA)
HAS(P_RX_FLAGS)
HAS(P_TX_FLAGS)
HAS(P_CHANNEL_PLUS)
HAS(P_MCS)
HAS(P_A_MPDU)
HAS(P_VHT)
HAS(P_TIMESTAMP)
HAS(P_HE)
HAS(P_HE_MU)
HAS(P_HE_MU_OTHER_USER)
HAS(P_L_SIG)
HAS(P_TLV)
HAS(P_EXT)

/* Where field fi starts when l is built: the fields before it that are
 * present, each aligned as it is on the wire. */
static const uint8_t field_align[F_COUNT] = {
    [F_MAC_TIMESTAMP] = 8, [F_CHANNEL_FREQUENCY] = 2, [F_LOCK_QUALITY] = 2,
    [F_RX_FLAGS] = 2,      [F_TX_FLAGS] = 2,          [F_CHANNEL_PLUS_FLAGS] = 4,
    [F_KNOWN_MCS] = 2,     [F_A_MPDU_REF] = 4,        [F_KNOWN_VHT] = 2,
    [F_TIMESTAMP] = 8,     [F_HE_DATA1] = 2,          [F_HEMU_FLAGS1] = 2,
    [F_HEMUOU_PER_USER_1] = 2, [F_LSIG_DATA1] = 2,    [F_TLVS] = 4,
};

static bool field_present(const struct ps_layer *l, size_t fi)
{
    const struct ps_field *f = &l->proto->fields[fi];
    return !f->present || f->present(l);
}

/* The wire size in bits of a fixed field, or of a variable one as l holds it. */
static size_t field_bits(const struct ps_layer *l, size_t fi)
{
    const struct ps_field *f = &l->proto->fields[fi];
    const struct ps_fval *v = &l->v[fi];
    switch (fi) {
    case F_EXT:
        return v->set ? (v->nsub * 4 + v->len) * 8 : 0;
    case F_RU_CHANNEL1:
    case F_RU_CHANNEL2:
        return v->set ? v->len * 8 : 0;
    case F_MCS_NSS:
        return 40;
    case F_LSIG_LENGTH:
        return 16;
    case F_LSIG_RATE:
        return 0;
    default:
        return f->kind == PS_K_UINT ? f->bits : 0;
    }
}

static size_t offset_of(const struct ps_layer *l, size_t fi)
{
    size_t bit = 0;
    for (size_t j = 0; j < fi; j++) {
        if (!field_present(l, j))
            continue;
        size_t a = field_align[j] ? field_align[j] : 1, at = (bit + 7) / 8;
        if (field_align[j])
            bit = (at + (a - at % a) % a) * 8;
        bit += field_bits(l, j);
    }
    return (bit + 7) / 8;
}

static unsigned field_bytes(const struct ps_field *f)
{
    return f->bits / 8u;
}

/* ReversePadField(LE..Field, align).addfield: \0 up to the alignment, then
 * the value. */
static long aligned_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                           size_t cap)
{
    int fi = ps_le_index(l, v);
    if (fi < 0)
        return -1;
    size_t at = offset_of(l, (size_t)fi), a = field_align[fi] ? field_align[fi] : 1;
    size_t pad = (a - at % a) % a;
    unsigned n = field_bytes(&l->proto->fields[fi]);
    if (!out)
        return (long)(pad + n);
    if (cap < pad + n)
        return -1;
    memset(out, 0, pad);
    ps_le_put(out + pad, ps_le_value(l, v), n);
    return (long)(pad + n);
}

/* ReversePadField.getfield: skips to the alignment from the header's start. */
static long aligned_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                           struct ps_fval *v, struct ps_decode_room *room)
{
    (void)room;
    int fi = ps_le_index(l, v);
    if (fi < 0)
        return -1;
    size_t a = field_align[fi] ? field_align[fi] : 1, pad = (a - off % a) % a;
    unsigned n = field_bytes(&l->proto->fields[fi]);
    if (off > len || len - off < pad + n)
        return -1;
    v->u = ps_le_get(p + off + pad, n);
    return (long)(pad + n);
}

/* lsig_length and lsig_rate: BitFields over one little-endian short
 * (tot_size=-2): the length its top 12 bits, the rate its low 4. The
 * length's hooks read and write both; the rate's take no byte. */
static long lsig_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                        size_t cap)
{
    (void)v;
    if (!out)
        return 2;
    if (cap < 2)
        return -1;
    uint64_t length = ps_layer_uint(l, F_LSIG_LENGTH) & 0xfff;
    uint64_t rate = ps_layer_uint(l, F_LSIG_RATE) & 0xf;
    ps_le_put(out, length << 4 | rate, 2);
    return 2;
}
static long lsig_length_decode(const uint8_t *p, size_t len, size_t off,
                               const struct ps_layer *l, struct ps_fval *v,
                               struct ps_decode_room *room)
{
    (void)l;
    (void)room;
    if (off > len || len - off < 2)
        return -1;
    v->u = ps_le_get(p + off, 2) >> 4;
    return 2;
}
static long lsig_rate_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                             struct ps_fval *v, struct ps_decode_room *room)
{
    (void)len;
    (void)l;
    (void)room;
    if (off < 2)
        return -1;
    v->u = ps_le_get(p + off - 2, 2) & 0xf;
    return 0;
}

static const char *const ext_names_0[] = {
    "b0", "b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9", "b10", "b11", "b12", "b13",
    "b14", "b15", "b16", "b17", "b18", "b19", "b20", "b21", "b22", "b23", "b24", "b25", "b26",
    "b27", "b28", "b29", "b30", "Ext", NULL};
static const char *const ext_names_1[] = {
    "b32", "b33", "b34", "b35", "b36", "b37", "b38", "b39", "b40", "b41", "b42", "b43", "b44",
    "b45", "b46", "b47", "b48", "b49", "b50", "b51", "b52", "b53", "b54", "b55", "b56", "b57",
    "b58", "b59", "b60", "b61", "b62", "Ext", NULL};
static const char *const ext_names_2[] = {
    "b64", "b65", "b66", "b67", "b68", "b69", "b70", "b71", "b72", "b73", "b74", "b75", "b76",
    "b77", "b78", "b79", "b80", "b81", "b82", "b83", "b84", "b85", "b86", "b87", "b88", "b89",
    "b90", "b91", "b92", "b93", "b94", "Ext", NULL};
static const char *const ext_names_3[] = {
    "b96", "b97", "b98", "b99", "b100", "b101", "b102", "b103", "b104", "b105", "b106", "b107",
    "b108", "b109", "b110", "b111", "b112", "b113", "b114", "b115", "b116", "b117", "b118",
    "b119", "b120", "b121", "b122", "b123", "b124", "b125", "b126", "Ext", NULL};

/* RadioTapExtendedPresenceMask: the flag names go on from 32 * its place
 * in the list (Scapy renames them per element), so each place has a table
 * of its own; the first is the class the registry lists. */
#define EXT_FIELDS(k)                                                                      \
    static const struct ps_field ext_fields_##k[] = {                                      \
        {.name = "present", PS_LE32, .is_auto = true, .flags = ext_names_##k,               \
         .ls_type = "FlagsField", .ls_default = "None"},                                   \
    };
EXT_FIELDS(0)
EXT_FIELDS(1)
EXT_FIELDS(2)
EXT_FIELDS(3)

#define EXT_PROTO(k)                                                                        \
    {                                                                                       \
        .name = "RadioTapExtendedPresenceMask", .long_name = "RadioTap Extended presence mask", \
        .klass = "RadioTapExtendedPresenceMask", .fields = ext_fields_##k, .nfields = 1,   \
    }
static const struct ps_proto ext_more[] = {EXT_PROTO(1), EXT_PROTO(2), EXT_PROTO(3)};
const struct ps_proto ps_proto_radiotap_ext = EXT_PROTO(0);

static const struct ps_proto *ext_class(size_t k)
{
    return k == 0 ? &ps_proto_radiotap_ext : &ext_more[(k < 3 ? k : 3) - 1];
}

/* The Ext list (_next_radiotap_extpm): one more mask while the last has
 * its Ext bit. */
static long ext_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                       struct ps_fval *v, struct ps_decode_room *room)
{
    (void)l;
    size_t at = off, k = 0;
    bool storing = room && room->subs;
    memset(v, 0, sizeof *v);
    v->sub = storing ? room->subs + room->subs_used : NULL;
    for (bool more = true; more; k++) {
        if (at > len || len - at < 4)
            return -1;
        uint64_t word = ps_le_get(p + at, 4);
        more = (word >> P_EXT) & 1;
        if (storing && room->subs_used < room->subs_cap) {
            struct ps_layer *e = &room->subs[room->subs_used++];
            ps_layer_init(e, ext_class(k));
            e->v[0].set = true;
            e->v[0].u = word;
            v->nsub++;
        } else {
            if (!v->bytes)
                v->bytes = p + at;
            v->len += 4;
            storing = false;
        }
        at += 4;
    }
    if (!v->nsub)
        v->sub = NULL;
    return (long)(at - off);
}

/* ScalingField("Rate", scaling=0.5, unit="Mbps"): the float of half the byte. */
static int rate_repr(const struct ps_fval *v, char *out, size_t cap)
{
    return snprintf(out, cap, "%llu.%c", (unsigned long long)(v->u / 2), v->u % 2 ? '5' : '0');
}
/* ScalingField(fmt="b", unit="dBm"): a signed byte. */
static int dbm_repr(const struct ps_fval *v, char *out, size_t cap)
{
    return snprintf(out, cap, "%d", (int)(int8_t)(uint8_t)v->u);
}
/* FieldListField of ByteField: the bytes as a list of numbers. */
static int byte_list_repr(const struct ps_fval *v, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    ps_strbuf_putc(&b, '[');
    for (size_t i = 0; i < v->len; i++)
        ps_strbuf_printf(&b, "%s%u", i ? ", " : "", v->bytes[i]);
    ps_strbuf_putc(&b, ']');
    return ps_strbuf_result(&b);
}
/* FieldListField(length_from=lambda x: 4): up to 4 bytes. */
static long ru_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                      struct ps_fval *v, struct ps_decode_room *room)
{
    (void)l;
    (void)room;
    size_t n = off < len ? len - off : 0;
    v->bytes = p + off;
    v->len = n < 4 ? n : 4;
    return (long)v->len;
}

/* StrFixedLenField("mcs_nss", 0, length=5): the default is the int 0,
 * which show() prints for a frame that ended before the field. */
static int mcs_nss_repr(const struct ps_fval *v, char *out, size_t cap)
{
    if (!v->set)
        return snprintf(out, cap, "0");
    return ps_strfixed_repr(v, out, cap);
}

/* ReversePadField(PacketListField("tlvs", [], RadioTapTLV), 4): \0 up to
 * a multiple of 4 from the header's start, even before an empty list, then
 * the TLVs and any bytes given after them. */
static long tlvs_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                        size_t cap)
{
    size_t at = offset_of(l, F_TLVS), n = (4 - at % 4) % 4;
    if (out) {
        if (cap < n)
            return -1;
        memset(out, 0, n);
    }
    for (size_t k = 0; v->set && k < v->nsub; k++) {
        long e = ps_radiotap_tlv_put(&v->sub[k], out ? out + n : NULL, out ? cap - n : 0);
        if (e < 0)
            return -1;
        n += (size_t)e;
    }
    size_t tail = v->set ? v->len : 0;
    if (out) {
        if (cap - n < tail)
            return -1;
        if (tail)
            memcpy(out + n, v->bytes, tail);
    }
    return (long)(n + tail);
}
/* The pad, then RadioTapTLVs while the bytes last (each hands its rest
 * on); what one cannot be read from stays bytes, Scapy's Raw element. */
static long tlvs_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                        struct ps_fval *v, struct ps_decode_room *room)
{
    (void)l;
    size_t at = off + (4 - off % 4) % 4;
    memset(v, 0, sizeof *v);
    if (at > len)
        return -1;
    bool storing = room && room->subs && room->element;
    v->sub = storing ? room->subs + room->subs_used : NULL;
    while (at < len) {
        long h = -1;
        if (storing && room->subs_used < room->subs_cap)
            h = room->element(&ps_proto_radiotap_tlv, p + at, len - at,
                              &room->subs[room->subs_used], room);
        if (h <= 0)
            break;
        room->subs_used++;
        v->nsub++;
        at += (size_t)h;
    }
    if (!v->nsub)
        v->sub = NULL;
    if (at < len) {
        v->bytes = p + at;
        v->len = len - at;
    }
    return (long)(len - off);
}

/* post_dissect: notdecoded is what `len` covers past the fields read. */
static long notdecoded_decode(const uint8_t *p, size_t len, size_t off,
                              const struct ps_layer *l, struct ps_fval *v,
                              struct ps_decode_room *room)
{
    (void)room;
    size_t want = l->v[F_LEN].u > off ? (size_t)l->v[F_LEN].u - off : 0;
    size_t have = off < len ? len - off : 0;
    v->bytes = p + off;
    v->len = want < have ? want : have;
    return (long)v->len;
}

/* post_build: an unset len is the header's length. */
static void radiotap_post_build(struct ps_build *b, size_t idx)
{
    if (b->pkt->layers[idx].v[F_LEN].set || !b->buf || b->hlen[idx] < 4)
        return;
    ps_le_put(b->buf + b->start[idx] + 2, b->hlen[idx], 2);
}

/* guess_payload_class: Dot11FCS when the Flags field says FCS. */
static const char *radiotap_guess(const struct ps_layer *l)
{
    return has_P_FLAGS(l) && (ps_layer_uint(l, F_FLAGS) & 0x10) ? "Dot11FCS" : "Dot11";
}

#define COND(t) t " (Cond)"
#define LE_FLAGS(n, b, names, cond)                                                       \
    .name = n, .kind = PS_K_UINT, .bits = b, .is_auto = true, .flags = names,             \
    .encode = b == 8 ? NULL : b == 16 ? ps_le16_encode : ps_le32_encode,                 \
    .decode = b == 8 ? NULL : b == 16 ? ps_le16_decode : ps_le32_decode, .present = cond, \
    .ls_type = COND("FlagsField"), .ls_default = "None"
#define ALIGNED(n, b, cond, t)                                                             \
    .name = n, .kind = PS_K_UINT, .bits = b, .encode = aligned_encode,                    \
    .decode = aligned_decode, .present = cond, .ls_type = COND("ReversePadField")
#define LE16(n, cond) .name = n, PS_LE16, .present = cond, .ls_type = COND("LEShortField")
#define BYTE(n, cond) .name = n, .kind = PS_K_UINT, .bits = 8, .present = cond, \
    .ls_type = COND("ByteField"), .ls_default = "0"

static const struct ps_field fields[F_COUNT] = {
    [F_VERSION] = {.name = "version", .kind = PS_K_UINT, .bits = 8, .ls_type = "ByteField",
                   .ls_default = "0"},
    [F_PAD] = {.name = "pad", .kind = PS_K_UINT, .bits = 8, .ls_type = "ByteField",
               .ls_default = "0"},
    [F_LEN] = {.name = "len", PS_LE16, .is_auto = true, .ls_type = "LEShortField",
               .ls_default = "None"},
    [F_PRESENT] = {.name = "present", PS_LE32, .is_auto = true, .flags = rt_present,
                   .ls_type = "FlagsField", .ls_default = "None"},
    [F_EXT] = {.name = "Ext", .kind = PS_K_LAYERS, .sub_class = "RadioTapExtendedPresenceMask",
               .decode = ext_decode, .present = has_P_EXT,
               .ls_type = COND("PacketListField"), .ls_default = "[]"},
    [F_MAC_TIMESTAMP] = {ALIGNED("mac_timestamp", 64, has_P_TSFT, "LELongField"),
                         .ls_default = "0"},
    [F_FLAGS] = {LE_FLAGS("Flags", 8, rt_flags, has_P_FLAGS)},
    [F_RATE] = {.name = "Rate", .kind = PS_K_UINT, .bits = 8, .scale = 2, .repr = rate_repr, .unit = "Mbps",
                .present = has_P_RATE, .ls_type = COND("ScalingField"), .ls_default = "0"},
    [F_CHANNEL_FREQUENCY] = {ALIGNED("ChannelFrequency", 16, has_P_CHANNEL, "LEShortField"),
                             .ls_default = "0"},
    [F_CHANNEL_FLAGS] = {LE_FLAGS("ChannelFlags", 16, rt_channelflags, has_P_CHANNEL)},
    [F_DBM_ANT_SIGNAL] = {.name = "dBm_AntSignal", .kind = PS_K_UINT, .bits = 8,
                          .repr = dbm_repr, .unit = "dBm", .present = has_P_DBM_ANT_SIGNAL,
                          .ls_type = COND("ScalingField"), .ls_default = "0"},
    [F_DBM_ANT_NOISE] = {.name = "dBm_AntNoise", .kind = PS_K_UINT, .bits = 8,
                         .repr = dbm_repr, .unit = "dBm", .present = has_P_DBM_ANT_NOISE,
                         .ls_type = COND("ScalingField"), .ls_default = "0"},
    [F_LOCK_QUALITY] = {ALIGNED("Lock_Quality", 16, has_P_LOCK_QUALITY, "LEShortField"),
                        .ls_default = "0"},
    [F_ANTENNA] = {BYTE("Antenna", has_P_ANTENNA)},
    [F_RX_FLAGS] = {ALIGNED("RXFlags", 16, has_P_RX_FLAGS, "FlagsField"), .is_auto = true,
                    .flags = rt_rxflags, .ls_default = "None"},
    [F_TX_FLAGS] = {ALIGNED("TXFlags", 16, has_P_TX_FLAGS, "FlagsField"), .is_auto = true,
                    .flags = rt_txflags, .ls_default = "None"},
    [F_CHANNEL_PLUS_FLAGS] = {ALIGNED("ChannelPlusFlags", 32, has_P_CHANNEL_PLUS, "FlagsField"),
                              .is_auto = true, .flags = rt_channelflags2, .ls_default = "None"},
    [F_CHANNEL_PLUS_FREQUENCY] = {LE16("ChannelPlusFrequency", has_P_CHANNEL_PLUS),
                                  .ls_default = "0"},
    [F_CHANNEL_PLUS_NUMBER] = {BYTE("ChannelPlusNumber", has_P_CHANNEL_PLUS)},
    [F_KNOWN_MCS] = {ALIGNED("knownMCS", 8, has_P_MCS, "FlagsField"), .is_auto = true,
                     .flags = rt_knownmcs, .ls_default = "None"},
    [F_NESS_LSB] = {.name = "Ness_LSB", .kind = PS_K_UINT, .bits = 1, .present = has_P_MCS,
                    .ls_type = "BitField (Cond) (1 bit)", .ls_default = "0"},
    [F_STBC_STREAMS] = {.name = "STBC_streams", .kind = PS_K_UINT, .bits = 2,
                        .present = has_P_MCS, .ls_type = "BitField (Cond) (2 bits)",
                        .ls_default = "0"},
    [F_FEC_TYPE] = {.name = "FEC_type", .kind = PS_K_UINT, .bits = 1, .enums = rt_fec,
                    .present = has_P_MCS, .ls_type = COND("BitEnumField"),
                    .ls_default = "0"},
    [F_HT_FORMAT] = {.name = "HT_format", .kind = PS_K_UINT, .bits = 1, .enums = rt_ht_format,
                     .present = has_P_MCS, .ls_type = COND("BitEnumField"),
                     .ls_default = "0"},
    [F_GUARD_INTERVAL] = {.name = "guard_interval", .kind = PS_K_UINT, .bits = 1,
                          .enums = rt_gi, .present = has_P_MCS,
                          .ls_type = COND("BitEnumField"), .ls_default = "0"},
    [F_MCS_BANDWIDTH] = {.name = "MCS_bandwidth", .kind = PS_K_UINT, .bits = 2,
                         .enums = rt_bandwidth, .present = has_P_MCS,
                         .ls_type = COND("BitEnumField"), .ls_default = "0"},
    [F_MCS_INDEX] = {BYTE("MCS_index", has_P_MCS)},
    [F_A_MPDU_REF] = {ALIGNED("A_MPDU_ref", 32, has_P_A_MPDU, "LEIntField"),
                      .ls_default = "0"},
    [F_A_MPDU_FLAGS] = {LE_FLAGS("A_MPDU_flags", 32, rt_a_mpdu_flags, has_P_A_MPDU)},
    [F_KNOWN_VHT] = {ALIGNED("KnownVHT", 16, has_P_VHT, "FlagsField"), .is_auto = true,
                     .flags = rt_knownvht, .ls_default = "None"},
    [F_PRESENT_VHT] = {LE_FLAGS("PresentVHT", 8, rt_presentvht, has_P_VHT)},
    [F_VHT_BANDWIDTH] = {.name = "VHT_bandwidth", .kind = PS_K_UINT, .bits = 8,
                         .enums = rt_vhtbandwidth, .present = has_P_VHT,
                         .ls_type = COND("ByteEnumField"), .ls_default = "0"},
    [F_MCS_NSS] = {.name = "mcs_nss", .kind = PS_K_BYTES, .bits = 40, .def_text = "",
                   .repr = mcs_nss_repr,
                   .present = has_P_VHT, .ls_type = COND("StrFixedLenField"),
                   .ls_default = "0"},
    [F_GROUP_ID] = {BYTE("GroupID", has_P_VHT)},
    [F_PARTIAL_AID] = {.name = "PartialAID", .kind = PS_K_UINT, .bits = 16,
                       .present = has_P_VHT, .ls_type = COND("ShortField"), .ls_default = "0"},
    [F_TIMESTAMP] = {ALIGNED("timestamp", 64, has_P_TIMESTAMP, "LELongField"),
                     .ls_default = "0"},
    [F_TS_ACCURACY] = {LE16("ts_accuracy", has_P_TIMESTAMP), .ls_default = "0"},
    [F_TS_UNIT] = {.name = "ts_unit", .kind = PS_K_UINT, .bits = 4, .enums = rt_ts_unit,
                   .present = has_P_TIMESTAMP, .ls_type = COND("BitEnumField"),
                   .ls_default = "0"},
    [F_TS_POSITION] = {.name = "ts_position", .kind = PS_K_UINT, .bits = 4,
                       .present = has_P_TIMESTAMP, .ls_type = "BitField (Cond) (4 bits)",
                       .ls_default = "0"},
    [F_TS_FLAGS] = {LE_FLAGS("ts_flags", 8, rt_tsflags, has_P_TIMESTAMP)},
    [F_HE_DATA1] = {ALIGNED("he_data1", 16, has_P_HE, "LEShortField"), .ls_default = "0"},
    [F_HE_DATA2] = {LE16("he_data2", has_P_HE), .ls_default = "0"},
    [F_HE_DATA3] = {LE16("he_data3", has_P_HE), .ls_default = "0"},
    [F_HE_DATA4] = {LE16("he_data4", has_P_HE), .ls_default = "0"},
    [F_HE_DATA5] = {LE16("he_data5", has_P_HE), .ls_default = "0"},
    [F_HE_DATA6] = {LE16("he_data6", has_P_HE), .ls_default = "0"},
    [F_HEMU_FLAGS1] = {ALIGNED("hemu_flags1", 16, has_P_HE_MU, "LEShortField"),
                       .ls_default = "0"},
    [F_HEMU_FLAGS2] = {LE16("hemu_flags2", has_P_HE_MU), .ls_default = "0"},
    [F_RU_CHANNEL1] = {.name = "RU_channel1", .kind = PS_K_BYTES, .def_text = "",
                       .repr = byte_list_repr, .byte_list = true, .decode = ru_decode, .present = has_P_HE_MU,
                       .ls_type = COND("FieldListField"), .ls_default = "[]"},
    [F_RU_CHANNEL2] = {.name = "RU_channel2", .kind = PS_K_BYTES, .def_text = "",
                       .repr = byte_list_repr, .byte_list = true, .decode = ru_decode, .present = has_P_HE_MU,
                       .ls_type = COND("FieldListField"), .ls_default = "[]"},
    [F_HEMUOU_PER_USER_1] = {ALIGNED("hemuou_per_user_1", 16, has_P_HE_MU_OTHER_USER,
                                     "LEShortField"),
                             .def = 0x7fff, .ls_default = "32767"},
    [F_HEMUOU_PER_USER_2] = {LE16("hemuou_per_user_2", has_P_HE_MU_OTHER_USER), .def = 0x3f,
                             .ls_default = "63"},
    [F_HEMUOU_PER_USER_POSITION] = {BYTE("hemuou_per_user_position", has_P_HE_MU_OTHER_USER)},
    [F_HEMUOU_PER_USER_KNOWN] = {.name = "hemuou_per_user_known", PS_LE16,
                                 .flags = rt_hemuou_known, .present = has_P_HE_MU_OTHER_USER,
                                 .ls_type = COND("FlagsField"), .ls_default = "<Flag 0 ()>"},
    [F_LSIG_DATA1] = {ALIGNED("lsig_data1", 16, has_P_L_SIG, "FlagsField"),
                      .flags = rt_lsig_flags, .ls_default = "<Flag 0 ()>"},
    [F_LSIG_LENGTH] = {.name = "lsig_length", .kind = PS_K_UINT, .bits = 12,
                       .encode = lsig_encode, .decode = lsig_length_decode,
                       .present = has_P_L_SIG, .ls_type = "BitField (Cond) (12 bits)",
                       .ls_default = "0"},
    [F_LSIG_RATE] = {.name = "lsig_rate", .kind = PS_K_UINT, .bits = 4,
                     .encode = ps_encode_nothing, .decode = lsig_rate_decode,
                     .present = has_P_L_SIG, .ls_type = "BitField (Cond) (4 bits)",
                     .ls_default = "0"},
    [F_TLVS] = {.name = "tlvs", .kind = PS_K_LAYERS, .sub_class = "RadioTapTLV",
                .encode = tlvs_encode, .decode = tlvs_decode, .present = has_P_TLV,
                .ls_type = COND("ReversePadField"), .ls_default = "[]"},
    [F_NOTDECODED] = {.name = "notdecoded", .kind = PS_K_BYTES, .def_text = "",
                      .decode = notdecoded_decode, .ls_type = "StrLenField",
                      .ls_default = "b''"},
};

const struct ps_proto ps_proto_radiotap = {
    .name = "RadioTap",
    .long_name = "RadioTap",
    .fields = fields,
    .nfields = PS_NFIELDS(fields),
    .post_build = radiotap_post_build,
    .guess_payload = radiotap_guess,
};
