/* pktspec test's reports: a TAP 14 subtest per spec (the run's own TAP,
 * indented, with whatever else it printed as comments), and the runs' own
 * JUnit files gathered under one <testsuites>. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test_suite.h"
#include "xml.h"

#define INDENT "    "

/* A whole unnamed file, read back from its start; NUL-terminated. */
static char *slurp_fd(int fd, size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&buf, &n);
    if (!m)
        abort();
    if (fd >= 0 && lseek(fd, 0, SEEK_SET) == 0) {
        char chunk[8192];
        ssize_t r;
        while ((r = read(fd, chunk, sizeof chunk)) > 0)
            fwrite(chunk, 1, (size_t)r, m);
    }
    fclose(m);
    if (len)
        *len = n;
    return buf;
}

static char *slurp_path(const char *path)
{
    FILE *f = path ? fopen(path, "r") : NULL;
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&buf, &n);
    if (!m)
        abort();
    char chunk[8192];
    size_t r;
    while ((r = fread(chunk, 1, sizeof chunk, f)) > 0)
        fwrite(chunk, 1, r, m);
    fclose(f);
    fclose(m);
    return buf;
}

/* A spec's path as a TAP description: on one line, no '#' (a directive). */
static void tap_name(FILE *out, const char *s)
{
    for (; *s; s++)
        fputc(*s == '\n' || *s == '\r' ? ' ' : *s == '#' ? '_' : *s, out);
}

static bool starts(const char *s, size_t n, const char *prefix)
{
    size_t p = strlen(prefix);
    return n >= p && memcmp(s, prefix, p) == 0;
}

/* What a TAP consumer reads as TAP: test points, the plan, comments. */
static bool tap_line(const char *s, size_t n, bool *plan, size_t *points)
{
    if ((starts(s, n, "ok") && (n == 2 || s[2] == ' ')) ||
        (starts(s, n, "not ok") && (n == 6 || s[6] == ' '))) {
        ++*points;
        return true;
    }
    if (starts(s, n, "1..") && n > 3 && s[3] >= '0' && s[3] <= '9') {
        *plan = true;
        return true;
    }
    return starts(s, n, "#");
}

/* Text as comments of the subtest, a line each. */
static void comments(FILE *out, const char *s)
{
    for (const char *p = s ? s : ""; *p;) {
        size_t n = strcspn(p, "\n");
        fprintf(out, INDENT "#%s%.*s\n", n ? " " : "", (int)n, p);
        p += n + (p[n] == '\n');
    }
}

/* Why a run did not pass, in a line. */
static void why(char *buf, size_t cap, const struct test_spec *t)
{
    static const char *const meaning[] = {"", "an expect failed", "a spec error",
                                          "a run-time error"};
    if (t->timed_out)
        snprintf(buf, cap, "timed out after %g s: killed", t->limit);
    else if (WIFSIGNALED(t->wstatus))
        snprintf(buf, cap, "killed by signal %d (%s)", WTERMSIG(t->wstatus),
                 strsignal(WTERMSIG(t->wstatus)));
    else if (WIFEXITED(t->wstatus) && WEXITSTATUS(t->wstatus) <= 3)
        snprintf(buf, cap, "exit %d: %s", WEXITSTATUS(t->wstatus),
                 meaning[WEXITSTATUS(t->wstatus)]);
    else
        snprintf(buf, cap, "exit %d", WIFEXITED(t->wstatus) ? WEXITSTATUS(t->wstatus) : -1);
}

static bool skipped(const struct test_spec *t)
{
    return t->no_lab && !t->bad;
}

void test_tap_spec(FILE *out, const struct test_spec *t, size_t k)
{
    if (skipped(t)) {
        fprintf(out, "ok %zu - ", k + 1);
        tap_name(out, t->path);
        fprintf(out, " # SKIP no-lab%s%s\n", *t->no_lab ? ": " : "", t->no_lab);
        return;
    }
    fputs("# Subtest: ", out);
    tap_name(out, t->path);
    fputc('\n', out);
    bool plan = false;
    size_t points = 0;
    if (!t->bad) {
        char *text = slurp_fd(t->out_fd, NULL);
        for (const char *p = text; *p;) {
            size_t n = strcspn(p, "\n");
            if (tap_line(p, n, &plan, &points))
                fprintf(out, INDENT "%.*s\n", (int)n, p);
            else
                fprintf(out, INDENT "#%s%.*s\n", n ? " " : "", (int)n, p);
            p += n + (p[n] == '\n');
        }
        free(text);
    }
    /* The subtest's plan even when the run ended before it printed one. */
    if (!plan)
        fprintf(out, INDENT "1..%zu\n", points);
    if (t->status != 0) {
        if (t->bad) {
            comments(out, t->bad);
        } else {
            char line[256];
            why(line, sizeof line, t);
            comments(out, line);
            char *err = slurp_fd(t->err_fd, NULL);
            comments(out, err);
            free(err);
        }
    }
    fprintf(out, "%sok %zu - ", t->status ? "not " : "", k + 1);
    tap_name(out, t->path);
    fputc('\n', out);
}

/* ---- JUnit ------------------------------------------------------------------ */

void test_junit_begin(FILE *j)
{
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n", j);
}

void test_junit_end(FILE *j)
{
    fputs("</testsuites>\n", j);
}

static void suite_open(FILE *j, const struct test_spec *t, size_t id)
{
    fputs("<testsuite package=\"", j);
    ps_xml_str(j, t->path);
    fprintf(j, "\" id=\"%zu\" ", id);
}

/* A spec the run could not report on itself (skipped, a spec error, a
 * crash, a timeout): one testcase named as the spec, saying why. */
static void junit_made(FILE *j, const struct test_spec *t, size_t id)
{
    char host[256] = "", stamp[32] = "1970-01-01T00:00:00";
    if (gethostname(host, sizeof host - 1) != 0 || !host[0])
        snprintf(host, sizeof host, "localhost");
    time_t now = time(NULL);
    struct tm tm;
    if (gmtime_r(&now, &tm))
        strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
    bool skip = skipped(t);
    suite_open(j, t, id);
    fputs("name=\"", j);
    ps_xml_str(j, t->path);
    fprintf(j, "\" tests=\"1\" failures=\"0\" errors=\"%d\" skipped=\"%d\" time=\"%.6f\" "
               "timestamp=\"%s\" hostname=\"", !skip, skip, t->secs, stamp);
    ps_xml_str(j, host);
    fputs("\">\n  <properties/>\n  <testcase classname=\"", j);
    ps_xml_str(j, t->path);
    fputs("\" name=\"", j);
    ps_xml_str(j, t->path);
    fprintf(j, "\" time=\"%.6f\">", t->secs);
    if (skip) {
        fputs("<skipped message=\"no-lab", j);
        if (*t->no_lab) {
            fputs(": ", j);
            ps_xml_str(j, t->no_lab);
        }
        fputs("\"/>", j);
    } else {
        char line[256];
        why(line, sizeof line, t);
        const char *type = t->bad || t->status == 2 ? "spec error"
                           : t->timed_out           ? "timeout"
                           : WIFSIGNALED(t->wstatus) ? "crash"
                                                     : "run-time error";
        char *err = t->bad ? NULL : slurp_fd(t->err_fd, NULL);
        const char *detail = t->bad ? t->bad : err;
        fprintf(j, "<error type=\"%s\" message=\"", type);
        if (t->bad || (err && *err && !t->timed_out && !WIFSIGNALED(t->wstatus)))
            ps_xml_text(j, detail, strcspn(detail, "\n"));
        else
            ps_xml_str(j, line);
        fputs("\">", j);
        ps_xml_str(j, detail);
        fputs("</error>", j);
        free(err);
    }
    fputs("</testcase>\n  <system-out/>\n  <system-err/>\n</testsuite>\n", j);
}

void test_junit_spec(FILE *j, const struct test_spec *t, size_t id)
{
    char *xml = skipped(t) || t->bad || t->timed_out ? NULL : slurp_path(t->junit);
    const char *suite = xml ? strstr(xml, "<testsuite ") : NULL;
    if (!suite) {
        junit_made(j, t, id);
    } else {
        /* the run's own suite, named by the spec's path as run names it */
        suite_open(j, t, id);
        const char *rest = suite + strlen("<testsuite ");
        size_t n = strlen(rest);
        while (n && (rest[n - 1] == '\n' || rest[n - 1] == ' '))
            n--;
        fprintf(j, "%.*s\n", (int)n, rest);
    }
    free(xml);
}
