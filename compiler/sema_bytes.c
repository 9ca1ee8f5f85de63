/* Scapy's constructor from bytes: `TCP(x"0014...")`, `Ether(frame)`. The
 * one positional argument of a layer is the bytes it is dissected from, by
 * the run's own decoder (interp_layer_from_bytes); a literal is dissected
 * here too, so that bytes Scapy's constructor raises on are an error at
 * their place before anything runs. */
#include <stdlib.h>

#include "coerce.h"
#include "decode.h"
#include "sema.h"

/* Scapy 2.5 puts fields given by name beside the bytes into the packet
 * without dropping its raw cache: show() prints them, the wire gets the
 * dissected bytes. Neither half can be matched without the other. */
static bool fields_beside(struct sema *s, const struct ast_node *call, const struct ps_proto *p)
{
    for (size_t i = 2; i < call->nkids; i++) {
        const struct ast_node *k = call->kids[i];
        if (k->kind != AST_KWARG)
            continue;
        struct ast_loc at = k->name_loc.line ? k->name_loc : k->loc;
        ps_diag_error(s->d, at, "%s.%s given beside the bytes %s is dissected from: Scapy 2.5 "
                      "shows it but sends the bytes as dissected; set it on the packet "
                      "after (p[%s].%s = ...)", p->name, k->str, p->name, p->name, k->str);
        return true;
    }
    return false;
}

struct ps_expr *sema_layer_bytes(struct sema *s, const struct ast_node *call,
                                 const struct ast_node *a, const struct ps_proto *p)
{
    if (s->in_pattern) {
        ps_diag_error(s->d, a->loc, "a pattern gives %s's fields by name, as %s(field=value): "
                      "bytes to dissect compare nothing", p->name, p->name);
        return NULL;
    }
    struct ps_expr *b = sema_expr(s, a);
    if (!b)
        return NULL;
    if (b->type != PT_BYTES && b->type != PT_ANY) {
        ps_diag_error(s->d, a->loc, "%s(...) is dissected from bytes (x\"...\", raw(p)), not "
                      "from %s; give fields by name, as %s(field=value)", p->name,
                      ps_type_name(b->type), p->name);
        sema_expr_free(b);
        return NULL;
    }
    if (fields_beside(s, call, p) || b->kind != E_CONST || b->value.t != PT_BYTES ||
        !b->value.obj->len)
        return b; /* known when it runs; x"" is Scapy's TCP(b""), the defaults */
    struct ps_packet *pkt = calloc(1, sizeof *pkt);
    if (!pkt)
        abort();
    struct ps_decode_room room = {.layers = &s->prog->layers};
    const struct ps_obj *o = b->value.obj;
    ps_decode_as(p, o->bytes, o->len, pkt, &room);
    char why[160];
    if (ps_layer_bytes_refused(p, pkt, o->len, why, sizeof why)) {
        ps_diag_error(s->d, a->loc, "%s", why);
        sema_expr_free(b);
        b = NULL;
    }
    free(pkt);
    return b;
}
