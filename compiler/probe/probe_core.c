/* The probe's fixed part, embedded verbatim into every emitted probe
 * (compiler/emit_core_text.c is generated from it by gen_core.py). It needs
 * only libc. The emitter writes the spec's tables where the TABLES marker
 * stands. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum pk_event_kind {
    PK_TEXT,       /* a: text piece: output in every mode */
    PK_DRY_TEXT,   /* a: text piece: a test's report in a run that sends nothing */
    PK_FRAME,      /* a: frame */
    PK_CALL_BEGIN, /* a: call */
    PK_CALL_END,   /* a: call */
    PK_TEST_BEGIN, /* a: test */
    PK_TEST_END,   /* a: test */
    PK_EXPECT,     /* a: expect */
};

struct pk_frame {
    const uint8_t *bytes;
    uint32_t len;
    uint64_t ts_ns;
    const char *summary;
};

struct pk_text {
    const char *s;
    size_t len;
};

struct pk_event {
    uint8_t kind;
    uint32_t a;
};

enum pk_call_kind { PK_CALL_SEND, PK_CALL_SR, PK_CALL_FILE };

struct pk_call {
    uint8_t kind;
    const char *path;  /* PK_CALL_FILE: the capture wrpcap() writes */
    int linktype;
};

struct pk_param {
    const char *name;
    const char *type;
    const char *value;
};

struct pk_test {
    const char *name;
    size_t len;
};

/*@@TABLES@@*/

struct pk_run {
    int dry;
    FILE *pcap;
    const char *pcap_path;
    FILE *junit;
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

static void pk_pcap_write(FILE *f, const struct pk_frame *fr)
{
    uint32_t caplen = fr->len > 65535 ? 65535 : fr->len;
    pk_put32(f, (uint32_t)(fr->ts_ns / 1000000000u));
    pk_put32(f, (uint32_t)(fr->ts_ns % 1000000000u / 1000u));
    pk_put32(f, caplen);
    pk_put32(f, fr->len);
    fwrite(fr->bytes, 1, caplen, f);
}

static int pk_close(FILE *f, const char *path)
{
    if (f && fclose(f) != 0) {
        fprintf(stderr, "%s: error: cannot write %s\n", pk_spec_name, path);
        return -1;
    }
    return 0;
}

/* -D: a param of the spec, with the value the probe was built with; the
 * frames are built, so another value needs another build. */
static int pk_define(const char *arg)
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
        if (strcmp(p->value, eq + 1) == 0)
            return 0;
        fprintf(stderr, "%s: error: -D %s: this probe was built with %s=%s (%s); its frames "
                "are fixed: build it again with pktspec build -D %s\n", pk_spec_name, arg,
                p->name, p->value, p->type, arg);
        return 2;
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

static void pk_junit_test(FILE *j, size_t test, int skipped)
{
    fputs("  <testcase classname=\"", j);
    pk_xml(j, pk_spec_name, strlen(pk_spec_name));
    fputs("\" name=\"", j);
    pk_xml(j, pk_tests[test].name, pk_tests[test].len);
    fputs(skipped ? "\"><skipped/></testcase>\n" : "\"></testcase>\n", j);
}

static int pk_replay(struct pk_run *r)
{
    int status = 0;
    for (size_t i = 0; i < pk_nevents && status != 3; i++) {
        const struct pk_event *ev = &pk_events[i];
        switch (ev->kind) {
        case PK_TEXT:
        case PK_DRY_TEXT:
            fwrite(pk_texts[ev->a].s, 1, pk_texts[ev->a].len, stdout);
            break;
        case PK_FRAME: {
            const struct pk_frame *fr = &pk_frames[ev->a];
            if (r->call >= 0 && pk_calls[r->call].kind == PK_CALL_FILE) {
                if (r->file)
                    pk_pcap_write(r->file, fr);
            } else if (r->dry) {
                printf("%s\n", fr->summary);
                pk_hexdump(stdout, fr->bytes, fr->len);
            } else {
                if (!r->pcap && !(r->pcap = pk_pcap_open(r->pcap_path, 1)))
                    status = 3;
                else
                    pk_pcap_write(r->pcap, fr);
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
        case PK_TEST_END:
            if (r->junit)
                pk_junit_test(r->junit, ev->a, pk_test_skipped[ev->a]);
            break;
        default:
            break;
        }
    }
    return status == 3 ? 3 : pk_dry_status;
}

/* Sending needs answers matched and expects run against them: not in this
 * version of the probe. */
static int pk_live(const char *iface, const char *junit)
{
    (void)junit;
    fprintf(stderr, "%s: error: -i %s: this probe cannot send yet; use --dry-run or --pcap, "
            "or pktspec run -i\n", pk_spec_name, iface);
    return 3;
}

int main(int argc, char **argv)
{
    struct pk_run r = {.call = -1};
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
            else if (pk_define(next))
                return 2;
        } else if (strncmp(a, "-D", 2) == 0) {
            if (pk_define(a + 2))
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
    if (iface)
        return pk_live(iface, junit);
    if (junit) {
        r.junit = fopen(junit, "w");
        if (!r.junit) {
            fprintf(stderr, "%s: error: cannot write %s\n", pk_spec_name, junit);
            return 3;
        }
        fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"", r.junit);
        pk_xml(r.junit, pk_spec_name, strlen(pk_spec_name));
        fputs("\">\n", r.junit);
    }
    for (size_t w = pk_warn_first; w < pk_warn_first + pk_nwarn; w++)
        fwrite(pk_texts[w].s, 1, pk_texts[w].len, stderr);
    int status = pk_replay(&r);
    if (r.pcap_path && !r.pcap && status != 3)
        r.pcap = pk_pcap_open(r.pcap_path, 1);
    if (r.pcap_path && pk_close(r.pcap, r.pcap_path) < 0)
        status = 3;
    if (r.junit) {
        fputs("</testsuite>\n", r.junit);
        if (pk_close(r.junit, junit) < 0)
            status = 3;
    }
    return fflush(stdout) == 0 ? status : 3;
}
