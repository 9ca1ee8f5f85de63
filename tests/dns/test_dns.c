/* DNS names and messages: decompression as Scapy's dns_get_str does it,
 * the loop guard, dissected messages written back byte for byte (Scapy
 * sends a dissected layer's own bytes), and the TCP length prefix. */
#include <CUnit/Basic.h>
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "dns_name.h"
#include "encode.h"
#include "linktype.h"
#include "print.h"

/* Frames Scapy 2.5.0 built: DNS(...).compress() of a CNAME chain and of a
 * SOA in the authority section, over Ether/IP/UDP. */
static const char *const cname_hex =
    "02000000000202000000000108004500005f000100004011ee65c6120002c612000100359c40004bc0ef0001"
    "8100000100020000000003777777076578616d706c6503636f6d0000010001c00c0005000100000000000603"
    "776562c010c02d00010001000000000004c0000214";
static const char *const soa_hex =
    "02000000000202000000000108004500006f000100004011ee55c6120002c612000100359c40005b30890003"
    "81000001000000010000026e78076578616d706c6503636f6d0000010001c00f00060001000000000027036e"
    "7331c00f0a686f73746d6173746572c00f0000000100000000000000000000000000000000";

static size_t unhex(const char *hex, uint8_t *out, size_t cap)
{
    size_t n = 0;
    for (; hex[0] && hex[1] && n < cap; hex += 2)
        sscanf(hex, "%2hhx", &out[n++]);
    return n;
}

static struct ps_packet pkt;
static struct ps_layer subs[40];
static struct ps_decode_room room;

static void decode(const uint8_t *p, size_t len)
{
    memset(&room, 0, sizeof room);
    room.subs = subs;
    room.subs_cap = 40;
    ps_decode(p, len, PS_DLT_EN10MB, &pkt, &room);
}

static const struct ps_layer *dns_layer(void)
{
    for (size_t i = 0; i < pkt.n; i++)
        if (strcmp(pkt.layers[i].proto->name, "DNS") == 0)
            return &pkt.layers[i];
    return NULL;
}

static const struct ps_fval *field(const struct ps_layer *l, const char *name)
{
    int fi = ps_field_index(l->proto, name);
    CU_ASSERT_FATAL(fi >= 0);
    return &l->v[fi];
}

static void expect_text(const struct ps_fval *v, const char *want)
{
    uint8_t text[PS_DNS_NAME_MAX];
    size_t n = ps_dns_name_text(v, text);
    CU_ASSERT(n == strlen(want) && memcmp(text, want, n) == 0);
    if (n != strlen(want) || memcmp(text, want, n) != 0)
        printf("\n  got '%.*s', want '%s'\n", (int)n, (const char *)text, want);
}

/* Written back, a dissected message is the frame again. */
static void expect_same_bytes(const uint8_t *p, size_t len)
{
    static uint8_t out[PS_MAX_FRAME];
    long n = ps_encode(&pkt, NULL, out, sizeof out, NULL);
    CU_ASSERT(n == (long)len && memcmp(out, p, len) == 0);
}

static void test_compressed_cname(void)
{
    uint8_t f[256];
    size_t len = unhex(cname_hex, f, sizeof f);
    decode(f, len);
    const struct ps_layer *dns = dns_layer();
    CU_ASSERT_PTR_NOT_NULL_FATAL(dns);
    const struct ps_fval *an = field(dns, "an");
    CU_ASSERT_EQUAL_FATAL(an->nsub, 2);
    expect_text(field(&an->sub[0], "rrname"), "www.example.com.");
    expect_text(field(&an->sub[0], "rdata"), "web.example.com.");
    expect_text(field(&an->sub[1], "rrname"), "web.example.com.");
    /* Scapy's "Reset rdlen if DNS compression was used": only where the
     * rdata's own name followed a pointer. */
    CU_ASSERT_FALSE(field(&an->sub[0], "rdlen")->set);
    CU_ASSERT_TRUE(field(&an->sub[1], "rdlen")->set);
    expect_same_bytes(f, len);
    char line[256];
    ps_summary(&pkt, line, sizeof line);
    CU_ASSERT_STRING_EQUAL(line, "Ether / IP / UDP / DNS Ans \"b'web.example.com.'\" ");
}

static void test_compressed_soa(void)
{
    uint8_t f[256];
    size_t len = unhex(soa_hex, f, sizeof f);
    decode(f, len);
    const struct ps_layer *dns = dns_layer();
    CU_ASSERT_PTR_NOT_NULL_FATAL(dns);
    const struct ps_fval *ns = field(dns, "ns");
    CU_ASSERT_EQUAL_FATAL(ns->nsub, 1);
    CU_ASSERT_STRING_EQUAL(ns->sub[0].proto->name, "DNSRRSOA");
    expect_text(field(&ns->sub[0], "mname"), "ns1.example.com.");
    expect_text(field(&ns->sub[0], "rname"), "hostmaster.example.com.");
    CU_ASSERT_EQUAL(field(&ns->sub[0], "serial")->u, 1);
    CU_ASSERT_FALSE(field(&ns->sub[0], "rdlen")->set);
    expect_same_bytes(f, len);
}

/* Ether/IP/UDP(53) headers before a DNS message of `len` bytes. */
static size_t with_headers(const uint8_t *msg, size_t len, uint8_t *out)
{
    static const char *const head =
        "0200000000020200000000010800450000000001000040110000c6120002c612000100359c4000000000";
    size_t n = unhex(head, out, 64);
    memcpy(out + n, msg, len);
    out[16] = (uint8_t)((20 + 8 + len) >> 8);
    out[17] = (uint8_t)(20 + 8 + len);
    out[38] = (uint8_t)((8 + len) >> 8);
    out[39] = (uint8_t)(8 + len);
    return n + len;
}

/* A name pointing at itself, and names pointing at each other, end. */
static void test_pointer_loops(void)
{
    /* qdcount 2: "\xc0\x0c" at 12 points at itself; at 18, a label then a
     * pointer back to 18. */
    static const uint8_t msg[] = {0, 1, 0x01, 0, 0, 2, 0, 0, 0, 0, 0, 0,
                                  0xc0, 12, 0, 1, 0, 1,
                                  1, 'a', 0xc0, 18, 0, 1, 0, 1};
    uint8_t f[128];
    size_t len = with_headers(msg, sizeof msg, f);
    decode(f, len);
    const struct ps_layer *dns = dns_layer();
    CU_ASSERT_PTR_NOT_NULL_FATAL(dns);
    const struct ps_fval *qd = field(dns, "qd");
    CU_ASSERT_EQUAL_FATAL(qd->nsub, 2);
    expect_text(field(&qd->sub[0], "qname"), ".");
    expect_text(field(&qd->sub[1], "qname"), "a.a.");
    expect_same_bytes(f, len);
}

/* A chain longer than the guard, each pointer to the next: the name stops
 * after PS_DNS_MAX_JUMPS of them, and where it stops does not move. */
static void test_jump_guard(void)
{
    enum { HOPS = 300 };
    uint8_t s[2 * HOPS + 2];
    for (size_t i = 0; i < HOPS; i++) {
        size_t next = 12 + 2 * (i + 1); /* the message offset of the next pointer */
        s[2 * i] = (uint8_t)(0xc0 | next >> 8);
        s[2 * i + 1] = (uint8_t)next;
    }
    s[2 * HOPS] = 1;
    s[2 * HOPS + 1] = 'z';
    struct ps_dns_name name;
    uint8_t text[PS_DNS_NAME_MAX];
    ps_dns_get_str(s, sizeof s, 0, sizeof s, text, sizeof text, &name);
    CU_ASSERT_TRUE(name.compressed);
    CU_ASSERT_EQUAL(name.end, 2);
    CU_ASSERT_EQUAL(name.text_len, 0);
    /* With fewer hops than the guard, the label at the end is reached. */
    s[2 * 100] = 1;
    s[2 * 100 + 1] = 'y';
    ps_dns_get_str(s, sizeof s, 0, sizeof s, text, sizeof text, &name);
    CU_ASSERT(name.text_len == 2 && memcmp(text, "y.", 2) == 0);
}

/* Labels that never end are cut at PS_DNS_NAME_MAX. */
static void test_text_cap(void)
{
    static uint8_t s[4000];
    for (size_t i = 0; i + 1 < sizeof s; i += 2) {
        s[i] = 1;
        s[i + 1] = 'x';
    }
    struct ps_dns_name name;
    static uint8_t text[PS_DNS_NAME_MAX];
    ps_dns_get_str(s, sizeof s, 0, sizeof s, text, sizeof text, &name);
    CU_ASSERT(name.text_len <= PS_DNS_NAME_MAX);
    CU_ASSERT(name.end <= sizeof s);
    CU_ASSERT_FALSE(name.compressed);
}

/* Scapy's index P - 12: a pointer into the header reads from the end of
 * the record area, as Python's negative indexes do. */
static void test_pointer_into_header(void)
{
    /* s = "\x01a\xc0\x02" ...: the pointer 2 is s[-10]. */
    uint8_t s[16] = {1, 'a', 0xc0, 2};
    memcpy(s + 6, "\x03xyz\x00", 5);
    struct ps_dns_name name;
    uint8_t text[64];
    ps_dns_get_str(s, sizeof s, 0, sizeof s, text, sizeof text, &name);
    CU_ASSERT(name.text_len == 6 && memcmp(text, "a.xyz.", 6) == 0);
    CU_ASSERT_EQUAL(name.end, 4);
}

/* Without room for the records, they stay bytes and go back the same. */
static void test_no_room(void)
{
    uint8_t f[256];
    size_t len = unhex(cname_hex, f, sizeof f);
    ps_decode(f, len, PS_DLT_EN10MB, &pkt, NULL);
    const struct ps_layer *dns = dns_layer();
    CU_ASSERT_PTR_NOT_NULL_FATAL(dns);
    CU_ASSERT_EQUAL(field(dns, "an")->nsub, 0);
    CU_ASSERT(field(dns, "an")->len > 0);
    expect_same_bytes(f, len);
}

/* Over TCP a length below 14, or past the bytes, is refused (Scapy's
 * pre_dissect raises): the message is Raw. */
static void test_tcp_length(void)
{
    static const char *const tcp =
        "020000000002020000000001080045000038000100004006ee8fc6120001c61200029c4000350000000000000000"
        "5018200000000000";
    uint8_t f[128];
    size_t n = unhex(tcp, f, sizeof f);
    static const uint8_t dns[] = {0, 5, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    memcpy(f + n, dns, sizeof dns);
    decode(f, n + sizeof dns);
    CU_ASSERT_STRING_EQUAL(pkt.layers[pkt.n - 1].proto->name, "Raw");
    f[n + 1] = 14;
    decode(f, n + sizeof dns);
    CU_ASSERT_STRING_EQUAL(pkt.layers[pkt.n - 1].proto->name, "DNS");
    CU_ASSERT_TRUE(field(&pkt.layers[pkt.n - 1], "length")->set);
}

static void expect_encoded(const char *text, const uint8_t *want, size_t want_len)
{
    uint8_t out[128];
    long n = ps_dns_encode((const uint8_t *)text, strlen(text), out, sizeof out);
    CU_ASSERT(n == (long)want_len && memcmp(out, want, want_len) == 0);
    CU_ASSERT_EQUAL(ps_dns_encode((const uint8_t *)text, strlen(text), NULL, 0), n);
    CU_ASSERT_EQUAL(ps_dns_encode((const uint8_t *)text, strlen(text), out, (size_t)n - 1), -1);
}

/* dns_encode: labels, an empty one between two dots, the root, a name
 * already encoded (no dot, a final 0 or pointer). */
static void test_encode(void)
{
    expect_encoded("www.example.com.", (const uint8_t *)"\3www\7example\3com", 17);
    expect_encoded("www.example.com", (const uint8_t *)"\3www\7example\3com", 17);
    expect_encoded("a..b", (const uint8_t *)"\1a\0\1b", 6);
    expect_encoded(".", (const uint8_t *)"", 1);
    expect_encoded("\3abc\300\14", (const uint8_t *)"\3abc\300\14", 6);
    char long_label[80];
    memset(long_label, 'q', 70);
    long_label[70] = '\0';
    uint8_t out[80];
    CU_ASSERT_EQUAL(ps_dns_encode((const uint8_t *)long_label, 70, out, sizeof out), 65);
    CU_ASSERT(out[0] == 63 && out[64] == 0);
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("dns", NULL, NULL);
    CU_add_test(s, "a compressed CNAME chain", test_compressed_cname);
    CU_add_test(s, "a compressed SOA", test_compressed_soa);
    CU_add_test(s, "pointer loops end", test_pointer_loops);
    CU_add_test(s, "the jump guard", test_jump_guard);
    CU_add_test(s, "the text cap", test_text_cap);
    CU_add_test(s, "a pointer into the header", test_pointer_into_header);
    CU_add_test(s, "no room for the records", test_no_room);
    CU_add_test(s, "the length prefix over TCP", test_tcp_length);
    CU_add_test(s, "dns_encode", test_encode);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}
