/* IEEE 802.3 with 802.2 LLC and SNAP (scapy/layers/l2.py Dot3, LLC, SNAP):
 * what Scapy makes of an Ethernet frame whose type field is a length. */
#include <stdio.h>

#include "manuf.h"
#include "packet.h"
#include "field_text.h"
#include "strbuf.h"
#include "protos.h"
#include "services.h"

/* ---------------------------------------------------------------- Dot3 */

enum { D_DST, D_SRC, D_LEN };

static const struct ps_field dot3_fields[] = {
    [D_DST] = {.name = "dst", .kind = PS_K_MAC, .is_auto = true, .from_env = PS_ENV_DST_MAC,
               .ls_type = "DestMACField", .ls_default = "None"},
    [D_SRC] = {.name = "src", .kind = PS_K_MAC, .is_auto = true, .from_env = PS_ENV_SRC_MAC,
               .ls_type = "SourceMACField", .ls_default = "None"},
    [D_LEN] = {.name = "len", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
               .ls_type = "LenField", .ls_default = "None"},
};

size_t ps_lenfield_payload_len(const struct ps_build *b, size_t idx)
{
    size_t pay = b->end[idx] - b->start[idx] - b->hlen[idx];
    for (size_t i = idx + 1; i < b->pkt->n; i++)
        if (b->pkt->layers[i].proto->trailer)
            pay += b->pkt->layers[i].v[0].len;
    return pay;
}

static void dot3_post_build(struct ps_build *b, size_t idx)
{
    if (b->hlen[idx] < 14 || b->pkt->layers[idx].v[D_LEN].set)
        return;
    ps_put16(b->buf + b->start[idx] + 12, (uint16_t)ps_lenfield_payload_len(b, idx));
}

/* extract_padding: s[:len]; a len the frame ended before is None, and
 * s[:None] is all of it. */
static bool dot3_payload_len(const struct ps_layer *l, long *len)
{
    if (!l->v[D_LEN].set)
        return false;
    *len = (long)ps_layer_uint(l, D_LEN);
    return true;
}

/* dispatch_hook: a length field over 1500 is an Ethernet II type. */
static const char *dot3_dispatch(const uint8_t *p, size_t len)
{
    return len >= 14 && ps_get16(p + 12) > 1500 ? "Ether" : NULL;
}

/* "802.3 %src% > %dst%" */
static int dot3_mysummary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    char src[64], dst[64];
    ps_format_field(pkt, idx, "src", src, sizeof src);
    ps_format_field(pkt, idx, "dst", dst, sizeof dst);
    return snprintf(out, cap, "802.3 %s > %s", src, dst);
}

const struct ps_proto ps_proto_dot3 = {
    .name = "Dot3",
    .long_name = "802.3",
    .fields = dot3_fields,
    .nfields = PS_NFIELDS(dot3_fields),
    .post_build = dot3_post_build,
    .payload_len = dot3_payload_len,
    .dispatch = dot3_dispatch,
    .mysummary = dot3_mysummary,
};

/* ----------------------------------------------------------------- LLC */

static const struct ps_field llc_fields[] = {
    {.name = "dsap", .kind = PS_K_UINT, .bits = 8, .hex = true, .ls_type = "XByteField",
     .ls_default = "0"},
    {.name = "ssap", .kind = PS_K_UINT, .bits = 8, .hex = true, .ls_type = "XByteField",
     .ls_default = "0"},
    {.name = "ctrl", .kind = PS_K_UINT, .bits = 8, .ls_type = "ByteField", .ls_default = "0"},
};

/* bind_layers(Dot3, LLC), (Ether, LLC, type=122), (Ether, LLC, type=34928),
 * (GRE, LLC, proto=122). Dot1Q reaches Ether's through its aliastypes. */
static const struct ps_bind llc_binds[] = {
    {"Dot3", NULL, 0},
    {"Ether", "type", 122},
    {"Ether", "type", 34928},
    {"GRE", "proto", 122},
    {"CookedLinux", "proto", 122},
    /* dot11.py: bind_layers(Dot11, LLC, type=2), (Dot11QoS, LLC) */
    {"Dot11", "type", 2},
    {"Dot11QoS", NULL, 0},
    {NULL, NULL, 0},
};

/* Of Ether's two calls the last one is what building uses. */
static const struct ps_bind llc_build_binds[] = {
    {"Ether", "type", 34928},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_llc = {
    .name = "LLC",
    .long_name = "LLC",
    .fields = llc_fields,
    .nfields = PS_NFIELDS(llc_fields),
    .binds = llc_binds,
    .build_binds = llc_build_binds,
};

/* ---------------------------------------------------------------- SNAP */

enum { S_OUI, S_CODE };

/* OUIField.i2repr: the vendor's name from the manuf database, as Scapy's
 * conf.manufdb has it on this host, else the bare OUI. */
int ps_oui_repr(const struct ps_fval *v, char *out, size_t cap)
{
    unsigned o = (unsigned)(v->u & 0xffffff);
    const char *name = ps_manuf_name(o);
    if (name)
        return snprintf(out, cap, "%s (%02x:%02x:%02x)", name, o >> 16, (o >> 8) & 0xff,
                        o & 0xff);
    return snprintf(out, cap, "%02x:%02x:%02x", o >> 16, (o >> 8) & 0xff, o & 0xff);
}

static const struct ps_field snap_fields[] = {
    [S_OUI] = {.name = "OUI", .kind = PS_K_UINT, .bits = 24, .hex = true, .repr = ps_oui_repr,
               .ls_type = "OUIField", .ls_default = "0"},
    [S_CODE] = {.name = "code", .kind = PS_K_UINT, .bits = 16, .enums = ps_ether_types,
                .hex = true, .ls_type = "XShortEnumField", .ls_default = "0"},
};

/* bind_layers(LLC, SNAP, dsap=170, ssap=170, ctrl=3) */
static const struct ps_bind snap_binds[] = {
    {"LLC", "dsap", 170},
    {"LLC", "ssap", 170},
    {"LLC", "ctrl", 3},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_snap = {
    .name = "SNAP",
    .long_name = "SNAP",
    .fields = snap_fields,
    .nfields = PS_NFIELDS(snap_fields),
    .binds = snap_binds,
};
