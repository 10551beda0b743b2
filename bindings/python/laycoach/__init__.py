"""laycoach: run and evaluate confidential coaching for health and care staff and
health-and-wellbeing coaching in GP primary care.

The rules live in the compiled core (``laycoach._core``, the same C++ that the C API calls);
this package adds what is naturally Python: DataFrames, plots and the ``laycoach`` command.

    >>> import laycoach
    >>> p = laycoach.Programme()                     # default catalogue, in memory
    >>> p = laycoach.Programme.open("service.sqlite")  # or the embedded SQLite store
    >>> laycoach.frame(p, "sessions")                  # a table as a pandas DataFrame

Errors are ``laycoach.Error`` subclasses carrying ``code``, ``record``, ``field``, ``rule``
and ``detail`` (the same codes as the C API's ``lc_status``).
"""
from __future__ import annotations

from . import _core
from ._core import *  # noqa: F401,F403  (the model, the Programme, the errors)
from ._core import (  # noqa: F401  (named for linters and readers)
    ConflictError,
    Error,
    ForbiddenError,
    InternalError,
    IoError,
    NotFoundError,
    ParseError,
    Programme,
    ValidationError,
    Viewer,
)
from . import booking, demo, report, stats  # noqa: F401
from .report import Report  # noqa: F401
from .frames import extract, frame, frames  # noqa: F401

__version__: str = _core.__version__

__all__ = [name for name in dir(_core) if not name.startswith("_")] + [
    "stats",
    "demo",
    "booking",
    "report",
    "Report",
    "extract",
    "frame",
    "frames",
    "__version__",
]
