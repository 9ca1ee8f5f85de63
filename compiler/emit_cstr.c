/* Bytes as C text: string literals and comments that hold any byte. */
#include <string.h>

#include "emit.h"

/* ISO C's limit on a string literal's length (after concatenation) is
 * 4095 bytes, which -pedantic enforces: longer text becomes a compound
 * literal, a char array that stands where the string literal would. */
#define LITERAL_MAX 4000

void ps_emit_cstr(FILE *out, const uint8_t *s, size_t n)
{
    if (n > LITERAL_MAX) {
        fputs("(char[]){", out);
        for (size_t i = 0; i < n; i++)
            fprintf(out, "%s'\\%03o',", i % 16 ? "" : "\n    ", s[i]);
        fputs("0}", out);
        return;
    }
    fputc('"', out);
    for (size_t i = 0; i < n; i++) {
        uint8_t c = s[i];
        /* '?' escaped: "??=" would be a trigraph under -std=c11. Octal
         * escapes are always 3 digits, so a digit after one stays a digit. */
        if (c == '"' || c == '\\' || c == '?')
            fprintf(out, "\\%c", c);
        else if (c >= 0x20 && c < 0x7f)
            fputc(c, out);
        else
            fprintf(out, "\\%03o", c);
    }
    fputc('"', out);
}

void ps_emit_comment(FILE *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n && s[i] != '\n'; i++) {
        char c = s[i];
        char next = i + 1 < n ? s[i + 1] : '\0';
        if (c < 0x20 || c >= 0x7f || c == '\\')
            c = '.';
        fputc(c, out);
        /* neither "*" "/" nor "/" "*" may meet, nor "??" start a trigraph */
        if ((c == '*' && next == '/') || (c == '/' && next == '*') || (c == '?' && next == '?'))
            fputc(' ', out);
    }
}
