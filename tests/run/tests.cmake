# Whole runs in dry-run mode: stdout (TAP, prints, frames), exit status and
# JUnit XML against goldens.
file(GLOB RUN_CASES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.pkt)
foreach(case ${RUN_CASES})
  get_filename_component(name ${case} NAME_WE)
  add_test(NAME run/${name}
           COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/run_case.sh $<TARGET_FILE:pktspec> ${name})
endforeach()
# print-scapy.{pkt,pcap,out} regenerated from Scapy now must not have drifted,
# and pktspec must print what Scapy prints (skipped without Scapy).
add_test(NAME run/print-scapy-live
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/print_scapy.py --check
                 $<TARGET_FILE:pktspec>)
set_tests_properties(run/print-scapy-live PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120)
# The JUnit files are valid against the schema Jenkins and GitLab read
# (junit.xsd, from windyroad/JUnit-Schema), checked with xmllint; a report
# that cannot be written is a run-time error said once.
add_test(NAME run/junit-schema
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/junit_check.sh $<TARGET_FILE:pktspec>
                 ${CMAKE_CURRENT_LIST_DIR}/junit.xsd)
# import's -I search path, and a symlinked spec's imports.
add_test(NAME run/import-search-path
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/import_search.sh $<TARGET_FILE:pktspec>)
# read --layers FILE and ls --layers FILE: a declared layer decoded as Scapy
# decodes it with the same layer declared in Python (skipped without Scapy).
add_test(NAME run/read-layers
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/read_layers.sh $<TARGET_FILE:pktspec>)
set_tests_properties(run/read-layers PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120)
# Text against Python and Scapy: str() of every kind of value and of a read
# packet's fields, % formatting, + * in and slices, print() of several values
# (docs/LANGUAGE.md, Text and bytes; skipped without Scapy).
add_test(NAME run/text-scapy-live
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/text_scapy.py --check
                 $<TARGET_FILE:pktspec>)
set_tests_properties(run/text-scapy-live PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120)
# Scapy's idioms (tuple ranges, RandX, raw) make Scapy's frames; --seed
# repeats RandX values (skipped without Scapy).
add_test(NAME run/idioms-scapy
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/idioms_scapy.sh $<TARGET_FILE:pktspec>)
set_tests_properties(run/idioms-scapy PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120)
