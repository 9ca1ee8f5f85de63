/* One run entry for `pktspec run` and for a probe: the options of run, and
 * running a checked program with them (a dry run, a capture, an interface,
 * a lab made for the run). pktspec compiles the spec, a probe loads its
 * image; both then hand the program here, so both print the same. */
#ifndef PS_RUN_CLI_H
#define PS_RUN_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "interp.h"
#include "lab_wait.h"

/* -D NAME=VALUE, as given: checked against the param's type by whoever
 * binds it (the compiler, or ps_program_define in a probe). */
struct ps_define {
    const char *name;
    const char *value;
};

struct ps_run_cli {
    const char *name;      /* "pktspec", or the probe's name: what messages start with */
    const char *usage;     /* printed after a usage error */
    struct ps_define defs[64];
    size_t ndefs;
    struct ps_run_opts run;
    bool dry, pcap;
    const char *iface;
    bool lab;
    const char *lab_peer;
    struct ps_lab_wait lab_waits[8]; /* --lab-peer-wait */
    size_t nlab_waits;
    bool drop_kernel_rst;
    char **exec_argv;      /* --lab --exec CMD ARGS...: CMD runs in the lab */
    int exec_argc;
    int format;            /* --format: enum ps_diag_format */
};

/* A usage error: "NAME: error: " fmt (with arg), then the usage; 2. */
int ps_run_usage_error(const struct ps_run_cli *c, const char *fmt, const char *arg);

/* argv[*i] when it is an option of run (it may take argv[*i + 1], and
 * --exec takes the rest): 1 taken (*i on its last word), 0 not one of
 * run's, 2 a usage error (printed). */
int ps_run_cli_option(struct ps_run_cli *c, int argc, char **argv, int *i);

/* After every option: the lab's params are the lab's (-D lab_... is
 * refused), and no output is the spec (may be NULL) or another output
 * (-o OUT of emit and build, or NULL). 0, or 2 (printed). */
int ps_run_cli_check(const struct ps_run_cli *c, const char *spec, const char *output);

/* Exactly one of --dry-run, --pcap, -i and --lab: 0, or 2 (printed). */
int ps_run_cli_modes(const struct ps_run_cli *c);

/* Runs prog as the options say (ps_run_cli_modes passed): the exit status
 * of the run. */
int ps_run_cli_go(struct ps_run_cli *c, const struct ps_program *prog);

/* --lab --exec CMD ARGS: CMD ARGS -i IFACE in a lab made for it, with the
 * lab's values in its environment (PKTSPEC_LAB_*): its exit status. */
int ps_run_cli_exec(struct ps_run_cli *c);

#endif
