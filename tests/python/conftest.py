"""Shared fixtures: a small programme built through the public Python API, and the demo services
and reports several test files read (built once per session; a test that changes one builds its
own)."""
import datetime as dt
import functools

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


@functools.lru_cache(maxsize=None)
def shared_demo(**kwargs):
    """laycoach.demo.make(**kwargs), built once per session for the tests that only read it (evaluate,
    frames, exports). Never change the programme it returns: build your own with laycoach.demo.make."""
    return laycoach.demo.make(**kwargs)


@pytest.fixture(scope="session")
def demo_service():
    """The demo service at its default seed (what ``laycoach demo`` reports on), read-only."""
    return shared_demo()


@pytest.fixture(scope="session")
def demo_evaluation():
    """laycoach.demo.evaluation(): the published study's pairs, read-only."""
    return laycoach.demo.evaluation()


@pytest.fixture(scope="session")
def small_evaluation():
    """laycoach.demo.evaluation(400, 3): a smaller study of 400 people, read-only."""
    return laycoach.demo.evaluation(400, 3)


@pytest.fixture(scope="session")
def small_commissioner(small_evaluation):
    """The commissioner's (disclosure-controlled) report of small_evaluation."""
    return small_evaluation.evaluate("commissioner")


@pytest.fixture(scope="session")
def demo_commissioner_report(demo_service):
    """The commissioner's report of the demo service with the equity and value sections, as
    ``laycoach demo --report`` makes it."""
    from laycoach.cli import _equity_and_value

    return demo_service.evaluate(laycoach.Viewer("commissioner"), **_equity_and_value(demo_service))
