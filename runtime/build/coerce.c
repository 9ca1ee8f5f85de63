#include "coerce.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "proto/proto.h"
#include "suggest.h"
#include "value.h"

const char *ps_type_name(enum ps_type t)
{
    static const char *const names[] = {
        [PT_NONE] = "none", [PT_INT] = "an integer", [PT_BOOL] = "a boolean",
        [PT_DUR] = "a duration", [PT_MAC] = "a MAC address", [PT_IP4] = "an IPv4 address",
        [PT_IP6] = "an IPv6 address", [PT_PREFIX4] = "an IPv4 prefix",
        [PT_PREFIX6] = "an IPv6 prefix", [PT_STR] = "a string", [PT_BYTES] = "bytes",
        [PT_LIST] = "a list", [PT_RANGE] = "a range", [PT_TUPLE] = "a tuple",
        [PT_PKT] = "a packet", [PT_PKTLIST] = "a packet list", [PT_PROTO] = "a layer",
        [PT_RANDOM] = "a random value", [PT_WIRE] = "an answer", [PT_ANY] = "a value",
        [PT_SNIFFER] = "an AsyncSniffer",
    };
    return names[t];
}

static const char *fail(char *err, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, cap, fmt, ap);
    va_end(ap);
    return err;
}

static const char *kind_name(enum ps_kind k)
{
    switch (k) {
    case PS_K_UINT: return "an integer";
    case PS_K_MAC: return "a MAC address";
    case PS_K_IPV4: return "an IPv4 address";
    case PS_K_IPV6: return "an IPv6 address";
    case PS_K_BYTES: return "a string or bytes";
    case PS_K_OPTIONS: return "an option list";
    case PS_K_LAYERS: return "a list of layers";
    }
    return "a value";
}

static uint64_t width_max(const struct ps_field *fd)
{
    return fd->bits >= 64 ? UINT64_MAX : ((uint64_t)1 << fd->bits) - 1;
}

static const char *fit(const struct ps_field *fd, uint64_t u, char *err, size_t cap)
{
    if (u > width_max(fd))
        return fail(err, cap, "%llu does not fit %s's %u bits", (unsigned long long)u,
                    fd->name, fd->bits);
    return NULL;
}

/* BCDFloatField.i2m of a decimal written as text ("1.5"): int(x * scale),
 * the fraction truncated as Python's int() does. */
static bool scaled_decimal(const struct ps_field *fd, const char *text, uint64_t *u)
{
    uint64_t whole = 0, num = 0, den = 1;
    const char *p = text;
    if (!*p || *p == '.')
        return false;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (whole > UINT32_MAX)
            return false;
        whole = whole * 10 + (uint64_t)(*p - '0');
    }
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++)
            if (den < 1000000000000ull) {
                num = num * 10 + (uint64_t)(*p - '0');
                den *= 10;
            }
    if (*p)
        return false;
    *u = whole * fd->scale + num * fd->scale / den;
    return true;
}

const char *ps_coerce_text(const struct ps_field *fd, const char *text, struct ps_fval *out,
                           char *err, size_t cap)
{
    memset(out, 0, sizeof *out);
    out->set = true;
    switch (fd->kind) {
    case PS_K_UINT: {
        if (ps_enum_value(fd, text, &out->u))
            return NULL;
        const char *bad = NULL;
        if (fd->flags && ps_flags_parse(fd, text, &out->u, &bad))
            return NULL;
        if (fd->scale) {
            if (scaled_decimal(fd, text, &out->u))
                return fit(fd, out->u, err, cap);
            return fail(err, cap, "'%s' is not a number of seconds for %s", text, fd->name);
        }
        char *end;
        unsigned long long u = strtoull(text, &end, 0);
        if (*text && !*end && text[0] != '-') {
            out->u = u;
            return fit(fd, u, err, cap);
        }
        if (fd->flags && bad)
            return fail(err, cap, "unknown flag '%s' for %s", bad, fd->name);
        return fail(err, cap, "'%s' is not a value of %s", text, fd->name);
    }
    case PS_K_MAC:
        return ps_parse_mac(text, out->addr) ? NULL
               : fail(err, cap, "'%s' is not a MAC address", text);
    case PS_K_IPV4:
        return ps_parse_ip4(text, out->addr) ? NULL
               : fail(err, cap, "'%s' is not an IPv4 address", text);
    case PS_K_IPV6:
        return ps_parse_ip6(text, out->addr) ? NULL
               : fail(err, cap, "'%s' is not an IPv6 address", text);
    default:
        return fail(err, cap, "%s takes %s", fd->name, kind_name(fd->kind));
    }
}

static const char *str_of(const struct ps_value *v, char *buf, size_t cap)
{
    size_t n = v->obj->len < cap - 1 ? v->obj->len : cap - 1;
    memcpy(buf, v->obj->bytes, n);
    buf[n] = '\0';
    return buf;
}

/* A field of several kinds (ps_field.variant, Scapy's MultipleTypeField)
 * takes what Scapy's would: an address, or a string, held as given and as
 * the address its text reads as (in a MAC field, a string that reads as
 * none is its first 6 bytes, as MACField writes it), for whichever variant
 * the layer's values pick when it is built. */
static const char *variant_scalar(const struct ps_field *fd, const struct ps_value *v,
                                  struct ps_fval *out, char *err, size_t cap)
{
    char text[64];
    switch (v->t) {
    case PT_MAC:
    case PT_IP4:
    case PT_IP6:
        memcpy(out->addr, v->addr, sizeof out->addr);
        return NULL;
    case PT_STR:
    case PT_BYTES: {
        out->bytes = v->obj->bytes;
        out->len = v->obj->len;
        bool is_text = out->len < sizeof text && !memchr(out->bytes, '\0', out->len);
        uint8_t mac[6];
        if (fd->kind == PS_K_MAC) {
            /* An address of another variant (LLDP's id) reads as that. */
            if (is_text && ps_parse_mac(str_of(v, text, sizeof text), mac))
                memcpy(out->addr, mac, 6);
            else if (is_text && (ps_parse_ip4(text, out->addr) || ps_parse_ip6(text, out->addr)))
                ;
            else
                memcpy(out->addr, out->bytes, out->len < 6 ? out->len : 6);
        } else if (is_text && !ps_parse_ip4(str_of(v, text, sizeof text), out->addr)) {
            (void)ps_parse_ip6(text, out->addr);
        }
        return NULL;
    }
    default:
        return fail(err, cap, "%s takes an address, a string or bytes, not %s", fd->name,
                    ps_type_name(v->t));
    }
}

/* One element of a value: into a plain field value. */
static const char *scalar(const struct ps_field *fd, const struct ps_value *v, struct ps_fval *out,
                          char *err, size_t cap)
{
    memset(out, 0, sizeof *out);
    out->set = true;
    if (fd->variant)
        return variant_scalar(fd, v, out, err, cap);
    /* Bytes for a field whose other variant is a 0-byte string (ICMP's unused
     * of an echo or an unreachable): Scapy's StrFixedLenField(length=0)
     * writes none of them, so the field stays as if not given. */
    if (fd->empty_when_absent && (v->t == PT_BYTES || v->t == PT_STR)) {
        out->set = false;
        return NULL;
    }
    switch (v->t) {
    case PT_INT:
    case PT_BOOL:
        if (fd->kind == PS_K_UINT) {
            if (fd->scale && v->u > UINT64_MAX / fd->scale)
                return fail(err, cap, "%llu does not fit %s's %u bits",
                            (unsigned long long)v->u, fd->name, fd->bits);
            out->u = fd->scale ? v->u * fd->scale : v->u;
            return fit(fd, out->u, err, cap);
        }
        break;
    case PT_MAC:
        if (fd->kind == PS_K_MAC) {
            memcpy(out->addr, v->addr, 6);
            return NULL;
        }
        break;
    case PT_IP4:
        if (fd->kind == PS_K_IPV4) {
            memcpy(out->addr, v->addr, 4);
            return NULL;
        }
        break;
    case PT_IP6:
        if (fd->kind == PS_K_IPV6) {
            memcpy(out->addr, v->addr, 16);
            return NULL;
        }
        break;
    case PT_STR:
    case PT_BYTES:
        if (fd->kind == PS_K_BYTES || fd->kind == PS_K_OPTIONS || fd->kind == PS_K_LAYERS) {
            out->bytes = v->obj->bytes;
            out->len = v->obj->len;
            return NULL;
        }
        /* A BCDFloatField reads a fraction as text: its bytes too. */
        if (v->t == PT_STR || (fd->scale && v->obj->len < 64)) {
            char text[256];
            return ps_coerce_text(fd, str_of(v, text, sizeof text), out, err, cap);
        }
        break;
    default:
        break;
    }
    return fail(err, cap, "%s takes %s, not %s", fd->name, kind_name(fd->kind),
                ps_type_name(v->t));
}

static void keep(struct ps_tfield *f, const struct ps_value *v)
{
    if (v->obj) {
        f->keep = v->obj;
        v->obj->refs++;
    }
}

static bool known_tcp_option(const char *name)
{
    for (const char *const *k = ps_tcp_option_names(); *k; k++)
        if (strcmp(*k, name) == 0)
            return true;
    return false;
}

/* TCP options written as Scapy's list of (name, value) tuples. */
static const char *tcp_options(struct ps_tfield *f, const struct ps_value *list, char *err,
                               size_t cap)
{
    uint8_t buf[512];
    size_t len = 0;
    for (size_t i = 0; i < list->obj->n; i++) {
        const struct ps_value *t = &list->obj->items[i];
        if (t->t != PT_TUPLE || t->obj->n != 2)
            return fail(err, cap, "an option is a (name, value) tuple");
        const struct ps_value *name = &t->obj->items[0], *val = &t->obj->items[1];
        struct ps_optarg arg = {.kind = PS_OA_NONE};
        switch (val->t) {
        case PT_NONE:
            break;
        case PT_INT:
            arg.kind = PS_OA_INTS;
            arg.ints[arg.nints++] = val->u;
            break;
        case PT_TUPLE:
        case PT_LIST:
            arg.kind = PS_OA_INTS;
            for (size_t k = 0; k < val->obj->n; k++) {
                if (val->obj->items[k].t != PT_INT || arg.nints == 16)
                    return fail(err, cap, "option values are integers");
                arg.ints[arg.nints++] = val->obj->items[k].u;
            }
            break;
        case PT_STR:
        case PT_BYTES:
            arg.kind = PS_OA_BYTES;
            arg.bytes = val->obj->bytes;
            arg.len = val->obj->len;
            break;
        default:
            return fail(err, cap, "an option's value cannot be %s", ps_type_name(val->t));
        }
        char nbuf[64];
        const char *oname = NULL;
        unsigned kind = 0;
        if (name->t == PT_STR)
            oname = str_of(name, nbuf, sizeof nbuf);
        else if (name->t == PT_INT && name->u <= 255)
            kind = (unsigned)name->u;
        else
            return fail(err, cap, "an option's name is a string or a kind number");
        const char *why = NULL;
        int n = ps_tcp_option_encode(oname, kind, &arg, buf + len, sizeof buf - len, &why);
        if (n < 0 && oname && !known_tcp_option(oname)) {
            struct ps_suggest sg;
            ps_suggest_init(&sg, oname);
            for (const char *const *k = ps_tcp_option_names(); *k; k++)
                ps_suggest_offer(&sg, *k);
            const char *best = ps_suggest_best(&sg);
            return best ? fail(err, cap, "unknown TCP option '%s' (did you mean '%s'?)", oname, best)
                        : fail(err, cap, "unknown TCP option '%s'", oname);
        }
        if (n < 0)
            return fail(err, cap, "%s", why ? why : "bad option");
        len += (size_t)n;
    }
    struct ps_value bytes = ps_val_bytes(PT_BYTES, buf, len);
    f->src = FS_CONST;
    f->one.set = true;
    f->one.bytes = bytes.obj->bytes;
    f->one.len = len;
    f->keep = bytes.obj;
    return NULL;
}

/* One value of an option tuple (DHCP's), as the codec takes it. */
static bool option_value(const struct ps_value *v, struct ps_optval *o)
{
    memset(o, 0, sizeof *o);
    switch (v->t) {
    case PT_INT:
        o->kind = PS_OV_INT;
        o->u = v->u;
        return true;
    case PT_IP4:
        o->kind = PS_OV_IPV4;
        memcpy(o->addr, v->addr, 4);
        return true;
    case PT_STR:
    case PT_BYTES:
        o->kind = PS_OV_BYTES;
        o->bytes = v->obj->bytes;
        o->len = v->obj->len;
        o->text = v->t == PT_STR;
        return true;
    case PT_LIST:
    case PT_TUPLE:
        o->kind = PS_OV_INTS;
        for (size_t k = 0; k < v->obj->n; k++) {
            if (v->obj->items[k].t != PT_INT || o->nints == sizeof o->ints / sizeof o->ints[0])
                return false;
            o->ints[o->nints++] = v->obj->items[k].u;
        }
        return true;
    default:
        return false;
    }
}

/* One element of a codec's option list: a name, a code, bytes, or a tuple. */
static const char *option_elem(const struct ps_value *t, struct ps_optelem *e, char *nbuf,
                               size_t ncap, char *err, size_t cap)
{
    memset(e, 0, sizeof *e);
    switch (t->t) {
    case PT_STR:
        e->kind = PS_OE_NAME;
        e->name = str_of(t, nbuf, ncap);
        return NULL;
    case PT_INT:
        e->kind = PS_OE_INT;
        e->code = (unsigned)(t->u > 255 ? 256 : t->u);
        return NULL;
    case PT_BYTES:
        e->kind = PS_OE_BYTES;
        (void)option_value(t, &e->vals[0]);
        e->nvals = 1;
        return NULL;
    case PT_TUPLE:
        break;
    default:
        return fail(err, cap, "an option is a name, bytes or a (name, value, ...) tuple");
    }
    const struct ps_value *name = &t->obj->items[0];
    if (t->obj->n < 2 || t->obj->n - 1 > sizeof e->vals / sizeof e->vals[0])
        return fail(err, cap, "an option tuple holds a name and 1 to %zu values",
                    sizeof e->vals / sizeof e->vals[0]);
    e->kind = PS_OE_TUPLE;
    if (name->t == PT_STR)
        e->name = str_of(name, nbuf, ncap);
    else if (name->t == PT_INT && name->u <= 255)
        e->code = (unsigned)name->u;
    else
        return fail(err, cap, "an option's name is a string or a code 0..255");
    for (size_t k = 1; k < t->obj->n; k++)
        if (!option_value(&t->obj->items[k], &e->vals[e->nvals++]))
            return fail(err, cap,
                        "an option's value is an integer, an IPv4 address, a string, bytes "
                        "or a list of integers, not %s",
                        ps_type_name(t->obj->items[k].t));
    return NULL;
}

/* Whether a and b differ at most in '-' against '_'. */
static bool same_but_dashes(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (*a != *b && !(strchr("-_", *a) && strchr("-_", *b)))
            return false;
    return *a == *b;
}

/* An option list a codec writes (DHCP's), Scapy's list of names and tuples. */
static const char *codec_options(struct ps_tfield *f, const struct ps_optcodec *c,
                                 const struct ps_value *list, char *err, size_t cap)
{
    uint8_t buf[2048];
    size_t len = 0;
    for (size_t i = 0; i < list->obj->n; i++) {
        struct ps_optelem e;
        char nbuf[64];
        const char *bad = option_elem(&list->obj->items[i], &e, nbuf, sizeof nbuf, err, cap);
        if (bad)
            return bad;
        const char *why = NULL;
        int n = c->encode(&e, buf + len, sizeof buf - len, &why);
        if (n < 0 && !why) {
            struct ps_suggest sg;
            ps_suggest_init(&sg, e.name ? e.name : "");
            for (const char *const *k = c->names(); *k; k++)
                ps_suggest_offer(&sg, *k);
            const char *best = ps_suggest_best(&sg);
            /* The suggester reads '-' and '_' as one; these names do not. */
            for (const char *const *k = c->names(); !best && e.name && *k; k++)
                if (same_but_dashes(*k, e.name))
                    best = *k;
            return best ? fail(err, cap, "unknown %s '%s' (did you mean '%s'?)", c->what,
                               e.name ? e.name : "", best)
                        : fail(err, cap, "unknown %s '%s'", c->what, e.name ? e.name : "");
        }
        if (n < 0)
            return fail(err, cap, "%s", why);
        len += (size_t)n;
    }
    struct ps_value bytes = ps_val_bytes(PT_BYTES, buf, len);
    f->src = FS_CONST;
    f->one.set = true;
    f->one.bytes = bytes.obj->bytes;
    f->one.len = len;
    f->keep = bytes.obj;
    return NULL;
}

/* A list of IPv4 (size 4) or IPv6 (size 16) addresses held encoded
 * (IPOption_RR.routers, IPv6ExtHdrRouting.addresses): in Scapy a list
 * there is the field's value, not a set of packets. */
static const char *address_list(struct ps_tfield *f, const struct ps_value *v, size_t size,
                                char *err, size_t cap)
{
    size_t n = v->t == PT_LIST ? v->obj->n : 1;
    uint8_t *buf = calloc(n ? n * size : 1, 1);
    if (!buf)
        abort();
    for (size_t i = 0; i < n; i++) {
        const struct ps_value *a = v->t == PT_LIST ? &v->obj->items[i] : v;
        char text[64];
        uint8_t *at = buf + size * i;
        bool ok = a->t == (size == 4 ? PT_IP4 : PT_IP6);
        if (ok)
            memcpy(at, a->addr, size);
        else if (a->t == PT_STR)
            ok = size == 4 ? ps_parse_ip4(str_of(a, text, sizeof text), at)
                           : ps_parse_ip6(str_of(a, text, sizeof text), at);
        if (!ok) {
            free(buf);
            return fail(err, cap, "a list of %s addresses goes here", size == 4 ? "IPv4" : "IPv6");
        }
    }
    struct ps_value bytes = ps_val_bytes(PT_BYTES, buf, n * size);
    free(buf);
    f->src = FS_CONST;
    f->one.set = true;
    f->one.bytes = bytes.obj->bytes;
    f->one.len = n * size;
    f->keep = bytes.obj;
    return NULL;
}

/* An address given to a bytes field with a wire form of its own (DNSRR's
 * rdata of an A or AAAA record): held as its text, as Scapy holds it. */
static const char *address_text(struct ps_tfield *f, const struct ps_value *v)
{
    char text[64];
    if (v->t == PT_IP4)
        ps_format_ip4(v->addr, text);
    else
        ps_format_ip6(v->addr, text);
    struct ps_value str = ps_val_bytes(PT_STR, (const uint8_t *)text, strlen(text));
    f->src = FS_CONST;
    f->one.set = true;
    f->one.bytes = str.obj->bytes;
    f->one.len = str.obj->len;
    f->keep = str.obj;
    return NULL;
}

/* The text of an address value, as a spec would write it in a string. */
static size_t text_of_address(const struct ps_value *v, char out[64])
{
    if (v->t == PT_MAC)
        ps_format_mac(v->addr, out);
    else if (v->t == PT_IP4)
        ps_format_ip4(v->addr, out);
    else if (v->t == PT_IP6)
        ps_format_ip6(v->addr, out);
    else
        return 0;
    return strlen(out);
}

/* A field of several kinds holds each address given to it also as its
 * text (Scapy holds the str it was given, which a variant that is a
 * string writes): vals[i] took given[i]. The texts share one buffer that
 * the field keeps along with what it kept before. */
static void variant_texts(struct ps_tfield *f, const struct ps_value *given, struct ps_fval *vals,
                          size_t n)
{
    char text[64];
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += text_of_address(&given[i], text);
    if (total == 0)
        return;
    uint8_t *all = malloc(total);
    if (!all)
        abort();
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k = text_of_address(&given[i], text);
        memcpy(all + at, text, k);
        at += k;
    }
    struct ps_value texts = ps_val_bytes(PT_BYTES, all, total);
    free(all);
    at = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k = text_of_address(&given[i], text);
        if (k) {
            vals[i].bytes = texts.obj->bytes + at;
            vals[i].len = k;
        }
        at += k;
    }
    if (f->keep) {
        struct ps_value hold = ps_val_list(PT_LIST);
        ps_list_push(&hold, (struct ps_value){.t = f->keep->t, .obj = f->keep});
        ps_list_push(&hold, texts);
        f->keep = hold.obj;
    } else {
        f->keep = texts.obj;
    }
}

/* Whether a template draws a random value. */
static bool draws_random(const struct ps_tpkt *t)
{
    for (size_t i = 0; i < t->n; i++)
        for (size_t fi = 0; fi < t->layers[i]->proto->nfields; fi++)
            if (t->layers[i]->f[fi].src == FS_RANDOM)
                return true;
    return false;
}

/* The most lists a set inside elements may make: each is built in full. */
#define MAX_SUB_CHOICES 4096

/* Each item is an element, or a stack of them (Scapy chains DNS records:
 * qd=DNSQR()/DNSQR()). A record holding a set makes the field a set of
 * lists, one a member, as Scapy makes a packet of each (the first element
 * varies fastest, and in an element its first field): the lists sit one
 * after another in layer->sub[fi], and the field is FS_URANGE over their
 * index (ps_tfield_member picks one). */
static const char *sub_layers(struct ps_tlayer *layer, int fi, const struct ps_value *v, char *err,
                              size_t cap)
{
    const struct ps_field *fd = &layer->proto->fields[fi];
    size_t items = v->t == PT_PKT ? 1 : v->obj->n, n = 0;
    uint64_t choices = 1;
    for (size_t i = 0; i < items; i++) {
        const struct ps_value *e = v->t == PT_PKT ? v : &v->obj->items[i];
        bool ok = e->t == PT_PKT && e->obj->pkt.n > 0;
        for (size_t j = 0; ok && j < e->obj->pkt.n; j++) {
            ok = ps_field_takes_class(fd, e->obj->pkt.layers[j]->proto->klass);
        }
        if (!ok)
            return fail(err, cap, "%s takes %s layers", fd->name, fd->sub_class);
        if (draws_random(&e->obj->pkt))
            return fail(err, cap, "a random value inside %s's %s is not built (Scapy draws a "
                        "new one for each packet): give the element a set, or vary it with a "
                        "for loop", layer->proto->name, fd->name);
        uint64_t c = ps_tpkt_count(&e->obj->pkt);
        if (c > 1 && !fd->chain)
            return fail(err, cap, "a set inside an element of %s's %s is not built (Scapy 2.5 "
                        "keeps its first member alone): vary the element with a for loop",
                        layer->proto->name, fd->name);
        if (c > MAX_SUB_CHOICES || choices * c > MAX_SUB_CHOICES)
            return fail(err, cap, "the sets inside %s's %s make more than %d lists of it: vary "
                        "the elements with a for loop", layer->proto->name, fd->name,
                        MAX_SUB_CHOICES);
        choices *= c;
        n += e->obj->pkt.n;
    }
    size_t total = n * (size_t)choices;
    struct ps_layer *sub = calloc(total ? total : 1, sizeof *sub);
    if (!sub)
        abort();
    for (uint64_t m = 0, k = 0; m < choices; m++) {
        uint64_t rest = m;
        for (size_t i = 0; i < items; i++) {
            const struct ps_value *e = v->t == PT_PKT ? v : &v->obj->items[i];
            uint64_t c = ps_tpkt_count(&e->obj->pkt), rng = 1;
            struct ps_packet one;
            ps_tpkt_member(&e->obj->pkt, rest % c, &rng, &one);
            rest /= c;
            for (size_t j = 0; j < one.n; j++)
                sub[k++] = one.layers[j];
        }
    }
    free(layer->sub[fi]);
    layer->sub[fi] = sub;
    layer->nsub[fi] = total;
    struct ps_tfield *f = &layer->f[fi];
    f->src = choices > 1 ? FS_URANGE : FS_CONST;
    f->lo = 0;
    f->hi = choices - 1;
    f->one.set = true;
    /* The sub-layers' own bytes fields point into the elements: keep them. */
    keep(f, v);
    return NULL;
}

/* Whether a list given to fd is one value of it for the layer's values
 * (ps_field.list_on: a TXT record's strings), rather than a set. */
static bool list_is_value(const struct ps_tlayer *layer, const struct ps_field *fd)
{
    if (!fd->list_encode)
        return false;
    if (!fd->list_on)
        return true;
    int on = ps_field_index(layer->proto, fd->list_on);
    if (on < 0)
        return false;
    const struct ps_tfield *t = &layer->f[on];
    if (t->src == FS_UNSET)
        return layer->proto->fields[on].def == fd->list_when;
    return t->src == FS_CONST && t->one.u == fd->list_when;
}

/* Such a list's strings, written as the field's wire form into one value. */
static const char *list_value(struct ps_tfield *f, const struct ps_field *fd,
                              const struct ps_value *v, char *err, size_t cap)
{
    size_t n = v->obj->n;
    struct ps_fval *items = calloc(n ? n : 1, sizeof *items);
    if (!items)
        abort();
    for (size_t i = 0; i < n; i++) {
        const struct ps_value *s = &v->obj->items[i];
        items[i].set = true;
        if (s->t == PT_INT) {
            items[i].u = s->u;
            continue;
        }
        if (s->t != PT_STR && s->t != PT_BYTES) {
            free(items);
            return fail(err, cap, "%s takes a list of %s here, not %s", fd->name,
                        fd->list_what, ps_type_name(s->t));
        }
        items[i].bytes = s->obj->bytes;
        items[i].len = s->obj->len;
    }
    long len = fd->list_encode(items, n, NULL, 0);
    if (len < 0) {
        free(items);
        return fail(err, cap, "%s takes a list of %s here", fd->name, fd->list_what);
    }
    uint8_t *buf = malloc(len > 0 ? (size_t)len : 1);
    if (!buf)
        abort();
    fd->list_encode(items, n, buf, (size_t)len);
    free(items);
    struct ps_value bytes = ps_val_bytes(PT_BYTES, buf, (size_t)len);
    free(buf);
    f->src = FS_CONST;
    f->one.set = true;
    f->one.bytes = bytes.obj->bytes;
    f->one.len = bytes.obj->len;
    if (fd->list_view)
        fd->list_view(&f->one);
    f->keep = bytes.obj;
    return NULL;
}

const char *ps_coerce_field(struct ps_tlayer *layer, int fi, const struct ps_value *v,
                            char *err, size_t cap)
{
    const struct ps_field *fd = &layer->proto->fields[fi];
    struct ps_tfield *f = &layer->f[fi];
    ps_tfield_clear(f);
    free(layer->sub[fi]);
    layer->sub[fi] = NULL;
    layer->nsub[fi] = 0;

    if (v->t == PT_NONE)
        return NULL; /* Scapy's None: back to the default or auto rule */

    if (fd->kind == PS_K_OPTIONS && v->t == PT_LIST)
        return fd->optcodec ? codec_options(f, fd->optcodec, v, err, cap)
                            : tcp_options(f, v, err, cap);
    if (fd->ipv4_list && (v->t == PT_LIST || v->t == PT_IP4))
        return address_list(f, v, 4, err, cap);
    if (fd->ipv6_list && (v->t == PT_LIST || v->t == PT_IP6))
        return address_list(f, v, 16, err, cap);
    if (fd->kind == PS_K_BYTES && fd->encode && (v->t == PT_IP4 || v->t == PT_IP6))
        return address_text(f, v);
    if (fd->kind == PS_K_LAYERS && (v->t == PT_LIST || v->t == PT_PKT))
        return sub_layers(layer, fi, v, err, cap);

    switch (v->t) {
    case PT_RANDOM:
        if (fd->kind != PS_K_UINT && fd->kind != PS_K_MAC && fd->kind != PS_K_IPV4 &&
            fd->kind != PS_K_IPV6)
            return fail(err, cap, "%s cannot be random", fd->name);
        f->src = FS_RANDOM;
        f->lo = v->u;
        f->hi = v->hi ? v->hi : width_max(fd);
        if (fd->kind == PS_K_UINT && f->hi > width_max(fd))
            return fit(fd, f->hi, err, cap);
        return NULL;
    case PT_RANGE:
        if (fd->kind != PS_K_UINT)
            return fail(err, cap, "%s takes %s, not a range", fd->name, kind_name(fd->kind));
        if (v->u > v->hi)
            return fail(err, cap, "empty range %llu..%llu", (unsigned long long)v->u,
                        (unsigned long long)v->hi);
        if (v->hi - v->u >= PS_MAX_SET_MEMBERS)
            return fail(err, cap, "range %llu..%llu stands for more than 2^63 packets",
                        (unsigned long long)v->u, (unsigned long long)v->hi);
        f->src = FS_URANGE;
        f->lo = v->u;
        f->hi = v->hi;
        return fit(fd, v->hi, err, cap);
    case PT_PREFIX4:
    case PT_PREFIX6:
        if (fd->kind != (v->t == PT_PREFIX4 ? PS_K_IPV4 : PS_K_IPV6))
            return fail(err, cap, "%s takes %s, not %s", fd->name, kind_name(fd->kind),
                        ps_type_name(v->t));
        if ((v->t == PT_PREFIX4 ? 32 : 128) - v->prefix > 24)
            return fail(err, cap, "prefix /%d stands for too many packets", v->prefix);
        f->src = FS_PREFIX;
        f->one.set = true;
        memcpy(f->one.addr, v->addr, 16);
        f->prefix = v->prefix;
        /* Scapy's Net() starts at the network address, whatever host bits are written. */
        ps_mask_prefix(f->one.addr, v->t == PT_PREFIX4 ? 4 : 16, v->prefix);
        return NULL;
    case PT_LIST:
        if (fd->flags) {
            /* Scapy ORs a list of flags into one value rather than making a set. */
            uint64_t all = 0;
            for (size_t i = 0; i < v->obj->n; i++) {
                struct ps_fval one;
                const char *e = scalar(fd, &v->obj->items[i], &one, err, cap);
                if (e)
                    return e;
                all |= one.u;
            }
            f->src = FS_CONST;
            f->one.set = true;
            f->one.u = all;
            return NULL;
        }
        if (list_is_value(layer, fd))
            return list_value(f, fd, v, err, cap);
        if (v->obj->n == 0)
            return fail(err, cap, "%s: an empty list is no packet at all", fd->name);
        f->src = FS_LIST;
        f->nmembers = v->obj->n;
        f->members = calloc(v->obj->n, sizeof *f->members);
        if (!f->members)
            abort();
        for (size_t i = 0; i < v->obj->n; i++) {
            const char *e = scalar(fd, &v->obj->items[i], &f->members[i], err, cap);
            if (e)
                return e;
        }
        keep(f, v);
        if (fd->variant)
            variant_texts(f, v->obj->items, f->members, v->obj->n);
        return NULL;
    case PT_STR:
        if ((fd->kind == PS_K_IPV4 || fd->kind == PS_K_IPV6) &&
            memchr(v->obj->bytes, '/', v->obj->len)) {
            /* "10.0.0.0/30" in a string: a prefix, as Scapy's Net() reads it. */
            char text[128];
            struct ps_value pv = {.t = PT_PREFIX4};
            bool v6;
            bool prefix = ps_parse_prefix(str_of(v, text, sizeof text), pv.addr, &pv.prefix, &v6);
            if (prefix) {
                pv.t = v6 ? PT_PREFIX6 : PT_PREFIX4;
                return ps_coerce_field(layer, fi, &pv, err, cap);
            }
            /* A field of several kinds keeps any other string as it is
             * (ARP(plen=2, pdst="=/"): two bytes), as Scapy's does. */
            if (!fd->variant)
                return fail(err, cap, "'%s' is not a prefix", text);
        }
        /* fall through */
    default: {
        const char *e = scalar(fd, v, &f->one, err, cap);
        if (e)
            return e;
        f->src = FS_CONST;
        keep(f, v);
        if (fd->variant)
            variant_texts(f, v, &f->one, 1);
        return NULL;
    }
    }
}
