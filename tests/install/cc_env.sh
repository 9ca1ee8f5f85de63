#!/bin/sh
# cc_env.sh BIN SPEC: pktspec build runs $CC when it is set, split at blanks
# as make splits it (a wrapper and a word of its own here), and cc when CC is
# unset or blank; a $CC that cannot run is a run-time error naming it (exit 3).
bin=$1 spec=$2
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/wrap" <<'WRAP'
#!/bin/sh
# Logs its words, drops its own first one, and runs cc.
echo "$*" >"$(dirname "$0")/log"
[ "$1" = --wrap-word ] || exit 9
shift
exec cc "$@"
WRAP
chmod +x "$tmp/wrap"

CC="$tmp/wrap --wrap-word" "$bin" build "$spec" -o "$tmp/probe" || { echo "FAIL: build with \$CC"; fail=1; }
case $(cat "$tmp/log" 2>/dev/null) in
    "--wrap-word -std=c11 -O1 -o "*) ;;
    *) echo "FAIL: \$CC was not run as given: '$(cat "$tmp/log" 2>/dev/null)'"; fail=1 ;;
esac
[ -x "$tmp/probe" ] && "$tmp/probe" --pcap "$tmp/a.pcap" >/dev/null ||
    { echo "FAIL: the probe \$CC built does not run"; fail=1; }

# Unset or empty, CC is cc from PATH: here a stand-in that only says it ran.
mkdir "$tmp/bin"
printf '#!/bin/sh\necho "$*" >"%s/cc-log"\n' "$tmp" >"$tmp/bin/cc"
chmod +x "$tmp/bin/cc"
rm -f "$tmp/log"
for cc in unset empty blank; do
    rm -f "$tmp/cc-log"
    case $cc in
        unset) (unset CC; PATH="$tmp/bin:$PATH" "$bin" build "$spec" -o "$tmp/probe") ;;
        empty) CC= PATH="$tmp/bin:$PATH" "$bin" build "$spec" -o "$tmp/probe" ;;
        blank) CC="  " PATH="$tmp/bin:$PATH" "$bin" build "$spec" -o "$tmp/probe" ;;
    esac 2>/dev/null || { echo "FAIL: build with CC $cc"; fail=1; }
    case $(cat "$tmp/cc-log" 2>/dev/null) in
        "-std=c11 -O1 -o "*) ;;
        *) echo "FAIL: CC $cc did not run cc: '$(cat "$tmp/cc-log" 2>/dev/null)'"; fail=1 ;;
    esac
    [ ! -e "$tmp/log" ] || { echo "FAIL: CC $cc ran the wrapper"; fail=1; }
done

rm -f "$tmp/probe"
CC="$tmp/no-such-cc -x" "$bin" build "$spec" -o "$tmp/probe" 2>"$tmp/err"
st=$?
[ $st = 3 ] || { echo "FAIL: a \$CC that cannot run exited $st, not 3"; fail=1; }
grep -q "cannot run $tmp/no-such-cc" "$tmp/err" || { echo "FAIL: the error does not name \$CC:"; cat "$tmp/err"; fail=1; }
[ ! -e "$tmp/probe" ] || { echo "FAIL: a probe was left"; fail=1; }
CC="$(printf 'w %.0s' $(seq 40))" "$bin" build "$spec" -o "$tmp/probe" 2>"$tmp/err"
st=$?
[ $st = 3 ] && grep -q 'more than 32 words' "$tmp/err" ||
    { echo "FAIL: a \$CC of 40 words: exit $st:"; cat "$tmp/err"; fail=1; }
[ $fail = 0 ] && echo "ok: \$CC"
exit $fail
