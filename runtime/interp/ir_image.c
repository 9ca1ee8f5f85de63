/* The program as an image: its texts, its declared layers, then its
 * statements and expressions in tree order, each node field by field. */
#include "ir_image.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ir_image_int.h"
#include "proto/declared.h"
#include "proto/proto.h"
#include "report.h"
#include "value.h"

#define IMAGE_MAGIC "pktspec-image\n"
#define NO_STRING 0xffffffffu

/* ---- the byte stream ---------------------------------------------------------- */

void img_fail_out(struct img_out *o, const char *fmt, ...)
{
    if (o->failed)
        return;
    o->failed = true;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(o->err, o->errcap, fmt, ap);
    va_end(ap);
}

void img_put(struct img_out *o, const void *p, size_t n)
{
    if (o->failed)
        return;
    if (o->cap - o->n < n) {
        size_t cap = o->cap ? o->cap : 4096;
        while (cap - o->n < n)
            cap *= 2;
        uint8_t *q = realloc(o->p, cap);
        if (!q)
            abort();
        o->p = q;
        o->cap = cap;
    }
    memcpy(o->p + o->n, p, n);
    o->n += n;
}

void img_u8(struct img_out *o, uint8_t v)
{
    img_put(o, &v, 1);
}

void img_u32(struct img_out *o, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    img_put(o, b, sizeof b);
}

void img_u64(struct img_out *o, uint64_t v)
{
    img_u32(o, (uint32_t)v);
    img_u32(o, (uint32_t)(v >> 32));
}

void img_i32(struct img_out *o, int32_t v)
{
    img_u32(o, (uint32_t)v);
}

void img_f64(struct img_out *o, double v)
{
    uint64_t u;
    memcpy(&u, &v, sizeof u);
    img_u64(o, u);
}

void img_str(struct img_out *o, const char *s, size_t len)
{
    if (!s) {
        img_u32(o, NO_STRING);
        return;
    }
    if (len >= NO_STRING) {
        img_fail_out(o, "a text of %zu bytes is too long for an image", len);
        return;
    }
    img_u32(o, (uint32_t)len);
    img_put(o, s, len);
}

void img_cstr(struct img_out *o, const char *s)
{
    img_str(o, s, s ? strlen(s) : 0);
}

void img_proto(struct img_out *o, const struct ps_proto *p)
{
    img_cstr(o, p ? p->name : NULL);
}

/* A field of a table, as its protocol and index. */
void img_field(struct img_out *o, const struct ps_field *f)
{
    if (!f) {
        img_cstr(o, NULL);
        return;
    }
    for (size_t i = 0, n = ps_registry_count(o->layers); i < n; i++) {
        const struct ps_proto *p = ps_registry_at(o->layers, i);
        if (p->nfields && f >= p->fields && f < p->fields + p->nfields) {
            img_cstr(o, p->name);
            img_u32(o, (uint32_t)(f - p->fields));
            return;
        }
    }
    img_fail_out(o, "field '%s' is not in a protocol table", f->name);
}

void img_fail_in(struct img_in *in, const char *fmt, ...)
{
    if (in->failed)
        return;
    in->failed = true;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(in->err, in->errcap, fmt, ap);
    va_end(ap);
}

const uint8_t *img_get(struct img_in *in, size_t n)
{
    if (in->failed)
        return NULL;
    if ((size_t)(in->end - in->p) < n) {
        img_fail_in(in, "the image ends early");
        return NULL;
    }
    const uint8_t *p = in->p;
    in->p += n;
    return p;
}

uint8_t img_get_u8(struct img_in *in)
{
    const uint8_t *p = img_get(in, 1);
    return p ? p[0] : 0;
}

uint32_t img_get_u32(struct img_in *in)
{
    const uint8_t *p = img_get(in, 4);
    return p ? (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24
             : 0;
}

uint64_t img_get_u64(struct img_in *in)
{
    uint64_t lo = img_get_u32(in);
    return lo | (uint64_t)img_get_u32(in) << 32;
}

int32_t img_get_i32(struct img_in *in)
{
    return (int32_t)img_get_u32(in);
}

double img_get_f64(struct img_in *in)
{
    uint64_t u = img_get_u64(in);
    double v;
    memcpy(&v, &u, sizeof v);
    return v;
}

size_t img_get_count(struct img_in *in, size_t min_size)
{
    uint32_t n = img_get_u32(in);
    if (!in->failed && (size_t)(in->end - in->p) / (min_size ? min_size : 1) < n) {
        img_fail_in(in, "a count of %u that the image cannot hold", n);
        return 0;
    }
    return in->failed ? 0 : n;
}

char *img_get_str(struct img_in *in, size_t *len)
{
    uint32_t n = img_get_u32(in);
    if (len)
        *len = 0;
    if (in->failed || n == NO_STRING)
        return NULL;
    const uint8_t *p = img_get(in, n);
    if (!p)
        return NULL;
    char *s = malloc((size_t)n + 1);
    if (!s)
        abort();
    memcpy(s, p, n);
    s[n] = '\0';
    if (len)
        *len = n;
    return s;
}

const struct ps_proto *img_get_proto(struct img_in *in)
{
    char *name = img_get_str(in, NULL);
    if (!name)
        return NULL;
    const struct ps_proto *p = NULL;
    for (size_t i = 0; i < in->ndeclared && !p; i++)
        if (strcmp(in->declared[i]->name, name) == 0)
            p = in->declared[i];
    if (!p)
        p = ps_proto_find(name);
    if (!p)
        img_fail_in(in, "no layer '%s' in this engine", name);
    free(name);
    return p;
}

const struct ps_field *img_get_field(struct img_in *in)
{
    const struct ps_proto *p = img_get_proto(in);
    if (!p)
        return NULL;
    uint32_t i = img_get_u32(in);
    if (i >= p->nfields) {
        img_fail_in(in, "no field %u in layer %s", i, p->name);
        return NULL;
    }
    return &p->fields[i];
}

/* ---- declared layers -------------------------------------------------------- */

static void put_declared(struct img_out *o, const struct ps_proto *p)
{
    img_cstr(o, p->name);
    img_u32(o, (uint32_t)p->nfields);
    for (size_t i = 0; i < p->nfields; i++) {
        const struct ps_field *f = &p->fields[i];
        img_cstr(o, f->name);
        img_u8(o, (uint8_t)f->kind);
        img_u8(o, f->bits);
        img_u8(o, f->hex);
        img_u8(o, f->is_auto);
        img_u8(o, f->auto_rule);
        img_u64(o, f->def);
        img_cstr(o, f->def_text);
        img_cstr(o, f->ls_type);
        img_cstr(o, f->ls_default);
        size_t ne = 0, nf = 0;
        while (f->enums && f->enums[ne].name)
            ne++;
        while (f->flags && f->flags[nf])
            nf++;
        img_u8(o, f->enums != NULL);
        img_u32(o, (uint32_t)ne);
        for (size_t k = 0; k < ne; k++) {
            img_u64(o, f->enums[k].value);
            img_cstr(o, f->enums[k].name);
        }
        img_u8(o, f->flags != NULL);
        img_u32(o, (uint32_t)nf);
        for (size_t k = 0; k < nf; k++)
            img_cstr(o, f->flags[k]);
    }
    size_t nb = 0;
    while (p->binds && p->binds[nb].lower)
        nb++;
    img_u32(o, (uint32_t)nb);
    for (size_t k = 0; k < nb; k++) {
        img_cstr(o, p->binds[k].lower);
        img_cstr(o, p->binds[k].field);
        img_u64(o, p->binds[k].value);
    }
}

/* A fixed-size text of a declared layer: cut to its room, as the compiler does. */
static void get_text(struct img_in *in, char *room, size_t cap, const char **out)
{
    char *s = img_get_str(in, NULL);
    if (s) {
        snprintf(room, cap, "%s", s);
        *out = room;
    }
    free(s);
}

static struct ps_proto *get_declared(struct img_in *in)
{
    char *name = img_get_str(in, NULL);
    if (!name) {
        img_fail_in(in, "a declared layer without a name");
        return NULL;
    }
    struct ps_declared *dl = ps_declared_new(name);
    free(name);
    size_t n = img_get_count(in, 16);
    if (n > PS_MAX_FIELDS)
        img_fail_in(in, "a declared layer of %zu fields", n);
    for (size_t i = 0; i < n && !in->failed; i++) {
        struct ps_field *f = &dl->fields[i];
        get_text(in, dl->names[i], sizeof dl->names[i], &f->name);
        f->kind = (enum ps_kind)img_get_u8(in);
        f->bits = img_get_u8(in);
        f->hex = img_get_u8(in);
        f->is_auto = img_get_u8(in);
        f->auto_rule = img_get_u8(in);
        f->def = img_get_u64(in);
        get_text(in, dl->texts[i], sizeof dl->texts[i], &f->def_text);
        get_text(in, dl->ls_types[i], sizeof dl->ls_types[i], &f->ls_type);
        /* Not auto, ls() shows the default's text, which def_text shares. */
        if (f->is_auto) {
            free(img_get_str(in, NULL));
            f->ls_default = "None";
        } else {
            get_text(in, dl->texts[i], sizeof dl->texts[i], &f->ls_default);
        }
        bool has_enums = img_get_u8(in);
        size_t ne = img_get_count(in, 12);
        if (has_enums && !in->failed) {
            dl->enums[i] = calloc(ne + 1, sizeof *dl->enums[i]);
            for (size_t k = 0; k < ne && !in->failed; k++) {
                dl->enums[i][k].value = img_get_u64(in);
                dl->enums[i][k].name = img_get_str(in, NULL);
            }
            f->enums = dl->enums[i];
        }
        bool has_flags = img_get_u8(in);
        size_t nf = img_get_count(in, 4);
        if (has_flags && !in->failed) {
            dl->flags[i] = calloc(nf + 1, sizeof *dl->flags[i]);
            for (size_t k = 0; k < nf && !in->failed; k++)
                dl->flags[i][k] = img_get_str(in, NULL);
            f->flags = dl->flags[i];
        }
    }
    dl->proto.nfields = in->failed ? 0 : n;
    size_t nb = img_get_count(in, 16);
    if (nb >= sizeof dl->binds / sizeof dl->binds[0])
        img_fail_in(in, "a declared layer of %zu bindings", nb);
    for (size_t k = 0; k < nb && !in->failed; k++) {
        char *lower = img_get_str(in, NULL), *field = img_get_str(in, NULL);
        const struct ps_proto *lp = lower ? ps_registry_find(&in->layers, lower) : NULL;
        int fi = lp && field ? ps_field_index(lp, field) : -1;
        if (fi < 0)
            img_fail_in(in, "a binding to %s.%s, which this engine lacks", lower ? lower : "?",
                        field ? field : "?");
        else
            dl->binds[k] = (struct ps_bind){lp->name, lp->fields[fi].name, img_get_u64(in)};
        free(lower);
        free(field);
    }
    if (!in->failed && ps_registry_find(&in->layers, dl->proto.name))
        img_fail_in(in, "layer %s is declared twice", dl->proto.name);
    if (in->failed) {
        ps_declared_free(&dl->proto);
        return NULL;
    }
    return &dl->proto;
}

/* ---- expressions and statements ------------------------------------------------- */

static void put_loc(struct img_out *o, struct ps_loc loc)
{
    img_i32(o, loc.line);
    img_i32(o, loc.col);
    img_i32(o, loc.file);
}

static struct ps_loc get_loc(struct img_in *in)
{
    struct ps_loc loc;
    loc.line = img_get_i32(in);
    loc.col = img_get_i32(in);
    loc.file = img_get_i32(in);
    return loc;
}

static void put_expr(struct img_out *o, const struct ps_expr *e)
{
    img_u8(o, e != NULL);
    if (!e)
        return;
    img_u8(o, (uint8_t)e->kind);
    put_loc(o, e->loc);
    img_u8(o, (uint8_t)e->type);
    img_value(o, &e->value);
    img_i32(o, e->slot);
    img_proto(o, e->proto);
    img_i32(o, e->field);
    img_cstr(o, e->name);
    img_u8(o, e->as_value);
    img_u8(o, (uint8_t)e->op);
    img_u8(o, (uint8_t)e->builtin);
    img_u32(o, (uint32_t)e->nargs);
    for (size_t i = 0; i < e->nargs; i++)
        put_expr(o, e->args[i]);
    img_u32(o, (uint32_t)e->nopts);
    for (size_t i = 0; i < e->nopts; i++) {
        img_i32(o, e->opts[i].index);
        put_loc(o, e->opts[i].loc);
        put_expr(o, e->opts[i].value);
    }
}

static struct ps_expr *get_expr(struct img_in *in)
{
    if (!img_get_u8(in) || in->failed)
        return NULL;
    struct ps_expr *e = calloc(1, sizeof *e);
    if (!e)
        abort();
    e->kind = (enum ps_ekind)img_get_u8(in);
    e->loc = get_loc(in);
    e->type = (enum ps_type)img_get_u8(in);
    e->value = img_get_value(in);
    e->slot = img_get_i32(in);
    e->proto = img_get_proto(in);
    e->field = img_get_i32(in);
    e->name = img_get_str(in, NULL);
    e->as_value = img_get_u8(in);
    e->op = (enum ps_op)img_get_u8(in);
    e->builtin = (enum ps_builtin)img_get_u8(in);
    e->nargs = img_get_count(in, 1);
    if (e->nargs) {
        e->args = calloc(e->nargs, sizeof *e->args);
        if (!e->args)
            abort();
    }
    for (size_t i = 0; i < e->nargs && !in->failed; i++)
        e->args[i] = get_expr(in);
    e->nopts = img_get_count(in, 17);
    if (e->nopts) {
        e->opts = calloc(e->nopts, sizeof *e->opts);
        if (!e->opts)
            abort();
    }
    for (size_t i = 0; i < e->nopts && !in->failed; i++) {
        e->opts[i].index = img_get_i32(in);
        e->opts[i].loc = get_loc(in);
        e->opts[i].value = get_expr(in);
    }
    return e;
}

static void put_stmt(struct img_out *o, const struct ps_stmt *st)
{
    img_u8(o, (uint8_t)st->kind);
    put_loc(o, st->loc);
    img_i32(o, st->slot);
    img_u32(o, (uint32_t)st->nslots);
    for (size_t i = 0; i < st->nslots; i++)
        img_i32(o, st->slots[i]);
    img_proto(o, st->proto);
    img_i32(o, st->field);
    put_expr(o, st->expr);
    /* text_len is set where the text may hold NUL; elsewhere it is 0 */
    img_str(o, st->text, st->text_len ? st->text_len : st->text ? strlen(st->text) : 0);
    img_u64(o, st->text_len);
    img_cstr(o, st->cond_text);
    img_u8(o, st->param);
    img_u32(o, (uint32_t)st->nbody);
    for (size_t i = 0; i < st->nbody; i++)
        put_stmt(o, st->body[i]);
}

static struct ps_stmt *get_stmt(struct img_in *in)
{
    struct ps_stmt *st = calloc(1, sizeof *st);
    if (!st)
        abort();
    st->kind = (enum ps_skind)img_get_u8(in);
    st->loc = get_loc(in);
    st->slot = img_get_i32(in);
    st->nslots = img_get_count(in, 4);
    if (st->nslots) {
        st->slots = calloc(st->nslots, sizeof *st->slots);
        if (!st->slots)
            abort();
    }
    for (size_t i = 0; i < st->nslots; i++)
        st->slots[i] = img_get_i32(in);
    st->proto = img_get_proto(in);
    st->field = img_get_i32(in);
    st->expr = get_expr(in);
    st->text = img_get_str(in, NULL);
    st->text_len = (size_t)img_get_u64(in);
    st->cond_text = img_get_str(in, NULL);
    st->param = img_get_u8(in);
    st->nbody = img_get_count(in, 30);
    if (st->nbody) {
        st->body = calloc(st->nbody, sizeof *st->body);
        if (!st->body)
            abort();
    }
    for (size_t i = 0; i < st->nbody && !in->failed; i++)
        st->body[i] = get_stmt(in);
    return st;
}

/* ---- the program ---------------------------------------------------------------- */

/* What the image is for: this version of pktspec and these tables. */
static void put_engine(struct img_out *o)
{
    img_cstr(o, PKTSPEC_VERSION);
    size_t n;
    const struct ps_proto *const *all = ps_proto_all(&n);
    uint64_t h = 1469598103934665603u; /* FNV-1a over every built-in layer's name and size */
    for (size_t i = 0; i < n; i++) {
        if (all[i]->post_build == ps_declared_post_build)
            continue; /* a spec's own layer, registered while its program lives */
        for (const char *c = all[i]->name; *c; c++)
            h = (h ^ (uint8_t)*c) * 1099511628211u;
        h = (h ^ all[i]->nfields) * 1099511628211u;
    }
    img_u64(o, h);
    img_u32(o, (uint32_t)sizeof(struct ps_value));
}

int ps_image_write(const struct ps_program *prog, uint8_t **out, size_t *len, char *err,
                   size_t errcap)
{
    struct img_out o = {.err = err, .errcap = errcap, .layers = &prog->layers};
    img_put(&o, IMAGE_MAGIC, strlen(IMAGE_MAGIC));
    struct img_out engine = {0};
    put_engine(&engine);
    img_put(&o, engine.p, engine.n);
    free(engine.p);
    img_cstr(&o, prog->path);
    img_str(&o, prog->source, prog->source ? prog->source_len : 0);
    size_t nfiles = prog->files ? prog->files->n : 0;
    img_u32(&o, (uint32_t)nfiles);
    for (size_t i = 0; i < nfiles; i++) {
        const struct ps_srcfile *f = &prog->files->v[i];
        img_cstr(&o, f->path);
        img_str(&o, f->text, f->len);
        img_i32(&o, f->from_file);
        img_i32(&o, f->from_line);
    }
    img_u32(&o, (uint32_t)prog->nslots);
    for (size_t i = 0; i < prog->nslots; i++)
        img_cstr(&o, prog->slot_names[i]);
    img_u64(&o, prog->ntests);
    img_u32(&o, (uint32_t)prog->ndeclared);
    for (size_t i = 0; i < prog->ndeclared; i++)
        put_declared(&o, prog->declared[i]);
    img_u32(&o, (uint32_t)prog->nstmts);
    for (size_t i = 0; i < prog->nstmts; i++)
        put_stmt(&o, prog->stmts[i]);
    if (o.failed) {
        free(o.p);
        return -1;
    }
    *out = o.p;
    *len = o.n;
    return 0;
}

/* The texts a loaded program owns (ps_program.loaded), freed in one go. */
struct loaded {
    struct ps_srcfiles files;
    char *path, *source;
    char **texts; /* the files' paths and texts */
    size_t ntexts;
};

void ps_image_loaded_free(void *loaded)
{
    struct loaded *l = loaded;
    if (!l)
        return;
    free(l->path);
    free(l->source);
    for (size_t i = 0; i < l->ntexts; i++)
        free(l->texts[i]);
    free(l->texts);
    free(l->files.v);
    free(l);
}

static bool check_header(struct img_in *in)
{
    const uint8_t *magic = img_get(in, strlen(IMAGE_MAGIC));
    if (!magic || memcmp(magic, IMAGE_MAGIC, strlen(IMAGE_MAGIC)) != 0) {
        in->failed = false;
        img_fail_in(in, "not a pktspec program image");
        return false;
    }
    struct img_out engine = {0};
    put_engine(&engine);
    const uint8_t *theirs = img_get(in, engine.n);
    bool same = theirs && memcmp(theirs, engine.p, engine.n) == 0;
    free(engine.p);
    if (!same) {
        in->failed = false;
        img_fail_in(in, "the program was emitted by another pktspec (version or layer tables "
                        "differ from this engine's, pktspec %s): emit it again",
                    PKTSPEC_VERSION);
    }
    return same;
}

struct ps_program *ps_image_read(const uint8_t *img, size_t len, char *err, size_t errcap)
{
    struct img_in in = {.p = img, .end = img + len, .err = err, .errcap = errcap};
    if (!check_header(&in))
        return NULL;
    struct ps_program *prog = calloc(1, sizeof *prog);
    struct loaded *ld = calloc(1, sizeof *ld);
    if (!prog || !ld)
        abort();
    ld->path = img_get_str(&in, NULL);
    size_t source_len = 0;
    ld->source = img_get_str(&in, &source_len);
    size_t nfiles = img_get_count(&in, 16);
    ld->texts = calloc(2 * nfiles + 1, sizeof *ld->texts);
    ld->files.v = calloc(nfiles + 1, sizeof *ld->files.v);
    if (!ld->texts || !ld->files.v)
        abort();
    for (size_t i = 0; i < nfiles && !in.failed; i++) {
        struct ps_srcfile *f = &ld->files.v[i];
        char *path = img_get_str(&in, NULL), *text = img_get_str(&in, &f->len);
        ld->texts[ld->ntexts++] = path;
        ld->texts[ld->ntexts++] = text;
        f->path = path;
        f->text = text;
        f->from_file = img_get_i32(&in);
        f->from_line = img_get_i32(&in);
        ld->files.n = ld->files.cap = i + 1;
    }
    prog->loaded = ld;
    prog->path = ld->path;
    prog->source = ld->source;
    prog->source_len = source_len;
    prog->files = nfiles ? &ld->files : NULL;
    prog->nslots = img_get_count(&in, 4);
    prog->slot_names = calloc(prog->nslots + 1, sizeof *prog->slot_names);
    if (!prog->slot_names)
        abort();
    for (size_t i = 0; i < prog->nslots && !in.failed; i++)
        prog->slot_names[i] = img_get_str(&in, NULL);
    prog->ntests = (size_t)img_get_u64(&in);
    size_t ndeclared = img_get_count(&in, 8);
    if (ndeclared) {
        prog->declared = calloc(ndeclared, sizeof *prog->declared);
        if (!prog->declared)
            abort();
    }
    for (size_t i = 0; i < ndeclared && !in.failed; i++) {
        struct ps_proto *p = get_declared(&in);
        if (p)
            prog->declared[prog->ndeclared++] = p;
        /* the layers so far: what the next one may bind to */
        ps_registry_set(&in.layers, (const struct ps_proto *const *)prog->declared,
                        prog->ndeclared);
    }
    ps_registry_fini(&in.layers);
    ps_registry_set(&prog->layers, (const struct ps_proto *const *)prog->declared,
                    prog->ndeclared);
    in.declared = prog->declared;
    in.ndeclared = prog->ndeclared;
    size_t nstmts = img_get_count(&in, 30);
    if (nstmts) {
        prog->stmts = calloc(nstmts, sizeof *prog->stmts);
        if (!prog->stmts)
            abort();
    }
    for (size_t i = 0; i < nstmts && !in.failed; i++)
        prog->stmts[prog->nstmts++] = get_stmt(&in);
    if (!in.failed && in.p != in.end)
        img_fail_in(&in, "%zu bytes follow the program", (size_t)(in.end - in.p));
    if (in.failed) {
        ps_program_free(prog);
        return NULL;
    }
    return prog;
}
