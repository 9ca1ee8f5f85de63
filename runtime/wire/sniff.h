/* A live capture (Scapy's sniff() on an interface): every frame the filter
 * lets through goes to a callback until it says stop, the timeout passes,
 * or Ctrl-C. */
#ifndef PS_SNIFF_H
#define PS_SNIFF_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wire.h"

struct ps_sniff_opts {
    const char *iface;
    const char *filter;          /* BPF text, or NULL for every frame */
    int64_t timeout_ns;          /* from the start; negative: none */
    volatile sig_atomic_t *stop; /* set (Ctrl-C): stop, keeping what came; may be NULL */
};

/* Called for each frame; returns false to stop the capture. */
typedef bool (*ps_sniff_fn)(void *ctx, const struct ps_wire_frame *f);

/* Returns 0 when the capture ended (by the callback, the timeout or a
 * stop), or -1 with a message in err. *drops gets the frames the kernel
 * could not queue. */
int ps_sniff(const struct ps_sniff_opts *o, ps_sniff_fn fn, void *ctx, uint64_t *drops,
             char *err, size_t errcap);

#endif
