"""The booking engine: earliest feasible slots, atomic booking, cancellations and did-not-attend,
group places with a waiting list, and access figures. Rules are the C++ engine's.

``Programme.search_slots``, ``search_frame`` and ``book_earliest`` are the usual entry points;
this module holds the rest (see ``help(laycoach.booking)``).
"""
from __future__ import annotations

from . import _core

_booking = _core.booking
globals().update({name: getattr(_booking, name) for name in dir(_booking) if not name.startswith("_")})
__all__ = [name for name in dir(_booking) if not name.startswith("_")]
