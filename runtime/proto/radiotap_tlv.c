/* RadioTapTLV (scapy/layers/dot11.py): an element of RadioTap's `tlvs`
 * list, a type, a length, the vendor namespace's fields for type 30, the
 * data and its pad to 4 bytes. */
#include <string.h>

#include "le_field.h"
#include "packet.h"
#include "protos.h"

enum { T_TYPE, T_LENGTH, T_OUI, T_SUBTYPE, T_PRESENCE_TYPE, T_RESERVED, T_DATA, T_PAD };

/* LEShortEnumField("type", 0, _rt_present): the presence bits' names. */
static const struct ps_enum tlv_types[] = {
    {0, "TSFT"}, {1, "Flags"}, {2, "Rate"}, {3, "Channel"}, {4, "FHSS"},
    {5, "dBm_AntSignal"}, {6, "dBm_AntNoise"}, {7, "Lock_Quality"}, {8, "TX_Attenuation"},
    {9, "dB_TX_Attenuation"}, {10, "dBm_TX_Power"}, {11, "Antenna"}, {12, "dB_AntSignal"},
    {13, "dB_AntNoise"}, {14, "RXFlags"}, {15, "TXFlags"}, {16, "b17"}, {17, "b18"},
    {18, "ChannelPlus"}, {19, "MCS"}, {20, "A_MPDU"}, {21, "VHT"}, {22, "timestamp"},
    {23, "HE"}, {24, "HE_MU"}, {25, "HE_MU_other_user"}, {26, "zero_length_psdu"},
    {27, "L_SIG"}, {28, "TLV"}, {29, "RadiotapNS"}, {30, "VendorNS"}, {31, "Ext"},
    {0, NULL}};

static bool vendor_ns(const struct ps_layer *l)
{
    return ps_layer_uint(l, T_TYPE) == 30;
}

static size_t data_len(const struct ps_layer *l)
{
    return l->v[T_DATA].set ? l->v[T_DATA].len : 0;
}

/* post_build: an unset length is the data's. */
static long length_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                          size_t cap)
{
    if (!out)
        return 2;
    if (cap < 2)
        return -1;
    ps_le_put(out, v->set ? v->u : data_len(l), 2);
    return 2;
}

/* post_build: an unset pad is \0 up to a multiple of 4 of the data; none
 * when a given length says more data than there is (a TLV the frame cut,
 * read again: Scapy sends its raw bytes). */
static long pad_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                       size_t cap)
{
    bool cut = l->v[T_LENGTH].set && l->v[T_LENGTH].u > data_len(l);
    size_t n = v->set ? v->len : cut ? 0 : (4 - data_len(l) % 4) % 4;
    if (!out)
        return (long)n;
    if (cap < n)
        return -1;
    if (v->set)
        memcpy(out, v->bytes, n);
    else
        memset(out, 0, n);
    return (long)n;
}

/* data: length bytes; pad: -length % 4 (both cut to the frame). */
static size_t tlv_len(const struct ps_layer *l, size_t field)
{
    uint64_t length = ps_layer_uint(l, T_LENGTH);
    if (field == T_DATA)
        return (size_t)length;
    return field == T_PAD ? (size_t)((4 - length % 4) % 4) : 0;
}

static const struct ps_field tlv_fields[] = {
    [T_TYPE] = {.name = "type", PS_LE16, .enums = tlv_types, .ls_type = "LEShortEnumField",
                .ls_default = "0"},
    [T_LENGTH] = {.name = "length", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
                  .encode = length_encode, .decode = ps_le16_decode,
                  .ls_type = "LEShortField", .ls_default = "None"},
    [T_OUI] = {.name = "oui", .kind = PS_K_UINT, .bits = 24, .hex = true, .repr = ps_oui_repr,
               .present = vendor_ns, .ls_type = "OUIField (Cond)", .ls_default = "0"},
    [T_SUBTYPE] = {.name = "subtype", .kind = PS_K_UINT, .bits = 8, .present = vendor_ns,
                   .ls_type = "ByteField (Cond)", .ls_default = "0"},
    [T_PRESENCE_TYPE] = {.name = "presence_type", PS_LE16, .present = vendor_ns,
                         .ls_type = "LEShortField (Cond)", .ls_default = "0"},
    [T_RESERVED] = {.name = "reserved", PS_LE16, .present = vendor_ns,
                    .ls_type = "LEShortField (Cond)", .ls_default = "0"},
    [T_DATA] = {.name = "data", .kind = PS_K_BYTES, .def_text = "", .ls_type = "StrLenField",
                .ls_default = "b''"},
    [T_PAD] = {.name = "pad", .kind = PS_K_BYTES, .is_auto = true, .encode = pad_encode,
               .ls_type = "StrLenField", .ls_default = "None"},
};

/* The wire form of one TLV, post_build's length and pad included (out
 * NULL: its length), for RadioTap's tlvs hook. */
long ps_radiotap_tlv_put(const struct ps_layer *e, uint8_t *out, size_t cap)
{
    uint8_t head[12];
    size_t h = vendor_ns(e) ? 12 : 4;
    ps_le_put(head, ps_layer_uint(e, T_TYPE), 2);
    length_encode(e, &e->v[T_LENGTH], head + 2, 2);
    if (h == 12) {
        uint64_t oui = ps_layer_uint(e, T_OUI);
        head[4] = (uint8_t)(oui >> 16);
        head[5] = (uint8_t)(oui >> 8);
        head[6] = (uint8_t)oui;
        head[7] = (uint8_t)ps_layer_uint(e, T_SUBTYPE);
        ps_le_put(head + 8, ps_layer_uint(e, T_PRESENCE_TYPE), 2);
        ps_le_put(head + 10, ps_layer_uint(e, T_RESERVED), 2);
    }
    size_t d = data_len(e), pad = (size_t)pad_encode(e, &e->v[T_PAD], NULL, 0);
    size_t n = h + d + pad;
    if (!out)
        return (long)n;
    if (cap < n)
        return -1;
    memcpy(out, head, h);
    if (d)
        memcpy(out + h, e->v[T_DATA].bytes, d);
    pad_encode(e, &e->v[T_PAD], out + h + d, pad);
    return (long)n;
}

const struct ps_proto ps_proto_radiotap_tlv = {
    .name = "RadioTapTLV",
    .long_name = "RadioTapTLV",
    .klass = "RadioTapTLV",
    .fields = tlv_fields,
    .nfields = PS_NFIELDS(tlv_fields),
    .options_len = tlv_len,
};
