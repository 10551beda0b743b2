#!/usr/bin/env python3
"""Benchmark: the beyond-pre/post statistics (docs/statistics.md) against what an analyst would
write instead, on the same data in one run, one core, printing the ratio:

- ANCOVA of after on before + a 5-level group, N pairs (default 10^6): laycoach.stats.ancova
  against statsmodels OLS (sm.OLS on a numpy design built with one vectorised step — no formula
  parsing — and the formula API as most users write it);
- BCa bootstrap interval of d_z (n = 2,000, 2,000 resamples): laycoach.stats.effect_sizes against
  scipy.stats.bootstrap(paired=True, vectorized=True, method="BCa");
- the noncentral-t interval of d_z (n = 5,000): laycoach against brentq on scipy.stats.nct.

Both sides are checked to agree before timing (ANCOVA to 1e-9; the bootstrap within Monte Carlo
error, the resamples differ). Usage: python benchmarks/bench_stats_models.py [--pairs N] [--repeats R]
"""
from __future__ import annotations

import argparse
import math
import os
import statistics
import time

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import statsmodels.api as sm  # noqa: E402
import statsmodels.formula.api as smf  # noqa: E402
from scipy import optimize  # noqa: E402
from scipy import stats as sps  # noqa: E402

from laycoach import stats  # noqa: E402


def best(fn, repeats):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times), out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    rng = np.random.default_rng(2026)
    n = args.pairs
    g = rng.integers(0, 5, n)
    labels = np.array(["a", "b", "c", "d", "e"], dtype=object)[g]
    b = 20 + 4 * rng.standard_normal(n)
    a = 5 + 0.8 * b + 0.5 * g + 3 * rng.standard_normal(n)

    def ours():
        return stats.ancova(b, a, labels)

    def sm_numpy():
        X = np.column_stack([np.ones(n), b, (g[:, None] == np.arange(1, 5)[None, :]).astype(float)])
        return sm.OLS(a, X).fit()

    df = pd.DataFrame({"before": b, "after": a, "group": labels})

    def sm_formula():
        return smf.ols("after ~ before + C(group)", df).fit()

    r, f = ours(), sm_numpy()
    est = [c.estimate for c in r.coefficients]
    assert np.allclose(est, f.params, rtol=1e-9, atol=0)
    assert np.allclose([c.se for c in r.coefficients], f.bse, rtol=1e-9, atol=0)
    t_ours, m_ours, _ = best(ours, args.repeats)
    t_np, m_np, _ = best(sm_numpy, args.repeats)
    t_f, m_f, _ = best(sm_formula, args.repeats)
    print(f"ANCOVA, {n:,} pairs, 5 groups (coefficients, SEs, CIs, p, adjusted means):")
    print(f"  laycoach.stats.ancova        best {t_ours:.3f} s (median {m_ours:.3f})")
    print(f"  statsmodels sm.OLS (numpy)   best {t_np:.3f} s (median {m_np:.3f})  -> {t_np / t_ours:.1f}x")
    print(f"  statsmodels formula API      best {t_f:.3f} s (median {m_f:.3f})  -> {t_f / t_ours:.1f}x")

    m = 2000
    bb = 20 + 4 * rng.standard_normal(m)
    aa = bb + 1.5 + 3 * rng.standard_normal(m)

    def dz(x, y, axis=-1):
        d = y - x
        return d.mean(axis=axis) / d.std(ddof=1, axis=axis)

    def boot_ours():
        return stats.effect_sizes(bb, aa, method="bca", resamples=2000, seed=1)

    def boot_scipy():
        return sps.bootstrap((bb, aa), dz, paired=True, vectorized=True, n_resamples=2000, method="BCa",
                             random_state=np.random.default_rng(1))

    e, s = boot_ours(), boot_scipy()
    assert abs(e.d_z.ci_low - s.confidence_interval.low) < 0.03
    t1, m1, _ = best(boot_ours, args.repeats)
    t2, m2, _ = best(boot_scipy, args.repeats)
    print(f"BCa bootstrap of d_z (and d_av, g), n = {m:,}, 2,000 resamples:")
    print(f"  laycoach.stats.effect_sizes  best {t1 * 1e3:.1f} ms (median {m1 * 1e3:.1f})")
    print(f"  scipy.stats.bootstrap (d_z only) best {t2 * 1e3:.1f} ms (median {m2 * 1e3:.1f})  -> {t2 / t1:.1f}x")

    k = 5000
    b5 = 20 + 4 * rng.standard_normal(k)
    a5 = b5 + 0.5 + 3 * rng.standard_normal(k)

    def nct_scipy():
        d = a5 - b5
        t = d.mean() / (d.std(ddof=1) / math.sqrt(k))
        lo = optimize.brentq(lambda lam: sps.nct.sf(t, k - 1, lam) - 0.025, t - 20, t + 20, xtol=1e-13)
        hi = optimize.brentq(lambda lam: sps.nct.cdf(t, k - 1, lam) - 0.025, t - 20, t + 20, xtol=1e-13)
        return lo / math.sqrt(k), hi / math.sqrt(k)

    lo, hi = nct_scipy()
    assert abs(stats.effect_sizes(b5, a5).d_z.ci_low - lo) < 1e-9
    t1, m1, _ = best(lambda: stats.effect_sizes(b5, a5), args.repeats)
    t2, m2, _ = best(nct_scipy, args.repeats)
    print(f"Noncentral-t interval of d_z, n = {k:,}:")
    print(f"  laycoach.stats.effect_sizes  best {t1 * 1e3:.2f} ms (median {m1 * 1e3:.2f})")
    print(f"  brentq on scipy.stats.nct    best {t2 * 1e3:.2f} ms (median {m2 * 1e3:.2f})  -> {t2 / t1:.1f}x")


if __name__ == "__main__":
    main()
