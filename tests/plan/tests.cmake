add_executable(test_plan ${CMAKE_CURRENT_LIST_DIR}/test_plan.c)
target_include_directories(test_plan PRIVATE ${CUNIT_INCLUDE_DIR})
target_link_libraries(test_plan PRIVATE pktspec_compiler ${CUNIT_LIBRARY})
add_test(NAME unit/plan COMMAND test_plan)
