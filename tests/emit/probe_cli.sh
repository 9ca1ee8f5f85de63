#!/bin/sh
# The probe's command line and build: --help names the spec and its params,
# -D binds any param at run time (a bad value or name is an error, 2), a
# usage error is 2; the probe needs only libc and libm (ldd), a --static one
# none and runs where nothing else is; emit refuses a filter known only at
# run time, at its place, and writes nothing; $CC builds it.
# With a sanitized engine (KIND sanitized) the probe links the sanitizers'
# libraries too, and --static is not tried.
#   probe_cli.sh PKTSPEC SPECS_DIR EMIT_DIR [plain|sanitized]
set -u
pktspec=$1 specs=$2 here=$3 kind=${4:-plain}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
ports=$specs/examples/tcp_ports.pkt
"$pktspec" build "$ports" -o "$tmp/ports" || fail "build exited $?"
"$tmp/ports" --help > "$tmp/help" || fail "--help exited $?"
grep -q "^Usage:" "$tmp/help" || fail "no usage in --help"
grep -qF "from $ports" "$tmp/help" || fail "--help does not name the spec"
grep -q "^  -D open_port (an integer)$" "$tmp/help" || fail "--help lists no params: $(cat "$tmp/help")"
# -D of any param at run time, as pktspec run -D
"$tmp/ports" --pcap "$tmp/p.pcap" -D target=10.1.2.3 -D closed_port=0x1234 > "$tmp/p.out" 2>&1 ||
    fail "-D refused: $(cat "$tmp/p.out")"
"$pktspec" run "$ports" --pcap "$tmp/r.pcap" -D target=10.1.2.3 -D closed_port=0x1234 > "$tmp/r.out" 2>&1
cmp "$tmp/p.pcap" "$tmp/r.pcap" || fail "-D: other frames than pktspec run -D"
cmp "$tmp/p.out" "$tmp/r.out" || fail "-D: other output than pktspec run -D"
cmp_err() { # STATUS TEXT PROBE ARGS...
    want=$1 text=$2
    shift 2
    "$@" > /dev/null 2> "$tmp/err"; st=$?
    [ $st = "$want" ] || fail "$*: exit $st, not $want"
    grep -qF -- "$text" "$tmp/err" || fail "$*: no '$text' in: $(cat "$tmp/err")"
}
cmp_err 2 "param 'open_port' takes" "$tmp/ports" --pcap "$tmp/x" -D open_port=x
cmp_err 2 "param 'target' takes" "$tmp/ports" --pcap "$tmp/x" -D target=1.2.3
cmp_err 2 "has no param 'nosuch'" "$tmp/ports" --dry-run -D nosuch=1
cmp_err 2 "the lab's params are read-only" "$tmp/ports" --dry-run -D lab_peer=1.2.3.4
cmp_err 2 "run sends nothing unless told where" "$tmp/ports"
cmp_err 2 "unknown option '--bogus'" "$tmp/ports" --bogus
cmp_err 2 "choose one of --dry-run, --pcap, -i and --lab" "$tmp/ports" --dry-run --pcap "$tmp/x"
cmp_err 2 "takes no spec file" "$tmp/ports" --dry-run "$ports"
[ ! -e "$tmp/x" ] || fail "a refused run wrote its capture"
# libc and libm, nothing of pktspec or libpcap
ldd "$tmp/ports" > "$tmp/ldd" 2>&1
libs='linux-vdso|/lib.*ld-linux|libc\.so|libm\.so'
[ "$kind" = plain ] || libs="$libs|libasan|libubsan|libstdc\+\+|libgcc_s|libpthread|libdl|librt"
if grep -vE "^\s*($libs)" "$tmp/ldd" | grep -q .; then
    fail "the probe needs more than libc and libm: $(cat "$tmp/ldd")"
fi
# static: no shared library, and it runs in an empty mount of nothing else
if [ "$kind" != plain ]; then
    echo "note: a sanitized engine: no --static probe"
elif "$pktspec" build "$ports" -o "$tmp/static" --static 2> "$tmp/err"; then
    ldd "$tmp/static" > "$tmp/ldd" 2>&1
    grep -q "not a dynamic executable" "$tmp/ldd" || fail "--static probe: $(cat "$tmp/ldd")"
    "$tmp/static" --pcap "$tmp/s.pcap" > /dev/null 2>&1 || fail "the static probe exited $?"
    cmp "$tmp/s.pcap" "$tmp/rd.pcap" 2>/dev/null || {
        "$pktspec" run "$ports" --pcap "$tmp/rd.pcap" > /dev/null 2>&1
        cmp "$tmp/s.pcap" "$tmp/rd.pcap" || fail "the static probe: other frames"; }
else
    grep -q "cannot find -lc\|cannot find -lm" "$tmp/err" || fail "--static build: $(cat "$tmp/err")"
    echo "note: no static libc here"
fi
# $CC, split at blanks
CC="cc -DPROBE_CC_USED" "$pktspec" build "$ports" -o "$tmp/cc" || fail "build with \$CC exited $?"
CC="/nonexistent/cc" "$pktspec" build "$ports" -o "$tmp/nocc" 2> "$tmp/err"; st=$?
[ $st = 3 ] && grep -q "cannot run /nonexistent/cc" "$tmp/err" || fail "a missing \$CC: exit $st: $(cat "$tmp/err")"
# the one refusal: a filter known only at run time
cat > "$tmp/runtime_filter.pkt" <<'SPEC'
param port = 53
f = "udp port %d" % port
pkts = sniff(filter=f, count=1, timeout=1s)
SPEC
"$pktspec" emit "$tmp/runtime_filter.pkt" -o "$tmp/rf.c" 2> "$tmp/err"; st=$?
[ $st = 2 ] || fail "a run-time filter: emit exit $st, not 2"
grep -qF "runtime_filter.pkt:3:21: error: a probe cannot compile a filter known only at run time" "$tmp/err" ||
    fail "no error at the filter's place: $(cat "$tmp/err")"
grep -q '^ *\^$' "$tmp/err" || fail "no caret: $(cat "$tmp/err")"
[ ! -e "$tmp/rf.c" ] || fail "emit wrote a probe it refused"
# a filter bound once to a literal is known at emit time
printf 'f = "udp port 53"\npkts = sniff(filter=f, count=1, timeout=1s)\n' > "$tmp/lit.pkt"
"$pktspec" emit "$tmp/lit.pkt" -o "$tmp/lit.c" || fail "a literal filter through a name refused"
grep -q '"udp port 53", .linktype = 1, .insns' "$tmp/lit.c" || fail "the filter is not compiled in"
# a probe makes a lab of its own, as pktspec run --lab does
if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then
    "$pktspec" build "$specs/examples/ping.pkt" -o "$tmp/ping" || fail "ping build exited $?"
    "$tmp/ping" --lab > "$tmp/pl.out" 2>&1; st=$?
    "$pktspec" run --lab "$specs/examples/ping.pkt" > "$tmp/rl.out" 2>&1
    [ $st = $? ] && cmp -s "$tmp/pl.out" "$tmp/rl.out" ||
        { diff "$tmp/rl.out" "$tmp/pl.out"; fail "PROBE --lab: not pktspec run --lab's"; }
fi
echo "ok: the probe's command line and build"
