#!/bin/sh
# roundtrip.sh PKTSPEC IMAGE_RUN SRCDIR: every spec of specs/, tests/run/, tests/lab/
# and tests/emit/ run dry by `pktspec run` and through its image (image_run: compiled,
# written, freed, loaded, run) must print the same, byte for byte, and exit
# the same; so must the -D cases below, bound at compile time by pktspec and at
# run time by the image. Each run gets an empty directory of its own (wrpcap).
set -u
pktspec=$1 image_run=$2 src=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0
one() { # spec, then -D NAME=VALUE pairs
    spec=$1
    shift
    n=$((n + 1))
    rm -rf "$tmp/a" "$tmp/b"
    mkdir "$tmp/a" "$tmp/b"
    (cd "$tmp/a" && "$pktspec" run --dry-run "$@" "$spec" >out 2>err; echo $? >status)
    (cd "$tmp/b" && "$image_run" "$spec" "$@" >out 2>err; echo $? >status)
    if [ "$(cat "$tmp/a/status")" = 2 ] && grep -q "error:" "$tmp/a/err" &&
       ! grep -q "^-D" "$tmp/a/err" 2>/dev/null && [ $# = 0 ]; then
        return # a spec that does not compile has no image (tests/errors covers it)
    fi
    for f in out err status; do
        if ! cmp -s "$tmp/a/$f" "$tmp/b/$f"; then
            echo "DIFFERS: $spec $* ($f)"
            diff "$tmp/a/$f" "$tmp/b/$f" | head -20
            fail=$((fail + 1))
            return
        fi
    done
}
for spec in "$src"/specs/*/*.pkt "$src"/specs/*/*/*.pkt "$src"/tests/run/*.pkt \
            "$src"/tests/lab/*.pkt "$src"/tests/emit/*.pkt; do
    [ -f "$spec" ] && one "$spec"
done
# -D on params of every type a param takes.
cat > "$tmp/params.pkt" <<'SPEC'
param ttl = 64
param wait = 1s
param dst = 198.18.0.2
param dst6 = 2001:db8::2
param mac = 02:00:00:00:00:02
param net = 198.18.0.0/30
param tag = "hello"
param load = x"0001"
param ports = [22, 80]
param verbose = false
print(ttl, wait, dst, dst6, mac, net, tag, load, ports, verbose)
sendp(Ether(dst=mac, src=02:00:00:00:00:01)/IP(src=198.18.0.1, dst=dst, ttl=ttl)/TCP(dport=ports)/Raw(load=load))
if verbose { print("verbose") }
SPEC
one "$tmp/params.pkt"
one "$tmp/params.pkt" -D ttl=5 -D wait=250ms -D dst=198.18.0.9 -D dst6=2001:db8::9 \
    -D mac=02:00:00:00:00:09 -D net=198.18.0.4/30 -D tag=bye -D 'load=x"ff"' \
    -D ports=[7,9,11] -D verbose=true
one "$tmp/params.pkt" -D ttl=0x20 -D 'tag="two words"' -D ports=443
echo "$n runs compared, $fail differ"
[ "$fail" = 0 ]
