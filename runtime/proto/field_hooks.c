/* Field hooks that tables of more than one protocol share. */
#include "packet.h"
#include "protos.h"

long ps_encode_nothing(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                       size_t cap)
{
    (void)l;
    (void)v;
    (void)out;
    (void)cap;
    return 0;
}
