/* -D at a probe's run time: the params whose value only shows in bytes of
 * the frames (and their checksums), found by recording the spec again with
 * two made-up values of each; the others keep the value the probe was
 * built with, and say why. */
#ifndef PS_EMIT_PARAMS_H
#define PS_EMIT_PARAMS_H

#include "compile.h"
#include "emit_holes.h"
#include "emit_record.h"

/* How a probe takes a param's value at run time: the probe's enum pk_pv_kind. */
enum emit_pv_kind { EP_FIXED, EP_IP4, EP_IP6, EP_MAC, EP_INT };

struct emit_param {
    const struct ps_stmt *st;    /* its binding in the program */
    const char *name;
    enum emit_pv_kind kind;      /* EP_FIXED: only the built value */
    const char *fixed;           /* EP_FIXED of a type that could change: why not */
    uint8_t len;                 /* bytes of its holes (an integer's width) */
    bool summaries_vary;         /* the frames' summaries show its value */
    struct emit_patches patches; /* its holes */
};

/* What recompiling the spec with other -D values needs. */
struct emit_source {
    const struct ast_node *ast;
    const struct ps_source *src;
    const struct ps_define *defs;
    size_t ndefs;
};

/* Where each line of prog's source starts (*nlines of them, and the end). */
size_t *emit_line_starts(const struct ps_program *prog, size_t *nlines);
/* Whether st binds a `param` of the spec (starts: emit_line_starts's). */
bool emit_is_param(const struct ps_program *prog, const size_t *starts, size_t nlines,
                   const struct ps_stmt *st);

/* The params of base's program, in the order of its statements, each
 * found patchable or not (src NULL: none is). */
struct emit_param *emit_params_find(const struct emit_rec *base, const struct emit_source *src,
                                    size_t *n);
void emit_params_free(struct emit_param *p, size_t n);

#endif
