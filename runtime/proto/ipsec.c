/* AH and ESP (scapy/layers/ipsec.py, RFC 4302 and 4303): the headers as
 * Scapy's classes hold them, without the crypto of its SecurityAssociation.
 * AH has no post_build: nh, payloadlen and reserved unset are 0 on the wire,
 * and the icv takes (payloadlen - 1) * 4 bytes when read. */
#include <stdio.h>

#include "packet.h"
#include "protos.h"
#include "services.h"

int ps_xstr_repr(const struct ps_fval *v, char *out, size_t cap)
{
    size_t need = v->len * 2;
    for (size_t i = 0; i < v->len && 2 * i + 2 < cap; i++)
        snprintf(out + 2 * i, 3, "%02x", v->bytes[i]);
    if (cap && need >= cap)
        out[cap - 1] = '\0';
    else if (cap)
        out[need] = '\0';
    return (int)need;
}

/* ---------------------------------------------------------------- AH */

enum { A_NH, A_PAYLOADLEN, A_RESERVED, A_SPI, A_SEQ, A_ICV, A_PADDING };

/* icv's length_from, (payloadlen - 1) * 4: with payloadlen 0 it is -4,
 * which Python's s[:-4] reads as all but the last 4 bytes. */
static long icv_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                       struct ps_fval *v, struct ps_decode_room *room)
{
    (void)room;
    size_t rest = len - off;
    long n = ((long)ps_layer_uint(l, A_PAYLOADLEN) - 1) * 4;
    size_t take = n >= 0 ? ((size_t)n < rest ? (size_t)n : rest) : (rest > 4 ? rest - 4 : 0);
    v->bytes = p + off;
    v->len = take;
    return (long)take;
}

/* padding's length_from is 0: only the SecurityAssociation knows it. */
static size_t ah_options_len(const struct ps_layer *l, size_t field)
{
    (void)l;
    (void)field;
    return 0;
}

static const struct ps_field ah_fields[] = {
    [A_NH] = {.name = "nh", .kind = PS_K_UINT, .bits = 8, .is_auto = true,
              .enums = ps_ip_protos, .ls_type = "ByteEnumField", .ls_default = "None"},
    [A_PAYLOADLEN] = {.name = "payloadlen", .kind = PS_K_UINT, .bits = 8, .is_auto = true,
                      .ls_type = "ByteField", .ls_default = "None"},
    [A_RESERVED] = {.name = "reserved", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
                    .ls_type = "ShortField", .ls_default = "None"},
    [A_SPI] = {.name = "spi", .kind = PS_K_UINT, .bits = 32, .def = 1, .hex = true,
               .ls_type = "XIntField", .ls_default = "1"},
    [A_SEQ] = {.name = "seq", .kind = PS_K_UINT, .bits = 32, .ls_type = "IntField",
               .ls_default = "0"},
    [A_ICV] = {.name = "icv", .kind = PS_K_BYTES, .is_auto = true, .repr = ps_xstr_repr,
               .decode = icv_decode, .ls_type = "XStrLenField", .ls_default = "None"},
    [A_PADDING] = {.name = "padding", .kind = PS_K_BYTES, .is_auto = true, .repr = ps_xstr_repr,
                   .ls_type = "XStrLenField", .ls_default = "None"},
};

/* bind_layers(IP, AH, proto=51), (IPv6, AH, nh=51); overload_fields also
 * set nh on the IPv6 extension headers below it. */
static const struct ps_bind ah_binds[] = {
    {"IP", "proto", 51},
    {"IPv6", "nh", 51},
    {NULL, NULL, 0},
};
static const struct ps_bind ah_build_binds[] = {
    {"IPv6ExtHdrHopByHop", "nh", 51},
    {"IPv6ExtHdrDestOpt", "nh", 51},
    {"IPv6ExtHdrRouting", "nh", 51},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_ah = {
    .name = "AH",
    .long_name = "AH",
    .fields = ah_fields,
    .nfields = PS_NFIELDS(ah_fields),
    .binds = ah_binds,
    .build_binds = ah_build_binds,
    .options_len = ah_options_len,
};

/* --------------------------------------------------------------- ESP */

enum { E_SPI, E_SEQ, E_DATA };

static const struct ps_field esp_fields[] = {
    [E_SPI] = {.name = "spi", .kind = PS_K_UINT, .bits = 32, .def = 1, .hex = true,
               .ls_type = "XIntField", .ls_default = "1"},
    [E_SEQ] = {.name = "seq", .kind = PS_K_UINT, .bits = 32, .ls_type = "IntField",
               .ls_default = "0"},
    [E_DATA] = {.name = "data", .kind = PS_K_BYTES, .is_auto = true, .repr = ps_xstr_repr,
                .ls_type = "XStrField", .ls_default = "None"},
};

/* bind_layers(IP, ESP, proto=50), (IPv6, ESP, nh=50), then (UDP, ESP,
 * dport=4500) and (UDP, ESP, sport=4500) for NAT traversal: the last
 * builds. */
static const struct ps_bind esp_binds[] = {
    {"IP", "proto", 50},
    {"IPv6", "nh", 50},
    {NULL, NULL, 0},
};
static const struct ps_bind esp_build_binds[] = {
    {"UDP", "sport", 4500},
    {"IPv6ExtHdrHopByHop", "nh", 50},
    {"IPv6ExtHdrDestOpt", "nh", 50},
    {"IPv6ExtHdrRouting", "nh", 50},
    {NULL, NULL, 0},
};
static const struct ps_bind esp_dissect_binds[] = {
    {"UDP", "dport", 4500},
    {"UDP", NULL, 0},
    {"UDP", "sport", 4500},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_esp = {
    .name = "ESP",
    .long_name = "ESP",
    .fields = esp_fields,
    .nfields = PS_NFIELDS(esp_fields),
    .binds = esp_binds,
    .build_binds = esp_build_binds,
    .dissect_binds = esp_dissect_binds,
};
