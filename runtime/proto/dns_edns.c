/* EDNS0's options (scapy/layers/dns.py EDNS0TLV, RFC 6891): the elements of
 * DNSRROPT.rdata, a PacketListField of EDNS0TLV that dns.c's record
 * reader fills with ps_edns_tlvs_fill and whose wire form
 * ps_edns_tlvs_encode writes (a record inside DNS's lists is written by
 * the generic encoder without its own lists). The OPT record's table is
 * in dns.c, with the other records. */
#include <string.h>

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

/* EDNS0TLV.dispatch_hook: fewer than 2 bytes are Raw. */
static const char *tlv_dispatch(const uint8_t *p, size_t len)
{
    (void)p;
    return len < 2 ? "Raw" : NULL;
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

/* One element of PacketListField.getfield at p[0..n) into e (NULL: only
 * measured), or 0 where Scapy makes Raw of the rest: the dispatch says so,
 * or the length is cut in two (the dissector raises). An option whose data
 * runs past the bytes takes what is there. Returns the bytes it took. */
static size_t read_tlv(const uint8_t *p, size_t n, struct ps_layer *e)
{
    if (tlv_dispatch(p, n) || n == 3)
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
    while (at < n && (k = read_tlv(p + at, n - at, NULL)) > 0) {
        at += k;
        count++;
    }
    *used = at;
    return count;
}

void ps_edns_tlvs_fill(const uint8_t *p, size_t n, struct ps_layer *e, size_t count)
{
    for (size_t at = 0, k = 0; k < count; k++)
        at += read_tlv(p + at, n - at, &e[k]);
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
