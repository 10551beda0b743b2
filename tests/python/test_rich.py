"""Rich objects: every result class of the statistics and scoring faces has a rounded one-line
repr, to_dict() at full precision, to_frame() and a small _repr_html_; a Programme prints as a
summary of where it is kept and how many records it holds, with no person's data."""
import datetime as dt
import json
import math
import re
import sqlite3

import numpy as np
import pandas as pd
import pytest

import laycoach
from laycoach import stats
from conftest import COACH

# More than 6 significant digits after a decimal point (leading zeros of 0.00123 not counted): an
# unrounded float in a repr.
LONG_FLOAT = re.compile(r"\d\.0*[1-9]\d{6,}")


def data(n=60, seed=3):
    rng = np.random.default_rng(seed)
    before = rng.normal(20.0, 4.0, n)
    after = before + rng.normal(1.3, 2.0, n)
    group = np.array(["a", "b", "c"])[np.arange(n) % 3]
    return before, after, group


def results():
    """One object of every result class (name -> object)."""
    b, a, g = data()
    anc = stats.ancova(b, a, g)
    arms = stats.compare_arms(b, a, g == "c")
    eff = stats.effect_sizes(b, a)
    score = laycoach.score("phq9", [1, 2, 3, 0, 1, 2, 3, 0, 1])
    return {
        "PairedT": stats.paired_t(b, a),
        "Wilcoxon": stats.wilcoxon(b, a),
        "ReliableChange": stats.reliable_change(b, a, 0.8),
        "EffectSizes": eff,
        "Estimate": eff.d_z,
        "Ancova": anc,
        "Coefficient": anc.coefficients[1],
        "AdjustedMean": anc.groups[0],
        "ArmComparison": arms,
        "WelchT": arms.change,
        "Score": score,
        "ScaleScore": score.scales[0],
        "WilsonInterval": stats.wilson(3, 10),
        "Slot": laycoach.booking.Slot("c1", dt.datetime(2024, 3, 4, 9, tzinfo=dt.timezone.utc)),
        "AccessFigures": _access_figures(),
    }


def _access_figures():
    """The access figures of the conftest programme's one booked session (4 March 2024)."""
    from conftest import BOOKED_AT, at

    p = laycoach.Programme()
    p.add_coach(COACH)
    p.add_client({"id": "s1", "kind": "staff", "consent": {"coaching": True}})
    p.add_referral({"id": "r1", "client_id": "s1", "offer_id": "lay_too_1to1", "requested_at": "2024-03-03T20:00:00Z"})
    p.book({"id": "x1", "offer_id": "lay_too_1to1", "coach_id": "c1",
            "attendees": [{"client_id": "s1", "referral_id": "r1"}], "booked_at": BOOKED_AT, "start": at(2024, 3, 4, 9)})
    return p.access_figures(at(2024, 3, 1), at(2024, 4, 1))


def _result_classes(module):
    """The public classes a module defines (laycoach's own, not re-exported helpers)."""
    return {n for n in dir(module) if not n.startswith("_") and isinstance(getattr(module, n), type)
            and (getattr(module, n).__module__ or "").startswith("laycoach")}


def test_every_result_class_of_stats_and_booking_is_checked():
    # listed from the modules, so a result class added later without a display fails here
    assert _result_classes(stats) | _result_classes(laycoach.booking) <= set(results())


def g4(x):
    return format(x, ".4g")


def test_paired_t_repr_is_one_rounded_line():
    b, a, _ = data()
    r = stats.paired_t(b, a)
    assert repr(r) == (f"PairedT(n=60, mean_diff={g4(r.mean_diff)} [95% CI {g4(r.ci_low)}, {g4(r.ci_high)}], "
                       f"t={g4(r.t)}, df=59, p={r.p:.2g}, d_z={g4(r.d_z)}, d_av={g4(r.d_av)})")
    r90 = stats.paired_t(b, a, confidence=0.9)
    assert "[90% CI " in repr(r90)


def test_wilcoxon_and_effect_sizes_repr():
    b, a, _ = data()
    w = stats.wilcoxon(b, a)
    assert repr(w) == (f"Wilcoxon(n=60, n_zero=0, w_plus={g4(w.w_plus)}, w_minus={g4(w.w_minus)}, z={g4(w.z)}, "
                       f"p={w.p:.2g}, r={g4(w.r)}, exact=False)")
    e = stats.effect_sizes(b, a, confidence=0.9)
    assert repr(e).startswith("EffectSizes(n=60, n_dropped=0, method='analytic', d_z=")
    assert f"g_av={g4(e.g_av.estimate)} [90% CI {g4(e.g_av.ci_low)}, {g4(e.g_av.ci_high)}]" in repr(e)
    assert repr(e.d_z) == f"Estimate(estimate={g4(e.d_z.estimate)} [CI {g4(e.d_z.ci_low)}, {g4(e.d_z.ci_high)}])"


def test_ancova_arms_and_score_repr():
    b, a, g = data()
    anc = stats.ancova(b, a, g)
    slope = anc.coefficients[1]
    assert repr(anc) == (f"Ancova(n=60, n_dropped=0, df_resid=56, r_squared={g4(anc.r_squared)}, "
                         f"before={g4(slope.estimate)} [95% CI {g4(slope.ci_low)}, {g4(slope.ci_high)}], "
                         f"p={slope.p:.2g})")
    c = stats.compare_arms(b, a, g == "c")
    assert repr(c).startswith("ArmComparison(n_comparison=40, n_intervention=20, n_dropped=0, change_difference=")
    s = laycoach.score("phq9", [1, 2, 3, 0, 1, 2, 3, 0, 1])
    assert repr(s) == f"Score(instrument_id='phq9', total=13, band={s.band!r}, flags={s.flags!r}, n_missing=0)"
    assert repr(s.scales[0]).startswith("ScaleScore(scale=")


@pytest.mark.parametrize("name", list(results()))
def test_every_result_has_the_four_faces(name):
    r = results()[name]
    assert type(r).__name__ == name
    text = repr(r)
    assert text.startswith(name + "(") and text.endswith(")") and "\n" not in text
    assert not LONG_FLOAT.search(text), text
    assert len(text) < 260, text
    d = r.to_dict()
    assert json.loads(json.dumps(d, default=str)) == {k: (str(v) if isinstance(v, dt.datetime) else v)
                                                      for k, v in d.items()} or any(
        isinstance(v, float) and math.isnan(v) for v in d.values())
    f = r.to_frame()
    assert isinstance(f, pd.DataFrame) and len(f) >= 1
    html = r._repr_html_()
    assert html.startswith("<table><caption>" + name + "</caption>") and html.count("<table") <= 3
    assert len(html) < 6000
    for method in ("to_dict", "to_frame", "_repr_html_", "__repr__"):
        assert getattr(type(r), method).__doc__


def test_to_dict_is_every_field_at_full_precision():
    b, a, _ = data()
    r = stats.paired_t(b, a)
    fields = ["n", "mean_before", "sd_before", "mean_after", "sd_after", "mean_diff", "sd_diff", "confidence",
              "ci_low", "ci_high", "t", "df", "p", "d_z", "d_av", "g_z", "g_av"]
    d = r.to_dict()
    assert list(d) == fields
    assert all(d[k] == getattr(r, k) for k in fields)  # the same doubles, not rounded
    assert json.loads(json.dumps(d)) == d  # round-trips exactly through JSON
    w = stats.wilcoxon(b, a).to_dict()
    assert list(w) == ["n", "n_zero", "w_plus", "w_minus", "z", "p", "r", "exact", "has_ties"]
    assert w["exact"] is False
    e = stats.effect_sizes(b, a)
    assert e.to_dict()["d_z"] == {"estimate": e.d_z.estimate, "ci_low": e.d_z.ci_low, "ci_high": e.d_z.ci_high}
    c = stats.compare_arms(b, a, np.arange(60) % 2 == 0)
    assert c.to_dict()["change"]["difference"] == c.change.difference
    assert c.to_dict()["ancova"]["coefficients"][2]["term"] == c.adjusted.term


def test_to_frame_is_one_row_or_tidy():
    b, a, _ = data()
    r = stats.paired_t(b, a)
    f = r.to_frame()
    assert f.shape == (1, 17) and list(f.columns) == list(r.to_dict())
    assert f.loc[0, "p"] == r.p and f.loc[0, "n"] == 60
    w = stats.wilcoxon(b, a).to_frame()
    assert w.loc[0, "w_plus"] == stats.wilcoxon(b, a).w_plus
    s = laycoach.score("wemwbs", [3] * 14)
    sf = s.to_frame()
    assert list(sf.columns) == ["instrument_id", "scale", "raw", "score", "band"]
    assert list(sf["scale"]) == [x.scale for x in s.scales] and sf.loc[0, "score"] == s.scales[0].score
    sf.to_csv()
    e = stats.effect_sizes(b, a)
    assert list(e.to_frame().index) == ["d_z", "d_av", "g_z", "g_av"]


def test_repr_html_is_a_small_table_of_the_headline():
    b, a, _ = data()
    r = stats.paired_t(b, a)
    html = r._repr_html_()
    assert html.count("<tr>") == 7 and len(html) < 1200
    assert f"{g4(r.mean_diff)} [95% CI {g4(r.ci_low)}, {g4(r.ci_high)}]" in html
    anc = stats.ancova(b, a, data()[2])
    assert "Baseline-adjusted change" in anc._repr_html_()


def test_nan_results_print_nan():
    r = stats.paired_t([1.0, np.nan, 3.0], [2.0, 2.0, 5.0])
    assert repr(r) == "PairedT(n=3, mean_diff=nan [95% CI nan, nan], t=nan, df=nan, p=nan, d_z=nan, d_av=nan)"
    assert math.isnan(r.to_dict()["p"])


# ---- Programme --------------------------------------------------------------------------------------


def test_programme_in_memory_repr_counts():
    p = laycoach.Programme()
    p.add_coach(COACH)
    p.add_client({"id": "s1", "kind": "staff", "ethnicity": "Rosalind-described", "consent": {"coaching": True}})
    assert repr(p) == ("Programme(in memory, organisations=0, coaches=1, clients=1, referrals=0, sessions=0, "
                       "responses=0)")
    assert p.overview() == {"store": None, "schema_version": None, "read_only": False, "organisations": 0,
                            "coaches": 1, "clients": 1, "referrals": 0, "sessions": 0, "responses": 0}
    html = p._repr_html_()
    assert html.startswith("<table><caption>Programme</caption>") and len(html) < 1000
    assert "<td>in memory</td>" in html
    assert "Rosalind" not in repr(p) + html and "s1" not in repr(p) + html  # no person's data


def test_programme_store_repr(tmp_path):
    path = str(tmp_path / "p.sqlite")
    p = laycoach.open(path, mode="c")
    p.add_coach(COACH)
    v = laycoach.sqlite_schema_version()
    assert repr(p) == (f"Programme(store={path!r}, schema_version={v}, organisations=0, coaches=1, clients=0, "
                       f"referrals=0, sessions=0, responses=0)")
    ro = laycoach.open(path, mode="r")
    assert repr(ro).startswith(f"Programme(store={path!r}, schema_version={v}, read_only, organisations=0, coaches=1")
    assert "<td>read-only</td>" in ro._repr_html_()
    assert repr(laycoach.open(":memory:")).startswith("Programme(store=':memory:', schema_version=")
    # a summary reads no record: the access log (what exports and confidential reads write) is unchanged
    logged = sqlite3.connect(path).execute("SELECT count(*) FROM access_log").fetchone()[0]
    repr(p), p._repr_html_(), repr(ro)
    assert sqlite3.connect(path).execute("SELECT count(*) FROM access_log").fetchone()[0] == logged


def test_demo_programme_repr_counts_match_the_tables(demo_service):
    p = demo_service
    o = p.overview()
    for kind in ("coaches", "sessions", "referrals", "responses"):
        assert o[kind] == len(getattr(p, kind)()), kind
    assert o["clients"] == p.client_count
    assert f"sessions={o['sessions']}" in repr(p)


def test_negative_nan_prints_nan():
    # 0/0 on x86 is a NaN with the sign bit set; it prints as Python prints it
    r = stats.paired_t([1.0, 1.0], [1.0, 1.0])  # all differences zero: t = 0/0
    assert math.isnan(r.t) and "t=nan" in repr(r) and "-nan" not in repr(r)


def test_booking_results_display():
    f = _access_figures()
    # a session booked directly (book), not from a search: no request time, so no 24-hour shares
    assert repr(f) == ("AccessFigures(n_bookings=1, share_offered_within_24h=nan, share_within_24h=nan, "
                       "share_out_of_hours=0, median_minutes_to_session=nan, attended=0, client_did_not_attend=0, "
                       f"coach_did_not_attend=0, overall_utilisation={f.overall_utilisation:.4g})")
    assert 0 < f.overall_utilisation < 0.01 and len(repr(f).rsplit("=", 1)[1]) == len("0.001724)")
    d = f.to_dict()
    assert d["n_bookings"] == len(f) == 1 and d["with_request"] == 0 and d["booked"] == 1
    assert list(f.to_frame().columns) == list(d) and f.to_frame().loc[0, "overall_utilisation"] == f.overall_utilisation
    assert "<th style=\"text-align:left\">n_bookings</th><td>1</td>" in f._repr_html_()
    s = laycoach.booking.Slot("c1", dt.datetime(2024, 3, 4, 9, tzinfo=dt.timezone.utc))
    assert repr(s) == ("Slot(start=2024-03-04T09:00:00+00:00, minutes=0, coach_id='c1', modality=video, "
                       "favoured=False, coach_week_sessions=0)")
    frame = s.to_frame()
    assert list(frame.columns) == list(s.to_dict()) and str(frame.loc[0, "start"]) == "2024-03-04 09:00:00+00:00"
