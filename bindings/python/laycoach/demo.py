"""A synthetic coaching service and evaluation dataset, deterministic for a seed.

- ``make(seed=42, ...)`` -> Programme: a whole service built through the Programme's rules
- ``evaluation(people=662, seed=7)`` -> Programme shaped like the published staff evaluation
- ``as_of()`` -> the demo's "now"; ``ANCHORS`` the published figures it reproduces
"""
from __future__ import annotations

from . import _core

_demo = _core.demo
globals().update({name: getattr(_demo, name) for name in dir(_demo) if not name.startswith("_")})
__all__ = [name for name in dir(_demo) if not name.startswith("_")]
