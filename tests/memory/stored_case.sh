#!/bin/sh
# stored_case.sh PKTSPEC [VALGRIND]: runs stored.pkt dry in a directory of
# its own (it writes captures) and compares its output with stored.out;
# with VALGRIND, under valgrind, which must find no error and no leak.
bin=$1 valgrind=${2:-}
dir=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$dir/stored.pkt" "$tmp/" && cd "$tmp" || exit 2
if [ -n "$valgrind" ]; then
    set -- "$valgrind" --quiet --error-exitcode=99 --leak-check=full \
        --errors-for-leak-kinds=definite,indirect,possible \
        --show-leak-kinds=definite,indirect,possible "$bin"
else
    set -- "$bin"
fi
"$@" run stored.pkt --dry-run > out 2> err
status=$?
fail=0
[ "$status" = 0 ] || { echo "exit status $status"; cat err; fail=1; }
diff -u "$dir/stored.out" out || fail=1
exit $fail
