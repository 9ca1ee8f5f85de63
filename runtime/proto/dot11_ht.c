/* 802.11 HT Capabilities element (scapy/layers/dot11.py
 * Dot11EltHTCapabilities): bit fields in little-endian groups (BitField
 * tot_size=-n: the group's bytes reversed, then read MSB first), which the
 * big-endian bit packer cannot lay out, so every field of a group carries
 * hooks: the group's last field reads and writes its bytes, the others
 * take no byte of their own. */
#include "dot11_elt.h"
#include "le_field.h"
#include "packet.h"

/* Where field fi (from 2) sits: its group's size in bytes, its offset in
 * the reversed group, its width, and whether it ends the group. The MCS
 * bitmask is 77 bits wide; its value is held in 64 (MCS 0-63: the upper
 * 13, MCS 64-76, are read as 0 and written as 0). */
struct ht_place {
    uint8_t group;
    uint8_t off;
    uint8_t width;
    uint8_t last;
};

static const struct ht_place places[] = {
    {2, 0, 1, 0}, /* L_SIG_TXOP_Protection */
    {2, 1, 1, 0}, /* Forty_Mhz_Intolerant */
    {2, 2, 1, 0}, /* PSMP */
    {2, 3, 1, 0}, /* DSSS_CCK */
    {2, 4, 1, 0}, /* Max_A_MSDU */
    {2, 5, 1, 0}, /* Delayed_BlockAck */
    {2, 6, 2, 0}, /* Rx_STBC */
    {2, 8, 1, 0}, /* Tx_STBC */
    {2, 9, 1, 0}, /* Short_GI_40Mhz */
    {2, 10, 1, 0}, /* Short_GI_20Mhz */
    {2, 11, 1, 0}, /* Green_Field */
    {2, 12, 2, 0}, /* SM_Power_Save */
    {2, 14, 1, 0}, /* Supported_Channel_Width */
    {2, 15, 1, 1}, /* LDPC_Coding_Capability */
    {1, 0, 3, 0}, /* res1 */
    {1, 3, 3, 0}, /* Min_MPDCU_Start_Spacing */
    {1, 6, 2, 1}, /* Max_A_MPDU_Length_Exponent */
    {16, 0, 27, 0}, /* res2 */
    {16, 27, 1, 0}, /* TX_Unequal_Modulation */
    {16, 28, 2, 0}, /* TX_Max_Spatial_Streams */
    {16, 30, 1, 0}, /* TX_RX_MCS_Set_Not_Equal */
    {16, 31, 1, 0}, /* TX_MCS_Set_Defined */
    {16, 32, 6, 0}, /* res3 */
    {16, 38, 10, 0}, /* RX_Highest_Supported_Data_Rate */
    {16, 48, 3, 0}, /* res4 */
    {16, 51, 77, 1}, /* RX_MSC_Bitmask */
    {2, 0, 4, 0}, /* res5 */
    {2, 4, 1, 0}, /* RD_Responder */
    {2, 5, 1, 0}, /* HTC_HT_Support */
    {2, 6, 2, 0}, /* MCS_Feedback */
    {2, 8, 5, 0}, /* res6 */
    {2, 13, 2, 0}, /* PCO_Transition_Time */
    {2, 15, 1, 1}, /* PCO */
    {4, 0, 3, 0}, /* res7 */
    {4, 3, 2, 0}, /* Channel_Estimation_Capability */
    {4, 5, 2, 0}, /* CSI_max_n_Rows_Beamformer_Supported */
    {4, 7, 2, 0}, /* Compressed_Steering_n_Beamformer_Antennas_Supported */
    {4, 9, 2, 0}, /* Noncompressed_Steering_n_Beamformer_Antennas_Supported */
    {4, 11, 2, 0}, /* CSI_n_Beamformer_Antennas_Supported */
    {4, 13, 2, 0}, /* Minimal_Grouping */
    {4, 15, 2, 0}, /* Explicit_Compressed_Beamforming_Feedback */
    {4, 17, 2, 0}, /* Explicit_Noncompressed_Beamforming_Feedback */
    {4, 19, 2, 0}, /* Explicit_Transmit_Beamforming_CSI_Feedback */
    {4, 21, 1, 0}, /* Explicit_Compressed_Steering */
    {4, 22, 1, 0}, /* Explicit_Noncompressed_Steering */
    {4, 23, 1, 0}, /* Explicit_CSI_Transmit_Beamforming */
    {4, 24, 2, 0}, /* Calibration */
    {4, 26, 1, 0}, /* Implicit_Trasmit_Beamforming */
    {4, 27, 1, 0}, /* Transmit_NDP */
    {4, 28, 1, 0}, /* Receive_NDP */
    {4, 29, 1, 0}, /* Transmit_Staggered_Sounding */
    {4, 30, 1, 0}, /* Receive_Staggered_Sounding */
    {4, 31, 1, 1}, /* Implicit_Transmit_Beamforming_Receiving */
};

#define FIRST_BIT_FIELD 2

static const struct ht_place *place_of(const struct ps_layer *l, const struct ps_fval *v,
                                       int *fi)
{
    *fi = ps_le_index(l, v);
    size_t k = (size_t)(*fi - FIRST_BIT_FIELD);
    if (*fi < FIRST_BIT_FIELD || k >= sizeof places / sizeof places[0])
        return NULL;
    return &places[k];
}

/* Bit b (MSB first) of the reversed group at p of n bytes. */
static unsigned group_bit(const uint8_t *p, size_t n, size_t b)
{
    return (p[n - 1 - b / 8] >> (7 - b % 8)) & 1u;
}

static uint64_t field_of_group(const uint8_t *p, const struct ht_place *pl)
{
    uint64_t v = 0;
    for (size_t j = 0; j < pl->width; j++)
        v = v << 1 | group_bit(p, pl->group, pl->off + j);
    return v;
}

static long ht_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                      struct ps_fval *v, struct ps_decode_room *room)
{
    (void)room;
    int fi;
    const struct ht_place *pl = place_of(l, v, &fi);
    if (!pl)
        return -1;
    /* The group's first field starts where its bytes do; the fields
     * before the last have taken none. */
    if (off > len || len - off < pl->group)
        return -1;
    v->u = field_of_group(p + off, pl);
    return pl->last ? pl->group : 0;
}

static long ht_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                      size_t cap)
{
    int fi;
    const struct ht_place *pl = place_of(l, v, &fi);
    if (!pl)
        return -1;
    if (!pl->last)
        return 0;
    if (!out)
        return pl->group;
    if (cap < pl->group)
        return -1;
    uint8_t *g = out;
    for (size_t i = 0; i < pl->group; i++)
        g[i] = 0;
    /* The group's fields are those before this one down to its start. */
    int first = fi;
    while (first > FIRST_BIT_FIELD && !places[first - 1 - FIRST_BIT_FIELD].last)
        first--;
    for (int k = first; k <= fi; k++) {
        const struct ht_place *q = &places[k - FIRST_BIT_FIELD];
        uint64_t val = ps_le_value(l, &l->v[k]);
        for (size_t j = 0; j < q->width; j++) {
            size_t shift = q->width - 1 - j;
            if (shift >= 64 || !((val >> shift) & 1))
                continue;
            size_t b = q->off + j;
            g[pl->group - 1 - b / 8] |= (uint8_t)(0x80u >> (b % 8));
        }
    }
    return pl->group;
}

#define HT_HOOKS .encode = ht_encode, .decode = ht_decode

/* The bitmask's width on the wire, for what sums the fields' widths. */
static uint8_t bitmask_bits(const struct ps_layer *l)
{
    (void)l;
    return 77;
}

static const struct ps_enum msdu[] = {{0, "3839 o"}, {1, "7935 o"}, {0, NULL}};
static const struct ps_enum smps[] = {{0, "static SM"}, {1, "dynamic SM"}, {3, "disabled"},
                                      {0, NULL}};
static const struct ps_enum width[] = {{0, "20Mhz"}, {1, "20Mhz+40Mhz"}, {0, NULL}};
static const char *const asel_flags[] = {
    "res", "Transmit_Sounding_PPDUs", "Receive_ASEL", "Antenna_Indices_Feedback",
    "Explicit_CSI_Feedback", "Explicit_CSI_Feedback_Based_Transmit_ASEL", "Antenna_Selection",
    NULL};

static const struct ps_field ht_fields[] = {
    PS_DOT11_ELT_ID(45, "45"),
    PS_DOT11_ELT_LEN,
    {.name = "L_SIG_TXOP_Protection", .kind = PS_K_UINT, .bits = 1, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (1 bit)", .ls_default = "0"},
    {.name = "Forty_Mhz_Intolerant", .kind = PS_K_UINT, .bits = 1, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (1 bit)", .ls_default = "0"},
    {.name = "PSMP", .kind = PS_K_UINT, .bits = 1, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (1 bit)", .ls_default = "0"},
    {.name = "DSSS_CCK", .kind = PS_K_UINT, .bits = 1, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (1 bit)", .ls_default = "0"},
    {.name = "Max_A_MSDU", .kind = PS_K_UINT, .bits = 1, .def = 0, .enums = msdu, HT_HOOKS,
     .ls_type = "BitEnumField", .ls_default = "0"},
    {.name = "Delayed_BlockAck", .kind = PS_K_UINT, .bits = 1, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (1 bit)", .ls_default = "0"},
    {.name = "Rx_STBC", .kind = PS_K_UINT, .bits = 2, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (2 bits)", .ls_default = "0"},
    {.name = "Tx_STBC", .kind = PS_K_UINT, .bits = 1, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (1 bit)", .ls_default = "0"},
    {.name = "Short_GI_40Mhz", .kind = PS_K_UINT, .bits = 1, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (1 bit)", .ls_default = "0"},
    {.name = "Short_GI_20Mhz", .kind = PS_K_UINT, .bits = 1, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (1 bit)", .ls_default = "0"},
    {.name = "Green_Field", .kind = PS_K_UINT, .bits = 1, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (1 bit)", .ls_default = "0"},
    {.name = "SM_Power_Save", .kind = PS_K_UINT, .bits = 2, .def = 0, .enums = smps, HT_HOOKS,
     .ls_type = "BitEnumField", .ls_default = "0"},
    {.name = "Supported_Channel_Width", .kind = PS_K_UINT, .bits = 1, .def = 0, .enums = width, HT_HOOKS,
     .ls_type = "BitEnumField", .ls_default = "0"},
    {.name = "LDPC_Coding_Capability", .kind = PS_K_UINT, .bits = 1, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (1 bit)", .ls_default = "0"},
    {.name = "res1", .kind = PS_K_UINT, .bits = 3, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (3 bits)", .ls_default = "0"},
    {.name = "Min_MPDCU_Start_Spacing", .kind = PS_K_UINT, .bits = 3, .def = 8, HT_HOOKS,
     .ls_type = "BitField  (3 bits)", .ls_default = "8"},
    {.name = "Max_A_MPDU_Length_Exponent", .kind = PS_K_UINT, .bits = 2, .def = 3, HT_HOOKS,
     .ls_type = "BitField  (2 bits)", .ls_default = "3"},
    {.name = "res2", .kind = PS_K_UINT, .bits = 27, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (27 bits)", .ls_default = "0"},
    {.name = "TX_Unequal_Modulation", .kind = PS_K_UINT, .bits = 1, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (1 bit)", .ls_default = "0"},
    {.name = "TX_Max_Spatial_Streams", .kind = PS_K_UINT, .bits = 2, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (2 bits)", .ls_default = "0"},
    {.name = "TX_RX_MCS_Set_Not_Equal", .kind = PS_K_UINT, .bits = 1, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (1 bit)", .ls_default = "0"},
    {.name = "TX_MCS_Set_Defined", .kind = PS_K_UINT, .bits = 1, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (1 bit)", .ls_default = "0"},
    {.name = "res3", .kind = PS_K_UINT, .bits = 6, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (6 bits)", .ls_default = "0"},
    {.name = "RX_Highest_Supported_Data_Rate", .kind = PS_K_UINT, .bits = 10, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (10 bits)", .ls_default = "0"},
    {.name = "res4", .kind = PS_K_UINT, .bits = 3, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (3 bits)", .ls_default = "0"},
    {.name = "RX_MSC_Bitmask", .kind = PS_K_UINT, .bits = 64, .def = 0, HT_HOOKS,
     .bits_for = bitmask_bits,
     .ls_type = "BitField  (77 bits)", .ls_default = "0"},
    {.name = "res5", .kind = PS_K_UINT, .bits = 4, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (4 bits)", .ls_default = "0"},
    {.name = "RD_Responder", .kind = PS_K_UINT, .bits = 1, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (1 bit)", .ls_default = "0"},
    {.name = "HTC_HT_Support", .kind = PS_K_UINT, .bits = 1, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (1 bit)", .ls_default = "0"},
    {.name = "MCS_Feedback", .kind = PS_K_UINT, .bits = 2, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (2 bits)", .ls_default = "0"},
    {.name = "res6", .kind = PS_K_UINT, .bits = 5, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (5 bits)", .ls_default = "0"},
    {.name = "PCO_Transition_Time", .kind = PS_K_UINT, .bits = 2, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (2 bits)", .ls_default = "0"},
    {.name = "PCO", .kind = PS_K_UINT, .bits = 1, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (1 bit)", .ls_default = "0"},
    {.name = "res7", .kind = PS_K_UINT, .bits = 3, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (3 bits)", .ls_default = "0"},
    {.name = "Channel_Estimation_Capability", .kind = PS_K_UINT, .bits = 2, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (2 bits)", .ls_default = "0"},
    {.name = "CSI_max_n_Rows_Beamformer_Supported", .kind = PS_K_UINT, .bits = 2, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (2 bits)", .ls_default = "0"},
    {.name = "Compressed_Steering_n_Beamformer_Antennas_Supported", .kind = PS_K_UINT, .bits = 2, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (2 bits)", .ls_default = "0"},
    {.name = "Noncompressed_Steering_n_Beamformer_Antennas_Supported", .kind = PS_K_UINT, .bits = 2, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (2 bits)", .ls_default = "0"},
    {.name = "CSI_n_Beamformer_Antennas_Supported", .kind = PS_K_UINT, .bits = 2, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (2 bits)", .ls_default = "0"},
    {.name = "Minimal_Grouping", .kind = PS_K_UINT, .bits = 2, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (2 bits)", .ls_default = "0"},
    {.name = "Explicit_Compressed_Beamforming_Feedback", .kind = PS_K_UINT, .bits = 2, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (2 bits)", .ls_default = "0"},
    {.name = "Explicit_Noncompressed_Beamforming_Feedback", .kind = PS_K_UINT, .bits = 2, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (2 bits)", .ls_default = "0"},
    {.name = "Explicit_Transmit_Beamforming_CSI_Feedback", .kind = PS_K_UINT, .bits = 2, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (2 bits)", .ls_default = "0"},
    {.name = "Explicit_Compressed_Steering", .kind = PS_K_UINT, .bits = 1, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (1 bit)", .ls_default = "0"},
    {.name = "Explicit_Noncompressed_Steering", .kind = PS_K_UINT, .bits = 1, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (1 bit)", .ls_default = "0"},
    {.name = "Explicit_CSI_Transmit_Beamforming", .kind = PS_K_UINT, .bits = 1, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (1 bit)", .ls_default = "0"},
    {.name = "Calibration", .kind = PS_K_UINT, .bits = 2, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (2 bits)", .ls_default = "0"},
    {.name = "Implicit_Trasmit_Beamforming", .kind = PS_K_UINT, .bits = 1, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (1 bit)", .ls_default = "0"},
    {.name = "Transmit_NDP", .kind = PS_K_UINT, .bits = 1, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (1 bit)", .ls_default = "0"},
    {.name = "Receive_NDP", .kind = PS_K_UINT, .bits = 1, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (1 bit)", .ls_default = "0"},
    {.name = "Transmit_Staggered_Sounding", .kind = PS_K_UINT, .bits = 1, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (1 bit)", .ls_default = "0"},
    {.name = "Receive_Staggered_Sounding", .kind = PS_K_UINT, .bits = 1, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (1 bit)", .ls_default = "0"},
    {.name = "Implicit_Transmit_Beamforming_Receiving", .kind = PS_K_UINT, .bits = 1, .def = 0, HT_HOOKS,
     .ls_type = "BitField  (1 bit)", .ls_default = "0"},
    {.name = "ASEL", .kind = PS_K_UINT, .bits = 8, .flags = asel_flags, .ls_type = "FlagsField",
     .ls_default = "<Flag 0 ()>"},
};

const struct ps_proto ps_proto_dot11_elt_ht = {
    .name = "Dot11EltHTCapabilities",
    .long_name = "802.11 HT Capabilities",
    .fields = ht_fields,
    .nfields = PS_NFIELDS(ht_fields),
    .show_flat = true,
    .alias = "Dot11Elt",
    .post_build = ps_dot11_elt_post_build,
};
