/* A value given to a field, turned into how the field takes it in each packet
 * of a template. The compiler calls this on constants, to report a bad value
 * at its spec location before anything runs; the run-time calls it on values
 * known only then (a loop variable). One function, so both agree. */
#ifndef PS_COERCE_H
#define PS_COERCE_H

#include "value.h"

/* Sets layer->f[fi] (and layer->sub[fi]) from v. Returns NULL, or an error
 * message written into err. */
const char *ps_coerce_field(struct ps_tlayer *layer, int fi, const struct ps_value *v,
                            char *err, size_t errcap);

/* A text's value for field fd (an enum name, flags, a number or an address),
 * as when a spec writes it in a string. */
const char *ps_coerce_text(const struct ps_field *fd, const char *text, struct ps_fval *out,
                           char *err, size_t errcap);

const char *ps_type_name(enum ps_type t);

#endif
