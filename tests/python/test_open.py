"""laycoach.open(path, mode, busy_timeout): dbm-like modes, a read-only handle, and BusyError when
another process (here a raw sqlite3 connection) holds the store's write lock."""
import sqlite3

import pytest

import laycoach
from conftest import COACH


def expect_error(fn, cls, code, record, field, rule):
    with pytest.raises(cls) as info:
        fn()
    e = info.value
    assert (e.code, e.record, e.field, e.rule) == (code, record, field, rule), str(e)
    return e


def test_busy_error_is_a_laycoach_error_and_a_timeout():
    assert issubclass(laycoach.BusyError, laycoach.Error)
    assert issubclass(laycoach.BusyError, TimeoutError)
    assert not issubclass(laycoach.BusyError, laycoach.IoError)


def test_empty_path_and_bad_mode_create_nothing(tmp_path):
    expect_error(lambda: laycoach.open(""), laycoach.ValidationError, "invalid_argument", "", "path", "path_required")
    path = tmp_path / "p.sqlite"
    expect_error(lambda: laycoach.open(str(path), mode="x"), laycoach.ValidationError, "invalid_argument", "", "mode",
                 "open_mode")
    expect_error(lambda: laycoach.open(str(path), busy_timeout=-1), laycoach.ValidationError, "invalid_argument",
                 str(path), "busy_timeout_ms", "busy_timeout_range")
    assert not path.exists()


def test_modes_w_and_r_need_the_file(tmp_path):
    path = str(tmp_path / "typo.sqlite")
    for mode in ("w", "r"):
        e = expect_error(lambda: laycoach.open(path, mode=mode), laycoach.NotFoundError, "not_found", path, "path",
                         "store_exists")
        assert isinstance(e, LookupError)
    assert not (tmp_path / "typo.sqlite").exists()
    laycoach.open(path, mode="c")  # created
    assert laycoach.open(path, mode="w").catalogue.offers


def test_read_only_handle(tmp_path):
    path = str(tmp_path / "p.sqlite")
    rw = laycoach.open(path, mode="c")
    rw.add_coach(COACH)
    rw.add_client({"id": "s1", "kind": "staff", "consent": {"coaching": True}})
    ro = laycoach.open(path, mode="r")
    assert ro.coach("c1").name == "Asha"
    other = dict(COACH, id="c2")
    e = expect_error(lambda: ro.add_coach(other), laycoach.ForbiddenError, "forbidden", path, "mode", "read_only")
    assert isinstance(e, PermissionError)
    manager = laycoach.Viewer("service_manager", "m")
    expect_error(lambda: ro.client("s1", manager), laycoach.ForbiddenError, "forbidden", path, "mode", "read_only")
    expect_error(lambda: ro.to_json(), laycoach.ForbiddenError, "forbidden", path, "mode", "read_only")
    rw.add_coach(other)
    assert ro.coach("c2").id == "c2"  # the reader follows the writer


def test_busy_when_another_process_holds_the_write_lock(tmp_path):
    path = str(tmp_path / "p.sqlite")
    p = laycoach.open(path, mode="c", busy_timeout=0.05)
    p.add_coach(COACH)
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("BEGIN EXCLUSIVE")
    try:
        expect_error(lambda: p.add_coach(dict(COACH, id="c2")), laycoach.BusyError, "busy", path, "", "busy")
        expect_error(lambda: laycoach.open(path, mode="w", busy_timeout=0), laycoach.BusyError, "busy", path, "",
                     "busy")
        assert [c.id for c in p.coaches()] == ["c1"]  # reads go on, nothing changed
    finally:
        raw.execute("ROLLBACK")
        raw.close()
    p.add_coach(dict(COACH, id="c2"))
    assert [c.id for c in p.coaches()] == ["c1", "c2"]


def test_referrals_lists_every_referral(programme):
    assert [r.id for r in programme.referrals()] == sorted(r.id for r in programme.referrals())
    assert "r1" in [r.id for r in programme.referrals()]


def test_command_line_reads_stores_read_only(tmp_path, capsys):
    from laycoach import cli

    typo = tmp_path / "typo.sqlite"
    assert cli.main(["summary", str(typo)]) == 2
    assert "store_exists" in capsys.readouterr().err
    assert not typo.exists()
    path = tmp_path / "p.sqlite"
    laycoach.open(str(path), mode="c").add_coach(COACH)
    assert cli.main(["audit", str(path), "--at", "2024-03-04T09:00:00Z"]) == 0
    assert cli.main(["summary", str(path)]) == 0
