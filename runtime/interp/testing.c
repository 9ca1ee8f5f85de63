/* Tests: the report of each test in TAP on the output and in JUnit XML
 * when asked (patterns are matched in pattern.c). */
#include <stdlib.h>
#include <string.h>

#include <time.h>
#include <unistd.h>

#include "addr.h"
#include "outfile.h"
#include "xml.h"
#include "interp_int.h"

/* ---- reports --------------------------------------------------------------- */

/* A test's name on one TAP line: newlines would break the protocol. */
static void tap_name(FILE *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fputc(s[i] == '\n' || s[i] == '\r' ? ' ' : s[i] == '#' ? '_' : s[i], out);
}

/* Text as TAP diagnostics: `# ` before each line. */
static void tap_diag(FILE *out, const char *s)
{
    for (const char *p = s ? s : ""; *p;) {
        size_t n = strcspn(p, "\n");
        fprintf(out, "# %.*s\n", (int)n, p);
        p += n + (p[n] == '\n');
    }
}

static void first_line(char *out, size_t cap, const char *s)
{
    snprintf(out, cap, "%.*s", (int)strcspn(s ? s : "", "\n"), s ? s : "");
}

#define SKIP_WHY "answers come only from the wire, and this run sends nothing"
#define DESELECTED_WHY "not selected by -k"

static void junit_case(struct interp *in, const char *name, size_t len, uint64_t ns)
{
    FILE *j = in->junit;
    fputs("  <testcase classname=\"", j);
    ps_xml_str(j, in->prog->path);
    fputs("\" name=\"", j);
    ps_xml_text(j, name, len);
    fprintf(j, "\" time=\"%.6f\">", (double)ns / 1e9);
}

/* The report of the test st has just run: failed expects, a run-time error
 * it stopped at (in->failed_run), or a skip. */
void interp_test_report(struct interp *in, const struct ps_stmt *st)
{
    FILE *out = in->o->out;
    size_t k = ++in->tests_run;
    bool error = in->failed_run;
    bool failed = error || in->test_failed;
    bool skipped = !failed && in->test_skipped;
    in->tests_errored += error;
    in->tests_failed += !error && in->test_failed;
    in->tests_skipped += skipped;
    fprintf(out, "%sok %zu - ", failed ? "not " : "", k);
    tap_name(out, st->text, st->text_len);
    fputs(skipped ? " # SKIP " SKIP_WHY "\n" : "\n", out);
    tap_diag(out, in->test_detail);
    if (error)
        tap_diag(out, in->test_error);
    if (in->junit) {
        FILE *j = in->junit;
        junit_case(in, st->text, st->text_len, interp_now_ns() - in->test_start_ns);
        char msg[512];
        if (error) {
            first_line(msg, sizeof msg, in->test_error);
            fputs("<error type=\"run-time error\" message=\"", j);
            ps_xml_str(j, msg);
            fputs("\">", j);
            ps_xml_str(j, in->test_detail);
            ps_xml_str(j, in->test_error);
            fputs("</error>", j);
        } else if (in->test_failed) {
            fputs("<failure type=\"expect\" message=\"", j);
            ps_xml_str(j, in->test_first);
            fputs("\">", j);
            ps_xml_str(j, in->test_detail);
            fputs("</failure>", j);
        } else if (skipped) {
            fputs("<skipped message=\"" SKIP_WHY "\"/>", j);
        }
        fputs("</testcase>\n", j);
    }
    free(in->test_detail);
    free(in->test_first);
    in->test_detail = in->test_first = NULL;
    in->test_detail_len = in->test_first_len = 0;
}

/* run -k PATTERN: a test whose name does not hold PATTERN (a plain,
 * case-sensitive substring) is reported skipped, its body not run. */
bool interp_test_deselected(struct interp *in, const struct ps_stmt *st)
{
    const char *pat = in->o->select;
    if (!pat || memmem(st->text, st->text_len, pat, strlen(pat)))
        return false;
    in->tests_run++;
    in->tests_skipped++;
    fprintf(in->o->out, "ok %zu - ", in->tests_run);
    tap_name(in->o->out, st->text, st->text_len);
    fputs(" # SKIP " DESELECTED_WHY "\n", in->o->out);
    if (in->junit) {
        junit_case(in, st->text, st->text_len, 0);
        fputs("<skipped message=\"" DESELECTED_WHY "\"/></testcase>\n", in->junit);
    }
    return true;
}

/* The run stopped at a run-time error outside a test, or at one no test
 * goes on after: each test of the top level after the statement it
 * stopped in is `not ok`, with why, so that the plan is matched and CI
 * counts them (a test in a for: the plan comes last, interp.c). */
void interp_report_not_run(struct interp *in)
{
    const struct ps_program *prog = in->prog;
    char why[512], at[400];
    first_line(at, sizeof at, in->test_error);
    snprintf(why, sizeof why, "not run: the run stopped at %s", at);
    for (size_t i = in->top_at + 1; i < prog->nstmts; i++) {
        const struct ps_stmt *st = prog->stmts[i];
        if (st->kind != S_TEST)
            continue;
        in->tests_errored++;
        fprintf(in->o->out, "not ok %zu - ", ++in->tests_run);
        tap_name(in->o->out, st->text, st->text_len);
        fprintf(in->o->out, "\n# %s\n", why);
        if (in->junit) {
            junit_case(in, st->text, st->text_len, 0);
            fputs("<error type=\"not run\" message=\"", in->junit);
            ps_xml_str(in->junit, why);
            fputs("\"/></testcase>\n", in->junit);
        }
    }
}

/* The file is opened first, so that a run that could not write it stops
 * before anything is sent; it is written at the end. */
void interp_open_junit(struct interp *in)
{
    if (!in->o->junit)
        return;
    char err[512];
    in->junit_out = ps_outfile_open(in->o->junit, err, sizeof err);
    if (!in->junit_out) {
        interp_error(in, (struct ps_loc){0, 0, 0}, "%s", err);
        return;
    }
    in->junit = open_memstream(&in->junit_buf, &in->junit_len);
    if (!in->junit)
        abort();
    time_t now = time(NULL);
    struct tm tm;
    if (!gmtime_r(&now, &tm) ||
        !strftime(in->timestamp, sizeof in->timestamp, "%Y-%m-%dT%H:%M:%S", &tm))
        snprintf(in->timestamp, sizeof in->timestamp, "1970-01-01T00:00:00");
}

/* The suite: its counts, then the testcases kept; the schema
 * (tests/run/junit.xsd) asks for properties, system-out and system-err. */
static int write_junit(struct interp *in, char *err, size_t cap)
{
    char host[256] = "";
    if (gethostname(host, sizeof host - 1) != 0 || !host[0])
        snprintf(host, sizeof host, "localhost");
    FILE *m = ps_outfile_stream(in->junit_out);
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"", m);
    ps_xml_str(m, in->prog->path);
    fprintf(m, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\" time=\"%.6f\" "
               "timestamp=\"%s\" hostname=\"", in->tests_run, in->tests_failed, in->tests_errored,
            in->tests_skipped, (double)(interp_now_ns() - in->run_start_ns) / 1e9, in->timestamp);
    ps_xml_str(m, host);
    fputs("\">\n  <properties/>\n", m);
    fclose(in->junit);
    in->junit = NULL;
    fwrite(in->junit_buf, 1, in->junit_len, m);
    fputs("  <system-out/>\n  <system-err/>\n</testsuite>\n", m);
    struct ps_outfile *f = in->junit_out;
    in->junit_out = NULL;
    return ps_outfile_commit(f, err, cap);
}

void interp_close_outputs(struct interp *in)
{
    char err[512];
    /* A run that failed leaves the old capture whole (core/outfile.h). */
    if (in->pcap && in->failed_run)
        ps_pcap_writer_abort(in->pcap);
    else if (in->pcap && ps_pcap_writer_close(in->pcap, err, sizeof err) < 0)
        interp_error(in, (struct ps_loc){0, 0, 0}, "%s", err);
    in->pcap = NULL;
    if (in->o->mode == PS_RUN_PCAP && in->frames_out == 0 && !in->failed_run) {
        /* No frame: still leave a valid, empty capture behind. */
        struct ps_pcap_writer *w = ps_pcap_writer_open(in->o->pcap_out, 1, err, sizeof err);
        if (!w || ps_pcap_writer_close(w, err, sizeof err) < 0)
            interp_error(in, (struct ps_loc){0, 0, 0}, "%s", err);
    }
    if (in->junit) {
        if (write_junit(in, err, sizeof err) < 0) {
            interp_error(in, (struct ps_loc){0, 0, 0}, "%s", err);
        }
        free(in->junit_buf);
        in->junit_buf = NULL;
    }
}
