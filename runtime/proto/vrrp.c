/* VRRP and VRRPv3 (scapy/layers/vrrp.py): IP protocol 112, the version
 * nibble picking the class, and their checksums. */
#include <string.h>

#include "csum.h"
#include "frame.h"
#include "packet.h"
#include "protos.h"

enum { V_VERSION, V_TYPE, V_VRID, V_PRIORITY, V_IPCOUNT };
enum { V2_AUTHTYPE = V_IPCOUNT + 1, V2_ADV, V2_CHKSUM, V2_ADDRLIST, V2_AUTH1, V2_AUTH2 };
enum { V3_RES = V_IPCOUNT + 1, V3_ADV, V3_CHKSUM, V3_ADDRLIST };

#define NIBBLE(n, d, d_s) \
    {.name = n, .kind = PS_K_UINT, .bits = 4, .def = (d), .ls_type = "BitField  (4 bits)", \
     .ls_default = d_s}
#define BYTE(n, d, d_s) \
    {.name = n, .kind = PS_K_UINT, .bits = 8, .def = (d), .ls_type = "ByteField", .ls_default = d_s}
#define IPCOUNT \
    {.name = "ipcount", .kind = PS_K_UINT, .bits = 8, .is_auto = true, \
     .ls_type = "FieldLenField", .ls_default = "None"}
#define CHKSUM \
    {.name = "chksum", .kind = PS_K_UINT, .bits = 16, .is_auto = true, .hex = true, \
     .ls_type = "XShortField", .ls_default = "None"}

/* FieldListField(count_from=ipcount): that many addresses, as far as the
 * bytes go. */
static size_t addr_len(const struct ps_layer *l, size_t field)
{
    (void)field;
    return 4 * (size_t)ps_layer_uint(l, V_IPCOUNT);
}

/* ipcount: the number of addresses given, when unset. An unset list is
 * `unset` of them: VRRP's default is [], VRRPv3's b'', which
 * FieldListField.i2count, taking anything but a list as one, counts 1. */
static void fill_ipcount(struct ps_build *b, size_t idx, size_t list, uint8_t unset)
{
    const struct ps_layer *l = &b->pkt->layers[idx];
    if (!l->v[V_IPCOUNT].set)
        b->buf[b->start[idx] + 3] = (uint8_t)(l->v[list].set ? l->v[list].len / 4 : unset);
}

/* ------------------------------------------------------------ VRRP (v2) */

static const struct ps_field v2_fields[] = {
    [V_VERSION] = NIBBLE("version", 2, "2"),
    [V_TYPE] = NIBBLE("type", 1, "1"),
    [V_VRID] = BYTE("vrid", 1, "1"),
    [V_PRIORITY] = BYTE("priority", 100, "100"),
    [V_IPCOUNT] = IPCOUNT,
    [V2_AUTHTYPE] = BYTE("authtype", 0, "0"),
    [V2_ADV] = BYTE("adv", 1, "1"),
    [V2_CHKSUM] = CHKSUM,
    [V2_ADDRLIST] = {.name = "addrlist", .kind = PS_K_BYTES, .ipv4_list = true, .def_text = "",
                     .ls_type = "FieldListField", .ls_default = "[]"},
    [V2_AUTH1] = {.name = "auth1", .kind = PS_K_UINT, .bits = 32, .ls_type = "IntField",
                  .ls_default = "0"},
    [V2_AUTH2] = {.name = "auth2", .kind = PS_K_UINT, .bits = 32, .ls_type = "IntField",
                  .ls_default = "0"},
};

/* post_build: checksum() of the header alone. */
static void v2_post_build(struct ps_build *b, size_t idx)
{
    uint8_t *h = b->buf + b->start[idx];
    if (b->hlen[idx] < 8)
        return;
    fill_ipcount(b, idx, V2_ADDRLIST, 0);
    if (!b->pkt->layers[idx].v[V2_CHKSUM].set)
        ps_put16(h + 6, ps_csum_fold(ps_csum_add(0, h, b->hlen[idx])));
}

/* dispatch_hook: version 3 (a first byte of 0x30..0x39) is VRRPv3. */
static const char *v2_dispatch(const uint8_t *p, size_t len)
{
    return len >= 9 && p[0] >= 48 && p[0] <= 57 ? "VRRPv3" : NULL;
}

/* bind_layers(IP, VRRP, proto=112) */
static const struct ps_bind v2_binds[] = {
    {"IP", "proto", 112},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_vrrp = {
    .name = "VRRP",
    .long_name = "VRRP",
    .fields = v2_fields,
    .nfields = PS_NFIELDS(v2_fields),
    .binds = v2_binds,
    .post_build = v2_post_build,
    .options_len = addr_len,
    .dispatch = v2_dispatch,
};

/* ------------------------------------------------------------- VRRPv3 */

/* MultipleTypeField: IPv4 addresses over IP. Over IPv6 Scapy reads IPv6
 * ones, which this table cannot say yet: the bytes stay the payload. */
static bool on_ip(const struct ps_layer *l)
{
    return l->v[V3_ADDRLIST].set;
}

static const struct ps_field v3_fields[] = {
    [V_VERSION] = NIBBLE("version", 3, "3"),
    [V_TYPE] = NIBBLE("type", 1, "1"),
    [V_VRID] = BYTE("vrid", 1, "1"),
    [V_PRIORITY] = BYTE("priority", 100, "100"),
    [V_IPCOUNT] = IPCOUNT,
    [V3_RES] = NIBBLE("res", 0, "0"),
    [V3_ADV] = {.name = "adv", .kind = PS_K_UINT, .bits = 12, .def = 100,
                .ls_type = "BitField  (12 bits)", .ls_default = "100"},
    [V3_CHKSUM] = CHKSUM,
    [V3_ADDRLIST] = {.name = "addrlist", .kind = PS_K_BYTES, .ipv4_list = true, .def_text = "",
                     .only_on = "IP", .present = on_ip,
                     .ls_type = "MultipleTypeField (FieldListField, FieldListField, StrField)",
                     .ls_default = "b''"},
};

/* post_build: in4_chksum or in6_chksum over the header, 0 on anything
 * else (Scapy warns). The pseudo-header counts the payload too, which
 * Scapy's does not: equal whenever VRRPv3 carries nothing, as it does. */
static void v3_post_build(struct ps_build *b, size_t idx)
{
    uint8_t *h = b->buf + b->start[idx];
    if (b->hlen[idx] < 8)
        return;
    fill_ipcount(b, idx, V3_ADDRLIST, 1);
    if (b->pkt->layers[idx].v[V3_CHKSUM].set)
        return;
    const char *under = idx > 0 ? b->pkt->layers[idx - 1].proto->name : "";
    uint16_t ck = 0;
    if (ps_on_ip(b, idx)) {
        uint32_t sum = ps_ip_pseudo_sum(b, idx, 112);
        ck = ps_csum_fold(ps_csum_add(sum, h, b->hlen[idx]));
    } else if (strcmp(under, "IPv6") == 0 || strcmp(under, "IPerror6") == 0) {
        (void)ps_ip6_checksum(b, idx, 112, &ck);
    }
    ps_put16(h + 6, ck);
}

/* dispatch_hook: 16 bytes or more not of version 3 are VRRP. */
static const char *v3_dispatch(const uint8_t *p, size_t len)
{
    return len >= 16 && (p[0] < 48 || p[0] > 57) ? "VRRP" : NULL;
}

/* bind_layers(IP, VRRPv3, proto=112), (IPv6, VRRPv3, nh=112) */
static const struct ps_bind v3_binds[] = {
    {"IP", "proto", 112},
    {"IPv6", "nh", 112},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_vrrpv3 = {
    .name = "VRRPv3",
    .long_name = "VRRPv3",
    .fields = v3_fields,
    .nfields = PS_NFIELDS(v3_fields),
    .binds = v3_binds,
    .post_build = v3_post_build,
    .options_len = addr_len,
    .dispatch = v3_dispatch,
};
