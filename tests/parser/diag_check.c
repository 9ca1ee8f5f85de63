/* Prints a fixed set of diagnostics to stdout, for comparison with
 * diag.expected: the caret line must copy tabs, count a UTF-8 character
 * once, and survive locations past the end of a line or of the file. */
#include <string.h>

#include "diag.h"

static struct ast_loc at(int line, int col)
{
    return (struct ast_loc){line, col, line, col, 0};
}

int main(void)
{
    const char *text = "x = 1\n\tif\t@\r\nname = \"\xc3\xa9t\xc3\xa9\" @\nlast";
    struct ps_source src = {"d.pkt", text, strlen(text)};
    struct ps_diag d;
    ps_diag_init(&d, &src, stdout);
    ps_diag_error(&d, at(1, 5), "an error at %s", "1:5");
    ps_diag_warning(&d, at(2, 5), "a warning after two tabs");
    ps_diag_error(&d, at(3, 16), "after two-byte characters");
    ps_diag_error(&d, at(1, 9), "past the end of the line");
    ps_diag_error(&d, at(4, 1), "on the last line, which has no newline");
    ps_diag_error(&d, at(9, 1), "past the end of the file");
    ps_diag_error(&d, at(0, 0), "with no place in the file");
    printf("errors=%d warnings=%d\n", d.errors, d.warnings);
    return d.errors == 6 && d.warnings == 1 ? 0 : 1;
}
