/* What the layer above binds a field of the layer below to (Scapy's
 * overload_fields), and so the value an unset field takes: for the encoder,
 * the printers and the protocols' hooks alike. */
#include "bind.h"

#include <string.h>

#include "proto.h"

/* The binding of lower.field the layer above makes (Scapy's overload_fields). */
static const struct ps_bind *bound_entry(const struct ps_packet *pkt, size_t idx,
                                         const char *field)
{
    if (!pkt || idx + 1 >= pkt->n)
        return NULL;
    const struct ps_proto *lower = pkt->layers[idx].proto, *upper = pkt->layers[idx + 1].proto;
    /* The build-only bindings first: they hold the call that wins. */
    const struct ps_bind *const tables[2] = {upper->build_binds, upper->binds};
    /* Scapy picks one binding set: the lower class's own, else its alias's.
     * Call separators (no field) bind nothing. */
    const char *target = lower->alias;
    for (size_t t = 0; t < 2 && target != lower->name; t++)
        for (const struct ps_bind *bd = tables[t]; bd && bd->lower; bd++)
            if (bd->field && strcmp(bd->lower, lower->name) == 0) {
                target = lower->name;
                break;
            }
    if (!target)
        return NULL;
    for (size_t t = 0; t < 2; t++)
        for (const struct ps_bind *bd = tables[t]; bd && bd->lower; bd++)
            if (bd->field && strcmp(bd->lower, target) == 0 && strcmp(bd->field, field) == 0)
                return bd;
    return NULL;
}

bool ps_bound_uint(const struct ps_packet *pkt, size_t idx, const char *field, uint64_t *v)
{
    const struct ps_bind *bd = bound_entry(pkt, idx, field);
    if (!bd)
        return false;
    *v = bd->value;
    return true;
}

const struct ps_bytes_bind *ps_bound_bytes(const struct ps_packet *pkt, size_t idx,
                                               const char *field)
{
    if (!pkt || idx + 1 >= pkt->n)
        return NULL;
    const struct ps_bytes_bind *bd = pkt->layers[idx + 1].proto->bytes_bind;
    return bd && strcmp(bd->lower, pkt->layers[idx].proto->name) == 0 &&
                   strcmp(bd->field, field) == 0
               ? bd
               : NULL;
}

uint64_t ps_default_uint(const struct ps_field *f)
{
    return f->def_now ? f->def_now() : f->def;
}

uint64_t ps_effective_uint(const struct ps_packet *pkt, size_t idx, int field)
{
    const struct ps_layer *l = &pkt->layers[idx];
    const struct ps_field *f = &l->proto->fields[field];
    uint64_t v;
    if (l->v[field].set)
        return l->v[field].u;
    if (ps_bound_uint(pkt, idx, f->name, &v))
        return v;
    return ps_default_uint(f);
}
