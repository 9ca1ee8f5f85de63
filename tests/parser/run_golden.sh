#!/bin/sh
# run_golden.sh DRIVER NAME, in the cases directory: NAME.pkt must parse
# without a diagnostic into exactly the tree in NAME.ast.
# PKTSPEC_UPDATE_GOLDEN=1 rewrites NAME.ast instead (review the diff!).
driver=$1 name=$2
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
"$driver" "$name.pkt" >"$out" 2>"$err"
rc=$?
if [ "$rc" -ne 0 ] || [ -s "$err" ]; then
    echo "FAIL: $name.pkt: exit $rc"; cat "$err"; exit 1
fi
if [ "${PKTSPEC_UPDATE_GOLDEN:-0}" = 1 ]; then
    cp "$out" "$name.ast"; exit 0
fi
diff -u "$name.ast" "$out" || { echo "FAIL: $name.pkt: tree differs from $name.ast"; exit 1; }
