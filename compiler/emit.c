/* pktspec emit: the checked program as an image (interp/ir_image.h), the
 * filters the spec writes out compiled by libpcap now (a probe has none),
 * and a main that hands both to the engine: the tables of
 * runtime/run/probe.h, as designated initializers. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "bpf.h"
#include "emit.h"
#include "iface_guard.h"
#include "ir_image.h"
#include "probe.h"
#include "report.h"
#include "value.h"

/* What each variable is bound to: a variable only ever bound to literal
 * strings (from_peer = "tcp and port 7") is a filter known at emit time. */
struct slot_binds {
    const struct ps_value **v;
    size_t n;
    bool other;             /* bound to anything else too: known only at run time */
};

struct filters {
    char **text;
    size_t n, cap;
    int refused;
    struct slot_binds *slots;
    size_t nslots;
};

static void bind_slot(struct filters *f, int slot, const struct ps_expr *e)
{
    if (slot < 0 || (size_t)slot >= f->nslots)
        return;
    struct slot_binds *b = &f->slots[slot];
    if (!e || e->kind != E_CONST || e->value.t != PT_STR) {
        b->other = true;
        return;
    }
    if (!(b->v = realloc(b->v, (b->n + 1) * sizeof *b->v)))
        abort();
    b->v[b->n++] = &e->value;
}

static void scan_binds(struct filters *f, struct ps_stmt *const *st, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const struct ps_stmt *s = st[i];
        if (s->kind == S_BIND)
            bind_slot(f, s->slot, s->expr);
        else if (s->kind == S_FOR || s->kind == S_LABPARAM)
            bind_slot(f, s->slot, NULL);
        for (size_t k = 0; s->kind == S_UNPACK && k < s->nslots; k++)
            bind_slot(f, s->slots[k], NULL);
        scan_binds(f, s->body, s->nbody);
    }
}

static void collect_expr(const struct ps_program *prog, const struct ps_expr *e,
                         struct filters *f, FILE *err);

static void add_filter(struct filters *f, const struct ps_value *v)
{
    char *t = strndup((const char *)v->obj->bytes, v->obj->len);
    if (!t)
        abort();
    for (size_t i = 0; i < f->n; i++) {
        if (strcmp(f->text[i], t) == 0) {
            free(t);
            return;
        }
    }
    if (f->n == f->cap && !(f->text = realloc(f->text, (f->cap = f->cap * 2 + 8) * sizeof *f->text)))
        abort();
    f->text[f->n++] = t;
}

static void collect_expr(const struct ps_program *prog, const struct ps_expr *e,
                         struct filters *f, FILE *err)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->nargs; i++)
        collect_expr(prog, e->args[i], f, err);
    for (size_t i = 0; i < e->nopts; i++) {
        const struct ps_expr *v = e->opts[i].value;
        collect_expr(prog, v, f, err);
        if (e->kind != E_CALL || e->opts[i].index != O_FILTER || !v)
            continue;
        const struct slot_binds *b = v->kind == E_VAR && v->slot >= 0 &&
                                     (size_t)v->slot < f->nslots ? &f->slots[v->slot] : NULL;
        if (v->kind == E_CONST && v->value.t == PT_STR) {
            add_filter(f, &v->value);
        } else if (b && b->n && !b->other) {
            for (size_t k = 0; k < b->n; k++)
                add_filter(f, b->v[k]);
        } else if (!(v->kind == E_CONST && v->value.t == PT_NONE)) {
            ps_report_loc(err, prog, v->loc, "error",
                          "a probe cannot compile a filter known only at run time: it has no "
                          "libpcap (write the filter as a literal, or run the spec with "
                          "pktspec run)");
            f->refused = 1;
        }
    }
}

static void collect_stmts(const struct ps_program *prog, struct ps_stmt *const *st, size_t n,
                          struct filters *f, FILE *err)
{
    for (size_t i = 0; i < n; i++) {
        collect_expr(prog, st[i]->expr, f, err);
        collect_stmts(prog, st[i]->body, st[i]->nbody, f, err);
    }
}

static void write_bytes(FILE *out, const char *name, const uint8_t *b, size_t n)
{
    fprintf(out, "static const unsigned char %s[%zu] = {", name, n ? n : 1);
    for (size_t i = 0; i < n; i++)
        fprintf(out, "%s%u,", i % 24 ? "" : "\n", b[i]);
    fputs(n ? "\n};\n" : "0};\n", out);
}

/* Each filter for each link type of PS_PROBE_LINKTYPES: its program, or
 * libpcap's reason, which the probe reports where pktspec run would. */
static void write_filters(FILE *out, const struct filters *f)
{
    static const int linktypes[] = PS_PROBE_LINKTYPES;
    size_t nl = sizeof linktypes / sizeof *linktypes;
    char **errors = calloc(f->n * nl + 1, sizeof *errors);
    if (!errors)
        abort();
    for (size_t i = 0; i < f->n; i++) {
        for (size_t l = 0; l < nl; l++) {
            struct sock_fprog prog;
            char why[512];
            if (ps_bpf_text(f->text[i], linktypes[l], &prog, why, sizeof why) < 0) {
                errors[i * nl + l] = strdup(why);
                continue;
            }
            fprintf(out, "static const struct sock_filter filter_%zu_%zu[] = {", i, l);
            for (unsigned k = 0; k < prog.len; k++)
                fprintf(out, "%s{0x%x, %u, %u, 0x%x},", k % 4 ? " " : "\n    ",
                        prog.filter[k].code, prog.filter[k].jt, prog.filter[k].jf,
                        prog.filter[k].k);
            fputs("\n};\n", out);
            ps_bpf_free(&prog);
        }
    }
    fputs("static const struct ps_probe_filter filters[] = {\n", out);
    for (size_t i = 0; i < f->n; i++) {
        for (size_t l = 0; l < nl; l++) {
            fputs("    {.text = ", out);
            ps_emit_cstr(out, (const uint8_t *)f->text[i], strlen(f->text[i]));
            fprintf(out, ", .linktype = %d, ", linktypes[l]);
            char *e = errors[i * nl + l];
            if (e) {
                fputs(".error = ", out);
                ps_emit_cstr(out, (const uint8_t *)e, strlen(e));
            } else {
                fprintf(out, ".insns = filter_%zu_%zu, .len = sizeof filter_%zu_%zu / "
                        "sizeof (struct sock_filter)", i, l, i, l);
            }
            fputs("},\n", out);
            free(e);
        }
    }
    fputs("};\n", out);
    free(errors);
}

int ps_emit(const struct ps_program *prog, FILE *out, FILE *err)
{
    struct filters f = {.nslots = prog->nslots};
    if (!(f.slots = calloc(prog->nslots + 1, sizeof *f.slots)))
        abort();
    scan_binds(&f, prog->stmts, prog->nstmts);
    collect_stmts(prog, prog->stmts, prog->nstmts, &f, err);
    int status = f.refused ? 2 : 0;
    /* A probe sends where its -i says: an iface= naming another interface
     * is refused here, as `pktspec run` refuses it before any socket. */
    if (ps_iface_guard(prog, NULL, false, err) > 0)
        status = 2;
    uint8_t *img = NULL;
    size_t len = 0;
    char why[512];
    if (!status && ps_image_write(prog, &img, &len, why, sizeof why) < 0) {
        ps_report_tool(err, "error", "%s", why);
        status = 3;
    }
    if (!status) {
        fputs("/* A probe: ", out);
        ps_emit_comment(out, prog->path, strlen(prog->path));
        fprintf(out, " as pktspec %s's engine runs it (docs/emit.md).\n"
                " * Written by pktspec emit; build it with pktspec build, or link it with\n"
                " * libpktspec-engine.a (-lm -lpthread). */\n"
                "#include \"probe.h\"\n\n", PKTSPEC_VERSION);
        write_bytes(out, "image", img, len);
        if (f.n)
            write_filters(out, &f);
        fputs("\nstatic const struct ps_probe probe = {\n    .abi = PS_PROBE_ABI,\n", out);
        fprintf(out, "    .version = \"%s\",\n    .name = ", PKTSPEC_VERSION);
        ps_emit_cstr(out, (const uint8_t *)prog->path, strlen(prog->path));
        fprintf(out, ",\n    .image = image,\n    .image_len = %zu,\n", len);
        if (f.n)
            fputs("    .filters = filters,\n    .nfilters = sizeof filters / sizeof filters[0],\n",
                  out);
        fputs("};\n\nint main(int argc, char **argv)\n{\n"
              "    return ps_probe_main(&probe, argc, argv);\n}\n", out);
    }
    free(img);
    for (size_t i = 0; i < f.n; i++)
        free(f.text[i]);
    free(f.text);
    for (size_t i = 0; i < f.nslots; i++)
        free(f.slots[i].v);
    free(f.slots);
    return status;
}
