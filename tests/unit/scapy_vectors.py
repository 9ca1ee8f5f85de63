#!/usr/bin/python3
"""Prints the bytes Scapy 2.5.0 builds for the packets test_encode.c builds,
as C lines to paste into its vectors (the expected data is checked in; the
test does not need Scapy). Run: unshare -n /usr/bin/python3 scapy_vectors.py
Ether and IP addresses are given wherever Scapy would otherwise look at the
host; the few packets without them show Scapy's no-route fallbacks."""
import logging
logging.getLogger("scapy").setLevel(logging.ERROR)
from scapy.all import *  # noqa: E402,F401,F403

E = 'Ether(dst="02:00:00:00:00:02", src="02:00:00:00:00:01")'
A, B = 'src="10.0.0.1", dst="10.0.0.2"', 'src="10.0.0.2", dst="10.0.0.1"'

VECTORS = [
    ("ether_ip_tcp", E + '/IP(%s)/TCP(dport=80, flags="S")' % A),
    ("ip_tcp_no_route", 'IP(dst="10.0.0.2")/TCP()'),
    ("ether_raw_no_route", 'Ether()/Raw(b"ab")'),
    ("ether_arp_no_route", 'Ether()/ARP(pdst="10.0.0.2")'),
    ("arp_is_at", 'Ether(dst="ff:ff:ff:ff:ff:ff", src="00:11:22:aa:bb:cc")/ARP(op="is-at", '
     'hwsrc="00:11:22:aa:bb:cc", psrc="198.18.0.1", hwdst="02:00:00:00:00:02", pdst="198.18.0.2")'),
    ("ip_udp_payload", 'IP(%s)/UDP(sport=1234, dport=53)/b"hello"' % A),
    ("udp_chksum_given_zero", 'IP(%s)/UDP(sport=1, dport=2, chksum=0)/b"\\xeb\\xd4"' % A),
    ("udp_chksum_computed_zero", 'IP(%s)/UDP(sport=1, dport=2)/b"\\xeb\\xd4"' % A),
    ("udp_len_given", 'IP(%s)/UDP(len=100)/b"abc"' % A),
    ("ip_len_given_tcp", 'IP(%s, len=100)/TCP()' % A),
    ("ip_len_given_udp", 'IP(%s, len=60)/UDP()/b"abcd"' % A),
    ("ip_len_short_udp", 'IP(%s, len=20)/UDP()' % A),
    ("ip_ihl_given", 'IP(%s, ihl=6)/TCP()' % A),
    ("ip_ihl_len_given", 'IP(%s, ihl=7, len=50)/TCP()' % A),
    ("ip_chksum_zero", 'IP(%s, chksum=0)/ICMP()' % A),
    ("ip_version_wrong", 'IP(%s, version=6, tos=0x10, id=7, ttl=3)/ICMP()' % A),
    ("ip_proto_given", 'IP(%s, proto=17)/TCP()' % A),
    ("ip_flags", 'IP(%s, flags="MF+DF", frag=100)/TCP(flags="SA", seq=1, ack=2)' % A),
    ("tcp_chksum_zero", 'IP(%s)/TCP(chksum=0)' % A),
    ("tcp_dataofs_given", 'IP(%s)/TCP(dataofs=8, reserved=5)/b"data"' % A),
    ("tcp_options_syn", 'IP(%s)/TCP(options=[("MSS", 1460), ("NOP", None), ("WScale", 7), '
     '("SAckOK", b""), ("Timestamp", (1, 0))])' % A),
    ("tcp_options_more", 'IP(%s)/TCP(options=[("SAck", (1, 2)), ("AltChkSum", (1, 2)), '
     '("AltChkSumOpt", b""), ("UTO", 300), ("AO", b"\\x01\\x02"), ("EOL", None)])' % A),
    ("tcp_options_bytes", 'IP(%s)/TCP(options=[("MD5", b"0123456789abcdef"), ("Mood", b"happy"), '
     '("TFO", (5, 6))])' % A),
    ("tcp_options_numeric", 'IP(%s)/TCP(options=[(2, b"\\x05\\xb4"), (1, None), ("MSS", b"\\x01\\x02"), '
     '("SAckOK", ""), ("MD5", b"abc"), (99, b"xyz"), ("SAck", ()), (0, None)])' % A),
    ("tcp_options_overflow", 'IP(%s)/TCP(options=[("MD5", b"k" * 16), ("MD5", b"l" * 16), '
     '("Timestamp", (7, 8)), ("WScale", 1)])' % A),
    ("ip_option_nop", 'IP(%s, options=[IPOption_NOP()])/TCP()' % A),
    ("ip_option_rr", 'IP(%s, options=[IPOption_RR(routers=["1.2.3.4", "5.6.7.8"])])/ICMP()' % A),
    ("ip_option_lsrr_tcp", 'IP(%s, options=[IPOption_LSRR(routers=["10.9.9.9", "10.8.8.8"])])/TCP()' % A),
    ("ip_options_fixed", 'IP(%s, options=[IPOption_Security(), IPOption_Stream_Id(security=5), '
     'IPOption_MTU_Probe(mtu=1500), IPOption_Router_Alert()])/UDP()' % A),
    ("ip_options_more", 'IP(%s, options=[IPOption_Traceroute(id=1, originator_ip="1.1.1.1"), '
     'IPOption_Address_Extension(src_ext="2.2.2.2"), IPOption_MTU_Reply(mtu=576), IPOption_EOL()])/ICMP()' % A),
    ("ip_options_ssrr_udp", 'IP(%s, options=[IPOption_SDBM(addresses=["3.3.3.3"]), '
     'IPOption_SSRR(routers=["4.4.4.4"]), IPOption_RR()])/UDP()/b"z"' % A),
    ("ip_option_generic", 'IP(%s, options=[IPOption(option=25, value=b"abc"), IPOption(copy_flag=1), '
     'IPOption_NOP()])/TCP()' % A),
    ("ip_option_timestamp", 'IP(%s, options=[IPOption_Timestamp(), IPOption_Timestamp(flg="timestamp_only", '
     'pointer=5, timestamp=123456), IPOption_Timestamp(length=3, flg=3, oflw=2, internet_address="192.0.2.9")])'
     '/ICMP()' % A),
    ("ip_option_length_given", 'IP(%s, options=[IPOption_RR(length=99, pointer=8, copy_flag=1, '
     'routers=["1.2.3.4"])])' % A),
    ("qinq_icmp", E + '/Dot1Q(vlan=10)/Dot1Q(vlan=20, prio=5, id=1)/IP(%s)/ICMP()' % A),
    ("dot1q_arp", E + '/Dot1Q(vlan=3)/ARP(hwsrc="02:00:00:00:00:01", psrc="10.0.0.1", pdst="10.0.0.2")'),
    ("icmp_echo_payload", 'IP(%s)/ICMP(id=0x42, seq=1)/b"hello"' % A),
    ("icmp_unreach_udp", E + '/IP(%s)/ICMP(type=3, code=3)/IP(%s)/UDP(sport=1234, dport=53)/b"q"' % (B, A)),
    ("icmp_time_exceeded_tcp", 'IP(src="10.0.0.254", dst="10.0.0.1")/ICMP(type=11, code=0, length=5, unused=9)/'
     'IP(%s, ttl=1)/TCP(sport=40000, dport=80)' % A),
    ("icmp_redirect_icmp", 'IP(%s)/ICMP(type=5, code=1, gw="10.0.0.254")/IP(%s)/ICMP(id=1)' % (B, A)),
    ("icmp_param_problem", 'IP(%s)/ICMP(type=12, ptr=20)/IP(%s)' % (B, A)),
    ("icmp_unreach_mtu", 'IP(%s)/ICMP(type=3, code=4, nexthopmtu=1400, reserved=1)/IP(%s)/TCP()' % (B, A)),
    ("icmp_timestamp", 'IP(%s)/ICMP(type=13, ts_ori=1, ts_rx=2, ts_tx=3, id=4, seq=5)' % A),
    ("icmp_addr_mask", 'IP(%s)/ICMP(type=18, addr_mask="255.255.255.0")' % A),
    ("icmp_unused_int", 'IP(%s)/ICMP(type=9, unused=7)' % A),
    ("icmp_chksum_given", 'IP(%s)/ICMP(chksum=0x1234)/b"x"' % A),
    ("padding", E + '/IP(%s)/UDP(sport=1234, dport=7)/Raw(b"xy")/Padding(b"\\x00" * 10)' % A),
    ("padding_in_middle", 'IP(%s)/Padding(b"pp")/TCP()/b"t"' % A),
    ("tcp_no_ip", 'TCP()/b"x"'),
    ("udp_no_ip", 'UDP(sport=7)'),
    ("ether_ether", E + '/Ether(dst="02:00:00:00:00:03", src="02:00:00:00:00:04")/Raw(b"in")'),
    ("ip_in_ip", 'IP(%s)/IP(src="10.1.0.1", dst="10.1.0.2")/UDP()' % A),
    ("ether_type_given", E.replace(")", ', type=0x86dd)') + '/IP(%s)' % A),
    ("ether_unknown_payload", E + '/TCP()'),
    ("error_classes_udp", 'IP(%s)/ICMP(type=3, code=3)/IPerror(%s)/UDPerror(sport=1234)' % (B, A)),
    ("error_classes_tcp", E + '/IP(%s)/ICMP(type=11)/IPerror(%s)/TCPerror(dport=22)' % (B, A)),
    ("error_classes_icmp", 'IP(%s)/ICMP(type=3)/IPerror(%s)/ICMPerror(id=7)/b"abcd"' % (B, A)),
    ("error_iperror_tcp", 'IP(%s)/ICMP(type=3)/IPerror(%s)/TCP()' % (B, A)),
    ("error_classes_on_ip", 'IP(%s)/TCPerror()' % A),
    ("error_ether_iperror_ip", E + '/IPerror(%s)/IP(%s)' % (A, B)),
    ("mdns_dst", 'IP()/UDP(sport=5353, dport=5353)'),
    ("hsrp_dst", 'IP(src="10.0.0.1")/UDP(dport=1985)'),
    ("multicast_mac", 'Ether(src="02:00:00:00:00:01")/IP(src="10.0.0.1", dst="239.129.2.3")/UDP()'),
    ("multicast_mac_qinq_mdns", 'Ether(src="02:00:00:00:00:01")/Dot1Q()/Dot1Q()/IP(src="10.0.0.1")/'
     'UDP(dport=5353)'),
    ("multicast_mac_arp", 'Ether(src="02:00:00:00:00:01")/ARP(hwsrc="02:00:00:00:00:01", psrc="10.0.0.1", '
     'pdst="224.1.2.3")'),
]


def main():
    for name, expr in VECTORS:
        data = bytes(eval(expr))
        print("    /* %s */" % expr)
        print('    {"%s", "%s"},' % (name, data.hex()))


if __name__ == "__main__":
    main()
