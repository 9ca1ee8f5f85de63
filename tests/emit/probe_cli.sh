#!/bin/sh
# The probe's command line and its build: -D takes the spec's params (another
# value where the param only shows in frame bytes, else only the value it
# was built with; a bad value or name is a usage error, 2),
# --help, a probe built with --static needs no shared library (ldd) and runs
# in an empty network namespace when one can be made; --frames-only gives a
# header that compiles; a packet set is stored as a template and patches;
# what a probe cannot do is an error at its spec location (2).
#   probe_cli.sh PKTSPEC SPECS_DIR EMIT_DIR
set -u
pktspec=$1 specs=$2 here=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
spec=$specs/examples/arp.pkt
"$pktspec" build "$spec" -o "$tmp/probe" || fail "build exited $?"
"$tmp/probe" --help | grep -q "Usage:" || fail "no usage in --help"
"$tmp/probe" --dry-run -D target=198.18.0.2 > /dev/null || fail "-D with the built value refused"
"$tmp/probe" --dry-run -D target=198.18.0.7 > /dev/null 2> "$tmp/err"; st=$?
[ $st = 2 ] || fail "-D with another value: exit $st, not 2"
grep -q "the dry run's summaries hold target=198.18.0.2" "$tmp/err" ||
    fail "no reason given: $(cat "$tmp/err")"
# a param that changes more than frame bytes keeps its built value
"$pktspec" build "$here/fixed_param.pkt" -o "$tmp/fixed" || fail "fixed_param build exited $?"
"$tmp/fixed" --pcap "$tmp/f.pcap" -D n=4 > /dev/null 2> "$tmp/err"; st=$?
[ $st = 2 ] || fail "-D of a fixed param: exit $st, not 2"
grep -q "it changes how many frames are sent; build it again with pktspec build -D n=4" "$tmp/err" ||
    fail "no reason or hint to rebuild: $(cat "$tmp/err")"
"$tmp/fixed" --pcap "$tmp/f.pcap" -D n=3 > /dev/null 2>&1 || fail "-D with the built value refused"
# -D at run time: a param that only shows in frame bytes takes another value
ports=$specs/examples/tcp_ports.pkt
"$pktspec" build "$ports" -o "$tmp/ports" 2> /dev/null || fail "tcp_ports build exited $?"
"$tmp/ports" --pcap "$tmp/p.pcap" -D target=10.1.2.3 -D closed_port=0x1234 > /dev/null 2>&1 ||
    fail "-D of a patchable param refused"
"$pktspec" run --pcap "$tmp/r.pcap" -D target=10.1.2.3 -D closed_port=0x1234 "$ports" > /dev/null 2>&1
cmp "$tmp/p.pcap" "$tmp/r.pcap" || fail "-D at run time: other frames than pktspec run -D"
cmp_err() { # STATUS TEXT PROBE ARGS...
    want=$1 text=$2
    shift 2
    "$@" > /dev/null 2> "$tmp/err"; st=$?
    [ $st = "$want" ] || fail "$*: exit $st, not $want"
    grep -qF "$text" "$tmp/err" || fail "$*: no '$text' in: $(cat "$tmp/err")"
}
"$tmp/ports" --help | grep -q "^  -D open_port: an integer, built with 7$" || fail "--help lists no params"
cmp_err 2 "the dry run's summaries hold target=198.18.0.2" "$tmp/ports" --dry-run -D target=10.1.2.3
cmp_err 2 "its frames hold it in 16 bits" "$tmp/ports" --pcap "$tmp/x" -D open_port=70000
cmp_err 2 "param 'open_port' takes an integer" "$tmp/ports" --pcap "$tmp/x" -D open_port=x
cmp_err 2 "param 'target' takes an IPv4 address" "$tmp/ports" --pcap "$tmp/x" -D target=1.2.3
"$tmp/probe" --dry-run -D nosuch=1 > /dev/null 2>&1; st=$?
[ $st = 2 ] || fail "-D of no param: exit $st, not 2"
"$tmp/probe" > /dev/null 2>&1; st=$?
[ $st = 2 ] || fail "no mode: exit $st, not 2"
"$tmp/probe" --bogus > /dev/null 2>&1; st=$?
[ $st = 2 ] || fail "unknown option: exit $st, not 2"
# -D at build time changes the frames
"$pktspec" build "$spec" -o "$tmp/probe9" -D target=198.18.0.9 || fail "build -D exited $?"
"$tmp/probe9" --dry-run -D target=198.18.0.9 | grep -q "198.18.0.9" || fail "-D at build time lost"
# static: no shared library, and it runs where nothing else is
if "$pktspec" build "$spec" -o "$tmp/static" --static 2> "$tmp/err"; then
    ldd "$tmp/static" > "$tmp/ldd" 2>&1
    grep -q "not a dynamic executable\|statically linked" "$tmp/ldd" || fail "static probe links: $(cat "$tmp/ldd")"
    if unshare -n true 2>/dev/null; then
        unshare -n "$tmp/static" --pcap "$tmp/s.pcap" > /dev/null || fail "static probe failed"
        "$pktspec" run "$spec" --pcap "$tmp/r.pcap" > /dev/null
        cmp "$tmp/s.pcap" "$tmp/r.pcap" || fail "static probe's capture differs"
    fi
else
    grep -q "cc could not build" "$tmp/err" || fail "static build: $(cat "$tmp/err")"
    echo "note: no static libc here"
fi
# frames only: a header another program includes
"$pktspec" emit "$specs/examples/vlan.pkt" --frames-only -o "$tmp/frames.h" || fail "--frames-only exited $?"
printf '#include "frames.h"\n#include <stdio.h>\nint main(void) { size_t t = 0; for (size_t i = 0; i < PKTSPEC_NFRAMES; i++) t += pktspec_frames[i].len; printf("%%zu %%zu\\n", (size_t)PKTSPEC_NFRAMES, t); return 0; }\n' > "$tmp/use.c"
gcc -std=c11 -Wall -Wextra -Werror -pedantic -I"$tmp" "$tmp/use.c" -o "$tmp/use" || fail "the header does not compile"
"$pktspec" run "$specs/examples/vlan.pkt" --pcap "$tmp/v.pcap" > /dev/null
want=$(/usr/bin/python3 -c "
import struct,sys
d=open(sys.argv[1],'rb').read()[24:];n=t=0
while d: l=struct.unpack('<I',d[8:12])[0];n+=1;t+=l;d=d[16+l:]
print(n,t)" "$tmp/v.pcap")
[ "$("$tmp/use")" = "$want" ] || fail "the header's frames: $("$tmp/use"), not $want"
# a packet set is its first frame whole and the others as patches of it
"$pktspec" emit "$here/ten_thousand.pkt" -o "$tmp/set.c" || fail "emit of a set exited $?"
[ "$(grep -c "^static const uint8_t pk_f" "$tmp/set.c")" = 1 ] || fail "a set's frames stored whole"
[ "$(grep -c "^/\* frame [0-9]*: ten_thousand.pkt:2 \*/" "$tmp/set.c")" = 9999 ] ||
    fail "not 9999 frames as patches"
# refused at its location
"$pktspec" emit "$here/refuse.pkt" -o "$tmp/refused.c" 2> "$tmp/err"; st=$?
[ $st = 2 ] || fail "refuse.pkt: exit $st, not 2"
for want in "refuse.pkt:6:5: error: the probe cannot go over this with for (the ans of sr or srp only)" \
            "refuse.pkt:10:9: error: the probe cannot go over the answers of one call in a loop over them" \
            "refuse.pkt:13:15: error: the probe cannot print what came from the wire"; do
    grep -qF "$want" "$tmp/err" || fail "no refusal '$want' in: $(cat "$tmp/err")"
done
[ "$(grep -c ": error: " "$tmp/err")" = 3 ] || fail "other refusals: $(cat "$tmp/err")"
[ ! -e "$tmp/refused.c" ] || fail "a refused emit left its file"
echo ok
