#!/usr/bin/env bash
# Developer loop for the Python face without pip: builds laycoach._core with CMake into
# BUILD_DIR (default build/dev-py) and lays out an importable package in BUILD_DIR/pkg.
# Use:  bash scripts/dev_python.sh build/me-py && PYTHONPATH=build/me-py/pkg .venv/bin/python -m pytest tests/python
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build/dev-py}
py=.venv/bin/python
pybind_dir=$("$py" -c 'import pybind11; print(pybind11.get_cmake_dir())')
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLAYCOACH_BUILD_PYTHON=ON -DLAYCOACH_BUILD_C=OFF \
  -DLAYCOACH_BUILD_TESTS=OFF -DPython_EXECUTABLE="$(pwd)/$py" -Dpybind11_DIR="$pybind_dir" -Wno-dev >/dev/null
cmake --build "$dir" -j "$(nproc 2>/dev/null || echo 2)" --target _core
rm -rf "$dir/pkg" && mkdir -p "$dir/pkg"
cp -r bindings/python/laycoach "$dir/pkg/laycoach"
cp "$dir"/bindings/python/_core*.so "$dir/pkg/laycoach/"
echo "PYTHONPATH=$dir/pkg"
