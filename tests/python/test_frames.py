"""Python tables come from the programme's records column by column (store_table_data in C++),
not from a JSON dump of the programme: every table of a demo service equals its SQLite table,
less the columns withheld from analysts (names, NHS numbers, free text)."""
import os
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
    """Both sides as plain values: text as object with None, numbers float64 with NaN, booleans
    object, instants aware UTC and dates naive (an instant or date stored as '' is none)."""
    df = df.copy()
    for col, kind in kinds.items():
        v = df[col]
        if kind == "instant":
            df[col] = v if pd.api.types.is_datetime64_any_dtype(v) else pd.to_datetime(v.replace("", None), utc=True,
                                                                                        format="ISO8601")
        elif kind == "date":
            df[col] = v if pd.api.types.is_datetime64_any_dtype(v) else pd.to_datetime(v.replace("", None),
                                                                                        format="%Y-%m-%d")
            df[col] = df[col].astype("datetime64[us]")
        elif kind == "boolean":
            df[col] = [None if pd.isna(x) else x == "True" if isinstance(x, str) else bool(x) for x in v]
        elif kind in ("integer", "real"):
            df[col] = v.astype("Float64").astype(np.float64)
        else:
            df[col] = [None if pd.isna(x) else str(x) for x in v]
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


def test_table_columns_are_numpy_arrays(store):
    """Programme.table: numpy arrays by kind, masked where the store has NULLs; text as object
    arrays, or pyarrow strings with arrow=True."""
    p, _ = store
    cols = p.table("sessions")
    kinds = laycoach.table_column_kinds("sessions")
    assert list(cols) == list(kinds)
    expected = {"integer": np.int64, "real": np.float64, "boolean": np.bool_, "instant": np.dtype("datetime64[us]"),
                "date": np.dtype("datetime64[D]"), "text": np.object_}
    for name, kind in kinds.items():
        assert isinstance(cols[name], np.ndarray), name
        assert cols[name].dtype == expected[kind], name
    arrow = p.table("sessions", arrow=True)
    assert arrow["id"].to_pylist() == list(cols["id"])
    clients = p.table("clients")
    assert isinstance(clients["pam_level"], np.ma.MaskedArray)  # staff have no PAM level: NULL


# ---- pandas conventions ---------------------------------------------------------------------------

def _sql_nulls(con, table: str, column: str, kind: str) -> int:
    empty = f" OR {column} = ''" if kind in ("instant", "date") else ""  # an instant stored as '' is none
    return con.execute(f"SELECT COUNT(*) FROM {table} WHERE {column} IS NULL{empty}").fetchone()[0]


def test_dtypes_follow_pandas_conventions(store):
    """Every column of every analyst table: Int64, float64, boolean, aware UTC instants, naive
    dates, categoricals with the enum's full list in order, string; missing exactly where SQLite
    holds NULL."""
    p, path = store
    checked = set()
    with sqlite3.connect(path) as con:
        for name in laycoach.analyst_tables():
            df = laycoach.frame(p, name)
            for info in laycoach.table_columns_info(name):
                col, kind, dtype = info["name"], info["kind"], df[info["name"]].dtype
                where = f"{name}.{col}"
                if kind == "integer":
                    assert dtype == "Int64", where
                elif kind == "real":
                    assert dtype == np.float64, where
                elif kind == "boolean":
                    assert dtype == "boolean", where
                elif kind == "instant":
                    assert isinstance(dtype, pd.DatetimeTZDtype) and str(dtype.tz) == "UTC", where
                elif kind == "date":
                    assert dtype == np.dtype("datetime64[us]"), where
                elif info["enumeration"] is not None:
                    assert isinstance(dtype, pd.CategoricalDtype), where
                    cats = list(dtype.categories)
                    assert cats[:len(info["categories"])] == info["categories"], where
                    if info["enumeration"]:
                        assert info["categories"], where  # a closed enumeration lists its values
                else:
                    assert dtype == pd.StringDtype("pyarrow"), where
                assert int(df[col].isna().sum()) == _sql_nulls(con, name, col, kind), where
                checked.add(kind if info["enumeration"] is None else "category")
    assert checked == {"integer", "real", "boolean", "instant", "date", "category", "text"}


def test_enumerations_carry_the_whole_enum(store):
    """Categories equal the enum's names in its order, also for values no record has."""
    p, _ = store
    s = laycoach.frame(p, "sessions")
    assert list(s["status"].cat.categories) == [laycoach.SessionStatus(i).id for i in range(7)] == [
        "booked", "attended", "client_did_not_attend", "coach_did_not_attend", "cancelled_by_client",
        "cancelled_by_coach", "rescheduled"]
    assert list(s["modality"].cat.categories) == ["video", "telephone", "face_to_face"]
    info = {i["name"]: i for i in laycoach.table_columns_info("sessions")}
    assert info["status"]["enumeration"] == "SessionStatus" and info["id"]["enumeration"] is None
    clients = laycoach.frame(p, "clients")
    groups = {i["name"]: i for i in laycoach.table_columns_info("clients")}["staff_group"]
    assert groups["enumeration"] == "" and groups["categories"] == []  # an open vocabulary: as observed, sorted
    assert list(clients["staff_group"].cat.categories) == sorted(set(clients["staff_group"].astype(object)))
    # The same values as the text.
    assert (s["status"].astype(object) == laycoach.frame(p, "sessions")["status"].astype(str)).all()


def test_missing_text_is_na_where_the_store_has_null(store):
    """Text and categories are NA exactly where SQLite holds NULL, and '' stays '' where the
    store keeps '' (a column that does not store "" as NULL)."""
    p, path = store
    nulls = blanks = 0
    with sqlite3.connect(path) as con:
        for name in laycoach.analyst_tables():
            df = laycoach.frame(p, name)
            for col, kind in laycoach.table_column_kinds(name).items():
                if kind != "text":
                    continue
                n, e = con.execute(f"SELECT SUM({col} IS NULL), SUM({col} = '') FROM {name}").fetchone()
                assert int(df[col].isna().sum()) == (n or 0), f"{name}.{col}"
                assert int((df[col].astype(object) == "").sum()) == (e or 0), f"{name}.{col}"
                nulls, blanks = nulls + (n or 0), blanks + (e or 0)
    assert nulls > 0 and blanks > 0  # the demo has both


@pytest.mark.parametrize("source", ["frame", "extract"])
@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_every_frame_round_trips(store, tmp_path, fmt, source):
    """to_parquet and to_csv of every analyst table, as frame() gives it and as a pseudonymised
    extract releases it; read back with the same values (Parquet also the same dtypes)."""
    p, _ = store
    tables = ({name: laycoach.frame(p, name) for name in laycoach.analyst_tables()} if source == "frame"
              else laycoach.extract(p, "university"))
    assert list(tables) == list(laycoach.analyst_tables())
    for name, df in tables.items():
        path = tmp_path / f"{name}.{fmt}"
        if fmt == "parquet":
            df.to_parquet(path)
            back = pd.read_parquet(path)
            if df.empty:  # no rows: pyarrow keeps no categories of an empty dictionary
                assert list(back.columns) == list(df.columns) and back.empty, name
                continue
            # A category column with no categories (every cell missing) reads back with object
            # categories (pyarrow's dictionary of nulls): the same values, NA.
            for col in df.columns:
                if isinstance(df[col].dtype, pd.CategoricalDtype) and len(df[col].cat.categories) == 0:
                    assert back[col].isna().all() and df[col].isna().all(), f"{name}.{col}"
                    back[col] = df[col]
            pd.testing.assert_frame_equal(back, df, obj=name)
        else:
            df.to_csv(path, index=False)
            back = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
            kinds = laycoach.table_column_kinds(name)
            # CSV writes NA and '' alike (an empty field): compare text with '' as missing.
            blank = {c: "" for c, k in kinds.items() if k == "text"}
            pd.testing.assert_frame_equal(normalised(back, kinds), normalised(df, kinds).replace(blank, None),
                                          check_dtype=False, obj=name)


def test_extract_frames_are_typed_like_frame(store):
    p, _ = store
    ex = laycoach.extract(p, "university", "sessions")["sessions"]
    mine = laycoach.frame(p, "sessions")
    assert ex.dtypes.tolist() == mine.dtypes.tolist()
    assert (ex["status"].astype(object) == mine["status"].astype(object)).all()
    assert not set(ex["id"]) & set(mine["id"])  # pseudonymised


def test_columns_info_refuses_unknown_and_confidential_tables():
    with pytest.raises(laycoach.NotFoundError) as e:
        laycoach.table_columns_info("no_such_table")
    assert (e.value.record, e.value.field) == ("no_such_table", "table")
    with pytest.raises(laycoach.ForbiddenError) as e:
        laycoach.table_columns_info("notes")
    assert (e.value.record, e.value.field) == ("notes", "table")


def test_read_table_from_the_file_equals_frame_of_the_opened_store(tmp_path):
    """read_table reads SQLite straight into the typed columns: the same DataFrame as frame() of
    the programme opened from that file, for every analyst table (columns, dtypes, rows, order)."""
    import pandas.testing as pdt

    path = str(tmp_path / "demo.sqlite")
    p = laycoach.open(path, "c")
    p.replace_from(laycoach.demo.make(seed=3))
    del p
    opened = laycoach.open(path, "r")
    for name in laycoach.analyst_tables():
        pdt.assert_frame_equal(laycoach.read_table(path, name), laycoach.frame(opened, name), obj=name)


def test_read_table_errors(tmp_path):
    missing = str(tmp_path / "nope.sqlite")
    with pytest.raises(laycoach.NotFoundError) as e:
        laycoach.read_table(missing, "sessions")
    assert (e.value.field, e.value.rule) == ("path", "store_exists")
    assert not os.path.exists(missing)  # nothing created
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE sessions (id TEXT)").connection.commit()
    with pytest.raises(laycoach.IoError) as e:
        laycoach.read_table(str(other), "sessions")
    assert e.value.rule == "store_format"
    path = str(tmp_path / "s.sqlite")
    laycoach.open(path, "c")
    with pytest.raises(laycoach.ForbiddenError):
        laycoach.read_table(path, "notes")
    with pytest.raises(laycoach.NotFoundError) as e:
        laycoach.read_table(path, "nonsense")
    assert e.value.field == "table"
