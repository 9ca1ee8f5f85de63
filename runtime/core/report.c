#include "report.h"

#include "progress.h"

#include <stdbool.h>
#include <stdlib.h>
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

/* ---- formats ------------------------------------------------------------ */

static enum ps_diag_format fmt_of = PS_DIAG_TEXT;
static FILE *fmt_stream;

int ps_diag_format_parse(const char *name)
{
    static const char *const names[] = {"text", "json", "github"};
    for (int i = 0; i < 3; i++)
        if (strcmp(name, names[i]) == 0)
            return i;
    return -1;
}

void ps_report_set_format(enum ps_diag_format f, FILE *stream)
{
    fmt_of = f;
    fmt_stream = stream;
}

static enum ps_diag_format format_for(FILE *out)
{
    return out && out == fmt_stream ? fmt_of : PS_DIAG_TEXT;
}

/* One diagnostic, whatever the format: file NULL for the tool's own; line 0
 * for no place; end the column past the marked text (0: none). */
struct diag_item {
    const char *file;
    int line, col, end;
    const char *kind;
    const char *msg;
};

static void json_string(FILE *out, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    fputc('"', out);
    for (size_t i = 0; i < n;) {
        if (u[i] == '"' || u[i] == '\\') {
            fputc('\\', out);
            fputc(u[i++], out);
        } else if (u[i] == '\n') {
            fputs("\\n", out), i++;
        } else if (u[i] == '\t') {
            fputs("\\t", out), i++;
        } else if (u[i] < 0x20 || u[i] == 0x7f) {
            fprintf(out, "\\u%04x", u[i++]);
        } else if (u[i] < 0x80) {
            fputc(u[i++], out);
        } else {
            size_t k = utf8_len(u + i, n - i);
            if (k) {
                fwrite(u + i, 1, k, out);
                i += k;
            } else {
                fputs("\\ufffd", out); /* not UTF-8: JSON text must be */
                i++;
            }
        }
    }
    fputc('"', out);
}

static void json_int(FILE *out, const char *key, int v, bool have)
{
    if (have)
        fprintf(out, ", \"%s\": %d", key, v);
    else
        fprintf(out, ", \"%s\": null", key);
}

/* The hint: a closing " (did you mean '...'?)"; its length in msg, or 0. */
static size_t hint_len(const char *msg, size_t n)
{
    static const char open[] = " (did you mean ";
    if (n < 2 || strcmp(msg + n - 2, "?)") != 0)
        return 0;
    for (size_t i = n; i-- > 0;)
        if (strncmp(msg + i, open, sizeof open - 1) == 0)
            return n - i;
    return 0;
}

static void print_json(FILE *out, const struct diag_item *d)
{
    size_t n = strlen(d->msg), h = hint_len(d->msg, n);
    fputs("{\"file\": ", out);
    if (d->file)
        json_string(out, d->file, strlen(d->file));
    else
        fputs("null", out);
    json_int(out, "line", d->line, d->line > 0);
    json_int(out, "column", d->col, d->line > 0 && d->col > 0);
    json_int(out, "end_column", d->end, d->line > 0 && d->end > 0);
    fprintf(out, ", \"severity\": \"%s\", \"message\": ", d->kind);
    json_string(out, d->msg, n - h);
    fputs(", \"hint\": ", out);
    if (h)  /* without " (" and ")" */
        json_string(out, d->msg + n - h + 2, h - 3);
    else
        fputs("null", out);
    fputs("}\n", out);
}

/* GitHub's escaping of a workflow command's data, and (prop) of a property. */
static void gh_escape(FILE *out, const char *s, bool prop)
{
    for (; *s; s++) {
        switch (*s) {
        case '%': fputs("%25", out); break;
        case '\r': fputs("%0D", out); break;
        case '\n': fputs("%0A", out); break;
        case ':': prop ? fputs("%3A", out) : fputc(':', out); break;
        case ',': prop ? fputs("%2C", out) : fputc(',', out); break;
        default: fputc(*s, out);
        }
    }
}

static void print_github(FILE *out, const struct diag_item *d)
{
    const char *cmd = strcmp(d->kind, "error") == 0     ? "error"
                      : strcmp(d->kind, "warning") == 0 ? "warning"
                                                        : "notice";
    fprintf(out, "::%s", cmd);
    char sep = ' ';
    if (d->file) {
        fputs(" file=", out);
        gh_escape(out, d->file, true);
        sep = ',';
    }
    if (d->line > 0) {
        fprintf(out, "%cline=%d", sep, d->line);
        if (d->col > 0)
            fprintf(out, ",col=%d", d->col);
        if (d->end > 0)
            fprintf(out, ",endColumn=%d", d->end);
    }
    fputs("::", out);
    gh_escape(out, d->msg, false);
    fputc('\n', out);
}

/* The column past the marked text: last_col given (inclusive), the line's
 * end (-1), or the word at col (0). */
static int end_column(const char *src, size_t len, int col, int last_col)
{
    if (!src || col < 1)
        return 0;
    if (last_col >= col)
        return last_col + 1;
    size_t at = (size_t)col - 1;
    if (last_col < 0 || at >= len)
        return (int)(len > at ? len : at) + 1;
    size_t e = at;
    while (e < len && (src[e] == '_' || (src[e] >= '0' && src[e] <= '9') ||
                       ((src[e] | 0x20) >= 'a' && (src[e] | 0x20) <= 'z')))
        e++;
    if (e == at)
        e = at + (utf8_len((const unsigned char *)src + at, len - at) > 0
                      ? utf8_len((const unsigned char *)src + at, len - at) : 1);
    return (int)e + 1;
}

static void emit_in(FILE *out, const char *path, const char *text, size_t tlen, int line,
                    int col, int last_col, const char *kind, const char *fmt, va_list ap);

/* A live progress line (progress.h) leaves the terminal for the message. */
static void emit(FILE *out, const char *path, const char *text, size_t tlen, int line, int col,
                 int last_col, const char *kind, const char *fmt, va_list ap)
{
    bool tty = out == stderr;
    if (tty)
        ps_progress_pause();
    emit_in(out, path, text, tlen, line, col, last_col, kind, fmt, ap);
    if (tty)
        ps_progress_resume();
}

static void emit_in(FILE *out, const char *path, const char *text, size_t tlen, int line,
                    int col, int last_col, const char *kind, const char *fmt, va_list ap)
{
    size_t len = 0;
    const char *src = line > 0 ? find_line(text, tlen, line, &len) : NULL;
    enum ps_diag_format f = format_for(out);
    if (f == PS_DIAG_TEXT) {
        if (line > 0)
            fprintf(out, "%s:%d:%d: %s: ", path ? path : "pktspec", line, col, kind);
        else
            fprintf(out, "%s: %s: ", path ? path : "pktspec", kind);
        vfprintf(out, fmt, ap);
        fputc('\n', out);
        if (src)
            print_excerpt(out, src, len, col);
        return;
    }
    char *msg = NULL;
    if (vasprintf(&msg, fmt, ap) < 0)
        msg = NULL;
    struct diag_item d = {path, line, col, src ? end_column(src, len, col, last_col) : 0, kind,
                          msg ? msg : "out of memory"};
    if (f == PS_DIAG_JSON)
        print_json(out, &d);
    else
        print_github(out, &d);
    free(msg);
}

void ps_report_v(FILE *out, const char *path, const char *text, size_t tlen, int line, int col,
                 const char *kind, const char *fmt, va_list ap)
{
    emit(out, path, text, tlen, line, col, 0, kind, fmt, ap);
}

void ps_report(FILE *out, const char *path, const char *text, size_t len, int line, int col,
               const char *kind, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit(out, path, text, len, line, col, 0, kind, fmt, ap);
    va_end(ap);
}

void ps_report_tool(FILE *out, const char *kind, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit(out, NULL, NULL, 0, 0, 0, 0, kind, fmt, ap);
    va_end(ap);
}

/* The note after a message in an imported file: where it was imported. */
static void imported_from(FILE *out, const struct ps_srcfile *at, int line)
{
    if (format_for(out) == PS_DIAG_TEXT) {
        fprintf(out, "note: imported from %s:%d\n", at->path, line);
        return;
    }
    struct diag_item d = {at->path, line, 0, 0, "note", NULL};
    char msg[64 + 4096];
    snprintf(msg, sizeof msg, "imported from %s:%d", at->path, line);
    d.msg = msg;
    if (format_for(out) == PS_DIAG_JSON)
        print_json(out, &d);
    else
        print_github(out, &d);
}

void ps_report_in_span(FILE *out, const char *path, const char *text, size_t len,
                       const struct ps_srcfiles *fs, int file, int line, int col, int last_col,
                       const char *kind, const char *fmt, va_list ap)
{
    if (!fs || file <= 0 || (size_t)file >= fs->n) {
        emit(out, path, text, len, line, col, last_col, kind, fmt, ap);
        return;
    }
    const struct ps_srcfile *f = &fs->v[file];
    emit(out, f->path, f->text, f->len, line, col, last_col, kind, fmt, ap);
    /* bounded: an import chain has no cycle, and at most n files */
    for (size_t k = 0; k < fs->n && file > 0 && (size_t)file < fs->n; k++) {
        const struct ps_srcfile *g = &fs->v[file];
        if (g->from_file < 0 || (size_t)g->from_file >= fs->n)
            break;
        imported_from(out, &fs->v[g->from_file], g->from_line);
        file = g->from_file;
    }
}

void ps_report_in(FILE *out, const char *path, const char *text, size_t len,
                  const struct ps_srcfiles *fs, int file, int line, int col, const char *kind,
                  const char *fmt, va_list ap)
{
    ps_report_in_span(out, path, text, len, fs, file, line, col, 0, kind, fmt, ap);
}
