#!/bin/sh
# prefix.sh BUILD SRC: cmake --install into a scratch prefix puts exactly the
# expected files there (the program, the man pages, bash completion, the
# docs and examples, the editor files the tree has) and the installed
# program runs from anywhere: it needs no file of the tree at run time.
build=$(cd "$1" && pwd) src=$(cd "$2" && pwd)
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
p=$tmp/prefix
cmake --install "$build" --prefix "$p" >"$tmp/log" 2>&1 || { echo "FAIL: cmake --install:"; cat "$tmp/log"; exit 1; }

{
    echo bin/pktspec
    echo lib/pktspec/libpktspec-engine.a
    echo lib/pktspec/probe.h
    echo share/man/man1/pktspec.1
    echo share/man/man5/pktspec-spec.5
    echo share/bash-completion/completions/pktspec
    for f in README.md LANGUAGE.md emit.md printer-deviations.md; do echo "share/doc/pktspec/$f"; done
    (cd "$src/specs" && ls examples/*.pkt) | sed 's|^|share/doc/pktspec/|'
    if [ -d "$src/editors" ]; then
        cd "$src/editors"
        find vim textmate -name '*.vim' -o -name '*.tmLanguage.json' 2>/dev/null |
            sed 's|^|share/pktspec/editors/|'
        find vim -mindepth 2 -maxdepth 2 -name '*.vim' 2>/dev/null | sed 's|^vim/|share/vim/vimfiles/|'
    fi
} | sort -u >"$tmp/want"
(cd "$p" && find . -type f -o -type l) | sed 's|^\./||' | sort >"$tmp/got"
if ! cmp -s "$tmp/want" "$tmp/got"; then
    echo "FAIL: installed files differ from the expected (- expected, + installed):"
    diff -u "$tmp/want" "$tmp/got" | sed -n '3,$p'
    fail=1
fi
# The editor files the editors/ folder is to hold, where Vim finds them.
if [ -d "$src/editors/vim" ]; then
    for f in share/vim/vimfiles/syntax/pkt.vim share/vim/vimfiles/ftdetect/pkt.vim \
             share/pktspec/editors/textmate/pkt.tmLanguage.json; do
        [ -f "$p/$f" ] || { echo "FAIL: $f is not installed"; fail=1; }
    done
    if command -v vim >/dev/null 2>&1; then
        echo 'param x = 1' >"$tmp/t.pkt"
        vim -N -u NONE -i NONE -es --cmd "set rtp^=$p/share/vim/vimfiles" \
            -c 'filetype on' -c 'syntax on' -c 'edit '"$tmp"'/t.pkt' \
            -c 'call writefile([&filetype, get(b:, "current_syntax", "")], "'"$tmp"'/ft")' -c 'qa!' </dev/null
        [ "$(tr '\n' ' ' <"$tmp/ft" 2>/dev/null)" = "pkt pkt " ] ||
            { echo "FAIL: Vim with the installed files: filetype and syntax '$(cat "$tmp/ft" 2>/dev/null)'"; fail=1; }
    fi
fi
[ -x "$p/bin/pktspec" ] || { echo "FAIL: bin/pktspec is not executable"; fail=1; }
[ "$("$p/bin/pktspec" --version)" = "$("$build/pktspec" --version)" ] || { echo "FAIL: --version differs"; fail=1; }
cp "$src/specs/examples/tcp_ports.pkt" "$tmp/"
(cd / && "$p/bin/pktspec" run "$tmp/tcp_ports.pkt" --pcap "$tmp/i.pcap" >/dev/null 2>&1) ||
    { echo "FAIL: the installed pktspec cannot run a spec"; fail=1; }
"$build/pktspec" run "$tmp/tcp_ports.pkt" --pcap "$tmp/b.pcap" >/dev/null 2>&1
cmp -s "$tmp/i.pcap" "$tmp/b.pcap" || { echo "FAIL: the installed pktspec wrote another capture"; fail=1; }
# pktspec build finds the installed engine (lib/pktspec), not the build tree's
(cd / && "$p/bin/pktspec" build "$tmp/tcp_ports.pkt" -o "$tmp/probe" 2>"$tmp/err") ||
    { echo "FAIL: the installed pktspec cannot build a probe: $(cat "$tmp/err")"; fail=1; }
(cd / && "$tmp/probe" --pcap "$tmp/p.pcap" >/dev/null 2>&1) || { echo "FAIL: the installed probe exited $?"; fail=1; }
cmp -s "$tmp/p.pcap" "$tmp/b.pcap" || { echo "FAIL: the installed probe wrote another capture"; fail=1; }
[ $fail = 0 ] && echo "ok: $(wc -l <"$tmp/got") files installed, as expected"
exit $fail
