/* In a probe, the text-to-program step of a filter (read/bpf_prog.h) without
 * libpcap: the filters emit compiled, looked up by text and link type. A
 * probe's engine has this file in place of read/bpf_pcap.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf_prog.h"
#include "probe.h"

static const struct ps_probe *probe;

void ps_probe_filters_use(const struct ps_probe *p)
{
    probe = p;
}

int ps_bpf_text(const char *text, int linktype, struct sock_fprog *out, char *err,
                size_t errcap)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; probe && i < probe->nfilters; i++) {
        const struct ps_probe_filter *f = &probe->filters[i];
        if (f->linktype != linktype || strcmp(f->text, text) != 0)
            continue;
        if (f->error) {
            snprintf(err, errcap, "%s", f->error);
            return -1;
        }
        out->filter = calloc(f->len ? f->len : 1, sizeof *out->filter);
        if (!out->filter) {
            snprintf(err, errcap, "out of memory");
            return -1;
        }
        memcpy(out->filter, f->insns, f->len * sizeof *out->filter);
        out->len = f->len;
        return 0;
    }
    /* emit refuses a filter it cannot see; one it compiled is here for
     * every link type of PS_PROBE_LINKTYPES */
    snprintf(err, errcap, "not compiled into this probe for link type %d (a probe has no "
             "libpcap: pktspec emit compiles the filters the spec writes out)", linktype);
    return -1;
}
