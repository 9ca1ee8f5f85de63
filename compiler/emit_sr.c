/* The capture filter of each sr call of a probe: the text pktspec run
 * would give libpcap (runtime/wire/sr.c), compiled here into classic BPF, so
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
    struct ps_ethertypes e = {.n = 0};
    for (size_t i = 0; i < r->nframes; i++)
        if (r->frames[i].call == (int)call)
            ps_ethertypes_add(&e, r->frames[i].bytes, r->frames[i].len);
    return ps_ethertypes_filter(&e, out, cap);
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
