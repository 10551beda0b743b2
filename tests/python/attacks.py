"""Attacks on released evaluation figures (issue 8): the attacker's side of disclosure control.

A plain module, imported by ``test_disclosure_attacks.py``. Everything here reads a report
*document* (``Report.data``, a dict) the way a motivated reader would read the published tables,
knowing the documented release mechanism, and says what can be learnt from it:

* :func:`feasible_sizes` — the group sizes n consistent with every released figure of one row, at
  its released precision (n, df, t, p, CI, d vs g, Wilcoxon z/r/W+, shares k/n and their
  intervals, histogram bars summing to n);
* :func:`pair_attack` — differencing: two released rows whose populations differ by one person
  give that person's before and after scores (the consistent interval and a point estimate);
* :func:`composite_attack` — the same for any signed sum of released rows (overall vs groups,
  breakdown vs breakdown), the best combination chosen by linear programming;
* :func:`lp_cell_bounds` — the linear-programming attack on suppressed cells (scipy ``linprog``).

The attacker's model of the release comes from the report's ``policy`` object
(:class:`Mechanism`): today's NHS rule ("weak": counts rounded to ``round_to``, 1..min_count−1
suppressed, statistics exact) or the cell key release (counts perturbed by at most
``max_perturbation`` then rounded; means and SDs with noise of at most
``magnitude_noise · range / n_released``; statistics derived from released figures).

Releases (:class:`Releaser`): the weak baseline is what the library releases today to a
commissioner (and, once ``laycoach.disclose`` exists, ``laycoach.disclose(exact report,
SuppressionPolicy(min_count=8, round_to=5, cell_key=False, exact_statistics=True))``); the new
release is what an aggregate audience gets under the service's default policy; a reference model
of the documented cell key design (``cellkey_model.py``) can stand in for it.
"""
from __future__ import annotations

import copy
import dataclasses
import functools
import json
import math
from typing import Any, Callable, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple

import numpy as np
from scipy import optimize, stats

import laycoach

# ---------------------------------------------------------------------------------------------
# Report documents
# ---------------------------------------------------------------------------------------------

#: Count fields of a change row paired with their share field (share_<count>, _ci_low, _ci_high).
CHANGE_SHARES = (
    ("reliable_improved", "share_reliable_improved"),
    ("reliable_deteriorated", "share_reliable_deteriorated"),
    ("meaningful_improved", "share_meaningful_improved"),
    ("meaningful_deteriorated", "share_meaningful_deteriorated"),
)
#: Statistic fields whose released precision is inferred per report.
STAT_FIELDS = ("mean_before", "sd_before", "mean_after", "sd_after", "mean_change", "sd_change", "ci_low",
               "ci_high", "t", "df", "p", "w_plus", "z", "wilcoxon_p", "r", "d_z", "d_av", "g_z", "g_av",
               "rci_threshold", "share", "share_reliable_improved", "share_meaningful_improved",
               "share_reliable_deteriorated", "share_meaningful_deteriorated", "slope", "intercept",
               "mean_change_group", "mean_change_rest", "difference")


def as_doc(report: Any) -> Dict[str, Any]:
    """A report document (dict) from a Report, a dict or JSON text."""
    if hasattr(report, "data"):
        return report.data
    if isinstance(report, (str, bytes)):
        return json.loads(report)
    return report


def value(row: Mapping[str, Any], field: str) -> Optional[float]:
    """A released figure: None when suppressed, missing or not computable (null/NaN)."""
    v = row.get(field)
    if v is None or field in row.get("suppressed_fields", ()):
        return None
    v = float(v)
    return None if math.isnan(v) else v


def shown(row: Mapping[str, Any], *fields: str) -> bool:
    return all(value(row, f) is not None for f in fields)


def change_rows(outcome: Mapping[str, Any]) -> Iterator[Tuple[str, str, Dict[str, Any]]]:
    """(dimension, group, row) of an outcome: ("all", "all", overall) then every breakdown row."""
    yield "all", "all", outcome["overall"]
    for b in outcome.get("breakdowns", []):
        for r in b["rows"]:
            yield b["dimension"], r["group"], r


def proportion_rows(table: Mapping[str, Any]) -> Iterator[Tuple[str, str, Dict[str, Any]]]:
    yield "all", "all", table["overall"]
    for b in table.get("breakdowns", []):
        for r in b["rows"]:
            yield b["dimension"], r["group"], r


def outcome_of(doc: Mapping[str, Any], name: str) -> Dict[str, Any]:
    for o in doc["outcomes"]:
        if o["outcome"] == name:
            return o
    raise KeyError(name)


def row_of(outcome: Mapping[str, Any], dimension: str, group: str) -> Dict[str, Any]:
    if dimension == "all":
        return outcome["overall"]
    for b in outcome["breakdowns"]:
        if b["dimension"] == dimension:
            for r in b["rows"]:
                if r["group"] == group:
                    return r
    raise KeyError((dimension, group))


def score_range(outcome: Mapping[str, Any]) -> Tuple[float, float]:
    """The outcome's score range as released (the histogram's edges: the instrument's range, or
    the range= given to evaluate_columns)."""
    h = outcome["histogram"]
    bins = h["bins"]
    return float(h["low"]), float(bins[-1]["high"]) if bins else float(h["low"]) + float(h["width"])


# ---------------------------------------------------------------------------------------------
# The documented mechanism, as the attacker knows it
# ---------------------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Mechanism:
    """What the attacker knows about a release, read from the report's ``policy`` object.

    ``perturbation``: largest |p| added to a count before rounding (0: none); ``magnitude_noise``:
    means and SDs carry noise of at most magnitude_noise · range / n_released (0: exact);
    ``derived``: t, df, p, CI, d, g, r are documented as computed from the released n, means and
    SDs (so an attacker first checks whether a figure is such a function of released figures)."""

    min_count: int = 8
    round_to: int = 5
    perturbation: int = 0
    magnitude_noise: float = 0.0
    derived: bool = False

    @staticmethod
    def of(doc: Mapping[str, Any]) -> "Mechanism":
        pol = doc.get("policy") or {}
        cell_key = bool(pol.get("cell_key", False))
        exact = bool(pol.get("exact_statistics", not cell_key))
        return Mechanism(min_count=int(pol.get("min_count", 8)), round_to=int(pol.get("round_to", 5)),
                         perturbation=int(pol.get("max_perturbation", 2)) if cell_key else 0,
                         magnitude_noise=0.0 if exact else float(pol.get("magnitude_noise", 0.25)),
                         derived=not exact)

    @property
    def floor(self) -> int:
        """The smallest non-zero count ever released: the first multiple of round_to >= min_count."""
        return -(-self.min_count // self.round_to) * self.round_to

    @property
    def width(self) -> int:
        """The protection width: the number of values of one rounding bucket."""
        return self.round_to

    def count_range(self, released: Optional[float], cap: Optional[float] = None,
                    hidden_low: int = 1) -> Tuple[float, float]:
        """Bounds of a true count given its released value (None: suppressed, hidden_low..cap)."""
        if released is None:
            return float(hidden_low), float(cap if cap is not None else 10**9)
        c = float(released)
        if c == 0:
            return 0.0, 0.0
        lo = c - self.round_to / 2 - self.perturbation
        hi = c + self.round_to / 2 + self.perturbation
        if c <= self.floor:
            lo = self.min_count
        return max(lo, float(self.min_count)), hi

    def count_candidates(self, released: Optional[float]) -> np.ndarray:
        lo, hi = self.count_range(released, cap=self.min_count - 1)
        return np.arange(math.ceil(lo - 1e-9), math.floor(hi + 1e-9) + 1, dtype=np.int64)

    def magnitude_bound(self, score_span: float, n_released: Optional[float]) -> float:
        """Documented noise bound b of a mean or SD of a group released as n_released."""
        if self.magnitude_noise == 0 or not n_released:
            return 0.0
        return self.magnitude_noise * score_span / float(n_released)


@functools.lru_cache(maxsize=None)
def _decimals_of(values: Tuple[float, ...]) -> Optional[int]:
    for k in range(0, 7):
        if all(abs(v - round(v, k)) <= 1e-10 * max(1.0, abs(v)) for v in values):
            return k
    return None


class Precision:
    """Released precision of each figure, inferred from a report: the fewest decimals that every
    released value of the field has (None = full double precision)."""

    def __init__(self, doc: Mapping[str, Any]):
        seen: Dict[str, List[float]] = {}
        for o in doc.get("outcomes", []):
            rows = [("", r) for _, _, r in change_rows(o)]
            for b in o.get("breakdowns", []):
                rows += [("diff_", d) for d in b.get("differences", [])]
                rows += [("trend_", b["trend"])] if b.get("trend") else []
            for prefix, r in rows:
                for f in STAT_FIELDS:
                    v = value(r, f)
                    if v is not None and math.isfinite(v):
                        seen.setdefault(prefix + f, []).append(v)
        for t in doc.get("proportions", []):
            for _, _, r in proportion_rows(t):
                for f in ("share", "ci_low", "ci_high"):
                    v = value(r, f)
                    if v is not None:
                        seen.setdefault("prop_" + f, []).append(v)
        self.decimals = {f: _decimals_of(tuple(v)) for f, v in seen.items()}

    def half(self, field: str, v: float) -> float:
        """Half a unit of the released precision of a value of this field (at least a relative
        1e-9, the attacker's allowance for floating point)."""
        k = self.decimals.get(field)
        # p-values span many orders of magnitude: their floating-point allowance is relative
        fp = 1e-7 * abs(v) if field in ("p", "wilcoxon_p", "diff_p", "trend_p") else 1e-9 * max(1.0, abs(v))
        return max(0.5 * 10.0**-k, fp) if k is not None else fp


# ---------------------------------------------------------------------------------------------
# (1) Feasibility: the group sizes consistent with one released row
# ---------------------------------------------------------------------------------------------

def _abs_range(lo: float, hi: float) -> Tuple[float, float]:
    if lo <= 0 <= hi:
        return 0.0, max(-lo, hi)
    return min(abs(lo), abs(hi)), max(abs(lo), abs(hi))


def _div(a: Tuple[float, float], b: Tuple[float, float]) -> Tuple[float, float]:
    """Interval a / b for b > 0."""
    b0 = max(b[0], 1e-12)
    cands = [a[0] / b0, a[0] / b[1], a[1] / b0, a[1] / b[1]]
    return min(cands), max(cands)


def _inter(a: Tuple[float, float], b: Tuple[float, float]) -> Tuple[float, float]:
    return max(a[0], b[0]), min(a[1], b[1])


def hedges_j(df):
    return 1.0 - 3.0 / (4.0 * np.asarray(df, dtype=float) - 1.0)


class RowView:
    """One released change row with the attacker's boxes for the true values of its figures."""

    def __init__(self, row: Mapping[str, Any], mech: Mechanism, prec: Precision, span: float):
        self.row, self.mech, self.prec, self.span = row, mech, prec, span
        self.n_rel = value(row, "n")

    def v(self, f: str) -> Optional[float]:
        return value(self.row, f)

    def box(self, f: str, noise: bool) -> Optional[Tuple[float, float]]:
        """Interval holding the true value of a figure: released ± half its precision, plus the
        documented noise bound for means and SDs when ``noise``."""
        x = self.v(f)
        if x is None:
            return None
        d = self.prec.half(f, x)
        if noise:
            b = self.mech.magnitude_bound(self.span, self.n_rel)
            if f in ("mean_before", "mean_after", "sd_before", "sd_after", "sd_change"):
                d += b
            elif f == "mean_change":  # released as mean_after − mean_before of noisy means
                d += 2 * b + self.prec.half("mean_before", x) + self.prec.half("mean_after", x)
        return x - d, x + d

    def sd_box(self, f: str, noise: bool) -> Optional[Tuple[float, float]]:
        b = self.box(f, noise)
        return None if b is None else (max(b[0], 1e-12), b[1])


def _rel_df(rv: RowView, n: np.ndarray, noise: bool) -> Optional[np.ndarray]:
    df = rv.v("df")
    if df is None:
        return None
    return np.abs(df - (n - 1)) <= rv.prec.half("df", df)


def _t_true_range(rv: RowView, n: np.ndarray, noise: bool) -> Optional[Tuple[np.ndarray, np.ndarray]]:
    m, s = rv.box("mean_change", noise), rv.sd_box("sd_change", noise)
    if m is None or s is None:
        return None
    am = _abs_range(*m)
    sq = np.sqrt(n.astype(float))
    lo, hi = sq * am[0] / s[1], sq * am[1] / s[0]
    t = rv.v("t")
    if t is not None and not noise:  # t itself is an exact figure: its own box narrows |t|
        h = rv.prec.half("t", t)
        lo, hi = np.maximum(lo, abs(t) - h), np.minimum(hi, abs(t) + h)
    return lo, hi


def _rel_t(rv: RowView, n: np.ndarray, noise: bool) -> Optional[np.ndarray]:
    t = rv.v("t")
    rng = _t_true_range(rv, n, noise) if t is not None else None
    if rng is None:
        return None
    m, s = rv.box("mean_change", noise), rv.sd_box("sd_change", noise)
    am = _abs_range(*m)
    sq = np.sqrt(n.astype(float))
    h = rv.prec.half("t", t)
    return (abs(t) >= sq * am[0] / s[1] - h) & (abs(t) <= sq * am[1] / s[0] + h)


def _rel_p(rv: RowView, n: np.ndarray, noise: bool) -> Optional[np.ndarray]:
    """p = 2·sf(|t|, n − 1). Without noise, |t| is the released t or the mean/SD's t (either
    explains p: a p computed from the released t is as derived as one from the released means)."""
    p = rv.v("p")
    if p is None:
        return None
    rngs = []
    m, s = rv.box("mean_change", noise), rv.sd_box("sd_change", noise)
    sq = np.sqrt(n.astype(float))
    if m is not None and s is not None:
        am = _abs_range(*m)
        rngs.append((sq * am[0] / s[1], sq * am[1] / s[0]))
    t = rv.v("t")
    if t is not None and not noise:
        h = rv.prec.half("t", t)
        rngs.append((np.full(len(n), abs(t) - h), np.full(len(n), abs(t) + h)))
    if not rngs:
        return None
    df = np.maximum(n - 1, 1).astype(float)
    tol = rv.prec.half("p", p) + 1e-6 * p
    ok = np.zeros(len(n), dtype=bool)
    for lo, hi in rngs:
        p_hi = 2 * stats.t.sf(np.maximum(lo, 0), df)
        p_lo = 2 * stats.t.sf(hi, df)
        ok |= (p >= p_lo - tol) & (p <= p_hi + tol) & (lo <= hi + 1e-12)
    return ok


def _rel_ci(rv: RowView, n: np.ndarray, noise: bool, confidence: float) -> Optional[np.ndarray]:
    lo_, hi_ = rv.v("ci_low"), rv.v("ci_high")
    s = rv.sd_box("sd_change", noise)
    if lo_ is None or hi_ is None or s is None:
        return None
    hw = (hi_ - lo_) / 2
    tol = (rv.prec.half("ci_low", lo_) + rv.prec.half("ci_high", hi_)) / 2
    q = stats.t.ppf(0.5 + confidence / 2, np.maximum(n - 1, 1).astype(float))
    sq = np.sqrt(n.astype(float))
    return (hw >= q * s[0] / sq - tol) & (hw <= q * s[1] / sq + tol)


def _rel_g(rv: RowView, n: np.ndarray, noise: bool, g: str, d: str) -> Optional[np.ndarray]:
    gv = rv.v(g)
    m = rv.box("mean_change", noise)
    if gv is None or m is None:
        return None
    if d == "d_z":
        s = rv.sd_box("sd_change", noise)
        if s is None:
            return None
    else:
        sb, sa = rv.sd_box("sd_before", noise), rv.sd_box("sd_after", noise)
        if sb is None or sa is None:
            return None
        s = ((sb[0] + sa[0]) / 2, (sb[1] + sa[1]) / 2)
    dr = _div(m, s)
    dv = rv.v(d)
    if dv is not None:  # the released d is a figure of its own (exact when the release is exact)
        h = rv.prec.half(d, dv)
        if not noise or not rv.mech.derived:
            both = _inter(dr, (dv - h, dv + h))
            dr = both if both[0] <= both[1] else (dv - h, dv + h)
    J = hedges_j(np.maximum(n - 1, 1))
    h = rv.prec.half(g, gv)
    lo = np.minimum(J * dr[0], J * dr[1]) - h
    hi = np.maximum(J * dr[0], J * dr[1]) + h
    return (gv >= lo) & (gv <= hi)


N_RELATIONS: Dict[str, Callable[..., Optional[np.ndarray]]] = {
    "df": _rel_df,
    "t": _rel_t,
    "p": _rel_p,
    "ci": lambda rv, n, noise, confidence=0.95: _rel_ci(rv, n, noise, confidence),
    "g_z": lambda rv, n, noise: _rel_g(rv, n, noise, "g_z", "d_z"),
    "g_av": lambda rv, n, noise: _rel_g(rv, n, noise, "g_av", "d_av"),
}


def _apply(rel: str, rv: RowView, n: np.ndarray, noise: bool, confidence: float) -> Optional[np.ndarray]:
    f = N_RELATIONS[rel]
    return f(rv, n, noise, confidence) if rel == "ci" else f(rv, n, noise)


def wilson(k, n, confidence: float = 0.95):
    """Wilson score interval of k/n (arrays broadcast)."""
    z = stats.norm.ppf(0.5 + confidence / 2)
    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):  # k > n: NaN, matches nothing
        p = np.where(n > 0, k / np.maximum(n, 1e-300), np.nan)
        den = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / den
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    return centre - half, centre + half


def share_interval_of_counts(k_rel: float, n_rel: float, mech: "Mechanism", confidence: float = 0.95) -> Tuple[float, float]:
    """The honest interval of a share released from released counts: the hull of the Wilson
    intervals of every (k, n) consistent with the released k and n (k <= n)."""
    k = mech.count_candidates(k_rel)[:, None]
    n = mech.count_candidates(n_rel)[None, :]
    k, n = np.broadcast_arrays(k, n)
    ok = (k <= n) & (n > 0)
    lo, hi = wilson(k[ok], n[ok], confidence)
    return float(lo.min()), float(hi.max())


def _share_constraint(mech: Mechanism, prec: Precision, share: Optional[float], lo: Optional[float],
                      hi: Optional[float], k_rel: Optional[float], n_rel: Optional[float], k: np.ndarray,
                      n: np.ndarray, confidence: float, field: str, prefix: str = "") -> Optional[np.ndarray]:
    """Joint constraint on (k, n) (broadcast arrays) from a released share and its interval.

    Documented derivations are tried first and, when they hold, carry nothing:
     - the share of the released counts, min(1, k_rel/n_rel) (or just under 1 when the released
       counts are equal but the true share is not 100%);
     - its interval: the Wilson interval of the released counts (the NHS rule), the hull of the
       Wilson intervals of every (k, n) consistent with the released counts, or the Wilson
       interval of the released share at n_released widened by at most 1/n_released each side.
    Otherwise the share is read as k/n with the documented noise (cell key release: at most
    1/n_released) or exactly (NHS rule), and the interval as the exact Wilson interval of k/n."""
    if share is None or not n_rel:
        return None
    hs = prec.half(prefix + field, share)
    ok = np.ones(np.broadcast(k, n).shape, dtype=bool)
    # The share itself.
    derived_share = False
    if k_rel is not None:
        expected = min(1.0, k_rel / n_rel)
        derived_share = abs(share - expected) <= hs or (expected >= 1.0 and 1 - 1.0 / n_rel - hs <= share < 1.0)
    if not derived_share:
        slack = 1.0 / n_rel if mech.derived else 0.0
        ok &= np.abs(share - k / np.maximum(n, 1)) <= slack + hs + 1e-12
    # Its interval.
    if lo is not None and hi is not None:
        hl = prec.half(prefix + ("ci_low" if prefix else field + "_ci_low"), lo)
        hh = prec.half(prefix + ("ci_high" if prefix else field + "_ci_high"), hi)
        derived = False
        if k_rel is not None:
            wl, wh = wilson(k_rel, n_rel, confidence)
            derived = abs(lo - wl) <= hl + 1e-9 and abs(hi - wh) <= hh + 1e-9
            if not derived:
                ul, uh = share_interval_of_counts(k_rel, n_rel, mech, confidence)
                derived = abs(lo - ul) <= hl + 1e-9 and abs(hi - uh) <= hh + 1e-9
        if not derived and mech.derived:
            wl, wh = wilson(share * n_rel, n_rel, confidence)
            w = 1.0 / n_rel
            derived = (max(0.0, wl - w) - hl - 1e-9 <= lo <= wl + hl + 1e-9) and \
                      (wh - hh - 1e-9 <= hi <= min(1.0, wh + w) + hh + 1e-9)
        if not derived:
            wl, wh = wilson(k, np.maximum(n, 1), confidence)
            ok &= (np.abs(wl - lo) <= hl + 1e-9) & (np.abs(wh - hi) <= hh + 1e-9)
    return ok


@dataclasses.dataclass
class Feasible:
    """The attacker's consistent sets for one row: n, and other counts of the row."""

    n: np.ndarray
    counts: Dict[str, np.ndarray]
    carried: Dict[str, bool]   # relation -> True when it constrained n (not derived from released)


def exact_bins_on(released_bins: Sequence[Mapping[str, Any]], exact_bins: Sequence[Mapping[str, Any]]) -> List[Dict[str, Any]]:
    """The exact (service-manager) histogram summed onto the released bins: disclosure merges
    adjacent bins so that no bar is below the floor, so a released bin covers one or more exact
    ones ([low, high) of each released bin)."""
    out = []
    for rb in released_bins:
        inside = [e for e in exact_bins if rb["low"] - 1e-9 <= e["low"] and e["high"] <= rb["high"] + 1e-9]
        out.append({"low": rb["low"], "high": rb["high"], "suppressed_fields": [],
                    **{side: sum(e[side] for e in inside) for side in ("before", "after")}})
    return out


def histogram_n_range(outcome: Mapping[str, Any], mech: Mechanism) -> Optional[Tuple[float, float]]:
    """Bounds on the overall n from the released histogram bars (each of before and after sums to n)."""
    bins = (outcome.get("histogram") or {}).get("bins", [])
    if not bins:
        return None
    lo_all, hi_all = 0.0, math.inf
    for key in ("before", "after"):
        vals = [None if key in b["suppressed_fields"] or b[key] is None else float(b[key]) for b in bins]
        if all(v is None for v in vals):
            continue
        lo = hi = 0.0
        for v in vals:  # a suppressed bar: at least 1 (complementary suppression may hide a big one)
            a, b = mech.count_range(v, cap=math.inf)
            lo, hi = lo + a, hi + b
        lo_all, hi_all = max(lo_all, lo), min(hi_all, hi)
    return lo_all, hi_all


def feasible_sizes(row: Mapping[str, Any], mech: Mechanism, prec: Precision, span: float,
                   confidence: float = 0.95, n_bounds: Optional[Tuple[float, float]] = None) -> Feasible:
    """The group sizes n consistent with every released figure of a change row (``row``) under the
    documented mechanism, and the consistent values of its other counts (wilcoxon_n, reliable_*,
    meaningful_*). ``n_bounds``: extra bounds on n (e.g. from the histogram, overall row only).

    A relation documented as derived from released figures is checked at n_released with
    precision-only boxes; if it holds it carries nothing. Otherwise it is read as a function of
    the true n and of true means/SDs within their documented noise; a reading that no candidate
    n satisfies is refuted and dropped (the figure is then derived in some undocumented way and
    the attacker learns nothing from it here)."""
    rv = RowView(row, mech, prec, span)
    n = mech.count_candidates(rv.n_rel)
    carried: Dict[str, bool] = {}
    if rv.n_rel is None or rv.n_rel == 0:
        return Feasible(n, {}, carried)
    ok = np.ones(len(n), dtype=bool)
    for rel in N_RELATIONS:
        if mech.derived:
            at = _apply(rel, rv, np.array([int(rv.n_rel)]), False, confidence)
            if at is not None and at.all():
                carried[rel] = False
                continue
        res = _apply(rel, rv, n, mech.magnitude_noise > 0, confidence)
        if res is not None and (res & ok).any():  # a hypothesis no n satisfies is refuted, not used
            carried[rel] = True
            ok &= res
    if n_bounds is not None:
        ok &= (n >= n_bounds[0] - 1e-9) & (n <= n_bounds[1] + 1e-9)
    counts: Dict[str, np.ndarray] = {}
    # Shares k/n: joint constraint on (k, n).
    for kf, sf in CHANGE_SHARES:
        kr = value(row, kf)
        if kr is None or value(row, sf) is None:
            continue
        k = mech.count_candidates(kr)
        c = _share_constraint(mech, prec, value(row, sf), value(row, sf + "_ci_low"), value(row, sf + "_ci_high"),
                              kr, rv.n_rel, k[:, None], n[None, :], confidence, sf)
        if c is None or not (c & ok[None, :]).any():
            counts[kf] = k
            continue
        c &= ok[None, :]
        ok &= c.any(axis=0)
        counts[kf] = k[c.any(axis=1)]
    # Wilcoxon: n' = wilcoxon_n (non-zero differences) from r = z/sqrt(n') and W+ with z.
    wn = value(row, "wilcoxon_n")
    if wn is not None and wn > 0:
        w = mech.count_candidates(wn)
        wok = np.ones(len(w), dtype=bool)
        z, r, wp = value(row, "z"), value(row, "r"), value(row, "w_plus")
        derived_r = False
        if z is not None and r is not None:
            hz, hr = prec.half("z", z), prec.half("r", r)
            if mech.derived:
                rr = _div(_abs_range(z - hz, z + hz), (math.sqrt(wn), math.sqrt(wn)))
                derived_r = rr[0] - hr - 1e-9 <= abs(r) <= rr[1] + hr + 1e-9
            if not derived_r:
                az = _abs_range(z - hz, z + hz)
                sq = np.sqrt(w.astype(float))
                res = (abs(r) >= az[0] / sq - hr) & (abs(r) <= az[1] / sq + hr)
                if res.any():
                    wok &= res
        if wp is not None and z is not None:
            mu = w * (w + 1) / 4.0
            s0 = np.sqrt(w * (w + 1) * (2 * w + 1) / 24.0)
            hz, hw = prec.half("z", z), prec.half("w_plus", wp)
            # tie correction only lowers the SD: |W+ − mu| = |z|·sd with sd <= s0
            res = np.abs(wp - mu) - hw <= (abs(z) + hz) * s0 + 1e-9
            res &= (wp >= -hw) & (wp <= w * (w + 1) / 2.0 + hw)
            if abs(z) > hz:
                res &= np.sign(wp - mu + np.sign(z) * hw) == np.sign(z)
            if (res & wok).any():
                wok &= res
        counts["wilcoxon_n"] = w[wok]
        if len(counts["wilcoxon_n"]):
            ok &= n >= counts["wilcoxon_n"].min()
    return Feasible(n[ok], counts, carried)


def feasible_proportion(row: Mapping[str, Any], mech: Mechanism, prec: Precision,
                        confidence: float = 0.95) -> Feasible:
    """Consistent n and k of a proportion row (n asked, k yes, share k/n and its interval)."""
    n_rel, k_rel = value(row, "n"), value(row, "k")
    n = mech.count_candidates(n_rel)
    if not n_rel:
        return Feasible(n, {}, {})
    if k_rel is None:
        return Feasible(n, {}, {})
    k = mech.count_candidates(k_rel)
    c = _share_constraint(mech, prec, value(row, "share"), value(row, "ci_low"), value(row, "ci_high"), k_rel, n_rel,
                          k[:, None], n[None, :], confidence, "share", prefix="prop_")
    le = k[:, None] <= n[None, :]
    if c is None or not (c & le).any():
        c = np.ones_like(le)
    c &= le
    return Feasible(n[c.any(axis=0)], {"k": k[c.any(axis=1)]}, {})


def feasible_trend(trend: Mapping[str, Any], mech: Mechanism, prec: Precision) -> np.ndarray:
    """Consistent n of a dose-response trend row: df = n − 2 and t = r·sqrt(n − 2)/sqrt(1 − r²)
    (skipped when documented as derived from the released n)."""
    n_rel = value(trend, "n")
    n = mech.count_candidates(n_rel)
    if not n_rel:
        return n
    ok = np.ones(len(n), dtype=bool)
    df = value(trend, "df")
    if df is not None and not (mech.derived and abs(df - (n_rel - 2)) <= prec.half("trend_df", df)):
        res = np.abs(df - (n - 2)) <= prec.half("trend_df", df)
        if res.any():
            ok &= res
    t, r = value(trend, "t"), value(trend, "r")
    if t is not None and r is not None and abs(r) < 1:
        hr, ht = prec.half("trend_r", r), prec.half("trend_t", t)
        ar = _abs_range(r - hr, r + hr)

        def t_of(nn):
            nn = np.maximum(np.asarray(nn, dtype=float) - 2, 1e-9)
            lo = ar[0] * np.sqrt(nn) / math.sqrt(max(1e-12, 1 - ar[0] ** 2))
            hi = ar[1] * np.sqrt(nn) / math.sqrt(max(1e-12, 1 - min(ar[1], 1 - 1e-12) ** 2))
            return lo - ht, hi + ht

        lo1, hi1 = t_of([n_rel])
        if not (mech.derived and lo1[0] <= abs(t) <= hi1[0]):
            lo, hi = t_of(n)
            res = (abs(t) >= lo) & (abs(t) <= hi)
            if (res & ok).any():
                ok &= res
    return n[ok]


def feasible_difference(diff: Mapping[str, Any], overall: Mapping[str, Any], overall_n: np.ndarray,
                        mech: Mechanism, prec: Precision, span: float,
                        covers_all: bool = True) -> Tuple[np.ndarray, np.ndarray]:
    """Consistent (n_group, n_rest) of a group-vs-rest row from the identity
    n·m_all = n_group·m_group + n_rest·m_rest of mean changes (n = n_group + n_rest), which holds
    when the breakdown covers everyone (``covers_all``: known to the attacker from the
    breakdown's definition)."""
    ng_rel, nr_rel = value(diff, "n_group"), value(diff, "n_rest")
    g, r = mech.count_candidates(ng_rel), mech.count_candidates(nr_rel)
    mg, mr, ma = value(diff, "mean_change_group"), value(diff, "mean_change_rest"), value(overall, "mean_change")
    if not covers_all or not ng_rel or not nr_rel or mg is None or mr is None or ma is None:
        return g, r

    def box(v, field, n_rel):
        b = mech.magnitude_bound(span, n_rel)
        return v - prec.half(field, v) - 2 * b, v + prec.half(field, v) + 2 * b

    bg, br, ba = box(mg, "diff_mean_change_group", ng_rel), box(mr, "diff_mean_change_rest", nr_rel), \
        box(ma, "mean_change", value(overall, "n"))
    all_rel = value(overall, "n")
    if all_rel is not None and abs(nr_rel - max(mech.floor, all_rel - ng_rel)) < 1e-9:
        # the rest's size released as total − group: a function of released figures
        r = np.arange(max(0, int(overall_n.min()) - int(g.max())), int(overall_n.max()) - int(g.min()) + 1)
    G, Rr = g[:, None].astype(float), r[None, :].astype(float)
    # f(m) = G·(mg − ma) − R·(ma − mr) must vanish for some m in the boxes: interval of f
    lo = G * (bg[0] - ba[1]) - Rr * (ba[1] - br[0])
    hi = G * (bg[1] - ba[0]) - Rr * (ba[0] - br[1])
    ok = np.isin(g[:, None] + r[None, :], overall_n)
    means = (lo <= 1e-9) & (hi >= -1e-9)
    if (ok & means).any():
        ok &= means
    if not ok.any():  # sizes not explained by the documented identity: it tells nothing
        return g, r
    return g[ok.any(axis=1)], r[ok.any(axis=0)]


# ---------------------------------------------------------------------------------------------
# (2) Differencing
# ---------------------------------------------------------------------------------------------

def single_addition(a: Mapping[str, Any], b: Mapping[str, Any], tol: float = 1e-7) -> Optional[Dict[str, float]]:
    """When exact row b's people are exact row a's plus one person, that person's scores
    {"before", "after", "change"}: n_b = n_a + 1 and, for each of before, after and change,
    M_b = M_a + (x − m_a)(x − m_b) with x = n_b·m_b − n_a·m_a (M = (n − 1)·SD²)."""
    na, nb = a.get("n"), b.get("n")
    if not na or not nb or nb != na + 1 or na < 2:
        return None
    out = {}
    for k in ("before", "after", "change"):
        ma, mb, sa, sb = a.get("mean_" + k), b.get("mean_" + k), a.get("sd_" + k), b.get("sd_" + k)
        if None in (ma, mb, sa, sb):
            return None
        x = nb * mb - na * ma
        Ma, Mb = (na - 1) * sa * sa, (nb - 1) * sb * sb
        if abs(Mb - Ma - (x - ma) * (x - mb)) > tol * max(1.0, Mb):
            return None
        out[k] = x
    return out


def same_people(a: Mapping[str, Any], b: Mapping[str, Any], tol: float = 1e-9) -> bool:
    """Exact rows a and b describe the same people (same n, means and SDs of every score)."""
    if not a.get("n") or a.get("n") != b.get("n"):
        return False
    for f in ("mean_before", "mean_after", "sd_before", "sd_after", "sd_change"):
        x, y = a.get(f), b.get(f)
        if (x is None) != (y is None) or (x is not None and abs(x - y) > tol * max(1.0, abs(x))):
            return False
    return True


@dataclasses.dataclass
class Estimate:
    """What the attacker learns about one score of one person."""

    truth: float
    point: float                  # attacker's point estimate
    low: float                    # hull of the consistent values (within the score range)
    high: float
    sound: bool                   # the truth is among the consistent values
    measure: Optional[float] = None  # total length of the consistent values (a union of intervals)

    @property
    def width(self) -> float:
        """How much the attacker is left to guess: the length of the consistent set (several
        short intervals far apart pin a score as well as one)."""
        return self.high - self.low if self.measure is None else self.measure


def _runs(x: np.ndarray, keep: np.ndarray) -> List[Tuple[float, float]]:
    """Intervals of consecutive kept grid points."""
    out, start = [], None
    for i in range(len(x)):
        if keep[i] and start is None:
            start = i
        if start is not None and (not keep[i] or i == len(x) - 1):
            end = i if keep[i] else i - 1
            out.append((float(x[start]), float(x[end])))
            start = None
    return out


def _measure(intervals: List[Tuple[float, float]], resolution: float) -> float:
    """Length of a union of intervals, each widened by the grid resolution."""
    if not intervals:
        return 0.0
    iv = sorted((a - resolution / 2, b + resolution / 2) for a, b in intervals)
    total, (cur_a, cur_b) = 0.0, iv[0]
    for a, b in iv[1:]:
        if a > cur_b:
            total += cur_b - cur_a
            cur_a, cur_b = a, b
        else:
            cur_b = max(cur_b, b)
    return total + cur_b - cur_a


def _consistent_scores(na: int, nb: int, ma: Tuple[float, float], mb: Tuple[float, float],
                       sa: Optional[Tuple[float, float]], sb: Optional[Tuple[float, float]],
                       lo: float, hi: float, points: int = 801) -> List[Tuple[float, float]]:
    """Scores x of the one person added to group a (na people) to make group b (nb = na + 1),
    consistent with boxes of the true means (ma, mb) and SDs (sa, sb) and the score range, as
    intervals (grid of ``points`` over the range the means allow)."""
    xlo = max(lo, nb * mb[0] - na * ma[1])
    xhi = min(hi, nb * mb[1] - na * ma[0])
    if xlo > xhi:
        return []
    x = np.linspace(xlo, xhi, points)
    # m_a consistent with both boxes: m_a = (nb·m_b − x)/na with m_b in its box
    a_lo = np.maximum(ma[0], (nb * mb[0] - x) / na)
    a_hi = np.minimum(ma[1], (nb * mb[1] - x) / na)
    keep = a_lo <= a_hi + 1e-12
    if sa is not None and sb is not None:
        # M_b − M_a = (na/nb)·(x − m_a)²
        d_lo = (nb - 1) * sb[0] ** 2 - (na - 1) * sa[1] ** 2
        d_hi = (nb - 1) * sb[1] ** 2 - (na - 1) * sa[0] ** 2
        dist_min = np.where((x >= a_lo) & (x <= a_hi), 0.0, np.minimum(np.abs(x - a_lo), np.abs(x - a_hi)))
        dist_max = np.maximum(np.abs(x - a_lo), np.abs(x - a_hi))
        q_lo, q_hi = na / nb * dist_min**2, na / nb * dist_max**2
        slack = 1e-7 * max(1.0, abs(d_hi))
        keep &= (q_hi >= d_lo - slack) & (q_lo <= d_hi + slack)
    return _runs(x, keep)


def pair_attack(rel_a: Mapping[str, Any], rel_b: Mapping[str, Any], fa: np.ndarray, fb: np.ndarray,
                mech_a: Mechanism, mech_b: Mechanism, prec_a: Precision, prec_b: Precision,
                span: Tuple[float, float], truth: Mapping[str, float]) -> Dict[str, Estimate]:
    """Differencing two released rows whose people differ by one person (b = a + x).

    The attacker knows n_b = n_a + 1 and uses every released bound: n_a in the feasible set of a
    and n_b in that of b (``fa``, ``fb``, from :func:`feasible_sizes`), each mean and SD in its
    released box (precision plus documented noise), the score range. Returns, for "before" and
    "after", the hull of the consistent scores and the attacker's point estimate
    n̂_b·m̂_b − n̂_a·m̂_a (n̂_a the middle of the consistent sizes)."""
    lo, hi = span
    R = hi - lo
    na_set = np.intersect1d(fa, np.asarray(fb) - 1)
    out: Dict[str, Estimate] = {}
    va = RowView(rel_a, mech_a, prec_a, R)
    vb = RowView(rel_b, mech_b, prec_b, R)
    for k in ("before", "after"):
        ma, mb = va.box("mean_" + k, True), vb.box("mean_" + k, True)
        sa, sb = va.sd_box("sd_" + k, True), vb.sd_box("sd_" + k, True)
        runs = [iv for na in na_set for iv in _consistent_scores(int(na), int(na) + 1, ma, mb, sa, sb, lo, hi)]
        if len(na_set):
            na_hat = float(np.median(na_set))
        else:
            na_hat = float(value(rel_a, "n"))
        point = (na_hat + 1) * value(rel_b, "mean_" + k) - na_hat * value(rel_a, "mean_" + k)
        x = truth[k]
        if runs:
            low, high = min(a for a, _ in runs), max(b for _, b in runs)
            res = (high - low) / 800 + 1e-9
            sound = any(a - res - 1e-6 <= x <= b + res + 1e-6 for a, b in runs)
            out[k] = Estimate(x, point, low, high, sound, _measure(runs, res))
        else:
            out[k] = Estimate(x, point, math.nan, math.nan, False, 0.0)
    return out


def composite_attack(members: np.ndarray, rows: Sequence[Mapping[str, Any]], mechs: Sequence[Mechanism],
                     precs: Sequence[Precision], ns: np.ndarray, span: Tuple[float, float],
                     scores: Mapping[str, np.ndarray], person: int) -> Optional[Dict[str, Estimate]]:
    """The best signed sum of released rows that isolates one person (linear programming).

    ``members``: people × rows 0/1 matrix of the released (shown) rows; ``ns``: the attacker's
    point values of each row's n (df + 1 when shown, else the released n); ``scores``: true
    "before"/"after" per person (for soundness and for scoring the attack). Finds coefficients c
    with membersᵀ·c = e_person minimising Σ|c_r|·n_r·δ_r (δ_r: the row's released box of its
    means), i.e. the combination least blurred by noise and rounding. Returns None when no
    combination isolates the person. The interval is the slice of the attacker's consistent set
    at the true sizes (a lower bound on the attacker's uncertainty); the point estimate uses
    ``ns``."""
    lo, hi = span
    R = hi - lo
    m = members.shape[1]
    deltas = []
    for j, r in enumerate(rows):
        rv = RowView(r, mechs[j], precs[j], R)
        b = rv.box("mean_before", True)
        deltas.append(max(1e-12, (b[1] - b[0]) / 2))
    true_n = members.sum(axis=0).astype(float)
    w = true_n * np.asarray(deltas)
    e = np.zeros(members.shape[0])
    e[person] = 1.0
    A_eq = np.hstack([members, -members])
    res = optimize.linprog(np.concatenate([w, w]), A_eq=A_eq, b_eq=e, bounds=(0, None), method="highs")
    if res.status != 0:
        return None
    c = res.x[:m] - res.x[m:]
    if np.abs(members @ c - e).max() > 1e-6:
        return None
    out = {}
    for k in ("before", "after"):
        means = np.array([value(r, "mean_" + k) for r in rows])
        boxes = [RowView(r, mechs[j], precs[j], R).box("mean_" + k, True) for j, r in enumerate(rows)]
        half = float(sum(abs(c[j]) * true_n[j] * (boxes[j][1] - boxes[j][0]) / 2 for j in range(m)))
        centre = float(np.dot(c, true_n * means))
        low, high = max(lo, centre - half), min(hi, centre + half)
        x = float(scores[k][person])
        point = float(np.dot(c, ns * means))
        out[k] = Estimate(x, point, low, high, bool(low - 1e-6 <= x <= high + 1e-6))
    return out


@dataclasses.dataclass
class Verdict:
    """Whether a differencing attack recovered people's scores.

    A score is *recovered* when the attacker's consistent interval (every released bound at its
    worst, within the score range) is narrower than ``width_share`` of the score range, or when
    the attacker's point estimate is within ``hit`` points of the truth. The attack *succeeds*
    when more than ``max_narrow_share`` of the scores (plus 1) are recovered through a narrow
    interval, or more than ``max_hit_share`` of them (plus 2) through point estimates.

    Why shares and not "none": with noise of a documented bound an attacker who sees an estimate
    beyond the end of the scale learns that the score is near that end — for the few people whose
    score is at the floor or ceiling of the scale and whose noise points outwards. The shares
    bound how often that may happen; the weak baseline recovers every score exactly."""

    estimates: List[Estimate]
    span: float
    width_share: float = 0.1
    hit: float = 0.5
    max_narrow_share: float = 0.02
    max_hit_share: float = 0.2

    @property
    def narrow(self) -> List[Estimate]:
        return [e for e in self.estimates if not (e.width >= self.width_share * self.span)]

    @property
    def hits(self) -> List[Estimate]:
        return [e for e in self.estimates if abs(e.point - e.truth) <= self.hit]

    @property
    def unsound(self) -> List[Estimate]:
        return [e for e in self.estimates if not e.sound]

    @property
    def exact(self) -> List[Estimate]:
        return [e for e in self.estimates if abs(e.point - e.truth) <= 1e-6 * max(1.0, abs(e.truth))
                and e.width <= 1e-3]

    @property
    def succeeds(self) -> bool:
        return len(self.narrow) > self.max_narrow_share * len(self.estimates) + 1 or \
            len(self.hits) > self.max_hit_share * len(self.estimates) + 2

    def summary(self) -> str:
        return (f"{len(self.estimates)} scores attacked: {len(self.exact)} recovered exactly, "
                f"{len(self.narrow)} with an interval under {self.width_share:.0%} of the range, "
                f"{len(self.hits)} point estimates within {self.hit} points, {len(self.unsound)} unsound")


# ---------------------------------------------------------------------------------------------
# (3) Linear programming on suppressed cells
# ---------------------------------------------------------------------------------------------

@dataclasses.dataclass
class Cell:
    """One cell of a released additive table, for the LP attack."""

    name: str
    released: Optional[float]      # None = suppressed
    truth: float
    bounds: Tuple[float, float]    # the attacker's bounds before the LP
    protected: bool                # a cell the rule protects (suppressed, or rounded)


def cell_bounds(mech: Mechanism, released: Optional[float], feasible: Optional[np.ndarray] = None,
                cap: float = 1e9, hidden_low: int = 1) -> Tuple[float, float]:
    """Bounds of a true count: a shown count from its feasible set (or its rounding bucket widened
    by the documented perturbation); a suppressed one in [hidden_low, cap] — primary suppression
    hides 1..min_count−1, complementary suppression a larger cell, so only the table's total
    bounds it."""
    if released is None:
        return float(hidden_low), float(cap)
    if feasible is not None and len(feasible):
        return float(np.min(feasible)), float(np.max(feasible))
    return mech.count_range(released)


def lp_cell_bounds(cells: Sequence[Cell], equalities: Sequence[Mapping[str, float]],
                   inequalities: Sequence[Tuple[Mapping[str, float], float]] = ()) -> Dict[str, Tuple[float, float]]:
    """Min and max of every protected cell by scipy ``linprog``.

    Variables are the true values of ``cells`` (totals, cells, remainders), each within its
    bounds; ``equalities``: {cell name: coefficient} whose sum is 0 (a table's cells and
    remainder minus its total); ``inequalities``: ({cell name: coefficient}, rhs) meaning
    sum <= rhs (e.g. a count inside a row is at most the row's n). Returns {name: (min, max)}
    for the protected cells (NaN when the LP is infeasible: the attacker's model is wrong)."""
    names = [c.name for c in cells]
    index = {n: i for i, n in enumerate(names)}
    bounds = [c.bounds for c in cells]

    def matrix(rows):
        m = np.zeros((len(rows), len(names)))
        for i, coef in enumerate(rows):
            for k, v in coef.items():
                m[i, index[k]] += v
        return m

    A_eq = matrix(equalities) if equalities else None
    b_eq = np.zeros(len(equalities)) if equalities else None
    A_ub = matrix([c for c, _ in inequalities]) if inequalities else None
    b_ub = np.array([r for _, r in inequalities]) if inequalities else None
    out = {}
    for c in cells:
        if not c.protected:
            continue
        obj = np.zeros(len(names))
        obj[index[c.name]] = 1
        lohi = []
        for sign in (1, -1):
            res = optimize.linprog(sign * obj, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, bounds=bounds,
                                   method="highs")
            lohi.append(sign * res.fun if res.status == 0 else math.nan)
        out[c.name] = (lohi[0], lohi[1])
    return out


def integer_width(lo: float, hi: float) -> int:
    """How many integers lie in [lo, hi]."""
    if math.isnan(lo) or math.isnan(hi):
        return 0
    return max(0, math.floor(hi + 1e-6) - math.ceil(lo - 1e-6) + 1)


# ---------------------------------------------------------------------------------------------
# Releases: exact, weak baseline, new
# ---------------------------------------------------------------------------------------------

WEAK_POLICY = dict(min_count=8, round_to=5, cell_key=False, exact_statistics=True)


def weak_policy() -> Any:
    """The NHS rule alone with exact statistics (the release before cell keys)."""
    return laycoach.SuppressionPolicy(**WEAK_POLICY)


def only_organisation(doc: Mapping[str, Any], ods: str) -> Dict[str, Any]:
    """A whole-programme document restricted to one employer's staff (what an employer report
    counts), for the exact figures behind an employer's report."""
    d = dict(doc)
    keep = {c["id"] for c in d["clients"] if c["kind"] == "staff" and c["organisation"] == ods}
    d["clients"] = [c for c in d["clients"] if c["id"] in keep]
    for key in ("referrals", "responses", "goals", "safeguarding", "waiting_list"):
        d[key] = [r for r in d.get(key, []) if r.get("client_id") in keep]
    sessions = []
    for s in d["sessions"]:
        attendees = [a for a in s["attendees"] if a["client_id"] in keep]
        if attendees:
            sessions.append({**s, "attendees": attendees})
    d["sessions"] = sessions
    ids = {s["id"] for s in sessions}
    d["notes"] = [n for n in d.get("notes", []) if n["session_id"] in ids]
    return d


def employer_viewer(ods: str):
    return laycoach.Viewer(laycoach.Audience.EMPLOYER, ods)


class Releaser:
    """Produces released report documents for one kind of release.

    ``kind``: "weak" (today's NHS rule with exact statistics), "library" (what the library gives an
    aggregate audience under the service's default policy: the new release once the cell key
    change lands), or "reference" (the reference model of the documented cell key release,
    ``cellkey_model.py``, applied to the exact figures and today's suppression pattern)."""

    _documents: Dict[int, Tuple[Any, Dict[str, Any]]] = {}
    _org_programmes: Dict[Tuple[int, str], Tuple[Any, Any]] = {}

    def __init__(self, kind: str):
        assert kind in ("weak", "library", "reference")
        self.kind = kind

    # -- exact figures (the truth) ----------------------------------------------------------------
    def _employer_programme(self, p, ods):
        """The programme restricted to one employer's staff (cached; the programme is not
        changed while the tests run)."""
        key = (id(p), ods)
        if key not in self._org_programmes:
            if id(p) not in self._documents:
                self._documents[id(p)] = (p, json.loads(p.to_json()))
            doc = only_organisation(self._documents[id(p)][1], ods)
            self._org_programmes[key] = (p, laycoach.Programme.from_json(json.dumps(doc)))
        return self._org_programmes[key][1]

    def exact_programme(self, p, employer: Optional[str] = None, **opts) -> Dict[str, Any]:
        q = self._employer_programme(p, employer) if employer else p
        return q.evaluate("service_manager", **opts).data

    @staticmethod
    def exact_columns(*args, **kw) -> Dict[str, Any]:
        kw = {k: v for k, v in kw.items() if k not in ("audience", "policy")}
        return laycoach.evaluate_columns(*args, audience="service_manager", **kw).data

    # -- releases --------------------------------------------------------------------------------
    def programme(self, p, audience: str = "commissioner", employer: Optional[str] = None, **opts) -> Dict[str, Any]:
        viewer = employer_viewer(employer) if employer else audience
        if self.kind == "library":
            return p.evaluate(viewer, **opts).data
        if self.kind == "weak":
            # The old release, as a service manager previews it (aggregate audiences are refused it).
            q = self._employer_programme(p, employer) if employer else p
            return q.evaluate("service_manager", policy=weak_policy(), **opts).data
        import cellkey_model
        weak = Releaser("weak")
        return cellkey_model.release(self.exact_programme(p, employer, **opts),
                                     weak.programme(p, audience, employer, **opts))

    def columns(self, *args, audience: str = "commissioner", **kw) -> Dict[str, Any]:
        if self.kind == "library":
            return laycoach.evaluate_columns(*args, audience=audience, **kw).data
        if self.kind == "weak":
            kw = {k: v for k, v in kw.items() if k != "policy"}
            return laycoach.evaluate_columns(*args, audience="service_manager", policy=weak_policy(), **kw).data
        import cellkey_model
        weak = Releaser("weak")
        return cellkey_model.release(self.exact_columns(*args, **kw), weak.columns(*args, audience=audience, **kw))
