/* The second back end: a spec to one standalone C file (a probe) that holds
 * the spec's frames and needs only libc. */
#ifndef PS_EMIT_H
#define PS_EMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ir.h"

struct ast_node;
struct ps_source;
struct ps_define;
struct ps_emit_opts {
    bool frames_only;   /* a header with the frames, their lengths and names */
    bool offline;       /* what a probe cannot do on the wire: warnings, not errors */
    FILE *out;
    FILE *err;          /* the emitter's errors, at spec locations */
    /* the spec and its -D values, to compile it again with other values
     * of its params (ast NULL: no param changes at the probe's run time) */
    const struct ast_node *ast;
    const struct ps_source *src;
    const struct ps_define *defs;
    size_t ndefs;
};

/* 0: written; 2: the spec holds what a probe cannot do (reported at its
 * location); 3: the spec's run failed while recording it. */
int ps_emit(const struct ps_program *prog, const struct ps_emit_opts *o);

/* The probe's fixed part (emit_core_text.c, generated): lines, NULL-ended. */
extern const char *const ps_probe_core_head[];
extern const char *const ps_probe_core_tail[];

/* A C string literal holding exactly bytes s[0..n) (no trigraph, no
 * escape that swallows the next character); past ISO C's length limit, a
 * compound literal char array: either stands where a const char * goes. */
void ps_emit_cstr(FILE *out, const uint8_t *s, size_t n);
/* Text safe inside a C block comment: one line, no comment end or start. */
void ps_emit_comment(FILE *out, const char *s, size_t n);
/* Line `line` of prog's source, its indentation left out (no newline). */
void ps_emit_spec_line(const struct ps_program *prog, struct ps_loc loc, const char **s,
                       size_t *n);
/* A C identifier made of text (letters, digits, _), for frame names. */
void ps_emit_ident(FILE *out, const char *s, size_t n);

#endif
