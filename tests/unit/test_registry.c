/* Name lookups and TCP options against what Scapy 2.5.0 does with the same
 * names and values (checked with Scapy: TCP(sport="ftp_data").sport == 20,
 * ICMP(type=3, code="port-unreachable").code == 3, ...). */
#include <CUnit/CUnit.h>
#include <string.h>

#include "packet.h"
#include "proto/proto.h"

static const struct ps_field *field(const char *proto, const char *name)
{
    const struct ps_proto *p = ps_proto_find(proto);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    int i = ps_field_index(p, name);
    CU_ASSERT_FATAL(i >= 0);
    return &p->fields[i];
}

static bool value_of(const char *proto, const char *fname, const char *name, uint64_t want)
{
    uint64_t v = ~want;
    return ps_enum_value(field(proto, fname), name, &v) && v == want;
}

static void test_enum_names(void)
{
    CU_ASSERT(value_of("TCP", "sport", "ftp_data", 20));
    CU_ASSERT(value_of("TCP", "sport", "ftp-data", 20));
    CU_ASSERT(value_of("TCP", "dport", "http", 80));
    CU_ASSERT(value_of("UDP", "dport", "domain", 53));
    CU_ASSERT(value_of("IP", "proto", "tcp", 6));
    CU_ASSERT(value_of("IP", "proto", "hopopt", 0));
    CU_ASSERT(value_of("IP", "proto", "ipv6-icmp", 58));
    CU_ASSERT(value_of("Ether", "type", "IPv4", 0x800));
    CU_ASSERT(value_of("Ether", "type", "n_802_1Q", 0x8100));
    CU_ASSERT(value_of("Ether", "type", "802_AD", 0x88a8));
    CU_ASSERT(value_of("Dot1Q", "type", "ARP", 0x806));
    CU_ASSERT(value_of("ARP", "op", "who-has", 1));
    CU_ASSERT(value_of("ARP", "op", "is_at", 2));
    CU_ASSERT(value_of("ARP", "hwtype", "ATM", 21)); /* three entries: the last wins */
    CU_ASSERT(value_of("ICMP", "type", "echo-request", 8));
    CU_ASSERT(value_of("ICMP", "type", "dest_unreach", 3));
    CU_ASSERT(value_of("IPOption_Router_Alert", "alert", "router_shall_examine_packet", 0));
    uint64_t v;
    CU_ASSERT_FALSE(ps_enum_value(field("IP", "proto"), "ip", &v)); /* overwritten by hopopt */
    CU_ASSERT_FALSE(ps_enum_value(field("IP", "proto"), "TCP", &v)); /* case counts */
    CU_ASSERT_FALSE(ps_enum_value(field("IP", "ttl"), "tcp", &v));
    CU_ASSERT_STRING_EQUAL(ps_enum_name(field("TCP", "sport"), 20), "ftp_data");
    CU_ASSERT_STRING_EQUAL(ps_enum_name(field("UDP", "sport"), 53), "domain");
    CU_ASSERT_STRING_EQUAL(ps_enum_name(field("Ether", "type"), 0x86dd), "IPv6");
    CU_ASSERT_STRING_EQUAL(ps_enum_name(field("IP", "proto"), 17), "udp");
    CU_ASSERT_PTR_NULL(ps_enum_name(field("TCP", "sport"), 4));
}

/* ICMP code names follow the type, as Scapy's MultiEnumField. */
static void test_icmp_code_by_type(void)
{
    const struct ps_proto *icmp = ps_proto_find("ICMP");
    const struct ps_field *code = field("ICMP", "code");
    struct ps_layer l;
    uint64_t v = 99;
    ps_layer_init(&l, icmp);
    l.v[0].set = true;
    l.v[0].u = 3;
    CU_ASSERT(ps_enum_value_in(&l, code, "port-unreachable", &v) && v == 3);
    CU_ASSERT_STRING_EQUAL(ps_enum_name_in(&l, code, 3), "port-unreachable");
    CU_ASSERT_STRING_EQUAL(ps_enum_name_in(&l, code, 13), "communication-prohibited");
    CU_ASSERT_PTR_NULL(ps_enum_name_in(&l, code, 8));
    l.v[0].u = 11;
    CU_ASSERT(ps_enum_value_in(&l, code, "ttl-zero-during-reassembly", &v) && v == 1);
    CU_ASSERT_STRING_EQUAL(ps_enums_in(&l, code)[0].name, "ttl-zero-during-transit");
    /* A name of another type still resolves (Scapy's s2i_all). */
    CU_ASSERT(ps_enum_value_in(&l, code, "host-redirect", &v) && v == 1);
    CU_ASSERT_FALSE(ps_enum_value_in(&l, code, "no-such-code", &v));
    /* Type unset: the default 8 has no code names. */
    l.v[0].set = false;
    CU_ASSERT_PTR_NULL(ps_enums_in(&l, code));
    CU_ASSERT_PTR_NULL(ps_enum_name_in(&l, code, 0));
    CU_ASSERT(ps_enum_value(code, "need-authorization", &v) && v == 5);
    CU_ASSERT_PTR_NULL(ps_enum_name(code, 0));
    /* A plain enum field through the layer functions. */
    const struct ps_field *type = field("ICMP", "type");
    CU_ASSERT(ps_enum_value_in(&l, type, "echo-reply", &v) && v == 0);
    CU_ASSERT_STRING_EQUAL(ps_enum_name_in(&l, type, 0), "echo-reply");
}

static void test_flags(void)
{
    const struct ps_field *ipf = field("IP", "flags"), *tcpf = field("TCP", "flags");
    uint64_t v = 99;
    const char *bad = NULL;
    CU_ASSERT(ps_flags_parse(ipf, "DF", &v, &bad) && v == 2);
    CU_ASSERT(ps_flags_parse(ipf, "MF+DF", &v, &bad) && v == 3);
    CU_ASSERT(ps_flags_parse(ipf, "evil", &v, &bad) && v == 4);
    CU_ASSERT(ps_flags_parse(ipf, "", &v, &bad) && v == 0);
    const char *text = "MF+XX";
    CU_ASSERT_FALSE(ps_flags_parse(ipf, text, &v, &bad));
    CU_ASSERT_PTR_EQUAL(bad, text + 3);
    CU_ASSERT_FALSE(ps_flags_parse(ipf, "MF+", &v, &bad));
    CU_ASSERT_FALSE(ps_flags_parse(ipf, "M", &v, &bad));
    CU_ASSERT(ps_flags_parse(tcpf, "SA", &v, &bad) && v == 0x12);
    CU_ASSERT(ps_flags_parse(tcpf, "S", &v, &bad) && v == 0x02);
    CU_ASSERT(ps_flags_parse(tcpf, "FSRPAUECN", &v, &bad) && v == 0x1ff);
    CU_ASSERT(ps_flags_parse(tcpf, "", &v, &bad) && v == 0);
    text = "SX";
    CU_ASSERT_FALSE(ps_flags_parse(tcpf, text, &v, &bad));
    CU_ASSERT_PTR_EQUAL(bad, text + 1);
    CU_ASSERT_FALSE(ps_flags_parse(tcpf, "s", &v, &bad));
    CU_ASSERT_FALSE(ps_flags_parse(field("IP", "ttl"), "S", &v, &bad));
}

static int opt(const char *name, unsigned kind, const struct ps_optarg *a, uint8_t *out,
               size_t cap, const char **err)
{
    *err = NULL;
    return ps_tcp_option_encode(name, kind, a, out, cap, err);
}

/* Each option as TCPOptionsField.i2m writes it (bytes checked with Scapy). */
static void test_tcp_options(void)
{
    uint8_t out[64];
    const char *err;
    struct ps_optarg none = {.kind = PS_OA_NONE};
    struct ps_optarg mss = {.kind = PS_OA_INTS, .ints = {1460}, .nints = 1};
    struct ps_optarg big = {.kind = PS_OA_INTS, .ints = {70000}, .nints = 1};
    struct ps_optarg ts = {.kind = PS_OA_INTS, .ints = {1, 2}, .nints = 2};
    struct ps_optarg sack = {.kind = PS_OA_INTS, .ints = {1, 2, 3}, .nints = 3};
    struct ps_optarg empty = {.kind = PS_OA_BYTES, .bytes = (const uint8_t *)"", .len = 0};
    struct ps_optarg raw = {.kind = PS_OA_BYTES, .bytes = (const uint8_t *)"\x05\xb4", .len = 2};

    CU_ASSERT_EQUAL(opt("MSS", 0, &mss, out, sizeof out, &err), 4);
    CU_ASSERT_EQUAL(memcmp(out, "\x02\x04\x05\xb4", 4), 0);
    CU_ASSERT_EQUAL(opt("MSS", 0, &raw, out, sizeof out, &err), 4);
    CU_ASSERT_EQUAL(memcmp(out, "\x02\x04\x05\xb4", 4), 0);
    CU_ASSERT_EQUAL(opt("NOP", 0, &mss, out, sizeof out, &err), 1); /* value ignored */
    CU_ASSERT_EQUAL(out[0], 1);
    CU_ASSERT_EQUAL(opt("EOL", 0, &none, out, sizeof out, &err), 1);
    CU_ASSERT_EQUAL(out[0], 0);
    CU_ASSERT_EQUAL(opt("SAckOK", 0, &empty, out, sizeof out, &err), 2);
    CU_ASSERT_EQUAL(memcmp(out, "\x04\x02", 2), 0);
    CU_ASSERT_EQUAL(opt("Timestamp", 0, &ts, out, sizeof out, &err), 10);
    CU_ASSERT_EQUAL(memcmp(out, "\x08\x0a\0\0\0\x01\0\0\0\x02", 10), 0);
    CU_ASSERT_EQUAL(opt("SAck", 0, &sack, out, sizeof out, &err), 14);
    CU_ASSERT_EQUAL(out[1], 14);
    CU_ASSERT_EQUAL(opt("WScale", 0, &mss, out, sizeof out, &err), -1); /* 1460 > 255 */
    CU_ASSERT_PTR_NOT_NULL(err);
    CU_ASSERT_EQUAL(opt("MSS", 0, &big, out, sizeof out, &err), -1);
    CU_ASSERT_EQUAL(opt("MSS", 0, &none, out, sizeof out, &err), -1);
    CU_ASSERT_STRING_EQUAL(err, "TCP option 'MSS' takes an integer (0..65535) or bytes");
    CU_ASSERT_EQUAL(opt("Timestamp", 0, &mss, out, sizeof out, &err), -1);
    CU_ASSERT_EQUAL(opt("SAckOK", 0, &none, out, sizeof out, &err), -1); /* Scapy: TypeError */
    CU_ASSERT_EQUAL(opt("MD5", 0, &mss, out, sizeof out, &err), -1);
    CU_ASSERT_EQUAL(opt("Mood", 0, &mss, out, sizeof out, &err), -1);
    CU_ASSERT_EQUAL(opt("Bogus", 0, &mss, out, sizeof out, &err), -1);
    CU_ASSERT_PTR_NOT_NULL(err);
    /* By number: 0 and 1 are EOL and NOP; others take bytes. */
    CU_ASSERT_EQUAL(opt(NULL, 1, &none, out, sizeof out, &err), 1);
    CU_ASSERT_EQUAL(opt(NULL, 77, &raw, out, sizeof out, &err), 4);
    CU_ASSERT_EQUAL(memcmp(out, "\x4d\x04\x05\xb4", 4), 0);
    CU_ASSERT_EQUAL(opt(NULL, 77, &mss, out, sizeof out, &err), -1);
    CU_ASSERT_EQUAL(opt(NULL, 256, &raw, out, sizeof out, &err), -1);
    /* Never past cap. */
    memset(out, 0xa5, sizeof out);
    CU_ASSERT_EQUAL(opt("Timestamp", 0, &ts, out, 9, &err), -1);
    CU_ASSERT_EQUAL(out[0], 0xa5);
    CU_ASSERT_EQUAL(opt("NOP", 0, &none, out, 0, &err), -1);
    uint8_t long_value[300] = {0};
    struct ps_optarg too_long = {.kind = PS_OA_BYTES, .bytes = long_value, .len = 254};
    CU_ASSERT_EQUAL(opt("AO", 0, &too_long, out, sizeof out, &err), -1);

    size_t known = 0;
    for (const char *const *n = ps_tcp_option_names(); *n; n++, known++)
        CU_ASSERT(opt(*n, 0, &empty, out, sizeof out, &err) > 0 ||
                  opt(*n, 0, &mss, out, sizeof out, &err) > 0 ||
                  opt(*n, 0, &ts, out, sizeof out, &err) > 0);
    CU_ASSERT_EQUAL(known, 14);
}

static void test_field_index(void)
{
    const struct ps_proto *ip = ps_proto_find("IP");
    CU_ASSERT_EQUAL(ps_field_index(ip, "version"), 0);
    CU_ASSERT_EQUAL(ps_field_index(ip, "options"), 12);
    CU_ASSERT_EQUAL(ps_field_index(ip, "dts"), -1);
    CU_ASSERT_STRING_EQUAL(ps_proto_find("Dot1Q")->long_name, "802.1Q");
    CU_ASSERT_STRING_EQUAL(ps_proto_find("IPOption_RR")->klass, "IPOption");
}

int run_registry_suite(void);
int run_registry_suite(void)
{
    CU_pSuite s = CU_add_suite("registry", NULL, NULL);
    CU_add_test(s, "enum names", test_enum_names);
    CU_add_test(s, "ICMP code names by type", test_icmp_code_by_type);
    CU_add_test(s, "flags", test_flags);
    CU_add_test(s, "TCP options", test_tcp_options);
    CU_add_test(s, "field index", test_field_index);
    return 0;
}
