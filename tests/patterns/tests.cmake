# matches, generated from the protocol tables: every field of every layer
# (a spec's declared layer included), in Scapy's frames of the vector corpus.
add_executable(test_patterns ${CMAKE_CURRENT_LIST_DIR}/test_patterns.c)
target_include_directories(test_patterns PRIVATE ${CUNIT_INCLUDE_DIR})
target_link_libraries(test_patterns PRIVATE pktspec_compiler ${CUNIT_LIBRARY})
add_test(NAME unit/patterns-every-field
         COMMAND test_patterns ${CMAKE_SOURCE_DIR}/tests/vectors/expected.txt
                 ${CMAKE_SOURCE_DIR}/tests/run/declared-layer.pkt)
