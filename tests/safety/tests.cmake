# Issue 11's safety items: outputs, interfaces, the lab's --exec, limits.
set(SAFETY_DIR ${CMAKE_CURRENT_LIST_DIR})
add_test(NAME safety/outputs COMMAND sh ${SAFETY_DIR}/outputs.sh ${PKTSPEC_BIN})
set_tests_properties(safety/outputs PROPERTIES SKIP_RETURN_CODE 77)
# run --lab --exec: the program dies with the lab, whatever signal ends it.
foreach(sig INT TERM KILL)
  add_test(NAME safety/kill-exec-${sig} COMMAND sh ${SAFETY_DIR}/kill_exec.sh ${PKTSPEC_BIN} ${sig})
  set_tests_properties(safety/kill-exec-${sig} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 60 RESOURCE_LOCK lab)
endforeach()
# A spec's iface= cannot send anywhere but where -i or --lab says.
add_test(NAME safety/iface COMMAND sh ${SAFETY_DIR}/iface.sh ${PKTSPEC_BIN})
set_tests_properties(safety/iface PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 60)
add_test(NAME safety/limits COMMAND sh ${SAFETY_DIR}/limits.sh ${PKTSPEC_BIN}
         ${CMAKE_SOURCE_DIR}/specs/examples/heartbeat.pcap)
set_tests_properties(safety/limits PROPERTIES TIMEOUT 60)
if(Python3_FOUND)
  add_test(NAME safety/diag COMMAND ${Python3_EXECUTABLE} ${SAFETY_DIR}/diag.py ${PKTSPEC_BIN})
  set_tests_properties(safety/diag PROPERTIES TIMEOUT 600)
endif()
