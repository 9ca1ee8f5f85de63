/* The decoder's table hooks, on a made-up protocol: option lists sized by
 * options_len and decoded into the caller's room, payload bounded by
 * payload_len (Python slice rules), guess_payload, dispatch; and the
 * bindings read bottom-up. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <string.h>

#include "golden.h"
#include "proto/proto.h"

enum { F_VER, F_HL, F_TOTAL, F_OPTS };

static size_t t1_options_len(const struct ps_layer *l, size_t field)
{
    (void)field;
    uint64_t hl = ps_layer_uint(l, F_HL);
    return hl * 4 >= 2 ? (size_t)(hl * 4 - 2) : 0;
}

static bool t1_payload_len(const struct ps_layer *l, long *len)
{
    *len = (long)ps_layer_uint(l, F_TOTAL) - (long)ps_layer_uint(l, F_HL) * 4;
    return true;
}

static const char *t1_guess(const struct ps_layer *l)
{
    return ps_layer_uint(l, F_VER) == 5 ? "ARP" : NULL;
}

static const char *t1_dispatch(const uint8_t *p, size_t len)
{
    return len && p[0] == 0xff ? "Raw" : NULL;
}

static const struct ps_field t1_fields[] = {
    [F_VER] = {.name = "ver", .kind = PS_K_UINT, .bits = 4},
    [F_HL] = {.name = "hl", .kind = PS_K_UINT, .bits = 4},
    [F_TOTAL] = {.name = "total", .kind = PS_K_UINT, .bits = 8},
    [F_OPTS] = {.name = "opts", .kind = PS_K_LAYERS, .sub_class = "IPOption"},
};

static const struct ps_proto t1 = {
    .name = "T1",
    .fields = t1_fields,
    .nfields = 4,
    .options_len = t1_options_len,
    .payload_len = t1_payload_len,
    .guess_payload = t1_guess,
    .dispatch = t1_dispatch,
};

/* hl=3: 2 bytes + 10 of options (NOP, RR with one router, EOL, EOL);
 * total=16: a payload of 4; then 3 bytes of padding. */
static const uint8_t frame[] = {0x43, 16,  0x01, 0x07, 0x07, 0x04, 10,  0,   0,   1,
                                0x00, 0x00, 'a', 'b', 'c', 'd', 'x', 'y', 'z'};

static struct ps_packet pkt;
static struct ps_layer subs[8];

static size_t decode(const uint8_t *p, size_t len, size_t room_cap, bool with_room)
{
    struct ps_decode_room room = {.subs = subs, .subs_cap = room_cap};
    return ps_decode_as(&t1, p, len, &pkt, with_room ? &room : NULL);
}

static void expect_load(size_t layer, const char *proto, const char *text)
{
    CU_ASSERT_FATAL(layer < pkt.n);
    CU_ASSERT_STRING_EQUAL(pkt.layers[layer].proto->name, proto);
    const struct ps_fval *v = &pkt.layers[layer].v[0];
    CU_ASSERT(v->set && v->len == strlen(text) && memcmp(v->bytes, text, v->len) == 0);
}

static void test_options_and_padding(void)
{
    char out[512];
    CU_ASSERT_EQUAL_FATAL(decode(frame, sizeof frame, 8, true), 3);
    CU_ASSERT(pkt.layers[0].proto == &t1);
    expect_load(1, "Raw", "abcd");
    expect_load(2, "Padding", "xyz");
    const struct ps_fval *opts = &pkt.layers[0].v[F_OPTS];
    CU_ASSERT_EQUAL_FATAL(opts->nsub, 4);
    CU_ASSERT(opts->sub == subs && opts->len == 0);
    CU_ASSERT_STRING_EQUAL(opts->sub[1].proto->name, "IPOption_RR");
    ps_format_value(&t1_fields[F_OPTS], opts, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out,
                           "[<IPOption_NOP  copy_flag=0 optclass=control option=nop |>, "
                           "<IPOption_RR  copy_flag=0 optclass=control option=record_route "
                           "length=7 pointer=4 routers=[10.0.0.1] |>, "
                           "<IPOption_EOL  copy_flag=0 optclass=control option=end_of_list |>, "
                           "<IPOption_EOL  copy_flag=0 optclass=control option=end_of_list |>]");
}

static void test_options_room(void)
{
    char out[512];
    CU_ASSERT_EQUAL_FATAL(decode(frame, sizeof frame, 2, true), 3);
    const struct ps_fval *opts = &pkt.layers[0].v[F_OPTS];
    CU_ASSERT_EQUAL(opts->nsub, 2);
    CU_ASSERT(opts->len == 2 && opts->bytes == frame + 10);
    ps_format_value(&t1_fields[F_OPTS], opts, out, sizeof out);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "|>, <Raw  load='\\x00\\x00' |>]"));

    CU_ASSERT_EQUAL_FATAL(decode(frame, sizeof frame, 0, false), 3);
    opts = &pkt.layers[0].v[F_OPTS];
    CU_ASSERT(opts->nsub == 0 && opts->sub == NULL);
    CU_ASSERT(opts->len == 10 && opts->bytes == frame + 2);
}

static void test_payload_slice(void)
{
    uint8_t f[sizeof frame];
    memcpy(f, frame, sizeof f);
    f[1] = 10;  /* total < header: s[:-2] */
    CU_ASSERT_EQUAL_FATAL(decode(f, sizeof f, 8, true), 3);
    expect_load(1, "Raw", "abcdx");
    expect_load(2, "Padding", "yz");
    f[1] = 200;  /* more than there is: everything, no padding */
    CU_ASSERT_EQUAL_FATAL(decode(f, sizeof f, 8, true), 2);
    expect_load(1, "Raw", "abcdxyz");
    f[1] = 12;  /* no payload at all: only padding */
    CU_ASSERT_EQUAL_FATAL(decode(f, sizeof f, 8, true), 2);
    expect_load(1, "Padding", "abcdxyz");
}

static void test_guess_and_dispatch(void)
{
    uint8_t f[sizeof frame];
    memcpy(f, frame, sizeof f);
    f[0] = 0x53;  /* ver 5: guess_payload says ARP */
    decode(f, sizeof f, 8, true);
    CU_ASSERT_STRING_EQUAL(pkt.layers[1].proto->name, "ARP");
    f[0] = 0xff;  /* dispatch: these bytes are Raw */
    CU_ASSERT_EQUAL_FATAL(decode(f, sizeof f, 8, true), 1);
    CU_ASSERT_STRING_EQUAL(pkt.layers[0].proto->name, "Raw");
    CU_ASSERT(pkt.layers[0].v[0].len == sizeof f && pkt.layers[0].v[0].bytes == f);
}

static void test_cut_inside_options(void)
{
    for (size_t len = 0; len <= sizeof frame; len++) {
        uint8_t copy[sizeof frame];
        memcpy(copy, frame, len);
        decode(copy, len, 8, true);
        CU_ASSERT(pkt.n >= 1);
        if (len >= 3 && len <= 12)
            CU_ASSERT(pkt.n == 1 && pkt.layers[0].proto == &t1);
    }
}

static const struct ps_proto *upper(const char *lower, const char *f1, uint64_t v1,
                                    const char *f2, uint64_t v2)
{
    struct ps_layer l;
    ps_layer_init(&l, ps_proto_find(lower));
    l.v[ps_field_index(l.proto, f1)] = (struct ps_fval){.set = true, .u = v1};
    if (f2)
        l.v[ps_field_index(l.proto, f2)] = (struct ps_fval){.set = true, .u = v2};
    return ps_bound_upper(NULL, &l);
}

static void test_bindings_bottom_up(void)
{
    CU_ASSERT(upper("Ether", "type", 0x0800, NULL, 0) == ps_proto_find("IP"));
    CU_ASSERT(upper("Ether", "type", 0x0806, NULL, 0) == ps_proto_find("ARP"));
    CU_ASSERT(upper("Ether", "type", 0x8100, NULL, 0) == ps_proto_find("Dot1Q"));
    CU_ASSERT(upper("Ether", "type", 0x1234, NULL, 0) == NULL);
    /* Dot1Q takes Ether's bindings (aliastypes) */
    CU_ASSERT(upper("Dot1Q", "type", 0x0806, NULL, 0) == ps_proto_find("ARP"));
    /* one bind_layers call with two fields: both must hold */
    CU_ASSERT(upper("IP", "proto", 6, "frag", 0) == ps_proto_find("TCP"));
    CU_ASSERT(upper("IP", "proto", 6, "frag", 1) == NULL);
    CU_ASSERT(upper("IP", "proto", 4, "frag", 0) == ps_proto_find("IP"));
    CU_ASSERT(upper("IP", "proto", 1, "frag", 0) == ps_proto_find("ICMP"));
}

void add_hook_tests(void)
{
    CU_pSuite s = CU_add_suite("decode hooks", NULL, NULL);
    CU_add_test(s, "option list and padding", test_options_and_padding);
    CU_add_test(s, "option list room", test_options_room);
    CU_add_test(s, "payload length as a Python slice", test_payload_slice);
    CU_add_test(s, "guess_payload and dispatch", test_guess_and_dispatch);
    CU_add_test(s, "cut inside the options", test_cut_inside_options);
    CU_add_test(s, "bindings read bottom-up", test_bindings_bottom_up);
}
