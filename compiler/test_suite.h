/* pktspec test: the specs of a suite, each run by `pktspec run --lab` in a
 * process of its own (cmd_test.c drives; test_collect.c finds the specs,
 * test_jobs.c runs them, test_report.c writes TAP and JUnit). */
#ifndef PS_TEST_SUITE_H
#define PS_TEST_SUITE_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

enum test_state { TS_PENDING, TS_RUNNING, TS_DONE };

struct test_spec {
    char *path;          /* as found: the TAP and JUnit name */
    char *peer;          /* `# pktspec: lab-peer CMD`, or NULL */
    char *waits[4];      /* `# pktspec: lab-peer-wait PROTO/PORT`: run's --lab-peer-wait */
    size_t nwaits;
    char *no_lab;        /* `# pktspec: no-lab [reason]`: the reason ("" for none) */
    char *bad;           /* a directive that cannot be read: its diagnostic */
    enum test_state state;
    pid_t pid;
    int out_fd, err_fd;  /* the run's stdout and stderr (unnamed files) */
    char *junit;         /* where the run writes its --junit */
    double start, secs;
    bool timed_out;
    double limit;        /* --timeout, when it ended the run */
    int wstatus;         /* waitpid's */
    int status;          /* 0..3, as run's */
};

struct test_suite {
    struct test_spec *v;
    size_t n, cap;
};

/* Adds the .pkt files under path (recursively, sorted, files directly in a
 * lib/ folder skipped) or path itself when it is a file. 0, or -1 after
 * saying why on stderr. */
int test_collect(struct test_suite *s, const char *path);
/* Sorts by path and drops names given twice. */
void test_sort(struct test_suite *s);
/* Reads each spec's leading `# pktspec:` directives. */
void test_read_directives(struct test_spec *t);
void test_suite_free(struct test_suite *s);

struct test_run_opts {
    const char *exe;       /* this pktspec */
    const char *tmpdir;    /* the runs' JUnit files */
    char **extra;          /* -k, -D, -I as given, passed on to run */
    int nextra;
    unsigned jobs;
    double timeout;        /* seconds per spec */
};

/* Runs every spec, `jobs` at a time; calls done(t, ctx) for each spec in
 * path order as soon as it and those before it are over. Returns 0, or the
 * signal that interrupted the suite (the runs then are ended). */
int test_run_all(struct test_suite *s, const struct test_run_opts *o,
                 void (*done)(struct test_spec *t, size_t k, void *ctx), void *ctx);
double test_now(void);

/* test_report.c */
void test_tap_spec(FILE *out, const struct test_spec *t, size_t k);
void test_junit_begin(FILE *j);
void test_junit_spec(FILE *j, const struct test_spec *t, size_t id);
void test_junit_end(FILE *j);

#endif
