"""The booking engine's Python face: search (list, columns, DataFrame), book, cancel, did not
attend, reschedule, group places and the waiting list, access figures, errors, threads."""
import datetime as dt
import threading

import numpy as np
import pandas as pd
import pytest

import laycoach

UTC = dt.timezone.utc
booking = laycoach.booking


def at(y, mo, d, h=0, mi=0):
    return dt.datetime(y, mo, d, h, mi, tzinfo=UTC)


MON = at(2024, 7, 8)  # a Monday; BST, so 09:00 local is 08:00 UTC


def coach(cid, weekly, offers=("lay_too_1to1", "lay_too_peer"), **rota):
    return {
        "id": cid, "name": cid, "memberships": ["emcc"], "offers": list(offers),
        "rota": {"weekly": [{"weekday": d, "start_min": a, "end_min": b} for d, a, b in weekly], **rota},
        "safeguarding_lead": "Dr Lead", "first_point_of_contact": "Desk",
    }


@pytest.fixture
def p():
    prog = laycoach.Programme()
    prog.add_coach(coach("a", [(0, 540, 1020), (1, 540, 1020)]))
    prog.add_coach(coach("b", [(0, 720, 1260), (1, 720, 1260)]))
    for i in range(1, 9):
        prog.add_client({"id": f"s{i}", "kind": "staff", "consent": {"coaching": True}})
    prog.add_client({"id": "nc", "kind": "staff", "consent": {"coaching": False}})
    prog.add_referral({"id": "r1", "client_id": "s1", "offer_id": "lay_too_1to1",
                       "requested_at": "2024-07-07T20:00:00Z"})
    return prog


def test_search_returns_ranked_slots_with_the_coach(p):
    slots = p.search_slots("s1", "lay_too_1to1", earliest=MON, now=MON, max_results=3)
    assert [s.start for s in slots] == [at(2024, 7, 8, 8), at(2024, 7, 8, 8, 15), at(2024, 7, 8, 8, 30)]
    assert all(s.coach_id == "a" and s.minutes == 45 for s in slots)
    assert slots[0].start.tzinfo is not None
    assert slots[0].end - slots[0].start == dt.timedelta(minutes=45)
    assert slots[0].modality == laycoach.Modality.VIDEO
    assert "coach_id='a'" in repr(slots[0])
    assert slots[0].to_dict()["coach_id"] == "a"
    assert booking.SLOT_MINUTES == 15


def test_search_as_columns_and_frame(p):
    cols = p.search_columns("s1", "lay_too_1to1", earliest=MON, now=MON, max_results=4)
    assert isinstance(cols["start"], np.ndarray) and cols["start"].dtype == np.dtype("datetime64[s]")
    assert cols["minutes"].dtype == np.int64 and cols["favoured"].dtype == np.bool_
    assert cols["coach_id"] == ["a"] * 4
    df = p.search_frame("s1", "lay_too_1to1", earliest=MON, now=MON, max_results=4)
    assert isinstance(df, pd.DataFrame) and len(df) == 4
    assert df["start"].iloc[0] == pd.Timestamp("2024-07-08T08:00:00Z")
    assert str(df["start"].dt.tz) == "UTC"


def test_preferences_and_continuity(p):
    evening = p.search_slots("s1", "lay_too_1to1", earliest=MON, now=MON, times_of_day=[("19:00", "21:00")],
                             max_results=1)
    assert evening[0].start == at(2024, 7, 8, 18) and evening[0].coach_id == "b"
    tuesday = p.search_slots("s1", "lay_too_1to1", earliest=MON, now=MON, weekdays=["tue"], max_results=1)
    assert tuesday[0].start == at(2024, 7, 9, 8)
    pref = p.search_slots("s1", "lay_too_1to1", earliest=MON, now=MON, preferred_coach="b", max_results=1)
    assert pref[0].coach_id == "b" and pref[0].favoured
    # A follow-up in the referral goes to the same coach first.
    first = p.book_earliest("s1", referral_id="r1", earliest=MON, now=MON, preferred_coach="b")
    assert first.coach_id == "b" and first.offer_id == "lay_too_1to1"
    follow = p.search_slots("s1", referral_id="r1", earliest=at(2024, 7, 9), now=at(2024, 7, 9), max_results=1)
    assert follow[0].coach_id == "b" and follow[0].favoured
    other = p.search_slots("s1", referral_id="r1", earliest=at(2024, 7, 9), now=at(2024, 7, 9), continuity=False,
                           max_results=1)
    assert other[0].coach_id == "a"


def test_book_earliest_records_access_timing(p):
    s = p.book_earliest("s1", referral_id="r1", earliest=MON, now=MON, adjustments="captions")
    assert isinstance(s, laycoach.Session)
    assert s.start == at(2024, 7, 8, 8) and s.coach_id == "a"
    assert s.requested_at == at(2024, 7, 7, 20) and s.first_offered == s.start
    assert s.adjustments == "captions" and s.id.startswith("bk-")
    assert p.session(s.id) == s


def test_book_slot_and_errors_change_nothing(p):
    slot = p.search_slots("s2", "lay_too_1to1", earliest=MON, now=MON, max_results=1)[0]
    s = p.book_slot(slot, "s2", "lay_too_1to1", now=MON, session_id="mine")
    assert s.id == "mine" and s.start == slot.start
    before = p.to_json()
    with pytest.raises(laycoach.ConflictError) as e:  # the same coach at the same time
        p.book_slot(slot, "s3", "lay_too_1to1", now=MON, session_id="again")
    assert e.value.rule == "coach_double_booked" and e.value.record == "again"
    with pytest.raises(laycoach.ValidationError) as e:  # not on the rota: Wednesday
        p.book_slot(booking.Slot("a", at(2024, 7, 10, 9)), "s3", "lay_too_1to1", now=MON, session_id="wed")
    assert e.value.rule == "rota_covers" and e.value.field == "start"
    with pytest.raises(laycoach.ValidationError) as e:
        p.book_earliest("nc", "lay_too_1to1", earliest=MON, now=MON)
    assert e.value.rule == "consent"
    with pytest.raises(laycoach.ConflictError) as e:
        p.book_earliest("s3", "lay_too_1to1", earliest=MON, latest=at(2024, 7, 8, 6), now=MON)
    assert e.value.rule == "no_slot_available"
    assert p.to_json() == before


def test_search_errors_are_precise(p):
    with pytest.raises(laycoach.NotFoundError) as e:
        p.search_slots("nobody", "lay_too_1to1", earliest=MON, now=MON)
    assert e.value.record == "nobody" and e.value.field == "client_id"
    with pytest.raises(laycoach.ValidationError) as e:
        p.search_slots("nc", "lay_too_1to1", earliest=MON, now=MON)
    assert (e.value.record, e.value.field, e.value.rule) == ("nc", "client_id", "consent")
    with pytest.raises(laycoach.ValidationError) as e:
        p.search_slots("s1", "lay_too_1to1", modality="face_to_face", earliest=MON, now=MON)
    assert e.value.rule == "modality_allowed"
    with pytest.raises(laycoach.ValidationError) as e:
        p.search_slots("s1", "lay_too_1to1", earliest=MON, now=MON, weekdays=["someday"])
    assert e.value.rule == "weekday_range"
    with pytest.raises(laycoach.ValidationError) as e:
        p.search_slots("s1", "lay_too_1to1", earliest=dt.datetime(2024, 7, 8), now=MON)
    assert e.value.rule == "aware_datetime"


def test_cancel_dna_reschedule(p):
    s1 = p.book_earliest("s1", "lay_too_1to1", earliest=MON, now=MON)
    s2 = p.book_earliest("s2", "lay_too_1to1", earliest=MON, now=MON)
    s3 = p.book_earliest("s3", "lay_too_1to1", earliest=MON, now=MON)
    assert booking.cancel(p, s1.id, by="client").status == laycoach.SessionStatus.CANCELLED_BY_CLIENT
    # The slot is free again.
    assert p.search_slots("s4", "lay_too_1to1", earliest=MON, now=MON, max_results=1)[0].start == s1.start
    assert booking.did_not_attend(p, s2.id, who="client").status == laycoach.SessionStatus.CLIENT_DID_NOT_ATTEND
    assert booking.did_not_attend(p, s3.id, who="coach").status == laycoach.SessionStatus.COACH_DID_NOT_ATTEND
    with pytest.raises(laycoach.ValidationError):
        booking.cancel(p, s3.id, by="somebody")
    s4 = p.book_earliest("s4", "lay_too_1to1", earliest=MON, now=MON)
    moved = booking.reschedule(p, s4.id, at(2024, 7, 9, 10), now=MON, new_id="moved")
    assert moved.id == "moved" and moved.start == at(2024, 7, 9, 10)
    assert p.session(s4.id).status == laycoach.SessionStatus.RESCHEDULED
    again = booking.reschedule_earliest(p, "moved", earliest=MON, now=MON)
    assert again.start == at(2024, 7, 8, 8) and again.coach_id == "a"
    f = p.access_figures(MON, at(2024, 7, 10))
    assert (f.client_did_not_attend, f.coach_did_not_attend, f.cancelled_by_client) == (1, 1, 1)


def test_group_places_and_waiting_list(p):
    g = p.book_earliest("s1", "lay_too_peer", earliest=MON, now=MON, session_id="g")
    for c in ["s2", "s3", "s4", "s5", "s6", "s7", "s8"]:
        booking.join(p, "g", c)
    assert booking.open_group_sessions(p, "nc", "lay_too_peer", earliest=MON, now=MON) == []
    with pytest.raises(laycoach.ConflictError) as e:
        booking.join(p, "g", "nc")
    assert e.value.rule == "group_capacity"
    p.add_client({"id": "w1", "kind": "staff", "consent": {"coaching": True}})
    p.add_client({"id": "w2", "kind": "staff", "consent": {"coaching": True}})
    e1 = booking.join_waiting_list(p, "g", "w1", now=at(2024, 7, 1, 9))
    e2 = booking.join_waiting_list(p, "g", "w2", now=at(2024, 7, 1, 10))
    booking.cancel_place(p, "g", "s3", now=at(2024, 7, 2))
    lst = booking.waiting_list(p, "g")
    assert [w.id for w in lst] == [e1.id, e2.id]
    assert lst[0].status == laycoach.WaitStatus.OFFERED and lst[1].status == laycoach.WaitStatus.WAITING
    nxt = booking.decline_place(p, e1.id, now=at(2024, 7, 3))
    assert nxt.id == e2.id and nxt.status == laycoach.WaitStatus.OFFERED
    s = booking.accept_place(p, e2.id)
    assert "w2" in {a.client_id for a in s.attendees if a.status == laycoach.AttendeeStatus.BOOKED}
    assert g.offer_id == "lay_too_peer"


def test_access_figures_columns(p):
    p.book_earliest("s1", "lay_too_1to1", earliest=MON, now=MON, requested_at=at(2024, 7, 7, 20))
    p.book_earliest("s2", "lay_too_1to1", earliest=MON, now=MON, requested_at=at(2024, 7, 5),
                    times_of_day=[("18:00", "19:00")])
    f = p.access_figures(MON, at(2024, 7, 15))
    assert len(f) == 2
    cols = f.bookings
    assert cols["start"].dtype == np.dtype("datetime64[s]")
    assert list(cols["within_24h"]) == [True, False]
    assert list(cols["out_of_hours"]) == [False, True]
    assert f.share_within_24h == pytest.approx(0.5)
    assert f.share_out_of_hours == pytest.approx(0.5)
    u = f.utilisation_frame()
    a = u[u.coach_id == "a"].iloc[0]
    assert a.rota_minutes == 2 * 8 * 60 and a.booked_minutes == 45
    assert isinstance(f.bookings_frame(), pd.DataFrame)
    assert repr(f).startswith("AccessFigures(n_bookings=2, share_offered_within_24h=0.5, share_within_24h=0.5, ")
    assert f.n_bookings == len(f) == 2 and f.to_dict()["n_bookings"] == 2


def test_concurrent_bookings_from_python_threads(p):
    for i in range(40):
        p.add_client({"id": f"t{i}", "kind": "staff", "consent": {"coaching": True}})
    results, errors = [], []

    def work(k):
        for i in range(k, 40, 8):
            try:
                results.append(p.book_earliest(f"t{i}", "lay_too_1to1", earliest=MON, latest=at(2024, 7, 8, 23), now=MON))
            except laycoach.ConflictError:
                errors.append(i)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) + len(errors) == 40
    seen = {(s.coach_id, s.start) for s in results}
    assert len(seen) == len(results)  # never the same coach at the same time
    # Room for 10 (a) and 12 (b) sessions of 45 minutes, but the default daily cap is 8 each.
    assert len(results) == 16
    laycoach.Programme.from_json(p.to_json())  # every rule still holds when loaded afresh


def test_search_sees_a_rota_changed_through_the_programme(p):
    # Coach "a" starts at 09:00 local on Mondays; move her start to 13:00 with Programme.update_coach
    # alone (no booking.refresh): the next search must use the new rota.
    first = p.search_slots("s1", "lay_too_1to1", earliest=MON, now=MON, max_results=1)[0]
    assert (first.coach_id, first.start) == ("a", at(2024, 7, 8, 8))
    p.update_coach(coach("a", [(0, 780, 1020), (1, 780, 1020)]))
    first = p.search_slots("s1", "lay_too_1to1", earliest=MON, now=MON, max_results=1)[0]
    assert (first.coach_id, first.start) == ("b", at(2024, 7, 8, 11))
