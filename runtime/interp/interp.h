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
