"""Paired before/after statistics, computed by laycoach's C++ kernel (arrays in, no Python loops).

- ``paired_t(before, after, confidence=0.95, nan_policy="propagate")`` -> n, mean_diff, ci_low, ci_high, t, df,
  p, d_z, d_av, g_z, g_av
- ``wilcoxon(before, after, nan_policy="propagate")`` -> n, w_plus, w_minus, z, p, r, exact (zero differences dropped; exact p
  for at most 50 non-zero differences without ties, else normal approximation with tie correction)
- ``wilson(k, n, confidence=0.95)`` -> WilsonInterval: the tuple (low, high), with k, n, share, confidence
- ``reliable_change(before, after, reliability, higher_is_better=True, nan_policy="propagate")``
  (Jacobson-Truax)
- ``mean(values, nan_policy="propagate")``, ``sd(values, nan_policy="propagate")``

Beyond pre/post (docs/statistics.md):

- ``effect_sizes(before, after, confidence=0.95, method="analytic"|"percentile"|"bca", resamples=2000,
  seed=0, nan_policy="propagate")`` -> d_z, d_av, g_z, g_av, each with a confidence interval
- ``ancova(before, after, group=None, reference=None, confidence=0.95, nan_policy="propagate")``
  -> follow-up regressed on baseline (+ group indicators): coefficients and baseline-adjusted change
- ``compare_arms(before, after, arm, reference=None, confidence=0.95, nan_policy="propagate")``
  -> difference in change between two arms: Welch t of change scores and the ANCOVA arm effect

Every result (PairedT, Wilcoxon, ReliableChange, EffectSizes, Ancova, ArmComparison, WilsonInterval,
...) prints as one rounded line and has ``to_dict()`` (full precision), ``to_frame()`` and a notebook
display (a small table). ``nan_policy`` (every function that takes samples) is scipy's:
"propagate" (any missing value makes the statistics NaN), "omit" (rows with a missing value are
dropped) or "raise" (ValidationError, rule "nan").
"""
from __future__ import annotations

from typing import Any, Optional, Sequence, Tuple

import numpy as np

from . import _core

_stats = _core.stats
globals().update({name: getattr(_stats, name) for name in dir(_stats) if not name.startswith("_")})


def _validation_error(field: str, rule: str, message: str) -> Exception:
    """A laycoach.ValidationError carrying field and rule like those raised by the C++ core."""
    err = _core.ValidationError(message)
    err.code, err.record, err.field, err.rule, err.detail = "invalid_argument", "", field, rule, message
    return err


def _codes(values: Any, field: str, reference: Optional[Any]) -> Tuple[np.ndarray, list]:
    """Integer codes (-1 = missing) and labels of a group column. Labels are the categories of a
    pandas Categorical in their order, else the sorted distinct values (statsmodels' and patsy's
    order); `reference` (when given) is moved first: the reference level of treatment coding."""
    import pandas as pd

    s = values if isinstance(values, pd.Series) else pd.Series(list(values) if not hasattr(values, "dtype") else values)
    s = s.reset_index(drop=True)
    if isinstance(s.dtype, pd.CategoricalDtype):
        labels = list(s.cat.categories)
        codes = s.cat.codes.to_numpy(dtype=np.int32)
    else:
        factor_codes, uniques = pd.factorize(s, sort=True)  # vectorised; missing values get -1
        labels = list(uniques)
        codes = factor_codes.astype(np.int32)
    if reference is not None:
        if reference not in labels:
            raise _validation_error("reference", "unknown",
                                    f"reference {reference!r} is not a level of {field}: {labels!r}")
        r = labels.index(reference)
        order = [r] + [i for i in range(len(labels)) if i != r]
        remap = np.empty(len(labels), dtype=np.int32)
        remap[order] = np.arange(len(labels), dtype=np.int32)
        codes = np.where(codes >= 0, remap[np.maximum(codes, 0)], -1).astype(np.int32)
        labels = [labels[i] for i in order]
    return codes, labels


def _floats(values: Any) -> Any:
    """A pandas column (nullable Float64/Int64 with pd.NA included) as float64 with NaN for
    missing; anything else unchanged (the core converts arrays and lists itself)."""
    if hasattr(values, "to_numpy") and hasattr(values, "dtype"):
        return values.to_numpy(dtype=np.float64, na_value=np.nan)
    return values


def ancova(before: Any, after: Any, group: Optional[Any] = None, reference: Optional[Any] = None,
           confidence: float = 0.95, nan_policy: str = "propagate") -> "Ancova":
    """Baseline-adjusted change: OLS of ``after ~ before`` (+ ``C(group)`` with treatment coding
    against `reference`, default the first label) as statsmodels fits it, by Householder QR in C++.

    Returns an :class:`Ancova` with the coefficients (estimate, se, t, p, CI; terms "Intercept",
    "before", "group[T.<label>]") and per group the follow-up and change adjusted to the overall
    mean baseline (``adjusted_frame()``). Missing values (NaN, None in group) follow `nan_policy`.
    Raises ValidationError (field/rule): after/same_length, group/same_length, group/empty_group,
    labels/min_size (a group column with one level), before/min_size, before/singular,
    before|after/finite, before|after|group/nan (raise), reference/unknown, nan_policy/unknown.
    """
    before, after = _floats(before), _floats(after)
    if group is None:
        return _stats._ancova(before, after, np.empty(0, dtype=np.int32), None, confidence, nan_policy)
    codes, labels = _codes(group, "group", reference)
    return _stats._ancova(before, after, codes, [str(v) for v in labels], confidence, nan_policy)


def compare_arms(before: Any, after: Any, arm: Any, reference: Optional[Any] = None,
                 confidence: float = 0.95, nan_policy: str = "propagate") -> "ArmComparison":
    """Difference in change between two arms (e.g. coached vs waiting-list controls),
    intervention − comparison: Welch's t-test of the change scores (``change``) and the ANCOVA arm
    effect adjusted for baseline (``adjusted``, the ``C(arm)[T.<intervention>]`` coefficient of
    ``after ~ before + C(arm)``). `arm` holds two labels; `reference` names the comparison arm
    (default: the first label, e.g. False of a boolean column).
    Raises ValidationError as :func:`ancova` with field "arm", plus arm/two_arms (other than two
    labels), arm/empty_group and arm/min_size (an arm with fewer than 2 pairs).
    """
    codes, labels = _codes(arm, "arm", reference)
    if len(labels) != 2:
        raise _validation_error("arm", "two_arms" if len(labels) > 2 else "empty_group",
                                f"arm must hold exactly two labels, got {len(labels)}: {labels!r}")
    return _stats._compare_arms(_floats(before), _floats(after), codes, [str(v) for v in labels], confidence,
                                nan_policy)


__all__ = sorted({name for name in dir(_stats) if not name.startswith("_")} | {"ancova", "compare_arms"})
