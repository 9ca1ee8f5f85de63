# pktspec emit / build: probes, standalone C that needs only libc (docs/emit.md).
set(EMIT_DIR ${CMAKE_CURRENT_LIST_DIR})
# Every spec under specs/: the probe compiles with gcc and clang, pedantic, and
# its --pcap and --dry-run outputs are pktspec run's byte for byte. The probe
# runs in a folder of its own: what a spec imports is compiled in. Files in a
# lib/ folder are libraries, emitted through the specs that import them.
file(GLOB_RECURSE EMIT_SPECS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/specs/*.pkt)
list(FILTER EMIT_SPECS EXCLUDE REGEX "/lib/[^/]*\\.pkt$")
# What a probe cannot do yet: build a frame from an answer's fields (a TCP
# session by hand), sniff (AsyncSniffer), match an answer's DNS records,
# decide an if on an answer (syn_scan). emit refuses these examples at each
# such place, exit 2 (docs/emit.md); tests/specs reads the same list.
set(EMIT_REFUSED tcp_session http async_sniffer dns syn_scan)
foreach(spec ${EMIT_REFUSED})
  list(FILTER EMIT_SPECS EXCLUDE REGEX "/examples/${spec}\\.pkt$")
  add_test(NAME emit/refused/${spec}
           COMMAND sh ${EMIT_DIR}/refused.sh ${PKTSPEC_BIN} specs/examples/${spec}.pkt)
  set_tests_properties(emit/refused/${spec} PROPERTIES WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
endforeach()
foreach(spec ${EMIT_SPECS})
  file(RELATIVE_PATH name ${PROJECT_SOURCE_DIR}/specs ${spec})
  add_test(NAME emit/specs/${name} COMMAND sh ${EMIT_DIR}/emit_spec.sh ${PKTSPEC_BIN} ${spec})
endforeach()
add_test(NAME emit/specs-with-define
         COMMAND sh ${EMIT_DIR}/emit_spec.sh ${PKTSPEC_BIN} ${PROJECT_SOURCE_DIR}/specs/examples/sweep.pkt
                 -D net=198.18.0.4/31)
# Quotes, backslashes, */, ??=, newlines, NUL and every byte, carried exactly.
add_test(NAME emit/strings COMMAND sh ${EMIT_DIR}/emit_spec.sh ${PKTSPEC_BIN} ${EMIT_DIR}/strings.pkt)
# ifs and text on what is known at emit time: the probe's output is run's.
add_test(NAME emit/text COMMAND sh ${EMIT_DIR}/emit_spec.sh ${PKTSPEC_BIN} ${EMIT_DIR}/text.pkt)
# an if on an answer is not in probes yet: an error at its line, no probe.
add_test(NAME emit/refuse-if
         COMMAND sh -c "\"$0\" emit \"$1\" -o \"$2\" 2>&1 | grep -q 'refuse_if.pkt:6:12: error: the probe cannot decide an if on what came from the wire (not in probes yet)' && [ ! -e \"$2\" ]"
                 ${PKTSPEC_BIN} ${EMIT_DIR}/refuse_if.pkt ${CMAKE_CURRENT_BINARY_DIR}/refuse_if.c)
add_test(NAME emit/probe-cli
         COMMAND sh ${EMIT_DIR}/probe_cli.sh ${PKTSPEC_BIN} ${PROJECT_SOURCE_DIR}/specs ${EMIT_DIR})
# 10,000 frames: emitted, compiled twice and compared well inside the timeout.
add_test(NAME emit/ten-thousand-frames
         COMMAND sh ${EMIT_DIR}/emit_spec.sh ${PKTSPEC_BIN} ${EMIT_DIR}/ten_thousand.pkt)
set_tests_properties(emit/ten-thousand-frames PROPERTIES TIMEOUT 60)
# -i IFACE: the probe sends what pktspec run -i sends, holes patched and
# checksums fixed (a veth pair in a namespace of its own; skips without root).
foreach(variant dynamic static)
  set(flag "")
  if(variant STREQUAL static)
    set(flag --static)
  endif()
  add_test(NAME emit/probe-send-${variant}
           COMMAND sh ${EMIT_DIR}/probe_send.sh ${PKTSPEC_BIN} ${EMIT_DIR}/send_holes.pkt ${EMIT_DIR} ${flag})
  set_tests_properties(emit/probe-send-${variant} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 60)
endforeach()
# -D at the probe's run time: params patched into the frames (and their
# checksums), the interface's holes after them.
add_test(NAME emit/probe-send-params
         COMMAND sh ${EMIT_DIR}/probe_send.sh ${PKTSPEC_BIN} ${EMIT_DIR}/send_params.pkt ${EMIT_DIR}
                 -D peer=10.9.0.3 -D port=4242 -D mac=02:00:00:00:00:09)
set_tests_properties(emit/probe-send-params PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 60)
# A -static probe in the lab, through pktspec run --lab --exec.
add_test(NAME emit/probe-lab
         COMMAND sh ${EMIT_DIR}/probe_lab.sh ${PKTSPEC_BIN} ${EMIT_DIR}/lab_send.pkt ${EMIT_DIR})
set_tests_properties(emit/probe-lab PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 60)
# The lab conformance specs the probe can run: built, run with pktspec run
# --lab --exec, passing (or, fail_closed_port, failing) as pktspec run --lab.
set(LAB_SPECS_DIR ${PROJECT_SOURCE_DIR}/tests/lab)
foreach(spec arp icmp_echo tcp udp_unreachable thousand)
  add_test(NAME emit/lab/${spec}
           COMMAND sh ${EMIT_DIR}/probe_lab_spec.sh ${PKTSPEC_BIN} ${LAB_SPECS_DIR}/${spec}.pkt 0)
endforeach()
# The suite that shares specs/suite/lib/common.pkt, as probes in the lab.
foreach(spec app_hello app_unreachable app_session)
  add_test(NAME emit/lab/suite/${spec}
           COMMAND sh ${EMIT_DIR}/probe_lab_spec.sh ${PKTSPEC_BIN}
                   ${PROJECT_SOURCE_DIR}/specs/suite/${spec}.pkt 0)
endforeach()
add_test(NAME emit/lab/fail_closed_port
         COMMAND sh ${EMIT_DIR}/probe_lab_spec.sh ${PKTSPEC_BIN} ${LAB_SPECS_DIR}/fail_closed_port.pkt 1)
add_test(NAME emit/lab/retry
         COMMAND sh ${EMIT_DIR}/probe_lab_spec.sh ${PKTSPEC_BIN} ${LAB_SPECS_DIR}/retry.pkt 0
                 --need nft --peer "nft -f ${LAB_SPECS_DIR}/drop_first.nft")
# IPv6, ICMPv6 and DNS answers (the probe's walker and answers() rules).
foreach(spec icmpv6_nd udp6_unreachable)
  add_test(NAME emit/lab/${spec}
           COMMAND sh ${EMIT_DIR}/probe_lab_spec.sh ${PKTSPEC_BIN} ${LAB_SPECS_DIR}/${spec}.pkt 0)
endforeach()
add_test(NAME emit/lab/icmpv6_echo
         COMMAND sh ${EMIT_DIR}/probe_lab_spec.sh ${PKTSPEC_BIN} ${LAB_SPECS_DIR}/icmpv6_echo.pkt 0
                 --need nft --peer "nft -f ${LAB_SPECS_DIR}/unicast_only6.nft")
add_test(NAME emit/lab/dns
         COMMAND sh ${EMIT_DIR}/probe_lab_spec.sh ${PKTSPEC_BIN} ${LAB_SPECS_DIR}/dns.pkt 0
                 --peer "/usr/bin/python3 ${LAB_SPECS_DIR}/dns_responder.py")
# Every form of expect the probe compiles, the last test failing (exit 1).
add_test(NAME emit/lab/expects
         COMMAND sh ${EMIT_DIR}/probe_lab_spec.sh ${PKTSPEC_BIN} ${EMIT_DIR}/lab_expects.pkt 1)
# The same on IPv6, ICMPv6 and DNS answers, with pairings that only the
# exact answers() and hashret() rules give; three tests fail (exit 1).
add_test(NAME emit/lab/expects6
         COMMAND sh ${EMIT_DIR}/probe_lab_spec.sh ${PKTSPEC_BIN} ${EMIT_DIR}/lab_expects6.pkt 1
                 --peer "/usr/bin/python3 ${LAB_SPECS_DIR}/dns_responder.py")
# -D at the probe's run time, in its frames and its expects.
add_test(NAME emit/lab/params
         COMMAND sh ${EMIT_DIR}/probe_lab_spec.sh ${PKTSPEC_BIN} ${EMIT_DIR}/lab_params.pkt 0
                 -D target=198.18.0.2 -D id=4660 -D target6=2001:db8::2)
# Built for an address nobody holds and run so: r[IP] of no answer ends its
# test in both runs (exit 3); so does r[TCP] of an echo reply.
add_test(NAME emit/lab/params-unanswered
         COMMAND sh ${EMIT_DIR}/probe_lab_spec.sh ${PKTSPEC_BIN} ${EMIT_DIR}/lab_params.pkt 3)
add_test(NAME emit/lab/stop
         COMMAND sh ${EMIT_DIR}/probe_lab_spec.sh ${PKTSPEC_BIN} ${EMIT_DIR}/lab_stop.pkt 3)
# A run-time error ends its test, not the run, in both; every failed expect
# reported; their JUnit files valid against the schema and alike.
add_test(NAME emit/lab/test-error
         COMMAND sh ${EMIT_DIR}/probe_lab_spec.sh ${PKTSPEC_BIN} ${EMIT_DIR}/lab_test_error.pkt 3
                 --junit ${PROJECT_SOURCE_DIR}/tests/run/junit.xsd)
set_tests_properties(emit/lab/test-error emit/lab/params-unanswered emit/lab/stop emit/lab/params emit/lab/arp emit/lab/icmp_echo emit/lab/tcp emit/lab/udp_unreachable
                     emit/lab/thousand emit/lab/fail_closed_port emit/lab/retry
                     emit/lab/icmpv6_nd emit/lab/udp6_unreachable emit/lab/icmpv6_echo
                     emit/lab/dns emit/lab/expects emit/lab/expects6
                     PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 60)
# A probe's TAP and JUnit in a dry run, as pktspec run's: a failed expect,
# a skip, and a run that stops outside the tests with the plan matched.
add_test(NAME emit/probe-junit COMMAND sh ${EMIT_DIR}/probe_junit.sh ${PKTSPEC_BIN} ${PROJECT_SOURCE_DIR})
# Frames of 1,500 and 9,000 bytes (brace initializers), and a test name and
# strings past ISO C's 4,095-byte literal (compound literals): the probes
# compile under -pedantic and their --pcap is pktspec run's (issue 11: 6, 8).
foreach(spec big_frames long_strings)
  add_test(NAME emit/${spec} COMMAND sh ${EMIT_DIR}/emit_spec.sh ${PKTSPEC_BIN} ${EMIT_DIR}/${spec}.pkt)
endforeach()
# 5,000 params emitted within 4 s of CPU, and -D at run time on 300 params
# of every kind settled together (issue 11: 13).
set(EMIT_SLOW "")
if(PKTSPEC_SANITIZE OR CMAKE_BUILD_TYPE STREQUAL "Debug")
  set(EMIT_SLOW slow) # no time bound: 1,000 params
endif()
add_test(NAME emit/many-params COMMAND sh ${EMIT_DIR}/many_params.sh ${PKTSPEC_BIN} ${EMIT_SLOW})
set_tests_properties(emit/many-params PROPERTIES TIMEOUT 120)
# More frames than a probe holds: an error at the call, in bounded memory
# (issue 11: 12).
add_test(NAME emit/too-many-frames COMMAND sh ${EMIT_DIR}/too_many_frames.sh ${PKTSPEC_BIN})
set_tests_properties(emit/too-many-frames PROPERTIES TIMEOUT 150)
# Scapy's idioms in probes: tuple ranges, RandX, raw() of a built packet,
# p.ttl = 5 and `for a, b in` make the frames and output of pktspec run;
# what a probe cannot run yet on answers is refused at emit time.
foreach(spec run/idioms/ranges.pkt run/idioms/rand.pkt run/idiom-attrs.pkt)
  string(REPLACE "/" "-" name ${spec})
  add_test(NAME emit/idioms/${name}
           COMMAND sh ${EMIT_DIR}/emit_spec.sh ${PKTSPEC_BIN} ${PROJECT_SOURCE_DIR}/tests/${spec})
endforeach()
add_test(NAME emit/idioms-refused COMMAND sh ${EMIT_DIR}/idioms_refused.sh ${PKTSPEC_BIN})
