#!/bin/bash
# xemu benchmarks: times native, xemu-<arch> and qemu-<arch> on the same workloads.
#   bench/run.sh [--full] [--reps N] [--xemu-build DIR] [--only NAME[,NAME]] \
#                [--real-dynamic] [--callgrind NAME] ...      (--help for all options)
# See bench/README.md.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
command -v python3 >/dev/null || { echo "bench/run.sh: python3 is required" >&2; exit 2; }
exec python3 "$here/bench.py" "$@"
