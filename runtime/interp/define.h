/* -D NAME=TEXT on a loaded program (interp/define.c), and the list syntax
 * the compiler's -D shares: [a, b] or a,b. */
#ifndef PS_DEFINE_H
#define PS_DEFINE_H

#include <stddef.h>

#include "ir.h"

/* The param's value read as its default's type; 0, or -1 with the message in err. */
int ps_program_define(struct ps_program *prog, const char *name, const char *text, char *err,
                      size_t errcap);

/* The end of the list element that starts at p: a comma outside quotes and
 * brackets, or end. */
const char *ps_define_element_end(const char *p, const char *end);
/* Skips blanks at *p and returns the end with blanks before it dropped. */
const char *ps_define_trim(const char **p, const char *end);

#endif
