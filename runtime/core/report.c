#include "report.h"

#include <string.h>

/* The bytes of line `line` (1-based), without its end of line. */
static const char *find_line(const char *text, size_t tlen, int line, size_t *len)
{
    if (!text || line < 1)
        return NULL;
    const char *p = text, *end = text + tlen;
    for (int l = 1; l < line; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return NULL;
        p = nl + 1;
    }
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    if (n && p[n - 1] == '\r')
        n--;
    *len = n;
    return p;
}

/* The caret line copies the tabs of the source line and counts a UTF-8
 * character once, so that the caret lands under the column on a terminal. */
static void print_caret(FILE *out, const char *line, size_t len, int col)
{
    for (int i = 0; i < col - 1; i++) {
        unsigned char c = (size_t)i < len ? (unsigned char)line[i] : ' ';
        if (c == '\t')
            fputc('\t', out);
        else if ((c & 0xc0) != 0x80)
            fputc(' ', out);
    }
    fputs("^\n", out);
}

void ps_report_v(FILE *out, const char *path, const char *text, size_t tlen, int line, int col,
                 const char *kind, const char *fmt, va_list ap)
{
    if (line > 0)
        fprintf(out, "%s:%d:%d: %s: ", path, line, col, kind);
    else
        fprintf(out, "%s: %s: ", path, kind);
    vfprintf(out, fmt, ap);
    fputc('\n', out);
    size_t len;
    const char *src = line > 0 ? find_line(text, tlen, line, &len) : NULL;
    if (src) {
        fwrite(src, 1, len, out);
        fputc('\n', out);
        print_caret(out, src, len, col);
    }
}

void ps_report(FILE *out, const char *path, const char *text, size_t len, int line, int col,
               const char *kind, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ps_report_v(out, path, text, len, line, col, kind, fmt, ap);
    va_end(ap);
}
