/* NTP (scapy/layers/ntp.py): the UDP port 123 dispatch by mode, the RFC
 * 5905 header (NTPHeader) and its authenticator, and the fixed-point and
 * timestamp fields that every NTP class shares (Scapy's FixedPointField and
 * TimeStampField). Mode 7 is ntp_private.c. */
#include <string.h>
#include <time.h>

#include "packet.h"
#include "field_text.h"
#include "protos.h"
#include "strbuf.h"

/* Seconds from 1900-01-01 to 1970-01-01 (_NTP_BASETIME). */
#define NTP_BASETIME 2208988800ull

/* ------------------------------------------------------- decimal text */

/* A decimal number as Python's Decimal holds it: coefficient digits and
 * an exponent. */
struct dec {
    char c[48];
    size_t n;
    int exp;
};

/* Decimal's ROUND_HALF_EVEN to p significant digits. */
static void dec_round(struct dec *d, size_t p)
{
    if (d->n <= p)
        return;
    char next = d->c[p];
    bool rest = false;
    for (size_t i = p + 1; i < d->n; i++)
        rest |= d->c[i] != '0';
    bool odd = (d->c[p - 1] - '0') & 1;
    bool up = next > '5' || (next == '5' && (rest || odd));
    d->exp += (int)(d->n - p);
    d->n = p;
    size_t i = p;
    while (up && i > 0) {
        if (d->c[--i] == '9') {
            d->c[i] = '0';
        } else {
            d->c[i]++;
            up = false;
        }
    }
    if (up) { /* 99..9 became 10^p: p digits of 100..0, one place up */
        d->c[0] = '1';
        d->exp++;
    }
}

/* Python's str() of a Decimal (to-scientific-string). */
static int dec_str(const struct dec *d, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    int n = (int)d->n, adjusted = d->exp + n - 1;
    if (d->exp <= 0 && adjusted >= -6) {
        if (d->exp == 0) {
            ps_strbuf_putn(&b, d->c, d->n);
        } else if (n > -d->exp) {
            ps_strbuf_putn(&b, d->c, (size_t)(n + d->exp));
            ps_strbuf_putc(&b, '.');
            ps_strbuf_putn(&b, d->c + n + d->exp, (size_t)-d->exp);
        } else {
            ps_strbuf_puts(&b, "0.");
            for (int i = 0; i < -d->exp - n; i++)
                ps_strbuf_putc(&b, '0');
            ps_strbuf_putn(&b, d->c, d->n);
        }
    } else {
        ps_strbuf_putc(&b, d->c[0]);
        if (n > 1) {
            ps_strbuf_putc(&b, '.');
            ps_strbuf_putn(&b, d->c + 1, d->n - 1);
        }
        ps_strbuf_printf(&b, "E%+d", adjusted);
    }
    return ps_strbuf_result(&b);
}

/* FixedPointField.i2h of a value with `bits` fraction bits (16 or 32):
 * int_part + (EDecimal(frac) / 2**bits).normalize(int(log10(2**bits))),
 * the division rounded to Decimal's 28 digits first. *whole gets the
 * integer part of the sum (the fraction may round up to 1). */
static void fixed_dec(uint64_t v, unsigned bits, struct dec *d, uint64_t *whole)
{
    uint64_t ip = bits < 64 ? v >> bits : 0, fr = v & ((1ull << bits) - 1);
    unsigned __int128 x = fr;
    for (unsigned i = 0; i < bits; i++)
        x *= 5;
    char tmp[48];
    size_t k = sizeof tmp;
    do {
        tmp[--k] = (char)('0' + (int)(x % 10));
        x /= 10;
    } while (x);
    d->n = sizeof tmp - k;
    memcpy(d->c, tmp + k, d->n);
    d->exp = -(int)bits;
    dec_round(d, 28);
    dec_round(d, bits == 16 ? 4 : 9);
    while (d->n > 1 && d->c[d->n - 1] == '0') {
        d->n--;
        d->exp++;
    }
    if (d->n == 1 && d->c[0] == '0')
        d->exp = 0;
    *whole = ip;
    if (d->exp >= 0) { /* 0 or 1 */
        *whole += d->c[0] == '1';
        d->n = 0;
    }
    if (ip == 0 && d->n)
        return;
    /* ip + frac: ip's digits, then the fraction's, zero-padded. */
    char frac[48];
    size_t fn = d->n;
    int fexp = d->exp;
    memcpy(frac, d->c, fn);
    k = sizeof tmp;
    uint64_t w = *whole;
    do {
        tmp[--k] = (char)('0' + (int)(w % 10));
        w /= 10;
    } while (w);
    d->n = sizeof tmp - k;
    memcpy(d->c, tmp + k, d->n);
    d->exp = 0;
    if (fn) {
        for (size_t i = fn; i < (size_t)-fexp; i++)
            d->c[d->n++] = '0';
        memcpy(d->c + d->n, frac, fn);
        d->n += fn;
        d->exp = fexp;
    }
}

int ps_ntp_fixed16_repr(const struct ps_fval *v, char *out, size_t cap)
{
    struct dec d;
    uint64_t whole;
    fixed_dec(v->u, 16, &d, &whole);
    return dec_str(&d, out, cap);
}

/* TimeStampField.i2h in Python's str(). */
int ps_ntp_timestamp_text(const struct ps_fval *v, char *out, size_t cap)
{
    struct dec d;
    uint64_t whole;
    fixed_dec(v->u, 32, &d, &whole);
    return dec_str(&d, out, cap);
}

/* TimeStampField.i2repr: the decimal before 1970, else the UTC date. */
int ps_ntp_timestamp_repr(const struct ps_fval *v, char *out, size_t cap)
{
    static const char days[7][4] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
    static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    struct dec d;
    uint64_t whole;
    fixed_dec(v->u, 32, &d, &whole);
    if (whole < NTP_BASETIME)
        return dec_str(&d, out, cap);
    uint64_t t = whole - NTP_BASETIME, day = t / 86400, sec = t % 86400;
    /* Days to a civil date (H. Hinnant's days_from_civil, inverted). */
    uint64_t z = day + 719468, era = z / 146097, doe = z - era * 146097;
    uint64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    uint64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    uint64_t dd = doy - (153 * mp + 2) / 5 + 1, mm = mp < 10 ? mp + 3 : mp - 9;
    uint64_t yy = yoe + era * 400 + (mm <= 2);
    return snprintf(out, cap, "%s, %02u %s %04u %02u:%02u:%02u +0000", days[day % 7],
                    (unsigned)dd, months[mm - 1], (unsigned)yy, (unsigned)(sec / 3600),
                    (unsigned)(sec / 60 % 60), (unsigned)(sec % 60));
}

/* ------------------------------------------------------------ NTPHeader */

enum { H_LEAP, H_VERSION, H_MODE, H_STRATUM, H_POLL, H_PRECISION, H_DELAY, H_DISPERSION,
       H_ID, H_REF_ID, H_REF, H_ORIG, H_RECV, H_SENT };

static const struct ps_enum leaps[] = {
    {0, "no warning"},
    {1, "last minute of the day has 61 seconds"},
    {2, "last minute of the day has 59 seconds"},
    {3, "unknown (clock unsynchronized)"},
    {0, NULL},
};

const struct ps_enum ps_ntp_modes[] = {
    {0, "reserved"},     {1, "symmetric active"}, {2, "symmetric passive"},
    {3, "client"},       {4, "server"},           {5, "broadcast"},
    {6, "NTP control message"}, {7, "reserved for private use"}, {0, NULL},
};

static bool stratum_gt1(const struct ps_layer *l)
{
    return ps_layer_uint(l, H_STRATUM) > 1;
}
static bool stratum_lt2(const struct ps_layer *l)
{
    return ps_layer_uint(l, H_STRATUM) < 2;
}

/* _StrEnumField.i2repr: repr() of the bytes without their trailing \0.
 * The reference identifiers are str keys that bytes never equal: no name
 * is ever added. */
static int ref_id_repr(const struct ps_fval *v, char *out, size_t cap)
{
    size_t n = v->len;
    while (n > 0 && v->bytes[n - 1] == 0)
        n--;
    bool sq = memchr(v->bytes, '\'', n) != NULL, dq = memchr(v->bytes, '"', n) != NULL;
    char q = sq && !dq ? '"' : '\'';
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    ps_strbuf_putc(&b, 'b');
    ps_strbuf_putc(&b, q);
    for (size_t i = 0; i < n; i++) {
        uint8_t c = v->bytes[i];
        if (c == (uint8_t)q || c == '\\') {
            ps_strbuf_putc(&b, '\\');
            ps_strbuf_putc(&b, (char)c);
        } else if (c == '\t' || c == '\n' || c == '\r') {
            ps_strbuf_puts(&b, c == '\t' ? "\\t" : c == '\n' ? "\\n" : "\\r");
        } else if (c < 0x20 || c >= 0x7f) {
            ps_strbuf_printf(&b, "\\x%02x", c);
        } else {
            ps_strbuf_putc(&b, (char)c);
        }
    }
    ps_strbuf_putc(&b, q);
    return ps_strbuf_result(&b);
}

#define BITS(n, w, d, ls_t, d_s) \
    {.name = n, .kind = PS_K_UINT, .bits = w, .def = d, .ls_type = ls_t, .ls_default = d_s}
#define FIXED(n) \
    {.name = n, .kind = PS_K_UINT, .bits = 32, .scale = 1u << 16, .scale_held_raw = true, \
     .repr = ps_ntp_fixed16_repr, .dec_text = ps_ntp_fixed16_repr, .ls_type = "FixedPointField  (32 bits)", .ls_default = "0"}
#define STAMP(n, unset, d_s) \
    {.name = n, .kind = PS_K_UINT, .bits = 64, .is_auto = unset, .scale = 1ull << 32, \
     .scale_held_raw = true, .repr = ps_ntp_timestamp_repr, \
     .dec_text = ps_ntp_timestamp_text, .none_text = "--", \
     .ls_type = "TimeStampField  (64 bits)", .ls_default = d_s}

static const struct ps_field header_fields[] = {
    [H_LEAP] = {.name = "leap", .kind = PS_K_UINT, .bits = 2, .enums = leaps,
                .ls_type = "BitEnumField", .ls_default = "0"},
    [H_VERSION] = BITS("version", 3, 4, "BitField  (3 bits)", "4"),
    [H_MODE] = {.name = "mode", .kind = PS_K_UINT, .bits = 3, .def = 3, .enums = ps_ntp_modes,
                .ls_type = "BitEnumField", .ls_default = "3"},
    [H_STRATUM] = BITS("stratum", 8, 2, "BitField  (8 bits)", "2"),
    [H_POLL] = BITS("poll", 8, 10, "BitField  (8 bits)", "10"),
    [H_PRECISION] = BITS("precision", 8, 0, "BitField  (8 bits)", "0"),
    [H_DELAY] = FIXED("delay"),
    [H_DISPERSION] = FIXED("dispersion"),
    [H_ID] = {.name = "id", .kind = PS_K_IPV4, .def_text = "127.0.0.1", .present = stratum_gt1,
              .ls_type = "IPField (Cond)", .ls_default = "'127.0.0.1'"},
    [H_REF_ID] = {.name = "ref_id", .kind = PS_K_BYTES, .bits = 32, .def_text = "",
                  .present = stratum_lt2, .repr = ref_id_repr,
                  .ls_type = "StrFixedLenEnumField (Cond)", .ls_default = "b''"},
    [H_REF] = STAMP("ref", false, "0"),
    [H_ORIG] = STAMP("orig", true, "None"),
    [H_RECV] = STAMP("recv", false, "0"),
    [H_SENT] = STAMP("sent", true, "None"),
};

/* TimeStampField.i2m of None: the time it is built at. */
static void put_now(uint8_t *p)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t frac = ((uint64_t)ts.tv_nsec << 32) / 1000000000u;
    ps_put32(p, (uint32_t)((uint64_t)ts.tv_sec + NTP_BASETIME));
    ps_put32(p + 4, (uint32_t)frac);
}

static void header_post_build(struct ps_build *b, size_t idx)
{
    uint8_t *h = b->buf + b->start[idx];
    const struct ps_layer *l = &b->pkt->layers[idx];
    if (b->hlen[idx] < 48)
        return;
    if (!l->v[H_ORIG].set)
        put_now(h + 24);
    if (!l->v[H_SENT].set)
        put_now(h + 40);
}

/* _ntp_dispatcher: fewer than 8 bytes are Raw, else the mode picks:
 * NTPControl (ntp_control.c) for 6, NTPPrivate for 7. */
static const char *ntp_dispatch(const uint8_t *p, size_t len)
{
    if (len < 8)
        return "Raw";
    switch (p[0] & 7) {
    case 6:
        return "NTPControl";
    case 7:
        return "NTPPrivate";
    default:
        return "NTPHeader";
    }
}

/* NTPHeader.guess_payload_class: by the payload's length, a MAC alone (key
 * id and an MD5, SHA1, SHA256 or SHA512 digest), else extensions and MAC. */
static const char *header_payload(const struct ps_layer *l, const struct ps_layer *under,
                                  const uint8_t *p, size_t len)
{
    (void)l;
    (void)under;
    (void)p;
    if (len == 20 || len == 24 || len == 36 || len == 68)
        return "NTPAuthenticator";
    return len > 20 ? "NTPExtensions" : NULL;
}

/* NTP.mysummary: sprintf("NTP v%ir,NTP.version%, %NTP.mode%"). No class is
 * named NTP (the dispatcher makes NTPHeader, NTPControl or NTPPrivate), so
 * sprintf's relaxed lookup gives ?? for both. */
int ps_ntp_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    (void)pkt;
    (void)idx;
    return snprintf(out, cap, "NTP v??, ??");
}

/* bind_layers(UDP, NTP, sport=123), (dport=123), then both: the last
 * builds. */
static const struct ps_bind ntp_binds[] = {
    {"UDP", "sport", 123}, {"UDP", NULL, 0}, {"UDP", "dport", 123}, {"UDP", NULL, 0},
    {"UDP", "sport", 123}, {"UDP", "dport", 123}, {NULL, NULL, 0},
};
const struct ps_bind ps_ntp_build_binds[] = {
    {"UDP", "sport", 123},
    {"UDP", "dport", 123},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_ntp_header = {
    .name = "NTPHeader",
    .long_name = "NTPHeader",
    .fields = header_fields,
    .nfields = PS_NFIELDS(header_fields),
    .binds = ntp_binds,
    .build_binds = ps_ntp_build_binds,
    .post_build = header_post_build,
    .dispatch = ntp_dispatch,
    .guess_payload_from = header_payload,
    .mysummary = ps_ntp_summary,
};

/* ----------------------------------------------------- NTPAuthenticator */

enum { A_PADDING, A_KEY_ID, A_DGST };

/* _NTPAuthenticatorPaddingField.getfield: all but the last 20 bytes, or
 * None when there are no more than 20. */
static long padding_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                           struct ps_fval *v, struct ps_decode_room *room)
{
    (void)l;
    (void)room;
    size_t rest = len - off;
    v->bytes = p + off;
    v->len = rest > 20 ? rest - 20 : 0;
    return (long)v->len;
}

/* A dissected padding is None or at least one byte: empty prints None. */
static int padding_repr(const struct ps_fval *v, char *out, size_t cap)
{
    static const struct ps_field plain = {.kind = PS_K_BYTES};
    if (v->len == 0)
        return snprintf(out, cap, "None");
    return ps_format_value(&plain, v, out, cap);
}

/* XStrFixedLenField.i2repr: the bytes as hex digits. */
int ps_ntp_hex_repr(const struct ps_fval *v, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    ps_strbuf_hex(&b, v->bytes, v->len);
    return ps_strbuf_result(&b);
}

static const struct ps_field auth_fields[] = {
    [A_PADDING] = {.name = "padding", .kind = PS_K_BYTES, .def_text = "", .decode = padding_decode,
                   .repr = padding_repr, .ls_type = "_NTPAuthenticatorPaddingField",
                   .ls_default = "b''"},
    [A_KEY_ID] = {.name = "key_id", .kind = PS_K_UINT, .bits = 32, .ls_type = "IntField",
                  .ls_default = "0"},
    [A_DGST] = {.name = "dgst", .kind = PS_K_BYTES, .bits = 128, .def_text = "",
                .repr = ps_ntp_hex_repr, .ls_type = "XStrFixedLenField", .ls_default = "b''"},
};

/* extract_padding: no payload, what follows is Padding. */
static bool no_payload(const struct ps_layer *l, long *len)
{
    (void)l;
    *len = 0;
    return true;
}

const struct ps_proto ps_proto_ntp_authenticator = {
    .name = "NTPAuthenticator",
    .long_name = "Authenticator",
    .klass = "NTPAuthenticator", /* NTPExtensions.mac */
    .fields = auth_fields,
    .nfields = PS_NFIELDS(auth_fields),
    .payload_len = no_payload,
};
