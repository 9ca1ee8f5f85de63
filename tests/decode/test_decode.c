/* The decoder: structure of decoded frames, truncation at every length and
 * random bytes (run under ASan/UBSan to catch any read past the frame), and
 * decode-then-encode giving back the same bytes. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "encode.h"
#include "golden.h"
#include "linktype.h"

static struct decoded dec;

static const struct ps_fval *field(const struct ps_layer *l, const char *name)
{
    int fi = ps_field_index(l->proto, name);
    CU_ASSERT_FATAL(fi >= 0);
    return &l->v[fi];
}

static bool inside(const uint8_t *p, size_t n, const uint8_t *buf, size_t len)
{
    return n == 0 || (p >= buf && p + n <= buf + len);
}

static void check_values(const struct ps_layer *l, const uint8_t *buf, size_t len, int depth)
{
    char small[9], big[4096];
    for (size_t fi = 0; fi < l->proto->nfields; fi++) {
        const struct ps_field *f = &l->proto->fields[fi];
        const struct ps_fval *v = &l->v[fi];
        if (!v->set)
            continue;
        if (f->kind == PS_K_BYTES || f->kind == PS_K_OPTIONS || f->kind == PS_K_LAYERS)
            CU_ASSERT(inside(v->bytes, v->len, buf, len));
        if (f->kind == PS_K_LAYERS) {
            CU_ASSERT(v->nsub == 0 || (v->sub >= dec.subs && v->sub + v->nsub <= dec.subs + 40));
            /* Lists nest a bounded depth: the decoder's 4 levels (a relayed
             * DHCPv6 message's options' suboptions' vendor options), and
             * ISAKMP's payload chains and DNS OPT's options, which their
             * own hooks read. */
            CU_ASSERT(depth <= 8 || v->nsub == 0);
            for (size_t k = 0; k < v->nsub; k++)
                check_values(&v->sub[k], buf, len, depth + 1);
        }
        int n = ps_format_value(f, v, big, sizeof big);
        int m = ps_format_value(f, v, small, sizeof small);
        CU_ASSERT(n == m && (size_t)n < sizeof big);
        CU_ASSERT(strncmp(small, big, sizeof small - 1) == 0);
    }
}

/* What must hold for any input: every byte is claimed by exactly one layer,
 * in order, and nothing points outside the frame. */
static void check_decoded(const uint8_t *buf, size_t len, FILE *null)
{
    const struct ps_packet *pkt = &dec.pkt;
    CU_ASSERT_FATAL(pkt->n <= PS_MAX_LAYERS);
    CU_ASSERT(len == 0 || pkt->n >= 1);
    size_t covered = 0;
    for (size_t i = 0; i < pkt->n; i++) {
        CU_ASSERT(dec.room.start[i] + dec.room.hlen[i] <= len);
        covered += dec.room.hlen[i];
        check_values(&pkt->layers[i], buf, len, 0);
    }
    CU_ASSERT(covered == len);
    CU_ASSERT(dec.room.subs_used <= 40);

    char small[17], big[4096];
    int n = ps_summary(pkt, big, sizeof big);
    int m = ps_summary(pkt, small, sizeof small);
    CU_ASSERT(n == m && n > 0 && (size_t)n < sizeof big);
    CU_ASSERT(strncmp(small, big, sizeof small - 1) == 0);
    CU_ASSERT(ps_summary(pkt, NULL, 0) == n);
    ps_hexdump(null, buf, len);
}

static void test_truncated_everywhere(void)
{
    const struct golden *g = golden_get();
    FILE *null = fopen("/dev/null", "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(null);
    for (size_t i = 0; i < g->n; i++)
        for (size_t len = 0; len <= g->frames[i].len; len++) {
            /* An exact-size copy, so that a read past it is an ASan error. */
            uint8_t *buf = malloc(len ? len : 1);
            memcpy(buf, g->frames[i].data, len);
            decode_frame(&dec, buf, len, g->frames[i].linktype);
            check_decoded(buf, len, null);
            free(buf);
        }
    fclose(null);
}

static uint64_t next_random(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 0x2545F4914F6CDD1DULL;
}

static void test_random_bytes(void)
{
    static const int linktypes[] = {PS_DLT_EN10MB, PS_DLT_IPV4, PS_DLT_RAW, PS_DLT_RAW_ALT,
                                    PS_DLT_IPV6, 147};
    uint64_t seed = 0x5eed5eed;
    FILE *null = fopen("/dev/null", "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(null);
    for (int round = 0; round < 20000; round++) {
        size_t len = next_random(&seed) % 160;
        uint8_t *buf = malloc(len ? len : 1);
        for (size_t i = 0; i < len; i++)
            buf[i] = (uint8_t)next_random(&seed);
        int lt = linktypes[round % 6];
        /* Steer most frames into the interesting decoders. */
        size_t ip = lt == PS_DLT_EN10MB ? 14 : 0;
        if (lt == PS_DLT_EN10MB && len >= 14 && round % 3) {
            buf[12] = round % 5 == 0 ? 0x81 : round % 5 == 1 ? 0x08 : 0x08;
            buf[13] = round % 5 == 0 ? 0x00 : round % 5 == 1 ? 0x06 : 0x00;
        }
        if (len > ip + 9 && round % 4) {
            buf[ip] = (uint8_t)(0x40 | (buf[ip] & 0x0f));
            buf[ip + 6] &= 0xe0;   /* frag 0 */
            buf[ip + 7] = 0;
            buf[ip + 9] = (const uint8_t[]){1, 6, 17, 4}[round % 4];
        }
        decode_frame(&dec, buf, len, lt);
        check_decoded(buf, len, null);
        free(buf);
    }
    fclose(null);
}

/* Every field a layer has (present, non-zero width) was read, but for
 * empty lists the bytes ended before: those encode to nothing. The
 * elements of a list (DNS records) are layers too. */
static bool layer_complete(const struct ps_layer *l)
{
    for (size_t fi = 0; fi < l->proto->nfields; fi++) {
        const struct ps_field *f = &l->proto->fields[fi];
        const struct ps_fval *v = &l->v[fi];
        for (size_t k = 0; f->kind == PS_K_LAYERS && v->set && k < v->nsub; k++)
            if (!layer_complete(&v->sub[k]))
                return false;
        /* An aligned list (IPv6 and mobility options) holding bytes no element
         * read (a cut option, Scapy's Raw element): its padding cannot be
         * rebuilt (Scapy's i2m raises on a Raw there). */
        if (f->kind == PS_K_LAYERS && f->pad_before && v->set && v->len)
            return false;
        /* A fixed-length string the frame cut short is padded when built. */
        if (f->kind == PS_K_BYTES && f->bits && v->set && v->len < f->bits / 8u)
            return false;
        size_t fixed;
        if (f->kind == PS_K_BYTES && f->len_from && v->set && f->len_from(l, &fixed) &&
            v->len < fixed)
            return false;
        bool empty_list = f->kind == PS_K_OPTIONS || f->kind == PS_K_LAYERS ||
                          (f->kind == PS_K_BYTES && !f->bits && !f->len_from && !f->encode &&
                           (!f->def_text || !*f->def_text));
        if (v->set || empty_list || (f->present && !f->present(l)) ||
            (f->bits_for && f->bits_for(l) == 0))
            continue;
        return false;
    }
    return true;
}

static bool complete(const struct ps_packet *pkt)
{
    for (size_t i = 0; i < pkt->n; i++)
        if (!layer_complete(&pkt->layers[i]))
            return false;
    return true;
}

static bool pads_lldp(const struct ps_packet *pkt)
{
    for (size_t i = 0; i < pkt->n; i++)
        if (strcmp(pkt->layers[i].proto->name, "LLDPDU") == 0)
            return true;
    return false;
}

static bool is_zero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return false;
    return true;
}

static void test_decode_then_encode(void)
{
    const struct golden *g = golden_get();
    static uint8_t out[PS_MAX_FRAME];
    size_t checked = 0;
    for (size_t i = 0; i < g->n; i++) {
        const struct golden_frame *f = &g->frames[i];
        decode_frame(&dec, f->data, f->len, f->linktype);
        if (!complete(&dec.pkt))
            continue;
        long n = ps_encode(&dec.pkt, NULL, out, sizeof out, NULL);
        /* LLDP's post_build pads a short frame to 64 bytes with its FCS:
         * a cut capture comes back with the zeros Scapy would add. */
        if (n > (long)f->len && n <= 60 && pads_lldp(&dec.pkt) &&
            is_zero(out + f->len, (size_t)n - f->len))
            n = (long)f->len;
        if (n != (long)f->len || memcmp(out, f->data, f->len) != 0) {
            printf("\nframe %zu: decoded then encoded, %ld bytes instead of %zu\n", i + 1, n,
                   f->len);
            CU_FAIL("decode then encode changed the frame");
        }
        checked++;
    }
    /* Cut frames, and DNS records a name pointer or a short rdata left
     * with a field unread (rdlen is None after decompression, as in Scapy). */
    if (checked < g->n - g->n / 4)
        printf("\ndecode then encode: %zu of %zu frames complete\n", checked, g->n);
    CU_ASSERT(checked >= g->n - g->n / 4); /* 339 of 393 with issue 16's layers' cut frames */
}

static void test_ether_ip_tcp_fields(void)
{
    const struct golden *g = golden_get();
    const struct golden_frame *f = &g->frames[0];   /* Ether/IP/TCP SYN */
    decode_frame(&dec, f->data, f->len, f->linktype);
    CU_ASSERT_EQUAL_FATAL(dec.pkt.n, 3);
    const struct ps_layer *eth = &dec.pkt.layers[0], *ip = &dec.pkt.layers[1],
                          *tcp = &dec.pkt.layers[2];
    CU_ASSERT_STRING_EQUAL(eth->proto->name, "Ether");
    CU_ASSERT_STRING_EQUAL(ip->proto->name, "IP");
    CU_ASSERT_STRING_EQUAL(tcp->proto->name, "TCP");
    CU_ASSERT(field(eth, "type")->set && field(eth, "type")->u == 0x0800);
    CU_ASSERT(memcmp(field(eth, "src")->addr, "\x02\0\0\0\0\x01", 6) == 0);
    CU_ASSERT(field(ip, "ihl")->u == 5 && field(ip, "len")->u == 40);
    CU_ASSERT(field(ip, "ttl")->u == 64 && field(ip, "proto")->u == 6);
    CU_ASSERT(field(ip, "chksum")->set && field(ip, "options")->set);
    CU_ASSERT(memcmp(field(ip, "dst")->addr, "\xc6\x12\x00\x02", 4) == 0);
    CU_ASSERT(field(tcp, "sport")->u == 20 && field(tcp, "dport")->u == 80);
    CU_ASSERT(field(tcp, "flags")->u == 0x02 && field(tcp, "dataofs")->u == 5);
    /* The bytes end right before the options: Scapy leaves them undissected. */
    CU_ASSERT(!field(tcp, "options")->set);
    CU_ASSERT(dec.room.start[2] == 34 && dec.room.hlen[2] == 20);
}

static void test_payload_points_into_frame(void)
{
    const struct golden *g = golden_get();
    const struct golden_frame *f = &g->frames[3];   /* IP/ICMP/"hello", DLT_IPV4 */
    decode_frame(&dec, f->data, f->len, f->linktype);
    CU_ASSERT_EQUAL_FATAL(dec.pkt.n, 3);
    const struct ps_layer *raw = &dec.pkt.layers[2];
    CU_ASSERT_STRING_EQUAL(raw->proto->name, "Raw");
    CU_ASSERT(raw->v[0].bytes == f->data + 28 && raw->v[0].len == 5);
    /* The same bytes decoded from IP on, as Scapy's IP(raw) does. */
    ps_decode_as(ps_proto_find("IP"), f->data, f->len, &dec.pkt, NULL);
    CU_ASSERT_EQUAL(dec.pkt.n, 3);
}

static void test_linktypes(void)
{
    static const uint8_t v6[] = {0x60, 0, 0, 0, 0, 0, 59, 64};
    /* Raw IP link types pick the class by version; no IPv6 class: Raw. */
    const struct ps_proto *p = ps_linktype_proto(PS_DLT_RAW, v6, sizeof v6);
    CU_ASSERT(p == ps_proto_find("IPv6"));
    decode_frame(&dec, v6, sizeof v6, PS_DLT_RAW_ALT);
    CU_ASSERT(dec.pkt.n == 1);
    CU_ASSERT(ps_linktype_proto(PS_DLT_RAW, (const uint8_t *)"\x45", 1) == ps_proto_find("IP"));
    CU_ASSERT(ps_linktype_proto(147, v6, sizeof v6) == NULL);
    CU_ASSERT_EQUAL(ps_linktype_for(ps_proto_find("Ether")), 1);
    CU_ASSERT_EQUAL(ps_linktype_for(ps_proto_find("IP")), 228);
    CU_ASSERT_EQUAL(ps_linktype_for(ps_proto_find("ARP")), 1);
    CU_ASSERT_EQUAL(ps_linktype_for(NULL), 1);
}

static void test_layer_limit(void)
{
    /* Ether + 30 Dot1Q tags: the layers run out, the rest is one Raw. */
    uint8_t frame[14 + 30 * 4 + 10];
    memset(frame, 0, sizeof frame);
    frame[12] = 0x81;
    for (int i = 0; i < 30; i++) {
        frame[14 + 4 * i + 2] = 0x81;
        frame[14 + 4 * i + 1] = (uint8_t)i;
    }
    decode_frame(&dec, frame, sizeof frame, PS_DLT_EN10MB);
    CU_ASSERT_EQUAL(dec.pkt.n, PS_MAX_LAYERS - 1);
    CU_ASSERT_STRING_EQUAL(dec.pkt.layers[dec.pkt.n - 1].proto->name, "Raw");
    FILE *null = fopen("/dev/null", "w");
    check_decoded(frame, sizeof frame, null);
    fclose(null);
}

void add_decode_tests(void)
{
    CU_pSuite s = CU_add_suite("decode", NULL, NULL);
    CU_add_test(s, "Ether/IP/TCP fields", test_ether_ip_tcp_fields);
    CU_add_test(s, "payload points into the frame", test_payload_points_into_frame);
    CU_add_test(s, "link types", test_linktypes);
    CU_add_test(s, "the layer limit", test_layer_limit);
    CU_add_test(s, "every frame cut at every length", test_truncated_everywhere);
    CU_add_test(s, "random bytes", test_random_bytes);
    CU_add_test(s, "decode then encode gives the frame back", test_decode_then_encode);
}
