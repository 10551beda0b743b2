"""Programme tables as pandas DataFrames: the same tables and columns as the SQLite store
(``laycoach.store_schema_markdown()``), so ``frame(p, "sessions")`` and
``pandas.read_sql("SELECT * FROM sessions", sqlite3.connect(path))`` agree.

Columns come from the core as numpy arrays (one copy, no Python object per record);
instants become timezone-aware UTC ``datetime64`` columns, dates ``datetime64[ns]``.
Confidential tables (notes, goals, care plans and their shares) are not available here, and no
table carries an NHS number, a person's name or free text (the columns ``docs/store.md`` marks withheld stay in the store).

``extract(programme, recipient)`` is for data leaving the service: the same tables with every id
of a person or of a record of one replaced by a keyed pseudonym for that recipient
(``docs/extracts.md``).
"""
from __future__ import annotations

from typing import Dict, Iterable, Optional, Union

import pandas as pd

from . import _core


def _to_frame(columns: dict, name: str) -> pd.DataFrame:
    df = pd.DataFrame(columns)
    # Which columns are instants or dates is the store schema's to say (one place, in C++).
    for col, kind in _core.table_column_kinds(name).items():
        if kind == "instant":
            df[col] = pd.to_datetime(df[col], utc=True, format="ISO8601")
        elif kind == "date":
            df[col] = pd.to_datetime(df[col], format="%Y-%m-%d")
    return df


def frame(programme: "_core.Programme", name: str) -> pd.DataFrame:
    """One table of the programme as a DataFrame (see ``laycoach.analyst_tables()`` for the names).

    Raises ``laycoach.NotFoundError`` for an unknown table and ``laycoach.ForbiddenError`` for
    the confidential ones.
    """
    return _to_frame(programme.table(name), name)


def frames(programme: "_core.Programme") -> Dict[str, pd.DataFrame]:
    """Every non-confidential table as a DataFrame, keyed by table name."""
    return {name: frame(programme, name) for name in _core.analyst_tables()}


def practice_register(programme: "_core.Programme") -> pd.DataFrame:
    """The register of who practises (``Programme.practice_register()``) as a DataFrame: one row
    per person on the training register with their latest usage answers, waves answered,
    skill-share sessions attended and champion (``docs/usage-tracking.md``)."""
    cols = ["trainee_id", "cohort_id", "profession", "organisation", "completed", "champion", "invited",
            "waves_answered", "latest_wave", "latest_frequency", "latest_confidence", "practising",
            "skill_share_attended"]
    rows = []
    for s in programme.practice_register():
        d = s.to_dict()
        rows.append({c: d.get(c) for c in cols})
    df = pd.DataFrame(rows, columns=cols)
    df["completed"] = pd.to_datetime(df["completed"], format="%Y-%m-%d")
    for c in ("latest_frequency", "latest_confidence"):
        df[c] = df[c].astype("Int64")
    return df


def extract(programme: "_core.Programme", recipient: str,
            tables: Optional[Union[str, Iterable[str]]] = None) -> Dict[str, pd.DataFrame]:
    """A pseudonymised extract for ``recipient``: {table: DataFrame} of ``tables`` (a name or
    names; default every table of ``laycoach.analyst_tables()``).

    The tables of ``frame`` with every id of a person (client, coach, trainee) or of a record of
    one (referral, session, response, ...) replaced by a 32-character keyed pseudonym: the same
    for this recipient in every table and call (so the tables join), unrelated for another
    recipient, and not computable without the service's secret. Raises
    ``laycoach.ValidationError`` for an empty or over-long recipient (200 bytes) or one with
    control characters, and as ``frame`` for a table name.
    """
    names = _core.analyst_tables() if tables is None else [tables] if isinstance(tables, str) else list(tables)
    return {name: _to_frame(programme.extract(name, recipient), name) for name in names}


# The columns of Programme.inbox(), in the order of the inbox item document (docs/triage.md).
_INBOX_COLUMNS = ("id", "client_id", "source", "received_at", "reason", "status", "proposed_route",
                  "proposed_by_rule", "route", "decided_by", "decided_at", "not_accepted_reason",
                  "referral_id", "first_contact_at")
_INBOX_TIMES = ("received_at", "decided_at", "first_contact_at")


def inbox_frame(items: Iterable[dict]) -> pd.DataFrame:
    """Inbox items (dicts in the document schema, as ``Programme.inbox`` has them) as a DataFrame:
    one row per item, times as timezone-aware UTC datetimes (NaT when not yet known), empty
    text and unset routes as they are in the documents ("" and None)."""
    df = pd.DataFrame(list(items), columns=list(_INBOX_COLUMNS))
    for col in _INBOX_TIMES:
        df[col] = pd.to_datetime(df[col], utc=True, format="ISO8601")
    return df
