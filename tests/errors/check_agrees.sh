#!/bin/sh
# check_agrees.sh PKTSPEC DIR...: for every spec under the DIRs (with its
# NAME.defines -D options, if any), `check` and `run --dry-run` agree: when
# check rejects it (exit 2), run rejects it before running, with exactly
# the same errors; when check accepts it, run finds no spec error (exit 2)
# either. One checker for both, so what run would reject before sending,
# check rejects.
bin=$1
shift
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0 n=0 copied=
for spec in $(find "$@" -name '*.pkt' | sort); do
    dir=$(dirname "$spec") base=$(basename "$spec")
    defines=$dir/${base%.pkt}.defines
    set --
    if [ -f "$defines" ]; then
        while IFS= read -r d; do set -- "$@" -D "$d"; done < "$defines"
    fi
    # In a copy of the spec's folder, as the suite runs it (rdpcap paths),
    # so that what the spec writes (wrpcap) stays out of the source tree.
    # One copy a folder, made again only after a spec wrote into it: a copy
    # a spec had been checked in made the loop quadratic (3 minutes).
    if [ "$dir" != "$copied" ] || [ -n "$(find "$tmp/d" -newer "$tmp/stamp" | head -1)" ]; then
        rm -rf "$tmp/d" && cp -r "$dir" "$tmp/d" || { echo "FAIL: cannot copy $dir"; exit 1; }
        copied=$dir
        touch "$tmp/stamp"
    fi
    (cd "$tmp/d" && "$bin" check "$base" "$@" >/dev/null 2>"$tmp/check")
    c=$?
    (cd "$tmp/d" && timeout 60 "$bin" run "$base" --dry-run "$@" >/dev/null 2>"$tmp/run")
    r=$?
    n=$((n + 1))
    if [ $c -ne 0 ] && [ $c -ne 2 ]; then
        echo "FAIL: $spec: check exit $c"; cat "$tmp/check"; failed=1
    elif [ $c -eq 2 ] && [ $r -ne 2 ]; then
        echo "FAIL: $spec: check exit 2, run --dry-run exit $r"; failed=1
    elif [ $c -eq 2 ] && ! cmp -s "$tmp/check" "$tmp/run"; then
        echo "FAIL: $spec: run --dry-run's errors are not check's"
        diff -u "$tmp/check" "$tmp/run"; failed=1
    elif [ $c -eq 0 ] && [ $r -eq 2 ]; then
        echo "FAIL: $spec: check accepts it, run --dry-run exits 2"; cat "$tmp/run"; failed=1
    fi
done
[ $n -gt 0 ] || { echo "FAIL: no spec found"; failed=1; }
echo "$n specs"
exit $failed
