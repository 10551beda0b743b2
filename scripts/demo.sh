#!/usr/bin/env bash
# The main job: build laycoach, create a demo coaching service in an SQLite file, print what it
# holds and any rule breaches, evaluate its outcomes and write an HTML report.
# Usage: scripts/demo.sh [store.sqlite] [report.html]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
bash scripts/build_python.sh
mkdir -p out
exec .venv/bin/laycoach demo --store "${1:-out/demo.sqlite}" --report "${2:-out/demo-report.html}"
