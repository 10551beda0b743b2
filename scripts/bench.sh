#!/usr/bin/env bash
# The benchmarks (never part of the tests). Each runs laycoach and the tool a user would pick
# instead on the same data in one run and prints the ratio:
#   evaluation: 10^6 episodes, laycoach (C++ and Python) vs pandas + scipy
#   booking:    national scale (500 coaches, 4 years, 100,000 bookings), laycoach vs plain Python
#   fhir:       FHIR R4 export of 40,000 sessions, laycoach vs the same export with fhir.resources
#   stats_models (on request): ANCOVA of 10^6 pairs vs statsmodels, BCa bootstrap vs scipy
#   store (on request): open and save of a 10^6-session SQLite store vs sqlite3 fetchall / executemany
#   simulate (on request): capacity simulation of the national programme (500 coaches, 4 years), laycoach vs SimPy
# Usage: scripts/bench.sh [evaluation|booking ...]   (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
cmake -S . -B build/cpp -G Ninja -DCMAKE_BUILD_TYPE=Release -Wno-dev >/dev/null
cmake --build build/cpp -j "$(nproc 2>/dev/null || echo 2)" --target bench_evaluation bench_booking
bash scripts/build_python.sh
which=("$@")
[ ${#which[@]} -eq 0 ] && which=(evaluation booking fhir)
for b in "${which[@]}"; do
  echo "=== $b ==="
  case "$b" in
    evaluation)
      build/cpp/benchmarks/bench_evaluation
      .venv/bin/python benchmarks/bench_evaluation_py.py
      ;;
    booking)
      build/cpp/benchmarks/bench_booking   # runs benchmarks/bench_booking_py.py on the same data itself
      ;;
    fhir)
      .venv/bin/python benchmarks/bench_fhir.py
      ;;
    stats_models)  # ANCOVA vs statsmodels, bootstrap vs scipy.stats.bootstrap, nct interval vs scipy
      .venv/bin/python benchmarks/bench_stats_models.py
      ;;
    store)  # laycoach.open vs sqlite3 fetchall of every table; replace_from vs executemany (--sessions to change)
      .venv/bin/python benchmarks/bench_store.py
      ;;
    simulate)  # per replication vs a SimPy model, 1,000 replications on every core, M/M/c (--replications etc. to change)
      .venv/bin/python benchmarks/bench_simulate.py
      ;;
    *) echo "unknown benchmark '$b'" >&2; exit 2 ;;
  esac
done
