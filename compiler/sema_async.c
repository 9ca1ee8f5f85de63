/* AsyncSniffer in a spec (live_async.c runs it): its methods take only an
 * AsyncSniffer, and an AsyncSniffer only its methods and `results`. Misuse
 * the compiler can see is an error before the run: stop() or join() before
 * start(), start() twice, results before stop(). It tracks a name's
 * sniffer only through the statements of the block that bound it, outside
 * loops; what it cannot follow (another block, a loop) it leaves to the
 * run, which refuses the same misuse at the same place (exit 3). */
#include <stdlib.h>
#include <string.h>

#include "coerce.h"
#include "sema.h"

enum { UNKNOWN, MADE, STARTED, STOPPED };

static struct sema_async *slot_state(struct sema *s, int slot)
{
    if (slot < 0)
        return NULL;
    if ((size_t)slot >= s->nasync) {
        size_t n = s->nasync ? s->nasync : 16;
        while (n <= (size_t)slot)
            n *= 2;
        s->async = realloc(s->async, n * sizeof *s->async);
        if (!s->async)
            abort();
        memset(s->async + s->nasync, 0, (n - s->nasync) * sizeof *s->async);
        s->nasync = n;
    }
    return &s->async[slot];
}

void sema_async_bind(struct sema *s, int slot, const struct ps_expr *v)
{
    struct sema_async *a = slot_state(s, slot);
    if (!a)
        return;
    bool made = v && v->kind == E_CALL && v->builtin == B_ASYNCSNIFFER && s->loop_depth == 0;
    a->state = made ? MADE : UNKNOWN;
    a->block = s->block_id;
}

/* The state of the sniffer e names, when the compiler follows it here. */
static struct sema_async *followed(struct sema *s, const struct ps_expr *e)
{
    if (e->kind != E_VAR || e->type != PT_SNIFFER)
        return NULL;
    struct sema_async *a = slot_state(s, e->slot);
    if (a->state == UNKNOWN)
        return NULL;
    if (a->block != s->block_id || s->loop_depth > 0) {
        a->state = UNKNOWN; /* changed where this pass does not follow */
        return NULL;
    }
    return a;
}

static const char *slot_name(const struct sema *s, int slot)
{
    for (size_t i = 0; i < s->nsyms; i++)
        if (s->syms[i].slot == slot)
            return s->syms[i].name;
    return "?";
}

static const char *method_name(enum ps_builtin b)
{
    return b == B_START ? "start" : b == B_STOP ? "stop" : "join";
}

void sema_async_method(struct sema *s, const struct ast_node *n, const struct ps_expr *e)
{
    if (e->kind != E_METHOD || e->nargs == 0)
        return;
    const struct ps_expr *self = e->args[0];
    bool sniffer_method = e->builtin == B_START || e->builtin == B_STOP || e->builtin == B_JOIN;
    if (!sniffer_method) {
        if (self->type == PT_SNIFFER)
            ps_diag_error(s->d, n->loc, "an AsyncSniffer has start(), stop(), join() and "
                          "results, not %s()", n->kids[0]->str);
        return;
    }
    if (self->type != PT_SNIFFER && self->type != PT_ANY) {
        ps_diag_error(s->d, n->loc, "%s() is a method of AsyncSniffer, not of %s",
                      method_name(e->builtin), ps_type_name(self->type));
        return;
    }
    struct sema_async *a = followed(s, self);
    if (!a)
        return;
    const char *name = slot_name(s, self->slot);
    if (e->builtin == B_START && a->state == STARTED)
        ps_diag_error(s->d, n->loc, "%s.start(): '%s' is running already (started before); "
                      "an AsyncSniffer starts once until stop()", name, name);
    else if (e->builtin != B_START && a->state == MADE)
        ps_diag_error(s->d, n->loc, "%s.%s() before %s.start(): the AsyncSniffer was never "
                      "started", name, method_name(e->builtin), name);
    else if (e->builtin != B_START && a->state == STOPPED)
        ps_diag_error(s->d, n->loc, "%s.%s(): '%s' is stopped already", name,
                      method_name(e->builtin), name);
    a->state = e->builtin == B_START ? STARTED : STOPPED;
}

struct ps_expr *sema_async_attr(struct sema *s, const struct ast_node *n, struct ps_expr *base)
{
    if (strcmp(n->str, "results") != 0) {
        ps_diag_error(s->d, n->loc, "an AsyncSniffer has start(), stop(), join() and results, "
                      "not '%s'", n->str);
        sema_expr_free(base);
        return NULL;
    }
    struct sema_async *a = followed(s, base);
    if (a && a->state != STOPPED) {
        const char *name = slot_name(s, base->slot);
        ps_diag_error(s->d, n->loc, "%s.results before %s.stop(): the packets are there once "
                      "the AsyncSniffer is stopped (Scapy's results is None until then)",
                      name, name);
    }
    struct ps_expr *e = sema_new_expr(E_FIELD, n);
    e->args = calloc(1, sizeof *e->args);
    if (!e->args)
        abort();
    e->args[0] = base;
    e->nargs = 1;
    e->name = strdup(n->str);
    e->field = -1;
    e->type = PT_PKTLIST;
    return e;
}

void sema_async_free(struct sema *s)
{
    free(s->async);
    s->async = NULL;
    s->nasync = 0;
}
