/* tcpdump filter text to a classic BPF program for a packet socket,
 * compiled by libpcap as Scapy has it compiled. */
#ifndef PS_BPF_H
#define PS_BPF_H

#include <linux/filter.h>
#include <stddef.h>

/* Compiles `text` for frames of pcap link type `linktype` into *out (owned:
 * ps_bpf_free). Returns 0, or -1 with libpcap's message in err. */
int ps_bpf_compile(const char *text, int linktype, struct sock_fprog *out, char *err,
                   size_t errcap);
void ps_bpf_free(struct sock_fprog *prog);

#endif
