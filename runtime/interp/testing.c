/* Tests: the report of each test in TAP on the output and in JUnit XML
 * when asked (patterns are matched in pattern.c). */
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "interp_int.h"

/* ---- reports --------------------------------------------------------------- */

static void xml_text(FILE *out, const char *s, size_t n)
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
                fprintf(out, "&#xfffd;");
            else
                fputc(c, out);
        }
    }
}

/* A test's name on one TAP line: newlines would break the protocol. */
static void tap_name(FILE *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fputc(s[i] == '\n' || s[i] == '\r' ? ' ' : s[i] == '#' ? '_' : s[i], out);
}

void interp_test_report(struct interp *in, const struct ps_stmt *st)
{
    FILE *out = in->o->out;
    size_t k = ++in->tests_run;
    if (in->test_failed) {
        in->tests_failed++;
        fprintf(out, "not ok %zu - ", k);
        tap_name(out, st->text, st->text_len);
        fputc('\n', out);
        const char *d = in->test_detail ? in->test_detail : "";
        for (const char *p = d; *p;) {
            size_t n = strcspn(p, "\n");
            fprintf(out, "# %.*s\n", (int)n, p);
            p += n + (p[n] == '\n');
        }
    } else {
        fprintf(out, "ok %zu - ", k);
        tap_name(out, st->text, st->text_len);
        if (in->test_skipped)
            fputs(" # SKIP answers come only from the wire, and this run sends nothing", out);
        fputc('\n', out);
    }
    if (in->junit) {
        fputs("  <testcase classname=\"", in->junit);
        xml_text(in->junit, in->prog->path, strlen(in->prog->path));
        fputs("\" name=\"", in->junit);
        xml_text(in->junit, st->text, st->text_len);
        fputs("\">", in->junit);
        if (in->test_failed) {
            fputs("<failure message=\"expect failed\">", in->junit);
            if (in->test_detail)
                xml_text(in->junit, in->test_detail, strlen(in->test_detail));
            fputs("</failure>", in->junit);
        } else if (in->test_skipped) {
            fputs("<skipped/>", in->junit);
        }
        fputs("</testcase>\n", in->junit);
    }
    free(in->test_detail);
    in->test_detail = NULL;
}

void interp_open_junit(struct interp *in)
{
    if (!in->o->junit)
        return;
    in->junit = fopen(in->o->junit, "w");
    if (!in->junit) {
        interp_error(in, (struct ps_loc){0, 0}, "cannot write %s", in->o->junit);
        return;
    }
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"", in->junit);
    xml_text(in->junit, in->prog->path, strlen(in->prog->path));
    fputs("\">\n", in->junit);
}

void interp_close_outputs(struct interp *in)
{
    char err[512];
    if (in->pcap && ps_pcap_writer_close(in->pcap, err, sizeof err) < 0)
        interp_error(in, (struct ps_loc){0, 0}, "%s", err);
    in->pcap = NULL;
    if (in->o->mode == PS_RUN_PCAP && in->frames_out == 0 && !in->failed_run) {
        /* No frame: still leave a valid, empty capture behind. */
        struct ps_pcap_writer *w = ps_pcap_writer_open(in->o->pcap_out, 1, err, sizeof err);
        if (!w || ps_pcap_writer_close(w, err, sizeof err) < 0)
            interp_error(in, (struct ps_loc){0, 0}, "%s", err);
    }
    if (in->junit) {
        fputs("</testsuite>\n", in->junit);
        fclose(in->junit);
        in->junit = NULL;
    }
}
