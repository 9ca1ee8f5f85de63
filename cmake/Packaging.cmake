# cpack -G DEB (in the build directory): pktspec_<version>_<arch>.deb for
# Debian, installing under /usr.
set(CPACK_PACKAGE_NAME pktspec)
set(CPACK_PACKAGE_VENDOR "pktspec")
set(CPACK_PACKAGE_CONTACT "pktspec maintainers <maintainers@users.noreply.r-seed-2041d4ba.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "declarative packet-spec compiler with Scapy's layers")
set(CPACK_PACKAGE_DESCRIPTION
    "pktspec checks, builds and runs packet specs: files that describe packets as\n"
    "Scapy layer stacks and the exchanges around them (send, send and expect an\n"
    "answer, sniff), with tests whose results are TAP and JUnit. Frames are built\n"
    "byte for byte as Scapy builds them, and a spec runs on an interface, in a\n"
    "throwaway lab of network namespaces, into a pcap file, or as a standalone C\n"
    "probe that needs only libc.")
list(JOIN CPACK_PACKAGE_DESCRIPTION "" CPACK_PACKAGE_DESCRIPTION)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The shared libraries' packages (libc6, libpcap0.8) from dpkg-shlibdeps
# (dpkg-dev); without it, the one the program links besides libc.
find_program(DPKG_SHLIBDEPS dpkg-shlibdeps)
if(DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libc6, libpcap0.8")
endif()
# pktspec build runs the C compiler on the probe (libc's headers; libc.a for
# --static); --lab-peer commands often use ip and nft (the lab itself needs
# neither); the printers name OUIs from Wireshark's manuf (runtime/core/manuf.c).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gcc | c-compiler, libc6-dev | libc-dev")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "iproute2, nftables, libwireshark-data")
include(CPack)
