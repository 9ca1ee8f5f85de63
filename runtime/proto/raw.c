/* Raw and Padding (scapy/packet.py): bytes; Padding's go after the frame. */
#include "protos.h"

static const struct ps_field load_fields[] = {
    {.name = "load", .kind = PS_K_BYTES, .def_text = "", .ls_type = "StrField",
     .ls_default = "b''"},
};

/* bind_layers(GRErouting, conf.raw_layer, address_family=0, SRE_len=0):
 * Raw sets them on a GRErouting under it (Padding, a Raw, does too); only
 * GRErouting's guess_payload dissects by them. */
static const struct ps_bind raw_build_binds[] = {
    {"GRErouting", "address_family", 0},
    {"GRErouting", "SRE_len", 0},
    {NULL, NULL, 0},
};

/* answers: Raw (and Padding, its subclass) answers anything. */
static enum ps_answer raw_answers(const struct ps_packet *reply, size_t *r,
                                  const struct ps_packet *query, size_t *q)
{
    (void)reply, (void)r, (void)query, (void)q;
    return PS_ANSWER_YES;
}

const struct ps_proto ps_proto_raw = {
    .name = "Raw",
    .long_name = "Raw",
    .fields = load_fields,
    .nfields = PS_NFIELDS(load_fields),
    .build_binds = raw_build_binds,
    .answers = raw_answers,
};

const struct ps_proto ps_proto_padding = {
    .name = "Padding",
    .long_name = "Padding",
    .fields = load_fields,
    .nfields = PS_NFIELDS(load_fields),
    .trailer = true,
    .build_binds = raw_build_binds,
    .answers = raw_answers,
};
