#include "import.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xalloc.h"

struct imp {
    struct ps_srcfiles *files;
    char **canon;            /* realpath of each file, as files */
    const char *const *dirs;
    size_t ndirs;
    struct ps_diag *d;
    int *stack;              /* the files being imported, outermost first */
    size_t nstack;
};

static int add_file(struct imp *m, const char *path, char *text, size_t len, int from,
                    int line, char *canon)
{
    struct ps_srcfiles *fs = m->files;
    if (fs->n == fs->cap) {
        fs->cap = fs->cap ? 2 * fs->cap : 8;
        fs->v = front_xrealloc(fs->v, fs->cap * sizeof *fs->v);
        m->canon = front_xrealloc(m->canon, fs->cap * sizeof *m->canon);
    }
    fs->v[fs->n] = (struct ps_srcfile){path, text, len, from, line};
    m->canon[fs->n] = canon;
    return (int)fs->n++;
}

/* dir of `from` + name, or name when it is absolute; malloc'd. */
static char *beside(const char *from, const char *name)
{
    const char *slash = strrchr(from, '/');
    size_t dl = name[0] == '/' || !slash ? 0 : (size_t)(slash - from + 1);
    char *p = front_xmalloc(dl + strlen(name) + 1);
    memcpy(p, from, dl);
    strcpy(p + dl, name);
    return p;
}

/* Beside the importing file as named, then beside the file a symlink of it
 * points to, then in each -I directory. */
static char *find(struct imp *m, int file, const char *name)
{
    char *p = beside(m->files->v[file].path, name);
    if (access(p, R_OK) == 0 || name[0] == '/')
        return p;
    free(p);
    p = beside(m->canon[file], name);
    if (access(p, R_OK) == 0)
        return p;
    for (size_t i = 0; i < m->ndirs; i++) {
        free(p);
        size_t dl = strlen(m->dirs[i]);
        p = front_xmalloc(dl + strlen(name) + 2);
        memcpy(p, m->dirs[i], dl);
        p[dl] = '/';
        strcpy(p + dl + 1, name);
        if (access(p, R_OK) == 0)
            return p;
    }
    free(p);
    return NULL;
}

static void relabel(struct ast_node *n, int file)
{
    if (!n)
        return;
    n->loc.file = file;
    n->name_loc.file = file;
    for (size_t i = 0; i < n->nkids; i++)
        relabel(n->kids[i], file);
}

/* Calls that send, capture, read or write files, or print: an imported file
 * only declares, so its bindings call none of them. */
static const char *const effect_calls[] = {"send", "sendp", "sr", "sr1", "srp", "srp1",
    "srloop", "srploop", "sniff", "wrpcap", "rdpcap", "ls", "print", "hexdump", NULL};

static const struct ast_node *effect_in(const struct ast_node *n)
{
    if (!n)
        return NULL;
    if (n->kind == AST_CALL && n->nkids && n->kids[0]->kind == AST_NAME)
        for (size_t i = 0; effect_calls[i]; i++)
            if (strcmp(n->kids[0]->str, effect_calls[i]) == 0)
                return n;
    for (size_t i = 0; i < n->nkids; i++) {
        const struct ast_node *e = effect_in(n->kids[i]);
        if (e)
            return e;
    }
    return NULL;
}

/* The statement of an imported file that does something, or NULL. */
static const struct ast_node *runs(const struct ast_node *st)
{
    switch (st->kind) {
    case AST_PARAM: case AST_LAYER:
        return NULL;
    case AST_ASSIGN: case AST_UNPACK:
        return effect_in(st->kids[st->nkids - 1]) ? st : NULL;
    default:
        return st;
    }
}

/* The first line of a statement, for a message. */
static void stmt_text(const struct ps_srcfile *f, struct ast_loc l, const char **s, int *n)
{
    const char *p = f->text, *end = f->text + f->len;
    for (int line = 1; line < l.line && p < end; p++)
        if (*p == '\n')
            line++;
    p += l.col - 1 < end - p ? l.col - 1 : end - p;
    const char *e = p;
    while (e < end && *e != '\n' && e - p < 60)
        e++;
    *s = p;
    *n = (int)(e - p);
}

static void expand(struct imp *m, struct ast_node *prog, int file);

/* The statements of the file `imp` names, relabelled and expanded; NULL
 * when there is none to add (reported, or imported before). */
static struct ast_node *import_one(struct imp *m, const struct ast_node *imp, int file)
{
    struct ps_diag *d = m->d;
    const char *from = m->files->v[file].path;
    char *path = find(m, file, imp->str);
    char *canon = path ? realpath(path, NULL) : NULL;
    if (!canon) {
        ps_diag_error(d, imp->name_loc, "cannot find the imported file \"%s\" (beside %s%s)",
                      imp->str, from, m->ndirs ? " or in the -I directories" : "");
        free(path);
        return NULL;
    }
    for (size_t i = 0; i < m->nstack; i++) {
        if (strcmp(m->canon[m->stack[i]], canon) != 0)
            continue;
        char chain[2048];
        size_t k = 0;
        chain[0] = '\0';
        for (size_t j = i; j < m->nstack && k < sizeof chain; j++)
            k += (size_t)snprintf(chain + k, sizeof chain - k, "%s imports ",
                                  m->files->v[m->stack[j]].path);
        if (k < sizeof chain)
            snprintf(chain + k, sizeof chain - k, "%s", path);
        ps_diag_error(d, imp->name_loc, "import cycle: %s", chain);
        free(path);
        free(canon);
        return NULL;
    }
    for (size_t i = 0; i < m->files->n; i++)
        if (strcmp(m->canon[i], canon) == 0) {   /* imported before: once */
            free(path);
            free(canon);
            return NULL;
        }
    struct ps_source src;
    if (ps_source_load(&src, path) < 0) {
        ps_diag_error(d, imp->name_loc, "cannot read the imported file %s", path);
        free(path);
        free(canon);
        return NULL;
    }
    int me = add_file(m, path, (char *)src.text, src.len, file, imp->loc.line, canon);
    int outer = d->cur_file;
    d->cur_file = me;
    src.path = path;
    struct ast_node *sub = ps_parse(&src, d);
    d->cur_file = outer;
    relabel(sub, me);
    m->stack = front_xrealloc(m->stack, (m->nstack + 1) * sizeof *m->stack);
    m->stack[m->nstack++] = me;
    expand(m, sub, me);
    m->nstack--;
    for (size_t i = 0; i < sub->nkids; i++) {
        const struct ast_node *st = runs(sub->kids[i]);
        if (!st)
            continue;
        const char *s;
        int n;
        stmt_text(&m->files->v[st->loc.file], st->loc, &s, &n);
        ps_diag_error(d, imp->name_loc, "an imported file only declares (layers, params, "
                      "bindings), and %s:%d:%d runs `%.*s`", m->files->v[st->loc.file].path,
                      st->loc.line, st->loc.col, n, s);
        ast_free(sub);
        return NULL;
    }
    return sub;
}

static void expand(struct imp *m, struct ast_node *prog, int file)
{
    struct ast_node **kids = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < prog->nkids; i++) {
        struct ast_node *k = prog->kids[i];
        struct ast_node *sub = k->kind == AST_IMPORT ? import_one(m, k, file) : NULL;
        size_t more = k->kind != AST_IMPORT ? 1 : sub ? sub->nkids : 0;
        if (n + more > cap) {
            cap = (n + more) * 2;
            kids = front_xrealloc(kids, cap * sizeof *kids);
        }
        if (k->kind != AST_IMPORT) {
            kids[n++] = k;
            continue;
        }
        if (sub) {
            memcpy(kids + n, sub->kids, sub->nkids * sizeof *kids);
            n += sub->nkids;
            sub->nkids = 0;
            ast_free(sub);
        }
        ast_free(k);
    }
    free(prog->kids);
    prog->kids = kids;
    prog->nkids = n;
}

struct def {
    const char *name;
    struct ast_loc at;
    struct ast_node *param;   /* the PARAM statement that defined it, if one did */
};

/* Whether the name is new; a name an earlier file defined is a clash,
 * reported here, unless it is a param the spec itself declares again, which
 * gives the imported param its new default (*rebinds). */
static bool define(struct imp *m, struct def **defs, size_t *n, const char *name,
                   struct ast_loc at, struct ast_node *param, struct ast_node **rebinds)
{
    for (size_t i = 0; i < *n; i++) {
        struct def *o = &(*defs)[i];
        if (strcmp(o->name, name) != 0)
            continue;
        if (o->at.file == at.file) /* rebinding within one file is the file's own business */
            return false;
        if (param && o->param && at.file == 0)
            *rebinds = o->param;
        else
            ps_diag_error(m->d, at, "'%s' is already defined at %s:%d:%d", name,
                          m->files->v[o->at.file].path, o->at.line, o->at.col);
        return false;
    }
    *defs = front_xrealloc(*defs, (*n + 1) * sizeof **defs);
    (*defs)[(*n)++] = (struct def){name, at, param};
    return true;
}

/* A name defined in two files is a clash, reported at the second; a param
 * of an imported file that the spec declares again takes the spec's default
 * (where the imported file declared it, so its bindings see the new value),
 * and the spec's declaration goes. */
static void clashes(struct imp *m, struct ast_node *prog)
{
    struct def *defs = NULL;
    size_t n = 0, kept = 0;
    for (size_t i = 0; i < prog->nkids; i++) {
        struct ast_node *st = prog->kids[i], *rebinds = NULL;
        if (st->kind == AST_PARAM || st->kind == AST_LAYER)
            define(m, &defs, &n, st->str, st->name_loc, st->kind == AST_PARAM ? st : NULL,
                   &rebinds);
        else if (st->kind == AST_ASSIGN && st->kids[0]->kind == AST_NAME)
            define(m, &defs, &n, st->kids[0]->str, st->kids[0]->loc, NULL, &rebinds);
        else if (st->kind == AST_UNPACK)
            for (size_t k = 0; k + 1 < st->nkids; k++)
                define(m, &defs, &n, st->kids[k]->str, st->kids[k]->loc, NULL, &rebinds);
        if (rebinds) {
            struct ast_node *old = rebinds->kids[0];
            rebinds->kids[0] = st->kids[0];
            st->kids[0] = old;
            ast_free(st);
            continue;
        }
        prog->kids[kept++] = st;
    }
    prog->nkids = kept;
    free(defs);
}

void ps_imports(struct ast_node *prog, struct ps_srcfiles *files, const char *const *dirs,
                size_t ndirs, struct ps_diag *d)
{
    struct imp m = {.files = files, .dirs = dirs, .ndirs = ndirs, .d = d};
    bool any = false;
    for (size_t i = 0; i < prog->nkids && !any; i++)
        any = prog->kids[i]->kind == AST_IMPORT;
    if (!any)
        return;
    m.canon = front_xmalloc(files->cap * sizeof *m.canon);
    char *c0 = realpath(files->v[0].path, NULL);
    m.canon[0] = c0 ? c0 : strdup(files->v[0].path);
    m.stack = front_xmalloc(sizeof *m.stack);
    m.stack[m.nstack++] = 0;
    expand(&m, prog, 0);
    if (!d->errors)
        clashes(&m, prog);
    for (size_t i = 0; i < files->n; i++)
        free(m.canon[i]);
    free(m.canon);
    free(m.stack);
}

void ps_srcfiles_free(struct ps_srcfiles *files)
{
    for (size_t i = 1; i < files->n; i++) {
        free((char *)files->v[i].path);
        free((char *)files->v[i].text);
    }
    free(files->v);
    files->v = NULL;
    files->n = files->cap = 0;
}
