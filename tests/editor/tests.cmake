# The editor files (editors/): the TextMate grammar and the Vim syntax file
# checked against pktspec's own scanner (token_dump) over every spec of the
# repository and over every keyword, builtin, field class and layer name the
# compiler knows, so that neither can drift from grammar/lexer.l.
add_executable(ps_token_dump ${CMAKE_CURRENT_LIST_DIR}/token_dump.c)
target_link_libraries(ps_token_dump PRIVATE pktspec_front)

set(EDITOR_TESTS ${CMAKE_CURRENT_LIST_DIR})
set(EDITOR_TOP ${CMAKE_CURRENT_LIST_DIR}/../..)
set(EDITOR_ORACLE --dump $<TARGET_FILE:ps_token_dump> --parser-h ${CMAKE_BINARY_DIR}/parser.h
    --builtins ${EDITOR_TOP}/compiler/builtins.c --fields ${EDITOR_TOP}/compiler/sema_layer.c
    --pktspec $<TARGET_FILE:pktspec> --lexer ${EDITOR_TOP}/grammar/lexer.l)

add_test(NAME editor/textmate-specs
         COMMAND ${Python3_EXECUTABLE} ${EDITOR_TESTS}/check_scopes.py ${EDITOR_ORACLE}
                 --textmate ${EDITOR_TOP}/editors/textmate/pkt.tmLanguage.json ${EDITOR_TOP})
add_test(NAME editor/tmgrammar-unit
         COMMAND ${Python3_EXECUTABLE} ${EDITOR_TESTS}/test_tmgrammar.py)

# Vim itself highlights the example specs and the parser cases (synstack() of
# every byte is slow: the TextMate test takes every spec); without vim (scripts/deps.sh
# --test installs it) only the word lists are checked and the test is skipped.
find_program(VIM_EXECUTABLE NAMES vim vim.basic vim.nox)
if(NOT VIM_EXECUTABLE)
  set(VIM_EXECUTABLE "")
endif()
add_test(NAME editor/vim-specs
         COMMAND ${Python3_EXECUTABLE} ${EDITOR_TESTS}/check_scopes.py ${EDITOR_ORACLE}
                 --vim "${VIM_EXECUTABLE}" --vim-dir ${EDITOR_TOP}/editors/vim
                 ${EDITOR_TOP}/specs ${EDITOR_TOP}/tests/parser/cases)
set_tests_properties(editor/vim-specs PROPERTIES SKIP_RETURN_CODE 77)

# The pages for the README: every pktspec line of the Scapy table checks, and
# the CI recipe's YAML parses (skipped without python3-yaml).
add_test(NAME docs/scapy-to-pktspec
         COMMAND ${Python3_EXECUTABLE} ${EDITOR_TESTS}/check_doc_table.py $<TARGET_FILE:pktspec>
                 ${EDITOR_TOP}/docs/scapy-to-pktspec.md)
add_test(NAME docs/ci-yaml
         COMMAND ${Python3_EXECUTABLE} ${EDITOR_TESTS}/check_ci_yaml.py ${EDITOR_TOP}/docs/ci.md)
set_tests_properties(docs/ci-yaml PROPERTIES SKIP_RETURN_CODE 77)
