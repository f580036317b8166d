#!/bin/sh
# integration/binfmt-check: `xemu-binfmt check` (the kernel's magic/mask rule applied to
# a file) on real programs built by this directory's CMakeLists.txt.
# usage: binfmt-check.sh XEMU_BINFMT BINDIR
set -u
bf=$1 dir=$2
fails=0

expect() { # file expected-output-suffix expected-status
    out=$("$bf" check "$1" 2>&1)
    st=$?
    if [ "$out" = "$1: $2" ] && [ "$st" = "$3" ]; then
        echo "ok   $out"
    else
        echo "FAIL $1: got '$out' (status $st), expected '$2' (status $3)"
        fails=$((fails + 1))
    fi
}

expect "$dir/argv0-arm" xemu-arm 0
for v in mips mipsel; do
    if [ -e "$dir/$v-exec" ]; then
        expect "$dir/$v-exec" "xemu-$v" 0
        expect "$dir/$v-pie" "xemu-$v" 0
        expect "$dir/$v-n32" "no xemu guest" 1   # n32 (EF_MIPS_ABI2) is not ours
    else
        echo "note: $v cross compiler not found, $v headers not checked"
    fi
done
expect "$bf" "no xemu guest" 1                    # the host's own binary
expect /bin/sh "no xemu guest" 1
[ "$fails" = 0 ] || { echo "$fails check(s) failed"; exit 1; }
echo "all checks passed"
