#include "packet.h"

#include <string.h>

void ps_layer_init(struct ps_layer *l, const struct ps_proto *p)
{
    memset(l, 0, sizeof *l);
    l->proto = p;
}

uint64_t ps_layer_uint(const struct ps_layer *l, int field)
{
    if (l->v[field].set)
        return l->v[field].u;
    const struct ps_field *f = &l->proto->fields[field];
    return f->def_now ? f->def_now() : f->def;
}

const struct ps_field *ps_layer_field(const struct ps_layer *l, size_t fi)
{
    const struct ps_field *f = &l->proto->fields[fi];
    const struct ps_field *v = f->variant ? f->variant(l) : NULL;
    return v ? v : f;
}

size_t ps_count_of(const struct ps_layer *l, size_t of)
{
    const struct ps_field *f = &l->proto->fields[of];
    if (!l->v[of].set)
        return f->def_sub ? 1 : 0;
    if (f->ipv4_list || f->ipv6_list)
        return l->v[of].len / (f->ipv4_list ? 4 : 16);
    return l->v[of].nsub;
}
