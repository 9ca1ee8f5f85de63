/* A classic BPF program: made from filter text (the one step that needs
 * libpcap: bpf_pcap.c in pktspec, run/probe_filters.c in a probe, which
 * looks up what emit compiled), run on a frame read from a file
 * (bpf_run.c, as libpcap's pcap_offline_filter runs it), freed. */
#ifndef PS_BPF_PROG_H
#define PS_BPF_PROG_H

#include <linux/filter.h>
#include <stddef.h>
#include <stdint.h>

/* Text to program for frames of pcap link type `linktype`, into *out
 * (owned: ps_bpf_free). 0, or -1 with the bare reason (libpcap's message)
 * in err. */
int ps_bpf_text(const char *text, int linktype, struct sock_fprog *out, char *err,
                size_t errcap);
void ps_bpf_free(struct sock_fprog *prog);

/* Runs prog on a frame of caplen bytes captured of wirelen, as the kernel
 * and libpcap's pcap_offline_filter run it: 0 drops the frame. */
unsigned ps_bpf_run(const struct sock_fprog *prog, const uint8_t *frame, size_t caplen,
                    size_t wirelen);

#endif
