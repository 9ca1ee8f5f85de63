# Printers (show, repr, summary, ls, command, json) against Scapy 2.5.0's
# text, their round trips, and `pktspec read`. Goldens: gen_golden.py.
set(PRINTERS_DIR ${CMAKE_CURRENT_LIST_DIR})
set(PRINTERS_PYTHON /usr/bin/python3)
add_executable(print_check ${PRINTERS_DIR}/print_check.c ${PRINTERS_DIR}/frames.c)
target_include_directories(print_check PRIVATE ${PRINTERS_DIR})
target_link_libraries(print_check PRIVATE pktspec_rt)

# show, repr, summary and ls of every vector and fuzz frame, line for line.
add_test(NAME printers/golden
         COMMAND print_check golden ${PRINTERS_DIR} ${PRINTERS_DIR}/allow.txt)
# The goldens regenerated from Scapy now (skipped without scapy or unshare).
add_test(NAME printers/live COMMAND ${PRINTERS_DIR}/live.sh $<TARGET_FILE:print_check>)
# encode(decode(frame)) == frame, with the same fields.
add_test(NAME printers/roundtrip COMMAND print_check roundtrip ${PRINTERS_DIR})
# command() re-parsed by pktspec gives the same bytes, for every frame.
add_test(NAME printers/command
         COMMAND ${PRINTERS_PYTHON} ${PRINTERS_DIR}/check_command.py $<TARGET_FILE:print_check>
                 ${PKTSPEC_BIN} ${PRINTERS_DIR})
# Every printer on every prefix of every frame (run it under PKTSPEC_SANITIZE).
add_test(NAME printers/truncations COMMAND print_check truncations ${PRINTERS_DIR})
# pktspec read: its modes, -c, -f, pcapng, errors and exit codes.
add_test(NAME printers/read
         COMMAND ${PRINTERS_PYTHON} ${PRINTERS_DIR}/check_read.py ${PKTSPEC_BIN}
                 $<TARGET_FILE:print_check> ${PRINTERS_DIR})
# pktspec read in constant memory: 1,000,000 packets in the peak RSS of 1,000.
add_test(NAME printers/read-rss COMMAND ${PRINTERS_DIR}/../../bench/read_rss.sh ${PKTSPEC_BIN})

set_tests_properties(printers/golden printers/roundtrip printers/command printers/read
                     PROPERTIES TIMEOUT 120)
set_tests_properties(printers/truncations printers/read-rss PROPERTIES TIMEOUT 300)
set_tests_properties(printers/live PROPERTIES TIMEOUT 120 SKIP_RETURN_CODE 77
                     ENVIRONMENT PKTSPEC=${PKTSPEC_BIN})  # tests/scapy_env.py: pktspec ls
# SNAP's OUI named from Wireshark's manuf file as Scapy's conf.manufdb names it.
add_test(NAME printers/manuf
         COMMAND unshare -n /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/manuf.py
                 $<TARGET_FILE:pktspec>)
set_tests_properties(printers/manuf PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120)
# A layer made from bytes (TCP(x"...")): show, summary and bytes against Scapy's
# TCP(b"...") (from_bytes.golden), and its command() rebuilding the same bytes; the
# golden regenerated from Scapy must not drift (skipped without Scapy).
add_test(NAME printers/from-bytes
         COMMAND ${PRINTERS_PYTHON} ${PRINTERS_DIR}/from_bytes.py ${PKTSPEC_BIN})
add_test(NAME printers/from-bytes-live
         COMMAND ${PRINTERS_PYTHON} ${PRINTERS_DIR}/from_bytes.py ${PKTSPEC_BIN} --live)
set_tests_properties(printers/from-bytes printers/from-bytes-live PROPERTIES TIMEOUT 120)
set_tests_properties(printers/from-bytes-live PROPERTIES SKIP_RETURN_CODE 77)
