# sr() matching (runtime/wire/match.c and the protocols' hashret/answers hooks)
# against Scapy 2.5.0's verdicts, taken once by gen_cases.py into cases.txt.
add_executable(test_match ${CMAKE_CURRENT_LIST_DIR}/test_match.c)
target_include_directories(test_match PRIVATE ${CUNIT_INCLUDE_DIR})
target_link_libraries(test_match PRIVATE pktspec_rt ${CUNIT_LIBRARY})
add_test(NAME unit/match COMMAND test_match ${CMAKE_CURRENT_LIST_DIR}/cases.txt)
# cases.txt is what today's Scapy says (skipped without Scapy or unshare).
add_test(NAME unit/match-cases-current
         COMMAND sh -c "unshare -n true 2>/dev/null && [ -x /usr/bin/python3 ] || exit 77; cd \"$0\" && unshare -n /usr/bin/python3 gen_cases.py 2>/dev/null | cmp - cases.txt"
                 ${CMAKE_CURRENT_LIST_DIR})
set_tests_properties(unit/match-cases-current PROPERTIES SKIP_RETURN_CODE 77)
# sr()'s pairing (runtime/wire/hsent.c) against Scapy 2.5's SndRcvHandler:
# requests alike to answers(), answers in a given order, multi off and on,
# retry; pairs.txt is made by gen_pairs.py from Scapy's own handler.
add_executable(test_pairs ${CMAKE_CURRENT_LIST_DIR}/test_pairs.c)
target_include_directories(test_pairs PRIVATE ${CUNIT_INCLUDE_DIR})
target_link_libraries(test_pairs PRIVATE pktspec_rt ${CUNIT_LIBRARY})
add_test(NAME unit/pairs COMMAND test_pairs ${CMAKE_CURRENT_LIST_DIR}/pairs.txt)
add_test(NAME unit/pairs-current
         COMMAND sh -c "unshare -n true 2>/dev/null && [ -x /usr/bin/python3 ] || exit 77; cd \"$0\" && unshare -n /usr/bin/python3 gen_pairs.py 2>/dev/null | cmp - pairs.txt"
                 ${CMAKE_CURRENT_LIST_DIR})
set_tests_properties(unit/pairs-current PROPERTIES SKIP_RETURN_CODE 77)
