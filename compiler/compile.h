/* Semantic analysis: the AST, checked against the protocol registry, becomes
 * the IR (ir.h) that both back ends read. */
#ifndef PS_COMPILE_H
#define PS_COMPILE_H

#include "diag.h"
#include "ir.h"

/* -D NAME=value overrides (struct ps_define), checked against each param's type. */
#include "run_cli.h"

/* Returns the program, or NULL when errors were reported through d (every
 * error found, not only the first). */
struct ps_program *ps_compile(const struct ast_node *ast, struct ps_diag *d,
                              const struct ps_define *defs, size_t ndefs);

#endif
