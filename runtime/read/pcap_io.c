#include "pcap_io.h"

#include <errno.h>
#include <stdbool.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outfile.h"

/* Scapy's wrpcap() snaplen; also the longest frame a record keeps. */
#define PS_PCAP_SNAPLEN 65535

struct ps_pcap_writer {
    struct ps_outfile *out;
    char *path;
    bool failed;            /* a write failed and was reported */
};

struct ps_pcap_reader {
    pcap_t *p;
    struct bpf_program prog;
    bool filtered;
    unsigned long count;    /* records read so far, matching or not */
    char *path;
};

static void seterr(char *err, size_t errcap, const char *path, const char *what)
{
    if (err && errcap)
        snprintf(err, errcap, "%s: %s", path, what);
}

/* libpcap's messages often start with the file name already. */
static const char *without_path(const char *msg, const char *path)
{
    size_t n = strlen(path);
    if (strncmp(msg, path, n) == 0 && msg[n] == ':' && msg[n + 1] == ' ')
        return msg + n + 2;
    return msg;
}

/* The classic pcap format in the host's byte order, as libpcap and
 * Scapy's wrpcap() write it; written here so that the file goes through
 * ps_outfile (a temporary renamed over the target on success). */
struct pcap_file_hdr {
    uint32_t magic;
    uint16_t major, minor;
    int32_t thiszone;
    uint32_t sigfigs, snaplen, linktype;
};

struct pcap_rec_hdr {
    uint32_t sec, usec, caplen, len;
};

static int put(struct ps_pcap_writer *w, const void *data, size_t len, char *err,
               size_t errcap)
{
    if (w->failed)
        return -1;
    errno = 0;
    if (fwrite(data, 1, len, ps_outfile_stream(w->out)) != len) {
        seterr(err, errcap, w->path, errno ? strerror(errno) : "write error");
        w->failed = true;
        return -1;
    }
    return 0;
}

struct ps_pcap_writer *ps_pcap_writer_open(const char *path, int linktype,
                                           char *err, size_t errcap)
{
    struct ps_pcap_writer *w = calloc(1, sizeof *w);
    if (!w || !(w->path = strdup(path))) {
        free(w);
        seterr(err, errcap, path, strerror(ENOMEM));
        return NULL;
    }
    w->out = ps_outfile_open(path, err, errcap);
    if (!w->out) {
        free(w->path);
        free(w);
        return NULL;
    }
    struct pcap_file_hdr h = {.magic = 0xa1b2c3d4, .major = 2, .minor = 4,
                              .snaplen = PS_PCAP_SNAPLEN, .linktype = (uint32_t)linktype};
    if (put(w, &h, sizeof h, err, errcap) < 0) {
        ps_pcap_writer_abort(w);
        return NULL;
    }
    return w;
}

int ps_pcap_write(struct ps_pcap_writer *w, const uint8_t *frame, size_t len,
                  struct timeval ts, char *err, size_t errcap)
{
    struct pcap_rec_hdr h = {
        .sec = (uint32_t)ts.tv_sec,
        .usec = (uint32_t)ts.tv_usec,
        .len = len > UINT32_MAX ? UINT32_MAX : (uint32_t)len,
        .caplen = len > PS_PCAP_SNAPLEN ? PS_PCAP_SNAPLEN : (uint32_t)len,
    };
    if (put(w, &h, sizeof h, err, errcap) < 0 || put(w, frame, h.caplen, err, errcap) < 0)
        return -1;
    return 0;
}

int ps_pcap_writer_close(struct ps_pcap_writer *w, char *err, size_t errcap)
{
    if (!w)
        return 0;
    if (w->failed) {
        /* Already reported by the write that failed: once is enough. */
        ps_pcap_writer_abort(w);
        return 0;
    }
    int rc = ps_outfile_commit(w->out, err, errcap);
    free(w->path);
    free(w);
    return rc;
}

void ps_pcap_writer_abort(struct ps_pcap_writer *w)
{
    if (!w)
        return;
    ps_outfile_abort(w->out);
    free(w->path);
    free(w);
}

struct ps_pcap_reader *ps_pcap_reader_open(const char *path, const char *bpf_filter,
                                           char *err, size_t errcap)
{
    char errbuf[PCAP_ERRBUF_SIZE] = "";
    struct ps_pcap_reader *r = calloc(1, sizeof *r);
    if (!r || !(r->path = strdup(path))) {
        free(r);
        seterr(err, errcap, path, strerror(ENOMEM));
        return NULL;
    }
    r->p = pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_MICRO, errbuf);
    if (!r->p) {
        seterr(err, errcap, path, without_path(errbuf, path));
        ps_pcap_reader_close(r);
        return NULL;
    }
    if (ps_pcap_reader_filter(r, bpf_filter, err, errcap) < 0) {
        ps_pcap_reader_close(r);
        return NULL;
    }
    return r;
}

int ps_pcap_reader_filter(struct ps_pcap_reader *r, const char *bpf_filter, char *err,
                          size_t errcap)
{
    if (!bpf_filter || !*bpf_filter)
        return 0;
    struct bpf_program prog;
    if (pcap_compile(r->p, &prog, bpf_filter, 1, PCAP_NETMASK_UNKNOWN) != 0) {
        char what[PCAP_ERRBUF_SIZE + 64];
        snprintf(what, sizeof what, "bad filter \"%s\": %s", bpf_filter, pcap_geterr(r->p));
        seterr(err, errcap, r->path, what);
        return -1;
    }
    if (r->filtered)
        pcap_freecode(&r->prog);
    r->prog = prog;
    r->filtered = true;
    return 0;
}

int ps_pcap_next(struct ps_pcap_reader *r, struct ps_pcap_frame *f, char *err, size_t errcap)
{
    for (;;) {
        struct pcap_pkthdr *h;
        const u_char *data;
        int rc = pcap_next_ex(r->p, &h, &data);
        if (rc == PCAP_ERROR_BREAK)
            return 0;
        if (rc != 1) {
            char what[PCAP_ERRBUF_SIZE + 64];
            snprintf(what, sizeof what, "packet %lu: %s", r->count + 1,
                     without_path(pcap_geterr(r->p), r->path));
            seterr(err, errcap, r->path, what);
            return -1;
        }
        r->count++;
        /* Filtered here rather than by pcap_setfilter so that every record
         * is counted and an error can say which one is damaged. */
        if (r->filtered && !pcap_offline_filter(&r->prog, h, data))
            continue;
        f->data = data;
        f->len = h->caplen;
        f->wirelen = h->len;
        f->ts = h->ts;
        f->linktype = pcap_datalink(r->p);
        f->number = r->count;
        return 1;
    }
}

int ps_pcap_reader_linktype(const struct ps_pcap_reader *r)
{
    return pcap_datalink(r->p);
}

void ps_pcap_reader_close(struct ps_pcap_reader *r)
{
    if (!r)
        return;
    if (r->filtered)
        pcap_freecode(&r->prog);
    if (r->p)
        pcap_close(r->p);
    free(r->path);
    free(r);
}
