# Printers (show, repr, summary, ls, command, json) against Scapy 2.5.0's text
# and their round trips; the `read` command. Goldens: gen_golden.py.
set(PRINTERS_DIR ${CMAKE_CURRENT_LIST_DIR})
add_executable(print_check ${PRINTERS_DIR}/print_check.c ${PRINTERS_DIR}/frames.c)
target_include_directories(print_check PRIVATE ${PRINTERS_DIR})
target_link_libraries(print_check PRIVATE pktspec_rt)

add_test(NAME printers/golden
         COMMAND print_check golden ${PRINTERS_DIR} ${PRINTERS_DIR}/allow.txt)
add_test(NAME printers/roundtrip COMMAND print_check roundtrip ${PRINTERS_DIR})
add_test(NAME printers/truncations COMMAND print_check truncations ${PRINTERS_DIR})
set_tests_properties(printers/golden printers/roundtrip printers/truncations
                     PROPERTIES TIMEOUT 300)
