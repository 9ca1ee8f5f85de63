/* The headers of protected 802.11 frames (scapy/layers/dot11.py
 * Dot11Encrypted, Dot11WEP, Dot11TKIP, Dot11CCMP): their fields, not the
 * crypto (Scapy decrypts WEP only with conf.wepkey, which pktspec has not). */
#include <string.h>

#include "packet.h"
#include "protos.h"

enum { KEY_EXTIV = 0x20, EXTIV_LEN = 8 };

/* Dot11Encrypted.dispatch_hook, after Wireshark: TKIP, CCMP or an unknown
 * algorithm with the extended IV bit, else WEP; under 4 bytes, Raw (Scapy
 * reads _pkt[3] of 3 bytes, raises, and keeps them raw too). */
static const char *encrypted_dispatch(const uint8_t *p, size_t len)
{
    if (len < 4)
        return "Raw";
    if ((p[3] & KEY_EXTIV) && len >= EXTIV_LEN) {
        if (p[1] == ((p[0] | 0x20) & 0x7f))
            return "Dot11TKIP";
        if (p[2] == 0)
            return "Dot11CCMP";
        return "Dot11Encrypted";
    }
    return "Dot11WEP";
}

#define DATA                                                                              \
    {.name = "data", .kind = PS_K_BYTES, .is_auto = true, .ls_type = "StrField",          \
     .ls_default = "None"}
#define BYTE(n) {.name = n, .kind = PS_K_UINT, .bits = 8, .ls_type = "ByteField", .ls_default = "0"}
#define BITS(n, b, t) {.name = n, .kind = PS_K_UINT, .bits = b, .ls_type = t, .ls_default = "0"}

static const struct ps_field encrypted_fields[] = {DATA};

const struct ps_proto ps_proto_dot11_encrypted = {
    .name = "Dot11Encrypted",
    .long_name = "802.11 Encrypted (unknown algorithm)",
    .fields = encrypted_fields,
    .nfields = PS_NFIELDS(encrypted_fields),
    .dispatch = encrypted_dispatch,
};

/* Dot11WEP: wepdata is StrField(remain=4), all but the ICV. */
enum { W_IV, W_KEYID, W_WEPDATA, W_ICV };

static long wepdata_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                           struct ps_fval *v, struct ps_decode_room *room)
{
    (void)l;
    (void)room;
    size_t rest = off < len ? len - off : 0;
    v->bytes = p + off;
    v->len = rest > 4 ? rest - 4 : 0;
    return (long)v->len;
}

static const struct ps_field wep_fields[] = {
    [W_IV] = {.name = "iv", .kind = PS_K_BYTES, .bits = 24, .def_text = "",
              .ls_type = "StrFixedLenField", .ls_default = "b'\\x00\\x00\\x00'"},
    [W_KEYID] = BYTE("keyid"),
    [W_WEPDATA] = {.name = "wepdata", .kind = PS_K_BYTES, .is_auto = true,
                   .decode = wepdata_decode, .ls_type = "StrField", .ls_default = "None"},
    [W_ICV] = {.name = "icv", .kind = PS_K_UINT, .bits = 32, .is_auto = true,
               .ls_type = "IntField", .ls_default = "None"},
};

/* post_build: without wepdata Scapy encrypts the payload with conf.wepkey;
 * with no key it warns and the layer and its payload build to nothing. */
static void wep_post_build(struct ps_build *b, size_t idx)
{
    if (b->pkt->layers[idx].v[W_WEPDATA].set)
        return;
    /* A Padding after it stays: Scapy adds it after building. */
    size_t start = b->start[idx], end = b->end[idx];
    if (b->buf)
        memmove(b->buf + start, b->buf + end, b->len - end);
    b->len -= end - start;
}

const struct ps_proto ps_proto_dot11_wep = {
    .name = "Dot11WEP",
    .long_name = "802.11 WEP packet",
    .fields = wep_fields,
    .nfields = PS_NFIELDS(wep_fields),
    .post_build = wep_post_build,
};

static bool has_ext_iv(const struct ps_layer *l)
{
    return ps_layer_uint(l, 4) != 0;
}

#define COND_BYTE(n)                                                                      \
    {.name = n, .kind = PS_K_UINT, .bits = 8, .present = has_ext_iv,                       \
     .ls_type = "ByteField (Cond)", .ls_default = "0"}

/* key_id, ext_iv and res are fields 3, 4 and 5 of both. */
static const struct ps_field tkip_fields[] = {
    BYTE("TSC1"), BYTE("WEPSeed"), BYTE("TSC0"),
    BITS("key_id", 2, "BitField  (2 bits)"), BITS("ext_iv", 1, "BitField  (1 bit)"),
    BITS("res", 5, "BitField  (5 bits)"),
    COND_BYTE("TSC2"), COND_BYTE("TSC3"), COND_BYTE("TSC4"), COND_BYTE("TSC5"), DATA,
};

/* bind_layers(Dot11TKIP, conf.raw_layer): data takes every byte anyway. */
const struct ps_proto ps_proto_dot11_tkip = {
    .name = "Dot11TKIP",
    .long_name = "802.11 TKIP packet",
    .fields = tkip_fields,
    .nfields = PS_NFIELDS(tkip_fields),
};

static const struct ps_field ccmp_fields[] = {
    BYTE("PN0"), BYTE("PN1"), BYTE("res0"),
    BITS("key_id", 2, "BitField  (2 bits)"), BITS("ext_iv", 1, "BitField  (1 bit)"),
    BITS("res1", 5, "BitField  (5 bits)"),
    BYTE("PN2"), BYTE("PN3"), BYTE("PN4"), BYTE("PN5"), DATA,
};

const struct ps_proto ps_proto_dot11_ccmp = {
    .name = "Dot11CCMP",
    .long_name = "802.11 CCMP packet",
    .fields = ccmp_fields,
    .nfields = PS_NFIELDS(ccmp_fields),
};
