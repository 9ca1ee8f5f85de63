/* A frame plan: a packet set lowered to one built frame plus a short list of
 * patches (DESIGN.md's "frame template plus patch list"). Member i of the set
 * is the base frame with each varying field written in place and the
 * checksums that cover it fixed incrementally (RFC 1624): no encoding, no
 * allocation per packet. A set whose members the plan cannot reproduce
 * exactly (a field that moves others, a checksum inside a checksum) gets no
 * plan, and its members are encoded one by one instead. */
#ifndef PS_PLAN_H
#define PS_PLAN_H

#include "encode.h"
#include "value.h"

#define PS_PLAN_MAX_VARS 16
#define PS_PLAN_MAX_CSUMS 4

struct ps_plan_var {
    uint16_t layer, field;
    uint64_t choices, stride;             /* its value number is (i / stride) % choices */
    uint32_t bit, nbits;                  /* where it sits in the frame */
    uint32_t csum[PS_PLAN_MAX_CSUMS];     /* byte offsets of the checksums covering it */
    bool csum_ffff[PS_PLAN_MAX_CSUMS];    /* a computed 0 is sent as 0xffff (UDP) */
    size_t ncsum;
};

/* A CRC-32C (ps_field.crc32c) over frame bytes [from, to), held at `at`:
 * recomputed whole after the patches, since it has no incremental fix. */
struct ps_plan_crc {
    uint32_t at, from, to;
};

struct ps_plan {
    const struct ps_tpkt *t;
    uint64_t count;
    struct ps_plan_var vars[PS_PLAN_MAX_VARS];
    size_t nvars;
    struct ps_plan_crc crcs[PS_PLAN_MAX_CSUMS];
    size_t ncrcs;
    size_t len;
    uint8_t base[PS_MAX_FRAME];
};

/* Lowers t (built with env) to a plan, checked against the encoder on a
 * sample of members. NULL when t has fewer than two members, holds random
 * values, or cannot be patched exactly. The plan refers to t: keep t alive. */
struct ps_plan *ps_plan_build(const struct ps_tpkt *t, const struct ps_env *env);
/* Member i into out (at least plan->len bytes); returns its length. */
size_t ps_plan_member(const struct ps_plan *plan, uint64_t i, uint8_t *out);
void ps_plan_free(struct ps_plan *plan);

#endif
