/* The encoder against Scapy 2.5.0: each packet below is built as the Scapy
 * expression in its comment, and must give the bytes Scapy gave for it
 * (from scapy_vectors.py, run in an empty network namespace). */
#include <CUnit/Basic.h>
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "csum.h"
#include "coerce.h"
#include "encode.h"
#include "proto/bind.h"
#include "pktbuild.h"
#include "proto/proto.h"

#define SRC_DST "src", "10.0.0.1", "dst", "10.0.0.2"
#define DST_SRC "src", "10.0.0.2", "dst", "10.0.0.1"

static void ether(struct tp *t)
{
    tp_layer(t, "Ether", "dst", "02:00:00:00:00:02", "src", "02:00:00:00:00:01", NULL);
}

/* Ether(dst="02:00:00:00:00:02", src="02:00:00:00:00:01")/IP(src="10.0.0.1", dst="10.0.0.2")/TCP(dport=80, flags="S") */
static void b_ether_ip_tcp(struct tp *t)
{
    ether(t);
    tp_layer(t, "IP", SRC_DST, NULL);
    tp_layer(t, "TCP", "dport", "http", "flags", "S", NULL);
}

/* IP(dst="10.0.0.2")/TCP() */
static void b_ip_tcp_no_route(struct tp *t)
{
    tp_layer(t, "IP", "dst", "10.0.0.2", NULL);
    tp_layer(t, "TCP", NULL);
}

/* Ether()/Raw(b"ab") */
static void b_ether_raw_no_route(struct tp *t)
{
    tp_layer(t, "Ether", NULL);
    tp_layer(t, "Raw", "load", "ab", NULL);
}

/* Ether()/ARP(pdst="10.0.0.2") */
static void b_ether_arp_no_route(struct tp *t)
{
    tp_layer(t, "Ether", NULL);
    tp_layer(t, "ARP", "pdst", "10.0.0.2", NULL);
}

/* Ether(dst="ff:ff:ff:ff:ff:ff", src="00:11:22:aa:bb:cc")/ARP(op="is-at", hwsrc="00:11:22:aa:bb:cc",
 * psrc="198.18.0.1", hwdst="02:00:00:00:00:02", pdst="198.18.0.2") */
static void b_arp_is_at(struct tp *t)
{
    tp_layer(t, "Ether", "dst", "ff:ff:ff:ff:ff:ff", "src", "00:11:22:aa:bb:cc", NULL);
    tp_layer(t, "ARP", "op", "is-at", "hwsrc", "00:11:22:aa:bb:cc", "psrc", "198.18.0.1", "hwdst",
             "02:00:00:00:00:02", "pdst", "198.18.0.2", NULL);
}

/* IP(src="10.0.0.1", dst="10.0.0.2")/UDP(sport=1234, dport=53)/b"hello" */
static void b_ip_udp_payload(struct tp *t)
{
    tp_layer(t, "IP", SRC_DST, NULL);
    tp_layer(t, "UDP", "sport", "1234", "dport", "domain", NULL);
    tp_layer(t, "Raw", "load", "hello", NULL);
}

/* IP(src="10.0.0.1", dst="10.0.0.2")/UDP(sport=1, dport=2, chksum=0)/b"\xeb\xd4" */
static void b_udp_chksum_given_zero(struct tp *t)
{
    tp_layer(t, "IP", SRC_DST, NULL);
    tp_layer(t, "UDP", "sport", "1", "dport", "2", "chksum", "0", NULL);
    tp_layer(t, "Raw", "load", "hex:ebd4", NULL);
}

/* IP(src="10.0.0.1", dst="10.0.0.2")/UDP(sport=1, dport=2)/b"\xeb\xd4" (sums to 0: sent as 0xffff) */
static void b_udp_chksum_computed_zero(struct tp *t)
{
    tp_layer(t, "IP", SRC_DST, NULL);
    tp_layer(t, "UDP", "sport", "1", "dport", "2", NULL);
    tp_layer(t, "Raw", "load", "hex:ebd4", NULL);
}

/* IP(src="10.0.0.1", dst="10.0.0.2")/UDP(len=100)/b"abc" */
static void b_udp_len_given(struct tp *t)
{
    tp_layer(t, "IP", SRC_DST, NULL);
    tp_layer(t, "UDP", "len", "100", NULL);
    tp_layer(t, "Raw", "load", "abc", NULL);
}

/* IP(src="10.0.0.1", dst="10.0.0.2", len=100)/TCP() */
static void b_ip_len_given_tcp(struct tp *t)
{
    tp_layer(t, "IP", SRC_DST, "len", "100", NULL);
    tp_layer(t, "TCP", NULL);
}

/* IP(src="10.0.0.1", dst="10.0.0.2", len=60)/UDP()/b"abcd" */
static void b_ip_len_given_udp(struct tp *t)
{
    tp_layer(t, "IP", SRC_DST, "len", "60", NULL);
    tp_layer(t, "UDP", NULL);
    tp_layer(t, "Raw", "load", "abcd", NULL);
}

/* IP(src="10.0.0.1", dst="10.0.0.2", len=20)/UDP() */
static void b_ip_len_short_udp(struct tp *t)
{
    tp_layer(t, "IP", SRC_DST, "len", "20", NULL);
    tp_layer(t, "UDP", NULL);
}

/* IP(src="10.0.0.1", dst="10.0.0.2", ihl=6)/TCP() */
static void b_ip_ihl_given(struct tp *t)
{
    tp_layer(t, "IP", SRC_DST, "ihl", "6", NULL);
    tp_layer(t, "TCP", NULL);
}

/* IP(src="10.0.0.1", dst="10.0.0.2", ihl=7, len=50)/TCP() */
static void b_ip_ihl_len_given(struct tp *t)
{
    tp_layer(t, "IP", SRC_DST, "ihl", "7", "len", "50", NULL);
    tp_layer(t, "TCP", NULL);
}

/* IP(src="10.0.0.1", dst="10.0.0.2", chksum=0)/ICMP() */
static void b_ip_chksum_zero(struct tp *t)
{
    tp_layer(t, "IP", SRC_DST, "chksum", "0", NULL);
    tp_layer(t, "ICMP", NULL);
}

/* IP(src="10.0.0.1", dst="10.0.0.2", version=6, tos=0x10, id=7, ttl=3)/ICMP() */
static void b_ip_version_wrong(struct tp *t)
{
    tp_layer(t, "IP", SRC_DST, "version", "6", "tos", "0x10", "id", "7", "ttl", "3", NULL);
    tp_layer(t, "ICMP", NULL);
}

/* IP(src="10.0.0.1", dst="10.0.0.2", proto=17)/TCP() */
static void b_ip_proto_given(struct tp *t)
{
    tp_layer(t, "IP", SRC_DST, "proto", "udp", NULL);
    tp_layer(t, "TCP", NULL);
}

/* IP(src="10.0.0.1", dst="10.0.0.2", flags="MF+DF", frag=100)/TCP(flags="SA", seq=1, ack=2) */
static void b_ip_flags(struct tp *t)
{
    tp_layer(t, "IP", SRC_DST, "flags", "MF+DF", "frag", "100", NULL);
    tp_layer(t, "TCP", "flags", "SA", "seq", "1", "ack", "2", NULL);
}

/* IP(src="10.0.0.1", dst="10.0.0.2")/TCP(chksum=0) */
static void b_tcp_chksum_zero(struct tp *t)
{
    tp_layer(t, "IP", SRC_DST, NULL);
    tp_layer(t, "TCP", "chksum", "0", NULL);
}

/* IP(src="10.0.0.1", dst="10.0.0.2")/TCP(dataofs=8, reserved=5)/b"data" */
static void b_tcp_dataofs_given(struct tp *t)
{
    tp_layer(t, "IP", SRC_DST, NULL);
    tp_layer(t, "TCP", "dataofs", "8", "reserved", "5", NULL);
    tp_layer(t, "Raw", "load", "data", NULL);
}

/* IP(src="10.0.0.1", dst="10.0.0.2")/TCP(options=[("MSS", 1460), ("NOP", None), ("WScale", 7),
 * ("SAckOK", b""), ("Timestamp", (1, 0))]) */
static void b_tcp_options_syn(struct tp *t)
{
    tp_layer(t, "IP", SRC_DST, NULL);
    struct ps_layer *tcp = tp_layer(t, "TCP", NULL);
    tp_opt_begin(t);
    tp_opt_ints(t, "MSS", 1, (uint64_t)1460);
    tp_opt_none(t, "NOP");
    tp_opt_ints(t, "WScale", 1, (uint64_t)7);
    tp_opt_bytes(t, "SAckOK", "");
    tp_opt_ints(t, "Timestamp", 2, (uint64_t)1, (uint64_t)0);
    tp_opt_set(t, tcp);
}

/* IP(src="10.0.0.1", dst="10.0.0.2")/TCP(options=[("SAck", (1, 2)), ("AltChkSum", (1, 2)),
 * ("AltChkSumOpt", b""), ("UTO", 300), ("AO", b"\x01\x02"), ("EOL", None)]) */
static void b_tcp_options_more(struct tp *t)
{
    tp_layer(t, "IP", SRC_DST, NULL);
    struct ps_layer *tcp = tp_layer(t, "TCP", NULL);
    tp_opt_begin(t);
    tp_opt_ints(t, "SAck", 2, (uint64_t)1, (uint64_t)2);
    tp_opt_ints(t, "AltChkSum", 2, (uint64_t)1, (uint64_t)2);
    tp_opt_bytes(t, "AltChkSumOpt", "");
    tp_opt_ints(t, "UTO", 1, (uint64_t)300);
    tp_opt_bytes(t, "AO", "0102");
    tp_opt_none(t, "EOL");
    tp_opt_set(t, tcp);
}

/* IP(src="10.0.0.1", dst="10.0.0.2")/TCP(options=[("MD5", b"0123456789abcdef"), ("Mood", b"happy"),
 * ("TFO", (5, 6))]) */
static void b_tcp_options_bytes(struct tp *t)
{
    tp_layer(t, "IP", SRC_DST, NULL);
    struct ps_layer *tcp = tp_layer(t, "TCP", NULL);
    tp_opt_begin(t);
    tp_opt_bytes(t, "MD5", "30313233343536373839616263646566");
    tp_opt_bytes(t, "Mood", "6861707079");
    tp_opt_ints(t, "TFO", 2, (uint64_t)5, (uint64_t)6);
    tp_opt_set(t, tcp);
}

/* IP(src="10.0.0.1", dst="10.0.0.2")/TCP(options=[(2, b"\x05\xb4"), (1, None), ("MSS", b"\x01\x02"),
 * ("SAckOK", ""), ("MD5", b"abc"), (99, b"xyz"), ("SAck", ()), (0, None)]) */
static void b_tcp_options_numeric(struct tp *t)
{
    tp_layer(t, "IP", SRC_DST, NULL);
    struct ps_layer *tcp = tp_layer(t, "TCP", NULL);
    tp_opt_begin(t);
    tp_opt_kind(t, 2, "05b4");
    tp_opt_kind(t, 1, NULL);
    tp_opt_bytes(t, "MSS", "0102");
    tp_opt_bytes(t, "SAckOK", "");
    tp_opt_bytes(t, "MD5", "616263");
    tp_opt_kind(t, 99, "78797a");
    tp_opt_ints(t, "SAck", 0);
    tp_opt_kind(t, 0, NULL);
    tp_opt_set(t, tcp);
}

/* IP(src="10.0.0.1", dst="10.0.0.2")/TCP(options=[("MD5", b"k" * 16), ("MD5", b"l" * 16),
 * ("Timestamp", (7, 8)), ("WScale", 1)]) -- 52 bytes: dataofs 18 wraps to 2 */
static void b_tcp_options_overflow(struct tp *t)
{
    tp_layer(t, "IP", SRC_DST, NULL);
    struct ps_layer *tcp = tp_layer(t, "TCP", NULL);
    tp_opt_begin(t);
    tp_opt_bytes(t, "MD5", "6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b");
    tp_opt_bytes(t, "MD5", "6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c");
    tp_opt_ints(t, "Timestamp", 2, (uint64_t)7, (uint64_t)8);
    tp_opt_ints(t, "WScale", 1, (uint64_t)1);
    tp_opt_set(t, tcp);
}

/* IP(src="10.0.0.1", dst="10.0.0.2", options=[IPOption_NOP()])/TCP() */
static void b_ip_option_nop(struct tp *t)
{
    struct ps_layer *ip = tp_layer(t, "IP", SRC_DST, NULL);
    tp_set_subs(ip, "options", tp_sub(t, "IPOption_NOP", NULL), 1);
    tp_layer(t, "TCP", NULL);
}

/* IP(src="10.0.0.1", dst="10.0.0.2", options=[IPOption_RR(routers=["1.2.3.4", "5.6.7.8"])])/ICMP() */
static void b_ip_option_rr(struct tp *t)
{
    struct ps_layer *ip = tp_layer(t, "IP", SRC_DST, NULL);
    tp_set_subs(ip, "options", tp_sub(t, "IPOption_RR", "routers", "1.2.3.4,5.6.7.8", NULL), 1);
    tp_layer(t, "ICMP", NULL);
}

/* IP(src="10.0.0.1", dst="10.0.0.2", options=[IPOption_LSRR(routers=["10.9.9.9", "10.8.8.8"])])/TCP()
 * -- the TCP pseudo-header goes to the last router */
static void b_ip_option_lsrr_tcp(struct tp *t)
{
    struct ps_layer *ip = tp_layer(t, "IP", SRC_DST, NULL);
    tp_set_subs(ip, "options", tp_sub(t, "IPOption_LSRR", "routers", "10.9.9.9,10.8.8.8", NULL),
                1);
    tp_layer(t, "TCP", NULL);
}

/* IP(src="10.0.0.1", dst="10.0.0.2", options=[IPOption_Security(), IPOption_Stream_Id(security=5),
 * IPOption_MTU_Probe(mtu=1500), IPOption_Router_Alert()])/UDP() */
static void b_ip_options_fixed(struct tp *t)
{
    struct ps_layer *ip = tp_layer(t, "IP", SRC_DST, NULL);
    struct ps_layer *first = tp_sub(t, "IPOption_Security", NULL);
    tp_sub(t, "IPOption_Stream_Id", "security", "5", NULL);
    tp_sub(t, "IPOption_MTU_Probe", "mtu", "1500", NULL);
    tp_sub(t, "IPOption_Router_Alert", NULL);
    tp_set_subs(ip, "options", first, 4);
    tp_layer(t, "UDP", NULL);
}

/* IP(src="10.0.0.1", dst="10.0.0.2", options=[IPOption_Traceroute(id=1, originator_ip="1.1.1.1"),
 * IPOption_Address_Extension(src_ext="2.2.2.2"), IPOption_MTU_Reply(mtu=576), IPOption_EOL()])/ICMP() */
static void b_ip_options_more(struct tp *t)
{
    struct ps_layer *ip = tp_layer(t, "IP", SRC_DST, NULL);
    struct ps_layer *first =
        tp_sub(t, "IPOption_Traceroute", "id", "1", "originator_ip", "1.1.1.1", NULL);
    tp_sub(t, "IPOption_Address_Extension", "src_ext", "2.2.2.2", NULL);
    tp_sub(t, "IPOption_MTU_Reply", "mtu", "576", NULL);
    tp_sub(t, "IPOption_EOL", NULL);
    tp_set_subs(ip, "options", first, 4);
    tp_layer(t, "ICMP", NULL);
}

/* IP(src="10.0.0.1", dst="10.0.0.2", options=[IPOption_SDBM(addresses=["3.3.3.3"]),
 * IPOption_SSRR(routers=["4.4.4.4"]), IPOption_RR()])/UDP()/b"z" */
static void b_ip_options_ssrr_udp(struct tp *t)
{
    struct ps_layer *ip = tp_layer(t, "IP", SRC_DST, NULL);
    struct ps_layer *first = tp_sub(t, "IPOption_SDBM", "addresses", "3.3.3.3", NULL);
    tp_sub(t, "IPOption_SSRR", "routers", "4.4.4.4", NULL);
    tp_sub(t, "IPOption_RR", NULL);
    tp_set_subs(ip, "options", first, 3);
    tp_layer(t, "UDP", NULL);
    tp_layer(t, "Raw", "load", "z", NULL);
}

/* IP(src="10.0.0.1", dst="10.0.0.2", options=[IPOption(option=25, value=b"abc"),
 * IPOption(copy_flag=1), IPOption_NOP()])/TCP() */
static void b_ip_option_generic(struct tp *t)
{
    struct ps_layer *ip = tp_layer(t, "IP", SRC_DST, NULL);
    struct ps_layer *first = tp_sub(t, "IPOption", "option", "25", "value", "abc", NULL);
    tp_sub(t, "IPOption", "copy_flag", "1", NULL);
    tp_sub(t, "IPOption_NOP", NULL);
    tp_set_subs(ip, "options", first, 3);
    tp_layer(t, "TCP", NULL);
}

/* IP(src="10.0.0.1", dst="10.0.0.2", options=[IPOption_Timestamp(), IPOption_Timestamp(flg="timestamp_only",
 * pointer=5, timestamp=123456), IPOption_Timestamp(length=3, flg=3, oflw=2, internet_address="192.0.2.9")])/ICMP() */
static void b_ip_option_timestamp(struct tp *t)
{
    struct ps_layer *ip = tp_layer(t, "IP", SRC_DST, NULL);
    struct ps_layer *first = tp_sub(t, "IPOption_Timestamp", NULL);
    tp_sub(t, "IPOption_Timestamp", "flg", "timestamp_only", "pointer", "5", "timestamp", "123456",
           NULL);
    tp_sub(t, "IPOption_Timestamp", "length", "3", "flg", "prespecified_ip_addr", "oflw", "2",
           "internet_address", "192.0.2.9", NULL);
    tp_set_subs(ip, "options", first, 3);
    tp_layer(t, "ICMP", NULL);
}

/* IP(src="10.0.0.1", dst="10.0.0.2", options=[IPOption_RR(length=99, pointer=8, copy_flag=1,
 * routers=["1.2.3.4"])]) */
static void b_ip_option_length_given(struct tp *t)
{
    struct ps_layer *ip = tp_layer(t, "IP", SRC_DST, NULL);
    tp_set_subs(ip, "options",
                tp_sub(t, "IPOption_RR", "length", "99", "pointer", "8", "copy_flag", "1",
                       "routers", "1.2.3.4", NULL),
                1);
}

/* Ether(dst="02:00:00:00:00:02", src="02:00:00:00:00:01")/Dot1Q(vlan=10)/Dot1Q(vlan=20, prio=5, id=1)/
 * IP(src="10.0.0.1", dst="10.0.0.2")/ICMP() */
static void b_qinq_icmp(struct tp *t)
{
    ether(t);
    tp_layer(t, "Dot1Q", "vlan", "10", NULL);
    tp_layer(t, "Dot1Q", "vlan", "20", "prio", "5", "id", "1", NULL);
    tp_layer(t, "IP", SRC_DST, NULL);
    tp_layer(t, "ICMP", NULL);
}

/* Ether(dst="02:00:00:00:00:02", src="02:00:00:00:00:01")/Dot1Q(vlan=3)/
 * ARP(hwsrc="02:00:00:00:00:01", psrc="10.0.0.1", pdst="10.0.0.2") */
static void b_dot1q_arp(struct tp *t)
{
    ether(t);
    tp_layer(t, "Dot1Q", "vlan", "3", NULL);
    tp_layer(t, "ARP", "hwsrc", "02:00:00:00:00:01", "psrc", "10.0.0.1", "pdst", "10.0.0.2",
             NULL);
}

/* IP(src="10.0.0.1", dst="10.0.0.2")/ICMP(id=0x42, seq=1)/b"hello" */
static void b_icmp_echo_payload(struct tp *t)
{
    tp_layer(t, "IP", SRC_DST, NULL);
    tp_layer(t, "ICMP", "id", "0x42", "seq", "1", NULL);
    tp_layer(t, "Raw", "load", "hello", NULL);
}

/* Ether(dst="02:00:00:00:00:02", src="02:00:00:00:00:01")/IP(src="10.0.0.2", dst="10.0.0.1")/
 * ICMP(type=3, code=3)/IP(src="10.0.0.1", dst="10.0.0.2")/UDP(sport=1234, dport=53)/b"q" */
static void b_icmp_unreach_udp(struct tp *t)
{
    ether(t);
    tp_layer(t, "IP", DST_SRC, NULL);
    tp_layer(t, "ICMP", "type", "dest-unreach", "code", "port-unreachable", NULL);
    tp_layer(t, "IP", SRC_DST, NULL);
    tp_layer(t, "UDP", "sport", "1234", "dport", "53", NULL);
    tp_layer(t, "Raw", "load", "q", NULL);
}

/* IP(src="10.0.0.254", dst="10.0.0.1")/ICMP(type=11, code=0, length=5, unused=9)/
 * IP(src="10.0.0.1", dst="10.0.0.2", ttl=1)/TCP(sport=40000, dport=80) */
static void b_icmp_time_exceeded_tcp(struct tp *t)
{
    tp_layer(t, "IP", "src", "10.0.0.254", "dst", "10.0.0.1", NULL);
    tp_layer(t, "ICMP", "type", "time-exceeded", "code", "ttl-zero-during-transit", "length", "5",
             "unused", "9", NULL);
    tp_layer(t, "IP", SRC_DST, "ttl", "1", NULL);
    tp_layer(t, "TCP", "sport", "40000", "dport", "80", NULL);
}

/* IP(src="10.0.0.2", dst="10.0.0.1")/ICMP(type=5, code=1, gw="10.0.0.254")/
 * IP(src="10.0.0.1", dst="10.0.0.2")/ICMP(id=1) */
static void b_icmp_redirect_icmp(struct tp *t)
{
    tp_layer(t, "IP", DST_SRC, NULL);
    tp_layer(t, "ICMP", "type", "redirect", "code", "host-redirect", "gw", "10.0.0.254", NULL);
    tp_layer(t, "IP", SRC_DST, NULL);
    tp_layer(t, "ICMP", "id", "1", NULL);
}

/* IP(src="10.0.0.2", dst="10.0.0.1")/ICMP(type=12, ptr=20)/IP(src="10.0.0.1", dst="10.0.0.2") */
static void b_icmp_param_problem(struct tp *t)
{
    tp_layer(t, "IP", DST_SRC, NULL);
    tp_layer(t, "ICMP", "type", "12", "ptr", "20", NULL);
    tp_layer(t, "IP", SRC_DST, NULL);
}

/* IP(src="10.0.0.2", dst="10.0.0.1")/ICMP(type=3, code=4, nexthopmtu=1400, reserved=1)/
 * IP(src="10.0.0.1", dst="10.0.0.2")/TCP() */
static void b_icmp_unreach_mtu(struct tp *t)
{
    tp_layer(t, "IP", DST_SRC, NULL);
    tp_layer(t, "ICMP", "type", "3", "code", "4", "nexthopmtu", "1400", "reserved", "1", NULL);
    tp_layer(t, "IP", SRC_DST, NULL);
    tp_layer(t, "TCP", NULL);
}

/* IP(src="10.0.0.1", dst="10.0.0.2")/ICMP(type=13, ts_ori=1, ts_rx=2, ts_tx=3, id=4, seq=5) */
static void b_icmp_timestamp(struct tp *t)
{
    tp_layer(t, "IP", SRC_DST, NULL);
    tp_layer(t, "ICMP", "type", "timestamp-request", "ts_ori", "1", "ts_rx", "2", "ts_tx", "3",
             "id", "4", "seq", "5", NULL);
}

/* IP(src="10.0.0.1", dst="10.0.0.2")/ICMP(type=18, addr_mask="255.255.255.0") */
static void b_icmp_addr_mask(struct tp *t)
{
    tp_layer(t, "IP", SRC_DST, NULL);
    tp_layer(t, "ICMP", "type", "address-mask-reply", "addr_mask", "255.255.255.0", NULL);
}

/* IP(src="10.0.0.1", dst="10.0.0.2")/ICMP(type=9, unused=7) */
static void b_icmp_unused_int(struct tp *t)
{
    tp_layer(t, "IP", SRC_DST, NULL);
    tp_layer(t, "ICMP", "type", "9", "unused", "7", NULL);
}

/* IP(src="10.0.0.1", dst="10.0.0.2")/ICMP(chksum=0x1234)/b"x" */
static void b_icmp_chksum_given(struct tp *t)
{
    tp_layer(t, "IP", SRC_DST, NULL);
    tp_layer(t, "ICMP", "chksum", "0x1234", NULL);
    tp_layer(t, "Raw", "load", "x", NULL);
}

/* Ether(dst="02:00:00:00:00:02", src="02:00:00:00:00:01")/IP(src="10.0.0.1", dst="10.0.0.2")/
 * UDP(sport=1234, dport=7)/Raw(b"xy")/Padding(b"\x00" * 10) */
static void b_padding(struct tp *t)
{
    ether(t);
    tp_layer(t, "IP", SRC_DST, NULL);
    tp_layer(t, "UDP", "sport", "1234", "dport", "echo", NULL);
    tp_layer(t, "Raw", "load", "xy", NULL);
    tp_layer(t, "Padding", "load", "hex:00000000000000000000", NULL);
}

/* IP(src="10.0.0.1", dst="10.0.0.2")/Padding(b"pp")/TCP()/b"t" */
static void b_padding_in_middle(struct tp *t)
{
    tp_layer(t, "IP", SRC_DST, NULL);
    tp_layer(t, "Padding", "load", "pp", NULL);
    tp_layer(t, "TCP", NULL);
    tp_layer(t, "Raw", "load", "t", NULL);
}

/* TCP()/b"x" */
static void b_tcp_no_ip(struct tp *t)
{
    tp_layer(t, "TCP", NULL);
    tp_layer(t, "Raw", "load", "x", NULL);
}

/* UDP(sport=7) */
static void b_udp_no_ip(struct tp *t)
{
    tp_layer(t, "UDP", "sport", "7", NULL);
}

/* Ether(dst="02:00:00:00:00:02", src="02:00:00:00:00:01")/
 * Ether(dst="02:00:00:00:00:03", src="02:00:00:00:00:04")/Raw(b"in") */
static void b_ether_ether(struct tp *t)
{
    ether(t);
    tp_layer(t, "Ether", "dst", "02:00:00:00:00:03", "src", "02:00:00:00:00:04", NULL);
    tp_layer(t, "Raw", "load", "in", NULL);
}

/* IP(src="10.0.0.1", dst="10.0.0.2")/IP(src="10.1.0.1", dst="10.1.0.2")/UDP() */
static void b_ip_in_ip(struct tp *t)
{
    tp_layer(t, "IP", SRC_DST, NULL);
    tp_layer(t, "IP", "src", "10.1.0.1", "dst", "10.1.0.2", NULL);
    tp_layer(t, "UDP", NULL);
}

/* Ether(dst="02:00:00:00:00:02", src="02:00:00:00:00:01", type=0x86dd)/IP(src="10.0.0.1", dst="10.0.0.2") */
static void b_ether_type_given(struct tp *t)
{
    tp_layer(t, "Ether", "dst", "02:00:00:00:00:02", "src", "02:00:00:00:00:01", "type", "IPv6",
             NULL);
    tp_layer(t, "IP", SRC_DST, NULL);
}

/* Ether(dst="02:00:00:00:00:02", src="02:00:00:00:00:01")/TCP() */
static void b_ether_unknown_payload(struct tp *t)
{
    ether(t);
    tp_layer(t, "TCP", NULL);
}

/* IP(src="10.0.0.2", dst="10.0.0.1")/ICMP(type=3, code=3)/IPerror(src="10.0.0.1", dst="10.0.0.2")/
 * UDPerror(sport=1234) */
static void b_error_classes_udp(struct tp *t)
{
    tp_layer(t, "IP", DST_SRC, NULL);
    tp_layer(t, "ICMP", "type", "3", "code", "3", NULL);
    tp_layer(t, "IPerror", SRC_DST, NULL);
    tp_layer(t, "UDPerror", "sport", "1234", NULL);
}

/* Ether(dst="02:00:00:00:00:02", src="02:00:00:00:00:01")/IP(src="10.0.0.2", dst="10.0.0.1")/ICMP(type=11)/
 * IPerror(src="10.0.0.1", dst="10.0.0.2")/TCPerror(dport=22) */
static void b_error_classes_tcp(struct tp *t)
{
    ether(t);
    tp_layer(t, "IP", DST_SRC, NULL);
    tp_layer(t, "ICMP", "type", "11", NULL);
    tp_layer(t, "IPerror", SRC_DST, NULL);
    tp_layer(t, "TCPerror", "dport", "ssh", NULL);
}

/* IP(src="10.0.0.2", dst="10.0.0.1")/ICMP(type=3)/IPerror(src="10.0.0.1", dst="10.0.0.2")/
 * ICMPerror(id=7)/b"abcd" */
static void b_error_classes_icmp(struct tp *t)
{
    tp_layer(t, "IP", DST_SRC, NULL);
    tp_layer(t, "ICMP", "type", "3", NULL);
    tp_layer(t, "IPerror", SRC_DST, NULL);
    tp_layer(t, "ICMPerror", "id", "7", NULL);
    tp_layer(t, "Raw", "load", "abcd", NULL);
}

/* IP(src="10.0.0.2", dst="10.0.0.1")/ICMP(type=3)/IPerror(src="10.0.0.1", dst="10.0.0.2")/TCP() */
static void b_error_iperror_tcp(struct tp *t)
{
    tp_layer(t, "IP", DST_SRC, NULL);
    tp_layer(t, "ICMP", "type", "3", NULL);
    tp_layer(t, "IPerror", SRC_DST, NULL);
    tp_layer(t, "TCP", NULL);
}

/* IP(src="10.0.0.1", dst="10.0.0.2")/TCPerror() -- no binding: proto stays 0 */
static void b_error_classes_on_ip(struct tp *t)
{
    tp_layer(t, "IP", SRC_DST, NULL);
    tp_layer(t, "TCPerror", NULL);
}

/* Ether(dst="02:00:00:00:00:02", src="02:00:00:00:00:01")/IPerror(src="10.0.0.1", dst="10.0.0.2")/
 * IP(src="10.0.0.2", dst="10.0.0.1") */
static void b_error_ether_iperror_ip(struct tp *t)
{
    ether(t);
    tp_layer(t, "IPerror", SRC_DST, NULL);
    tp_layer(t, "IP", DST_SRC, NULL);
}

/* IP()/UDP(sport=5353, dport=5353) -- DestIPField.bind_addr: dst 224.0.0.251 */
static void b_mdns_dst(struct tp *t)
{
    tp_layer(t, "IP", NULL);
    tp_layer(t, "UDP", "sport", "5353", "dport", "5353", NULL);
}

/* IP(src="10.0.0.1")/UDP(dport=1985) */
static void b_hsrp_dst(struct tp *t)
{
    tp_layer(t, "IP", "src", "10.0.0.1", NULL);
    tp_layer(t, "UDP", "dport", "1985", NULL);
}

/* Ether(src="02:00:00:00:00:01")/IP(src="10.0.0.1", dst="239.129.2.3")/UDP() */
static void b_multicast_mac(struct tp *t)
{
    tp_layer(t, "Ether", "src", "02:00:00:00:00:01", NULL);
    tp_layer(t, "IP", "src", "10.0.0.1", "dst", "239.129.2.3", NULL);
    tp_layer(t, "UDP", NULL);
}

/* Ether(src="02:00:00:00:00:01")/Dot1Q()/Dot1Q()/IP(src="10.0.0.1")/UDP(dport=5353) */
static void b_multicast_mac_qinq_mdns(struct tp *t)
{
    tp_layer(t, "Ether", "src", "02:00:00:00:00:01", NULL);
    tp_layer(t, "Dot1Q", NULL);
    tp_layer(t, "Dot1Q", NULL);
    tp_layer(t, "IP", "src", "10.0.0.1", NULL);
    tp_layer(t, "UDP", "dport", "5353", NULL);
}

/* Ether(src="02:00:00:00:00:01")/ARP(hwsrc="02:00:00:00:00:01", psrc="10.0.0.1", pdst="224.1.2.3") */
static void b_multicast_mac_arp(struct tp *t)
{
    tp_layer(t, "Ether", "src", "02:00:00:00:00:01", NULL);
    tp_layer(t, "ARP", "hwsrc", "02:00:00:00:00:01", "psrc", "10.0.0.1", "pdst", "224.1.2.3", NULL);
}

struct vector {
    const char *name;
    void (*build)(struct tp *t);
    const char *hex;
    unsigned holes; /* the fallbacks Scapy used (no route in its namespace) */
};

#define V(n, hex) {#n, b_##n, hex, 0}
#define VH(n, hex, holes) {#n, b_##n, hex, holes}

static const struct vector vectors[] = {
    V(ether_ip_tcp, "02000000000202000000000108004500002800010000400666cd0a0000010a000002001400500000000000000000500220007b7c0000"),
    VH(ip_tcp_no_route, "4500002800010000400670ce000000000a00000200140050000000000000000050022000857d0000", PS_HOLE_SRC_IP4),
    VH(ether_raw_no_route, "ffffffffffff00000000000090006162", PS_HOLE_DST_MAC | PS_HOLE_SRC_MAC),
    VH(ether_arp_no_route, "ffffffffffff00000000000008060001080006040001000000000000000000000000000000000a000002",
       PS_HOLE_DST_MAC | PS_HOLE_SRC_MAC | PS_HOLE_SRC_IP4),
    V(arp_is_at, "ffffffffffff001122aabbcc08060001080006040002001122aabbccc6120001020000000002c6120002"),
    V(ip_udp_payload, "4500002100010000401166c90a0000010a00000204d20035000da2f868656c6c6f"),
    V(udp_chksum_given_zero, "4500001e00010000401166cc0a0000010a00000200010002000a0000ebd4"),
    V(udp_chksum_computed_zero, "4500001e00010000401166cc0a0000010a00000200010002000affffebd4"),
    V(udp_len_given, "4500001f00010000401166cb0a0000010a00000200350035006426b0616263"),
    V(ip_len_given_tcp, "4500006400010000400666910a0000010a000002001400500000000000000000500220007b400000"),
    V(ip_len_given_udp, "4500003c00010000401166ae0a0000010a00000200350035000c268761626364"),
    V(ip_len_short_udp, "4500001400010000401166d60a0000010a000002003500350008eb79"),
    V(ip_ihl_given, "4600002800010000400665cd0a0000010a000002001400500000000000000000500220007b7c0000"),
    V(ip_ihl_len_given, "4700003200010000400664c30a0000010a000002001400500000000000000000500220007b7a0000"),
    V(ip_chksum_zero, "4500001c00010000400100000a0000010a0000020800f7ff00000000"),
    V(ip_version_wrong, "6510001c00070000030183c80a0000010a0000020800f7ff00000000"),
    V(ip_proto_given, "4500002800010000401166c20a0000010a000002001400500000000000000000500220007b7c0000"),
    V(ip_flags, "4500002800016064400606690a0000010a000002001400500000000100000002501220007b690000"),
    V(tcp_chksum_zero, "4500002800010000400666cd0a0000010a0000020014005000000000000000005002200000000000"),
    V(tcp_dataofs_given, "4500002c00010000400666c90a0000010a0000020014005000000000000000008a02200068b5000064617461"),
    V(tcp_options_syn, "4500003c00010000400666b90a0000010a000002001400500000000000000000a002200013990000020405b4010303070402080a0000000100000000"),
    V(tcp_options_more, "4500004400010000400666b10a0000010a000002001400500000000000000000c0022000bd030000050a00000001000000020e050100020f021c04012c1d040102000000"),
    V(tcp_options_bytes, "4500004c00010000400666a90a0000010a000002001400500000000000000000e00220002913000013123031323334353637383961626364656619076861707079220a000000050000000600"),
    V(tcp_options_numeric, "4500005000010000400666a50a0000010a000002001400500000000000000000f0022000d1650000020405b401020401020402131261626300000000000000000000000000630578797a050200000000"),
    V(tcp_options_overflow, "4500005c00010000400666990a0000010a00000200140050000000000000000020022000ba49000013126b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b13126c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c080a0000000700000008030301000000"),
    V(ip_option_nop, "4600002c00010000400664c90a0000010a00000201000000001400500000000000000000500220007b7c0000"),
    V(ip_option_rr, "4800002800010000400144b70a0000010a000002070b040102030405060708000800f7ff00000000"),
    V(ip_option_lsrr_tcp, "48000034000100004006ba900a0000010a000002830b040a0909090a0808080000140050000000000000000050022000736e0000"),
    V(ip_options_fixed, "4b00003400010000401100050a0000010a000002820b000000000000787878880400050b0405dc9404000000003500350008eb71"),
    V(ip_options_more, "4c000038000100004001a6600a0000010a000002120c00010000000001010101930a02020202000000000c04024000000800f7ff00000000"),
    V(ip_options_ssrr_udp, "4900002d0001000040112f960a0000010a0000029506030303038907040404040407030400350035000973697a"),
    V(ip_option_generic, "4700003000010000400684dc0a0000010a0000021905616263800201001400500000000000000000500220007b7c0000"),
    V(ip_option_timestamp, "4d00003c000100004001d7360a0000010a000002440c09010000000000000000440805000001e24044030923c0000209000000000800f7ff00000000"),
    V(ip_option_length_given, "4700001c000100004000cf770a0000010a0000028763080102030400"),
    V(qinq_icmp, "0200000000020200000000018100000a8100b01408004500001c00010000400166de0a0000010a0000020800f7ff00000000"),
    V(dot1q_arp, "02000000000202000000000181000003080600010800060400010200000000010a0000010000000000000a000002"),
    V(icmp_echo_payload, "4500002100010000400166d90a0000010a0000020800b3ea0042000168656c6c6f"),
    V(icmp_unreach_udp, "02000000000202000000000108004500003900010000400166c10a0000020a0000010303111a000000004500001d00010000401166cd0a0000010a00000204d20035000975d271"),
    V(icmp_time_exceeded_tcp, "4500004400010000400165ba0a0000fe0a0000010b00090f0005000945000028000100000106a5cd0a0000010a0000029c400050000000000000000050022000df4f0000"),
    V(icmp_redirect_icmp, "4500003800010000400166c20a0000020a0000010501f0000a0000fe4500001c00010000400166de0a0000010a0000020800f7fe00010000"),
    V(icmp_param_problem, "4500003000010000400166ca0a0000020a0000010c00dfff140000004500001400010000400066e70a0000010a000002"),
    V(icmp_unreach_mtu, "4500004400010000400166b60a0000020a00000103040aa1010005784500002800010000400666cd0a0000010a000002001400500000000000000000500220007b7c0000"),
    V(icmp_timestamp, "4500002800010000400166d20a0000010a0000020d00f2f000040005000000010000000200000003"),
    V(icmp_addr_mask, "4500002000010000400166da0a0000010a0000021200eefe00000000ffffff00"),
    V(icmp_unused_int, "4500001c00010000400166de0a0000010a0000020900f6f800000007"),
    V(icmp_chksum_given, "4500001d00010000400166dd0a0000010a000002080012340000000078"),
    V(padding, "02000000000202000000000108004500001e00010000401166cc0a0000010a00000204d20007000a6e85787900000000000000000000"),
    V(padding_in_middle, "4500002900010000400066d20a0000010a0000020014005000000000000000005002200000000000747070"),
    V(tcp_no_ip, "001400500000000000000000500220000000000078"),
    V(udp_no_ip, "0007003500080000"),
    V(ether_ether, "02000000000202000000000100010200000000030200000000049000696e"),
    V(ip_in_ip, "4500003000010000400466c70a0000010a0000024500001c00010000401166cc0a0100010a010002003500350008eb6f"),
    V(ether_type_given, "02000000000202000000000186dd4500001400010000400066e70a0000010a000002"),
    V(ether_unknown_payload, "02000000000202000000000190000014005000000000000000005002200000000000"),
    V(error_classes_udp, "4500003800010000400166c20a0000020a00000103031119000000004500001c00010000401166ce0a0000010a00000204d200350008e6d4"),
    V(error_classes_tcp, "02000000000202000000000108004500004400010000400166b60a0000020a0000010b00091d000000004500002800010000400666cd0a0000010a000002001400160000000000000000500220007bb60000"),
    V(error_classes_icmp, "4500003c00010000400166be0a0000020a0000010300fcff000000004500002000010000400166da0a0000010a000002080033320007000061626364"),
    V(error_iperror_tcp, "4500004400010000400166b60a0000020a0000010300111d000000004500002800010000400666cd0a0000010a000002001400500000000000000000500220007b7c0000"),
    V(error_classes_on_ip, "4500002800010000400066d30a0000010a000002001400500000000000000000500220007b7c0000"),
    V(error_ether_iperror_ip, "02000000000202000000000108004500002800010000400466cf0a0000010a0000024500001400010000400066e70a0000020a000001"),
    VH(mdns_dst, "4500001c00010000401199d500000000e00000fb14e914e90008f510", PS_HOLE_SRC_IP4),
    V(hsrp_dst, "4500001c00010000401190cd0a000001e0000002003507c100080de5"),
    V(multicast_mac, "01005e01020302000000000108004500001c0001000040117f4b0a000001ef81020300350035000803ef"),
    V(multicast_mac_qinq_mdns, "01005e0000fb020000000001810000018100000108004500001c0001000040118fd40a000001e00000fb003514e90008ffc3"),
    V(multicast_mac_arp, "01005e010203020000000001080600010800060400010200000000010a000001000000000000e0010203"),
};

#define NVECTORS (sizeof vectors / sizeof vectors[0])

static void print_hex(const char *label, const uint8_t *p, size_t n)
{
    fprintf(stderr, "  %s: ", label);
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, "%02x", p[i]);
    fputc('\n', stderr);
}

/* Every vector: same bytes as Scapy, and the holes Scapy's fallbacks stand for. */
static void test_vectors_match_scapy(void)
{
    static struct tp t; /* big: kept off the stack */
    for (size_t i = 0; i < NVECTORS; i++) {
        uint8_t want[512], got[PS_MAX_FRAME];
        size_t wlen = tp_unhex(vectors[i].hex, want, sizeof want);
        tp_init(&t);
        vectors[i].build(&t);
        unsigned holes = 0xdead;
        long n = ps_encode(&t.pkt, NULL, got, sizeof got, &holes);
        bool same = n == (long)wlen && memcmp(got, want, wlen) == 0;
        if (!same) {
            fprintf(stderr, "\nvector %s differs from Scapy\n", vectors[i].name);
            print_hex("scapy", want, wlen);
            print_hex("ours ", got, n > 0 ? (size_t)n : 0);
        }
        CU_ASSERT(same);
        if (holes != vectors[i].holes)
            fprintf(stderr, "\nvector %s: holes %#x, expected %#x\n", vectors[i].name, holes,
                    vectors[i].holes);
        CU_ASSERT_EQUAL(holes, vectors[i].holes);
    }
}

/* A buffer one byte short is refused, and nothing is written past it. */
static void test_buffer_too_small(void)
{
    static struct tp t;
    for (size_t i = 0; i < NVECTORS; i++) {
        uint8_t want[512], got[600];
        size_t wlen = tp_unhex(vectors[i].hex, want, sizeof want);
        tp_init(&t);
        vectors[i].build(&t);
        for (size_t cap = 0; cap < wlen; cap += (cap + 7 < wlen ? 7 : 1)) {
            memset(got, 0xa5, sizeof got);
            CU_ASSERT_EQUAL(ps_encode(&t.pkt, NULL, got, cap, NULL), -1);
            for (size_t k = cap; k < sizeof got; k++)
                if (got[k] != 0xa5) {
                    CU_FAIL("wrote past cap");
                    break;
                }
        }
        memset(got, 0xa5, sizeof got);
        CU_ASSERT_EQUAL(ps_encode(&t.pkt, NULL, got, wlen, NULL), (long)wlen);
        CU_ASSERT_EQUAL(got[wlen], 0xa5);
    }
}

/* What the interface knows replaces the fallbacks: Ether()/IP(dst)/TCP() with the
 * env of ether_ip_tcp builds ether_ip_tcp's bytes, with no hole. */
static void test_env_fills_addresses(void)
{
    static struct tp t;
    struct ps_env env = {.have_src_mac = true, .have_src_ip4 = true, .have_dst_mac = true,
                         .src_mac = {2, 0, 0, 0, 0, 1}, .src_ip4 = {10, 0, 0, 1},
                         .dst_mac = {2, 0, 0, 0, 0, 2}};
    uint8_t want[128], got[128];
    size_t wlen = tp_unhex(vectors[0].hex, want, sizeof want);
    tp_init(&t);
    tp_layer(&t, "Ether", NULL);
    tp_layer(&t, "IP", "dst", "10.0.0.2", NULL);
    tp_layer(&t, "TCP", NULL);
    unsigned holes = 1;
    CU_ASSERT_EQUAL(ps_encode(&t.pkt, &env, got, sizeof got, &holes), (long)wlen);
    CU_ASSERT_EQUAL(memcmp(got, want, wlen), 0);
    CU_ASSERT_EQUAL(holes, 0);

    /* ARP's hwsrc/psrc from the interface too: Ether(dst=ff..)/ARP(pdst) with the env. */
    tp_init(&t);
    tp_layer(&t, "Ether", "dst", "ff:ff:ff:ff:ff:ff", NULL);
    tp_layer(&t, "ARP", "pdst", "10.0.0.2", NULL);
    long n = ps_encode(&t.pkt, &env, got, sizeof got, &holes);
    CU_ASSERT_EQUAL(n, 42);
    const uint8_t mac[6] = {2, 0, 0, 0, 0, 1}, ip[4] = {10, 0, 0, 1};
    CU_ASSERT_EQUAL(memcmp(got + 6, mac, 6), 0);
    CU_ASSERT_EQUAL(memcmp(got + 22, mac, 6), 0);
    CU_ASSERT_EQUAL(memcmp(got + 28, ip, 4), 0);
    CU_ASSERT_EQUAL(holes, 0);
}

/* IP(options=b"\x01\x01\x01") as raw bytes: written and padded like
 * IP(options=[IPOption_NOP()] * 3) -> 01 01 01 00. */
static void test_ip_options_raw_bytes(void)
{
    static struct tp t;
    uint8_t got[64];
    tp_init(&t);
    struct ps_layer *ip = tp_layer(&t, "IP", SRC_DST, NULL);
    int fi = ps_field_index(ip->proto, "options");
    ip->v[fi].set = true;
    ip->v[fi].bytes = (const uint8_t *)"\x01\x01\x01";
    ip->v[fi].len = 3;
    CU_ASSERT_EQUAL(ps_encode(&t.pkt, NULL, got, sizeof got, NULL), 24);
    CU_ASSERT_EQUAL(got[0], 0x46);
    CU_ASSERT_EQUAL(memcmp(got + 20, "\x01\x01\x01\x00", 4), 0);
}

/* ICMP timestamps left unset are the time of day in ms (UTC), as Scapy's
 * ICMPTimeStampField default. */
static void test_icmp_timestamp_now(void)
{
    static struct tp t;
    uint8_t got[64];
    tp_init(&t);
    tp_layer(&t, "ICMP", "type", "13", NULL);
    time_t before = time(NULL);
    CU_ASSERT_EQUAL_FATAL(ps_encode(&t.pkt, NULL, got, sizeof got, NULL), 20);
    time_t after = time(NULL);
    uint32_t ts = (uint32_t)got[8] << 24 | (uint32_t)got[9] << 16 | got[10] << 8 | got[11];
    uint64_t lo = (uint64_t)(before % 86400) * 1000, hi = (uint64_t)(after % 86400) * 1000 + 999;
    if (lo <= hi) /* not across midnight */
        CU_ASSERT(ts >= lo && ts <= hi);
}

/* NTP's FixedPointField and TimeStampField take seconds as Scapy's any2i
 * computes them, with Python's float (3900000001.1 has 0x19999800 as its
 * fraction, not the exact 0x19999999); unset orig and sent are the time of
 * the build (TimeStampField.i2m of None). */
static void test_ntp_times(void)
{
    const struct ps_proto *p = ps_proto_find("NTPHeader");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    char err[128];
    struct ps_fval v;
    CU_ASSERT_PTR_NULL(ps_coerce_text(&p->fields[ps_field_index(p, "recv")], "3900000001.1", &v,
                                      err, sizeof err));
    CU_ASSERT_EQUAL(v.u, 0xe875470119999800ull);
    CU_ASSERT_PTR_NULL(ps_coerce_text(&p->fields[ps_field_index(p, "delay")], "0.0171", &v, err,
                                      sizeof err));
    CU_ASSERT_EQUAL(v.u, 1120);
    static struct tp t;
    uint8_t got[64];
    tp_init(&t);
    tp_layer(&t, "NTPHeader", NULL);
    uint64_t before = (uint64_t)time(NULL) + 2208988800u;
    CU_ASSERT_EQUAL_FATAL(ps_encode(&t.pkt, NULL, got, sizeof got, NULL), 48);
    uint64_t after = (uint64_t)time(NULL) + 2208988800u;
    for (int off = 24; off <= 40; off += 16) {
        uint64_t s = (uint64_t)got[off] << 24 | (uint64_t)got[off + 1] << 16 |
                     (uint64_t)got[off + 2] << 8 | got[off + 3];
        CU_ASSERT(s >= before && s <= after);
    }
    CU_ASSERT_EQUAL(memcmp(got + 32, "\0\0\0\0\0\0\0\0", 8), 0); /* recv: 0 */
}

/* Bindings and defaults as the compiler sees them before auto rules. */
static void test_effective_uint(void)
{
    static struct tp t;
    tp_init(&t);
    tp_layer(&t, "Ether", NULL);
    tp_layer(&t, "Dot1Q", NULL);
    tp_layer(&t, "Dot1Q", NULL);
    tp_layer(&t, "IP", NULL);
    tp_layer(&t, "TCP", NULL);
    tp_layer(&t, "Raw", NULL);
    int type = ps_field_index(t.pkt.layers[0].proto, "type");
    int proto = ps_field_index(t.pkt.layers[3].proto, "proto");
    int vlan = ps_field_index(t.pkt.layers[1].proto, "vlan");
    int qtype = ps_field_index(t.pkt.layers[1].proto, "type");
    CU_ASSERT_EQUAL(ps_effective_uint(&t.pkt, 0, type), 0x8100);
    CU_ASSERT_EQUAL(ps_effective_uint(&t.pkt, 1, qtype), 0x8100);
    CU_ASSERT_EQUAL(ps_effective_uint(&t.pkt, 2, qtype), 0x0800);
    CU_ASSERT_EQUAL(ps_effective_uint(&t.pkt, 3, proto), 6);
    CU_ASSERT_EQUAL(ps_effective_uint(&t.pkt, 1, vlan), 1);
    tp_set(&t, &t.pkt.layers[0], "type", "0x1234");
    CU_ASSERT_EQUAL(ps_effective_uint(&t.pkt, 0, type), 0x1234);
    t.pkt.n = 1;
    t.pkt.layers[0].v[type].set = false;
    CU_ASSERT_EQUAL(ps_effective_uint(&t.pkt, 0, type), 0x9000);
}

/* Every table encodes alone with its defaults, and its bit runs end on bytes
 * (for the fields a layer of defaults has, in the widths it gives them: a
 * MultipleTypeField's width or a ConditionalField can depend on the values,
 * as Dot11's cfe and FCfield do). */
static void test_every_protocol_encodes(void)
{
    size_t n;
    const struct ps_proto *const *all = ps_proto_all(&n);
    CU_ASSERT(n >= 28);
    for (size_t i = 0; i < n; i++) {
        struct ps_packet pkt = {.n = 1};
        uint8_t out[256];
        ps_layer_init(&pkt.layers[0], all[i]);
        CU_ASSERT(all[i]->nfields <= PS_MAX_FIELDS);
        unsigned bits = 0;
        for (size_t f = 0; f < all[i]->nfields; f++) {
            const struct ps_field *fd = &all[i]->fields[f];
            CU_ASSERT_PTR_NOT_NULL(fd->ls_type);
            if (fd->present && !fd->present(&pkt.layers[0]))
                continue;
            if (fd->kind == PS_K_UINT) {
                CU_ASSERT(fd->bits >= 1 && fd->bits <= 64);
                bits += fd->bits_for ? fd->bits_for(&pkt.layers[0]) : fd->bits;
            } else {
                CU_ASSERT_EQUAL(bits % 8, 0);
            }
        }
        CU_ASSERT_EQUAL(bits % 8, 0);
        CU_ASSERT(ps_encode(&pkt, NULL, out, sizeof out, NULL) >= 0);
        CU_ASSERT_PTR_EQUAL(ps_proto_find(all[i]->name), all[i]);
    }
    CU_ASSERT_PTR_NULL(ps_proto_find("IPv9"));
}

/* CRC-32C against RFC 3720's check values (B.4) and the usual "123456789". */
static void test_crc32c(void)
{
    uint8_t zeros[32] = {0}, ones[32], inc[32];
    for (int i = 0; i < 32; i++) {
        ones[i] = 0xff;
        inc[i] = (uint8_t)i;
    }
    CU_ASSERT_EQUAL(ps_crc32c((const uint8_t *)"123456789", 9), 0xe3069283u);
    CU_ASSERT_EQUAL(ps_crc32c(zeros, 32), 0x8a9136aau);
    CU_ASSERT_EQUAL(ps_crc32c(ones, 32), 0x62a8ab43u);
    CU_ASSERT_EQUAL(ps_crc32c(inc, 32), 0x46dd794eu);
    CU_ASSERT_EQUAL(ps_crc32c(NULL, 0), 0u);
}

int run_encode_suite(void);
int run_encode_suite(void)
{
    CU_pSuite s = CU_add_suite("encode", NULL, NULL);
    CU_add_test(s, "vectors match Scapy", test_vectors_match_scapy);
    CU_add_test(s, "buffer too small", test_buffer_too_small);
    CU_add_test(s, "env fills addresses", test_env_fills_addresses);
    CU_add_test(s, "IP options as raw bytes", test_ip_options_raw_bytes);
    CU_add_test(s, "ICMP timestamps default to now", test_icmp_timestamp_now);
    CU_add_test(s, "effective uint", test_effective_uint);
    CU_add_test(s, "NTP times as Scapy takes them", test_ntp_times);
    CU_add_test(s, "every protocol encodes", test_every_protocol_encodes);
    CU_add_test(s, "CRC-32C", test_crc32c);
    return 0;
}
