#include "builtins.h"

#include <string.h>

const struct ps_opt_desc ps_opt_descs[O__COUNT] = {
    [O_IFACE] = {"iface", OT_STR},
    [O_COUNT] = {"count", OT_INT},
    [O_INTER] = {"inter", OT_DUR},
    [O_LOOP] = {"loop", OT_BOOL},
    [O_TIMEOUT] = {"timeout", OT_DUR},
    [O_RETRY] = {"retry", OT_SINT},
    [O_MULTI] = {"multi", OT_BOOL},
    [O_FILTER] = {"filter", OT_STR},
    [O_STORE] = {"store", OT_BOOL},
    [O_PRN] = {"prn", OT_PRN},
    [O_OFFLINE] = {"offline", OT_STR},
    [O_STOP_FILTER] = {"stop_filter", OT_PATTERN},
    [O_VERBOSE] = {"verbose", OT_INT},
    [O_FRAGSIZE] = {"fragsize", OT_INT},
    [O_THREADS] = {"threads", OT_INT},
    [O_RATE] = {"rate", OT_RATE},
};

const char *const ps_prn_names[] = {"summary", "show", "command", "hexdump", NULL};

#define BIT(o) (1u << (o))
#define SEND_OPTS                                                                          \
    (BIT(O_IFACE) | BIT(O_COUNT) | BIT(O_INTER) | BIT(O_LOOP) | BIT(O_VERBOSE) |              \
     BIT(O_THREADS) | BIT(O_RATE))
#define SR_OPTS                                                                            \
    (BIT(O_IFACE) | BIT(O_TIMEOUT) | BIT(O_RETRY) | BIT(O_MULTI) | BIT(O_INTER) |           \
     BIT(O_FILTER) | BIT(O_VERBOSE) | BIT(O_RATE))
#define SRLOOP_OPTS (BIT(O_IFACE) | BIT(O_COUNT) | BIT(O_INTER) | BIT(O_TIMEOUT) | BIT(O_VERBOSE))
#define SNIFF_OPTS                                                                         \
    (BIT(O_IFACE) | BIT(O_FILTER) | BIT(O_COUNT) | BIT(O_TIMEOUT) | BIT(O_STORE) |          \
     BIT(O_PRN) | BIT(O_OFFLINE) | BIT(O_STOP_FILTER))
#define ASYNC_OPTS (SNIFF_OPTS & ~BIT(O_OFFLINE))

static const struct ps_builtin_desc builtins[] = {
    {"send", B_SEND, false, 1, 1, SEND_OPTS, PT_NONE},
    {"sendp", B_SENDP, false, 1, 1, SEND_OPTS, PT_NONE},
    {"sr", B_SR, false, 1, 1, SR_OPTS, PT_TUPLE},
    {"sr1", B_SR1, false, 1, 1, SR_OPTS, PT_PKT},
    {"srp", B_SRP, false, 1, 1, SR_OPTS, PT_TUPLE},
    {"srp1", B_SRP1, false, 1, 1, SR_OPTS, PT_PKT},
    {"srloop", B_SRLOOP, false, 1, 1, SRLOOP_OPTS, PT_TUPLE},
    {"srploop", B_SRPLOOP, false, 1, 1, SRLOOP_OPTS, PT_TUPLE},
    {"sniff", B_SNIFF, false, 0, 0, SNIFF_OPTS, PT_PKTLIST},
    {"wrpcap", B_WRPCAP, false, 2, 2, 0, PT_NONE},
    {"rdpcap", B_RDPCAP, false, 1, 1, BIT(O_COUNT), PT_PKTLIST},
    {"ls", B_LS, false, 0, 1, 0, PT_NONE},
    {"print", B_PRINT, false, 0, 16, 0, PT_NONE},
    {"hexdump", B_HEXDUMP, false, 1, 1, 0, PT_NONE},
    {"len", B_LEN, false, 1, 1, 0, PT_INT},
    {"random", B_RANDOM, false, 0, 1, 0, PT_RANDOM},
    /* fragment(pkt, fragsize=1480): Scapy's IP fragments, as a list */
    {"fragment", B_FRAGMENT, false, 1, 2, BIT(O_FRAGSIZE), PT_PKTLIST},
    {"summary", B_SUMMARY, true, 0, 0, 0, PT_NONE},
    {"show", B_SHOW, true, 0, 0, 0, PT_NONE},
    {"command", B_COMMAND, true, 0, 0, 0, PT_NONE},
    {"haslayer", B_HASLAYER, true, 1, 1, 0, PT_BOOL},
    /* Scapy's AsyncSniffer: the capture opens at start(), stop() gives the
     * packets (live_async.c) */
    {"AsyncSniffer", B_ASYNCSNIFFER, false, 0, 0, ASYNC_OPTS, PT_SNIFFER},
    {"start", B_START, true, 0, 0, 0, PT_NONE},
    {"stop", B_STOP, true, 0, 0, 0, PT_PKTLIST},
    {"join", B_JOIN, true, 0, 0, 0, PT_NONE},
    {"getlayer", B_GETLAYER, true, 1, 1, 0, PT_PKT},
    /* str(x): Python's str() of the value (docs/LANGUAGE.md, Text and bytes) */
    {"str", B_STR, false, 1, 1, 0, PT_STR},
    /* Scapy's idioms */
    {"raw", B_RAW, false, 1, 1, 0, PT_BYTES},
    {"bytes", B_RAW, false, 1, 1, 0, PT_BYTES},
    {"nsummary", B_NSUMMARY, true, 0, 0, 0, PT_NONE},
    {NULL, B__COUNT, false, 0, 0, 0, PT_NONE},
};

const struct ps_builtin_desc *ps_builtin_find(const char *name, bool method)
{
    for (const struct ps_builtin_desc *b = builtins; b->name; b++)
        if (b->method == method && strcmp(b->name, name) == 0)
            return b;
    return NULL;
}

const struct ps_builtin_desc *ps_builtin_all(void)
{
    return builtins;
}

int ps_opt_find(const char *name)
{
    if (strcmp(name, "verb") == 0)  /* Scapy's alias of verbose */
        return O_VERBOSE;
    for (int i = 0; i < O__COUNT; i++)
        if (strcmp(ps_opt_descs[i].name, name) == 0)
            return i;
    return -1;
}
