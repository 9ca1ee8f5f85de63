# Wire-truth vectors: pktspec's frames against Scapy's (see tests/vectors/README.md).
set(VECTORS_DIR ${CMAKE_CURRENT_LIST_DIR})
set(VECTORS_PYTHON /usr/bin/python3)

# The pcap reader and the comparison, on a pcap Scapy's wrpcap wrote; needs no pktspec.
add_test(NAME vectors/selftest
         COMMAND ${VECTORS_PYTHON} ${VECTORS_DIR}/check.py --selftest)

# Every corpus frame pktspec builds against the checked-in Scapy fixture.
add_test(NAME vectors/fixture
         COMMAND ${VECTORS_PYTHON} ${VECTORS_DIR}/check.py --pktspec ${PKTSPEC_BIN})

# Scapy's side regenerated live in an empty network namespace: the fixture must not have
# drifted from Scapy, and pktspec must match the live frames. Skips without python3-scapy
# or unshare.
add_test(NAME vectors/live
         COMMAND ${VECTORS_PYTHON} ${VECTORS_DIR}/check.py --pktspec ${PKTSPEC_BIN} --live)

set_tests_properties(vectors/selftest PROPERTIES TIMEOUT 60)
set_tests_properties(vectors/fixture PROPERTIES TIMEOUT 600)
set_tests_properties(vectors/live PROPERTIES TIMEOUT 600 SKIP_RETURN_CODE 77)
