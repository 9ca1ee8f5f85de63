/* A layer a spec declares: a protocol table made at run time, owned by its
 * program. The compiler fills it from `layer Name { ... }`; a probe's image
 * loader (interp/ir_image.c) fills it from the image. */
#ifndef PS_DECLARED_H
#define PS_DECLARED_H

#include "packet.h"

struct ps_declared {
    struct ps_proto proto;
    struct ps_field fields[PS_MAX_FIELDS];
    struct ps_bind binds[9];
    char names[PS_MAX_FIELDS + 1][64];     /* the fields', then the layer's */
    char texts[PS_MAX_FIELDS][128];        /* defaults as text */
    char ls_types[PS_MAX_FIELDS][48];
    struct ps_enum *enums[PS_MAX_FIELDS];  /* owned, names strdup'd */
    const char **flags[PS_MAX_FIELDS];     /* owned, names strdup'd */
};

/* A new declared layer called name, with no field or binding, not registered. */
struct ps_declared *ps_declared_new(const char *name);
/* Frees it (p: &d->proto). */
void ps_declared_free(struct ps_proto *p);

#endif
