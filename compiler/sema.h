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
    /* syms by name: open addressing, index + 1, 0 empty (sema_lookup) */
    size_t *index;
    size_t nindex;
    const struct ps_define *defs;
    size_t ndefs;
    bool in_test;
    bool in_pattern;
    /* The layer whose fields are being read, with its constant values so far:
     * ICMP's code names depend on its type (Scapy's MultiEnumField). */
    struct ps_layer *layer_ctx;
    /* What the compiler knows of each slot's value (sema_known.c), indexed
     * by slot; loop_depth > 0 inside a for body. */
    struct sema_known *known;
    size_t nknown;
    int loop_depth;
    int if_depth;       /* inside an if's branches: no test, param or layer there */
    /* AsyncSniffers by slot (sema_async.c), and the block being analysed */
    struct sema_async *async;
    size_t nasync;
    int block_id, nblocks;
};

/* What the compiler follows of an AsyncSniffer bound to a slot. */
struct sema_async {
    int state;      /* sema_async.c: unknown, made, started, stopped */
    int block;      /* the block it was bound in (sema.block_id) */
};

/* A value known at compile time: a constant, a param's value (its default
 * or -D), a name bound once to such a value outside loops, or what is made
 * of them. `each`: a for loop's variable, which takes each element of v in
 * turn. `define`: the -D option the value comes from ("-D ttl=300"). */
struct sema_known {
    bool known, each;
    bool bound, varies; /* of a slot: bound before; may hold other values */
    struct ps_value v;
    const struct ps_define *define;
};

struct ps_loc sema_loc(struct ast_loc l);
struct sema_sym *sema_lookup(struct sema *s, const char *name);
struct ps_expr *sema_new_expr(enum ps_ekind kind, const struct ast_node *n);
static inline void sema_expr_free(struct ps_expr *e) { ps_expr_free(e); }

/* An expression in a general position. */
struct ps_expr *sema_expr(struct sema *s, const struct ast_node *n);
/* A value given to field fi of proto p: enum names, flag letters and
 * `random` resolve here; a constant is checked against the field at once. */
struct ps_expr *sema_field_value(struct sema *s, const struct ast_node *n,
                                 const struct ps_proto *p, int fi);
/* A layer's field, for error messages with did-you-mean. Returns -1 after
 * reporting at `at` when p has no such field. */
/* `layer Name { ... }`: declares the layer in the program (sema_layer.c). */
bool sema_layer(struct sema *s, const struct ast_node *n);
/* The layer (built in or the program's) closest to a misspelt name, or NULL. */
const char *sema_suggest_layer(const struct sema *s, const char *name);
/* A built-in layer, else one the program declares, by name; or NULL. */
const struct ps_proto *sema_proto(const struct sema *s, const char *name);
int sema_field(struct sema *s, const struct ps_proto *p, const char *name, struct ast_loc at);

/* sema_bytes.c: the bytes layer p is dissected from, a, the one
 * positional argument of `call` (Scapy's TCP(b"...")), or NULL after an
 * error; a literal is dissected now. */
struct ps_expr *sema_layer_bytes(struct sema *s, const struct ast_node *call,
                                 const struct ast_node *a, const struct ps_proto *p);

/* sema_known.c. The value of e when the compiler knows it (release out->v
 * after); false when it is known only at run time. */
bool sema_known_value(struct sema *s, const struct ps_expr *e, struct sema_known *out);
void sema_known_release(struct sema_known *k);
/* Slot `slot` is bound to e (NULL: to what only the run knows). A param's
 * value is e's, `define` the -D that set it; elsewhere a name keeps a known
 * value only while it is bound once, outside loops. */
void sema_known_bind(struct sema *s, int slot, const struct ps_expr *e, bool param,
                     const struct ps_define *define);
/* A for loop's variable takes each element of `it`, inside the loop only. */
void sema_known_for(struct sema *s, int slot, const struct ps_expr *it);
void sema_known_forget(struct sema *s, int slot);
void sema_known_free(struct sema *s);
/* e, given to field fi of p, checked as the run would coerce it
 * (ps_coerce_field), whenever its value is known: the error at e. */
void sema_check_field(struct sema *s, const struct ps_expr *e, const struct ps_proto *p, int fi);

/* sema_async.c: AsyncSniffer's methods and results, and their misuse. */
void sema_async_bind(struct sema *s, int slot, const struct ps_expr *v);
void sema_async_method(struct sema *s, const struct ast_node *n, const struct ps_expr *e);
struct ps_expr *sema_async_attr(struct sema *s, const struct ast_node *n, struct ps_expr *base);
void sema_async_free(struct sema *s);

/* sema_define.c: the text of -D NAME=TEXT read as a value of param NAME,
 * whose default is def: as the language reads a literal of def's type, a
 * list's elements as its default's are (`[22,80]` or `22,80`), a string's
 * text as it is or in one pair of quotes. Returns NULL, or why not
 * (written into why). */
const char *sema_define_value(struct sema *s, const char *name, const struct ps_value *def,
                              const char *text, struct ps_value *out, char *why, size_t cap);

/* sema_text.c: conditions and text (docs/LANGUAGE.md, Conditions; Text and
 * bytes; Formatting). The type of `l OP r` for + - * %, errors reported at n. */
enum ps_type sema_text_arith(struct sema *s, const struct ast_node *n, const struct ps_expr *l,
                             const struct ps_expr *r);
/* `l in r`: what the types say is wrong, reported. */
void sema_text_in(struct sema *s, const struct ast_node *n, const struct ps_expr *l,
                  const struct ps_expr *r);
/* `l < r` and the like: text against a number cannot be ordered. */
void sema_text_compare(struct sema *s, const struct ast_node *n, const struct ps_expr *l,
                       const struct ps_expr *r);
/* `x[a:b]` (AST_SLICE). */
struct ps_expr *sema_slice(struct sema *s, const struct ast_node *n);
/* The condition of an if or elif: a type that is no condition is an error. */
void sema_condition(struct sema *s, const struct ast_node *n, const struct ps_expr *c);

/* sema_idioms.c: Scapy's idioms. A call of RandShort() and the other
 * volatile values, or an error for one pktspec has no form of (*handled
 * then true). */
struct ps_expr *sema_idiom_call(struct sema *s, const struct ast_node *n, bool *handled);
/* `os.system()`: reported as Python, with what to write; false when the
 * callee's object is a name the spec knows. */
bool sema_idiom_python_call(struct sema *s, const struct ast_node *callee);
/* `ttl=(1, 10)`: Scapy's inclusive range, as 1..10. */
struct ps_expr *sema_idiom_tuple_range(struct sema *s, const struct ast_node *n,
                                       const struct ps_proto *p, int fi, bool *handled);
/* `flags="SYN"` in TCP: reported with the letters to write; false when n
 * is not made of TCP's long flag names. */
bool sema_idiom_flag_words(struct sema *s, const struct ast_node *n, const struct ps_proto *p,
                           int fi);
/* `x.name` that is no field: r.time and s.sent_time, p[TCP].flags.S.
 * Takes base when *handled (NULL after an error). */
struct ps_expr *sema_idiom_attr(struct sema *s, const struct ast_node *n, struct ps_expr *base,
                                bool *handled);
/* `lo..hi` (AST_RANGE, or any node whose two kids are its ends). */
struct ps_expr *sema_range(struct sema *s, const struct ast_node *n);

#endif
