# libFuzzer harnesses, built with clang when PKTSPEC_FUZZ is on; run by
# tests/fuzz/run.sh for a fixed time, seeded with the specs and vectors.
if(PKTSPEC_FUZZ)
  add_executable(fuzz_spec ${CMAKE_CURRENT_LIST_DIR}/fuzz_spec.c)
  target_compile_options(fuzz_spec PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_options(fuzz_spec PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(fuzz_spec PRIVATE pktspec_compiler)

  add_executable(fuzz_decode ${CMAKE_CURRENT_LIST_DIR}/fuzz_decode.c)
  target_compile_options(fuzz_decode PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_options(fuzz_decode PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(fuzz_decode PRIVATE pktspec_rt)

  # whole capture files through `pktspec read` (issue 11's audit)
  add_executable(fuzz_capture ${CMAKE_CURRENT_LIST_DIR}/fuzz_capture.c)
  target_compile_options(fuzz_capture PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_options(fuzz_capture PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(fuzz_capture PRIVATE pktspec_compiler)
endif()

# The emit differential (emit_diff.py, also in run.sh's fuzz stage): a few
# batches of generated specs with a fixed seed, each probe compiled with
# -Werror -pedantic and compared with pktspec run.
add_test(NAME fuzz/emit-diff
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/emit_diff.py $<TARGET_FILE:pktspec> 100
                 --seed 11 --batches 3 --cc ${CMAKE_C_COMPILER} "--ldflags=${PKTSPEC_ENGINE_LDFLAGS}")
set_tests_properties(fuzz/emit-diff PROPERTIES TIMEOUT 200)
