/* A small packet builder for the unit tests: layers from field/value text,
 * as a spec would give them (numbers, enum names, flags, addresses). */
#ifndef PS_TEST_PKTBUILD_H
#define PS_TEST_PKTBUILD_H

#include <stddef.h>
#include <stdint.h>

#include "packet.h"

struct tp {
    struct ps_packet pkt;
    struct ps_layer subs[16];
    size_t nsubs;
    uint8_t pool[4096]; /* bytes values point in here */
    size_t used;
    size_t opt_start;   /* TCP options being gathered (tp_opt_*) */
};

void tp_init(struct tp *t);
/* Appends a layer; the varargs are field, value text pairs ended by NULL.
 * Text values: a number (0x.. too), an enum name or flags; an address; for
 * bytes "hex:0102" or the text itself; for an address list "1.2.3.4,5.6.7.8". */
struct ps_layer *tp_layer(struct tp *t, const char *proto, ...);
/* Same, for an element of a PS_K_LAYERS field (an IP option). */
struct ps_layer *tp_sub(struct tp *t, const char *proto, ...);
void tp_set(struct tp *t, struct ps_layer *l, const char *field, const char *value);
/* Gives l.field the sub-layers first..first+n-1 made by tp_sub. */
void tp_set_subs(struct ps_layer *l, const char *field, struct ps_layer *first, size_t n);

/* TCP options: begin, add each with ps_tcp_option_encode, then set. */
void tp_opt_begin(struct tp *t);
void tp_opt_ints(struct tp *t, const char *name, size_t n, ...);
void tp_opt_none(struct tp *t, const char *name);
void tp_opt_bytes(struct tp *t, const char *name, const char *hex);
void tp_opt_kind(struct tp *t, unsigned kind, const char *hex);
void tp_opt_set(struct tp *t, struct ps_layer *l);

/* Decodes hex (spaces allowed) into out; returns the length. */
size_t tp_unhex(const char *hex, uint8_t *out, size_t cap);

#endif
