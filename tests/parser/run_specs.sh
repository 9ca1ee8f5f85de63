#!/bin/sh
# run_specs.sh DRIVER DIR: every .pkt under DIR parses without an error.
driver=$1 dir=$2
list=$(mktemp)
trap 'rm -f "$list"' EXIT
find "$dir" -name '*.pkt' | sort >"$list"
n=0 bad=0
while IFS= read -r f; do
    n=$((n + 1))
    "$driver" "$f" >/dev/null || { echo "FAIL: $f"; bad=$((bad + 1)); }
done <"$list"
echo "$n specs, $bad with errors"
[ "$bad" -eq 0 ]
