"""laycoach: run and evaluate confidential coaching for health and care staff and
health-and-wellbeing coaching in GP primary care.

The rules live in the compiled core (``laycoach._core``, the same C++ that the C API calls);
this package adds what is naturally Python: DataFrames, plots and the ``laycoach`` command.

    >>> import laycoach
    >>> p = laycoach.Programme()                     # default catalogue, in memory
    >>> p = laycoach.open("service.sqlite", mode="c")  # or the embedded SQLite store ("c" creates it;
    >>> p = laycoach.open("service.sqlite")            # the default "w" opens an existing one; "r" reads)
    >>> laycoach.frame(p, "sessions")                  # a table as a pandas DataFrame

Errors are ``laycoach.Error`` subclasses carrying ``code``, ``record``, ``field``, ``rule``
and ``detail`` (the same codes as the C API's ``lc_status``).
"""
from __future__ import annotations

from . import _core
from ._core import *  # noqa: F401,F403  (the model, the Programme, the errors)
from ._core import (  # noqa: F401  (named for linters and readers)
    BusyError,
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
import importlib as _importlib

# `from ._core import *` bound booking, demo and stats to the compiled submodules, and
# `from . import stats` would then return those without loading stats.py: load the Python
# modules (which wrap the compiled ones) by name, so laycoach.stats is stats.py.
booking, demo, plots, report, stats = (_importlib.import_module("." + _m, __name__)
                                       for _m in ("booking", "demo", "plots", "report", "stats"))
simulation = _importlib.import_module(".simulation", __name__)  # the Python module, not _core.simulation
from .simulation import fit_demand, simulate  # noqa: F401
from .report import Report  # noqa: F401
from .frames import extract, frame, frames, practice_register, read_table  # noqa: F401
from .importing import import_frames  # noqa: F401

__version__: str = _core.__version__


def open(path: str, mode: str = "w", busy_timeout: float = 5.0) -> Programme:  # noqa: A001 (dbm.open's name)
    """Open a programme's SQLite store, as ``dbm.open`` does a database.

    The default opens an existing store and never creates one, so a mistyped path
    (``open("demo.sqlit")``) raises instead of silently making an empty store; create a new store
    on purpose with ``mode="c"``. As the C API's ``lc_programme_open_ex`` with flags 0.

    mode ``"w"`` (the default): read-write, a missing file raises NotFoundError (record = the path,
    field ``path``, rule ``store_exists``) and nothing is created; ``":memory:"`` (always a new
    store, nothing to mistype) opens. ``"c"``: read-write, the file is created (a new store with the
    default catalogue) when missing, an existing one is opened; ``"r"``:
    read-only, every change raises ForbiddenError (rule ``read_only``), and so do the reads that
    are written to the access log before they return (notes, goals, a client record, the access
    log, ``to_json``), because a read-only handle writes nothing. ``busy_timeout`` is how many
    seconds a call waits for another connection's or process's lock before BusyError (as
    ``sqlite3.connect(timeout=...)``). An empty path raises ValidationError (rule
    ``path_required``); ``":memory:"`` is a store in memory (modes ``"w"`` and ``"c"``).
    ``Programme.open`` is the same call with the C++ default, ``"c"``.
    """
    return Programme.open(path, mode, busy_timeout)


__all__ = [name for name in dir(_core) if not name.startswith("_")] + [
    "stats",
    "demo",
    "booking",
    "plots",
    "report",
    "Report",
    "extract",
    "frame",
    "frames",
    "read_table",
    "import_frames",
    "simulation",
    "simulate",
    "fit_demand",
    "open",
    "__version__",
]
