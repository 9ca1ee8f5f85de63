# Decoder, printers and capture files (tests/decode). The golden files come
# from Scapy 2.5.0 through gen_golden.py and are checked in.
add_executable(test_decode
  ${CMAKE_CURRENT_LIST_DIR}/main.c
  ${CMAKE_CURRENT_LIST_DIR}/golden.c
  ${CMAKE_CURRENT_LIST_DIR}/test_hexdump.c
  ${CMAKE_CURRENT_LIST_DIR}/test_decode.c
  ${CMAKE_CURRENT_LIST_DIR}/test_summary.c
  ${CMAKE_CURRENT_LIST_DIR}/test_pcap.c
  ${CMAKE_CURRENT_LIST_DIR}/test_hooks.c)
target_include_directories(test_decode PRIVATE ${CUNIT_INCLUDE_DIR} ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(test_decode PRIVATE pktspec_rt ${CUNIT_LIBRARY})
add_test(NAME decode COMMAND test_decode ${CMAKE_CURRENT_LIST_DIR})
# The capture reader (runtime/read/capfile.c) over files of every shape made
# byte by byte, against Scapy and tshark; damaged files named by packet.
add_test(NAME decode/capfiles
         COMMAND unshare -n /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/capfiles.py
                 $<TARGET_FILE:pktspec>)
set_tests_properties(decode/capfiles PROPERTIES TIMEOUT 120)
