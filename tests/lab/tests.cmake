# The wire, in the lab (runtime/wire/lab.c): specs sent to a peer's real Linux
# stack through a veth pair between two network namespaces pktspec makes
# for the run. Nothing here sends anywhere else. Every test needs root and
# network namespaces, and skips (77) without them.
set(LAB_DIR ${CMAKE_CURRENT_LIST_DIR})
set(LAB_RUN sh ${LAB_DIR}/run_spec.sh ${PKTSPEC_BIN})

function(lab_test name)
  add_test(NAME lab/${name} COMMAND ${ARGN})
  set_tests_properties(lab/${name} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 60)
endfunction()

# The conformance specs: what the peer's kernel answers.
foreach(spec arp icmp_echo tcp udp_unreachable sctp)
  lab_test(${spec} ${LAB_RUN} ${LAB_DIR}/${spec}.pkt 0)
endforeach()
# IPv6: echo, neighbour discovery, port unreachable; the peer answers an
# echo only when sent to its MAC, so L3 sending must resolve it by ND.
foreach(spec icmpv6_nd udp6_unreachable)
  lab_test(${spec} ${LAB_RUN} ${LAB_DIR}/${spec}.pkt 0)
endforeach()
lab_test(icmpv6_echo ${LAB_RUN} ${LAB_DIR}/icmpv6_echo.pkt 0 --need nft
         --peer "nft -f ${LAB_DIR}/unicast_only6.nft")
# IPv6 segment routing: the peer's kernel, SRv6 switched on, answers an echo
# behind a segment routing header (issue 16).
lab_test(srh ${LAB_RUN} ${LAB_DIR}/srh.pkt 0 --peer ${LAB_DIR}/peer_seg6.sh)
# DNS: a query to a responder the test starts in the peer's namespace.
lab_test(dns ${LAB_RUN} ${LAB_DIR}/dns.pkt 0
         --peer "/usr/bin/python3 ${LAB_DIR}/dns_responder.py")
# DNS records from a real server (dnsmasq in the peer): TXT of several
# strings, DNSKEY, DS, NSEC (issue 16).
lab_test(dns_records ${LAB_RUN} ${LAB_DIR}/dns_records.pkt 0 --need dnsmasq
         --peer "${LAB_DIR}/dns_records_peer.sh" --peer-wait udp/53)
lab_test(thousand ${LAB_RUN} ${LAB_DIR}/thousand.pkt 0 --grep "got 1000 answers")
lab_test(ten_thousand ${LAB_RUN} ${LAB_DIR}/ten_thousand.pkt 0 --within 5
         --grep "got 10000 answers, remaining 0 packets")
lab_test(retry ${LAB_RUN} ${LAB_DIR}/retry.pkt 0 --need nft
         --peer "nft -f ${LAB_DIR}/drop_first.nft"
         --grep "Received 5 packets, got 5 answers, remaining 0 packets")
lab_test(sniff ${LAB_RUN} ${LAB_DIR}/sniff.pkt 0 --peer ${LAB_DIR}/peer_bursts.sh
         --grep "<Sniffed: TCP:0 UDP:0 ICMP:0 Other:5>")
lab_test(loops ${LAB_RUN} ${LAB_DIR}/loops.pkt 0
         --grep "Sent 3 packets, received 3 packets. 100.0% hits."
         --grep "RECV 1: Ether / ARP is at 02:00:00:00:00:02 says 198.18.0.2"
         --grep "Sent 3 packets." --grep "Sent 4 packets.")
lab_test(declared_layer ${LAB_RUN} ${LAB_DIR}/layer_sniff.pkt 0 --peer ${LAB_DIR}/peer_layer.sh
         --grep "<Sniffed: TCP:0 UDP:3 ICMP:0 Other:0>")
lab_test(multi ${LAB_RUN} ${LAB_DIR}/multi.pkt 0 --peer ${LAB_DIR}/peer_replies.sh
         --grep "Received 3 packets, got 3 answers, remaining 0 packets")
# if/elif/else and text on answers: a SYN scan printing open/closed, a
# payload of "X" * 1472 (docs/LANGUAGE.md, Conditions; Text and bytes).
lab_test(text_scan ${LAB_RUN} ${LAB_DIR}/text_scan.pkt 0
         --grep "7 open" --grep "81 closed" --grep "the peer got 1500 bytes")
# STP: the kernel's spanning tree in a bridge over the peer's link (issue 16).
lab_test(stp ${LAB_RUN} ${LAB_DIR}/stp.pkt 0 --peer ${LAB_DIR}/peer_stp_bridge.sh
         --grep "802.3 02:00:00:00:00:02 > 01:80:c2:00:00:00 / LLC / STP")
# NTP: ntpsec's ntpd in the peer (without CAP_SYS_TIME) answers a client request (issue 16).
lab_test(ntp ${LAB_RUN} ${LAB_DIR}/ntp.pkt 0 --need /usr/sbin/ntpd --need setpriv
         --peer "${LAB_DIR}/ntp_peer.sh &" --peer-wait udp/123
         --grep "UDP / NTP v??, ??")
# NTP mode 6: ntpq's read-status and read-variables requests to the peer's
# ntpd, which a restrict line lets the lab's side query (issue 16).
lab_test(ntp_control ${LAB_RUN} ${LAB_DIR}/ntp_control.pkt 0 --need /usr/sbin/ntpd --need setpriv
         --peer "${LAB_DIR}/ntp_control_peer.sh &" --peer-wait udp/123
         --grep "ok 2 - a read-variables request gets the system variables")
# Meant to fail: exit 1, and the expected-against-got report.
lab_test(fail_closed_port ${LAB_RUN} ${LAB_DIR}/fail_closed_port.pkt 1
         --golden ${LAB_DIR}/fail_closed_port.out)

# Every spec under specs/ runs in the lab and passes. Files in a lib/ folder
# are libraries (docs/LANGUAGE.md, Imports): they run in the specs that import them.
# The examples that talk to a server in the peer run below, with it.
file(GLOB_RECURSE LAB_SPECS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/specs/*.pkt)
list(FILTER LAB_SPECS EXCLUDE REGEX "/lib/[^/]*\\.pkt$")
list(FILTER LAB_SPECS EXCLUDE REGEX "/examples/(http|dns|udp_echo)\\.pkt$")
foreach(spec ${LAB_SPECS})
  file(RELATIVE_PATH name ${PROJECT_SOURCE_DIR}/specs ${spec})
  lab_test(specs/${name} ${LAB_RUN} ${spec} 0)
endforeach()

# Servers in the peer for the run (--lab-peer, --lab-peer-wait): Python's
# http.server, a DNS responder, a UDP echo. run_spec.sh checks that no
# process of the peer outlives the run.
set(EXAMPLES ${PROJECT_SOURCE_DIR}/specs/examples)
lab_test(specs/examples/http.pkt ${LAB_RUN} ${EXAMPLES}/http.pkt 0
         --peer "/usr/bin/python3 -m http.server 8080 --directory /tmp >/dev/null 2>&1 &"
         --peer-wait tcp/8080)
lab_test(specs/examples/dns.pkt ${LAB_RUN} ${EXAMPLES}/dns.pkt 0
         --peer "/usr/bin/python3 ${LAB_DIR}/dns_responder.py")
lab_test(specs/examples/udp_echo.pkt ${LAB_RUN} ${EXAMPLES}/udp_echo.pkt 0
         --peer "/usr/bin/python3 ${LAB_DIR}/udp_echo.py")
# --lab-peer-wait: a server that takes a second to listen; the spec starts
# once it does (without the wait, its handshake meets a closed port).
lab_test(peer-wait ${LAB_RUN} ${EXAMPLES}/http.pkt 0
         --peer "(sleep 1 && exec /usr/bin/python3 -m http.server 8080 --directory /tmp >/dev/null 2>&1) &"
         --peer-wait tcp/8080)
lab_test(peer-wait-nothing ${LAB_RUN} ${LAB_DIR}/icmp_echo.pkt 3 --peer "true"
         --peer-wait udp/5999 --err "lab: nothing listens on udp/5999 in the peer")
# The spec's own kernel sends no RST into a session the spec makes by hand,
# but a RST the spec crafts leaves.
lab_test(tcp_rst ${LAB_RUN} ${LAB_DIR}/tcp_rst.pkt 0)
# A server started in the peer dies with the lab, even after SIGKILL.
foreach(sig TERM KILL)
  lab_test(server-left-${sig} sh ${LAB_DIR}/server_left.sh ${PKTSPEC_BIN} ${sig})
endforeach()
# --drop-kernel-rst on -i IFACE: a session by hand over a veth pair in
# namespaces the script makes; the nft table is gone after the run, after
# an error and after SIGTERM.
lab_test(drop-kernel-rst sh ${LAB_DIR}/drop_kernel_rst.sh ${PKTSPEC_BIN})

# The lab goes whatever ends the run; Ctrl-C only ends the capture.
foreach(sig INT TERM KILL)
  lab_test(kill-${sig} sh ${LAB_DIR}/kill_lab.sh ${PKTSPEC_BIN} ${sig})
endforeach()
lab_test(no-root sh ${LAB_DIR}/no_root.sh ${PKTSPEC_BIN})
# A peer setup command that fails: exit 3, and nothing left (run_spec.sh checks).
lab_test(peer-setup-fails ${LAB_RUN} ${LAB_DIR}/icmp_echo.pkt 3 --peer "exit 4")
# -i with an interface that is not there: exit 3 before anything is built.
add_test(NAME lab/no-such-interface
         COMMAND sh -c "\"$0\" run -i ps-nosuch0 \"$1\"; [ $? = 3 ]" ${PKTSPEC_BIN}
                 ${LAB_DIR}/icmp_echo.pkt)
# Answers pair with requests as Scapy's sr() pairs them: Scapy and pktspec
# (run and the emitted probe) on the same ambiguous exchanges, in namespaces
# the script makes.
lab_test(pairing sh ${LAB_DIR}/pairing.sh ${PKTSPEC_BIN})
# Its namespaces are named (ip netns), so no other lab test may run beside it:
# their check for namespaces left behind would see these.
set_tests_properties(lab/pairing PROPERTIES TIMEOUT 150 RUN_SERIAL TRUE)

# Sending speed and shape (runtime/wire/tx.c), counted in a peer of the
# test's own namespaces (wire_pair.sh): rate= held within 2%, threads=
# sending every frame of a count of a set exactly once.
lab_test(rate sh ${LAB_DIR}/wire_rate.sh ${PKTSPEC_BIN})
lab_test(threads sh ${LAB_DIR}/wire_threads.sh ${PKTSPEC_BIN})
# sr1 in a loop keeps one capture for the run: socket() counted under strace.
lab_test(sr1-reuse sh ${LAB_DIR}/sr1_reuse.sh ${PKTSPEC_BIN})
# sniff's buffer holds a burst of 50,000 frames sent while the sniffer is stopped.
lab_test(sniff-burst sh ${LAB_DIR}/sniff_burst.sh ${PKTSPEC_BIN})
# bench/wire.sh runs through (one small run, its JSON checked for what the
# load cannot change). Its namespaces are named psbench-*, which the other
# lab tests' check for leftovers does not look at.
lab_test(wire-bench sh ${LAB_DIR}/wire_bench.sh ${PKTSPEC_BIN})
set_tests_properties(lab/wire-bench PROPERTIES TIMEOUT 600)
# Scapy's idioms on sr's results: ans.summary(), nsummary(), show(), print,
# unans's, against Scapy's text for the same packets (for s, r in ans and
# raw() carry them to Scapy).
lab_test(idioms-summary sh ${LAB_DIR}/idioms_summary.sh ${PKTSPEC_BIN})
# issue 16: the IGMPv3, MLDv2 and IGMPv2 reports the peer's kernel sends when
# it joins groups, read as Scapy reads them.
lab_test(mcast_reports sh ${LAB_DIR}/mcast_reports.sh ${PKTSPEC_BIN})
lab_test(mcast_reports.pkt ${LAB_RUN} ${LAB_DIR}/mcast_reports.pkt 0 --peer ${LAB_DIR}/peer_mcast.sh
         --grep "IGMPv3: 198.18.0.2 > 224.0.0.22 Version 3 Membership Report / IGMPv3mr"
         --grep "IGMP: 198.18.0.2 > 239.1.2.4 Version 2 - Membership Report 239.1.2.4")
# DHCP: dnsmasq (Debian's dnsmasq-base) serves the lab's subnet in the peer;
# a DISCOVER gets its OFFER, paired by xid.
set(DNSMASQ_ARGS "--no-daemon --conf-file=/dev/null --port=0 --leasefile-ro --log-facility=-")
lab_test(dhcp ${LAB_RUN} ${LAB_DIR}/dhcp.pkt 0 --need dnsmasq
         --peer "dnsmasq ${DNSMASQ_ARGS} --dhcp-range=198.18.0.100,198.18.0.110,1h --dhcp-option=option:router,198.18.0.2 >/dev/null 2>&1 &"
         --peer-wait udp/67 --grep "Ether / IP / UDP / BOOTP / DHCP Offer")
# DHCPv6 (issue 16): dnsmasq serves the lab's /64 in the peer; a SOLICIT gets
# its ADVERTISE, paired by trid.
lab_test(dhcp6 ${LAB_RUN} ${LAB_DIR}/dhcp6.pkt 0 --need dnsmasq
         --peer "dnsmasq ${DNSMASQ_ARGS} --dhcp-range=2001:db8::100,2001:db8::1ff,64,1h >/dev/null 2>&1 &"
         --peer-wait udp/547 --grep "dhcpv6_server > 2001:db8::1:dhcpv6_client / DHCP6_Advertise / ")
# ISAKMP: the peer kernel quotes an SA offer to its closed port 500 (issue 16).
lab_test(isakmp ${LAB_RUN} ${LAB_DIR}/isakmp.pkt 0)
