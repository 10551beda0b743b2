"""laycoach.simulate and its faces: the frames against the engine's own replications, the summary's
intervals against scipy, reproducibility over threads and Dask workers, progress and cancel, the
what-if edits, the demand model's JSON, the plots' drawn data, and exact errors for bad input."""
import copy
import json
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

import laycoach
from laycoach import plots, simulation

COACH = {"name": "Asha", "memberships": ["emcc"], "offers": ["lay_too_1to1"],
         "rota": {"weekly": [{"weekday": d, "start_min": 480, "end_min": 1320} for d in range(5)]},
         "safeguarding_lead": "Dr Patel", "first_point_of_contact": "Service lead"}


def scenario_doc(rate=0.15, coaches=2, days=14, **extra):
    doc = {"schema_version": 1, "coaches": [dict(COACH, id=f"c{k + 1}") for k in range(coaches)],
           "start": "2025-01-06T00:00:00Z", "days": days, "options": {"within_hours": [24, 48]},
           "demand": {"schema_version": 1, "streams": [{"offer_id": "lay_too_1to1", "per_hour": [rate] * 168}]}}
    doc.update(extra)
    return doc


@pytest.fixture(scope="module")
def sc():
    return simulation.Scenario.from_json(json.dumps(scenario_doc()))


@pytest.fixture(scope="module")
def result(sc):
    return laycoach.simulate(sc, replications=12, seed=5, progress=False)


def _error(exc, cls, record, field, rule):
    assert type(exc.value) is cls, exc.value
    assert (exc.value.record, exc.value.field, exc.value.rule) == (record, field, rule), exc.value


# ---- frames ------------------------------------------------------------------------------------


def test_replications_frame_is_the_engines_replications(result):
    doc = result.to_dict()  # the C API's results document, straight from the engine's results
    reps = result.replications
    assert list(reps["replication"].unique()) == list(range(12))
    assert len(reps) == 12 * 2  # the stream and everyone, per replication
    mine = reps[reps["offer_id"] == "lay_too_1to1"].reset_index(drop=True)
    for r, rep in enumerate(doc["replications"]):
        g = rep["groups"][0]
        for col in ("requests", "first_booked", "unmet", "sessions_booked", "out_of_hours", "attended"):
            assert mine.loc[r, col] == g[col]
        assert mine.loc[r, "within_24h"] == g["within"][0] and mine.loc[r, "within_48h"] == g["within"][1]
        assert mine.loc[r, "wait_median_minutes"] == pytest.approx(g["wait_median"])
    everyone = reps[reps["offer_id"] == ""].reset_index(drop=True)
    assert (everyone["requests"].to_numpy() == mine["requests"].to_numpy()).all()  # one stream: the same
    assert doc["replications_done"] == 12 and doc["cancelled"] is False and doc["seed"] == 5


def test_summary_intervals_match_scipy(result):
    reps = result.replications
    everyone = reps[reps["offer_id"] == ""]
    for measure, values in (("requests", everyone["requests"].to_numpy(float)),
                            ("share_within_24h", (everyone["within_24h"] / everyone["requests"]).to_numpy()),
                            ("share_within_48h", (everyone["within_48h"] / everyone["requests"]).to_numpy())):
        f = result.figure(measure)
        n = len(values)
        lo, hi = sps.t.interval(0.95, n - 1, loc=values.mean(), scale=sps.sem(values))
        assert f["n"] == n
        assert f["mean"] == pytest.approx(values.mean(), rel=1e-12)
        assert (f["lower"], f["upper"]) == (pytest.approx(lo, rel=1e-9), pytest.approx(hi, rel=1e-9))
    assert result.share_within(24) == result.figure("share_within_24h")
    assert result.share_within(48)["mean"] >= result.share_within(24)["mean"]


def test_waits_frame_pools_the_histograms(result):
    w = result.waits
    assert list(w.columns) == ["service_line_id", "offer_id", "pathway", "minutes_from", "minutes_to", "hours_from",
                               "hours_to", "count", "share"]
    everyone = w[w["offer_id"] == ""]
    assert everyone["share"].sum() == pytest.approx(1.0)
    reps = result.replications
    booked = reps[reps["offer_id"] == ""]["first_booked"].sum()
    assert everyone["count"].sum() * result.n == pytest.approx(booked)
    # within 24 h: the bins ending by 24 h hold the within_24h count
    within = reps[reps["offer_id"] == ""]["within_24h"].sum()
    assert everyone[everyone["minutes_to"] <= 24 * 60]["count"].sum() * result.n == pytest.approx(within)
    assert (np.diff(everyone["minutes_from"]) == 15).all()


def test_utilisation_frames(result, sc):
    u = result.utilisation
    assert list(u["coach_id"]) == sc.coach_ids
    assert ((u["mean"] >= 0) & (u["mean"] <= 1)).all()
    h = result.utilisation_by_hour
    assert len(h) == 168 and list(h.columns[:3]) == ["hour_of_week", "weekday", "hour"]
    # nobody is on the rota at night or at the weekend: no utilisation there
    assert h[(h["weekday"] >= 5)]["mean"].isna().all()
    assert h[(h["weekday"] < 5) & (h["hour"].between(9, 20))]["mean"].notna().all()


def test_repr_and_html(result):
    text = repr(result)
    assert text.startswith("SimulationResult(12 replications, seed 5: within 24 h ")
    f = result.share_within(24)
    assert f"{100 * f['mean']:.1f}%" in text and "[95% CI" in text
    html = result._repr_html_()
    assert "<table" in html and "share_within_24h" in html and "Capacity simulation" in html
    assert result.to_frame() is result.summary


# ---- reproducibility, progress, cancel ---------------------------------------------------------


def test_a_seed_gives_the_same_frames_on_any_number_of_threads(sc, result):
    again = laycoach.simulate(sc, replications=12, seed=5, workers=1, progress=False)
    pd.testing.assert_frame_equal(again.replications, result.replications)
    pd.testing.assert_frame_equal(again.summary, result.summary)
    other = laycoach.simulate(sc, replications=12, seed=6, workers=2, progress=False)
    assert not other.replications.equals(result.replications)


def test_progress_is_called_with_increasing_counts_and_cancels(sc):
    calls = []
    r = laycoach.simulate(sc, replications=8, seed=1, progress=lambda d, t: calls.append((d, t)))
    assert calls and calls[-1] == (8, 8) and all(t == 8 for _, t in calls)
    assert [d for d, _ in calls] == sorted(set(d for d, _ in calls))
    assert not r.cancelled
    stop = laycoach.simulate(sc, replications=400, seed=1, workers=1, progress=lambda d, t: False)
    assert stop.cancelled and 1 <= stop.n < 400
    assert repr(stop).startswith(f"SimulationResult({stop.n} of 400 replications (cancelled)")
    # what was done is what an uncancelled run gives for those replications
    full = laycoach.simulate(sc, replications=stop.n, seed=1, progress=False)
    pd.testing.assert_frame_equal(stop.replications, full.replications)


def test_tqdm_bar(sc, capsys):
    laycoach.simulate(sc, replications=3, seed=1, progress=True)
    assert "3/3" in capsys.readouterr().err


def test_an_error_in_the_progress_callback_stops_the_run(sc):
    def boom(done, total):
        raise RuntimeError("stop here")
    with pytest.raises(RuntimeError, match="stop here"):
        laycoach.simulate(sc, replications=50, seed=1, workers=1, progress=boom)


# ---- Dask ----------------------------------------------------------------------------------------


def test_dask_gives_the_local_result_exactly(sc, result):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        remote = laycoach.simulate(sc, replications=12, seed=5, client=client, chunk=5, progress=False)
        calls = []
        part = laycoach.simulate(sc, replications=12, seed=5, client=client, chunk=3,
                                 progress=lambda d, t: calls.append(d) or False)  # cancel at the first chunk
    assert remote.raw == result.raw
    pd.testing.assert_frame_equal(remote.replications, result.replications)
    pd.testing.assert_frame_equal(remote.summary, result.summary)
    pd.testing.assert_frame_equal(remote.waits, result.waits)
    assert calls == [3] and part.cancelled and 3 <= part.n < 12  # chunks done by then are kept
    mine = result.replications[result.replications["replication"].isin(part.raw.numbers)].reset_index(drop=True)
    pd.testing.assert_frame_equal(part.replications, mine)


def test_run_chunk_is_a_slice_of_the_run(sc, result):
    part = simulation.Replications.from_json(simulation.run_chunk(sc.to_json(), 5, 4, 3))
    assert part.numbers == [4, 5, 6]
    whole = simulation.Replications.concat([
        simulation.Replications.from_json(simulation.run_chunk(sc.to_json(), 5, 0, 4)), part,
        simulation.Replications.from_json(simulation.run_chunk(sc.to_json(), 5, 7, 5))])
    assert whole == result.raw


# ---- scenarios, edits, demand ----------------------------------------------------------------


def test_what_if_edits_are_one_call_each(sc):
    more = sc.add_coaches(2, like="c1", hours=("18:00", "22:00"), weekdays=range(5))
    assert more.coach_ids == ["c1", "c2", "sim-coach-1", "sim-coach-2"]
    assert sc.coach_ids == ["c1", "c2"]  # the original is unchanged
    busy = simulation.Scenario.from_json(json.dumps(scenario_doc(rate=0.6, coaches=1)))
    base = laycoach.simulate(busy, replications=6, seed=2, progress=False).share_within(24)["mean"]
    helped = laycoach.simulate(busy.add_coaches(3, like="c1"), replications=6, seed=2, progress=False)
    assert helped.share_within(24)["mean"] > base
    assert len(busy.add_hours(("06:00", "08:00"), weekdays=[5, 6]).to_json()) > len(busy.to_json())
    doc = json.loads(busy.add_coaches(1, like="c1", hours=("18:00", "22:00"), weekdays=[0]).to_json())
    added = doc["coaches"][-1]
    assert [(b["weekday"], b["start_min"], b["end_min"]) for b in added["rota"]["weekly"]] == [(0, 1080, 1320)]


def test_edits_in_the_scenario_document_are_the_same_calls(sc):
    edited = json.loads(json.dumps(scenario_doc(edits=[{"add_coaches": {"like": "c1", "n": 2}}])))
    from_doc = simulation.Scenario.from_json(json.dumps(edited))
    assert from_doc == sc.add_coaches(2, like="c1")
    assert sc.with_options(json.dumps({"edits": [{"add_coaches": {"like": "c1", "n": 2}}]})) == from_doc


def test_scenario_and_demand_round_trip_and_pickle(sc, result):
    import pickle

    assert simulation.Scenario.from_json(sc.to_json()) == sc
    assert pickle.loads(pickle.dumps(sc)) == sc
    assert pickle.loads(pickle.dumps(result.raw)) == result.raw
    d = sc.demand
    assert simulation.DemandModel.from_json(d.to_json()) == d
    assert pickle.loads(pickle.dumps(d)) == d
    assert d.streams[0]["offer_id"] == "lay_too_1to1" and d.streams[0]["requests_per_week"] == pytest.approx(0.15 * 168)


def test_fit_demand_on_a_live_programme():
    p = laycoach.demo.make()
    d = laycoach.fit_demand(p)
    offers = {s["offer_id"] for s in d.streams}
    assert "lay_too_1to1" in offers
    ref = laycoach.frame(p, "referrals")
    weeks = (ref["requested_at"].max() - ref["requested_at"].min()).total_seconds() / (7 * 86400)
    fitted = sum(s["requests_per_week"] for s in d.streams)
    assert fitted == pytest.approx(len(ref) / weeks, rel=0.05)  # every referral counted once over the span
    # the live programme's supply with it: patient streams (HWBC) as well as staff ones pass the live rules
    sc = simulation.scenario(p, d, days=7)
    assert {"hwbc_clinical_1to1", "lay_too_1to1"} <= {s["offer_id"] for s in sc.demand.streams}
    assert sc.coach_ids == [c.id for c in p.coaches()]


def _poisson_history(start, days, per_hour, seasonal, growth, seed):
    """A programme whose referrals are Poisson arrivals drawn here with numpy (independently of the
    library): each UTC hour's count has mean per_hour[UK local hour of week] x seasonal[UK local
    month] x (1 + growth) ^ (years of 365.25 days from ``start``), times uniform in the hour."""
    hours = pd.date_range(start, periods=days * 24, freq="h")
    local = hours.tz_convert("Europe/London")
    how = local.day_of_week.to_numpy() * 24 + local.hour.to_numpy()
    month = local.month.to_numpy() - 1
    years = (hours - hours[0]).total_seconds().to_numpy() / (365.25 * 86400)
    mu = np.asarray(per_hour)[how] * np.asarray(seasonal)[month] * (1 + growth) ** years
    rng = np.random.default_rng(seed)
    counts = rng.poisson(mu)
    at = hours.repeat(counts) + pd.to_timedelta(rng.integers(0, 60, counts.sum()), unit="min")
    ids = [f"k{i}" for i in range(len(at))]
    p = laycoach.Programme()
    p.import_frames({
        "clients": pd.DataFrame({"id": ids, "kind": "staff", "consent_coaching": 1,
                                 "consent_recorded_at": hours[0]}),
        "referrals": pd.DataFrame({"id": [f"r{i}" for i in range(len(at))], "client_id": ids,
                                   "offer_id": "lay_too_1to1", "requested_at": at}),
    })
    return p, pd.DataFrame({"count": counts, "how": how, "month": month,
                            "years_to_end": years - days / 365.25})


def test_fit_demand_seasonality_and_growth_match_a_poisson_glm():
    """Two years and a month of arrivals with a winter peak and 20% growth: laycoach's fit equals
    statsmodels' Poisson GLM (hour-of-week and month factors, a linear trend in years) on the
    hourly counts, and both recover the truth within 4 of the GLM's standard errors."""
    import statsmodels.api as sm  # test-only dependency

    start, days = pd.Timestamp("2022-09-05", tz="UTC"), 760  # over two years: both fitted
    per_hour = [0.15 + 0.25 * (8 <= h % 24 < 20) + 0.1 * (h // 24 == 0) for h in range(168)]
    seasonal = np.array([1.3, 1.2, 1.05, 0.95, 0.85, 0.75, 0.7, 0.8, 0.95, 1.05, 1.15, 1.25])
    seasonal = seasonal / seasonal.mean()
    p, cells = _poisson_history(start, days, per_hour, seasonal, 0.2, seed=3)
    end = start + pd.Timedelta(days=days)
    d = laycoach.fit_demand(p, start.to_pydatetime(), end.to_pydatetime())
    (stream,) = d.streams
    doc = json.loads(d.to_json())["streams"][0]

    # The GLM: one coefficient per hour of week (no intercept), months 2..12 against January, years to `to`.
    X = np.hstack([np.eye(168)[cells["how"]], np.eye(12)[cells["month"]][:, 1:], cells[["years_to_end"]].to_numpy()])
    y = cells["count"].to_numpy()
    start_params = np.r_[np.log(np.bincount(cells["how"], weights=y, minlength=168) / np.bincount(cells["how"], minlength=168)),
                         np.zeros(12)]
    glm = sm.GLM(y, X, family=sm.families.Poisson(), hasconst=False).fit(method="newton", start_params=start_params,
                                                                          tol=1e-12, maxiter=50)
    assert glm.mle_retvals["converged"]
    beta, se = glm.params, glm.bse
    month_effect = np.exp(np.r_[0.0, beta[168:179]])
    assert stream["growth"] == pytest.approx(np.expm1(beta[179]), rel=1e-6)
    assert stream["seasonal"] == pytest.approx(list(month_effect / month_effect.mean()), rel=1e-6)
    assert doc["per_hour"] == pytest.approx(list(np.exp(beta[:168]) * month_effect.mean()), rel=1e-6)
    # The truth, within 4 standard errors: the trend, and each month against January.
    assert abs(beta[179] - np.log1p(0.2)) <= 4 * se[179]
    for m in range(1, 12):
        assert abs(beta[167 + m] - np.log(seasonal[m] / seasonal[0])) <= 4 * se[167 + m], m
    # Rates are the level at `to`: the truth grown over the history, within 4 standard errors of
    # the extrapolated level.
    grown = np.sum(per_hour) * 1.2 ** (days / 365.25)
    level_se = np.sqrt(1 / cells["count"].sum() + (cells["years_to_end"].mean() * se[179]) ** 2)
    assert abs(np.log(stream["requests_per_week"] / grown)) <= 4 * level_se
    assert simulation.DemandModel.from_json(d.to_json()) == d


def test_fit_demand_short_history_keeps_one_and_zero():
    """Under half a year: multipliers exactly 1, growth exactly 0, rates count / exposure hours."""
    start, days = pd.Timestamp("2024-01-01", tz="UTC"), 150
    p, cells = _poisson_history(start, days, [0.5] * 168, [1.0] * 12, 0.5, seed=4)
    d = laycoach.fit_demand(p, start.to_pydatetime(), (start + pd.Timedelta(days=days)).to_pydatetime())
    (stream,) = d.streams
    assert stream["seasonal"] == [1.0] * 12 and stream["growth"] == 0.0
    by_hour = cells.groupby("how")["count"].agg(["sum", "size"])
    assert json.loads(d.to_json())["streams"][0]["per_hour"] == list(by_hour["sum"] / by_hour["size"])


# ---- errors --------------------------------------------------------------------------------------


def test_bad_scenarios_name_the_field():
    S = simulation.Scenario
    with pytest.raises(laycoach.ValidationError) as e:
        S.from_json(json.dumps(scenario_doc(days=0)))
    _error(e, laycoach.ValidationError, "scenario", "days", "scenario_days_range")
    with pytest.raises(laycoach.ParseError) as e:
        S.from_json(json.dumps(scenario_doc(colour=1)))
    _error(e, laycoach.ParseError, "scenario", "/colour", "document_schema")
    bad = scenario_doc()
    bad["demand"]["streams"][0]["per_hour"][12] = -1
    with pytest.raises(laycoach.ValidationError) as e:
        S.from_json(json.dumps(bad))
    _error(e, laycoach.ValidationError, "scenario", "/demand/streams/0/per_hour/12", "rate_range")
    with pytest.raises(laycoach.ParseError) as e:
        S.from_json(json.dumps(scenario_doc(edits=[{"remove_coaches": {}}])))
    _error(e, laycoach.ParseError, "scenario", "/edits/0/remove_coaches", "document_schema")
    with pytest.raises(laycoach.ParseError) as e:
        S.from_json(json.dumps(scenario_doc(edits=[{"add_coaches": {"like": "c1"}}])))
    _error(e, laycoach.ParseError, "scenario", "/edits/0/add_coaches/n", "document_schema")
    with pytest.raises(laycoach.ParseError) as e:
        S.from_json('{"days": 1, "days": 2}')
    _error(e, laycoach.ParseError, "scenario", "/days", "unique_keys")


def test_bad_arguments_name_the_field(sc):
    with pytest.raises(laycoach.ValidationError) as e:
        laycoach.simulate(sc, replications=0)
    _error(e, laycoach.ValidationError, "simulate", "replications", "range")
    with pytest.raises(laycoach.ValidationError) as e:
        laycoach.simulate("not a scenario")
    _error(e, laycoach.ValidationError, "simulate", "scenario", "scenario_type")
    with pytest.raises(laycoach.ValidationError) as e:
        laycoach.simulate(sc, replications=2, workers=0)
    _error(e, laycoach.ValidationError, "simulate", "workers", "range")
    with pytest.raises(laycoach.ValidationError) as e:
        sc.add_coaches(1, like="c1", hours=("18:00", "noon"))
    _error(e, laycoach.ValidationError, "scenario", "hours", "time_of_day")
    with pytest.raises(laycoach.ValidationError) as e:
        sc.add_coaches(1, like="c1", hours=("22:00", "18:00"))
    _error(e, laycoach.ValidationError, "scenario", "hours", "time_of_day")
    with pytest.raises(laycoach.ValidationError) as e:
        sc.add_coaches(1, like="c1", hours=("18:00", "22:00"), weekdays=[7])
    _error(e, laycoach.ValidationError, "scenario", "weekdays", "weekday_range")
    with pytest.raises(laycoach.NotFoundError):
        sc.add_coaches(1, like="nobody")
    with pytest.raises(laycoach.ValidationError) as e:
        laycoach.simulation.fit_demand(laycoach.Programme())
    _error(e, laycoach.ValidationError, "fit", "referrals", "history_required")
    with pytest.raises(laycoach.ValidationError) as e:
        simulation.optimise(sc, 0.9, like="c1", lever="magic")
    _error(e, laycoach.ValidationError, "optimise", "lever", "known_lever")


# ---- the optimiser ---------------------------------------------------------------------------------


def test_optimise_finds_the_smallest_number_that_meets_the_target():
    busy = simulation.Scenario.from_json(json.dumps(scenario_doc(rate=0.6, coaches=1, days=7)))
    opt = simulation.optimise(busy, 0.8, like="c1", max_added=4, replications=5, seed=3)
    pts = opt.points
    assert list(pts.columns) == ["added", "mean", "lower", "upper", "meets"]
    assert (pts["meets"] == (pts["lower"] >= 0.8)).all()
    meeting = pts[pts["meets"]]["added"]
    assert opt.best == (int(meeting.min()) if len(meeting) else None)
    if opt.best is not None:  # the point found is what a plain run with that many coaches gives
        check = laycoach.simulate(busy.add_coaches(opt.best, like="c1"), replications=5, seed=3, progress=False)
        row = pts[pts["added"] == opt.best].iloc[0]
        assert check.share_within(24)["lower"] == pytest.approx(row["lower"])
    assert repr(opt).startswith(f"Optimum(best={opt.best}, target 80.0% within 24 h")


# ---- plots -----------------------------------------------------------------------------------------


def test_wait_distribution_draws_the_waits_frame(result):
    from matplotlib.container import BarContainer

    fig = plots.wait_distribution(result)
    ax = fig.axes[0]
    bars = [c for c in ax.containers if isinstance(c, BarContainer)][0]
    everyone = result.waits[result.waits["offer_id"] == ""]
    hourly = {}
    for _, row in everyone.iterrows():  # one-hour bars: the four 15-minute bins of each hour
        hourly[math.floor(row["hours_from"])] = hourly.get(math.floor(row["hours_from"]), 0) + row["share"]
    assert [p.get_x() for p in bars.patches] == pytest.approx(sorted(hourly))
    assert [p.get_height() for p in bars.patches] == pytest.approx([100 * hourly[h] for h in sorted(hourly)])
    fine = plots.wait_distribution(result, bin_hours=0.25, max_hours=24).axes[0]
    (fine_bars,) = [c for c in fine.containers if isinstance(c, BarContainer)]
    first_day = everyone[everyone["hours_from"] < 24]
    assert [p.get_height() for p in fine_bars.patches] == pytest.approx(list(100 * first_day["share"]))
    with pytest.raises(laycoach.ValidationError) as e:
        plots.wait_distribution(result, bin_hours=0.1)
    _error(e, laycoach.ValidationError, "result", "bin_hours", "bin_width")
    median = result.figure("wait_median_minutes")["mean"] / 60
    assert any(line.get_xdata()[0] == pytest.approx(median) for line in ax.lines)
    with pytest.raises(laycoach.ValidationError) as e:
        plots.wait_distribution("nope")
    _error(e, laycoach.ValidationError, "result", "result", "result_type")
    with pytest.raises(laycoach.ValidationError) as e:
        plots.wait_distribution(result, {"offer_id": "lay_career_1to1"})
    _error(e, laycoach.ValidationError, "result", "group", "known_group")


def test_share_within_draws_each_runs_interval(sc):
    runs = {n: laycoach.simulate(sc.add_coaches(n, like="c1") if n else sc, replications=4, seed=1, progress=False)
            for n in (0, 1)}
    fig = plots.share_within({2 + n: r for n, r in runs.items()}, hours=48, target=0.9)
    ax = fig.axes[0]
    line = ax.lines[0]
    assert list(line.get_xdata()) == [2, 3]
    assert list(line.get_ydata()) == pytest.approx([100 * runs[n].share_within(48)["mean"] for n in (0, 1)])
    (segments,) = [c for c in ax.collections]
    for seg, n in zip(segments.get_segments(), (0, 1)):
        f = runs[n].share_within(48)
        assert sorted(seg[:, 1]) == pytest.approx([100 * f["lower"], 100 * f["upper"]])
    assert any(l.get_ydata()[0] == pytest.approx(90) for l in ax.lines[1:])
    with pytest.raises(laycoach.ValidationError) as e:
        plots.share_within({})
    _error(e, laycoach.ValidationError, "results_by_n", "results_by_n", "non_empty")
    with pytest.raises(laycoach.ValidationError) as e:
        plots.share_within(runs, hours=36)
    _error(e, laycoach.ValidationError, "results_by_n", "hours", "known_threshold")


def test_ctrl_c_stops_a_long_run():
    import os
    import signal
    import threading
    import time

    long = simulation.Scenario.from_json(json.dumps(scenario_doc(rate=0.5, coaches=4, days=180)))
    timer = threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT))
    t0 = time.perf_counter()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        laycoach.simulate(long, replications=20_000, seed=1, workers=1, progress=False)
    timer.join()
    assert time.perf_counter() - t0 < 8  # 20,000 replications on one thread take about a minute


def test_replications_json_refuses_bad_documents(result):
    R = simulation.Replications
    doc = json.loads(result.raw.to_json())
    assert R.from_json(json.dumps(doc)) == result.raw
    bad = copy.deepcopy(doc)
    bad[0]["groups"][0]["wait_histogram"] = [[simulation._sim.WAIT_BINS, 1]]
    with pytest.raises(laycoach.ValidationError) as e:
        R.from_json(json.dumps(bad))
    _error(e, laycoach.ValidationError, "replications", "/0/groups/0/wait_histogram/0/0", "histogram_bin")
    bad = copy.deepcopy(doc)
    del bad[1]["total"]
    with pytest.raises(laycoach.ParseError) as e:
        R.from_json(json.dumps(bad))
    _error(e, laycoach.ParseError, "replications", "/1/total", "document_schema")
    bad = copy.deepcopy(doc)
    bad[0]["hour_rota_minutes"] = bad[0]["hour_rota_minutes"][:167]
    with pytest.raises(laycoach.ParseError) as e:
        R.from_json(json.dumps(bad))
    _error(e, laycoach.ParseError, "replications", "/0/hour_rota_minutes", "document_schema")
