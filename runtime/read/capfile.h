/* Capture files read with libc alone: classic pcap (microsecond and
 * nanosecond, either byte order) and pcapng (every section, interface and
 * timestamp resolution), streamed so that a pipe works. Records are kept as
 * the file holds them, even beyond the file's snaplen, as Scapy and tshark
 * keep them. The file is untrusted: no length in it is believed before it is
 * checked against what was read. */
#ifndef PS_CAPFILE_H
#define PS_CAPFILE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/time.h>

/* One frame read: data stays valid until the next ps_capfile_next or close. */
struct ps_pcap_frame {
    const uint8_t *data;
    size_t len;             /* bytes captured */
    size_t wirelen;         /* bytes on the wire */
    struct timeval ts;      /* tv_usec always below 1,000,000 */
    int linktype;           /* a DLT_ value, as libpcap's pcap_datalink() gives */
    unsigned long number;   /* its position in the file, from 1 */
};

struct ps_capfile;

/* Opens path ("-" is standard input). NULL with err ("PATH: why") filled
 * when it cannot be opened or is not a capture. */
struct ps_capfile *ps_capfile_open(const char *path, char *err, size_t errcap);
/* 1 when *f holds the next frame, 0 at the end of the file, -1 when the file
 * is damaged (err names the file and the packet's number). */
int ps_capfile_next(struct ps_capfile *c, struct ps_pcap_frame *f, char *err, size_t errcap);
/* The link type of the first interface (pcap: the file's). */
int ps_capfile_linktype(const struct ps_capfile *c);
const char *ps_capfile_path(const struct ps_capfile *c);
void ps_capfile_close(struct ps_capfile *c);

#endif
