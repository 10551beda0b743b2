"""Paired before/after statistics, computed by laycoach's C++ kernel (arrays in, no Python loops).

- ``paired_t(before, after, confidence=0.95)`` -> n, mean_diff, ci_low, ci_high, t, df, p, d_z, d_av, g_z, g_av
- ``wilcoxon(before, after)`` -> n, w_plus, w_minus, z, p, r, exact (zero differences dropped; exact p
  for at most 50 non-zero differences without ties, else normal approximation with tie correction)
- ``wilson(k, n, confidence=0.95)`` -> (low, high)
- ``reliable_change(before, after, reliability, higher_is_better=True)`` (Jacobson-Truax)
"""
from __future__ import annotations

from . import _core

_stats = _core.stats
globals().update({name: getattr(_stats, name) for name in dir(_stats) if not name.startswith("_")})
__all__ = [name for name in dir(_stats) if not name.startswith("_")]
