/* ARP (scapy/layers/l2.py ARP). Its addresses are MultipleTypeFields: a
 * MAC when hwtype is 1 and hwlen 6, an IPv4 or IPv6 address when ptype is
 * 0x0800 with plen 4 or 0x86dd with plen 16, else a StrFixedLenField of
 * hwlen or plen bytes. The table holds the MAC and IPv4 shapes; the
 * `variant` hooks pick the others. */
#include <string.h>

#include "addr.h"
#include "packet.h"
#include "field_text.h"
#include "protos.h"
#include "services.h"

/* scapy/layers/l2.py HARDWARE_TYPES */
const struct ps_enum ps_hardware_types[] = {
    {1, "Ethernet (10Mb)"},
    {2, "Ethernet (3Mb)"},
    {3, "AX.25"},
    {4, "Proteon ProNET Token Ring"},
    {5, "Chaos"},
    {6, "IEEE 802 Networks"},
    {7, "ARCNET"},
    {8, "Hyperchannel"},
    {9, "Lanstar"},
    {10, "Autonet Short Address"},
    {11, "LocalTalk"},
    {12, "LocalNet"},
    {13, "Ultra link"},
    {14, "SMDS"},
    {15, "Frame relay"},
    {16, "ATM"},
    {17, "HDLC"},
    {18, "Fibre Channel"},
    {19, "ATM"},
    {20, "Serial Line"},
    {21, "ATM"},
    {0, NULL},
};

static const struct ps_enum ops[] = {
    {1, "who-has"},
    {2, "is-at"},
    {3, "RARP-req"},
    {4, "RARP-rep"},
    {5, "Dyn-RARP-req"},
    {6, "Dyn-RAR-rep"},
    {7, "Dyn-RARP-err"},
    {8, "InARP-req"},
    {9, "InARP-rep"},
    {0, NULL},
};

enum { F_HWTYPE, F_PTYPE, F_HWLEN, F_PLEN, F_OP, F_HWSRC, F_PSRC, F_HWDST, F_PDST };

#define LS_HWSRC "MultipleTypeField (SourceMACField, StrFixedLenField)"
#define LS_PSRC "MultipleTypeField (SourceIPField, SourceIP6Field, StrFixedLenField)"
#define LS_HWDST "MultipleTypeField (MACField, StrFixedLenField)"
#define LS_PDST "MultipleTypeField (IPField, IP6Field, StrFixedLenField)"

int ps_strfixed_repr(const struct ps_fval *v, char *out, size_t cap)
{
    static const struct ps_field plain = {.kind = PS_K_BYTES};
    struct ps_fval cut = *v;
    while (cut.len > 0 && cut.bytes[cut.len - 1] == 0)
        cut.len--;
    return ps_format_value(&plain, &cut, out, cap);
}

static bool hw_len(const struct ps_layer *l, size_t *len)
{
    *len = (size_t)l->v[F_HWLEN].u;
    return l->v[F_HWLEN].set;
}

static bool p_len(const struct ps_layer *l, size_t *len)
{
    *len = (size_t)l->v[F_PLEN].u;
    return l->v[F_PLEN].set;
}

/* The StrFixedLenField shapes: default None. */
static const struct ps_field hwsrc_str = {
    .name = "hwsrc", .kind = PS_K_BYTES, .is_auto = true, .len_from = hw_len,
    .repr = ps_strfixed_repr, .ls_type = LS_HWSRC, .ls_default = "None"};
static const struct ps_field psrc_str = {
    .name = "psrc", .kind = PS_K_BYTES, .is_auto = true, .len_from = p_len,
    .repr = ps_strfixed_repr, .ls_type = LS_PSRC, .ls_default = "None"};
static const struct ps_field hwdst_str = {
    .name = "hwdst", .kind = PS_K_BYTES, .is_auto = true, .len_from = hw_len,
    .repr = ps_strfixed_repr, .ls_type = LS_HWDST, .ls_default = "None"};
static const struct ps_field pdst_str = {
    .name = "pdst", .kind = PS_K_BYTES, .is_auto = true, .len_from = p_len,
    .repr = ps_strfixed_repr, .ls_type = LS_PDST, .ls_default = "None"};
/* SourceIP6Field("psrc", "pdst") and IP6Field("pdst", "::") */
static const struct ps_field psrc_ip6 = {
    .name = "psrc", .kind = PS_K_IPV6, .is_auto = true, .from_env = PS_ENV_SRC_IP6,
    .ls_type = LS_PSRC, .ls_default = "None"};
static const struct ps_field pdst_ip6 = {
    .name = "pdst", .kind = PS_K_IPV6, .def_text = "::", .ls_type = LS_PDST,
    .ls_default = "None"};

/* The second condition of each shape, for a length field left unset (a
 * packet being built): whether the value reads as that kind (Scapy's
 * valid_mac, valid_net, valid_net6; a 6-byte string passes as a MAC).
 * None passes, and so does a value held only as an address (decoded, or a
 * member of a set), which a spec could give only in the field's own shape. */
static bool reads_as(const struct ps_fval *v, enum ps_kind kind)
{
    if (!v->set || !v->bytes)
        return true;
    if (kind == PS_K_MAC && v->len == 6)
        return true;
    char text[64];
    uint8_t addr[16];
    if (v->len >= sizeof text || memchr(v->bytes, '\0', v->len))
        return false;
    memcpy(text, v->bytes, v->len);
    text[v->len] = '\0';
    if (kind == PS_K_MAC)
        return ps_parse_mac(text, addr);
    return kind == PS_K_IPV4 ? ps_parse_ip4(text, addr) : ps_parse_ip6(text, addr);
}

static const struct ps_field *hw_variant(const struct ps_layer *l, int fi,
                                         const struct ps_field *as_str)
{
    const struct ps_fval *len = &l->v[F_HWLEN];
    bool mac = ps_layer_uint(l, F_HWTYPE) == 1 &&
               (len->set ? len->u == 6 : reads_as(&l->v[fi], PS_K_MAC));
    return mac ? NULL : as_str;
}

static const struct ps_field *p_variant(const struct ps_layer *l, int fi,
                                        const struct ps_field *as_ip6,
                                        const struct ps_field *as_str)
{
    const struct ps_fval *len = &l->v[F_PLEN];
    uint64_t ptype = ps_layer_uint(l, F_PTYPE);
    if (ptype == 0x0800 && (len->set ? len->u == 4 : reads_as(&l->v[fi], PS_K_IPV4)))
        return NULL;
    if (ptype == 0x86dd && (len->set ? len->u == 16 : reads_as(&l->v[fi], PS_K_IPV6)))
        return as_ip6;
    return as_str;
}

static const struct ps_field *hwsrc_variant(const struct ps_layer *l)
{
    return hw_variant(l, F_HWSRC, &hwsrc_str);
}

static const struct ps_field *psrc_variant(const struct ps_layer *l)
{
    return p_variant(l, F_PSRC, &psrc_ip6, &psrc_str);
}

static const struct ps_field *hwdst_variant(const struct ps_layer *l)
{
    return hw_variant(l, F_HWDST, &hwdst_str);
}

static const struct ps_field *pdst_variant(const struct ps_layer *l)
{
    return p_variant(l, F_PDST, &pdst_ip6, &pdst_str);
}

static const struct ps_field fields[] = {
    {.name = "hwtype", .kind = PS_K_UINT, .bits = 16, .def = 1, .enums = ps_hardware_types,
     .hex = true, .ls_type = "XShortEnumField", .ls_default = "1"},
    {.name = "ptype", .kind = PS_K_UINT, .bits = 16, .def = 0x0800, .enums = ps_ether_types,
     .hex = true, .ls_type = "XShortEnumField", .ls_default = "2048"},
    {.name = "hwlen", .kind = PS_K_UINT, .bits = 8, .is_auto = true, .length_of = "hwsrc",
     .ls_type = "FieldLenField", .ls_default = "None"},
    {.name = "plen", .kind = PS_K_UINT, .bits = 8, .is_auto = true, .length_of = "psrc",
     .ls_type = "FieldLenField", .ls_default = "None"},
    {.name = "op", .kind = PS_K_UINT, .bits = 16, .def = 1, .enums = ops,
     .ls_type = "ShortEnumField", .ls_default = "1"},
    {.name = "hwsrc", .kind = PS_K_MAC, .is_auto = true, .from_env = PS_ENV_SRC_MAC,
     .variant = hwsrc_variant, .ls_type = LS_HWSRC, .ls_default = "None"},
    {.name = "psrc", .kind = PS_K_IPV4, .is_auto = true, .from_env = PS_ENV_SRC_IP4,
     .variant = psrc_variant, .ls_type = LS_PSRC, .ls_default = "None"},
    {.name = "hwdst", .kind = PS_K_MAC, .def_text = "00:00:00:00:00:00",
     .variant = hwdst_variant, .ls_type = LS_HWDST, .ls_default = "None"},
    {.name = "pdst", .kind = PS_K_IPV4, .def_text = "0.0.0.0", .variant = pdst_variant,
     .ls_type = LS_PDST, .ls_default = "None"},
};

/* bind_layers(Ether, ARP, type=2054), (GRE, ARP, proto=2054),
 * (SNAP, ARP, code=2054) */
static const struct ps_bind binds[] = {
    {"Ether", "type", 0x0806},
    {"GRE", "proto", 0x0806},
    {"SNAP", "code", 0x0806},
    {"CookedLinux", "proto", 0x0806},
    {NULL, NULL, 0},
};

/* hashret: pack(">HHH", hwtype, ptype, (op + 1) // 2): a request and its
 * reply share it. */
static size_t arp_hashret(const struct ps_packet *pkt, size_t idx, struct ps_hash *h)
{
    const struct ps_layer *l = &pkt->layers[idx];
    uint64_t v[3] = {ps_layer_uint(l, F_HWTYPE), ps_layer_uint(l, F_PTYPE),
                     (ps_layer_uint(l, F_OP) + 1) / 2};
    for (size_t i = 0; i < 3; i++) {
        uint8_t be[2] = {(uint8_t)(v[i] >> 8), (uint8_t)v[i]};
        ps_hash_put(h, be, 2);
    }
    return idx + 1;
}

/* An address as i2m writes it: the bytes of its shape, a string as held. */
static size_t wire_address(const struct ps_layer *l, int fi, const uint8_t **p)
{
    const struct ps_fval *v = &l->v[fi];
    switch (ps_layer_field(l, (size_t)fi)->kind) {
    case PS_K_MAC:
        *p = v->addr;
        return 6;
    case PS_K_IPV4:
        *p = v->addr;
        return 4;
    case PS_K_IPV6:
        *p = v->addr;
        return 16;
    default:
        *p = v->bytes;
        return v->set && v->bytes ? v->len : 0;
    }
}

/* answers: the next op, from the address the request asked about (as
 * bytes, the shorter a prefix of the longer: Scapy's loose comparison). */
static enum ps_answer arp_answers(const struct ps_packet *reply, size_t *r,
                                  const struct ps_packet *query, size_t *q)
{
    if (*q >= query->n || query->layers[*q].proto != &ps_proto_arp)
        return PS_ANSWER_NO;
    const struct ps_layer *self = &reply->layers[*r], *other = &query->layers[*q];
    if (ps_layer_uint(self, F_OP) != ps_layer_uint(other, F_OP) + 1)
        return PS_ANSWER_NO;
    const uint8_t *psrc, *pdst;
    size_t n = wire_address(self, F_PSRC, &psrc), m = wire_address(other, F_PDST, &pdst);
    if (m < n)
        n = m;
    return n == 0 || memcmp(psrc, pdst, n) == 0 ? PS_ANSWER_YES : PS_ANSWER_NO;
}

/* extract_padding: ARP carries no payload; what follows is Padding. */
static bool arp_payload_len(const struct ps_layer *l, long *len)
{
    (void)l;
    *len = 0;
    return true;
}

static int mysummary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    uint64_t op = 0;
    (void)ps_field_uint(pkt, idx, "op", &op);
    if (op == 1) {
        ps_strbuf_puts(&b, "ARP who has ");
        ps_put_field(&b, pkt, idx, "pdst");
        ps_strbuf_puts(&b, " says ");
        ps_put_field(&b, pkt, idx, "psrc");
    } else if (op == 2) {
        ps_strbuf_puts(&b, "ARP is at ");
        ps_put_field(&b, pkt, idx, "hwsrc");
        ps_strbuf_puts(&b, " says ");
        ps_put_field(&b, pkt, idx, "psrc");
    } else {
        ps_strbuf_puts(&b, "ARP ");
        ps_put_field(&b, pkt, idx, "op");
        ps_strbuf_puts(&b, " ");
        ps_put_field(&b, pkt, idx, "psrc");
        ps_strbuf_puts(&b, " > ");
        ps_put_field(&b, pkt, idx, "pdst");
    }
    return ps_strbuf_result(&b);
}

const struct ps_proto ps_proto_arp = {
    .name = "ARP",
    .long_name = "ARP",
    .fields = fields,
    .nfields = PS_NFIELDS(fields),
    .binds = binds,
    .neighbor_field = "pdst",
    .mysummary = mysummary,
    .payload_len = arp_payload_len,
    .hashret = arp_hashret,
    .answers = arp_answers,
};
