#!/usr/bin/env python3
"""Benchmark: the SQLite store at scale (default 1,000,000 sessions), laycoach against what a
competent user would write with the standard library's sqlite3, in one run, printing both
sides and the ratio.

- open:  ``laycoach.open(path)`` (every record loaded and checked, ready to use) against
         ``sqlite3`` fetching every table of the same store (``SELECT * FROM t`` + fetchall),
         each in a fresh subprocess: wall time, CPU time (user + system: steadier than wall time
         on a shared machine) and peak resident memory above the process's resident size before
         the call (VmHWM - VmRSS, /proc/self/status).
- write: saving the whole programme into a fresh store in one transaction
         (``Programme.replace_from``: the records checked, then written) against
         ``sqlite3.executemany`` of the same rows (read from the built store beforehand) into the
         same schema (same tables, keys and indexes, WAL, synchronous=FULL; sqlite3's default of
         foreign keys off) in one transaction: rows per second each and the ratio.

Figures (2-core machine shared with other builds, load average ~11, commit of this script):
  100,488 sessions (943,919 rows): open 3.20 s CPU / 283 MB vs fetchall 1.02 s / 332 MB
      (3.1x CPU, 0.85x memory); write 4.36 s vs executemany 3.88 s CPU (1.12x).
  1,001,064 sessions (9,401,687 rows): open 45.1 s CPU / 2,780 MB vs fetchall 9.5 s / 3,274 MB
      (4.7x CPU, 0.85x memory); write 48.7 s vs executemany 83.8 s CPU (0.58x).
  After records are moved (not copied) into memory, each record's document is built by
  appending its keys and checked for unknown keys in linear time: 100,488 sessions: open
      2.08 s CPU / 257 MB vs fetchall 0.95 s / 332 MB (2.18x CPU, 0.78x memory); 1M not re-measured.
  Records of the large tables decoded straight from their cells (typed_read.hpp, no document per
  record): 100,488 sessions: open 1.73 s CPU / 268 MB vs fetchall 0.97 s / 331 MB (1.79x CPU,
      0.81x memory; 1.86 s / 1.91x before enum names were remembered); with waiting list,
      safeguarding and risk flags typed too: 1.72 s vs 1.00 s (1.72x CPU, 0.81x memory). What is
      left is about half the post-load checks (id-keyed std::map lookups and inserts per record),
      half SQLite and the records' own strings. 1M not re-measured (the 1.5x target is not met).
  Tables with child rows (sessions, responses) scanned in stored (rowid) order, child rows given
  to their owners by id, instead of walking the primary-key index (one b-tree descent into the
  table per row: 28% of opening at 1M), and no SQLite mutex per call (the store serialises its
  connection itself). Two runs each, before -> after, measured side by side (load ~5):
      1,001,064 sessions: 24.9 s / 25.6 s CPU (2.53x, 2.71x) -> 12.4 s / 13.9 s (1.31x, 1.49x),
          memory 0.80x both; 100,488 sessions: 1.47x, 1.30x -> 1.09x, 1.04x, memory 0.81x.
      About 60% of what is left at 1M is the post-load checks and state building (std::map<string>
      finds for the uniqueness rule and the client / referral / session lookups, with cache
      misses down ~20 levels), the rest SQLite stepping and decoding the cells.

The store is built fast and cached in /tmp keyed by N: the demo service (laycoach.demo.make,
1,272 sessions with attendees, responses with answers, notes, goals, supervision) is saved into
a store, then copied inside SQLite as many times as N needs, every id that names a person or a
record of one suffixed with the copy's number (so each copy is a consistent service of its own:
40 coaches and 420 clients per 1,272 sessions) and each patient given an NHS number of its own.

Usage: python benchmarks/bench_store.py [--sessions N] [--skip-write] [--skip-open]
Needs the laycoach package (scripts/build_python.sh or scripts/dev_python.sh).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

import laycoach

# Tables copied per copy of the demo, and the columns holding ids that get the copy's suffix.
COPIED = [
    "coaches", "coach_training", "coach_memberships", "coach_offers", "coach_modalities", "rota_blocks",
    "rota_exceptions", "rota_exception_blocks", "coach_leave",
    "clients", "referrals", "sessions", "session_attendees", "waiting_list", "notes", "goals", "supervision",
    "safeguarding", "responses", "response_answers", "risk_flags",
]
ID_COLUMNS = {"id", "owner", "coach_id", "client_id", "referral_id", "session_id", "author_id", "rescheduled_to",
              "series_id", "response_id", "risk_flag_id"}


def status_kb(field: str) -> int:
    """A field of /proc/self/status in kB (VmRSS, VmHWM)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(field)


def nhs_numbers(taken: set[str]):
    """Valid NHS numbers (modulus 11 check digit) in the 999 test range, each once, none in `taken`."""
    n = 0
    while True:
        n += 1
        digits = [9, 9, 9] + [int(c) for c in f"{n:06d}"]
        check = 11 - sum(d * (10 - i) for i, d in enumerate(digits)) % 11
        if check == 11:
            check = 0
        number = "".join(map(str, digits)) + str(check)
        if check != 10 and number not in taken:
            yield number


def build(sessions: int) -> str:
    """The store of about `sessions` sessions (cached in /tmp by N); returns its path."""
    path = os.path.join(tempfile.gettempdir(), f"laycoach_bench_store_{sessions}.sqlite")
    if os.path.exists(path):
        return path
    t0 = time.perf_counter()
    base = path + ".base"
    for f in (base, base + "-wal", base + "-shm"):
        if os.path.exists(f):
            os.remove(f)
    p = laycoach.open(base, "c")
    p.replace_from(laycoach.demo.make())
    del p
    db = sqlite3.connect(base)
    per_copy = db.execute("SELECT count(*) FROM sessions").fetchone()[0]
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    copies = max(1, -(-sessions // per_copy))
    work = path + ".tmp"
    shutil.copy(base, work)
    db = sqlite3.connect(work, isolation_level=None)
    db.execute("PRAGMA journal_mode=DELETE")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("ATTACH ? AS b", (base,))
    gen = nhs_numbers({r[0] for r in db.execute("SELECT nhs_number FROM b.clients WHERE nhs_number <> ''")})
    db.create_function("nhs", 1, lambda old: next(gen) if old else old)
    db.execute("CREATE TEMP TABLE copies (k INTEGER PRIMARY KEY)")
    db.executemany("INSERT INTO copies VALUES (?)", [(k,) for k in range(1, copies)])
    db.execute("BEGIN")
    for table in COPIED:
        cols = [r[1] for r in db.execute(f"PRAGMA b.table_info({table})")]
        exprs = []
        for c in cols:
            if c in ID_COLUMNS:
                exprs.append(f"CASE WHEN {c} IS NULL OR {c} = '' THEN {c} ELSE {c} || '-' || k END")
            elif table == "clients" and c == "nhs_number":
                exprs.append("nhs(nhs_number)")
            else:
                exprs.append(c)
        db.execute(f"INSERT INTO main.{table} ({', '.join(cols)}) SELECT {', '.join(exprs)} "
                   f"FROM copies CROSS JOIN b.{table} ORDER BY k, b.{table}.rowid")
    db.execute("COMMIT")
    db.execute("DETACH b")
    db.execute("VACUUM")
    db.close()
    os.replace(work, path)
    os.remove(base)
    print(f"built {path} ({copies} copies of the demo) in {time.perf_counter() - t0:.1f} s", flush=True)
    return path


def tables(path: str) -> list[str]:
    """The store's tables with rows worth reading (every table but SQLite's own)."""
    db = sqlite3.connect(path)
    names = [r[0] for r in db.execute("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    db.close()
    return names


def cpu() -> float:
    """CPU seconds (user + system) of this process so far."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def child(kind: str, path: str, out: str | None) -> None:
    """Runs one measured side in this (fresh) process and prints its figures as JSON."""
    before = status_kb("VmRSS")
    t0, c0 = time.perf_counter(), cpu()
    rows = 0
    if kind == "open":
        p = laycoach.open(path)
    elif kind == "raw":
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        data = {t: db.execute(f"SELECT * FROM {t}").fetchall() for t in tables(path)}
        rows = sum(len(v) for v in data.values())
    elif kind == "pandas":
        import pandas as pd

        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        data = {t: pd.read_sql(f"SELECT * FROM {t}", db) for t in tables(path)}
        rows = sum(len(v) for v in data.values())
    elif kind == "write":
        src = laycoach.open(path)
        for f in (out, out + "-wal", out + "-shm"):
            if os.path.exists(f):
                os.remove(f)
        dst = laycoach.open(out, "c")
        before = status_kb("VmRSS")
        t0, c0 = time.perf_counter(), cpu()
        dst.replace_from(src)
    elif kind == "executemany":
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        schema = [r[0] for r in db.execute(
            "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
            "ORDER BY CASE type WHEN 'table' THEN 0 ELSE 1 END, rowid")]
        names = [t for t in tables(path) if t not in ("change_log", "access_log", "events", "event_ack", "service")]
        data = {t: db.execute(f"SELECT * FROM {t}").fetchall() for t in names}
        db.close()
        for f in (out, out + "-wal", out + "-shm"):
            if os.path.exists(f):
                os.remove(f)
        w = sqlite3.connect(out, isolation_level=None)
        w.execute("PRAGMA journal_mode=WAL")
        w.execute("PRAGMA synchronous=FULL")
        for sql in schema:
            w.execute(sql)
        before = status_kb("VmRSS")
        t0, c0 = time.perf_counter(), cpu()
        w.execute("BEGIN")
        for t, rows_ in data.items():
            if rows_:
                w.executemany(f"INSERT INTO {t} VALUES ({', '.join('?' * len(rows_[0]))})", rows_)
        w.execute("COMMIT")
        rows = sum(len(v) for v in data.values())
    seconds, cpu_seconds = time.perf_counter() - t0, cpu() - c0
    peak = status_kb("VmHWM")
    if kind == "write":
        db = sqlite3.connect(out)
        rows = sum(db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables(out)
                   if t not in ("change_log", "access_log", "events", "event_ack", "service"))
    print(json.dumps({"seconds": seconds, "cpu": cpu_seconds, "rss_mb": (peak - before) / 1024, "rows": rows}))


def run(kind: str, path: str, out: str | None = None) -> dict:
    """One side, measured in a fresh subprocess."""
    args = [sys.executable, __file__, "--child", kind, "--path", path] + (["--out", out] if out else [])
    r = subprocess.run(args, check=True, capture_output=True, text=True)
    return json.loads(r.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sessions", type=int, default=1_000_000)
    ap.add_argument("--skip-open", action="store_true")
    ap.add_argument("--skip-write", action="store_true")
    ap.add_argument("--pandas", action="store_true", help="also time pandas.read_sql of every table")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--path", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        child(a.child, a.path, a.out)
        return
    path = build(a.sessions)
    db = sqlite3.connect(path)
    counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables(path)}
    db.close()
    print(f"store: {counts['sessions']:,} sessions, {counts['clients']:,} clients, {counts['coaches']:,} coaches, "
          f"{sum(counts.values()):,} rows, {os.path.getsize(path) / 2**20:.0f} MB")
    if not a.skip_open:
        lc = run("open", path)
        raw = run("raw", path)
        print(f"open   laycoach.open       {lc['seconds']:7.2f} s wall {lc['cpu']:7.2f} s CPU {lc['rss_mb']:7.0f} MB")
        print(f"       sqlite3 fetchall    {raw['seconds']:7.2f} s wall {raw['cpu']:7.2f} s CPU {raw['rss_mb']:7.0f} MB"
              f"  ({raw['rows']:,} rows)")
        print(f"       ratio (laycoach / sqlite3): wall {lc['seconds'] / raw['seconds']:.2f}x, "
              f"CPU {lc['cpu'] / raw['cpu']:.2f}x, memory {lc['rss_mb'] / raw['rss_mb']:.2f}x")
        if a.pandas:
            pdr = run("pandas", path)
            print(f"       pandas.read_sql     {pdr['seconds']:7.2f} s  {pdr['rss_mb']:7.0f} MB  "
                  f"(laycoach / pandas: time {lc['seconds'] / pdr['seconds']:.2f}x)")
    if not a.skip_write:
        out = os.path.join(tempfile.gettempdir(), f"laycoach_bench_store_out_{os.getpid()}.sqlite")
        try:
            lc = run("write", path, out)
            em = run("executemany", path, out)
        finally:
            for f in (out, out + "-wal", out + "-shm"):
                if os.path.exists(f):
                    os.remove(f)
        lr, er = lc["rows"] / lc["seconds"], em["rows"] / em["seconds"]
        print(f"write  laycoach replace_from {lc['seconds']:7.2f} s wall {lc['cpu']:7.2f} s CPU {lr:10,.0f} rows/s"
              f"  ({lc['rows']:,} rows)")
        print(f"       sqlite3 executemany   {em['seconds']:7.2f} s wall {em['cpu']:7.2f} s CPU {er:10,.0f} rows/s"
              f"  ({em['rows']:,} rows)")
        print(f"       ratio (laycoach / executemany): wall {lc['seconds'] / em['seconds']:.2f}x, "
              f"CPU {lc['cpu'] / em['cpu']:.2f}x")

if __name__ == "__main__":
    main()
