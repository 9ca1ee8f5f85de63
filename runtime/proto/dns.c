/* DNS (scapy/layers/dns.py DNS, DNSQR, DNSRR, DNSRRMX, DNSRRSOA,
 * DNSRRSRV, EDNS0's DNSRROPT, and DNSSEC's DNSRRDS, DNSRRDNSKEY, DNSRRRSIG,
 * DNSRRNSEC, DNSRRNSEC3, DNSRRNSEC3PARAM): the header, its length prefix
 * over TCP, the record counts,
 * the records as lists of layers, DNSRR.rdata by the record type, and the
 * dissection of the records as Scapy's DNSRRField does it. Names are in
 * dns_name.c. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "addr.h"
#include "frame.h"
#include "packet.h"
#include "field_text.h"
#include "dns_edns.h"
#include "dns_name.h"
#include "protos.h"

/* dnstypes */
#define DNS_TYPES                                                                           \
    {0, "ANY"}, {1, "A"}, {2, "NS"}, {3, "MD"}, {4, "MF"}, {5, "CNAME"}, {6, "SOA"},       \
    {7, "MB"}, {8, "MG"}, {9, "MR"}, {10, "NULL"}, {11, "WKS"}, {12, "PTR"}, {13, "HINFO"}, \
    {14, "MINFO"}, {15, "MX"}, {16, "TXT"}, {17, "RP"}, {18, "AFSDB"}, {19, "X25"},         \
    {20, "ISDN"}, {21, "RT"}, {22, "NSAP"}, {23, "NSAP-PTR"}, {24, "SIG"}, {25, "KEY"},     \
    {26, "PX"}, {27, "GPOS"}, {28, "AAAA"}, {29, "LOC"}, {30, "NXT"}, {31, "EID"},          \
    {32, "NIMLOC"}, {33, "SRV"}, {34, "ATMA"}, {35, "NAPTR"}, {36, "KX"}, {37, "CERT"},     \
    {38, "A6"}, {39, "DNAME"}, {40, "SINK"}, {41, "OPT"}, {42, "APL"}, {43, "DS"},          \
    {44, "SSHFP"}, {45, "IPSECKEY"}, {46, "RRSIG"}, {47, "NSEC"}, {48, "DNSKEY"},           \
    {49, "DHCID"}, {50, "NSEC3"}, {51, "NSEC3PARAM"}, {52, "TLSA"}, {53, "SMIMEA"},         \
    {55, "HIP"}, {56, "NINFO"}, {57, "RKEY"}, {58, "TALINK"}, {59, "CDS"}, {60, "CDNSKEY"}, \
    {61, "OPENPGPKEY"}, {62, "CSYNC"}, {63, "ZONEMD"}, {64, "SVCB"}, {65, "HTTPS"},         \
    {99, "SPF"}, {100, "UINFO"}, {101, "UID"}, {102, "GID"}, {103, "UNSPEC"}, {104, "NID"}, \
    {105, "L32"}, {106, "L64"}, {107, "LP"}, {108, "EUI48"}, {109, "EUI64"}, {249, "TKEY"}, \
    {250, "TSIG"}, {256, "URI"}, {257, "CAA"}, {258, "AVC"}, {259, "DOA"},                 \
    {260, "AMTRELAY"}, {32768, "TA"}, {32769, "DLV"}, {65535, "RESERVED"}

static const struct ps_enum types[] = {DNS_TYPES, {0, NULL}};

/* dnsqtypes: dnstypes and the types only a question asks for. */
static const struct ps_enum qtypes[] = {
    DNS_TYPES, {251, "IXFR"}, {252, "AXFR"}, {253, "MAILB"}, {254, "MAILA"}, {255, "ALL"},
    {0, NULL},
};

static const struct ps_enum classes[] = {
    {1, "IN"}, {2, "CS"}, {3, "CH"}, {4, "HS"}, {255, "ANY"}, {0, NULL},
};

static const struct ps_enum opcodes[] = {
    {0, "QUERY"}, {1, "IQUERY"}, {2, "STATUS"}, {0, NULL},
};

static const struct ps_enum rcodes[] = {
    {0, "ok"}, {1, "format-error"}, {2, "server-failure"}, {3, "name-error"},
    {4, "not-implemented"}, {5, "refused"}, {0, NULL},
};

/* ------------------------------------------------------------- names */

/* The value of an unset name field of l: its table default. */
static struct ps_fval name_default(const struct ps_layer *l, const struct ps_fval *v)
{
    struct ps_fval d = {.set = true};
    for (size_t i = 0; i < l->proto->nfields; i++)
        if (&l->v[i] == v && l->proto->fields[i].def_text) {
            d.bytes = (const uint8_t *)l->proto->fields[i].def_text;
            d.len = strlen(l->proto->fields[i].def_text);
        }
    return d;
}

static long put_raw(const uint8_t *p, size_t n, uint8_t *out, size_t cap);

/* A dissected name goes back as it came, pointers and all: Scapy too
 * sends a dissected layer's own bytes until a field of it is changed. A
 * name the spec gave is encoded. */
static long name_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                        size_t cap)
{
    if (ps_dns_is_view(v, NULL))
        return put_raw(v->bytes, v->len, out, cap);
    uint8_t text[PS_DNS_NAME_MAX];
    struct ps_fval dflt = name_default(l, v);
    size_t n = ps_dns_name_text(v->set ? v : &dflt, text);
    return ps_dns_encode(text, n, out, cap);
}

/* DNSStrField.i2repr: the text, as Python shows a str. */
static int name_repr(const struct ps_fval *v, char *out, size_t cap)
{
    uint8_t text[PS_DNS_NAME_MAX];
    /* An unset element's value holds its table default (DNSQR's qname is
     * www.example.com.), which is what Scapy shows. */
    struct ps_fval dflt = *v;
    dflt.set = dflt.set || dflt.bytes;
    size_t n = ps_dns_name_text(&dflt, text);
    return ps_dns_bytes_repr(text, n, false, out, cap);
}

/* Bytes into out from buf (cut to cap). */
static enum ps_kind bytes_value(const uint8_t *p, size_t n, struct ps_fval *out, uint8_t *buf,
                                size_t cap)
{
    memset(out, 0, sizeof *out);
    out->set = true;
    out->len = n < cap ? n : cap;
    if (out->len && p != buf)
        memmove(buf, p, out->len);
    out->bytes = buf;
    return PS_K_BYTES;
}

/* A name's text, pointers followed (as Scapy's m2i gives it); unset, the
 * field's default. The root, which Scapy dissects in rdata as b'' and a
 * spec can only give as "." (h2i), is "." either way. */
static enum ps_kind name_text_value(const struct ps_fval *v, const char *dflt,
                                    struct ps_fval *out, uint8_t *buf, size_t cap)
{
    uint8_t text[PS_DNS_NAME_MAX];
    struct ps_fval d = {.set = true, .bytes = (const uint8_t *)(dflt ? dflt : "."),
                        .len = strlen(dflt ? dflt : ".")};
    size_t n = ps_dns_name_text(v->set ? v : &d, text);
    if (n == 0)
        text[n++] = '.';
    return bytes_value(text, n, out, buf, cap);
}

static enum ps_kind name_value(const struct ps_layer *l, size_t fi, const struct ps_fval *v,
                               struct ps_fval *out, uint8_t *buf, size_t cap)
{
    return name_text_value(v, l->proto->fields[fi].def_text, out, buf, cap);
}

#define NAME(n, d, d_s)                                                                    \
    {.name = n, .kind = PS_K_BYTES, .def_text = d, .encode = name_encode,                 \
     .value_of = name_value, .repr = name_repr, .ls_type = "DNSStrField", .ls_default = d_s}

/* ------------------------------------------------------------- rdata */

enum { R_RRNAME, R_TYPE, R_RCLASS, R_TTL, R_RDLEN, R_RDATA };

static bool is_name_type(uint64_t type)
{
    return type == 2 || type == 3 || type == 4 || type == 5 || type == 12;
}

/* DNSTextField.i2m of one string: 255-byte pieces, each after its length. */
static long text_encode(const uint8_t *p, size_t n, uint8_t *out, size_t cap)
{
    size_t at = 0;
    while (n) {
        size_t k = n >= 255 ? 255 : n;
        if (out && at + 1 + k > cap)
            return -1;
        if (out) {
            out[at] = (uint8_t)k;
            memcpy(out + at + 1, p, k);
        }
        at += 1 + k;
        p += k;
        n -= k;
    }
    return (long)at;
}

/* DNSTextField.i2m of a list: each string as text_encode writes it. */
static long text_list_encode(const struct ps_fval *items, size_t n, uint8_t *out, size_t cap)
{
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        if (!items[i].bytes)
            return -1; /* a number: no string */
        long k = text_encode(items[i].bytes, items[i].len, out ? out + at : NULL,
                             out ? cap - at : 0);
        if (k < 0)
            return -1;
        at += (size_t)k;
    }
    return (long)at;
}

/* A TXT record's strings given as a list are held as a dissected record's
 * are: their wire form, as a view (printed, compared and written back as
 * the character-strings they are). */
static void text_list_view(struct ps_fval *v)
{
    ps_dns_view(v, v->bytes, v->len, 0, v->len, v->len, PS_DNS_TEXT);
}

static long put_raw(const uint8_t *p, size_t n, uint8_t *out, size_t cap)
{
    if (out && n > cap)
        return -1;
    if (out && n)
        memcpy(out, p, n);
    return (long)n;
}

/* DNSRR.rdata, a MultipleTypeField: an IPField for A, an IP6Field for
 * AAAA, a DNSStrField for NS, MD, MF, CNAME, PTR, a DNSTextField for TXT,
 * bytes for the rest. A dissected value is written back as it was read. */
static long rdata_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                         size_t cap)
{
    uint64_t type = ps_layer_uint(l, R_TYPE);
    uint8_t addr[16];
    char text[64];
    if (ps_dns_is_view(v, NULL))
        return put_raw(v->bytes, v->len, out, cap);
    if (is_name_type(type)) {
        uint8_t name[PS_DNS_NAME_MAX];
        struct ps_fval root = {.set = true};
        size_t n = ps_dns_name_text(v->set ? v : &root, name);
        return ps_dns_encode(name, n, out, cap);
    }
    const uint8_t *p = v->set && v->bytes ? v->bytes : (const uint8_t *)"";
    size_t n = v->set ? v->len : 0;
    if (type == 1 || type == 28) {
        /* The default is 0.0.0.0 or ::; a text that is no address is
         * written as it is. */
        size_t size = type == 1 ? 4 : 16;
        memset(addr, 0, sizeof addr);
        if (v->set && n < sizeof text) {
            memcpy(text, p, n);
            text[n] = '\0';
            bool ok = type == 1 ? ps_parse_ip4(text, addr) : ps_parse_ip6(text, addr);
            if (!ok)
                return put_raw(p, n, out, cap);
        } else if (v->set) {
            return put_raw(p, n, out, cap);
        }
        return put_raw(addr, size, out, cap);
    }
    if (type == 16)
        return text_encode(p, n, out, cap);
    return put_raw(p, n, out, cap);
}

static bool rdata_given_form(const struct ps_layer *l, const struct ps_fval *v,
                             struct ps_fval *out, uint8_t *buf, size_t cap);

/* rdata's value by the record type, as Scapy's MultipleTypeField holds it:
 * the address of an A or AAAA record, the text of a name, other types'
 * bytes. A TXT record's character-strings are the one string a spec gives
 * for them when there is one (rdata_given_form), else their wire form,
 * which a spec may give as bytes. */
static enum ps_kind rdata_value(const struct ps_layer *l, size_t fi, const struct ps_fval *v,
                                struct ps_fval *out, uint8_t *buf, size_t cap)
{
    (void)fi;
    uint64_t type = ps_layer_uint(l, R_TYPE);
    enum ps_dns_shape shape;
    memset(out, 0, sizeof *out);
    out->set = true;
    if (ps_dns_is_view(v, &shape)) {
        if ((shape == PS_DNS_IPV4 && v->len >= 4) || (shape == PS_DNS_IPV6 && v->len >= 16)) {
            memcpy(out->addr, v->bytes, shape == PS_DNS_IPV4 ? 4 : 16);
            return shape == PS_DNS_IPV4 ? PS_K_IPV4 : PS_K_IPV6;
        }
        if (shape == PS_DNS_NAME || shape == PS_DNS_QNAME)
            return name_text_value(v, ".", out, buf, cap);
        if (shape == PS_DNS_TEXT && rdata_given_form(l, v, out, buf, cap))
            return PS_K_BYTES;
        return bytes_value(v->bytes, v->len, out, buf, cap);
    }
    const uint8_t *p = v->set && v->bytes ? v->bytes : (const uint8_t *)"";
    size_t n = v->set ? v->len : 0;
    if (type == 1 || type == 28) {
        char text[64];
        bool ok = !v->set;
        if (v->set && n < sizeof text) {
            memcpy(text, p, n);
            text[n] = '\0';
            ok = type == 1 ? ps_parse_ip4(text, out->addr) : ps_parse_ip6(text, out->addr);
        }
        if (ok)
            return type == 1 ? PS_K_IPV4 : PS_K_IPV6;
        return bytes_value(p, n, out, buf, cap);
    }
    if (is_name_type(type))
        return name_text_value(v, ".", out, buf, cap);
    return bytes_value(p, n, out, buf, cap);
}

/* command(): a TXT record's character-strings as the one string a spec
 * gives, when writing that string back (cut in 255-byte pieces) gives the
 * same bytes: every piece but the last is full. */
static bool rdata_given_form(const struct ps_layer *l, const struct ps_fval *v,
                             struct ps_fval *out, uint8_t *buf, size_t cap)
{
    if (ps_layer_uint(l, R_TYPE) != 16 || !ps_dns_is_view(v, NULL))
        return false;
    size_t n = 0;
    for (size_t i = 0; i < v->len;) {
        size_t len = v->bytes[i];
        bool last = i + 1 + len == v->len;
        if (i + 1 + len > v->len || n + len > cap || len == 0 || (!last && len != 255))
            return false;
        memcpy(buf + n, v->bytes + i + 1, len);
        n += len;
        i += 1 + len;
    }
    memset(out, 0, sizeof *out);
    out->set = true;
    out->bytes = buf;
    out->len = n;
    return true;
}

/* command(): a TXT record's character-strings as the list a spec gives;
 * -1 when a length byte runs past the bytes (they print as bytes). */
static long rdata_list_items(const struct ps_layer *l, const struct ps_fval *v,
                             struct ps_fval *items, size_t cap)
{
    enum ps_dns_shape shape;
    if (ps_layer_uint(l, R_TYPE) != 16 || !ps_dns_is_view(v, &shape) || shape != PS_DNS_TEXT)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < v->len; n++) {
        size_t len = v->bytes[i];
        if (i + 1 + len > v->len || n == cap)
            return -1;
        memset(&items[n], 0, sizeof items[n]);
        items[n].set = true;
        items[n].bytes = v->bytes + i + 1;
        items[n].len = len;
        i += 1 + len;
    }
    return (long)n;
}

/* The i2repr of each shape: an address bare, TXT strings as a list of
 * bytes, names and other bytes as a str. */
static int rdata_repr(const struct ps_fval *v, char *out, size_t cap)
{
    enum ps_dns_shape shape;
    char text[64];
    if (ps_dns_is_view(v, &shape) && shape == PS_DNS_RAW) {
        /* StrLenField.i2repr: as Raw's load prints. */
        static const struct ps_field str_field = {.kind = PS_K_BYTES};
        return ps_format_value(&str_field, v, out, cap);
    }
    if (!ps_dns_is_view(v, &shape) || shape == PS_DNS_NAME || shape == PS_DNS_QNAME)
        return ps_dns_is_view(v, NULL) ? name_repr(v, out, cap)
                                       : ps_dns_bytes_repr(v->bytes, v->len, false, out, cap);
    if (shape == PS_DNS_IPV4 && v->len >= 4) {
        ps_format_ip4(v->bytes, text);
        return snprintf(out, cap, "%s", text);
    }
    if (shape == PS_DNS_IPV6 && v->len >= 16) {
        ps_format_ip6(v->bytes, text);
        return snprintf(out, cap, "%s", text);
    }
    /* DNSTextField.m2i: character-strings, each cut to what is there. */
    size_t n = 0;
    int k = snprintf(out, cap, "[");
    n += k > 0 ? (size_t)k : 0;
    for (size_t i = 0; i < v->len;) {
        size_t len = v->bytes[i], take = len < v->len - i - 1 ? len : v->len - i - 1;
        k = snprintf(n < cap ? out + n : NULL, n < cap ? cap - n : 0, "%s", i ? ", " : "");
        n += k > 0 ? (size_t)k : 0;
        k = ps_dns_bytes_repr(v->bytes + i + 1, take, true, n < cap ? out + n : NULL,
                              n < cap ? cap - n : 0);
        n += k > 0 ? (size_t)k : 0;
        i += 1 + len;
    }
    k = snprintf(n < cap ? out + n : NULL, n < cap ? cap - n : 0, "]");
    return (int)(n + (k > 0 ? (size_t)k : 0));
}

/* ----------------------------------------------------------- records */

#define RR_HEAD(type, type_s)                                                               \
    [R_RRNAME] = NAME("rrname", ".", "b'.'"),                                               \
    [R_TYPE] = {.name = "type", .kind = PS_K_UINT, .bits = 16, .def = (type),              \
                .enums = types, .ls_type = "ShortEnumField", .ls_default = type_s},         \
    [R_RCLASS] = {.name = "rclass", .kind = PS_K_UINT, .bits = 16, .def = 1,               \
                  .enums = classes, .ls_type = "ShortEnumField", .ls_default = "1"},        \
    [R_TTL] = {.name = "ttl", .kind = PS_K_UINT, .bits = 32, .ls_type = "IntField",       \
               .ls_default = "0"}

static const struct ps_field rr_fields[] = {
    RR_HEAD(1, "1"),
    [R_RDLEN] = {.name = "rdlen", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
                 .length_of = "rdata", .ls_type = "FieldLenField", .ls_default = "None"},
    [R_RDATA] = {.name = "rdata", .kind = PS_K_BYTES, .def_text = "", .encode = rdata_encode,
                 .value_of = rdata_value, .repr = rdata_repr, .given_form = rdata_given_form,
                 .list_on = "type", .list_when = 16, .list_what = "strings or bytes",
                 .list_encode = text_list_encode,
                 .list_view = text_list_view, .list_items = rdata_list_items,
                 .ls_type = "MultipleTypeField (IPField, IP6Field, DNSStrField, DNSTextField, "
                            "StrLenField)",
                 .ls_default = "b''"},
};

const struct ps_proto ps_proto_dnsrr = {
    .name = "DNSRR",
    .long_name = "DNS Resource Record",
    .klass = "DNSRR",
    .show_flat = true,
    .fields = rr_fields,
    .nfields = PS_NFIELDS(rr_fields),
};

#define RDLEN_SHORT(of, adjust)                                                             \
    [R_RDLEN] = {.name = "rdlen", .kind = PS_K_UINT, .bits = 16, .is_auto = true,          \
                 .length_of = of, .len_adjust = (adjust), .ls_type = "ShortField",          \
                 .ls_default = "None"}
#define SHORT(n)                                                                            \
    {.name = n, .kind = PS_K_UINT, .bits = 16, .ls_type = "ShortField", .ls_default = "0"}
#define INT(n) {.name = n, .kind = PS_K_UINT, .bits = 32, .ls_type = "IntField", .ls_default = "0"}

/* _DNSRRdummy.post_build: rdlen is the length of what follows it. */
static const struct ps_field mx_fields[] = {
    RR_HEAD(6, "6"),
    RDLEN_SHORT("exchange", 2),
    SHORT("preference"),
    NAME("exchange", ".", "b'.'"),
};

const struct ps_proto ps_proto_dnsrr_mx = {
    .name = "DNSRRMX",
    .long_name = "DNS MX Resource Record",
    .klass = "DNSRR",
    .fields = mx_fields,
    .nfields = PS_NFIELDS(mx_fields),
};

enum { SOA_MNAME = R_RDLEN + 1, SOA_RNAME };

/* Two names and five integers: the names' lengths plus 20. */
static long soa_rdlen_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                             size_t cap)
{
    uint64_t n = v->u;
    if (!v->set) {
        long m = name_encode(l, &l->v[SOA_MNAME], NULL, 0);
        long r = name_encode(l, &l->v[SOA_RNAME], NULL, 0);
        n = (uint64_t)(m > 0 ? m : 0) + (uint64_t)(r > 0 ? r : 0) + 20;
    }
    if (out && cap < 2)
        return -1;
    if (out)
        ps_put16(out, (uint16_t)n);
    return 2;
}

static const struct ps_field soa_fields[] = {
    RR_HEAD(6, "6"),
    [R_RDLEN] = {.name = "rdlen", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
                 .encode = soa_rdlen_encode, .ls_type = "ShortField", .ls_default = "None"},
    [SOA_MNAME] = NAME("mname", ".", "b'.'"),
    [SOA_RNAME] = NAME("rname", ".", "b'.'"),
    INT("serial"),
    INT("refresh"),
    INT("retry"),
    INT("expire"),
    INT("minimum"),
};

const struct ps_proto ps_proto_dnsrr_soa = {
    .name = "DNSRRSOA",
    .long_name = "DNS SOA Resource Record",
    .klass = "DNSRR",
    .fields = soa_fields,
    .nfields = PS_NFIELDS(soa_fields),
};

static const struct ps_field srv_fields[] = {
    RR_HEAD(33, "33"),
    RDLEN_SHORT("target", 6),
    SHORT("priority"),
    SHORT("weight"),
    SHORT("port"),
    NAME("target", ".", "b'.'"),
};

const struct ps_proto ps_proto_dnsrr_srv = {
    .name = "DNSRRSRV",
    .long_name = "DNS SRV Resource Record",
    .klass = "DNSRR",
    .fields = srv_fields,
    .nfields = PS_NFIELDS(srv_fields),
};

/* ------------------------------------------------ DNSSEC (RFC 4034) */

/* _DNSRRdummy.post_build for records of several variable fields: an unset
 * rdlen is the length of every field after it as written. */
static long dummy_rdlen_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                               size_t cap)
{
    uint64_t n = v->u;
    if (!v->set) {
        n = 0;
        for (size_t fi = R_RDLEN + 1; fi < l->proto->nfields; fi++) {
            const struct ps_field *f = &l->proto->fields[fi];
            const struct ps_fval *x = &l->v[fi];
            if (f->kind == PS_K_UINT) {
                n += f->bits / 8;
            } else if (f->encode) {
                long k = f->encode(l, x, NULL, 0);
                n += k > 0 ? (uint64_t)k : 0;
            } else {
                n += x->set ? x->len : strlen(f->def_text ? f->def_text : "");
            }
        }
    }
    if (out && cap < 2)
        return -1;
    if (out)
        ps_put16(out, (uint16_t)n);
    return 2;
}

#define DUMMY_RDLEN                                                                          \
    [R_RDLEN] = {.name = "rdlen", .kind = PS_K_UINT, .bits = 16, .is_auto = true,          \
                 .encode = dummy_rdlen_encode, .ls_type = "ShortField", .ls_default = "None"}
#define STR(n)                                                                              \
    {.name = n, .kind = PS_K_BYTES, .def_text = "", .ls_type = "StrField", .ls_default = "b''"}

/* dnssecalgotypes, dnssecdigesttypes */
static const struct ps_enum algos[] = {
    {0, "Reserved"}, {1, "RSA/MD5"}, {2, "Diffie-Hellman"}, {3, "DSA/SHA-1"}, {4, "Reserved"},
    {5, "RSA/SHA-1"}, {6, "DSA-NSEC3-SHA1"}, {7, "RSASHA1-NSEC3-SHA1"}, {8, "RSA/SHA-256"},
    {9, "Reserved"}, {10, "RSA/SHA-512"}, {11, "Reserved"}, {12, "GOST R 34.10-2001"},
    {13, "ECDSA Curve P-256 with SHA-256"}, {14, "ECDSA Curve P-384 with SHA-384"},
    {252, "Reserved for Indirect Keys"}, {253, "Private algorithms - domain name"},
    {254, "Private algorithms - OID"}, {255, "Reserved"}, {0, NULL},
};
static const struct ps_enum digests[] = {
    {0, "Reserved"}, {1, "SHA-1"}, {2, "SHA-256"}, {3, "GOST R 34.11-94"}, {4, "SHA-384"},
    {0, NULL},
};

#define ALGO(n)                                                                              \
    {.name = n, .kind = PS_K_UINT, .bits = 8, .def = 5, .enums = algos,                   \
     .ls_type = "ByteEnumField", .ls_default = "5"}

static const struct ps_field ds_fields[] = {
    RR_HEAD(43, "43"),
    DUMMY_RDLEN,
    SHORT("keytag"),
    ALGO("algorithm"),
    {.name = "digesttype", .kind = PS_K_UINT, .bits = 8, .def = 5, .enums = digests,
     .ls_type = "ByteEnumField", .ls_default = "5"},
    STR("digest"),
};

const struct ps_proto ps_proto_dnsrr_ds = {
    .name = "DNSRRDS",
    .long_name = "DNS DS Resource Record",
    .klass = "DNSRR",
    .fields = ds_fields,
    .nfields = PS_NFIELDS(ds_fields),
};

/* FlagsField("flags", 256, 16, "S???????Z???????") */
static const char *const dnskey_flags[] = {
    "S", "?", "?", "?", "?", "?", "?", "?", "Z", "?", "?", "?", "?", "?", "?", "?", NULL,
};

static const struct ps_field dnskey_fields[] = {
    RR_HEAD(48, "48"),
    DUMMY_RDLEN,
    {.name = "flags", .kind = PS_K_UINT, .bits = 16, .def = 256, .flags = dnskey_flags,
     .ls_type = "FlagsField", .ls_default = "<Flag 256 (Z)>"},
    {.name = "protocol", .kind = PS_K_UINT, .bits = 8, .def = 3, .ls_type = "ByteField",
     .ls_default = "3"},
    ALGO("algorithm"),
    STR("publickey"),
};

const struct ps_proto ps_proto_dnsrr_dnskey = {
    .name = "DNSRRDNSKEY",
    .long_name = "DNS DNSKEY Resource Record",
    .klass = "DNSRR",
    .fields = dnskey_fields,
    .nfields = PS_NFIELDS(dnskey_fields),
};

/* UTCTimeField.i2repr: "Tue, 14 Nov 2023 22:13:20 +0000 (1700000000)". */
static int utc_repr(const struct ps_fval *v, char *out, size_t cap)
{
    time_t t = (time_t)v->u;
    struct tm tm;
    char text[64] = "";
    if (gmtime_r(&t, &tm))
        strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    return snprintf(out, cap, "%s (%llu)", text, (unsigned long long)v->u);
}

#define UTC(n)                                                                               \
    {.name = n, .kind = PS_K_UINT, .bits = 32, .repr = utc_repr, .ls_type = "UTCTimeField",  \
     .ls_default = "0"}

static const struct ps_field rrsig_fields[] = {
    RR_HEAD(46, "46"),
    DUMMY_RDLEN,
    {.name = "typecovered", .kind = PS_K_UINT, .bits = 16, .def = 1, .enums = types,
     .ls_type = "ShortEnumField", .ls_default = "1"},
    ALGO("algorithm"),
    {.name = "labels", .kind = PS_K_UINT, .bits = 8, .ls_type = "ByteField", .ls_default = "0"},
    INT("originalttl"),
    UTC("expiration"),
    UTC("inception"),
    SHORT("keytag"),
    NAME("signersname", ".", "b'.'"),
    STR("signature"),
};

const struct ps_proto ps_proto_dnsrr_rrsig = {
    .name = "DNSRRRSIG",
    .long_name = "DNS RRSIG Resource Record",
    .klass = "DNSRR",
    .fields = rrsig_fields,
    .nfields = PS_NFIELDS(rrsig_fields),
};

/* RRlist2bitmap: the window blocks of the types' bits (RFC 4034 4.1.2),
 * as Scapy 2.5 cuts them (at most 32 bytes a window). -1 when an element
 * is not a type number, or there is none (Scapy raises). */
static long rrlist_encode(const struct ps_fval *items, size_t n, uint8_t *out, size_t cap)
{
    uint8_t seen[65536 / 8];
    uint64_t lo = 65535, hi = 0;
    bool any = false;
    memset(seen, 0, sizeof seen);
    for (size_t i = 0; i < n; i++) {
        if (items[i].bytes)
            return -1;
        if (items[i].u > 65535)
            continue; /* Scapy drops them */
        seen[items[i].u / 8] |= (uint8_t)(0x80 >> (items[i].u % 8));
        lo = items[i].u < lo ? items[i].u : lo;
        hi = items[i].u > hi ? items[i].u : hi;
        any = true;
    }
    if (!any)
        return -1;
    size_t at = 0;
    for (uint64_t wb = lo / 256; wb <= hi / 256; wb++) {
        int last = -1;
        for (int x = 255; x >= 0 && last < 0; x--)
            if (seen[(wb * 256 + (uint64_t)x) / 8] & (0x80 >> (x % 8)))
                last = x;
        if (last < 0)
            continue;
        size_t count = (size_t)last / 8 + 1;
        if (out && at + 2 + count > cap)
            return -1;
        if (out) {
            out[at] = (uint8_t)wb;
            out[at + 1] = (uint8_t)count;
            memcpy(out + at + 2, seen + wb * 32, count);
        }
        at += 2 + count;
    }
    return (long)at;
}

/* RRlistField.i2repr: the types of the bitmap by name, as a list, or the
 * bytes' repr when bitmap2RRlist gives none (empty, or malformed). */
static int rrlist_repr(const struct ps_fval *v, char *out, size_t cap)
{
    size_t n = 0, count = 0;
    int k = snprintf(out, cap, "[");
    n += k > 0 ? (size_t)k : 0;
    for (size_t i = 0; i < v->len;) {
        if (v->len - i < 2 || v->bytes[i + 1] == 0 || v->bytes[i + 1] > 32)
            return ps_dns_bytes_repr(v->bytes, v->len, true, out, cap);
        size_t wb = v->bytes[i], len = v->bytes[i + 1];
        const uint8_t *bits = v->bytes + i + 2;
        size_t have = v->len - i - 2 < len ? v->len - i - 2 : len;
        for (size_t b = 0; b < have * 8; b++) {
            if (!(bits[b / 8] & (0x80 >> (b % 8))))
                continue;
            uint64_t type = wb * 256 + b;
            const char *name = NULL;
            for (const struct ps_enum *e = types; e->name; e++)
                if (e->value == type)
                    name = e->name;
            char *at = n < cap ? out + n : NULL;
            size_t room = n < cap ? cap - n : 0;
            k = name ? snprintf(at, room, "%s'%s'", count ? ", " : "", name)
                     : snprintf(at, room, "%s%llu", count ? ", " : "", (unsigned long long)type);
            n += k > 0 ? (size_t)k : 0;
            count++;
        }
        i += 2 + len;
    }
    if (count == 0)
        return ps_dns_bytes_repr(v->bytes, v->len, true, out, cap);
    k = snprintf(n < cap ? out + n : NULL, n < cap ? cap - n : 0, "]");
    return (int)(n + (k > 0 ? (size_t)k : 0));
}

static const struct ps_field nsec_fields[] = {
    RR_HEAD(47, "47"),
    DUMMY_RDLEN,
    NAME("nextname", ".", "b'.'"),
    /* RRlistField: a list of type numbers is its value, written as the
     * bitmap (RRlist2bitmap), or the bitmap's bytes. */
    {.name = "typebitmaps", .kind = PS_K_BYTES, .def_text = "", .repr = rrlist_repr,
     .list_encode = rrlist_encode, .list_what = "record type numbers",
     .ls_type = "RRlistField", .ls_default = "b''"},
};

const struct ps_proto ps_proto_dnsrr_nsec = {
    .name = "DNSRRNSEC",
    .long_name = "DNS NSEC Resource Record",
    .klass = "DNSRR",
    .fields = nsec_fields,
    .nfields = PS_NFIELDS(nsec_fields),
};

/* ------------------------------------------------- NSEC3 (RFC 5155) */

/* FieldLenField("saltlength", 0, length_of="salt"): its default is 0, not
 * None, so Scapy writes 0 unless given a value; length_of says what it
 * measures when read (dummy_rdata). */
static long plain_byte_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                              size_t cap)
{
    (void)l;
    if (out && cap < 1)
        return -1;
    if (out)
        out[0] = (uint8_t)(v->set ? v->u : 0);
    return 1;
}

#define BYTE(n) {.name = n, .kind = PS_K_UINT, .bits = 8, .ls_type = "ByteField", .ls_default = "0"}
#define LEN_OF(n, of)                                                                        \
    {.name = n, .kind = PS_K_UINT, .bits = 8, .length_of = of, .encode = plain_byte_encode, \
     .ls_type = "FieldLenField", .ls_default = "0"}
#define STR_LEN(n)                                                                           \
    {.name = n, .kind = PS_K_BYTES, .def_text = "", .ls_type = "StrLenField",              \
     .ls_default = "b''"}

static const struct ps_enum nsec3_flags[] = {{1, "Opt-Out"}, {0, NULL}};

static const struct ps_field nsec3_fields[] = {
    RR_HEAD(50, "50"),
    DUMMY_RDLEN,
    BYTE("hashalg"),
    {.name = "flags", .kind = PS_K_UINT, .bits = 8, .enums = nsec3_flags,
     .ls_type = "BitEnumField", .ls_default = "0"},
    SHORT("iterations"),
    LEN_OF("saltlength", "salt"),
    STR_LEN("salt"),
    LEN_OF("hashlength", "nexthashedownername"),
    STR_LEN("nexthashedownername"),
    {.name = "typebitmaps", .kind = PS_K_BYTES, .def_text = "", .repr = rrlist_repr,
     .list_encode = rrlist_encode, .list_what = "record type numbers",
     .ls_type = "RRlistField", .ls_default = "b''"},
};

const struct ps_proto ps_proto_dnsrr_nsec3 = {
    .name = "DNSRRNSEC3",
    .long_name = "DNS NSEC3 Resource Record",
    .klass = "DNSRR",
    .fields = nsec3_fields,
    .nfields = PS_NFIELDS(nsec3_fields),
};

static const struct ps_field nsec3param_fields[] = {
    RR_HEAD(51, "51"),
    DUMMY_RDLEN,
    BYTE("hashalg"),
    BYTE("flags"),
    SHORT("iterations"),
    LEN_OF("saltlength", "salt"),
    STR_LEN("salt"),
};

const struct ps_proto ps_proto_dnsrr_nsec3param = {
    .name = "DNSRRNSEC3PARAM",
    .long_name = "DNS NSEC3PARAM Resource Record",
    .klass = "DNSRR",
    .fields = nsec3param_fields,
    .nfields = PS_NFIELDS(nsec3param_fields),
};

/* ------------------------------------------------ EDNS0 (RFC 6891) */

/* The OPT pseudo-record: the TTL's place holds the extended rcode, the
 * version and the flags (z, whose top bit is DNSSEC OK). */
enum { O_RRNAME, O_TYPE, O_RCLASS, O_EXTRCODE, O_VERSION, O_Z, O_RDLEN, O_RDATA };

static const struct ps_enum opt_z[] = {{32768, "D0"}, {0, NULL}};

static const struct ps_field opt_fields[] = {
    [O_RRNAME] = NAME("rrname", ".", "b'.'"),
    [O_TYPE] = {.name = "type", .kind = PS_K_UINT, .bits = 16, .def = 41, .enums = types,
                .ls_type = "ShortEnumField", .ls_default = "41"},
    [O_RCLASS] = {.name = "rclass", .kind = PS_K_UINT, .bits = 16, .def = 4096,
                  .ls_type = "ShortField", .ls_default = "4096"},
    [O_EXTRCODE] = BYTE("extrcode"),
    [O_VERSION] = BYTE("version"),
    [O_Z] = {.name = "z", .kind = PS_K_UINT, .bits = 16, .def = 32768, .enums = opt_z,
             .ls_type = "BitEnumField", .ls_default = "32768"},
    [O_RDLEN] = {.name = "rdlen", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
                 .length_of = "rdata", .ls_type = "FieldLenField", .ls_default = "None"},
    [O_RDATA] = {.name = "rdata", .kind = PS_K_LAYERS, .sub_class = "EDNS0TLV",
                 .encode = ps_edns_tlvs_encode, .ls_type = "PacketListField",
                 .ls_default = "[]"},
};

const struct ps_proto ps_proto_dnsrr_opt = {
    .name = "DNSRROPT",
    .long_name = "DNS OPT Resource Record",
    .klass = "DNSRR",
    .fields = opt_fields,
    .nfields = PS_NFIELDS(opt_fields),
};

enum { Q_QNAME, Q_QTYPE, Q_QCLASS };

static const struct ps_field qr_fields[] = {
    [Q_QNAME] = NAME("qname", "www.example.com.", "b'www.example.com.'"),
    [Q_QTYPE] = {.name = "qtype", .kind = PS_K_UINT, .bits = 16, .def = 1, .enums = qtypes,
                 .ls_type = "ShortEnumField", .ls_default = "1"},
    [Q_QCLASS] = {.name = "qclass", .kind = PS_K_UINT, .bits = 16, .def = 1, .enums = classes,
                  .ls_type = "ShortEnumField", .ls_default = "1"},
};

const struct ps_proto ps_proto_dnsqr = {
    .name = "DNSQR",
    .long_name = "DNS Question Record",
    .klass = "DNSQR",
    .show_flat = true,
    .fields = qr_fields,
    .nfields = PS_NFIELDS(qr_fields),
};

/* ------------------------------------------------------ dissecting them */

/* Where the records are read from: Scapy's `s`, the message from byte 12
 * (after the header) to the end of what the DNS layer holds. */
struct area {
    const uint8_t *s;
    size_t len;
};

static void element_start(struct ps_layer *e, const struct ps_proto *p)
{
    e->proto = p;
    memset(e->v, 0, p->nfields * sizeof e->v[0]);
}

static void set_uint(struct ps_layer *e, int fi, uint64_t u)
{
    e->v[fi].set = true;
    e->v[fi].u = u;
}

/* A name of the rdata (cut to it first, then anywhere in the message), as
 * DNSStrField.getfield reads it; *compressed when it followed a pointer.
 * The view spans s[at..span_end), which writing it back gives again. */
static size_t rdata_name(const struct area *a, struct ps_fval *v, size_t at, size_t end,
                         size_t span_end, bool *compressed)
{
    struct ps_dns_name name;
    ps_dns_get_str(a->s, a->len, at, end, NULL, 0, &name);
    ps_dns_view(v, a->s, a->len, at, span_end ? span_end : name.end, end, PS_DNS_NAME);
    v->set = true;
    *compressed |= name.compressed;
    return name.end;
}

/* The fields after rdlen of an MX, SOA or SRV record, from the record's
 * rdata s[at..end), as far as they go. False when an integer is cut short,
 * where Scapy's struct.unpack raises. */
static bool dummy_rdata(const struct area *a, struct ps_layer *e, size_t at, size_t end,
                        bool *compressed)
{
    for (size_t fi = R_RDLEN + 1; fi < e->proto->nfields; fi++) {
        const struct ps_field *f = &e->proto->fields[fi];
        if (at >= end)
            return true;
        if (f->kind == PS_K_BYTES && f->encode == name_encode) {
            at = rdata_name(a, &e->v[fi], at, end, 0, compressed);
            continue;
        }
        if (f->kind == PS_K_BYTES) {
            /* A StrField: the rest of the rdata; a StrLenField: what the
             * field measuring it says, as far as the rdata goes. */
            size_t take = end - at;
            for (size_t j = R_RDLEN + 1; j < fi; j++)
                if (e->proto->fields[j].length_of && e->v[j].set &&
                    strcmp(e->proto->fields[j].length_of, f->name) == 0 && e->v[j].u < take)
                    take = (size_t)e->v[j].u;
            e->v[fi].set = true;
            e->v[fi].bytes = a->s + at;
            e->v[fi].len = take;
            at += take;
            continue;
        }
        size_t size = f->bits / 8;
        if (at + size > end)
            return false;
        uint64_t u = 0;
        for (size_t k = 0; k < size; k++)
            u = u << 8 | a->s[at + k];
        set_uint(e, (int)fi, u);
        at += size;
    }
    return true;
}

/* DNSRR.rdata as its type says; with no bytes left it keeps its default.
 * False when Scapy's dissector would raise (an address cut short). */
static bool rr_rdata(const struct area *a, struct ps_layer *e, uint64_t type, size_t at,
                     size_t end, bool *compressed)
{
    struct ps_fval *v = &e->v[R_RDATA];
    if (end <= at) {
        /* Not dissected: the default, which for TXT is a list, [] (the
         * printers leave an empty list out of repr() as Scapy does). */
        if (type == 16) {
            ps_dns_view(v, a->s, a->len, at, at, at, PS_DNS_TEXT);
            v->set = true;
        }
        return true;
    }
    v->set = true;
    if (type == 1 || type == 28) {
        size_t size = type == 1 ? 4 : 16;
        if (end - at < size)
            return false;
        ps_dns_view(v, a->s, a->len, at, at + size, at + size,
                    type == 1 ? PS_DNS_IPV4 : PS_DNS_IPV6);
    } else if (is_name_type(type)) {
        rdata_name(a, v, at, end, end, compressed);
    } else if (type == 16) {
        ps_dns_view(v, a->s, a->len, at, end, end, PS_DNS_TEXT);
    } else {
        ps_dns_view(v, a->s, a->len, at, end, end, PS_DNS_RAW);
    }
    return true;
}

/* DNSRR_DISPATCHER, for the classes the registry has. */
static const struct ps_proto *rr_class(uint64_t type)
{
    switch (type) {
    case 6: return &ps_proto_dnsrr_soa;
    case 15: return &ps_proto_dnsrr_mx;
    case 33: return &ps_proto_dnsrr_srv;
    case 41: return &ps_proto_dnsrr_opt;
    case 43: return &ps_proto_dnsrr_ds;
    case 46: return &ps_proto_dnsrr_rrsig;
    case 47: return &ps_proto_dnsrr_nsec;
    case 48: return &ps_proto_dnsrr_dnskey;
    case 50: return &ps_proto_dnsrr_nsec3;
    case 51: return &ps_proto_dnsrr_nsec3param;
    default: return &ps_proto_dnsrr;
    }
}

/* One record at s[*p] (DNSRRField.decodeRR, DNSQRField.decodeRR) into e
 * (NULL: read into scratch and dropped). False when Scapy would raise. */
static bool decode_record(const struct area *a, size_t *p, bool question, struct ps_layer *e)
{
    struct ps_layer scratch;
    struct ps_dns_name name;
    if (!e)
        e = &scratch;
    size_t at = *p;
    ps_dns_get_str(a->s, a->len, at, a->len, NULL, 0, &name);
    size_t fixed = name.end;
    if (question) {
        /* DNSQR(b"\x00" + s[p:p+4]): the fields the 4 bytes hold; a field
         * cut in two makes struct.unpack raise. */
        size_t have = fixed < a->len ? a->len - fixed : 0;
        if (have == 1 || have == 3)
            return false;
        element_start(e, &ps_proto_dnsqr);
        ps_dns_view(&e->v[Q_QNAME], a->s, a->len, at, name.end, a->len, PS_DNS_QNAME);
        e->v[Q_QNAME].set = true;
        if (fixed + 2 <= a->len)
            set_uint(e, Q_QTYPE, ps_get16(a->s + fixed));
        if (fixed + 4 <= a->len)
            set_uint(e, Q_QCLASS, ps_get16(a->s + fixed + 2));
        *p = fixed + 4;
        return true;
    }
    /* struct.unpack("!HHIH") of 10 bytes, which must be there. */
    if (fixed > a->len || a->len - fixed < 10)
        return false;
    const uint8_t *h = a->s + fixed;
    uint64_t type = ps_get16(h), rdlen = ps_get16(h + 8);
    size_t start = fixed + 10;
    size_t end = rdlen < a->len - start ? start + rdlen : a->len;
    bool compressed = false;
    element_start(e, rr_class(type));
    ps_dns_view(&e->v[R_RRNAME], a->s, a->len, at, name.end, a->len, PS_DNS_QNAME);
    e->v[R_RRNAME].set = true;
    if (e->proto == &ps_proto_dnsrr_opt) {
        /* Its options are read once the list's records are (opt_options). */
        set_uint(e, O_TYPE, type);
        set_uint(e, O_RCLASS, ps_get16(h + 2));
        set_uint(e, O_EXTRCODE, h[4]);
        set_uint(e, O_VERSION, h[5]);
        set_uint(e, O_Z, ps_get16(h + 6));
        set_uint(e, O_RDLEN, rdlen);
        e->v[O_RDATA].set = true;
        e->v[O_RDATA].bytes = a->s + start;
        e->v[O_RDATA].len = end - start;
        *p = start + rdlen;
        return true;
    }
    set_uint(e, R_TYPE, type);
    set_uint(e, R_RCLASS, ps_get16(h + 2));
    set_uint(e, R_TTL, (uint64_t)ps_get16(h + 4) << 16 | ps_get16(h + 6));
    set_uint(e, R_RDLEN, rdlen);
    bool ok = e->proto == &ps_proto_dnsrr ? rr_rdata(a, e, type, start, end, &compressed)
                                          : dummy_rdata(a, e, start, end, &compressed);
    if (!ok)
        return false;
    /* "Reset rdlen if DNS compression was used" */
    if (compressed)
        e->v[R_RDLEN].set = false;
    *p = start + rdlen;
    return true;
}

/* The options of the OPT records of list v, as elements after the list's
 * records, which must lie side by side in room->subs. */
static void opt_options(struct ps_fval *v, struct ps_decode_room *room)
{
    for (size_t k = 0; k < v->nsub; k++) {
        struct ps_fval *data = &v->sub[k].v[O_RDATA];
        if (v->sub[k].proto != &ps_proto_dnsrr_opt || !data->bytes)
            continue;
        size_t used, n = ps_edns_tlv_count(data->bytes, data->len, &used);
        if (room->subs_used + n > room->subs_cap)
            continue; /* the bytes stay, printed as the Raw they make */
        data->sub = n ? room->subs + room->subs_used : NULL;
        data->nsub = n;
        room->subs_used += n;
        ps_edns_tlvs_fill(data->bytes, data->len, data->sub, n);
        /* What Scapy makes a Raw element of stays bytes, printed as it. */
        data->bytes = used < data->len ? data->bytes + used : NULL;
        data->len -= used;
    }
}

enum { F_LENGTH, F_ID, F_QR, F_OPCODE, F_AA, F_TC, F_RD, F_RA, F_Z, F_AD, F_CD, F_RCODE,
       F_QDCOUNT, F_ANCOUNT, F_NSCOUNT, F_ARCOUNT, F_QD, F_AN, F_NS, F_AR };

/* DNSRRField.getfield for the list at field fi, counted by field `count`:
 * the records from p[off] of the layer's bytes p[0..len). */
static long decode_records(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                           struct ps_fval *v, struct ps_decode_room *room, int count)
{
    /* Over TCP the length prefix comes first: the message starts after it. */
    size_t msg = l->v[F_LENGTH].set ? 2 : 0;
    if (len < msg + 12 || off < msg + 12)
        return 0;
    struct area a = {p + msg + 12, len - msg - 12};
    size_t at = off - msg - 12;
    uint64_t c = l->v[count].u;
    memset(v, 0, sizeof *v);
    /* "DNS wrong value": more records than bytes gives none. */
    if (c > a.len)
        return 0;
    size_t first = room ? room->subs_used : 0, stored_end = at;
    bool storing = room && room->subs;
    v->sub = storing ? room->subs + first : NULL;
    for (; c > 0; c--) {
        size_t from = at;
        struct ps_layer *e = storing && room->subs_used < room->subs_cap
                                 ? &room->subs[room->subs_used]
                                 : NULL;
        if (!decode_record(&a, &at, count == F_QDCOUNT, e))
            return -1;
        if (e) {
            room->subs_used++;
            v->nsub++;
            stored_end = at;
        } else if (storing) {
            storing = false;
            stored_end = from;
        }
    }
    if (!v->nsub)
        v->sub = NULL;
    opt_options(v, room);
    size_t end = at < a.len ? at : a.len;
    if (stored_end < end) {
        /* Records the room had no space for stay bytes, written back as
         * they are. */
        v->bytes = a.s + stored_end;
        v->len = end - stored_end;
    }
    return (long)(end - (off - msg - 12));
}

static long decode_qd(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                      struct ps_fval *v, struct ps_decode_room *room)
{
    return decode_records(p, len, off, l, v, room, F_QDCOUNT);
}
static long decode_an(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                      struct ps_fval *v, struct ps_decode_room *room)
{
    return decode_records(p, len, off, l, v, room, F_ANCOUNT);
}
static long decode_ns(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                      struct ps_fval *v, struct ps_decode_room *room)
{
    return decode_records(p, len, off, l, v, room, F_NSCOUNT);
}
static long decode_ar(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                      struct ps_fval *v, struct ps_decode_room *room)
{
    return decode_records(p, len, off, l, v, room, F_ARCOUNT);
}

/* ---------------------------------------------------------------- DNS */

/* DNS.pre_dissect over TCP: a length below 14 or past the bytes is
 * refused before any field is read. */
static long decode_length(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                          struct ps_fval *v, struct ps_decode_room *room)
{
    (void)l;
    (void)room;
    if (off != 0 || len < 2)
        return -1;
    uint64_t declared = ps_get16(p);
    if (declared < 14 || len < declared)
        return -1;
    v->u = declared;
    return 2;
}

/* ConditionalField(..., isinstance(underlayer, TCP)): only_on decides for
 * the encoder and decoder; a dissected layer has it when it was read. */
static bool has_length(const struct ps_layer *l)
{
    return l->v[F_LENGTH].set;
}

#define FLAG(n, d, d_s)                                                                     \
    {.name = n, .kind = PS_K_UINT, .bits = 1, .def = (d), .ls_type = "BitField  (1 bit)", \
     .ls_default = d_s}
#define COUNT(n, of)                                                                        \
    {.name = n, .kind = PS_K_UINT, .bits = 16, .is_auto = true, .count_of = of,            \
     .ls_type = "DNSRRCountField", .ls_default = "None"}

static const struct ps_field dns_fields[] = {
    [F_LENGTH] = {.name = "length", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
                  .only_on = "TCP", .present = has_length, .decode = decode_length,
                  .ls_type = "ShortField (Cond)",
                  .ls_default = "None"},
    [F_ID] = {.name = "id", .kind = PS_K_UINT, .bits = 16, .ls_type = "ShortField",
              .ls_default = "0"},
    [F_QR] = FLAG("qr", 0, "0"),
    [F_OPCODE] = {.name = "opcode", .kind = PS_K_UINT, .bits = 4, .enums = opcodes,
                  .ls_type = "BitEnumField", .ls_default = "0"},
    [F_AA] = FLAG("aa", 0, "0"),
    [F_TC] = FLAG("tc", 0, "0"),
    [F_RD] = FLAG("rd", 1, "1"),
    [F_RA] = FLAG("ra", 0, "0"),
    [F_Z] = FLAG("z", 0, "0"),
    [F_AD] = FLAG("ad", 0, "0"),
    [F_CD] = FLAG("cd", 0, "0"),
    [F_RCODE] = {.name = "rcode", .kind = PS_K_UINT, .bits = 4, .enums = rcodes,
                 .ls_type = "BitEnumField", .ls_default = "0"},
    [F_QDCOUNT] = COUNT("qdcount", "qd"),
    [F_ANCOUNT] = COUNT("ancount", "an"),
    [F_NSCOUNT] = COUNT("nscount", "ns"),
    [F_ARCOUNT] = COUNT("arcount", "ar"),
    /* DNSQRField, DNSRRField: Scapy holds a packet chain, or None. */
    [F_QD] = {.name = "qd", .kind = PS_K_LAYERS, .sub_class = "DNSQR", .def_sub = "DNSQR",
              .chain = true, .decode = decode_qd, .ls_type = "DNSQRField",
              .ls_default = "<DNSQR  |>"},
    [F_AN] = {.name = "an", .kind = PS_K_LAYERS, .sub_class = "DNSRR", .chain = true,
              .decode = decode_an, .ls_type = "DNSRRField", .ls_default = "None"},
    [F_NS] = {.name = "ns", .kind = PS_K_LAYERS, .sub_class = "DNSRR", .chain = true,
              .decode = decode_ns, .ls_type = "DNSRRField", .ls_default = "None"},
    [F_AR] = {.name = "ar", .kind = PS_K_LAYERS, .sub_class = "DNSRR", .chain = true,
              .decode = decode_ar, .ls_type = "DNSRRField", .ls_default = "None"},
};

/* bind_layers(UDP, DNS, dport=5353), then sport=5353, dport=53, sport=53,
 * and the same on TCP for 53: each dissects; the last on each lower is
 * the one that builds (sport=53). */
static const struct ps_bind dissect_binds[] = {
    {"UDP", "dport", 5353},
    {"UDP", NULL, 0},
    {"UDP", "sport", 5353},
    {"UDP", NULL, 0},
    {"UDP", "dport", 53},
    {"UDP", NULL, 0},
    {"UDP", "sport", 53},
    {"TCP", "dport", 53},
    {"TCP", NULL, 0},
    {"TCP", "sport", 53},
    {NULL, NULL, 0},
};

static const struct ps_bind build_binds[] = {
    {"UDP", "sport", 53},
    {"TCP", "sport", 53},
    {NULL, NULL, 0},
};

/* DNS.post_build: over TCP an unset length is the message's. */
static void dns_post_build(struct ps_build *b, size_t idx)
{
    const struct ps_proto *under = idx > 0 ? b->pkt->layers[idx - 1].proto : NULL;
    bool on_tcp = under && (strcmp(under->name, "TCP") == 0 ||
                            (under->alias && strcmp(under->alias, "TCP") == 0));
    if (!on_tcp || b->pkt->layers[idx].v[F_LENGTH].set || b->hlen[idx] < 2)
        return;
    ps_put16(b->buf + b->start[idx], (uint16_t)(b->hlen[idx] - 2));
}

/* DNS.mysummary: 'DNS Qry "<qd.qname>" ' or 'DNS Ans "<an.rdata>" ', the
 * value as Python's str() shows it (a name is bytes: b'...'). */
static int dns_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    const struct ps_layer *l = &pkt->layers[idx];
    bool answer = ps_layer_uint(l, F_QR) != 0;
    int count = answer ? F_ANCOUNT : F_QDCOUNT, list = answer ? F_AN : F_QD;
    char value[PS_DNS_NAME_MAX * 4 + 8] = "";
    const struct ps_fval *v = &l->v[list];
    /* A list the bytes did not reach is its default: qd a DNSQR(); and an
     * unread count is the count of the list (DNSRRCountField.i2h). */
    struct ps_layer dflt;
    const struct ps_layer *first = v->set && v->nsub ? &v->sub[0] : NULL;
    if (!v->set && !answer) {
        ps_layer_init(&dflt, &ps_proto_dnsqr);
        first = &dflt;
    }
    uint64_t n = l->v[count].set ? l->v[count].u : v->set ? v->nsub : first != NULL;
    const struct ps_proto *want = answer ? &ps_proto_dnsrr : &ps_proto_dnsqr;
    if (n > 0 && first && first->proto == want) {
        const struct ps_fval *f = &first->v[answer ? R_RDATA : Q_QNAME];
        enum ps_dns_shape shape;
        uint8_t text[PS_DNS_NAME_MAX];
        if (answer && !f->set) {
            /* rdata not dissected: the default of its type's field. */
            uint64_t type = ps_layer_uint(first, R_TYPE);
            snprintf(value, sizeof value, "%s",
                     type == 1    ? "0.0.0.0"
                     : type == 28 ? "::"
                     : type == 16 ? "[]"
                     : is_name_type(type) ? "b'.'"
                                          : "b''");
        } else if (!answer || (ps_dns_is_view(f, &shape) &&
                        (shape == PS_DNS_NAME || shape == PS_DNS_QNAME)) ||
            (!ps_dns_is_view(f, NULL) && is_name_type(ps_layer_uint(first, R_TYPE)))) {
            struct ps_fval name = f->set ? *f : name_default(first, f);
            size_t len = ps_dns_name_text(&name, text);
            ps_dns_bytes_repr(text, len, true, value, sizeof value);
        } else if (ps_dns_is_view(f, &shape) && shape == PS_DNS_TEXT) {
            rdata_repr(f, value, sizeof value);
        } else if (ps_dns_is_view(f, &shape) && shape != PS_DNS_RAW) {
            rdata_repr(f, value, sizeof value);
        } else {
            ps_dns_bytes_repr(f->bytes, f->len, true, value, sizeof value);
        }
        return snprintf(out, cap, "DNS %s \"%s\" ", answer ? "Ans" : "Qry", value);
    }
    return snprintf(out, cap, "DNS %s ", answer ? "Ans" : "Qry");
}

/* DNS.answers: the same id, a response to a query. DNS hashes nothing of
 * its own (qd, an... are fields, not payloads). */
static enum ps_answer dns_answers(const struct ps_packet *reply, size_t *r,
                                  const struct ps_packet *query, size_t *q)
{
    if (*q >= query->n || query->layers[*q].proto != &ps_proto_dns)
        return PS_ANSWER_NO;
    const struct ps_layer *self = &reply->layers[*r], *other = &query->layers[*q];
    return ps_layer_uint(self, F_ID) == ps_layer_uint(other, F_ID) &&
                   ps_layer_uint(self, F_QR) == 1 && ps_layer_uint(other, F_QR) == 0
               ? PS_ANSWER_YES
               : PS_ANSWER_NO;
}

const struct ps_proto ps_proto_dns = {
    .name = "DNS",
    .long_name = "DNS",
    .fields = dns_fields,
    .nfields = PS_NFIELDS(dns_fields),
    .build_binds = build_binds,
    .dissect_binds = dissect_binds,
    .post_build = dns_post_build,
    .mysummary = dns_summary,    .answers = dns_answers,
};
