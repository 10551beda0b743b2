"""Beyond pre/post (docs/statistics.md): effect-size intervals, ANCOVA and the two-arm comparison
against independent computations — statsmodels OLS (a test-only dependency) for every
regression figure, scipy.stats.nct for the noncentral-t intervals, scipy.stats.ttest_ind for
Welch, and a numpy re-implementation of the documented bootstrap (same resamples) plus
scipy.stats.bootstrap (its own resamples) for the bootstrap intervals.
"""
import json
import math

import numpy as np
import pandas as pd
import pytest

scipy_stats = pytest.importorskip("scipy.stats")
from scipy import optimize, special  # noqa: E402

sm = pytest.importorskip("statsmodels.formula.api")

import laycoach  # noqa: E402
from laycoach import stats  # noqa: E402

REL = 1e-9


def close(ours, theirs, rel=REL, abs_=1e-12):
    if isinstance(theirs, float) and math.isnan(theirs):
        return isinstance(ours, float) and math.isnan(ours)
    return ours == pytest.approx(theirs, rel=rel, abs=abs_)


# ---- datasets ------------------------------------------------------------------------------------

def dataset(kind, seed):
    """before, after, group labels: several shapes (continuous, integer scores with ties, small)."""
    rng = np.random.default_rng(seed)
    if kind == "continuous":
        n = 240
        g = rng.choice(np.array(["nurse", "gp", "admin"], dtype=object), n, p=[0.6, 0.3, 0.1])
        b = 20 + 4 * rng.standard_normal(n)
        a = 4 + 0.85 * b + np.where(g == "gp", 1.5, 0) + np.where(g == "admin", -1.0, 0) + 3 * rng.standard_normal(n)
    elif kind == "scores":  # SWEMWBS-like integers: many ties
        n = 500
        g = rng.choice(np.array(["a", "b", "c", "d"], dtype=object), n, p=[0.4, 0.3, 0.2, 0.1])
        b = np.clip(np.rint(19.5 + 3.5 * rng.standard_normal(n)), 7, 35)
        a = np.clip(np.rint(b + 4 + np.where(g == "d", 2, 0) + 3.5 * rng.standard_normal(n)), 7, 35)
    else:  # small, unequal groups
        n = 17
        g = np.array(["x"] * 5 + ["y"] * 12, dtype=object)
        b = np.round(15 + 3 * rng.standard_normal(n), 1)
        a = np.round(b + 2 + 2 * rng.standard_normal(n), 1)
    return b.astype(float), a.astype(float), g


DATASETS = [("continuous", 1), ("scores", 2), ("small", 3), ("continuous", 4)]


def statsmodels_fit(b, a, g=None, reference=None):
    df = pd.DataFrame({"before": b, "after": a})
    if g is None:
        return sm.ols("after ~ before", df).fit()
    df["group"] = g
    term = "C(group)" if reference is None else f"C(group, Treatment(reference={reference!r}))"
    return sm.ols(f"after ~ before + {term}", df).fit()


def check_coefficients(res, fit, confidence=0.95):
    """Every coefficient of our fit against statsmodels' of the same name."""
    names = {}
    for name in fit.params.index:
        ours = name.replace("C(group)", "group").replace("C(arm)", "arm")
        if "Treatment(" in ours:
            ours = "group" + ours[ours.index(")") + 2:] if ours.startswith("C(group") else ours
        names[ours] = name
    ci = fit.conf_int(alpha=1 - confidence)
    assert [c.term for c in res.coefficients][:2] == ["Intercept", "before"]
    assert {c.term for c in res.coefficients} == set(names)
    for c in res.coefficients:
        s = names[c.term]
        assert close(c.estimate, fit.params[s]), c.term
        assert close(c.se, fit.bse[s]), c.term
        assert close(c.t, fit.tvalues[s]), c.term
        assert close(c.p, fit.pvalues[s], abs_=1e-300), c.term
        assert close(c.ci_low, ci.loc[s, 0]), c.term
        assert close(c.ci_high, ci.loc[s, 1]), c.term
    assert res.df_resid == fit.df_resid
    assert close(res.r_squared, fit.rsquared)
    assert close(res.sigma, math.sqrt(fit.scale))


def check_adjusted(res, fit, labels, confidence=0.95):
    """Adjusted change of each group: c'beta - mean baseline, by statsmodels' t_test."""
    xbar = res.mean_before
    exog = fit.model.exog_names
    for k, m in enumerate(res.groups):
        c = np.zeros(len(exog))
        c[exog.index("Intercept")] = 1
        c[exog.index("before")] = xbar
        if k > 0:
            c[[i for i, e in enumerate(exog) if e.endswith(f"[T.{labels[k]}]")][0]] = 1
        tt = fit.t_test((c[None, :], np.array([xbar])))  # effect = c'beta, t = (c'beta - xbar) / sd
        assert close(m.adjusted_after, float(tt.effect[0]))
        assert close(m.adjusted_change, float(tt.effect[0]) - xbar, abs_=1e-11)
        assert close(m.se, float(tt.sd[0, 0]))
        assert close(m.t, float(tt.tvalue[0, 0]), abs_=1e-10)
        assert close(m.p, float(tt.pvalue), abs_=1e-300)
        lo, hi = tt.conf_int(alpha=1 - confidence)[0]
        assert close(m.ci_low, lo - xbar, abs_=1e-11)
        assert close(m.ci_high, hi - xbar, abs_=1e-11)


# ---- ANCOVA ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind,seed", DATASETS)
def test_ancova_without_groups_agrees_with_statsmodels(kind, seed):
    b, a, _ = dataset(kind, seed)
    res = stats.ancova(b, a)
    fit = statsmodels_fit(b, a)
    check_coefficients(res, fit)
    assert res.n == len(b) and res.n_dropped == 0
    assert [m.group for m in res.groups] == ["all"]
    check_adjusted(res, fit, ["all"])
    # Without groups the adjusted change is the raw mean change; only its SE is the model's.
    assert close(res.groups[0].adjusted_change, float(np.mean(a - b)), rel=1e-12, abs_=1e-12)


@pytest.mark.parametrize("kind,seed", DATASETS)
@pytest.mark.parametrize("confidence", [0.95, 0.9])
def test_ancova_with_groups_agrees_with_statsmodels(kind, seed, confidence):
    b, a, g = dataset(kind, seed)
    res = stats.ancova(b, a, g, confidence=confidence)
    fit = statsmodels_fit(b, a, g)
    check_coefficients(res, fit, confidence)
    labels = sorted(set(g))
    assert [m.group for m in res.groups] == labels
    assert [m.n for m in res.groups] == [int((g == x).sum()) for x in labels]
    check_adjusted(res, fit, labels, confidence)


def test_ancova_reference_level_and_categorical_order():
    b, a, g = dataset("scores", 7)
    res = stats.ancova(b, a, g, reference="c")
    fit = statsmodels_fit(b, a, g, reference="c")
    check_coefficients(res, fit)
    assert [m.group for m in res.groups] == ["c", "a", "b", "d"]
    cat = pd.Categorical(g, categories=["d", "c", "b", "a"])
    res2 = stats.ancova(b, a, cat)
    assert [m.group for m in res2.groups] == ["d", "c", "b", "a"]
    fit2 = statsmodels_fit(b, a, g, reference="d")
    check_coefficients(res2, fit2)


def test_ancova_nan_policy():
    b, a, g = dataset("continuous", 11)
    b[[3, 50]] = np.nan
    a[[7]] = np.nan
    g = g.copy()
    g[100] = None
    keep = ~np.isnan(b) & ~np.isnan(a) & pd.notna(g)
    # statsmodels' formula API drops rows with a missing value (missing="drop"): our "omit".
    res = stats.ancova(b, a, g, nan_policy="omit")
    assert res.n == keep.sum() and res.n_dropped == 4
    check_coefficients(res, statsmodels_fit(b, a, g))
    check_adjusted(res, statsmodels_fit(b, a, g), sorted(set(g[keep])))
    # propagate: every statistic NaN, the structure kept
    p = stats.ancova(b, a, g)
    assert p.n == len(b)
    assert [c.term for c in p.coefficients] == [c.term for c in res.coefficients]
    assert all(math.isnan(c.estimate) and math.isnan(c.p) for c in p.coefficients)
    assert all(math.isnan(m.adjusted_change) for m in p.groups)
    # pandas nullable columns: pd.NA is a missing value like NaN
    frame = pd.DataFrame({"b": pd.array(b, dtype="Float64"), "a": pd.array(a, dtype="Float64"),
                          "g": pd.array(g, dtype="string")})
    frame.loc[3, "b"] = pd.NA
    nullable = stats.ancova(frame["b"], frame["a"], frame["g"], nan_policy="omit")
    assert nullable.n == res.n and nullable.to_dict()["coefficients"] == res.to_dict()["coefficients"]
    with pytest.raises(laycoach.ValidationError) as e:
        stats.ancova(b, a, g, nan_policy="raise")
    assert (e.value.field, e.value.rule) == ("before", "nan")
    with pytest.raises(laycoach.ValidationError) as e:
        stats.ancova(b[keep], a[keep], np.where(np.arange(keep.sum()) == 5, None, g[keep]), nan_policy="raise")
    assert (e.value.field, e.value.rule) == ("group", "nan")


def err(fn, *args, **kw):
    with pytest.raises(laycoach.ValidationError) as e:
        fn(*args, **kw)
    return e.value.record, e.value.field, e.value.rule


def test_ancova_errors():
    b, a, g = dataset("small", 5)
    assert err(stats.ancova, b, a[:-1]) == ("", "after", "same_length")
    assert err(stats.ancova, b, a, g[:-1]) == ("", "group", "same_length")
    assert err(stats.ancova, b, a, ["x"] * len(b)) == ("", "labels", "min_size")
    assert err(stats.ancova, b[:2], a[:2]) == ("", "before", "min_size")  # 2 coefficients need 3 pairs
    assert err(stats.ancova, np.full(len(b), 3.0), a) == ("", "before", "singular")
    bad = b.copy()
    bad[2] = np.inf
    assert err(stats.ancova, bad, a) == ("", "before", "finite")
    assert err(stats.ancova, b, a, confidence=1.0) == ("", "confidence", "range")
    assert err(stats.ancova, b, a, nan_policy="drop") == ("", "nan_policy", "unknown")
    assert err(stats.ancova, b, a, g, reference="z") == ("", "reference", "unknown")
    # a level left without pairs once missing rows are dropped
    b2 = b.copy()
    b2[:5] = np.nan
    assert err(stats.ancova, b2, a, g, nan_policy="omit") == ("", "group", "empty_group")
    assert err(stats.ancova, np.ones((2, len(b))), a) == ("", "before", "one_dimensional")


# ---- comparison of arms -------------------------------------------------------------------------

def arms(seed, n0, n1, effect=2.0):
    rng = np.random.default_rng(seed)
    n = n0 + n1
    arm = np.array(["waiting_list"] * n0 + ["coached"] * n1, dtype=object)
    rng.shuffle(arm)
    b = 19 + 4 * rng.standard_normal(n)
    a = 6 + 0.7 * b + np.where(arm == "coached", effect, 0) + 3 * rng.standard_normal(n)
    return b, a, arm


@pytest.mark.parametrize("seed,n0,n1", [(1, 60, 140), (2, 9, 31), (3, 2, 2), (4, 500, 480)])
def test_compare_arms_agrees_with_scipy_and_statsmodels(seed, n0, n1):
    b, a, arm = arms(seed, n0, n1)
    res = stats.compare_arms(b, a, arm, reference="waiting_list")
    co, wl = arm == "coached", arm == "waiting_list"
    assert (res.n_comparison, res.n_intervention) == (n0, n1)
    d = a - b
    w = scipy_stats.ttest_ind(d[co], d[wl], equal_var=False)
    ci = w.confidence_interval()
    assert close(res.change.difference, d[co].mean() - d[wl].mean())
    assert close(res.change.t, w.statistic)
    assert close(res.change.df, w.df)
    assert close(res.change.p, w.pvalue)
    assert close(res.change.ci_low, ci.low)
    assert close(res.change.ci_high, ci.high)
    assert close(res.mean_change_intervention, d[co].mean())
    assert close(res.sd_change_comparison, d[wl].std(ddof=1))
    df = pd.DataFrame({"before": b, "after": a, "arm": arm})
    fit = sm.ols("after ~ before + C(arm, Treatment(reference='waiting_list'))", df).fit()
    name = "C(arm, Treatment(reference='waiting_list'))[T.coached]"
    assert res.adjusted.term == "arm[T.coached]"
    assert close(res.adjusted.estimate, fit.params[name])
    assert close(res.adjusted.se, fit.bse[name])
    assert close(res.adjusted.p, fit.pvalues[name])
    lo, hi = fit.conf_int().loc[name]
    assert close(res.adjusted.ci_low, lo) and close(res.adjusted.ci_high, hi)
    assert res.ancova.df_resid == fit.df_resid


def test_compare_arms_boolean_arm_and_default_reference():
    b, a, arm = arms(8, 30, 50)
    coached = arm == "coached"
    res = stats.compare_arms(b, a, coached)  # False (not coached) is the comparison arm
    assert (res.n_comparison, res.n_intervention) == (30, 50)
    assert res.adjusted.term == "arm[T.True]"
    by_label = stats.compare_arms(b, a, arm)  # sorted: "coached" first = comparison
    assert by_label.change.difference == pytest.approx(-res.change.difference, rel=1e-12)
    assert by_label.adjusted.estimate == pytest.approx(-res.adjusted.estimate, rel=1e-9)


def test_compare_arms_errors_and_nan_policy():
    b, a, arm = arms(9, 20, 20)
    assert err(stats.compare_arms, b, a, arm[:-1]) == ("", "arm", "same_length")
    assert err(stats.compare_arms, b, a, np.array(["x"] * len(b))) == ("", "arm", "empty_group")
    three = arm.copy()
    three[0] = "third"
    assert err(stats.compare_arms, b, a, three) == ("", "arm", "two_arms")
    one = arm.copy()
    one[one == "coached"] = "waiting_list"
    one[0] = "coached"
    assert err(stats.compare_arms, b, a, one) == ("", "arm", "min_size")
    b2 = b.copy()
    b2[arm == "coached"] = np.nan  # an arm emptied by the missing values
    assert err(stats.compare_arms, b2, a, arm, nan_policy="omit") == ("", "arm", "empty_group")
    b3 = b.copy()
    b3[4] = np.nan
    assert err(stats.compare_arms, b3, a, arm, nan_policy="raise") == ("", "before", "nan")
    p = stats.compare_arms(b3, a, arm)
    assert math.isnan(p.change.t) and math.isnan(p.adjusted.estimate) and math.isnan(p.mean_change_comparison)
    o = stats.compare_arms(b3, a, arm, nan_policy="omit")
    keep = ~np.isnan(b3)
    ref = stats.compare_arms(b[keep], a[keep], arm[keep])
    assert o.n_dropped == 1 and o.to_dict()["change"] == ref.to_dict()["change"]
    assert o.adjusted.estimate == ref.adjusted.estimate


# ---- effect sizes: analytic -------------------------------------------------------------------------

def nct_interval(t, df, confidence):
    """The noncentral-t limits of lambda by root finding on scipy.stats.nct (independent of boost's
    inversion)."""
    alpha = (1 - confidence) / 2
    f_lo = lambda lam: scipy_stats.nct.sf(t, df, lam) - alpha  # noqa: E731
    f_hi = lambda lam: scipy_stats.nct.cdf(t, df, lam) - alpha  # noqa: E731
    span = 10 + 2 * abs(t)
    lo = optimize.brentq(f_lo, t - span, t + span, xtol=1e-15, rtol=1e-15)
    hi = optimize.brentq(f_hi, t - span, t + span, xtol=1e-15, rtol=1e-15)
    return lo, hi


@pytest.mark.parametrize("kind,seed", DATASETS)
@pytest.mark.parametrize("confidence", [0.95, 0.8])
def test_analytic_effect_size_intervals(kind, seed, confidence):
    b, a, _ = dataset(kind, seed)
    d = a - b
    n = len(d)
    e = stats.effect_sizes(b, a, confidence=confidence)
    pt = stats.paired_t(b, a, confidence)
    assert (e.n, e.method, e.confidence) == (n, "analytic", confidence)
    assert (e.d_z.estimate, e.d_av.estimate, e.g_z.estimate, e.g_av.estimate) == (pt.d_z, pt.d_av, pt.g_z, pt.g_av)
    t = d.mean() / (d.std(ddof=1) / math.sqrt(n))
    lam_lo, lam_hi = nct_interval(t, n - 1, confidence)
    assert close(e.d_z.ci_low, lam_lo / math.sqrt(n), rel=1e-8)
    assert close(e.d_z.ci_high, lam_hi / math.sqrt(n), rel=1e-8)
    s_av = (b.std(ddof=1) + a.std(ddof=1)) / 2
    scale = d.std(ddof=1) / (math.sqrt(n) * s_av)
    assert close(e.d_av.ci_low, lam_lo * scale, rel=1e-8)
    assert close(e.d_av.ci_high, lam_hi * scale, rel=1e-8)
    j = 1 - 3 / (4 * (n - 1) - 1)
    assert close(e.g_z.ci_low, j * lam_lo / math.sqrt(n), rel=1e-8)
    assert close(e.g_av.ci_high, j * lam_hi * scale, rel=1e-8)
    assert e.d_z.ci_low < e.d_z.estimate < e.d_z.ci_high


@pytest.mark.parametrize("n,shift", [(1001, 0.3), (5000, 1.5), (200_000, 1.0), (200_000, 0.01)])
def test_analytic_intervals_at_large_df(n, shift):
    """From df = 1000 the noncentral-t cdf is integrated over the chi variable (docs/statistics.md):
    the limits still agree with root-finding on scipy.stats.nct."""
    rng = np.random.default_rng(n)
    b = 20 + 4 * rng.standard_normal(n)
    a = b + shift + 3 * rng.standard_normal(n)
    d = a - b
    e = stats.effect_sizes(b, a)
    t = d.mean() / (d.std(ddof=1) / math.sqrt(n))
    lo, hi = nct_interval(t, n - 1, 0.95)
    assert close(e.d_z.ci_low, lo / math.sqrt(n), rel=1e-8, abs_=1e-10)
    assert close(e.d_z.ci_high, hi / math.sqrt(n), rel=1e-8, abs_=1e-10)


def test_analytic_interval_covers_at_the_nominal_rate():
    """The noncentral-t interval of d_z is exact for normal differences: coverage of the true
    delta over many samples is the nominal 95 % (binomial bounds, 2000 samples)."""
    rng = np.random.default_rng(99)
    delta, hits, reps = 0.4, 0, 2000
    for _ in range(reps):
        b = rng.standard_normal(15)
        a = b + delta + rng.standard_normal(15)
        e = stats.effect_sizes(b, a)
        hits += e.d_z.ci_low <= delta <= e.d_z.ci_high
    assert 0.935 <= hits / reps <= 0.965


def test_effect_sizes_degenerate_and_nan_policy():
    b = np.array([1.0, 2.0, 3.0, 4.0])
    same = stats.effect_sizes(b, b + 1)  # sd of change 0: d_z infinite, no interval
    assert math.isinf(same.d_z.estimate) and math.isnan(same.d_z.ci_low)
    one = stats.effect_sizes([1.0], [2.0])
    assert one.n == 1 and math.isnan(one.d_z.ci_low) and math.isnan(one.g_av.estimate)
    a = np.array([2.0, 2.5, np.nan, 6.0])
    p = stats.effect_sizes(b, a)
    assert p.n == 4 and math.isnan(p.d_z.estimate) and math.isnan(p.d_z.ci_high)
    o = stats.effect_sizes(b, a, nan_policy="omit")
    ref = stats.effect_sizes(b[[0, 1, 3]], a[[0, 1, 3]])
    assert o.n == 3 and o.n_dropped == 1 and o.to_dict()["d_z"] == ref.to_dict()["d_z"]
    assert err(stats.effect_sizes, b, a, nan_policy="raise") == ("", "after", "nan")
    assert err(stats.effect_sizes, b, b[:3]) == ("", "after", "same_length")
    assert err(stats.effect_sizes, [], []) == ("", "before", "min_size")
    assert err(stats.effect_sizes, [np.nan], [1.0], nan_policy="omit") == ("", "before", "min_size")
    assert err(stats.effect_sizes, b, b, confidence=0) == ("", "confidence", "range")
    assert err(stats.effect_sizes, b, b, method="student") == ("", "method", "unknown")
    assert err(stats.effect_sizes, b, [1, 2, np.inf, 3]) == ("", "after", "finite")


# ---- effect sizes: bootstrap ------------------------------------------------------------------------

def splitmix_indices(seed, resamples, n):
    """The documented resampling stream: splitmix64 from `seed`, index = floor(u n),
    u = (x >> 11) 2^-53, resample by resample, pair by pair."""
    k = np.arange(1, resamples * n + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + k * np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    u = (z >> np.uint64(11)).astype(np.float64) * 2.0 ** -53
    return np.minimum((u * n).astype(np.int64), n - 1).reshape(resamples, n)


def d_stats(b, a, axis=-1):
    d = a - b
    sd = lambda x: x.std(ddof=1, axis=axis)  # noqa: E731
    return d.mean(axis=axis) / sd(d), d.mean(axis=axis) / ((sd(b) + sd(a)) / 2)


def bca(boot, est, jack, confidence):
    """BCa limits as Efron (1987) and scipy.stats.bootstrap define them."""
    alpha = (1 - confidence) / 2
    z0 = special.ndtri(((boot < est).sum() + (boot <= est).sum()) / (2 * len(boot)))
    u = jack.mean() - jack
    acc = (u ** 3).sum() / (6 * ((u ** 2).sum()) ** 1.5)
    za = special.ndtri(alpha)
    q = [special.ndtr(z0 + (z0 + z) / (1 - acc * (z0 + z))) for z in (za, -za)]
    return np.percentile(boot, [100 * q[0], 100 * q[1]])


@pytest.mark.parametrize("kind,seed", [("continuous", 1), ("scores", 2), ("small", 3)])
@pytest.mark.parametrize("method", ["percentile", "bca"])
def test_bootstrap_intervals_reproduce_the_documented_resampling(kind, seed, method):
    b, a, _ = dataset(kind, seed)
    n, B, s = len(b), 1000, 12345
    e = stats.effect_sizes(b, a, method=method, resamples=B, seed=s)
    assert (e.method, e.resamples, e.seed) == (method, B, s)
    idx = splitmix_indices(s, B, n)
    bz, bav = d_stats(b[idx], a[idx])
    dz, dav = d_stats(b, a)
    conf = 0.95
    if method == "percentile":
        lz, lav = np.percentile(bz, [2.5, 97.5]), np.percentile(bav, [2.5, 97.5])
    else:
        keep = ~np.eye(n, dtype=bool)
        jz, jav = d_stats(np.broadcast_to(b, (n, n))[keep].reshape(n, n - 1),
                          np.broadcast_to(a, (n, n))[keep].reshape(n, n - 1))
        lz, lav = bca(bz, dz, jz, conf), bca(bav, dav, jav, conf)
    assert close(e.d_z.ci_low, lz[0], rel=1e-9) and close(e.d_z.ci_high, lz[1], rel=1e-9)
    assert close(e.d_av.ci_low, lav[0], rel=1e-9) and close(e.d_av.ci_high, lav[1], rel=1e-9)
    j = 1 - 3 / (4 * (n - 1) - 1)
    assert close(e.g_av.ci_low, j * lav[0], rel=1e-9) and close(e.g_z.ci_high, j * lz[1], rel=1e-9)
    # deterministic for a seed; another seed, another stream
    again = stats.effect_sizes(b, a, method=method, resamples=B, seed=s)
    assert again.to_dict() == e.to_dict()
    assert stats.effect_sizes(b, a, method=method, resamples=B, seed=s + 1).d_z.ci_low != e.d_z.ci_low


def test_bootstrap_agrees_with_scipy_bootstrap_in_distribution():
    """Different resamples, same target: scipy.stats.bootstrap's BCa and percentile limits of d_z
    and d_av lie within Monte Carlo error of ours (20 000 resamples each)."""
    b, a, _ = dataset("continuous", 21)
    for method, scipy_method in (("bca", "BCa"), ("percentile", "percentile")):
        e = stats.effect_sizes(b, a, method=method, resamples=20000, seed=3)
        for name, fn in (("d_z", lambda x, y, axis=-1: d_stats(x, y, axis)[0]),
                         ("d_av", lambda x, y, axis=-1: d_stats(x, y, axis)[1])):
            ref = scipy_stats.bootstrap((b, a), fn, paired=True, vectorized=True, n_resamples=20000,
                                        method=scipy_method, random_state=np.random.default_rng(5))
            ours = getattr(e, name)
            assert abs(ours.ci_low - ref.confidence_interval.low) < 0.02, (method, name)
            assert abs(ours.ci_high - ref.confidence_interval.high) < 0.02, (method, name)


def test_bootstrap_errors():
    b, a, _ = dataset("small", 3)
    assert err(stats.effect_sizes, b, a, method="bca", resamples=10) == ("", "resamples", "range")
    assert err(stats.effect_sizes, b[:1], a[:1], method="bca") == ("", "before", "min_size")
    a2 = a.copy()
    a2[0] = np.nan
    assert err(stats.effect_sizes, b, a2, method="percentile", nan_policy="raise") == ("", "after", "nan")
    p = stats.effect_sizes(b, a2, method="percentile")
    assert math.isnan(p.d_z.ci_low) and p.method == "percentile"


# ---- rich results ---------------------------------------------------------------------------------

def test_results_to_dict_to_frame_and_display():
    b, a, g = dataset("scores", 2)
    e = stats.effect_sizes(b, a)
    f = e.to_frame()
    assert list(f.index) == ["d_z", "d_av", "g_z", "g_av"] and list(f.columns) == ["estimate", "ci_low", "ci_high"]
    assert f.loc["d_av", "ci_low"] == e.d_av.ci_low
    assert json.loads(json.dumps(e.to_dict()))["d_z"]["estimate"] == e.d_z.estimate
    assert "EffectSizes(n=500" in repr(e) and len(repr(e)) < 300
    assert "<table" in e._repr_html_()
    r = stats.ancova(b, a, g)
    cf = r.to_frame()
    assert list(cf.index) == [c.term for c in r.coefficients]
    assert list(cf.columns) == ["estimate", "se", "t", "p", "ci_low", "ci_high"]
    af = r.adjusted_frame()
    assert list(af.index) == ["a", "b", "c", "d"] and af.loc["d", "n"] == r.groups[3].n
    assert r.to_dict()["coefficients"][1]["term"] == "before"
    assert "Baseline-adjusted change" in r._repr_html_()
    c = stats.compare_arms(b, a, g == "d")
    cf = c.to_frame()
    assert list(cf.index) == ["change (Welch t)", "baseline-adjusted (ANCOVA)"]
    assert cf.loc["baseline-adjusted (ANCOVA)", "estimate"] == c.adjusted.estimate
    assert cf.loc["change (Welch t)", "df"] == c.change.df
    cf.to_csv()  # plain floats: writable anywhere
    assert "ArmComparison(" in repr(c) and "<table" in c._repr_html_()


# ---- the evaluation report ----------------------------------------------------------------------------

def test_evaluation_rows_carry_effect_size_intervals():
    b, a, g = dataset("scores", 2)
    codes = np.array([["a", "b", "c", "d"].index(x) for x in g], dtype=np.int32)
    rep = laycoach.evaluate_columns(b, a, {"group": codes}, labels={"group": ["a", "b", "c", "d"]},
                                    audience="service_manager")
    o = rep.data["outcomes"][0]
    for row, sel in [(o["overall"], np.ones(len(b), bool))] + [
            (r, g == r["group"]) for r in o["breakdowns"][0]["rows"]]:
        e = stats.effect_sizes(b[sel], a[sel])
        for name in ("d_z", "d_av", "g_z", "g_av"):
            est = getattr(e, name)
            assert row[f"{name}_ci_low"] == est.ci_low and row[f"{name}_ci_high"] == est.ci_high
        d = a[sel] - b[sel]
        n = len(d)
        lo, hi = nct_interval(d.mean() / (d.std(ddof=1) / math.sqrt(n)), n - 1, 0.95)
        assert close(row["d_z_ci_low"], lo / math.sqrt(n), rel=1e-8)
        assert close(row["d_z_ci_high"], hi / math.sqrt(n), rel=1e-8)
    # A column of the report's outcomes DataFrame, and a cell of the HTML change table.
    f = rep.frame("outcomes")
    overall = f[f["dimension"] == "all"].iloc[0]
    assert overall["d_av_ci_low"] == o["overall"]["d_av_ci_low"]
    html = rep.to_html(plots=False)
    assert "d_z (95% CI)" in html
    assert f'{o["overall"]["d_z"]:.2f} ({o["overall"]["d_z_ci_low"]:.2f} to {o["overall"]["d_z_ci_high"]:.2f})' in html


def test_released_effect_size_intervals_follow_from_released_figures():
    """For an aggregate audience the intervals are computed from the released n, mean change and
    SDs (so they tell nothing those do not) and rounded to 2 decimals; suppressed with the row."""
    b, a, g = dataset("scores", 2)
    codes = np.array([["a", "b", "c", "d"].index(x) for x in g], dtype=np.int32)
    codes[:5] = 4  # a group of 5: suppressed
    rep = laycoach.evaluate_columns(b, a, {"group": codes}, labels={"group": ["a", "b", "c", "d", "e"]},
                                    audience="commissioner")
    assert rep.disclosure_controlled
    o = rep.data["outcomes"][0]
    rows = [o["overall"]] + o["breakdowns"][0]["rows"]
    checked = 0
    for row in rows:
        if row["suppressed"]:
            assert all(f"{x}_ci_{s}" in row["suppressed_fields"] for x in ("d_z", "g_av") for s in ("low", "high"))
            continue
        n, mc, sc = row["n"], row["mean_change"], row["sd_change"]
        sav = (row["sd_before"] + row["sd_after"]) / 2
        lo, hi = nct_interval(mc / (sc / math.sqrt(n)), n - 1, 0.95)
        assert row["d_z_ci_low"] == pytest.approx(round(lo / math.sqrt(n), 2), abs=0.011)
        assert row["d_z_ci_high"] == pytest.approx(round(hi / math.sqrt(n), 2), abs=0.011)
        assert row["d_av_ci_low"] == pytest.approx(round(lo * sc / (math.sqrt(n) * sav), 2), abs=0.011)
        assert round(row["d_z_ci_low"], 2) == row["d_z_ci_low"]
        checked += 1
    assert checked >= 3 and rows[-1]["suppressed"]
    f = rep.frame("outcomes")
    hidden = f[f["group"] == "e"].iloc[0]
    assert pd.isna(hidden["d_z_ci_low"]) and "d_z_ci_low" in hidden["suppressed_fields"]
    assert "*" in rep.to_html(plots=False)


def test_the_statistics_doc_runs():
    """Every Python block of docs/statistics.md runs as written."""
    import pathlib
    import re

    doc = pathlib.Path(__file__).resolve().parents[2] / "docs/statistics.md"
    blocks = re.findall(r"```python\n(.*?)```", doc.read_text(), re.S)
    assert blocks
    for block in blocks:
        exec(compile(block, str(doc), "exec"), {"__name__": "__doc_example__"})
