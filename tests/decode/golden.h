/* The golden files gen_golden.py wrote with Scapy, loaded for the tests. */
#ifndef DECODE_GOLDEN_H
#define DECODE_GOLDEN_H

#include <stddef.h>
#include <stdint.h>

#include "decode.h"
#include "print.h"

struct golden_frame {
    int linktype;
    uint8_t *data;
    size_t len;
    const char *xfail;      /* why pktspec differs from Scapy for now, or NULL */
    char *summary;          /* Scapy's summary() */
    char *hexdump;          /* Scapy's hexdump(), with its final newline */
};

struct golden {
    struct golden_frame *frames;
    size_t n;
    char *hexdump_all_bytes;  /* hexdump of bytes 0..255 */
    char *files[3];           /* the files' text, which the strings point into */
};

/* Directory holding the golden files (argv[1] of the test program). */
extern const char *golden_dir;

const struct golden *golden_get(void);
/* A path in golden_dir, in a static buffer. */
const char *golden_path(const char *name);

/* Decodes with room for IP options; the layers stay valid until the next call. */
struct decoded {
    struct ps_packet pkt;
    struct ps_layer subs[40];
    struct ps_decode_room room;
};
void decode_frame(struct decoded *d, const uint8_t *p, size_t len, int linktype);

void add_hexdump_tests(void);
void add_decode_tests(void);
void add_summary_tests(void);
void add_pcap_tests(void);
void add_hook_tests(void);

#endif
