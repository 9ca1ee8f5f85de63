#!/usr/bin/env bash
# completion.sh BIN COMPLETION: the bash completion completes the commands,
# each command's options, .pkt specs and captures, -i with the interfaces of
# /sys/class/net, -D with the spec's params; and every option of
# pktspec --help is one it offers.
bin=$1 comp=$2
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=/dev/null
source "$comp" || { echo "FAIL: cannot source $comp"; exit 1; }
complete -p pktspec >/dev/null 2>&1 || { echo "FAIL: no completion for pktspec"; exit 1; }

# complete WORDS...: COMPREPLY for the last word, sorted, one line.
complete_line() {
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    COMPREPLY=()
    _pktspec
    printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//'
}
expect() {
    local want=$1
    shift
    local got
    got=$(complete_line "$@")
    [[ $got == "$want" ]] || { echo "FAIL: '$*': got '$got', want '$want'"; fail=1; }
}

cd "$tmp" || exit 1
mkdir specs
printf 'param target = 198.18.0.2\n  param ports = [22, 80]\nsend(IP())\n' >specs/a.pkt
touch specs/b.pkt specs/notes.txt c.pcap d.pcapng e.txt
expect "--help --version build check emit help ls read run test" pktspec ""
expect "read run" pktspec r
expect "--drop-kernel-rst --dry-run" pktspec run specs/a.pkt --d
expect "--format" pktspec emit specs/a.pkt --f
expect "json" pktspec check specs/a.pkt --format j
expect "--timeout" pktspec test specs/ --t
expect "--static" pktspec build specs/a.pkt --st
expect "--json" pktspec read c.pcap --j
expect "specs/" pktspec check sp
expect "specs/a.pkt specs/b.pkt" pktspec run specs/
expect "c.pcap d.pcapng specs/" pktspec read ""
expect "specs/a.pkt specs/b.pkt" pktspec read c.pcap --layers specs/
expect "ports= target=" pktspec run specs/a.pkt -D ""
expect "$(ls /sys/class/net | sort | tr '\n' ' ' | sed 's/ $//')" pktspec run specs/a.pkt -i ""
expect "lo" pktspec run specs/a.pkt -i l
expect "ARP" "$bin" ls AR

# Every option of --help is offered for some command.
all=""
for c in check run test emit build ls read; do all="$all $(_pktspec_opts $c)"; done
for o in $("$bin" --help | grep -o -- '\(^\|[][ (|]\)--*[A-Za-z][A-Za-z-]*' | sed 's/^[][ (|]*//' | sort -u); do
    [[ " $all " == *" $o "* || $o == --version ]] || { echo "FAIL: $o of --help is not completed"; fail=1; }
done
[[ $fail = 0 ]] && echo "ok: completion"
exit $fail
