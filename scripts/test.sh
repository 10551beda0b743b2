#!/usr/bin/env bash
# Every test: C++ (Catch2 through ctest, including the C example, the strict-C header checks,
# the demo and the find_package consumer), then the Python package and pytest.
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build/cpp -G Ninja -DCMAKE_BUILD_TYPE=Release -Wno-dev >/dev/null
cmake --build build/cpp -j "$jobs"
ctest --test-dir build/cpp --output-on-failure -j "$jobs"

bash scripts/build_python.sh
.venv/bin/python -m pytest -q -p no:cacheprovider tests/python
echo "scripts/test.sh: all tests passed"
