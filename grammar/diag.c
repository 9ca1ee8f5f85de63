#include "diag.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void ps_diag_init(struct ps_diag *d, const struct ps_source *src, FILE *out)
{
    d->src = src;
    d->out = out;
    d->errors = 0;
    d->warnings = 0;
}

/* The bytes of line `line` (1-based), without its end of line. */
static const char *find_line(const struct ps_source *src, int line, size_t *len)
{
    if (!src || !src->text || line < 1)
        return NULL;
    const char *p = src->text, *end = src->text + src->len;
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

static void report(struct ps_diag *d, const char *kind, struct ast_loc loc, const char *fmt,
                   va_list ap)
{
    FILE *out = d->out ? d->out : stderr;
    const char *path = d->src && d->src->path ? d->src->path : "<input>";
    if (loc.line > 0)
        fprintf(out, "%s:%d:%d: %s: ", path, loc.line, loc.col, kind);
    else
        fprintf(out, "%s: %s: ", path, kind);
    vfprintf(out, fmt, ap);
    fputc('\n', out);
    size_t len;
    const char *line = loc.line > 0 ? find_line(d->src, loc.line, &len) : NULL;
    if (line) {
        fwrite(line, 1, len, out);
        fputc('\n', out);
        print_caret(out, line, len, loc.col);
    }
}

void ps_diag_error(struct ps_diag *d, struct ast_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(d, "error", loc, fmt, ap);
    va_end(ap);
    d->errors++;
}

void ps_diag_warning(struct ps_diag *d, struct ast_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(d, "warning", loc, fmt, ap);
    va_end(ap);
    d->warnings++;
}

int ps_source_load(struct ps_source *src, const char *path)
{
    src->path = path;
    src->text = NULL;
    src->len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t cap = 4096, len = 0;
    char *buf = front_xmalloc(cap);
    for (;;) {
        if (cap - len < 2) {
            cap *= 2;
            buf = front_xrealloc(buf, cap);
        }
        size_t n = fread(buf + len, 1, cap - len - 1, f);
        len += n;
        if (n == 0)
            break;
    }
    if (ferror(f)) {
        int err = errno ? errno : EIO;
        fclose(f);
        free(buf);
        errno = err;
        return -1;
    }
    fclose(f);
    buf[len] = '\0';
    src->text = buf;
    src->len = len;
    return 0;
}

void ps_source_free(struct ps_source *src)
{
    free((char *)src->text);
    src->text = NULL;
    src->len = 0;
}
