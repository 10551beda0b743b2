"""The access log, its verification against tampering, the supervisor audience and private store
files, from Python (the same C++ rules as C and C++)."""
import datetime as dt
import os
import sqlite3
import stat

import pandas as pd
import pytest

import laycoach
from conftest import BOOKED_AT, COACH, at

MANAGER = laycoach.Viewer("service_manager", "mgr")
SUPERVISOR = laycoach.Viewer("supervisor", "Dr Super")
NOTE = {"id": "n1", "session_id": "x1", "author_id": "c1", "text": "Talked about night shifts."}


def _fill(p):
    p.add_note(NOTE, laycoach.Viewer("coach", "c1"))
    p.add_goal({"id": "g1", "client_id": "s1", "description": "Sleep", "baseline": 2, "target": 7},
               laycoach.Viewer("client", "s1"))
    p.add_supervision({"id": "sv1", "coach_id": "c1", "kind": "health_coaching", "date": "2024-03-10",
                       "supervisor": "Dr Super", "pci_assured": True})


def _seed(p):
    """What conftest's programme fixture holds (the part used here), on any programme."""
    p.add_organisation({"ods_code": "RX1", "name": "A Trust", "kind": "trust"})
    p.add_coach(COACH)
    p.add_client({"id": "s1", "kind": "staff", "organisation": "RX1", "consent": {"coaching": True}})
    p.book({"id": "x1", "offer_id": "lay_too_1to1", "coach_id": "c1", "attendees": [{"client_id": "s1"}],
            "booked_at": BOOKED_AT, "start": at(2024, 3, 4, 9)})
    _fill(p)


def test_reads_are_logged_as_a_dataframe_without_content(programme):
    _fill(programme)
    t0 = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    assert len(programme.notes("x1", laycoach.Viewer("coach", "c1"))) == 1
    with pytest.raises(laycoach.ForbiddenError) as e:
        programme.notes("x1", SUPERVISOR)
    assert isinstance(e.value, PermissionError) and e.value.rule == "confidentiality"
    assert [g.id for g in programme.goals("s1", laycoach.Viewer("client", "s1"))] == ["g1"]
    assert programme.client("s1", MANAGER).id == "s1"
    programme.to_json()  # an export

    log = programme.access_log(MANAGER)
    assert isinstance(log, pd.DataFrame)
    assert list(log.columns) == ["seq", "at", "audience", "viewer_id", "operation", "records", "outcome", "rule", "hash"]
    assert log["seq"].tolist() == [1, 2, 3, 4, 5]
    assert str(log["at"].dt.tz) == "UTC"
    assert (log["at"] >= pd.Timestamp(t0)).all()
    assert log["operation"].tolist() == ["read_notes", "read_notes", "read_goals", "read_client", "export_programme"]
    assert log["outcome"].tolist() == ["allowed", "denied", "allowed", "allowed", "allowed"]
    assert log["records"].tolist()[:3] == [["x1", "n1"], ["x1"], ["s1", "g1"]]
    assert log.loc[1, "audience"] == "supervisor" and log.loc[1, "viewer_id"] == "Dr Super"
    assert log.loc[1, "rule"] == "confidentiality"
    assert not log.astype(str).apply(lambda c: c.str.contains("night shifts")).any().any()

    check = programme.verify_access_log()
    assert isinstance(check, laycoach.AccessLogCheck) and check and check.intact
    assert check.entries == 6 and check.first_broken == 0 and check.problem == ""  # with the manager's read
    assert check.to_dict()["first_broken"] is None


def test_only_the_service_manager_reads_the_log(programme):
    for v in [laycoach.Viewer("coach", "c1"), laycoach.Viewer("client", "s1"), SUPERVISOR,
              laycoach.Viewer("commissioner"), laycoach.Viewer("public")]:
        with pytest.raises(laycoach.ForbiddenError):
            programme.access_log(v)
    log = programme.access_log(MANAGER)
    assert log["operation"].eq("read_access_log").all() and log["outcome"].eq("denied").all() and len(log) == 5


def test_internal_reads_are_not_logged(programme):
    _fill(programme)
    programme.sessions()
    programme.summary(laycoach.Viewer("commissioner"))
    programme.evaluate()
    laycoach.frame(programme, "clients")
    programme.supervisee_caseloads(SUPERVISOR, dt.date(2024, 3, 31))
    assert len(programme.access_log(MANAGER)) == 0


def _open_with_log(tmp_path):
    path = str(tmp_path / "p.sqlite")
    p = laycoach.Programme.open(path)
    _seed(p)
    for _ in range(5):
        p.notes("x1", laycoach.Viewer("coach", "c1"))
    return path


def _sql(path, statements):
    con = sqlite3.connect(path)
    try:
        con.executescript(statements)
        con.commit()
    finally:
        con.close()


def test_tampering_with_the_file_is_named_by_verify(tmp_path):
    path = _open_with_log(tmp_path)
    assert laycoach.Programme.open(path).verify_access_log().intact
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        _sql(path, "UPDATE access_log SET operation = 'x' WHERE seq = 2;")
    _sql(path, "DROP TRIGGER access_log_no_update; DROP TRIGGER access_log_no_delete;")

    _sql(path, "UPDATE access_log SET records = '[\"x9\",\"n1\"]' WHERE seq = 3;")
    check = laycoach.Programme.open(path).verify_access_log()
    assert not check and check.first_broken == 3 and check.problem == "hash"

    _sql(path, "DELETE FROM access_log WHERE seq = 2;")
    check = laycoach.Programme.open(path).verify_access_log()
    assert check.first_broken == 2 and check.problem == "missing"


def test_two_handles_append_to_one_chain(tmp_path):
    path = _open_with_log(tmp_path)
    a, b = laycoach.Programme.open(path), laycoach.Programme.open(path)
    for _ in range(10):
        a.notes("x1", laycoach.Viewer("coach", "c1"))
        with pytest.raises(laycoach.ForbiddenError):
            b.goals("s1", laycoach.Viewer("coach", "c9"))
    check = b.verify_access_log()
    assert check.intact and check.entries == 25
    assert a.verify_access_log() == check


def test_store_files_are_private_whatever_the_umask(tmp_path):
    path = str(tmp_path / "private.sqlite")
    old = os.umask(0)
    try:
        p = laycoach.Programme.open(path)
        p.add_client({"id": "s1", "kind": "staff", "consent": {"coaching": True}})
        for f in (path, path + "-wal", path + "-shm"):
            assert stat.S_IMODE(os.stat(f).st_mode) == 0o600, f
        del p
    finally:
        os.umask(old)


def test_a_supervisor_sees_caseload_metadata_only(programme):
    _fill(programme)
    assert laycoach.Audience("supervisor") == laycoach.Audience.SUPERVISOR
    loads = programme.supervisee_caseloads(SUPERVISOR, dt.date(2024, 3, 31))
    assert [c.coach_id for c in loads] == ["c1"]
    c = loads[0]
    assert isinstance(c, laycoach.SuperviseeCaseload)
    assert c.sessions == 1 and c.clients == 1 and c.booked_ahead == 0
    assert c.by_status["booked"] == 1 and set(c.by_status) >= {"attended", "rescheduled"}
    assert c.last_supervision == {"health_coaching": dt.date(2024, 3, 10), "clinical": None, "line_management": None}
    assert c.overdue == [o for o in programme.overdue_supervision(dt.date(2024, 3, 31)) if o.coach_id == "c1"]
    assert "night shifts" not in c.to_json() and "s1" not in c.to_json()

    for call in (lambda: programme.notes("x1", SUPERVISOR), lambda: programme.goals("s1", SUPERVISOR),
                 lambda: programme.client("s1", SUPERVISOR), lambda: programme.summary(SUPERVISOR),
                 lambda: programme.evaluate(SUPERVISOR),
                 lambda: programme.supervisee_caseloads(laycoach.Viewer("coach", "c1"), dt.date(2024, 3, 31))):
        with pytest.raises(laycoach.ForbiddenError):
            call()
    with pytest.raises(laycoach.NotFoundError):
        programme.supervisee_caseloads(laycoach.Viewer("supervisor", "Nobody"), dt.date(2024, 3, 31))
    log = programme.access_log(MANAGER)
    assert (log["audience"] == "supervisor").sum() == 3 and log["outcome"].eq("denied").all()


def test_an_extract_is_an_export_in_the_log(programme):
    _fill(programme)
    before = len(programme.access_log(MANAGER))
    frames = laycoach.extract(programme, "analytics-unit", tables=["sessions"])
    assert set(frames) == {"sessions"}
    log = programme.access_log(MANAGER)
    entry = log.iloc[before + 1]  # after the manager's own read of the log
    assert entry["operation"] == "export_extract" and entry["audience"] == "service_manager"
    assert entry["records"] == ["sessions", "recipient:analytics-unit"] and entry["outcome"] == "allowed"
    assert programme.verify_access_log().intact
