/* iface= checked against the run's interface before the run (iface_guard.h). */
#include "iface_guard.h"

#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "value.h"

struct guard {
    const struct ps_program *prog;
    const char *iface;
    bool lab;
    FILE *err;
    int errors;
    unsigned *assigned;           /* per slot: how many statements assign it */
    const struct ps_expr **value; /* per slot: its one top-level constant, or NULL */
    int lab_iface_slot;
};

static void count_assign(struct guard *g, int slot)
{
    if (slot >= 0 && (size_t)slot < g->prog->nslots)
        g->assigned[slot]++;
}

static void scan_assigns(struct guard *g, struct ps_stmt *const *body, size_t n, bool top)
{
    for (size_t i = 0; i < n; i++) {
        const struct ps_stmt *st = body[i];
        switch (st->kind) {
        case S_BIND:
        case S_FOR:
        case S_LABPARAM:
            count_assign(g, st->slot);
            if (top && st->kind == S_BIND && st->expr && st->expr->kind == E_CONST)
                g->value[st->slot] = st->expr;
            if (st->kind == S_LABPARAM && st->text && strcmp(st->text, "lab_iface") == 0)
                g->lab_iface_slot = st->slot;
            break;
        case S_UNPACK:
            for (size_t k = 0; k < st->nslots; k++)
                count_assign(g, st->slots[k]);
            break;
        default:
            break;
        }
        if (st->body)
            scan_assigns(g, st->body, st->nbody, false);
    }
}

static void refuse(struct guard *g, const struct ps_expr *at, const char *name, size_t len)
{
    const char *where = g->lab ? "the lab's (lab_iface)" : g->iface ? g->iface : "a probe's -i";
    ps_report_loc(g->err, g->prog, at->loc, "error",
              "iface=\"%.*s\" is not this run's interface, %s: frames go only where -i or "
              "--lab says",
              (int)len, name, where);
    g->errors++;
}

static void check_iface(struct guard *g, const struct ps_expr *v)
{
    const struct ps_expr *c = v;
    if (v->kind == E_VAR && v->slot >= 0 && (size_t)v->slot < g->prog->nslots &&
        g->assigned[v->slot] == 1) {
        if (v->slot == g->lab_iface_slot && g->lab)
            return; /* the lab's own interface */
        c = g->value[v->slot];
    }
    if (!c || c->kind != E_CONST || c->value.t != PT_STR)
        return; /* known only at run time: live_iface checks it */
    const char *name = (const char *)c->value.obj->bytes;
    size_t len = c->value.obj->len;
    if (g->lab || !g->iface || strlen(g->iface) != len || memcmp(g->iface, name, len) != 0)
        refuse(g, v, name, len);
}

static void walk_expr(struct guard *g, const struct ps_expr *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->nargs; i++)
        walk_expr(g, e->args[i]);
    for (size_t i = 0; i < e->nopts; i++) {
        if (e->kind == E_CALL && e->opts[i].index == O_IFACE && e->opts[i].value)
            check_iface(g, e->opts[i].value);
        walk_expr(g, e->opts[i].value);
    }
}

static void walk(struct guard *g, struct ps_stmt *const *body, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        walk_expr(g, body[i]->expr);
        if (body[i]->body)
            walk(g, body[i]->body, body[i]->nbody);
    }
}

int ps_iface_guard(const struct ps_program *prog, const char *iface, bool lab, FILE *err)
{
    size_t n = prog->nslots ? prog->nslots : 1;
    struct guard g = {.prog = prog, .iface = iface, .lab = lab, .err = err,
                      .assigned = calloc(n, sizeof *g.assigned),
                      .value = calloc(n, sizeof *g.value), .lab_iface_slot = -1};
    if (!g.assigned || !g.value)
        abort();
    scan_assigns(&g, prog->stmts, prog->nstmts, true);
    walk(&g, prog->stmts, prog->nstmts);
    free(g.assigned);
    free(g.value);
    return g.errors;
}
