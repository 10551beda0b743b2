"""Programme tables as pandas DataFrames: the same tables and columns as the SQLite store
(``laycoach.store_schema_markdown()``), so ``frame(p, "sessions")`` and
``pandas.read_sql("SELECT * FROM sessions", sqlite3.connect(path))`` hold the same values.

Columns come from the core's typed buffers (store.hpp's StoreColumnData) with no Python object
per cell and follow pandas' conventions for missing values (``pd.NA``/``NaT`` exactly where the
SQLite table holds NULL; ``''`` stays ``''`` where the store keeps it):

==============================  ===============================================================
column kind                     dtype
==============================  ===============================================================
integer                         ``Int64`` (nullable)
real                            ``float64`` (NaN where NULL)
boolean                         ``boolean`` (nullable)
instant                         ``datetime64[us, UTC]`` (aware UTC; microseconds, as the store)
date                            ``datetime64[us]`` (naive: a calendar day has no zone)
text naming an enumeration      ``category`` with every value of the enum in the enum's order
                                (``laycoach.table_columns_info``); a value outside it is added
text of an open vocabulary      ``category`` of the values present, sorted (staff group, sector,
                                instrument ...)
other text (ids, codes)         ``string`` (pandas ``StringDtype("pyarrow")``, ``pd.NA``)
==============================  ===============================================================

Every frame can be written with ``to_parquet`` and ``to_csv`` as it is.
Confidential tables (notes, goals, care plans and their shares) are not available here, and no
table carries an NHS number, a person's name or free text (the columns ``docs/store.md`` marks withheld stay in the store).

``extract(programme, recipient)`` is for data leaving the service: the same tables with every id
of a person or of a record of one replaced by a keyed pseudonym for that recipient
(``docs/extracts.md``).
"""
from __future__ import annotations

from typing import Dict, Iterable, Optional, Union

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import _core

#: The dtype of text columns that are not categories: pandas' string dtype with pd.NA.
STRING_DTYPE = pd.StringDtype("pyarrow")


def _categorical(values: pa.Array, categories: list) -> pd.Categorical:
    """Arrow strings as a Categorical of ``categories`` (in that order), values outside them
    appended sorted; nulls stay missing (code -1). No Python object per cell."""
    present = pc.unique(values.drop_null()).to_pylist()
    known = set(categories)
    cats = list(categories) + sorted(v for v in present if v not in known)
    codes = pc.index_in(values, value_set=pa.array(cats, type=values.type)).fill_null(-1)
    dtype = np.int8 if len(cats) < 127 else np.int16 if len(cats) < 32767 else np.int32
    return pd.Categorical.from_codes(codes.to_numpy(zero_copy_only=False).astype(dtype, copy=False),
                                     categories=pd.Index(cats, dtype=None if cats else "str"))


def _column(values, info: dict):
    kind = info["kind"]
    if kind == "integer":
        if isinstance(values, np.ma.MaskedArray):
            return pd.arrays.IntegerArray(values.data, np.ma.getmaskarray(values))
        return pd.arrays.IntegerArray(values, np.zeros(len(values), dtype=bool))
    if kind == "boolean":
        if isinstance(values, np.ma.MaskedArray):
            return pd.arrays.BooleanArray(values.data, np.ma.getmaskarray(values))
        return pd.arrays.BooleanArray(values, np.zeros(len(values), dtype=bool))
    if kind == "instant":
        return pd.DatetimeIndex(values).tz_localize("UTC")
    if kind == "date":
        return values.astype("datetime64[us]")
    if kind == "real":
        return values
    if info["enumeration"] is not None:
        return _categorical(values, info["categories"])
    return pd.arrays.ArrowStringArray(pa.chunked_array([values]))


def _to_frame(columns: dict, name: str) -> pd.DataFrame:
    # Which columns are instants, dates or enumerations is the store schema's to say (one
    # place, in C++: table_columns_info).
    data = {info["name"]: _column(columns[info["name"]], info) for info in _core.table_columns_info(name)}
    return pd.DataFrame(data, copy=False)


def frame(programme: "_core.Programme", name: str) -> pd.DataFrame:
    """One table of the programme as a DataFrame (see ``laycoach.analyst_tables()`` for the names),
    typed as this module's docstring says: ``Int64``, ``boolean``, aware UTC instants, naive
    dates, categoricals for enumerations, ``string`` with ``pd.NA`` exactly where the store has NULL.

    Raises ``laycoach.NotFoundError`` for an unknown table and ``laycoach.ForbiddenError`` for
    the confidential ones.
    """
    return _to_frame(programme.table(name, arrow=True), name)


def read_table(path: str, name: str) -> pd.DataFrame:
    """One table read straight from a store file as a DataFrame, without loading the programme:
    the columns, dtypes and row order of ``frame(laycoach.open(path, "r"), name)``, at the speed of
    reading the SQLite table (read-only; nothing is written, nothing is created).

    Raises ``laycoach.NotFoundError`` (rule ``store_exists``) for a missing file,
    ``laycoach.IoError`` (rule ``store_format``) for a file that is not a laycoach store of this
    schema version, and as ``frame`` for the table name.
    """
    return _to_frame(_core.read_store_table(path, name, arrow=True), name)


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
    return {name: _to_frame(programme.extract(name, recipient, arrow=True), name) for name in names}


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
