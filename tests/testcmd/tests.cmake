# pktspec test (compiler/cmd_test.c): suites of specs, each in a lab of its
# own. Needs root and network namespaces (skips, 77, without them).
set(TESTCMD_DIR ${CMAKE_CURRENT_LIST_DIR})
add_test(NAME testcmd/suite
         COMMAND sh ${TESTCMD_DIR}/test_cmd.sh ${PKTSPEC_BIN} ${PROJECT_SOURCE_DIR}/tests/run/junit.xsd)
set_tests_properties(testcmd/suite PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 90)
# The issue's command over specs/ and tests/lab/ (about 20 s: long_sniff.pkt
# sniffs for 12 s). Serial: -j 2 fills the machine, and lab specs are timed.
add_test(NAME testcmd/specs-and-lab
         COMMAND sh ${TESTCMD_DIR}/full_suite.sh ${PKTSPEC_BIN} ${PROJECT_SOURCE_DIR}
                 ${PROJECT_SOURCE_DIR}/tests/run/junit.xsd)
set_tests_properties(testcmd/specs-and-lab PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 240 RUN_SERIAL TRUE)
# run -k PATTERN, which test passes on to each run (a dry run: no root).
add_test(NAME testcmd/run-k
         COMMAND sh ${TESTCMD_DIR}/runk/run_k.sh ${PKTSPEC_BIN} ${PROJECT_SOURCE_DIR}/tests/run/junit.xsd)
