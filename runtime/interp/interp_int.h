/* Internals shared by the interpreter's files (interp.c, actions.c, testing.c, fragment.c)
 * and its live path (wire/live*.c). */
#ifndef PS_INTERP_INT_H
#define PS_INTERP_INT_H

#include "decode.h"
#include "interp.h"
#include "neigh.h"
#include "pcap_io.h"
#include "value.h"

struct interp {
    const struct ps_program *prog;
    const struct ps_run_opts *o;
    struct ps_value *slots;
    uint64_t rng;
    bool failed_run;          /* a run-time error: stop */
    uint64_t steps;           /* statements run and frames built, against max_steps */
    unsigned warned_holes;    /* fallbacks already warned about */
    /* --pcap output, opened at the first frame */
    struct ps_pcap_writer *pcap;
    uint64_t frames_out;
    uint64_t clock_ns;        /* a dry run's clock: pcap times advance by inter */
    /* the test being run */
    bool in_test;
    bool test_failed, test_skipped;
    char *test_detail;        /* what failed, for TAP and JUnit */
    char got[1024];           /* what the last comparison or match saw, for a failed expect */
    size_t tests_run, tests_failed;
    FILE *junit;
    /* a live run: next-hop MACs found so far */
    struct ps_neigh_cache neigh;
    /* scratch for one packet at a time: no malloc per packet */
    struct ps_packet pkt;
    struct ps_packet dec;
    struct ps_layer subs[40];
    uint8_t frame[PS_MAX_FRAME];
};

/* A run-time error at loc; the run stops with status 3. */
void interp_error(struct interp *in, struct ps_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void interp_warning(struct interp *in, struct ps_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

struct ps_value interp_eval(struct interp *in, const struct ps_expr *e);
bool interp_truth(const struct ps_value *v);

/* Builds packet i of a template into in->frame; returns its length or -1. */
long interp_build(struct interp *in, const struct ps_tpkt *t, uint64_t i, struct ps_loc loc);
/* The decoded form of a packet value (built first when it is a template;
 * a stored packet's view). */
struct ps_value interp_decoded(struct interp *in, const struct ps_value *v, struct ps_loc loc);
/* Stored packets (ps_val_stored: sniffed, read, answered) live in lists
 * and tuples; what takes one out of them gets its view instead: v's
 * layers decoded, holding v. Takes v's reference; other values come back
 * as they are. So interp_eval never gives a stored packet. */
struct ps_value interp_expand(struct interp *in, struct ps_value v);
/* A stored packet's layers, decoded into in->dec (valid until its next use). */
const struct ps_packet *interp_stored_layers(struct interp *in, const struct ps_obj *s);
/* The pcap link type of a packet value's frame. */
int interp_linktype(const struct ps_value *v);
/* Whether packet value v has a layer of protocol p (a stored one decoded
 * into in->dec, allocating nothing). */
bool interp_has_layer(struct interp *in, const struct ps_value *v, const struct ps_proto *p);

/* Builtins with an effect: send, sr, sniff, pcap files, printing. */
struct ps_value interp_call(struct interp *in, const struct ps_expr *e);
struct ps_value interp_method(struct interp *in, const struct ps_expr *e);
/* The shape of field fi for l's constant values: a MultipleTypeField's
 * variant (ps_field.variant: ARP's psrc may be an IPv6 address or bytes),
 * else the table's field. */
const struct ps_field *interp_field_shape(const struct ps_tlayer *l, int fi);
/* Whether a packet matches a pattern template (layers in order, gaps allowed). */
bool interp_matches(struct interp *in, const struct ps_value *pkt, const struct ps_value *pat,
                    struct ps_loc loc);
/* The live path (live.c): send, sr and sniff on an interface. */
struct ps_value live_send_call(struct interp *in, const struct ps_expr *e);
struct ps_value live_sniff(struct interp *in, const struct ps_expr *e);
/* Prints a packet as spec text that rebuilds it (command()). */
void interp_print_command(struct interp *in, FILE *out, const struct ps_value *v);
/* Prints a value as print() does. */
void interp_print_value(struct interp *in, FILE *out, const struct ps_value *v);

#endif
