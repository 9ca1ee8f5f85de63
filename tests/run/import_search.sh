#!/bin/sh
# import_search.sh PKTSPEC: an import not beside the importing file is looked
# for in each -I DIR (check, run, emit), and beside the real file of a
# symlinked spec; without -I it is an error at the import.
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
printf 'import "lib_only.pkt"\nprint(searched_port)\n' > "$tmp/uses.pkt"
cd "$tmp" || exit 1
"$bin" check uses.pkt 2> err; st=$?
[ $st = 2 ] || fail "without -I: exit $st, not 2"
grep -q 'uses.pkt:1:8: error: cannot find the imported file "lib_only.pkt"' err || fail "without -I: $(cat err)"
"$bin" check uses.pkt -I "$here/imports/searched" || fail "check -I DIR exited $?"
[ "$("$bin" run uses.pkt --dry-run -I"$here/imports/searched" 2>&1)" = 4242 ] || fail "run -IDIR"
[ "$("$bin" run uses.pkt --dry-run -I /nonexistent -I "$here/imports/searched" -D searched_port=7 2>&1)" = 7 ] ||
    fail "run with two -I and -D of an imported param"
"$bin" emit uses.pkt -I "$here/imports/searched" -o probe.c || fail "emit -I exited $?"
# a symlinked spec finds its imports beside the file it points to
ln -s "$here/import-uses.pkt" link.pkt
"$bin" check link.pkt || fail "a symlinked spec's import"
echo ok
