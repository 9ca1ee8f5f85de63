/* bpf_run_check CAPTURE: the reader's filters, run by bpf_run.c (libc, in
 * pktspec and in probes), keep exactly the frames libpcap's
 * pcap_offline_filter keeps, for filters that use every kind of
 * instruction libpcap makes (loads of every size and mode, ALU, jumps, the
 * IP header length); and sr's own EtherType filter, made without libpcap
 * (bpf.c), keeps what libpcap's program for the same text keeps. */
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>

#include "bpf.h"
#include "capfile.h"

static const char *const filters[] = {
    "", "ip", "ip6", "arp", "icmp", "tcp", "udp", "tcp and port 80", "udp port 53",
    "ip[2:2] - ((ip[0] & 0xf) << 2) > 20", "tcp[13] & 0x12 != 0", "len > 100",
    "ether proto 0x0800 or ether proto 0x86dd", "ether proto 0x0806",
    "not ip and not ip6", "icmp[0] = 8 or icmp[0] = 0", "ip[8] * 2 / 3 % 5 ^ 1 = 3",
    "ether src 02:00:00:00:00:01 or ether broadcast", "vlan", "greater 60 and less 1000",
};

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: bpf_run_check CAPTURE\n");
        return 2;
    }
    int bad = 0;
    unsigned long frames = 0, kept = 0;
    for (size_t i = 0; i < sizeof filters / sizeof *filters; i++) {
        char err[512];
        struct ps_capfile *c = ps_capfile_open(argv[1], err, sizeof err);
        if (!c) {
            fprintf(stderr, "%s\n", err);
            return 2;
        }
        int lt = ps_capfile_linktype(c);
        struct sock_fprog ours, theirs_sock;
        pcap_t *dead = pcap_open_dead(lt, 262144);
        struct bpf_program theirs;
        if (ps_bpf_text(filters[i], lt, &ours, err, sizeof err) < 0 ||
            ps_bpf_compile(filters[i], lt, &theirs_sock, err, sizeof err) < 0 ||
            pcap_compile(dead, &theirs, filters[i], 1, PCAP_NETMASK_UNKNOWN) < 0) {
            fprintf(stderr, "%s: %s\n", filters[i], err);
            return 2;
        }
        struct ps_pcap_frame f;
        while (ps_capfile_next(c, &f, err, sizeof err) > 0) {
            struct pcap_pkthdr h = {.ts = f.ts, .caplen = (bpf_u_int32)f.len,
                                    .len = (bpf_u_int32)f.wirelen};
            bool want = pcap_offline_filter(&theirs, &h, f.data) != 0;
            bool got = ps_bpf_run(&ours, f.data, f.len, f.wirelen) != 0;
            /* ps_bpf_compile: sr's EtherType text made by bpf.c itself */
            bool got_compiled = ps_bpf_run(&theirs_sock, f.data, f.len, f.wirelen) != 0;
            frames++;
            kept += want;
            if (want != got || want != got_compiled) {
                printf("FAIL: \"%s\", frame %lu: libpcap %s it, bpf_run %s it%s\n", filters[i],
                       f.number, want ? "keeps" : "drops", got ? "keeps" : "drops",
                       want != got_compiled ? " (and not so the compiled one)" : "");
                bad = 1;
            }
        }
        pcap_freecode(&theirs);
        pcap_close(dead);
        ps_bpf_free(&ours);
        ps_bpf_free(&theirs_sock);
        ps_capfile_close(c);
    }
    if (kept == 0 || kept == frames) {
        printf("FAIL: the filters kept %lu of %lu frames: nothing told apart\n", kept, frames);
        bad = 1;
    }
    if (!bad)
        printf("ok: %zu filters on %lu frames, %lu kept, as libpcap\n",
               sizeof filters / sizeof *filters, frames, kept);
    return bad;
}
