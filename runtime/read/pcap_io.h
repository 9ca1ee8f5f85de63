/* Capture files: a writer that makes the classic pcap file Scapy's wrpcap()
 * makes, and a streaming reader of pcap and pcapng files (capfile.h) with
 * tcpdump's filters (libpcap compiles them). */
#ifndef PS_PCAP_IO_H
#define PS_PCAP_IO_H

#include <stddef.h>
#include <stdint.h>
#include <sys/time.h>

#include "capfile.h"

/* Every error message below names the file; errors are written into the
 * caller's err[errcap]. */

struct ps_pcap_writer;

/* Creates path as a pcap file: version 2.4, snaplen 65535, microsecond
 * timestamps, the given link type (see ps_linktype_for). The file is written
 * beside path and renamed over it by ps_pcap_writer_close (core/outfile.h). */
struct ps_pcap_writer *ps_pcap_writer_open(const char *path, int linktype,
                                           char *err, size_t errcap);
/* Appends one frame (frames longer than 65535 bytes are cut, keeping their
 * original length in the record). Returns 0, or -1 on a write error: the
 * first one fills err; later calls fail without a message. */
int ps_pcap_write(struct ps_pcap_writer *w, const uint8_t *frame, size_t len,
                  struct timeval ts, char *err, size_t errcap);
/* Flushes, closes and puts the file in place. Returns 0, or -1 when the data
 * did not reach the file (after a failed ps_pcap_write, which reported it,
 * the file is dropped and 0 is returned: an error is reported once). */
int ps_pcap_writer_close(struct ps_pcap_writer *w, char *err, size_t errcap);
/* Drops what was written: the target stays as it was. */
void ps_pcap_writer_abort(struct ps_pcap_writer *w);

struct ps_pcap_reader;

/* Opens a pcap or pcapng file. bpf_filter (may be NULL or "") keeps only
 * the frames it matches. */
struct ps_pcap_reader *ps_pcap_reader_open(const char *path, const char *bpf_filter,
                                           char *err, size_t errcap);
/* The next frame: 1 when *f holds one, 0 at the end of the file, -1 when
 * the file is damaged (err names the file and the packet's number). */
/* Keeps only the frames bpf_filter matches from now on (a file is read
 * once: a pipe or a FIFO cannot be opened again). Returns 0, or -1 with err
 * filled when the filter does not compile. */
int ps_pcap_reader_filter(struct ps_pcap_reader *r, const char *bpf_filter, char *err,
                          size_t errcap);
int ps_pcap_next(struct ps_pcap_reader *r, struct ps_pcap_frame *f, char *err, size_t errcap);
int ps_pcap_reader_linktype(const struct ps_pcap_reader *r);
void ps_pcap_reader_close(struct ps_pcap_reader *r);

#endif
