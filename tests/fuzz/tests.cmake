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
endif()
