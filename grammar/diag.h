/* Diagnostics: every message names file:line:col and shows the line with a
 * caret under the column, as compilers do. Shared by every stage. */
#ifndef PS_DIAG_H
#define PS_DIAG_H

#include <stdio.h>
#include "ast.h"
#include "report.h"

struct ps_source {
    const char *path;
    const char *text; /* whole file, NUL-terminated */
    size_t len;
};

struct ps_diag {
    const struct ps_source *src;
    FILE *out;
    int errors;
    int warnings;
    int hidden;       /* errors past PS_DIAG_MAX_SHOWN: counted, not printed */
    /* The spec's files when it imports (NULL: only src). A loc's file picks
     * one; a loc of file 0 is in cur_file (the file being parsed). */
    const struct ps_srcfiles *files;
    int cur_file;
};

/* The errors printed for one file; the rest are counted (ps_diag_flush). */
#define PS_DIAG_MAX_SHOWN 50

void ps_diag_init(struct ps_diag *d, const struct ps_source *src, FILE *out);
/* path:line:col: error: message, then the line and a caret. A loc with
 * line 0 (no place in the file, e.g. a -D override) prints path: error: ... */
void ps_diag_error(struct ps_diag *d, struct ast_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void ps_diag_warning(struct ps_diag *d, struct ast_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* When errors were hidden: one last line, "path: error: N more errors". */
void ps_diag_flush(struct ps_diag *d);
/* Reads a whole file into src; returns 0, or -1 with errno set. */
int ps_source_load(struct ps_source *src, const char *path);
void ps_source_free(struct ps_source *src);

/* Parses a whole spec. Returns the program (never NULL); syntax errors are
 * reported through d and counted in d->errors, and parsing goes on after
 * each so that every error of a file is reported. */
struct ast_node *ps_parse(const struct ps_source *src, struct ps_diag *d);
/* Parses src as a single expression (the text of a -D override). Returns
 * NULL after reporting through d when it is not one. */
struct ast_node *ps_parse_expr(const struct ps_source *src, struct ps_diag *d);

#endif
