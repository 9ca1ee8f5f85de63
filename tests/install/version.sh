#!/bin/sh
# version.sh BIN SRC VERSION: pktspec --version says the version and the
# commit of the source tree it was built from, as git says it
# (pktspec 0.1.0 (git 1a2b3c4[-dirty])); cmake/GitVersion.cmake says
# "unknown commit" for a tree that is not a git checkout, also one unpacked
# inside another checkout, and rewrites its header only when the text changes.
bin=$1 src=$2 version=$3
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if git -C "$src" rev-parse --short HEAD >/dev/null 2>&1 &&
   [ "$(cd "$(git -C "$src" rev-parse --show-toplevel)" && pwd -P)" = "$(cd "$src" && pwd -P)" ]; then
    commit=$(git -C "$src" rev-parse --short HEAD)
    git -C "$src" diff --quiet HEAD -- || commit="$commit-dirty"
    want="pktspec $version (git $commit)"
else
    want="pktspec $version (unknown commit)"
fi
got=$("$bin" --version)
[ "$got" = "$want" ] || { echo "FAIL: --version says '$got', not '$want'"; fail=1; }

script=$src/cmake/GitVersion.cmake
# A tree that is not a checkout, and one inside another checkout.
mkdir -p "$tmp/tarball" "$tmp/outer/pktspec-0.1.0"
git -C "$tmp/outer" init -q && git -C "$tmp/outer" -c user.name=t -c user.email=t@t \
    commit -q --allow-empty -m x
for dir in "$tmp/tarball" "$tmp/outer/pktspec-0.1.0"; do
    cmake -DSRC="$dir" -DOUT="$tmp/v.h" -P "$script" || fail=1
    grep -q '^#define PKTSPEC_GIT "unknown commit"$' "$tmp/v.h" ||
        { echo "FAIL: $dir, no checkout of its own:"; cat "$tmp/v.h"; fail=1; }
    rm -f "$tmp/v.h"
done
# A checkout: its commit, then -dirty once a tracked file changes.
cmake -DSRC="$tmp/outer" -DOUT="$tmp/v.h" -P "$script"
c=$(git -C "$tmp/outer" rev-parse --short HEAD)
grep -q "^#define PKTSPEC_GIT \"git $c\"\$" "$tmp/v.h" || { echo "FAIL: clean checkout:"; cat "$tmp/v.h"; fail=1; }
# The same text again leaves the header alone (no rebuild of main.c).
touch -d '2000-01-01' "$tmp/v.h"
cmake -DSRC="$tmp/outer" -DOUT="$tmp/v.h" -P "$script"
[ -z "$(find "$tmp/v.h" -newermt '2001-01-01')" ] || { echo "FAIL: an unchanged header was rewritten"; fail=1; }
echo a >"$tmp/outer/f" && git -C "$tmp/outer" add f &&
    git -C "$tmp/outer" -c user.name=t -c user.email=t@t commit -q -m f && echo b >"$tmp/outer/f"
cmake -DSRC="$tmp/outer" -DOUT="$tmp/v.h" -P "$script"
c=$(git -C "$tmp/outer" rev-parse --short HEAD)
grep -q "^#define PKTSPEC_GIT \"git $c-dirty\"\$" "$tmp/v.h" || { echo "FAIL: dirty checkout:"; cat "$tmp/v.h"; fail=1; }
[ $fail = 0 ] && echo "ok: $got"
exit $fail
