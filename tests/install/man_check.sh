#!/bin/sh
# man_check.sh BIN MANDIR: pktspec.1 and pktspec-spec.5 render without a
# warning (mandoc -T lint, groff -mdoc -ww, man -l), pktspec.1 documents
# every command and option pktspec --help lists, and every option it
# documents (.Fl) is one --help lists: neither can drift from the other.
bin=$1 mandir=$2
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
page1=$mandir/pktspec.1 page5=$mandir/pktspec-spec.5
linted=0
for page in "$page1" "$page5"; do
    if command -v mandoc >/dev/null 2>&1; then
        mandoc -T lint -W warning "$page" >"$tmp/lint" 2>&1 ||
            { echo "FAIL: mandoc -T lint $page:"; cat "$tmp/lint"; fail=1; }
        linted=1
    fi
    if command -v groff >/dev/null 2>&1; then
        groff -mdoc -Tutf8 -ww -z "$page" >"$tmp/lint" 2>&1
        [ -s "$tmp/lint" ] && { echo "FAIL: groff -ww $page:"; cat "$tmp/lint"; fail=1; }
        linted=1
    fi
    if command -v man >/dev/null 2>&1; then
        MANWIDTH=80 man -l "$page" >"$tmp/out" 2>"$tmp/err" </dev/null
        [ -s "$tmp/err" ] && { echo "FAIL: man -l $page:"; cat "$tmp/err"; fail=1; }
        grep -q 'pktspec' "$tmp/out" || { echo "FAIL: man -l $page printed no page"; fail=1; }
    fi
done
[ $linted = 1 ] || { echo "FAIL: neither mandoc nor groff (scripts/deps.sh --test)"; fail=1; }

"$bin" --help >"$tmp/help" || { echo "FAIL: pktspec --help"; exit 1; }
# The options of --help: each -x or --word that starts a word.
grep -o -- '\(^\|[][ (|]\)--*[A-Za-z][A-Za-z-]*' "$tmp/help" | sed 's/^[][ (|]*//' |
    sed 's/-$//' | sort -u >"$tmp/help-opts"
# The options of the page: .Fl \-word or .Fl x, wherever a line has them.
grep -o 'Fl [\\]*-*[A-Za-z][A-Za-z-]*' "$page1" | sed 's/^Fl //; s/^\\-/--/; s/^\([A-Za-z]\)/-\1/' |
    sort -u >"$tmp/page-opts"
n=$(wc -l <"$tmp/help-opts")
[ "$n" -ge 20 ] || { echo "FAIL: only $n options read from --help"; fail=1; }
missing=$(comm -23 "$tmp/help-opts" "$tmp/page-opts")
[ -z "$missing" ] || { echo "FAIL: options of --help not in pktspec.1:" $missing; fail=1; }
extra=$(comm -13 "$tmp/help-opts" "$tmp/page-opts")
[ -z "$extra" ] || { echo "FAIL: options in pktspec.1 that --help does not list:" $extra; fail=1; }
# The commands of the usage lines, each an item of COMMANDS (.It Cm NAME).
sed -n 's/^  pktspec \([a-z][a-z]*\).*/\1/p' "$tmp/help" | sort -u >"$tmp/cmds"
[ "$(wc -l <"$tmp/cmds")" -ge 6 ] || { echo "FAIL: too few commands read from --help"; fail=1; }
while read -r c; do
    grep -q "^\.It Cm $c\( \|$\)" "$page1" || { echo "FAIL: command $c has no .It Cm $c in pktspec.1"; fail=1; }
done <"$tmp/cmds"
[ $fail = 0 ] && echo "ok: $n options and $(wc -l <"$tmp/cmds") commands documented; pages lint clean"
exit $fail
