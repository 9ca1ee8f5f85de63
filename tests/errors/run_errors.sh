#!/bin/sh
# run_errors.sh BIN MODE [NAME.pkt...]: each bad spec (all *.pkt here when
# none is named) must fail with exit status 2, without crashing, and print
# to stderr exactly NAME.err (message, line, caret). It runs in this
# directory with a relative path, so the paths in the .err files are bare.
#   MODE check: BIN is pktspec, run as `BIN check NAME.pkt`
#   MODE run: BIN is pktspec, run as `BIN run NAME.pkt --dry-run`: the same
#     errors as check's, word for word, and nothing sent (one checker)
#   MODE emit: BIN is pktspec, run as `BIN emit NAME.pkt -o OUT.c`: the same
#     errors, and no OUT.c
#   MODE parse: BIN is the front-end driver, run as `BIN NAME.pkt`
# NAME.defines, when present, holds -D options for check and run, one
# NAME=VALUE a line (the value as a shell would pass it, quotes and all).
# PKTSPEC_UPDATE_GOLDEN=1 rewrites the .err files instead (review the diff!).
bin=$1 mode=$2
shift 2
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
cd "$(dirname "$0")" || exit 1
[ $# -gt 0 ] || set -- *.pkt
err=$(mktemp)
out=$(mktemp -u).c
trap 'rm -f "$err" "$out"' EXIT
failed=0
for spec in "$@"; do
    golden=${spec%.pkt}.err
    defines=${spec%.pkt}.defines
    set --
    if [ -f "$defines" ]; then
        while IFS= read -r d; do set -- "$@" -D "$d"; done < "$defines"
    fi
    case $mode in
    check) "$bin" check "$spec" "$@" >/dev/null 2>"$err" ;;
    run) "$bin" run "$spec" --dry-run "$@" >/dev/null 2>"$err" ;;
    emit) "$bin" emit "$spec" -o "$out" "$@" >/dev/null 2>"$err" ;;
    parse) "$bin" "$spec" >/dev/null 2>"$err" ;;
    *) echo "unknown mode '$mode'"; exit 1 ;;
    esac
    rc=$?
    if [ "${PKTSPEC_UPDATE_GOLDEN:-0}" = 1 ] && [ "$rc" -lt 128 ]; then
        cp "$err" "$golden"
    fi
    if [ -e "$out" ]; then
        echo "FAIL: $spec: $out written"; rm -f "$out"; failed=1
    elif [ "$rc" -ge 128 ]; then
        echo "FAIL: $spec: crashed (exit $rc)"; cat "$err"; failed=1
    elif [ "$rc" -ne 2 ]; then
        echo "FAIL: $spec: exit $rc, want 2"; cat "$err"; failed=1
    elif ! cmp -s "$golden" "$err"; then
        echo "FAIL: $spec: stderr differs from $golden"
        diff -u "$golden" "$err"; failed=1
    fi
done
exit $failed
