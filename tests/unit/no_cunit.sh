#!/bin/sh
# no_cunit.sh SRC DIR: with -DBUILD_TESTING=OFF the tool configures with
# CUnit out of reach (CMAKE_DISABLE_FIND_PACKAGE_CUnit); with the tests on,
# the same configuration fails for want of it, so the check is not idle.
src=$1 dir=$2
rm -rf "$dir" && mkdir -p "$dir" || exit 1
if ! cmake -S "$src" -B "$dir/off" -DBUILD_TESTING=OFF -DCMAKE_DISABLE_FIND_PACKAGE_CUnit=ON \
        >"$dir/off.log" 2>&1; then
    echo "FAIL: BUILD_TESTING=OFF does not configure without CUnit:"; cat "$dir/off.log"; exit 1
fi
if grep -q '^CUNIT' "$dir/off/CMakeCache.txt"; then
    echo "FAIL: BUILD_TESTING=OFF still looks for CUnit"; exit 1
fi
if cmake -S "$src" -B "$dir/on" -DBUILD_TESTING=ON -DCMAKE_DISABLE_FIND_PACKAGE_CUnit=ON \
        >"$dir/on.log" 2>&1; then
    echo "FAIL: the tests configured without CUnit: the check cannot tell"; exit 1
fi
grep -q CUnit "$dir/on.log" || { echo "FAIL: not for CUnit:"; cat "$dir/on.log"; exit 1; }
rm -rf "$dir"
echo "configures without CUnit when BUILD_TESTING=OFF"
