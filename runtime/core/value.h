/* Run-time values: shared objects with a reference count, and packet
 * templates that stand for a set of packets. */
#ifndef PS_VALUE_H
#define PS_VALUE_H

#include "ir.h"

struct ps_obj {
    int refs;
    enum ps_type t;
    /* STR, BYTES */
    uint8_t *bytes;
    size_t len;
    /* LIST, TUPLE, PKTLIST */
    struct ps_value *items;
    size_t n, cap;
    const char *list_name;   /* PKTLIST: "Sniffed", "PacketList", "Results" ... */
    /* PKT */
    struct ps_tpkt pkt;
    /* PKT decoded from a frame: the frame its fields point into */
    uint8_t *frame;
    size_t frame_len;
    bool decoded;            /* every field holds what the bytes hold */
    double time;             /* capture or send time, seconds */
    double rtt;              /* an answer's delay after its request, seconds; -1 unknown */
};

struct ps_obj *ps_obj_new(enum ps_type t);
struct ps_value ps_val_retain(struct ps_value v);
void ps_val_release(struct ps_value *v);

struct ps_value ps_val_int(enum ps_type t, uint64_t u);
struct ps_value ps_val_bytes(enum ps_type t, const uint8_t *p, size_t len);
struct ps_value ps_val_list(enum ps_type t);
/* Appends v (taking its reference) to a LIST, TUPLE or PKTLIST. */
void ps_list_push(struct ps_value *list, struct ps_value v);

/* A new packet value of one layer of protocol p, nothing set. */
struct ps_value ps_val_layer(const struct ps_proto *p);
/* A new packet value `a / b`: copies of both templates, stacked. Returns a
 * PT_NONE value when the result would have too many layers. */
struct ps_value ps_val_stack(const struct ps_value *a, const struct ps_value *b);
/* A private copy of a packet value, so that a field change does not reach
 * other holders (Scapy copies on assignment too). */
struct ps_value ps_val_pkt_copy(const struct ps_value *v);
/* A packet value holding the layers of a decoded frame. Without an owner it
 * keeps a copy of the frame; with one (frame may then be NULL), its fields
 * point into what the owner holds, and it holds the owner. */
struct ps_value ps_val_decoded(const struct ps_packet *pkt, const uint8_t *frame,
                               size_t len, double time, struct ps_obj *owner);

void ps_tfield_clear(struct ps_tfield *f);

/* The most packets a set stands for: a bigger one (a full 64-bit range, or
 * a product of sets) is an error at its location, never a count that
 * wrapped. */
#define PS_MAX_SET_MEMBERS (UINT64_C(1) << 63)

/* Number of packets a template stands for (product of its sets); above
 * PS_MAX_SET_MEMBERS, UINT64_MAX. */
uint64_t ps_tpkt_count(const struct ps_tpkt *t);
/* Packet number i of the set, in Scapy's order: the upper layer varies
 * fastest; in a layer, the field that comes first varies fastest. Random
 * fields draw from *rng. */
void ps_tpkt_member(const struct ps_tpkt *t, uint64_t i, uint64_t *rng, struct ps_packet *out);
/* How many values field fi of l takes over the set (1 for a constant). */
uint64_t ps_tfield_choices(const struct ps_tlayer *l, size_t fi);
/* Value number k of field fi of l (unset when the field is). */
void ps_tfield_member(const struct ps_tlayer *l, size_t fi, uint64_t k, uint64_t *rng,
                      struct ps_fval *out);
/* Index of the first layer of protocol p at or after `from`, or -1. */
int ps_tpkt_find(const struct ps_tpkt *t, const struct ps_proto *p);

/* xorshift64*: --seed makes runs repeatable. */
uint64_t ps_rng_next(uint64_t *state);

#endif
