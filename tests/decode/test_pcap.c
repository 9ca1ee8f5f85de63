/* Capture files: the writer makes Scapy's wrpcap() bytes, the reader streams
 * pcap and pcapng, filters, and names the file and packet on damage. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "golden.h"
#include "linktype.h"
#include "pcap_io.h"

static char tmpdir[] = "/tmp/pktspec-decode-XXXXXX";

static int make_tmpdir(void)
{
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *tmp(const char *name)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    return path;
}

/* The times gen_golden.py gives the frames it writes. */
static struct timeval frame_time(int i)
{
    struct timeval tv = {1700000000 + i, (i * 123457) % 1000000};
    return tv;
}

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static uint8_t buf[1 << 16];
    *len = fread(buf, 1, sizeof buf, f);
    fclose(f);
    return buf;
}

static void write_golden_frames(const char *path, int nframes)
{
    const struct golden *g = golden_get();
    char err[512] = "";
    struct ps_pcap_writer *w = ps_pcap_writer_open(path, PS_DLT_EN10MB, err, sizeof err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    for (int i = 0; i < nframes; i++)
        CU_ASSERT(ps_pcap_write(w, g->frames[i].data, g->frames[i].len, frame_time(i), err,
                                sizeof err) == 0);
    CU_ASSERT(ps_pcap_writer_close(w, err, sizeof err) == 0);
}

static void test_writer_matches_scapy(void)
{
    write_golden_frames(tmp("ours.pcap"), 3);
    size_t ours_len = 0, scapy_len = 0;
    uint8_t *ours = read_file(tmp("ours.pcap"), &ours_len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ours);
    uint8_t *copy = malloc(ours_len);
    memcpy(copy, ours, ours_len);
    uint8_t *scapy = read_file(golden_path("scapy.pcap"), &scapy_len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(scapy);
    CU_ASSERT_EQUAL(ours_len, scapy_len);
    CU_ASSERT(ours_len == scapy_len && memcmp(copy, scapy, scapy_len) == 0);
    /* the header Scapy writes: LE magic, 2.4, snaplen 65535, Ethernet */
    CU_ASSERT(memcmp(copy, "\xd4\xc3\xb2\xa1\x02\x00\x04\x00", 8) == 0);
    CU_ASSERT(memcmp(copy + 16, "\xff\xff\x00\x00\x01\x00\x00\x00", 8) == 0);
    free(copy);
}

static void read_back(const char *path, const char *filter, int expect_numbers[], int nexpect)
{
    const struct golden *g = golden_get();
    char err[512] = "";
    struct ps_pcap_reader *r = ps_pcap_reader_open(path, filter, err, sizeof err);
    if (!r)
        printf("\n%s\n", err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_EQUAL(ps_pcap_reader_linktype(r), PS_DLT_EN10MB);
    struct ps_pcap_frame f;
    int got = 0, rc;
    while ((rc = ps_pcap_next(r, &f, err, sizeof err)) == 1) {
        CU_ASSERT_FATAL(got < nexpect);
        int i = expect_numbers[got++] - 1;
        CU_ASSERT_EQUAL(f.number, (unsigned long)i + 1);
        CU_ASSERT_EQUAL(f.len, g->frames[i].len);
        CU_ASSERT_EQUAL(f.wirelen, g->frames[i].len);
        CU_ASSERT(memcmp(f.data, g->frames[i].data, f.len) == 0);
        CU_ASSERT(f.ts.tv_sec == frame_time(i).tv_sec && f.ts.tv_usec == frame_time(i).tv_usec);
        CU_ASSERT_EQUAL(f.linktype, PS_DLT_EN10MB);
    }
    CU_ASSERT_EQUAL(rc, 0);
    CU_ASSERT_EQUAL(got, nexpect);
    ps_pcap_reader_close(r);
}

static void test_read_pcap_and_pcapng(void)
{
    int all[] = {1, 2, 3};
    write_golden_frames(tmp("rt.pcap"), 3);
    read_back(tmp("rt.pcap"), NULL, all, 3);
    read_back(golden_path("scapy.pcap"), "", all, 3);
    read_back(golden_path("scapy.pcapng"), NULL, all, 3);
}

static void test_read_with_filter(void)
{
    int arp[] = {2, 3}, tcp[] = {1};
    read_back(golden_path("scapy.pcap"), "arp", arp, 2);
    read_back(golden_path("scapy.pcapng"), "tcp port 80", tcp, 1);
}

static void test_damaged_capture(void)
{
    const char *path = tmp("cut.pcap");
    write_golden_frames(path, 3);
    size_t len = 0;
    uint8_t *data = read_file(path, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(data);
    FILE *f = fopen(path, "wb");
    fwrite(data, 1, len - 5, f);   /* the third record loses its end */
    fclose(f);

    char err[512] = "";
    struct ps_pcap_reader *r = ps_pcap_reader_open(path, NULL, err, sizeof err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    struct ps_pcap_frame fr;
    CU_ASSERT_EQUAL(ps_pcap_next(r, &fr, err, sizeof err), 1);
    CU_ASSERT_EQUAL(ps_pcap_next(r, &fr, err, sizeof err), 1);
    CU_ASSERT_EQUAL(ps_pcap_next(r, &fr, err, sizeof err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, path));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "packet 3"));
    printf("\n    damaged: %s\n", err);
    ps_pcap_reader_close(r);
}

static void test_open_errors(void)
{
    char err[512] = "";
    const char *missing = tmp("no-such.pcap");
    CU_ASSERT_PTR_NULL(ps_pcap_reader_open(missing, NULL, err, sizeof err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, missing));
    printf("\n    missing: %s\n", err);

    CU_ASSERT_PTR_NULL(ps_pcap_reader_open(golden_path("frames.txt"), NULL, err, sizeof err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "frames.txt"));
    printf("    not a capture: %s\n", err);

    CU_ASSERT_PTR_NULL(ps_pcap_reader_open(golden_path("scapy.pcap"), "tcp port", err, sizeof err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "scapy.pcap"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "tcp port"));
    printf("    bad filter: %s\n", err);

    const char *nodir = tmp("no-such-dir/out.pcap");
    CU_ASSERT_PTR_NULL(ps_pcap_writer_open(nodir, 1, err, sizeof err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, nodir));
    printf("    unwritable: %s\n", err);
}

static void test_raw_ip_capture(void)
{
    /* wrpcap([IP(...)]) makes a DLT_IPV4 (228) file; read back as IP. */
    const struct golden *g = golden_get();
    const struct golden_frame *ipf = &g->frames[3];
    char err[512] = "";
    struct ps_pcap_writer *w = ps_pcap_writer_open(tmp("ip.pcap"), ps_linktype_for(ps_proto_find("IP")),
                                                   err, sizeof err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    CU_ASSERT(ps_pcap_write(w, ipf->data, ipf->len, frame_time(0), err, sizeof err) == 0);
    CU_ASSERT(ps_pcap_writer_close(w, err, sizeof err) == 0);
    struct ps_pcap_reader *r = ps_pcap_reader_open(tmp("ip.pcap"), NULL, err, sizeof err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    struct ps_pcap_frame f;
    CU_ASSERT_EQUAL_FATAL(ps_pcap_next(r, &f, err, sizeof err), 1);
    CU_ASSERT_EQUAL(f.linktype, 228);
    static struct decoded d;
    decode_frame(&d, f.data, f.len, f.linktype);
    CU_ASSERT(d.pkt.n >= 2 && strcmp(d.pkt.layers[0].proto->name, "IP") == 0);
    ps_pcap_reader_close(r);
}

void add_pcap_tests(void)
{
    CU_pSuite s = CU_add_suite("pcap", make_tmpdir, remove_tmpdir);
    CU_add_test(s, "writer makes Scapy's wrpcap bytes", test_writer_matches_scapy);
    CU_add_test(s, "read pcap and pcapng", test_read_pcap_and_pcapng);
    CU_add_test(s, "read with a BPF filter", test_read_with_filter);
    CU_add_test(s, "a damaged capture names file and packet", test_damaged_capture);
    CU_add_test(s, "errors name the file", test_open_errors);
    CU_add_test(s, "raw IPv4 capture", test_raw_ip_capture);
}
