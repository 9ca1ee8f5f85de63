#!/bin/sh
# run_exprs.sh DRIVER FILE: each line of FILE is parsed alone as an
# expression (as a -D override is); the transcript must equal FILE.expected.
driver=$1 cases=$2
out=$(mktemp)
trap 'rm -f "$out"' EXIT
while IFS= read -r line; do
    printf '> %s\n' "$line"
    "$driver" --expr "$line" 2>&1
    rc=$?
    [ "$rc" -ge 128 ] && echo "CRASH ($rc)"
    echo "exit $rc"
done <"$cases" >"$out"
if [ "${PKTSPEC_UPDATE_GOLDEN:-0}" = 1 ]; then
    cp "$out" "$cases.expected"; exit 0
fi
diff -u "$cases.expected" "$out" || { echo "FAIL: transcript differs from $cases.expected"; exit 1; }
