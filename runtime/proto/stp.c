/* Spanning Tree Protocol (scapy/layers/l2.py STP): the configuration BPDU
 * that switches send as Dot3/LLC(0x42, 0x42, 3)/STP. */
#include <stdio.h>

#include "packet.h"
#include "protos.h"

/* BCDFloatField.i2repr: the float m2i makes of the wire value, x / 256.0,
 * as Python's repr writes it. Every x / 256 has at most 8 decimals. A
 * field the frame ended before holds Scapy's default, the int 1 (not
 * 1.0): unset here, and every default is whole seconds. */
static int bcd_float_repr(const struct ps_fval *v, char *out, size_t cap)
{
    if (!v->set && v->u % 256 == 0)
        return snprintf(out, cap, "%llu", (unsigned long long)(v->u / 256));
    uint64_t whole = v->u / 256, frac = (v->u % 256) * 390625u; /* 10^8 / 256 */
    char digits[9];
    snprintf(digits, sizeof digits, "%08llu", (unsigned long long)frac);
    int n = 8;
    while (n > 1 && digits[n - 1] == '0')
        n--;
    return snprintf(out, cap, "%llu.%.*s", (unsigned long long)whole, n, digits);
}

#define SHORT(n) \
    {.name = n, .kind = PS_K_UINT, .bits = 16, .ls_type = "ShortField", .ls_default = "0"}
#define BYTE(n) \
    {.name = n, .kind = PS_K_UINT, .bits = 8, .ls_type = "ByteField", .ls_default = "0"}
#define MAC(n) \
    {.name = n, .kind = PS_K_MAC, .def_text = "00:00:00:00:00:00", .ls_type = "MACField", \
     .ls_default = "'00:00:00:00:00:00'"}
#define TIME(n, secs, secs_s) \
    {.name = n, .kind = PS_K_UINT, .bits = 16, .def = (secs) * 256, .scale = 256, \
     .repr = bcd_float_repr, .ls_type = "BCDFloatField", .ls_default = secs_s}

static const struct ps_field fields[] = {
    SHORT("proto"),
    BYTE("version"),
    BYTE("bpdutype"),
    BYTE("bpduflags"),
    SHORT("rootid"),
    MAC("rootmac"),
    {.name = "pathcost", .kind = PS_K_UINT, .bits = 32, .ls_type = "IntField",
     .ls_default = "0"},
    SHORT("bridgeid"),
    MAC("bridgemac"),
    SHORT("portid"),
    TIME("age", 1, "1"),
    TIME("maxage", 20, "20"),
    TIME("hellotime", 2, "2"),
    TIME("fwddelay", 15, "15"),
};

/* bind_layers(LLC, STP, dsap=66, ssap=66, ctrl=3), (SNAP, STP, code=267) */
static const struct ps_bind binds[] = {
    {"LLC", "dsap", 66},
    {"LLC", "ssap", 66},
    {"LLC", "ctrl", 3},
    {"SNAP", "code", 267},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_stp = {
    .name = "STP",
    .long_name = "Spanning Tree Protocol",
    .fields = fields,
    .nfields = PS_NFIELDS(fields),
    .binds = binds,
};
