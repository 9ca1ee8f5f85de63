#include "pktbuild.h"

#include <CUnit/CUnit.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "proto/proto.h"

void tp_init(struct tp *t)
{
    memset(t, 0, sizeof *t);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

size_t tp_unhex(const char *hex, uint8_t *out, size_t cap)
{
    size_t n = 0;
    while (*hex) {
        if (*hex == ' ') {
            hex++;
            continue;
        }
        int hi = hexval(hex[0]), lo = hex[1] ? hexval(hex[1]) : -1;
        CU_ASSERT_FATAL(hi >= 0 && lo >= 0 && n < cap);
        out[n++] = (uint8_t)(hi << 4 | lo);
        hex += 2;
    }
    return n;
}

static uint8_t *pool_take(struct tp *t, size_t n)
{
    CU_ASSERT_FATAL(t->used + n <= sizeof t->pool);
    uint8_t *p = t->pool + t->used;
    t->used += n;
    return p;
}

void tp_set(struct tp *t, struct ps_layer *l, const char *field, const char *value)
{
    int fi = ps_field_index(l->proto, field);
    CU_ASSERT_FATAL(fi >= 0);
    const struct ps_field *f = &l->proto->fields[fi];
    struct ps_fval *v = &l->v[fi];
    v->set = true;
    switch (f->kind) {
    case PS_K_UINT: {
        char *end;
        const char *bad = NULL;
        if (value[0] >= '0' && value[0] <= '9') {
            v->u = strtoull(value, &end, 0);
            CU_ASSERT_FATAL(*end == '\0');
        } else if (!ps_enum_value_in(l, f, value, &v->u)) {
            CU_ASSERT_FATAL(f->flags && ps_flags_parse(f, value, &v->u, &bad));
        }
        break;
    }
    case PS_K_MAC:
        CU_ASSERT_FATAL(ps_parse_mac(value, v->addr));
        break;
    case PS_K_IPV4:
        CU_ASSERT_FATAL(ps_parse_ip4(value, v->addr));
        break;
    case PS_K_IPV6:
        CU_ASSERT_FATAL(ps_parse_ip6(value, v->addr));
        break;
    case PS_K_BYTES:
    case PS_K_OPTIONS:
    case PS_K_LAYERS:
        if (f->ipv4_list) {
            char one[16];
            uint8_t *p = t->pool + t->used;
            v->len = 0;
            while (*value) {
                size_t k = strcspn(value, ",");
                CU_ASSERT_FATAL(k < sizeof one);
                memcpy(one, value, k);
                one[k] = '\0';
                CU_ASSERT_FATAL(ps_parse_ip4(one, pool_take(t, 4)));
                v->len += 4;
                value += k + (value[k] == ',');
            }
            v->bytes = p;
        } else if (strncmp(value, "hex:", 4) == 0) {
            uint8_t *p = t->pool + t->used;
            v->len = tp_unhex(value + 4, p, sizeof t->pool - t->used);
            pool_take(t, v->len);
            v->bytes = p;
        } else {
            v->len = strlen(value);
            v->bytes = (const uint8_t *)value;
        }
        break;
    }
}

static struct ps_layer *fill(struct tp *t, struct ps_layer *l, const char *proto, va_list ap)
{
    const struct ps_proto *p = ps_proto_find(proto);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    ps_layer_init(l, p);
    for (;;) {
        const char *field = va_arg(ap, const char *);
        if (!field)
            break;
        tp_set(t, l, field, va_arg(ap, const char *));
    }
    return l;
}

struct ps_layer *tp_layer(struct tp *t, const char *proto, ...)
{
    CU_ASSERT_FATAL(t->pkt.n < PS_MAX_LAYERS);
    va_list ap;
    va_start(ap, proto);
    struct ps_layer *l = fill(t, &t->pkt.layers[t->pkt.n++], proto, ap);
    va_end(ap);
    return l;
}

struct ps_layer *tp_sub(struct tp *t, const char *proto, ...)
{
    CU_ASSERT_FATAL(t->nsubs < sizeof t->subs / sizeof t->subs[0]);
    va_list ap;
    va_start(ap, proto);
    struct ps_layer *l = fill(t, &t->subs[t->nsubs++], proto, ap);
    va_end(ap);
    return l;
}

void tp_set_subs(struct ps_layer *l, const char *field, struct ps_layer *first, size_t n)
{
    int fi = ps_field_index(l->proto, field);
    CU_ASSERT_FATAL(fi >= 0);
    l->v[fi].set = true;
    l->v[fi].sub = first;
    l->v[fi].nsub = n;
}

void tp_opt_begin(struct tp *t)
{
    t->opt_start = t->used;
}

static void opt_add(struct tp *t, const char *name, unsigned kind, const struct ps_optarg *arg)
{
    const char *err = NULL;
    int n = ps_tcp_option_encode(name, kind, arg, t->pool + t->used, sizeof t->pool - t->used,
                                 &err);
    CU_ASSERT_FATAL(n >= 0);
    pool_take(t, (size_t)n);
}

void tp_opt_ints(struct tp *t, const char *name, size_t n, ...)
{
    struct ps_optarg arg = {.kind = PS_OA_INTS, .nints = n};
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++)
        arg.ints[i] = va_arg(ap, uint64_t);
    va_end(ap);
    opt_add(t, name, 0, &arg);
}

void tp_opt_none(struct tp *t, const char *name)
{
    struct ps_optarg arg = {.kind = PS_OA_NONE};
    opt_add(t, name, 0, &arg);
}

static struct ps_optarg bytes_arg(const char *hex, uint8_t *buf, size_t cap)
{
    struct ps_optarg arg = {.kind = PS_OA_BYTES, .bytes = buf};
    arg.len = tp_unhex(hex, buf, cap);
    return arg;
}

void tp_opt_bytes(struct tp *t, const char *name, const char *hex)
{
    uint8_t buf[64];
    struct ps_optarg arg = bytes_arg(hex, buf, sizeof buf);
    opt_add(t, name, 0, &arg);
}

void tp_opt_kind(struct tp *t, unsigned kind, const char *hex)
{
    uint8_t buf[64];
    struct ps_optarg arg = hex ? bytes_arg(hex, buf, sizeof buf)
                               : (struct ps_optarg){.kind = PS_OA_NONE};
    opt_add(t, NULL, kind, &arg);
}

void tp_opt_set(struct tp *t, struct ps_layer *l)
{
    int fi = ps_field_index(l->proto, "options");
    CU_ASSERT_FATAL(fi >= 0);
    l->v[fi].set = true;
    l->v[fi].bytes = t->pool + t->opt_start;
    l->v[fi].len = t->used - t->opt_start;
}
