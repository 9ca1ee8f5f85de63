# pktspec --version: the git commit of the source tree, found again at every
# build (GitVersion.cmake) so that it never goes stale; pktspec_git.h only
# changes, and main.c is only recompiled, when the commit or dirtiness does.
find_package(Git QUIET)
set(PKTSPEC_GIT_HEADER ${CMAKE_CURRENT_BINARY_DIR}/pktspec_git.h)
set(PKTSPEC_GIT_COMMAND ${CMAKE_COMMAND} -DSRC=${CMAKE_CURRENT_SOURCE_DIR}
    -DOUT=${PKTSPEC_GIT_HEADER} -DGIT=${GIT_EXECUTABLE}
    -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/GitVersion.cmake)
execute_process(COMMAND ${PKTSPEC_GIT_COMMAND})
add_custom_target(pktspec_git_version COMMAND ${PKTSPEC_GIT_COMMAND}
                  BYPRODUCTS ${PKTSPEC_GIT_HEADER} VERBATIM)
add_dependencies(pktspec pktspec_git_version)
target_include_directories(pktspec PRIVATE ${CMAKE_CURRENT_BINARY_DIR})
