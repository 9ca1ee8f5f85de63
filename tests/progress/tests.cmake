# Progress output in the lab (core/progress.c, docs/LANGUAGE.md "Progress and
# verbosity"): a sendp of 1,000,000 frames writes under 1 KB with -q and no
# dot a frame without it, and shows a live line on a terminal (a pty); short
# calls keep Scapy's dots; -v; sniff. Root and network namespaces, or skip.
foreach(case quiet log tty short verbose sr sniff)
  add_test(NAME progress/${case}
           COMMAND python3 ${CMAKE_CURRENT_LIST_DIR}/progress.py $<TARGET_FILE:pktspec> ${case})
  set_tests_properties(progress/${case} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 200)
endforeach()
