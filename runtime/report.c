#include <stdarg.h>
#include <string.h>

#include "interp.h"

void ps_report_v(FILE *out, const char *path, const char *source, int line, int col,
                 const char *kind, const char *fmt, va_list ap)
{
    if (line <= 0) {
        fprintf(out, "pktspec: %s: ", kind);
        vfprintf(out, fmt, ap);
        fputc('\n', out);
        return;
    }
    fprintf(out, "%s:%d:%d: %s: ", path, line, col, kind);
    vfprintf(out, fmt, ap);
    fputc('\n', out);
    const char *p = source;
    for (int l = 1; p && *p && l < line; l++) {
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    if (!p)
        return;
    size_t n = strcspn(p, "\n");
    fprintf(out, "%.*s\n", (int)n, p);
    /* Tabs stay tabs so that the caret lines up under any tab width. */
    for (int c = 1; c < col && (size_t)(c - 1) < n; c++)
        fputc(p[c - 1] == '\t' ? '\t' : ' ', out);
    fputs("^\n", out);
}

void ps_report(FILE *out, const char *path, const char *source, int line, int col,
               const char *kind, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ps_report_v(out, path, source, line, col, kind, fmt, ap);
    va_end(ap);
}
