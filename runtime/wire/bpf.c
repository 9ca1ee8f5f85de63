#include "bpf.h"

#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ps_bpf_compile(const char *text, int linktype, struct sock_fprog *out, char *err,
                   size_t errcap)
{
    memset(out, 0, sizeof *out);
    pcap_t *dead = pcap_open_dead(linktype, 65535);
    if (!dead) {
        snprintf(err, errcap, "filter \"%s\": libpcap cannot compile for link type %d", text,
                 linktype);
        return -1;
    }
    struct bpf_program prog;
    if (pcap_compile(dead, &prog, text, 1, PCAP_NETMASK_UNKNOWN) < 0) {
        snprintf(err, errcap, "filter \"%s\": %s", text, pcap_geterr(dead));
        pcap_close(dead);
        return -1;
    }
    pcap_close(dead);
    /* struct bpf_insn and struct sock_filter have the same layout. */
    out->filter = calloc(prog.bf_len ? prog.bf_len : 1, sizeof *out->filter);
    if (!out->filter) {
        pcap_freecode(&prog);
        snprintf(err, errcap, "filter \"%s\": out of memory", text);
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

void ps_bpf_free(struct sock_fprog *prog)
{
    free(prog->filter);
    prog->filter = NULL;
    prog->len = 0;
}

void ps_ethertypes_add(struct ps_ethertypes *e, const uint8_t *frame, size_t len)
{
    if (len < 14) {
        e->any = true;
        return;
    }
    uint16_t t = (uint16_t)(frame[12] << 8 | frame[13]);
    /* 802.3 lengths and VLAN tags: leave everything in. */
    if (t <= 1500 || t == 0x8100 || t == 0x88a8 || t == 0x9100) {
        e->any = true;
        return;
    }
    for (size_t k = 0; k < e->n; k++)
        if (e->types[k] == t)
            return;
    if (e->n == sizeof e->types / sizeof e->types[0])
        e->any = true;
    else
        e->types[e->n++] = t;
}

bool ps_ethertypes_filter(const struct ps_ethertypes *e, char *out, size_t cap)
{
    if (e->any || e->n == 0)
        return false;
    size_t len = 0;
    out[0] = '\0';
    for (size_t k = 0; k < e->n; k++) {
        int n = snprintf(out + len, cap - len, "%sether proto 0x%04x", k ? " or " : "",
                         e->types[k]);
        if (n < 0 || (size_t)n >= cap - len)
            return false;
        len += (size_t)n;
    }
    return true;
}
