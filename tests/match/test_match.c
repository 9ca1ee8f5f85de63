/* match.c against Scapy 2.5.0: for each request/reply pair of cases.txt
 * (made by gen_cases.py), the hashret() strings of both and
 * reply.answers(request) must be what Scapy computed. */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "linktype.h"
#include "match.h"

static const char *cases_path;

static size_t unhex(const char *s, uint8_t *out, size_t cap)
{
    size_t n = 0;
    if (strcmp(s, "-") == 0)
        return 0;
    for (; s[0] && s[1] && n < cap; s += 2) {
        unsigned v;
        if (sscanf(s, "%2x", &v) != 1)
            break;
        out[n++] = (uint8_t)v;
    }
    return n;
}

struct side {
    uint8_t frame[2048];
    size_t len;
    struct ps_packet pkt;
    struct ps_layer subs[40];
};

static void decode_side(struct side *s, const char *hex)
{
    s->len = unhex(hex, s->frame, sizeof s->frame);
    struct ps_decode_room room = {.subs = s->subs, .subs_cap = 40};
    ps_decode(s->frame, s->len, PS_DLT_EN10MB, &s->pkt, &room);
}

static void check_hash(const char *name, const char *what, const struct ps_hash *got,
                       const char *want_hex)
{
    uint8_t want[PS_HASH_MAX];
    size_t n = unhex(want_hex, want, sizeof want);
    bool same = n == got->n && memcmp(want, got->b, n) == 0;
    if (!same) {
        fprintf(stderr, "\n%s: %s hashret is ", name, what);
        for (size_t i = 0; i < got->n; i++)
            fprintf(stderr, "%02x", got->b[i]);
        fprintf(stderr, ", Scapy's is %s\n", want_hex);
    }
    CU_ASSERT(same);
}

static void test_scapy_cases(void)
{
    FILE *f = fopen(cases_path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    static struct side req, rep;
    char line[8192];
    int cases = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#')
            continue;
        char name[128], rq[4096], rp[4096], hq[256], hp[256];
        int level, answers;
        if (sscanf(line, "%127s %d %4095s %4095s %255s %255s %d", name, &level, rq, rp, hq, hp,
                   &answers) != 7)
            continue;
        cases++;
        decode_side(&req, rq);
        decode_side(&rep, rp);
        size_t from = level == 3 ? 1 : 0;
        struct ps_hash a, b;
        ps_hashret(&req.pkt, from, &a);
        ps_hashret(&rep.pkt, from, &b);
        check_hash(name, "request", &a, hq);
        check_hash(name, "reply", &b, hp);
        bool got = ps_answers(&rep.pkt, from, &req.pkt, from);
        if (got != (answers != 0))
            fprintf(stderr, "\n%s: answers() is %d, Scapy's is %d\n", name, got, answers);
        CU_ASSERT_EQUAL(got, answers != 0);
        bool same_digest = ps_hash_digest(&a) == ps_hash_digest(&b);
        CU_ASSERT_EQUAL(same_digest, strcmp(hq, hp) == 0);
    }
    fclose(f);
    CU_ASSERT(cases >= 30);
}

/* A layer-3 reply seen without its request's payload: NoPayload answers
 * only NoPayload or Padding. */
static void test_no_payload(void)
{
    static struct side req, rep;
    /* UDP 10.0.0.1:5555 > 10.0.0.2:9 "ping", and a reply with no payload. */
    decode_side(&req, "020000000002020000000001080045000020000100004011669f0a0000010a00000215b3"
                      "0009000c0000"
                      "70696e67");
    decode_side(&rep, "020000000001020000000002080045000020000100004011669f0a0000020a000001000915b3"
                      "000c0000"
                      "70696e67");
    CU_ASSERT_TRUE(ps_answers(&rep.pkt, 1, &req.pkt, 1));
    rep.pkt.n--; /* drop the reply's Raw */
    CU_ASSERT_FALSE(ps_answers(&rep.pkt, 1, &req.pkt, 1));
    req.pkt.n--; /* and the request's */
    CU_ASSERT_TRUE(ps_answers(&rep.pkt, 1, &req.pkt, 1));
}

static void test_digest(void)
{
    struct ps_hash a = {.n = 0}, b = {.n = 1, .b = {0}};
    CU_ASSERT_NOT_EQUAL(ps_hash_digest(&a), ps_hash_digest(&b));
    struct ps_hash big = {.n = 0};
    uint8_t chunk[64] = {1};
    ps_hash_put(&big, chunk, sizeof chunk);
    ps_hash_put(&big, chunk, sizeof chunk);
    CU_ASSERT_EQUAL(big.n, PS_HASH_MAX); /* cut, never past the buffer */
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s cases.txt\n", argv[0]);
        return 2;
    }
    cases_path = argv[1];
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    CU_pSuite s = CU_add_suite("match", NULL, NULL);
    CU_add_test(s, "Scapy's hashret and answers", test_scapy_cases);
    CU_add_test(s, "NoPayload", test_no_payload);
    CU_add_test(s, "digest", test_digest);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}
