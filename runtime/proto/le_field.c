/* Little-endian integer fields: see le_field.h. */
#include "le_field.h"

uint64_t ps_le_get(const uint8_t *p, unsigned bytes)
{
    uint64_t v = 0;
    for (unsigned i = bytes; i-- > 0;)
        v = v << 8 | p[i];
    return v;
}

void ps_le_put(uint8_t *p, uint64_t v, unsigned bytes)
{
    for (unsigned i = 0; i < bytes; i++, v >>= 8)
        p[i] = (uint8_t)v;
}

int ps_le_index(const struct ps_layer *l, const struct ps_fval *v)
{
    uintptr_t at = (uintptr_t)v, first = (uintptr_t)&l->v[0];
    if (at < first || at >= (uintptr_t)&l->v[PS_MAX_FIELDS])
        return -1;
    size_t fi = (at - first) / sizeof l->v[0];
    return fi < l->proto->nfields ? (int)fi : -1;
}

uint64_t ps_le_value(const struct ps_layer *l, const struct ps_fval *v)
{
    if (v->set)
        return v->u;
    int fi = ps_le_index(l, v);
    return fi >= 0 ? l->proto->fields[fi].def : 0;
}

static long le_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                      size_t cap, unsigned bytes)
{
    if (!out)
        return bytes;
    if (cap < bytes)
        return -1;
    ps_le_put(out, ps_le_value(l, v), bytes);
    return bytes;
}

static long le_decode(const uint8_t *p, size_t len, size_t off, struct ps_fval *v,
                      unsigned bytes)
{
    if (off > len || len - off < bytes)
        return -1;
    v->u = ps_le_get(p + off, bytes);
    return bytes;
}

long ps_le16_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out, size_t cap)
{
    return le_encode(l, v, out, cap, 2);
}
long ps_le32_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out, size_t cap)
{
    return le_encode(l, v, out, cap, 4);
}
long ps_le64_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out, size_t cap)
{
    return le_encode(l, v, out, cap, 8);
}

long ps_le16_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                    struct ps_fval *v, struct ps_decode_room *room)
{
    (void)l;
    (void)room;
    return le_decode(p, len, off, v, 2);
}
long ps_le32_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                    struct ps_fval *v, struct ps_decode_room *room)
{
    (void)l;
    (void)room;
    return le_decode(p, len, off, v, 4);
}
long ps_le64_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                    struct ps_fval *v, struct ps_decode_room *room)
{
    (void)l;
    (void)room;
    return le_decode(p, len, off, v, 8);
}
