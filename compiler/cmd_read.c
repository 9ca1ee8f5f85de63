/* `pktspec read`: streams a pcap or pcapng file through the decoder and a
 * printer. Memory is set up once: libpcap's record buffer, one ps_packet
 * with room for IP options, and a text buffer that grows to the longest
 * text seen and is reused, so a capture of any length reads in the same
 * memory. */
#include "cmd_read.h"

#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "pcap_io.h"
#include "print.h"

struct reading {
    struct ps_packet pkt;
    struct ps_layer subs[40];
    struct ps_decode_room room;
    char *text;
    size_t cap;
};

/* Runs printer into the reusable buffer, growing it when the text needs
 * more. Returns the text's length, or -1 without memory. */
static long print_into(struct reading *rd, int (*printer)(const struct ps_packet *, const char *,
                                                           char *, size_t), const char *extra)
{
    int n = printer(&rd->pkt, extra, rd->text, rd->cap);
    if (n < 0)
        return -1;
    if ((size_t)n >= rd->cap) {
        char *bigger = realloc(rd->text, (size_t)n + 1);
        if (!bigger)
            return -1;
        rd->text = bigger;
        rd->cap = (size_t)n + 1;
        n = printer(&rd->pkt, extra, rd->text, rd->cap);
    }
    return n;
}

static int summary_line(const struct ps_packet *pkt, const char *extra, char *out, size_t cap)
{
    (void)extra;
    return ps_summary(pkt, out, cap);
}

static int show_text(const struct ps_packet *pkt, const char *extra, char *out, size_t cap)
{
    (void)extra;
    return ps_show(pkt, out, cap);
}

static int command_line(const struct ps_packet *pkt, const char *extra, char *out, size_t cap)
{
    (void)extra;
    return ps_command(pkt, out, cap);
}

/* Prints one frame; false when out of memory. */
static bool print_frame(struct reading *rd, const struct ps_read_opts *o,
                        const struct ps_pcap_frame *f)
{
    if (o->mode == PS_READ_HEXDUMP) {
        ps_hexdump(o->out, f->data, f->len);
        return true;
    }
    memset(&rd->room, 0, sizeof rd->room);
    rd->room.subs = rd->subs;
    rd->room.subs_cap = sizeof rd->subs / sizeof rd->subs[0];
    rd->room.layers = o->layers;
    ps_decode(f->data, f->len, f->linktype, &rd->pkt, &rd->room);

    char extra[160] = "";
    long n;
    bool newline = true;
    switch (o->mode) {
    case PS_READ_SHOW:
        n = print_into(rd, show_text, NULL);
        newline = false;   /* show() ends with its own blank line */
        break;
    case PS_READ_COMMAND:
        n = print_into(rd, command_line, NULL);
        break;
    case PS_READ_JSON:
        snprintf(extra, sizeof extra,
                 "\"packet\": %lu, \"time\": %lld.%06ld, \"caplen\": %zu, \"wirelen\": %zu, "
                 "\"linktype\": %d",
                 f->number, (long long)f->ts.tv_sec, (long)f->ts.tv_usec, f->len, f->wirelen,
                 f->linktype);
        n = print_into(rd, ps_json, extra);
        break;
    default:
        n = print_into(rd, summary_line, NULL);
        break;
    }
    if (n < 0)
        return false;
    fwrite(rd->text, 1, (size_t)n, o->out);
    if (newline)
        fputc('\n', o->out);
    return true;
}

int ps_read(const struct ps_read_opts *o)
{
    char err[1024];
    /* Opened without the filter, then filtered, so that a file that cannot
     * be read (exit 3) is told apart from a filter that does not compile
     * (exit 2); opened once, so that a pipe or a FIFO works. */
    struct ps_pcap_reader *r = ps_pcap_reader_open(o->path, NULL, err, sizeof err);
    if (!r) {
        fprintf(o->err, "pktspec: error: %s\n", err);
        return 3;
    }
    if (ps_pcap_reader_filter(r, o->filter, err, sizeof err) < 0) {
        fprintf(o->err, "pktspec: error: %s\n", err);
        ps_pcap_reader_close(r);
        return 2;
    }
    struct reading *rd = calloc(1, sizeof *rd);
    if (rd) {
        rd->cap = 1 << 16;
        rd->text = malloc(rd->cap);
    }
    if (!rd || !rd->text) {
        fprintf(o->err, "pktspec: error: out of memory\n");
        if (rd)
            free(rd->text);
        free(rd);
        ps_pcap_reader_close(r);
        return 3;
    }
    int status = 0;
    unsigned long printed = 0;
    struct ps_pcap_frame f;
    while (!o->count || printed < o->count) {
        int rc = ps_pcap_next(r, &f, err, sizeof err);
        if (rc == 0)
            break;
        if (rc < 0) {
            /* Every good packet is out before the error. */
            fflush(o->out);
            fprintf(o->err, "pktspec: error: %s\n", err);
            status = 3;
            break;
        }
        if (!print_frame(rd, o, &f)) {
            fflush(o->out);
            fprintf(o->err, "pktspec: error: out of memory\n");
            status = 3;
            break;
        }
        printed++;
    }
    fflush(o->out);
    free(rd->text);
    free(rd);
    ps_pcap_reader_close(r);
    return status;
}
