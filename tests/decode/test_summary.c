/* summary() lines against Scapy's for the golden frames, and i2repr text. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <string.h>

#include "golden.h"
#include "proto/proto.h"

static struct decoded dec;

static void test_summary_lines(void)
{
    const struct golden *g = golden_get();
    char line[1024];
    size_t compared = 0;
    for (size_t i = 0; i < g->n; i++) {
        const struct golden_frame *f = &g->frames[i];
        CU_ASSERT_PTR_NOT_NULL_FATAL(f->summary);
        decode_frame(&dec, f->data, f->len, f->linktype);
        ps_summary(&dec.pkt, line, sizeof line);
        bool same = strcmp(line, f->summary) == 0;
        if (f->xfail) {
            /* Strict: a known difference that went away must lose its mark. */
            if (same) {
                printf("\nframe %zu: now matches Scapy; drop its xfail (%s)\n", i + 1, f->xfail);
                CU_FAIL("xfail frame matches Scapy");
            }
            continue;
        }
        if (!same) {
            printf("\nframe %zu:\n  got      '%s'\n  expected '%s'\n", i + 1, line, f->summary);
            CU_FAIL("summary differs from Scapy's");
        }
        compared++;
    }
    CU_ASSERT(compared >= 20);
}

static int fmt(const char *proto, const char *name, const struct ps_fval *v, char *out)
{
    const struct ps_proto *p = ps_proto_find(proto);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    int fi = ps_field_index(p, name);
    CU_ASSERT_FATAL(fi >= 0);
    return ps_format_value(&p->fields[fi], v, out, 256);
}

static void test_format_value(void)
{
    char out[256];
    struct ps_fval v = {.set = true};

    v.u = 0x0800;
    fmt("Ether", "type", &v, out);
    CU_ASSERT_STRING_EQUAL(out, "IPv4");
    v.u = 0x9000;
    fmt("Ether", "type", &v, out);
    CU_ASSERT_STRING_EQUAL(out, "0x9000");   /* XShortEnumField: hex when unnamed */
    v.u = 6;
    fmt("IP", "proto", &v, out);
    CU_ASSERT_STRING_EQUAL(out, "tcp");
    v.u = 253;
    fmt("IP", "proto", &v, out);
    CU_ASSERT_STRING_EQUAL(out, "253");       /* ByteEnumField: decimal */
    v.u = 0x66cd;
    fmt("IP", "chksum", &v, out);
    CU_ASSERT_STRING_EQUAL(out, "0x66cd");
    v.u = 0;
    fmt("IP", "tos", &v, out);
    CU_ASSERT_STRING_EQUAL(out, "0x0");
    v.u = 2;
    fmt("IP", "flags", &v, out);
    CU_ASSERT_STRING_EQUAL(out, "DF");
    v.u = 3;
    fmt("IP", "flags", &v, out);
    CU_ASSERT_STRING_EQUAL(out, "MF+DF");
    v.u = 0;
    fmt("IP", "flags", &v, out);
    CU_ASSERT_STRING_EQUAL(out, "");
    v.u = 0x12;
    fmt("TCP", "flags", &v, out);
    CU_ASSERT_STRING_EQUAL(out, "SA");
    v.u = 20;
    fmt("TCP", "sport", &v, out);
    CU_ASSERT_STRING_EQUAL(out, "ftp_data");
    v.u = 40000;
    fmt("TCP", "sport", &v, out);
    CU_ASSERT_STRING_EQUAL(out, "40000");
    memcpy(v.addr, "\x02\x00\x00\xaa\xbb\xcc", 6);
    fmt("Ether", "src", &v, out);
    CU_ASSERT_STRING_EQUAL(out, "02:00:00:aa:bb:cc");
    memcpy(v.addr, "\xc6\x12\x00\x02", 4);
    fmt("IP", "dst", &v, out);
    CU_ASSERT_STRING_EQUAL(out, "198.18.0.2");

    /* Raw.load: repr() of the text, as Scapy's StrField.i2repr. */
    static const uint8_t load[] = "GET /\r\n\x00\xff'\\\xc3\xa9\xc2\x80";
    v.bytes = load;
    v.len = sizeof load - 1;
    fmt("Raw", "load", &v, out);
    CU_ASSERT_STRING_EQUAL(out, "\"GET /\\r\\n\\x00\\\\xff'\\\\\xc3\xa9\\x80\"");
    v.bytes = (const uint8_t *)"xy";
    v.len = 2;
    fmt("Raw", "load", &v, out);
    CU_ASSERT_STRING_EQUAL(out, "'xy'");

    /* snprintf's contract */
    v.u = 0x0800;
    const struct ps_proto *ether = ps_proto_find("Ether");
    CU_ASSERT_EQUAL(ps_format_value(&ether->fields[2], &v, out, 3), 4);
    CU_ASSERT_STRING_EQUAL(out, "IP");
    CU_ASSERT_EQUAL(ps_format_value(&ether->fields[2], &v, NULL, 0), 4);
}

static void test_format_field_in_layer(void)
{
    const struct golden *g = golden_get();
    char out[256];
    /* ICMP code names depend on the type (MultiEnumField). */
    for (size_t i = 0; i < g->n; i++) {
        const struct golden_frame *f = &g->frames[i];
        decode_frame(&dec, f->data, f->len, f->linktype);
        for (size_t k = 0; k < dec.pkt.n; k++)
            if (strcmp(dec.pkt.layers[k].proto->name, "ICMP") == 0 &&
                dec.pkt.layers[k].v[0].u == 3) {
                ps_format_field(&dec.pkt, k, "code", out, sizeof out);
                CU_ASSERT_STRING_EQUAL(out, "port-unreachable");
                ps_format_field(&dec.pkt, k, "type", out, sizeof out);
                CU_ASSERT_STRING_EQUAL(out, "dest-unreach");
            }
    }
    /* An unset field shows its default and the binding from above. */
    struct ps_packet pkt = {.n = 2};
    ps_layer_init(&pkt.layers[0], ps_proto_find("IP"));
    ps_layer_init(&pkt.layers[1], ps_proto_find("UDP"));
    ps_format_field(&pkt, 0, "proto", out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "udp");
    ps_format_field(&pkt, 0, "dst", out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "127.0.0.1");
    CU_ASSERT_EQUAL(ps_format_field(&pkt, 0, "nosuchfield", out, sizeof out), 0);
    ps_summary(&pkt, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "IP / UDP 0.0.0.0:domain > 127.0.0.1:domain");
}

/* A mysummary longer than the walk's scratch, and one that says nothing. */
static int long_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    (void)pkt;
    (void)idx;
    char text[301];
    memset(text, 'x', 300);
    text[300] = '\0';
    return snprintf(out, cap, "%s", text);
}

static int no_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    (void)pkt;
    (void)idx;
    if (cap)
        out[0] = '\0';
    return 0;
}

static ps_mysummary_fn test_hooks(const struct ps_proto *p)
{
    return strcmp(p->name, "IP") == 0 ? long_summary : no_summary;
}

static void test_summary_walk(void)
{
    static char out[512], small[40];
    struct ps_packet pkt = {.n = 3};
    ps_layer_init(&pkt.layers[0], ps_proto_find("Ether"));
    ps_layer_init(&pkt.layers[1], ps_proto_find("IP"));
    ps_layer_init(&pkt.layers[2], ps_proto_find("Raw"));
    int n = ps_summary_with(&pkt, test_hooks, out, sizeof out);
    CU_ASSERT_EQUAL(n, 8 + 300 + 6);
    CU_ASSERT_EQUAL(strlen(out), (size_t)n);
    CU_ASSERT(strncmp(out, "Ether / xxx", 11) == 0);
    CU_ASSERT(strcmp(out + n - 9, "xxx / Raw") == 0);
    CU_ASSERT_EQUAL(ps_summary_with(&pkt, test_hooks, small, sizeof small), n);
    CU_ASSERT(strlen(small) == sizeof small - 1 && strncmp(small, out, sizeof small - 1) == 0);
    pkt.n = 0;
    CU_ASSERT_EQUAL(ps_summary(&pkt, out, sizeof out), 0);
    CU_ASSERT_STRING_EQUAL(out, "");
}

void add_summary_tests(void)
{
    CU_pSuite s = CU_add_suite("summary", NULL, NULL);
    CU_add_test(s, "summary lines as Scapy's", test_summary_lines);
    CU_add_test(s, "i2repr of field values", test_format_value);
    CU_add_test(s, "fields seen in their layer", test_format_field_in_layer);
    CU_add_test(s, "the walk, long and empty texts", test_summary_walk);
}
