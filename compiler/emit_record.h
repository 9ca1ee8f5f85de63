/* What a recording run of a spec gives the emitter: frames, calls, tests,
 * expects and the text of a dry run, in order. */
#ifndef PS_EMIT_RECORD_H
#define PS_EMIT_RECORD_H

#include <stdbool.h>
#include <stdio.h>

#include "interp.h"

struct rec_frame {
    uint8_t *bytes;
    size_t len;
    uint64_t ts_ns;
    char *summary;
    int call;
};

struct rec_call {
    const struct ps_expr *e;
    uint64_t inter_ns;   /* a sending call's pause after each frame */
    int verbose;
    char *path;          /* wrpcap's file */
    int linktype;
    int kind;            /* enum pk_call_kind of probe_core.c */
    /* sr, sr1, srp, srp1 */
    bool layer3;
    uint64_t timeout_ns;
    int retry;
    bool multi;
    char *filter;        /* filter=, or NULL */
    const char *cannot;  /* kind 3: what -i cannot run, at cannot_loc */
    struct ps_loc cannot_loc;
};

/* The probe's enum pk_event_kind (probe_core.c), in the same order. */
enum rec_event_kind {
    EV_TEXT, EV_DRY_TEXT, EV_FRAME, EV_CALL_BEGIN, EV_CALL_END, EV_TEST_BEGIN, EV_TEST_END,
    EV_EXPECT, EV_LOOP_BEGIN, EV_LOOP_END,
};

struct rec_event {
    int kind;            /* enum rec_event_kind */
    size_t a;
    size_t len;          /* text events: a is the offset in out_buf */
};

struct rec_refusal {
    struct ps_loc loc;
    const char *what;
};

/* What a probe holds at most (docs/emit.md): its frames live in the C
 * file and, while emit records them, in memory. A spec that makes more is
 * an error at the call past the bound, and the recording stops there
 * (count=10**12 at once); a run of more than EMIT_MAX_STEPS statements
 * and frames is an error too. */
#define EMIT_MAX_FRAMES 200000u
#define EMIT_MAX_FRAME_BYTES (64u << 20)
#define EMIT_MAX_STEPS 2000000u

struct emit_rec {
    const struct ps_program *prog;
    bool over;           /* a frame past EMIT_MAX_FRAMES or _FRAME_BYTES, at over_loc */
    struct ps_loc over_loc;
    size_t frame_bytes;
    struct ps_run_opts *opts;   /* the recording run's, while it runs */
    struct rec_frame *frames;
    size_t nframes, capframes;
    struct rec_call *calls;
    size_t ncalls;
    struct rec_event *events;
    size_t nevents, capevents;
    const struct ps_stmt **tests;
    bool *test_skipped;
    char **test_failure, **test_message; /* a failed expect's report (NULL: none) */
    size_t ntests;
    const struct ps_stmt **expects;
    size_t nexpects;
    /* the expects compiled: tables, functions, each one's report line */
    FILE *xpre, *xfn;
    char *xpre_buf, *xfn_buf;
    size_t xpre_len, xfn_len;
    char **expect_where;
    struct rec_refusal *expect_cannot; /* .what NULL: compiled */
    struct rec_refusal *refusals;
    size_t nrefusals;
    /* the dry run's output, cut into text events at each hook */
    FILE *out;
    char *out_buf;
    size_t out_len, out_done;
    bool report_next;    /* the text that comes next is a test's report */
    int call;            /* the call under way, or -1 */
    int test;            /* the test under way, or -1 */
    int *param_of_slot;  /* each slot's index among the params, or -1 */
    size_t *loops;       /* the loops over answers under way: their begin events */
    size_t nloops, caploops;
};

/* Runs prog in record mode into r, frames built for env (NULL: every
 * interface address a hole), stopping (status 3) after max_steps
 * statements and frames (0: EMIT_MAX_STEPS), keeping no frame past the
 * EMIT_MAX_ bounds (r->over); returns the run's status (0, 1, 3).
 * Warnings of the run land in *warnings (malloc'd). */
int emit_record(struct emit_rec *r, const struct ps_program *prog, const struct ps_env *env,
                uint64_t max_steps, char **warnings, size_t *nwarnings);
void emit_record_free(struct emit_rec *r);

#endif
