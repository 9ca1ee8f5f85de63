/* Python's str.isprintable() for one code point: what repr() of a str
 * leaves as it is (unicode_printable.c, generated from this machine's
 * Python by gen_unicode_printable.py; tests/printers/live.sh checks it). */
#ifndef PS_UNICODE_H
#define PS_UNICODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

bool ps_unicode_printable(uint32_t cp);

#endif
