"""Usage tracking of people trained in coaching skills from Python: the schedule and its
invitations, answers judged by the instrument library (exact errors, nothing changed), skill-share
sessions, the register of who practises, a second handle on one store, and the usage figures of
the report checked against an independent pandas / statsmodels computation on the same data."""
import datetime as dt
import math

import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint

import laycoach

UTC = dt.timezone.utc


def expect_error(fn, code, record, field, rule):
    with pytest.raises(laycoach.Error) as info:
        fn()
    e = info.value
    assert (e.code, e.record, e.field, e.rule) == (code, record, field, rule), str(e)
    return e


def at(y, mo, d, h=9):
    return dt.datetime(y, mo, d, h, tzinfo=UTC)


PROFESSIONS = ["link worker", "care coordinator", "nurse"]


def build(p, people=60):
    """A cohort of `people` (every 7th missed a day), waves 4 and 12 weeks, answers that vary."""
    p.add_organisation({"ods_code": "RX1", "name": "A Trust", "kind": "trust"})
    p.add_organisation({"ods_code": "RX2", "name": "B Trust", "kind": "trust"})
    p.add_cohort({"id": "co1", "name": "Coaching skills", "days": 2, "start": "2024-03-04"})
    p.add_cohort({"id": "co2", "name": "Coaching skills, autumn", "days": 2, "start": "2024-09-02"})
    for i in range(people):
        p.add_trainee({"id": f"t{i:03d}", "cohort_id": "co1" if i % 3 else "co2",
                       "profession": PROFESSIONS[i % 3], "organisation": "RX1" if i % 2 else "RX2",
                       "days_attended": 1 if i % 7 == 0 else 2, "champion": i % 5 == 0})
    p.add_usage_wave({"id": "4w", "weeks": 4})
    p.add_usage_wave({"id": "12w", "weeks": 12})
    p.schedule_usage_invitations(dt.date(2025, 6, 30))
    invitations = p.usage_invitations()
    sent = [v.id for k, v in enumerate(invitations) if k % 4 != 3]
    p.mark_usage_invitations_sent(sent, at(2025, 7, 1))
    for k, vid in enumerate(sent):
        if k % 3 == 2:
            continue  # sent, never answered
        freq = [0, 1, 2, 3, 2][k % 5]
        p.record_usage_response(vid, [freq, 1, k % 2, 0, None, 3 + k % 8], at(2025, 7, 2))
    p.add_skill_share_session({"id": "ss1", "date": "2024-05-01", "facilitator": "Sam",
                               "attendees": ["t001", "t002", "t004"]})
    return p


def test_invitations_responses_and_exact_errors():
    p = laycoach.Programme()
    p.add_cohort({"id": "co1", "name": "Coaching skills", "days": 2, "start": "2024-03-04"})
    p.add_trainee({"id": "t1", "cohort_id": "co1", "days_attended": 2, "champion": True})
    p.add_trainee({"id": "t2", "cohort_id": "co1", "days_attended": 1})
    p.add_usage_wave(laycoach.UsageWave(id="4w", weeks=4))
    expect_error(lambda: p.add_usage_wave({"id": "x", "weeks": 4}), "conflict", "x", "weeks", "unique_wave_weeks")
    assert p.schedule_usage_invitations(dt.date(2024, 4, 1)) == []
    made = p.schedule_usage_invitations(dt.date(2024, 4, 2))
    assert [v.id for v in made] == ["t1#4w"]  # t2 missed a day: not on the register
    assert made[0].due == dt.date(2024, 4, 2)
    assert made[0].sent_at is None
    assert [v.id for v in p.usage_invitations_due(dt.date(2024, 4, 30))] == ["t1#4w"]
    before = p.to_json()
    expect_error(lambda: p.record_usage_response("t1#4w", [1, 1, 0, 0, 0, 5], at(2024, 4, 3)),
                 "invalid_argument", "t1#4w", "sent_at", "invitation_sent")
    expect_error(lambda: p.record_usage_response("nope", [1, 1, 0, 0, 0, 5], at(2024, 4, 3)),
                 "not_found", "nope", "id", "reference_resolves")
    assert p.to_json() == before  # refused calls change nothing
    p.mark_usage_invitations_sent(["t1#4w"], at(2024, 4, 2))
    expect_error(lambda: p.mark_usage_invitations_sent(["t1#4w"], at(2024, 4, 3)),
                 "conflict", "t1#4w", "sent_at", "send_once")
    expect_error(lambda: p.record_usage_response("t1#4w", [1, 1, 0, 0, 0, 0], at(2024, 4, 3)),
                 "invalid_argument", "t1#4w", "answers/5", "answer_in_range")
    expect_error(lambda: p.record_usage_response("t1#4w", [1, 2, 0, 0, 0, 5], at(2024, 4, 3)),
                 "invalid_argument", "t1#4w", "answers/1", "answer_in_range")
    assert p.usage_invitations()[0].responded_at is None and p.usage_invitations()[0].answers == []
    score = p.record_usage_response("t1#4w", [1, 1, 0, 0, None, 5], at(2024, 4, 3))
    assert "practising" in score.flags and score.risk_flags == []
    expect_error(lambda: p.record_usage_response("t1#4w", [0, 0, 0, 0, 0, 5], at(2024, 4, 4)),
                 "conflict", "t1#4w", "responded_at", "respond_once")
    expect_error(lambda: p.add_skill_share_session({"id": "ss1", "date": "2024-04-10", "attendees": ["t1", "t2"]}),
                 "invalid_argument", "ss1", "attendees/1", "on_training_register")
    p.add_skill_share_session({"id": "ss1", "date": "2024-04-10", "attendees": ["t1"]})
    reg = p.practice_register()
    assert [(r.trainee_id, r.practising, r.waves_answered, r.skill_share_attended, r.champion) for r in reg] == [
        ("t1", True, 1, 1, True)]
    df = laycoach.practice_register(p)
    assert list(df["trainee_id"]) == ["t1"] and bool(df["practising"][0]) and df["latest_frequency"][0] == 1


def test_second_handle_and_reopen(tmp_path):
    path = str(tmp_path / "u.db")
    a = laycoach.Programme.open(path)
    b = laycoach.Programme.open(path)
    build(a, people=12)
    assert b.usage_invitations() == a.usage_invitations()
    assert b.practice_register() == a.practice_register()
    first = a.usage_invitations()[0]
    if first.responded_at is None and first.sent_at is not None:
        b.record_usage_response(first.id, [1, 0, 0, 0, 0, 4], at(2025, 7, 3))
    del a, b
    c = laycoach.Programme.open(path)
    assert len(c.usage_invitations()) > 0
    inv = laycoach.frame(c, "usage_invitations")
    assert set(inv["id"]) == {v.id for v in c.usage_invitations()}
    assert "facilitator" not in laycoach.frame(c, "skill_share_sessions").columns  # a person's name: withheld


def independent_figures(p):
    """Response rates and usage over time by pandas from the store's own tables."""
    inv = laycoach.frame(p, "usage_invitations")
    ans = laycoach.frame(p, "usage_invitation_answers")
    wide = ans.pivot(index="owner", columns="idx", values="answer")
    inv = inv.set_index("id")
    inv["freq"] = wide[0].reindex(inv.index)
    inv["conf"] = wide[5].reindex(inv.index)
    inv["answered"] = inv["responded_at"].notna()
    inv["sent"] = inv["sent_at"].notna()
    by_wave = inv.groupby("wave").agg(invited=("sent", "size"), sent=("sent", "sum"), answered=("answered", "sum"))
    answered = inv[inv["answered"] & inv["freq"].notna()]
    by_wave["practising"] = (answered["freq"] >= 1).groupby(answered["wave"]).sum()
    by_wave["answering"] = answered.groupby("wave").size()
    by_wave["mean_confidence"] = inv[inv["answered"]].groupby("wave")["conf"].mean()
    return inv, by_wave.fillna(0)


def test_report_figures_match_an_independent_computation():
    p = build(laycoach.Programme())
    inv, by_wave = independent_figures(p)
    rep = p.evaluate("service_manager")
    usage = rep.frame("usage")
    rows = usage[usage["dimension"] == "wave"].set_index(["measure", "group"])
    for wave, w in by_wave.iterrows():
        rr = rows.loc[("usage_response_rate", wave)]
        assert rr["n"] == w["invited"] and rr["k"] == w["answered"]
        lo, hi = proportion_confint(int(w["answered"]), int(w["invited"]), alpha=0.05, method="wilson")
        assert rr["share"] == pytest.approx(w["answered"] / w["invited"])
        assert rr["ci_low"] == pytest.approx(lo) and rr["ci_high"] == pytest.approx(hi)
        assert rows.loc[("usage_sent", wave)]["k"] == w["sent"]
        pr = rows.loc[("usage_practising", wave)]
        assert pr["n"] == w["answering"] and pr["k"] == w["practising"]
        lo, hi = proportion_confint(int(w["practising"]), int(w["answering"]), alpha=0.05, method="wilson")
        assert pr["ci_low"] == pytest.approx(lo) and pr["ci_high"] == pytest.approx(hi)
    conf = rep.frame("usage_confidence").set_index("wave")
    for wave, w in by_wave.iterrows():
        assert conf.loc[wave, "mean_confidence"] == pytest.approx(w["mean_confidence"])
    # Overall response rate and by profession, through the trainees table.
    trainees = laycoach.frame(p, "trainees").set_index("id")
    inv["profession"] = trainees["profession"].reindex(inv["trainee_id"]).to_numpy()
    overall = usage[(usage["measure"] == "usage_response_rate") & (usage["dimension"] == "all")].iloc[0]
    assert overall["n"] == len(inv) and overall["k"] == inv["answered"].sum()
    prof = usage[(usage["measure"] == "usage_response_rate") & (usage["dimension"] == "profession")].set_index("group")
    for name, g in inv.groupby("profession"):
        assert prof.loc[name, "n"] == len(g) and prof.loc[name, "k"] == g["answered"].sum()
    # Champions of the people on the register.
    reg = trainees[trainees["days_attended"] == 2]
    ch = usage[(usage["measure"] == "usage_champions") & (usage["dimension"] == "all")].iloc[0]
    assert ch["n"] == len(reg) and ch["k"] == reg["champion"].sum()
    html = rep.to_html(plots=False)
    assert "Coaching skills in practice" in html


def test_commissioner_release_is_disclosure_controlled():
    p = build(laycoach.Programme())
    exact = p.evaluate("service_manager")
    rel = p.evaluate("commissioner")
    assert rel.disclosure_controlled
    u = rel.data["usage"]
    floor = p.disclosure_floor
    for t in u["tables"]:
        for r in [t["overall"]] + [r for b in t["breakdowns"] for r in b["rows"]]:
            for f in ("n", "k"):
                v = r[f]
                if f in r["suppressed_fields"]:
                    assert v is None
                elif v:
                    assert v >= floor.min_count and v % floor.round_to == 0
    # The skill share of three people is a small number: withheld.
    assert u["skill_share_attendances"] is None and "skill_share_attendances" in u["suppressed_fields"]
    assert exact.data["usage"]["skill_share_attendances"] == 3
    marked = rel.frames(marked=True)["usage"]
    assert (marked.isin(["*"])).any().any()
    # An employer sees only its own staff.
    emp = p.evaluate(laycoach.Viewer("employer", "RX1"))
    emp_exact = p.evaluate(laycoach.Viewer("service_manager"))
    n_emp = emp.data["usage"]["tables"][0]["overall"]["n"]
    n_all = emp_exact.data["usage"]["tables"][0]["overall"]["n"]
    assert n_emp is None or n_emp < n_all
    assert math.isfinite(n_all)


def test_usage_survey_is_an_instrument_like_any_other():
    d = laycoach.instrument("coaching_skills_usage")
    assert "Not a validated" in d["licence"]
    s = laycoach.score("coaching_skills_usage", [3, 1, 1, 1, 1, 10])
    assert "practising" in s.flags and s.band == "most days"
    expect_error(lambda: laycoach.score("coaching_skills_usage", [4, 1, 1, 1, 1, 10]),
                 "invalid_argument", "coaching_skills_usage", "answers[0]", "answer_in_range")
