/* A packet printer's text to a stream. */
#include "print.h"

#include <stdlib.h>

int ps_print_to(FILE *out, ps_packet_printer printer, const struct ps_packet *pkt)
{
    char small[8192];
    int n = printer(pkt, small, sizeof small);
    if (n < 0)
        return -1;
    if ((size_t)n < sizeof small) {
        fwrite(small, 1, (size_t)n, out);
        return 0;
    }
    /* Only a long text (a big payload's repr) needs the heap. */
    char *big = malloc((size_t)n + 1);
    if (!big)
        return -1;
    printer(pkt, big, (size_t)n + 1);
    fwrite(big, 1, (size_t)n, out);
    free(big);
    return 0;
}
