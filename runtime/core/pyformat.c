#include "pyformat.h"

#include <stdio.h>

bool ps_pyfmt_numeric(char conv)
{
    switch (conv) {
    case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': case 'c':
        return true;
    default:
        return false;
    }
}

int ps_pyfmt_next(const uint8_t *fmt, size_t len, size_t *pos, struct ps_pyfmt *out,
                  const char **why)
{
    static char bad[96];
    size_t i = *pos;
    while (i < len && fmt[i] != '%')
        i++;
    if (i >= len) {
        *pos = len;
        return 0;
    }
    *out = (struct ps_pyfmt){.start = i, .width = -1, .prec = -1};
    i++;
    for (; i < len; i++) {
        switch (fmt[i]) {
        case '-': out->minus = true; continue;
        case '0': out->zero = true; continue;
        case '+': out->plus = true; continue;
        case ' ': out->space = true; continue;
        case '#': out->alt = true; continue;
        default: break;
        }
        break;
    }
    if (i < len && fmt[i] == '*') {
        *why = "a width or precision of '*' is not supported: write the number in the format";
        return -1;
    }
    for (; i < len && fmt[i] >= '0' && fmt[i] <= '9'; i++)
        out->width = (out->width < 0 ? 0 : out->width) * 10 + (fmt[i] - '0') % 100000;
    if (i < len && fmt[i] == '.') {
        out->prec = 0;
        for (i++; i < len && fmt[i] >= '0' && fmt[i] <= '9'; i++)
            out->prec = out->prec * 10 + (fmt[i] - '0') % 100000;
    }
    if (out->width > 4096 || out->prec > 4096) {
        *why = "a width or precision above 4096";
        return -1;
    }
    while (i < len && (fmt[i] == 'h' || fmt[i] == 'l' || fmt[i] == 'L'))
        i++; /* Python accepts and ignores them */
    if (i >= len) {
        *why = "incomplete format";
        return -1;
    }
    char c = (char)fmt[i];
    switch (c) {
    case 's': case 'r': case 'd': case 'i': case 'u': case 'x': case 'X': case 'o':
    case 'c': case '%':
        break;
    case 'f': case 'F': case 'e': case 'E': case 'g': case 'G':
        snprintf(bad, sizeof bad, "'%%%c' formats a float, and specs have none: use %%d or %%s", c);
        *why = bad;
        return -1;
    default:
        if (c >= 0x20 && c < 0x7f)
            snprintf(bad, sizeof bad, "unsupported format character '%c' (0x%x) at index %zu",
                     c, (unsigned)(uint8_t)c, i);
        else
            snprintf(bad, sizeof bad, "unsupported format character 0x%x at index %zu",
                     (unsigned)(uint8_t)c, i);
        *why = bad;
        return -1;
    }
    out->conv = c;
    out->end = i + 1;
    *pos = i + 1;
    return 1;
}
