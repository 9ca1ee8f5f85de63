/* pktspec test: the command line, and the suite's reports as its specs
 * finish (in path order, whatever order they end in: the stream is the
 * same with -j 1 and -j 8). */
#include "cmd_test.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "outfile.h"
#include "test_suite.h"

#define DEFAULT_TIMEOUT 300.0

struct test_cli {
    const char *paths[256];
    size_t npaths;
    char *extra[256];      /* -k, -D, -I, -q, -v, --format: passed on to each run as given */
    int nextra;
    const char *junit;
    long jobs;
    double timeout;
};

struct tally {
    FILE *junit;
    size_t passed, failed, skipped;
    int worst;
};

static int usage_error(const char *usage, const char *fmt, const char *arg)
{
    fprintf(stderr, "pktspec: error: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n%s", usage);
    return 2;
}

static int number(const char *usage, const char *opt, const char *v, double min, double *out)
{
    char *end;
    errno = 0;
    double d = v ? strtod(v, &end) : 0;
    if (!v || !*v || *end || errno || d < min || d > 1e6) {
        char msg[128];
        snprintf(msg, sizeof msg, "%s takes a number (%g or more), not '%%s'", opt, min);
        return usage_error(usage, msg, v ? v : "");
    }
    *out = d;
    return 0;
}

static int parse(struct test_cli *c, int argc, char **argv, const char *usage)
{
    for (int i = 2; i < argc; i++) {
        char *a = argv[i], *next = i + 1 < argc ? argv[i + 1] : NULL;
        bool takes = strcmp(a, "-j") == 0 || strcmp(a, "--junit") == 0 || strcmp(a, "-k") == 0 ||
                     strcmp(a, "--timeout") == 0 || strcmp(a, "-D") == 0 ||
                     strcmp(a, "-I") == 0 || strcmp(a, "--format") == 0;
        if (takes && !next)
            return usage_error(usage, "%s needs a value", a);
        if (c->nextra + 2 > (int)(sizeof c->extra / sizeof c->extra[0]))
            return usage_error(usage, "too many options%s", "");
        if (strncmp(a, "-j", 2) == 0) { /* -j N or -jN, as make's */
            double d;
            if (number(usage, "-j", a[2] ? a + 2 : next, 1, &d))
                return 2;
            c->jobs = (long)d;
            i += !a[2];
        } else if (strcmp(a, "--timeout") == 0) {
            if (number(usage, "--timeout", next, 0.1, &c->timeout))
                return 2;
            i++;
        } else if (strcmp(a, "--junit") == 0) {
            c->junit = argv[++i];
        } else if (takes) {
            c->extra[c->nextra++] = a;
            c->extra[c->nextra++] = argv[++i];
        } else if (strncmp(a, "-D", 2) == 0 || strncmp(a, "-I", 2) == 0 ||
                   strncmp(a, "--format=", 9) == 0 || strcmp(a, "-q") == 0 ||
                   strcmp(a, "-v") == 0) {
            c->extra[c->nextra++] = a;
        } else if (a[0] == '-' && a[1]) {
            return usage_error(usage, "unknown option '%s'", a);
        } else if (c->npaths == sizeof c->paths / sizeof c->paths[0]) {
            return usage_error(usage, "too many paths%s", "");
        } else {
            c->paths[c->npaths++] = a;
        }
    }
    if (!c->npaths)
        c->paths[c->npaths++] = ".";
    return 0;
}

static void spec_done(struct test_spec *t, size_t k, void *ctx)
{
    struct tally *y = ctx;
    test_tap_spec(stdout, t, k);
    fflush(stdout);
    if (y->junit)
        test_junit_spec(y->junit, t, k);
    if (t->no_lab && !t->bad)
        y->skipped++;
    else if (t->status)
        y->failed++;
    else
        y->passed++;
    if (t->status > y->worst)
        y->worst = t->status;
    if (t->out_fd >= 0)
        close(t->out_fd);
    if (t->err_fd >= 0)
        close(t->err_fd);
    t->out_fd = t->err_fd = -1;
    if (t->junit)
        unlink(t->junit);
}

static int run_suite(struct test_cli *c, struct test_suite *s, struct ps_outfile *junit)
{
    char exe[PATH_MAX], tmpdir[] = "/tmp/pktspec-test-XXXXXX";
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) {
        fprintf(stderr, "pktspec: error: cannot find this program: %s\n", strerror(errno));
        return 3;
    }
    exe[n] = '\0';
    if (!mkdtemp(tmpdir)) {
        fprintf(stderr, "pktspec: error: cannot make a temporary folder: %s\n", strerror(errno));
        return 3;
    }
    struct test_run_opts o = {.exe = exe, .tmpdir = tmpdir, .extra = c->extra,
                              .nextra = c->nextra, .jobs = (unsigned)c->jobs,
                              .timeout = c->timeout};
    struct tally y = {.junit = junit ? ps_outfile_stream(junit) : NULL};
    double start = test_now();
    printf("TAP version 14\n1..%zu\n", s->n);
    fflush(stdout);
    if (y.junit)
        test_junit_begin(y.junit);
    int sig = test_run_all(s, &o, spec_done, &y);
    for (size_t i = 0; i < s->n; i++) {
        if (s->v[i].junit)
            unlink(s->v[i].junit);
    }
    rmdir(tmpdir);
    if (sig) {
        printf("Bail out! interrupted by %s\n", strsignal(sig));
        if (junit)
            ps_outfile_abort(junit);
        return 128 + sig;
    }
    /* The summary counts specs, not the tests in them. */
    printf("# %zu specs: %zu passed, %zu failed, %zu skipped in %.1f s\n", s->n, y.passed,
           y.failed, y.skipped, test_now() - start);
    if (junit) {
        char err[512];
        test_junit_end(y.junit);
        if (ps_outfile_commit(junit, err, sizeof err) < 0) {
            fprintf(stderr, "pktspec: error: cannot write %s\n", err);
            return 3;
        }
    }
    return y.worst;
}

int ps_cmd_test(int argc, char **argv, const char *usage, const char *help)
{
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0) {
            printf("%s\n%s", usage, help);
            return 0;
        }
    }
    struct test_cli c = {.timeout = DEFAULT_TIMEOUT};
    int rc = parse(&c, argc, argv, usage);
    if (rc)
        return rc;
    if (!c.jobs) {
        c.jobs = sysconf(_SC_NPROCESSORS_ONLN);
        if (c.jobs < 1)
            c.jobs = 1;
    }
    struct test_suite s = {0};
    for (size_t i = 0; i < c.npaths && !rc; i++)
        rc = test_collect(&s, c.paths[i]) < 0 ? 2 : 0;
    test_sort(&s);
    for (size_t i = 0; i < s.n && !rc; i++) {
        test_read_directives(&s.v[i]);
        if (c.junit && ps_same_file(c.junit, s.v[i].path)) {
            fprintf(stderr, "pktspec: error: --junit %s is a spec: it would be lost\n", c.junit);
            rc = 2;
        }
    }
    /* The JUnit file is made first: a suite that could not write it stops
     * before anything runs. */
    struct ps_outfile *junit = NULL;
    char err[512];
    if (!rc && c.junit && !(junit = ps_outfile_open(c.junit, err, sizeof err))) {
        fprintf(stderr, "pktspec: error: cannot write %s\n", err);
        rc = 3;
    }
    if (!rc)
        rc = run_suite(&c, &s, junit);
    test_suite_free(&s);
    return rc;
}
