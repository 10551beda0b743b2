"""
A synthetic coaching service and evaluation dataset (deterministic for a seed).
"""
from __future__ import annotations
import datetime
import laycoach._core
import typing
__all__: list[str] = ['ANCHORS', 'as_of', 'evaluation', 'make']
def as_of(seed: typing.SupportsInt | typing.SupportsIndex = 42, start: datetime.date = None, weeks: typing.SupportsInt | typing.SupportsIndex = 12, future_weeks: typing.SupportsInt | typing.SupportsIndex = 2) -> datetime.datetime:
    """
    The demo's 'now' (an aware UTC datetime).
    """
def evaluation(people: typing.SupportsInt | typing.SupportsIndex = 662, seed: typing.SupportsInt | typing.SupportsIndex = 7) -> laycoach._core.Programme:
    """
    Synthetic staff-coaching evaluation data shaped like the published evaluation (662 people, SWEMWBS 19.63 -> 24.02, BRCS 12.73 -> 15.07, more sessions more change).
    """
def make(seed: typing.SupportsInt | typing.SupportsIndex = 42, coaches: typing.SupportsInt | typing.SupportsIndex = 40, staff_clients: typing.SupportsInt | typing.SupportsIndex = 300, patients: typing.SupportsInt | typing.SupportsIndex = 120, start: datetime.date = None, weeks: typing.SupportsInt | typing.SupportsIndex = 12, future_weeks: typing.SupportsInt | typing.SupportsIndex = 2, trainees: typing.SupportsInt | typing.SupportsIndex = 36) -> laycoach._core.Programme:
    """
    A whole demo service (coaches, rotas, clients, bookings, sessions, supervision, training, responses), built through the Programme so every invariant holds. start defaults to Monday 2024-01-08.
    """
ANCHORS: dict = {'people': 662, 'swemwbs_before': 19.63, 'swemwbs_after': 24.02, 'brcs_before': 12.73, 'brcs_after': 15.07}
