# DNS names (runtime/proto/dns_name.c) and DNS dissection: compression
# pointers, the loop guard, writing dissected messages back, the length
# prefix over TCP. Scapy's own texts for the same frames are in the decode
# and printers goldens; this checks what those cannot see.
add_executable(test_dns ${CMAKE_CURRENT_LIST_DIR}/test_dns.c)
target_include_directories(test_dns PRIVATE ${CUNIT_INCLUDE_DIR}
                           ${CMAKE_CURRENT_LIST_DIR}/../../runtime
                           ${CMAKE_CURRENT_LIST_DIR}/../../runtime/proto)
target_link_libraries(test_dns PRIVATE pktspec_rt ${CUNIT_LIBRARY})
add_test(NAME dns COMMAND test_dns)
