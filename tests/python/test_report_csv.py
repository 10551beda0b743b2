"""Report.to_csv: the commissioner's tables as CSV, written by the C++ core (the same text as the
C face), holding exactly the report's released figures; a withheld figure is "*" and never a
number; RFC 4180 quoting; files a pandas user reads back with read_csv."""
import csv
import io
import json
import math

import pandas as pd
import pytest

import laycoach
from laycoach.report import Report

TABLES = ["report", "access", "pairing", "outcomes", "differences", "omnibus", "trends", "histograms",
          "proportions", "coaches", "usage", "usage_figures", "onward"]


@pytest.fixture
def demo(small_evaluation):
    return small_evaluation


@pytest.fixture
def commissioner(small_commissioner):
    return small_commissioner


def _rows(text):
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    assert all(len(r) == len(rows[0]) for r in rows)
    return rows


def _cell(cell, row, field):
    """A CSV cell against the document's figure: "*" exactly when withheld, "" when null."""
    withheld = field in row["suppressed_fields"] or row.get("suppressed") is True
    value = row[field]
    if withheld:
        assert value is None, field
        assert cell == "*", (field, cell)
        return 1
    if value is None:
        assert cell == "", (field, cell)
    elif isinstance(value, bool):
        assert cell == ("1" if value else "0")
    elif isinstance(value, str):
        assert cell == value
    else:
        assert cell not in ("", "*") and float(cell) == float(value), (field, cell, value)
    return 0


def test_tables_hold_the_released_figures_cell_by_cell(commissioner):
    assert commissioner.disclosure_controlled
    tables = commissioner.to_csv()
    assert list(tables) == TABLES
    doc = commissioner.data
    stars = 0

    access = _rows(tables["access"])
    assert access[0] == ["figure", "value"]
    assert len(access) > 20
    for figure, cell in access[1:]:
        stars += _cell(cell, {"value": doc["access"][figure],
                              "suppressed_fields": ["value"] if figure in doc["access"]["suppressed_fields"] else []},
                       "value")

    outcomes = _rows(tables["outcomes"])
    header = outcomes[0]
    first = header.index("n")
    expected = []
    for o in doc["outcomes"]:
        expected.append(("all", o["overall"]))
        for b in o["breakdowns"]:
            expected += [(b["dimension"], r) for r in b["rows"]]
    assert len(outcomes) - 1 == len(expected) > 20
    for row, (dimension, doc_row) in zip(outcomes[1:], expected):
        assert row[header.index("dimension")] == dimension
        assert row[header.index("group")] == doc_row["group"]
        for c in range(first, len(header)):
            stars += _cell(row[c], doc_row, header[c])

    props = _rows(tables["proportions"])
    expected = []
    for p in doc["proportions"]:
        expected.append(p["overall"])
        for b in p["breakdowns"]:
            expected += b["rows"]
    assert len(props) - 1 == len(expected) > 0
    first = props[0].index("n")
    for row, doc_row in zip(props[1:], expected):
        for c in range(first, len(props[0])):
            stars += _cell(row[c], doc_row, props[0][c])

    assert stars > 50  # the demo's small groups are withheld
    assert len(_rows(tables["coaches"])) == 1  # no per-coach figures for a commissioner


def test_csv_agrees_with_the_marked_frames(commissioner):
    """The same cells as Report.frames(marked=True), read back by pandas."""
    tables = commissioner.to_csv()
    mine = pd.read_csv(io.StringIO(tables["outcomes"]), dtype=str, keep_default_na=False)
    frame = commissioner.frames(marked=True)["outcomes"]
    assert len(mine) == len(frame)
    for col in ("n", "mean_change", "p", "reliable_improved"):
        for a, b in zip(mine[col], frame[col]):
            if b == "*":
                assert a == "*"
            elif isinstance(b, float) and math.isnan(b):
                assert a == ""
            else:
                assert float(a) == float(b)


def test_no_exact_count_leaks(demo, commissioner):
    exact = demo.evaluate("service_manager")
    rel, ex = _rows(commissioner.to_csv()["outcomes"]), _rows(exact.to_csv()["outcomes"])
    assert len(rel) == len(ex)
    n = rel[0].index("n")
    small = 0
    for r, e in zip(rel[1:], ex[1:]):
        assert r[4] == e[4]
        if e[n] and 1 <= float(e[n]) < commissioner.data["policy"]["min_count"]:
            small += 1
            assert all(cell == "*" for cell in r[n:])
    assert small > 0
    assert len(_rows(exact.to_csv()["coaches"])) > 1

    # A copy of the document with a number in a withheld cell still gives "*".
    data = json.loads(json.dumps(commissioner.data))
    data["outcomes"][0]["overall"]["n"] = 97531864
    data["outcomes"][0]["overall"]["suppressed_fields"].append("n")
    tables = Report(data).to_csv()
    assert _rows(tables["outcomes"])[1][n] == "*"
    assert all("97531864" not in t for t in tables.values())


def test_quoting_and_files(tmp_path):
    labels = ["a,b", 'say "hi"', "plain"]
    before = [10.0 + i % 7 for i in range(60)]
    after = [12.0 + i % 5 for i in range(60)]
    report = laycoach.evaluate_columns(before, after, {"group": pd.Series([labels[i % 3] for i in range(60)])},
                                       audience="commissioner")
    written = report.to_csv(tmp_path / "tables")
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == sorted(f"{t}.csv" for t in TABLES)
    raw = (tmp_path / "tables" / "outcomes.csv").read_bytes()
    assert raw.decode("utf-8") == written["outcomes"]  # CRLF kept, nothing translated
    assert b',"a,b",' in raw and b',"say ""hi""",' in raw
    groups = [r[4] for r in _rows(written["outcomes"])[1:]]
    assert set(labels) <= set(groups)
    df = pd.read_csv(tmp_path / "tables" / "outcomes.csv", na_values=["*"])
    assert set(labels) <= set(df["group"])
    # A columns report has no access figures: a header only.
    assert _rows(written["access"]) == [["figure", "value"]]


def test_a_document_that_is_not_a_report_is_refused():
    with pytest.raises(laycoach.ParseError) as e:
        laycoach._core.evaluation_report_csv('{"kind": "programme", "schema_version": 1}')
    assert e.value.field == "/kind"
    with pytest.raises(laycoach.ParseError):
        laycoach._core.evaluation_report_csv("{")
