add_executable(test_compiler ${CMAKE_CURRENT_LIST_DIR}/test_compiler.c)
target_include_directories(test_compiler PRIVATE ${CUNIT_INCLUDE_DIR})
target_link_libraries(test_compiler PRIVATE pktspec_compiler ${CUNIT_LIBRARY})
add_test(NAME unit/compiler COMMAND test_compiler)
