# Bad specs and the exact diagnostics they must produce (see run_errors.sh).
# lex-*.pkt and parse-*.pkt are lexer and parser errors: they run against
# the front-end driver alone (errors/parse/NAME); every case, including the
# semantic ones, runs against `pktspec check` once that variant is added.
set(ERROR_TESTS ${CMAKE_CURRENT_LIST_DIR})
file(GLOB FRONT_ERROR_CASES CONFIGURE_DEPENDS ${ERROR_TESTS}/lex-*.pkt ${ERROR_TESTS}/parse-*.pkt)
foreach(case ${FRONT_ERROR_CASES})
  get_filename_component(name ${case} NAME_WE)
  add_test(NAME errors/parse/${name}
           COMMAND sh ${ERROR_TESTS}/run_errors.sh $<TARGET_FILE:ps_parse_driver> parse ${name}.pkt)
endforeach()

# Every case against the real command: lexer, parser and semantic errors.
file(GLOB ALL_ERROR_CASES CONFIGURE_DEPENDS ${ERROR_TESTS}/*.pkt)
foreach(case ${ALL_ERROR_CASES})
  get_filename_component(name ${case} NAME_WE)
  add_test(NAME errors/check/${name}
           COMMAND sh ${ERROR_TESTS}/run_errors.sh $<TARGET_FILE:pktspec> check ${name}.pkt)
endforeach()
