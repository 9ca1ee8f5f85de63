/* The interface is the command line's (-i IFACE, or the lab's): a spec's
 * iface= that names another one is refused before anything is built or
 * sent. What is known before the run (a string, a param after -D, the lab's
 * lab_iface) is checked here; the rest when the call runs (live_iface). */
#ifndef PS_IFACE_GUARD_H
#define PS_IFACE_GUARD_H

#include <stdbool.h>
#include <stdio.h>

#include "ir.h"

/* iface: the run's interface (-i); lab: a lab run, whose interface only
 * lab_iface names. Reports each iface= that names another interface, as
 * path:line:col: error, and returns how many. */
int ps_iface_guard(const struct ps_program *prog, const char *iface, bool lab, FILE *err);

#endif
