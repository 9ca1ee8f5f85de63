/* TCP options as Scapy 2.5.0's TCPOptionsField.i2m writes them, from its
 * TCPOptions table (scapy/layers/inet.py). */
#include <string.h>

#include "proto.h"

/* How a value is packed: Scapy's struct format for the option. */
enum optfmt {
    OF_NONE,   /* None in Scapy: the value must be bytes, written as they are */
    OF_INTS,   /* fixed list of big-endian integers ("!H", "!II", "!BH") */
    OF_SACK,   /* "!" + "%iI": any number of 32-bit integers */
    OF_FIXSTR, /* "16s": bytes cut or padded with \0 to `size` */
    OF_PSTR,   /* "!p": struct.pack refuses anything but bytes, taken raw */
};

struct tcpopt {
    const char *name;
    uint8_t kind;
    enum optfmt fmt;
    uint8_t widths[2]; /* OF_INTS: bytes of each integer; OF_FIXSTR: size */
    uint8_t nwidths;
    const char *want; /* the error for a value of the wrong shape */
};

static const struct tcpopt options[] = {
    {"EOL", 0, OF_NONE, {0}, 0, NULL},
    {"NOP", 1, OF_NONE, {0}, 0, NULL},
    {"MSS", 2, OF_INTS, {2}, 1, "TCP option 'MSS' takes an integer (0..65535) or bytes"},
    {"WScale", 3, OF_INTS, {1}, 1, "TCP option 'WScale' takes an integer (0..255) or bytes"},
    {"SAckOK", 4, OF_NONE, {0}, 0, "TCP option 'SAckOK' takes bytes (\"\" when empty)"},
    {"SAck", 5, OF_SACK, {0}, 0, "TCP option 'SAck' takes a tuple of 32-bit integers or bytes"},
    {"Timestamp", 8, OF_INTS, {4, 4}, 2,
     "TCP option 'Timestamp' takes a pair of 32-bit integers or bytes"},
    {"AltChkSum", 14, OF_INTS, {1, 2}, 2,
     "TCP option 'AltChkSum' takes a pair (0..255, 0..65535) or bytes"},
    {"AltChkSumOpt", 15, OF_NONE, {0}, 0,
     "TCP option 'AltChkSumOpt' takes bytes (\"\" when empty)"},
    {"MD5", 19, OF_FIXSTR, {16}, 1, "TCP option 'MD5' takes bytes (16)"},
    {"Mood", 25, OF_PSTR, {0}, 0, "TCP option 'Mood' takes bytes"},
    {"UTO", 28, OF_INTS, {2}, 1, "TCP option 'UTO' takes an integer (0..65535) or bytes"},
    {"AO", 29, OF_NONE, {0}, 0, "TCP option 'AO' takes bytes"},
    {"TFO", 34, OF_INTS, {4, 4}, 2, "TCP option 'TFO' takes a pair of 32-bit integers or bytes"},
};

#define NOPTIONS (sizeof options / sizeof options[0])

static const char *const names[NOPTIONS + 1] = {
    "EOL", "NOP", "MSS", "WScale", "SAckOK", "SAck", "Timestamp", "AltChkSum",
    "AltChkSumOpt", "MD5", "Mood", "UTO", "AO", "TFO", NULL,
};

const char *const *ps_tcp_option_names(void)
{
    return names;
}

static const struct tcpopt *find(const char *name)
{
    for (size_t i = 0; i < NOPTIONS; i++)
        if (strcmp(options[i].name, name) == 0)
            return &options[i];
    return NULL;
}

static int fail(const char **err, const char *msg)
{
    if (err)
        *err = msg;
    return -1;
}

/* kind, length, value: the TLV every option but EOL and NOP is. */
static int put_tlv(uint8_t kind, const uint8_t *v, size_t n, uint8_t *out, size_t cap,
                   const char **err)
{
    if (n + 2 > 255)
        return fail(err, "a TCP option's value is at most 253 bytes");
    if (n + 2 > cap)
        return fail(err, "TCP options do not fit");
    out[0] = kind;
    out[1] = (uint8_t)(n + 2);
    if (n)
        memcpy(out + 2, v, n);
    return (int)n + 2;
}

static int put_single(uint8_t byte, uint8_t *out, size_t cap, const char **err)
{
    if (cap < 1)
        return fail(err, "TCP options do not fit");
    out[0] = byte;
    return 1;
}

static bool pack_int(uint64_t v, unsigned width, uint8_t *out)
{
    if (width < 8 && v >> (8 * width))
        return false;
    for (unsigned i = 0; i < width; i++)
        out[i] = (uint8_t)(v >> (8 * (width - 1 - i)));
    return true;
}

static int encode_known(const struct tcpopt *o, const struct ps_optarg *arg, uint8_t *out,
                        size_t cap, const char **err)
{
    uint8_t v[16 * 4];
    size_t n = 0;
    /* i2m packs only non-bytes values, or any value of an "s" format. */
    if (arg->kind == PS_OA_BYTES && o->fmt != OF_FIXSTR)
        return put_tlv(o->kind, arg->bytes, arg->len, out, cap, err);
    switch (o->fmt) {
    case OF_NONE:
    case OF_PSTR:
        return fail(err, o->want);
    case OF_FIXSTR:
        if (arg->kind != PS_OA_BYTES)
            return fail(err, o->want);
        n = o->widths[0];
        memset(v, 0, n);
        memcpy(v, arg->bytes, arg->len < n ? arg->len : n);
        break;
    case OF_INTS:
        if (arg->kind != PS_OA_INTS || arg->nints != o->nwidths)
            return fail(err, o->want);
        for (size_t i = 0; i < o->nwidths; i++) {
            if (!pack_int(arg->ints[i], o->widths[i], v + n))
                return fail(err, o->want);
            n += o->widths[i];
        }
        break;
    case OF_SACK:
        if (arg->kind != PS_OA_INTS || arg->nints > 16)
            return fail(err, o->want);
        for (size_t i = 0; i < arg->nints; i++) {
            if (!pack_int(arg->ints[i], 4, v + n))
                return fail(err, o->want);
            n += 4;
        }
        break;
    }
    return put_tlv(o->kind, v, n, out, cap, err);
}

int ps_tcp_option_encode(const char *name, unsigned kind, const struct ps_optarg *arg,
                         uint8_t *out, size_t cap, const char **err)
{
    static const struct ps_optarg none = {.kind = PS_OA_NONE};
    if (!arg)
        arg = &none;
    if (!name) {
        /* (0, x) and (1, x) are EOL and NOP; other numbers take raw bytes. */
        if (kind == 0 || kind == 1)
            return put_single((uint8_t)kind, out, cap, err);
        if (kind > 255)
            return fail(err, "a TCP option kind is 0..255");
        if (arg->kind != PS_OA_BYTES)
            return fail(err, "a TCP option given by number takes bytes");
        return put_tlv((uint8_t)kind, arg->bytes, arg->len, out, cap, err);
    }
    const struct tcpopt *o = find(name);
    if (!o)
        return fail(err, "unknown TCP option");
    /* Scapy writes EOL and NOP as one byte whatever their value. */
    if (o->kind == 0 || o->kind == 1)
        return put_single(o->kind, out, cap, err);
    return encode_known(o, arg, out, cap, err);
}
