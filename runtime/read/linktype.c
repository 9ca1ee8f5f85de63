#include "linktype.h"

#include <string.h>

struct linktype_class {
    int dlt;
    const char *proto;
    const char *proto_v6;   /* when the first nibble is 6 (Scapy's IPv46) */
    bool for_writing;       /* Scapy's layer2num maps the class to this dlt */
};

/* Scapy's registrations in l2.py, inet.py and inet6.py; for a class
 * registered twice, the later one is what layer2num keeps. */
static const struct linktype_class linktypes[] = {
    {PS_DLT_EN10MB, "Ether", NULL, true},
    {PS_DLT_EN10MB, "Dot3", NULL, true},
    {PS_DLT_IPV4, "IP", NULL, true},
    {PS_DLT_IPV6, "IPv6", NULL, true},
    {PS_DLT_RAW, "IP", "IPv6", false},
    {PS_DLT_RAW_ALT, "IP", "IPv6", false},
    {31, "IPv6", NULL, false},
    {PS_DLT_LINUX_SLL, "CookedLinux", NULL, true},
    {PS_DLT_LINUX_SLL2, "CookedLinuxV2", NULL, true},
    {PS_DLT_LOOP, "Loopback", NULL, true},
    {PS_DLT_NULL, "Loopback", NULL, false},
    {9, "PPP", NULL, true},      /* DLT_PPP */
    {50, "HDLC", NULL, true},    /* DLT_PPP_SERIAL */
    {105, "Dot11", NULL, true},  /* DLT_IEEE802_11 */
    {127, "RadioTap", NULL, true}, /* DLT_IEEE802_11_RADIO */
};

int ps_linktype_for(const struct ps_proto *first)
{
    if (first)
        for (size_t i = 0; i < sizeof linktypes / sizeof linktypes[0]; i++)
            if (linktypes[i].for_writing && strcmp(linktypes[i].proto, first->name) == 0)
                return linktypes[i].dlt;
    return PS_DLT_EN10MB;
}

const struct ps_proto *ps_linktype_proto(int linktype, const uint8_t *frame, size_t len)
{
    for (size_t i = 0; i < sizeof linktypes / sizeof linktypes[0]; i++) {
        const struct linktype_class *c = &linktypes[i];
        if (c->dlt != linktype)
            continue;
        if (c->proto_v6 && len > 0 && frame[0] >> 4 == 6)
            return ps_proto_find(c->proto_v6);
        return ps_proto_find(c->proto);
    }
    return NULL;
}
