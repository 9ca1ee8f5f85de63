/* Bytes as C text: string literals and comments that hold any byte. */
#include <string.h>

#include "report.h"
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

void ps_emit_ident(FILE *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
                  (c >= '0' && c <= '9' && i > 0);
        fputc(ok ? c : '_', out);
    }
}

void ps_emit_spec_line(const struct ps_program *prog, struct ps_loc loc, const char **s,
                       size_t *n)
{
    const char *p = prog->source, *end = prog->source + prog->source_len;
    if (loc.file > 0 && prog->files && (size_t)loc.file < prog->files->n) {
        p = prog->files->v[loc.file].text;
        end = p + prog->files->v[loc.file].len;
    }
    int line = loc.line;
    for (int l = 1; l < line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    *s = p;
    *n = (size_t)((nl ? nl : end) - p);
}
