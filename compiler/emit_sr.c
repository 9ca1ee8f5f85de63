/* The capture filter of each sr call of a probe: the text pktspec run
 * would give libpcap (runtime/sr.c), compiled here into classic BPF, so
 * that the probe needs no libpcap. */
#include <stdlib.h>
#include <string.h>

#include "bpf.h"
#include "emit_sr.h"
#include "linktype.h"

/* sr.c's filter without filter=: the requests' EtherTypes, or none when a
 * request is 802.3 or tagged. */
static bool default_filter(const struct emit_rec *r, size_t call, char *out, size_t cap)
{
    uint16_t types[8];
    size_t nt = 0;
    for (size_t i = 0; i < r->nframes; i++) {
        const struct rec_frame *f = &r->frames[i];
        if (f->call != (int)call)
            continue;
        if (f->len < 14)
            return false;
        uint16_t t = (uint16_t)(f->bytes[12] << 8 | f->bytes[13]);
        if (t <= 1500 || t == 0x8100 || t == 0x88a8 || t == 0x9100)
            return false;
        size_t k = 0;
        while (k < nt && types[k] != t)
            k++;
        if (k == nt) {
            if (nt == sizeof types / sizeof types[0])
                return false;
            types[nt++] = t;
        }
    }
    size_t len = 0;
    out[0] = '\0';
    for (size_t k = 0; k < nt; k++) {
        int n = snprintf(out + len, cap - len, "%sether proto 0x%04x", k ? " or " : "", types[k]);
        if (n < 0 || (size_t)n >= cap - len)
            return false;
        len += (size_t)n;
    }
    return nt > 0;
}

int emit_sr_filters(FILE *out, const struct emit_rec *r, size_t *lens, FILE *err)
{
    for (size_t i = 0; i < r->ncalls; i++) {
        const struct rec_call *c = &r->calls[i];
        char text[256];
        const char *filter = c->filter;
        lens[i] = 0;
        if (c->kind != 1 || (!filter && !default_filter(r, i, text, sizeof text)))
            continue;
        if (!filter)
            filter = text;
        struct sock_fprog prog;
        char msg[512];
        if (ps_bpf_compile(filter, PS_DLT_EN10MB, &prog, msg, sizeof msg) < 0) {
            fprintf(err, "%s: error: %s\n", r->prog->path, msg);
            return -1;
        }
        fprintf(out, "/* ");
        ps_emit_comment(out, filter, strlen(filter));
        fprintf(out, " */\nstatic struct sock_filter pk_bpf%zu[%u] = {\n", i, prog.len);
        for (unsigned k = 0; k < prog.len; k++)
            fprintf(out, "    {0x%x, %u, %u, 0x%xu},\n", prog.filter[k].code, prog.filter[k].jt,
                    prog.filter[k].jf, prog.filter[k].k);
        fputs("};\n", out);
        lens[i] = prog.len;
        ps_bpf_free(&prog);
    }
    return 0;
}
