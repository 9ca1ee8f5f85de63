/* Scapy's ls(LAYER) printer (scapy/packet.py ls and _pkt_ls). */
#include "ls.h"

#include <inttypes.h>
#include <string.h>

/* Python's repr() of a str: single quotes unless the text holds ' and no ". */
static void put_pyrepr(FILE *out, const char *s)
{
    char q = strchr(s, '\'') && !strchr(s, '"') ? '"' : '\'';
    fputc(q, out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '\\' || *p == (unsigned char)q)
            fprintf(out, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", out);
        else if (*p == '\r')
            fputs("\\r", out);
        else if (*p == '\t')
            fputs("\\t", out);
        else if (*p < 0x20 || *p == 0x7f)
            fprintf(out, "\\x%02x", *p);
        else
            fputc(*p, out);
    }
    fputc(q, out);
}

void ps_ls_print(FILE *out, const struct ps_proto *p)
{
    for (size_t i = 0; i < p->nfields; i++) {
        const struct ps_field *f = &p->fields[i];
        /* Scapy's middle column is the class name, a space, then the extras;
         * the tables hold it without that trailing space. */
        char middle[128];
        const char *type = f->ls_type ? f->ls_type : "";
        snprintf(middle, sizeof middle, "%s%s", type, strchr(type, ' ') ? "" : " ");
        char dflt[32];
        const char *d = f->ls_default;
        if (!d && f->def_now) {
            snprintf(dflt, sizeof dflt, "%" PRIu64, f->def_now());
            d = dflt;
        }
        fprintf(out, "%-10s : %-35s = (", f->name, middle);
        put_pyrepr(out, d ? d : "None");
        fputs(")\n", out);
    }
}
