#include "progress.h"

#include <signal.h>
#include <time.h>
#include <unistd.h>

#define TTY_EVERY_NS 100000000LL  /* 10 lines a second at most */
#define LOG_EVERY_NS 1000000000LL /* -v into a file: a line a second */

/* The call whose line may be on the terminal (the interpreter runs one
 * sending call at a time): what ps_progress_pause takes off. */
static struct ps_progress *active;

static uint64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

bool ps_progress_long(uint64_t frames, int64_t inter_ns)
{
    if (frames > PS_PROGRESS_LONG_FRAMES)
        return true;
    return inter_ns > 0 && (double)frames * (double)inter_ns > (double)PS_PROGRESS_LONG_NS;
}

bool ps_progress_dots(int verbosity, int verbose, int min, bool long_call)
{
    return verbosity >= 0 && verbose >= min && (!long_call || verbosity > 0);
}

static void clear_line(struct ps_progress *p)
{
    if (p->shown && p->tty)
        fputs("\r\033[K", stderr);
    p->shown = false;
}

static void draw(struct ps_progress *p, uint64_t elapsed)
{
    uint64_t n = atomic_load_explicit(&p->count, memory_order_relaxed);
    double s = (double)elapsed / 1e9;
    char line[160];
    int k = snprintf(line, sizeof line, "%s%s: %llu %s  %.0f pps  %.1f s", p->tty ? "\r\033[K" : "",
                     p->what, (unsigned long long)n, p->sr ? "sent" : "frames",
                     s > 0 ? (double)n / s : 0.0, s);
    if (p->sr && k > 0 && (size_t)k < sizeof line)
        snprintf(line + k, sizeof line - (size_t)k, "  %llu answers",
                 (unsigned long long)atomic_load_explicit(&p->answers, memory_order_relaxed));
    fputs(line, stderr);
    if (!p->tty)
        fputc('\n', stderr);
    fflush(stderr);
    p->shown = true;
}

static void *tick(void *arg)
{
    struct ps_progress *p = arg;
    pthread_mutex_lock(&p->mu);
    while (!p->stop) {
        uint64_t at = now_ns() + (uint64_t)p->every_ns;
        struct timespec until = {(time_t)(at / 1000000000u), (long)(at % 1000000000u)};
        pthread_cond_timedwait(&p->cv, &p->mu, &until);
        uint64_t elapsed = now_ns() - p->start_ns;
        if (!p->stop && elapsed >= (uint64_t)p->after_ns)
            draw(p, elapsed);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

void ps_progress_start(struct ps_progress *p, const char *what, bool sr, int verbosity,
                       bool long_call, bool dots)
{
    atomic_init(&p->count, 0);
    atomic_init(&p->answers, 0);
    p->what = what;
    p->sr = sr;
    p->on = p->shown = p->stop = false;
    p->tty = isatty(STDERR_FILENO);
    if (verbosity < 0 || active)
        return;
    if (p->tty) {
        /* Dots or lines on the same terminal would be torn by the line. */
        if (dots && isatty(STDOUT_FILENO))
            return;
        p->after_ns = long_call ? 0 : PS_PROGRESS_LONG_NS;
        p->every_ns = TTY_EVERY_NS;
    } else {
        if (verbosity < 1)
            return;
        p->after_ns = PS_PROGRESS_LONG_NS;
        p->every_ns = LOG_EVERY_NS;
    }
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&p->cv, &ca);
    pthread_condattr_destroy(&ca);
    pthread_mutex_init(&p->mu, NULL);
    p->start_ns = now_ns();
    /* Signals (Ctrl-C) stay the sending thread's. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    p->on = pthread_create(&p->thread, NULL, tick, p) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (!p->on) {
        pthread_cond_destroy(&p->cv);
        pthread_mutex_destroy(&p->mu);
        return;
    }
    active = p;
}

void ps_progress_end(struct ps_progress *p)
{
    if (!p->on)
        return;
    pthread_mutex_lock(&p->mu);
    p->stop = true;
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
    pthread_join(p->thread, NULL);
    clear_line(p);
    fflush(stderr);
    pthread_cond_destroy(&p->cv);
    pthread_mutex_destroy(&p->mu);
    p->on = false;
    active = NULL;
}

void ps_progress_pause(void)
{
    if (!active)
        return;
    pthread_mutex_lock(&active->mu);
    clear_line(active);
}

void ps_progress_resume(void)
{
    if (active)
        pthread_mutex_unlock(&active->mu);
}
