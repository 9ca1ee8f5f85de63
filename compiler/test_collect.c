/* pktspec test: which specs a suite holds, and what their leading
 * `# pktspec:` comment lines say about running them. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "test_suite.h"

static char *dup_n(const char *s, size_t n)
{
    char *d = strndup(s, n);
    if (!d)
        abort();
    return d;
}

static void add(struct test_suite *s, char *path)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 64;
        s->v = realloc(s->v, s->cap * sizeof *s->v);
        if (!s->v)
            abort();
    }
    s->v[s->n++] = (struct test_spec){.path = path, .out_fd = -1, .err_fd = -1};
}

static bool is_spec(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, ".pkt") == 0;
}

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    bool slash = n && dir[n - 1] == '/';
    size_t len = n + !slash + strlen(name) + 1;
    char *p = malloc(len);
    if (!p)
        abort();
    snprintf(p, len, "%s%s%s", dir, slash ? "" : "/", name);
    return p;
}

/* A folder's specs and its folders', hidden folders left out; a symlink to
 * a folder is not followed (no loops), a symlink to a spec is taken. The
 * specs directly in a lib/ folder are libraries: they run in the specs that
 * import them (as tests/lab/tests.cmake leaves them out of specs/). */
static int walk(struct test_suite *s, const char *dir, bool lib)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "pktspec: error: cannot read %s: %s\n", dir, strerror(errno));
        return -1;
    }
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        struct stat st;
        if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
            continue;
        bool link = S_ISLNK(st.st_mode);
        if (link && fstatat(dirfd(d), e->d_name, &st, 0) < 0)
            continue;
        if (S_ISDIR(st.st_mode) && !link) {
            char *sub = join(dir, e->d_name);
            rc = walk(s, sub, strcmp(e->d_name, "lib") == 0);
            free(sub);
        } else if (S_ISREG(st.st_mode) && !lib && is_spec(e->d_name)) {
            add(s, join(dir, e->d_name));
        }
    }
    closedir(d);
    return rc;
}

int test_collect(struct test_suite *s, const char *path)
{
    struct stat st;
    if (stat(path, &st) < 0) {
        fprintf(stderr, "pktspec: error: %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode))
        return walk(s, path, false);
    /* named on the command line: taken whatever its name or folder */
    add(s, dup_n(path, strlen(path)));
    return 0;
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const struct test_spec *)a)->path, ((const struct test_spec *)b)->path);
}

void test_sort(struct test_suite *s)
{
    if (s->n)
        qsort(s->v, s->n, sizeof *s->v, by_path);
    size_t w = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (w && strcmp(s->v[w - 1].path, s->v[i].path) == 0)
            free(s->v[i].path);
        else
            s->v[w++] = s->v[i];
    }
    s->n = w;
}

/* The diagnostic of a directive that cannot be read, with its caret. */
static void bad_directive(struct test_spec *t, const struct ps_source *src, int line, int col,
                          int wlen, const char *msg)
{
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m)
        abort();
    struct ps_diag d;
    ps_diag_init(&d, src, m);
    ps_diag_error(&d, (struct ast_loc){line, col, line, col + (wlen ? wlen - 1 : 0), 0}, "%s",
                  msg);
    fclose(m);
    free(t->bad);
    t->bad = text;
}

static const char *skip_blanks(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return p;
}

/* One comment line: `# pktspec: WORD REST`. */
static void directive(struct test_spec *t, const struct ps_source *src, int line,
                      const char *p, const char *end)
{
    p = skip_blanks(p + 1, end);
    static const char tag[] = "pktspec:";
    if ((size_t)(end - p) < sizeof tag - 1 || memcmp(p, tag, sizeof tag - 1) != 0)
        return;
    const char *lstart = p;
    while (lstart > src->text && lstart[-1] != '\n')
        lstart--;
    const char *w = skip_blanks(p + sizeof tag - 1, end);
    const char *we = w;
    while (we < end && *we != ' ' && *we != '\t')
        we++;
    const char *rest = skip_blanks(we, end);
    const char *re = end;
    while (re > rest && (re[-1] == ' ' || re[-1] == '\t' || re[-1] == '\r'))
        re--;
    int col = (int)(w - lstart) + 1, wlen = (int)(we - w);
    char msg[256];
    if (wlen == 6 && memcmp(w, "no-lab", 6) == 0) {
        free(t->no_lab);
        t->no_lab = dup_n(rest, (size_t)(re - rest));
    } else if (wlen == 8 && memcmp(w, "lab-peer", 8) == 0 && re > rest) {
        free(t->peer);
        t->peer = dup_n(rest, (size_t)(re - rest));
    } else if (wlen == 8 && memcmp(w, "lab-peer", 8) == 0) {
        bad_directive(t, src, line, col, wlen, "lab-peer needs the command to run in the peer's "
                      "namespace");
    } else if (wlen == 13 && memcmp(w, "lab-peer-wait", 13) == 0) {
        /* run --lab-peer-wait checks PROTO/PORT itself, with its own message */
        if (re == rest || memchr(rest, ' ', (size_t)(re - rest)))
            bad_directive(t, src, line, col, wlen, "lab-peer-wait takes one PROTO/PORT, as "
                          "tcp/8080 (a line each)");
        else if (t->nwaits == sizeof t->waits / sizeof t->waits[0])
            bad_directive(t, src, line, col, wlen, "at most 4 lab-peer-wait lines");
        else
            t->waits[t->nwaits++] = dup_n(rest, (size_t)(re - rest));
    } else {
        snprintf(msg, sizeof msg, "unknown directive '%.*s' (# pktspec: no-lab [REASON], "
                 "lab-peer CMD or lab-peer-wait PROTO/PORT)", wlen > 64 ? 64 : wlen, w);
        bad_directive(t, src, line, col, wlen, msg);
    }
}

void test_read_directives(struct test_spec *t)
{
    struct ps_source src = {0};
    if (ps_source_load(&src, t->path) < 0)
        return; /* run says why */
    const char *p = src.text, *end = src.text + src.len;
    for (int line = 1; p < end && !t->bad; line++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *q = skip_blanks(p, le);
        if (q < le && *q != '#' && *q != '\r')
            break; /* the first statement: the leading comments are over */
        if (q < le && *q == '#')
            directive(t, &src, line, q, le);
        p = le + 1;
    }
    ps_source_free(&src);
}

void test_suite_free(struct test_suite *s)
{
    for (size_t i = 0; i < s->n; i++) {
        struct test_spec *t = &s->v[i];
        free(t->path);
        free(t->peer);
        for (size_t k = 0; k < t->nwaits; k++)
            free(t->waits[k]);
        free(t->no_lab);
        free(t->bad);
        free(t->junit);
    }
    free(s->v);
    s->v = NULL;
    s->n = s->cap = 0;
}
