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

#endif
