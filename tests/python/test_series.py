"""Series booking through the Python face (laycoach.booking.book_series and friends): a series
booked whole, one clash booking nothing with the occurrence named, the agreed number of sessions
honoured, UK local time kept across the clock change, the rest moved or cancelled in one call,
one event per session, a second process booking into the series' slots between two calls."""
import datetime as dt
import os
import subprocess
import sys
import textwrap

import pytest

import laycoach

UTC = dt.timezone.utc
booking = laycoach.booking


def at(y, mo, d, h=0, mi=0):
    return dt.datetime(y, mo, d, h, mi, tzinfo=UTC)


NOW = at(2024, 10, 1, 9)
COACH = {
    "id": "c1", "name": "c1", "memberships": ["emcc"], "offers": ["lay_too_1to1"],
    "rota": {"weekly": [{"weekday": d, "start_min": 480, "end_min": 1200} for d in range(5)]},
    "safeguarding_lead": "Dr Lead", "first_point_of_contact": "Desk",
}


def _service(p):
    p.add_coach(COACH)
    for c in ("s1", "s2"):
        p.add_client({"id": c, "kind": "staff", "consent": {"coaching": True}})
    p.add_referral({"id": "r1", "client_id": "s1", "offer_id": "lay_too_1to1",
                    "requested_at": "2024-10-01T09:00:00Z", "sessions_wanted": 6})


@pytest.fixture
def p():
    prog = laycoach.Programme()
    _service(prog)
    return prog


def _series(p, n=6, **kw):
    args = dict(first_start=at(2024, 10, 14, 9), count=n, referral_id="r1", coach_id="c1", series_id="w", now=NOW)
    args.update(kw)
    return booking.book_series(p, "s1", **args)


def _one(p, sid, client, start):
    return p.book({"id": sid, "offer_id": "lay_too_1to1", "coach_id": "c1", "attendees": [{"client_id": client}],
                   "booked_at": "2024-10-01T09:00:00Z", "start": start})


def test_a_series_is_booked_whole_at_the_same_local_time(p):
    v = _series(p)
    assert [s.start for s in v] == [at(2024, 10, 14, 9), at(2024, 10, 21, 9), at(2024, 10, 28, 10),
                                    at(2024, 11, 4, 10), at(2024, 11, 11, 10), at(2024, 11, 18, 10)]
    assert [s.series_index for s in v] == list(range(6))
    assert {s.series_id for s in v} == {"w"} and {s.coach_id for s in v} == {"c1"}
    # 10:00 UK local every time, GMT or BST.
    assert {(laycoach.to_uk_local(s.start).hour, laycoach.to_uk_local(s.start).minute) for s in v} == {(10, 0)}
    assert booking.series(p, "w") == v
    assert [e.kind.id for e in p.pending_events()] == ["session_booked"] * 6
    assert booking.series_starts(at(2024, 3, 30, 10), 3, "daily") == [at(2024, 3, 30, 10), at(2024, 3, 31, 9),
                                                                     at(2024, 4, 1, 9)]


def test_one_clash_books_nothing_and_names_the_occurrence(p):
    _one(p, "x", "s2", "2024-11-04T10:15:00Z")
    before = p.to_json()
    with pytest.raises(laycoach.ConflictError) as e:
        _series(p)
    assert (e.value.record, e.value.field, e.value.rule) == ("w", "occurrences/3/start", "coach_double_booked")
    assert "occurrence 4 of 6" in str(e.value) and "2024-11-04T10:00:00Z" in str(e.value)
    assert p.to_json() == before
    assert [e.kind.id for e in p.pending_events()] == ["session_booked"]  # only x's
    with pytest.raises(laycoach.ParseError) as e:
        _series(p, repeat="monthly")
    assert (e.value.record, e.value.field) == ("request", "/repeat")


def test_the_agreed_number_of_sessions_is_honoured(p):
    with pytest.raises(laycoach.ValidationError) as e:
        _series(p, 7)
    assert (e.value.record, e.value.field, e.value.rule) == ("w", "count", "agreed_sessions")
    assert _series(p, 4) and len(booking.series(p, "w")) == 4
    with pytest.raises(laycoach.ValidationError) as e:
        _series(p, 3, series_id="more", first_start=at(2024, 12, 2, 10))
    assert (e.value.field, e.value.rule) == ("count", "agreed_sessions")
    more = _series(p, 3, series_id="more", first_start=at(2024, 12, 2, 10), override_by="A. Khan",
                   override_reason="agreed at review")
    assert len(more) == 3
    assert any(b.rule == "booked_beyond_agreed" for b in p.audit(at(2024, 10, 2)))


def test_move_and_cancel_the_rest_in_one_call(p):
    v = _series(p)
    p.acknowledge_events(p.pending_events()[-1].seq)
    moved = booking.move_series(p, "w", 3, at(2024, 11, 5, 11), now=NOW)
    assert [s.start for s in moved] == [at(2024, 11, 5, 11), at(2024, 11, 12, 11), at(2024, 11, 19, 11)]
    assert [p.session(s.id).status for s in v[3:]] == [laycoach.SessionStatus.RESCHEDULED] * 3
    assert [e.kind.id for e in p.pending_events()] == ["session_rescheduled"] * 3
    gone = booking.cancel_series(p, "w", since=at(2024, 11, 1), by="coach")
    assert [s.series_index for s in gone] == [3, 4, 5]
    assert {s.status for s in gone} == {laycoach.SessionStatus.CANCELLED_BY_COACH}
    assert booking.cancel_series(p, "w", 1) and p.session(v[0].id).status == laycoach.SessionStatus.BOOKED
    with pytest.raises(laycoach.NotFoundError):
        booking.series(p, "nope")


def test_a_second_process_booking_into_the_series_between_two_calls(tmp_path):
    path = str(tmp_path / "series.db")
    p = laycoach.Programme.open(path)
    _service(p)
    code = f"""
        import laycoach
        p = laycoach.Programme.open({path!r})
        p.book({{"id": "x", "offer_id": "lay_too_1to1", "coach_id": "c1", "attendees": [{{"client_id": "s2"}}],
                 "booked_at": "2024-10-01T09:00:00Z", "start": "2024-10-28T10:00:00Z"}})
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(x for x in sys.path if x)
    assert subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env, timeout=120).returncode == 0
    with pytest.raises(laycoach.ConflictError) as e:
        _series(p)
    assert (e.value.field, e.value.rule) == ("occurrences/2/start", "coach_double_booked")
    assert [s.id for s in p.sessions()] == ["x"]
    laycoach.booking.cancel(p, "x", "client")
    assert len(_series(p)) == 6
    assert len(booking.series(laycoach.Programme.open(path), "w")) == 6
