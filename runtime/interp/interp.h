/* The run-time back end: interprets a program's timeline. */
#ifndef PS_INTERP_H
#define PS_INTERP_H

#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>

#include "encode.h"
#include "ir.h"

/* The lab's params (lab.h), as a run in the lab gives them. */
struct ps_lab_values;

enum ps_run_mode {
    PS_RUN_DRY,   /* print every frame; send nothing */
    PS_RUN_PCAP,  /* write every frame to a capture; send nothing */
    PS_RUN_LIVE,  /* send on an interface */
    PS_RUN_RECORD, /* a dry run that hands frames, calls and tests to a recorder (emit) */
};

/* What a PS_RUN_RECORD run tells its recorder (the C emitter). A sending
 * call gets a handle; the PT_WIRE values of its answers carry it in .u as
 * handle * PS_WIRE_PARTS + part (part 0: not from a recorded call), and a
 * pair and its halves which pair in .hi: 0 the one a `for` is at, k + 1
 * ans[k]. */
enum ps_wire_part {
    PS_WIRE_ANSWER = 1, /* sr1's answer */
    PS_WIRE_ANS,        /* sr's ans */
    PS_WIRE_UNANS,      /* sr's unans */
    PS_WIRE_PAIR,       /* the pair of ans a `for` is at */
    PS_WIRE_SENT,       /* that pair's request: pair[0] */
    PS_WIRE_RECV,       /* that pair's answer: pair[1] */
    PS_WIRE_PARTS = 8,
};
struct ps_expr;
struct ps_stmt;
struct ps_value;
struct ps_recorder {
    void *ctx;
    unsigned (*call_begin)(void *ctx, const struct ps_expr *call);
    void (*frame)(void *ctx, const uint8_t *frame, size_t len, uint64_t ts_ns, int linktype,
                  const char *summary);
    void (*call_end)(void *ctx, unsigned handle);
    void (*test_begin)(void *ctx, const struct ps_stmt *test);
    void (*test_end)(void *ctx, const struct ps_stmt *test);
    /* after test_end, a test whose expects failed: their first lines and
     * their report (the TAP diagnostics without `# `), for the probe's JUnit */
    void (*test_failed)(void *ctx, const char *message, const char *detail);
    /* an expect on answers: compiled into the probe with the slots as they are now;
     * context: the lines naming the fors it is in (interp.c's for_context) */
    void (*expect)(void *ctx, const struct ps_stmt *st, const struct ps_value *slots,
                   const char *context);
    /* `for` over the answers of call `handle`: its body runs once, between
     * these two, with the loop's variable a PS_WIRE_PAIR */
    void (*loop_begin)(void *ctx, const struct ps_stmt *st, unsigned handle);
    void (*loop_end)(void *ctx, const struct ps_stmt *st);
    /* what a probe cannot do, at its spec location */
    void (*refuse)(void *ctx, struct ps_loc loc, const char *what);
};

struct ps_run_opts {
    enum ps_run_mode mode;
    const char *pcap_out;  /* PS_RUN_PCAP */
    const char *iface;     /* -i */
    const char *junit;     /* --junit FILE, or NULL */
    const char *select;    /* -k PATTERN: only tests whose name holds it run */
    uint64_t seed;
    int threads;           /* --threads N: send/sendp's default threads=; 0 not given, -1 one a core */
    const char *rate;      /* --rate: send/sendp/sr's default rate=; NULL when not given */
    bool quiet;            /* no frame dumps in a dry run (fuzzing) */
    int verbosity;         /* -q -1: no progress, none of Scapy's lines; -v 1: more */
    bool no_files;         /* wrpcap/rdpcap/sniff(offline=) refused (fuzzing) */
    uint64_t max_steps;    /* stop after this many statements and frames; 0: no bound */
    FILE *out;             /* TAP, frames, prints */
    FILE *err;             /* warnings, run-time errors */
    struct ps_env env;
    const struct ps_lab_values *lab; /* a run in the lab: its params' values */
    const struct ps_recorder *rec;   /* PS_RUN_RECORD */
};

/* Exit status: 0 every expect held, 1 one failed, 3 a run-time error (one
 * that ended a test too: the run goes on after it, docs/LANGUAGE.md). */
int ps_run(const struct ps_program *prog, const struct ps_run_opts *opts);

struct ps_value;
/* Runs prog and gives back the final value of the variable `name` (PT_NONE
 * when it has none): for tests and tools that need a spec's value. */
struct ps_value ps_eval_binding(const struct ps_program *prog, const struct ps_run_opts *opts,
                                const char *name);

#endif
