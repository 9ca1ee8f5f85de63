/* The one step of a filter only libpcap does: text to program. Not in a
 * probe's engine (run/probe_filters.c stands in for it there). */
#include "bpf_prog.h"

#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ps_bpf_text(const char *text, int linktype, struct sock_fprog *out, char *err,
                size_t errcap)
{
    memset(out, 0, sizeof *out);
    pcap_t *dead = pcap_open_dead(linktype, 65535);
    if (!dead) {
        snprintf(err, errcap, "libpcap cannot compile for link type %d", linktype);
        return -1;
    }
    struct bpf_program prog;
    if (pcap_compile(dead, &prog, text, 1, PCAP_NETMASK_UNKNOWN) < 0) {
        snprintf(err, errcap, "%s", pcap_geterr(dead));
        pcap_close(dead);
        return -1;
    }
    pcap_close(dead);
    /* struct bpf_insn and struct sock_filter have the same layout. */
    out->filter = calloc(prog.bf_len ? prog.bf_len : 1, sizeof *out->filter);
    if (!out->filter) {
        pcap_freecode(&prog);
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    for (unsigned i = 0; i < prog.bf_len; i++) {
        out->filter[i].code = prog.bf_insns[i].code;
        out->filter[i].jt = prog.bf_insns[i].jt;
        out->filter[i].jf = prog.bf_insns[i].jf;
        out->filter[i].k = prog.bf_insns[i].k;
    }
    out->len = (unsigned short)prog.bf_len;
    pcap_freecode(&prog);
    return 0;
}
