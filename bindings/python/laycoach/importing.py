"""Building a programme from your own data: DataFrames in, records out (``docs/own-data.md``).

``import_frames(programme, {"clients": df, "sessions": df, "session_attendees": df, ...})``
adds every row of every table, all or nothing, in one store transaction. The tables and columns
are those of the store (``laycoach.store_schema_markdown()``, ``docs/store.md``), so what
``laycoach.frame()`` gives imports back. Each record is judged by the rule of its kind in the
compiled core (the rule a document load applies), in dependency order, against the programme
plus the rows before it; the first bad row raises its error and nothing changes.

Columns go to the core as numpy arrays (numbers, booleans, masks) without a Python object per
row; text goes as the ``str`` objects the DataFrame already holds. Missing values (``None``,
``NaN``, ``pd.NA``, ``NaT``) are missing; instants may be timezone-aware datetimes (converted to
UTC) or ISO 8601 text; naive datetimes are refused for instants, since their zone is unknown.
"""
from __future__ import annotations

from typing import Any, Dict, Mapping, Tuple, Union

import numpy as np
import pandas as pd

from . import _core

Column = Union[np.ndarray, Tuple[np.ndarray, np.ndarray]]


def _validation_error(record: str, field: str, rule: str, message: str) -> Exception:
    """A laycoach.ValidationError carrying record, field and rule like those raised by the core."""
    err = _core.ValidationError(message)
    err.code, err.record, err.field, err.rule, err.detail = "invalid_argument", record, field, rule, message
    return err


def _kinds(table: str) -> Dict[str, str]:
    """Column kinds of a table from the one schema (the withheld columns are text)."""
    try:
        return _core.table_column_kinds(table)
    except (_core.ForbiddenError, _core.NotFoundError):
        return {}  # confidential or unknown: the core names the problem on import


def _column(table: str, name: str, s: pd.Series, kind: str) -> Column:
    """One DataFrame column as what the core reads: an array, or (values, missing mask)."""
    dtype = s.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        s = s.astype(object)
        dtype = s.dtype
    if pd.api.types.is_datetime64_any_dtype(dtype):
        missing = s.isna().to_numpy()
        if kind == "date":
            return s.dt.strftime("%Y-%m-%d").to_numpy(dtype=object, na_value=None), missing
        if getattr(dtype, "tz", None) is None:
            raise _validation_error(table, f"{table}/{name}", "instant_zone",
                                    f"column '{name}' holds naive datetimes: give aware ones "
                                    "(tz_localize('UTC') or the right zone) or ISO 8601 text")
        utc = s.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy()
        secs = utc.astype("datetime64[s]").astype(np.int64)
        secs[missing] = 0
        return secs, missing
    if isinstance(dtype, pd.api.extensions.ExtensionDtype) and not isinstance(dtype, pd.CategoricalDtype):
        # Nullable Int64 / boolean / Float64 / string: values plus the missing mask.
        missing = s.isna().to_numpy()
        if pd.api.types.is_bool_dtype(dtype):
            return s.to_numpy(dtype=bool, na_value=False), missing
        if pd.api.types.is_integer_dtype(dtype):
            return s.to_numpy(dtype=np.int64, na_value=0), missing
        if pd.api.types.is_float_dtype(dtype):
            return s.to_numpy(dtype=np.float64, na_value=np.nan), missing
        return s.to_numpy(dtype=object, na_value=None), missing
    values = s.to_numpy()
    if values.dtype.kind in "biuf":
        return values
    if values.dtype.kind == "O":
        missing = s.isna().to_numpy()
        if missing.any():
            return values, missing
        return values
    if values.dtype.kind == "U":
        return values.astype(object)
    raise _validation_error(table, f"{table}/{name}", "column_type",
                            f"column '{name}' has dtype {dtype}, which laycoach does not read")


def import_frames(programme: "_core.Programme", frames: Mapping[str, pd.DataFrame]) -> None:
    """Add your own data to ``programme``: ``{table: DataFrame}``, all or nothing, in one store transaction.

    Tables and columns are those of ``docs/store.md`` (``laycoach.store_schema_markdown()``):
    a record table (``clients``, ``sessions``, ``responses`` ...) has one row per record, keyed
    by its first column; a child table (``session_attendees``, ``response_answers`` ...) has
    ``owner`` (the record's key), ``idx`` (0, 1, ... per owner; optional) and its columns. What
    ``laycoach.frame(p, table)`` gives imports back. A column left out is missing in every row
    (text: empty; other kinds: the record's default). Missing values: ``None``, ``NaN``,
    ``pd.NA``, ``NaT``. Instants: aware datetimes (any zone, stored in UTC) or ISO 8601 text;
    dates: datetimes or ``YYYY-MM-DD`` text. The DataFrame's index is ignored.

    Each record is judged by the rule of its kind, as a document load judges it (ids new,
    references, eligibility, capacity, no double booking, answers in range), against the
    programme plus the rows before it; responses raise their risk flags. The first bad row
    raises and nothing changes (memory and store). Errors: ``ValidationError`` naming
    ``<table>/<row>/<column>`` (rules ``column_type``, ``column_value``, ``child_idx``) or
    ``<table>/<column>`` (``import_table``, ``import_column``, ``column_required``,
    ``column_length``, ``instant_zone``); a record's own rule with field = its pointer
    (``/sessions/17/coach_id``) and record = its id (``NotFoundError``, ``ConflictError``
    ``unique_id`` for an id taken, ...); ``ForbiddenError`` ``confidential_import`` for notes,
    goals and care plans, which their authors write.
    """
    if not isinstance(frames, Mapping):
        raise _validation_error("", "frames", "frames_mapping",
                                "frames is a mapping {table name: DataFrame}")
    tables: Dict[str, Dict[str, Any]] = {}
    for table, df in frames.items():
        if not isinstance(df, pd.DataFrame):
            raise _validation_error(str(table), str(table), "frames_mapping",
                                    f"frames['{table}'] is a {type(df).__name__}, not a DataFrame")
        kinds = _kinds(table)
        tables[table] = {str(c): _column(table, str(c), df[c], kinds.get(str(c), "text")) for c in df.columns}
    _core._import_columns(programme, tables)
