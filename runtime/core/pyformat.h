/* Python's printf-style formatting, `"%d/%s" % (port, state)`: the
 * conversion specs of a format text, read the same way by the checker
 * (counts and kinds known statically) and by the run (the text made). */
#ifndef PS_PYFORMAT_H
#define PS_PYFORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ps_pyfmt {
    size_t start, end;   /* the spec in the format text, its '%' included */
    char conv;           /* s r d i u x X o c, or '%' for a literal %% */
    bool minus, zero, plus, space, alt;
    int width;           /* -1: none */
    int prec;            /* -1: none */
};

/* The next conversion spec of fmt at or after *pos: returns 1 with *out
 * filled and *pos past it, 0 when there is none left (*pos at len), or -1
 * with *why set (Python's words) when the spec at out->start is bad. */
int ps_pyfmt_next(const uint8_t *fmt, size_t len, size_t *pos, struct ps_pyfmt *out,
                  const char **why);

/* Whether a conversion takes a number (d i u x X o c) rather than any value. */
bool ps_pyfmt_numeric(char conv);

#endif
