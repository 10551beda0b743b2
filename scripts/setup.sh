#!/usr/bin/env bash
# Install what laycoach needs, non-interactively and idempotently (quick when all is present):
# Debian 12 packages for the C++ side, a virtual environment (.venv) with the PyPI packages.
# Run as root on a fresh Debian 12 machine, or as any user where everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
have_cmd() { command -v "$1" >/dev/null 2>&1; }
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

have_cmd g++ || missing+=(g++)
have_cmd make || missing+=(make)
have_pkg cmake || missing+=(cmake)  # Debian 12's own (3.25): the consumer test builds with it too
have_cmd ninja || missing+=(ninja-build)
have_cmd git || missing+=(git)
have_cmd pkg-config || missing+=(pkgconf)  # the consumer test links through laycoach.pc
# chromium (and a font): tests only (tests/python/test_report_render.py renders the HTML report headless).
have_cmd chromium || missing+=(chromium)
for pkg in libboost-date-time-dev nlohmann-json3-dev catch2 libsqlite3-dev libssl-dev fonts-dejavu-core; do
  have_pkg "$pkg" || missing+=("$pkg")
done
if ! have_cmd python3; then
  missing+=(python3 python3-venv python3-dev)
else
  python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || missing+=(python3-venv)
  python3 - <<'PY' || missing+=(python3-dev)
import os, sys, sysconfig
sys.exit(0 if os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")) else 1)
PY
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Python: a venv that sees already-installed packages (fast on a prepared machine).
if [ ! -x .venv/bin/python ]; then
  python3 -m venv --system-site-packages .venv
fi
py=.venv/bin/python
need_py=()
# fhir.resources: tests only (tests/python/test_fhir.py parses the FHIR export with its R4B models).
# statsmodels: tests only (tests/python/test_stats_models.py checks ANCOVA against its OLS).
# pyarrow: Parquet for released tables (DataFrame.to_parquet); nbclient, nbformat, ipykernel: tests
# only (the notebook quickstart in docs/ is executed by tests/python/test_docs.py).
# tqdm: the capacity simulation's progress bar; dask, distributed: tests only (laycoach.simulate on a
# LocalCluster gives the local run's results); simpy: benchmarks only (the SimPy model compared with
# laycoach.simulate in benchmarks/).
for mod in numpy pandas scipy matplotlib pytest pybind11 scikit_build_core fhir.resources statsmodels pyarrow nbclient nbformat ipykernel tqdm dask distributed simpy; do
  "$py" -c "import $mod" >/dev/null 2>&1 || need_py+=("$mod")
done
if [ ${#need_py[@]} -gt 0 ]; then
  pkgs=()
  for mod in "${need_py[@]}"; do pkgs+=("${mod//_/-}"); done
  echo "setup: installing Python packages: ${pkgs[*]}"
  "$py" -m pip install -q --disable-pip-version-check "${pkgs[@]}"
fi
# CMake >= 3.20 is needed; Debian 12 ships 3.25. Ninja comes with the Debian package or pip.
echo "setup: ok"
