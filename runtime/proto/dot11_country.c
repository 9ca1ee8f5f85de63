/* 802.11 Country element (scapy/layers/dot11.py Dot11EltCountry): the
 * country string, its constraint triplets and a pad byte that keeps the
 * element's length even. */
#include "dot11_elt.h"
#include "packet.h"

static const struct ps_field triplet_fields[] = {
    {.name = "first_channel_number", .kind = PS_K_UINT, .bits = 8, .def = 1,
     .ls_type = "ByteField", .ls_default = "1"},
    {.name = "num_channels", .kind = PS_K_UINT, .bits = 8, .def = 24, .ls_type = "ByteField",
     .ls_default = "24"},
    {.name = "mtp", .kind = PS_K_UINT, .bits = 8, .ls_type = "ByteField", .ls_default = "0"},
};

const struct ps_proto ps_proto_dot11_elt_country_triplet = {
    .name = "Dot11EltCountryConstraintTriplet",
    .long_name = "802.11 Country Constraint Triplet",
    .klass = "Dot11EltCountryConstraintTriplet",
    .fields = triplet_fields,
    .nfields = PS_NFIELDS(triplet_fields),
};

enum { C_ID, C_LEN, C_STRING, C_DESCRIPTORS, C_PAD };

/* ConditionalField(pad, (len(descriptors) + 1) % 2): an even number of
 * triplets (3 bytes each after a 3-byte string) needs a byte more. */
static bool pad_present(const struct ps_layer *l)
{
    const struct ps_fval *v = &l->v[C_DESCRIPTORS];
    size_t n = v->set ? v->nsub : 0;
    return (n + 1) % 2 != 0;
}

/* length_from=len - 3 - len % 3 (a len under 3 is left at nothing). */
static size_t descriptors_len(const struct ps_layer *l, size_t field)
{
    if (field != C_DESCRIPTORS)
        return 0;
    size_t len = (size_t)ps_layer_uint(l, C_LEN);
    return len >= 3 ? len - 3 - len % 3 : 0;
}

static const struct ps_field country_fields[] = {
    [C_ID] = PS_DOT11_ELT_ID(7, "7"),
    [C_LEN] = PS_DOT11_ELT_LEN,
    [C_STRING] = {.name = "country_string", .kind = PS_K_BYTES, .bits = 24, .def_text = "",
                  .repr = ps_strfixed_repr, .ls_type = "StrFixedLenField",
                  .ls_default = "b'\\x00\\x00\\x00'"},
    [C_DESCRIPTORS] = {.name = "descriptors", .kind = PS_K_LAYERS,
                       .sub_class = "Dot11EltCountryConstraintTriplet",
                       .ls_type = "PacketListField", .ls_default = "[]"},
    [C_PAD] = {.name = "pad", .kind = PS_K_UINT, .bits = 8, .present = pad_present,
               .ls_type = "ByteField (Cond)", .ls_default = "0"},
};

const struct ps_proto ps_proto_dot11_elt_country = {
    .name = "Dot11EltCountry",
    .long_name = "802.11 Country",
    .fields = country_fields,
    .nfields = PS_NFIELDS(country_fields),
    .show_flat = true,
    .alias = "Dot11Elt",
    .options_len = descriptors_len,
    .post_build = ps_dot11_elt_post_build,
};
