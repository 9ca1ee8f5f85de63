/* Expects on answers, compiled into the probe (emit_expect.c). */
#ifndef PS_EMIT_EXPECT_H
#define PS_EMIT_EXPECT_H

#include <stdbool.h>
#include <stdio.h>

#include "interp.h"

/* Writes expect `id` of prog as pk_expect<id>() into fn, its pattern tables
 * and run-time error sites into pre; false (a function that always fails written) with the place and
 * what the probe cannot do in *bad and *why. slots: the run's values at
 * the expect; param_of_slot: for each slot, the index of its param in the
 * probe's pk_params or -1 (a param's number or address is read at the
 * probe's run time, so that -D may change it). */
bool emit_expect_compile(FILE *pre, FILE *fn, size_t id, const struct ps_stmt *st,
                         const struct ps_program *prog, const int *param_of_slot,
                         const struct ps_value *slots, struct ps_loc *bad, const char **why);

#endif
