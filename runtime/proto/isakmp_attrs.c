/* ISAKMP_payload_Transform.transforms (scapy/layers/isakmp.py,
 * ISAKMPTransformSetField): a list of (type, value) attributes, each a
 * basic attribute (type | 0x8000, a 16-bit value) or a TLV (type, length,
 * value bytes) when the value passes 16 bits. The field holds the encoded
 * list; this file writes it from Scapy's tuples and prints it as m2i reads
 * it. */
#include <string.h>

#include "isakmp.h"
#include "packet.h"
#include "strbuf.h"

struct attr_type {
    unsigned num;
    const char *name;
    const struct ps_enum *values; /* may be NULL */
};

static const struct ps_enum encryption[] = {
    {1, "DES-CBC"}, {2, "IDEA-CBC"}, {3, "Blowfish-CBC"}, {4, "RC5-R16-B64-CBC"},
    {5, "3DES-CBC"}, {6, "CAST-CBC"}, {7, "AES-CBC"}, {8, "CAMELLIA-CBC"}, {0, NULL},
};
static const struct ps_enum hash[] = {
    {1, "MD5"}, {2, "SHA"}, {3, "Tiger"}, {4, "SHA2-256"}, {5, "SHA2-384"}, {6, "SHA2-512"},
    {0, NULL},
};
static const struct ps_enum authentication[] = {
    {1, "PSK"}, {2, "DSS"}, {3, "RSA Sig"}, {4, "RSA Encryption"},
    {5, "RSA Encryption Revised"}, {6, "ElGamal Encryption"},
    {7, "ElGamal Encryption Revised"}, {8, "ECDSA Sig"}, {64221, "HybridInitRSA"},
    {64222, "HybridRespRSA"}, {64223, "HybridInitDSS"}, {64224, "HybridRespDSS"},
    {65001, "XAUTHInitPreShared"}, {65002, "XAUTHRespPreShared"}, {65003, "XAUTHInitDSS"},
    {65004, "XAUTHRespDSS"}, {65005, "XAUTHInitRSA"}, {65006, "XAUTHRespRSA"},
    {65007, "XAUTHInitRSAEncryption"}, {65008, "XAUTHRespRSAEncryption"},
    {65009, "XAUTHInitRSARevisedEncryption"}, {65010, "XAUTHRespRSARevisedEncryptio"},
    {0, NULL},
};
static const struct ps_enum group_desc[] = {
    {1, "768MODPgr"}, {2, "1024MODPgr"}, {3, "EC2Ngr155"}, {4, "EC2Ngr185"},
    {5, "1536MODPgr"}, {14, "2048MODPgr"}, {15, "3072MODPgr"}, {16, "4096MODPgr"},
    {17, "6144MODPgr"}, {18, "8192MODPgr"}, {0, NULL},
};
static const struct ps_enum group_type[] = {{1, "MODP"}, {2, "ECP"}, {3, "EC2N"}, {0, NULL}};
static const struct ps_enum life_type[] = {{1, "Seconds"}, {2, "Kilobytes"}, {0, NULL}};

/* ISAKMPAttributeTypes */
static const struct attr_type types[] = {
    {1, "Encryption", encryption},  {2, "Hash", hash},
    {3, "Authentication", authentication}, {4, "GroupDesc", group_desc},
    {5, "GroupType", group_type},   {6, "GroupPrime", NULL},
    {7, "GroupGenerator1", NULL},   {8, "GroupGenerator2", NULL},
    {9, "GroupCurveA", NULL},       {10, "GroupCurveB", NULL},
    {11, "LifeType", life_type},    {12, "LifeDuration", NULL},
    {13, "PRF", NULL},              {14, "KeyLength", NULL},
    {15, "FieldSize", NULL},        {16, "GroupOrder", NULL},
};
#define NTYPES (sizeof types / sizeof types[0])

static const struct attr_type *type_by_num(unsigned num)
{
    for (size_t i = 0; i < NTYPES; i++)
        if (types[i].num == num)
            return &types[i];
    return NULL;
}

static const struct attr_type *type_by_name(const char *name)
{
    for (size_t i = 0; i < NTYPES; i++)
        if (strcmp(types[i].name, name) == 0)
            return &types[i];
    return NULL;
}

static int fail(const char **err, const char *why)
{
    *err = why;
    return -1;
}

/* type2num: a value past 16 bits is a TLV of its minimal big-endian bytes,
 * whatever the type; any other a basic attribute. */
static int encode(const struct ps_optelem *e, uint8_t *out, size_t cap, const char **err)
{
    if (e->kind != PS_OE_TUPLE || e->nvals != 1)
        return fail(err, "an ISAKMP attribute is a (type, value) tuple");
    unsigned num = e->code;
    const struct attr_type *t = NULL;
    if (e->name) {
        t = type_by_name(e->name);
        if (!t)
            return -1; /* unknown: the caller suggests a name */
        num = t->num;
    }
    const struct ps_optval *v = &e->vals[0];
    uint64_t val;
    if (v->kind == PS_OV_INT) {
        val = v->u;
    } else if (v->kind == PS_OV_BYTES && v->text) {
        char name[64];
        size_t n = v->len < sizeof name - 1 ? v->len : sizeof name - 1;
        memcpy(name, v->bytes, n);
        name[n] = '\0';
        const struct ps_enum *en = t ? t->values : NULL;
        for (; en && en->name && strcmp(en->name, name) != 0; en++)
            ;
        if (!en || !en->name)
            return fail(err, "an ISAKMP attribute's value is a number or a name its type has");
        val = en->value;
    } else {
        return fail(err, "an ISAKMP attribute's value is a number or a name its type has");
    }
    uint8_t body[8];
    size_t n = 0;
    if (val & ~UINT64_C(0xffff)) {
        for (uint64_t x = val; x; x >>= 8)
            n++;
        for (size_t i = 0; i < n; i++)
            body[i] = (uint8_t)(val >> (8 * (n - 1 - i)));
    } else {
        num |= 0x8000;
    }
    if (4 + n > cap)
        return fail(err, "too many ISAKMP attributes");
    out[0] = (uint8_t)(num >> 8);
    out[1] = (uint8_t)num;
    out[2] = (uint8_t)((n ? n : val) >> 8);
    out[3] = (uint8_t)(n ? n : val);
    memcpy(out + 4, body, n);
    return (int)(4 + n);
}

/* One attribute of m2i's loop at p[0..*n): its type (without the basic
 * bit), its value bytes, and the whole attribute as it stands. A TLV whose
 * length runs past the bytes takes what is there; the list goes on after
 * it (nothing is left). False when fewer than 4 bytes remain. */
static bool next_attr(const uint8_t **p, size_t *n, unsigned *type, const uint8_t **val,
                      size_t *vlen, bool *basic)
{
    if (*n < 4)
        return false;
    const uint8_t *a = *p;
    unsigned t = (unsigned)(a[0] << 8 | a[1]);
    size_t len = 0;
    *basic = t & 0x8000;
    *type = t & 0x7fff;
    if (*basic) {
        *val = a + 2;
        *vlen = 2;
    } else {
        len = (size_t)(a[2] << 8 | a[3]);
        *val = a + 4;
        *vlen = len < *n - 4 ? len : *n - 4;
    }
    size_t step = 4 + len;
    if (step > *n)
        step = *n;
    *p += step;
    *n -= step;
    return true;
}

static bool codec_next(const uint8_t **p, size_t *n, int *code, const uint8_t **opt,
                       size_t *size)
{
    const uint8_t *start = *p, *val;
    size_t vlen;
    unsigned type;
    bool basic;
    if (!next_attr(p, n, &type, &val, &vlen, &basic))
        return false;
    *code = (int)type;
    *opt = start;
    *size = (size_t)(*p - start);
    return true;
}

/* The decimal digits of the big-endian integer p[0..n) (Python's int of
 * reduce(x << 8 | y)): repeated division by 10 of a copy. */
static void put_bigint(struct ps_strbuf *b, const uint8_t *p, size_t n)
{
    while (n && *p == 0)
        p++, n--;
    if (n <= 8) {
        uint64_t v = 0;
        for (size_t i = 0; i < n; i++)
            v = v << 8 | p[i];
        ps_strbuf_printf(b, "%llu", (unsigned long long)v);
        return;
    }
    uint8_t num[1024];
    char digits[2500];
    size_t nd = 0;
    if (n > sizeof num) {
        ps_strbuf_puts(b, "...");
        return;
    }
    memcpy(num, p, n);
    size_t lead = 0;
    while (lead < n) {
        unsigned rem = 0;
        for (size_t i = lead; i < n; i++) {
            unsigned cur = rem << 8 | num[i];
            num[i] = (uint8_t)(cur / 10);
            rem = cur % 10;
        }
        digits[nd++] = (char)('0' + rem);
        while (lead < n && num[lead] == 0)
            lead++;
    }
    while (nd)
        ps_strbuf_putc(b, digits[--nd]);
}

/* repr() of the list m2i gives: [('Encryption', 'AES-CBC'), (16384, 5)]. */
int ps_isakmp_attrs_repr(const struct ps_fval *v, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    const uint8_t *p = v->bytes, *val;
    size_t n = v->bytes ? v->len : 0, vlen;
    unsigned type;
    bool basic, first = true;
    ps_strbuf_putc(&b, '[');
    while (next_attr(&p, &n, &type, &val, &vlen, &basic)) {
        const struct attr_type *t = type_by_num(type);
        ps_strbuf_puts(&b, first ? "(" : ", (");
        first = false;
        if (t)
            ps_strbuf_printf(&b, "'%s', ", t->name);
        else
            ps_strbuf_printf(&b, "%u, ", type);
        const char *name = NULL;
        if (t && vlen <= 8) {
            uint64_t x = 0;
            for (size_t i = 0; i < vlen; i++)
                x = x << 8 | val[i];
            for (const struct ps_enum *en = t->values; en && en->name; en++)
                if (en->value == x)
                    name = en->name;
        }
        if (name)
            ps_strbuf_printf(&b, "'%s'", name);
        else
            put_bigint(&b, val, vlen);
        ps_strbuf_putc(&b, ')');
    }
    ps_strbuf_putc(&b, ']');
    return ps_strbuf_result(&b);
}

static const char *names[NTYPES + 1];

static const char *const *attr_names(void)
{
    if (!names[0])
        for (size_t i = 0; i < NTYPES; i++)
            names[i] = types[i].name;
    return names;
}

const struct ps_optcodec ps_isakmp_attr_codec = {
    .encode = encode,
    .names = attr_names,
    .what = "ISAKMP attribute type",
    .pyrepr = ps_isakmp_attrs_repr,
    .next = codec_next,
};
