/* The oracle of the editor tests: runs pktspec's own scanner over each file
 * named and prints every token it returns, one a line:
 *   FILE <TAB> LINE <TAB> COL <TAB> OFFSET <TAB> LENGTH <TAB> TOKEN <TAB> ERROR
 * TOKEN is bison's token number (the test maps it to its name through the
 * generated parser.h); ERROR is 1 when the scanner reported the token as a bad
 * literal. Comments and white space return no token: they are the gaps. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ast.h"
#include "diag.h"
#include "parser.h"
#include "scan.h"
#include "lexer.h"

static int dump(const char *path, FILE *quiet)
{
    struct ps_source src;
    if (ps_source_load(&src, path) < 0) {
        fprintf(stderr, "%s: error: %s\n", path, strerror(errno));
        return 1;
    }
    struct ps_diag d;
    ps_diag_init(&d, &src, quiet);
    struct ps_scan scan;
    yyscan_t scanner = scan_start(&scan, &src, &d, TOK_START_PROGRAM);
    for (;;) {
        YYSTYPE val = {0};
        YYLTYPE loc;
        int errors = d.errors;
        int t = ps_yylex(&val, &loc, scanner);
        ast_free(val.node);
        if (t == TOK_END)
            break;
        if (t == TOK_EOL || t == TOK_START_PROGRAM)
            continue;
        printf("%s\t%d\t%d\t%zu\t%d\t%d\t%d\n", path, loc.line, loc.col, scan.tok_offset,
               ps_yyget_leng(scanner), t, d.errors > errors);
    }
    scan_fini(&scan, scanner);
    ps_source_free(&src);
    return 0;
}

int main(int argc, char **argv)
{
    FILE *quiet = fopen("/dev/null", "w");
    int failed = 0;
    if (!quiet) {
        perror("/dev/null");
        return 2;
    }
    for (int i = 1; i < argc; i++)
        failed |= dump(argv[i], quiet);
    fclose(quiet);
    return failed ? 2 : 0;
}
