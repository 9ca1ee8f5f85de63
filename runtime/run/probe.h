/* The probe ABI: what the tables `pktspec emit` writes fill, and the entry
 * the probe's main calls. One header for the emitter (compiler/emit.c,
 * which writes designated initializers of these structs) and the engine
 * (run/probe_main.c, libpktspec-engine.a) that runs them. */
#ifndef PS_PROBE_H
#define PS_PROBE_H

#include <linux/filter.h>
#include <stddef.h>

/* Raised when a field is added, removed or changes meaning: an engine
 * refuses tables of another ABI. */
#define PS_PROBE_ABI 1

/* A filter= the spec gives as a literal, compiled by libpcap when the probe
 * was emitted, for one link type: the program, or why it did not compile
 * (libpcap's message, reported when the probe runs, as pktspec run would). */
struct ps_probe_filter {
    const char *text;
    int linktype;                   /* a DLT_ value */
    const struct sock_filter *insns;
    unsigned short len;
    const char *error;              /* NULL when it compiled */
};

struct ps_probe {
    int abi;                        /* PS_PROBE_ABI */
    const char *version;            /* pktspec's that wrote it: the engine's must match */
    const char *name;               /* the spec, as emit was given it */
    const unsigned char *image;     /* the checked program (interp/ir_image.h) */
    size_t image_len;
    const struct ps_probe_filter *filters;
    size_t nfilters;
};

/* The probe's command line (as pktspec run's, without FILE), its image
 * loaded, its -D bound, and run: the exit status of pktspec run. */
int ps_probe_main(const struct ps_probe *probe, int argc, char **argv);

/* The link types emit compiles each literal filter for. */
#define PS_PROBE_LINKTYPES {1, 0, 12, 113, 276, 228, 229}

#endif
