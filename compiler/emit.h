/* The second back end: a spec as a probe, one C file of tables (the checked
 * program's image and the spec's literal filters, compiled) and a main that
 * runs them on pktspec's own engine (runtime/run/probe.h, docs/emit.md). */
#ifndef PS_EMIT_H
#define PS_EMIT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ir.h"

/* Writes prog's probe to out. 0: written; 2: the spec holds what a probe
 * cannot run (a filter known only at run time: no libpcap in a probe),
 * reported on err at its location; 3: out of memory. */
int ps_emit(const struct ps_program *prog, FILE *out, FILE *err);

/* A C string literal holding exactly bytes s[0..n) (no trigraph, no
 * escape that swallows the next character); past ISO C's length limit, a
 * compound literal char array: either stands where a const char * goes. */
void ps_emit_cstr(FILE *out, const uint8_t *s, size_t n);
/* Text safe inside a C block comment: one line, no comment end or start. */
void ps_emit_comment(FILE *out, const char *s, size_t n);

#endif
