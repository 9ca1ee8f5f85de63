/* The probe's fixed part, embedded verbatim into every emitted probe
 * (the build generates emit_core_text.c from it with gen_core.py). It needs
 * only libc. The emitter writes the spec's tables where the TABLES marker
 * stands. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The wire, the interface, the neighbour table and sr's hsent: runtime/wire/
 * wire.c, iface.c, nlink.c, neigh.c and hsent.c with their headers, as they are
 * (gen_core.py). */
/*@@RUNTIME@@*/

enum pk_event_kind {
    PK_TEXT,       /* a: text piece: output in every mode */
    PK_DRY_TEXT,   /* a: text piece: a test's report in a run that sends nothing */
    PK_FRAME,      /* a: frame */
    PK_CALL_BEGIN, /* a: call */
    PK_CALL_END,   /* a: call */
    PK_TEST_BEGIN, /* a: test */
    PK_TEST_END,   /* a: test */
    PK_EXPECT,     /* a: expect */
    PK_LOOP_BEGIN, /* a: call: its events to PK_LOOP_END run once per pair of ans */
    PK_LOOP_END,   /* a: its PK_LOOP_BEGIN event */
};

/* A frame is stored whole (bytes), or, when it is a member of a packet set
 * after the first, as the frame templ with the pk_deltas from first_delta
 * on (ndelta of them) written over it. */
struct pk_frame {
    const uint8_t *bytes;
    uint32_t len;
    uint64_t ts_ns;
    const char *summary;
    uint32_t templ, first_delta, ndelta;
};

struct pk_delta {
    uint32_t off;
    uint8_t byte;
};

struct pk_text {
    const char *s;
    size_t len;
};

struct pk_event {
    uint8_t kind;
    uint32_t a;
};

/* PK_CALL_REFUSED: what -i cannot run (srloop, an sr option known only at
 * run time); its path says where and why. */
enum pk_call_kind { PK_CALL_SEND, PK_CALL_SR, PK_CALL_FILE, PK_CALL_REFUSED };

struct pk_call {
    uint8_t kind;
    const char *path;  /* PK_CALL_FILE: the capture wrpcap() writes; PK_CALL_REFUSED: why */
    int linktype;
    uint64_t inter_ns; /* the pause after each frame sent */
    int verbose;
    /* PK_CALL_SR: */
    int layer3;        /* sr, sr1: answers are matched from the IP header on */
    uint64_t timeout_ns;
    int retry;
    int multi;
    struct sock_filter *bpf; /* the capture's filter, as pktspec run compiles it */
    size_t bpf_len;
};

/* What fills a hole of len bytes: an address the recording left as
 * Scapy's fallback, for the interface to fill in (Ether.src, the IPv4 or
 * IPv6 source, or Ether.dst: the MAC of the next hop toward the
 * hop_len-byte address at hop_off), or the value -D gave a param
 * (PK_PARAM, big-endian); PK_CSUM is a checksum an earlier pk_fix fixed
 * that a later one covers. */
enum pk_hole_kind { PK_SRC_MAC, PK_SRC_IP4, PK_SRC_IP6, PK_DST_MAC, PK_CSUM, PK_PARAM };

struct pk_hole {
    uint32_t off;
    uint8_t kind;
    uint8_t len;
    uint8_t hop_len;
    uint32_t hop_off;
};

/* A checksum at off over the frame's holes in mask (bit i: its hole i). */
struct pk_fix {
    uint32_t off;
    uint32_t mask;
};

/* A pass's patch of a frame; pk_frame_patches[i] is frame i's first, the
 * frame's patches in pass order. */
struct pk_patch {
    size_t pass, first_hole, nholes, first_fix, nfixes;
    int unexplained;
};

/* One pass of patches over the frames: a param's value (param >= 0) when
 * -D changed it, or the interface's (-1) on the wire; in this order, each
 * fixing its checksums. */
struct pk_pass {
    int param;
};

/* How -D changes a param: only to the value it was built with
 * (PK_PV_FIXED, `fixed` says why when its type could change), or its
 * holes take the new value's len bytes. */
enum pk_pv_kind { PK_PV_FIXED, PK_PV_IP4, PK_PV_IP6, PK_PV_MAC, PK_PV_INT };

struct pk_param {
    const char *name;
    const char *type;
    const char *value;
    uint64_t u;            /* the value as expects compare it (an address big-endian) */
    const char *ip6;       /* an IPv6 address's 16 bytes, else NULL */
    int kind;
    unsigned len;
    int summaries_vary;    /* the dry run's summaries show its value */
    const char *fixed;
};

/* A param's value in this run. */
struct pk_param_value {
    int changed;           /* -D gave another value than the built one */
    uint8_t bytes[16];     /* an integer: big-endian in its len bytes */
    uint64_t u;            /* as pk_param's */
};

/* A test; failure: the report of its expects that failed in the dry run
 * (NULL: none), as runtime/interp/testing.c gives it, and message their
 * first lines, for JUnit. */
struct pk_test {
    const char *name;
    size_t len;
    const char *failure;
    const char *message;
};

/* Answers: the headers of a frame (probe_walk.c), Scapy's hashret() and
 * answers() (probe_match.c), patterns and the expects' reads
 * (probe_expect.c), pasted in by gen_core.py. */
/*@@ANSWERS@@*/

/* An expect on answers, compiled: fn says whether it holds; where is its
 * first report line (FILE:LINE:COL: expect COND (MESSAGE)); cannot, when
 * set, is why the emitter could not compile it: the probe refuses -i. */
struct pk_expect {
    int (*fn)(struct pk_expect_ctx *x);
    const char *where;
    const char *cannot;
};

/*@@TABLES@@*/

/* Where frames are made whole and patched (pk_frame_out). */
struct pk_live;
struct pk_out {
    struct pk_param_value *pv;  /* one per param */
    struct pk_live *l;          /* on the wire: the interface; else NULL */
    uint8_t buf[3][PS_WIRE_SNAP];
};

static const uint8_t *pk_frame_out(struct pk_out *o, size_t i);

struct pk_run {
    struct pk_out *out;
    int dry;
    FILE *pcap;
    const char *pcap_path;
    FILE *junit;          /* the testcases, written with the suite's counts at the end */
    FILE *junit_file;     /* the file they go into: a temporary beside it, or in place */
    char *junit_tmp;      /* the temporary's name */
    char *junit_buf;
    size_t junit_len;
    size_t tests, failures, errors, skipped;
    uint64_t start_ns, test_ns;
    char timestamp[32];
    FILE *file;           /* the capture of a wrpcap() call being written */
    int call;             /* the call under way, or -1 */
};

static void pk_usage(FILE *out)
{
    fprintf(out, "Usage: %s -i IFACE [-D NAME=VALUE]... [--dry-run] [--pcap OUT] "
                 "[--junit FILE] [--help]\n", pk_spec_name);
}

static void pk_hexdump(FILE *out, const uint8_t *p, size_t len)
{
    static const char hex[] = "0123456789ABCDEF";
    if (len == 0) {
        fputc('\n', out);
        return;
    }
    for (size_t i = 0; i < len; i += 16) {
        char line[96];
        int n = snprintf(line, sizeof line, "%04zx  ", i);
        size_t k = n > 0 ? (size_t)n : 0;
        for (size_t j = 0; j < 16; j++) {
            line[k++] = i + j < len ? hex[p[i + j] >> 4] : ' ';
            line[k++] = i + j < len ? hex[p[i + j] & 15] : ' ';
            line[k++] = ' ';
        }
        line[k++] = ' ';
        for (size_t j = 0; j < 16 && i + j < len; j++) {
            uint8_t c = p[i + j];
            line[k++] = (c < 32 || c >= 127) ? '.' : (char)c;
        }
        line[k++] = '\n';
        fwrite(line, 1, k, out);
    }
}

/* The classic pcap format, as libpcap writes it: native byte order,
 * microseconds, snaplen 65535. */
static int pk_put32(FILE *f, uint32_t v)
{
    return fwrite(&v, 4, 1, f) == 1 ? 0 : -1;
}

static FILE *pk_pcap_open(const char *path, int linktype)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        fprintf(stderr, "%s: error: cannot write %s\n", pk_spec_name, path);
        return NULL;
    }
    uint16_t version[2] = {2, 4};
    pk_put32(f, 0xa1b2c3d4u);
    fwrite(version, 2, 2, f);
    pk_put32(f, 0);
    pk_put32(f, 0);
    pk_put32(f, 65535);
    pk_put32(f, (uint32_t)linktype);
    return f;
}

/* Frame i's bytes: its own, or made whole into buf. */
static const uint8_t *pk_frame_bytes(size_t i, uint8_t *buf)
{
    const struct pk_frame *fr = &pk_frames[i];
    if (fr->bytes)
        return fr->bytes;
    memcpy(buf, pk_frames[fr->templ].bytes, fr->len);
    for (size_t k = fr->first_delta; k < fr->first_delta + fr->ndelta; k++)
        buf[pk_deltas[k].off] = pk_deltas[k].byte;
    return buf;
}

static void pk_pcap_write(FILE *f, size_t i, const uint8_t *bytes)
{
    const struct pk_frame *fr = &pk_frames[i];
    uint32_t caplen = fr->len > 65535 ? 65535 : fr->len;
    pk_put32(f, (uint32_t)(fr->ts_ns / 1000000000u));
    pk_put32(f, (uint32_t)(fr->ts_ns % 1000000000u / 1000u));
    pk_put32(f, caplen);
    pk_put32(f, fr->len);
    fwrite(bytes, 1, caplen, f);
}

static int pk_close(FILE *f, const char *path)
{
    if (f && fclose(f) != 0) {
        fprintf(stderr, "%s: error: cannot write %s\n", pk_spec_name, path);
        return -1;
    }
    return 0;
}

/* A -D value of a param's kind, as pktspec's -D reads it (sema.c); an
 * integer into len bytes. 0: not one. */
static int pk_parse_value(int kind, unsigned len, const char *text, uint8_t out[16])
{
    memset(out, 0, 16);
    switch (kind) {
    case PK_PV_IP4:
        return inet_pton(AF_INET, text, out) == 1;
    case PK_PV_IP6:
        return inet_pton(AF_INET6, text, out) == 1;
    case PK_PV_MAC:
        for (int i = 0; i < 6; i++, text++) {
            char *end;
            unsigned long b = strtoul(text, &end, 16);
            if (end == text || end - text > 2 || b > 255 || *end != (i < 5 ? ':' : '\0'))
                return 0;
            out[i] = (uint8_t)b;
            text = end;
        }
        return 1;
    case PK_PV_INT: {
        char *end;
        unsigned long long u = strtoull(text, &end, 0);
        if (!*text || *end || text[0] == '-')
            return 0;
        if (len < 8 && u >> (8 * len))
            return -1;
        for (unsigned i = 0; i < len; i++)
            out[i] = (uint8_t)(u >> (8 * (len - 1 - i)));
        return 1;
    }
    default:
        return 0;
    }
}

static int pk_rebuild(const struct pk_param *p, const char *arg, const char *why)
{
    fprintf(stderr, "%s: error: -D %s: this probe holds %s=%s (%s) as it was built: %s; build "
            "it again with pktspec build -D %s\n", pk_spec_name, arg, p->name, p->value,
            p->type, why, arg);
    return 2;
}

/* -D: a param of the spec; a value other than the built one goes into the
 * param's holes, where the emitter found that it only changes those. */
static int pk_define(struct pk_param_value *pv, const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg) {
        fprintf(stderr, "%s: error: -D takes NAME=VALUE, not '%s'\n", pk_spec_name, arg);
        return 2;
    }
    size_t n = (size_t)(eq - arg);
    for (size_t i = 0; i < pk_nparams; i++) {
        const struct pk_param *p = &pk_params[i];
        if (strlen(p->name) != n || strncmp(p->name, arg, n) != 0)
            continue;
        uint8_t built[16];
        unsigned len = p->kind == PK_PV_INT ? p->len : 16;
        pv[i].changed = 0;
        if (p->kind == PK_PV_FIXED || !pk_parse_value(p->kind, len, p->value, built)) {
            if (strcmp(p->value, eq + 1) == 0)
                return 0;
            return pk_rebuild(p, arg, p->fixed ? p->fixed : "its frames are fixed");
        }
        int ok = pk_parse_value(p->kind, len, eq + 1, pv[i].bytes);
        if (ok < 0) {
            char why[64];
            snprintf(why, sizeof why, "its frames hold it in %u bits", 8 * len);
            return pk_rebuild(p, arg, why);
        }
        if (!ok) {
            fprintf(stderr, "%s: error: -D %s: param '%s' takes %s\n", pk_spec_name, arg,
                    p->name, p->type);
            return 2;
        }
        pv[i].changed = memcmp(pv[i].bytes, built, 16) != 0;
        pv[i].u = 0;
        if (p->kind == PK_PV_INT)
            pv[i].u = strtoull(eq + 1, NULL, 0);
        else if (p->kind != PK_PV_IP6)
            for (int b = 0; b < (p->kind == PK_PV_IP4 ? 4 : 6); b++)
                pv[i].u = pv[i].u << 8 | pv[i].bytes[b];
        return 0;
    }
    fprintf(stderr, "%s: error: -D %.*s: the spec has no param '%.*s'\n", pk_spec_name, (int)n,
            arg, (int)n, arg);
    return 2;
}

static void pk_xml(FILE *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        default:
            if (c < 0x20 && c != '\n' && c != '\t')
                fputs("&#xfffd;", out);
            else
                fputc(c, out);
        }
    }
}

static uint64_t pk_now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static void pk_xmls(FILE *out, const char *s)
{
    pk_xml(out, s ? s : "", s ? strlen(s) : 0);
}

enum pk_junit_kind {
    PK_JUNIT_OK, PK_JUNIT_FAILURE, PK_JUNIT_ERROR, PK_JUNIT_SKIPPED, PK_JUNIT_NOT_RUN,
};

#define PK_SKIP_WHY "answers come only from the wire, and this run sends nothing"

/* A test's testcase, as runtime/interp/testing.c writes it: msg (n bytes)
 * its message, body and more its text. */
static void pk_junit_test(struct pk_run *r, size_t test, int kind, const char *msg, size_t n,
                          const char *body, const char *more)
{
    FILE *j = r->junit;
    r->tests++;
    r->failures += kind == PK_JUNIT_FAILURE;
    r->errors += kind == PK_JUNIT_ERROR || kind == PK_JUNIT_NOT_RUN;
    r->skipped += kind == PK_JUNIT_SKIPPED;
    if (!j)
        return;
    fputs("  <testcase classname=\"", j);
    pk_xml(j, pk_spec_name, strlen(pk_spec_name));
    fputs("\" name=\"", j);
    pk_xml(j, pk_tests[test].name, pk_tests[test].len);
    fprintf(j, "\" time=\"%.6f\">", (double)(pk_now_ns() - r->test_ns) / 1e9);
    if (kind == PK_JUNIT_FAILURE || kind == PK_JUNIT_ERROR) {
        const char *el = kind == PK_JUNIT_ERROR ? "error" : "failure";
        fprintf(j, "<%s type=\"%s\" message=\"", el, kind == PK_JUNIT_ERROR ? "run-time error"
                                                                            : "expect");
        pk_xml(j, msg ? msg : "", msg ? n : 0);
        fputs("\">", j);
        pk_xmls(j, body);
        pk_xmls(j, more);
        fprintf(j, "</%s>", el);
    } else if (kind == PK_JUNIT_SKIPPED) {
        fputs("<skipped message=\"" PK_SKIP_WHY "\"/>", j);
    } else if (kind == PK_JUNIT_NOT_RUN) {
        fputs("<error type=\"not run\" message=\"", j);
        pk_xml(j, msg, n);
        fputs("\"/>", j);
    }
    fputs("</testcase>\n", j);
}

/* A test of the dry run: its report is the recording's. */
static void pk_junit_dry(struct pk_run *r, size_t test, int skipped)
{
    const struct pk_test *t = &pk_tests[test];
    if (t->failure && t->message)
        pk_junit_test(r, test, PK_JUNIT_FAILURE, t->message, strlen(t->message), t->failure,
                      NULL);
    else
        pk_junit_test(r, test, skipped ? PK_JUNIT_SKIPPED : PK_JUNIT_OK, NULL, 0, NULL, NULL);
}

/* The JUnit file: opened before the run, so that a probe that could not
 * write it stops before anything is sent; written whole at the end beside
 * its place and renamed over it, so that a run that cannot write it leaves
 * what was there (a device or a FIFO is written in place), as
 * runtime/core/outfile.c. */
static int pk_junit_open(struct pk_run *r, const char *path)
{
    struct stat st;
    int in_place = stat(path, &st) == 0 && !S_ISREG(st.st_mode);
    size_t n = strlen(path) + 16;
    r->junit_tmp = in_place ? NULL : malloc(n);
    if (!in_place && r->junit_tmp) {
        snprintf(r->junit_tmp, n, "%s.tmp.XXXXXX", path);
        int fd = mkstemp(r->junit_tmp);
        if (fd >= 0 && (fchmod(fd, 0644) != 0 || !(r->junit_file = fdopen(fd, "w")))) {
            close(fd);
            unlink(r->junit_tmp);
        }
    } else if (in_place) {
        r->junit_file = fopen(path, "w");
    }
    if (!r->junit_file) {
        fprintf(stderr, "%s: error: cannot write %s\n", pk_spec_name, path);
        free(r->junit_tmp);
        r->junit_tmp = NULL;
        return -1;
    }
    return 0;
}

static int pk_junit_write(struct pk_run *r, const char *path)
{
    char host[256] = "";
    if (gethostname(host, sizeof host - 1) != 0 || !host[0])
        strcpy(host, "localhost");
    fclose(r->junit);
    r->junit = NULL;
    FILE *f = r->junit_file;
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"", f);
    pk_xml(f, pk_spec_name, strlen(pk_spec_name));
    fprintf(f, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\" time=\"%.6f\" "
               "timestamp=\"%s\" hostname=\"", r->tests, r->failures, r->errors, r->skipped,
            (double)(pk_now_ns() - r->start_ns) / 1e9, r->timestamp);
    pk_xmls(f, host);
    fputs("\">\n  <properties/>\n", f);
    fwrite(r->junit_buf, 1, r->junit_len, f);
    fputs("  <system-out/>\n  <system-err/>\n</testsuite>\n", f);
    int bad = ferror(f);
    bad |= fclose(f) != 0;
    if (!bad && r->junit_tmp && rename(r->junit_tmp, path) != 0)
        bad = 1;
    if (bad) {
        fprintf(stderr, "%s: error: cannot write %s\n", pk_spec_name, path);
        if (r->junit_tmp)
            unlink(r->junit_tmp);
    }
    free(r->junit_tmp);
    return bad ? -1 : 0;
}

/* A test's TAP line, named as runtime/interp/testing.c names it. */
static void pk_tap_name(const struct pk_test *t)
{
    for (size_t i = 0; i < t->len; i++) {
        char c = t->name[i];
        fputc(c == '\n' || c == '\r' ? ' ' : c == '#' ? '_' : c, stdout);
    }
}

/* The run stopped at an error (on stderr) before its end: each test not
 * reported yet is `not ok`, as runtime/interp/testing.c's
 * interp_report_not_run, so that the plan is matched; a plan that comes
 * last (a test in a for) is written then. */
static void pk_not_run(struct pk_run *r, size_t at)
{
    static const char why[] = "not run: the run stopped at an error";
    size_t n = 0, first = 0;
    while (pk_tests[n].name)
        n++;
    while (first < pk_nevents && pk_events[first].kind != PK_TEXT &&
           pk_events[first].kind != PK_DRY_TEXT)
        first++;
    int plan_first = first < pk_nevents && strncmp(pk_texts[pk_events[first].a].s, "1..", 3) == 0;
    if (n && plan_first && first >= at)
        printf("1..%zu\n", n);
    for (size_t k = r->tests; k < n; k++) {
        printf("not ok %zu - ", k + 1);
        pk_tap_name(&pk_tests[k]);
        printf("\n# %s\n", why);
        r->test_ns = pk_now_ns();
        pk_junit_test(r, k, PK_JUNIT_NOT_RUN, why, sizeof why - 1, NULL, NULL);
    }
    size_t last = pk_nevents;
    while (last > 0 && pk_events[last - 1].kind != PK_TEXT && pk_events[last - 1].kind != PK_DRY_TEXT)
        last--;
    if (n && !plan_first && last > at)
        printf("1..%zu\n", n);
}

/* The PK_LOOP_END of the loop that begins at event `begin`. */
static size_t pk_loop_end(size_t begin)
{
    size_t i = begin + 1;
    while (i < pk_nevents && !(pk_events[i].kind == PK_LOOP_END && pk_events[i].a == begin))
        i++;
    return i;
}

static int pk_replay(struct pk_run *r)
{
    int status = 0;
    size_t i;
    for (i = 0; i < pk_nevents && status != 3; i++) {
        const struct pk_event *ev = &pk_events[i];
        switch (ev->kind) {
        case PK_LOOP_BEGIN: /* a run that sends nothing has no answers to go over */
            i = pk_loop_end(i);
            break;
        case PK_TEXT:
        case PK_DRY_TEXT:
            fwrite(pk_texts[ev->a].s, 1, pk_texts[ev->a].len, stdout);
            break;
        case PK_FRAME: {
            const struct pk_frame *fr = &pk_frames[ev->a];
            const uint8_t *bytes = pk_frame_out(r->out, ev->a);
            if (r->call >= 0 && pk_calls[r->call].kind == PK_CALL_FILE) {
                if (r->file)
                    pk_pcap_write(r->file, ev->a, bytes);
            } else if (r->dry) {
                printf("%s\n", fr->summary);
                pk_hexdump(stdout, bytes, fr->len);
            } else {
                if (!r->pcap && !(r->pcap = pk_pcap_open(r->pcap_path, 1)))
                    status = 3;
                else
                    pk_pcap_write(r->pcap, ev->a, bytes);
            }
            break;
        }
        case PK_CALL_BEGIN:
            r->call = (int)ev->a;
            if (pk_calls[ev->a].kind == PK_CALL_FILE &&
                !(r->file = pk_pcap_open(pk_calls[ev->a].path, pk_calls[ev->a].linktype)))
                status = 3;
            break;
        case PK_CALL_END:
            if (r->file && pk_close(r->file, pk_calls[ev->a].path) < 0)
                status = 3;
            r->file = NULL;
            r->call = -1;
            break;
        case PK_TEST_BEGIN:
            r->test_ns = pk_now_ns();
            break;
        case PK_TEST_END:
            pk_junit_dry(r, ev->a, pk_test_skipped[ev->a]);
            break;
        default:
            break;
        }
    }
    if (status == 3)
        pk_not_run(r, i);
    return status == 3 ? 3 : pk_dry_status;
}

/* RFC 1624 (HC' = ~(~HC + ~m + m')), byte by byte: bytes an even distance
 * from the checksum are the high halves of its words. */
static void pk_fix_checksum(uint8_t *now, const uint8_t *was, const struct pk_fix *fx,
                            const struct pk_hole *holes)
{
    uint32_t acc = (uint16_t) ~(uint16_t)(now[fx->off] << 8 | now[fx->off + 1]);
    for (uint32_t j = 0; fx->mask >> j; j++) {
        if (!(fx->mask >> j & 1))
            continue;
        for (uint32_t b = 0; b < holes[j].len; b++) {
            uint32_t p = holes[j].off + b;
            unsigned shift = (p - fx->off) % 2 ? 0 : 8;
            acc += (0xffffu - ((uint32_t)was[p] << shift)) + ((uint32_t)now[p] << shift);
        }
    }
    while (acc >> 16)
        acc = (acc & 0xffff) + (acc >> 16);
    uint16_t r = (uint16_t)~acc;
    if (!r)
        r = 0xffff; /* one's complement's other zero: UDP must not send 0 */
    now[fx->off] = (uint8_t)(r >> 8);
    now[fx->off + 1] = (uint8_t)r;
}

/* Frames of a send call waiting to leave together in one sendmmsg(2):
 * pk_frame_out's buffers are reused, so the bytes are copied here. */
#define PK_BATCH 256
struct pk_batch {
    uint8_t buf[PK_BATCH * 128];
    size_t used, n;
    size_t off[PK_BATCH], len[PK_BATCH];
};

struct pk_live {
    struct ps_iface ifc;
    struct ps_wire w;
    struct ps_neigh_cache *neigh;
    unsigned warned;
    struct pk_batch batch;
};

/* Sends the frames waiting; -1 (reported) when they cannot go. */
static int pk_flush(struct pk_live *l, int verbose, uint64_t *sent)
{
    struct pk_batch *b = &l->batch;
    const uint8_t *frames[PK_BATCH];
    char err[256];
    size_t i;
    if (b->n == 0)
        return 0;
    for (i = 0; i < b->n; i++)
        frames[i] = b->buf + b->off[i];
    long k = ps_wire_send(&l->w, frames, b->len, b->n, err, sizeof err);
    b->n = b->used = 0;
    if (k < 0) {
        fprintf(stderr, "%s: error: %s\n", pk_spec_name, err);
        return -1;
    }
    *sent += (uint64_t)k;
    if (verbose) {
        for (i = 0; i < (size_t)k; i++)
            fputc('.', stdout);
        fflush(stdout);
    }
    return 0;
}

static void pk_warn_once(struct pk_live *l, unsigned bit, const char *msg)
{
    if (l->warned & bit)
        return;
    l->warned |= bit;
    fprintf(stderr, "%s: warning: %s\n", pk_spec_name, msg);
}

/* The next hop's MAC, as pktspec's live runs find it (live_frames.c). */
static void pk_next_hop(struct pk_live *l, const uint8_t *frame, const struct pk_hole *h,
                        uint8_t mac[6])
{
    static const uint8_t all_ones[4] = {255, 255, 255, 255};
    const uint8_t *addr = frame + h->hop_off;
    memset(mac, 0xff, 6);
    if (h->hop_len == 0)
        return;
    if (h->hop_len == 4 && (memcmp(addr, all_ones, 4) == 0 ||
                            (l->ifc.has_ip4 && l->ifc.bcast4[0] && memcmp(addr, l->ifc.bcast4, 4) == 0)))
        return;
    if (!ps_neigh_resolve(l->neigh, l->ifc.index, h->hop_len == 4 ? AF_INET : AF_INET6, addr,
                          1000000000LL, mac)) {
        memset(mac, 0xff, 6);
        pk_warn_once(l, 1u << PK_DST_MAC, "Mac address to reach destination not found. Using "
                     "broadcast.");
    }
}

/* One pass's holes of a frame filled into `to` (a copy of `from`). */
static void pk_fill(struct pk_out *o, const struct pk_pass *ps, const struct pk_patch *pt,
                    const uint8_t *from, uint8_t *to)
{
    struct pk_live *l = o->l;
    const struct pk_hole *holes = &pk_holes[pt->first_hole];
    for (size_t k = 0; k < pt->nholes; k++) {
        const struct pk_hole *h = &holes[k];
        uint8_t *at = to + h->off;
        if (h->kind == PK_PARAM) {
            memcpy(at, o->pv[ps->param].bytes, h->len);
            continue;
        }
        if (h->kind == PK_CSUM)
            continue;
        switch (h->kind) {
        case PK_SRC_MAC:
            if (l->ifc.has_mac)
                memcpy(at, l->ifc.mac, 6);
            break;
        case PK_SRC_IP4:
            if (l->ifc.has_ip4)
                memcpy(at, l->ifc.ip4, 4);
            else
                pk_warn_once(l, 1u << PK_SRC_IP4, "the interface has no IPv4 address: using "
                             "0.0.0.0");
            break;
        case PK_SRC_IP6:
            if (l->ifc.has_ip6)
                memcpy(at, l->ifc.ip6, 16);
            else
                pk_warn_once(l, 1u << PK_SRC_IP6, "the interface has no IPv6 address: using ::");
            break;
        case PK_DST_MAC:
            pk_next_hop(l, from, h, at);
            break;
        default:
            break;
        }
    }
}

/* Frame i as it goes out: made whole, then each pass that applies (a
 * param -D changed; the interface, on the wire), with its checksums fixed
 * incrementally over what the pass changed. */
static const uint8_t *pk_frame_out(struct pk_out *o, size_t i)
{
    const uint8_t *now = pk_frame_bytes(i, o->buf[0]);
    int next = 1;
    for (size_t k = pk_frame_patches[i]; k < pk_frame_patches[i + 1]; k++) {
        const struct pk_patch *pt = &pk_patches[k];
        const struct pk_pass *ps = &pk_passes[pt->pass];
        if (!pt->nholes || (ps->param >= 0 ? !o->pv[ps->param].changed : !o->l))
            continue;
        uint8_t *to = o->buf[next];
        memcpy(to, now, pk_frames[i].len);
        pk_fill(o, ps, pt, now, to);
        for (size_t f = 0; f < pt->nfixes; f++)
            pk_fix_checksum(to, now, &pk_fixes[pt->first_fix + f], &pk_holes[pt->first_hole]);
        now = to;
        next = 3 - next;
    }
    return now;
}

static void pk_sleep(uint64_t ns)
{
    struct timespec t = {(time_t)(ns / 1000000000u), (long)(ns % 1000000000u)};
    while (ns && nanosleep(&t, &t) != 0)
        ;
}

/* sr and its kin: compiler/probe/probe_sr.c (gen_core.py). */
/*@@SR@@*/

/* What this probe cannot do on the wire: frames that move with the
 * interface in ways no hole explains. */
static int pk_live_refused(const char *iface)
{
    for (size_t i = 0; i < pk_ncalls; i++)
        if (pk_calls[i].kind == PK_CALL_REFUSED) {
            fprintf(stderr, "%s: error: -i %s: %s; use --dry-run or --pcap, or pktspec run -i\n",
                    pk_spec_name, iface, pk_calls[i].path);
            return 1;
        }
    for (size_t i = 0; pk_expects[i].fn; i++)
        if (pk_expects[i].cannot) {
            fprintf(stderr, "%s: error: -i %s: %s; use --dry-run or --pcap, or pktspec run -i\n",
                    pk_spec_name, iface, pk_expects[i].cannot);
            return 1;
        }
    for (size_t i = 0; i < pk_nframes; i++)
        for (size_t k = pk_frame_patches[i]; k < pk_frame_patches[i + 1]; k++)
            if (pk_patches[k].pass == pk_npasses - 1 && pk_patches[k].unexplained) {
                fprintf(stderr, "%s: error: -i %s: frame %zu moves with the interface in ways "
                        "this probe cannot patch; use pktspec run -i\n", pk_spec_name, iface, i);
                return 1;
            }
    return 0;
}

/* Text that grows: a test's reports, the JUnit file. */
struct pk_buf {
    char *s;
    size_t len, cap;
};

static void pk_put(struct pk_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->len + n + 1) * 2;
        char *p = realloc(b->s, cap);
        if (!p) {
            fprintf(stderr, "%s: error: out of memory\n", pk_spec_name);
            exit(3);
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void pk_puts(struct pk_buf *b, const char *s)
{
    pk_put(b, s, strlen(s));
}

/* Text as TAP diagnostics: `# ` before each line. */
static void pk_diag(const char *s)
{
    for (const char *p = s ? s : ""; *p;) {
        size_t n = strcspn(p, "\n");
        printf("# %.*s\n", (int)n, p);
        p += n + (p[n] == '\n');
    }
}

/* The state of the tests of a run on the wire. */
struct pk_checks {
    struct pk_result *res;   /* one per call */
    size_t *cur;             /* one per call: the pair of ans a loop is at */
    const struct pk_param_value *pv;
    size_t *sr_frames;       /* the frames of the sr call under way */
    size_t nsr;
    int failed;              /* the test under way has a failed expect */
    const char *error;       /* the run-time error it stopped at */
    struct pk_buf detail;    /* each failed expect's report, as testing.c's */
    struct pk_buf first;     /* their first lines, for JUnit's message */
    char got[1024];          /* as runtime/interp/interp_int.h's */
    int report;              /* 1: the next dry report is replaced; 2: being skipped */
    size_t report_test, report_lines;
    int any_failed;
    int run_error;           /* a test stopped at a run-time error (exit 3) */
};

/* A failed expect's report, as runtime/interp/interp.c's expect_failed: its
 * where, whose loop over answers names the pair it is at ("\1CALL\2" there:
 * interp.c's for_context), and what it got. */
static void pk_expect_failed(struct pk_checks *c, const struct pk_expect *e)
{
    char num[64];
    size_t line = strcspn(e->where, "\n");
    if (c->first.len)
        pk_puts(&c->first, "; ");
    pk_put(&c->first, e->where, line);
    for (const char *p = e->where; *p;) {
        size_t n = strcspn(p, "\1");
        pk_put(&c->detail, p, n);
        p += n;
        if (*p) {
            char *end;
            unsigned long call = strtoul(p + 1, &end, 10);
            snprintf(num, sizeof num, "%zu of %zu", c->cur[call] + 1, c->res[call].nans);
            pk_puts(&c->detail, num);
            p = *end ? end + 1 : end;
        }
    }
    pk_puts(&c->detail, "\ngot: ");
    pk_puts(&c->detail, c->got[0] ? c->got : "none");
    pk_puts(&c->detail, "\n");
}

/* An expect on answers; a run-time error ends its test (0), as in pktspec run. */
static int pk_check_expect(struct pk_checks *c, size_t i)
{
    struct pk_expect_ctx x = {.res = c->res, .cur = c->cur, .pv = c->pv};
    /* helpers a spec may not need */
    (void)pk_nans, (void)pk_nunans, (void)pk_field, (void)pk_match, (void)pk_within,
        (void)pk_some, (void)pk_load_is, (void)pk_got, (void)pk_got_named, (void)pk_field16,
        (void)pk_got16, (void)pk_cmp16, (void)pk_pv, (void)pk_pv16;
    int ok = pk_expects[i].fn(&x) && !x.missing;
    if (x.error) {
        /* r[L] of nothing, or of a layer r lacks */
        fflush(stdout);
        fputs(x.error, stderr);
        c->error = x.error;
        c->run_error = 1;
        return 0;
    }
    if (!ok) {
        c->failed = 1;
        c->any_failed = 1;
        pk_got_text(&x, c->got, sizeof c->got);
        pk_expect_failed(c, &pk_expects[i]);
    }
    return 1;
}

/* A test with expects on answers: its report, in place of the dry run's
 * "# SKIP" line. */
static void pk_live_report(struct pk_checks *c, struct pk_run *r)
{
    size_t k = c->report_test;
    int bad = c->failed || c->error;
    printf("%sok %zu - ", bad ? "not " : "", k + 1);
    pk_tap_name(&pk_tests[k]);
    fputc('\n', stdout);
    pk_diag(c->detail.s);
    pk_diag(c->error);
    if (c->error) {
        size_t n = strcspn(c->error, "\n");
        pk_junit_test(r, k, PK_JUNIT_ERROR, c->error, n, c->detail.s, c->error);
    } else {
        pk_junit_test(r, k, c->failed ? PK_JUNIT_FAILURE : PK_JUNIT_OK, c->first.s, c->first.len,
                      c->detail.s, NULL);
    }
    c->detail.len = c->first.len = 0;
    if (c->detail.s)
        c->detail.s[0] = '\0';
    if (c->first.s)
        c->first.s[0] = '\0';
}

/* A dry text piece on the wire: a report of a test that looked at answers
 * is replaced by the live one (its first line, and the lines of the
 * failures the dry run saw, which the live report holds too). */
static void pk_live_text(struct pk_checks *c, const struct pk_text *t, int dry, struct pk_run *r)
{
    const char *s = t->s;
    size_t n = t->len;
    if (dry && c->report == 1) {
        c->report = strncmp(s, "ok ", 3) == 0 || strncmp(s, "not ok ", 7) == 0 ? 2 : 0;
        if (c->report == 2) {
            const char *f = pk_tests[c->report_test].failure;
            c->report_lines = 1;
            for (; f && *f; f++)
                c->report_lines += *f == '\n';
            if (f) {
                const struct pk_test *pt = &pk_tests[c->report_test];
                /* the dry run's failures come first */
                struct pk_buf live = c->detail, first = c->first;
                c->detail = (struct pk_buf){0};
                c->first = (struct pk_buf){0};
                pk_puts(&c->detail, pt->failure);
                pk_put(&c->detail, live.s ? live.s : "", live.len);
                pk_puts(&c->first, pt->message);
                if (first.len)
                    pk_puts(&c->first, "; ");
                pk_put(&c->first, first.s ? first.s : "", first.len);
                c->failed = 1;
                free(live.s);
                free(first.s);
            }
            pk_live_report(c, r);
        }
    }
    while (dry && c->report == 2) {
        const char *nl = memchr(s, '\n', n);
        if (!nl)
            return;
        n -= (size_t)(nl + 1 - s);
        s = nl + 1;
        if (--c->report_lines == 0)
            c->report = 0;
    }
    fwrite(s, 1, n, stdout);
}

/* Sends the spec's frames on iface, with the output pktspec run -i gives. */
static int pk_live(struct pk_run *r, const char *iface)
{
    if (pk_live_refused(iface))
        return 3;
    struct pk_live *l = calloc(1, sizeof *l);
    char err[256];
    if (!l || !(l->neigh = calloc(1, sizeof *l->neigh))) {
        fprintf(stderr, "%s: error: out of memory\n", pk_spec_name);
        free(l);
        return 3;
    }
    int status = 0;
    r->out->l = l;
    if (ps_iface_get(iface, &l->ifc, err, sizeof err) < 0 ||
        ps_wire_open(&l->w, iface, PS_WIRE_SEND, NULL, 0, err, sizeof err) < 0) {
        fprintf(stderr, "%s: error: %s\n", pk_spec_name, err);
        status = 3;
    }
    struct pk_checks c = {.res = calloc(pk_ncalls + 1, sizeof *c.res),
                          .cur = calloc(pk_ncalls + 1, sizeof *c.cur), .pv = r->out->pv};
    c.sr_frames = calloc(pk_nframes + 1, sizeof *c.sr_frames);
    if (status != 3 && (!c.res || !c.cur || !c.sr_frames)) {
        fprintf(stderr, "%s: error: out of memory\n", pk_spec_name);
        status = 3;
    }
    uint64_t sent = 0;
    size_t i;
    for (i = 0; i < pk_nevents && status != 3; i++) {
        const struct pk_event *ev = &pk_events[i];
        const struct pk_call *call = r->call >= 0 ? &pk_calls[r->call] : NULL;
        if (ev->kind != PK_FRAME && l->batch.n &&
            pk_flush(l, call ? call->verbose : 0, &sent) < 0) {
            status = 3;
            break;
        }
        if (ev->kind != PK_DRY_TEXT && c.report == 2)
            c.report = 0;
        switch (ev->kind) {
        case PK_TEXT:
        case PK_DRY_TEXT:
            pk_live_text(&c, &pk_texts[ev->a], ev->kind == PK_DRY_TEXT, r);
            break;
        case PK_FRAME: {
            if (call && call->kind == PK_CALL_FILE) {
                if (r->file)
                    pk_pcap_write(r->file, ev->a, pk_frame_out(r->out, ev->a));
                break;
            }
            if (call && call->kind == PK_CALL_SR) {
                c.sr_frames[c.nsr++] = ev->a;
                break;
            }
            const uint8_t *frame = pk_frame_out(r->out, ev->a);
            size_t len = pk_frames[ev->a].len;
            if (call && call->inter_ns == 0 && len <= sizeof l->batch.buf) {
                /* batched: sent with the call's next frames, at the latest by its end */
                struct pk_batch *b = &l->batch;
                if ((b->n == PK_BATCH || b->used + len > sizeof b->buf) &&
                    pk_flush(l, call->verbose, &sent) < 0) {
                    status = 3;
                    break;
                }
                memcpy(b->buf + b->used, frame, len);
                b->off[b->n] = b->used;
                b->len[b->n++] = len;
                b->used += len;
                break;
            }
            if (ps_wire_send(&l->w, &frame, &len, 1, err, sizeof err) < 0) {
                fprintf(stderr, "%s: error: %s\n", pk_spec_name, err);
                status = 3;
                break;
            }
            sent++;
            if (call && call->verbose) {
                fputc('.', stdout);
                fflush(stdout);
            }
            if (call) /* Scapy sleeps after every packet, the last one too */
                pk_sleep(call->inter_ns);
            break;
        }
        case PK_CALL_BEGIN:
            r->call = (int)ev->a;
            sent = 0;
            c.nsr = 0;
            if (pk_calls[ev->a].kind == PK_CALL_FILE &&
                !(r->file = pk_pcap_open(pk_calls[ev->a].path, pk_calls[ev->a].linktype)))
                status = 3;
            break;
        case PK_CALL_END:
            if (pk_calls[ev->a].kind == PK_CALL_SR) {
                if (pk_sr_run(r->out, iface, &pk_calls[ev->a], c.sr_frames, c.nsr, &c.res[ev->a]) < 0)
                    status = 3;
            } else if (r->file && pk_close(r->file, pk_calls[ev->a].path) < 0) {
                status = 3;
            } else if (!r->file && pk_calls[ev->a].verbose) {
                printf("\nSent %llu packets.\n", (unsigned long long)sent);
            }
            r->file = NULL;
            r->call = -1;
            break;
        case PK_TEST_BEGIN:
            c.failed = 0;
            c.error = NULL;
            r->test_ns = pk_now_ns();
            break;
        case PK_EXPECT:
            /* a run-time error ends the test: on at its end */
            if (!pk_check_expect(&c, ev->a))
                while (i + 1 < pk_nevents && pk_events[i + 1].kind != PK_TEST_END)
                    i++;
            break;
        case PK_LOOP_BEGIN:
            c.cur[ev->a] = 0;
            if (c.res[ev->a].nans == 0)
                i = pk_loop_end(i);
            break;
        case PK_LOOP_END: {
            size_t call = pk_events[ev->a].a;
            if (++c.cur[call] < c.res[call].nans)
                i = ev->a;
            break;
        }
        case PK_TEST_END:
            /* a test that looked at answers reports in place of its dry report */
            if (pk_test_skipped[ev->a]) {
                c.report = 1;
                c.report_test = ev->a;
            } else {
                pk_junit_dry(r, ev->a, 0);
            }
            break;
        default:
            break;
        }
    }
    if (status != 3 && l->batch.n && pk_flush(l, 0, &sent) < 0)
        status = 3;
    for (size_t i = 0; c.res && i < pk_ncalls; i++) {
        free(c.res[i].ans);
        free(c.res[i].rx);
        free(c.res[i].tx);
        free(c.res[i].tx_off);
        free(c.res[i].tx_len);
    }
    free(c.res);
    free(c.cur);
    free(c.sr_frames);
    free(c.detail.s);
    free(c.first.s);
    if (status == 3)
        pk_not_run(r, i);
    if (status != 3 && c.run_error)
        status = 3;
    if (status != 3 && c.any_failed)
        status = 1;
    if (l->w.fd > 0)
        ps_wire_close(&l->w);
    r->out->l = NULL;
    free(l->neigh);
    free(l);
    return status == 3 ? 3 : status | pk_dry_status;
}

int main(int argc, char **argv)
{
    struct pk_run r = {.call = -1, .out = calloc(1, sizeof *r.out)};
    if (!r.out || !(r.out->pv = calloc(pk_nparams + 1, sizeof *r.out->pv))) {
        fprintf(stderr, "%s: error: out of memory\n", pk_spec_name);
        return 3;
    }
    /* the built values, for the expects that name a param */
    for (size_t i = 0; i < pk_nparams; i++) {
        r.out->pv[i].u = pk_params[i].u;
        if (pk_params[i].ip6)
            memcpy(r.out->pv[i].bytes, pk_params[i].ip6, 16);
    }
    const char *iface = NULL, *junit = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            pk_usage(stdout);
            printf("\nA probe built by pktspec from %s: it sends the spec's frames on IFACE\n"
                   "and runs its tests (TAP on the output). --dry-run prints every frame,\n"
                   "--pcap OUT writes them into a capture; neither sends anything.\n"
                   "Exit status: 0 every expect held, 1 one failed, 2 a usage error, 3 a\n"
                   "run-time error.\n", pk_spec_name);
            /* the lab's params (lab_*) are the lab's, not -D's */
            for (size_t k = 0, shown = 0; k < pk_nparams; k++) {
                const struct pk_param *p = &pk_params[k];
                if (strncmp(p->name, "lab_", 4) == 0)
                    continue;
                printf("%s  -D %s: %s, built with %s%s%s\n", shown++ ? "" : "\nParams:\n", p->name,
                       p->type, p->value, p->kind == PK_PV_FIXED ? "; only that value: " : "",
                       p->kind != PK_PV_FIXED ? "" : p->fixed ? p->fixed : "its frames are fixed");
            }
            return 0;
        } else if (strcmp(a, "--dry-run") == 0) {
            r.dry = 1;
        } else if (strcmp(a, "-i") == 0 || strcmp(a, "--pcap") == 0 || strcmp(a, "--junit") == 0 ||
                   strcmp(a, "-D") == 0) {
            if (!next) {
                fprintf(stderr, "%s: error: %s needs a value\n", pk_spec_name, a);
                pk_usage(stderr);
                return 2;
            }
            i++;
            if (a[1] == 'i')
                iface = next;
            else if (a[2] == 'p')
                r.pcap_path = next;
            else if (a[2] == 'j')
                junit = next;
            else if (pk_define(r.out->pv, next))
                return 2;
        } else if (strncmp(a, "-D", 2) == 0) {
            if (pk_define(r.out->pv, a + 2))
                return 2;
        } else {
            fprintf(stderr, "%s: error: unknown option '%s'\n", pk_spec_name, a);
            pk_usage(stderr);
            return 2;
        }
    }
    if (r.dry + (r.pcap_path != NULL) + (iface != NULL) != 1) {
        fprintf(stderr, "%s: error: choose one of --dry-run, --pcap OUT and -i IFACE\n",
                pk_spec_name);
        pk_usage(stderr);
        return 2;
    }
    for (size_t i = 0; r.dry && i < pk_nparams; i++)
        if (r.out->pv[i].changed && pk_params[i].summaries_vary) {
            fprintf(stderr, "%s: error: -D %s: the dry run's summaries hold %s=%s as the probe "
                    "was built; use --pcap or -i, or build it again with pktspec build -D\n",
                    pk_spec_name, pk_params[i].name, pk_params[i].name, pk_params[i].value);
            return 2;
        }
    r.start_ns = pk_now_ns();
    if (junit) {
        time_t now = time(NULL);
        struct tm tm;
        r.junit = open_memstream(&r.junit_buf, &r.junit_len);
        if (!r.junit) {
            fprintf(stderr, "%s: error: out of memory\n", pk_spec_name);
            return 3;
        }
        if (pk_junit_open(&r, junit) < 0)
            return 3;
        if (!gmtime_r(&now, &tm) ||
            !strftime(r.timestamp, sizeof r.timestamp, "%Y-%m-%dT%H:%M:%S", &tm))
            strcpy(r.timestamp, "1970-01-01T00:00:00");
    }
    /* the recording's warnings are about holes an interface fills */
    for (size_t w = pk_warn_first; !iface && w < pk_warn_first + pk_nwarn; w++)
        fwrite(pk_texts[w].s, 1, pk_texts[w].len, stderr);
    int status = iface ? pk_live(&r, iface) : pk_replay(&r);
    if (r.pcap_path && !r.pcap && status != 3)
        r.pcap = pk_pcap_open(r.pcap_path, 1);
    if (r.pcap_path && pk_close(r.pcap, r.pcap_path) < 0)
        status = 3;
    if (r.junit && pk_junit_write(&r, junit) < 0)
        status = 3;
    free(r.junit_buf);
    free(r.out->pv);
    free(r.out);
    return fflush(stdout) == 0 ? status : 3;
}
