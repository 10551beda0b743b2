"""The personalised care and support plan, its shares and onward referral through the Python
face: versions kept (also after reopening and across handles), the agreed dose, the employer
refused and logged, exact errors that change nothing, and the two headline figures checked
against an independent pandas computation on the same records."""
import math

import pandas as pd
import pytest
from scipy.stats import binomtest

import laycoach

from conftest import BOOKED_AT, COACH, at

COACH_V = laycoach.Viewer("coach", "c1")
OTHER_COACH = laycoach.Viewer("coach", "c2")
CLIENT_V = laycoach.Viewer("client", "s1")
EMPLOYER_V = laycoach.Viewer("employer", "RX1")
GP_V = laycoach.Viewer("practitioner", "gp-7")
MANAGER = laycoach.Viewer("service_manager", "")


def _err(excinfo, cls, record, field, rule):
    e = excinfo.value
    assert isinstance(e, cls), type(e)
    assert (e.record, e.field, e.rule) == (record, field, rule), str(e)


def _plan(pid, sessions, **extra):
    return {"id": pid, "client_id": "s1", "referral_id": "r1", "what_matters": "Sleeping after nights",
            "goals": ["Wind down after shifts"], "actions": ["No screens after 23:00"],
            "agreed_sessions": sessions, "agreed_at": at(2024, 3, 4, 10), "agreed_by": "c1", **extra}


def _share(sid, org, practitioner="gp-7"):
    return {"id": sid, "client_id": "s1", "referral_id": "r1", "practitioner_id": practitioner,
            "practitioner_name": "Dr Okafor", "role": "GP", "organisation": org,
            "consent_at": at(2024, 3, 4, 10)}


@pytest.fixture
def care(programme):
    programme.add_coach({**COACH, "id": "c2", "name": "Ben"})
    programme.add_organisation({"ods_code": "B82001", "name": "Hill Surgery", "kind": "gp_practice"})
    return programme


def test_versions_are_kept_and_the_latest_sets_the_agreed_dose(care):
    assert care.agreed_sessions("r1") is None  # client-led LAY Too: nothing agreed yet
    v1 = care.add_care_plan(_plan("cp1", 6), COACH_V)
    assert isinstance(v1, laycoach.CarePlan) and v1.version == 1
    assert care.agreed_sessions("r1") == 6
    v2 = care.add_care_plan(laycoach.CarePlan(**_plan("cp2", 4, goals=["Walk daily"])), COACH_V)
    assert v2.version == 2 and care.agreed_sessions("r1") == 4
    plans = care.care_plans("s1", CLIENT_V)
    assert [p.version for p in plans] == [1, 2]
    assert plans[0] == v1 and plans[0].goals == ["Wind down after shifts"]
    with pytest.raises(laycoach.ConflictError) as ei:
        care.add_care_plan(_plan("cp9", 2, version=7), COACH_V)
    _err(ei, laycoach.ConflictError, "cp9", "version", "version_sequence")
    with pytest.raises(laycoach.ValidationError) as ei:
        care.add_care_plan(_plan("cp9", 0), COACH_V)
    _err(ei, laycoach.ValidationError, "cp9", "agreed_sessions", "positive")
    with pytest.raises(laycoach.ForbiddenError) as ei:
        care.add_care_plan(_plan("cp9", 3, agreed_by="c2"), OTHER_COACH)
    _err(ei, laycoach.ForbiddenError, "cp9", "agreed_by", "coach_in_episode")
    assert [p.id for p in care.care_plans("s1", COACH_V)] == ["cp1", "cp2"]  # nothing changed
    with pytest.raises(laycoach.NotFoundError) as ei:
        care.agreed_sessions("nope")
    _err(ei, laycoach.NotFoundError, "nope", "id", "reference_resolves")


def test_the_employer_is_refused_and_logged(care):
    care.add_care_plan(_plan("cp1", 6), COACH_V)
    with pytest.raises(laycoach.ForbiddenError) as ei:
        care.care_plans("s1", EMPLOYER_V)
    _err(ei, laycoach.ForbiddenError, "s1", "viewer", "never_employer")
    # s1 works for RX1: a share with RX1 is a share with the employer.
    with pytest.raises(laycoach.ForbiddenError) as ei:
        care.share_care_plan(_share("sh1", "RX1", "oh-1"), COACH_V)
    _err(ei, laycoach.ForbiddenError, "sh1", "organisation", "never_employer")
    assert care.care_plan_shares("s1", CLIENT_V) == []
    log = care.access_log(MANAGER)
    denied = log[(log.outcome == "denied") & (log.rule == "never_employer")]
    assert set(denied.operation) == {"read_care_plans", "share_care_plan"}
    assert set(denied.audience) == {"employer", "coach"}


def test_a_practitioner_reads_while_shared(care):
    care.add_care_plan(_plan("cp1", 6), COACH_V)
    with pytest.raises(laycoach.ForbiddenError):
        care.care_plans("s1", GP_V)
    s = care.share_care_plan(_share("sh1", "B82001"), COACH_V)
    assert s.active and s.consent_by == "c1"
    assert [p.id for p in care.care_plans("s1", GP_V)] == ["cp1"]
    with pytest.raises(laycoach.ForbiddenError):
        care.goals("s1", GP_V)
    r = care.revoke_share("sh1", CLIENT_V, at(2024, 4, 1))
    assert not r.active and r.revoked_at == at(2024, 4, 1)
    with pytest.raises(laycoach.ForbiddenError):
        care.care_plans("s1", GP_V)
    with pytest.raises(laycoach.ConflictError) as ei:
        care.revoke_share("sh1", CLIENT_V)
    _err(ei, laycoach.ConflictError, "sh1", "revoked_at", "revoke_once")
    ops = list(care.access_log(MANAGER).operation)
    assert "share_care_plan" in ops and "revoke_care_plan_share" in ops
    assert laycoach.Audience.PRACTITIONER.name == "PRACTITIONER"


def test_onward_referral_and_its_outcome(care):
    o = care.add_onward_referral({"id": "on1", "client_id": "s1", "referral_id": "r1",
                                  "destination": "smoking_cessation", "referred_at": at(2024, 3, 20),
                                  "referred_by": "c1"}, COACH_V)
    assert o.destination == laycoach.OnwardDestination.SMOKING_CESSATION
    assert o.outcome == laycoach.OnwardOutcome.UNKNOWN
    done = care.set_onward_outcome("on1", laycoach.OnwardOutcome.ACCEPTED, COACH_V, at(2024, 3, 25))
    assert done.outcome == laycoach.OnwardOutcome.ACCEPTED and done.outcome_at == at(2024, 3, 25)
    assert care.onward_referrals("s1", CLIENT_V) == [done]
    with pytest.raises(laycoach.ValidationError) as ei:
        care.add_onward_referral({"id": "on2", "client_id": "s1", "referral_id": "r1", "destination": "other",
                                  "referred_at": at(2024, 3, 20), "referred_by": "c1"}, COACH_V)
    _err(ei, laycoach.ValidationError, "on2", "description", "description_required")
    with pytest.raises(laycoach.ForbiddenError) as ei:
        care.onward_referrals("s1", EMPLOYER_V)
    _err(ei, laycoach.ForbiddenError, "s1", "viewer", "never_employer")
    assert len(care.onward_referrals("s1", COACH_V)) == 1


def test_versions_survive_reopening_and_a_second_handle_sees_a_new_one(tmp_path):
    path = str(tmp_path / "care.db")
    a = laycoach.Programme.open(path)
    a.add_organisation({"ods_code": "RX1", "name": "A Trust", "kind": "trust"})
    a.add_coach(COACH)
    a.add_client({"id": "s1", "kind": "staff", "organisation": "RX1", "consent": {"coaching": True}})
    a.add_referral({"id": "r1", "client_id": "s1", "offer_id": "lay_too_1to1", "requested_at": "2024-03-03T20:00:00Z"})
    a.book({"id": "x1", "offer_id": "lay_too_1to1", "coach_id": "c1",
            "attendees": [{"client_id": "s1", "referral_id": "r1"}], "booked_at": BOOKED_AT, "start": at(2024, 3, 4, 9)})
    a.add_care_plan(_plan("cp1", 6), COACH_V)
    b = laycoach.Programme.open(path)
    a.add_care_plan(_plan("cp2", 3), COACH_V)
    assert [p.version for p in b.care_plans("s1", CLIENT_V)] == [1, 2]  # b sees a's new version
    assert b.agreed_sessions("r1") == 3
    assert b.add_care_plan(_plan("cp3", 2), COACH_V).version == 3
    del a, b
    c = laycoach.Programme.open(path)
    assert [(p.id, p.version, p.agreed_sessions) for p in c.care_plans("s1", COACH_V)] == [
        ("cp1", 1, 6), ("cp2", 2, 3), ("cp3", 3, 2)]


# ---- the headline figures against pandas ----------------------------------------------------------

N = 36
DESTS = ["weight_management", "smoking_cessation", "physical_activity", "talking_therapies", "social_prescribing",
         "other"]


def _headline_programme():
    """N staff clients, each with one episode (closed or open) and an attended session; onward
    referrals (some with two destinations) and goals (some achieved), by fixed rules."""
    p = laycoach.Programme()
    p.add_organisation({"ods_code": "RX1", "name": "A Trust", "kind": "trust"})
    p.add_coach(COACH)
    for i in range(N):
        c, r = f"x{i}", f"rx{i}"
        p.add_client({"id": c, "kind": "staff", "organisation": "RX1", "consent": {"coaching": True, "evaluation": True}})
        p.add_referral({"id": r, "client_id": c, "offer_id": "lay_too_1to1", "requested_at": "2024-03-01T09:00:00Z",
                        "closed": i % 6 != 5})
        p.book({"id": f"sx{i}", "offer_id": "lay_too_1to1", "coach_id": "c1",
                "attendees": [{"client_id": c, "referral_id": r}], "booked_at": BOOKED_AT,
                "start": at(2024, 3, 4 + i % 20, 8 + i // 20)})
        p.record_outcome(f"sx{i}", laycoach.SessionStatus.ATTENDED)
        if i % 7 != 0:
            extra = {"description": "Community choir"} if DESTS[i % 6] == "other" else {}
            p.add_onward_referral({"id": f"o{i}", "client_id": c, "referral_id": r, "destination": DESTS[i % 6],
                                   "referred_at": at(2024, 4, 1), "referred_by": "c1", **extra}, COACH_V)
        if i % 4 == 0:
            p.add_onward_referral({"id": f"t{i}", "client_id": c, "referral_id": r,
                                   "destination": "talking_therapies", "referred_at": at(2024, 4, 2),
                                   "referred_by": "c1"}, COACH_V)
        p.add_goal({"id": f"g{i}", "client_id": c, "referral_id": r, "description": "a goal"}, COACH_V)
        if i % 5 != 2:
            p.set_goal_attainment(f"g{i}", laycoach.GoalAttainment.ACHIEVED, COACH_V)
    return p


def test_headline_figures_agree_with_pandas():
    p = _headline_programme()
    # Independent computation from the programme's own tables, in pandas.
    frames = laycoach.frames(p)
    refs = frames["referrals"]
    ended = refs[refs["closed"]][["id", "client_id"]].rename(columns={"id": "referral_id"})
    onward = frames["onward_referrals"].merge(ended, on=["referral_id", "client_id"])
    goals = pd.DataFrame([g.to_dict() for c in ended.client_id for g in p.goals(c, COACH_V)])
    achieved = goals[goals.attainment == "achieved"].merge(ended, on=["referral_id", "client_id"])
    n = ended.client_id.nunique()
    k_ref = onward.client_id.nunique()
    k_goal = achieved.client_id.nunique()
    by_dest = onward.groupby("destination").client_id.nunique()

    f = p.evaluate(MANAGER).frame("onward").set_index(["figure", "group"])
    assert f.loc[("referred_on", "all"), "n"] == n
    assert f.loc[("referred_on", "all"), "k"] == k_ref
    assert f.loc[("referred_on", "all"), "share"] == pytest.approx(k_ref / n)
    assert f.loc[("goals_achieved", "all"), "k"] == k_goal
    assert f.loc[("goals_achieved", "all"), "share"] == pytest.approx(k_goal / n)
    for d in DESTS:
        assert f.loc[("referred_on_to", d), "k"] == by_dest.get(d, 0), d
    # Wilson intervals as scipy computes them.
    ci = binomtest(k_ref, n).proportion_ci(0.95, method="wilson")
    assert f.loc[("referred_on", "all"), "ci_low"] == pytest.approx(ci.low, abs=1e-9)
    assert f.loc[("referred_on", "all"), "ci_high"] == pytest.approx(ci.high, abs=1e-9)

    # The commissioner's release: rounded, within the exact interval's reach, never the exact n.
    rep = p.evaluate("commissioner")
    assert rep.disclosure_controlled
    c = rep.frame("onward").set_index(["figure", "group"])
    for key in [("referred_on", "all"), ("goals_achieved", "all")]:
        assert c.loc[key, "n"] % 5 == 0 and c.loc[key, "k"] % 5 == 0
        exact = f.loc[key, "share"]
        assert c.loc[key, "ci_low"] <= exact <= c.loc[key, "ci_high"]
    assert f.loc[("referred_on_to", "weight_management"), "k"] == 5
    small = c.loc[("referred_on_to", "weight_management")]
    assert pd.isna(small["k"]) and "k" in small["suppressed_fields"]  # 1-7 people: suppressed
    html = rep.to_html(plots=False)
    assert "Onward referral and goals at the end of coaching" in html
