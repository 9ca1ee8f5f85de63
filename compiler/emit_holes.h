/* Where a probe patches its frames at run time: the interface's addresses
 * and the next hop's MAC that the recording left as Scapy's fallbacks, a
 * param's value given to the probe with -D, and the checksums that cover
 * them (fixed incrementally, RFC 1624). Found by diffing the frames of
 * three recordings: the spec's, and two with made-up interfaces or made-up
 * values of one param. */
#ifndef PS_EMIT_HOLES_H
#define PS_EMIT_HOLES_H

#include "emit_record.h"

/* EH_CSUM: a checksum fixed before, which a later one covers; EH_PARAM:
 * a param's value, big-endian. The probe's enum pk_hole_kind. */
enum emit_hole_kind { EH_SRC_MAC, EH_SRC_IP4, EH_SRC_IP6, EH_DST_MAC, EH_CSUM, EH_PARAM };

struct emit_hole {
    uint32_t off;
    uint8_t kind;            /* enum emit_hole_kind */
    uint8_t len;             /* its bytes */
    uint8_t hop_len;         /* EH_DST_MAC: 4 or 16, the next hop's address; 0: none */
    uint32_t hop_off;        /* where that address is in the frame */
    uint32_t value;          /* the index of the value it holds; EH_CSUM: UINT32_MAX */
};

/* What a hole holds in each of the three recordings. */
struct emit_hole_value {
    uint8_t kind;            /* enum emit_hole_kind */
    uint8_t len;
    uint8_t base[16], v0[16], v1[16];
};

/* The checksum at off covers the frame's holes whose bits are in mask. */
struct emit_fix {
    uint32_t off;
    uint32_t mask;
};

/* A frame's patch: only frames with holes, or bytes unexplained, have one. */
struct emit_patch {
    size_t frame;
    size_t first_hole, nholes, first_fix, nfixes;
    bool unexplained;        /* bytes moved that neither a hole nor a checksum explains */
};

struct emit_patches {
    struct emit_patch *patches;  /* by frame, ascending */
    size_t npatches;
    struct emit_hole *holes;
    size_t nholes;
    struct emit_fix *fixes;
    size_t nfixes;
};

/* The made-up interfaces of the two diffing recordings. */
void emit_holes_env(int which, struct ps_env *env);
/* The interface's holes between those recordings: 4 values. */
void emit_holes_iface(struct emit_hole_value *values);

/* Fills p from the base recording and the two others: the holes hold one
 * of the n values (sent_only: in frames that are sent, not in a wrpcap()'s).
 * Returns 0, or -1 when the recordings do not pair frame by frame. The
 * values are looked up by their first bytes, so many (a param each) cost
 * little more than one. */
int emit_find_holes(const struct emit_rec *base, const struct emit_rec *v0,
                    const struct emit_rec *v1, const struct emit_hole_value *values, size_t n,
                    bool sent_only, struct emit_patches *p);
void emit_patches_free(struct emit_patches *p);
/* Appends a patch of frame to p (holes and fixes: copies of the n and m
 * given, renumbered), for the passes built from a joint recording. */
void emit_patches_add(struct emit_patches *p, size_t frame, const struct emit_hole *holes,
                      size_t n, const struct emit_fix *fixes, size_t m, bool unexplained);

/* The checksum at c once holes in mask hold new bytes instead of old (both
 * frames of the same length): RFC 1624, byte by byte. */
uint16_t emit_fixed_checksum(const uint8_t *old, const uint8_t *new, uint32_t c,
                             const struct emit_hole *holes, uint32_t mask);

#endif
