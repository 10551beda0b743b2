"""A programme's own questionnaires from Python: Programme.register_instrument / instruments /
instrument, add_response with them and with externally scored totals ("scores"), evaluation and
the report. Statistics are checked against scipy on scores computed here from the answers."""
import datetime as dt
import json
import math

import pytest
import scipy.stats

import laycoach

UTC = dt.timezone.utc

TEAM_CLIMATE = {
    "schema_version": 1, "id": "team_climate", "name": "Team climate (local)", "validation": "local",
    "item_defaults": {"min": 1, "max": 5},
    "items": [{"text": "We support each other"}, {"text": "I dread team meetings", "reverse": True},
              {"text": "We learn from mistakes"}],
    "scales": [{"name": "total", "items": [0, 1, 2], "rule": "sum", "higher_is_better": True,
                "meaningful_change": 2, "bands": [[3, 7, "poor"], [8, 11, "fair"], [12, 15, "good"]]}],
}

TWO_SCALES = {
    "schema_version": 1, "id": "two_scales", "name": "Two scales", "item_defaults": {"min": 1, "max": 5},
    "items": [{"text": "a"}, {"text": "b"}],
    "scales": [{"name": "first", "items": [0], "rule": "sum", "higher_is_better": True},
               {"name": "second", "items": [1], "rule": "sum", "higher_is_better": True}],
}

COACH = {
    "id": "c1", "name": "Asha", "memberships": ["emcc"], "offers": ["lay_too_1to1"],
    "rota": {"weekly": [{"weekday": d, "start_min": 480, "end_min": 1320} for d in range(7)]},
    "safeguarding_lead": "Dr Patel", "first_point_of_contact": "Lead",
}


def expect(exc, code, record, field, rule, f, *args, **kw):
    """Require f(*args, **kw) to raise exc with exactly this code, record, field and rule."""
    with pytest.raises(exc) as e:
        f(*args, **kw)
    assert (e.value.code, e.value.record, e.value.field, e.value.rule) == (code, record, field, rule), str(e.value)


def climate(a, b, c):
    """The team-climate total, computed here: item 2 is reverse-keyed (6 - answer)."""
    return a + (6 - b) + c


def at(day, hour=9):
    """An aware UTC datetime in March-April 2024 (GMT: UTC is UK time)."""
    return dt.datetime(2024, 3, 1, hour, tzinfo=UTC) + dt.timedelta(days=day)


def staff_programme(n):
    """A programme (in memory) with one coach and n staff clients, each with a referral."""
    p = laycoach.open(":memory:")
    p.add_coach(COACH)
    for i in range(n):
        p.add_client({"id": f"e{i}", "kind": "staff", "consent": {"coaching": True, "evaluation": True}})
        p.add_referral({"id": f"r{i}", "client_id": f"e{i}", "offer_id": "lay_too_1to1",
                        "requested_at": "2024-03-01T08:00:00Z"})
    return p


def response(rid, client, when, **kw):
    """A team-climate response document."""
    return {"id": rid, "client_id": client, "instrument_id": "team_climate", "recorded_at": when,
            "time_point": "baseline", **kw}


def test_primary_scale_rule():
    p = staff_programme(0)
    stored = p.register_instrument(TEAM_CLIMATE)  # one scale, no primary: that scale
    assert stored["primary"] == "total"
    expect(laycoach.ValidationError, "invalid_argument", "two_scales", "primary", "primary_scale_required",
           p.register_instrument, TWO_SCALES)
    expect(laycoach.ParseError, "parse", "two_scales", "/primary", "document_schema",
           p.register_instrument, {**TWO_SCALES, "primary": "third"})
    none = p.register_instrument({**TWO_SCALES, "primary": None})  # deliberately none
    assert none["primary"] is None
    assert [d["id"] for d in p.instruments()] == ["team_climate", "two_scales"]


def test_register_is_validated_immutable_and_strict():
    p = staff_programme(1)
    p.register_instrument(json.dumps(TEAM_CLIMATE))
    before = p.to_json()
    assert p.register_instrument(TEAM_CLIMATE)["id"] == "team_climate"  # identical again: a no-op
    assert p.to_json() == before
    expect(laycoach.ConflictError, "conflict", "team_climate", "id", "instrument_immutable",
           p.register_instrument, {**TEAM_CLIMATE, "name": "Team climate v2"})
    expect(laycoach.ConflictError, "conflict", "PHQ9", "id", "unique_instrument_id",
           p.register_instrument, {**TEAM_CLIMATE, "id": "PHQ9"})
    # The strict reader: a repeated key (JSON text) and an unknown key are refused with their pointer.
    text = json.dumps(TEAM_CLIMATE)[:-1] + ', "name": "again"}'
    expect(laycoach.ParseError, "parse", "instrument", "/name", "unique_keys", p.register_instrument, text)
    expect(laycoach.ParseError, "parse", "x", "/colour", "document_schema", p.register_instrument,
           {**TEAM_CLIMATE, "id": "x", "colour": "red"})
    assert p.to_json() == before
    assert p.instrument("TEAM_CLIMATE")["validation"] == "local"
    assert p.instrument("gad7")["id"] == "gad7"
    expect(laycoach.NotFoundError, "not_found", "nope", "instrument_id", "reference_resolves", p.instrument, "nope")


def test_add_response_with_answers_and_externally_scored():
    p = staff_programme(1)
    expect(laycoach.NotFoundError, "not_found", "q1", "instrument_id", "reference_resolves",
           p.add_response, response("q1", "e0", "2024-03-02T09:00:00Z", answers=[4, 2, 5]))
    p.register_instrument(TEAM_CLIMATE)
    s = p.add_response(response("q1", "e0", "2024-03-02T09:00:00Z", answers=[4, 2, 5]))
    assert s.total == climate(4, 2, 5) and s.band == "good"
    e = p.add_response(response("q2", "e0", "2024-03-03T09:00:00Z", scores={"total": 9.0}))
    assert e.total == 9.0 and e.band == "fair"
    before = p.to_json()
    expect(laycoach.ValidationError, "invalid_argument", "q3", "scores/total", "recorded_in_range",
           p.add_response, response("q3", "e0", "2024-03-04T09:00:00Z", scores={"total": 2.0}))
    expect(laycoach.NotFoundError, "not_found", "q3", "scores/overall", "scale_exists",
           p.add_response, response("q3", "e0", "2024-03-04T09:00:00Z", scores={"overall": 9.0}))
    expect(laycoach.ValidationError, "invalid_argument", "q3", "scores", "answers_or_scores",
           p.add_response, response("q3", "e0", "2024-03-04T09:00:00Z", answers=[1, 1, 1], scores={"total": 9.0}))
    expect(laycoach.ValidationError, "invalid_argument", "q3", "answers/1", "answer_in_range",
           p.add_response, response("q3", "e0", "2024-03-04T09:00:00Z", answers=[1, 6, 1]))
    assert p.to_json() == before
    stored = {r.id: r for r in p.responses()}
    assert stored["q2"].scores == {"total": 9.0} and stored["q1"].scores == {}


def test_persisted_two_handles_and_reopen(tmp_path):
    path = str(tmp_path / "i.db")
    a = laycoach.open(path, "c")
    b = laycoach.open(path)
    a.add_client({"id": "s1", "kind": "staff", "consent": {"coaching": True, "evaluation": True}})
    a.register_instrument(TEAM_CLIMATE)
    assert b.add_response(response("q1", "s1", "2024-03-02T09:00:00Z", scores={"total": 10.0})).total == 10.0
    c = laycoach.open(path)
    assert c.instruments() == a.instruments()
    assert [r.scores for r in c.responses()] == [{"total": 10.0}]


def test_evaluation_and_report_include_the_instrument():
    n = 14
    p = staff_programme(n)
    p.register_instrument(TEAM_CLIMATE)
    before, after = [], []
    for i in range(n):
        p.book({"id": f"x{i}", "offer_id": "lay_too_1to1", "coach_id": "c1", "booked_at": "2024-03-01T12:00:00Z",
                "attendees": [{"client_id": f"e{i}", "referral_id": f"r{i}"}], "start": at(3 + i // 6, 9 + i % 6)})
        p.record_attendance(f"x{i}", f"e{i}", laycoach.AttendeeStatus.ATTENDED)
        b = [1 + i % 5, 1 + (i * 3) % 5, 1 + (i // 5) % 5]
        p.add_response(response(f"b{i}", f"e{i}", at(1), referral_id=f"r{i}", answers=b))
        before.append(climate(*b))
        fu = dict(referral_id=f"r{i}", time_point="end_of_episode")
        if i % 3 == 0:  # scored elsewhere
            x = 3.0 + (i * 7) % 13
            p.add_response(response(f"f{i}", f"e{i}", at(50), scores={"total": x}, **fu))
            after.append(x)
        else:
            a = [1 + (i + 2) % 5, 1 + (i * 2) % 5, 5 - i % 4]
            p.add_response(response(f"f{i}", f"e{i}", at(50), answers=a, **fu))
            after.append(climate(*a))
    rep = p.evaluate(laycoach.Viewer(laycoach.Audience.SERVICE_MANAGER))
    o = rep.outcome("team_climate/total")
    assert o["registered"] is True and o["validation"] == "local" and o["name"] == "Team climate (local)"
    ov = o["overall"]
    t = scipy.stats.ttest_rel(after, before)
    assert ov["n"] == n
    assert math.isclose(ov["mean_change"], sum(after) / n - sum(before) / n, rel_tol=1e-12)
    assert math.isclose(ov["t"], t.statistic, rel_tol=1e-12)
    assert math.isclose(ov["p"], t.pvalue, rel_tol=1e-9)
    assert ov["rci_threshold"] is None or math.isnan(ov["rci_threshold"])  # no reliability given
    html = rep.to_html(plots=False)
    assert "Team climate (local)" in html
    assert "the programme&#x27;s own questionnaire (local)" in html or "the programme's own questionnaire (local)" in html
    assert "reliable change not computed" in html
    csv = rep.to_csv()
    pairing = [line for line in csv["pairing"].splitlines() if line.startswith("team_climate/total")]
    assert len(pairing) == 1 and ",1,local," in pairing[0]
