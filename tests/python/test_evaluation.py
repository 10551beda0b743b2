"""The evaluation engine from Python: laycoach.evaluate_columns against scipy (a test-only
dependency) and pandas, Programme.evaluate on the demo evaluation, options, audiences, errors.

Differences are after - before, so laycoach's paired t-test is scipy.stats.ttest_rel(after,
before) and its Wilcoxon test scipy.stats.wilcoxon(after - before, zero_method="wilcox",
correction=False).
"""
import datetime as dt
import json
import math
import threading

import numpy as np
import pandas as pd
import pytest

scipy_stats = pytest.importorskip("scipy.stats")

import laycoach  # noqa: E402

REL = 1e-9


def close(ours, theirs, rel=REL):
    if theirs is None or (isinstance(theirs, float) and math.isnan(theirs)):
        return ours is None
    return ours == pytest.approx(theirs, rel=rel, abs=1e-12)


def wilson(k, n):
    ci = scipy_stats.binomtest(int(k), int(n)).proportion_ci(method="wilson")
    return ci.low, ci.high


def check_row(row, b, a, reliability=None, meaningful=None):
    """One ChangeRow of the report document against scipy on the same pairs."""
    d = a - b
    n = len(d)
    assert row["n"] == n
    tt = scipy_stats.ttest_rel(a, b)
    ci = tt.confidence_interval()
    assert close(row["t"], tt.statistic)
    assert close(row["p"], tt.pvalue)
    assert row["df"] == n - 1
    assert close(row["ci_low"], ci.low)
    assert close(row["ci_high"], ci.high)
    assert close(row["mean_before"], b.mean())
    assert close(row["mean_after"], a.mean())
    assert close(row["sd_change"], d.std(ddof=1))
    sd_b, sd_a = b.std(ddof=1), a.std(ddof=1)
    j = 1 - 3 / (4 * (n - 1) - 1)
    assert close(row["d_z"], d.mean() / d.std(ddof=1))
    assert close(row["d_av"], d.mean() / ((sd_b + sd_a) / 2))
    assert close(row["g_av"], j * d.mean() / ((sd_b + sd_a) / 2))
    nz = d[d != 0]
    w = scipy_stats.wilcoxon(nz, zero_method="wilcox", correction=False,
                             method="exact" if row["wilcoxon_exact"] else "asymptotic")
    assert row["wilcoxon_n"] == len(nz)
    ranks = scipy_stats.rankdata(np.abs(nz))
    assert close(row["w_plus"], ranks[nz > 0].sum())
    assert close(row["wilcoxon_p"], w.pvalue)
    if not row["wilcoxon_exact"]:
        assert close(abs(row["z"]), abs(w.zstatistic))
        assert close(row["r"], row["z"] / math.sqrt(len(nz)))
    if reliability is not None:
        thr = 1.96 * sd_b * math.sqrt(2) * math.sqrt(1 - reliability)
        k = int((d > thr).sum())
        assert row["reliable_improved"] == k
        assert close(row["share_reliable_improved"], k / n)
        lo, hi = wilson(k, n)
        assert close(row["share_reliable_improved_ci_low"], lo)
        assert close(row["share_reliable_improved_ci_high"], hi)
    if meaningful is not None:
        assert row["meaningful_improved"] == int((d >= meaningful).sum())
        assert row["meaningful_deteriorated"] == int((d <= -meaningful).sum())


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(17)
    n = 3000
    table = np.array([7.00, 9.51, 11.25, 12.40, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36, 16.88, 17.43, 17.98, 18.59,
                      19.25, 19.98, 20.73, 21.54, 22.35, 23.21, 24.11, 25.03, 26.02, 27.03, 28.13, 29.31, 30.70, 32.55,
                      35.00])
    dose = rng.integers(0, 6, n)
    raw_b = np.clip(np.rint(20 + 3.5 * rng.standard_normal(n)), 7, 35).astype(int)
    raw_a = np.clip(np.rint(raw_b + 1 + 0.8 * dose + 3.5 * rng.standard_normal(n)), 7, 35).astype(int)
    before, after = table[raw_b - 7], table[raw_a - 7].copy()
    after[rng.random(n) < 0.05] = np.nan
    group = rng.integers(0, 4, n).astype(np.int32)
    group[:40] = 4  # a small group: exact Wilcoxon p path
    group[40:60] = -1  # not in the breakdown
    sector = np.array(["acute", "primary_care", "community"], dtype=object)[rng.integers(0, 3, n)]
    return before, after, group, dose.astype(np.int32), sector


def test_evaluate_columns_agrees_with_scipy(data):
    before, after, group, dose, sector = data
    rep = laycoach.evaluate_columns(before, after, {"group": group, "dose": dose, "sector": sector},
                                    labels={"group": ["a", "b", "c", "d", "e"], "dose": [str(i + 1) for i in range(6)]},
                                    trend={"dose": [1, 2, 3, 4, 5, 6]}, reliability=0.84, meaningful_change=3,
                                    name="swemwbs", audience="service_manager")
    assert isinstance(rep, laycoach.report.Report)
    assert rep.audience == "service_manager" and not rep.disclosure_controlled
    o = rep.data["outcomes"][0]
    assert o["outcome"] == "swemwbs"
    paired = ~np.isnan(before) & ~np.isnan(after)
    b, a = before[paired], after[paired]
    check_row(o["overall"], b, a, 0.84, 3)
    by = {t["dimension"]: t for t in o["breakdowns"]}
    assert [r["group"] for r in by["group"]["rows"]] == ["a", "b", "c", "d", "e"]
    assert [r["group"] for r in by["sector"]["rows"]] == ["acute", "community", "primary_care"]  # factorised, sorted
    g = group[paired]
    changes = []
    for code, r in enumerate(by["group"]["rows"]):
        sel = g == code
        check_row(r, b[sel], a[sel], 0.84, 3)
        changes.append((a - b)[sel])
        rest = (a - b)[(g != code) & (g >= 0)]
        w = scipy_stats.ttest_ind((a - b)[sel], rest, equal_var=False)
        diff = by["group"]["differences"][code]
        assert close(diff["t"], w.statistic)
        assert close(diff["df"], w.df)
        assert close(diff["p"], w.pvalue)
        ci = w.confidence_interval()
        assert close(diff["ci_low"], ci.low)
        assert close(diff["ci_high"], ci.high)
    assert by["group"]["rows"][4]["wilcoxon_exact"] in (True, False)
    f = scipy_stats.f_oneway(*changes, equal_var=False)
    assert close(by["group"]["welch_anova"]["f"], f.statistic)
    assert close(by["group"]["welch_anova"]["p"], f.pvalue)
    lr = scipy_stats.linregress(dose[paired] + 1, a - b)
    t = by["dose"]["trend"]
    assert close(t["slope"], lr.slope)
    assert close(t["intercept"], lr.intercept)
    assert close(t["r"], lr.rvalue)
    assert close(t["p"], lr.pvalue)
    for code, r in enumerate(by["sector"]["rows"]):
        sel = sector[paired] == r["group"]
        check_row(r, b[sel], a[sel], 0.84, 3)


def test_histogram_and_proportions(data):
    before, after, group, _, _ = data
    sat = np.where(np.arange(len(before)) % 7 == 0, np.nan, (np.arange(len(before)) % 3 != 0).astype(float))
    rep = laycoach.evaluate_columns(before, after, {"group": group}, range=(7, 35), proportions={"satisfied": sat},
                                    audience="service_manager")
    paired = ~np.isnan(before) & ~np.isnan(after)
    bins = rep.data["outcomes"][0]["histogram"]["bins"]
    edges = np.arange(7.0, 36.0)
    assert [x["before"] for x in bins] == list(np.histogram(before[paired], bins=edges)[0])
    assert [x["after"] for x in bins] == list(np.histogram(after[paired], bins=edges)[0])
    p = rep.data["proportions"][0]
    answered = ~np.isnan(sat)
    k, n = int(sat[answered].sum()), int(answered.sum())
    assert (p["overall"]["k"], p["overall"]["n"]) == (k, n)
    lo, hi = wilson(k, n)
    assert close(p["overall"]["ci_low"], lo) and close(p["overall"]["ci_high"], hi)
    row = p["breakdowns"][0]["rows"][1]
    sel = answered & (group == 1)
    assert row["n"] == int(sel.sum()) and row["k"] == int(sat[sel].sum())


def test_columns_disclosure_for_an_aggregate_audience(data):
    before, after, group, _, _ = data
    exact = laycoach.evaluate_columns(before, after, {"group": group}, labels={"group": list("abcde")},
                                      audience="service_manager")
    pub = laycoach.evaluate_columns(before, after, {"group": group}, labels={"group": list("abcde")},
                                    audience="public", policy={"min_count": 50, "round_to": 10})
    assert pub.disclosure_controlled and pub.audience == "public"
    assert pub.data["policy"] == {"min_count": 50, "round_to": 10, "cell_key": True, "max_perturbation": 2,
                                  "magnitude_noise": 0.25, "exact_statistics": False}
    rows = pub.data["outcomes"][0]["breakdowns"][0]["rows"]
    exact_rows = exact.data["outcomes"][0]["breakdowns"][0]["rows"]
    small = rows[4]  # 40 people < 50
    assert small["suppressed"] and small["n"] is None and "mean_change" in small["suppressed_fields"]
    for r, e in zip(rows, exact_rows):
        if not r["suppressed"]:
            # Perturbed by at most 2, rounded to 10; means within their stated noise bound.
            assert r["n"] % 10 == 0 and abs(r["n"] - e["n"]) <= 5 + 2
            bound = 2 * 0.25 * pub.data["outcomes"][0]["range"] / r["n"] + 0.011
            assert abs(r["mean_change"] - e["mean_change"]) <= bound
    # Complementary suppression: never a single hidden part beside a published total. Here the
    # 20 episodes outside the breakdown (code -1) are an unpublished part already.
    remainder = exact.data["outcomes"][0]["overall"]["n"] - sum(e["n"] for e in exact_rows)
    assert remainder > 0
    assert sum(r["suppressed"] for r in rows) + (remainder > 0) >= 2
    no_rest = group.copy()
    no_rest[no_rest < 0] = 0
    pub2 = laycoach.evaluate_columns(before, after, {"group": no_rest}, labels={"group": list("abcde")},
                                     audience="public", policy={"min_count": 50, "round_to": 10})
    rows2 = pub2.data["outcomes"][0]["breakdowns"][0]["rows"]
    assert sum(r["suppressed"] for r in rows2) == 2  # "e" and the smallest other group


def test_evaluate_columns_defaults_to_the_public_audience(data):
    # Every face defaults to the least privileged audience: no audience means public, with
    # disclosure control, the same release as asking for "public".
    before, after, group, _, _ = data
    default = laycoach.evaluate_columns(before, after, {"group": group}, labels={"group": list("abcde")})
    pub = laycoach.evaluate_columns(before, after, {"group": group}, labels={"group": list("abcde")},
                                    audience="public")
    assert default.audience == "public" and default.disclosure_controlled
    assert default.data == pub.data
    assert all(r["n"] is None or r["n"] % 5 == 0 for r in default.data["outcomes"][0]["breakdowns"][0]["rows"])


def test_programme_defaults_to_the_public_audience():
    p = laycoach.Programme()
    assert p.summary().audience == p.summary(laycoach.Viewer(laycoach.Audience.PUBLIC)).audience
    assert str(p.summary().audience).lower().endswith("public")
    assert p.evaluate().audience == "public" and p.evaluate().disclosure_controlled


def test_evaluate_columns_errors():
    with pytest.raises(laycoach.ValidationError) as e:
        laycoach.evaluate_columns(np.ones(3), np.ones(4))
    assert e.value.rule == "same_length"
    with pytest.raises(laycoach.ValidationError) as e:
        laycoach.evaluate_columns(np.ones(3), np.ones(3), {"g": np.array([0, 5, 0])}, labels={"g": ["x", "y"]})
    assert e.value.rule == "code_range" and e.value.field == "g.codes"
    with pytest.raises(laycoach.ValidationError) as e:
        laycoach.evaluate_columns(np.array([1.0, np.inf]), np.ones(2))
    assert e.value.rule == "finite"
    with pytest.raises(laycoach.ValidationError):
        laycoach.evaluate_columns(np.ones(3), np.ones(3), proportions={"x": np.array([0, 1, 2])})
    with pytest.raises(laycoach.ValidationError):
        laycoach.evaluate_columns(np.ones(3), np.ones(3), audience="nobody")


def test_evaluate_columns_from_several_threads(data):
    # The engine runs without the GIL; concurrent calls give the same report as one call.
    before, after, group, dose, sector = data
    groups = {"g": group, "dose": dose}
    expected = laycoach.evaluate_columns(before, after, groups, reliability=0.8, audience="service_manager").data
    results = [None] * 4

    def work(i):
        results[i] = laycoach.evaluate_columns(before, after, groups, reliability=0.8, audience="service_manager").data

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == expected for r in results)


# ---- programme ---------------------------------------------------------------------------------

@pytest.fixture
def demo(demo_evaluation):
    return demo_evaluation


def test_demo_evaluation_reproduces_the_published_means(demo):
    rep = demo.evaluate("commissioner")
    assert rep.disclosure_controlled
    anchors = laycoach.demo.ANCHORS
    sw = rep.outcome("swemwbs/total")["overall"]
    br = rep.outcome("brcs/total")["overall"]
    assert sw["n"] in (655, 660, 665)  # 662 moved by at most 2, rounded to 5
    assert sw["mean_before"] == pytest.approx(anchors["swemwbs_before"], abs=0.05)
    assert sw["mean_after"] == pytest.approx(anchors["swemwbs_after"], abs=0.05)
    assert br["mean_before"] == pytest.approx(anchors["brcs_before"], abs=0.05)
    assert br["mean_after"] == pytest.approx(anchors["brcs_after"], abs=0.05)
    for row in (sw, br):
        assert row["p"] < 0.001 and row["wilcoxon_p"] < 0.001 and row["ci_low"] > 0
    dose = next(b for b in rep.outcome("swemwbs")["breakdowns"] if b["dimension"] == "sessions_attended")
    assert dose["trend"]["slope"] > 0 and dose["trend"]["p"] < 0.001


def test_programme_evaluate_options_and_audiences(demo):
    exact = demo.evaluate(laycoach.Viewer(laycoach.Audience.SERVICE_MANAGER), outcomes=["swemwbs"],
                          breakdowns=["pathway", "sessions_attended"], pairing={"follow_up": "end_of_episode"},
                          confidence=0.9, max_dose=4)
    assert not exact.disclosure_controlled
    assert exact.outcomes == ["swemwbs/total"]
    o = exact.outcome("swemwbs/total")
    assert o["overall"]["n"] == 662
    assert [b["dimension"] for b in o["breakdowns"]] == ["pathway", "sessions_attended"]
    assert [r["group"] for r in o["breakdowns"][1]["rows"]] == ["1", "2", "3", "4+"]
    assert exact.data["confidence"] == 0.9
    assert exact.data["pairing"]["follow_up"] == "end_of_episode"
    # A period that excludes every referral.
    empty = demo.evaluate("service_manager", from_=dt.datetime(2099, 1, 1, tzinfo=dt.timezone.utc))
    assert empty.data["access"]["referrals"] == 0
    assert empty.data["from"] == "2099-01-01T00:00:00Z"
    # The default audience is the most restrictive one.
    assert demo.evaluate().audience == "public"
    assert demo.evaluate(policy=laycoach.SuppressionPolicy(10, 10)).data["policy"] == laycoach.SuppressionPolicy(10, 10).to_dict()
    # A weaker policy than the service's floor is refused; a service manager may preview any.
    with pytest.raises(laycoach.ForbiddenError):
        demo.evaluate(policy=laycoach.SuppressionPolicy(exact_statistics=True))
    preview = demo.evaluate("service_manager", policy=laycoach.SuppressionPolicy(exact_statistics=True, cell_key=False))
    assert preview.disclosure_controlled and preview.data["policy"]["exact_statistics"] is True
    with pytest.raises(laycoach.ForbiddenError):
        demo.evaluate("client")
    with pytest.raises(laycoach.NotFoundError):
        demo.evaluate(laycoach.Viewer(laycoach.Audience.COACH, "nobody"))
    with pytest.raises(laycoach.ParseError) as e:
        demo.evaluate("commissioner", breakdowns=["shoe_size"])
    assert e.value.field == "/breakdowns/0"
    with pytest.raises(laycoach.ParseError):
        demo.evaluate("commissioner", unknown_option=1)


def test_evaluate_json_is_the_c_document(demo):
    text = laycoach.evaluate_json(demo, json.dumps({"audience": "commissioner", "outcomes": ["brcs"]}))
    doc = json.loads(text)
    assert doc["schema_version"] == 1 and doc["kind"] == "evaluation_report"
    assert doc == demo.evaluate("commissioner", outcomes=["brcs"]).data


def test_programme_fixture_evaluation(programme):
    # The conftest programme has one booked session and no questionnaires: access figures only.
    rep = programme.evaluate("service_manager")
    assert rep.outcomes == []
    a = rep.data["access"]
    assert a["referrals"] == 1 and a["first_appointments"] == 1 and a["within_24h"] == 1
    pub = programme.evaluate("public")
    assert "referrals" in pub.data["access"]["suppressed_fields"]  # 1 referral: suppressed
    assert pub.data["access"]["referrals"] is None
