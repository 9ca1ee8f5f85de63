/* RFC 1071 Internet checksum, the one Scapy's utils.checksum computes. */
#include "csum.h"

uint32_t ps_csum_add(uint32_t sum, const uint8_t *p, size_t n)
{
    /* Callers pass even-length chunks except the last: an odd byte is the
     * high half of a word, as if the data were padded with \0. */
    uint64_t s = sum;
    size_t i = 0;
    for (; i + 1 < n; i += 2)
        s += (uint32_t)(p[i] << 8 | p[i + 1]);
    if (i < n)
        s += (uint32_t)p[i] << 8;
    while (s >> 32)
        s = (s & 0xffffffffu) + (s >> 32);
    return (uint32_t)s;
}

uint16_t ps_csum_fold(uint32_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}
