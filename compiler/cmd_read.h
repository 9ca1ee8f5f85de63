/* `pktspec read`: a capture file's packets through the decoder and one
 * printer, streamed in constant memory. */
#ifndef PS_CMD_READ_H
#define PS_CMD_READ_H

#include <stdio.h>

enum ps_read_mode {
    PS_READ_SUMMARY,  /* Scapy's summary(), a line each */
    PS_READ_SHOW,     /* Scapy's show() */
    PS_READ_HEXDUMP,  /* Scapy's hexdump() of the bytes */
    PS_READ_COMMAND,  /* the pktspec expression that rebuilds it */
    PS_READ_JSON,     /* one JSON object per line (ps_json, with the record's data) */
};

struct ps_read_opts {
    const char *path;
    const char *filter;     /* BPF, or NULL */
    unsigned long count;    /* stop after this many packets; 0: all */
    enum ps_read_mode mode;
    FILE *out, *err;
    const struct ps_registry *layers; /* --layers: decoded too; may be NULL */
};

/* Prints every packet of the capture (that the filter keeps), then, for a
 * damaged file, "pktspec: error: FILE: packet N: ..." on err. Returns 0;
 * 2 for a bad filter; 3 when the file cannot be opened or is damaged.
 * One frame buffer (libpcap's), one decoded packet and one text buffer
 * that only grows serve every packet. */
int ps_read(const struct ps_read_opts *o);

#endif
