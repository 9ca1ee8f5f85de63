/* BSD loopback and null link headers (scapy/layers/l2.py Loopback): link
 * types 108 and 0. */
#include "packet.h"
#include "protos.h"

/* LOOPBACK_TYPES */
static const struct ps_enum loopback_types[] = {
    {0x02, "IPv4"},
    {0x07, "OSI"},
    {0x10, "Appletalk"},
    {0x17, "Netware IPX/SPX"},
    {0x18, "IPv6"},
    {0x1c, "IPv6"},
    {0x1e, "IPv6"},
    {0, NULL},
};

/* LoIntEnumField.i2m: the value shifted into the top byte of a big-endian
 * int, which is the host order of a little-endian BSD. */
static long type_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                        size_t cap)
{
    uint64_t val = v->set ? v->u : l->proto->fields[0].def;
    if (!out)
        return 4;
    if (cap < 4)
        return -1;
    ps_put32(out, (uint32_t)(val << 24));
    return 4;
}

/* LoIntEnumField.m2i: the top byte; a big-endian header (link type 108 from
 * OpenBSD: 00 00 00 02) reads as 0, which Scapy binds to IP bottom-up. */
static long type_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                        struct ps_fval *v, struct ps_decode_room *room)
{
    (void)l;
    (void)room;
    if (off > len || len - off < 4)
        return -1;
    v->u = ps_get32(p + off) >> 24;
    return 4;
}

static const struct ps_field loopback_fields[] = {
    {.name = "type", .kind = PS_K_UINT, .bits = 32, .def = 0x02, .enums = loopback_types,
     .encode = type_encode, .decode = type_decode, .ls_type = "LoIntEnumField",
     .ls_default = "2"},
};

const struct ps_proto ps_proto_loopback = {
    .name = "Loopback",
    .long_name = "Loopback",
    .fields = loopback_fields,
    .nfields = PS_NFIELDS(loopback_fields),
};
