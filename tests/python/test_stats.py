"""laycoach.stats against scipy.stats (a test-only dependency).

Differences are after - before throughout, so laycoach's paired_t(before, after) is
scipy.stats.ttest_rel(after, before) and wilcoxon(before, after) is
scipy.stats.wilcoxon(after - before, zero_method="wilcox", correction=False, method=...).
"""

import threading

import numpy as np
import pytest

scipy_stats = pytest.importorskip("scipy.stats")

from laycoach import stats  # noqa: E402

REL = 1e-9
ABS = 1e-12


def approx(x):
    return pytest.approx(x, rel=REL, abs=ABS, nan_ok=True)


def expect_error(rule, field, fn, *args, **kwargs):
    """The call raises a laycoach validation error with this rule and field."""
    with pytest.raises(Exception) as info:
        fn(*args, **kwargs)
    err = info.value
    if hasattr(err, "rule"):
        assert err.rule == rule
        assert err.field == field
    else:
        assert f"[{rule}]" in str(err)
        assert f"field '{field}'" in str(err)


def pairs(n, seed, shift=0.3, scale=1.0):
    rng = np.random.default_rng(seed)
    before = rng.normal(20.0, 4.0, n)
    after = before + shift + rng.normal(0.0, scale, n)
    return before, after


# ---- paired t ---------------------------------------------------------------------------

def check_paired_t(before, after, confidence=0.95):
    r = stats.paired_t(before, after, confidence)
    ref = scipy_stats.ttest_rel(after, before)
    d = np.asarray(after, float) - np.asarray(before, float)
    n = len(d)
    assert r.n == n
    assert r.df == ref.df
    assert r.t == approx(ref.statistic)
    assert r.p == approx(ref.pvalue)
    ci = ref.confidence_interval(confidence_level=confidence)
    assert r.ci_low == approx(ci.low)
    assert r.ci_high == approx(ci.high)
    assert r.confidence == confidence
    assert r.mean_before == approx(np.mean(before))
    assert r.mean_after == approx(np.mean(after))
    assert r.mean_diff == approx(np.mean(d))
    sd_b, sd_a, sd_d = (np.std(x, ddof=1) for x in (before, after, d))
    assert r.sd_before == approx(sd_b)
    assert r.sd_after == approx(sd_a)
    assert r.sd_diff == approx(sd_d)
    j = 1.0 - 3.0 / (4.0 * (n - 1) - 1.0)
    assert r.d_z == approx(np.mean(d) / sd_d)
    assert r.d_av == approx(np.mean(d) / ((sd_b + sd_a) / 2.0))
    assert r.g_z == approx(j * np.mean(d) / sd_d)
    assert r.g_av == approx(j * np.mean(d) / ((sd_b + sd_a) / 2.0))
    return r


@pytest.mark.parametrize("n", [2, 3, 30, 51, 1000, 100_000])
@pytest.mark.parametrize("shift", [0.0, 0.3, -2.0])
def test_paired_t_random_matches_scipy(n, shift):
    before, after = pairs(n, seed=n, shift=shift)
    check_paired_t(before, after)


@pytest.mark.parametrize("confidence", [0.5, 0.9, 0.99, 0.999])
def test_paired_t_confidence_levels(confidence):
    before, after = pairs(40, seed=1)
    check_paired_t(before, after, confidence)


def test_paired_t_integer_scores_and_large_offset():
    rng = np.random.default_rng(5)
    before = rng.integers(7, 36, 300).astype(float)  # SWEMWBS-like raw scores
    after = np.clip(before + rng.integers(-3, 6, 300), 7, 35)
    check_paired_t(before, after)
    check_paired_t(before + 1e8, after + 1e8)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_paired_t_n1():
    r = stats.paired_t([1.0], [3.0])
    ref = scipy_stats.ttest_rel([3.0], [1.0])
    assert r.n == 1 and r.df == 0 == ref.df
    assert r.mean_diff == 2.0
    for x in (r.sd_diff, r.t, r.p, r.ci_low, r.ci_high, r.d_z, r.d_av, r.g_z, r.g_av, ref.statistic):
        assert np.isnan(x)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_paired_t_constant_differences():
    r = stats.paired_t([1.0, 2.0, 3.0], [3.0, 4.0, 5.0])
    ref = scipy_stats.ttest_rel([3.0, 4.0, 5.0], [1.0, 2.0, 3.0])
    assert r.t == ref.statistic == np.inf
    assert r.p == ref.pvalue == 0.0
    ci = ref.confidence_interval()
    assert (r.ci_low, r.ci_high) == (ci.low, ci.high) == (2.0, 2.0)
    assert r.d_z == np.inf
    r = stats.paired_t([3.0, 4.0, 5.0], [1.0, 2.0, 3.0])
    assert r.t == -np.inf and r.p == 0.0 and r.d_z == -np.inf


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_paired_t_all_zero_differences():
    v = [1.0, 2.0, 4.0]
    r = stats.paired_t(v, v)
    ref = scipy_stats.ttest_rel(v, v)
    assert np.isnan(r.t) and np.isnan(ref.statistic)
    assert np.isnan(r.p) and np.isnan(ref.pvalue)
    ci = ref.confidence_interval()
    assert (r.ci_low, r.ci_high) == (ci.low, ci.high) == (0.0, 0.0)
    assert np.isnan(r.d_z)


def test_paired_t_accepts_lists_ints_and_strided_arrays():
    base = np.arange(20, dtype=np.int64)
    after = base * 2 + (base % 3)
    r1 = stats.paired_t(list(base), list(after))
    r2 = stats.paired_t(base, after)
    wide = np.zeros(40)
    wide[::2] = base
    r3 = stats.paired_t(wide[::2], after.astype(np.float32))
    assert r1.t == r2.t == r3.t
    assert "PairedT(n=20" in repr(r1)


def test_paired_t_attributes_are_read_only():
    r = stats.paired_t([1.0, 2.0], [2.0, 5.0])
    with pytest.raises(AttributeError):
        r.t = 0.0


def test_paired_t_validation():
    expect_error("same_length", "after", stats.paired_t, [1.0, 2.0], [1.0])
    expect_error("min_size", "before", stats.paired_t, [], [])
    expect_error("nan", "before", stats.paired_t, [1.0, np.nan], [1.0, 2.0], nan_policy="raise")
    expect_error("finite", "after", stats.paired_t, [1.0, 2.0], [np.inf, 2.0])
    expect_error("range", "confidence", stats.paired_t, [1.0, 2.0], [1.0, 3.0], 1.0)
    expect_error("one_dimensional", "before", stats.paired_t, np.zeros((2, 2)), np.zeros(4))


# ---- Wilcoxon -----------------------------------------------------------------------------

def scipy_wilcoxon(d, method):
    return scipy_stats.wilcoxon(d, zero_method="wilcox", correction=False, method=method)


def check_wilcoxon(before, after):
    r = stats.wilcoxon(before, after)
    d = np.asarray(after, float) - np.asarray(before, float)
    nz = d[d != 0]
    assert r.n == len(nz)
    assert r.n_zero == len(d) - len(nz)
    _, counts = np.unique(np.abs(nz), return_counts=True)
    assert r.has_ties == bool(np.any(counts > 1))
    assert r.exact == (r.n <= 50 and not r.has_ties)
    ranks = scipy_stats.rankdata(np.abs(nz))
    assert r.w_plus == ranks[nz > 0].sum()
    assert r.w_minus == ranks[nz < 0].sum()
    asym = scipy_wilcoxon(d, "asymptotic")
    # scipy reports min(W+, W-) as the two-sided statistic and zstatistic = -|z|.
    assert min(r.w_plus, r.w_minus) == asym.statistic
    assert -abs(r.z) == approx(asym.zstatistic)
    assert np.sign(r.z) == np.sign(r.w_plus - r.n * (r.n + 1) / 4)
    if r.n:
        assert r.r == approx(r.z / np.sqrt(r.n))
    if r.exact:
        ex = scipy_wilcoxon(d, "exact")
        assert ex.statistic == min(r.w_plus, r.w_minus)
        assert r.p == approx(ex.pvalue)
    else:
        assert r.p == approx(asym.pvalue)
    return r


@pytest.mark.parametrize("n", [1, 2, 3, 10, 30, 50, 51, 200, 100_000])
@pytest.mark.parametrize("shift", [0.0, 0.4, -1.5])
def test_wilcoxon_continuous_matches_scipy(n, shift):
    before, after = pairs(n, seed=1000 + n, shift=shift)
    r = check_wilcoxon(before, after)
    assert r.exact == (n <= 50)


@pytest.mark.parametrize("n", [20, 30, 50, 51, 1000, 100_000])
def test_wilcoxon_ties_and_zeros_match_scipy(n):
    rng = np.random.default_rng(n)
    before = rng.integers(1, 6, n).astype(float)  # Likert-like items: ties and zeros galore
    after = np.clip(before + rng.integers(-2, 4, n), 1, 5)
    r = check_wilcoxon(before, after)
    assert r.has_ties and not r.exact
    assert r.n_zero > 0


def test_wilcoxon_small_with_ties_uses_normal_approximation():
    d = np.array([1.0, -1.0, 2.0, 2.0, 3.0, -3.0, 4.0])
    r = check_wilcoxon(np.zeros_like(d), d)
    assert r.has_ties and not r.exact
    assert (r.w_plus, r.w_minus) == (21.0, 7.0)
    assert r.z == approx(7.0 / np.sqrt(34.625))


def test_wilcoxon_zeros_without_ties_stay_exact():
    d = np.array([0.0, 1.5, -2.25, 3.0, 0.0, -4.5, 5.0, 6.0, 0.0, 7.5])
    r = check_wilcoxon(np.zeros_like(d), d)
    assert r.exact and r.n == 7 and r.n_zero == 3


def test_wilcoxon_exact_tails_match_scipy_for_every_statistic():
    n = 12
    for w in range(0, n * (n + 1) // 2 + 1):
        d, rest = np.empty(n), w
        for k in range(n, 0, -1):
            pos = k <= rest
            rest -= k if pos else 0
            d[k - 1] = k if pos else -k
        r = stats.wilcoxon(np.zeros(n), d)
        assert r.w_plus == w
        assert r.p == approx(scipy_wilcoxon(d, "exact").pvalue)


def test_wilcoxon_boundary_50_51():
    d = np.arange(1.0, 52.0)
    r = stats.wilcoxon(np.zeros(51), d)
    assert not r.exact
    assert r.p == approx(scipy_wilcoxon(d, "asymptotic").pvalue)
    r = stats.wilcoxon(np.zeros(50), d[:50])
    assert r.exact and r.p == 2.0 ** -49 == approx(scipy_wilcoxon(d[:50], "exact").pvalue)
    # 51 differences of which one is zero: 50 used, exact.
    d[10] = 0.0
    assert stats.wilcoxon(np.zeros(51), d).exact


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_wilcoxon_all_zero():
    v = np.array([3.0, 4.0, 5.0])
    r = stats.wilcoxon(v, v)
    assert (r.n, r.n_zero, r.w_plus, r.w_minus) == (0, 3, 0.0, 0.0)
    assert r.exact and r.p == 1.0 == scipy_wilcoxon(v - v, "exact").pvalue
    assert np.isnan(r.z) and np.isnan(r.r)


def test_wilcoxon_repr_and_validation():
    r = stats.wilcoxon([1.0, 2.0, 3.0], [2.0, 4.0, 1.0])
    assert repr(r).startswith("Wilcoxon(n=3, n_zero=0")
    expect_error("same_length", "after", stats.wilcoxon, [1.0, 2.0], [1.0])
    expect_error("min_size", "before", stats.wilcoxon, [], [])
    expect_error("nan", "after", stats.wilcoxon, [1.0], [np.nan], nan_policy="raise")


def test_calls_release_the_gil_and_are_thread_safe():
    before, after = pairs(200_000, seed=9)
    expected = stats.wilcoxon(before, after).p
    results = []

    def work():
        results.append(stats.wilcoxon(before, after).p)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4


# ---- Wilson -------------------------------------------------------------------------------

@pytest.mark.parametrize("n", [1, 2, 7, 30, 662, 10**6])
@pytest.mark.parametrize("confidence", [0.8, 0.95, 0.99])
def test_wilson_matches_scipy(n, confidence):
    for k in sorted({0, 1, n // 3, n // 2, n - 1, n}):
        if not 0 <= k <= n:
            continue
        low, high = stats.wilson(k, n, confidence)
        ci = scipy_stats.binomtest(k, n).proportion_ci(confidence_level=confidence, method="wilson")
        assert low == approx(ci.low)
        assert high == approx(ci.high)
        assert 0.0 <= low <= k / n <= high <= 1.0


def test_wilson_validation():
    assert stats.wilson(0, 10)[0] == 0.0 and stats.wilson(10, 10)[1] == 1.0
    expect_error("positive", "n", stats.wilson, 0, 0)
    expect_error("range", "k", stats.wilson, 11, 10)
    expect_error("range", "k", stats.wilson, -1, 10)
    expect_error("range", "confidence", stats.wilson, 1, 10, 0.0)


# ---- reliable change ----------------------------------------------------------------------

@pytest.mark.parametrize("higher_is_better", [True, False])
def test_reliable_change_against_formula(higher_is_better):
    before, after = pairs(1000, seed=3, shift=1.0, scale=4.0)
    r = stats.reliable_change(before, after, 0.85, higher_is_better)
    sd_b = np.std(before, ddof=1)
    thr = 1.96 * sd_b * np.sqrt(2.0) * np.sqrt(1.0 - 0.85)
    d = after - before
    up, down = int(np.sum(d > thr)), int(np.sum(d < -thr))
    assert r.n == 1000
    assert r.sd_before == approx(sd_b)
    assert r.threshold == approx(thr)
    assert r.reliability == 0.85
    assert (r.improved, r.deteriorated) == ((up, down) if higher_is_better else (down, up))
    assert r.unchanged == 1000 - up - down
    assert r.share_improved == r.improved / 1000
    assert r.share_deteriorated == r.deteriorated / 1000
    assert r.share_unchanged == r.unchanged / 1000
    assert stats.reliable_change_threshold(sd_b, 0.85) == approx(thr)
    assert repr(r).startswith("ReliableChange(n=1000")


def test_reliable_change_validation():
    expect_error("min_size", "before", stats.reliable_change, [1.0], [2.0], 0.8)
    expect_error("same_length", "after", stats.reliable_change, [1.0, 2.0], [2.0], 0.8)
    expect_error("range", "reliability", stats.reliable_change, [1.0, 2.0], [2.0, 3.0], 1.5)
    expect_error("non_negative", "sd_before", stats.reliable_change_threshold, -1.0, 0.5)


def test_mean_and_sd_helpers():
    x = np.random.default_rng(2).normal(5.0, 2.0, 1001)
    assert stats.mean(x) == approx(np.mean(x))
    assert stats.sd(x) == approx(np.std(x, ddof=1))
    assert np.isnan(stats.sd([1.0]))
    expect_error("min_size", "values", stats.mean, [])


# ---- nan_policy, as scipy's -----------------------------------------------------------------------


def with_nans(n, seed):
    """Pairs with a NaN in before at one row and in after at another (two pairs lost to 'omit')."""
    before, after = pairs(n, seed)
    before[3] = np.nan
    after[n - 2] = np.nan
    return before, after


@pytest.mark.parametrize("n", [12, 40])
def test_paired_t_nan_policy_agrees_with_scipy(n):
    before, after = with_nans(n, 5)
    o = stats.paired_t(before, after, nan_policy="omit")
    ref = scipy_stats.ttest_rel(after, before, nan_policy="omit")
    keep = ~(np.isnan(before) | np.isnan(after))
    assert o.n == n - 2 == keep.sum()
    assert o.t == approx(ref.statistic) and o.p == approx(ref.pvalue) and o.df == ref.df
    ci = ref.confidence_interval(0.95)
    assert (o.ci_low, o.ci_high) == (approx(ci.low), approx(ci.high))
    # omit is exactly the test of the complete pairs
    assert o.to_dict() == stats.paired_t(before[keep], after[keep]).to_dict()

    p = stats.paired_t(before, after)  # default: propagate, as scipy
    ref = scipy_stats.ttest_rel(after, before, nan_policy="propagate")
    assert np.isnan(ref.statistic) and np.isnan(ref.pvalue) and np.isnan(ref.df)
    assert p.n == n
    assert all(np.isnan(v) for k, v in p.to_dict().items() if k not in ("n", "confidence"))
    assert stats.paired_t(before, after, nan_policy="propagate").n == n

    with pytest.raises(ValueError):
        scipy_stats.ttest_rel(after, before, nan_policy="raise")
    expect_error("nan", "before", stats.paired_t, before, after, nan_policy="raise")
    b2 = before.copy()
    b2[3] = 1.0
    expect_error("nan", "after", stats.paired_t, b2, after, nan_policy="raise")


@pytest.mark.parametrize("n, method", [(20, "exact"), (80, "asymptotic")])
def test_wilcoxon_nan_policy_agrees_with_scipy(n, method):
    before, after = with_nans(n, 9)
    o = stats.wilcoxon(before, after, nan_policy="omit")
    ref = scipy_stats.wilcoxon(after, before, nan_policy="omit", zero_method="wilcox", correction=False, method=method)
    assert o.n == n - 2 and o.exact == (method == "exact")
    assert min(o.w_plus, o.w_minus) == approx(ref.statistic) and o.p == approx(ref.pvalue)

    p = stats.wilcoxon(before, after)
    ref = scipy_stats.wilcoxon(after, before, nan_policy="propagate")
    assert np.isnan(ref.statistic) and np.isnan(ref.pvalue)
    assert (p.n, p.n_zero) == (n, 0)
    assert all(np.isnan(x) for x in (p.w_plus, p.w_minus, p.z, p.p, p.r))

    expect_error("nan", "before", stats.wilcoxon, before, after, nan_policy="raise")


def test_nan_policy_errors():
    before, after = with_nans(10, 1)
    expect_error("unknown", "nan_policy", stats.paired_t, before, after, nan_policy="drop")
    expect_error("unknown", "nan_policy", stats.wilcoxon, before, after, nan_policy="Omit")
    # infinity is never "missing": an error under every policy
    before[0] = np.inf
    for policy in ("propagate", "omit", "raise"):
        expect_error("finite", "before", stats.paired_t, before, after, nan_policy=policy)
        expect_error("finite", "before", stats.wilcoxon, before, after, nan_policy=policy)
    # nothing left after omitting
    expect_error("min_size", "before", stats.paired_t, [np.nan, 1.0], [1.0, np.nan], nan_policy="omit")
    # without a NaN every policy gives the same result
    b, a = pairs(15, 2)
    assert {repr(stats.paired_t(b, a, nan_policy=x).to_dict()) for x in ("propagate", "omit", "raise")} == {
        repr(stats.paired_t(b, a).to_dict())}


# ---- nan_policy on every function that takes samples -------------------------------------------------

import laycoach  # noqa: E402


def _calls():
    """Every public function of laycoach.stats that takes samples, called on (before, after) with a
    NaN policy. A function added to the module without an entry here fails
    test_every_sample_function_takes_nan_policy."""
    group = np.array(["a", "b"] * 10)
    return {
        "mean": lambda b, a, policy: stats.mean(b, nan_policy=policy),
        "sd": lambda b, a, policy: stats.sd(b, nan_policy=policy),
        "paired_t": lambda b, a, policy: stats.paired_t(b, a, nan_policy=policy),
        "wilcoxon": lambda b, a, policy: stats.wilcoxon(b, a, nan_policy=policy),
        "reliable_change": lambda b, a, policy: stats.reliable_change(b, a, 0.8, nan_policy=policy),
        "effect_sizes": lambda b, a, policy: stats.effect_sizes(b, a, nan_policy=policy),
        "ancova": lambda b, a, policy: stats.ancova(b, a, group, nan_policy=policy),
        "compare_arms": lambda b, a, policy: stats.compare_arms(b, a, group, nan_policy=policy),
    }


# Public functions of laycoach.stats that take no samples (counts, or a threshold from an sd).
NO_SAMPLES = {"wilson", "reliable_change_threshold"}


def test_every_sample_function_takes_nan_policy():
    functions = {n for n in stats.__all__ if callable(getattr(stats, n)) and not isinstance(getattr(stats, n), type)}
    assert functions - NO_SAMPLES == set(_calls())
    b, a = pairs(20, 4)
    b[2] = np.nan
    for name, call in _calls().items():
        with pytest.raises(laycoach.ValidationError) as info:
            call(b, a, "raise")
        assert (info.value.field, info.value.rule) == ("values" if name in ("mean", "sd") else "before", "nan"), name
        with pytest.raises(laycoach.ValidationError) as info:
            call(b, a, "skip")
        assert (info.value.field, info.value.rule) == ("nan_policy", "unknown"), name
        call(b, a, "omit"), call(b, a, "propagate")  # both accepted


def test_mean_and_sd_nan_policy_as_numpy():
    x = np.random.default_rng(8).normal(5.0, 2.0, 50)
    x[[4, 17]] = np.nan
    assert np.isnan(stats.mean(x)) and np.isnan(stats.sd(x))  # propagate, the default, as np.mean
    assert np.isnan(stats.mean(x, nan_policy="propagate")) and np.isnan(np.mean(x))
    assert stats.mean(x, nan_policy="omit") == approx(np.nanmean(x))
    assert stats.sd(x, nan_policy="omit") == approx(np.nanstd(x, ddof=1))
    assert stats.sd(x, nan_policy="omit") == approx(scipy_stats.tstd(x, nan_policy="omit"))
    with pytest.raises(laycoach.ValidationError) as info:
        stats.mean(x, nan_policy="raise")
    assert (info.value.field, info.value.rule) == ("values", "nan")
    with pytest.raises(laycoach.ValidationError) as info:
        stats.sd([np.nan, np.nan], nan_policy="omit")  # nothing left
    assert (info.value.field, info.value.rule) == ("values", "min_size")
    for policy in ("propagate", "omit", "raise"):
        with pytest.raises(laycoach.ValidationError) as info:
            stats.mean([1.0, np.inf], nan_policy=policy)  # infinity is never missing
        assert (info.value.field, info.value.rule) == ("values", "finite")


def test_reliable_change_nan_policy():
    before, after = with_nans(60, 12)
    keep = ~(np.isnan(before) | np.isnan(after))
    o = stats.reliable_change(before, after, 0.85, nan_policy="omit")
    assert o.n == 58
    assert o.to_dict() == stats.reliable_change(before[keep], after[keep], 0.85).to_dict()
    p = stats.reliable_change(before, after, 0.85)  # propagate: no one can be classified
    assert p.n == 60 and p.reliability == 0.85
    assert (p.improved, p.deteriorated, p.unchanged) == (0, 0, 0)
    assert all(np.isnan(v) for v in (p.sd_before, p.threshold, p.share_improved, p.share_deteriorated,
                                      p.share_unchanged))
    for field, b, a in (("before", before, after), ("after", np.where(np.isnan(before), 1.0, before), after)):
        with pytest.raises(laycoach.ValidationError) as info:
            stats.reliable_change(b, a, 0.85, nan_policy="raise")
        assert (info.value.field, info.value.rule) == (field, "nan")
    with pytest.raises(laycoach.ValidationError) as info:
        stats.reliable_change(before, after, 1.5)  # the reliability is checked under propagate too
    assert (info.value.field, info.value.rule) == ("reliability", "range")
    with pytest.raises(laycoach.ValidationError) as info:
        stats.reliable_change([1.0, np.nan, 2.0], [2.0, 3.0, np.nan], 0.8, nan_policy="omit")  # 1 pair left
    assert (info.value.field, info.value.rule) == ("before", "min_size")


# ---- wilson: a small result that is still the tuple (low, high) -------------------------------------------


@pytest.mark.parametrize("k, n, confidence", [(0, 10, 0.95), (3, 10, 0.95), (10, 10, 0.9), (57, 212, 0.99)])
def test_wilson_agrees_with_statsmodels(k, n, confidence):
    proportion_confint = pytest.importorskip("statsmodels.stats.proportion").proportion_confint
    ref = proportion_confint(k, n, alpha=1 - confidence, method="wilson")
    w = stats.wilson(k, n, confidence)
    low, high = w  # unpacks as the tuple it was
    assert (low, high) == (approx(ref[0]), approx(ref[1]))
    assert isinstance(w, tuple) and len(w) == 2 and w == (w.low, w.high) and w[0] == low
    assert (w.k, w.n, w.confidence, w.share) == (k, n, confidence, k / n)
    ci = scipy_stats.binomtest(k, n).proportion_ci(confidence, method="wilson")
    assert (w.low, w.high) == (approx(ci.low), approx(ci.high))


def test_wilson_display_and_errors():
    w = stats.wilson(3, 10)
    assert type(w).__name__ == "WilsonInterval"
    assert repr(w) == f"WilsonInterval(k=3, n=10, share=0.3 [95% CI {w.low:.4g}, {w.high:.4g}])"
    assert w.to_dict() == {"k": 3, "n": 10, "confidence": 0.95, "share": 0.3, "low": w.low, "high": w.high}
    f = w.to_frame()
    assert list(f.columns) == ["k", "n", "confidence", "share", "low", "high"] and f.loc[0, "high"] == w.high
    assert w._repr_html_().startswith("<table><caption>WilsonInterval</caption>")
    import pickle

    back = pickle.loads(pickle.dumps(w))  # as the plain tuple was (e.g. to a worker process)
    assert back == w and (back.k, back.n, back.share, back.confidence) == (3, 10, 0.3, 0.95)
    for args, field, rule in (((1, 0), "n", "positive"), ((11, 10), "k", "range"), ((-1, 10), "k", "range"),
                              ((1, 10, 1.0), "confidence", "range")):
        with pytest.raises(laycoach.ValidationError) as info:
            stats.wilson(*args)
        assert (info.value.field, info.value.rule) == (field, rule), args
