#!/usr/bin/env python3
"""Benchmark: bulk import of a study from DataFrames into a fresh SQLite store, in one run:

1. ``Programme.import_frames`` (laycoach: every record checked by its rule, one transaction);
2. ``sqlite3.executemany`` of the same rows into the same schema in one transaction: what a
   competent user writes to load DataFrames into SQLite (rows from ``itertuples``, instants as
   ISO text, one executemany per table, one commit), with no rule checked;
3. for context, the old way: one transaction per record (each client imported on its own, as
   ``add_client`` did), on the clients table only.

It also imports into a programme without a store (conversion + rules + memory only), so the
difference to (1) is the store's share. Prints rows/s and the ratios.

The study: ``laycoach.demo.make`` with N staff clients (default 2,000), their
referrals, sessions and questionnaire responses, and everything else of the demo (coaches,
rotas, supervision, training), given as the tables ``laycoach.frame`` gives (docs/store.md).

Figures (2-core machine shared with other builds, load average 8-11, 2,000 clients = 53,685
rows in 18 tables, median of 5):
  before (a17b80b: a JSON document per record written, 20,000 change-log rows, events judged
      n squared): 1.123 s, 47,800 rows/s vs executemany 0.658 s, 81,600 rows/s: 1.71x
      (store's share 0.60 s); 1.95x on a quieter run before.
  after (rows bound from the record structs, typed_write.hpp; one wholesale change-log entry;
      events indexed): 0.976 s, 55,000 rows/s vs executemany 0.638 s, 84,200 rows/s: 1.53x
      (store's share 0.49 s, less than executemany's whole time; what remains is
      records_from_tables, columns -> records through a JSON document, about 0.3 s).
  columns decoded straight into the record structs (typed_read.hpp's field lists, importfast
      branch), two runs on the shared machine, before -> after:
      run 1: 0.736 s vs executemany 0.524 s, 1.40x (without a store 0.416 s)
          -> 0.334 s vs 0.288 s, 1.16x (without a store 0.087 s);
      run 2: 0.620 s vs 0.438 s, 1.42x (without a store 0.412 s)
          -> 0.288 s vs 0.295 s, 0.98x (without a store 0.091 s).

Usage: python benchmarks/bench_import.py [--clients N] [--repeats R]
Needs the laycoach package (scripts/build_python.sh or scripts/dev_python.sh).
"""
from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import tempfile
import time

import pandas as pd

import laycoach

# Settings are set with set_*; onward referrals are written by their coach; the fresh store has
# the default catalogue already (the demo's).
# Supervision needs the supervisor's name and patients their NHS number, which frame() withholds:
# the study is staff clients, without supervision records.
SKIP = {"supervision", "supervision_policy", "disclosure_floor", "triage_rules", "onward_referrals", "service_lines", "offers",
        "offer_modalities", "offer_hours", "offer_client_kinds"}


def study_frames(clients: int) -> dict[str, pd.DataFrame]:
    p = laycoach.demo.make(staff_clients=clients, patients=0, coaches=max(10, clients // 25))
    out = {}
    for name in laycoach.analyst_tables():
        if name in SKIP:
            continue
        df = laycoach.frame(p, name)
        if len(df):
            out[name] = df
    return out


def fresh_store(directory: str, name: str) -> str:
    path = os.path.join(directory, name)
    laycoach.open(path, "c")  # the schema and the default catalogue, as laycoach writes them
    return path


def rows_of(df: pd.DataFrame) -> list[tuple]:
    """The DataFrame as sqlite3 parameters: instants as ISO 8601 UTC text, dates as YYYY-MM-DD,
    missing as None (vectorised per column, then one tuple per row)."""
    cols = {}
    for c in df.columns:
        s = df[c]
        if pd.api.types.is_datetime64_any_dtype(s.dtype):
            fmt = "%Y-%m-%dT%H:%M:%SZ" if getattr(s.dtype, "tz", None) is not None else "%Y-%m-%d"
            s = s.dt.strftime(fmt)
        cols[c] = s.astype(object).where(s.notna(), None)
    return list(zip(*cols.values()))


def raw_insert(path: str, frames: dict[str, pd.DataFrame]) -> None:
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        for name, df in frames.items():
            cols = ", ".join(df.columns)
            marks = ", ".join("?" * len(df.columns))
            con.executemany(f"INSERT INTO {name} ({cols}) VALUES ({marks})", rows_of(df))
        con.execute("COMMIT")
    finally:
        con.close()


def timed(f) -> float:
    t0 = time.perf_counter()
    f()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=2000)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()

    frames = study_frames(args.clients)
    rows = sum(len(df) for df in frames.values())
    print(f"study: {args.clients} clients, {len(frames['sessions'])} sessions, "
          f"{len(frames.get('responses', []))} responses; {rows} rows in {len(frames)} tables")

    lay, raw, mem = [], [], []
    with tempfile.TemporaryDirectory() as d:
        for r in range(args.repeats):
            path = fresh_store(d, f"lay{r}.sqlite")
            p = laycoach.open(path)
            lay.append(timed(lambda: p.import_frames(frames)))
            del p
            path = fresh_store(d, f"raw{r}.sqlite")
            raw.append(timed(lambda: raw_insert(path, frames)))
            q = laycoach.Programme()
            mem.append(timed(lambda: q.import_frames(frames)))
        # The import is whole: a reopened store holds every row of every table.
        check = laycoach.open(os.path.join(d, "lay0.sqlite"), "r")
        for name, df in frames.items():
            assert len(laycoach.frame(check, name)) == len(df), name
        # The old way, for context: one transaction per record (the clients table).
        clients = frames["clients"]
        old_store = laycoach.open(fresh_store(d, "old.sqlite"))
        old_store.import_frames({"organisations": frames["organisations"]})  # what clients name
        old = timed(lambda: [old_store.import_frames({"clients": clients.iloc[i:i + 1]})
                             for i in range(len(clients))])

    t_lay, t_raw, t_mem = statistics.median(lay), statistics.median(raw), statistics.median(mem)
    print(f"laycoach import_frames into a store : {t_lay:8.3f} s  {rows / t_lay:10,.0f} rows/s")
    print(f"sqlite3.executemany, one transaction: {t_raw:8.3f} s  {rows / t_raw:10,.0f} rows/s")
    print(f"ratio laycoach / executemany        : {t_lay / t_raw:8.2f}x  (goal: within 1.5x)")
    print(f"import_frames without a store       : {t_mem:8.3f} s  (conversion + rules + memory)")
    print(f"  so the store's share              : {max(t_lay - t_mem, 0):8.3f} s  ({max(t_lay - t_mem, 0) / t_lay:.0%})")
    print(f"old way: one transaction per client : {old:8.3f} s  {len(clients) / old:10,.0f} rows/s "
          f"({len(clients)} clients; import_frames is {(len(clients) / old) and (rows / t_lay) / (len(clients) / old):.0f}x "
          "faster per row)")


if __name__ == "__main__":
    main()
