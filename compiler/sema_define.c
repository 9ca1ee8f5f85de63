/* -D NAME=VALUE: the text read by the language's own front end, as the
 * literal a spec would write, and typed as the param's default is. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coerce.h"
#include "define.h"
#include "sema.h"

static const char *copy(char *why, size_t cap, const char *text)
{
    snprintf(why, cap, "%s", text);
    return why;
}

/* The first message a diagnostic stream holds, after "error: ". */
static void first_message(const char *text, char *out, size_t cap)
{
    const char *m = text ? strstr(text, "error: ") : NULL;
    out[0] = '\0';
    if (!m)
        return;
    m += strlen("error: ");
    size_t n = strcspn(m, "\n");
    snprintf(out, cap, "%.*s", (int)n, m);
}

/* text as a spec's literal (or a constant expression of literals). False
 * when it is not one; `front` then holds what the front end said, if it
 * said anything (a lexical or syntax error). */
static bool literal(struct sema *s, const char *text, struct ps_value *out, char *front,
                    size_t cap)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        abort();
    struct ps_source src = {"-D", text, strlen(text)};
    struct ps_diag quiet;
    ps_diag_init(&quiet, &src, f);
    struct ast_node *n = ps_parse_expr(&src, &quiet);
    bool ok = false;
    if (n) {
        struct ps_diag *outer = s->d;
        s->d = &quiet;
        struct ps_expr *e = sema_expr(s, n);
        s->d = outer;
        if (e && e->kind == E_CONST && quiet.errors == 0) {
            *out = e->value;
            e->value = (struct ps_value){.t = PT_NONE};
            ok = true;
        }
        sema_expr_free(e);
        ast_free(n);
    }
    fclose(f);
    front[0] = '\0';
    if (!n)
        first_message(buf, front, cap);
    free(buf);
    return ok;
}

/* 'text' in single quotes, as a shell user may quote: the same string as
 * "text", escapes and all. */
static char *double_quoted(const char *text, size_t len)
{
    char *q = malloc(2 * len + 3), *o = q;
    if (!q)
        abort();
    *o++ = '"';
    for (size_t i = 1; i + 1 < len; i++) {
        if (text[i] == '\\' && i + 2 < len && text[i + 1] == '\'')
            continue; /* \' is ' */
        if (text[i] == '"' && (i == 1 || text[i - 1] != '\\'))
            *o++ = '\\';
        *o++ = text[i];
    }
    *o++ = '"';
    *o = '\0';
    return q;
}

/* text as a value of type t. Returns NULL, or why not. */
static const char *typed(struct sema *s, enum ps_type t, const char *text, struct ps_value *out,
                         char *why, size_t cap)
{
    size_t len = strlen(text);
    bool quoted = len >= 2 && (text[0] == '"' || text[0] == '\'') && text[len - 1] == text[0];
    char front[200];
    struct ps_value v = {.t = PT_NONE};
    char *dq = quoted && text[0] == '\'' ? double_quoted(text, len) : NULL;
    bool parsed = literal(s, dq ? dq : text, &v, front, sizeof front);
    free(dq);
    if (quoted && !parsed)
        return copy(why, cap, front[0] ? front : "not a string");
    if (parsed && v.t == PT_STR && t != PT_STR && t != PT_BYTES) {
        /* A quoted address or number: what its text says. */
        char *inner = memchr(v.obj->bytes, '\0', v.obj->len)
                          ? NULL : strndup((const char *)v.obj->bytes, v.obj->len);
        ps_val_release(&v);
        parsed = inner && literal(s, inner, &v, front, sizeof front) && v.t != PT_STR;
        free(inner);
    }
    if (parsed && v.t == t) {
        *out = v;
        return NULL;
    }
    if (parsed && t == PT_DUR && v.t == PT_INT && v.u <= UINT64_MAX / 1000000000u) {
        *out = ps_val_int(PT_DUR, v.u * 1000000000u); /* seconds, as in a spec */
        return NULL;
    }
    if (parsed && t == PT_BYTES && v.t == PT_STR) {
        *out = ps_val_bytes(PT_BYTES, v.obj->bytes, v.obj->len);
        ps_val_release(&v);
        return NULL;
    }
    ps_val_release(&v);
    if (!quoted && (t == PT_STR || t == PT_BYTES)) {
        /* A bare word is the text itself. */
        *out = ps_val_bytes(t, (const uint8_t *)text, len);
        return NULL;
    }
    return copy(why, cap, front);
}

/* The element types a list default holds, each once, in order. */
static size_t element_types(const struct ps_value *def, enum ps_type *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < def->obj->n && n < cap; i++) {
        enum ps_type t = def->obj->items[i].t;
        size_t k = 0;
        while (k < n && out[k] != t)
            k++;
        if (k == n)
            out[n++] = t;
    }
    return n;
}

/* A list param: `[22, 80]` or `22,80`, each element typed as the default's
 * elements are (a default of mixed types: the first type that reads it). */
static const char *list_value(struct sema *s, const char *name, const struct ps_value *def,
                              const char *text, struct ps_value *out, char *why, size_t cap)
{
    enum ps_type types[8];
    size_t ntypes = element_types(def, types, 8);
    const char *p = text, *end = ps_define_trim(&p, text + strlen(text));
    if (end - p >= 2 && *p == '[' && end[-1] == ']') {
        p++;
        end = ps_define_trim(&p, end - 1);
    }
    *out = ps_val_list(PT_LIST);
    while (p < end) {
        const char *stop = ps_define_element_end(p, end), *q = p;
        const char *last = ps_define_trim(&q, stop);
        char *one = strndup(q, (size_t)(last - q));
        struct ps_value v = {.t = PT_NONE};
        char detail[200];
        const char *msg = "";
        if (*one && ntypes == 0) /* an empty default: any constant, or the text */
            msg = literal(s, one, &v, detail, sizeof detail)
                      ? NULL : typed(s, PT_STR, one, &v, detail, sizeof detail);
        for (size_t k = 0; *one && k < ntypes && msg; k++)
            msg = typed(s, types[k], one, &v, detail, sizeof detail);
        if (msg) {
            snprintf(why, cap, "'%s' is not %s, as the elements of param '%s' are%s%s", one,
                     ntypes ? ps_type_name(types[0]) : "a value", name, *msg ? ": " : "", msg);
            free(one);
            ps_val_release(out);
            return why;
        }
        free(one);
        ps_list_push(out, v);
        p = stop < end ? stop + 1 : end;
        if (stop < end && p == end) {
            ps_val_release(out);
            return copy(why, cap, "an element is missing after the last ','");
        }
    }
    return NULL;
}

const char *sema_define_value(struct sema *s, const char *name, const struct ps_value *def,
                              const char *text, struct ps_value *out, char *why, size_t cap)
{
    if (def->t == PT_LIST)
        return list_value(s, name, def, text, out, why, cap);
    char detail[200];
    const char *msg = typed(s, def->t, text, out, detail, sizeof detail);
    if (!msg)
        return NULL;
    snprintf(why, cap, "param '%s' takes %s%s%s%s", name, ps_type_name(def->t),
             *msg ? " (" : "", msg, *msg ? ")" : "");
    return why;
}
