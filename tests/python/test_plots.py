"""laycoach.plots: matplotlib figures of released figures only. Each test reads the drawn artists
back and compares them with the report document: every drawn value is a released one, nothing is
drawn from a withheld cell, and a plot with nothing released raises ValidationError."""
import math

import numpy as np
import pytest

mpl = pytest.importorskip("matplotlib")
from matplotlib.collections import LineCollection  # noqa: E402
from matplotlib.container import BarContainer, ErrorbarContainer  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import laycoach  # noqa: E402
from laycoach import plots  # noqa: E402


def _columns(n=900, seed=5, audience="commissioner"):
    rng = np.random.default_rng(seed)
    before = np.clip(np.round(rng.normal(20, 4, n)), 7, 35)
    after = np.clip(np.round(before + rng.normal(2.5, 3, n)), 7, 35)
    # a tiny team (5 people: withheld), two others; sessions 1..6 with a small 6
    team = np.where(np.arange(n) < 5, "tiny", np.where(np.arange(n) % 2, "north", "south"))
    org = np.array([f"org{i % 12}" if i >= 60 else f"small{i % 15}" for i in range(n)])
    sessions = np.where(np.arange(n) < 6, 6, 1 + np.arange(n) % 5).astype(str)
    groups = {"team": team, "organisation": org, "sessions_attended": sessions}
    return laycoach.evaluate_columns(before, after, groups, range=(7, 35), audience=audience,
                                     trend={"sessions_attended": [float(x) for x in sorted(set(sessions))]},
                                     proportions={"satisfied": (np.arange(n) % 4 != 0).astype(float)},
                                     name="wellbeing")


@pytest.fixture(scope="module")
def public():
    return _columns()


def _released(row, *fields):
    sup = set(row.get("suppressed_fields", []))
    return all(row.get(f) is not None and f not in sup for f in fields)


def _error(exc, field, rule):
    assert isinstance(exc.value, laycoach.ValidationError)
    assert (exc.value.field, exc.value.rule) == (field, rule)


def test_before_after_draws_every_released_bar_and_only_those(public):
    fig = plots.before_after(public)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    bars = [c for c in ax.containers if isinstance(c, BarContainer)]
    assert len(bars) == 2  # baseline, follow-up
    bins = public.data["outcomes"][0]["histogram"]["bins"]
    for side, container in zip(("before", "after"), bars):
        drawn = sorted((round(p.get_x(), 6), p.get_height()) for p in container.patches)
        released = [b for b in bins if _released(b, side)]
        assert len(drawn) == len(released)
        assert [h for _, h in drawn] == [b[side] for b in sorted(released, key=lambda b: b["low"])]
        # each bar lies inside its bin
        for p, b in zip(sorted(container.patches, key=lambda p: p.get_x()), sorted(released, key=lambda b: b["low"])):
            assert b["low"] <= p.get_x() and p.get_x() + p.get_width() <= b["high"] + 1e-9
    assert ax.get_legend() is not None
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "8+ people" in texts  # says how bins were formed


def test_before_after_with_an_axes_and_errors(public):
    other = Figure()
    ax = other.add_subplot()
    assert plots.before_after(public, "wellbeing", ax=ax) is other
    with pytest.raises(laycoach.ValidationError) as exc:
        plots.before_after(public, "nope")
    _error(exc, "instrument", "known_outcome")
    with pytest.raises(laycoach.ValidationError) as exc:
        plots.before_after({"nothing": 1})
    _error(exc, "report", "report_type")


def test_nothing_released_raises_instead_of_an_empty_axis():
    tiny = _columns(n=6)  # everyone fewer than the floor: every figure withheld
    assert tiny.data["outcomes"][0]["overall"]["suppressed"]
    for fn, field in ((plots.before_after, "histogram"), (plots.change_by_group, "breakdowns"),
                      (plots.dose_response, "dimension"), (plots.proportions, "proportions")):
        with pytest.raises(laycoach.ValidationError) as exc:
            fn(tiny)
        _error(exc, field, "nothing_released")
        assert exc.value.record in ("wellbeing", "report")


def _errorbar_points(ax):
    out = []
    for c in ax.containers:
        if isinstance(c, ErrorbarContainer):
            line = c.lines[0]
            out.append((float(line.get_xdata()[0]), float(line.get_ydata()[0])))
    return out


def test_change_by_group_draws_released_groups_and_folds_withheld_ones(public):
    o = public.data["outcomes"][0]
    fig = plots.change_by_group(public, dimension=["team", "organisation"])
    ax = fig.axes[0]
    rows = [r for b in o["breakdowns"] if b["dimension"] in ("team", "organisation") for r in b["rows"]]
    shown = [r for r in rows if _released(r, "mean_change", "ci_low", "ci_high")]
    hidden = [r for r in rows if not _released(r, "mean_change", "ci_low", "ci_high")]
    assert hidden and shown
    assert sorted(x for x, _ in _errorbar_points(ax)) == sorted(r["mean_change"] for r in shown)
    # the interval drawn is the released one
    segs = [s for c in ax.containers if isinstance(c, ErrorbarContainer) for col in c.lines[2]
            if isinstance(col, LineCollection) for s in col.get_segments()]
    assert sorted((round(s[0][0], 9), round(s[1][0], 9)) for s in segs) == \
        sorted((round(r["ci_low"], 9), round(r["ci_high"], 9)) for r in shown)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    for r in hidden:
        assert r["group"] not in labels  # a withheld group is not a line of its own
    orgs_hidden = sum(1 for b in o["breakdowns"] if b["dimension"] == "organisation" for r in b["rows"]
                      if not _released(r, "mean_change", "ci_low", "ci_high"))
    assert f"{orgs_hidden} groups withheld" in labels
    assert "TEAM" in labels and "ORGANISATION" in labels
    # the dashed line is everyone's released mean change
    assert any(list(l.get_xdata()) == [o["overall"]["mean_change"]] * 2 for l in ax.lines)
    with pytest.raises(laycoach.ValidationError) as exc:
        plots.change_by_group(public, dimension="postcode")
    _error(exc, "dimension", "known_dimension")


def test_change_by_group_default_leaves_out_sessions_attended(public):
    labels = [t.get_text() for t in plots.change_by_group(public).axes[0].get_yticklabels()]
    assert "SESSIONS ATTENDED" not in labels and "TEAM" in labels


def test_dose_response_points_and_trend(public):
    o = public.data["outcomes"][0]
    b = next(b for b in o["breakdowns"] if b["dimension"] == "sessions_attended")
    ax = plots.dose_response(public).axes[0]
    pts = _errorbar_points(ax)
    expect = [(i + 1.0, r["mean_change"]) for i, r in enumerate(b["rows"]) if _released(r, "mean_change", "ci_low", "ci_high")]
    assert pts == pytest.approx(expect)
    assert len(pts) < len(b["rows"])  # the six-session group (6 people) is withheld ...
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels[-1].endswith("*")  # ... and marked, not drawn
    t = b["trend"]
    trend = [l for l in ax.lines if l.get_label().startswith("trend")]
    assert len(trend) == 1
    xs = np.asarray(trend[0].get_xdata(), float)
    assert np.allclose(trend[0].get_ydata(), t["intercept"] + t["slope"] * xs)
    with pytest.raises(laycoach.ValidationError) as exc:
        plots.dose_response(public, dimension="team_size")
    _error(exc, "dimension", "known_dimension")


def test_exact_report_draws_every_group():
    exact = _columns(audience="service_manager")
    o = exact.data["outcomes"][0]
    ax = plots.change_by_group(exact, dimension="organisation").axes[0]
    rows = next(b for b in o["breakdowns"] if b["dimension"] == "organisation")["rows"]
    assert len(_errorbar_points(ax)) == len(rows) == 27
    assert not any("withheld" in t.get_text() for t in ax.get_yticklabels())


def _access(**figures):
    sup = [k for k, v in figures.items() if v is None]
    return {"schema_version": 1, "outcomes": [], "access": {**figures, "suppressed_fields": sup}}


def test_access_over_time_draws_released_months_only():
    months = {"2024-01": _access(referrals=40, first_appointments=35),
              "2024-02": _access(referrals=None, first_appointments=None),
              "2024-03": _access(referrals=55, first_appointments=None)}
    ax = plots.access_over_time(months).axes[0]
    lines = {l.get_label(): l for l in ax.lines}
    ref, first = lines["Referrals"], lines["First appointments"]
    assert list(ref.get_xdata()) == [0, 1, 2]
    y = list(ref.get_ydata())
    assert y[0] == 40 and math.isnan(y[1]) and y[2] == 55  # the withheld month breaks the line
    y = list(first.get_ydata())
    assert y[0] == 35 and math.isnan(y[1]) and math.isnan(y[2])
    assert [t.get_text() for t in ax.get_xticklabels()] == list(months)
    assert sum(t.get_text() == "*" for t in ax.texts) == 3
    with pytest.raises(laycoach.ValidationError) as exc:
        plots.access_over_time({"2024-01": _access(referrals=None)})
    _error(exc, "access", "nothing_released")
    with pytest.raises(laycoach.ValidationError) as exc:
        plots.access_over_time(months, figures=("footfall",))
    _error(exc, "figures", "known_figure")


@pytest.fixture
def programme_with_sessions(programme):
    """The conftest programme (one referral on 3 March 2024) with a second March referral and one
    in April: months 2024-03 and 2024-04."""
    import datetime as dt

    programme.add_referral({"id": "r2", "client_id": "s2", "offer_id": "lay_too_1to1",
                            "requested_at": "2024-03-20T10:00:00Z"})
    programme.add_referral({"id": "r3", "client_id": "s3", "offer_id": "lay_too_1to1",
                            "requested_at": "2024-04-02T10:00:00Z"})
    utc = dt.timezone.utc
    return programme, dt.datetime(2024, 3, 1, tzinfo=utc), dt.datetime(2024, 5, 1, tzinfo=utc)


def test_access_over_time_from_a_programme_evaluates_each_month(programme_with_sessions):
    p, start, end = programme_with_sessions
    reports = plots.monthly_reports(p, "service_manager", start, end)
    assert list(reports) == ["2024-03", "2024-04"]
    assert reports["2024-03"].data["access"]["referrals"] == 2
    assert reports["2024-04"].data["access"]["referrals"] == 1
    ax = plots.access_over_time(p, viewer="service_manager", start=start, end=end).axes[0]
    assert list({l.get_label(): l for l in ax.lines}["Referrals"].get_ydata()) == [2, 1]
    import datetime as dt

    with pytest.raises(laycoach.ValidationError) as exc:
        plots.monthly_reports(p, "service_manager", dt.datetime(2024, 1, 1), end)
    _error(exc, "start", "aware_datetime")


@pytest.mark.parametrize("n,seed", [(40, 1), (150, 2), (900, 3)])
def test_released_histogram_bins_survive_the_floor(n, seed):
    """Disclosure merges adjacent bins (C++ histogram_bin_starts): every released bar holds at
    least the floor or nobody, the bins cover the score range without gaps, and each bar is its
    exact merged count within the documented perturbation; so no bar is withheld."""
    public, exact = _columns(n, seed), _columns(n, seed, audience="service_manager")
    pol = public.data["policy"]
    ob, eb = public.data["outcomes"][0], exact.data["outcomes"][0]
    bins = ob["histogram"]["bins"]
    assert bins[0]["low"] == 7 and bins[-1]["high"] == 35
    assert all(a["high"] == b["low"] for a, b in zip(bins, bins[1:]))
    assert len(bins) < len(eb["histogram"]["bins"])  # merged
    for side in ("before", "after"):
        assert not any(side in b["suppressed_fields"] for b in bins)
        merged = [sum(e[side] for e in eb["histogram"]["bins"] if b["low"] <= e["low"] and e["high"] <= b["high"])
                  for b in bins]
        assert sum(merged) == eb["overall"]["n"]  # the bins hold every pair exactly once
        assert all(m == 0 or m >= pol["min_count"] for m in merged)
        # never exactly two non-zero bars (two bars would bound n more tightly than n's release)
        assert sum(m > 0 for m in merged) != 2
        for m, b in zip(merged, bins):
            assert (b[side] == 0) == (m == 0)
            assert b[side] == 0 or b[side] >= pol["min_count"]
            assert abs(b[side] - m) <= pol["max_perturbation"] + pol["round_to"] / 2
    # what is drawn is exactly the released bars
    ax = plots.before_after(public).axes[0]
    heights = sorted(p.get_height() for c in ax.containers if isinstance(c, BarContainer) for p in c.patches)
    assert heights == sorted(b[s] for b in bins for s in ("before", "after"))


def test_change_by_group_tells_withheld_groups_from_empty_ones():
    shown = {"group": "a", "n": 40, "mean_change": 2.0, "ci_low": 1.0, "ci_high": 3.0, "suppressed_fields": []}
    hidden = {"group": "b", "n": None, "mean_change": None, "ci_low": None, "ci_high": None, "suppressed": True,
              "suppressed_fields": ["n", "mean_change", "ci_low", "ci_high"]}
    empty = {"group": "c", "n": 0, "mean_change": None, "ci_low": None, "ci_high": None, "suppressed_fields": []}
    doc = {"outcomes": [{"outcome": "x/total", "overall": shown,
                         "breakdowns": [{"dimension": "site", "rows": [shown, hidden, empty, dict(empty, group="d")]}]}]}
    labels = [t.get_text() for t in plots.change_by_group(doc).axes[0].get_yticklabels()]
    assert labels == ["SITE", "a", "1 group withheld", "2 groups with nobody"]
