"""Clinical safety through the Python face: add_response returns the C++ score with its risk
flags; a risk flag is stored, on the audit until a named person acknowledges it or a concern
names it; bad input gives the exact error and changes nothing."""
import json

import pytest

import laycoach

from conftest import at


def _phq9(rid, client, item9, when=None, **extra):
    return {"id": rid, "client_id": client, "instrument_id": "phq9", "time_point": "baseline",
            "recorded_at": when or at(2024, 3, 4, 10), "answers": [1, 1, 1, 1, 1, 1, 1, 1, item9], **extra}


def _err(excinfo, cls, record, field, rule):
    e = excinfo.value
    assert isinstance(e, cls), type(e)
    assert (e.record, e.field, e.rule) == (record, field, rule), str(e)


def test_add_response_returns_the_score_with_its_risk_flag(programme):
    s = programme.add_response(_phq9("q1", "s1", 1))
    assert isinstance(s, laycoach.Score)
    assert s.total == 9.0 and s.band == "mild"
    assert s.flags == ["self_harm_risk"] and s.risk_flags == ["self_harm_risk"]
    assert s.to_dict()["risk_flags"] == ["self_harm_risk"]
    # The same rule as the instrument library (one rule, one place).
    assert laycoach.score("phq9", [1, 1, 1, 1, 1, 1, 1, 1, 1]).risk_flags == s.risk_flags
    calm = programme.add_response(_phq9("q2", "s2", 0))
    assert calm.risk_flags == [] and calm.flags == []
    flags = programme.risk_flags()
    assert [f.id for f in flags] == ["q1#self_harm_risk"]
    f = flags[0]
    assert (f.response_id, f.client_id, f.instrument_id, f.flag) == ("q1", "s1", "phq9", "self_harm_risk")
    assert f.raised_at == at(2024, 3, 4, 10) and f.open and f.acknowledged_by == ""


@pytest.mark.parametrize("item9,raised", [(0, False), (1, True), (2, True), (3, True)])
def test_phq9_item_9_above_zero_is_always_a_risk_flag(programme, item9, raised):
    s = programme.add_response({**_phq9("q", "s1", item9), "answers": [0] * 8 + [item9]})
    assert ("self_harm_risk" in s.risk_flags) == raised
    audit = [b for b in programme.audit(at(2024, 3, 5)) if b.rule == "risk_flag_open"]
    assert [b.record for b in audit] == (["q#self_harm_risk"] if raised else [])


def test_a_custom_instrument_marks_a_risk_item_in_its_json():
    doc = {"schema_version": 1, "id": "safety_check", "name": "Safety check",
           "items": [{"text": "mood", "min": 0, "max": 4}, {"text": "feels unsafe at home", "min": 0, "max": 4}],
           "item_flags": [{"item": 1, "at_least": 1, "flag": "unsafe_at_home", "risk": True},
                          {"item": 0, "at_least": 4, "flag": "low_mood", "risk": False}],
           "scales": [{"name": "total", "items": [0, 1], "rule": "sum", "higher_is_better": False}],
           "primary": "total"}
    assert laycoach.load_instrument(json.dumps(doc)) == "safety_check"
    s = laycoach.score("safety_check", [4, 2])
    assert s.flags == ["unsafe_at_home", "low_mood"] and s.risk_flags == ["unsafe_at_home"]
    bad = json.loads(json.dumps(doc))
    bad["item_flags"][0]["risk"] = "yes"
    with pytest.raises(laycoach.ParseError) as e:
        laycoach.load_instrument(json.dumps({**bad, "id": "safety_check_2"}))
    _err(e, laycoach.ParseError, "safety_check_2", "/item_flags/0/risk", "document_schema")


def test_acknowledgement_by_a_named_person_closes_the_flag_once(programme):
    programme.add_response(_phq9("q1", "s1", 2))
    fid = "q1#self_harm_risk"
    before = programme.to_json()
    with pytest.raises(laycoach.ValidationError) as e:
        programme.acknowledge_risk_flag(fid, "", at(2024, 3, 4, 12), "called")
    _err(e, laycoach.ValidationError, fid, "acknowledged_by", "named_person")
    with pytest.raises(laycoach.ValidationError) as e:
        programme.acknowledge_risk_flag(fid, "Dr Patel", at(2024, 3, 4, 9), "called")
    _err(e, laycoach.ValidationError, fid, "acknowledged_at", "acknowledgement_time")
    with pytest.raises(laycoach.NotFoundError) as e:
        programme.acknowledge_risk_flag("q9#self_harm_risk", "Dr Patel", at(2024, 3, 4, 12))
    _err(e, laycoach.NotFoundError, "q9#self_harm_risk", "id", "reference_resolves")
    assert programme.to_json() == before  # nothing changed
    assert [b.record for b in programme.audit(at(2024, 3, 5)) if b.rule == "risk_flag_open"] == [fid]

    f = programme.acknowledge_risk_flag(fid, "Dr Patel", at(2024, 3, 4, 12), "phoned; GP informed")
    assert isinstance(f, laycoach.RiskFlag)
    assert f.acknowledged_by == "Dr Patel" and f.acknowledged_at == at(2024, 3, 4, 12) and not f.open
    assert programme.risk_flags(open_only=True) == []
    assert programme.risk_flags() == [f]
    assert not [b for b in programme.audit(at(2024, 3, 5)) if b.rule == "risk_flag_open"]
    with pytest.raises(laycoach.ConflictError) as e:
        programme.acknowledge_risk_flag(fid, "Someone", at(2024, 3, 5, 12))
    _err(e, laycoach.ConflictError, fid, "acknowledged_by", "acknowledge_once")


def test_a_concern_naming_the_flag_answers_it(programme):
    programme.add_response(_phq9("q1", "s1", 3))
    concern = {"id": "sg1", "coach_id": "c1", "client_id": "s2", "category": "self_harm",
               "raised_at": at(2024, 3, 4, 11), "risk_flag_id": "q1#self_harm_risk"}
    with pytest.raises(laycoach.ValidationError) as e:
        programme.raise_concern(concern)
    _err(e, laycoach.ValidationError, "sg1", "risk_flag_id", "risk_flag_matches")
    with pytest.raises(laycoach.NotFoundError) as e:
        programme.raise_concern({**concern, "client_id": "s1", "risk_flag_id": "nope#x"})
    _err(e, laycoach.NotFoundError, "sg1", "risk_flag_id", "reference_resolves")
    programme.raise_concern({**concern, "client_id": "s1"})
    assert programme.concerns()[0].risk_flag_id == "q1#self_harm_risk"
    assert programme.risk_flags(open_only=True) == [] and len(programme.risk_flags()) == 1
    assert not [b for b in programme.audit(at(2024, 3, 5)) if b.rule == "risk_flag_open"]


def test_a_bad_response_raises_nothing(programme):
    before = programme.to_json()
    with pytest.raises(laycoach.ValidationError) as e:
        programme.add_response(_phq9("q1", "s1", 4))
    _err(e, laycoach.ValidationError, "q1", "answers/8", "answer_in_range")
    assert programme.to_json() == before
    assert programme.risk_flags() == [] and programme.pending_events() == [p for p in programme.pending_events()
                                                                            if p.kind != laycoach.EventKind.RISK_FLAG_RAISED]


def test_risk_flags_survive_the_store_and_stay_out_of_extracts(tmp_path, programme):
    path = str(tmp_path / "s.db")
    p = laycoach.Programme.open(path)
    p.replace_from(programme)
    p.add_response(_phq9("q1", "s1", 1))
    p.acknowledge_risk_flag("q1#self_harm_risk", "Dr Patel", at(2024, 3, 4, 12), "SECRET ACTION TEXT")
    q = laycoach.Programme.open(path)
    assert q.risk_flags() == p.risk_flags()
    assert q.risk_flags()[0].action == "SECRET ACTION TEXT"
    table = q.table("risk_flags")
    assert "action" not in table and "acknowledged_by" not in table  # free text and names withheld
    ex = laycoach.extract(q, "analyst", ["risk_flags"])["risk_flags"]
    assert "SECRET ACTION TEXT" not in ex.to_csv() and "q1#self_harm_risk" not in set(ex["id"])


def test_the_demo_runs_the_safety_loop_and_the_gp_export(tmp_path, capsys):
    """The main job (scripts/demo.sh runs `laycoach demo`): a PHQ-9 with item 9 above 0 raises a
    flag that is on the audit and in the outbox until the duty GP acknowledges it, and the FHIR
    export for the GP record holds patients only; the store keeps what the demo did."""
    from laycoach import cli

    store = tmp_path / "demo.sqlite"
    assert cli.main(["demo", "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert "risk flags ['self_harm_risk']" in out
    assert "[risk_flag_open] demo-phq9#self_harm_risk" in out
    assert "Events waiting in the outbox for the host: 1 (risk_flag_raised 1)" in out
    assert "0 open, 0 waiting" in out
    assert "FHIR R4 (UK Core) export for the GP record" in out
    p = laycoach.open(str(store), mode="r")
    (flag,) = p.risk_flags()
    assert (flag.id, flag.acknowledged_by) == ("demo-phq9#self_harm_risk", "Dr Helen Marsh (duty GP)")
    # What the pathway booked after the host acknowledged: the series' sessions, one event each.
    series = [s for s in p.sessions() if s.series_id]
    assert len(series) == 4 and len({s.coach_id for s in series}) == 1
    assert sorted(s.series_index for s in series) == [0, 1, 2, 3]
    pending = p.pending_events()
    assert [e.kind.id for e in pending] == ["session_booked"] * 4
    # The pathway's records are in the store: triage, care plan, onward referral, usage answers.
    inbox = {i["id"]: i for i in (p.inbox_item(f"spa-{k}") for k in (1, 2, 3))}
    assert [inbox[f"spa-{k}"]["route"] for k in (1, 2, 3)] == ["hwbc_non_clinical", "social_prescribing",
                                                                "not_accepted"]
    assert inbox["spa-1"]["referral_id"] == "spa-1" and p.referral("spa-1").client_id == inbox["spa-1"]["client_id"]
    assert p.agreed_sessions("spa-1") == 4  # the care plan's number, not the offer's 6
    assert "Single point of access" in out and "a series of 4 weekly sessions" in out
    assert "Value (illustrative unit costs" in out and "Access equity by staff group" in out
