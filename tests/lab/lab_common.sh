# Sourced by the shell tests that run labs (tests/lab, tests/safety,
# tests/testcmd): skips without root or network namespaces, a scratch
# folder $tmp removed at exit, say() to record a failure in $fail, and
# labs_now and labs_new, what a lab could leave behind.
[ "$(id -u)" = 0 ] || { echo "skip: the lab needs root"; exit 77; }
unshare -n true 2>/dev/null || { echo "skip: no network namespaces here"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
say() { echo "FAIL: $*"; fail=1; }

# What a lab could leave: its veth (psXXXXXXXX[sp]) in this namespace, a
# peer (pslab-OWNER) whose owner is gone. Other tests may run labs beside
# this one: only what a lab makes is looked at, and only what is still
# there 3 s on (a lab being made or torn down beside us is not left).
labs_now() {
    ip netns list | grep -E '^ps[0-9a-f]{8}'
    ip -o link show | awk '{print $2}' | grep -E '^ps[0-9a-f]{8}[sp]'
    grep -Hs '^pslab-[0-9]*$' /proc/[0-9]*/comm | while IFS=: read -r c n; do
        [ -d /proc/"${n#pslab-}" ] && continue
        # a zombie holds nothing; a peer being torn down is one soon
        grep -qs '^State:[[:space:]]*Z' "${c%/comm}/status" || echo "${c%/comm}: $n"
    done
}
# labs_new BEFORE: what labs_now shows that the file BEFORE (labs_now's
# output then) did not, and is still there 3 s on.
labs_new() {
    a=$(labs_now | grep -vxF -f "$1")
    for i in 1 2 3; do
        [ -n "$a" ] || return 0
        sleep 1
        a=$(labs_now | grep -xF "$a")
    done
    echo "$a"
}
