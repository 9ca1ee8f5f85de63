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

# The same cases through `run --dry-run`: word for word the errors check
# gives, exit 2, nothing sent. check and run share one checker, so
# whatever run would reject before sending, check rejects (-D values too:
# NAME.defines).
foreach(case ${ALL_ERROR_CASES})
  get_filename_component(name ${case} NAME_WE)
  add_test(NAME errors/run/${name}
           COMMAND sh ${ERROR_TESTS}/run_errors.sh $<TARGET_FILE:pktspec> run ${name}.pkt)
endforeach()

# A bad -D value stops emit (and so build) too, with the same errors.
file(GLOB DEFINE_ERROR_CASES CONFIGURE_DEPENDS ${ERROR_TESTS}/define-*.pkt)
foreach(case ${DEFINE_ERROR_CASES})
  get_filename_component(name ${case} NAME_WE)
  add_test(NAME errors/emit/${name}
           COMMAND sh ${ERROR_TESTS}/run_errors.sh $<TARGET_FILE:pktspec> emit ${name}.pkt)
endforeach()

# -D values as users type them: lists ([a,b] and a,b), quoted strings.
add_test(NAME errors/define-values
         COMMAND sh ${ERROR_TESTS}/define_values.sh $<TARGET_FILE:pktspec>)

# Every spec of the suite: check and run --dry-run agree on exit 2 and on
# the errors; a spec check accepts is not a spec error at run time.
add_test(NAME errors/check-agrees-with-run
         COMMAND sh ${ERROR_TESTS}/check_agrees.sh $<TARGET_FILE:pktspec>
                 ${CMAKE_SOURCE_DIR}/tests ${CMAKE_SOURCE_DIR}/specs)

# --format=json and --format=github over the whole corpus: goldens (NAME.json,
# NAME.github), JSON that parses with every key, and the same diagnostics at
# the same places as the text format's (check_formats.py).
add_test(NAME errors/formats
         COMMAND python3 ${ERROR_TESTS}/check_formats.py $<TARGET_FILE:pktspec>)
