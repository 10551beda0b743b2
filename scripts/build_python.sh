#!/usr/bin/env bash
# Build and install the laycoach Python package into .venv (incremental: build/<wheel tag>).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m pip install -q --disable-pip-version-check --no-build-isolation --no-deps . 
