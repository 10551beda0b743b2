"""Released tables as pandas expects them: suppressed cells are pd.NA in nullable columns (never
their value) with a boolean mask, counts Int64, and every table of a report written with
to_parquet and to_csv reads back equal."""
import io
import json

import pandas as pd
import pytest

import laycoach


@pytest.fixture
def demo(small_evaluation):
    return small_evaluation


@pytest.fixture(scope="module")
def reports(small_evaluation, small_commissioner):
    return {"commissioner": small_commissioner, "public": small_evaluation.evaluate("public"),
            "service_manager": small_evaluation.evaluate("service_manager")}


def test_suppressed_cells_are_na_with_a_mask(reports):
    rep = reports["commissioner"]
    frames, masks = rep.frames(mask=True)
    assert set(frames) == set(masks)
    hidden = 0
    for name, df in frames.items():
        mask = masks[name]
        assert mask.shape == df.shape and list(mask.columns) == list(df.columns) and (mask.index == df.index).all()
        assert all(mask[c].dtype == bool for c in mask.columns), name
        if "suppressed_fields" not in df.columns:
            assert not mask.to_numpy().any(), name
            continue
        for idx, fields in df["suppressed_fields"].items():
            for f in df.columns:
                assert bool(mask.at[idx, f]) == (f in fields), (name, idx, f)
            for f in fields:
                if f in df.columns:
                    assert pd.isna(df.at[idx, f]), (name, idx, f)  # never its value
                    hidden += 1
    assert hidden > 20
    # The outcomes table: the suppressed rows' figures are NA, counts are nullable integers.
    out, m = rep.frame("outcomes", mask=True)
    assert out["n"].dtype == "Int64" and out["mean_change"].dtype == "Float64"
    assert out["suppressed"].dtype == "boolean" and out["outcome"].dtype == "string"
    rows = out[out["suppressed"]]
    assert len(rows) > 0 and m.loc[rows.index, "mean_change"].all() and rows["mean_change"].isna().all()


def test_suppressed_values_are_null_in_the_document(reports):
    """What the frames mark as suppressed is null in the document itself: the value never
    reaches pandas (the document is the C++ core's)."""
    rep = reports["commissioner"]
    doc = json.loads(rep.to_json())
    for o in doc["outcomes"]:
        for b in o.get("breakdowns", []):
            for r in b["rows"]:
                for f in r.get("suppressed_fields", []):
                    assert r.get(f) is None, (o["outcome"], b["dimension"], f)


def test_marked_is_for_display(reports):
    out = reports["commissioner"].frame("outcomes", marked=True)
    rows = out[out["suppressed"].astype(bool)]
    assert (rows["mean_change"] == "*").all()


@pytest.mark.parametrize("audience", ["commissioner", "public", "service_manager"])
def test_every_released_table_round_trips_parquet_and_csv(reports, audience, tmp_path):
    frames = reports[audience].frames()
    assert len(frames) >= 14
    _round_trips(frames, audience, tmp_path)


def test_equity_and_value_tables_round_trip_parquet_and_csv(demo_commissioner_report, tmp_path):
    """The demo service's commissioner report with the equity and value sections (as ``laycoach
    demo --report`` makes it): those two tables too."""
    frames = demo_commissioner_report.frames()
    assert {"equity", "value"} <= set(frames) and len(frames["equity"]) > 0 and len(frames["value"]) > 0
    assert frames["equity"]["suppressed_fields"].map(len).sum() > 0  # some cells withheld: NA in the file
    # no blank group: the demo's workforce lists the staff groups it has (not the patients' '')
    assert "" not in set(frames["equity"]["group"].dropna()) and (frames["equity"]["denominator"] > 0).all()
    _round_trips(frames, "commissioner (equity and value)", tmp_path)


def _round_trips(frames, audience, tmp_path):
    """Every frame written with to_parquet and to_csv reads back equal (CSV: with its dtypes)."""
    for name, df in frames.items():
        # Parquet: the same dtypes and values (suppressed_fields come back as arrays: tuples again).
        buf = io.BytesIO()
        df.to_parquet(buf)
        back = pd.read_parquet(io.BytesIO(buf.getvalue()))
        if "suppressed_fields" in back.columns:
            back["suppressed_fields"] = back["suppressed_fields"].map(tuple)
        if df.empty:
            assert list(back.columns) == list(df.columns) and back.empty, name
        else:
            pd.testing.assert_frame_equal(back, df, obj=f"{audience}.{name}")
        # CSV: the same values read back with the frame's dtypes (NA as an empty field).
        path = tmp_path / f"{name}.csv"
        df.to_csv(path, index=False)
        if df.empty:
            assert list(pd.read_csv(path).columns) == list(df.columns), name
            continue
        dtypes = {c: str(t) for c, t in df.dtypes.items() if c != "suppressed_fields" and str(t) != "object"}
        back = pd.read_csv(path, dtype=dtypes, keep_default_na=False, na_values=[""])
        cols = [c for c in dtypes]
        pd.testing.assert_frame_equal(back[cols], df[cols], obj=f"{audience}.{name} (csv)")
