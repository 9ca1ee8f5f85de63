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
