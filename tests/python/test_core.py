"""The Python face of the foundation: the model, errors, confidentiality, frames, the store."""
import datetime as dt
import json
import pathlib
import sqlite3

import numpy as np
import pandas as pd
import pytest

import laycoach
from conftest import COACH, UTC, at

# A fixed booking time: the 2024 sessions here are booked ahead of their start (minimum notice).
BOOKED_AT = "2024-03-01T12:00:00Z"

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_version_matches_header():
    header = (ROOT / "include/laycoach/version.hpp").read_text()
    assert f'"{laycoach.__version__}"' in header
    assert laycoach.__version__.count(".") == 2


def test_default_catalogue_has_the_programme_offers():
    ids = {o.id for o in laycoach.Programme().catalogue.offers}
    assert {"lay_too_1to1", "lay_too_peer", "lay_too_edp_1to1", "lay_team_leader", "lay_team_team",
            "lay_team_away_day", "lay_career_1to1", "hwbc_targeted_1to1"} <= ids
    edp = laycoach.Programme().offer("lay_too_edp_1to1")
    assert edp.ethnically_diverse_pathway and edp.format == laycoach.Format.ONE_TO_ONE


def test_records_round_trip_and_compare(programme):
    c = programme.coach("c1")
    again = laycoach.Coach.from_json(c.to_json())
    assert again == c
    assert c.to_dict()["schema_version"] == 1
    assert laycoach.Coach(**{k: v for k, v in COACH.items()}) == c


def test_session_times_are_aware_utc(programme):
    s = programme.session("x1")
    assert s.start == at(2024, 3, 4, 9)
    assert s.start.tzinfo is not None and s.start.utcoffset() == dt.timedelta(0)
    assert s.end - s.start == dt.timedelta(minutes=45)  # the offer's length
    # Another zone is converted, not misread: 10:00 at +01:00 is 09:00 UTC.
    plus1 = dt.timezone(dt.timedelta(hours=1))
    s2 = laycoach.Session(id="y", offer_id="lay_too_1to1", coach_id="c1", attendees=[{"client_id": "s2"}],
                          start=dt.datetime(2024, 3, 4, 10, tzinfo=plus1))
    assert s2.start == at(2024, 3, 4, 9)


def test_naive_datetime_is_rejected_naming_the_field(programme):
    with pytest.raises(laycoach.ValidationError) as e:
        programme.book({"id": "y", "offer_id": "lay_too_1to1", "coach_id": "c1",
                        "attendees": [{"client_id": "s2"}], "booked_at": BOOKED_AT, "start": dt.datetime(2024, 3, 4, 11)})
    assert e.value.field == "/start" and e.value.rule == "aware_datetime"
    assert isinstance(e.value, ValueError)


def test_double_booking_error_carries_code_record_field_rule(programme):
    before = programme.to_json()
    with pytest.raises(laycoach.ConflictError) as e:
        programme.book({"id": "x2", "offer_id": "lay_too_1to1", "coach_id": "c1",
                        "attendees": [{"client_id": "s2"}], "booked_at": BOOKED_AT, "start": at(2024, 3, 4, 9, 30)})
    err = e.value
    assert (err.code, err.record, err.field, err.rule) == ("conflict", "x2", "start", "coach_double_booked")
    assert "x1" in err.detail and isinstance(err, laycoach.Error)
    assert programme.to_json() == before  # nothing changed


def test_outside_opening_hours_and_bad_document(programme):
    with pytest.raises(laycoach.ValidationError) as e:
        programme.book({"id": "x3", "offer_id": "lay_too_1to1", "coach_id": "c1",
                        "attendees": [{"client_id": "s2"}], "booked_at": BOOKED_AT, "start": at(2024, 3, 4, 21, 30)})
    assert e.value.rule == "within_opening_hours" and e.value.field == "start"
    with pytest.raises(laycoach.ParseError) as e:
        laycoach.Coach(id="z", rota={"weekly": [{"start_min": "nine", "end_min": 600}]})
    assert e.value.field == "/rota/weekly/0/start_min"
    with pytest.raises(laycoach.ParseError) as e:
        laycoach.Coach(id="z", nmae="typo")
    assert e.value.field == "/nmae"


def test_bad_nhs_number_named():
    p = laycoach.Programme()
    assert laycoach.nhs_number_valid("943 476 5919")
    assert not laycoach.nhs_number_valid("9434765918")
    with pytest.raises(laycoach.ValidationError) as e:
        p.add_client({"id": "pat", "kind": "patient", "nhs_number": "9434765918"})
    assert (e.value.record, e.value.field, e.value.rule) == ("pat", "nhs_number", "nhs_number_modulus_11")
    assert p.client_count == 0


def test_nhs_numbers_canonical_unique_and_displayed():
    assert laycoach.nhs_number_canonical("943 476 5919") == "9434765919"
    assert laycoach.nhs_number_display("9434765919") == "943 476 5919"
    with pytest.raises(laycoach.ValidationError) as e:
        laycoach.nhs_number_display("943476591")
    assert (e.value.field, e.value.rule) == ("nhs_number", "nhs_number_modulus_11")
    p = laycoach.Programme()
    p.add_client({"id": "pat", "kind": "patient", "nhs_number": "943 476 5919"})
    manager = laycoach.Viewer("service_manager", "m1")
    assert p.client("pat", manager).nhs_number == "9434765919"
    with pytest.raises(laycoach.ConflictError) as e:
        p.add_client({"id": "twin", "kind": "patient", "nhs_number": "9434765919"})
    assert (e.value.record, e.value.field, e.value.rule) == ("twin", "nhs_number", "nhs_number_unique")
    assert p.client_count == 1


@pytest.mark.parametrize("audience", ["employer", "commissioner", "public"])
def test_aggregate_audiences_cannot_reach_client_records(programme, audience):
    programme.add_note(laycoach.SessionNote(id="n1", session_id="x1", author_id="c1", text="private"),
                       laycoach.Viewer("coach", "c1"))
    viewer = laycoach.Viewer(audience, "RX1" if audience == "employer" else "")
    with pytest.raises(laycoach.ForbiddenError):
        programme.notes("x1", viewer)
    with pytest.raises(laycoach.ForbiddenError):
        programme.client("s1", viewer)
    with pytest.raises(laycoach.ForbiddenError):
        programme.goals("s1", viewer)
    with pytest.raises(PermissionError):
        laycoach.frame(programme, "notes")
    summary = programme.summary(viewer)
    text = json.dumps(summary.to_dict())
    assert "s1" not in text and "private" not in text
    # one session: suppressed, never 1
    assert summary["sessions"] is None


def test_notes_for_coach_and_client_only(programme):
    programme.add_note({"id": "n1", "session_id": "x1", "author_id": "c1", "text": "Agreed a goal"},
                       laycoach.Viewer("coach", "c1"))
    assert [n.text for n in programme.notes("x1", laycoach.Viewer("client", "s1"))] == ["Agreed a goal"]
    assert len(programme.notes("x1", laycoach.Viewer("coach", "c1"))) == 1
    for v in [laycoach.Viewer("client", "s2"), laycoach.Viewer("service_manager")]:
        with pytest.raises(laycoach.ForbiddenError):
            programme.notes("x1", v)
    with pytest.raises(laycoach.ForbiddenError):  # only the coach writes, as themselves
        programme.add_note({"id": "n2", "session_id": "x1", "author_id": "c1", "text": "x"},
                           laycoach.Viewer("client", "s1"))


def test_summary_exact_for_service_manager_and_rounded_for_commissioner(programme):
    for i in range(12):
        cid = f"b{i}"
        programme.add_client({"id": cid, "kind": "staff", "consent": {"coaching": True}})
        programme.book({"id": f"g{i}", "offer_id": "lay_too_1to1", "coach_id": "c1",
                        "attendees": [{"client_id": cid}], "booked_at": BOOKED_AT, "start": at(2024, 3, 5 + i, 10)})
    manager = programme.summary(laycoach.Viewer("service_manager"))
    assert manager["sessions"] == 13 and manager["clients"] == 13
    commissioner = programme.summary(laycoach.Viewer("commissioner"))
    # 13 perturbed by at most 2 and rounded to 5: 10 or 15; the same cell, the same figure.
    assert commissioner["sessions"] in (10, 15) and commissioner["booked"] == commissioner["sessions"]
    assert programme.summary(laycoach.Viewer("commissioner")) == commissioner
    # The protection is the service's: a weaker policy is refused, naming what is weaker.
    with pytest.raises(laycoach.ForbiddenError) as e:
        programme.summary(laycoach.Viewer("commissioner"), laycoach.SuppressionPolicy(min_count=1, round_to=1))
    assert (e.value.record, e.value.field, e.value.rule) == ("policy", "min_count", "policy_below_floor")
    # The service may lower its floor to the NHS rule alone, never below it.
    programme.disclosure_floor = laycoach.SuppressionPolicy.minimum_floor()
    assert programme.summary(laycoach.Viewer("commissioner"))["sessions"] == 15
    with pytest.raises(laycoach.ValidationError) as e:
        programme.disclosure_floor = laycoach.SuppressionPolicy(min_count=3, cell_key=False)
    assert (e.value.record, e.value.field, e.value.rule) == ("disclosure_floor", "min_count", "policy_below_floor")


def test_frames_match_the_sql_tables(tmp_path, programme):
    path = tmp_path / "s.sqlite"
    p = laycoach.Programme.open(str(path))
    p.load_json(programme.to_json())
    sessions = laycoach.frame(p, "sessions")
    assert list(sessions["id"]) == ["x1"]
    assert str(sessions["start"].dt.tz) == "UTC"
    assert sessions["minutes"].dtype == "Int64"  # nullable integers (pandas conventions, frames.py)
    with sqlite3.connect(path) as con:
        sql = pd.read_sql("SELECT * FROM sessions", con)
        att = pd.read_sql("SELECT * FROM session_attendance", con)
    # The SQLite table (system of record) less the columns withheld from analysts.
    withheld = ("adjustments", "override_by", "override_reason", "agreed_override_by", "agreed_override_reason")
    assert [c for c in sql.columns if c not in withheld] == list(sessions.columns)
    assert att.loc[0, "client_id"] == "s1" and att.loc[0, "service_line_id"] == "lay_too"
    assert laycoach.table_column_kinds("training_cohorts")["start"] == "date"
    assert laycoach.table_column_kinds("sessions")["start"] == "instant"
    p.add_cohort({"id": "tc1", "name": "Skills", "days": 2, "start": dt.date(2024, 5, 1)})
    cohorts = laycoach.frame(p, "training_cohorts")
    assert cohorts.loc[0, "start"] == pd.Timestamp("2024-05-01") and cohorts["start"].dt.tz is None
    frames = laycoach.frames(p)
    assert "notes" not in frames and len(frames["clients"]) == 3
    with pytest.raises(laycoach.NotFoundError):
        laycoach.frame(p, "no_such_table")


def test_store_reopen_gives_back_what_was_committed(tmp_path, programme):
    path = str(tmp_path / "s.sqlite")
    p = laycoach.Programme.open(path)
    p.load_json(programme.to_json())
    p.record_outcome("x1", laycoach.SessionStatus.ATTENDED)
    with pytest.raises(laycoach.ConflictError):
        p.add_coach(COACH)
    doc = p.to_json()
    del p
    again = laycoach.Programme.open(path)
    assert again.to_json() == doc
    assert again.session("x1").status == laycoach.SessionStatus.ATTENDED


def test_not_a_store_is_an_io_error(tmp_path):
    bad = tmp_path / "other.sqlite"
    with sqlite3.connect(bad) as con:
        con.execute("CREATE TABLE t (x)")
    with pytest.raises(laycoach.IoError) as e:
        laycoach.Programme.open(str(bad))
    assert e.value.rule == "store_format" and isinstance(e.value, OSError)


def test_enums_accept_their_stable_names(programme):
    assert laycoach.Modality("telephone") == laycoach.Modality.TELEPHONE
    assert laycoach.Modality.FACE_TO_FACE.id == "face_to_face"
    s = programme.record_outcome("x1", "client_did_not_attend")
    assert s.status == laycoach.SessionStatus.CLIENT_DID_NOT_ATTEND
    with pytest.raises(laycoach.ValidationError):
        laycoach.Modality("carrier pigeon")


def test_supervision_overdue_and_audit(programme):
    programme.add_supervision({"id": "sv1", "coach_id": "c1", "kind": "health_coaching",
                               "date": dt.date(2024, 3, 1), "supervisor": "S", "pci_assured": True})
    overdue = programme.overdue_supervision(dt.date(2024, 3, 20))
    kinds = {o.kind for o in overdue}
    assert laycoach.SupervisionKind.HEALTH_COACHING not in kinds
    assert laycoach.SupervisionKind.CLINICAL in kinds
    later = {o.kind for o in programme.overdue_supervision(dt.date(2024, 4, 5))}
    assert laycoach.SupervisionKind.HEALTH_COACHING in later
    rules = {b.rule for b in programme.audit(at(2024, 4, 5))}
    assert "supervision_overdue" in rules


def test_store_schema_doc_is_current():
    doc = (ROOT / "docs/store.md").read_text()
    assert laycoach.store_schema_markdown() in doc


def test_python_modules_are_not_shadowed_by_the_compiled_submodules():
    # `from ._core import *` binds booking, demo and stats to compiled submodules of the same
    # name; the package must expose its Python modules (their wrappers) under those names.
    import pathlib
    for name in ("booking", "demo", "report", "stats"):
        module = getattr(laycoach, name)
        assert pathlib.Path(module.__file__).name == name + ".py", name
