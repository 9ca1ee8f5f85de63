/* tcpdump filter text to a classic BPF program for a packet socket, as
 * Scapy has libpcap compile it. Only the step from text to program needs
 * libpcap (read/bpf_prog.h): a probe has none, and looks its filters up in
 * what emit compiled (run/probe_filters.c); the rest is libc. */
#ifndef PS_BPF_H
#define PS_BPF_H

#include <linux/filter.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bpf_prog.h"

/* Compiles `text` for frames of pcap link type `linktype` into *out (owned:
 * ps_bpf_free). Returns 0, or -1 with the message in err. */
int ps_bpf_compile(const char *text, int linktype, struct sock_fprog *out, char *err,
                   size_t errcap);

/* sr's capture filter when the spec gives none: the EtherTypes of its
 * requests, so the buffer holds answers rather than the link's other
 * traffic. Add every request, then ask for the text; none (false) when a
 * request is 802.3 or tagged, or too many types: then capture everything. */
struct ps_ethertypes {
    uint16_t types[8];
    size_t n;
    bool any;      /* a request the filter cannot name: no filter */
};
void ps_ethertypes_add(struct ps_ethertypes *e, const uint8_t *frame, size_t len);
bool ps_ethertypes_filter(const struct ps_ethertypes *e, char *out, size_t cap);

#endif
