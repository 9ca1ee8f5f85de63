/* The tables' decoding hooks (options_len, payload_len, guess_payload,
 * dispatch) through the generic decoder: the layers Scapy 2.5.0 dissects
 * the encoder's vectors into (Ether(bytes).layers(), checked with Scapy). */
#include <CUnit/CUnit.h>
#include <string.h>

#include "decode.h"
#include "pktbuild.h"
#include "proto/proto.h"

struct dissection {
    const char *first;
    const char *hex;
    const char *layers[8];  /* ended by NULL */
    const char *options[4]; /* IP's option classes, ended by NULL */
};

static const struct dissection cases[] = {
    /* padding: Ether/IP/UDP(sport=1234, dport=7)/Raw(b"xy")/Padding(b"\x00" * 10) */
    {"Ether",
     "02000000000202000000000108004500001e00010000401166cc0a0000010a00000204d20007000a6e85787900000000000000000000",
     {"Ether", "IP", "UDP", "Raw", "Padding", NULL}, {NULL}},
    /* tcp_options_numeric: dataofs 15 */
    {"IP",
     "4500005000010000400666a50a0000010a000002001400500000000000000000f0022000d1650000020405b401020401020402131261626300000000000000000000000000630578797a050200000000",
     {"IP", "TCP", NULL}, {NULL}},
    /* ip_option_rr: the pad byte dissects as IPOption_EOL */
    {"IP", "4800002800010000400144b70a0000010a000002070b040102030405060708000800f7ff00000000",
     {"IP", "ICMP", NULL}, {"IPOption_RR", "IPOption_EOL", NULL}},
    /* error_classes_tcp: ICMP time-exceeded quoting IP/TCP */
    {"Ether",
     "02000000000202000000000108004500004400010000400166b60a0000020a0000010b00091d000000004500002800010000400666cd0a0000010a000002001400160000000000000000500220007bb60000",
     {"Ether", "IP", "ICMP", "IPerror", "TCPerror", NULL}, {NULL}},
    /* dot1q_arp + 6 bytes: ARP has no payload */
    {"Ether",
     "02000000000202000000000181000003080600010800060400010200000000010a0000010000000000000a000002000000000000",
     {"Ether", "Dot1Q", "ARP", "Padding", NULL}, {NULL}},
};

static void test_dissections(void)
{
    static struct ps_packet pkt;
    struct ps_layer subs[40];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint8_t frame[256];
        size_t n = tp_unhex(cases[i].hex, frame, sizeof frame);
        struct ps_decode_room room = {.subs = subs, .subs_cap = 40};
        ps_decode_as(ps_proto_find(cases[i].first), frame, n, &pkt, &room);
        size_t k = 0;
        for (; cases[i].layers[k]; k++) {
            CU_ASSERT_FATAL(k < pkt.n);
            CU_ASSERT_STRING_EQUAL(pkt.layers[k].proto->name, cases[i].layers[k]);
        }
        CU_ASSERT_EQUAL(pkt.n, k);
        const struct ps_proto *ip = ps_proto_find("IP");
        for (size_t l = 0; l < pkt.n; l++) {
            if (pkt.layers[l].proto != ip)
                continue;
            const struct ps_fval *opts = &pkt.layers[l].v[ps_field_index(ip, "options")];
            size_t o = 0;
            for (; cases[i].options[o]; o++) {
                CU_ASSERT_FATAL(o < opts->nsub);
                CU_ASSERT_STRING_EQUAL(opts->sub[o].proto->name, cases[i].options[o]);
            }
            CU_ASSERT_EQUAL(opts->nsub, o);
        }
    }
}

int run_decode_hooks_suite(void);
int run_decode_hooks_suite(void)
{
    CU_pSuite s = CU_add_suite("decode hooks", NULL, NULL);
    CU_add_test(s, "dissections as Scapy", test_dissections);
    return 0;
}
