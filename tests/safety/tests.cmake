# Issue 11's safety items: outputs, interfaces, the lab's --exec, limits.
set(SAFETY_DIR ${CMAKE_CURRENT_LIST_DIR})
add_test(NAME safety/outputs COMMAND sh ${SAFETY_DIR}/outputs.sh ${PKTSPEC_BIN})
set_tests_properties(safety/outputs PROPERTIES SKIP_RETURN_CODE 77)
