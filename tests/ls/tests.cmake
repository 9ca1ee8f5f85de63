# ls(LAYER) against Scapy: the checked-in golden files always, live Scapy when
# /usr/bin/python3 has it (else skipped). compare_ls.py runs any command that
# prints ls(LAYER) when given the layer and lists the layers without one:
# `pktspec ls`, and ls_driver (ps_ls_print alone, without the front end).
# Regenerate the golden files: compare_ls.py --update tests/ls/golden build/pktspec ls
add_executable(ls_driver ${CMAKE_CURRENT_LIST_DIR}/ls_driver.c)
target_link_libraries(ls_driver PRIVATE pktspec_rt)
set(LS_COMPARE /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/compare_ls.py)
set(LS_GOLDEN ${CMAKE_CURRENT_LIST_DIR}/golden)
add_test(NAME ls/golden-printer COMMAND ${LS_COMPARE} ${LS_GOLDEN} $<TARGET_FILE:ls_driver>)
add_test(NAME ls/golden-pktspec COMMAND ${LS_COMPARE} ${LS_GOLDEN} ${PKTSPEC_BIN} ls)
add_test(NAME ls/scapy-live COMMAND ${LS_COMPARE} --live ${LS_GOLDEN} ${PKTSPEC_BIN} ls)
set_tests_properties(ls/scapy-live PROPERTIES SKIP_RETURN_CODE 77)
# The README's list of layers against `pktspec ls`.
add_test(NAME ls/readme-layers
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/readme_layers.py
                 ${CMAKE_SOURCE_DIR}/README.md ${PKTSPEC_BIN})
