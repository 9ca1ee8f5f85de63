/* tcpdump filter text to a classic BPF program for a packet socket, as
 * Scapy has libpcap compile it, and that program run on a frame read from a
 * file. Only the step from text to program needs libpcap (bpf_pcap.c): a
 * probe has none, and looks its filters up in what emit compiled
 * (run/probe_filters.c); the rest is libc. */
#ifndef PS_BPF_H
#define PS_BPF_H

#include <linux/filter.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Compiles `text` for frames of pcap link type `linktype` into *out (owned:
 * ps_bpf_free). Returns 0, or -1 with libpcap's message in err. */
int ps_bpf_compile(const char *text, int linktype, struct sock_fprog *out, char *err,
                   size_t errcap);
void ps_bpf_free(struct sock_fprog *prog);

/* The text-to-program step: libpcap in pktspec (bpf_pcap.c), the table of
 * filters emit compiled in a probe (run/probe_filters.c). 0, or -1 with the
 * bare reason (libpcap's message) in err. */
int ps_bpf_text(const char *text, int linktype, struct sock_fprog *out, char *err,
                size_t errcap);

/* Runs prog on a frame of caplen bytes captured of wirelen, as the kernel
 * and libpcap's pcap_offline_filter run it: 0 drops the frame (bpf_run.c). */
unsigned ps_bpf_run(const struct sock_fprog *prog, const uint8_t *frame, size_t caplen,
                    size_t wirelen);

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
