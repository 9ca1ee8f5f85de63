/* Internals shared by the semantic analysis files (sema*.c). */
#ifndef PS_SEMA_H
#define PS_SEMA_H

#include <stdbool.h>

#include "compile.h"
#include "value.h"

struct sema_sym {
    char *name;
    int slot;
    enum ps_type type;
    bool is_param;
    struct ast_loc loc;
};

struct sema {
    struct ps_diag *d;
    struct ps_program *prog;
    struct sema_sym *syms;
    size_t nsyms, cap;
    const struct ps_define *defs;
    size_t ndefs;
    bool in_test;
    bool in_pattern;
    /* The layer whose fields are being read, with its constant values so far:
     * ICMP's code names depend on its type (Scapy's MultiEnumField). */
    struct ps_layer *layer_ctx;
};

struct ps_loc sema_loc(struct ast_loc l);
struct sema_sym *sema_lookup(struct sema *s, const char *name);
struct ps_expr *sema_new_expr(enum ps_ekind kind, const struct ast_node *n);
void sema_expr_free(struct ps_expr *e);

/* An expression in a general position. */
struct ps_expr *sema_expr(struct sema *s, const struct ast_node *n);
/* A value given to field fi of proto p: enum names, flag letters and
 * `random` resolve here; a constant is checked against the field at once. */
struct ps_expr *sema_field_value(struct sema *s, const struct ast_node *n,
                                 const struct ps_proto *p, int fi);
/* A layer's field, for error messages with did-you-mean. Returns -1 after
 * reporting at `at` when p has no such field. */
/* `layer Name { ... }`: declares and registers the layer (sema_layer.c). */
bool sema_layer(struct sema *s, const struct ast_node *n);
void sema_free_declared(struct ps_proto *p);
/* The registered layer closest to a misspelt name, or NULL. */
const char *sema_suggest_layer(const char *name);
int sema_field(struct sema *s, const struct ps_proto *p, const char *name, struct ast_loc at);

#endif
