#!/bin/sh
# Scapy's idioms a probe cannot run yet are refused by emit at their place,
# exit 2, saying so ("not in probes yet") and what to write; never a probe
# that would check something else.
#   idioms_refused.sh PKTSPEC
pktspec=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { # LINE WANT: LINE put in a for over ans must be refused with WANT
    printf '%s\n' 'test "t" {' '  ans, unans = sr(IP(dst=lab_peer)/ICMP(), timeout=1s)' \
        '  for s, r in ans {' "    $1" '  }' '}' > "$tmp/spec.pkt"
    "$pktspec" emit "$tmp/spec.pkt" -o "$tmp/probe.c" 2> "$tmp/err"
    rc=$?
    if [ $rc != 2 ] || ! grep -qF "spec.pkt:4:" "$tmp/err" || ! grep -qF -- "$2" "$tmp/err" ||
       [ -e "$tmp/probe.c" ]; then
        echo "FAIL: '$1': exit $rc"; cat "$tmp/err"; fail=1
    fi
}
check 'expect r[IP].flags.DF' "the probe cannot test a flag by name on an answer (not in probes yet): compare the flags, as r[TCP].flags == SA"
check 'expect r.time - s.sent_time < 50ms' "the probe cannot read a packet's time (not in probes yet): bound an answer's delay with expect r within 50ms"
check 'expect raw(r) == raw(s)' "the probe cannot take raw() of what came from the wire (not in probes yet)"
exit $fail
