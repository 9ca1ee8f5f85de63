/* Frame plans: every member a plan patches equals the member the encoder
 * builds, and the plain sets get a plan at all (so the fast path is the one
 * that runs). Sets come from spec text through the whole front end. */
#include <CUnit/Basic.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "interp.h"
#include "plan.h"

/* Evaluates `p = EXPR` and hands back p's template, by running the spec
 * with a hook-free dry run: the IR's first user statement is the binding. */
static struct ps_value packet_of(const char *expr)
{
    char text[1024];
    snprintf(text, sizeof text, "p = %s\n", expr);
    struct ps_source src = {.path = "t.pkt", .text = text, .len = strlen(text)};
    FILE *sink = fopen("/dev/null", "w");
    struct ps_diag d;
    ps_diag_init(&d, &src, sink);
    struct ast_node *ast = ps_parse(&src, &d);
    struct ps_program *prog = d.errors ? NULL : ps_compile(ast, &d, NULL, 0);
    fclose(sink);
    struct ps_value v = {.t = PT_NONE};
    if (prog) {
        struct ps_run_opts o = {.mode = PS_RUN_DRY, .quiet = true, .no_files = true};
        o.out = o.err = stderr;
        v = ps_eval_binding(prog, &o, "p");
    }
    ps_program_free(prog);
    ast_free(ast);
    return v;
}

static struct ps_env env(void)
{
    struct ps_env e = {.have_src_mac = true, .have_src_ip4 = true, .have_dst_mac = true,
                       .src_mac = {2, 0, 0, 0, 0, 1}, .src_ip4 = {198, 18, 0, 1},
                       .dst_mac = {2, 0, 0, 0, 0, 2}};
    return e;
}

/* Returns whether a plan was made; every member is compared either way. */
static bool check_set(const char *expr, uint64_t want_count)
{
    struct ps_value v = packet_of(expr);
    CU_ASSERT_EQUAL_FATAL(v.t, PT_PKT);
    struct ps_env e = env();
    uint64_t n = ps_tpkt_count(&v.obj->pkt);
    CU_ASSERT_EQUAL(n, want_count);
    struct ps_plan *plan = ps_plan_build(&v.obj->pkt, &e);
    static uint8_t got[PS_MAX_FRAME], want[PS_MAX_FRAME];
    struct ps_packet *pkt = malloc(sizeof *pkt);
    for (uint64_t i = 0; plan && i < n; i++) {
        uint64_t rng = 1;
        ps_tpkt_member(&v.obj->pkt, i, &rng, pkt);
        long wl = ps_encode(pkt, &e, want, sizeof want, NULL);
        size_t gl = ps_plan_member(plan, i, got);
        CU_ASSERT_EQUAL(wl, (long)gl);
        if (wl != (long)gl || memcmp(got, want, gl) != 0) {
            CU_FAIL("a planned member differs from the encoder's");
            fprintf(stderr, "%s: member %llu differs\n", expr, (unsigned long long)i);
            break;
        }
    }
    bool made = plan != NULL;
    free(pkt);
    ps_plan_free(plan);
    ps_val_release(&v);
    return made;
}

static void test_plain_sets_get_plans(void)
{
    CU_ASSERT_TRUE(check_set("Ether()/IP(dst=198.18.0.2)/TCP(dport=1..1024, flags=S)", 1024));
    CU_ASSERT_TRUE(check_set("Ether()/IP(dst=198.18.0.0/22)/ICMP(id=7, seq=[1, 2, 3])", 3072));
    CU_ASSERT_TRUE(check_set("Ether()/IP(dst=198.18.0.2, ttl=1..30)/UDP(sport=40000, dport=33434..33464)/\"probe\"", 30 * 31));
    CU_ASSERT_TRUE(check_set("Ether()/Dot1Q(vlan=1..4094)/IP(dst=198.18.0.2)/ICMP()", 4094));
    CU_ASSERT_TRUE(check_set("Ether(dst=ff:ff:ff:ff:ff:ff)/ARP(pdst=198.18.0.0/24)", 256));
    /* A list of flags is ORed into one value, as in Scapy: 4 x 2 members. */
    CU_ASSERT_TRUE(check_set("Ether()/IP(dst=198.18.0.2, flags=[1, 2], frag=0..3)/TCP(sport=[1, 2], dport=80)", 8));
}

static void test_udp_zero_checksum_stays_ffff(void)
{
    /* Every 16-bit value of sport passes the one that makes the sum 0. */
    CU_ASSERT_TRUE(check_set("Ether()/IP(dst=198.18.0.2)/UDP(sport=0..65535, dport=9)/\"x\"", 65536));
}

static void test_sctp_crc32c_recomputed(void)
{
    /* SCTP's CRC-32C has no incremental fix: the plan recomputes it. */
    CU_ASSERT_TRUE(check_set("Ether()/IP(dst=198.18.0.2)/SCTP(sport=1..300, dport=[80, 81])/SCTPChunkInit(init_tag=7)", 600));
    CU_ASSERT_TRUE(check_set("Ether()/IPv6(dst=2001:db8::2)/SCTP(sport=5000, dport=80, tag=0..99)/SCTPChunkData(tsn=1, data=\"abc\")", 100));
    /* A chksum given is kept: nothing to recompute. */
    CU_ASSERT_TRUE(check_set("Ether()/IP(dst=198.18.0.2)/SCTP(dport=1..9, chksum=0x1234)/SCTPChunkCookieAck()", 9));
}

static void test_hard_sets_stay_exact(void)
{
    /* A set inside a quoted packet changes two nested checksums; whatever
     * the plan decides, every member must equal the encoder's. */
    check_set("Ether()/IP(dst=198.18.0.2)/ICMP(type=3, code=3)/IP(src=198.18.0.2, dst=198.18.0.0/28)/UDP()", 16);
    check_set("Ether()/IP(dst=198.18.0.2)/ICMP(type=[0, 8, 13])", 3);
    check_set("Ether()/IP(dst=198.18.0.2, options=[IPOption_NOP()], ihl=[6, 7])/TCP()", 2);
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    CU_pSuite s = CU_add_suite("plan", NULL, NULL);
    CU_add_test(s, "plain sets get plans that match the encoder", test_plain_sets_get_plans);
    CU_add_test(s, "a UDP checksum of 0 is sent as 0xffff", test_udp_zero_checksum_stays_ffff);
    CU_add_test(s, "hard sets stay exact", test_hard_sets_stay_exact);
    CU_add_test(s, "SCTP's CRC-32C is recomputed", test_sctp_crc32c_recomputed);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}
