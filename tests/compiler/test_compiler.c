/* Unit tests of the compiler's stages and the value model: did-you-mean,
 * implicit sets in Scapy's order, field coercion, and whole specs compiled
 * from text (errors counted, params overridden). */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coerce.h"
#include "compile.h"
#include "decode.h"
#include "encode.h"
#include "suggest.h"
#include "value.h"
#include "proto/proto.h"

static const char *suggest(const char *word, const char *const *cands)
{
    struct ps_suggest s;
    ps_suggest_init(&s, word);
    for (size_t i = 0; cands[i]; i++)
        ps_suggest_offer(&s, cands[i]);
    return ps_suggest_best(&s);
}

static void test_suggest(void)
{
    const char *const fields[] = {"version", "ihl", "tos", "len", "id", "flags", "frag",
                                  "ttl", "proto", "chksum", "src", "dst", "options", NULL};
    CU_ASSERT_STRING_EQUAL(suggest("dts", fields), "dst");
    CU_ASSERT_STRING_EQUAL(suggest("tll", fields), "ttl");
    CU_ASSERT_STRING_EQUAL(suggest("chksun", fields), "chksum");
    CU_ASSERT_PTR_NULL(suggest("window", fields));
    CU_ASSERT_PTR_NULL(suggest("dst", fields)); /* an exact name needs no suggestion */
}

/* Compiles text; returns the program or NULL, and the error count. */
static struct ps_program *compile_text(const char *text, const struct ps_define *defs,
                                       size_t ndefs, int *errors, struct ast_node **ast,
                                       struct ps_source *src)
{
    src->path = "t.pkt";
    src->text = text;
    src->len = strlen(text);
    FILE *sink = fopen("/dev/null", "w");
    struct ps_diag d;
    ps_diag_init(&d, src, sink);
    *ast = ps_parse(src, &d);
    struct ps_program *p = d.errors ? NULL : ps_compile(*ast, &d, defs, ndefs);
    *errors = d.errors;
    fclose(sink);
    return p;
}

static int errors_of(const char *text)
{
    int errors;
    struct ast_node *ast;
    struct ps_source src;
    struct ps_program *p = compile_text(text, NULL, 0, &errors, &ast, &src);
    ps_program_free(p);
    ast_free(ast);
    return errors;
}

static void test_every_error_is_reported(void)
{
    CU_ASSERT_EQUAL(errors_of("x = IP(dts=1)\ny = TCP(flags=Q)\nz = UDP(sport=70000)\n"), 3);
    CU_ASSERT_EQUAL(errors_of("x = IP(dst=2001:db8::1)\n"), 1);
    CU_ASSERT_EQUAL(errors_of("x = IP(dst=10.0.0.1)/TCP(dport=[22, 80])\n"), 0);
    CU_ASSERT_EQUAL(errors_of("expect 1 == 1\n"), 1);            /* outside a test */
    CU_ASSERT_EQUAL(errors_of("send(IP(), count=-1)\n"), 1);
    CU_ASSERT_EQUAL(errors_of("send(IP(), loop=true)\n"), 1);
    CU_ASSERT_EQUAL(errors_of("send(IP(), loop=true, count=3)\n"), 0);
    CU_ASSERT_EQUAL(errors_of("p = IP()\np[TCP].dprt = 1\n"), 1);
}

static uint16_t dport_of(const struct ps_packet *p, size_t layer)
{
    int fi = ps_field_index(p->layers[layer].proto, "dport");
    return (uint16_t)p->layers[layer].v[fi].u;
}

static void test_set_order(void)
{
    /* IP(dst=10.0.0.0/31, ttl=1..2)/TCP(dport=[7, 8], sport=1..2): the upper
     * layer varies fastest; in a layer, the field that comes first (sport
     * before dport, ttl before dst). */
    const struct ps_proto *ip = ps_proto_find("IP"), *tcp = ps_proto_find("TCP");
    CU_ASSERT_PTR_NOT_NULL_FATAL(ip);
    CU_ASSERT_PTR_NOT_NULL_FATAL(tcp);
    struct ps_value a = ps_val_layer(ip), b = ps_val_layer(tcp);
    char err[128];
    struct ps_value dsts = {.t = PT_PREFIX4, .prefix = 31, .addr = {10, 0, 0, 0}};
    struct ps_value ttl = {.t = PT_RANGE, .u = 1, .hi = 2};
    CU_ASSERT_PTR_NULL(ps_coerce_field(a.obj->pkt.layers[0], ps_field_index(ip, "dst"), &dsts, err, sizeof err));
    CU_ASSERT_PTR_NULL(ps_coerce_field(a.obj->pkt.layers[0], ps_field_index(ip, "ttl"), &ttl, err, sizeof err));
    struct ps_value ports = ps_val_list(PT_LIST);
    ps_list_push(&ports, ps_val_int(PT_INT, 7));
    ps_list_push(&ports, ps_val_int(PT_INT, 8));
    struct ps_value sports = {.t = PT_RANGE, .u = 1, .hi = 2};
    CU_ASSERT_PTR_NULL(ps_coerce_field(b.obj->pkt.layers[0], ps_field_index(tcp, "dport"), &ports, err, sizeof err));
    CU_ASSERT_PTR_NULL(ps_coerce_field(b.obj->pkt.layers[0], ps_field_index(tcp, "sport"), &sports, err, sizeof err));
    struct ps_value s = ps_val_stack(&a, &b);
    CU_ASSERT_EQUAL_FATAL(ps_tpkt_count(&s.obj->pkt), 16);
    struct ps_packet *p = calloc(1, sizeof *p);
    uint64_t rng = 1;
    int fdst = ps_field_index(ip, "dst"), fttl = ps_field_index(ip, "ttl");
    int fsport = ps_field_index(tcp, "sport");
    /* expected (dst last byte, ttl, dport, sport) for members 0..5 */
    const int want[6][4] = {{0, 1, 7, 1}, {0, 1, 7, 2}, {0, 1, 8, 1},
                            {0, 1, 8, 2}, {0, 2, 7, 1}, {0, 2, 7, 2}};
    for (int i = 0; i < 6; i++) {
        ps_tpkt_member(&s.obj->pkt, (uint64_t)i, &rng, p);
        CU_ASSERT_EQUAL(p->layers[0].v[fdst].addr[3], want[i][0]);
        CU_ASSERT_EQUAL(p->layers[0].v[fttl].u, (uint64_t)want[i][1]);
        CU_ASSERT_EQUAL(dport_of(p, 1), want[i][2]);
        CU_ASSERT_EQUAL(p->layers[1].v[fsport].u, (uint64_t)want[i][3]);
    }
    ps_tpkt_member(&s.obj->pkt, 8, &rng, p);
    CU_ASSERT_EQUAL(p->layers[0].v[fttl].u, 1);
    CU_ASSERT_EQUAL(p->layers[0].v[fdst].addr[3], 1);
    free(p);
    ps_val_release(&s);
    ps_val_release(&a);
    ps_val_release(&b);
    ps_val_release(&ports);
}

static void test_coerce_errors(void)
{
    const struct ps_proto *ip = ps_proto_find("IP");
    struct ps_value l = ps_val_layer(ip);
    char err[128];
    struct ps_value v6 = {.t = PT_IP6};
    const char *msg = ps_coerce_field(l.obj->pkt.layers[0], ps_field_index(ip, "dst"), &v6, err, sizeof err);
    CU_ASSERT_PTR_NOT_NULL(msg);
    if (msg)
        CU_ASSERT_STRING_EQUAL(msg, "dst takes an IPv4 address, not an IPv6 address");
    struct ps_value text = ps_val_bytes(PT_STR, (const uint8_t *)"198.18.0.7", 10);
    CU_ASSERT_PTR_NULL(ps_coerce_field(l.obj->pkt.layers[0], ps_field_index(ip, "dst"), &text, err, sizeof err));
    CU_ASSERT_EQUAL(l.obj->pkt.layers[0]->f[ps_field_index(ip, "dst")].one.addr[3], 7);
    struct ps_value flags = ps_val_bytes(PT_STR, (const uint8_t *)"DF", 2);
    CU_ASSERT_PTR_NULL(ps_coerce_field(l.obj->pkt.layers[0], ps_field_index(ip, "flags"), &flags, err, sizeof err));
    CU_ASSERT_EQUAL(l.obj->pkt.layers[0]->f[ps_field_index(ip, "flags")].one.u, 2);
    ps_val_release(&text);
    ps_val_release(&flags);
    ps_val_release(&l);
}

/* The value a param's statement binds, found by the param's name. */
static const struct ps_value *param_value(const struct ps_program *p, const char *name)
{
    for (size_t i = 0; i < p->nstmts; i++) {
        const struct ps_stmt *st = p->stmts[i];
        if (st->kind == S_BIND && strcmp(p->slot_names[st->slot], name) == 0)
            return &st->expr->value;
    }
    return NULL;
}

static void test_define_override(void)
{
    const char *text = "param target = 198.18.0.2\nparam n = 3\n";
    struct ps_define good[] = {{"target", "198.18.0.9"}, {"n", "0x10"}};
    struct ps_define bad_type[] = {{"target", "2001:db8::1"}};
    struct ps_define unknown[] = {{"tagret", "1.2.3.4"}};
    int errors;
    struct ast_node *ast;
    struct ps_source src;
    struct ps_program *p = compile_text(text, good, 2, &errors, &ast, &src);
    CU_ASSERT_EQUAL(errors, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    const struct ps_value *target = param_value(p, "target"), *n = param_value(p, "n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(target);
    CU_ASSERT_PTR_NOT_NULL_FATAL(n);
    CU_ASSERT_EQUAL(target->addr[3], 9);
    CU_ASSERT_EQUAL(n->u, 16);
    ps_program_free(p);
    ast_free(ast);
    p = compile_text(text, bad_type, 1, &errors, &ast, &src);
    CU_ASSERT_PTR_NULL(p);
    CU_ASSERT_EQUAL(errors, 1);
    ast_free(ast);
    p = compile_text(text, unknown, 1, &errors, &ast, &src);
    CU_ASSERT_PTR_NULL(p);
    CU_ASSERT_EQUAL(errors, 1);
    ast_free(ast);
}

/* Ether/IP/UDP(dport=9999) with 4 bytes on top, decoded with a program's
 * declared layers: the name of the layer over UDP. */
static const char *over_udp(const struct ps_registry *layers)
{
    static const uint8_t frame[] = {
        2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00,
        0x45, 0, 0, 32, 0, 1, 0, 0, 64, 17, 0, 0, 198, 18, 0, 1, 198, 18, 0, 2,
        0x04, 0xd2, 0x27, 0x0f, 0, 12, 0, 0,
        0, 0, 0, 5};
    static struct ps_packet pkt;
    struct ps_decode_room room = {.layers = layers};
    ps_decode(frame, sizeof frame, 1, &pkt, &room);
    return pkt.n > 3 ? pkt.layers[3].proto->name : "";
}

/* The declared-layer registry is the program's: two programs alive in one
 * process each name and decode only their own layers, even on the same
 * binding, and a third sees neither. */
static void test_declared_layers_per_program(void)
{
    const char *a_text = "layer Alpha {\n    seq = IntField(0)\n    bind(UDP, dport=9999)\n}\n"
                         "p = Ether()/IP()/UDP()/Alpha(seq=5)\n";
    const char *b_text = "layer Beta {\n    kind = ByteField(7)\n    bind(UDP, dport=9999)\n}\n"
                         "layer Alpha {\n    x = ByteField(1)\n}\n"
                         "p = Ether()/IP()/UDP()/Beta()\n";
    int errors;
    struct ast_node *a_ast, *b_ast;
    struct ps_source a_src, b_src;
    struct ps_program *a = compile_text(a_text, NULL, 0, &errors, &a_ast, &a_src);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    struct ps_program *b = compile_text(b_text, NULL, 0, &errors, &b_ast, &b_src);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b); /* its own Alpha is no clash with a's */
    CU_ASSERT_EQUAL(errors_of("p = Ether()/IP()/UDP()/Alpha()\n"), 1);
    CU_ASSERT_EQUAL(errors_of("p = Ether()/IP()/UDP()/Beta()\n"), 1);

    CU_ASSERT_STRING_EQUAL(over_udp(&a->layers), "Alpha");
    CU_ASSERT_STRING_EQUAL(over_udp(&b->layers), "Beta");
    CU_ASSERT_STRING_EQUAL(over_udp(NULL), "Raw");
    CU_ASSERT_PTR_EQUAL(ps_registry_find(&a->layers, "Alpha"), a->declared[0]);
    CU_ASSERT_PTR_EQUAL(ps_registry_find(&b->layers, "Alpha"), b->declared[1]);
    CU_ASSERT_PTR_NULL(ps_registry_find(&a->layers, "Beta"));
    /* The binding was resolved when the program was made: to UDP's table
     * and dport's index, not names. */
    CU_ASSERT_EQUAL_FATAL(a->layers.nbinds, 1);
    CU_ASSERT_PTR_EQUAL(a->layers.binds[0].lower, ps_proto_find("UDP"));
    CU_ASSERT_EQUAL(a->layers.binds[0].field, ps_field_index(ps_proto_find("UDP"), "dport"));

    ps_program_free(b);
    ast_free(b_ast);
    /* a's layers outlive b's */
    CU_ASSERT_STRING_EQUAL(over_udp(&a->layers), "Alpha");
    ps_program_free(a);
    ast_free(a_ast);
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    CU_pSuite s = CU_add_suite("compiler", NULL, NULL);
    CU_add_test(s, "did you mean", test_suggest);
    CU_add_test(s, "every error is reported", test_every_error_is_reported);
    CU_add_test(s, "implicit sets in Scapy's order", test_set_order);
    CU_add_test(s, "field coercion", test_coerce_errors);
    CU_add_test(s, "-D overrides", test_define_override);
    CU_add_test(s, "declared layers are each program's", test_declared_layers_per_program);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}
