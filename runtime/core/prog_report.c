/* Messages at a place in a compiled spec, which may be in a file it imports. */
#include <stdarg.h>

#include "ir.h"
#include "report.h"

const char *ps_loc_path(const struct ps_program *p, struct ps_loc loc)
{
    if (loc.file > 0 && p->files && (size_t)loc.file < p->files->n)
        return p->files->v[loc.file].path;
    return p->path;
}

void ps_report_loc(FILE *out, const struct ps_program *p, struct ps_loc loc, const char *kind,
                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ps_report_in(out, p->path, p->source, p->source_len, p->files, loc.file, loc.line, loc.col,
                 kind, fmt, ap);
    va_end(ap);
}
