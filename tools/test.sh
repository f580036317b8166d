#!/usr/bin/env bash
# README command 2: install dependencies, build everything, run the whole test suite:
# unit tests, guest programs, differential tests (main build), then the unit tests again
# in an ASan+UBSan build.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/deps.sh
jobs=$(nproc)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$jobs"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DXEMU_SANITIZE=ON
cmake --build build-asan -j"$jobs" --target unit-tests
echo "== unit tests under ASan+UBSan"
(cd build-asan && ctest --output-on-failure -R '^unit/')
echo "== full suite"
cd build
ctest --output-on-failure -j"$jobs" --timeout 600
