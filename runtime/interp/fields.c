/* A field's value as Scapy holds it, for reading (`p[DNS].an[0].rdata`)
 * and for matching: None where Scapy has None, the default where nothing
 * was given, and the value the proto table says (ps_field.value_of) where
 * what the field holds is not it (DNS names, rdata). */
#include <string.h>

#include "addr.h"
#include "interp_int.h"

void interp_layer_of(const struct ps_tlayer *t, struct ps_layer *out)
{
    ps_layer_init(out, t->proto);
    for (size_t f = 0; f < t->proto->nfields && f < PS_MAX_FIELDS; f++) {
        if (t->f[f].src != FS_CONST)
            continue;
        out->v[f] = t->f[f].one;
        if (t->sub[f]) {
            out->v[f].sub = t->sub[f];
            out->v[f].nsub = t->nsub[f];
        }
    }
}

const struct ps_field *interp_field_shape(const struct ps_tlayer *l, int fi)
{
    const struct ps_field *fd = &l->proto->fields[fi];
    if (!fd->variant)
        return fd;
    struct ps_layer one;
    interp_layer_of(l, &one);
    return ps_layer_field(&one, (size_t)fi);
}

bool interp_field_held(const struct ps_layer *l, size_t fi, struct ps_fval *out)
{
    const struct ps_field *tf = &l->proto->fields[fi], *fd = ps_layer_field(l, fi);
    /* A ConditionalField not there is None; a variant that is a 0-byte
     * string is b'' all the same (ps_field.empty_when_absent). */
    if (tf->present && !tf->present(l) && !tf->empty_when_absent)
        return false;
    if (l->v[fi].set) {
        *out = l->v[fi];
        return true;
    }
    if (tf->is_auto || fd->is_auto)
        return false;
    memset(out, 0, sizeof *out);
    out->u = fd->def_now ? fd->def_now() : fd->def;
    if (fd->def_text) {
        if (fd->kind == PS_K_MAC)
            ps_parse_mac(fd->def_text, out->addr);
        else if (fd->kind == PS_K_IPV4)
            ps_parse_ip4(fd->def_text, out->addr);
        else if (fd->kind == PS_K_IPV6)
            ps_parse_ip6(fd->def_text, out->addr);
        out->len = ps_field_def_bytes(fd, &out->bytes);
    }
    return true;
}

struct ps_value interp_field_value(const struct ps_tlayer *t, int fi)
{
    struct ps_value v = {.t = PT_NONE};
    if (t->f[fi].src != FS_CONST && t->f[fi].src != FS_UNSET)
        return v; /* a set or a random value has no single value */
    struct ps_layer l;
    struct ps_fval one;
    interp_layer_of(t, &l);
    const struct ps_field *fd = ps_layer_field(&l, (size_t)fi);
    if (!interp_field_held(&l, (size_t)fi, &one))
        return v;
    uint8_t buf[1100];
    enum ps_kind kind = fd->kind;
    if (fd->value_of)
        kind = fd->value_of(&l, (size_t)fi, &l.v[fi], &one, buf, sizeof buf);
    if (fd->scale && kind == PS_K_UINT)
        return interp_scaled_value(fd, &one);
    return interp_fval_value(kind, &one);
}

struct ps_value interp_scaled_value(const struct ps_field *fd, const struct ps_fval *fv)
{
    if (fv->u % fd->scale == 0)
        return ps_val_int(PT_INT, fv->u / fd->scale);
    /* The language has no floats: a fraction is read as its text, "1.5",
     * which a field of this kind takes back. */
    char text[64];
    int n = (fd->dec_text ? fd->dec_text : fd->repr)(fv, text, sizeof text);
    return ps_val_bytes(PT_STR, (const uint8_t *)text, n > 0 ? (size_t)n : 0);
}

struct ps_value interp_fval_value(enum ps_kind kind, const struct ps_fval *fv)
{
    struct ps_value v = {.t = PT_NONE};
    switch (kind) {
    case PS_K_UINT:
        return ps_val_int(PT_INT, fv->u);
    case PS_K_MAC:
        v.t = PT_MAC;
        memcpy(v.addr, fv->addr, 6);
        return v;
    case PS_K_IPV4:
        v.t = PT_IP4;
        memcpy(v.addr, fv->addr, 4);
        return v;
    case PS_K_IPV6:
        v.t = PT_IP6;
        memcpy(v.addr, fv->addr, 16);
        return v;
    default:
        return ps_val_bytes(PT_BYTES, fv->bytes, fv->bytes ? fv->len : 0);
    }
}
