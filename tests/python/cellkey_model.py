"""A reference model of the cell key release documented for issue 8, in plain Python.

Not the library: a stand-in that turns an exact report (service-manager figures) and today's
suppression pattern into the release the design describes, so that the attacks in
``attacks.py`` can be shown to fail against a release built as documented (and so that their
thresholds are known to be reachable). The library's own release is tested by the same attacks
once it implements the design.

The design, as given to the attack suite:
 - each cell has a key that depends only on its people (here: a hash of the cell's exact
   figures, which are a function of its people), so the same cell gets the same value in every
   table;
 - a count n >= min_count is perturbed by p in [−max_perturbation, max_perturbation] chosen from
   the cell key, rounded to round_to and never released below the first multiple of round_to
   >= min_count; 1..min_count−1 suppressed (the suppression pattern is today's); 0 stays 0;
 - means and SDs carry deterministic noise in [−b, b], b = magnitude_noise · range / n_released,
   then are rounded to 2 decimals; mean_change = mean_after − mean_before (released);
 - t, df = n_released − 1, p, CI, d, g, rci_threshold from the released n, means and SDs;
 - Wilcoxon W+ withheld; z noised (at most 0.5) and rounded to 2 decimals; r = z/sqrt(n'_released);
 - a share gets noise of at most 1/n_released (never shown as 1 unless it is 1, nor 0 unless 0)
   and its interval is the Wilson interval of the released share at n_released widened by
   1/n_released each side, so it contains the exact share.
Group-vs-rest differences reuse the group's released figures (same cell) and release the rest
like a cell of its own; the Welch ANOVA is recomputed from the released groups; the trend's n is
a released count and its slope, intercept and r carry bounded noise, t and df derived.
"""
from __future__ import annotations

import copy
import hashlib
import math
from typing import Any, Dict, List, Mapping, Optional

import numpy as np
from scipy import stats

MAX_PERTURBATION = 2
MAGNITUDE_NOISE = 0.25
Z_NOISE = 0.5

CHANGE_COUNTS = ("reliable_improved", "reliable_deteriorated", "meaningful_improved", "meaningful_deteriorated")


def _u(*parts: Any) -> float:
    """A deterministic uniform number in [0, 1) from a cell key and a label."""
    h = hashlib.sha256(repr(parts).encode()).digest()
    return int.from_bytes(h[:8], "big") / 2.0**64


def _key(*figures: Any) -> str:
    return hashlib.sha256(repr(tuple(round(f, 6) if isinstance(f, float) else f for f in figures)).encode()).hexdigest()


class Policy:
    def __init__(self, min_count: int = 8, round_to: int = 5):
        self.min_count, self.round_to = min_count, round_to
        self.floor = -(-min_count // round_to) * round_to

    def as_dict(self) -> Dict[str, Any]:
        return {"min_count": self.min_count, "round_to": self.round_to, "cell_key": True,
                "max_perturbation": MAX_PERTURBATION, "magnitude_noise": MAGNITUDE_NOISE,
                "exact_statistics": False}

    def count(self, n: Optional[float], key: str, tag: str) -> Optional[float]:
        if n is None:
            return None
        n = int(round(n))
        if n == 0:
            return 0
        p = math.floor(_u(key, tag, "p") * (2 * MAX_PERTURBATION + 1)) - MAX_PERTURBATION
        c = math.floor((n + p) / self.round_to + 0.5) * self.round_to
        return float(max(c, self.floor))

    def sub_count(self, k: Optional[float], n: float, n_rel: float, key: str, tag: str) -> Optional[float]:
        """A count of a subset of a row's people (k <= n): the same cell as the row when k == n
        (same people, same key), and never released above the row's released n."""
        if k is None:
            return None
        if int(round(k)) == int(round(n)):
            return n_rel
        c = self.count(k, key, tag)
        return min(c, n_rel) if c is not None else None


def _noisy(x: Optional[float], bound: float, key: str, tag: str, decimals: int = 2) -> Optional[float]:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return x
    return round(x + bound * (2 * _u(key, tag) - 1), decimals)


def wilson(k: float, n: float, confidence: float):
    z = stats.norm.ppf(0.5 + confidence / 2)
    p = k / n
    den = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / den
    half = z * math.sqrt(max(0.0, p * (1 - p)) / n + z * z / (4 * n * n)) / den
    return max(0.0, centre - half), min(1.0, centre + half)


#: How shares are released: "counts" (default) — the share of the released counts, capped just
#: under 1 when the true share is not 100%, with the hull of the Wilson intervals of every (k, n)
#: consistent with the released counts (so it carries nothing beyond them and contains the exact
#: share); "noise" — as first specified for issue 8: the exact share with noise of at most
#: 1/n_released and the Wilson interval of the released share at n_released widened by
#: 1/n_released (which, with a perturbed k, can narrow k below its rounding bucket).
SHARE_RULE = "counts"


def _candidates(released: float, pol: "Policy"):
    lo = released - pol.round_to / 2 - MAX_PERTURBATION
    hi = released + pol.round_to / 2 + MAX_PERTURBATION
    if released <= pol.floor:
        lo = pol.min_count
    lo = max(lo, pol.min_count)
    return range(math.ceil(lo - 1e-9), math.floor(hi + 1e-9) + 1)


def wilson_many(k: np.ndarray, n: np.ndarray, confidence: float):
    z = stats.norm.ppf(0.5 + confidence / 2)
    p = k / n
    den = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / den
    half = z * np.sqrt(np.maximum(0.0, p * (1 - p)) / n + z * z / (4 * n * n)) / den
    return np.maximum(0.0, centre - half), np.minimum(1.0, centre + half)


def _share(k: float, n: float, n_rel: float, key: str, tag: str, confidence: float, pol: "Policy",
           k_rel: Optional[float] = None, rule: Optional[str] = None):
    rule = rule or SHARE_RULE
    exact = k / n
    if rule == "counts" and k_rel is not None:
        s = min(1.0, k_rel / n_rel)
        if s >= 1.0 and k < n:
            s = 1 - 1 / (2 * n_rel)
        if k_rel == 0:
            return 0.0, *wilson(0, n_rel, confidence)
        kk, nn = np.meshgrid(np.array(list(_candidates(k_rel, pol)), dtype=float),
                             np.array(list(_candidates(n_rel, pol)), dtype=float))
        ok = kk <= nn
        wl, wh = wilson_many(kk[ok], nn[ok], confidence)
        return s, float(wl.min()), float(wh.max())
    w = 1.0 / n_rel
    if k == 0 or k == n:
        s = exact
    else:
        s = min(1 - w / 2, max(w / 2, exact + w * (2 * _u(key, tag, "share") - 1)))
    wl, wh = wilson(s * n_rel, n_rel, confidence)
    return s, max(0.0, min(wl, s) - w), min(1.0, max(wh, s) + w)


def _set(row: Dict[str, Any], field: str, v: Optional[float]) -> None:
    if v is not None and isinstance(v, float) and math.isnan(v):
        v = None
    row[field] = v


def _withhold(row: Dict[str, Any], field: str) -> None:
    row[field] = None
    sf = row.setdefault("suppressed_fields", [])
    if field not in sf:
        sf.append(field)


def _row_key(er: Mapping[str, Any]) -> str:
    return _key(er["n"], er.get("mean_before"), er.get("mean_after"), er.get("sd_before"), er.get("sd_after"),
                er.get("sd_change"))


def _release_change_row(er: Mapping[str, Any], wr: Dict[str, Any], pol: Policy, span: float,
                        reliability: Optional[float], confidence: float) -> Dict[str, Any]:
    out = copy.deepcopy(wr)
    if wr.get("suppressed") or wr.get("n") in (None, 0):
        return out
    key = _row_key(er)
    n_rel = pol.count(er["n"], key, "n")
    out["n"] = n_rel
    b = MAGNITUDE_NOISE * span / n_rel
    mb, ma = _noisy(er["mean_before"], b, key, "mb"), _noisy(er["mean_after"], b, key, "ma")
    sb = max(0.01, _noisy(er["sd_before"], b, key, "sb"))
    sa = max(0.01, _noisy(er["sd_after"], b, key, "sa"))
    sc = max(0.01, _noisy(er["sd_change"], b, key, "sc"))
    mc = round(ma - mb, 2)
    df = n_rel - 1
    t = mc / (sc / math.sqrt(n_rel))
    q = stats.t.ppf(0.5 + confidence / 2, df)
    J = 1 - 3 / (4 * df - 1)
    d_z, d_av = mc / sc, mc / ((sb + sa) / 2)
    for f, v in (("mean_before", mb), ("mean_after", ma), ("sd_before", sb), ("sd_after", sa), ("mean_change", mc),
                 ("sd_change", sc), ("df", float(df)), ("t", t), ("p", 2 * stats.t.sf(abs(t), df)),
                 ("ci_low", mc - q * sc / math.sqrt(n_rel)), ("ci_high", mc + q * sc / math.sqrt(n_rel)),
                 ("d_z", d_z), ("d_av", d_av), ("g_z", J * d_z), ("g_av", J * d_av)):
        _set(out, f, v)
    if reliability is not None and not math.isnan(reliability) and wr.get("rci_threshold") is not None:
        _set(out, "rci_threshold", 1.959963984540054 * math.sqrt(2) * sb * math.sqrt(1 - reliability))
    # Wilcoxon
    if wr.get("wilcoxon_n") is not None and er.get("wilcoxon_n"):
        wn = pol.sub_count(er["wilcoxon_n"], er["n"], n_rel, key, "wilcoxon_n")
        out["wilcoxon_n"] = wn
    if er.get("z") is not None and wr.get("z") is not None:
        z = _noisy(er["z"], Z_NOISE, key, "z")
        _set(out, "z", z)
        _set(out, "wilcoxon_p", 2 * stats.norm.sf(abs(z)))
        if out.get("wilcoxon_n"):
            _set(out, "r", z / math.sqrt(out["wilcoxon_n"]))
        elif wr.get("r") is not None:
            _withhold(out, "r")  # r = z/sqrt(n') would give a withheld n' away
    out["wilcoxon_exact"] = False
    if "w_plus" in out:
        _withhold(out, "w_plus")
    # counts and shares
    for c in CHANGE_COUNTS:
        share = "share_" + c
        if wr.get(c) is None:
            continue
        out[c] = pol.sub_count(er[c], er["n"], n_rel, key, c)
        if wr.get(share) is not None and er.get(c) is not None:
            s, lo, hi = _share(er[c], er["n"], n_rel, key, c, confidence, pol, out[c])
            out[share], out[share + "_ci_low"], out[share + "_ci_high"] = s, lo, hi
    return out


def _welch_anova(rows: List[Mapping[str, Any]]) -> Dict[str, Any]:
    g = [(r["n"], r["mean_change"], r["sd_change"]) for r in rows
         if r.get("n") and r.get("sd_change") and r["n"] >= 2 and r["sd_change"] > 0]
    out: Dict[str, Any] = {"groups": float(len(g)), "f": None, "df1": None, "df2": None, "p": None}
    if len(g) < 2:
        return out
    n = np.array([x[0] for x in g])
    m = np.array([x[1] for x in g])
    s = np.array([x[2] for x in g])
    w = n / s**2
    mw = (w * m).sum() / w.sum()
    k = len(g)
    a = ((w * (m - mw) ** 2).sum()) / (k - 1)
    lam = (((1 - w / w.sum()) ** 2) / (n - 1)).sum()
    bterm = 1 + 2 * (k - 2) / (k * k - 1) * lam
    f = a / bterm
    df1, df2 = k - 1, (k * k - 1) / (3 * lam)
    out.update(f=f, df1=float(df1), df2=df2, p=float(stats.f.sf(f, df1, df2)))
    return out


def _release_outcome(eo: Mapping[str, Any], wo: Mapping[str, Any], pol: Policy, confidence: float) -> Dict[str, Any]:
    out = copy.deepcopy(wo)
    h = eo["histogram"]
    span = float(h["bins"][-1]["high"] - h["low"]) if h.get("bins") else 1.0
    rel = eo.get("reliability")
    out["overall"] = _release_change_row(eo["overall"], wo["overall"], pol, span, rel, confidence)
    okey = _row_key(eo["overall"])
    for f in ("episodes", "with_baseline", "with_follow_up"):
        if wo.get(f) is not None and eo.get(f) is not None and not math.isnan(eo[f]):
            out[f] = pol.count(eo[f], okey, f)
    exact_breakdowns = {b["dimension"]: b for b in eo["breakdowns"]}
    for wb, ob in zip(wo["breakdowns"], out["breakdowns"]):
        eb = exact_breakdowns[wb["dimension"]]
        exact = {r["group"]: r for r in eb["rows"]}
        ob["rows"] = [_release_change_row(exact[wr["group"]], wr, pol, span, rel, confidence) if wr["group"] in exact
                      else copy.deepcopy(wr) for wr in wb["rows"]]
        released = {r["group"]: r for r in ob["rows"]}
        exact_diffs = {d["group"]: d for d in eb.get("differences", [])}
        diffs = []
        for wd in wb.get("differences", []):
            d = copy.deepcopy(wd)
            ed = exact_diffs.get(wd["group"])
            if ed is None:
                diffs.append(d)
                continue
            g = released.get(ed["group"])
            if wd.get("suppressed") or g is None or g.get("suppressed") or not g.get("n") or ed.get("n_rest") in (None, 0):
                diffs.append(d)
                continue
            d["n_group"] = g["n"]
            if ed.get("mean_change_rest") is None or ed.get("t") in (None, 0) or ed.get("mean_change_group") is None:
                d["n_rest"] = pol.count(ed["n_rest"], _key(ed["n_rest"], ed.get("mean_change_rest")), "n")
                for f in ("mean_change_group", "mean_change_rest", "difference", "ci_low", "ci_high", "t", "df", "p"):
                    d[f] = None
                diffs.append(d)
                continue
            rkey = _key(ed["n_rest"], ed["mean_change_rest"])
            # the rest's size as released: the released total less the released group when the
            # breakdown covers everyone (carries nothing beyond them), else a count of its own
            covers = eo["overall"]["n"] == sum(r["n"] for r in eb["rows"])
            nr = max(pol.floor, out["overall"]["n"] - g["n"]) if covers and out["overall"].get("n") \
                else pol.count(ed["n_rest"], rkey, "n")
            d["n_rest"] = nr
            br = MAGNITUDE_NOISE * span / nr
            mr = _noisy(ed["mean_change_rest"], 2 * br, rkey, "mc")
            se2 = ((ed["mean_change_group"] - ed["mean_change_rest"]) / ed["t"]) ** 2
            sg = exact[ed["group"]]["sd_change"]
            sr2 = max(1e-6, ed["n_rest"] * (se2 - sg * sg / ed["n_group"]))
            sr = max(0.01, _noisy(math.sqrt(sr2), br, rkey, "sc"))
            ng = g["n"]
            vg, vr = g["sd_change"] ** 2 / ng, sr * sr / nr
            diff = g["mean_change"] - mr
            t = diff / math.sqrt(vg + vr)
            df = (vg + vr) ** 2 / (vg * vg / (ng - 1) + vr * vr / (nr - 1))
            q = stats.t.ppf(0.5 + confidence / 2, df)
            d.update(mean_change_group=g["mean_change"], mean_change_rest=mr, difference=diff, t=t, df=df,
                     p=float(2 * stats.t.sf(abs(t), df)), ci_low=diff - q * math.sqrt(vg + vr),
                     ci_high=diff + q * math.sqrt(vg + vr))
            diffs.append(d)
        if "differences" in ob:
            ob["differences"] = diffs
        if wb.get("welch_anova") is not None:
            shown = [r for r in ob["rows"] if not r.get("suppressed")]
            ob["welch_anova"] = {**wb["welch_anova"], **_welch_anova(shown)}
        et, wt = eb.get("trend"), wb.get("trend")
        if wt and not wt.get("suppressed") and et.get("n"):
            tkey = _key(et["n"], et.get("slope"), et.get("intercept"))
            n = pol.count(et["n"], tkey, "n")
            t = copy.deepcopy(wt)
            t["n"] = n
            if et.get("slope") is not None and n > 2:
                b = MAGNITUDE_NOISE * span / n
                slope = _noisy(et["slope"], b, tkey, "slope")
                r = max(-0.99, min(0.99, _noisy(et["r"], 1.0 / math.sqrt(n), tkey, "r", 3)))
                tt = r * math.sqrt(n - 2) / math.sqrt(1 - r * r)
                q = stats.t.ppf(0.5 + confidence / 2, n - 2)
                se = abs(slope / tt) if tt else math.nan
                t.update(slope=slope, intercept=_noisy(et["intercept"], b, tkey, "intercept"), r=r, t=tt,
                         df=float(n - 2), p=float(2 * stats.t.sf(abs(tt), n - 2)), ci_low=slope - q * se,
                         ci_high=slope + q * se)
            ob["trend"] = t
    # histogram bars: each bar is a cell of its own (the released bins may merge exact ones)
    from attacks import exact_bins_on

    for ebin, obin in zip(exact_bins_on(out["histogram"]["bins"], eo["histogram"]["bins"]), out["histogram"]["bins"]):
        assert ebin["low"] == obin["low"]
        for side in ("before", "after"):
            if obin.get(side) is not None and side not in obin["suppressed_fields"]:
                # a bar holding every paired person is the same cell as the row's n: same value
                same = ebin[side] == eo["overall"]["n"]
                obin[side] = pol.count(ebin[side], okey if same else _key(okey, side, ebin["low"], ebin[side]), "n")
    return out


def _release_proportion(et: Mapping[str, Any], wt: Mapping[str, Any], pol: Policy, confidence: float) -> Dict[str, Any]:
    out = copy.deepcopy(wt)

    def one(er, wr):
        r = copy.deepcopy(wr)
        if wr.get("suppressed") or not wr.get("n"):
            return r
        key = _key(et["measure"], er["n"], er["k"])
        n_rel = pol.count(er["n"], key, "n")
        r["n"] = n_rel
        if wr.get("k") is not None:
            r["k"] = pol.sub_count(er["k"], er["n"], n_rel, key, "k")
        if wr.get("share") is not None:
            r["share"], r["ci_low"], r["ci_high"] = _share(er["k"], er["n"], n_rel, key, "share", confidence, pol,
                                                           r.get("k"))
        return r

    out["overall"] = one(et["overall"], wt["overall"])
    exact_breakdowns = {b["dimension"]: b for b in et["breakdowns"]}
    for ob in out["breakdowns"]:
        exact = {r["group"]: r for r in exact_breakdowns[ob["dimension"]]["rows"]}
        ob["rows"] = [one(exact[wr["group"]], wr) if wr["group"] in exact else wr for wr in ob["rows"]]
    return out


def release(exact: Mapping[str, Any], weak: Mapping[str, Any]) -> Dict[str, Any]:
    """The documented cell key release of an exact report, with today's suppression pattern
    (``weak``: the same report released under the NHS rule)."""
    pol = Policy(int(weak["policy"]["min_count"]), int(weak["policy"]["round_to"]))
    confidence = float(exact.get("confidence", 0.95))
    out = copy.deepcopy(dict(weak))
    out["policy"] = pol.as_dict()
    outcomes = {o["outcome"]: o for o in exact["outcomes"]}
    tables = {t["measure"]: t for t in exact.get("proportions", [])}
    out["outcomes"] = [_release_outcome(outcomes[wo["outcome"]], wo, pol, confidence) for wo in weak["outcomes"]]
    out["proportions"] = [_release_proportion(tables[wt["measure"]], wt, pol, confidence)
                          for wt in weak.get("proportions", [])]
    return out
