#include "pcap_io.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf_prog.h"
#include "outfile.h"

/* Scapy's wrpcap() snaplen; also the longest frame a record keeps. */
#define PS_PCAP_SNAPLEN 65535

struct ps_pcap_writer {
    struct ps_outfile *out;
    char *path;
    bool failed;            /* a write failed and was reported */
};

/* A filter compiled for each link type met: a pcapng file may hold several. */
struct compiled_filter {
    int linktype;
    struct sock_fprog prog;
};

struct ps_pcap_reader {
    struct ps_capfile *file;
    char *filter;           /* tcpdump's syntax; NULL keeps every frame */
    struct compiled_filter progs[8];
    size_t nprogs;
    char *path;
};

static void seterr(char *err, size_t errcap, const char *path, const char *what)
{
    if (err && errcap)
        snprintf(err, errcap, "%s: %s", path, what);
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
    struct ps_pcap_reader *r = calloc(1, sizeof *r);
    if (!r || !(r->path = strdup(path))) {
        free(r);
        seterr(err, errcap, path, strerror(ENOMEM));
        return NULL;
    }
    r->file = ps_capfile_open(path, err, errcap);
    if (!r->file || ps_pcap_reader_filter(r, bpf_filter, err, errcap) < 0) {
        ps_pcap_reader_close(r);
        return NULL;
    }
    return r;
}

static void free_filters(struct ps_pcap_reader *r)
{
    for (size_t i = 0; i < r->nprogs; i++)
        ps_bpf_free(&r->progs[i].prog);
    r->nprogs = 0;
    free(r->filter);
    r->filter = NULL;
}

/* The filter compiled for linktype: compiled once, when a frame of that link
 * type first comes; NULL with err filled when it does not compile for it. */
static const struct sock_fprog *filter_for(struct ps_pcap_reader *r, int linktype, char *err,
                                            size_t errcap)
{
    for (size_t i = 0; i < r->nprogs; i++)
        if (r->progs[i].linktype == linktype)
            return &r->progs[i].prog;
    if (r->nprogs == sizeof r->progs / sizeof r->progs[0]) {
        seterr(err, errcap, r->path, "more link types than a filter is compiled for (8)");
        return NULL;
    }
    struct compiled_filter *c = &r->progs[r->nprogs];
    char why[512];
    if (ps_bpf_text(r->filter, linktype, &c->prog, why, sizeof why) != 0) {
        char what[640];
        snprintf(what, sizeof what, "bad filter \"%s\": %s", r->filter, why);
        seterr(err, errcap, r->path, what);
        return NULL;
    }
    c->linktype = linktype;
    r->nprogs++;
    return &c->prog;
}

int ps_pcap_reader_filter(struct ps_pcap_reader *r, const char *bpf_filter, char *err,
                          size_t errcap)
{
    free_filters(r);
    if (!bpf_filter || !*bpf_filter)
        return 0;
    if (!(r->filter = strdup(bpf_filter))) {
        seterr(err, errcap, r->path, strerror(ENOMEM));
        return -1;
    }
    /* Compiled now for the file's link type, so that a bad filter is told
     * before the first frame is read. */
    if (!filter_for(r, ps_capfile_linktype(r->file), err, errcap)) {
        free_filters(r);
        return -1;
    }
    return 0;
}

int ps_pcap_next(struct ps_pcap_reader *r, struct ps_pcap_frame *f, char *err, size_t errcap)
{
    for (;;) {
        int rc = ps_capfile_next(r->file, f, err, errcap);
        if (rc <= 0 || !r->filter)
            return rc;
        /* Filtered here, after reading, so that every record is counted and
         * an error can say which one is damaged. */
        const struct sock_fprog *prog = filter_for(r, f->linktype, err, errcap);
        if (!prog)
            return -1;
        if (ps_bpf_run(prog, f->data, f->len, f->wirelen))
            return 1;
    }
}

int ps_pcap_reader_linktype(const struct ps_pcap_reader *r)
{
    return ps_capfile_linktype(r->file);
}

void ps_pcap_reader_close(struct ps_pcap_reader *r)
{
    if (!r)
        return;
    free_filters(r);
    ps_capfile_close(r->file);
    free(r->path);
    free(r);
}
