#!/bin/sh
# Runs one guest test program under an emulator and checks its stdout and exit status.
#
#   run-guest.sh --emu EMULATOR --ref EXPECTED_STDOUT --status N
#                [--env NAME=VALUE]... [--emu-arg OPTION]... [--save-stdout FILE]
#                -- PROGRAM [ARG]...
#
# The program runs with an empty environment plus the --env variables (so output that
# echoes the environment is deterministic).  An argument spelled @TMPDIR@ is replaced by a
# fresh scratch directory (under $TMPDIR, default /tmp) that is removed afterwards.
# N is the exit status a POSIX shell reports: 0-255 for exit(), 128+signo for death by a
# signal (134 = SIGABRT, 132 = SIGILL, 139 = SIGSEGV).  The program's working directory
# is the scratch directory and core dumps are disabled.  Stdout must match the reference
# byte for byte; stderr is shown on failure but not compared.
# --save-stdout FILE also copies the actual stdout to FILE (tools/guest-refs.py uses it to
# produce references with qemu-arm; the reference need not exist then).
# Exit 0 = pass, 1 = fail (with a diff), 2 = bad usage.

emu= ref= status= save= emu_args=
envs=
while [ $# -gt 0 ]; do
    case $1 in
    --emu) emu=$2; shift 2 ;;
    --emu-arg) emu_args="$emu_args
$2"; shift 2 ;;
    --ref) ref=$2; shift 2 ;;
    --status) status=$2; shift 2 ;;
    --save-stdout) save=$2; shift 2 ;;
    --env) envs="$envs
$2"; shift 2 ;;
    --) shift; break ;;
    *) echo "run-guest.sh: unknown option '$1'" >&2; exit 2 ;;
    esac
done
if [ -z "$emu" ] || [ -z "$ref" ] || [ -z "$status" ] || [ $# -lt 1 ]; then
    echo "usage: run-guest.sh --emu EMU --ref REF --status N [--env K=V]... -- PROG [ARG]..." >&2
    exit 2
fi
if [ ! -x "$emu" ]; then echo "run-guest.sh: emulator '$emu' not found" >&2; exit 2; fi
if [ ! -f "$ref" ] && [ -z "$save" ]; then
    echo "run-guest.sh: reference '$ref' not found" >&2
    exit 2
fi
if [ ! -f "$1" ]; then echo "run-guest.sh: guest program '$1' not built" >&2; exit 2; fi
# The program runs in the scratch directory (so stray core files land there): make paths absolute.
case $emu in /*) ;; */*) emu=$(pwd)/$emu ;; esac
case $1 in /*) ;; *) p=$(pwd)/$1; shift; set -- "$p" "$@" ;; esac

work=$(mktemp -d "${TMPDIR:-/tmp}/xemu-guest.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM HUP

# Rebuild "$@" with @TMPDIR@ substituted.
prog=$1; shift
n=$#
i=0
while [ $i -lt $n ]; do
    a=$1; shift
    if [ "$a" = "@TMPDIR@" ]; then mkdir -p "$work/scratch"; a=$work/scratch; fi
    set -- "$@" "$a"
    i=$((i + 1))
done

# Split --env values (newline separated) into env(1) arguments.
old_ifs=$IFS
IFS='
'
# shellcheck disable=SC2086
(ulimit -c 0; cd "$work" && exec env -i $envs "$emu" $emu_args "$prog" "$@") \
    >"$work/stdout" 2>"$work/stderr" </dev/null
got=$?
IFS=$old_ifs
if [ -n "$save" ]; then cp "$work/stdout" "$save" || exit 2; fi
[ -f "$ref" ] || exit 1

fail=0
if ! cmp -s "$ref" "$work/stdout"; then
    echo "FAIL: stdout differs from $ref (--- expected, +++ actual):"
    diff -u "$ref" "$work/stdout" >"$work/diff"
    head -n 100 "$work/diff"
    [ "$(wc -l <"$work/diff")" -gt 100 ] && echo "(diff truncated at 100 lines)"
    fail=1
fi
if [ "$got" != "$status" ]; then
    describe() {
        if [ "$1" -gt 128 ] 2>/dev/null; then
            echo "$1 (killed by signal $(($1 - 128)): $(kill -l $(($1 - 128)) 2>/dev/null))"
        else
            echo "$1"
        fi
    }
    echo "FAIL: exit status $(describe "$got"), expected $(describe "$status")"
    fail=1
fi
if [ $fail -ne 0 ]; then
    shown="env -i"
    old_ifs=$IFS
    IFS='
'
    for e in $envs; do shown="$shown '$e'"; done
    IFS=$old_ifs
    for a in "$emu" "$prog" "$@"; do shown="$shown '$a'"; done
    echo "command: $shown"
    if [ -s "$work/stderr" ]; then
        echo "stderr:"
        head -n 50 "$work/stderr"
    fi
    exit 1
fi
exit 0
