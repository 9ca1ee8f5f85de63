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
