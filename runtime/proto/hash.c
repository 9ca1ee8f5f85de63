/* The hashret string the tables' hashret hooks append to (proto.h). */
#include "proto/proto.h"

#include <string.h>

void ps_hash_put(struct ps_hash *h, const void *p, size_t n)
{
    size_t room = PS_HASH_MAX - h->n;
    if (n > room)
        n = room;
    memcpy(h->b + h->n, p, n);
    h->n += n;
}
