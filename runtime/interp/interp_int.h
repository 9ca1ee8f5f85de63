/* Internals shared by the interpreter's files (interp.c, actions.c, testing.c, fragment.c)
 * and its live path (wire/live*.c). */
#ifndef PS_INTERP_INT_H
#define PS_INTERP_INT_H

#include "decode.h"
#include "interp.h"
#include "neigh.h"
#include "pcap_io.h"
#include "value.h"

struct ps_outfile;

struct interp {
    const struct ps_program *prog;
    const struct ps_run_opts *o;
    struct ps_value *slots;
    uint64_t rng;
    bool failed_run;          /* a run-time error: unwind to the test's end, or the run's */
    bool fatal;               /* the error ends the run even inside a test (an output failed) */
    uint64_t steps;           /* statements run and frames built, against max_steps */
    unsigned warned_holes;    /* fallbacks already warned about */
    /* --pcap output, opened at the first frame */
    struct ps_pcap_writer *pcap;
    uint64_t frames_out;
    uint64_t clock_ns;        /* a dry run's clock: pcap times advance by inter */
    /* the test being run */
    bool in_test;
    bool test_failed, test_skipped;
    char *test_detail;        /* every failed expect, for TAP and JUnit */
    size_t test_detail_len;
    char *test_first;         /* the first line of each failed expect, for JUnit's message */
    size_t test_first_len;
    char *test_error;         /* the run-time error the test stopped at, as on stderr */
    uint64_t test_start_ns;
    char got[1024];           /* what the last comparison or match saw, for a failed expect */
    size_t tests_run, tests_failed, tests_errored, tests_skipped;
    size_t top_at;            /* the statement of the top level being run */
    bool caught_error;        /* a test stopped at a run-time error: the run exits 3 */
    /* the fors running, outermost first: a failed expect names their iterations */
    struct interp_for {
        const struct ps_stmt *st;
        uint64_t k, n;        /* iteration k (from 0) of n */
    } fors[16];
    size_t nfors;             /* may pass 16: only the first 16 are named */
    /* --junit: the testcases, written with the suite's counts at the end */
    FILE *junit;
    struct ps_outfile *junit_out;
    char *junit_buf;
    size_t junit_len;
    uint64_t run_start_ns;
    char timestamp[32];
    /* a live run: next-hop MACs found so far */
    struct ps_neigh_cache neigh;
    /* the run's AsyncSniffers (live_async.c), by number */
    struct live_async **async;
    size_t nasync;
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

/* A monotonic clock, for the tests' times in JUnit. */
uint64_t interp_now_ns(void);

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
/* Layer e's one positional argument, the bytes Scapy's constructor
 * dissects (TCP(b"...")): a view of them decoded from that layer on, or
 * none for empty bytes (the layer's defaults, as Scapy's TCP(b"")); an
 * error for what is no bytes or what Scapy would raise on. */
struct ps_value interp_layer_from_bytes(struct interp *in, const struct ps_expr *e);
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
/* idioms.c: raw(p); flags.S, p.time and p.sent_time (B_FLAGBIT, B_PKTTIME). */
struct ps_value interp_idiom_raw(struct interp *in, const struct ps_expr *e);
struct ps_value interp_idiom_method(struct interp *in, const struct ps_expr *e);
/* The shape of field fi for l's constant values: a MultipleTypeField's
 * variant (ps_field.variant: ARP's psrc may be an IPv6 address or bytes),
 * else the table's field. */
const struct ps_field *interp_field_shape(const struct ps_tlayer *l, int fi);
/* Scapy's getlayer(p, nb): the nb-th layer of class p (1: the first), in
 * the packet or in a field that holds layers (DNS records, IP options);
 * PT_NONE when there is none. A layer of the stack comes with the layers
 * above it, an element of a field with the elements after it when Scapy
 * chains them (DNS records). */
struct ps_value interp_getlayer(const struct ps_value *v, const struct ps_proto *p, unsigned nb);
bool interp_haslayer(const struct ps_tpkt *t, const struct ps_proto *p);
/* The layers of a packet value from layer `from` on, as Scapy's p[2]. */
struct ps_value interp_layer_at(const struct ps_value *v, size_t from);
/* A template layer of constants as a layer, its lists of layers with it. */
void interp_layer_of(const struct ps_tlayer *t, struct ps_layer *out);
/* Field fi of l as Scapy holds it (its default when unset); false when
 * that is None: an auto field not computed, a conditional field not there. */
bool interp_field_held(const struct ps_layer *l, size_t fi, struct ps_fval *out);
/* Field fi of a layer as a run-time value, as reading it in Scapy gives
 * it: an address, a name's text (ps_field.value_of); none for None and
 * for a field that stands for a set. */
struct ps_value interp_field_value(const struct ps_tlayer *t, int fi);
/* A field's value of kind `kind` (a MAC, an address, an integer, bytes) as
 * a run-time value. */
struct ps_value interp_fval_value(enum ps_kind kind, const struct ps_fval *fv);
/* A BCDFloatField's value (ps_field.scale): the seconds, an integer when
 * whole, else their text ("1.5"). */
struct ps_value interp_scaled_value(const struct ps_field *fd, const struct ps_fval *fv);
/* Whether a packet matches a pattern template (layers in order, gaps allowed). */
bool interp_matches(struct interp *in, const struct ps_value *pkt, const struct ps_value *pat,
                    struct ps_loc loc);
/* Whether two packets are equal as Scapy's == says: the same layers, the
 * same values in every field (records and options included). */
bool interp_packets_equal(struct interp *in, const struct ps_value *a, const struct ps_value *b,
                          struct ps_loc loc);
/* The live path (live.c): send, sr and sniff on an interface. */
struct ps_value live_send_call(struct interp *in, const struct ps_expr *e);
struct ps_value live_sniff(struct interp *in, const struct ps_expr *e);
/* Scapy's AsyncSniffer (live_async.c): AsyncSniffer(...) makes one; its
 * start(), stop() and join() methods; t.results; the run's end closes them. */
struct ps_value interp_async_new(struct interp *in, const struct ps_expr *e);
struct ps_value interp_async_method(struct interp *in, const struct ps_expr *e,
                                    const struct ps_value *self);
struct ps_value interp_async_results(struct interp *in, const struct ps_expr *e,
                                     const struct ps_value *self);
void interp_async_free(struct interp *in);
/* Prints a packet as spec text that rebuilds it (command()). */
void interp_print_command(struct interp *in, FILE *out, const struct ps_value *v);
/* Prints a value as print() does: a field's value as Scapy's str() of it
 * (ps_value.field), any other in spec syntax. */
void interp_print_value(struct interp *in, FILE *out, const struct ps_value *v);
/* Prints what a failed expect got (v) in the form of what it was compared
 * with (like, NULL after matches): a flags field compared with letters as
 * letters, an enum field compared with a name as its name, anything else
 * in spec syntax; a packet as command() text. */
void interp_print_like(struct interp *in, FILE *out, const struct ps_value *v,
                       const struct ps_value *like);

/* Python's str() of v, as print() writes each of its arguments: a field's
 * value as Scapy's str() of it, None, True, bytes as b'..', a string as it
 * is; a packet, a list or a tuple as print() of it (actions.c). */
void interp_print_str(struct interp *in, FILE *out, const struct ps_value *v);
/* Whether a and b are equal as == says (interp.c). */
bool interp_values_equal(struct interp *in, const struct ps_value *a, const struct ps_value *b,
                         struct ps_loc loc);

/* text.c: strings and bytes (docs/LANGUAGE.md, Text and bytes; Formatting).
 * Whether `l OP r` is text's to compute (+ and * with a string or bytes,
 * %, in of a string, bytes, list, tuple or range), and its value. */
bool interp_text_handles(enum ps_op op, const struct ps_value *l, const struct ps_value *r);
struct ps_value interp_text_binop(struct interp *in, const struct ps_expr *e,
                                  const struct ps_value *l, const struct ps_value *r);
/* str(x) (B_STR), and x[a:b] (E_SLICE). */
struct ps_value interp_str_call(struct interp *in, const struct ps_expr *e);
struct ps_value interp_slice(struct interp *in, const struct ps_expr *e);

#endif
