#!/usr/bin/env bash
# Regenerate the .pyi stubs of laycoach from the installed extension (a developer tool:
# pybind11-stubgen from PyPI). Run after changing a binding; tests/python/test_stubs.py checks
# the stubs name every public attribute.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build_python.sh
.venv/bin/python -m pip install -q --disable-pip-version-check pybind11-stubgen
out=$(mktemp -d)
.venv/bin/pybind11-stubgen laycoach -o "$out"
cp "$out"/laycoach/_core/*.pyi bindings/python/laycoach/_core/
cp "$out"/laycoach/__init__.pyi bindings/python/laycoach/__init__.pyi
rm -rf "$out"
