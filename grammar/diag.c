#include "diag.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "xalloc.h"

void ps_diag_init(struct ps_diag *d, const struct ps_source *src, FILE *out)
{
    d->src = src;
    d->out = out;
    d->errors = 0;
    d->warnings = 0;
    d->hidden = 0;
    d->files = NULL;
    d->cur_file = 0;
}

static void report(struct ps_diag *d, const char *kind, struct ast_loc loc, const char *fmt,
                   va_list ap)
{
    const char *path = d->src && d->src->path ? d->src->path : "<input>";
    /* the node's extent on its first line marks it in the machine formats */
    int last = loc.end_line == loc.line ? loc.end_col : loc.end_line > loc.line ? -1 : 0;
    ps_report_in_span(d->out ? d->out : stderr, path, d->src ? d->src->text : NULL,
                      d->src ? d->src->len : 0, d->files, loc.file ? loc.file : d->cur_file,
                      loc.line, loc.col, last, kind, fmt, ap);
}

/* Past the cap, a file gives no more messages: a binary file or a runaway
 * generator costs a screen, not megabytes. */
void ps_diag_error(struct ps_diag *d, struct ast_loc loc, const char *fmt, ...)
{
    d->errors++;
    if (d->errors > PS_DIAG_MAX_SHOWN) {
        d->hidden++;
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    report(d, "error", loc, fmt, ap);
    va_end(ap);
}

void ps_diag_flush(struct ps_diag *d)
{
    if (!d->hidden)
        return;
    const char *path = d->src && d->src->path ? d->src->path : "<input>";
    ps_report(d->out ? d->out : stderr, path, NULL, 0, 0, 0, "error",
              "%d more error%s (only the first %d are shown)", d->hidden,
              d->hidden == 1 ? "" : "s", PS_DIAG_MAX_SHOWN);
    d->hidden = 0;
}

void ps_diag_warning(struct ps_diag *d, struct ast_loc loc, const char *fmt, ...)
{
    if (d->errors >= PS_DIAG_MAX_SHOWN) {
        d->warnings++;
        return;
    }
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
    /* A UTF-8 byte order mark (some editors write one) is not the spec's. */
    if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
        memmove(buf, buf + 3, len - 3);
        len -= 3;
    }
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
