#include "addr.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ps_hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool ps_parse_mac(const char *s, uint8_t out[6])
{
    for (int i = 0; i < 6; i++) {
        int hi = ps_hexval(s[0]), lo = ps_hexval(s[1]);
        if (hi < 0 || lo < 0)
            return false;
        out[i] = (uint8_t)(hi << 4 | lo);
        s += 2;
        if (i < 5 && *s++ != ':')
            return false;
    }
    return *s == '\0';
}

bool ps_parse_ip4(const char *s, uint8_t out[4])
{
    return inet_pton(AF_INET, s, out) == 1;
}

bool ps_parse_ip6(const char *s, uint8_t out[16])
{
    return inet_pton(AF_INET6, s, out) == 1;
}

void ps_mask_prefix(uint8_t *addr, size_t width, int plen)
{
    for (size_t i = 0; i < width; i++) {
        int keep = plen - (int)i * 8;
        if (keep >= 8)
            continue;
        addr[i] &= keep <= 0 ? 0 : (uint8_t)(0xff << (8 - keep));
    }
}

bool ps_parse_prefix(const char *s, uint8_t out[16], int *plen, bool *v6)
{
    const char *slash = strchr(s, '/');
    if (!slash || slash - s >= 64 || !slash[1])
        return false;
    char head[64];
    memcpy(head, s, (size_t)(slash - s));
    head[slash - s] = '\0';
    char *end;
    long n = strtol(slash + 1, &end, 10);
    if (*end || n < 0)
        return false;
    memset(out, 0, 16);
    if (ps_parse_ip4(head, out)) {
        *v6 = false;
        if (n > 32)
            return false;
    } else if (ps_parse_ip6(head, out)) {
        *v6 = true;
        if (n > 128)
            return false;
    } else {
        return false;
    }
    *plen = (int)n;
    ps_mask_prefix(out, *v6 ? 16 : 4, *plen);
    return true;
}

void ps_format_mac(const uint8_t m[6], char out[18])
{
    snprintf(out, 18, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
}

void ps_format_ip4(const uint8_t ip[4], char out[16])
{
    inet_ntop(AF_INET, ip, out, 16);
}

void ps_format_ip6(const uint8_t ip[16], char out[46])
{
    inet_ntop(AF_INET6, ip, out, 46);
}
