/* pktspec test: each spec is `pktspec run --lab SPEC` in a child process
 * (the lab code as it is, and a crash ends one spec, not the suite), N at
 * a time, each bounded in time. The labs do not meet: each run makes its
 * own unnamed namespaces and names its veth pair at random (wire/lab.c). */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test_suite.h"

#define STOP_GRACE 5.0 /* seconds a run has to end after SIGTERM */

double test_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void on_child(int sig)
{
    (void)sig; /* only to be woken: sigtimedwait takes it */
}

/* --lab-peer's command, run in the spec's folder: a directive names the
 * files beside the spec as they are named there. */
static char *peer_command(const struct test_spec *t)
{
    char *copy = strdup(t->path), dir[PATH_MAX];
    if (!copy)
        abort();
    if (!realpath(dirname(copy), dir))
        snprintf(dir, sizeof dir, ".");
    free(copy);
    size_t cap = 4 * strlen(dir) + strlen(t->peer) + 16, n = 0;
    char *cmd = malloc(cap);
    if (!cmd)
        abort();
    n += (size_t)snprintf(cmd, cap, "cd '");
    for (const char *p = dir; *p; p++)
        n += (size_t)snprintf(cmd + n, cap - n, *p == '\'' ? "'\\''" : "%c", *p);
    snprintf(cmd + n, cap - n, "' && %s", t->peer);
    return cmd;
}

static int tmpfile_in(const char *dir)
{
    return open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
}

/* 0, or -1 with the spec done and why in t->bad. */
static int spawn(struct test_spec *t, size_t k, const struct test_run_opts *o,
                 const sigset_t *mask)
{
    char *argv[16 + 2 * (sizeof t->waits / sizeof t->waits[0]) + o->nextra];
    int n = 0;
    argv[n++] = (char *)o->exe;
    argv[n++] = "run";
    argv[n++] = "--lab";
    argv[n++] = t->path;
    size_t jl = strlen(o->tmpdir) + 32;
    t->junit = malloc(jl);
    if (!t->junit)
        abort();
    snprintf(t->junit, jl, "%s/%zu.xml", o->tmpdir, k);
    argv[n++] = "--junit";
    argv[n++] = t->junit;
    for (int i = 0; i < o->nextra; i++)
        argv[n++] = o->extra[i];
    char *peer = t->peer ? peer_command(t) : NULL;
    if (peer) {
        argv[n++] = "--lab-peer";
        argv[n++] = peer;
    }
    for (size_t w = 0; w < t->nwaits; w++) {
        argv[n++] = "--lab-peer-wait";
        argv[n++] = t->waits[w];
    }
    argv[n] = NULL;
    t->out_fd = tmpfile_in(o->tmpdir);
    t->err_fd = tmpfile_in(o->tmpdir);
    t->start = test_now();
    t->pid = t->out_fd < 0 || t->err_fd < 0 ? -1 : fork();
    if (t->pid == 0) {
        sigprocmask(SIG_SETMASK, mask, NULL);
        int null = open("/dev/null", O_RDONLY);
        if (null < 0 || dup2(null, 0) < 0 || dup2(t->out_fd, 1) < 0 || dup2(t->err_fd, 2) < 0)
            _exit(127);
        /* for the peer's commands: the pktspec that runs them */
        setenv("PKTSPEC", o->exe, 1);
        execv(o->exe, argv);
        fprintf(stderr, "pktspec: error: cannot run %s: %s\n", o->exe, strerror(errno));
        _exit(127);
    }
    int e = errno;
    free(peer);
    if (t->pid > 0) {
        t->state = TS_RUNNING;
        return 0;
    }
    if (asprintf(&t->bad, "pktspec: error: cannot start the run: %s\n", strerror(e)) < 0)
        abort();
    t->state = TS_DONE;
    t->status = 3;
    return -1;
}

/* A spec that needs no run: skipped, or an error in its directives. */
static bool settled_before(struct test_spec *t)
{
    if (!t->bad && !t->no_lab)
        return false;
    t->state = TS_DONE;
    t->status = t->bad ? 2 : 0;
    return true;
}

static void finish(struct test_spec *t, int wstatus)
{
    t->state = TS_DONE;
    t->wstatus = wstatus;
    t->secs = test_now() - t->start;
    if (t->timed_out || !WIFEXITED(wstatus))
        t->status = 3;
    else
        t->status = WEXITSTATUS(wstatus) <= 3 ? WEXITSTATUS(wstatus) : 3;
}

static void reap(struct test_suite *s)
{
    int st;
    pid_t pid;
    while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
        for (size_t i = 0; i < s->n; i++) {
            if (s->v[i].state == TS_RUNNING && s->v[i].pid == pid)
                finish(&s->v[i], st);
        }
    }
}

/* Kills the runs past their time (SIGKILL: the lab goes with the run's
 * process, wire/lab.c); returns the seconds to the next deadline. */
static double enforce(struct test_suite *s, double timeout)
{
    double now = test_now(), next = 3600;
    for (size_t i = 0; i < s->n; i++) {
        struct test_spec *t = &s->v[i];
        if (t->state != TS_RUNNING || t->timed_out)
            continue;
        double left = t->start + timeout - now;
        if (left <= 0) {
            kill(t->pid, SIGKILL);
            t->timed_out = true;
            t->limit = timeout;
        } else if (left < next) {
            next = left;
        }
    }
    return next;
}

/* Interrupted: each run ends as on its own Ctrl-C-then-kill, lab and all. */
static void stop_all(struct test_suite *s, const sigset_t *set)
{
    double until = test_now() + STOP_GRACE;
    for (size_t i = 0; i < s->n; i++) {
        if (s->v[i].state == TS_RUNNING)
            kill(s->v[i].pid, SIGTERM);
    }
    for (;;) {
        reap(s);
        size_t left = 0;
        for (size_t i = 0; i < s->n; i++)
            left += s->v[i].state == TS_RUNNING;
        if (!left)
            return;
        double now = test_now();
        if (now >= until) {
            for (size_t i = 0; i < s->n; i++) {
                if (s->v[i].state == TS_RUNNING)
                    kill(s->v[i].pid, SIGKILL);
            }
            until = now + 3600;
        }
        struct timespec ts = {0, 50000000};
        sigtimedwait(set, NULL, &ts);
    }
}

int test_run_all(struct test_suite *s, const struct test_run_opts *o,
                 void (*done)(struct test_spec *t, size_t k, void *ctx), void *ctx)
{
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigprocmask(SIG_BLOCK, &set, &old);
    struct sigaction sa = {.sa_handler = on_child}, old_sa;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGCHLD, &sa, &old_sa);
    size_t next = 0, shown = 0;
    int sig = 0;
    while (shown < s->n && !sig) {
        size_t running = 0;
        for (size_t i = 0; i < s->n; i++)
            running += s->v[i].state == TS_RUNNING;
        for (; running < o->jobs && next < s->n; next++) {
            struct test_spec *t = &s->v[next];
            if (!settled_before(t) && spawn(t, next, o, &old) == 0)
                running++;
        }
        while (shown < s->n && s->v[shown].state == TS_DONE) {
            done(&s->v[shown], shown, ctx);
            shown++;
        }
        if (shown == s->n)
            break;
        double wait = enforce(s, o->timeout);
        struct timespec ts = {(time_t)wait, (long)((wait - (double)(time_t)wait) * 1e9)};
        int got = sigtimedwait(&set, NULL, &ts);
        if (got == SIGINT || got == SIGTERM || got == SIGHUP)
            sig = got;
        reap(s);
    }
    if (sig)
        stop_all(s, &set);
    sigaction(SIGCHLD, &old_sa, NULL);
    sigprocmask(SIG_SETMASK, &old, NULL);
    return sig;
}
