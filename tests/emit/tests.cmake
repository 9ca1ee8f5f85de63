# pktspec emit / build: a probe is pktspec's engine (libpktspec-engine.a)
# running the spec's checked program from its image (docs/emit.md).
set(EMIT_DIR ${CMAKE_CURRENT_LIST_DIR})
# What a probe refuses is a filter= known only at run time (no libpcap in a
# probe): no example has one, so none is refused (tests/specs reads this).
set(EMIT_REFUSED "")
# The one loop (issue 12): every spec under specs/ and tests/lab, built as a
# probe; PROBE --dry-run and --pcap print and write what pktspec run does,
# and in the lab `pktspec run --lab --exec PROBE` prints what `pktspec run
# --lab SPEC` prints, with the peer commands of the spec's `# pktspec:` lines.
file(GLOB_RECURSE EMIT_SPECS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/specs/*.pkt)
list(FILTER EMIT_SPECS EXCLUDE REGEX "/lib/[^/]*\\.pkt$")
file(GLOB EMIT_LAB_SPECS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/lab/*.pkt)
foreach(spec ${EMIT_SPECS} ${EMIT_LAB_SPECS})
  file(RELATIVE_PATH name ${PROJECT_SOURCE_DIR} ${spec})
  set(extra "")
  if(name STREQUAL "tests/lab/idioms_summary.pkt")
    set(extra --lab-shape) # it prints the peer's IP IDs and ISNs
  endif()
  add_test(NAME emit/probe/${name} COMMAND sh ${EMIT_DIR}/probe_spec.sh ${PKTSPEC_BIN} ${spec} ${extra})
  set_tests_properties(emit/probe/${name} PROPERTIES TIMEOUT 240)
endforeach()
# The run tests' specs (errors with carets at run time, declared layers,
# imports, records and ranges in patterns, text): dry and pcap.
file(GLOB EMIT_RUN_SPECS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/run/*.pkt)
foreach(spec ${EMIT_RUN_SPECS})
  file(RELATIVE_PATH name ${PROJECT_SOURCE_DIR} ${spec})
  add_test(NAME emit/probe/${name} COMMAND sh ${EMIT_DIR}/probe_spec.sh ${PKTSPEC_BIN} ${spec} --no-lab)
endforeach()
# -D at the probe's run time, as pktspec run -D.
add_test(NAME emit/probe-define
         COMMAND sh ${EMIT_DIR}/probe_spec.sh ${PKTSPEC_BIN} ${PROJECT_SOURCE_DIR}/specs/examples/sweep.pkt
                 --no-lab -- -D net=198.18.0.4/31)
# Quotes, backslashes, */, ??=, newlines, NUL and every byte; ifs and text;
# frames of 9,000 bytes and strings past 4,095 bytes; Scapy's idioms.
foreach(spec strings text big_frames long_strings)
  add_test(NAME emit/${spec} COMMAND sh ${EMIT_DIR}/probe_spec.sh ${PKTSPEC_BIN} ${EMIT_DIR}/${spec}.pkt --no-lab)
endforeach()
foreach(spec run/idioms/ranges.pkt run/idioms/rand.pkt run/idiom-attrs.pkt)
  string(REPLACE "/" "-" name ${spec})
  add_test(NAME emit/idioms/${name}
           COMMAND sh ${EMIT_DIR}/probe_spec.sh ${PKTSPEC_BIN} ${PROJECT_SOURCE_DIR}/tests/${spec} --no-lab)
endforeach()
# 10,000 frames: built in under 10 s (cc -O1), and as pktspec run.
add_test(NAME emit/ten-thousand-frames
         COMMAND sh ${EMIT_DIR}/ten_thousand.sh ${PKTSPEC_BIN} ${EMIT_DIR}/ten_thousand.pkt)
set_tests_properties(emit/ten-thousand-frames PROPERTIES TIMEOUT 120)
# The probe's command line and build: --help, -D of any param and its errors,
# ldd (libc and libm only), --static, the refusal of a run-time filter.
set(EMIT_ENGINE_KIND plain)
if(PKTSPEC_SANITIZED)
  set(EMIT_ENGINE_KIND sanitized) # its probes link the sanitizers' libraries too
endif()
add_test(NAME emit/probe-cli
         COMMAND sh ${EMIT_DIR}/probe_cli.sh ${PKTSPEC_BIN} ${PROJECT_SOURCE_DIR}/specs ${EMIT_DIR}
                 ${EMIT_ENGINE_KIND})
set_tests_properties(emit/probe-cli PROPERTIES TIMEOUT 120)
# -i IFACE: the probe sends what pktspec run -i sends (a veth pair in a
# namespace of its own; skips without root).
foreach(variant dynamic static)
  set(flag "")
  if(variant STREQUAL static)
    if(PKTSPEC_SANITIZED)
      continue() # the sanitizers' runtimes do not link statically
    endif()
    set(flag --static)
  endif()
  add_test(NAME emit/probe-send-${variant}
           COMMAND sh ${EMIT_DIR}/probe_send.sh ${PKTSPEC_BIN} ${EMIT_DIR}/send_holes.pkt ${EMIT_DIR} ${flag})
  set_tests_properties(emit/probe-send-${variant} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 60)
endforeach()
add_test(NAME emit/probe-send-params
         COMMAND sh ${EMIT_DIR}/probe_send.sh ${PKTSPEC_BIN} ${EMIT_DIR}/send_params.pkt ${EMIT_DIR}
                 -D peer=10.9.0.3 -D port=4242 -D mac=02:00:00:00:00:09)
set_tests_properties(emit/probe-send-params PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 60)
# Probes in the lab with -D, JUnit, failing and erring tests, answers on
# IPv6, ICMPv6 and DNS: the same output, exit and JUnit as pktspec run --lab.
set(LAB_SPECS_DIR ${PROJECT_SOURCE_DIR}/tests/lab)
add_test(NAME emit/lab/expects
         COMMAND sh ${EMIT_DIR}/probe_lab_spec.sh ${PKTSPEC_BIN} ${EMIT_DIR}/lab_expects.pkt 1)
add_test(NAME emit/lab/expects6
         COMMAND sh ${EMIT_DIR}/probe_lab_spec.sh ${PKTSPEC_BIN} ${EMIT_DIR}/lab_expects6.pkt 1
                 --peer "/usr/bin/python3 ${LAB_SPECS_DIR}/dns_responder.py")
add_test(NAME emit/lab/params
         COMMAND sh ${EMIT_DIR}/probe_lab_spec.sh ${PKTSPEC_BIN} ${EMIT_DIR}/lab_params.pkt 0
                 -D target=198.18.0.2 -D id=4660 -D target6=2001:db8::2)
add_test(NAME emit/lab/params-unanswered
         COMMAND sh ${EMIT_DIR}/probe_lab_spec.sh ${PKTSPEC_BIN} ${EMIT_DIR}/lab_params.pkt 3)
add_test(NAME emit/lab/stop
         COMMAND sh ${EMIT_DIR}/probe_lab_spec.sh ${PKTSPEC_BIN} ${EMIT_DIR}/lab_stop.pkt 3)
add_test(NAME emit/lab/test-error
         COMMAND sh ${EMIT_DIR}/probe_lab_spec.sh ${PKTSPEC_BIN} ${EMIT_DIR}/lab_test_error.pkt 3
                 --junit ${PROJECT_SOURCE_DIR}/tests/run/junit.xsd)
set_tests_properties(emit/lab/expects emit/lab/expects6 emit/lab/params emit/lab/params-unanswered
                     emit/lab/stop emit/lab/test-error
                     PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 60)
# A probe's TAP and JUnit in a dry run, as pktspec run's.
add_test(NAME emit/probe-junit COMMAND sh ${EMIT_DIR}/probe_junit.sh ${PKTSPEC_BIN} ${PROJECT_SOURCE_DIR})
# The reader's filters run by bpf_run.c (libc), in pktspec and probes alike:
# the same frames as libpcap's pcap_offline_filter keeps.
add_executable(bpf_run_check ${EMIT_DIR}/bpf_run_check.c)
target_link_libraries(bpf_run_check PRIVATE pktspec_rt)
add_test(NAME emit/bpf-run COMMAND bpf_run_check ${PROJECT_SOURCE_DIR}/tests/decode/scapy.pcap)
