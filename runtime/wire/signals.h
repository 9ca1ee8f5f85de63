/* Ctrl-C during a capture (sniff, sr) ends the capture and the run goes on
 * with what came, as Scapy's KeyboardInterrupt does; anywhere else, and on
 * SIGTERM or SIGHUP, the run ends after `cleanup` (the lab's teardown). */
#ifndef PS_SIGNALS_H
#define PS_SIGNALS_H

#include <signal.h>
#include <stdbool.h>

/* cleanup must be async-signal-safe; it may be NULL. */
void ps_signals_install(void (*cleanup)(void));
/* A capture begins (clearing the stop flag) or ends. */
void ps_signals_capture(bool on);
/* Set by Ctrl-C during a capture. */
volatile sig_atomic_t *ps_signals_stop_flag(void);

#endif
