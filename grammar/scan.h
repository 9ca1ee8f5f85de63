/* The scanner's state (flex's "extra"), shared with the parser: the
 * parser's error handler reads and resets the bracket state so that a
 * missing ')' does not swallow the rest of the file. */
#ifndef PS_SCAN_H
#define PS_SCAN_H

#include <stdbool.h>

#include "diag.h"

struct scan_bracket {
    char kind;  /* ( [ { */
    int indent; /* column of the first token of the line it opened on */
};

struct ps_scan {
    struct ps_diag *diag;
    int start_token;         /* returned once, first: selects program or expression */
    bool statements;         /* a program: its last line needs no newline of its own */
    int line, col;           /* position of the next byte */
    struct ast_loc eof_loc;  /* where "end of file" is reported: end of the last line */
    int last_token;
    bool at_line_start;      /* no token yet on the current line */
    bool first_on_line;      /* the last token returned began its line */
    int line_indent;         /* column of the first token of the current line */
    struct scan_bracket *brackets;
    size_t nbrackets, cap;
    /* Inside ( or [, a line began at or left of where the statement began:
     * probably a new statement after a missing closer. */
    bool dedented;
    int error_line;          /* line of the last lexical error, 0 if none */
    int invalid_line, invalid_next_col; /* a run of invalid characters is one error */
};

void scan_init(struct ps_scan *s, struct ps_diag *d, int start_token);
void scan_fini(struct ps_scan *s);
/* After a syntax error: when a line inside an open ( or [ looked like a
 * new statement, forget those brackets so that newlines end statements
 * again and recovery resumes at the next line. */
void scan_forget_brackets(struct ps_scan *s);

#endif
