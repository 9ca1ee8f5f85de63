#!/bin/sh
# define_values.sh PKTSPEC: -D values as a user types them. A list param
# takes [a,b] and a,b alike, elements typed as the default's; a string
# param takes its text bare or in one pair of quotes (escapes as in the
# language). Each run's stdout is compared with what the spec must print.
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
cd "$(dirname "$0")/defines" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
# expect WANT-FILE SPEC -D...: run --dry-run, stdout must equal WANT-FILE.
expect() {
    want=$1 spec=$2
    shift 2
    "$bin" run "$spec" --dry-run "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ $rc -ne 0 ]; then
        echo "FAIL: $spec $*: exit $rc"; cat "$tmp/err"; failed=1
    elif ! cmp -s "$want" "$tmp/out"; then
        echo "FAIL: $spec $*: stdout differs"; diff -u "$want" "$tmp/out"; failed=1
    fi
    "$bin" check "$spec" "$@" 2>"$tmp/err" || { echo "FAIL: check $spec $*"; cat "$tmp/err"; failed=1; }
}

expect list-param.out list-param.pkt -D 'ports=[443,8080,9]'
expect list-param.out list-param.pkt -D 'ports=443,8080,9'
expect list-param.out list-param.pkt -D 'ports=[ 443, 0x1f90 , 9 ]'
expect list-param.out list-param.pkt -D ports=443 -D 'ports=443,8080,9'

printf 'x\n1\n' > "$tmp/x.out"
expect "$tmp/x.out" string-param.pkt -D 'tag="x"'
expect "$tmp/x.out" string-param.pkt -D 'tag=x'
expect "$tmp/x.out" string-param.pkt -D "tag='x'"
printf 'a"b\n3\n' > "$tmp/q.out"
expect "$tmp/q.out" string-param.pkt -D 'tag="a\"b"'
printf '"x\n2\n' > "$tmp/h.out"
expect "$tmp/h.out" string-param.pkt -D 'tag="x'
printf 'two words\n9\n' > "$tmp/w.out"
expect "$tmp/w.out" string-param.pkt -D 'tag=two words'

# inter=gap with param gap = 1 (or -D gap=2): the capture's second frame is
# that many seconds after the first, not nanoseconds.
gap_of() {
    python3 -c 'import struct,sys
d=open(sys.argv[1],"rb").read()
t1=struct.unpack_from("<II",d,24); n=struct.unpack_from("<I",d,32)[0]
t2=struct.unpack_from("<II",d,40+n)
print((t2[0]-t1[0])*1000000+t2[1]-t1[1])' "$1"
}
for g in 1 2; do
    "$bin" run seconds-param.pkt --pcap "$tmp/gap.pcap" -D gap=$g >/dev/null 2>"$tmp/err" ||
        { echo "FAIL: seconds-param.pkt -D gap=$g"; cat "$tmp/err"; failed=1; }
    us=$(gap_of "$tmp/gap.pcap")
    [ "$us" = "${g}000000" ] || { echo "FAIL: inter=gap with gap=$g: frames ${us} us apart"; failed=1; }
done
exit $failed
