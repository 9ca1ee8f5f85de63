/* A signal handler reaches nothing but process-wide state: this file holds
 * pktspec's only such state, and nothing else. */
#include "signals.h"

#include <stddef.h>
#include <string.h>

static volatile sig_atomic_t stop_flag;
static volatile sig_atomic_t in_capture;
static void (*volatile cleanup_fn)(void);

static void on_signal(int sig)
{
    if (sig == SIGINT && in_capture && !stop_flag) {
        stop_flag = 1;
        return;
    }
    if (cleanup_fn)
        cleanup_fn();
    /* Die of the signal itself, so the caller sees how the run ended. */
    signal(sig, SIG_DFL);
    raise(sig);
}

void ps_signals_install(void (*cleanup)(void))
{
    cleanup_fn = cleanup;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    /* No SA_RESTART: a wait in poll() must see the signal. */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

void ps_signals_capture(bool on)
{
    if (on)
        stop_flag = 0;
    in_capture = on;
}

volatile sig_atomic_t *ps_signals_stop_flag(void)
{
    return &stop_flag;
}
