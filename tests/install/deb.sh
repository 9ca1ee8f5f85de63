#!/bin/sh
# deb.sh BUILD SRC VERSION: cpack -G DEB in the build directory makes
# pktspec_VERSION_ARCH.deb (section net, a maintainer, Depends on libc6 and
# libpcap0.8) that dpkg installs into a scratch root whose package database
# holds this machine's libc6 and libpcap0.8 (so Depends is checked for real,
# versions included, and an empty database refuses it); the installed
# pktspec says its version, checks and runs a spec into the capture the
# build tree's pktspec writes, builds a probe with no file of the tree at
# hand, and its man page renders; dpkg removes it whole.
build=$(cd "$1" && pwd) src=$(cd "$2" && pwd) version=$3
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for t in cpack dpkg dpkg-deb; do
    command -v $t >/dev/null 2>&1 || { echo "FAIL: no $t (scripts/deps.sh --test)"; exit 1; }
done
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$tmp/pkg" >"$tmp/log" 2>&1 ||
    { echo "FAIL: cpack -G DEB:"; cat "$tmp/log"; exit 1; }
deb=$tmp/pkg/pktspec_${version}_$(dpkg --print-architecture).deb
[ -f "$deb" ] || { echo "FAIL: no $deb:"; ls "$tmp/pkg"; exit 1; }

field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = pktspec ] || { echo "FAIL: Package: $(field Package)"; fail=1; }
[ "$(field Version)" = "$version" ] || { echo "FAIL: Version: $(field Version)"; fail=1; }
[ "$(field Section)" = net ] || { echo "FAIL: Section: $(field Section)"; fail=1; }
field Maintainer | grep -q '^[^<]\+ <[^@>]\+@[^>]\+>$' || { echo "FAIL: Maintainer: $(field Maintainer)"; fail=1; }
field Description | grep -q 'packet' || { echo "FAIL: no Description"; fail=1; }
depends=$(field Depends)
for d in libc6 libpcap0.8; do
    echo "$depends" | tr ',' '\n' | grep -q "^ *$d\( \|$\)" || { echo "FAIL: Depends lacks $d: $depends"; fail=1; }
done

# A scratch root whose database knows only the packages Depends names, as
# this machine has them installed.
mkroot() {
    mkdir -p "$1/var/lib/dpkg/info" "$1/var/lib/dpkg/updates"
    : >"$1/var/lib/dpkg/status"
    : >"$1/var/lib/dpkg/available"
}
mkroot "$tmp/empty"
if dpkg --root="$tmp/empty" -i "$deb" >"$tmp/log" 2>&1; then
    echo "FAIL: dpkg installed the package where none of its Depends is"; fail=1
fi
grep -q libpcap0.8 "$tmp/log" || { echo "FAIL: dpkg did not miss libpcap0.8:"; cat "$tmp/log"; fail=1; }

root=$tmp/root
mkroot "$root"
for d in $(echo "$depends" | tr ',' '\n' | sed 's/(.*//; s/|.*//; s/ //g'); do
    dpkg-query -s "$d" >>"$root/var/lib/dpkg/status" 2>/dev/null ||
        { echo "FAIL: Depends names $d, which this machine does not have"; fail=1; continue; }
    echo >>"$root/var/lib/dpkg/status"
    arch=$(dpkg-query -W -f='${Architecture}' "$d")
    : >"$root/var/lib/dpkg/info/$d.list"
    : >"$root/var/lib/dpkg/info/$d:$arch.list"
done
dpkg --root="$root" -i "$deb" >"$tmp/log" 2>&1 || { echo "FAIL: dpkg -i:"; cat "$tmp/log"; exit 1; }
bin=$root/usr/bin/pktspec
for f in usr/bin/pktspec usr/share/man/man1/pktspec.1 usr/share/man/man5/pktspec-spec.5 \
         usr/share/bash-completion/completions/pktspec usr/share/doc/pktspec/LANGUAGE.md; do
    [ -f "$root/$f" ] || { echo "FAIL: the package has no /$f"; fail=1; }
done

[ "$("$bin" --version)" = "$("$build/pktspec" --version)" ] ||
    { echo "FAIL: installed --version '$("$bin" --version)'"; fail=1; }
cp "$src/specs/examples/tcp_ports.pkt" "$tmp/spec.pkt"
cd "$tmp" || exit 1
"$bin" check spec.pkt || { echo "FAIL: installed pktspec check"; fail=1; }
"$bin" run spec.pkt --pcap deb.pcap >/dev/null 2>&1 || { echo "FAIL: installed pktspec run --pcap"; fail=1; }
"$build/pktspec" run spec.pkt --pcap tree.pcap >/dev/null 2>&1
[ -s tree.pcap ] && cmp -s deb.pcap tree.pcap || { echo "FAIL: the installed pktspec wrote another capture"; fail=1; }
# emit and build need no file at run time (the probe core is in the
# program): the source tree is hidden under an empty tmpfs while it builds.
if command -v cc >/dev/null 2>&1; then
    hide='mount -t tmpfs none "$1" && [ ! -e "$1/compiler" ] && exec "$2" build spec.pkt -o probe'
    if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
        unshare -m sh -c "$hide" sh "$src" "$bin" 2>/dev/null
    else
        "$bin" build spec.pkt -o probe 2>/dev/null
    fi && ./probe --pcap probe.pcap >/dev/null 2>&1 && cmp -s probe.pcap tree.pcap ||
        { echo "FAIL: the installed pktspec's probe"; fail=1; }
fi
if command -v man >/dev/null 2>&1; then
    MANWIDTH=80 man -l "$root/usr/share/man/man1/pktspec.1" >man.txt 2>man.err </dev/null
    grep -q 'pktspec run' man.txt && [ ! -s man.err ] || { echo "FAIL: man -l of the installed page"; cat man.err; fail=1; }
fi

dpkg --root="$root" -r pktspec >"$tmp/log" 2>&1 || { echo "FAIL: dpkg -r:"; cat "$tmp/log"; fail=1; }
[ ! -e "$bin" ] && [ -z "$(find "$root/usr" -type f 2>/dev/null)" ] ||
    { echo "FAIL: dpkg -r left files:"; find "$root/usr" -type f; fail=1; }
[ $fail = 0 ] && echo "ok: $(basename "$deb") (Depends: $depends) installs, runs and removes"
exit $fail
