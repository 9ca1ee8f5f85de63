# ls(LAYER) against Scapy: the checked-in golden files always, live Scapy when
# /usr/bin/python3 has it. Run through tests/ls/ls_driver until `pktspec ls`
# exists; compare_ls.py takes either command.
add_executable(ls_driver ${CMAKE_CURRENT_SOURCE_DIR}/ls/ls_driver.c)
target_link_libraries(ls_driver PRIVATE pktspec_rt)
add_test(NAME ls_golden
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/ls/compare_ls.py
                 ${CMAKE_CURRENT_SOURCE_DIR}/ls/golden $<TARGET_FILE:ls_driver>)
add_test(NAME ls_scapy_live
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/ls/compare_ls.py --live
                 ${CMAKE_CURRENT_SOURCE_DIR}/ls/golden $<TARGET_FILE:ls_driver>)
set_tests_properties(ls_scapy_live PROPERTIES SKIP_RETURN_CODE 77)
