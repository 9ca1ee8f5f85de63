# Stored packets (issue 11): what rdpcap, sniff and sr keep reads as before
# (a golden, and valgrind), and costs its bytes plus a small header (peak
# RSS per packet, measured apart from a small run). The RSS bounds mean
# nothing under the sanitizers, whose shadow memory is in every peak.
set(MEMORY_DIR ${CMAKE_CURRENT_LIST_DIR})
add_test(NAME memory/stored COMMAND sh ${MEMORY_DIR}/stored_case.sh ${PKTSPEC_BIN})
find_program(VALGRIND valgrind)
if(VALGRIND AND NOT PKTSPEC_SANITIZED)
  add_test(NAME memory/stored-valgrind
           COMMAND sh ${MEMORY_DIR}/stored_case.sh ${PKTSPEC_BIN} ${VALGRIND})
endif()
if(NOT PKTSPEC_SANITIZED)
  add_executable(peak_rss ${MEMORY_DIR}/peak_rss.c)
  add_test(NAME memory/rdpcap-rss
           COMMAND sh ${MEMORY_DIR}/stored_rss.sh ${PKTSPEC_BIN} $<TARGET_FILE:peak_rss> rdpcap)
  # In the lab: root and network namespaces, else skipped.
  foreach(mode sniff sr)
    add_test(NAME lab/memory-${mode}
             COMMAND sh ${MEMORY_DIR}/stored_rss.sh ${PKTSPEC_BIN} $<TARGET_FILE:peak_rss> ${mode})
    set_tests_properties(lab/memory-${mode} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120)
  endforeach()
endif()
