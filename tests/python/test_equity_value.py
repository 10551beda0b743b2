"""Access equity and value (docs/equity-and-value.md) from Python: the report's figures against an
independent computation on the same records (pandas for counts and costs, scipy's relative_risk
for the Katz intervals, scipy's binomtest for Wilson), every bad denominator and cost with its
exact error, disclosure (a small group and its ratios withheld; differencing two releases does not
recover it), the DataFrames and the HTML sections."""
import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import binomtest
from scipy.stats.contingency import relative_risk

import laycoach


def expect_error(fn, cls, record, field, rule):
    with pytest.raises(cls) as info:
        fn()
    e = info.value
    assert (e.record, e.field, e.rule) == (record, field, rule), str(e)
    return e


COSTS = {
    "source": "Test figures for the test suite (not a published source)",
    "price_year": "2024/25",
    "coach_hour": {"6": {"value": 40, "low": 35, "high": 45}, "7": {"value": 50, "plus_minus_percent": 10},
                   "default": {"value": 45, "low": 40, "high": 55}},
    "session": {"video": {"value": 5, "low": 4, "high": 6}, "telephone": {"value": 3, "low": 2, "high": 4},
                "face_to_face": {"value": 20, "low": 15, "high": 30}},
    "training_day": {"value": 200, "low": 150, "high": 250},
    "supervision_hour": {"value": 70, "plus_minus_percent": 20},
}


@pytest.fixture(scope="module")
def svc():
    """The demo service, coaches given bands 6 and 7 (every third none: costed at "default"), and
    four estates staff referred (a small group)."""
    p = laycoach.demo.make()
    for i, c in enumerate(p.coaches()):
        c.band = ["6", "7", ""][i % 3]
        p.update_coach(c)
    for i in range(4):
        p.add_client({"id": f"estates-{i}", "kind": "staff", "staff_group": "estates",
                      "consent": {"coaching": True, "evaluation": True}})
        p.add_referral({"id": f"estates-r{i}", "client_id": f"estates-{i}", "offer_id": "lay_too_1to1",
                        "requested_at": "2024-02-01T10:00:00Z"})
    return p


def _labels(series, empty="not_recorded"):
    return series.astype(object).fillna("").replace("", empty)  # frame() gives categories: labels as text


def _clients_by(p, dim):
    """Distinct clients with a referral, per group of `dim` (the breakdown's labels)."""
    clients = laycoach.frame(p, "clients")
    refs = laycoach.frame(p, "referrals")
    reached = clients[clients.id.isin(refs.client_id)]
    return _labels(reached[dim], "not_stated" if dim == "ethnicity_group" else "not_recorded").value_counts()


def _denominators(p):
    counts = _clients_by(p, "staff_group")
    # A population a few times larger than those reached, varying by group.
    return {g: int(n * (3 + i)) for i, (g, n) in enumerate(sorted(counts.items()))}


def test_equity_against_scipy_and_pandas(svc):
    den = _denominators(svc)
    rep = svc.evaluate("service_manager", equity={"denominators": {"staff_group": den}})
    eq = rep.equity_frame()
    rows = eq[(eq.dimension == "staff_group") & (eq.group != "all")].set_index("group")
    counts = _clients_by(svc, "staff_group")
    assert set(rows.index) == set(den)
    total_a, total_d = sum(counts[g] for g in den), sum(den.values())
    for g, d in den.items():
        a = int(counts[g])
        r = rows.loc[g]
        assert r.clients == a and r.denominator == d
        assert r.uptake == pytest.approx(a / d, rel=1e-12)
        ci = binomtest(a, d).proportion_ci(0.95, method="wilson")
        assert (r.uptake_ci_low, r.uptake_ci_high) == (pytest.approx(ci.low, abs=1e-12), pytest.approx(ci.high, abs=1e-12))
        rr = relative_risk(a, d, total_a - a, total_d - d)
        k = rr.confidence_interval(0.95)
        assert r.representation == pytest.approx(rr.relative_risk, rel=1e-12)
        assert r.representation_ci_low == pytest.approx(k.low, rel=1e-12)
        assert r.representation_ci_high == pytest.approx(k.high, rel=1e-12)
    # Outcome: improved counts add up to the outcome's overall reliable improvement; the ratios
    # are scipy's on the same counts.
    outcome = rep.data["equity"]["outcome"]
    overall = rep.outcome(outcome)["overall"]
    assert rows.improved.sum() == overall["reliable_improved"]
    assert rows.paired.sum() == overall["n"]
    K, M = rows.improved.sum(), rows.paired.sum()
    checked = 0
    for g, r in rows.iterrows():
        if r.paired == 0 or r.paired == M or r.improved == 0 or r.improved == K:
            continue
        rr = relative_risk(int(r.improved), int(r.paired), int(K - r.improved), int(M - r.paired))
        assert r.outcome_ratio == pytest.approx(rr.relative_risk, rel=1e-12)
        assert r.outcome_ratio_ci_low == pytest.approx(rr.confidence_interval().low, rel=1e-12)
        assert r.outcome_ratio_ci_high == pytest.approx(rr.confidence_interval().high, rel=1e-12)
        ci = binomtest(int(r.improved), int(r.paired)).proportion_ci(method="wilson")
        assert r.share_improved_ci_low == pytest.approx(ci.low, abs=1e-12)
        checked += 1
    assert checked >= 2


def test_equity_by_several_dimensions_and_confidence(svc):
    orgs = _clients_by(svc, "organisation")
    den = {"organisation": {g: int(n) * 4 for g, n in orgs.items()},
           "sector": {g: int(n) * 2 for g, n in _clients_by(svc, "sector").items()}}
    rep = svc.evaluate("service_manager", equity={"denominators": den}, confidence=0.9)
    eq = rep.equity_frame()
    assert list(dict.fromkeys(eq.dimension)) == ["sector", "organisation"]  # equity_dimensions() order
    g, n = next((g, int(n)) for g, n in orgs.items() if g != "not_recorded")
    r = eq[(eq.dimension == "organisation") & (eq.group == g)].iloc[0]
    total = int(sum(orgs.values))
    k = relative_risk(n, 4 * n, total - n, 4 * total - 4 * n).confidence_interval(0.9)
    assert r.representation_ci_low == pytest.approx(k.low, rel=1e-12)
    # Everyone's uptake in "all": clients over the whole population.
    a = eq[(eq.dimension == "organisation") & (eq.group == "all")].iloc[0]
    assert a.clients == total and a.uptake == pytest.approx(0.25)
    assert pd.isna(a.representation)


def test_value_against_pandas(svc):
    rep = svc.evaluate("service_manager", unit_costs=COSTS)
    v = rep.value_frame().set_index("item")
    assert rep.value_frame().attrs["source"] == COSTS["source"]
    sessions = laycoach.frame(svc, "sessions")
    att = laycoach.frame(svc, "session_attendees")
    coaches = laycoach.frame(svc, "coaches").set_index("id")
    offers = laycoach.frame(svc, "offers").set_index("id")
    # A place is the session's when the coach did not attend, cancelled or rescheduled; otherwise
    # the attendee's, or the session's while the attendee is still "booked".
    s = sessions.rename(columns={"id": "owner", "status": "session_status"})
    places = att.merge(s, on="owner")
    # Two enumerations (attendee and session status): compare their names as text.
    own = places.status.astype(object).where(places.status != "booked", places.session_status.astype(object))
    outcome = own.where(~places.session_status.isin(["coach_did_not_attend", "cancelled_by_coach", "rescheduled"]),
                        "not_costed")
    places["spent"] = outcome.isin(["attended", "did_not_attend", "client_did_not_attend"])
    places["held"] = outcome == "attended"
    per = places.groupby("owner").agg(spent=("spent", "any"), held=("held", "any"))
    costed = sessions.set_index("id").join(per, how="inner")
    costed = costed[costed.spent]
    minutes = costed.minutes.where(costed.minutes > 0, costed.offer_id.map(offers.session_minutes))
    band = costed.coach_id.map(coaches.band.astype(object)).fillna("").replace("", "default")
    band = band.where(band.isin(list(COSTS["coach_hour"])), "default")

    def cost(spec, end):
        if "low" in spec:
            return spec[end] if end != "value" else spec["value"]
        f = {"value": 1, "low": 1 - spec["plus_minus_percent"] / 100, "high": 1 + spec["plus_minus_percent"] / 100}[end]
        return spec["value"] * f

    exp = {}
    for end, col in (("value", "cost"), ("low", "cost_low"), ("high", "cost_high")):
        coach = (minutes / 60 * band.map(lambda b: cost(COSTS["coach_hour"][b], end))).sum()
        over = costed.modality.astype(object).map(lambda m: cost(COSTS["session"][m], end)).sum()
        trainees = laycoach.frame(svc, "trainees")
        training = trainees.days_attended.sum() * cost(COSTS["training_day"], end)
        sup = laycoach.frame(svc, "supervision").minutes.sum() / 60 * cost(COSTS["supervision_hour"], end)
        assert v.loc["coach_time", col] == pytest.approx(coach, rel=1e-9)
        assert v.loc["session_overheads", col] == pytest.approx(over, rel=1e-9)
        assert v.loc["training", col] == pytest.approx(training, rel=1e-9)
        assert v.loc["supervision", col] == pytest.approx(sup, rel=1e-9)
        exp[col] = coach + over + training + sup
        assert v.loc["total", col] == pytest.approx(exp[col], rel=1e-9)
    assert v.loc["coach_time", "quantity"] == len(costed)
    held = int(costed.held.sum())
    assert v.loc["per_session", "quantity"] == held == rep.data["access"]["sessions"]
    refs = laycoach.frame(svc, "referrals")
    # A place without a referral id belongs to the client's latest referral requested at or before
    # the session (one on the session's offer first), else the client's first (evaluation.hpp).
    by_client = {c: g.sort_values(["requested_at", "id"]) for c, g in refs.groupby("client_id")}

    def episode(pl):
        if isinstance(pl.referral_id, str) and pl.referral_id:
            return pl.referral_id
        rs = by_client.get(pl.client_id)
        if rs is None:
            return None
        before = rs[rs.requested_at <= pl.start]
        same = before[before.offer_id == pl.offer_id]
        pick = same if len(same) else before if len(before) else rs.iloc[:1]
        return pick.iloc[-1].id

    attended_refs = {episode(pl) for pl in places[places.held].itertuples()}
    completed = int((refs.closed.astype(bool) & refs.id.isin(attended_refs)).sum())
    assert v.loc["per_completed_episode", "quantity"] == completed
    improved = rep.outcome(rep.data["value"]["outcome"])["overall"]["reliable_improved"]
    assert v.loc["per_reliable_improvement", "quantity"] == improved
    for item, q in (("per_session", held), ("per_completed_episode", completed), ("per_reliable_improvement", improved)):
        for col in ("cost", "cost_low", "cost_high"):
            assert v.loc[item, col] == pytest.approx(exp[col] / q, rel=1e-9)
    assert v.loc["per_session", "cost_low"] < v.loc["per_session", "cost"] < v.loc["per_session", "cost_high"]


def test_bad_denominators_and_costs(svc):
    ev = lambda **kw: svc.evaluate("service_manager", **kw)  # noqa: E731
    expect_error(lambda: ev(equity={"denominators": {"staff_group": {"nursing": -3}}}), laycoach.ValidationError,
                 "evaluation_options", "equity/denominators/staff_group/nursing", "non_negative")
    expect_error(lambda: ev(equity={"denominators": {"staff_group": {"estates": 0}}}), laycoach.ValidationError,
                 "evaluation_options", "equity/denominators/staff_group/estates", "positive_denominator")
    expect_error(lambda: ev(equity={"denominators": {"grade": {"x": 1}}}), laycoach.ValidationError,
                 "evaluation_options", "equity/denominators/grade", "equity_dimension")
    expect_error(lambda: ev(equity={"denominators": {"staff_group": {"x": 1.5}}}), laycoach.ParseError,
                 "evaluation_options", "/equity/denominators/staff_group/x", "document_schema")
    bad = dict(COSTS, coach_hour={"8z": {"value": 1, "low": 1, "high": 1}})
    expect_error(lambda: ev(unit_costs=bad), laycoach.ValidationError, "unit_costs", "coach_hour/8z", "afc_band")
    bad = dict(COSTS, training_day={"value": -1, "plus_minus_percent": 0})
    expect_error(lambda: ev(unit_costs=bad), laycoach.ValidationError, "unit_costs", "training_day/value", "non_negative")
    bad = dict(COSTS, session={"video": {"value": 5, "low": 6, "high": 7}})
    expect_error(lambda: ev(unit_costs=bad), laycoach.ValidationError, "unit_costs", "session/video", "range_order")
    bad = {k: v for k, v in COSTS.items() if k != "coach_hour"}
    bad["coach_hour"] = {"6": {"value": 40, "low": 35, "high": 45}}  # band 7 and band-less coaches not costed
    expect_error(lambda: ev(unit_costs=bad), laycoach.ValidationError, "unit_costs", "coach_hour", "band_not_costed")
    expect_error(lambda: svc.evaluate({"audience": "employer", "id": "RX1"}, unit_costs=COSTS), laycoach.ForbiddenError,
                 "evaluation_options", "unit_costs", "value_audience")
    c = svc.coaches()[0]
    c.band = "5b"
    expect_error(lambda: svc.update_coach(c), laycoach.ValidationError, c.id, "band", "afc_band")


def _release(p, den):
    rep = p.evaluate("commissioner", equity={"denominators": {"staff_group": den}})
    return rep.equity_frame().set_index("group"), rep.data["policy"]


def _bucket(r, pol):
    """Exact counts a released count r can come from (docs/disclosure.md's count_bucket)."""
    b, d = pol["round_to"], pol["max_perturbation"] if pol["cell_key"] else 0
    lo, hi = r - b // 2 - d, r + (b - 1) // 2 + d
    floor = -(-pol["min_count"] // b) * b
    lo = pol["min_count"] if r == floor else max(pol["min_count"], lo)
    return range(lo, hi + 1)


def test_small_group_and_ratios_withheld_and_not_recovered_by_differencing(svc):
    den = _denominators(svc)
    assert _clients_by(svc, "staff_group")["estates"] == 4
    with_small, pol = _release(svc, den)
    e = with_small.loc["estates"]
    assert e.suppressed and pd.isna(e.clients) and pd.isna(e.representation) and pd.isna(e.uptake)
    assert {"clients", "uptake", "representation", "representation_ci_low"} <= set(e.suppressed_fields)
    # Complementary suppression: another group is withheld with it.
    assert with_small.drop(index=["estates", "all"]).suppressed.sum() >= 1
    # Every shown group's ratio is the released counts' ratio.
    shown = with_small[~with_small.suppressed.astype(bool) & (with_small.index != "all")]
    total = with_small.loc["all"]
    for g, r in shown.iterrows():
        rr = relative_risk(int(r.clients), int(r.denominator), int(total.clients - r.clients),
                           int(total.denominator - r.denominator))
        assert r.representation == pytest.approx(round(rr.relative_risk, 4), abs=1e-9)
    # The attacker's differencing: the same release without the small group's denominator.
    without, _ = _release(svc, {g: n for g, n in den.items() if g != "estates"})
    a, b = int(total.clients), int(without.loc["all"].clients)
    consistent = {x - y for x in _bucket(a, pol) for y in _bucket(b, pol)} & set(range(1, pol["min_count"]))
    assert 4 in consistent and len(consistent) >= 2
    # Repeated queries: identical figures (the cell key, not fresh noise).
    again, _ = _release(svc, den)
    pd.testing.assert_frame_equal(again, with_small)


def test_value_for_a_commissioner(svc):
    rep = svc.evaluate("commissioner", unit_costs=COSTS)
    v = rep.value_frame().set_index("item")
    exact = svc.evaluate("service_manager", unit_costs=COSTS).value_frame().set_index("item")
    pol = rep.data["policy"]
    assert v.loc["per_session", "quantity"] == rep.data["access"]["sessions"]
    # The costliest single record of each item (central unit costs): the unit costs move in.
    sessions = laycoach.frame(svc, "sessions")
    step = {"coach_time": sessions.minutes.max() / 60 * 50, "session_overheads": 20,
            "training": laycoach.frame(svc, "trainees").days_attended.max() * 200,
            "supervision": laycoach.frame(svc, "supervision").minutes.max() / 60 * 70}
    for item, s in step.items():
        assert not v.loc[item, "suppressed"]
        assert v.loc[item, "quantity"] % pol["round_to"] == 0
        assert v.loc[item, "quantity"] in _bucket(int(v.loc[item, "quantity"]), pol)
        assert int(exact.loc[item, "quantity"]) in _bucket(int(v.loc[item, "quantity"]), pol)
        bound = (pol["max_perturbation"] + pol["round_to"] / 2) * s + 0.01
        assert abs(v.loc[item, "cost"] - exact.loc[item, "cost"]) <= bound
    assert v.loc["total", "cost"] == pytest.approx(
        sum(v.loc[i, "cost"] for i in ("coach_time", "session_overheads", "training", "supervision")))
    assert v.loc["per_session", "cost"] == pytest.approx(v.loc["total", "cost"] / v.loc["per_session", "quantity"],
                                                         abs=0.006)
    # Costs never come out as an exact multiple that gives the count away: released in units of
    # round_to costliest records.
    again = svc.evaluate("commissioner", unit_costs=COSTS).value_frame().set_index("item")
    pd.testing.assert_frame_equal(again, v)


def test_frames_and_html(svc):
    rep = svc.evaluate("commissioner", equity={"denominators": {"staff_group": _denominators(svc)}}, unit_costs=COSTS)
    f = rep.frames()
    assert {"equity", "value"} <= set(f)
    marked = rep.equity_frame(marked=True).set_index("group")
    assert marked.loc["estates", "representation"] == "*"
    html = rep.to_html(plots=False)
    assert "<h2>Access equity</h2>" in html and "<h2>Value</h2>" in html
    assert COSTS["source"] in html
    plain = svc.evaluate("commissioner")
    assert "equity" not in plain.frames() and plain.equity_frame().empty and plain.value_frame().empty
    assert "Access equity" not in plain.to_html(plots=False)
    assert laycoach.Coach.from_json('{"id": "z", "band": "8a"}').band == "8a"
    assert pd.isna(f["value"].set_index("item").loc["total", "quantity"])
