#!/usr/bin/env bash
# Before/after in one run: builds the C++ benchmarks at REV (a git worktree in build/bench-REV)
# and at the working tree, then runs each pair alternately, so both see the same machine state.
# Usage: scripts/bench_compare.sh REV [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:?usage: scripts/bench_compare.sh REV [rounds]}
rounds=${2:-2}
old=build/bench-$rev
[ -d "$old/src" ] || git worktree add -f "$old/src" "$rev" >/dev/null
cmake -S "$old/src" -B "$old/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -Wno-dev >/dev/null
cmake --build "$old/build" -j "$(nproc 2>/dev/null || echo 2)" --target bench_evaluation bench_booking >/dev/null
cmake -S . -B build/cpp -G Ninja -DCMAKE_BUILD_TYPE=Release -Wno-dev >/dev/null
cmake --build build/cpp -j "$(nproc 2>/dev/null || echo 2)" --target bench_evaluation bench_booking >/dev/null
for ((i = 1; i <= rounds; i++)); do
  for side in "$old/build" build/cpp; do
    echo "=== round $i: $side ==="
    "$side/benchmarks/bench_evaluation" | grep -iE "best|median" || true
    "$side/benchmarks/bench_booking" 20000 2000 0 0 | grep -vE "^python" || true  # Python comparison skipped
  done
done
