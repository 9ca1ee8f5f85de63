# The front end alone: golden trees, every spec of specs/ parses, and the
# library keeps no writable state.
add_executable(ps_parse_driver ${CMAKE_CURRENT_LIST_DIR}/parse_driver.c)
target_link_libraries(ps_parse_driver PRIVATE pktspec_front)

set(PARSER_TESTS ${CMAKE_CURRENT_LIST_DIR})
file(GLOB PARSER_CASES CONFIGURE_DEPENDS ${PARSER_TESTS}/cases/*.pkt)
foreach(case ${PARSER_CASES})
  get_filename_component(name ${case} NAME_WE)
  add_test(NAME parser/${name}
           COMMAND sh ${PARSER_TESTS}/run_golden.sh $<TARGET_FILE:ps_parse_driver> ${name}
           WORKING_DIRECTORY ${PARSER_TESTS}/cases)
endforeach()

add_test(NAME parser/expr-mode
         COMMAND sh ${PARSER_TESTS}/run_exprs.sh $<TARGET_FILE:ps_parse_driver>
                 ${PARSER_TESTS}/exprs.txt)
add_test(NAME parser/specs
         COMMAND sh ${PARSER_TESTS}/run_specs.sh $<TARGET_FILE:ps_parse_driver>
                 ${CMAKE_CURRENT_LIST_DIR}/../../specs)
# (sanitizers add writable metadata of their own)
if(NOT PKTSPEC_SANITIZED)
  add_test(NAME parser/no-writable-globals
           COMMAND sh ${PARSER_TESTS}/no_globals.sh ${CMAKE_OBJDUMP} $<TARGET_FILE:pktspec_front>)
endif()

# Every case in one process under valgrind: leaks and bad reads fail it.
find_program(VALGRIND valgrind)
if(VALGRIND AND NOT PKTSPEC_SANITIZED)
  file(GLOB PARSER_ERROR_CASES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/../errors/*.pkt)
  add_test(NAME parser/valgrind
           COMMAND sh ${PARSER_TESTS}/run_valgrind.sh ${VALGRIND} $<TARGET_FILE:ps_parse_driver>
                   ${PARSER_CASES} ${PARSER_ERROR_CASES})
  set_tests_properties(parser/valgrind PROPERTIES SKIP_RETURN_CODE 77)
endif()

add_executable(ps_diag_check ${CMAKE_CURRENT_LIST_DIR}/diag_check.c)
target_link_libraries(ps_diag_check PRIVATE pktspec_front)
add_test(NAME parser/diag-format
         COMMAND sh -c "\"$1\" | diff -u \"$2\" -" sh $<TARGET_FILE:ps_diag_check>
                 ${PARSER_TESTS}/diag.expected)
