"""Python tables come from the programme's records column by column (store_table_data in C++),
not from a JSON dump of the programme: every table of a demo service equals its SQLite table,
less the columns withheld from analysts (names, NHS numbers, free text)."""
import sqlite3

import numpy as np
import pandas as pd
import pytest

import laycoach

# Never an analyst table: notes, goals, care plans (and their child tables) and their shares.
CONFIDENTIAL = ("notes", "goals", "care_plans", "care_plan_goals", "care_plan_goal_ids", "care_plan_actions",
                "care_plan_shares")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    demo = laycoach.demo.make(seed=3, coaches=6, staff_clients=30, patients=10, weeks=3, future_weeks=1, trainees=5)
    path = tmp_path_factory.mktemp("frames") / "demo.sqlite"
    p = laycoach.Programme.open(str(path))
    p.load_json(demo.to_json())
    return p, path


def normalised(df: pd.DataFrame, kinds: dict) -> pd.DataFrame:
    df = df.copy()
    for col, kind in kinds.items():
        if kind == "instant" and not pd.api.types.is_datetime64_any_dtype(df[col]):
            df[col] = pd.to_datetime(df[col], utc=True, format="ISO8601")
        elif kind == "date" and not pd.api.types.is_datetime64_any_dtype(df[col]):
            df[col] = pd.to_datetime(df[col], format="%Y-%m-%d")
        elif kind == "boolean":
            df[col] = df[col].astype(bool)
        elif kind in ("integer", "real"):
            df[col] = df[col].astype(np.float64)
    keys = ["owner", "idx"] if "idx" in kinds else [df.columns[0]]
    return df.sort_values(keys).reset_index(drop=True)


def test_every_frame_equals_its_sql_table(store):
    p, path = store
    checked = 0
    with sqlite3.connect(path) as con:
        for name in laycoach.tables():
            if name in CONFIDENTIAL:
                with pytest.raises(laycoach.ForbiddenError):
                    p.table(name)
                continue
            kinds = laycoach.table_column_kinds(name)
            frame = laycoach.frame(p, name)
            every = pd.read_sql(f"SELECT * FROM {name}", con)
            assert set(kinds) <= set(every.columns), name
            sql = every[[c for c in every.columns if c in kinds]]  # the analyst columns, in the table's order
            assert list(frame.columns) == list(sql.columns) == list(kinds), name
            assert len(frame) == len(sql), name
            if len(frame):
                pd.testing.assert_frame_equal(normalised(frame, kinds), normalised(sql, kinds), check_dtype=False,
                                              obj=name)
                checked += 1
    assert checked >= 15
    assert laycoach.analyst_tables() == [t for t in laycoach.tables() if t not in CONFIDENTIAL]


def test_table_columns_are_numpy_arrays_or_lists(store):
    p, _ = store
    cols = p.table("sessions")
    kinds = laycoach.table_column_kinds("sessions")
    assert list(cols) == list(kinds)
    for name, kind in kinds.items():
        if kind in ("integer", "real", "boolean"):
            assert isinstance(cols[name], np.ndarray), name
        else:
            assert isinstance(cols[name], list), name
    assert cols["minutes"].dtype == np.int64
