/* The auto fields of layers declared in a spec: a length or a checksum over
 * the layer and what follows it, written once the layers above are built.
 * The compiler only accepts auto fields that are whole bytes at a fixed
 * offset, so the walk below can find them. */
#include <stdio.h>
#include <stdlib.h>

#include "declared.h"
#include "csum.h"
#include "frame.h"

static uint32_t field_bits(const struct ps_field *f)
{
    switch (f->kind) {
    case PS_K_UINT: return f->bits;
    case PS_K_MAC: return 48;
    case PS_K_IPV4: return 32;
    case PS_K_IPV6: return 128;
    default: return 0;
    }
}

static void put_be(uint8_t *p, uint64_t v, uint32_t bytes)
{
    for (uint32_t i = 0; i < bytes; i++)
        p[i] = (uint8_t)(v >> (8 * (bytes - 1 - i)));
}

static void fill(struct ps_build *b, size_t idx, enum ps_auto_rule rule)
{
    const struct ps_layer *l = &b->pkt->layers[idx];
    size_t start = b->start[idx], end = b->end[idx];
    uint32_t bit = 0;
    for (size_t i = 0; i < l->proto->nfields; i++) {
        const struct ps_field *f = &l->proto->fields[i];
        uint32_t bits = field_bits(f);
        if (!bits)
            return; /* a variable field ends the fixed part */
        if (f->auto_rule == rule && !l->v[i].set && bit % 8 == 0 && bits % 8 == 0 &&
            start + (bit + bits) / 8 <= b->len) {
            uint64_t v = end - start;
            if (rule == PS_AUTO_CHECKSUM)
                v = ps_csum_fold(ps_csum_add(0, b->buf + start, end - start));
            put_be(b->buf + start + bit / 8, v, bits / 8);
        }
        bit += bits;
    }
}

void ps_declared_post_build(struct ps_build *b, size_t idx)
{
    /* Lengths first: a checksum covers them. */
    fill(b, idx, PS_AUTO_LENGTH);
    fill(b, idx, PS_AUTO_CHECKSUM);
}

struct ps_declared *ps_declared_new(const char *name)
{
    struct ps_declared *dl = calloc(1, sizeof *dl);
    if (!dl)
        abort();
    snprintf(dl->names[PS_MAX_FIELDS], sizeof dl->names[0], "%s", name);
    dl->proto.name = dl->proto.long_name = dl->names[PS_MAX_FIELDS];
    dl->proto.fields = dl->fields;
    dl->proto.binds = dl->binds;
    dl->proto.post_build = ps_declared_post_build;
    return dl;
}

void ps_declared_free(struct ps_proto *p)
{
    if (!p)
        return;
    struct ps_declared *dl = (struct ps_declared *)p;
    for (size_t i = 0; i < PS_MAX_FIELDS; i++) {
        for (struct ps_enum *e = dl->enums[i]; e && e->name; e++)
            free((char *)e->name);
        free(dl->enums[i]);
        for (const char **f = dl->flags[i]; f && *f; f++)
            free((char *)*f);
        free(dl->flags[i]);
    }
    free(dl);
}
