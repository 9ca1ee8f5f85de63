/* Scapy's hexdump() (scapy/utils.py), character for character: "%04x  ",
 * then 16 cells of "%02X " (three spaces for a missing byte, so the last
 * line keeps its ASCII column aligned), a space, and the bytes with
 * everything outside 32..126 shown as '.'. Scapy print()s the text without
 * its last newline, so an empty frame still gives one empty line. */
#include "print.h"

void ps_hexdump(FILE *out, const uint8_t *p, size_t len)
{
    static const char hex[] = "0123456789ABCDEF";
    /* offset (up to 16 hex digits) + 2 + 16*3 + 1 + 16 + '\n' */
    char line[96];

    if (len == 0) {
        fputc('\n', out);
        return;
    }
    for (size_t i = 0; i < len; i += 16) {
        int n = snprintf(line, sizeof line, "%04zx  ", i);
        size_t k = n > 0 ? (size_t)n : 0;
        for (size_t j = 0; j < 16; j++) {
            if (i + j < len) {
                line[k++] = hex[p[i + j] >> 4];
                line[k++] = hex[p[i + j] & 15];
            } else {
                line[k++] = ' ';
                line[k++] = ' ';
            }
            line[k++] = ' ';
        }
        line[k++] = ' ';
        for (size_t j = 0; j < 16 && i + j < len; j++) {
            uint8_t c = p[i + j];
            line[k++] = (c < 32 || c >= 127) ? '.' : (char)c;
        }
        line[k++] = '\n';
        fwrite(line, 1, k, out);
    }
}
