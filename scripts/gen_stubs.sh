#!/usr/bin/env bash
# Regenerate the .pyi stubs of the compiled laycoach._core (and laycoach/__init__.pyi) with
# pybind11-stubgen, then apply the hand fixes of scripts/stub_fixes.py (and keep the shipped
# stubs' hand-typed signatures of unchanged bindings), so that regenerating never loses them. Run after changing a binding; tests/python/test_stubs.py checks the stubs name every
# public attribute. laycoach/stats.pyi, booking.pyi and demo.pyi are written by hand (re-exports of
# _core's submodules plus the pure-Python wrappers) and are not regenerated.
#
#   bash scripts/gen_stubs.sh                        # builds and installs the package into .venv first
#   LAYCOACH_PKG=build/dev-py/pkg bash scripts/gen_stubs.sh   # uses a package already built there
#                                                               # (scripts/dev_python.sh), installs nothing
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
if [[ -n "${LAYCOACH_PKG:-}" ]]; then
  export PYTHONPATH="$(cd "$LAYCOACH_PKG" && pwd)${PYTHONPATH:+:$PYTHONPATH}"
else
  bash scripts/build_python.sh
fi
"$py" -c 'import pybind11_stubgen' 2>/dev/null ||
  "$py" -m pip install -q --disable-pip-version-check pybind11-stubgen
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$py" -m pybind11_stubgen laycoach -o "$out"
# the shipped stubs' hand-typed signatures where the bindings have not changed, then the fixes
"$py" scripts/stub_fixes.py --keep-from bindings/python/laycoach "$out"/laycoach
cp "$out"/laycoach/_core/*.pyi bindings/python/laycoach/_core/
cp "$out"/laycoach/__init__.pyi bindings/python/laycoach/__init__.pyi
