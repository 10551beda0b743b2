"""Shared fixtures: a small programme built through the public Python API."""
import datetime as dt

import pytest

import laycoach

# A fixed booking time: the 2024 sessions here are booked ahead of their start (minimum notice).
BOOKED_AT = "2024-03-01T12:00:00Z"

UTC = dt.timezone.utc


def at(y, mo, d, h=9, mi=0):
    """An aware UTC datetime."""
    return dt.datetime(y, mo, d, h, mi, tzinfo=UTC)


COACH = {
    "id": "c1",
    "name": "Asha",
    "memberships": ["emcc"],
    "offers": ["lay_too_1to1", "lay_too_peer"],
    "rota": {"weekly": [{"weekday": d, "start_min": 480, "end_min": 1320} for d in range(7)]},
    "safeguarding_lead": "Dr Patel",
    "first_point_of_contact": "Lead",
}


@pytest.fixture
def programme():
    p = laycoach.Programme()
    p.add_organisation({"ods_code": "RX1", "name": "A Trust", "kind": "trust"})
    p.add_organisation({"ods_code": "RX2", "name": "B Trust", "kind": "trust"})
    p.add_coach(COACH)
    for i in range(1, 4):
        p.add_client({"id": f"s{i}", "kind": "staff", "organisation": "RX1" if i < 3 else "RX2",
                      "consent": {"coaching": True, "evaluation": True}})
    p.add_referral({"id": "r1", "client_id": "s1", "offer_id": "lay_too_1to1",
                    "requested_at": "2024-03-03T20:00:00Z"})
    p.book({"id": "x1", "offer_id": "lay_too_1to1", "coach_id": "c1",
            "attendees": [{"client_id": "s1", "referral_id": "r1"}], "booked_at": BOOKED_AT, "start": at(2024, 3, 4, 9)})
    return p
