#!/bin/sh
# run_valgrind.sh VALGRIND DRIVER FILE...: one process parses every file
# (good and bad) with no leak, no invalid access, no crash.
valgrind=$1 driver=$2
shift 2
log=$(mktemp)
trap 'rm -f "$log"' EXIT
"$valgrind" -q --error-exitcode=99 --leak-check=full --show-leak-kinds=all \
    --errors-for-leak-kinds=all --log-file="$log" "$driver" "$@" >/dev/null 2>&1
rc=$?
# an older valgrind cannot read clang's DWARF 5: nothing was checked
if grep -q "debuginfo reader" "$log"; then
    echo "SKIP: valgrind cannot read the driver's debug info"; exit 77
fi
if [ "$rc" -ne 0 ] && [ "$rc" -ne 2 ]; then
    echo "FAIL: exit $rc"; cat "$log"; exit 1
fi
if [ -s "$log" ]; then
    cat "$log"; exit 1
fi
echo "$# files, exit $rc"
