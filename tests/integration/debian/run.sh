#!/usr/bin/env bash
# integration/debian, part 2: runs commands.txt under xemu-arm and xemu-mipsel against the
# Debian 12 sysroots fetch.sh builds, and compares each command's stdout and exit status
# with expected/. Commands listed in pending.txt (features still being written) are run
# and reported as PENDING, not counted as failures.
#
# usage: run.sh check XEMU_ARM XEMU_MIPSEL [NAME-REGEX]   the test (ctest runs this)
#        run.sh gen [NAME-REGEX]        regenerate expected/ from the references: the
#                  same lines run natively on Debian 12 amd64 (the host's programs; busybox
#                  from the busybox-static amd64 package), @arch lines under qemu-arm and
#                  qemu-mipsel
# env:   XEMU_DEBIAN_CACHE (see fetch.sh), XEMU_DEBIAN_ARCHES (default "armhf mipsel"),
#        XEMU_DEBIAN_TIMEOUT (seconds per command, default 60)
# exit:  0 all passed, 1 a failure, 77 the package archive cannot be reached
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mode=${1:?usage: run.sh check XEMU_ARM XEMU_MIPSEL [REGEX] | run.sh gen [REGEX]}
shift
declare -A emu=()
if [[ $mode == check ]]; then
    emu[armhf]=$(realpath "$1") emu[mipsel]=$(realpath "$2")
    shift 2
fi
only=${1:-.}
arches=${XEMU_DEBIAN_ARCHES:-armhf mipsel}
limit=${XEMU_DEBIAN_TIMEOUT:-60}
cache=${XEMU_DEBIAN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xemu-debian}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/xemu-debian.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# setup DIR: the inputs every command finds in its working directory, made with bash
# builtins only so that they are the same bytes in every mode.
setup() {
    local d=$1 i
    mkdir -p "$d/dir/sub"
    for ((i = 1; i <= 3000; i++)); do
        printf 'line %d %d\n' "$i" $(((i * i) % 977))
    done >"$d/data.txt"
    printf 'hello from xemu\n' >"$d/dir/a.txt"
    printf 'b\n%.0s' {1..100} >"$d/dir/b.txt"
    printf 'third file\n' >"$d/dir/sub/c.txt"
}

# wrappers DIR KIND SYSROOT EMULATOR: one script per program in the sysroot's /usr/bin,
# running it as KIND says (xemu or qemu: the guest program under EMULATOR -L SYSROOT;
# native: the host's program of that name). Guests get PATH=/usr/bin:/bin, which the
# -L prefix resolves inside the sysroot.
wrappers() {
    local dir=$1 kind=$2 root=$3 emul=${4:-} p name
    mkdir -p "$dir"
    for p in "$root"/usr/bin/*; do
        name=${p##*/}
        case $kind in
        native)
            if [[ $name == busybox ]]; then p=$cache/busybox-amd64/bin/busybox
            else p=/usr/bin/$name; fi
            printf '#!/bin/sh\nPATH=/usr/bin:/bin exec %q "$@"\n' "$p" ;;
        *)  printf '#!/bin/sh\nPATH=/usr/bin:/bin exec %q -L %q %q "$@"\n' "$emul" "$root" "$p" ;;
        esac >"$dir/$name"
        chmod +x "$dir/$name"
    done
}

# run_one WRAPDIR CMD OUT: CMD in a fresh directory; OUT gets stdout and a final
# "[exit N]" line when N != 0, OUT.err the stderr.
run_one() {
    local wrap=$1 cmd=$2 out=$3 work st
    work=$(mktemp -d "$tmp/w.XXXXXX")
    setup "$work"
    (cd "$work" && umask 022 && exec env -i PATH="$wrap" HOME="$work" LC_ALL=C TZ=UTC \
        /usr/bin/timeout -k 5 "$limit" /bin/bash --noprofile --norc -c "$cmd") \
        >"$out" 2>"$out.err" </dev/null
    st=$?
    ((st == 124)) && echo "[timed out after ${limit}s]" >>"$out.err"
    ((st != 0)) && echo "[exit $st]" >>"$out"
    rm -rf "$work"
}

# The command list: names[i], archdep[i] (1 for @arch), cmds[i].
names=() archdep=() cmds=()
while IFS= read -r line; do
    [[ -z $line || $line == \#* ]] && continue
    name=${line%%[[:space:]]*}
    rest=${line#"$name"}
    rest=${rest#"${rest%%[![:space:]]*}"}
    dep=0
    if [[ $rest == @arch* ]]; then
        dep=1 rest=${rest#@arch}
        rest=${rest#"${rest%%[![:space:]]*}"}
    fi
    [[ $name =~ $only ]] || continue
    names+=("$name") archdep+=("$dep") cmds+=("$rest")
done <"$here/commands.txt"

# pending ARCH NAME: the reason NAME is pending on ARCH ("all" lines apply to both).
pending() {
    awk -v a="$1" -v n="$2" '!/^#/ && ($1 == a || $1 == "all") && $2 == n {
        $1 = ""; $2 = ""; sub(/^ +/, ""); print; exit }' "$here/pending.txt"
}

sysroot() {
    local root st
    root=$(bash "$here/fetch.sh" "$1")
    st=$?
    if ((st == 77)); then echo "SKIP: the Debian package archive cannot be reached"; exit 77; fi
    ((st == 0)) || { echo "FAIL: fetching the $1 packages (fetch.sh $1)"; exit 1; }
    echo "$root"
}

if [[ $mode == gen ]]; then
    # busybox-static amd64, only extracted: the reference for the busybox lines.
    if [[ ! -x $cache/busybox-amd64/bin/busybox ]]; then
        mkdir -p "$cache/busybox-amd64"
        (cd "$tmp" && apt-get download -q busybox-static:amd64 >/dev/null &&
            dpkg-deb -x busybox-static_*.deb "$cache/busybox-amd64") || exit 1
    fi
    for a in $arches; do
        root=$(sysroot "$a") || exit $?
        q=qemu-arm; [[ $a == mipsel ]] && q=qemu-mipsel
        [[ -d $tmp/native ]] || wrappers "$tmp/native" native "$root"
        wrappers "$tmp/qemu-$a" qemu "$root" "$(command -v $q)"
        for i in "${!names[@]}"; do
            if ((archdep[i])); then
                run_one "$tmp/qemu-$a" "${cmds[i]}" "$here/expected/${names[i]}.$a.out"
            elif [[ $a == "${arches%% *}" ]]; then
                run_one "$tmp/native" "${cmds[i]}" "$here/expected/${names[i]}.out"
            else
                continue
            fi
            echo "gen ${names[i]} ($( ((archdep[i])) && echo "$q" || echo native))"
        done
    done
    rm -f "$here"/expected/*.err
    exit 0
fi

total_fail=0 summary=()
for a in $arches; do
    root=$(sysroot "$a") || exit $?
    wrappers "$tmp/xemu-$a" xemu "$root" "${emu[$a]}"
    pass=0 fail=0 pend=0 n=0 t0=$SECONDS
    for i in "${!names[@]}"; do
        name=${names[i]}
        exp=$here/expected/$name.out
        ((archdep[i])) && exp=$here/expected/$name.$a.out
        out=$tmp/$a-$name.out
        s0=$SECONDS
        run_one "$tmp/xemu-$a" "${cmds[i]}" "$out"
        why=$(pending "$a" "$name")
        if cmp -s "$exp" "$out"; then
            if [[ -n $why ]]; then
                echo "PENDING $a $name: passes now, move it out of pending.txt ($why)"
            else
                echo "PASS $a $name ($((SECONDS - s0)) s)"
            fi
            pass=$((pass + 1))
        else
            if [[ -n $why ]]; then
                echo "PENDING $a $name: $why"
                pend=$((pend + 1))
            else
                echo "FAIL $a $name: ${cmds[i]}"
                fail=$((fail + 1))
            fi
            diff -u --label expected --label xemu "$exp" "$out" | head -n 30 | sed 's/^/    /'
            [[ -s $out.err ]] && head -n 10 "$out.err" | sed 's/^/    stderr: /'
        fi
        n=$((n + 1))
    done
    summary+=("$pass/$n commands passed for $a ($fail failed, $pend pending, $((SECONDS - t0)) s)")
    total_fail=$((total_fail + fail))
done
printf '%s\n' "${summary[@]}"
((total_fail == 0))
