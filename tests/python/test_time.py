"""UK wall-clock readings are naive datetimes; instants are aware UTC datetimes."""
import datetime as dt

import pytest

import laycoach

UTC = dt.timezone.utc


def test_to_uk_local_gives_a_naive_reading():
    summer = laycoach.to_uk_local(dt.datetime(2024, 7, 1, 9, 0, tzinfo=UTC))
    assert summer == dt.datetime(2024, 7, 1, 10, 0) and summer.tzinfo is None  # BST
    winter = laycoach.to_uk_local(dt.datetime(2024, 12, 1, 9, 0, tzinfo=UTC))
    assert winter == dt.datetime(2024, 12, 1, 9, 0) and winter.tzinfo is None  # GMT


def test_from_uk_local_resolves_and_round_trips():
    t = dt.datetime(2024, 7, 1, 9, 30, tzinfo=UTC)
    assert laycoach.from_uk_local(laycoach.to_uk_local(t)) == t
    assert laycoach.from_uk_local(dt.datetime(2024, 3, 31, 1, 30)) is None  # skipped in spring
    early = laycoach.from_uk_local(dt.datetime(2024, 10, 27, 1, 30))
    late = laycoach.from_uk_local(dt.datetime(2024, 10, 27, 1, 30), later_if_ambiguous=True)
    assert (early, late) == (dt.datetime(2024, 10, 27, 0, 30, tzinfo=UTC), dt.datetime(2024, 10, 27, 1, 30, tzinfo=UTC))


def test_a_local_reading_is_not_an_instant():
    with pytest.raises(TypeError):
        laycoach.from_uk_local(dt.datetime(2024, 7, 1, 9, 30, tzinfo=UTC))  # aware: not a wall-clock reading
