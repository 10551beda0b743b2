#!/usr/bin/env python3
"""Benchmark: the full evaluation of N episodes (default 10^6) by laycoach against the same
analysis written with pandas + scipy, in one run, on one core, printing the ratio.

The analysis (both sides): a SWEMWBS-like outcome (Rasch metric scores, so many tied
differences) with 5 breakdowns (service line, staff group, ethnicity group, organisation,
sessions attended); overall and for every group: n, means and SDs before/after, mean change
with its t-based 95% CI, paired t-test, Wilcoxon signed-rank test (zeros dropped, tie-corrected
normal approximation without continuity correction, exact p for <= 50 untied differences),
Cohen's d_z and d_av with the Hedges-corrected values, Jacobson-Truax reliable improvement and
deterioration and meaningful improvement/deterioration with Wilson 95% intervals; per breakdown
each group against the rest (Welch t-test) and Welch's ANOVA; the dose-response line
(linregress); before/after histograms; and a proportion (satisfied) with Wilson intervals per
group. The script checks that both sides agree (to 1e-9 relative) before timing.

Usage: python benchmarks/bench_evaluation_py.py [--episodes N] [--repeats R]
Needs the laycoach package (scripts/build_python.sh), pandas and scipy.
"""
from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import time

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from scipy import stats  # noqa: E402

import laycoach  # noqa: E402

SWEMWBS = np.array([7.00, 9.51, 11.25, 12.40, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36, 16.88, 17.43, 17.98, 18.59,
                    19.25, 19.98, 20.73, 21.54, 22.35, 23.21, 24.11, 25.03, 26.02, 27.03, 28.13, 29.31, 30.70, 32.55,
                    35.00])
DIMS = [("service_line", 4), ("staff_group", 10), ("ethnicity_group", 6), ("organisation", 200),
        ("sessions_attended", 6)]
RELIABILITY = 0.84
MEANINGFUL = 3.0


def make_data(n: int, seed: int = 2024):
    rng = np.random.default_rng(seed)
    codes = {}
    labels = {}
    for name, k in DIMS:
        u = rng.random(n)
        codes[name] = np.minimum(k - 1, (u * u * k).astype(np.int32))  # skewed group sizes
        labels[name] = ([str(i + 1) for i in range(k - 1)] + [f"{k}+"] if name == "sessions_attended"
                        else [f"{name}_{i}" for i in range(k)])
    dose = codes["sessions_attended"] + 1
    raw_b = np.clip(np.rint(20 + 3.5 * rng.standard_normal(n)), 7, 35).astype(int)
    raw_a = np.clip(np.rint(raw_b + 1 + 0.8 * dose + 3.5 * rng.standard_normal(n)), 7, 35).astype(int)
    before = SWEMWBS[raw_b - 7]
    after = SWEMWBS[raw_a - 7].copy()
    after[rng.random(n) < 0.02] = np.nan  # no follow-up
    satisfied = (rng.random(n) < 0.97).astype(np.float64)
    return before, after, codes, labels, satisfied


# ---- laycoach ---------------------------------------------------------------------------------

def run_laycoach(before, after, codes, labels, satisfied):
    return laycoach.evaluate_columns(
        before, after, codes, labels=labels, trend={"sessions_attended": [1, 2, 3, 4, 5, 6]}, name="swemwbs",
        reliability=RELIABILITY, meaningful_change=MEANINGFUL, range=(7.0, 35.0), proportions={"satisfied": satisfied},
        audience="service_manager")


# ---- pandas + scipy -------------------------------------------------------------------------------

def wilson(k: int, n: int):
    ci = stats.binomtest(int(k), int(n)).proportion_ci(confidence_level=0.95, method="wilson")
    return ci.low, ci.high


def change_row(b: np.ndarray, a: np.ndarray) -> dict:
    n = len(b)
    d = a - b
    row = {"n": n}
    if n == 0:
        return row
    tt = stats.ttest_rel(a, b)
    ci = tt.confidence_interval(0.95)
    sd_b, sd_a, sd_d = b.std(ddof=1), a.std(ddof=1), d.std(ddof=1)
    m = d.mean()
    j = 1 - 3 / (4 * (n - 1) - 1)
    row.update(mean_before=b.mean(), sd_before=sd_b, mean_after=a.mean(), sd_after=sd_a, mean_change=m,
               sd_change=sd_d, ci_low=ci.low, ci_high=ci.high, t=tt.statistic, df=tt.df, p=tt.pvalue,
               d_z=m / sd_d, d_av=m / ((sd_b + sd_a) / 2), g_z=j * m / sd_d, g_av=j * m / ((sd_b + sd_a) / 2))
    nz = d[d != 0]
    if len(nz):
        w = stats.wilcoxon(nz, zero_method="wilcox", correction=False, method="auto")
        ranks = stats.rankdata(np.abs(nz))
        w_plus = ranks[nz > 0].sum()
        row.update(wilcoxon_n=len(nz), w_plus=w_plus, wilcoxon_p=w.pvalue)
        if hasattr(w, "zstatistic"):
            row["z"] = math.copysign(abs(w.zstatistic), w_plus - len(nz) * (len(nz) + 1) / 4)
    thr = 1.96 * sd_b * math.sqrt(2) * math.sqrt(1 - RELIABILITY)
    counts = {"reliable_improved": int((d > thr).sum()), "reliable_deteriorated": int((d < -thr).sum()),
              "meaningful_improved": int((d >= MEANINGFUL).sum()), "meaningful_deteriorated": int((d <= -MEANINGFUL).sum())}
    row["rci_threshold"] = thr
    for k, c in counts.items():
        lo, hi = wilson(c, n)
        row[k] = c
        row["share_" + k] = c / n
        row["share_" + k + "_ci_low"] = lo
        row["share_" + k + "_ci_high"] = hi
    return row


def run_pandas(before, after, codes, labels, satisfied) -> dict:
    df = pd.DataFrame({"before": before, "after": after, "satisfied": satisfied, **codes})
    paired = df.dropna(subset=["before", "after"])
    paired = paired.assign(change=paired["after"] - paired["before"])
    out = {"overall": change_row(paired["before"].to_numpy(), paired["after"].to_numpy()), "breakdowns": {}}
    for name, _ in DIMS:
        rows, diffs, groups = {}, {}, []
        for code, g in paired.groupby(name, sort=True):
            rows[labels[name][code]] = change_row(g["before"].to_numpy(), g["after"].to_numpy())
            groups.append(g["change"].to_numpy())
        for code, g in paired.groupby(name, sort=True):
            rest = paired.loc[paired[name] != code, "change"].to_numpy()
            r = stats.ttest_ind(g["change"].to_numpy(), rest, equal_var=False)
            ci = r.confidence_interval(0.95)
            diffs[labels[name][code]] = {"t": r.statistic, "df": r.df, "p": r.pvalue, "ci_low": ci.low, "ci_high": ci.high}
        anova = stats.f_oneway(*[x for x in groups if len(x) >= 2], equal_var=False)
        entry = {"rows": rows, "differences": diffs, "anova": {"f": anova.statistic, "p": anova.pvalue}}
        if name == "sessions_attended":
            lr = stats.linregress(paired[name].to_numpy() + 1, paired["change"].to_numpy())
            entry["trend"] = {"slope": lr.slope, "intercept": lr.intercept, "r": lr.rvalue, "p": lr.pvalue}
        out["breakdowns"][name] = entry
    edges = np.arange(7.0, 36.0)
    out["hist_before"] = np.histogram(paired["before"], bins=edges)[0]
    out["hist_after"] = np.histogram(paired["after"], bins=edges)[0]
    sat = {}
    answered = df.dropna(subset=["satisfied"])
    for name, _ in DIMS:
        for code, g in answered.groupby(name, sort=True):
            k, n = int(g["satisfied"].sum()), len(g)
            sat[(name, labels[name][code])] = (k, n, k / n) + wilson(k, n)
    out["satisfied"] = sat
    return out


# ---- agreement ------------------------------------------------------------------------------------

def max_rel_diff(report, ref):
    worst = 0.0
    where = ""

    def cmp(ours, theirs, label=""):
        nonlocal worst, where
        for k, x in theirs.items():
            y = ours.get(k)
            if y is None or x is None or (isinstance(x, float) and math.isnan(x)):
                continue
            rel = abs(y - x) / max(abs(x), 1e-300) if x != 0 else abs(y)
            if rel > worst:
                worst = rel
                where = f"{label}{k}"
                if rel > 1e-9:
                    print(f"  disagreement {k}: laycoach {y!r} pandas+scipy {x!r}", file=sys.stderr)

    o = report.data["outcomes"][0]
    cmp(o["overall"], ref["overall"], "overall ")
    for b in o["breakdowns"]:
        ent = ref["breakdowns"][b["dimension"]]
        for r in b["rows"]:
            if r["group"] in ent["rows"]:
                cmp(r, ent["rows"][r["group"]], f"{b['dimension']}={r['group']} ")
        for d in b["differences"]:
            if d["group"] in ent["differences"]:
                cmp(d, ent["differences"][d["group"]], f"{b['dimension']}={d['group']} vs rest ")
        cmp(b["welch_anova"], ent["anova"], f"{b['dimension']} Welch ANOVA ")
        if "trend" in ent:
            cmp(b["trend"], ent["trend"], f"{b['dimension']} trend ")
    bins = o["histogram"]["bins"]
    assert [x["before"] for x in bins] == list(ref["hist_before"]), "histogram (before) differs"
    assert [x["after"] for x in bins] == list(ref["hist_after"]), "histogram (after) differs"
    prop = report.data["proportions"][0]
    for b in prop["breakdowns"]:
        for r in b["rows"]:
            k, n, share, lo, hi = ref["satisfied"][(b["dimension"], r["group"])]
            assert (r["k"], r["n"]) == (k, n), "proportion counts differ"
            cmp(r, {"share": share, "ci_low": lo, "ci_high": hi}, f"satisfied {b['dimension']}={r['group']} ")
    return worst, where


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--episodes", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        cpu = sorted(os.sched_getaffinity(0))[0]
        os.sched_setaffinity(0, {cpu})
        print(f"pinned to CPU {cpu} (one core)")
    data = make_data(args.episodes)
    print(f"episodes {args.episodes:,}, breakdowns {len(DIMS)}, groups {sum(k for _, k in DIMS)}; "
          f"laycoach {laycoach.__version__}, pandas {pd.__version__}, scipy {__import__('scipy').__version__}")

    ours, theirs = [], []
    report = ref = None
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        report = run_laycoach(*data)
        ours.append(time.perf_counter() - t0)
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        ref = run_pandas(*data)
        theirs.append(time.perf_counter() - t0)
    worst, where = max_rel_diff(report, ref)
    print(f"agreement: largest relative difference {worst:.2e} at {where.strip()} "
          f"({'ok' if worst <= 1e-9 else 'DIFFERENT'})")
    best_ours, best_theirs = min(ours), min(theirs)
    print(f"laycoach.evaluate_columns : best {best_ours:.3f} s, median {statistics.median(ours):.3f} s")
    print(f"pandas + scipy            : best {best_theirs:.3f} s, median {statistics.median(theirs):.3f} s")
    ratio = best_theirs / best_ours
    print(f"ratio (pandas+scipy / laycoach): {ratio:.1f}x   target >= 10x: {'met' if ratio >= 10 else 'NOT met'}; "
          f"laycoach < 0.5 s: {'met' if best_ours < 0.5 else 'NOT met'}")
    return 0 if worst <= 1e-9 else 1


if __name__ == "__main__":
    sys.exit(main())
