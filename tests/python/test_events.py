"""The durable outbox through the Python face: events written with their change (none for a
rejected one), read and acknowledged by sequence number, exactly once across a crash of the
process that booked, shared by two handles on one file; an in-memory programme keeps its
outbox in memory with the same rules."""
import os
import subprocess
import sys
import textwrap

import pytest

import laycoach

from conftest import BOOKED_AT, COACH, at


def _people(p):
    p.add_coach(COACH)
    for i in (1, 2):
        p.add_client({"id": f"s{i}", "kind": "staff", "consent": {"coaching": True}})


def _session(sid, client, start, **extra):
    return {"id": sid, "offer_id": "lay_too_1to1", "coach_id": "c1", "attendees": [{"client_id": client}],
            "booked_at": BOOKED_AT, "start": start, **extra}


def _err(excinfo, record, field, rule):
    e = excinfo.value
    assert isinstance(e, laycoach.ValidationError)
    assert (e.record, e.field, e.rule) == (record, field, rule), str(e)


def _child(code):
    """Run `code` in a fresh Python process (the same laycoach), return its exit status."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env, timeout=120).returncode


def test_each_change_writes_its_events_and_a_rejected_one_none():
    p = laycoach.Programme()
    _people(p)
    assert p.pending_events() == []
    p.book(_session("a1", "s1", at(2024, 3, 4, 9), adjustments="SECRET hearing loop"))
    with pytest.raises(laycoach.ConflictError):
        p.book(_session("a2", "s2", at(2024, 3, 4, 9)))
    p.reschedule("a1", "a3", at(2024, 3, 5, 9), at(2024, 3, 1, 12))
    p.book(_session("a4", "s2", at(2024, 3, 6, 9)))
    p.record_outcome("a4", "cancelled_by_coach")
    p.add_response({"id": "q1", "client_id": "s1", "instrument_id": "phq9", "time_point": "baseline",
                    "recorded_at": at(2024, 3, 4, 10), "answers": [0] * 8 + [1]})
    ev = p.pending_events()
    assert [e.kind.id for e in ev] == ["session_booked", "session_rescheduled", "session_booked",
                                       "session_cancelled", "risk_flag_raised"]
    assert [e.seq for e in ev] == [1, 2, 3, 4, 5]
    assert ev[0].records == ["a1", "s1"] and ev[0].data["start"] == "2024-03-04T09:00:00Z"
    assert ev[1].data["rescheduled_to"] == "a3" and ev[1].data["new_start"] == "2024-03-05T09:00:00Z"
    assert ev[4].data["risk_flag_id"] == "q1#self_harm_risk"
    assert all("SECRET" not in e.payload for e in ev)
    assert all(e.at.tzinfo is not None for e in ev)


def test_acknowledge_is_cumulative_idempotent_and_checked():
    p = laycoach.Programme()
    _people(p)
    p.book(_session("a1", "s1", at(2024, 3, 4, 9)))
    p.book(_session("a2", "s2", at(2024, 3, 4, 11)))
    with pytest.raises(laycoach.ValidationError) as e:
        p.acknowledge_events(3)
    _err(e, "events", "up_to_seq", "event_seq_known")
    with pytest.raises(laycoach.ValidationError) as e:
        p.acknowledge_events(-1)
    _err(e, "events", "up_to_seq", "event_seq_known")
    with pytest.raises(laycoach.ValidationError) as e:
        p.pending_events(0)
    _err(e, "events", "limit", "event_batch")
    assert [e.seq for e in p.pending_events(1)] == [1]
    p.acknowledge_events(1)
    p.acknowledge_events(1)
    p.acknowledge_events(0)
    assert [e.seq for e in p.pending_events()] == [2]
    p.acknowledge_events(2)
    assert p.pending_events() == []


def test_a_crash_before_acknowledging_delivers_the_event_exactly_once(tmp_path):
    path = str(tmp_path / "crash.db")
    p = laycoach.Programme.open(path)
    _people(p)
    del p
    # The child books, reads its event, and dies (os._exit) before acknowledging it.
    rc = _child(f"""
        import os, datetime as dt, laycoach
        p = laycoach.Programme.open({path!r})
        p.book({{"id": "k1", "offer_id": "lay_too_1to1", "coach_id": "c1", "attendees": [{{"client_id": "s1"}}],
                 "booked_at": {BOOKED_AT!r}, "start": dt.datetime(2024, 3, 4, 9, tzinfo=dt.timezone.utc)}})
        assert [e.kind.id for e in p.pending_events()] == ["session_booked"]
        os._exit(7)
    """)
    assert rc == 7
    fresh = laycoach.Programme.open(path)
    ev = fresh.pending_events()
    assert [(e.seq, e.kind.id, e.records) for e in ev] == [(1, "session_booked", ["k1", "s1"])]
    # The host handles it, acknowledges, then a second child crashes after acknowledging: never sent twice.
    rc = _child(f"""
        import os, laycoach
        p = laycoach.Programme.open({path!r})
        p.acknowledge_events(p.pending_events()[-1].seq)
        os._exit(9)
    """)
    assert rc == 9
    assert laycoach.Programme.open(path).pending_events() == []
    assert fresh.pending_events() == []  # the other handle sees the mark too


def test_a_child_whose_booking_is_rejected_writes_no_event(tmp_path):
    path = str(tmp_path / "reject.db")
    p = laycoach.Programme.open(path)
    _people(p)
    p.book(_session("a1", "s1", at(2024, 3, 4, 9)))
    rc = _child(f"""
        import os, datetime as dt, laycoach
        p = laycoach.Programme.open({path!r})
        try:
            p.book({{"id": "a2", "offer_id": "lay_too_1to1", "coach_id": "c1", "attendees": [{{"client_id": "s2"}}],
                     "booked_at": {BOOKED_AT!r}, "start": dt.datetime(2024, 3, 4, 9, tzinfo=dt.timezone.utc)}})
        except laycoach.ConflictError:
            os._exit(3)
        os._exit(0)
    """)
    assert rc == 3
    assert [e.records for e in laycoach.Programme.open(path).pending_events()] == [["a1", "s1"]]


def test_two_handles_share_one_outbox(tmp_path):
    path = str(tmp_path / "two.db")
    a = laycoach.Programme.open(path)
    b = laycoach.Programme.open(path)
    _people(a)
    a.book(_session("a1", "s1", at(2024, 3, 4, 9)))
    b.book(_session("b1", "s2", at(2024, 3, 4, 11)))
    assert [e.seq for e in a.pending_events()] == [1, 2] == [e.seq for e in b.pending_events()]
    assert a.pending_events() == b.pending_events()
    b.acknowledge_events(1)
    a.acknowledge_events(1)  # again, through the other handle: harmless
    assert [e.records for e in a.pending_events()] == [["b1", "s2"]]
    with pytest.raises(laycoach.ValidationError) as e:
        a.acknowledge_events(3)
    _err(e, "events", "up_to_seq", "event_seq_known")
