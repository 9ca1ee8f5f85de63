/* The syntax tree. It knows nothing of protocols: `IP(dst=...)` is a call
 * to the name IP with a keyword argument. Every node carries its location. */
#ifndef PS_AST_H
#define PS_AST_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct ast_loc {
    int line, col;         /* 1-based, col counts bytes */
    int end_line, end_col; /* last character of the node, inclusive */
    int file;              /* index in the spec's files (ps_srcfiles): 0 the spec itself */
};

enum ast_kind {
    /* literals */
    AST_INT,       /* u */
    AST_FLOAT,     /* f: a decimal number, only meaningful as seconds */
    AST_BOOL,      /* u: 0 or 1 */
    AST_DURATION,  /* u: nanoseconds */
    AST_MAC,       /* addr[0..5] */
    AST_IPV4,      /* addr[0..3] */
    AST_IPV6,      /* addr[0..15] */
    AST_PREFIX4,   /* addr[0..3], prefix */
    AST_PREFIX6,   /* addr[0..15], prefix */
    AST_STRING,    /* str, len: escapes already decoded; may hold NUL */
    AST_BYTES,     /* str, len: x"de ad" decoded to bytes */
    AST_NONE,
    AST_STAR,      /* `*` in a pattern */
    AST_NAME,      /* str: an identifier, `-` kept (echo-request) */
    AST_LIST,      /* kids: elements */
    AST_TUPLE,     /* kids: elements (two or more, or one with a trailing comma: `(a,)`);
                    * `(a)` is just a: parentheses make no node */
    AST_RANGE,     /* kids[0] .. kids[1], inclusive; also a list element */
    /* expressions */
    AST_CALL,      /* kids[0]: callee (NAME, or ATTR for a method: `p.summary()` is
                    * CALL(ATTR(p, "summary"))); kids[1..]: arguments, positional
                    * ones first (the parser refuses one after a KWARG) */
    AST_KWARG,     /* str: keyword; kids[0]: value (only as a call argument) */
    AST_INDEX,     /* kids[0][kids[1]] */
    AST_ATTR,      /* kids[0].str */
    AST_BINOP,     /* op; kids[0], kids[1] */
    AST_NOT,       /* not kids[0]; `a not in b` is NOT(BINOP IN(a, b)) */
    AST_NEG,       /* -kids[0], even for a literal (-5 is NEG(INT 5)) */
    AST_WITHIN,    /* kids[0] within kids[1]: binds looser than comparisons and
                    * matches, tighter than not/and/or (see parser.y) */
    /* statements */
    AST_PROGRAM,   /* kids: statements; loc: the whole file */
    AST_BLOCK,     /* kids: statements; loc: from { to } */
    AST_PARAM,     /* str: name; kids[0]: default value */
    AST_ASSIGN,    /* kids[0]: target (NAME, or ATTR of INDEX of NAME); kids[1]: value */
    AST_UNPACK,    /* kids[0..n-2]: NAME targets; kids[n-1]: value */
    AST_EXPR,      /* kids[0]: an expression evaluated for its effect */
    AST_FOR,       /* str: variable; kids[0]: what it iterates; kids[1]: BLOCK */
    AST_TEST,      /* str, len: test name; kids[0]: BLOCK */
    AST_EXPECT,    /* kids[0]: condition; kids[1]: STRING message, only when given
                    * (nkids is 1 or 2; the parser never leaves NULL kids) */
    AST_LAYER,     /* str: the layer's name; kids[0]: BLOCK of field declarations and binds */
    AST_IMPORT,    /* str, len: the path as written (replaced by the file's statements
                    * before sema: see import.h) */
    /* conditions and text (docs/LANGUAGE.md, Conditions; Text and bytes) */
    AST_IF,        /* kids[0]: condition; kids[1]: BLOCK; kids[2], only when there is
                    * an elif or else: the next IF (elif) or a BLOCK (else) */
    AST_SLICE,     /* kids[0][kids[1]:kids[2]]; a bound left out is a NONE node */
};

enum ast_op {
    OP_STACK = '/',
    OP_ADD = '+',
    OP_SUB = '-',
    OP_MUL = '*',
    OP_LT = '<',
    OP_GT = '>',
    OP_EQ = 256,
    OP_NE,
    OP_LE,
    OP_GE,
    OP_AND,
    OP_OR,
    OP_IN,
    OP_MATCHES,
    OP_MOD = '%',  /* integer remainder, or Python's "text" % args formatting */
};

/* The parser refuses a statement whose tree is deeper than this, so that
 * later passes may recurse over any tree it returns. */
#define PS_AST_MAX_DEPTH 256

struct ast_node {
    enum ast_kind kind;
    struct ast_loc loc;
    /* Where a caret should point for this node's name: the attribute of
     * ATTR, the keyword of KWARG, the callee's (or method's) name of CALL,
     * the name of PARAM and FOR, the NAME or field name of an ASSIGN
     * target, the first name of UNPACK, the string of TEST, the operator
     * token of BINOP, WITHIN, NOT and NEG (`not in` for NOT IN), the `..` of
     * RANGE. Equal to loc elsewhere. */
    struct ast_loc name_loc;
    int depth;           /* height of the subtree: a leaf is 1 */
    enum ast_op op;
    uint64_t u;
    double f;
    uint8_t addr[16];
    int prefix;
    char *str;           /* NUL-terminated; len counts bytes without the NUL */
    size_t len;
    struct ast_node **kids;
    size_t nkids;
};

struct ast_node *ast_new(enum ast_kind kind, struct ast_loc loc);
/* Appends kid (which may be NULL for an optional part left out) to n.
 * The parser itself never leaves a NULL kid in the tree. */
void ast_add(struct ast_node *n, struct ast_node *kid);
/* Copies len bytes into n->str (malloc'd, freed by ast_free), NUL-terminated. */
void ast_set_str(struct ast_node *n, const char *s, size_t len);
void ast_free(struct ast_node *n);
const char *ast_kind_name(enum ast_kind kind);
/* Writes the tree as an indented S-expression, one node a line (tests). */
void ast_dump(const struct ast_node *n, FILE *out);

#endif
