#!/usr/bin/env bash
# README command 1: install dependencies, build xemu and the guest test programs, and run
# the ARM hello program (and the MIPS one once xemu-mips exists).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)"
echo "== xemu-arm tests/guest-bins/arm/hello (-marm):"
build/xemu-arm build/tests/guest-bins/arm/hello-arm hello from xemu || echo "(exit status $?)"
if [[ -x build/xemu-mipsel ]]; then
  echo "== xemu-mipsel hello:"
  build/xemu-mipsel build/tests/guest-bins/mipsel/hello || echo "(exit status $?)"
fi
