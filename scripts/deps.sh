#!/usr/bin/env bash
# Installs what building and testing pktspec need, from Debian's archive only.
# Root is needed (apt-get); nothing is installed that is already there.
set -eu
# python3: the test suite's scripts and oracles.
packages="build-essential cmake flex bison libpcap-dev libcunit1-dev python3"
if [ "${1:-}" = "--test" ]; then
    # The oracles and tools of the test suite: Scapy, tshark, valgrind, clang
    # (libFuzzer and the sanitizers), unshare and setpriv (util-linux), and
    # for the lab's tests ip (iproute2) and nft (nftables); xmllint
    # (libxml2-utils) checks the JUnit files against tests/run/junit.xsd.
    packages="$packages python3-scapy tshark valgrind clang libclang-rt-dev util-linux"
    packages="$packages iproute2 nftables libxml2-utils"
    # dnsmasq-base: the DHCP server of the lab's DHCP test (/usr/sbin/dnsmasq, no service).
    packages="$packages dnsmasq-base"
    # tests/install: mandoc and groff lint the man pages, man-db's man renders
    # them, dpkg-dev's dpkg-shlibdeps gives the .deb its Depends, git says
    # the commit --version prints, Vim loads the installed syntax file
    # (and tests/editor highlights specs with it).
    packages="$packages mandoc groff-base man-db dpkg-dev git vim"
fi
missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "installing:$missing"
    apt-get update -qq
    echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi
