/* DHCPv6 options (scapy/layers/dhcp6.py): each option a layer, whose
 * payload is the next option, found by its code (_DHCP6OptGuessPayload);
 * the suboptions of an IA a list whose elements are found the same way,
 * but where a code Scapy has no class for is Raw (_DHCP6OptGuessPayloadElt). */
#include <stdio.h>
#include <string.h>

#include "dhcp6.h"
#include "dns_name.h"
#include "protos.h"

enum { O_CODE, O_LEN };

const struct ps_enum ps_dhcp6_opt_names[] = {
    {1, "CLIENTID"}, {2, "SERVERID"}, {3, "IA_NA"}, {4, "IA_TA"}, {5, "IAADDR"}, {6, "ORO"},
    {7, "PREFERENCE"}, {8, "ELAPSED_TIME"}, {9, "RELAY_MSG"}, {11, "AUTH"}, {12, "UNICAST"},
    {13, "STATUS_CODE"}, {14, "RAPID_COMMIT"}, {15, "USER_CLASS"}, {16, "VENDOR_CLASS"},
    {17, "VENDOR_OPTS"}, {18, "INTERFACE_ID"}, {19, "RECONF_MSG"}, {20, "RECONF_ACCEPT"},
    {21, "SIP Servers Domain Name List"}, {22, "SIP Servers IPv6 Address List"},
    {23, "DNS Recursive Name Server Option"}, {24, "Domain Search List option"},
    {25, "OPTION_IA_PD"}, {26, "OPTION_IAPREFIX"}, {27, "OPTION_NIS_SERVERS"},
    {28, "OPTION_NISP_SERVERS"}, {29, "OPTION_NIS_DOMAIN_NAME"},
    {30, "OPTION_NISP_DOMAIN_NAME"}, {31, "OPTION_SNTP_SERVERS"},
    {32, "OPTION_INFORMATION_REFRESH_TIME"}, {33, "OPTION_BCMCS_SERVER_D"},
    {34, "OPTION_BCMCS_SERVER_A"}, {36, "OPTION_GEOCONF_CIVIC"}, {37, "OPTION_REMOTE_ID"},
    {38, "OPTION_SUBSCRIBER_ID"}, {39, "OPTION_CLIENT_FQDN"}, {40, "OPTION_PANA_AGENT"},
    {41, "OPTION_NEW_POSIX_TIMEZONE"}, {42, "OPTION_NEW_TZDB_TIMEZONE"},
    {48, "OPTION_LQ_CLIENT_LINK"}, {59, "OPT_BOOTFILE_URL"}, {60, "OPT_BOOTFILE_PARAM"},
    {61, "OPTION_CLIENT_ARCH_TYPE"}, {62, "OPTION_NII"}, {65, "OPTION_ERP_LOCAL_DOMAIN_NAME"},
    {66, "OPTION_RELAY_SUPPLIED_OPTIONS"}, {68, "OPTION_VSS"},
    {79, "OPTION_CLIENT_LINKLAYER_ADDR"}, {112, "OPTION_MUD_URL"}, {0, NULL},
};

/* dhcp6opts_by_code, less the names Scapy 2.5 has no class for (60:
 * get_cls falls back). */
static const char *option_class(unsigned code)
{
    static const struct {
        unsigned code;
        const char *cls;
    } by_code[] = {
        {1, "DHCP6OptClientId"}, {2, "DHCP6OptServerId"}, {3, "DHCP6OptIA_NA"},
        {4, "DHCP6OptIA_TA"}, {5, "DHCP6OptIAAddress"}, {6, "DHCP6OptOptReq"},
        {7, "DHCP6OptPref"}, {8, "DHCP6OptElapsedTime"}, {9, "DHCP6OptRelayMsg"},
        {11, "DHCP6OptAuth"}, {12, "DHCP6OptServerUnicast"}, {13, "DHCP6OptStatusCode"},
        {14, "DHCP6OptRapidCommit"}, {15, "DHCP6OptUserClass"}, {16, "DHCP6OptVendorClass"},
        {17, "DHCP6OptVendorSpecificInfo"}, {18, "DHCP6OptIfaceId"},
        {19, "DHCP6OptReconfMsg"}, {20, "DHCP6OptReconfAccept"}, {21, "DHCP6OptSIPDomains"},
        {22, "DHCP6OptSIPServers"}, {23, "DHCP6OptDNSServers"}, {24, "DHCP6OptDNSDomains"},
        {25, "DHCP6OptIA_PD"}, {26, "DHCP6OptIAPrefix"}, {27, "DHCP6OptNISServers"},
        {28, "DHCP6OptNISPServers"}, {29, "DHCP6OptNISDomain"}, {30, "DHCP6OptNISPDomain"},
        {31, "DHCP6OptSNTPServers"}, {32, "DHCP6OptInfoRefreshTime"},
        {33, "DHCP6OptBCMCSDomains"}, {34, "DHCP6OptBCMCSServers"},
        {37, "DHCP6OptRemoteID"}, {38, "DHCP6OptSubscriberID"}, {39, "DHCP6OptClientFQDN"},
        {40, "DHCP6OptPanaAuthAgent"}, {41, "DHCP6OptNewPOSIXTimeZone"},
        {42, "DHCP6OptNewTZDBTimeZone"}, {43, "DHCP6OptRelayAgentERO"},
        {48, "DHCP6OptLQClientLink"}, {59, "DHCP6OptBootFileUrl"},
        {61, "DHCP6OptClientArchType"}, {62, "DHCP6OptClientNetworkInterId"},
        {65, "DHCP6OptERPDomain"}, {66, "DHCP6OptRelaySuppliedOpt"}, {68, "DHCP6OptVSS"},
        {79, "DHCP6OptClientLinkLayerAddr"}, {112, "DHCP6OptMudUrl"},
    };
    for (size_t i = 0; i < sizeof by_code / sizeof by_code[0]; i++)
        if (by_code[i].code == code)
            return by_code[i].cls;
    return NULL;
}

const char *ps_dhcp6_next_option(const struct ps_layer *l, const struct ps_layer *under,
                                 const uint8_t *p, size_t len)
{
    (void)l;
    (void)under;
    if (len <= 2)
        return "Raw";
    const char *cls = option_class((unsigned)(p[0] << 8 | p[1]));
    return cls ? cls : "DHCP6OptUnknown";
}

const char *ps_dhcp6_suboption(const uint8_t *p, size_t n)
{
    const char *cls = n > 2 ? option_class((unsigned)(p[0] << 8 | p[1])) : NULL;
    return cls ? cls : "Raw";
}

/* guess_payload_class returns conf.padding_layer (an IA address or prefix,
 * the elements of the class and vendor lists): what follows is Padding. */
static const char *padding_next(const struct ps_layer *l, const struct ps_layer *under,
                                const uint8_t *p, size_t len)
{
    (void)l;
    (void)under;
    (void)p;
    (void)len;
    return "Padding";
}

/* --- Values that are lists of 16-bit numbers (_OptReqListField,
 * FieldListField(ShortField)): held as their wire form. --- */

static long shorts_encode(const struct ps_fval *items, size_t n, uint8_t *out, size_t cap)
{
    if (out && cap < 2 * n)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (items[i].bytes || items[i].u > 0xffff)
            return -1;
        if (out) {
            out[2 * i] = (uint8_t)(items[i].u >> 8);
            out[2 * i + 1] = (uint8_t)items[i].u;
        }
    }
    return (long)(2 * n);
}

/* The default [23, 24] of the option request lists: the table's default
 * text cannot hold its zero bytes, so an unset value stands for it. */
static const uint8_t oro_default[] = {0, 23, 0, 24};

/* A list of codes is held in wire form (dissected, or a list the spec
 * gave: list_view marks it); bytes a spec gives are Scapy's list of their
 * byte values, each written as a 16-bit code by _OptReqListField.i2m. */
static const uint8_t wire_tag[4] = {'w', 'i', 'r', 'e'};

static void codes_view(struct ps_fval *v)
{
    memcpy(v->addr + 12, wire_tag, sizeof wire_tag);
}

static bool codes_wire(const struct ps_fval *v)
{
    return v->set && memcmp(v->addr + 12, wire_tag, sizeof wire_tag) == 0;
}

/* The option's codes, optlen bytes of them, in wire form. */
static long reqopts_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                           struct ps_fval *v, struct ps_decode_room *room)
{
    (void)room;
    size_t n = l->v[O_LEN].set ? (size_t)l->v[O_LEN].u : 0;
    if (n > len - off)
        n = len - off;
    v->bytes = p + off;
    v->len = n;
    codes_view(v);
    return (long)n;
}

/* The codes v holds, in wire form, into buf (cap bytes): its own bytes,
 * the default, or a spec's bytes each made a code. Returns the length. */
static size_t codes_of(const struct ps_fval *v, const uint8_t **p, uint8_t *buf, size_t cap)
{
    if (!v->set) {
        *p = oro_default;
        return sizeof oro_default;
    }
    if (codes_wire(v) || !v->bytes) {
        *p = v->bytes;
        return v->bytes ? v->len : 0;
    }
    size_t n = 0;
    for (size_t i = 0; i < v->len && n + 2 <= cap; i++) {
        buf[n++] = 0;
        buf[n++] = v->bytes[i];
    }
    *p = buf;
    return n;
}

static long reqopts_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                           size_t cap)
{
    (void)l;
    if (v->set && !codes_wire(v) && v->bytes) {
        /* 2 bytes a given byte, written straight into out. */
        if (out && 2 * v->len > cap)
            return -1;
        for (size_t i = 0; out && i < v->len; i++) {
            out[2 * i] = 0;
            out[2 * i + 1] = v->bytes[i];
        }
        return (long)(2 * v->len);
    }
    const uint8_t *p = v->set ? v->bytes : oro_default;
    size_t n = v->set ? (v->bytes ? v->len : 0) : sizeof oro_default;
    if (out && n > cap)
        return -1;
    if (out && n)
        memcpy(out, p, n);
    return (long)n;
}

/* _OptReqListField.i2repr: option names where dhcp6opts has them; an odd
 * last byte is dropped (m2i). */
static int reqopts_repr(const struct ps_fval *v, char *out, size_t cap)
{
    uint8_t buf[512];
    const uint8_t *p;
    size_t n = codes_of(v, &p, buf, sizeof buf), at = 0;
    int k = snprintf(out, cap, "[");
    at += k > 0 ? (size_t)k : 0;
    for (size_t i = 0; i + 2 <= n; i += 2) {
        unsigned code = (unsigned)(p[i] << 8 | p[i + 1]);
        const char *name = NULL;
        for (const struct ps_enum *e = ps_dhcp6_opt_names; e->name; e++)
            if (e->value == code)
                name = e->name;
        char *o = at < cap ? out + at : NULL;
        size_t room = at < cap ? cap - at : 0;
        k = name ? snprintf(o, room, "%s%s", i ? ", " : "", name)
                 : snprintf(o, room, "%s%u", i ? ", " : "", code);
        at += k > 0 ? (size_t)k : 0;
    }
    k = snprintf(at < cap ? out + at : NULL, at < cap ? cap - at : 0, "]");
    return (int)(at + (k > 0 ? (size_t)k : 0));
}

/* FieldListField(ShortField).i2repr: the list of numbers. */
static int shorts_repr(const struct ps_fval *v, char *out, size_t cap)
{

    size_t at = 0;
    int k = snprintf(out, cap, "[");
    at += k > 0 ? (size_t)k : 0;
    for (size_t i = 0; i + 2 <= v->len; i += 2) {
        k = snprintf(at < cap ? out + at : NULL, at < cap ? cap - at : 0, "%s%u", i ? ", " : "",
                     (unsigned)(v->bytes[i] << 8 | v->bytes[i + 1]));
        at += k > 0 ? (size_t)k : 0;
    }
    k = snprintf(at < cap ? out + at : NULL, at < cap ? cap - at : 0, "]");
    return (int)(at + (k > 0 ? (size_t)k : 0));
}

/* command(): codes held in wire form as the list of numbers that gives
 * them back; a spec's bytes stay bytes. */
static long reqopts_items(const struct ps_layer *l, const struct ps_fval *v,
                          struct ps_fval *items, size_t cap)
{
    (void)l;
    if (!codes_wire(v))
        return -1;
    size_t n = 0;
    for (size_t i = 0; i + 2 <= v->len && n < cap; i += 2, n++)
        items[n] = (struct ps_fval){.set = true,
                                    .u = (uint64_t)(v->bytes[i] << 8 | v->bytes[i + 1])};
    return (long)n;
}

/* ls(pkt): the codes as numbers, [23, 24]. */
static int reqopts_pyvalue(const struct ps_fval *v, char *out, size_t cap)
{
    uint8_t buf[512];
    const uint8_t *p;
    size_t n = codes_of(v, &p, buf, sizeof buf);
    struct ps_fval codes = {.set = true, .bytes = p, .len = n};
    return shorts_repr(&codes, out, cap);
}

/* _ElapsedTimeField.i2repr: hundredths of a second. */
static int elapsed_repr(const struct ps_fval *v, char *out, size_t cap)
{
    if (v->u == 0xffff)
        return snprintf(out, cap, "infinity (0xffff)");
    return snprintf(out, cap, "%.2f sec", (double)v->u / 100.0);
}

/* --- DNS names (DNSStrField) and lists of them (DomainNameListField),
 * held as their wire form once dissected, as text when a spec gives one. --- */

/* DNSStrField.getfield: the name read from the option's own bytes (a
 * view: dns_name.h), whatever follows its end within them. */
static long dnsname_read(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                         struct ps_fval *v, int adjust)
{
    long want = l->v[O_LEN].set ? (long)l->v[O_LEN].u - adjust : 0;
    size_t n = want > 0 ? (size_t)want : 0;
    if (n > len - off)
        n = len - off;
    ps_dns_view(v, p + off, n, 0, n, n, PS_DNS_NAME);
    return (long)n;
}
static long dnsname_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                           struct ps_fval *v, struct ps_decode_room *room)
{
    (void)room;
    return dnsname_read(p, len, off, l, v, 0);
}
static long fqdn_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                        struct ps_fval *v, struct ps_decode_room *room)
{
    (void)room;
    return dnsname_read(p, len, off, l, v, 1);
}

/* DNSStrField.i2m: dns_encode(x, check_built=True); a dissected name as
 * it came. */
static long dnsname_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                           size_t cap)
{
    (void)l;
    if (ps_dns_is_view(v, NULL)) {
        if (out && v->len > cap)
            return -1;
        if (out && v->len)
            memcpy(out, v->bytes, v->len);
        return (long)v->len;
    }
    uint8_t text[PS_DNS_NAME_MAX];
    size_t n = ps_dns_name_text(v, text);
    return ps_dns_encode(text, n, out, cap);
}

/* The text Scapy holds, as a str's repr (show) or as bytes (ls). */
static int dnsname_text(const struct ps_fval *v, bool with_b, char *out, size_t cap)
{
    uint8_t text[PS_DNS_NAME_MAX];
    struct ps_fval held = *v;
    held.set = held.set || held.bytes;
    size_t n = ps_dns_name_text(&held, text);
    return ps_dns_bytes_repr(text, n, with_b, out, cap);
}
static int dnsname_repr(const struct ps_fval *v, char *out, size_t cap)
{
    return dnsname_text(v, false, out, cap);
}
static int dnsname_pyvalue(const struct ps_fval *v, char *out, size_t cap)
{
    return dnsname_text(v, true, out, cap);
}

/* DomainNameListField.i2m: each name's dot-separated pieces after their
 * lengths, then a 0 unless the name already ends with one. */
static long names_encode(const struct ps_fval *items, size_t n, uint8_t *out, size_t cap)
{
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        if (!items[i].bytes && items[i].len)
            return -1;
        const uint8_t *t = items[i].bytes;
        size_t len = items[i].len, from = 0;
        for (;;) {
            const uint8_t *dot = len > from ? memchr(t + from, '.', len - from) : NULL;
            size_t piece = dot ? (size_t)(dot - (t + from)) : len - from;
            if (piece > 255 || (out && at + 1 + piece > cap))
                return -1;
            if (out) {
                out[at] = (uint8_t)piece;
                if (piece)
                    memcpy(out + at + 1, t + from, piece);
            }
            at += 1 + piece;
            if (!dot)
                break;
            from += piece + 1;
        }
        /* The last piece's length byte, 0 when the name ended in a dot. */
        bool ends_zero = out ? out[at - 1] == 0 : (len == 0 || t[len - 1] == '.');
        if (!ends_zero) {
            if (out && at + 1 > cap)
                return -1;
            if (out)
                out[at] = 0;
            at++;
        }
    }
    return (long)at;
}

/* DomainNameListField.m2i then repr(list): ['a.example.', 'b.']. */
static int names_repr(const struct ps_fval *v, char *out, size_t cap)
{
    const uint8_t *x = v->bytes;
    size_t n = x ? v->len : 0, i = 0, at = 0, count = 0;
    int k = snprintf(out, cap, "[");
    at += k > 0 ? (size_t)k : 0;
    while (i < n) {
        uint8_t name[PS_DNS_NAME_MAX];
        size_t nl = 0;
        bool first = true;
        while (i < n && x[i] != 0) {
            size_t len = x[i], take = i + 1 + len <= n ? len : n - i - 1;
            if (!first && nl < sizeof name)
                name[nl++] = '.';
            first = false;
            for (size_t j = 0; j < take && nl < sizeof name; j++)
                name[nl++] = x[i + 1 + j];
            i += 1 + len;
        }
        if (nl < sizeof name)
            name[nl++] = '.';
        if (i < n && x[i] == 0)
            i++;
        char *o = at < cap ? out + at : NULL;
        size_t room = at < cap ? cap - at : 0;
        if (count++) {
            k = snprintf(o, room, ", ");
            at += k > 0 ? (size_t)k : 0;
            o = at < cap ? out + at : NULL;
            room = at < cap ? cap - at : 0;
        }
        k = ps_dns_bytes_repr(name, nl, false, o, room);
        at += k > 0 ? (size_t)k : 0;
    }
    k = snprintf(at < cap ? out + at : NULL, at < cap ? cap - at : 0, "]");
    return (int)(at + (k > 0 ? (size_t)k : 0));
}

/* --- Field shapes --- */

#define OPTCODE(c, cs)                                                                       \
    [O_CODE] = {.name = "optcode", .kind = PS_K_UINT, .bits = 16, .def = (c),                \
                .enums = ps_dhcp6_opt_names, .ls_type = "ShortEnumField", .ls_default = cs}
#define OPTLEN_OF(of, adj)                                                                   \
    [O_LEN] = {.name = "optlen", .kind = PS_K_UINT, .bits = 16, .is_auto = true,             \
               .length_of = of, .len_adjust = (adj), .ls_type = "FieldLenField",            \
               .ls_default = "None"}
#define OPTLEN_FIXED(d, ds)                                                                  \
    [O_LEN] = {.name = "optlen", .kind = PS_K_UINT, .bits = 16, .def = (d),                  \
               .ls_type = "ShortField", .ls_default = ds}
#define STRLEN(nm)                                                                           \
    {.name = nm, .kind = PS_K_BYTES, .def_text = "", .ls_type = "StrLenField",               \
     .ls_default = "b''"}
#define IP6LIST(nm)                                                                          \
    {.name = nm, .kind = PS_K_BYTES, .def_text = "", .ipv6_list = true,                      \
     .repr = ps_ip6_list_repr, .ls_type = "IP6ListField", .ls_default = "[]"}
#define NAMELIST(nm)                                                                         \
    {.name = nm, .kind = PS_K_BYTES, .def_text = "", .repr = names_repr,                     \
     .ls_repr = names_repr, .list_encode = names_encode, .list_what = "domain names",      \
     .ls_type = "DomainNameListField", .ls_default = "[]"}
#define DNSNAME(nm, read)                                                                    \
    {.name = nm, .kind = PS_K_BYTES, .def_text = ".", .encode = dnsname_encode,              \
     .decode = read, .repr = dnsname_repr, .ls_repr = dnsname_pyvalue,                       \
     .ls_type = "DNSStrField", .ls_default = "b'.'"}
#define DNSNAME_OF_LEN(nm) DNSNAME(nm, dnsname_decode)
#define SUBOPTS(nm)                                                                          \
    {.name = nm, .kind = PS_K_LAYERS, .sub_class = PS_DHCP6_KLASS,                           \
     .element = ps_dhcp6_suboption, .ls_type = "PacketListField", .ls_default = "[]"}
#define DUID_FIELD                                                                           \
    {.name = "duid", .kind = PS_K_LAYERS, .sub_class = "DUID", .element = ps_dhcp6_duid,     \
     .chain = true, .ls_type = "PacketLenField", .ls_default = "b''"}
#define INT_NONE(nm, hex_, type)                                                             \
    {.name = nm, .kind = PS_K_UINT, .bits = 32, .is_auto = true, .hex = (hex_),              \
     .ls_type = type, .ls_default = "None"}
#define ENTERPRISE_NONE                                                                      \
    {.name = "enterprisenum", .kind = PS_K_UINT, .bits = 32, .is_auto = true,                \
     .enums = ps_iana_enterprise_numbers, .ls_type = "IntEnumField", .ls_default = "None"}
#define BYTE(nm, d, ds)                                                                      \
    {.name = nm, .kind = PS_K_UINT, .bits = 8, .def = (d), .ls_type = "ByteField",           \
     .ls_default = ds}

static const struct ps_enum lifetimes[] = {{0xffffffff, "infinity"}, {0, NULL}};
#define LIFETIME(nm)                                                                         \
    {.name = nm, .kind = PS_K_UINT, .bits = 32, .enums = lifetimes, .ls_type = "IntEnumField", \
     .ls_default = "0"}

#define OPTION_THEN(sym, cls, longname, f, next)                                             \
    const struct ps_proto sym = {.name = cls, .long_name = longname, .klass = PS_DHCP6_KLASS, \
                                 .fields = f, .nfields = PS_NFIELDS(f),                      \
                                 .guess_payload_from = next}
#define OPTION(sym, cls, longname, f) OPTION_THEN(sym, cls, longname, f, ps_dhcp6_next_option)

/* An option of one field after its length (StrLenField, IP6ListField,
 * DomainNameListField, DNSStrField). */
#define OPTION1(sym, cls, longname, code, codes, field, fname)                               \
    static const struct ps_field fields_##sym[] = {OPTCODE(code, codes),                     \
                                                    OPTLEN_OF(fname, 0), field(fname)};      \
    OPTION(sym, cls, longname, fields_##sym)
/* An option of nothing but its header. */
#define OPTION0(sym, cls, longname, code, codes)                                             \
    static const struct ps_field fields_##sym[] = {OPTCODE(code, codes), OPTLEN_FIXED(0, "0")}; \
    OPTION(sym, cls, longname, fields_##sym)

/* --- The options --- */

static const struct ps_field unknown_fields[] = {OPTCODE(0, "0"), OPTLEN_OF("data", 0),
                                                 STRLEN("data")};
OPTION(ps_proto_dhcp6opt_unknown, "DHCP6OptUnknown", "Unknown DHCPv6 Option", unknown_fields);

static const struct ps_field clientid_fields[] = {OPTCODE(1, "1"), OPTLEN_OF("duid", 0),
                                                  DUID_FIELD};
static const struct ps_field serverid_fields[] = {OPTCODE(2, "2"), OPTLEN_OF("duid", 0),
                                                  DUID_FIELD};
OPTION(ps_proto_dhcp6opt_clientid, "DHCP6OptClientId", "DHCP6 Client Identifier Option",
       clientid_fields);
OPTION(ps_proto_dhcp6opt_serverid, "DHCP6OptServerId", "DHCP6 Server Identifier Option",
       serverid_fields);

static const struct ps_field iaaddr_fields[] = {
    OPTCODE(5, "5"), OPTLEN_OF("iaaddropts", 24),
    {.name = "addr", .kind = PS_K_IPV6, .def_text = "::", .ls_type = "IP6Field",
     .ls_default = "'::'"},
    LIFETIME("preflft"), LIFETIME("validlft"), SUBOPTS("iaaddropts"),
};
OPTION_THEN(ps_proto_dhcp6opt_iaaddress, "DHCP6OptIAAddress",
            "DHCP6 IA Address Option (IA_TA or IA_NA suboption)", iaaddr_fields, padding_next);

static const struct ps_field ia_na_fields[] = {
    OPTCODE(3, "3"), OPTLEN_OF("ianaopts", 12), INT_NONE("iaid", true, "XIntField"),
    INT_NONE("T1", false, "IntField"), INT_NONE("T2", false, "IntField"), SUBOPTS("ianaopts"),
};
OPTION(ps_proto_dhcp6opt_ia_na, "DHCP6OptIA_NA",
       "DHCP6 Identity Association for Non-temporary Addresses Option", ia_na_fields);

static const struct ps_field ia_ta_fields[] = {
    OPTCODE(4, "4"), OPTLEN_OF("iataopts", 4), INT_NONE("iaid", true, "XIntField"),
    SUBOPTS("iataopts"),
};
OPTION(ps_proto_dhcp6opt_ia_ta, "DHCP6OptIA_TA",
       "DHCP6 Identity Association for Temporary Addresses Option", ia_ta_fields);

#define REQOPTS                                                                              \
    {.name = "reqopts", .kind = PS_K_BYTES, .encode = reqopts_encode, .repr = reqopts_repr,  \
     .decode = reqopts_decode, .ls_repr = reqopts_pyvalue, .list_view = codes_view,          \
     .list_encode = shorts_encode, .list_items = reqopts_items,                              \
     .list_what = "option codes",                                                            \
     .ls_type = "_OptReqListField", .ls_default = "[23, 24]"}
static const struct ps_field optreq_fields[] = {OPTCODE(6, "6"), OPTLEN_OF("reqopts", 0),
                                                REQOPTS};
OPTION(ps_proto_dhcp6opt_optreq, "DHCP6OptOptReq", "DHCP6 Option Request Option",
       optreq_fields);

static const struct ps_field pref_fields[] = {OPTCODE(7, "7"), OPTLEN_FIXED(1, "1"),
                                              BYTE("prefval", 255, "255")};
OPTION(ps_proto_dhcp6opt_pref, "DHCP6OptPref", "DHCP6 Preference Option", pref_fields);

static const struct ps_field elapsed_fields[] = {
    OPTCODE(8, "8"), OPTLEN_FIXED(2, "2"),
    {.name = "elapsedtime", .kind = PS_K_UINT, .bits = 16, .repr = elapsed_repr,
     .ls_type = "_ElapsedTimeField", .ls_default = "0"},
};
OPTION(ps_proto_dhcp6opt_elapsedtime, "DHCP6OptElapsedTime", "DHCP6 Elapsed Time Option",
       elapsed_fields);

static const struct ps_field relaymsg_fields[] = {
    OPTCODE(9, "9"), OPTLEN_OF("message", 0),
    {.name = "message", .kind = PS_K_LAYERS, .sub_class = PS_DHCP6_KLASS,
     .element = ps_dhcp6_message, .chain = true, .def_sub = "DHCP6",
     .ls_type = "PacketLenField", .ls_default = "<DHCP6  |>"},
};
OPTION(ps_proto_dhcp6opt_relaymsg, "DHCP6OptRelayMsg", "DHCP6 Relay Message Option",
       relaymsg_fields);

static const struct ps_enum auth_protos[] = {
    {0, "configuration token"}, {1, "delayed authentication"},
    {2, "delayed authentication (obsolete)"}, {3, "reconfigure key"}, {0, NULL},
};
static const struct ps_enum auth_algs[] = {{0, "configuration token"}, {1, "HMAC-MD5"},
                                           {0, NULL}};
static const struct ps_enum auth_rdms[] = {{0, "use of a monotonically increasing value"},
                                           {0, NULL}};
static const struct ps_field auth_fields[] = {
    OPTCODE(11, "11"), OPTLEN_OF("authinfo", 11),
    {.name = "proto", .kind = PS_K_UINT, .bits = 8, .def = 3, .enums = auth_protos,
     .ls_type = "ByteEnumField", .ls_default = "3"},
    {.name = "alg", .kind = PS_K_UINT, .bits = 8, .def = 1, .enums = auth_algs,
     .ls_type = "ByteEnumField", .ls_default = "1"},
    {.name = "rdm", .kind = PS_K_UINT, .bits = 8, .def = 0, .enums = auth_rdms,
     .ls_type = "ByteEnumField", .ls_default = "0"},
    {.name = "replay", .kind = PS_K_BYTES, .bits = 64, .def_text = "",
     .ls_type = "StrFixedLenField", .ls_default = "b'\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00'"},
    STRLEN("authinfo"),
};
OPTION(ps_proto_dhcp6opt_auth, "DHCP6OptAuth", "DHCP6 Option - Authentication", auth_fields);

static const struct ps_field unicast_fields[] = {
    OPTCODE(12, "12"), OPTLEN_FIXED(16, "16"),
    {.name = "srvaddr", .kind = PS_K_IPV6, .def_text = "::", .ls_type = "_SrvAddrField",
     .ls_default = "None"},
};
OPTION(ps_proto_dhcp6opt_serverunicast, "DHCP6OptServerUnicast", "DHCP6 Server Unicast Option",
       unicast_fields);

static const struct ps_enum statuscodes[] = {
    {0, "Success"}, {1, "UnspecFail"}, {2, "NoAddrsAvail"}, {3, "NoBinding"},
    {4, "NotOnLink"}, {5, "UseMulticast"}, {6, "NoPrefixAvail"}, {0, NULL},
};
static const struct ps_field status_fields[] = {
    OPTCODE(13, "13"), OPTLEN_OF("statusmsg", 2),
    {.name = "statuscode", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
     .enums = statuscodes, .ls_type = "ShortEnumField", .ls_default = "None"},
    STRLEN("statusmsg"),
};
OPTION(ps_proto_dhcp6opt_statuscode, "DHCP6OptStatusCode", "DHCP6 Status Code Option",
       status_fields);

OPTION0(ps_proto_dhcp6opt_rapidcommit, "DHCP6OptRapidCommit", "DHCP6 Rapid Commit Option", 14,
        "14");

/* USER_CLASS_DATA, VENDOR_CLASS_DATA, VENDOR_SPECIFIC_OPTION: the
 * elements of the class and vendor lists. */
enum { D_LEN, D_DATA };
static const struct ps_field class_data_fields[] = {
    [D_LEN] = {.name = "len", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
               .length_of = "data", .ls_type = "FieldLenField", .ls_default = "None"},
    [D_DATA] = STRLEN("data"),
};
const struct ps_proto ps_proto_dhcp6_user_class_data = {
    .name = "USER_CLASS_DATA", .long_name = "user class data", .klass = "USER_CLASS_DATA",
    .fields = class_data_fields, .nfields = PS_NFIELDS(class_data_fields),
    .guess_payload_from = padding_next};
const struct ps_proto ps_proto_dhcp6_vendor_class_data = {
    .name = "VENDOR_CLASS_DATA", .long_name = "vendor class data", .klass = "VENDOR_CLASS_DATA",
    .fields = class_data_fields, .nfields = PS_NFIELDS(class_data_fields),
    .guess_payload_from = padding_next};
static const struct ps_field vendor_opt_fields[] = {
    {.name = "optcode", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
     .ls_type = "ShortField", .ls_default = "None"},
    {.name = "optlen", .kind = PS_K_UINT, .bits = 16, .is_auto = true, .length_of = "optdata",
     .ls_type = "FieldLenField", .ls_default = "None"},
    STRLEN("optdata"),
};
const struct ps_proto ps_proto_dhcp6_vendor_specific_option = {
    .name = "VENDOR_SPECIFIC_OPTION", .long_name = "vendor specific option data",
    .klass = "VENDOR_SPECIFIC_OPTION", .fields = vendor_opt_fields,
    .nfields = PS_NFIELDS(vendor_opt_fields), .guess_payload_from = padding_next};

#define DATA_LIST(nm, cls, type)                                                             \
    {.name = nm, .kind = PS_K_LAYERS, .sub_class = cls, .ls_type = type, .ls_default = "[]"}

static const struct ps_field userclass_fields[] = {
    OPTCODE(15, "15"), OPTLEN_OF("userclassdata", 0),
    DATA_LIST("userclassdata", "USER_CLASS_DATA", "_UserClassDataField"),
};
OPTION(ps_proto_dhcp6opt_userclass, "DHCP6OptUserClass", "DHCP6 User Class Option",
       userclass_fields);

static const struct ps_field vendorclass_fields[] = {
    OPTCODE(16, "16"), OPTLEN_OF("vcdata", 4), ENTERPRISE_NONE,
    DATA_LIST("vcdata", "VENDOR_CLASS_DATA", "_VendorClassDataField"),
};
OPTION(ps_proto_dhcp6opt_vendorclass, "DHCP6OptVendorClass", "DHCP6 Vendor Class Option",
       vendorclass_fields);

static const struct ps_field vendorinfo_fields[] = {
    OPTCODE(17, "17"), OPTLEN_OF("vso", 4), ENTERPRISE_NONE,
    DATA_LIST("vso", "VENDOR_SPECIFIC_OPTION", "_VendorClassDataField"),
};
OPTION(ps_proto_dhcp6opt_vendorspecificinfo, "DHCP6OptVendorSpecificInfo",
       "DHCP6 Vendor-specific Information Option", vendorinfo_fields);

OPTION1(ps_proto_dhcp6opt_ifaceid, "DHCP6OptIfaceId", "DHCP6 Interface-Id Option", 18, "18",
        STRLEN, "ifaceid");

static const struct ps_enum reconf_types[] = {{5, "Renew Message"}, {11, "Information Request"},
                                              {0, NULL}};
static const struct ps_field reconfmsg_fields[] = {
    OPTCODE(19, "19"), OPTLEN_FIXED(1, "1"),
    {.name = "msgtype", .kind = PS_K_UINT, .bits = 8, .def = 11, .enums = reconf_types,
     .ls_type = "ByteEnumField", .ls_default = "11"},
};
OPTION(ps_proto_dhcp6opt_reconfmsg, "DHCP6OptReconfMsg", "DHCP6 Reconfigure Message Option",
       reconfmsg_fields);
OPTION0(ps_proto_dhcp6opt_reconfaccept, "DHCP6OptReconfAccept",
        "DHCP6 Reconfigure Accept Option", 20, "20");

OPTION1(ps_proto_dhcp6opt_sipdomains, "DHCP6OptSIPDomains",
        "DHCP6 Option - SIP Servers Domain Name List", 21, "21", NAMELIST, "sipdomains");
OPTION1(ps_proto_dhcp6opt_sipservers, "DHCP6OptSIPServers",
        "DHCP6 Option - SIP Servers IPv6 Address List", 22, "22", IP6LIST, "sipservers");
OPTION1(ps_proto_dhcp6opt_dnsservers, "DHCP6OptDNSServers",
        "DHCP6 Option - DNS Recursive Name Server", 23, "23", IP6LIST, "dnsservers");
OPTION1(ps_proto_dhcp6opt_dnsdomains, "DHCP6OptDNSDomains",
        "DHCP6 Option - Domain Search List option", 24, "24", NAMELIST, "dnsdomains");

static const struct ps_field ia_pd_fields[] = {
    OPTCODE(25, "25"), OPTLEN_OF("iapdopt", 12), INT_NONE("iaid", true, "XIntField"),
    INT_NONE("T1", false, "IntField"), INT_NONE("T2", false, "IntField"), SUBOPTS("iapdopt"),
};
OPTION(ps_proto_dhcp6opt_ia_pd, "DHCP6OptIA_PD",
       "DHCP6 Option - Identity Association for Prefix Delegation", ia_pd_fields);

static const struct ps_field iaprefix_fields[] = {
    OPTCODE(26, "26"), OPTLEN_OF("iaprefopts", 25), LIFETIME("preflft"), LIFETIME("validlft"),
    BYTE("plen", 48, "48"),
    {.name = "prefix", .kind = PS_K_IPV6, .def_text = "2001:db8::", .ls_type = "IP6Field",
     .ls_default = "'2001:db8::'"},
    SUBOPTS("iaprefopts"),
};
OPTION_THEN(ps_proto_dhcp6opt_iaprefix, "DHCP6OptIAPrefix", "DHCP6 Option - IA Prefix option",
            iaprefix_fields, padding_next);

OPTION1(ps_proto_dhcp6opt_nisservers, "DHCP6OptNISServers", "DHCP6 Option - NIS Servers", 27,
        "27", IP6LIST, "nisservers");
OPTION1(ps_proto_dhcp6opt_nispservers, "DHCP6OptNISPServers", "DHCP6 Option - NIS+ Servers",
        28, "28", IP6LIST, "nispservers");
OPTION1(ps_proto_dhcp6opt_nisdomain, "DHCP6OptNISDomain", "DHCP6 Option - NIS Domain Name", 29,
        "29", DNSNAME_OF_LEN, "nisdomain");
OPTION1(ps_proto_dhcp6opt_nispdomain, "DHCP6OptNISPDomain", "DHCP6 Option - NIS+ Domain Name",
        30, "30", DNSNAME_OF_LEN, "nispdomain");
OPTION1(ps_proto_dhcp6opt_sntpservers, "DHCP6OptSNTPServers", "DHCP6 option - SNTP Servers",
        31, "31", IP6LIST, "sntpservers");

static const struct ps_field refresh_fields[] = {
    OPTCODE(32, "32"), OPTLEN_FIXED(4, "4"),
    {.name = "reftime", .kind = PS_K_UINT, .bits = 32, .def = 86400, .ls_type = "IntField",
     .ls_default = "86400"},
};
OPTION(ps_proto_dhcp6opt_inforefreshtime, "DHCP6OptInfoRefreshTime",
       "DHCP6 Option - Information Refresh Time", refresh_fields);

OPTION1(ps_proto_dhcp6opt_bcmcsdomains, "DHCP6OptBCMCSDomains",
        "DHCP6 Option - BCMCS Domain Name List", 33, "33", NAMELIST, "bcmcsdomains");
OPTION1(ps_proto_dhcp6opt_bcmcsservers, "DHCP6OptBCMCSServers",
        "DHCP6 Option - BCMCS Addresses List", 34, "34", IP6LIST, "bcmcsservers");

static const struct ps_field remoteid_fields[] = {
    OPTCODE(37, "37"), OPTLEN_OF("remoteid", 4), ENTERPRISE_NONE, STRLEN("remoteid"),
};
OPTION(ps_proto_dhcp6opt_remoteid, "DHCP6OptRemoteID", "DHCP6 Option - Relay Agent Remote-ID",
       remoteid_fields);
OPTION1(ps_proto_dhcp6opt_subscriberid, "DHCP6OptSubscriberID", "DHCP6 Option - Subscriber ID",
        38, "38", STRLEN, "subscriberid");

static const char *const fqdn_flags[] = {"S", "O", "N", NULL};
static const struct ps_field fqdn_fields[] = {
    OPTCODE(39, "39"), OPTLEN_OF("fqdn", 1),
    {.name = "res", .kind = PS_K_UINT, .bits = 5, .ls_type = "BitField  (5 bits)",
     .ls_default = "0"},
    {.name = "flags", .kind = PS_K_UINT, .bits = 3, .flags = fqdn_flags,
     .ls_type = "FlagsField", .ls_default = "<Flag 0 ()>"},
    DNSNAME("fqdn", fqdn_decode),
};
OPTION(ps_proto_dhcp6opt_clientfqdn, "DHCP6OptClientFQDN", "DHCP6 Option - Client FQDN",
       fqdn_fields);

OPTION1(ps_proto_dhcp6opt_panaauthagent, "DHCP6OptPanaAuthAgent",
        "DHCP6 PANA Authentication Agent Option", 40, "40", IP6LIST, "paaaddr");
OPTION1(ps_proto_dhcp6opt_newposixtimezone, "DHCP6OptNewPOSIXTimeZone",
        "DHCP6 POSIX Timezone Option", 41, "41", STRLEN, "optdata");
OPTION1(ps_proto_dhcp6opt_newtzdbtimezone, "DHCP6OptNewTZDBTimeZone",
        "DHCP6 TZDB Timezone Option", 42, "42", STRLEN, "optdata");

static const struct ps_field ero_fields[] = {OPTCODE(43, "43"), OPTLEN_OF("reqopts", 0),
                                             REQOPTS};
OPTION(ps_proto_dhcp6opt_relayagentero, "DHCP6OptRelayAgentERO",
       "DHCP6 Option - RelayRequest Option", ero_fields);

OPTION1(ps_proto_dhcp6opt_lqclientlink, "DHCP6OptLQClientLink", "DHCP6 Client Link Option", 48,
        "48", IP6LIST, "linkaddress");
OPTION1(ps_proto_dhcp6opt_bootfileurl, "DHCP6OptBootFileUrl", "DHCP6 Boot File URL Option", 59,
        "59", STRLEN, "optdata");

static const struct ps_field archtype_fields[] = {
    OPTCODE(61, "61"), OPTLEN_OF("archtypes", 0),
    {.name = "archtypes", .kind = PS_K_BYTES, .def_text = "", .repr = shorts_repr,
     .ls_repr = shorts_repr,
     .list_encode = shorts_encode, .list_what = "numbers", .ls_type = "FieldListField",
     .ls_default = "[]"},
};
OPTION(ps_proto_dhcp6opt_clientarchtype, "DHCP6OptClientArchType",
       "DHCP6 Client System Architecture Type Option", archtype_fields);

static const struct ps_field nii_fields[] = {
    OPTCODE(62, "62"), OPTLEN_FIXED(3, "3"), BYTE("iitype", 0, "0"), BYTE("iimajor", 0, "0"),
    BYTE("iiminor", 0, "0"),
};
OPTION(ps_proto_dhcp6opt_clientnetworkinterid, "DHCP6OptClientNetworkInterId",
       "DHCP6 Client Network Interface Identifier Option", nii_fields);

OPTION1(ps_proto_dhcp6opt_erpdomain, "DHCP6OptERPDomain", "DHCP6 Option - ERP Domain Name List",
        65, "65", NAMELIST, "erpdomain");

static const struct ps_field relaysupplied_fields[] = {
    OPTCODE(66, "66"), OPTLEN_OF("relaysupplied", 0), SUBOPTS("relaysupplied"),
};
OPTION(ps_proto_dhcp6opt_relaysuppliedopt, "DHCP6OptRelaySuppliedOpt",
       "DHCP6 Relay-Supplied Options Option", relaysupplied_fields);

/* DHCP6OptVSS: optlen counts the type byte, yet Scapy reads optlen bytes
 * of data after it (its length_from), and so does this when dissecting. */
static long vss_data_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                            struct ps_fval *v, struct ps_decode_room *room)
{
    (void)room;
    size_t n = l->v[O_LEN].set ? (size_t)l->v[O_LEN].u : 0;
    if (n > len - off)
        n = len - off;
    v->bytes = p + off;
    v->len = n;
    return (long)n;
}
static const struct ps_field vss_fields[] = {
    OPTCODE(68, "68"), OPTLEN_OF("data", 1), BYTE("type", 255, "255"),
    {.name = "data", .kind = PS_K_BYTES, .def_text = "", .decode = vss_data_decode,
     .ls_type = "StrLenField", .ls_default = "b''"},
};
OPTION(ps_proto_dhcp6opt_vss, "DHCP6OptVSS", "DHCP6 Option - Virtual Subnet Selection",
       vss_fields);

static const struct ps_field clladdr_fields[] = {
    OPTCODE(79, "79"), OPTLEN_OF("clladdr", 2),
    {.name = "lltype", .kind = PS_K_UINT, .bits = 16, .def = 1, .ls_type = "ShortField",
     .ls_default = "1"},
    {.name = "clladdr", .kind = PS_K_MAC, .def_text = "00:00:00:00:00:00",
     .ls_type = "_LLAddrField", .ls_default = "'00:00:00:00:00:00'"},
};
OPTION(ps_proto_dhcp6opt_clientlinklayeraddr, "DHCP6OptClientLinkLayerAddr",
       "DHCP6 Option - Client Link Layer address", clladdr_fields);

OPTION1(ps_proto_dhcp6opt_mudurl, "DHCP6OptMudUrl", "DHCP6 Option - MUD URL", 112, "112",
        STRLEN, "mudstring");
