#include "bpf.h"

#include "linktype.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* sr's own filter (ps_ethertypes_filter's text), made here rather than by
 * libpcap: a probe builds it at run time from its requests, and a probe
 * has no libpcap. It tests what libpcap's program for that text tests. */
static bool ethertypes_prog(const char *text, struct sock_fprog *out)
{
    uint16_t types[8];
    size_t n = 0;
    for (const char *p = text;; p += 4) {
        if (n == 8 || strncmp(p, "ether proto 0x", 14) != 0)
            return false;
        p += 14;
        unsigned t = 0;
        for (int k = 0; k < 4; k++) {
            int d = isxdigit((unsigned char)p[k]) ? (isdigit((unsigned char)p[k]) ? p[k] - '0'
                                                     : (p[k] | 0x20) - 'a' + 10) : -1;
            if (d < 0)
                return false;
            t = t << 4 | (unsigned)d;
        }
        types[n++] = (uint16_t)t;
        if (!p[4])
            break;
        if (strncmp(p + 4, " or ", 4) != 0)
            return false;
        p += 4;
    }
    out->len = (unsigned short)(n + 3);
    out->filter = calloc(out->len, sizeof *out->filter);
    if (!out->filter)
        return false;
    out->filter[0] = (struct sock_filter){BPF_LD | BPF_H | BPF_ABS, 0, 0, 12};
    for (size_t k = 0; k < n; k++)
        out->filter[1 + k] = (struct sock_filter){BPF_JMP | BPF_JEQ | BPF_K, (uint8_t)(n - k), 0,
                                                  types[k]};
    out->filter[n + 1] = (struct sock_filter){BPF_RET | BPF_K, 0, 0, 0};
    out->filter[n + 2] = (struct sock_filter){BPF_RET | BPF_K, 0, 0, 65535};
    return true;
}

int ps_bpf_compile(const char *text, int linktype, struct sock_fprog *out, char *err,
                   size_t errcap)
{
    memset(out, 0, sizeof *out);
    if (linktype == PS_DLT_EN10MB && ethertypes_prog(text, out))
        return 0;
    char why[512];
    if (ps_bpf_text(text, linktype, out, why, sizeof why) < 0) {
        snprintf(err, errcap, "filter \"%s\": %s", text, why);
        return -1;
    }
    return 0;
}

void ps_ethertypes_add(struct ps_ethertypes *e, const uint8_t *frame, size_t len)
{
    if (len < 14) {
        e->any = true;
        return;
    }
    uint16_t t = (uint16_t)(frame[12] << 8 | frame[13]);
    /* 802.3 lengths and VLAN tags: leave everything in. */
    if (t <= 1500 || t == 0x8100 || t == 0x88a8 || t == 0x9100) {
        e->any = true;
        return;
    }
    for (size_t k = 0; k < e->n; k++)
        if (e->types[k] == t)
            return;
    if (e->n == sizeof e->types / sizeof e->types[0])
        e->any = true;
    else
        e->types[e->n++] = t;
}

bool ps_ethertypes_filter(const struct ps_ethertypes *e, char *out, size_t cap)
{
    if (e->any || e->n == 0)
        return false;
    size_t len = 0;
    out[0] = '\0';
    for (size_t k = 0; k < e->n; k++) {
        int n = snprintf(out + len, cap - len, "%sether proto 0x%04x", k ? " or " : "",
                         e->types[k]);
        if (n < 0 || (size_t)n >= cap - len)
            return false;
        len += (size_t)n;
    }
    return true;
}
