# The program image (runtime/interp/ir_image.c): every spec run through its
# image prints what `pktspec run` prints, and -D binds at run time.
add_executable(image_run ${CMAKE_CURRENT_LIST_DIR}/image_run.c)
target_link_libraries(image_run PRIVATE pktspec_compiler)
add_test(NAME image/roundtrip
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/roundtrip.sh $<TARGET_FILE:pktspec>
                 $<TARGET_FILE:image_run> ${PROJECT_SOURCE_DIR})
# A damaged image is refused or loads, never read past its end.
foreach(spec tests/run/declared-layer.pkt specs/examples/dns.pkt)
  get_filename_component(name ${spec} NAME_WE)
  add_test(NAME image/damaged-${name} COMMAND image_run --damage ${PROJECT_SOURCE_DIR}/${spec})
endforeach()
