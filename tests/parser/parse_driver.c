/* Parses each file named on the command line in one process (the front
 * end is reentrant) and prints its tree; `--expr TEXT` parses TEXT as a
 * single expression, as a -D override is. Diagnostics go to stderr; the
 * exit status is 2 when any input had an error. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ast.h"
#include "diag.h"

static int parse_file(const char *path)
{
    struct ps_source src;
    if (ps_source_load(&src, path) < 0) {
        fprintf(stderr, "%s: error: %s\n", path, strerror(errno));
        return 1;
    }
    struct ps_diag d;
    ps_diag_init(&d, &src, stderr);
    struct ast_node *root = ps_parse(&src, &d);
    if (!d.errors)
        ast_dump(root, stdout);
    fflush(stdout);
    ast_free(root);
    ps_source_free(&src);
    return d.errors;
}

static int parse_expr(const char *text)
{
    struct ps_source src = {"<expr>", text, strlen(text)};
    struct ps_diag d;
    ps_diag_init(&d, &src, stderr);
    struct ast_node *n = ps_parse_expr(&src, &d);
    if (n)
        ast_dump(n, stdout);
    else if (!d.errors)
        fputs("<expr>: no tree and no error\n", stderr);
    fflush(stdout);
    ast_free(n);
    return n ? d.errors : d.errors + 1;
}

int main(int argc, char **argv)
{
    int errors = 0;
    if (argc < 2) {
        fputs("usage: parse_driver FILE... | --expr TEXT\n", stderr);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--expr") && i + 1 < argc)
            errors += parse_expr(argv[++i]);
        else
            errors += parse_file(argv[i]);
    }
    return errors ? 2 : 0;
}
