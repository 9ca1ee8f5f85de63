/* The capture filters of a probe's sr calls (emit_sr.c). */
#ifndef PS_EMIT_SR_H
#define PS_EMIT_SR_H

#include <stdio.h>

#include "emit.h"
#include "emit_record.h"

/* Writes pk_bpf<i>[] for each sr call i that filters; lens[i] gets its
 * length (0: no filter). -1 with a message on err: a filter libpcap refuses. */
int emit_sr_filters(FILE *out, const struct emit_rec *r, size_t *lens, FILE *err);

#endif
