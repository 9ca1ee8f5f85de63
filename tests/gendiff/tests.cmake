# The generative differential test (tests/gendiff/gendiff.py): random stacks of every
# layer `pktspec ls` lists, built by Scapy and by pktspec, compared byte for byte, for a
# fixed seed and count (gendiff.py --seed N --count N by hand for more). Skips (77)
# without python3-scapy. A sanitized build checks the first 800 stacks of the same
# seed: its encoder is the plain build's, which checks all 2,500, and half of the time
# is Scapy's.
if(PKTSPEC_SANITIZED)
  set(GENDIFF_COUNT 800)
else()
  set(GENDIFF_COUNT 2500)
endif()
add_test(NAME gendiff/scapy
         COMMAND unshare -n /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/gendiff.py
                 --pktspec $<TARGET_FILE:pktspec> --seed 16 --count ${GENDIFF_COUNT})
set_tests_properties(gendiff/scapy PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77)
