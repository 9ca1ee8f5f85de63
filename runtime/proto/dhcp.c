/* BOOTP and DHCP (scapy/layers/dhcp.py BOOTP, DHCP): the BOOTP header on
 * UDP 67/68, and DHCP's options after the magic cookie that ends BOOTP's
 * own options. The option list's codec is dhcp_options.c. */
#include <stdio.h>
#include <string.h>

#include "addr.h"
#include "dhcp_options.h"
#include "packet.h"
#include "field_text.h"
#include "protos.h"

enum { F_OP, F_HTYPE, F_HLEN, F_HOPS, F_XID, F_SECS, F_FLAGS, F_CIADDR, F_YIADDR, F_SIADDR,
       F_GIADDR, F_CHADDR, F_SNAME, F_FILE, F_OPTIONS };

static const char magic[] = "c\x82Sc";
#define MAGIC_LEN 4

static const struct ps_enum ops[] = {{1, "BOOTREQUEST"}, {2, "BOOTREPLY"}, {0, NULL}};
static const char *const bootp_flags[] = {"?", "?", "?", "?", "?", "?", "?", "?", "?", "?",
                                          "?", "?", "?", "?", "?", "B", NULL};

/* _BOOTP_chaddr.i2repr over Ethernet: the MAC, then its padding. */
static int chaddr_mac_repr(const struct ps_fval *v, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    static const uint8_t zeros[10];
    const uint8_t *p = v->bytes;
    size_t n = p ? v->len : 0;
    char mac[24];
    if (n >= 6) {
        ps_format_mac(p, mac);
        ps_strbuf_puts(&b, mac);
    } else {
        ps_strbuf_hex(&b, p, n); /* str2mac raises in Scapy */
    }
    if (n == 16 && memcmp(p + 6, zeros, 10) == 0) {
        ps_strbuf_puts(&b, " (+ 10 nul pad)");
    } else {
        ps_strbuf_puts(&b, " (pad: ");
        ps_put_pybytes(&b, n > 6 ? p + 6 : p, n > 6 ? n - 6 : 0);
        ps_strbuf_putc(&b, ')');
    }
    return ps_strbuf_result(&b);
}

#define CHADDR_FIELD(repr_hook)                                                              \
    {.name = "chaddr", .kind = PS_K_BYTES, .bits = 128, .def_text = "", .repr = repr_hook, \
     .variant = chaddr_variant, .ls_type = "_BOOTP_chaddr", .ls_default = "b''"}

static const struct ps_field *chaddr_variant(const struct ps_layer *l);
static const struct ps_field chaddr_eth = CHADDR_FIELD(chaddr_mac_repr);

static const struct ps_field *chaddr_variant(const struct ps_layer *l)
{
    return ps_layer_uint(l, F_HTYPE) == 1 ? &chaddr_eth : NULL;
}

/* StrEnumField i2repr: repr of the value without trailing \0, and the
 * enum's name of it. */
static int options_repr(const struct ps_fval *v, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    const uint8_t *p = v->bytes;
    size_t n = p ? v->len : 0, r = n;
    while (r > 0 && p[r - 1] == 0)
        r--;
    ps_put_pybytes(&b, p, r);
    if ((n == MAGIC_LEN && memcmp(p, magic, MAGIC_LEN) == 0) ||
        (r == MAGIC_LEN && memcmp(p, magic, MAGIC_LEN) == 0))
        ps_strbuf_puts(&b, " (DHCP magic)");
    return ps_strbuf_result(&b);
}

/* StrField takes the rest; extract_padding then keeps only the magic
 * cookie when the rest starts with it, and DHCP gets what follows. */
static long options_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                           struct ps_fval *v, struct ps_decode_room *room)
{
    (void)l;
    (void)room;
    size_t n = len - off;
    if (n >= MAGIC_LEN && memcmp(p + off, magic, MAGIC_LEN) == 0)
        n = MAGIC_LEN;
    v->bytes = p + off;
    v->len = n;
    return (long)n;
}

/* StrFixedLenField of 64 and 128 bytes, too long for ps_field.bits. */
static bool sname_len(const struct ps_layer *l, size_t *len)
{
    (void)l;
    *len = 64;
    return true;
}
static bool file_len(const struct ps_layer *l, size_t *len)
{
    (void)l;
    *len = 128;
    return true;
}

#define IP_FIELD(nm) \
    {.name = nm, .kind = PS_K_IPV4, .def_text = "0.0.0.0", .ls_type = "IPField", \
     .ls_default = "'0.0.0.0'"}

static const struct ps_field bootp_fields[] = {
    [F_OP] = {.name = "op", .kind = PS_K_UINT, .bits = 8, .def = 1, .enums = ops,
              .ls_type = "ByteEnumField", .ls_default = "1"},
    [F_HTYPE] = {.name = "htype", .kind = PS_K_UINT, .bits = 8, .def = 1,
                 .enums = ps_hardware_types, .ls_type = "ByteEnumField", .ls_default = "1"},
    [F_HLEN] = {.name = "hlen", .kind = PS_K_UINT, .bits = 8, .def = 6, .ls_type = "ByteField",
                .ls_default = "6"},
    [F_HOPS] = {.name = "hops", .kind = PS_K_UINT, .bits = 8, .ls_type = "ByteField",
                .ls_default = "0"},
    [F_XID] = {.name = "xid", .kind = PS_K_UINT, .bits = 32, .hex = true,
               .ls_type = "XIntField", .ls_default = "0"},
    [F_SECS] = {.name = "secs", .kind = PS_K_UINT, .bits = 16, .ls_type = "ShortField",
                .ls_default = "0"},
    [F_FLAGS] = {.name = "flags", .kind = PS_K_UINT, .bits = 16, .flags = bootp_flags,
                 .ls_type = "FlagsField", .ls_default = "<Flag 0 ()>"},
    [F_CIADDR] = IP_FIELD("ciaddr"),
    [F_YIADDR] = IP_FIELD("yiaddr"),
    [F_SIADDR] = IP_FIELD("siaddr"),
    [F_GIADDR] = IP_FIELD("giaddr"),
    [F_CHADDR] = CHADDR_FIELD(ps_strfixed_repr),
    [F_SNAME] = {.name = "sname", .kind = PS_K_BYTES, .len_from = sname_len, .def_text = "",
                 .repr = ps_strfixed_repr, .ls_type = "StrFixedLenField", .ls_default = "b''"},
    [F_FILE] = {.name = "file", .kind = PS_K_BYTES, .len_from = file_len, .def_text = "",
                .repr = ps_strfixed_repr, .ls_type = "StrFixedLenField", .ls_default = "b''"},
    [F_OPTIONS] = {.name = "options", .kind = PS_K_BYTES, .def_text = "", .repr = options_repr,
                   .decode = options_decode, .ls_type = "StrEnumField", .ls_default = "b''"},
};

/* bind_layers(UDP, BOOTP, dport=67, sport=68), then (dport=68, sport=67),
 * which builds; bind_bottom_up(UDP, BOOTP, dport=67, sport=67). */
static const struct ps_bind bootp_binds[] = {
    {"UDP", "dport", 67}, {"UDP", "sport", 68}, {"UDP", NULL, 0},
    {"UDP", "dport", 68}, {"UDP", "sport", 67}, {NULL, NULL, 0},
};
static const struct ps_bind bootp_build_binds[] = {
    {"UDP", "sport", 67}, {"UDP", "dport", 68}, {NULL, NULL, 0},
};
static const struct ps_bind bootp_dissect_binds[] = {
    {"UDP", "dport", 67}, {"UDP", "sport", 67}, {NULL, NULL, 0},
};

static const char *bootp_payload(const struct ps_layer *l)
{
    const struct ps_fval *v = &l->v[F_OPTIONS];
    return v->set && v->len >= MAGIC_LEN && memcmp(v->bytes, magic, MAGIC_LEN) == 0 ? "DHCP"
                                                                                   : NULL;
}

/* hashret: pack("!I", xid), and nothing of the layers above. */
static size_t bootp_hashret(const struct ps_packet *pkt, size_t idx, struct ps_hash *h)
{
    uint8_t be[4];
    ps_put32(be, (uint32_t)ps_layer_uint(&pkt->layers[idx], F_XID));
    ps_hash_put(h, be, 4);
    return pkt->n;
}

/* answers: any BOOTP with the same xid. */
static enum ps_answer bootp_answers(const struct ps_packet *reply, size_t *r,
                                    const struct ps_packet *query, size_t *q)
{
    if (*q >= query->n || query->layers[*q].proto != &ps_proto_bootp)
        return PS_ANSWER_NO;
    return ps_layer_uint(&reply->layers[*r], F_XID) == ps_layer_uint(&query->layers[*q], F_XID)
               ? PS_ANSWER_YES
               : PS_ANSWER_NO;
}

const struct ps_proto ps_proto_bootp = {
    .name = "BOOTP",
    .long_name = "BOOTP",
    .fields = bootp_fields,
    .nfields = PS_NFIELDS(bootp_fields),
    .binds = bootp_binds,
    .build_binds = bootp_build_binds,
    .dissect_binds = bootp_dissect_binds,
    .guess_payload = bootp_payload,
    .hashret = bootp_hashret,
    .answers = bootp_answers,
};

/* DHCPOptionsField.getfield: the whole rest. */
static long dhcp_options_decode(const uint8_t *p, size_t len, size_t off,
                                const struct ps_layer *l, struct ps_fval *v,
                                struct ps_decode_room *room)
{
    (void)l;
    (void)room;
    v->bytes = p + off;
    v->len = len - off;
    return (long)(len - off);
}

static const struct ps_field dhcp_fields[] = {
    {.name = "options", .kind = PS_K_OPTIONS, .def_text = "", .optcodec = &ps_dhcp_optcodec,
     .repr = ps_dhcp_options_repr, .decode = dhcp_options_decode,
     .ls_type = "DHCPOptionsField", .ls_default = "b''"},
};

/* bind_layers(BOOTP, DHCP, options=b'c\x82Sc') */
static const struct ps_bytes_bind dhcp_bytes_bind = {"BOOTP", "options", magic};

/* "DHCP %s" % DHCPTypes.get(type, "").capitalize() of the first
 * message-type option; nothing without one. */
static int dhcp_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    const struct ps_fval *v = &pkt->layers[idx].v[0];
    uint64_t type;
    if (!v->set || !ps_dhcp_message_type(v->bytes, v->len, &type))
        return 0;
    const char *name = ps_dhcp_type_name(type);
    char word[32] = "";
    if (name) {
        snprintf(word, sizeof word, "%s", name);
        word[0] = (char)(word[0] - 'a' + 'A');
    }
    return snprintf(out, cap, "DHCP %s", word);
}

const struct ps_proto ps_proto_dhcp = {
    .name = "DHCP",
    .long_name = "DHCP options",
    .fields = dhcp_fields,
    .nfields = PS_NFIELDS(dhcp_fields),
    .bytes_bind = &dhcp_bytes_bind,
    .mysummary = dhcp_summary,
};
