/* The scanner's state (flex's "extra"), shared with the parser: the
 * parser's error handler reads and resets the bracket state so that a
 * missing ')' does not swallow the rest of the file. */
#ifndef PS_SCAN_H
#define PS_SCAN_H

#include <stdbool.h>

#include "diag.h"

/* Flex's code (lexer.c, lexer.h) names the parser's types YYSTYPE and
 * YYLTYPE; parser.y's api.prefix makes them PS_YYSTYPE and PS_YYLTYPE. */
#ifndef YYSTYPE
#define YYSTYPE PS_YYSTYPE
#endif
#ifndef YYLTYPE
#define YYLTYPE PS_YYLTYPE
#endif

struct scan_bracket {
    char kind;          /* ( [ { */
    int indent;         /* column of the first token of the line it opened on */
    bool subscript;     /* a [ right after an operand: `s[1:3]` reads ':' as a slice */
    struct ast_loc loc;
};

struct ps_scan {
    struct ps_diag *diag;
    const char *text;        /* the whole source, to read a token again */
    size_t len;
    void *buffer;            /* flex's YY_BUFFER_STATE over text */
    size_t offset;           /* of the next byte */
    size_t tok_offset;       /* of the last token */
    struct ast_loc nl_loc;   /* the last newline read */
    bool pending_eol;        /* return an end of line before anything else */
    int start_token;         /* returned once, first: selects program or expression */
    bool statements;         /* a program: its last line needs no newline of its own */
    int line, col;           /* position of the next byte */
    struct ast_loc eof_loc;  /* where "end of file" is reported: end of the last line */
    int last_token;
    int prev_token;          /* the token before last_token */
    bool at_line_start;      /* no token yet on the current line */
    bool first_on_line;      /* the last token returned began its line */
    int line_indent;         /* column of the first token of the current line */
    struct scan_bracket *brackets;
    size_t nbrackets, cap;
    /* Inside ( or [, a line began at or left of where the statement began:
     * probably a new statement after a missing closer. */
    bool dedented;
    /* The last token began a line inside ( or [, no further right than
     * the line that opened them, right after a complete operand, and can
     * only begin a statement: a syntax error for sure, whose cause is
     * most likely the bracket `unclosed` left open on an earlier line. */
    bool suspect;
    struct ast_loc suspect_loc;
    struct scan_bracket unclosed;
    int error_line;          /* line of the last lexical error, 0 if none */
    int invalid_line, invalid_next_col; /* a run of invalid characters is one error */
};

/* Scans src; parse with the yyscan_t it returns, then scan_fini(). */
void *scan_start(struct ps_scan *s, const struct ps_source *src, struct ps_diag *d,
                 int start_token);
void scan_fini(struct ps_scan *s, void *scanner);
/* Called by the parser on a syntax error at loc, before it reports one.
 * Returns true when the error is a ( or [ left open on an earlier line:
 * then this reported that, forgot the open brackets and arranged for the
 * statement starting at loc to be read again after an end of line.
 * Otherwise, when a line inside an open ( or [ looked like a new
 * statement, forgets those brackets so that newlines end statements again
 * and recovery resumes at the next line. */
bool scan_syntax_error(void *scanner, const struct ast_loc *loc);

#endif
