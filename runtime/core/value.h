/* Run-time values: shared objects with a reference count, and packet
 * templates that stand for a set of packets. */
#ifndef PS_VALUE_H
#define PS_VALUE_H

#include "ir.h"

struct ps_obj {
    int refs;
    enum ps_type t;
    /* A packet's fields or another value's, never both: a stored packet is
     * small (ps_val_stored). obj_free frees by t. */
    union {
        struct {
            /* STR, BYTES; a PKTLIST's name when it owns it */
            uint8_t *bytes;
            size_t len;
            /* LIST, TUPLE, PKTLIST */
            struct ps_value *items;
            size_t n, cap;
            const char *list_name; /* PKTLIST: "Sniffed", "PacketList", "Results" ... */
        };
        struct {
            /* PKT */
            struct ps_tpkt pkt;
            /* PKT decoded from a frame: the frame its fields point into (its
             * own copy, a stored packet's data[], or its base's) */
            uint8_t *frame;
            uint32_t frame_len;
            bool decoded;    /* every field holds what the bytes hold */
            /* A stored packet (sniffed, read, answered): its frame in data[]
             * and no layers; the interpreter decodes it on access into a
             * view (interp_expand) */
            bool stored;
            uint16_t linktype; /* stored: the frame's pcap link type, when first is NULL */
            const struct ps_proto *first; /* stored: the protocol it starts with (sr's layer 3) */
            struct ps_obj *base; /* a view: the stored packet it reads, held */
            double time;     /* capture or send time, seconds */
            double rtt;      /* an answer's delay after its request, seconds; -1 unknown */
        };
    };
    /* PKT: the layer pointers, or a stored packet's frame; a pair's two
     * items (ps_val_pair). Same allocation. */
    _Alignas(void *) uint8_t data[];
};

struct ps_obj *ps_obj_new(enum ps_type t);
struct ps_value ps_val_retain(struct ps_value v);
void ps_val_release(struct ps_value *v);

struct ps_value ps_val_int(enum ps_type t, uint64_t u);
struct ps_value ps_val_bytes(enum ps_type t, const uint8_t *p, size_t len);
struct ps_value ps_val_list(enum ps_type t);
/* A TUPLE of a and b (taking their references), in one allocation: sr's
 * answered pairs. */
struct ps_value ps_val_pair(struct ps_value a, struct ps_value b);
/* Appends v (taking its reference) to a LIST, TUPLE or PKTLIST. */
void ps_list_push(struct ps_value *list, struct ps_value v);
/* Room for cap items, no more and no less than max(cap, n): a pair's tuple
 * takes two slots, a finished capture gives back what doubling left over. */
void ps_list_fit(struct ps_value *list, size_t cap);

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

/* A stored packet: the frame's bytes and a small header, one allocation,
 * no layers. It starts with protocol `first`, or (first NULL) is decoded
 * as pcap link type `linktype`. */
struct ps_value ps_val_stored(const uint8_t *frame, size_t len, int linktype,
                              const struct ps_proto *first, double time);
/* A view of stored packet s: the layers decoded from its frame (pkt, whose
 * fields point into s->frame), its frame, time and rtt; it holds s. */
struct ps_value ps_val_view(const struct ps_packet *pkt, struct ps_obj *s);

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
