# Every spec under specs/: it checks, it runs dry, tshark reads its frames
# clean, and valgrind finds no leak or error in check, run --dry-run and emit.
# Files in a lib/ folder are libraries (docs/LANGUAGE.md, Imports): checked,
# run and emitted through the specs that import them.
# The examples a probe cannot run, from tests/emit/tests.cmake (included before).
list(JOIN EMIT_REFUSED "|" EMIT_REFUSED_RE)
file(GLOB_RECURSE PKTSPEC_SPECS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/specs/*.pkt)
list(FILTER PKTSPEC_SPECS EXCLUDE REGEX "/lib/[^/]*\\.pkt$")
find_program(VALGRIND valgrind)
foreach(spec ${PKTSPEC_SPECS})
  file(RELATIVE_PATH name ${PROJECT_SOURCE_DIR}/specs ${spec})
  add_test(NAME specs/check/${name} COMMAND pktspec check ${spec})
  add_test(NAME specs/dry-run/${name} COMMAND pktspec run ${spec} --dry-run)
  add_test(NAME specs/tshark/${name}
           COMMAND ${CMAKE_CURRENT_LIST_DIR}/tshark_check.sh $<TARGET_FILE:pktspec> ${spec})
  set_tests_properties(specs/tshark/${name} PROPERTIES SKIP_RETURN_CODE 77)
  if(VALGRIND AND NOT PKTSPEC_SANITIZED)
    # emit records the spec several times (interfaces, each param's made-up values)
    foreach(mode check dry-run emit)
      if(mode STREQUAL "check")
        set(args check ${spec})
      elseif(mode STREQUAL "emit")
        string(MAKE_C_IDENTIFIER ${name} cname)
        set(args emit ${spec} -o ${CMAKE_CURRENT_BINARY_DIR}/valgrind-emit-${cname}.c)
      else()
        set(args run ${spec} --dry-run)
      endif()
      add_test(NAME specs/valgrind-${mode}/${name}
               COMMAND ${VALGRIND} --quiet --error-exitcode=99 --leak-check=full
                       --errors-for-leak-kinds=definite,indirect,possible
                       --show-leak-kinds=definite,indirect,possible
                       $<TARGET_FILE:pktspec> ${args})
      # The examples a probe cannot run (tests/emit/tests.cmake, EMIT_REFUSED):
      # emit refuses them, exit 2, and leaks nothing doing so.
      if(mode STREQUAL "emit" AND name MATCHES "^examples/(${EMIT_REFUSED_RE})\\.pkt$")
        set_tests_properties(specs/valgrind-${mode}/${name} PROPERTIES SKIP_RETURN_CODE 77
                             PASS_REGULAR_EXPRESSION "error: a probe cannot"
                             FAIL_REGULAR_EXPRESSION "lost in [0-9]|Invalid |uninitialised|Mismatched")
      endif()
    endforeach()
  endif()
endforeach()

# Frames of the protocols added for issue 16, for tshark alone (frames/*.pkt):
# each names the protocol tshark must find in every frame.
file(GLOB TSHARK_FRAME_SPECS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/frames/*.pkt)
foreach(spec ${TSHARK_FRAME_SPECS})
  get_filename_component(name ${spec} NAME)
  add_test(NAME specs/tshark-frames/${name}
           COMMAND ${CMAKE_CURRENT_LIST_DIR}/tshark_check.sh $<TARGET_FILE:pktspec> ${spec})
  set_tests_properties(specs/tshark-frames/${name} PROPERTIES SKIP_RETURN_CODE 77)
endforeach()
