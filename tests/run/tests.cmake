# Whole runs in dry-run mode: stdout (TAP, prints, frames), exit status and
# JUnit XML against goldens.
file(GLOB RUN_CASES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.pkt)
foreach(case ${RUN_CASES})
  get_filename_component(name ${case} NAME_WE)
  add_test(NAME run/${name}
           COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/run_case.sh $<TARGET_FILE:pktspec> ${name})
endforeach()
