/* The grammar of LANGUAGE.md. Pure and reentrant: the scanner and this
 * parser keep all their state in struct ps_scan and struct ps_parse.
 *
 * Precedence, loosest first, written as one rule per level:
 *   or, and, not, within, comparisons (== != < <= > >= in `not in` matches,
 *   not chained), .. (range), + -, * / (`/` stacks layers), unary -, then
 *   postfix: call, .attr, .method(), [index].
 * `within` sits under `not` and above the comparisons, so that
 * `expect r within 50ms`, `expect r matches IP()/ICMP() within 50ms` and
 * `expect r[TCP].flags == SA within 1s` bound the whole condition, while
 * `not r within 5ms` is "no answer within 5ms" and `a within 5ms and b`
 * joins two conditions. Its right side is a range-level expression.
 *
 * Error recovery: a bad statement is skipped to the end of its line (or
 * `;`), or to the `}` closing its block; a block that follows the error in
 * the same statement (`for x of y {`) is still read, so that its `}` does
 * not cascade. Every bad statement is reported. A ( or [ left open is
 * found by the scanner (scan_syntax_error) and reported as such. */

%define api.pure full
%define api.prefix {ps_yy}
%define api.location.type {struct ast_loc}
%define api.token.prefix {TOK_}
%define parse.error custom
%define parse.lac full
%locations
%expect 0
%param {yyscan_t scanner}
%parse-param {struct ps_parse *ps}

%code requires {
#include "ast.h"
#include "diag.h"

#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif

struct ps_parse {
    struct ps_diag *diag;
    struct ast_node *root;
};
}

%code {
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#include "scan.h"
#include "lexer.h"

/* A rule's span runs from its first symbol to its last; an empty rule sits
 * just after what came before it. */
#define YYLLOC_DEFAULT(cur, rhs, n)                                   \
    do {                                                              \
        if (n) {                                                      \
            (cur).line = YYRHSLOC(rhs, 1).line;                       \
            (cur).col = YYRHSLOC(rhs, 1).col;                         \
            (cur).end_line = YYRHSLOC(rhs, n).end_line;               \
            (cur).end_col = YYRHSLOC(rhs, n).end_col;                 \
            (cur).file = 0;                                           \
        } else {                                                      \
            (cur).line = (cur).end_line = YYRHSLOC(rhs, 0).end_line;  \
            (cur).col = (cur).end_col = YYRHSLOC(rhs, 0).end_col;     \
            (cur).file = 0;                                           \
        }                                                             \
    } while (0)

static void yyerror(YYLTYPE *loc, yyscan_t scanner, struct ps_parse *ps, const char *msg);
static struct ast_node *node1(enum ast_kind kind, YYLTYPE loc, struct ast_node *a);
static struct ast_node *node2(enum ast_kind kind, YYLTYPE loc, struct ast_node *a,
                              struct ast_node *b);
static struct ast_node *binop(enum ast_op op, YYLTYPE loc, YYLTYPE op_loc, struct ast_node *a,
                              struct ast_node *b);
static struct ast_node *named(enum ast_kind kind, YYLTYPE loc, struct ast_node *name);
static void adopt(struct ast_node *n, struct ast_node *holder);
static void add_arg(struct ps_parse *ps, struct ast_node *args, struct ast_node *arg);
static struct ast_node *assign(struct ps_parse *ps, YYLTYPE loc, struct ast_node *target,
                               struct ast_node *value);
static void add_stmt(struct ps_parse *ps, struct ast_node *block, struct ast_node *stmt);
static struct ast_node *checked_depth(struct ps_parse *ps, struct ast_node *n);
}

%union {
    struct ast_node *node;
    int op;
}

%destructor { ast_free($$); } <node>

%token END 0 "end of file"
%token EOL "end of line"
%token <node> NAME "identifier"
%token <node> INT "integer"
%token <node> FLOAT "number"
%token <node> DURATION "duration"
%token <node> MAC "MAC address"
%token <node> IPV4 "IPv4 address"
%token <node> IPV6 "IPv6 address"
%token <node> PREFIX4 "IPv4 prefix"
%token <node> PREFIX6 "IPv6 prefix"
%token <node> STRING "string"
%token <node> BYTES "bytes"
%token <node> TRUE "keyword 'true'"
%token <node> FALSE "keyword 'false'"
%token <node> NONE "keyword 'none'"
%token PARAM "keyword 'param'"
%token FOR "keyword 'for'"
%token IN "keyword 'in'"
%token TEST "keyword 'test'"
%token EXPECT "keyword 'expect'"
%token LAYER "keyword 'layer'"
%token IMPORT "keyword 'import'"
%token AND "keyword 'and'"
%token OR "keyword 'or'"
%token NOT "keyword 'not'"
%token MATCHES "keyword 'matches'"
%token WITHIN "keyword 'within'"
%token IF "keyword 'if'"
%token ELIF "keyword 'elif'"
%token ELSE "keyword 'else'"
%token EQ "'=='"
%token NE "'!='"
%token LE "'<='"
%token GE "'>='"
%token DOTDOT "'..'"
%token START_PROGRAM "start of program"
%token START_EXPR "start of expression"

%type <node> stmts block stmt targets if_stmt if_rest slice_bound
%type <node> expr or_expr and_expr not_expr within_expr cmp_expr range_expr sum product
%type <node> unary postfix primary literal exprs args arglist arg
%type <op> cmp_op

%start start

%%

start:
    START_PROGRAM stmts {
        $2->kind = AST_PROGRAM;
        struct ast_loc end = ((struct ps_scan *)ps_yyget_extra(scanner))->eof_loc;
        $2->loc = $2->name_loc = (struct ast_loc){1, 1, end.line, end.col, 0};
        ps->root = $2;
    }
  | START_EXPR expr { ps->root = checked_depth(ps, $2); }
  ;

stmts:
    %empty { $$ = ast_new(AST_BLOCK, @$); }
  | stmts term { $$ = $1; }
  | stmts stmt term { $$ = $1; add_stmt(ps, $$, $2); }
  | stmts error term { $$ = $1; yyerrok; }
  | stmts error block term { $$ = $1; ast_free($3); yyerrok; }
  ;

term: EOL | ';' ;

block:
    '{' stmts '}' { $$ = $2; $$->loc = $$->name_loc = @$; }
  | '{' stmts stmt '}' { $$ = $2; add_stmt(ps, $$, $3); $$->loc = $$->name_loc = @$; }
  | '{' stmts error '}' { $$ = $2; $$->loc = $$->name_loc = @$; yyerrok; }
  | '{' stmts error block '}' { $$ = $2; $$->loc = $$->name_loc = @$; ast_free($4); yyerrok; }
  ;

stmt:
    PARAM NAME '=' expr { $$ = named(AST_PARAM, @$, $2); ast_add($$, $4); }
  | postfix '=' expr { $$ = assign(ps, @$, $1, $3); }
  | targets '=' expr { $$ = $1; $$->loc = @$; ast_add($$, $3); }
  | expr { $$ = node1(AST_EXPR, @$, $1); }
  | FOR NAME IN expr block { $$ = named(AST_FOR, @$, $2); ast_add($$, $4); ast_add($$, $5); }
  | FOR targets IN expr block {
        /* Scapy's `for s, r in ans`: a third kid, the names each element
         * is unpacked into (AST_UNPACK without a value) */
        $$ = ast_new(AST_FOR, @$);
        $$->name_loc = @2;
        ast_add($$, $4);
        ast_add($$, $5);
        ast_add($$, $2);
    }
  | TEST STRING block {
        $$ = ast_new(AST_TEST, @$);
        $$->str = $2->str;
        $$->len = $2->len;
        $$->name_loc = @2;
        $2->str = NULL;
        ast_free($2);
        ast_add($$, $3);
    }
  | LAYER NAME block { $$ = named(AST_LAYER, @$, $2); ast_add($$, $3); }
  | IMPORT STRING { $$ = $2; $$->kind = AST_IMPORT; $$->name_loc = @2; $$->loc = @$; }
  | if_stmt
  | EXPECT expr { $$ = node1(AST_EXPECT, @$, $2); }
  | EXPECT expr ',' STRING { $$ = node2(AST_EXPECT, @$, $2, $4); }
  ;

/* `if C { } elif C { } else { }`: elif and else on the line of the `}`
 * before them, as Go writes it (a newline there ends the statement). An
 * elif is an IF node in the place of the else block. */
if_stmt:
    IF expr block if_rest {
        $$ = node2(AST_IF, @$, $2, $3);
        $$->name_loc = @1;
        if ($4)
            ast_add($$, $4);
    }
  ;

if_rest:
    %empty { $$ = NULL; }
  | ELSE block { $$ = $2; }
  | ELIF expr block if_rest {
        $$ = node2(AST_IF, @$, $2, $3);
        $$->name_loc = @1;
        if ($4)
            ast_add($$, $4);
    }
  ;

targets:
    NAME ',' NAME { $$ = node2(AST_UNPACK, @$, $1, $3); $$->name_loc = @1; }
  | targets ',' NAME { $$ = $1; ast_add($$, $3); }
  ;

expr: or_expr ;

or_expr:
    and_expr
  | or_expr OR and_expr { $$ = binop(OP_OR, @$, @2, $1, $3); }
  ;

and_expr:
    not_expr
  | and_expr AND not_expr { $$ = binop(OP_AND, @$, @2, $1, $3); }
  ;

not_expr:
    within_expr
  | NOT not_expr { $$ = node1(AST_NOT, @$, $2); $$->name_loc = @1; }
  ;

within_expr:
    cmp_expr
  | cmp_expr WITHIN range_expr { $$ = node2(AST_WITHIN, @$, $1, $3); $$->name_loc = @2; }
  ;

cmp_expr:
    range_expr
  | range_expr cmp_op range_expr { $$ = binop((enum ast_op)$2, @$, @2, $1, $3); }
  | range_expr NOT IN range_expr {
        YYLTYPE op = {@2.line, @2.col, @3.end_line, @3.end_col, 0};
        $$ = node1(AST_NOT, @$, binop(OP_IN, @$, op, $1, $4));
        $$->name_loc = op;
    }
  ;

cmp_op:
    EQ { $$ = OP_EQ; }
  | NE { $$ = OP_NE; }
  | '<' { $$ = OP_LT; }
  | LE { $$ = OP_LE; }
  | '>' { $$ = OP_GT; }
  | GE { $$ = OP_GE; }
  | IN { $$ = OP_IN; }
  | MATCHES { $$ = OP_MATCHES; }
  ;

range_expr:
    sum
  | sum DOTDOT sum { $$ = node2(AST_RANGE, @$, $1, $3); $$->name_loc = @2; }
  ;

sum:
    product
  | sum '+' product { $$ = binop(OP_ADD, @$, @2, $1, $3); }
  | sum '-' product { $$ = binop(OP_SUB, @$, @2, $1, $3); }
  ;

product:
    unary
  | product '*' unary { $$ = binop(OP_MUL, @$, @2, $1, $3); }
  | product '/' unary { $$ = binop(OP_STACK, @$, @2, $1, $3); }
  | product '%' unary { $$ = binop(OP_MOD, @$, @2, $1, $3); }
  ;

unary:
    postfix
  | '-' unary { $$ = node1(AST_NEG, @$, $2); $$->name_loc = @1; }
  ;

postfix:
    primary
  | NAME '(' args ')' {
        $$ = node1(AST_CALL, @$, $1);
        $$->name_loc = @1;
        adopt($$, $3);
    }
  | postfix '.' NAME {
        $$ = named(AST_ATTR, @$, $3);
        ast_add($$, $1);
    }
  | postfix '.' NAME '(' args ')' {
        YYLTYPE attr = {@1.line, @1.col, @3.end_line, @3.end_col, 0};
        struct ast_node *callee = named(AST_ATTR, attr, $3);
        ast_add(callee, $1);
        $$ = node1(AST_CALL, @$, callee);
        $$->name_loc = callee->name_loc;
        adopt($$, $5);
    }
  | postfix '[' expr ']' { $$ = node2(AST_INDEX, @$, $1, $3); }
  | postfix '[' slice_bound ':' slice_bound ']' {
        $$ = node2(AST_SLICE, @$, $1, $3);
        ast_add($$, $5);
    }
  ;

primary:
    literal
  | NAME
  | '*' { $$ = ast_new(AST_STAR, @$); }
  | '(' ')' { $$ = ast_new(AST_TUPLE, @$); /* Python's empty tuple: ("SAck", ()) */ }
  | '(' expr ')' { $$ = $2; }
  | '(' expr ',' ')' { $$ = node1(AST_TUPLE, @$, $2); }
  | '(' expr ',' exprs opt_comma ')' {
        $$ = node1(AST_TUPLE, @$, $2);
        adopt($$, $4);
    }
  | '[' ']' { $$ = ast_new(AST_LIST, @$); }
  | '[' exprs opt_comma ']' { $$ = $2; $$->loc = $$->name_loc = @$; }
  | '[' expr FOR for_names IN expr ']' {
        /* Python's list comprehension: refused, saying what to write */
        ps_diag_error(ps->diag, @3, "list comprehensions are not pktspec: write a for loop "
                      "(for p in pkts { ... }), or give sniff() a filter= or count=");
        ast_free($2);
        ast_free($6);
        $$ = ast_new(AST_LIST, @$);
    }
  ;

literal:
    INT | FLOAT | DURATION | MAC | IPV4 | IPV6 | PREFIX4 | PREFIX6 | STRING | BYTES
  | TRUE | FALSE | NONE
  ;

opt_comma: %empty | ',' ;

/* a slice's bound left out is none, as Python's s[None:4] */
slice_bound:
    %empty { $$ = ast_new(AST_NONE, @$); }
  | expr
  ;

for_names: NAME { ast_free($1); } | for_names ',' NAME { ast_free($3); } ;

exprs:
    expr { $$ = node1(AST_LIST, @$, $1); }
  | exprs ',' expr { $$ = $1; ast_add($$, $3); }
  ;

args:
    %empty { $$ = ast_new(AST_LIST, @$); }
  | arglist opt_comma
  ;

arglist:
    arg { $$ = ast_new(AST_LIST, @$); add_arg(ps, $$, $1); }
  | arglist ',' arg { $$ = $1; add_arg(ps, $$, $3); }
  ;

arg:
    expr
  | NAME '=' expr { $$ = named(AST_KWARG, @$, $1); ast_add($$, $3); }
  ;

%%

static void yyerror(YYLTYPE *loc, yyscan_t scanner, struct ps_parse *ps, const char *msg)
{
    if (scan_syntax_error(scanner, loc))
        return;
    struct ps_scan *s = ps_yyget_extra(scanner);
    /* the scanner has already explained what is wrong with this line */
    if (s->error_line && loc->line == s->error_line)
        return;
    /* bison's stack limit: only pathological nesting reaches it */
    if (!strcmp(msg, "memory exhausted"))
        msg = "nested too deeply";
    ps_diag_error(ps->diag, *loc, "%s", msg);
}

static void append(char *buf, size_t size, const char *text)
{
    size_t used = strlen(buf);
    snprintf(buf + used, size - used, "%s", text);
}

/* Tokens that close or separate something: when too many tokens could
 * come next to list them all, these are the ones worth naming (a missing
 * ')' or end of line, rather than every operator). */
static bool structural(yysymbol_kind_t sym, bool no_empty)
{
    static const char *const names[] = {"')'", "']'", "'}'", "','", "'='", "end of line", "';'"};
    size_t n = sizeof names / sizeof *names - (no_empty ? 2 : 0);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(yysymbol_name(sym), names[i]))
            return true;
    return false;
}

/* "syntax error, unexpected X[, expecting A, B or C]" */
static int yyreport_syntax_error(const yypcontext_t *ctx, yyscan_t scanner, struct ps_parse *ps)
{
    enum { MAX_LISTED = 4 };
    yysymbol_kind_t expected[YYNTOKENS];
    int n = yypcontext_expected_tokens(ctx, expected, YYNTOKENS);
    if (n < 0)
        n = 0;
    yysymbol_kind_t tok = yypcontext_token(ctx);
    if (n > MAX_LISTED) {
        /* An empty statement is no useful hint where a statement may
         * begin, nor at the end of the file. */
        bool no_empty = tok == YYSYMBOL_YYEOF;
        for (int i = 0; i < n; i++)
            no_empty = no_empty || expected[i] == YYSYMBOL_NAME;
        int k = 0;
        for (int i = 0; i < n; i++)
            if (structural(expected[i], no_empty))
                expected[k++] = expected[i];
        n = k <= MAX_LISTED ? k : 0;
    }
    /* if, elif and else: keywords that once were free names, and an else
     * on a line of its own, deserve more than "unexpected" */
    int prev = ((struct ps_scan *)ps_yyget_extra(scanner))->prev_token;
    if (tok == YYSYMBOL_ELSE || tok == YYSYMBOL_ELIF) {
        yyerror(yypcontext_location(ctx), scanner, ps,
                tok == YYSYMBOL_ELSE ? "'else' is a keyword: it goes after the '}' of an if, "
                                       "on the same line (} else {)"
                                     : "'elif' is a keyword: it goes after the '}' of an if, "
                                       "on the same line (} elif COND {)");
        return 0;
    }
    if ((prev == TOK_IF) && tok != YYSYMBOL_YYEMPTY &&
        (!strcmp(yysymbol_name(tok), "'='") || tok == YYSYMBOL_EOL)) {
        YYLTYPE at = *yypcontext_location(ctx);
        yyerror(&at, scanner, ps, "'if' is a keyword, not a name: it begins a condition "
                "(if COND { ... })");
        return 0;
    }
    char msg[512] = "syntax error";
    if (tok != YYSYMBOL_YYEMPTY) {
        append(msg, sizeof msg, ", unexpected ");
        append(msg, sizeof msg, yysymbol_name(tok));
    }
    for (int i = 0; i < n; i++) {
        append(msg, sizeof msg, i == 0 ? ", expecting " : i == n - 1 ? " or " : ", ");
        append(msg, sizeof msg, yysymbol_name(expected[i]));
    }
    yyerror(yypcontext_location(ctx), scanner, ps, msg);
    return 0;
}

static struct ast_node *node1(enum ast_kind kind, YYLTYPE loc, struct ast_node *a)
{
    struct ast_node *n = ast_new(kind, loc);
    ast_add(n, a);
    return n;
}

static struct ast_node *node2(enum ast_kind kind, YYLTYPE loc, struct ast_node *a,
                              struct ast_node *b)
{
    struct ast_node *n = node1(kind, loc, a);
    ast_add(n, b);
    return n;
}

static struct ast_node *binop(enum ast_op op, YYLTYPE loc, YYLTYPE op_loc, struct ast_node *a,
                              struct ast_node *b)
{
    struct ast_node *n = node2(AST_BINOP, loc, a, b);
    n->op = op;
    n->name_loc = op_loc;
    return n;
}

/* A node named by an identifier token, which it consumes. */
static struct ast_node *named(enum ast_kind kind, YYLTYPE loc, struct ast_node *name)
{
    struct ast_node *n = ast_new(kind, loc);
    n->str = name->str;
    n->len = name->len;
    n->name_loc = name->loc;
    name->str = NULL;
    ast_free(name);
    return n;
}

/* Moves the kids of a temporary list into n. */
static void adopt(struct ast_node *n, struct ast_node *holder)
{
    for (size_t i = 0; i < holder->nkids; i++)
        ast_add(n, holder->kids[i]);
    holder->nkids = 0;
    ast_free(holder);
}

static void add_arg(struct ps_parse *ps, struct ast_node *args, struct ast_node *arg)
{
    if (arg->kind != AST_KWARG && args->nkids && args->kids[args->nkids - 1]->kind == AST_KWARG)
        ps_diag_error(ps->diag, arg->loc, "positional argument after keyword arguments");
    ast_add(args, arg);
}

/* The tree keeps the promise of ast.h: a target is NAME or
 * NAME[Layer].field, nothing else. */
static struct ast_node *assign(struct ps_parse *ps, YYLTYPE loc, struct ast_node *target,
                               struct ast_node *value)
{
    bool field = target->kind == AST_ATTR && target->kids[0]->kind == AST_INDEX &&
                 target->kids[0]->kids[0]->kind == AST_NAME;
    /* p.ttl = 5: Scapy's setattr, to the first layer that has the field */
    field = field || (target->kind == AST_ATTR && target->kids[0]->kind == AST_NAME);
    if (target->kind != AST_NAME && !field) {
        ps_diag_error(ps->diag, target->loc,
                      "cannot assign to this; assign to a name, to name[Layer].field or to name.field");
        ast_free(target);
        ast_free(value);
        return NULL;
    }
    struct ast_node *n = node2(AST_ASSIGN, loc, target, value);
    n->name_loc = target->name_loc;
    return n;
}

static struct ast_node *checked_depth(struct ps_parse *ps, struct ast_node *n)
{
    if (n && n->depth > PS_AST_MAX_DEPTH) {
        ps_diag_error(ps->diag, n->loc, "nested too deeply (more than %d levels)", PS_AST_MAX_DEPTH);
        ast_free(n);
        return NULL;
    }
    return n;
}

static void add_stmt(struct ps_parse *ps, struct ast_node *block, struct ast_node *stmt)
{
    stmt = checked_depth(ps, stmt);
    if (stmt)
        ast_add(block, stmt);
}

static struct ast_node *parse(const struct ps_source *src, struct ps_diag *d, int start)
{
    if (src->len > INT_MAX - 2) {
        ps_diag_error(d, (struct ast_loc){0, 0, 0, 0, 0}, "file too large");
        return NULL;
    }
    struct ps_scan scan;
    yyscan_t scanner = scan_start(&scan, src, d, start);
    struct ps_parse ps = {d, NULL};
    yyparse(scanner, &ps);
    scan_fini(&scan, scanner);
    return ps.root;
}

struct ast_node *ps_parse(const struct ps_source *src, struct ps_diag *d)
{
    struct ast_node *root = parse(src, d, TOK_START_PROGRAM);
    return root ? root : ast_new(AST_PROGRAM, (struct ast_loc){1, 1, 1, 1, 0});
}

struct ast_node *ps_parse_expr(const struct ps_source *src, struct ps_diag *d)
{
    int before = d->errors;
    struct ast_node *n = parse(src, d, TOK_START_EXPR);
    if (n && d->errors > before) { /* a bad literal inside a well-formed expression */
        ast_free(n);
        n = NULL;
    }
    return n;
}
