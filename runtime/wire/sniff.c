#include "sniff.h"

#include "bpf.h"
#include "linktype.h"

/* As tcpdump -B 65536: a line-rate burst of small frames (a million from
 * trafgen, each taking about 1 KiB of buffer) waits here while each is
 * stored; the memory is the kernel's, and only what is queued. */
#define RCVBUF (64 << 20)

int ps_sniff(const struct ps_sniff_opts *o, ps_sniff_fn fn, void *ctx, uint64_t *drops,
             char *err, size_t errcap)
{
    struct sock_fprog prog = {0};
    if (o->filter && ps_bpf_compile(o->filter, PS_DLT_EN10MB, &prog, err, errcap) < 0)
        return -1;
    struct ps_wire w;
    int rc = ps_wire_open(&w, o->iface, PS_WIRE_ALL, o->filter ? &prog : NULL, RCVBUF, err,
                          errcap);
    ps_bpf_free(&prog);
    if (rc < 0)
        return -1;
    struct timespec until = o->timeout_ns >= 0 ? ps_wire_after(o->timeout_ns)
                                               : (struct timespec){-1, 0};
    struct ps_wire_frame frames[PS_WIRE_BATCH];
    bool more = true;
    while (more && !(o->stop && *o->stop)) {
        long n = ps_wire_recv(&w, frames, PS_WIRE_BATCH, &until, err, errcap);
        if (n < 0) {
            rc = -1;
            break;
        }
        for (long i = 0; i < n && more; i++)
            more = fn(ctx, &frames[i]);
        if (n == 0 && until.tv_sec >= 0) {
            struct timespec now;
            clock_gettime(CLOCK_MONOTONIC, &now);
            if (ps_wire_ns(&now) >= ps_wire_ns(&until))
                break;
        }
    }
    if (drops)
        *drops = ps_wire_drops(&w);
    ps_wire_close(&w);
    return rc;
}
