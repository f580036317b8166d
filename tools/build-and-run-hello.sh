#!/usr/bin/env bash
# README command 1: install dependencies, build xemu and the guest test programs, and run
# the ARM (A32 and Thumb) and MIPS (big and little endian) hello programs.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)"
# The hello program echoes argv and envp and exits with status 3 on purpose.
echo "== xemu-arm build/tests/guest-bins/arm/hello-arm (ARM, -marm):"
env -i LANG=C build/xemu-arm build/tests/guest-bins/arm/hello-arm hello from xemu || echo "(exit status $?, expected 3)"
echo "== xemu-arm build/tests/guest-bins/arm/hello-thumb (Thumb-2):"
env -i LANG=C build/xemu-arm build/tests/guest-bins/arm/hello-thumb || echo "(exit status $?, expected 3)"
echo "== xemu-mips build/tests/guest-bins/mips/hello (MIPS32r2 big endian):"
env -i LANG=C build/xemu-mips build/tests/guest-bins/mips/hello hello from xemu || echo "(exit status $?, expected 3)"
echo "== xemu-mipsel build/tests/guest-bins/mipsel/hello (MIPS32r2 little endian):"
env -i LANG=C build/xemu-mipsel build/tests/guest-bins/mipsel/hello || echo "(exit status $?, expected 3)"
