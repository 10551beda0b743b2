#!/usr/bin/env python3
"""Benchmark: ``laycoach.frame(p, "sessions")`` of N sessions (default 1,000,000) from a programme
in memory and from a freshly opened store, against ``pandas.read_sql`` of the same SQLite table
(plain, and as a competent user would type it: parse_dates for the instants, pyarrow dtypes), in
one run, printing the times and the ratios.

The service: 4,000 coaches, a member of staff per three sessions, sessions on weekdays between bank
holidays (June-July 2024), statuses and modalities mixed, a session in 20 with no booked_at
(NULL in the store, NA in the frame). The store is built once and cached in /tmp (by N).

Usage: python benchmarks/bench_frames.py [--sessions N] [--repeats R] [--store PATH]
Needs the laycoach package (scripts/dev_python.sh) and pyarrow.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import sqlite3
import statistics
import time

import pandas as pd

import laycoach

START = dt.datetime(2024, 6, 3, tzinfo=dt.timezone.utc)  # a Monday; no bank holiday until 26 August
COACHES = 4000
SLOTS_PER_DAY = 8
PER_PATIENT = 3
STATUSES = ["attended"] * 6 + ["client_did_not_attend", "cancelled_by_client", "booked", "coach_did_not_attend"]
ATTENDEE = {"attended": "attended", "client_did_not_attend": "did_not_attend", "booked": "booked"}
MODALITIES = ["video", "telephone", "face_to_face"]
GROUPS = ["nursing", "medical", "admin", "allied_health", ""]


def iso(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def service_json(sessions: int) -> str:
    """The whole-programme document of the benchmark service, as JSON text."""
    patients = max(1, sessions // PER_PATIENT)
    doc = json.loads(laycoach.Programme().to_json())
    doc["catalogue"]["service_lines"].append({"id": "hwbc", "name": "Health and wellbeing coaching",
                                              "kind": "workforce"})
    doc["catalogue"]["offers"].append({
        "id": "hwbc_1to1", "service_line_id": "hwbc", "name": "HWBC 1:1", "format": "one_to_one",
        "session_minutes": 45, "capacity": 1, "modalities": MODALITIES,
        "hours": {"days": [{"open_min": 480, "close_min": 1320}] * 7, "open_on_bank_holidays": False},
        "eligibility": {"client_kinds": ["staff"]}})
    doc["coaches"] = [{
        "id": f"c{c:04d}", "name": f"Coach {c}", "clinical_background": "nurse", "offers": ["hwbc_1to1"],
        "modalities": MODALITIES, "training": [{"programme": "PCI", "days": 4, "practice_hours": 30,
                                                 "skills_assessed": True, "completed": "2022-03-04"}],
        "rota": {"weekly": [{"weekday": d, "start_min": 480, "end_min": 1320} for d in range(5)],
                 "max_sessions_per_day": SLOTS_PER_DAY, "max_sessions_per_week": 5 * SLOTS_PER_DAY}}
        for c in range(COACHES)]
    doc["clients"] = [{"id": f"p{i:07d}", "kind": "staff", "staff_group": GROUPS[i % len(GROUPS)],
                       "sector": "primary_care"} for i in range(patients)]
    doc["referrals"] = [{"id": f"r{i:07d}", "client_id": f"p{i:07d}", "offer_id": "hwbc_1to1", "source": "self",
                         "requested_at": "2024-05-20T09:00:00Z"} for i in range(patients)]
    booked = "2024-05-27T09:00:00Z"
    out = []
    for j in range(sessions):
        coach, slot = j % COACHES, j // COACHES
        day = slot // SLOTS_PER_DAY  # the day-th weekday from START
        start = START + dt.timedelta(days=7 * (day // 5) + day % 5, hours=8 + slot % SLOTS_PER_DAY)
        i = j % patients
        status = STATUSES[j % 10]
        s = {"id": f"s{j:07d}", "offer_id": "hwbc_1to1", "coach_id": f"c{coach:04d}",
             "attendees": [{"client_id": f"p{i:07d}", "referral_id": f"r{i:07d}",
                            "status": ATTENDEE.get(status, "cancelled")}],
             "start": iso(start), "minutes": 45, "modality": MODALITIES[j % 3], "status": status}
        if j % 20:
            s["booked_at"] = booked
        out.append(s)
    doc["sessions"] = out
    return json.dumps(doc)


def best(f, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        gc.collect()
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sessions", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--store", default=None, help="cached store (default /tmp/laycoach_bench_frames_<N>.sqlite)")
    a = ap.parse_args()
    path = a.store or f"/tmp/laycoach_bench_frames_{a.sessions}.sqlite"
    if not os.path.exists(path):
        t = time.perf_counter()
        text = service_json(a.sessions)
        p = laycoach.Programme.open(path + ".part")
        p.load_json(text)
        del p, text
        gc.collect()
        os.replace(path + ".part", path)
        print(f"built {path} in {time.perf_counter() - t:.1f} s")

    t = time.perf_counter()
    p = laycoach.Programme.open(path, mode="r")
    print(f"opened the store in {time.perf_counter() - t:.2f} s")

    con = sqlite3.connect(path)
    instants = [c for c, k in laycoach.table_column_kinds("sessions").items() if k == "instant"]
    columns = ", ".join(laycoach.table_column_kinds("sessions"))  # the analyst columns frame() has
    runs = {
        "laycoach.frame, programme in memory": lambda: laycoach.frame(p, "sessions"),
        "laycoach.frame, store opened afresh": lambda: laycoach.frame(laycoach.Programme.open(path, mode="r"),
                                                                      "sessions"),
        "laycoach.read_table, from the file": lambda: laycoach.read_table(path, "sessions"),
        "pandas.read_sql SELECT *": lambda: pd.read_sql("SELECT * FROM sessions", con),
        "pandas.read_sql, parse_dates (UTC)": lambda: pd.read_sql(
            f"SELECT {columns} FROM sessions", con, parse_dates={c: {"utc": True, "format": "ISO8601"} for c in instants}),
        "pandas.read_sql, pyarrow dtypes": lambda: pd.read_sql(f"SELECT {columns} FROM sessions", con,
                                                               dtype_backend="pyarrow"),
    }
    df = laycoach.frame(p, "sessions")
    ref = pd.read_sql("SELECT * FROM sessions", con)
    assert len(df) == len(ref) == a.sessions, (len(df), len(ref))
    assert (df["id"].astype(object).to_numpy() == ref["id"].to_numpy()).all()
    print(f"sessions: {len(df):,} rows, {len(df.columns)} analyst columns")
    times = {name: best(f, 1 if "afresh" in name else a.repeats) for name, f in runs.items()}
    base = times["pandas.read_sql SELECT *"]
    for name, s in times.items():
        print(f"  {name:40s} {s:8.3f} s   read_sql / this = {base / s:6.2f}x")
    mem = times["laycoach.frame, programme in memory"]
    print(f"frame from memory vs read_sql: {base / mem:.1f}x (target >= 1x, goal 10x); "
          f"vs read_sql with parse_dates: {times['pandas.read_sql, parse_dates (UTC)'] / mem:.1f}x")
    print(f"read_table from the file vs read_sql: {base / times['laycoach.read_table, from the file']:.1f}x (target >= 1x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
