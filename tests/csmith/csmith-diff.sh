#!/bin/bash
# Differential test with csmith: random C programs, run under xemu (xemu-arm, xemu-mips,
# xemu-mipsel) and under the reference qemu-user; their output (csmith prints a checksum
# of all global variables) and exit status must be identical.
#
#   csmith-diff.sh --emu XEMU [--emu-arg OPTION]... --ref-emu QEMU [--csmith CSMITH] [--cc CC]
#                  [--variants "NAME:FLAGS ..."] [--include DIR] [--workdir DIR]
#                  [--timeout SECONDS] [SEED...]
#
# --variants: how each program is compiled, one binary per NAME:FLAGS word (FLAGS
# separated by commas); default "arm:-marm thumb:-mthumb".
# Seeds: the arguments, else $XEMU_CSMITH_SEEDS (a number N = seeds 1..N, or a list
# separated by spaces or commas), else the 30 fixed seeds in DEFAULT_SEEDS below (1..33
# without 20, 26 and 30, whose programs run for minutes: csmith 2.3.0).  Each seed is generated with
#   csmith --seed S --no-packed-struct
# (packed structs would make misaligned LDRD/LDM, which Linux fixes up in the kernel and
# neither emulator promises to) and compiled with CC -static -O1 and each variant's flags.  A seed whose program does not finish under the reference emulator within
# the timeout, or does not compile, is reported and skipped: it says nothing about xemu.
# The generated sources and binaries of failing seeds are kept in the work directory.
# Exit: 0 all compared seeds agree, 1 a mismatch, 2 bad usage or missing tools,
# 77 (ctest SKIP_RETURN_CODE) when every seed was skipped.

emu= emu_args= ref_emu= csmith=csmith cc=arm-linux-gnueabihf-gcc include=/usr/include/csmith
workdir= timeout_s=5 variants="arm:-marm thumb:-mthumb"
seeds=()
DEFAULT_SEEDS="1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 21 22 23 24 25 27 28 29 31 32 33"
while [ $# -gt 0 ]; do
    case $1 in
    --emu) emu=$2; shift 2 ;;
    --emu-arg) emu_args="$emu_args $2"; shift 2 ;;
    --ref-emu) ref_emu=$2; shift 2 ;;
    --csmith) csmith=$2; shift 2 ;;
    --cc) cc=$2; shift 2 ;;
    --include) include=$2; shift 2 ;;
    --workdir) workdir=$2; shift 2 ;;
    --timeout) timeout_s=$2; shift 2 ;;
    --variants) variants=$2; shift 2 ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    -*) echo "csmith-diff.sh: unknown option '$1'" >&2; exit 2 ;;
    *) seeds+=("$1"); shift ;;
    esac
done
if [ -z "$emu" ] || [ -z "$ref_emu" ]; then
    echo "usage: csmith-diff.sh --emu XEMU --ref-emu QEMU [options] [SEED...]" >&2
    exit 2
fi
for tool in "$emu" "$ref_emu" "$csmith" "$cc"; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "csmith-diff.sh: '$tool' not found" >&2
        exit 2
    fi
done
if [ ${#seeds[@]} -eq 0 ]; then
    spec=${XEMU_CSMITH_SEEDS:-$DEFAULT_SEEDS}
    if [[ $spec =~ ^[0-9]+$ ]]; then
        seeds=($(seq 1 "$spec"))
    else
        read -r -a seeds <<<"${spec//,/ }"
    fi
fi
if [ -z "$workdir" ]; then
    workdir=$(mktemp -d "${TMPDIR:-/tmp}/xemu-csmith.XXXXXX") || exit 2
    cleanup_workdir=1
fi
mkdir -p "$workdir" || exit 2

pass=0 fail=0 skip=0
failed=()
for seed in "${seeds[@]}"; do
    src=$workdir/s$seed.c
    if ! "$csmith" --seed "$seed" --no-packed-struct -o "$src" >/dev/null 2>&1; then
        echo "seed $seed: csmith failed, skipped"
        skip=$((skip + 1))
        continue
    fi
    seed_ok=1
    for variant in $variants; do
        mode=${variant%%:*}
        flags=${variant#*:}
        [ "$flags" = "$variant" ] && flags=
        bin=$workdir/s$seed-$mode
        # shellcheck disable=SC2086
        if ! "$cc" -static -O1 ${flags//,/ } -w -I"$include" -o "$bin" "$src" 2>"$bin.ccerr"; then
            echo "seed $seed/$mode: does not compile, skipped ($(head -n 1 "$bin.ccerr"))"
            skip=$((skip + 1))
            continue
        fi
        timeout "$timeout_s" "$ref_emu" "$bin" >"$bin.ref.out" 2>/dev/null </dev/null
        ref_rc=$?
        if [ $ref_rc -eq 124 ]; then
            echo "seed $seed/$mode: reference did not finish in ${timeout_s}s, skipped"
            skip=$((skip + 1))
            rm -f "$bin"
            continue
        fi
        # xemu gets more time: a slow emulator is not a wrong one, but a hang is.
        timeout $((timeout_s * 3)) "$emu" $emu_args "$bin" >"$bin.out" 2>"$bin.err" </dev/null
        rc=$?
        if [ $rc -eq $ref_rc ] && cmp -s "$bin.ref.out" "$bin.out"; then
            pass=$((pass + 1))
            rm -f "$bin" "$bin.out" "$bin.err" "$bin.ref.out" "$bin.ccerr"
        else
            seed_ok=0
            fail=$((fail + 1))
            failed+=("$seed/$mode")
            echo "seed $seed/$mode: MISMATCH"
            echo "  reference: status $ref_rc, output: $(head -c 200 "$bin.ref.out" | tr '\n' ' ')"
            what="status $rc"
            [ $rc -eq 124 ] && what="timed out after $((timeout_s * 3))s"
            echo "  xemu:      $what, output: $(head -c 200 "$bin.out" | tr '\n' ' ')"
            [ -s "$bin.err" ] && echo "  xemu stderr: $(head -c 300 "$bin.err" | tr '\n' ' ')"
            echo "  reproduce: $emu$emu_args $bin   (source $src)"
        fi
    done
    [ $seed_ok -eq 1 ] && rm -f "$src"
done

echo "csmith: ${#seeds[@]} seeds, $pass runs agree, $fail differ, $skip skipped"
if [ $fail -ne 0 ]; then
    echo "differing: ${failed[*]}"
    echo "kept in $workdir"
    exit 1
fi
[ -n "$cleanup_workdir" ] && rm -rf "$workdir"
if [ $pass -eq 0 ]; then
    echo "nothing was compared: reporting skip"
    exit 77
fi
exit 0
