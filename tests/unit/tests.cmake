# CUnit tests of runtime/proto, the encoder (vectors taken from Scapy 2.5.0)
# and the tables' decoding hooks.
add_executable(test_proto
  ${CMAKE_CURRENT_LIST_DIR}/test_proto_main.c
  ${CMAKE_CURRENT_LIST_DIR}/test_registry.c
  ${CMAKE_CURRENT_LIST_DIR}/test_encode.c
  ${CMAKE_CURRENT_LIST_DIR}/test_decode_hooks.c
  ${CMAKE_CURRENT_LIST_DIR}/pktbuild.c)
target_include_directories(test_proto PRIVATE ${CUNIT_INCLUDE_DIR})
target_link_libraries(test_proto PRIVATE pktspec_rt ${CUNIT_LIBRARY})
add_test(NAME unit/proto COMMAND test_proto)

# The name-table generator picks the names the installed Scapy shows (skipped
# without Scapy or without a network namespace to run it in).
add_test(NAME unit/services-generator
         COMMAND sh -c "unshare -n true 2>/dev/null || exit 77; exec unshare -n /usr/bin/python3 \"$0\" --check"
                 ${CMAKE_CURRENT_LIST_DIR}/../../runtime/proto/gen_services.py)
set_tests_properties(unit/services-generator PROPERTIES SKIP_RETURN_CODE 77)

# runtime/core/outfile: outputs replaced only when whole, devices kept.
add_executable(test_outfile ${CMAKE_CURRENT_LIST_DIR}/test_outfile.c)
target_include_directories(test_outfile PRIVATE ${CUNIT_INCLUDE_DIR})
target_link_libraries(test_outfile PRIVATE pktspec_rt ${CUNIT_LIBRARY})
add_test(NAME unit/outfile COMMAND test_outfile)

# No global yy* symbol in the libraries or the program (flex -P, bison api.prefix).
add_test(NAME unit/no-yy-symbols
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/no_yy_symbols.sh ${CMAKE_NM}
                 $<TARGET_FILE:pktspec_front> $<TARGET_FILE:pktspec_rt>
                 $<TARGET_FILE:pktspec_compiler> $<TARGET_FILE:pktspec>)

# #include "..." lines cross folder boundaries only along the edges of the
# table in runtime/README.md; and the check reports an include that does not.
add_test(NAME unit/include-boundaries
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/include_boundaries.py
                 ${CMAKE_SOURCE_DIR})
add_test(NAME unit/include-boundaries-refuses
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/include_boundaries.py
                 ${CMAKE_SOURCE_DIR} --inject runtime/core/packet.c:encode.h)

# CUnit is for the tests only: BUILD_TESTING=OFF configures without it.
add_test(NAME unit/no-cunit-needed
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/no_cunit.sh ${CMAKE_SOURCE_DIR}
                 ${CMAKE_BINARY_DIR}/no-cunit-check)

# RADIUS's, EAP's and SMB's name tables are committed, generated from Scapy
# 2.5's own dictionaries (runtime/proto/gen_names.py): each must still be what
# the generator writes from the installed Scapy (skipped without it).
foreach(table radius eap smb)
  add_test(NAME unit/names-generator-${table}
           COMMAND sh -c "unshare -n true 2>/dev/null && /usr/bin/python3 -c 'import scapy' 2>/dev/null || exit 77; unshare -n /usr/bin/python3 \"$0\" \"$1\" | diff -u \"$2\" -"
                   ${CMAKE_CURRENT_LIST_DIR}/../../runtime/proto/gen_names.py ${table}
                   ${CMAKE_CURRENT_LIST_DIR}/../../runtime/proto/${table}_names.c)
  set_tests_properties(unit/names-generator-${table} PROPERTIES SKIP_RETURN_CODE 77)
endforeach()
