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

/* Columns of the source line shown on each side of the caret: a long line
 * (a minified or binary file) is cut there, so that an error costs a screen
 * line, not the whole line. */
#define CONTEXT_COLS 100

/* The length of the valid UTF-8 sequence at p (2 to 4 bytes), or 0. */
static size_t utf8_len(const unsigned char *p, size_t left)
{
    size_t n = p[0] >= 0xf0 && p[0] < 0xf5 ? 4 : p[0] >= 0xe0 ? 3 : p[0] >= 0xc2 ? 2 : 0;
    if (p[0] < 0x80 || n == 0 || n > left)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xc0) != 0x80)
            return 0;
    return n;
}

/* What one source character prints as, and how many bytes it takes: a
 * control byte or a byte that is not UTF-8 is written as \xNN, so that no
 * echo can drive a terminal. *width: its columns (a tab keeps its tab). */
static size_t shown_char(const unsigned char *p, size_t left, char out[8], int *width)
{
    if (p[0] == '\t' || (p[0] >= 0x20 && p[0] < 0x7f)) {
        out[0] = (char)p[0];
        out[1] = '\0';
        *width = 1;
        return 1;
    }
    size_t n = utf8_len(p, left);
    if (n) {
        memcpy(out, p, n);
        out[n] = '\0';
        *width = 1;
        return n;
    }
    snprintf(out, 8, "\\x%02x", p[0]);
    *width = 4;
    return 1;
}

/* Prints the part of the line around column col (a byte offset + 1, as the
 * lexer counts), at most CONTEXT_COLS characters on each side, then the
 * caret under it. */
static void print_excerpt(FILE *out, const char *line, size_t len, int col)
{
    const unsigned char *u = (const unsigned char *)line;
    size_t at = col > 0 ? (size_t)col - 1 : 0;
    size_t past = 0;   /* a column past the end of the line */
    if (at > len) {
        past = at - len < CONTEXT_COLS ? at - len : CONTEXT_COLS;
        at = len;
    }
    size_t from = at;
    for (int c = 0; c < CONTEXT_COLS && from > 0; c++) {
        from--;
        for (int k = 0; k < 3 && from > 0 && (u[from] & 0xc0) == 0x80; k++)
            from--;
    }
    size_t to = at;
    for (int c = 0; c < CONTEXT_COLS && to < len; c++) {
        char buf[8];
        int w;
        to += shown_char(u + to, len - to, buf, &w);
    }
    char caret[CONTEXT_COLS * 4 + 8];
    size_t nc = 0;
    if (from > 0) {
        fputs("...", out);
        memcpy(caret, "   ", 3);
        nc = 3;
    }
    for (size_t i = from; i < to;) {
        char buf[8];
        int w;
        size_t n = shown_char(u + i, to - i, buf, &w);
        fputs(buf, out);
        for (int k = 0; i < at && k < w && nc < sizeof caret - 1; k++)
            caret[nc++] = buf[0] == '\t' ? '\t' : ' ';
        i += n;
    }
    if (to < len)
        fputs("...", out);
    fputc('\n', out);
    fwrite(caret, 1, nc, out);
    for (size_t k = 0; k < past; k++)
        fputc(' ', out);
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
    if (src)
        print_excerpt(out, src, len, col);
}

void ps_report(FILE *out, const char *path, const char *text, size_t len, int line, int col,
               const char *kind, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ps_report_v(out, path, text, len, line, col, kind, fmt, ap);
    va_end(ap);
}

void ps_report_in(FILE *out, const char *path, const char *text, size_t len,
                  const struct ps_srcfiles *fs, int file, int line, int col, const char *kind,
                  const char *fmt, va_list ap)
{
    if (!fs || file <= 0 || (size_t)file >= fs->n) {
        ps_report_v(out, path, text, len, line, col, kind, fmt, ap);
        return;
    }
    const struct ps_srcfile *f = &fs->v[file];
    ps_report_v(out, f->path, f->text, f->len, line, col, kind, fmt, ap);
    /* bounded: an import chain has no cycle, and at most n files */
    for (size_t k = 0; k < fs->n && file > 0 && (size_t)file < fs->n; k++) {
        const struct ps_srcfile *g = &fs->v[file];
        if (g->from_file < 0 || (size_t)g->from_file >= fs->n)
            break;
        fprintf(out, "note: imported from %s:%d\n", fs->v[g->from_file].path, g->from_line);
        file = g->from_file;
    }
}
