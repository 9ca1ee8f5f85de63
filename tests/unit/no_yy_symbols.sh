#!/bin/sh
# no_yy_symbols.sh NM FILE...: flex's and bison's symbols carry pktspec's
# prefix (ps_yy, grammar/lexer.l and parser.y), so a library or program that
# links libpktspec exports no global yy* or YY* symbol to clash with its own.
nm=$1; shift
for f in "$@"; do
    syms=$("$nm" -g --defined-only "$f" 2>/dev/null | awk 'NF == 3 { print $3 }')
    [ -n "$syms" ] || { echo "FAIL: $nm finds no global symbol in $f"; exit 1; }
    bad=$(printf '%s\n' "$syms" | grep -E '^_?(yy|YY)')
    if [ -n "$bad" ]; then
        echo "FAIL: global yy symbols in $f:"; printf '%s\n' "$bad"; exit 1
    fi
done
echo "no global yy symbol in $*"
