#!/bin/sh
# integration/cross-meson: builds tests/integration/cross-meson with a cross file whose
# exe_wrapper is xemu-arm and checks that `meson test` reports 1 pass and 1 failure (the
# guest's SIGABRT). Skipped (77) when meson or ninja is not installed.
# usage: cross-meson.sh SRCDIR BUILDDIR XEMU_ARM
set -u
src=$1 build=$2 xemu=$3
fail() { echo "FAIL: $*"; exit 1; }
for p in meson ninja arm-linux-gnueabihf-gcc; do
    command -v $p >/dev/null || { echo "SKIP: $p not installed (tools/deps.sh installs it)"; exit 77; }
done
rm -rf "$build" "$build.ini"
sed "s|@XEMU_ARM@|$xemu|" "$src/cross-arm.ini.in" >"$build.ini"
meson setup --cross-file "$build.ini" "$build" "$src" >"$build.setup.log" 2>&1 \
    || { cat "$build.setup.log"; fail "meson setup"; }
grep -q "Host machine cpu family: arm" "$build.setup.log" || fail "not a cross build for arm"
(cd "$build" && meson test -v) >"$build.test.log" 2>&1
st=$?
cat "$build.test.log"
echo "---- checks"
[ "$st" != 0 ] || fail "meson test exited 0 although one test fails"
grep -Eq "^Ok: +1 *$" "$build.test.log" || fail "not exactly 1 test passed"
grep -Eq "^Fail: +1 *$" "$build.test.log" || fail "not exactly 1 test failed"
grep -Eq "fail +FAIL .*(SIGABRT|signal 6)" "$build.test.log" || fail "fail did not die of SIGABRT"
grep -q "machine=armv7l pointer=32 bits" "$build.test.log" || fail "pass did not run as 32-bit ARM"
n=$(grep -Ec "^>>> .* $xemu -L /usr/arm-linux-gnueabihf [^ ]*/(pass|fail)\$" "$build.test.log")
[ "$n" = 2 ] || fail "expected both tests to run through $xemu, $n did"
echo "ok: meson test ran 2 tests through xemu-arm, 1 passed, 1 failed (SIGABRT)"
