"""Importing your own data from DataFrames (laycoach.import_frames, docs/own-data.md): the round
trip of frame(), all or nothing on memory and store, exact errors, one transaction."""
import sqlite3

import pandas as pd
import pytest

import laycoach

# Settings are set with set_*; onward referrals by their coach; supervision needs the
# supervisor's name and patients their NHS number, which analyst tables withhold; the fresh
# store has the default catalogue already.
SKIP = {"supervision_policy", "disclosure_floor", "triage_rules", "onward_referrals", "supervision",
        "service_lines", "offers", "offer_modalities", "offer_hours", "offer_client_kinds"}


@pytest.fixture(scope="module")
def source():
    return laycoach.demo.make(staff_clients=40, patients=0, coaches=8)


def tables_of(p):
    return {t: laycoach.frame(p, t) for t in laycoach.analyst_tables() if t not in SKIP}


def test_round_trip_frames_import_back(source):
    frames = tables_of(source)
    copy = laycoach.open(":memory:")
    copy.import_frames(frames)
    for name, df in frames.items():
        pd.testing.assert_frame_equal(laycoach.frame(copy, name), df, obj=name)


def test_bad_row_in_the_middle_changes_nothing_in_memory_or_store(source, tmp_path):
    path = str(tmp_path / "s.sqlite")
    frames = tables_of(source)
    p = laycoach.open(path, "c")
    sessions = frames["sessions"].copy()
    bad_id = sessions.loc[5, "id"]
    sessions.loc[5, "coach_id"] = "nobody"
    frames["sessions"] = sessions
    with pytest.raises(laycoach.NotFoundError) as e:
        p.import_frames(frames)
    assert (e.value.record, e.value.field, e.value.rule) == (bad_id, "/sessions/5/coach_id", "reference_resolves")
    assert p.client_count == 0
    assert len(laycoach.frame(p, "sessions")) == 0
    del p
    reopened = laycoach.open(path, "r")
    assert reopened.client_count == 0
    assert len(laycoach.frame(reopened, "coaches")) == 0


def test_a_whole_study_is_one_transaction_seen_by_a_second_handle(source, tmp_path):
    path = str(tmp_path / "s.sqlite")
    p = laycoach.open(path, "c")
    other = laycoach.open(path)
    con = sqlite3.connect(path)
    before = con.execute("SELECT total_changes()").fetchone()
    frames = tables_of(source)
    p.import_frames(frames)
    assert other.client_count == len(frames["clients"])
    assert len(laycoach.frame(other, "sessions")) == len(frames["sessions"])
    # Again: every id is taken, the first refused, nothing written (through either handle).
    first = frames["organisations"].loc[0, "ods_code"]
    for h in (p, other):
        with pytest.raises(laycoach.ConflictError) as e:
            h.import_frames(frames)
        assert (e.value.record, e.value.field, e.value.rule) == (first, "/organisations/0/ods_code", "unique_id")
    assert before is not None


def test_repeated_ids_within_one_import():
    p = laycoach.open(":memory:")
    clients = pd.DataFrame({"id": ["a", "b", "a"], "kind": "staff"})
    with pytest.raises(laycoach.ConflictError) as e:
        p.import_frames({"clients": clients})
    assert (e.value.record, e.value.field, e.value.rule) == ("a", "/clients/2/id", "unique_id")
    assert p.client_count == 0


@pytest.mark.parametrize("frames, err, record, field, rule", [
    ({"nonsense": pd.DataFrame({"id": ["a"]})}, laycoach.ValidationError, "nonsense", "nonsense", "import_table"),
    ({"clients": pd.DataFrame({"id": ["a"], "shoe_size": [9]})}, laycoach.ValidationError, "clients",
     "clients/shoe_size", "import_column"),
    ({"clients": pd.DataFrame({"kind": ["staff"]})}, laycoach.ValidationError, "clients", "clients/id",
     "column_required"),
    ({"clients": pd.DataFrame({"id": ["a", "b"], "kind": "staff", "pam_level": ["2", "high"]})},
     laycoach.ValidationError, "a", "clients/0/pam_level", "column_type"),
    ({"clients": pd.DataFrame({"id": ["a", "b"], "kind": ["staff", "staf"]})}, laycoach.ValidationError, "b",
     "clients/1/kind", "column_value"),
    ({"referrals": pd.DataFrame({"id": ["r"], "client_id": ["x"], "offer_id": ["lay_too_1to1"],
                                 "requested_at": pd.to_datetime(["2024-03-04 09:00"])})},
     laycoach.ValidationError, "referrals", "referrals/requested_at", "instant_zone"),
])
def test_exact_errors(frames, err, record, field, rule):
    p = laycoach.open(":memory:")
    with pytest.raises(err) as e:
        p.import_frames(frames)
    assert (e.value.record, e.value.field, e.value.rule) == (record, field, rule)
    assert p.client_count == 0


def test_missing_values_and_aware_instants_and_nullable_dtypes():
    p = laycoach.open(":memory:")
    clients = pd.DataFrame({"id": ["a", "b"], "kind": pd.Categorical(["staff", "staff"]),
                            "pam_level": pd.array([None, 3], dtype="Int64"),
                            "staff_group": pd.array(["nursing", pd.NA], dtype="string")})
    p.import_frames({"clients": clients})
    f = laycoach.frame(p, "clients").set_index("id")
    assert f.loc["b", "pam_level"] == 3
    assert f.loc["a", "staff_group"] == "nursing"
    referrals = pd.DataFrame({"id": ["r"], "client_id": ["a"], "offer_id": ["lay_too_1to1"],
                              "requested_at": pd.to_datetime(["2024-07-01 10:30"]).tz_localize("Europe/London")})
    p.import_frames({"referrals": referrals})
    assert laycoach.frame(p, "referrals")["requested_at"].iloc[0] == pd.Timestamp("2024-07-01 09:30", tz="UTC")


def test_import_records_document_and_module_function():
    p = laycoach.open(":memory:")
    laycoach.import_frames(p, {"clients": pd.DataFrame({"id": ["a"], "kind": ["staff"]})})
    p.import_records('{"schema_version": 1, "clients": [{"id": "b", "kind": "staff"}]}')
    assert p.client_count == 2
    with pytest.raises(laycoach.ConflictError) as e:
        p.import_records('{"schema_version": 1, "clients": [{"id": "b", "kind": "staff"}]}')
    assert (e.value.record, e.value.field, e.value.rule) == ("b", "/clients/0/id", "unique_id")
