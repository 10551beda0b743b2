"""Programme tables as pandas DataFrames: the same tables and columns as the SQLite store
(``laycoach.store_schema_markdown()``), so ``frame(p, "sessions")`` and
``pandas.read_sql("SELECT * FROM sessions", sqlite3.connect(path))`` agree.

Columns come from the core as numpy arrays (one copy, no Python object per record);
instants become timezone-aware UTC ``datetime64`` columns, dates ``datetime64[ns]``.
Confidential tables (notes, goals) are not available here.
"""
from __future__ import annotations

from typing import Dict

import pandas as pd

from . import _core

def frame(programme: "_core.Programme", name: str) -> pd.DataFrame:
    """One table of the programme as a DataFrame (see ``laycoach.tables()`` for the names).

    Raises ``laycoach.NotFoundError`` for an unknown table and ``laycoach.ForbiddenError`` for
    the confidential ones.
    """
    columns = programme.table(name)
    df = pd.DataFrame(columns)
    # Which columns are instants or dates is the store schema's to say (one place, in C++).
    for col, kind in _core.table_column_kinds(name).items():
        if kind == "instant":
            df[col] = pd.to_datetime(df[col], utc=True, format="ISO8601")
        elif kind == "date":
            df[col] = pd.to_datetime(df[col], format="%Y-%m-%d")
    return df


def frames(programme: "_core.Programme") -> Dict[str, pd.DataFrame]:
    """Every non-confidential table as a DataFrame, keyed by table name."""
    return {name: frame(programme, name) for name in _core.tables() if name not in ("notes", "goals")}
