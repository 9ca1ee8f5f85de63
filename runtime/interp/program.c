/* Freeing a program: what the compiler made or an image loaded. */
#include <stdlib.h>

#include "ir_image.h"
#include "proto/declared.h"
#include "value.h"
#include "proto/proto.h"

void ps_expr_free(struct ps_expr *e)
{
    if (!e)
        return;
    ps_val_release(&e->value);
    for (size_t i = 0; i < e->nargs; i++)
        ps_expr_free(e->args[i]);
    free(e->args);
    for (size_t i = 0; i < e->nopts; i++)
        ps_expr_free(e->opts[i].value);
    free(e->opts);
    free(e->name);
    free(e);
}

void ps_stmt_free(struct ps_stmt *st)
{
    if (!st)
        return;
    ps_expr_free(st->expr);
    free(st->slots);
    free(st->text);
    free(st->cond_text);
    for (size_t i = 0; i < st->nbody; i++)
        ps_stmt_free(st->body[i]);
    free(st->body);
    free(st);
}

void ps_program_free(struct ps_program *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nstmts; i++)
        ps_stmt_free(p->stmts[i]);
    free(p->stmts);
    for (size_t i = 0; i < p->nslots; i++)
        free(p->slot_names[i]);
    free(p->slot_names);
    for (size_t i = 0; i < p->ndeclared; i++)
        ps_declared_free(p->declared[i]);
    free(p->declared);
    ps_registry_fini(&p->layers);
    ps_image_loaded_free(p->loaded);
    free(p);
}
