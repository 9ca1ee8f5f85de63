/* EDNS0's options (scapy/layers/dns.py EDNS0TLV, RFC 6891): the elements of
 * DNSRROPT.rdata, a PacketListField of EDNS0TLV that dns.c's record
 * reader fills with ps_edns_tlvs_fill and whose wire form
 * ps_edns_tlvs_encode writes (a record inside DNS's lists is written by
 * the generic encoder without its own lists). The OPT record's table is
 * in dns.c, with the other records. */
#include <stdio.h>
#include <string.h>

#include "addr.h"
#include "dns_edns.h"
#include "protos.h"

enum { T_OPTCODE, T_OPTLEN, T_OPTDATA };

/* edns0types */
static const struct ps_enum edns0_types[] = {
    {0, "Reserved"}, {1, "LLQ"}, {2, "UL"}, {3, "NSID"}, {4, "Reserved"}, {5, "PING"},
    {8, "edns-client-subnet"}, {0, NULL},
};

static const struct ps_field tlv_fields[] = {
    [T_OPTCODE] = {.name = "optcode", .kind = PS_K_UINT, .bits = 16, .enums = edns0_types,
                   .ls_type = "ShortEnumField", .ls_default = "0"},
    [T_OPTLEN] = {.name = "optlen", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
                  .length_of = "optdata", .ls_type = "FieldLenField", .ls_default = "None"},
    [T_OPTDATA] = {.name = "optdata", .kind = PS_K_BYTES, .def_text = "",
                   .ls_type = "StrLenField", .ls_default = "b''"},
};

/* EDNS0TLV.dispatch_hook: fewer than 2 bytes are Raw, optcode 8 is
 * EDNS0ClientSubnet. */
static const char *tlv_dispatch(const uint8_t *p, size_t len)
{
    if (len < 2)
        return "Raw";
    return ps_get16(p) == 8 ? "EDNS0ClientSubnet" : NULL;
}

const struct ps_proto ps_proto_edns0_tlv = {
    .name = "EDNS0TLV",
    .long_name = "DNS EDNS0 TLV",
    .klass = "EDNS0TLV",
    .fields = tlv_fields,
    .nfields = PS_NFIELDS(tlv_fields),
    .dispatch = tlv_dispatch,
};

static void set_uint(struct ps_layer *e, int fi, uint64_t u)
{
    e->v[fi].set = true;
    e->v[fi].u = u;
}

/* ------------------------------------ EDNS0ClientSubnet (RFC 7871) */

enum { C_OPTCODE, C_OPTLEN, C_FAMILY, C_PLEN, C_SCOPE, C_ADDR };

/* ClientSubnetv4/v6 hold the address as text: i2repr quotes it. */
static int quoted_ip4(const struct ps_fval *v, char *out, size_t cap)
{
    char text[16];
    ps_format_ip4(v->addr, text);
    return snprintf(out, cap, "'%s'", text);
}

static int quoted_ip6(const struct ps_fval *v, char *out, size_t cap)
{
    char text[64];
    ps_format_ip6(v->addr, text);
    return snprintf(out, cap, "'%s'", text);
}

static long ecs_addr_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                            size_t cap);
static long ecs_family_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                              size_t cap);
static long ecs_plen_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                            size_t cap);

#define ECS_LS_ADDR "MultipleTypeField (ClientSubnetv4, ClientSubnetv6, ClientSubnetv4)"

static const struct ps_field ecs_addr6 = {
    .name = "address", .kind = PS_K_IPV6, .def_text = "2001:db8::", .repr = quoted_ip6,
    .encode = ecs_addr_encode, .ls_type = ECS_LS_ADDR, .ls_default = "b'192.168.0.0'"};

/* The text a spec gave the address (a value held only as an address, as a
 * dissected one is, has none). */
static bool given_text(const struct ps_fval *v, char *text, size_t cap)
{
    if (!v->set || !v->bytes || v->len == 0 || v->len >= cap || memchr(v->bytes, '\0', v->len))
        return false;
    memcpy(text, v->bytes, v->len);
    text[v->len] = '\0';
    return true;
}

/* MultipleTypeField: ClientSubnetv6 when family is 2, else ClientSubnetv4,
 * which packs a text that is no IPv4 address as IPv6 (and sets family to
 * 2: ecs_family_encode). */
static const struct ps_field *ecs_addr_variant(const struct ps_layer *l)
{
    if (ps_layer_uint(l, C_FAMILY) == 2)
        return &ecs_addr6;
    char text[64];
    uint8_t a[16];
    if (given_text(&l->v[C_ADDR], text, sizeof text) && !ps_parse_ip4(text, a) &&
        ps_parse_ip6(text, a))
        return &ecs_addr6;
    return NULL;
}

/* _pack_subnet: the address without its trailing zero bytes; into a
 * (16 bytes), returns its length. */
static size_t ecs_packed(const struct ps_layer *l, uint8_t a[16])
{
    const struct ps_field *f = ps_layer_field(l, C_ADDR);
    size_t n = f->kind == PS_K_IPV6 ? 16 : 4;
    const struct ps_fval *v = &l->v[C_ADDR];
    char text[64];
    memset(a, 0, 16);
    if (given_text(v, text, sizeof text) &&
        (n == 16 ? ps_parse_ip6(text, a) : ps_parse_ip4(text, a)))
        ;
    else if (v->set)
        memcpy(a, v->addr, n);
    else
        (void)(n == 16 ? ps_parse_ip6(f->def_text, a) : ps_parse_ip4(f->def_text, a));
    while (n > 0 && a[n - 1] == 0)
        n--;
    return n;
}

static long put_n(uint8_t *out, size_t cap, const uint8_t *p, size_t n)
{
    if (out && n > cap)
        return -1;
    if (out && n)
        memcpy(out, p, n);
    return (long)n;
}

static long ecs_addr_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                            size_t cap)
{
    (void)v;
    uint8_t a[16];
    return put_n(out, cap, a, ecs_packed(l, a));
}

/* Packing an IPv6 text as ClientSubnetv4 sets family to 2, given or not. */
static long ecs_family_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                              size_t cap)
{
    uint64_t u = ps_layer_field(l, C_ADDR)->kind == PS_K_IPV6 ? 2 : v->set ? v->u : 1;
    uint8_t b[2];
    ps_put16(b, (uint16_t)u);
    return put_n(out, cap, b, 2);
}

/* FieldLenField(length_of="address", adjust=x * 8) */
static long ecs_plen_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                            size_t cap)
{
    uint8_t a[16];
    uint8_t b = (uint8_t)(v->set ? v->u : ecs_packed(l, a) * 8);
    return put_n(out, cap, &b, 1);
}

/* ClientSubnetv4.getfield from p[0..n), source_plen plen, into v: the
 * floor(plen / 8) bytes there are (at most the address's), then m2i pads
 * (af_length - plen) / 8 zero bytes and inet_ntop raises unless that makes
 * the whole address (an odd plen below af_length, or a short piece).
 * Returns the bytes taken, or -1 where Scapy raises. */
static long ecs_addr_read(const uint8_t *p, size_t n, uint64_t plen, bool v6, struct ps_fval *v)
{
    size_t af = v6 ? 16 : 4, sz = (size_t)(plen / 8);
    if (sz > af)
        sz = af;
    if (sz > n)
        sz = n;
    size_t have = sz;
    if (plen < af * 8)
        have += (size_t)(af * 8 - plen) / 8;
    if (have < af)
        return -1;
    memset(v->addr, 0, sizeof v->addr);
    memcpy(v->addr, p, sz);
    v->set = true;
    return (long)sz;
}

static long ecs_addr_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                            struct ps_fval *v, struct ps_decode_room *room)
{
    (void)room;
    memset(v, 0, sizeof *v);
    return ecs_addr_read(p + off, len - off, ps_layer_uint(l, C_PLEN),
                         ps_layer_uint(l, C_FAMILY) == 2, v);
}

static const struct ps_field ecs_fields[] = {
    [C_OPTCODE] = {.name = "optcode", .kind = PS_K_UINT, .bits = 16, .def = 8,
                   .enums = edns0_types, .ls_type = "ShortEnumField", .ls_default = "8"},
    [C_OPTLEN] = {.name = "optlen", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
                  .length_of = "address", .len_adjust = 4, .ls_type = "FieldLenField",
                  .ls_default = "None"},
    [C_FAMILY] = {.name = "family", .kind = PS_K_UINT, .bits = 16, .def = 1,
                  .encode = ecs_family_encode, .ls_type = "ShortField", .ls_default = "1"},
    [C_PLEN] = {.name = "source_plen", .kind = PS_K_UINT, .bits = 8, .is_auto = true,
                .encode = ecs_plen_encode, .ls_type = "FieldLenField", .ls_default = "None"},
    [C_SCOPE] = {.name = "scope_plen", .kind = PS_K_UINT, .bits = 8, .ls_type = "ByteField",
                 .ls_default = "0"},
    [C_ADDR] = {.name = "address", .kind = PS_K_IPV4, .def_text = "192.168.0.0",
                .repr = quoted_ip4, .encode = ecs_addr_encode, .decode = ecs_addr_decode,
                .variant = ecs_addr_variant, .ls_type = ECS_LS_ADDR,
                .ls_default = "b'192.168.0.0'"},
};

const struct ps_proto ps_proto_edns0_client_subnet = {
    .name = "EDNS0ClientSubnet",
    .long_name = "DNS EDNS0 Client Subnet",
    .klass = "EDNS0TLV",
    .fields = ecs_fields,
    .nfields = PS_NFIELDS(ecs_fields),
    /* No extract_padding: the options after it are its Raw payload. */
    .rest_is_payload = true,
};

/* An EDNS0ClientSubnet element's wire form (out NULL: its length). */
static long ecs_encode(const struct ps_layer *e, uint8_t *out, size_t cap)
{
    uint8_t b[8 + 16], a[16];
    size_t alen = ecs_packed(e, a);
    ps_put16(b, (uint16_t)ps_layer_uint(e, C_OPTCODE));
    ps_put16(b + 2, (uint16_t)(e->v[C_OPTLEN].set ? e->v[C_OPTLEN].u : alen + 4));
    (void)ecs_family_encode(e, &e->v[C_FAMILY], b + 4, 2);
    (void)ecs_plen_encode(e, &e->v[C_PLEN], b + 6, 1);
    b[7] = (uint8_t)ps_layer_uint(e, C_SCOPE);
    memcpy(b + 8, a, alen);
    return put_n(out, cap, b, 8 + alen);
}

/* EDNS0ClientSubnet's dissection of p[0..n) into e (NULL: measured), or 0
 * where it raises (a field cut in two, an address m2i cannot read): Scapy
 * makes Raw of the rest. Fields the bytes end before keep their defaults. */
static size_t read_ecs(const uint8_t *p, size_t n, struct ps_layer *e)
{
    static const uint8_t width[] = {2, 2, 2, 1, 1};
    struct ps_layer tmp;
    struct ps_layer *l = e ? e : &tmp;
    ps_layer_init(l, &ps_proto_edns0_client_subnet);
    size_t at = 0;
    for (int fi = C_OPTCODE; fi < C_ADDR && at < n; fi++) {
        if (n - at < width[fi])
            return 0;
        set_uint(l, fi, width[fi] == 2 ? ps_get16(p + at) : p[at]);
        at += width[fi];
    }
    if (at < n) {
        long k = ecs_addr_read(p + at, n - at, l->v[C_PLEN].u, l->v[C_FAMILY].u == 2,
                               &l->v[C_ADDR]);
        if (k < 0)
            return 0;
        at += (size_t)k;
    }
    return at;
}

/* One element of PacketListField.getfield at p[0..n) into e (NULL: only
 * measured), or 0 where Scapy makes Raw of the rest: the dispatch says so,
 * or the length is cut in two (the dissector raises). An option whose data
 * runs past the bytes takes what is there. Returns the bytes it took;
 * *last says the element took the rest as its payload. */
static size_t read_tlv(const uint8_t *p, size_t n, struct ps_layer *e, bool *last)
{
    *last = false;
    if (n < 2)
        return 0;
    if (ps_get16(p) == 8) {
        /* What follows is its payload: the list ends with it. */
        *last = true;
        return read_ecs(p, n, e);
    }
    if (n == 3)
        return 0;
    size_t take = 2;
    if (e) {
        ps_layer_init(e, &ps_proto_edns0_tlv);
        set_uint(e, T_OPTCODE, ps_get16(p));
    }
    if (n >= 4) {
        size_t len = ps_get16(p + 2);
        take = 4 + (len < n - 4 ? len : n - 4);
        if (e)
            set_uint(e, T_OPTLEN, len);
        if (e && n > 4) {
            /* Read only when bytes follow: Scapy stops at the end. */
            e->v[T_OPTDATA].set = true;
            e->v[T_OPTDATA].bytes = p + 4;
            e->v[T_OPTDATA].len = take - 4;
        }
    }
    return take;
}

size_t ps_edns_tlv_count(const uint8_t *p, size_t n, size_t *used)
{
    size_t count = 0, at = 0, k;
    bool last = false;
    while (!last && at < n && (k = read_tlv(p + at, n - at, NULL, &last)) > 0) {
        at += k;
        count++;
    }
    *used = at;
    return count;
}

void ps_edns_tlvs_fill(const uint8_t *p, size_t n, struct ps_layer *e, size_t count)
{
    bool last;
    for (size_t at = 0, k = 0; k < count; k++)
        at += read_tlv(p + at, n - at, &e[k], &last);
}

static long put(uint8_t *out, size_t cap, size_t at, const void *p, size_t n)
{
    if (out && (at > cap || n > cap - at))
        return -1;
    if (out && n)
        memcpy(out + at, p, n);
    return (long)n;
}

long ps_edns_tlvs_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                         size_t cap)
{
    (void)l;
    size_t at = 0;
    for (size_t k = 0; v->set && k < v->nsub; k++) {
        const struct ps_layer *e = &v->sub[k];
        if (e->proto == &ps_proto_edns0_client_subnet) {
            long w = ecs_encode(e, out ? out + at : NULL, out ? cap - at : 0);
            if (w < 0)
                return -1;
            at += (size_t)w;
            continue;
        }
        const struct ps_fval *data = &e->v[e->proto == &ps_proto_edns0_tlv ? T_OPTDATA : 0];
        const uint8_t *d = data->set && data->bytes ? data->bytes : (const uint8_t *)"";
        size_t dn = data->set ? data->len : 0;
        if (e->proto == &ps_proto_edns0_tlv) {
            uint8_t head[4];
            ps_put16(head, (uint16_t)ps_layer_uint(e, T_OPTCODE));
            ps_put16(head + 2, (uint16_t)(e->v[T_OPTLEN].set ? e->v[T_OPTLEN].u : dn));
            if (put(out, cap, at, head, 4) < 0)
                return -1;
            at += 4;
        }
        if (put(out, cap, at, d, dn) < 0)
            return -1;
        at += dn;
    }
    if (v->set && v->bytes && v->len) {
        if (put(out, cap, at, v->bytes, v->len) < 0)
            return -1;
        at += v->len;
    }
    return (long)at;
}
