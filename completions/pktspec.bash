# bash completion for pktspec(1). Installed as
# share/bash-completion/completions/pktspec; needs nothing of the
# bash-completion package. tests/install/completion.sh checks that every
# option of pktspec --help is here.

# The options of each command (pktspec --help).
_pktspec_opts() {
    local common="-D -I --format --help"
    case $1 in
        check) echo "$common" ;;
        run) echo "--dry-run --pcap -i --drop-kernel-rst --lab --lab-peer --lab-peer-wait --exec --seed --junit -k -q -v --threads --rate $common" ;;
        test) echo "-j --junit -k --timeout -q -v $common" ;;
        emit) echo "-o $common" ;;
        build) echo "-o --static $common" ;;
        ls) echo "--layers" ;;
        read) echo "-f -c --layers --summary --show --hexdump --command --json --help" ;;
    esac
}

# COMPREPLY from the files matching the glob pattern $1 (extglob syntax),
# and directories to walk into.
_pktspec_files() {
    local IFS=$'\n' cur=$2 f
    local -a found=()
    for f in $(compgen -f -- "$cur"); do
        if [[ -d $f ]]; then
            found+=("$f/")
        elif [[ -z $1 || $f == $1 ]]; then
            found+=("$f")
        fi
    done
    COMPREPLY=("${found[@]}")
    # A directory is completed without a space after it, to go on into it.
    [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == */ ]] && compopt -o nospace 2>/dev/null
    return 0
}

# The params a spec declares (param NAME = ...), for -D NAME=.
_pktspec_params() {
    [[ -r $1 ]] || return 0
    sed -n 's/^[[:space:]]*param[[:space:]]\{1,\}\([A-Za-z_][A-Za-z0-9_-]*\).*/\1=/p' "$1"
}

_pktspec() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    local cmd=${COMP_WORDS[1]} spec="" i
    COMPREPLY=()
    if [[ $COMP_CWORD -eq 1 ]]; then
        COMPREPLY=($(compgen -W "check run test emit build ls read help --help --version" -- "$cur"))
        return 0
    fi
    # run --lab --exec CMD ARGS...: the rest of the line is the command's.
    for ((i = 2; i < COMP_CWORD; i++)); do
        if [[ ${COMP_WORDS[i]} == --exec ]]; then
            if [[ $i -eq $((COMP_CWORD - 1)) ]]; then
                COMPREPLY=($(compgen -c -- "$cur"))
            else
                _pktspec_files "" "$cur"
            fi
            return 0
        fi
    done
    # The spec the line names, for -D's params.
    for ((i = 2; i < COMP_CWORD; i++)); do
        [[ ${COMP_WORDS[i]} == *.pkt && ${COMP_WORDS[i-1]} != --layers ]] && spec=${COMP_WORDS[i]}
    done
    case $prev in
        -i)
            COMPREPLY=($(compgen -W "$(command ls /sys/class/net 2>/dev/null)" -- "$cur"))
            return 0 ;;
        -I)
            COMPREPLY=($(compgen -d -S / -- "$cur"))
            compopt -o nospace 2>/dev/null
            return 0 ;;
        -D)
            COMPREPLY=($(compgen -W "$(_pktspec_params "$spec")" -- "$cur"))
            compopt -o nospace 2>/dev/null
            return 0 ;;
        --layers)
            _pktspec_files "*.pkt" "$cur"
            return 0 ;;
        --pcap)
            _pktspec_files "@(*.pcap|*.pcapng|*.cap)" "$cur"
            return 0 ;;
        --junit)
            _pktspec_files "*.xml" "$cur"
            return 0 ;;
        -o)
            _pktspec_files "" "$cur"
            return 0 ;;
        --format)
            COMPREPLY=($(compgen -W "text json github" -- "$cur"))
            return 0 ;;
        --lab-peer-wait)
            COMPREPLY=($(compgen -W "tcp/ udp/" -- "$cur"))
            compopt -o nospace 2>/dev/null
            return 0 ;;
        --lab-peer | --seed | --threads | --rate | -f | -c | -j | -k | --timeout)
            return 0 ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_pktspec_opts "$cmd")" -- "$cur"))
        return 0
    fi
    case $cmd in
        check | run | emit | build | test) _pktspec_files "*.pkt" "$cur" ;;
        read) _pktspec_files "@(*.pcap|*.pcapng|*.cap)" "$cur" ;;
        ls) COMPREPLY=($(compgen -W "$(command "${COMP_WORDS[0]}" ls 2>/dev/null | cut -d" " -f1)" -- "$cur")) ;;
    esac
    return 0
}
complete -F _pktspec pktspec
