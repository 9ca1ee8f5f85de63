#include "capfile.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A record or block longer than this is taken for damage, not a packet
 * (libpcap's limit for a pcapng block). */
#define MAX_RECORD (16u * 1024 * 1024)

#define PCAP_MAGIC_US 0xa1b2c3d4u
#define PCAP_MAGIC_NS 0xa1b23c4du
#define NG_SHB 0x0a0d0d0au
#define NG_BOM 0x1a2b3c4du
#define NG_IDB 1u
#define NG_PB 2u    /* obsolete packet block */
#define NG_SPB 3u
#define NG_EPB 6u

struct iface {
    int linktype;
    uint32_t snaplen;
    uint64_t units;         /* timestamp units a second */
    int64_t offset;         /* seconds added to every timestamp */
};

struct ps_capfile {
    FILE *f;
    char *path;
    bool ng;
    bool swap;
    /* classic pcap */
    int linktype;
    uint64_t units;
    /* pcapng: the current section's interfaces */
    struct iface *ifs;
    size_t nifs, capifs;
    int first_linktype;
    bool pending_block;     /* buf holds a block read at open, not yet used */
    uint32_t block_type;
    size_t block_len;       /* the body's length, trailer excluded */
    uint8_t *buf;
    size_t cap;
    unsigned long count;    /* packet records read so far */
};

static void fail(struct ps_capfile *c, char *err, size_t errcap, const char *fmt, ...)
{
    if (!err || !errcap)
        return;
    int n = snprintf(err, errcap, "%s: ", c->path);
    if (n < 0 || (size_t)n >= errcap)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err + n, errcap - (size_t)n, fmt, ap);
    va_end(ap);
}

static uint32_t swap32(uint32_t v)
{
    return (v >> 24) | ((v >> 8) & 0xff00u) | ((v << 8) & 0xff0000u) | (v << 24);
}

static uint32_t get32(const struct ps_capfile *c, const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return c->swap ? swap32(v) : v;
}

static uint16_t get16(const struct ps_capfile *c, const uint8_t *p)
{
    uint16_t v;
    memcpy(&v, p, 2);
    return c->swap ? (uint16_t)((v >> 8) | (v << 8)) : v;
}

/* The LINKTYPE_ values a file holds that libpcap reports as another DLT_. */
static int dlt_of(uint32_t linktype)
{
    static const struct { uint32_t linktype; int dlt; } differ[] = {
        {100, 11}, {101, 12}, {102, 15}, {103, 16}, {106, 19},
    };
    linktype &= 0xffffu;
    for (size_t i = 0; i < sizeof differ / sizeof differ[0]; i++)
        if (differ[i].linktype == linktype)
            return differ[i].dlt;
    return (int)linktype;
}

static bool reserve(struct ps_capfile *c, size_t n)
{
    if (n <= c->cap)
        return true;
    size_t cap = c->cap ? c->cap : 4096;
    while (cap < n)
        cap *= 2;
    uint8_t *b = realloc(c->buf, cap);
    if (!b)
        return false;
    c->buf = b;
    c->cap = cap;
    return true;
}

/* Reads n bytes into buf at off; the count read. */
static size_t take(struct ps_capfile *c, size_t off, size_t n)
{
    return fread(c->buf + off, 1, n, c->f);
}

static struct timeval timestamp(uint64_t t, uint64_t units, int64_t offset)
{
    uint64_t frac = t % units;
    struct timeval tv;
    tv.tv_sec = (time_t)(t / units) + (time_t)offset;
    if (units % 1000000u == 0)
        tv.tv_usec = (suseconds_t)(frac / (units / 1000000u));
    else
        tv.tv_usec = (suseconds_t)((long double)frac * 1e6L / (long double)units);
    return tv;
}

/* ---- classic pcap ---- */

static int pcap_next_record(struct ps_capfile *c, struct ps_pcap_frame *f, char *err,
                            size_t errcap)
{
    unsigned long n = c->count + 1;
    size_t got = take(c, 0, 16);
    if (got == 0)
        return 0;
    if (got < 16) {
        fail(c, err, errcap, "packet %lu: truncated record header (%zu of 16 bytes)", n, got);
        return -1;
    }
    uint32_t sec = get32(c, c->buf), frac = get32(c, c->buf + 4);
    uint32_t caplen = get32(c, c->buf + 8), wirelen = get32(c, c->buf + 12);
    if (caplen > MAX_RECORD) {
        fail(c, err, errcap, "packet %lu: a record of %u bytes (damaged: more than 16 MiB)", n,
             caplen);
        return -1;
    }
    if (!reserve(c, caplen ? caplen : 1)) {
        fail(c, err, errcap, "packet %lu: %s", n, strerror(ENOMEM));
        return -1;
    }
    got = take(c, 0, caplen);
    if (got < caplen) {
        fail(c, err, errcap, "packet %lu: truncated record (%zu of %u bytes)", n, got, caplen);
        return -1;
    }
    c->count++;
    f->data = c->buf;
    f->len = caplen;
    f->wirelen = wirelen;
    f->ts = timestamp((uint64_t)sec * c->units + frac, c->units, 0);
    f->linktype = c->linktype;
    f->number = c->count;
    return 1;
}

/* ---- pcapng ---- */

/* Reads the next block into buf (its body, after type and length). 1, 0 at
 * a clean end of file, -1 on damage. first4 holds the block type when the
 * caller already read it (the magic at open). */
static int ng_read_block(struct ps_capfile *c, const uint8_t *first4, char *err, size_t errcap)
{
    uint8_t hdr[12];
    size_t have = 0;
    if (first4) {
        memcpy(hdr, first4, 4);
        have = 4;
    }
    size_t got = fread(hdr + have, 1, 8 - have, c->f);
    if (got == 0 && have == 0)
        return 0;
    if (got < 8 - have) {
        fail(c, err, errcap, "after packet %lu: truncated block header", c->count);
        return -1;
    }
    uint32_t type;
    memcpy(&type, hdr, 4);
    if (type == NG_SHB) {
        /* A new section: its byte order is told by the magic after the length. */
        if (fread(hdr + 8, 1, 4, c->f) < 4) {
            fail(c, err, errcap, "after packet %lu: truncated section header", c->count);
            return -1;
        }
        uint32_t bom;
        memcpy(&bom, hdr + 8, 4);
        if (bom == NG_BOM)
            c->swap = false;
        else if (bom == swap32(NG_BOM))
            c->swap = true;
        else {
            fail(c, err, errcap, "after packet %lu: a section header with a bad byte-order magic",
                 c->count);
            return -1;
        }
        c->nifs = 0;
    }
    c->block_type = get32(c, hdr);
    uint32_t total = get32(c, hdr + 4);
    size_t head = type == NG_SHB ? 12 : 8;
    if (total < head + 4 || total % 4 || total > MAX_RECORD) {
        fail(c, err, errcap, "after packet %lu: a block of type %u with a bad length %u",
             c->count, c->block_type, total);
        return -1;
    }
    size_t body = total - 8;   /* for an SHB, the magic is kept at the body's start */
    if (!reserve(c, body)) {
        fail(c, err, errcap, "%s", strerror(ENOMEM));
        return -1;
    }
    if (type == NG_SHB)
        memcpy(c->buf, hdr + 8, 4);
    size_t want = body - (head - 8);
    got = take(c, head - 8, want);
    if (got < want) {
        fail(c, err, errcap, "after packet %lu: truncated block (%zu of %u bytes)", c->count,
             got + head, total);
        return -1;
    }
    c->block_len = body - 4;   /* without the trailing copy of the length */
    return 1;
}

static int ng_add_iface(struct ps_capfile *c, char *err, size_t errcap)
{
    if (c->block_len < 8) {
        fail(c, err, errcap, "after packet %lu: an interface block too short", c->count);
        return -1;
    }
    struct iface ifc = {.linktype = dlt_of(get16(c, c->buf)), .snaplen = get32(c, c->buf + 4),
                        .units = 1000000, .offset = 0};
    for (size_t off = 8; off + 4 <= c->block_len;) {
        uint16_t code = get16(c, c->buf + off), len = get16(c, c->buf + off + 2);
        const uint8_t *v = c->buf + off + 4;
        if (code == 0 || off + 4 + len > c->block_len)
            break;
        if (code == 9 && len >= 1) {
            unsigned e = v[0] & 0x7fu;
            bool binary = v[0] & 0x80u;
            if ((binary && e > 63) || (!binary && e > 19)) {
                fail(c, err, errcap, "after packet %lu: an interface's timestamp resolution "
                     "(0x%02x) is out of range", c->count, v[0]);
                return -1;
            }
            ifc.units = 1;
            for (unsigned i = 0; i < e; i++)
                ifc.units *= binary ? 2 : 10;
        } else if (code == 14 && len >= 8) {
            uint64_t lo = get32(c, v), hi = get32(c, v + 4);
            ifc.offset = (int64_t)(c->swap ? (lo << 32 | hi) : (hi << 32 | lo));
        }
        off += 4 + (((size_t)len + 3) & ~(size_t)3);
    }
    if (c->nifs == c->capifs) {
        size_t cap = c->capifs ? c->capifs * 2 : 4;
        struct iface *ifs = realloc(c->ifs, cap * sizeof *ifs);
        if (!ifs) {
            fail(c, err, errcap, "%s", strerror(ENOMEM));
            return -1;
        }
        c->ifs = ifs;
        c->capifs = cap;
    }
    c->ifs[c->nifs++] = ifc;
    if (c->first_linktype < 0)
        c->first_linktype = ifc.linktype;
    return 0;
}

/* The frame of a packet block in buf: 1, or -1 on damage. */
static int ng_frame(struct ps_capfile *c, struct ps_pcap_frame *f, char *err, size_t errcap)
{
    unsigned long n = c->count + 1;
    uint32_t id, caplen, wirelen;
    uint64_t t = 0;
    size_t data;
    switch (c->block_type) {
    case NG_EPB:
    case NG_PB:
        if (c->block_len < 20) {
            fail(c, err, errcap, "packet %lu: a packet block too short", n);
            return -1;
        }
        id = c->block_type == NG_EPB ? get32(c, c->buf) : get16(c, c->buf);
        t = (uint64_t)get32(c, c->buf + 4) << 32 | get32(c, c->buf + 8);
        caplen = get32(c, c->buf + 12);
        wirelen = get32(c, c->buf + 16);
        data = 20;
        if (caplen > c->block_len - data) {
            fail(c, err, errcap, "packet %lu: %u bytes captured in a block that holds %zu", n,
                 caplen, c->block_len - data);
            return -1;
        }
        break;
    default:   /* NG_SPB: no interface, no time; the packet's length is given */
        if (c->block_len < 4) {
            fail(c, err, errcap, "packet %lu: a simple packet block too short", n);
            return -1;
        }
        id = 0;
        wirelen = get32(c, c->buf);
        data = 4;
        caplen = wirelen;
        if (c->nifs && c->ifs[0].snaplen && caplen > c->ifs[0].snaplen)
            caplen = c->ifs[0].snaplen;
        if (caplen > c->block_len - data)
            caplen = (uint32_t)(c->block_len - data);
        break;
    }
    if (id >= c->nifs) {
        fail(c, err, errcap, "packet %lu: interface %u is not described (the section has %zu)",
             n, id, c->nifs);
        return -1;
    }
    const struct iface *ifc = &c->ifs[id];
    c->count++;
    f->data = c->buf + data;
    f->len = caplen;
    f->wirelen = wirelen;
    f->ts = timestamp(t, ifc->units, ifc->offset);
    f->linktype = ifc->linktype;
    f->number = c->count;
    return 1;
}

static int ng_next(struct ps_capfile *c, struct ps_pcap_frame *f, char *err, size_t errcap)
{
    for (;;) {
        if (!c->pending_block) {
            int rc = ng_read_block(c, NULL, err, errcap);
            if (rc <= 0)
                return rc;
        }
        c->pending_block = false;
        switch (c->block_type) {
        case NG_IDB:
            if (ng_add_iface(c, err, errcap) < 0)
                return -1;
            break;
        case NG_EPB:
        case NG_PB:
        case NG_SPB:
            return ng_frame(c, f, err, errcap);
        default:   /* section headers, statistics, names, custom blocks */
            break;
        }
    }
}

/* The blocks up to the first interface, so that the file's link type is
 * known before its first packet, as libpcap knows it. */
static int ng_open(struct ps_capfile *c, const uint8_t *magic, char *err, size_t errcap)
{
    if (ng_read_block(c, magic, err, errcap) <= 0) {
        if (!*err)
            fail(c, err, errcap, "truncated section header");
        return -1;
    }
    for (;;) {
        int rc = ng_read_block(c, NULL, err, errcap);
        if (rc < 0)
            return -1;
        if (rc == 0)
            return 0;   /* no interface, hence no packet */
        if (c->block_type == NG_IDB) {
            if (ng_add_iface(c, err, errcap) < 0)
                return -1;
            return 0;
        }
        if (c->block_type == NG_EPB || c->block_type == NG_PB || c->block_type == NG_SPB) {
            c->pending_block = true;   /* reported by the first ps_capfile_next */
            return 0;
        }
    }
}

struct ps_capfile *ps_capfile_open(const char *path, char *err, size_t errcap)
{
    if (err && errcap)
        *err = '\0';
    struct ps_capfile *c = calloc(1, sizeof *c);
    if (!c || !(c->path = strdup(path))) {
        if (err && errcap)
            snprintf(err, errcap, "%s: %s", path, strerror(ENOMEM));
        free(c);
        return NULL;
    }
    c->first_linktype = -1;
    if (!reserve(c, 4096)) {
        fail(c, err, errcap, "%s", strerror(ENOMEM));
        ps_capfile_close(c);
        return NULL;
    }
    c->f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!c->f) {
        fail(c, err, errcap, "%s", strerror(errno));
        ps_capfile_close(c);
        return NULL;
    }
    uint8_t h[24];
    size_t got = fread(h, 1, 4, c->f);
    uint32_t magic = 0;
    if (got == 4)
        memcpy(&magic, h, 4);
    if (magic == NG_SHB) {
        c->ng = true;
        if (ng_open(c, h, err, errcap) < 0) {
            ps_capfile_close(c);
            return NULL;
        }
        return c;
    }
    if (magic == PCAP_MAGIC_US || magic == PCAP_MAGIC_NS) {
        c->swap = false;
    } else if (magic == swap32(PCAP_MAGIC_US) || magic == swap32(PCAP_MAGIC_NS)) {
        c->swap = true;
    } else {
        fail(c, err, errcap, got == 0 ? "an empty file, not a capture"
                                      : "not a pcap or pcapng capture");
        ps_capfile_close(c);
        return NULL;
    }
    if (fread(h + 4, 1, 20, c->f) < 20) {
        fail(c, err, errcap, "truncated file header");
        ps_capfile_close(c);
        return NULL;
    }
    c->units = get32(c, h) == PCAP_MAGIC_NS ? 1000000000u : 1000000u;
    c->linktype = dlt_of(get32(c, h + 20));
    return c;
}

int ps_capfile_next(struct ps_capfile *c, struct ps_pcap_frame *f, char *err, size_t errcap)
{
    return c->ng ? ng_next(c, f, err, errcap) : pcap_next_record(c, f, err, errcap);
}

int ps_capfile_linktype(const struct ps_capfile *c)
{
    if (!c->ng)
        return c->linktype;
    return c->first_linktype < 0 ? 1 : c->first_linktype;
}

const char *ps_capfile_path(const struct ps_capfile *c)
{
    return c->path;
}

void ps_capfile_close(struct ps_capfile *c)
{
    if (!c)
        return;
    if (c->f && c->f != stdin)
        fclose(c->f);
    free(c->ifs);
    free(c->buf);
    free(c->path);
    free(c);
}
