#include "ast.h"

#include <arpa/inet.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

struct ast_node *ast_new(enum ast_kind kind, struct ast_loc loc)
{
    struct ast_node *n = front_xcalloc(1, sizeof *n);
    n->kind = kind;
    n->loc = loc;
    n->name_loc = loc;
    n->depth = 1;
    return n;
}

void ast_add(struct ast_node *n, struct ast_node *kid)
{
    if ((n->nkids & (n->nkids - 1)) == 0) { /* 0, 1, 2, 4...: full, double it */
        size_t cap = n->nkids ? n->nkids * 2 : 2;
        n->kids = front_xrealloc(n->kids, cap * sizeof *n->kids);
    }
    n->kids[n->nkids++] = kid;
    if (kid && kid->depth >= n->depth)
        n->depth = kid->depth + 1;
}

void ast_set_str(struct ast_node *n, const char *s, size_t len)
{
    free(n->str);
    n->str = front_xmalloc(len + 1);
    memcpy(n->str, s, len);
    n->str[len] = '\0';
    n->len = len;
}

/* Iterative: a tree that was refused for its depth must still be freed
 * without recursing that deep. */
void ast_free(struct ast_node *root)
{
    if (!root)
        return;
    size_t cap = 16, top = 0;
    struct ast_node **stack = front_xmalloc(cap * sizeof *stack);
    stack[top++] = root;
    while (top) {
        struct ast_node *n = stack[--top];
        for (size_t i = 0; i < n->nkids; i++) {
            if (!n->kids[i])
                continue;
            if (top == cap) {
                cap *= 2;
                stack = front_xrealloc(stack, cap * sizeof *stack);
            }
            stack[top++] = n->kids[i];
        }
        free(n->kids);
        free(n->str);
        free(n);
    }
    free(stack);
}

static const char *const kind_names[] = {
    [AST_INT] = "int",         [AST_FLOAT] = "float",     [AST_BOOL] = "bool",
    [AST_DURATION] = "duration", [AST_MAC] = "mac",       [AST_IPV4] = "ipv4",
    [AST_IPV6] = "ipv6",       [AST_PREFIX4] = "prefix4", [AST_PREFIX6] = "prefix6",
    [AST_STRING] = "string",   [AST_BYTES] = "bytes",     [AST_NONE] = "none",
    [AST_STAR] = "star",       [AST_NAME] = "name",       [AST_LIST] = "list",
    [AST_TUPLE] = "tuple",     [AST_RANGE] = "range",     [AST_CALL] = "call",
    [AST_KWARG] = "kwarg",     [AST_INDEX] = "index",     [AST_ATTR] = "attr",
    [AST_BINOP] = "binop",     [AST_NOT] = "not",         [AST_NEG] = "neg",
    [AST_WITHIN] = "within",   [AST_PROGRAM] = "program", [AST_BLOCK] = "block",
    [AST_PARAM] = "param",     [AST_ASSIGN] = "assign",   [AST_UNPACK] = "unpack",
    [AST_EXPR] = "expr",       [AST_FOR] = "for",         [AST_TEST] = "test",
    [AST_EXPECT] = "expect",
    [AST_LAYER] = "layer",
    [AST_IMPORT] = "import",
    [AST_IF] = "if",
    [AST_SLICE] = "slice",
};

const char *ast_kind_name(enum ast_kind kind)
{
    if ((size_t)kind < sizeof kind_names / sizeof *kind_names && kind_names[kind])
        return kind_names[kind];
    return "?";
}

static const char *op_text(enum ast_op op)
{
    switch (op) {
    case OP_STACK: return "/";
    case OP_ADD: return "+";
    case OP_SUB: return "-";
    case OP_MUL: return "*";
    case OP_LT: return "<";
    case OP_GT: return ">";
    case OP_EQ: return "==";
    case OP_NE: return "!=";
    case OP_LE: return "<=";
    case OP_GE: return ">=";
    case OP_AND: return "and";
    case OP_OR: return "or";
    case OP_IN: return "in";
    case OP_MATCHES: return "matches";
    case OP_MOD: return "%";
    }
    return "?";
}

/* In spec syntax, so that a dumped string can be pasted back. */
static void dump_quoted(const char *s, size_t len, FILE *out)
{
    fputc('"', out);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '\n': fputs("\\n", out); break;
        case '\t': fputs("\\t", out); break;
        case '\r': fputs("\\r", out); break;
        case '\\': fputs("\\\\", out); break;
        case '"': fputs("\\\"", out); break;
        default:
            if (c >= 0x20 && c < 0x7f)
                fputc(c, out);
            else
                fprintf(out, "\\x%02x", c);
        }
    }
    fputc('"', out);
}

static void dump_addr(const struct ast_node *n, int family, FILE *out)
{
    char buf[INET6_ADDRSTRLEN];
    if (inet_ntop(family, n->addr, buf, sizeof buf))
        fputs(buf, out);
}

static void dump_payload(const struct ast_node *n, FILE *out)
{
    switch (n->kind) {
    case AST_INT: fprintf(out, " %llu", (unsigned long long)n->u); break;
    case AST_FLOAT: fprintf(out, " %.15g", n->f); break;
    case AST_BOOL: fputs(n->u ? " true" : " false", out); break;
    case AST_DURATION: fprintf(out, " %lluns", (unsigned long long)n->u); break;
    case AST_MAC:
        fprintf(out, " %02x:%02x:%02x:%02x:%02x:%02x", n->addr[0], n->addr[1], n->addr[2],
                n->addr[3], n->addr[4], n->addr[5]);
        break;
    case AST_IPV4: fputc(' ', out); dump_addr(n, AF_INET, out); break;
    case AST_IPV6: fputc(' ', out); dump_addr(n, AF_INET6, out); break;
    case AST_PREFIX4: fputc(' ', out); dump_addr(n, AF_INET, out); fprintf(out, "/%d", n->prefix); break;
    case AST_PREFIX6: fputc(' ', out); dump_addr(n, AF_INET6, out); fprintf(out, "/%d", n->prefix); break;
    case AST_BYTES:
        fputs(" x\"", out);
        for (size_t i = 0; i < n->len; i++)
            fprintf(out, "%02x", (unsigned char)n->str[i]);
        fputc('"', out);
        break;
    case AST_STRING:
    case AST_TEST:
        fputc(' ', out);
        dump_quoted(n->str ? n->str : "", n->len, out);
        break;
    case AST_BINOP: fprintf(out, " %s", op_text(n->op)); break;
    default:
        if (n->str)
            fprintf(out, " %s", n->str);
    }
}

static bool has_name_loc(enum ast_kind k)
{
    switch (k) {
    case AST_ATTR: case AST_KWARG: case AST_CALL: case AST_PARAM: case AST_FOR:
    case AST_ASSIGN: case AST_UNPACK: case AST_TEST: case AST_BINOP: case AST_WITHIN:
    case AST_NOT: case AST_NEG: case AST_RANGE: case AST_IF:
        return true;
    default:
        return false;
    }
}

static void dump(const struct ast_node *n, int indent, FILE *out)
{
    fprintf(out, "%*s(", indent, "");
    if (!n) {
        fputc(')', out);
        return;
    }
    fputs(ast_kind_name(n->kind), out);
    dump_payload(n, out);
    fprintf(out, " @%d:%d-%d:%d", n->loc.line, n->loc.col, n->loc.end_line, n->loc.end_col);
    if (has_name_loc(n->kind))
        fprintf(out, " name@%d:%d-%d:%d", n->name_loc.line, n->name_loc.col,
                n->name_loc.end_line, n->name_loc.end_col);
    for (size_t i = 0; i < n->nkids; i++) {
        fputc('\n', out);
        dump(n->kids[i], indent + 2, out);
    }
    fputc(')', out);
}

void ast_dump(const struct ast_node *n, FILE *out)
{
    dump(n, 0, out);
    fputc('\n', out);
}
