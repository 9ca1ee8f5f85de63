# Installing: --version's commit, $CC for build, the man pages (lint, and no
# drift from --help), bash completion, cmake --install into a prefix, and the
# .deb installed into a scratch root with dpkg.
set(INSTALL_TESTS ${CMAKE_CURRENT_LIST_DIR})
add_test(NAME install/version
         COMMAND sh ${INSTALL_TESTS}/version.sh $<TARGET_FILE:pktspec> ${PROJECT_SOURCE_DIR}
                 ${PROJECT_VERSION})
add_test(NAME install/cc-env
         COMMAND sh ${INSTALL_TESTS}/cc_env.sh $<TARGET_FILE:pktspec>
                 ${PROJECT_SOURCE_DIR}/specs/examples/tcp_ports.pkt)
add_test(NAME install/man
         COMMAND sh ${INSTALL_TESTS}/man_check.sh $<TARGET_FILE:pktspec> ${PROJECT_SOURCE_DIR}/man)
add_test(NAME install/completion
         COMMAND bash ${INSTALL_TESTS}/completion.sh $<TARGET_FILE:pktspec>
                 ${PROJECT_SOURCE_DIR}/completions/pktspec.bash)
add_test(NAME install/prefix
         COMMAND sh ${INSTALL_TESTS}/prefix.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR})
add_test(NAME install/deb
         COMMAND sh ${INSTALL_TESTS}/deb.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR}
                 ${PROJECT_VERSION})
set_tests_properties(install/version install/cc-env install/man install/completion
                     install/prefix install/deb PROPERTIES LABELS install)
# cpack runs the build's preinstall step (an up-to-date build: nothing to do).
set_tests_properties(install/deb PROPERTIES TIMEOUT 120)
