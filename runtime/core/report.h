/* Messages that name a place in a spec: `path:line:col: kind: message`, then
 * the line and a caret under the column. The compiler's diagnostics and the
 * run-time's errors both print through this, so they look the same. */
#ifndef PS_REPORT_H
#define PS_REPORT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

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

#endif
