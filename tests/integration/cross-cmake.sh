#!/bin/sh
# integration/cross-cmake: configures and builds tests/cross-cmake with the ARM toolchain
# file and CMAKE_CROSSCOMPILING_EMULATOR=xemu-arm, runs its ctest and checks that exactly
# one test passed and one failed, that the failure is the SIGABRT of the guest, and that
# ctest ran both programs through xemu-arm.
# usage: cross-cmake.sh SRCDIR BUILDDIR XEMU_ARM CMAKE
set -u
src=$1 build=$2 xemu=$3 cmake=$4
ctest=$(dirname "$cmake")/ctest
sysroot=/usr/arm-linux-gnueabihf
fail() { echo "FAIL: $*"; exit 1; }

command -v arm-linux-gnueabihf-gcc >/dev/null || fail "arm-linux-gnueabihf-gcc not found"
rm -rf "$build"
"$cmake" -S "$src" -B "$build" \
    -DCMAKE_TOOLCHAIN_FILE="$src/toolchain-arm-linux-gnueabihf.cmake" \
    "-DCMAKE_CROSSCOMPILING_EMULATOR=$xemu;-L;$sysroot" >"$build.configure.log" 2>&1 \
    || { cat "$build.configure.log"; fail "configure"; }
"$cmake" --build "$build" >"$build.build.log" 2>&1 || { cat "$build.build.log"; fail "build"; }

(cd "$build" && "$ctest" -V) >"$build.ctest.log" 2>&1
st=$?
cat "$build.ctest.log"
echo "---- checks"
[ "$st" != 0 ] || fail "ctest exited 0 although one test fails"
grep -q "50% tests passed, 1 tests failed out of 2" "$build.ctest.log" || fail "summary is not 1 of 2 failed"
grep -Eq "Test +#1: pass \.+ +Passed" "$build.ctest.log" || fail "test 'pass' did not pass"
grep -Eq "Test +#2: fail \.+ *(Subprocess aborted|Child aborted)" "$build.ctest.log" \
    || fail "test 'fail' is not reported as aborted (SIGABRT lost?)"
grep -q "machine=armv7l pointer=32 bits" "$build.ctest.log" || fail "pass did not run as 32-bit ARM"
n=$(grep -c "Test command: $xemu \"-L\" \"$sysroot\"" "$build.ctest.log")
[ "$n" = 2 ] || fail "expected both tests to run through $xemu, $n did"
echo "ok: ctest ran 2 tests through xemu-arm, 1 passed, 1 failed (SIGABRT), ctest status $st"
