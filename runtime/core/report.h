/* Messages that name a place in a spec: `path:line:col: kind: message`, then
 * the line and a caret under the column. The compiler's diagnostics and the
 * run-time's errors both print through this, so they look the same. */
#ifndef PS_REPORT_H
#define PS_REPORT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* How diagnostics are written (pktspec --format): text, a person's
 * `path:line:col: kind: message` with the line and a caret; json, one object
 * a line {"file", "line", "column", "end_column", "severity", "message",
 * "hint"}; github, Actions workflow commands (`::error file=,line=,col=,
 * endColumn=::message`). Columns count bytes from 1; end_column is the column
 * just past the marked text. The hint is a message's closing
 * "(did you mean 'X'?)", taken out of the JSON message. */
enum ps_diag_format { PS_DIAG_TEXT, PS_DIAG_JSON, PS_DIAG_GITHUB };

/* "text", "json" or "github"; -1 for another name. */
int ps_diag_format_parse(const char *name);
/* Diagnostics written to `stream` (the run's stderr) take format f; every
 * other stream (a memory stream that keeps a test's message) stays text. */
void ps_report_set_format(enum ps_diag_format f, FILE *stream);

/* text/len: the whole spec (may be NULL). A line of 0 prints `path: kind:
 * message`, with no source line. */
void ps_report_v(FILE *out, const char *path, const char *text, size_t len, int line, int col,
                 const char *kind, const char *fmt, va_list ap);
void ps_report(FILE *out, const char *path, const char *text, size_t len, int line, int col,
               const char *kind, const char *fmt, ...) __attribute__((format(printf, 8, 9)));

/* The files of a spec: v[0] the spec itself, then each file it imports, with
 * the file and line of the import that brought it in (from_file -1 for v[0]). */
struct ps_srcfile {
    const char *path;
    const char *text;
    size_t len;
    int from_file, from_line;
};
struct ps_srcfiles {
    struct ps_srcfile *v;
    size_t n, cap;
};

/* As ps_report_v, in file `file` of fs when that is an imported file (then
 * followed by an "imported from FILE:LINE" note for each import that led
 * there); otherwise in path/text. fs may be NULL. */
void ps_report_in(FILE *out, const char *path, const char *text, size_t len,
                  const struct ps_srcfiles *fs, int file, int line, int col, const char *kind,
                  const char *fmt, va_list ap);
/* As ps_report_in, with the last column (inclusive) of the marked text on
 * that line: 0 when unknown (the word at col is marked), -1 to the line's end. */
void ps_report_in_span(FILE *out, const char *path, const char *text, size_t len,
                       const struct ps_srcfiles *fs, int file, int line, int col, int last_col,
                       const char *kind, const char *fmt, va_list ap);
/* A message of the tool that names no place in a spec ("pktspec: error:
 * cannot read x.pkt: ..."): file null in JSON. */
void ps_report_tool(FILE *out, const char *kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
