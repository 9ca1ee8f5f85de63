/* -D at a probe's run time, for many params at once: two recordings of the
 * spec with every param set to a made-up value of its own find all their
 * holes, the diffs attributed to each param by its value; a group whose
 * recordings do not settle is split in two, and a single param that does
 * not settle is left to emit_params.c's recordings of it alone. */
#ifndef PS_EMIT_JOINT_H
#define PS_EMIT_JOINT_H

#include "emit_params.h"

/* Settles what it can of the n params (done[i] set), as emit_params.c's
 * find_one would settle each alone. */
void emit_params_joint(const struct emit_rec *base, const struct emit_source *src,
                       struct emit_param *params, size_t n, bool *done);

/* emit_params.c's pieces, shared. */
/* A value's bytes as its holes hold them (an integer: big-endian, len). */
void emit_param_bytes(const struct ps_value *v, uint8_t len, uint8_t out[16]);
/* The -D text of v with its len bytes xor key[0..len). */
void emit_param_text(const struct ps_value *v, uint8_t len, const uint8_t *key, char out[64]);
/* The spec recorded with the nset params set: 1 recorded, 0 it does not run
 * with them, -1 it does not compile again. */
int emit_record_defs(const struct emit_rec *base, const struct emit_source *src,
                     const struct ps_define *set, size_t nset, struct emit_rec *r);
/* Why r is not base but for bytes of its frames; NULL: it is not. */
const char *emit_how_it_differs(const struct emit_rec *base, const struct emit_rec *r);
bool emit_summaries_vary(const struct emit_rec *base, const struct emit_rec *r);
extern const char *const emit_not_again;

#endif
