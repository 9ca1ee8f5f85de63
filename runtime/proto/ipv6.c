/* IPv6 and its extension headers (scapy/layers/inet6.py IPv6, IPerror6,
 * IPv6ExtHdrHopByHop, IPv6ExtHdrDestOpt, IPv6ExtHdrRouting,
 * IPv6ExtHdrFragment): plen, the extension headers' lengths and the
 * options' alignment padding when unset; the next class by nh. */
#include <stdio.h>
#include <string.h>

#include "addr.h"
#include "packet.h"
#include "field_text.h"
#include "protos.h"

/* ipv6nh */
const struct ps_enum ps_ipv6_nh[] = {
    {0, "Hop-by-Hop Option Header"},
    {4, "IP"},
    {6, "TCP"},
    {17, "UDP"},
    {41, "IPv6"},
    {43, "Routing Header"},
    {44, "Fragment Header"},
    {47, "GRE"},
    {50, "ESP Header"},
    {51, "AH Header"},
    {58, "ICMPv6"},
    {59, "No Next Header"},
    {60, "Destination Option Header"},
    {112, "VRRP"},
    {132, "SCTP"},
    {135, "Mobility Header"},
    {0, NULL},
};

/* ---------------------------------------------------------------- IPv6 */

enum { F_VERSION, F_TC, F_FL, F_PLEN, F_NH, F_HLIM, F_SRC, F_DST };

static const struct ps_field fields[] = {
    [F_VERSION] = {.name = "version", .kind = PS_K_UINT, .bits = 4, .def = 6,
                   .ls_type = "BitField  (4 bits)", .ls_default = "6"},
    [F_TC] = {.name = "tc", .kind = PS_K_UINT, .bits = 8, .ls_type = "BitField  (8 bits)",
              .ls_default = "0"},
    [F_FL] = {.name = "fl", .kind = PS_K_UINT, .bits = 20, .ls_type = "BitField  (20 bits)",
              .ls_default = "0"},
    [F_PLEN] = {.name = "plen", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
                .ls_type = "ShortField", .ls_default = "None"},
    [F_NH] = {.name = "nh", .kind = PS_K_UINT, .bits = 8, .def = 59, .enums = ps_ipv6_nh,
              .ls_type = "ByteEnumField", .ls_default = "59"},
    [F_HLIM] = {.name = "hlim", .kind = PS_K_UINT, .bits = 8, .def = 64, .ls_type = "ByteField",
                .ls_default = "64"},
    [F_SRC] = {.name = "src", .kind = PS_K_IPV6, .is_auto = true, .from_env = PS_ENV_SRC_IP6,
               .ls_type = "SourceIP6Field", .ls_default = "None"},
    /* DestIP6Field: None in the table, ::1 when built. */
    [F_DST] = {.name = "dst", .kind = PS_K_IPV6, .is_auto = true, .def_text = "::1",
               .ls_type = "DestIP6Field", .ls_default = "None"},
};

/* bind_layers(Ether, IPv6, type=0x86dd), (GRE, IPv6, proto=0x86dd),
 * (IP, IPv6, proto=41), (IPv6, IPv6, nh=41), (SNAP, IPv6, code=0x86dd),
 * (PPP, IPv6, proto=0x0057) */
static const struct ps_bind binds[] = {
    {"Ether", "type", 0x86dd},
    {"GRE", "proto", 0x86dd},
    {"IP", "proto", 41},
    {"IPv6", "nh", 41},
    {"SNAP", "code", 0x86dd},
    {"PPP", "proto", 0x0057},
    {"CookedLinux", "proto", 0x86dd},
    {"Loopback", "type", 10}, /* Linux's AF_INET6, which Scapy binds on Linux */
    {"AH", "nh", 41}, /* bind_layers(AH, IPv6, nh=41) */
    {NULL, NULL, 0},
};

/* bind_top_down(VXLAN, IPv6, flags=12, NextProtocol=2); VXLAN's own
 * guess_payload dissects it. */
static const struct ps_bind build_binds[] = {
    {"VXLAN", "flags", 12},
    {"VXLAN", "NextProtocol", 2},
    {NULL, NULL, 0},
};

static void ipv6_post_build(struct ps_build *b, size_t idx)
{
    uint8_t *h = b->buf + b->start[idx];
    if (b->hlen[idx] < 40 || b->pkt->layers[idx].v[F_PLEN].set)
        return;
    ps_put16(h + 4, (uint16_t)(b->end[idx] - b->start[idx] - 40));
}

/* _IPv6GuessPayload.default_payload_class where no binding holds: ICMPv6
 * by its type (the class ICMPv6Unknown dispatches to), the extension
 * headers (routing type 4, p[2], is the segment routing header), a
 * mobility header by its type (mip6.c), Raw for "no next header". NULL
 * leaves it to the bindings. */
static const char *class_by_nh(uint64_t nh, const uint8_t *p, size_t len)
{
    switch (nh) {
    case 0: return "IPv6ExtHdrHopByHop";
    case 43: return len >= 3 && p[2] == 4 ? "IPv6ExtHdrSegmentRouting" : "IPv6ExtHdrRouting";
    case 44: return "IPv6ExtHdrFragment";
    case 50: return "ESP";
    case 51: return "AH";
    case 58: return "ICMPv6Unknown";
    case 59: return "Raw";
    case 60: return "IPv6ExtHdrDestOpt";
    case 135: return len > 3 ? ps_mip6_class(p[2]) : "Raw";
    default: return NULL;
    }
}

static const char *ipv6_payload(const struct ps_layer *l, const struct ps_layer *under,
                                const uint8_t *p, size_t len)
{
    (void)under;
    return class_by_nh(ps_layer_uint(l, F_NH), p, len);
}

/* extract_padding: plen bytes. A jumbogram (plen 0 under a hop-by-hop
 * header) would need the Jumbo option's length: left undeclared here. */
static bool ipv6_payload_len(const struct ps_layer *l, long *len)
{
    uint64_t plen = ps_layer_uint(l, F_PLEN);
    if (plen == 0 && ps_layer_uint(l, F_NH) == 0)
        return false;
    *len = (long)plen;
    return true;
}

/* "%s > %s (%i)" % (src, dst, nh): plain values, not i2repr. */
static int mysummary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    const struct ps_layer *l = &pkt->layers[idx];
    int src = ps_field_index(l->proto, "src"), dst = ps_field_index(l->proto, "dst");
    uint64_t nh = 0;
    char text[46];
    struct ps_fval v;
    if (src >= 0 && dst >= 0) {
        ps_field_value(pkt, idx, src, &v);
        ps_format_ip6(v.addr, text);
        ps_strbuf_printf(&b, "%s > ", text);
        ps_field_value(pkt, idx, dst, &v);
        ps_format_ip6(v.addr, text);
        ps_strbuf_puts(&b, text);
    }
    (void)ps_field_uint(pkt, idx, "nh", &nh);
    ps_strbuf_printf(&b, " (%u)", (unsigned)nh);
    return ps_strbuf_result(&b);
}

const struct ps_proto ps_proto_ipv6 = {
    .name = "IPv6",
    .long_name = "IPv6",
    .fields = fields,
    .nfields = PS_NFIELDS(fields),
    .binds = binds,
    .build_binds = build_binds,
    .post_build = ipv6_post_build,
    .neighbor_field = "dst",
    .mysummary = mysummary,
    .guess_payload_from = ipv6_payload,
    .payload_len = ipv6_payload_len,    .hashret = ps_ipv6_hashret,
    .answers = ps_ipv6_answers,
};

/* IPerror6: an IPv6 packet quoted in an ICMPv6 error; Packet.mysummary. */
static const struct ps_bind iperror6_binds[] = {
    {"Ether", "type", 0x86dd},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_iperror6 = {
    .name = "IPerror6",
    .long_name = "IPv6 in ICMPv6",
    .fields = fields,
    .nfields = PS_NFIELDS(fields),
    .binds = iperror6_binds,
    .post_build = ipv6_post_build,
    .alias = "IPv6",
    .guess_payload_from = ipv6_payload,
    .payload_len = ipv6_payload_len,    .hashret = ps_ipv6_hashret,
    .answers = ps_iperror6_answers,
};

/* ------------------------------------------ hop-by-hop and destination options */

/* _hbhopts */
static const struct ps_enum hbh_options[] = {
    {0x00, "Pad1"},
    {0x01, "PadN"},
    {0x04, "Tunnel Encapsulation Limit"},
    {0x05, "Router Alert"},
    {0x06, "Quick-Start"},
    {0xc2, "Jumbo Payload"},
    {0xc9, "Home Address Option"},
    {0, NULL},
};

/* _OTypeField.i2repr: the name, then what a node that does not know the
 * option does with it, and whether it may change en route. */
static int otype_repr(const struct ps_fval *v, char *out, size_t cap)
{
    static const char *const policy[4] = {"00: skip", "01: discard", "10: discard+ICMP",
                                          "11: discard+ICMP not mcast"};
    char number[8];
    const char *name = NULL;
    for (const struct ps_enum *e = hbh_options; e->name; e++)
        if (e->value == v->u)
            name = e->name;
    if (!name) {
        snprintf(number, sizeof number, "%u", (unsigned)v->u);
        name = number;
    }
    return snprintf(out, cap, "%s [%s, %s]", name, policy[(v->u >> 6) & 3],
                    v->u & 0x20 ? "1: May change en-route" : "0: Don't change en-route");
}

#define OTYPE(d, d_s)                                                                  \
    {.name = "otype", .kind = PS_K_UINT, .bits = 8, .def = (d), .enums = hbh_options, \
     .repr = otype_repr, .ls_type = "_OTypeField", .ls_default = d_s}

static const struct ps_field opt_unknown[] = {
    OTYPE(0x01, "1"),
    {.name = "optlen", .kind = PS_K_UINT, .bits = 8, .is_auto = true, .length_of = "optdata",
     .ls_type = "FieldLenField", .ls_default = "None"},
    {.name = "optdata", .kind = PS_K_BYTES, .def_text = "", .ls_type = "StrLenField",
     .ls_default = "b''"},
};

/* HBHOptUnknown.dispatch_hook: the class registered for the option type. */
static const char *option_class(const uint8_t *p, size_t len)
{
    if (!len)
        return NULL;
    switch (p[0]) {
    case 0x00: return "Pad1";
    case 0x01: return "PadN";
    case 0x05: return "RouterAlert";
    case 0xc2: return "Jumbo";
    case 0xc9: return "HAO";
    default: return NULL;
    }
}

const struct ps_proto ps_proto_hbhopt_unknown = {
    .name = "HBHOptUnknown",
    .long_name = "Scapy6 Unknown Option",
    .klass = "HBHOptUnknown",
    .fields = opt_unknown,
    .nfields = PS_NFIELDS(opt_unknown),
    .dispatch = option_class,
};

static const struct ps_field opt_pad1[] = {OTYPE(0x00, "0")};

const struct ps_proto ps_proto_pad1 = {
    .name = "Pad1",
    .long_name = "Pad1",
    .klass = "HBHOptUnknown",
    .fields = opt_pad1,
    .nfields = PS_NFIELDS(opt_pad1),
};

const struct ps_proto ps_proto_padn = {
    .name = "PadN",
    .long_name = "PadN",
    .klass = "HBHOptUnknown",
    .fields = opt_unknown,
    .nfields = PS_NFIELDS(opt_unknown),
};

static const struct ps_enum alert_values[] = {
    {0, "Datagram contains a MLD message"},
    {1, "Datagram contains RSVP message"},
    {2, "Datagram contains an Active Network message"},
    {68, "NSIS NATFW NSLP"},
    {69, "MPLS OAM"},
    {65535, "Reserved"},
    {0, NULL},
};

static const struct ps_field opt_router_alert[] = {
    OTYPE(0x05, "5"),
    {.name = "optlen", .kind = PS_K_UINT, .bits = 8, .def = 2, .ls_type = "ByteField",
     .ls_default = "2"},
    {.name = "value", .kind = PS_K_UINT, .bits = 16, .is_auto = true, .enums = alert_values,
     .ls_type = "ShortEnumField", .ls_default = "None"},
};

const struct ps_proto ps_proto_router_alert = {
    .name = "RouterAlert",
    .long_name = "Router Alert",
    .klass = "HBHOptUnknown",
    .fields = opt_router_alert,
    .nfields = PS_NFIELDS(opt_router_alert),
};

static const struct ps_field opt_jumbo[] = {
    OTYPE(0xc2, "194"),
    {.name = "optlen", .kind = PS_K_UINT, .bits = 8, .def = 4, .ls_type = "ByteField",
     .ls_default = "4"},
    {.name = "jumboplen", .kind = PS_K_UINT, .bits = 32, .is_auto = true,
     .ls_type = "IntField", .ls_default = "None"},
};

const struct ps_proto ps_proto_jumbo = {
    .name = "Jumbo",
    .long_name = "Jumbo Payload",
    .klass = "HBHOptUnknown",
    .fields = opt_jumbo,
    .nfields = PS_NFIELDS(opt_jumbo),
};

enum { HAO_OTYPE, HAO_OPTLEN, HAO_HOA };

static const struct ps_field opt_hao[] = {
    [HAO_OTYPE] = OTYPE(0xc9, "201"),
    [HAO_OPTLEN] = {.name = "optlen", .kind = PS_K_UINT, .bits = 8, .def = 16,
                    .ls_type = "ByteField", .ls_default = "16"},
    [HAO_HOA] = {.name = "hoa", .kind = PS_K_IPV6, .def_text = "::", .ls_type = "IP6Field",
                 .ls_default = "'::'"},
};

const struct ps_proto ps_proto_hao = {
    .name = "HAO",
    .long_name = "Home Address Option",
    .klass = "HBHOptUnknown",
    .fields = opt_hao,
    .nfields = PS_NFIELDS(opt_hao),
};

/* alignment_delta: the padding an option needs before it at offset pos of
 * its header (RFC 8200 4.2's xn+y; a mobility option's, mip6_opts.c). */
static size_t alignment_delta(const struct ps_proto *p, size_t pos)
{
    unsigned x = 1, y = 0;
    if (p == &ps_proto_router_alert)
        x = 2;
    else if (p == &ps_proto_jumbo)
        x = 4, y = 2;
    else if (p == &ps_proto_hao)
        x = 8, y = 6;
    else if (!ps_mip6_option_align(p, &x, &y))
        x = 1, y = 0;
    if (x <= 1 && y == 0)
        return 0;
    /* x * ceil((pos - y) / x) + y - pos, with Python's floor division */
    long k = ((long)pos - (long)y + (long)x - 1);
    k = k >= 0 ? k / (long)x : -((-k + (long)x - 1) / (long)x);
    return (size_t)(k * (long)x + (long)y - (long)pos);
}

/* Pad1 for one byte, PadN with zeros for more (n < 16). */
static size_t put_padding(size_t n, uint8_t pad[16])
{
    memset(pad, 0, n);
    if (n > 1) {
        pad[0] = 0x01;
        pad[1] = (uint8_t)(n - 2);
    }
    return n;
}

enum { X_NH, X_LEN, X_AUTOPAD, X_OPTIONS };

size_t ps_ip6_option_pad(const struct ps_proto *next, size_t pos, uint8_t pad[16])
{
    if (next)
        return put_padding(alignment_delta(next, pos), pad);
    return pos % 8 ? put_padding(8 - pos % 8, pad) : 0;
}

/* _OptionsField.i2m with autopad: each option after the padding its
 * alignment needs, then padding to a multiple of 8 bytes. The field starts
 * at offset 2 of its header. */
static size_t options_pad(const struct ps_layer *l, const struct ps_proto *next, size_t at,
                          uint8_t pad[16])
{
    if (ps_layer_uint(l, X_AUTOPAD) == 0)
        return 0;
    return ps_ip6_option_pad(next, 2 + at, pad);
}

uint8_t ps_phantom_bits(const struct ps_layer *l)
{
    (void)l;
    return 0;
}

int ps_on_off_repr(const struct ps_fval *v, char *out, size_t cap)
{
    return snprintf(out, cap, "%s", v->u ? "On" : "Off");
}

static const struct ps_field options_header[] = {
    [X_NH] = {.name = "nh", .kind = PS_K_UINT, .bits = 8, .def = 59, .enums = ps_ipv6_nh,
              .ls_type = "ByteEnumField", .ls_default = "59"},
    [X_LEN] = {.name = "len", .kind = PS_K_UINT, .bits = 8, .is_auto = true,
               .ls_type = "FieldLenField", .ls_default = "None"},
    [X_AUTOPAD] = {.name = "autopad", .kind = PS_K_UINT, .bits = 8, .def = 1,
                   .bits_for = ps_phantom_bits, .repr = ps_on_off_repr,
                   .ls_type = "_PhantomAutoPadField", .ls_default = "1"},
    [X_OPTIONS] = {.name = "options", .kind = PS_K_LAYERS, .sub_class = "HBHOptUnknown",
                   .pad_before = options_pad, .ls_type = "_OptionsField", .ls_default = "[]"},
};

/* FieldLenField adjust (x + 2 + 7) // 8 - 1: the header in 8-byte units
 * beyond the first. */
static void options_post_build(struct ps_build *b, size_t idx)
{
    if (b->hlen[idx] < 2 || b->pkt->layers[idx].v[X_LEN].set)
        return;
    b->buf[b->start[idx] + 1] = (uint8_t)((b->hlen[idx] + 7) / 8 - 1);
}

/* length_from: 8 * (len + 1) - 2 */
static size_t options_len(const struct ps_layer *l, size_t field)
{
    return field == X_OPTIONS ? (size_t)(8 * (ps_layer_uint(l, X_LEN) + 1) - 2) : 0;
}

/* An extension header guesses as IPv6 does: its aliastypes make IPv6's
 * bindings its own, then _IPv6GuessPayload. Every extension header's nh
 * is its first field. */
const char *ps_ip6_ext_payload(const struct ps_layer *l, const struct ps_layer *under,
                               const uint8_t *p, size_t len)
{
    (void)under;
    return class_by_nh(ps_layer_uint(l, 0), p, len);
}

static const struct ps_bind hop_by_hop_binds[] = {
    {"IPv6", "nh", 0},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_ipv6_hop_by_hop = {
    .name = "IPv6ExtHdrHopByHop",
    .long_name = "IPv6 Extension Header - Hop-by-Hop Options Header",
    .fields = options_header,
    .nfields = PS_NFIELDS(options_header),
    .build_binds = hop_by_hop_binds,
    .post_build = options_post_build,
    .alias = "IPv6",
    .options_len = options_len,
    .guess_payload_from = ps_ip6_ext_payload,
};

static const struct ps_bind dest_opt_binds[] = {
    {"IPv6", "nh", 60},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_ipv6_dest_opt = {
    .name = "IPv6ExtHdrDestOpt",
    .long_name = "IPv6 Extension Header - Destination Options Header",
    .fields = options_header,
    .nfields = PS_NFIELDS(options_header),
    .build_binds = dest_opt_binds,
    .post_build = options_post_build,
    .alias = "IPv6",
    .options_len = options_len,
    .guess_payload_from = ps_ip6_ext_payload,
};

/* ------------------------------------------------------------- routing */

enum { R_NH, R_LEN, R_TYPE, R_SEGLEFT, R_RESERVED, R_ADDRESSES };

int ps_ip6_list_repr(const struct ps_fval *v, char *out, size_t cap)
{
    char text[46];
    size_t n = 0;
    int k = snprintf(out, cap, "[ ");
    n += k > 0 ? (size_t)k : 0;
    for (size_t i = 0; i + 16 <= v->len; i += 16) {
        ps_format_ip6(v->bytes + i, text);
        k = snprintf(n < cap ? out + n : NULL, n < cap ? cap - n : 0, "%s%s", i ? ", " : "", text);
        n += k > 0 ? (size_t)k : 0;
    }
    k = snprintf(n < cap ? out + n : NULL, n < cap ? cap - n : 0, " ]");
    return (int)(n + (k > 0 ? (size_t)k : 0));
}

/* IP6ListField.getfield: 8 * len bytes, as far as they go, read 16 at a
 * time; a piece shorter than an address makes inet_ntop raise. */
static long routing_addresses(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                              struct ps_fval *v, struct ps_decode_room *room)
{
    (void)room;
    size_t n = (size_t)(8 * ps_layer_uint(l, R_LEN)), rest = len - off;
    if (n > rest)
        n = rest;
    if (n % 16)
        return -1;
    v->bytes = p + off;
    v->len = n;
    return (long)n;
}

static const struct ps_field routing_fields[] = {
    [R_NH] = {.name = "nh", .kind = PS_K_UINT, .bits = 8, .def = 59, .enums = ps_ipv6_nh,
              .ls_type = "ByteEnumField", .ls_default = "59"},
    [R_LEN] = {.name = "len", .kind = PS_K_UINT, .bits = 8, .is_auto = true,
               .ls_type = "FieldLenField", .ls_default = "None"},
    [R_TYPE] = {.name = "type", .kind = PS_K_UINT, .bits = 8, .ls_type = "ByteField",
                .ls_default = "0"},
    [R_SEGLEFT] = {.name = "segleft", .kind = PS_K_UINT, .bits = 8, .is_auto = true,
                   .ls_type = "ByteField", .ls_default = "None"},
    [R_RESERVED] = {.name = "reserved", .kind = PS_K_UINT, .bits = 32,
                    .ls_type = "BitField  (32 bits)", .ls_default = "0"},
    [R_ADDRESSES] = {.name = "addresses", .kind = PS_K_BYTES, .ipv6_list = true, .def_text = "",
                     .repr = ps_ip6_list_repr, .decode = routing_addresses,
                     .ls_type = "IP6ListField",
                     .ls_default = "[]"},
};

/* len: 2 per address (FieldLenField count_of, adjust 2x); segleft: the
 * number of addresses (Scapy's post_build). */
static void routing_post_build(struct ps_build *b, size_t idx)
{
    const struct ps_layer *l = &b->pkt->layers[idx];
    uint8_t *h = b->buf + b->start[idx];
    size_t count = l->v[R_ADDRESSES].set ? l->v[R_ADDRESSES].len / 16 : 0;
    if (b->hlen[idx] < 8)
        return;
    if (!l->v[R_LEN].set)
        h[1] = (uint8_t)(2 * count);
    if (!l->v[R_SEGLEFT].set)
        h[3] = (uint8_t)count;
}

static const struct ps_bind routing_binds[] = {
    {"IPv6", "nh", 43},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_ipv6_routing = {
    .name = "IPv6ExtHdrRouting",
    .long_name = "IPv6 Option Header Routing",
    .fields = routing_fields,
    .nfields = PS_NFIELDS(routing_fields),
    .build_binds = routing_binds,
    .post_build = routing_post_build,
    .alias = "IPv6",
    .guess_payload_from = ps_ip6_ext_payload,
};

/* ------------------------------------------------------------ fragment */

enum { G_NH, G_RES1, G_OFFSET, G_RES2, G_M, G_ID };

static const struct ps_field fragment_fields[] = {
    [G_NH] = {.name = "nh", .kind = PS_K_UINT, .bits = 8, .def = 59, .enums = ps_ipv6_nh,
              .ls_type = "ByteEnumField", .ls_default = "59"},
    [G_RES1] = {.name = "res1", .kind = PS_K_UINT, .bits = 8, .ls_type = "BitField  (8 bits)",
                .ls_default = "0"},
    [G_OFFSET] = {.name = "offset", .kind = PS_K_UINT, .bits = 13,
                  .ls_type = "BitField  (13 bits)", .ls_default = "0"},
    [G_RES2] = {.name = "res2", .kind = PS_K_UINT, .bits = 2, .ls_type = "BitField  (2 bits)",
                .ls_default = "0"},
    [G_M] = {.name = "m", .kind = PS_K_UINT, .bits = 1, .ls_type = "BitField  (1 bit)",
             .ls_default = "0"},
    /* IntField(None): 0 when built. */
    [G_ID] = {.name = "id", .kind = PS_K_UINT, .bits = 32, .is_auto = true,
              .ls_type = "IntField", .ls_default = "None"},
};

/* A fragment past the first carries no header to guess from. */
static const char *fragment_payload(const struct ps_layer *l, const struct ps_layer *under,
                                    const uint8_t *p, size_t len)
{
    return ps_layer_uint(l, G_OFFSET) > 0 ? "Raw" : ps_ip6_ext_payload(l, under, p, len);
}

static const struct ps_bind fragment_binds[] = {
    {"IPv6", "nh", 44},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_ipv6_fragment = {
    .name = "IPv6ExtHdrFragment",
    .long_name = "IPv6 Extension Header - Fragmentation header",
    .fields = fragment_fields,
    .nfields = PS_NFIELDS(fragment_fields),
    .build_binds = fragment_binds,
    .alias = "IPv6",
    .guess_payload_from = fragment_payload,
};

/* ------------------------------------------------- upper-layer checksums */

static bool is_ipv6(const struct ps_proto *p)
{
    return p == &ps_proto_ipv6 || p == &ps_proto_iperror6;
}

/* The last address of a routing header that still has hops to go (an
 * unset segleft counts as some), else NULL. */
static const uint8_t *routing_final(const struct ps_layer *l)
{
    const struct ps_fval *a = &l->v[R_ADDRESSES];
    if ((l->v[R_SEGLEFT].set && l->v[R_SEGLEFT].u == 0) || !a->set || a->len < 16)
        return NULL;
    return a->bytes + (a->len / 16 - 1) * 16;
}

/* A destination options header holding a lone Home Address option. */
static bool home_address(const struct ps_layer *l, uint8_t hoa[16])
{
    const struct ps_fval *o = &l->v[X_OPTIONS];
    if (!o->set || o->nsub != 1 || o->sub[0].proto != &ps_proto_hao)
        return false;
    if (o->sub[0].v[HAO_HOA].set)
        memcpy(hoa, o->sub[0].v[HAO_HOA].addr, 16);
    else
        memset(hoa, 0, 16);
    return true;
}

bool ps_ip6_checksum(const struct ps_build *b, size_t l4, uint8_t nh, uint16_t *ck)
{
    const uint8_t *final = NULL;
    uint8_t hoa[16];
    bool have_hoa = false;
    size_t i = l4;
    /* in6_pseudoheader: down through the extension headers to the IPv6. */
    while (i-- > 0 && !is_ipv6(b->pkt->layers[i].proto)) {
        const struct ps_layer *l = &b->pkt->layers[i];
        if (l->proto == &ps_proto_ipv6_routing && !final)
            final = routing_final(l);
        else if (l->proto == &ps_proto_ipv6_srh && !final)
            final = ps_srh_final(l);
        else if (l->proto == &ps_proto_ipv6_dest_opt && home_address(l, hoa))
            have_hoa = true;
    }
    if (i >= l4 || b->hlen[i] < 40) {
        *ck = 0; /* "No IPv6 underlayer to compute checksum. Leaving null." */
        return false;
    }
    const uint8_t *h = b->buf + b->start[i];
    size_t len = b->end[l4] - b->start[l4];
    uint8_t tail[8] = {(uint8_t)(len >> 24), (uint8_t)(len >> 16), (uint8_t)(len >> 8),
                       (uint8_t)len, 0, 0, 0, nh};
    uint32_t sum = ps_csum_add(0, have_hoa ? hoa : h + 8, 16);
    sum = ps_csum_add(sum, final ? final : h + 24, 16);
    sum = ps_csum_add(sum, tail, 8);
    sum = ps_csum_add(sum, b->buf + b->start[l4], len);
    *ck = ps_csum_fold(sum);
    return true;
}

bool ps_on_ip6(const struct ps_build *b, size_t idx)
{
    if (idx == 0)
        return false;
    const struct ps_proto *under = b->pkt->layers[idx - 1].proto;
    return is_ipv6(under) || under == &ps_proto_ipv6_hop_by_hop ||
           under == &ps_proto_ipv6_dest_opt || under == &ps_proto_ipv6_routing ||
           under == &ps_proto_ipv6_fragment || under == &ps_proto_ipv6_srh;
}
