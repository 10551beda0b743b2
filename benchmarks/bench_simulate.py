"""Benchmark of the capacity simulation (issue 10) against a SimPy model of the same system.

The national programme for 4 years: 500 coaches with rotas in UK local time (weekly patterns
08:00-22:00 over seven days, dated exceptions, leave, daily and weekly caps, buffers), the
default catalogue's four 1:1 offers (wellbeing, the ethnically diverse pathway, leaders, career)
and a demand model giving about 40,000 first sessions in 4 years with follow-ups: arrivals per
UK local hour of week (a non-homogeneous Poisson process) with monthly seasonality and growth,
a dose pmf, an interval pmf, client and coach did-not-attend and cancellation probabilities and
clients' time-of-day preferences.

In one run it:
  0. checks that the SimPy model's slot search is laycoach's: --check requests (new clients and
     follow-ups with continuity, every preference) replayed through both in step on the same
     coaches (Programme.search_slots), booking laycoach's answer in both; counts agreements;
  1. times a SimPy model of the same system written here as a competent SimPy user would (NHPP
     arrivals from piecewise-constant hourly rates, one process per client, a cached slot search
     on per-coach, per-day bitmaps of 15-minute starts kept up to date on each booking and
     searched with numpy over the window), for --simpy-replications replications (CPU time);
  2. times laycoach.simulate (replications and summary as DataFrames) on one thread: set-up per
     call and CPU time per replication, and the ratio;
  3. times --replications (1,000) laycoach replications on every core (wall and CPU time)
     against the issue's target (1,000 in 30 s on 2 cores);
  4. prints the headline figures of both models, mean [95% CI] over each one's replications,
     with a t test of their difference (same rules and demand, different random streams);
  5. times the M/M/c degenerate case (always open, identical coaches, exponential session
     lengths, first come first served): a textbook SimPy M/M/c (simpy.Resource) and laycoach's
     slotted configuration per customer, beside Erlang C (--no-mmc skips it).

The SimPy model follows the model documented in include/laycoach/simulate.hpp (and, where the
comment leaves a choice, the engine's code): the first session is searched at once over the
stream's window (none: unmet); each later one `interval` days after the previous start (not
before its end, not after the period), the coach of the client's latest booking first
(continuity); a booked session is attended, missed by the client or the coach (the time is used;
from its end it no longer counts for the caps) or cancelled by either (the slot is freed half way
between booking and start and the client seeks a new slot then, even after the period, the dose
unchanged); a session the coach missed is sought again at its end, one the client missed counts
towards the dose. Search
rules as the booking engine's (booking.hpp): 15-minute grid in UK local time, the offer's
opening hours, the coach's rota that day (weekly pattern, dated exceptions, leave) covering the
whole session, the coach's buffer, daily and ISO-week caps (sessions booked or attended), the
client's time-of-day preference and weekdays; ranked by the continuity coach, then start, then
the coach's sessions that ISO week, then coach id. A client has at most one booked session at a
time in this model, so the client's own diary never binds and is not checked.

Usage: python benchmarks/bench_simulate.py [--replications 1000] [--simpy-replications 2]
           [--laycoach-replications 40] [--coaches 500] [--years 4] [--first-sessions N]
           [--check 3000] [--seed 1] [--no-mmc]
Run by hand or by scripts/bench.sh simulate; never by the tests. The machine is shared: CPU
times (time.process_time / thread time) are printed beside wall times.

Measured (2026-11-29, 2 free cores, CPU times): the search check 3,000/3,000; SimPy 4.24-4.53 s
CPU a replication (~121,300 sessions booked), laycoach 0.041-0.042 s (103-107x over 8 runs; set-up
0.08-0.11 s a call); 1,000 laycoach replications 20.8-20.9 s wall, 41.5 s CPU (target 30 s); every
headline figure agrees (p 0.20-0.93); M/M/c 0.8-1.3 us a customer against SimPy's 10-12 (9-13x).
"""

import argparse
import bisect
import json
import math
import os
import time
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import numpy as np

LONDON = ZoneInfo("Europe/London")
START = datetime(2021, 1, 4, tzinfo=timezone.utc)  # a Monday, GMT: local midnight
OPEN_MIN, CLOSE_MIN = 8 * 60, 22 * 60  # the programme's opening hours, every offer
NQ = (CLOSE_MIN - OPEN_MIN) // 15  # 56 quarter-hour starts a day: bit k = 08:00 + 15k
ALL = np.uint64((1 << 64) - 1)


# ---------------------------------------------------------------------------------------------
# The scenario as data
# ---------------------------------------------------------------------------------------------

OFFERS = {  # the default catalogue's 1:1 offers used (checked against laycoach's in main)
    "lay_too_1to1": {"service_line": "lay_too", "minutes": 45, "pathway": False},
    "lay_too_edp_1to1": {"service_line": "lay_too_edp", "minutes": 45, "pathway": True},
    "lay_team_leader": {"service_line": "lay_team", "minutes": 60, "pathway": False},
    "lay_career_1to1": {"service_line": "lay_career", "minutes": 60, "pathway": False},
}


def _weekly_profile():
    """Relative arrivals per UK local hour of week (Monday 00:00 first): self-referral peaks at
    lunchtime and after a day shift; weekends lower; few at night."""
    day = [0.08] * 7 + [0.5, 1.0, 1.0, 1.0, 1.0, 1.4, 1.3, 0.9, 0.9, 0.9, 1.2, 1.6, 1.6, 1.5, 1.2, 0.5, 0.2]
    prof = []
    for wd in range(7):
        f = 1.0 if wd < 5 else 0.55
        prof += [x * f for x in day]
    return prof


SEASONAL = [1.2, 1.1, 1.05, 1.0, 0.95, 0.9, 0.85, 0.8, 1.0, 1.1, 1.1, 0.85]


def national_scenario(n_coaches=500, years=4, first_sessions=40000, seed=20240401):
    """The national programme as plain data: coaches (laycoach's coach document format), the
    demand streams (laycoach's DemandStream fields) and the period."""
    rng = np.random.default_rng(seed)
    days = years * 365 + years // 4
    start = START.date()

    def some(xs, n):
        return sorted(rng.choice(xs, size=n, replace=False).tolist())

    coaches = []
    for i in range(n_coaches):
        weekly = []
        kind = i % 5
        if kind == 0:  # day associate: one or two weekdays, a morning or an afternoon
            a = int(rng.choice([9 * 60, 13 * 60]))
            weekly = [(d, a, a + 4 * 60) for d in some([0, 1, 2, 3, 4], int(rng.integers(1, 3)))]
        elif kind == 1:  # evenings after their own shift
            weekly = [(d, 18 * 60, 22 * 60) for d in some([0, 1, 2, 3, 4], int(rng.integers(1, 3)))]
            if rng.random() < 0.3:
                weekly.append((6, 18 * 60, 21 * 60))
        elif kind == 2:  # weekends
            weekly = [(5, 9 * 60, 13 * 60)] if rng.random() < 0.7 else []
            weekly.append((6, 14 * 60, 18 * 60))
        elif kind == 3:  # split: an early morning and a late evening
            d1, d2 = some([0, 1, 2, 3, 4], 2)
            weekly = [(d1, 8 * 60, 10 * 60), (d2, 19 * 60, 22 * 60)]
        else:  # one long day with a lunch break
            d = int(rng.integers(0, 5))
            weekly = [(d, 9 * 60, 12 * 60 + 30), (d, 13 * 60 + 30, 17 * 60)]
        exceptions, leave = [], []
        for y in range(years):
            for _ in range(6):  # a day off, or different hours that day
                dd = start + timedelta(days=y * 365 + int(rng.integers(0, 365)))
                blocks = []
                if rng.random() < 0.5:
                    a = int(rng.choice([8, 10, 12, 14, 16, 18])) * 60
                    blocks = [(a, a + 4 * 60)]
                exceptions.append((dd.isoformat(), blocks))
            for _ in range(2):
                f = start + timedelta(days=y * 365 + int(rng.integers(0, 350)))
                leave.append((f.isoformat(), (f + timedelta(days=int(rng.integers(4, 14)))).isoformat()))
        offers = ["lay_too_1to1"]
        if rng.random() < 0.5:
            offers.append("lay_career_1to1")
        if rng.random() < 0.3:
            offers.append("lay_team_leader")
        edp = bool(rng.random() < 0.15)
        if edp:
            offers.append("lay_too_edp_1to1")
        coaches.append({
            "id": "c%03d" % i,
            "offers": offers,
            "pathway": edp,
            "modalities": ["video", "telephone"] if rng.random() < 0.85 else ["video"],
            "weekly": weekly,
            "exceptions": exceptions,
            "leave": leave,
            "day_cap": int(rng.integers(3, 6)),
            "week_cap": int(rng.integers(3, 7)),
            "buffer": int(rng.choice([0, 0, 10, 15])),
        })

    prof = _weekly_profile()
    growth = 0.05
    # Scale the profile so that the expected arrivals over the period are `first_sessions`.
    hours = _period_hours(days)
    unit = sum(prof[h] * SEASONAL[m] * (1 + growth) ** y for h, m, y in zip(*hours))
    shares = {"lay_too_1to1": 0.70, "lay_too_edp_1to1": 0.10, "lay_team_leader": 0.08, "lay_career_1to1": 0.12}
    doses = {
        "lay_too_1to1": [0.28, 0.22, 0.18, 0.14, 0.10, 0.08],
        "lay_too_edp_1to1": [0.25, 0.22, 0.18, 0.15, 0.11, 0.09],
        "lay_team_leader": [0.2, 0.2, 0.2, 0.2, 0.2],
        "lay_career_1to1": [0.3, 0.3, 0.25, 0.15],
    }
    interval = [0.0] * 29
    interval[7], interval[14], interval[21], interval[28] = 0.5, 0.35, 0.1, 0.05
    preferences = [
        {"weight": 0.6, "windows": [], "weekdays": 0x7F},
        {"weight": 0.25, "windows": [(17 * 60, 22 * 60)], "weekdays": 0x7F},  # after a shift
        {"weight": 0.1, "windows": [(8 * 60, 12 * 60)], "weekdays": 0x1F},  # weekday mornings
        {"weight": 0.05, "windows": [], "weekdays": 0x60},  # weekends only
    ]
    streams = []
    for offer, share in shares.items():
        streams.append({
            "offer_id": offer,
            "per_hour": [x * first_sessions * share / unit for x in prof],
            "seasonal": list(SEASONAL),
            "growth": growth,
            "sessions_pmf": doses[offer],
            "interval_pmf": interval,
            "client_dna": 0.05,
            "coach_dna": 0.01,
            "client_cancel": 0.07,
            "coach_cancel": 0.02,
            "preferences": preferences,
            "window_days": 28,
            "client": {"ethnically_diverse": OFFERS[offer]["pathway"], "leader": offer == "lay_team_leader"},
        })
    return {"start": START, "days": days, "coaches": coaches, "streams": streams}


def _period_hours(days):
    """For each real (UTC) hour of the period: UK local hour of week, local month index, years
    since the start. Rates are read in UK local time; the hour repeated in October counts twice,
    the hour skipped in March not at all."""
    how, month, years = [], [], []
    for h in range(days * 24):
        t = (START + timedelta(hours=h)).astimezone(LONDON)
        how.append(t.weekday() * 24 + t.hour)
        month.append(t.month - 1)
        years.append(h / (24 * 365.25))
    return how, month, years


def coach_documents(sc):
    """The scenario's coaches as laycoach coach documents (the live programme's format)."""
    out = []
    for c in sc["coaches"]:
        out.append({
            "id": c["id"],
            "name": "Coach " + c["id"],
            "ethnically_diverse": c["pathway"],
            "ethnically_diverse_pathway": c["pathway"],
            "training": [{"programme": "Coaching diploma", "days": 10, "practice_hours": 120, "skills_assessed": True,
                          "pci_accredited": False, "completed": "2019-06-30"}],
            "memberships": ["emcc"],
            "offers": c["offers"],
            "modalities": c["modalities"],
            "rota": {
                "weekly": [{"weekday": wd, "start_min": a, "end_min": b} for wd, a, b in c["weekly"]],
                "exceptions": [{"date": d, "blocks": [{"weekday": 0, "start_min": a, "end_min": b} for a, b in bl]}
                               for d, bl in c["exceptions"]],
                "leave": [{"first": a, "last": b} for a, b in c["leave"]],
                "max_sessions_per_day": c["day_cap"],
                "max_sessions_per_week": c["week_cap"],
                "buffer_minutes": c["buffer"],
            },
            "safeguarding_lead": "Dr Lead, clinical safeguarding lead",
            "first_point_of_contact": "Coaching service duty manager",
        })
    return out


def demand_document(sc):
    """The scenario's demand as laycoach's demand-model document (simulate_json.hpp)."""
    streams = []
    for st in sc["streams"]:
        streams.append({
            "offer_id": st["offer_id"],
            "per_hour": st["per_hour"],
            "seasonal": st["seasonal"],
            "growth": st["growth"],
            "sessions_pmf": st["sessions_pmf"],
            "interval_pmf": st["interval_pmf"],
            "client_dna": st["client_dna"],
            "coach_dna": st["coach_dna"],
            "client_cancel": st["client_cancel"],
            "coach_cancel": st["coach_cancel"],
            "preferences": [{"weight": p["weight"],
                             "windows": [{"from_min": a, "to_min": b} for a, b in p["windows"]],
                             "weekdays": [wd for wd in range(7) if p["weekdays"] >> wd & 1]}
                            for p in st["preferences"]],
            "window_days": st["window_days"],
            "client": {"kind": "staff", "ethnically_diverse": st["client"]["ethnically_diverse"],
                       "leader": st["client"]["leader"]},
        })
    return {"schema_version": 1, "streams": streams}


# ---------------------------------------------------------------------------------------------
# Calendar: UK local days of the period and the offsets to UTC
# ---------------------------------------------------------------------------------------------

class Calendar:
    """Day d = the UK local date START + d. real(d, k) = UTC minute (since START) of the slot k
    (08:00 + 15k local) on day d: opening hours lie within 01:00-24:00 so one offset per day
    (its noon's) is exact."""

    def __init__(self, n_days):
        self.n_days = n_days
        self.off_day = np.array([int((datetime(*(START.date() + timedelta(days=d)).timetuple()[:3], 12, tzinfo=LONDON)
                                      .utcoffset().total_seconds()) // 60) for d in range(n_days)], dtype=np.int64)
        self.base = np.arange(n_days, dtype=np.int64) * 1440 + OPEN_MIN - self.off_day  # real minute of slot 0
        self.off_hour = np.repeat(self.off_day, 24)  # offset at each real hour (fixed at 01:00 UTC below)
        for d in range(1, n_days):
            if self.off_day[d] != self.off_day[d - 1]:  # the change is at 01:00 UTC on day d
                self.off_hour[d * 24] = self.off_day[d - 1]
        y0 = START.year
        bh = {h for y in range(y0, y0 + n_days // 365 + 2) for h in _bank_holidays(y)}
        self.bank = np.array([(START.date() + timedelta(days=d)) in bh for d in range(n_days)])
        self.weekday = np.arange(n_days) % 7  # START is a Monday
        self.month = np.array([(START.date() + timedelta(days=d)).month - 1 for d in range(n_days)])

    def local(self, t):
        """UK local (day, minute of day) of the real minute t."""
        t = int(t)
        lt = t + int(self.off_hour[t // 60])
        return lt // 1440, lt % 1440


def _bank_holidays(year):
    import laycoach  # the data (England and Wales bank holidays), not a rule
    return laycoach.bank_holidays(year)


# ---------------------------------------------------------------------------------------------
# The cached slot search: per coach and day, a 56-bit mask of feasible starts per session length
# ---------------------------------------------------------------------------------------------

def _start_bits(blocks, minutes):
    """Starts k (bits) at which a session of `minutes` lies inside the merged blocks."""
    merged = []
    for a, b in sorted(blocks):
        if merged and merged[-1][1] >= a:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    bits = 0
    for a, b in merged:
        k0 = max(0, -(-(a - OPEN_MIN) // 15))
        k1 = min(NQ - 1, (b - minutes - OPEN_MIN) // 15)
        if k1 >= k0:
            bits |= ((1 << (k1 - k0 + 1)) - 1) << k0
    return bits


class Supply:
    """What does not change within a replication, built once and shared by every replication:
    rota start masks per session length (days x coaches), eligibility masks, caps, buffers."""

    def __init__(self, sc, cal):
        self.cal = cal
        coaches = sorted(sc["coaches"], key=lambda c: c["id"])
        self.ids = [c["id"] for c in coaches]
        n, D = len(coaches), cal.n_days
        self.lengths = sorted({o["minutes"] for o in OFFERS.values()})
        self.q = {L: L // 15 for L in self.lengths}
        self.rota = {L: np.zeros((D, n), dtype=np.uint64) for L in self.lengths}
        self.rota_minutes = np.zeros((D, n))
        start = START.date()
        for ci, c in enumerate(coaches):
            by_wd = [[] for _ in range(7)]
            for wd, a, b in c["weekly"]:
                by_wd[wd].append((a, b))
            for L in self.lengths:
                wk = np.array([_start_bits(by_wd[wd], L) for wd in range(7)], dtype=np.uint64)
                self.rota[L][:, ci] = wk[cal.weekday]
            wk_min = np.array([_block_minutes(by_wd[wd]) for wd in range(7)])
            self.rota_minutes[:, ci] = wk_min[cal.weekday]
            exc = {}
            for d, blocks in c["exceptions"]:
                exc.setdefault((date.fromisoformat(d) - start).days, []).extend(blocks)
            for d, blocks in exc.items():
                if 0 <= d < D:
                    for L in self.lengths:
                        self.rota[L][d, ci] = _start_bits(blocks, L)
                    self.rota_minutes[d, ci] = _block_minutes(blocks)
            for a, b in c["leave"]:
                d0, d1 = (date.fromisoformat(a) - start).days, (date.fromisoformat(b) - start).days
                d0, d1 = max(d0, 0), min(d1, D - 1)
                if d0 <= d1:
                    for L in self.lengths:
                        self.rota[L][d0:d1 + 1, ci] = 0
                    self.rota_minutes[d0:d1 + 1, ci] = 0
        self.day_cap = np.array([c["day_cap"] for c in coaches])
        self.week_cap = np.array([c["week_cap"] for c in coaches])
        self.buffer = [c["buffer"] for c in coaches]
        self.eligible = {}
        for o, spec in OFFERS.items():
            ok = [o in c["offers"] and (not spec["pathway"] or c["pathway"]) for c in coaches]
            self.eligible[o] = np.where(np.array(ok), ALL, np.uint64(0))
        # Starts of length L' blocked by a session (k, q) of a coach with buffer b:
        # t in (k - ceil((15q' + b)/15), k + ceil((15q + b)/15)).
        self.block_masks = {}
        for b in set(self.buffer):
            for L2 in self.lengths:
                for L in self.lengths:
                    before = -(-(L2 + b) // 15) - 1
                    after = -(-(L + b) // 15) - 1
                    self.block_masks[(b, L2, L)] = (before, after)


def _block_minutes(blocks):
    merged = []
    for a, b in sorted(blocks):
        if merged and merged[-1][1] >= a:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return sum(b - a for a, b in merged)


class Diary:
    """One replication's bookings: the free-start masks (rota minus sessions, buffers, caps),
    the coach's sessions per day and the day and week counts."""

    def __init__(self, sup):
        self.sup = sup
        self.free = {L: m.copy() for L, m in sup.rota.items()}
        D, n = sup.rota[sup.lengths[0]].shape
        self.day_count = np.zeros((D, n), dtype=np.int64)
        self.week_count = np.zeros((D // 7 + 1, n), dtype=np.int64)
        self.sessions = {}  # (day, coach) -> [(k, minutes)]

    def _refresh_day(self, d, c, capped):
        sup = self.sup
        if capped:
            for L in sup.lengths:
                self.free[L][d, c] = 0
            return
        ss = self.sessions.get((d, c), ())
        b = sup.buffer[c]
        for L2 in sup.lengths:
            blocked = 0
            for k, L in ss:
                before, after = sup.block_masks[(b, L2, L)]
                lo, hi = max(0, k - before), min(NQ - 1, k + after)
                blocked |= ((1 << (hi - lo + 1)) - 1) << lo
            self.free[L2][d, c] = int(sup.rota[L2][d, c]) & ~blocked

    def _refresh(self, d, c, week_change):
        w = d // 7
        wk_capped = self.week_count[w, c] >= self.sup.week_cap[c]
        days = range(w * 7, min(w * 7 + 7, self.sup.cal.n_days)) if week_change else (d,)
        for dd in days:
            self._refresh_day(dd, c, wk_capped or self.day_count[dd, c] >= self.sup.day_cap[c])

    def occupy(self, d, c, k, minutes):
        self.sessions.setdefault((d, c), []).append((k, minutes))
        self.day_count[d, c] += 1
        self.week_count[d // 7, c] += 1
        self._refresh(d, c, self.week_count[d // 7, c] >= self.sup.week_cap[c])

    def release(self, d, c, k, minutes):
        """A cancelled session: its time is free again and it no longer counts."""
        self.sessions[(d, c)].remove((k, minutes))
        was = self.week_count[d // 7, c] >= self.sup.week_cap[c]
        self.day_count[d, c] -= 1
        self.week_count[d // 7, c] -= 1
        self._refresh(d, c, was)

    def search(self, offer, t0, window_days, pref, fav):
        """The best slot (day, k, coach) for a request at real minute t0 or None: the whole
        window's days searched at once with numpy."""
        sup, cal = self.sup, self.sup.cal
        L = OFFERS[offer]["minutes"]
        t1 = t0 + window_days * 1440
        d0, _ = cal.local(t0)
        d1, _ = cal.local(t1)
        d1 = min(d1, cal.n_days - 1)
        if d0 > d1:
            return None
        base = cal.base[d0:d1 + 1]
        bits = pref["by_day"][d0:d1 + 1].copy()  # the preferred starts of each day
        k0 = math.ceil((t0 - int(base[0])) / 15)  # first start at or after t0
        if k0 > 0:
            bits[0] &= np.uint64(0 if k0 >= NQ else ((1 << 64) - 1) ^ ((1 << k0) - 1))
        kl = math.floor((t1 - int(base[-1])) / 15)  # last start at or before t1
        if kl < NQ - 1:
            bits[-1] &= np.uint64(0 if kl < 0 else (1 << (kl + 1)) - 1)
        free = self.free[L][d0:d1 + 1]
        if fav is not None and sup.eligible[offer][fav]:
            col = free[:, fav] & bits
            nz = np.flatnonzero(col)
            if nz.size:
                i = nz[0]
                return d0 + int(i), _lowest(int(col[i])), fav
        # The next two days first (most requests find a slot there), then the rest of the window.
        for lo, hi in ((0, 2), (2, len(bits))):
            if lo >= hi:
                break
            x = free[lo:hi] & sup.eligible[offer] & bits[lo:hi, None]
            rows = np.flatnonzero(x.any(axis=1))
            if rows.size:
                break
        else:
            return None
        if not rows.size:
            return None
        i = lo + rows[0]
        row = x[rows[0]]
        cs = np.flatnonzero(row)
        v = row[cs]
        ks = np.log2((v & (~v + np.uint64(1))).astype(np.float64)).astype(np.int64)
        kmin = ks.min()
        best = cs[ks == kmin]
        if best.size > 1:
            wc = self.week_count[(d0 + i) // 7, best]
            best = best[wc == wc.min()]
        return d0 + int(i), int(kmin), int(best[0])


def _lowest(x):
    return (x & -x).bit_length() - 1


# ---------------------------------------------------------------------------------------------
# The SimPy model
# ---------------------------------------------------------------------------------------------

def _pref_table(stream, cal):
    out = []
    for p in stream["preferences"] or [{"weight": 1, "windows": [], "weekdays": 0x7F}]:
        bits = 0
        for k in range(NQ):
            m = OPEN_MIN + 15 * k
            if not p["windows"] or any(a <= m < b for a, b in p["windows"]):
                bits |= 1 << k
        days = np.array([bool(p["weekdays"] >> wd & 1) for wd in range(7)])
        by_day = np.where(days[cal.weekday], np.uint64(bits), np.uint64(0))
        out.append({"weight": p["weight"], "bits": bits, "by_day": by_day})
    return out


class Tally:
    """What a replication counts per stream (the fields of laycoach's GroupResult)."""

    def __init__(self, n_streams):
        z = lambda: [0] * n_streams  # noqa: E731
        self.requests, self.first_booked, self.within24, self.unmet = z(), z(), z(), z()
        self.sessions_booked, self.out_of_hours, self.attended = z(), z(), z()
        self.client_dna, self.coach_dna, self.cancelled_by_client, self.cancelled_by_coach = z(), z(), z(), z()
        self.waits = [[] for _ in range(n_streams)]
        self.booked_minutes = 0.0


def simpy_replication(sc, sup, seed, rep):
    """One replication of the SimPy model; returns its Tally."""
    import simpy

    cal = sup.cal
    rng = np.random.default_rng([seed, rep])
    env = simpy.Environment()
    diary = Diary(sup)
    streams = sc["streams"]
    tally = Tally(len(streams))
    horizon = sc["days"] * 1440
    hours = _HOURS_CACHE.setdefault(sc["days"], _period_hours(sc["days"]))
    how, month, years = (np.array(x) for x in hours)

    def ooh(d, k):
        m = OPEN_MIN + 15 * k
        return cal.weekday[d] >= 5 or cal.bank[d] or m < 9 * 60 or m >= 17 * 60

    def client(si, st, prefs, pw, pmf_dose, pmf_int, p):
        tally.requests[si] += 1
        dose = 1 + min(bisect.bisect(pmf_dose, rng.random()), len(pmf_dose) - 1)
        pref = prefs[min(bisect.bisect(pw, rng.random()), len(pw) - 1)]
        L = OFFERS[st["offer_id"]]["minutes"]
        done, fav, first, cancelled = 0, None, True, False
        while done < dose:
            now = env.now
            if now >= horizon and not cancelled:  # the period is over (a cancelled session is rebooked)
                return
            cancelled = False
            slot = diary.search(st["offer_id"], math.ceil(now), st["window_days"], pref, fav)
            if slot is None:
                if first:
                    tally.unmet[si] += 1
                return
            d, k, c = slot
            start = int(cal.base[d]) + 15 * k
            diary.occupy(d, c, k, L)
            fav = c  # continuity: the coach of the client's latest booking
            tally.sessions_booked[si] += 1
            tally.out_of_hours[si] += ooh(d, k)
            if first:
                first = False
                tally.first_booked[si] += 1
                w = start - now
                tally.waits[si].append(w)
                tally.within24[si] += w <= 24 * 60
            u = rng.random()
            if u < p[1]:  # cancelled half way between booking and start: sought again then
                yield env.timeout((start - math.ceil(now)) / 2)
                diary.release(d, c, k, L)
                if u < p[0]:
                    tally.cancelled_by_client[si] += 1
                else:
                    tally.cancelled_by_coach[si] += 1
                cancelled = True
                continue
            yield env.timeout(start - now)
            if start < horizon:
                tally.booked_minutes += min(L, horizon - start)
            if u < p[3]:  # missed: the time is used; from its end it no longer counts for the caps
                yield env.timeout(L)
                diary.release(d, c, k, L)
                if u >= p[2]:
                    tally.coach_dna[si] += 1
                    continue  # sought again at the end of the missed session
                tally.client_dna[si] += 1
            else:
                tally.attended[si] += 1
            done += 1
            if done < dose:
                gap = min(bisect.bisect(pmf_int, rng.random()), len(pmf_int) - 1)
                nxt = max(start + gap * 1440, start + L)
                if nxt >= horizon:
                    return
                yield env.timeout(nxt - env.now)

    def source(si, st):
        prefs = _pref_table(st, cal)
        cdf = lambda w: (np.cumsum(w) / np.sum(w)).tolist()  # noqa: E731  (drawn by bisect)
        pw, pmf_dose, pmf_int = cdf([p["weight"] for p in prefs]), cdf(st["sessions_pmf"]), cdf(st["interval_pmf"])
        p = np.cumsum([st["client_cancel"], st["coach_cancel"], st["client_dna"], st["coach_dna"]]).tolist()
        # Piecewise-constant NHPP: a Poisson count per real hour, uniform times within it.
        rate = (np.array(st["per_hour"])[how] * np.array(st["seasonal"])[month] * (1 + st["growth"]) ** years)
        counts = rng.poisson(rate)
        hrs = np.repeat(np.arange(len(rate)), counts)
        arrivals = np.sort(hrs * 60 + rng.random(hrs.size) * 60)
        for t in arrivals:
            if t >= horizon:
                break
            yield env.timeout(t - env.now)
            env.process(client(si, st, prefs, pw, pmf_dose, pmf_int, p))

    for si, st in enumerate(streams):
        env.process(source(si, st))
    env.run()
    return tally


_HOURS_CACHE = {}


def simpy_figures(t, sup, days):
    """Headline figures of one SimPy replication (overall)."""
    waits = np.concatenate([np.array(w, dtype=float) for w in t.waits])
    fb = sum(t.first_booked)
    rota = sup.rota_minutes[:days].sum()
    return {
        "requests": sum(t.requests),
        "first_booked": fb,
        "share_within_24h": sum(t.within24) / sum(t.requests) if sum(t.requests) else float("nan"),  # unmet: not seen
        "unmet": sum(t.unmet),
        "sessions_booked": sum(t.sessions_booked),
        "share_out_of_hours": sum(t.out_of_hours) / max(1, sum(t.sessions_booked)),
        "wait_median_minutes": float(np.median(waits)) if waits.size else float("nan"),
        "wait_p90_minutes": float(np.percentile(waits, 90)) if waits.size else float("nan"),
        "utilisation": t.booked_minutes / rota if rota else float("nan"),
    }


def mean_ci(xs, level=0.95):
    from scipy import stats
    xs = np.asarray(xs, dtype=float)
    m = xs.mean()
    if xs.size < 2:
        return m, float("nan"), float("nan")
    h = stats.t.ppf(0.5 + level / 2, xs.size - 1) * xs.std(ddof=1) / math.sqrt(xs.size)
    return m, m - h, m + h


# ---------------------------------------------------------------------------------------------
# The SimPy model's slot search against laycoach's (the same rules, checked, not assumed)
# ---------------------------------------------------------------------------------------------

def check_search(sc, sup, n_requests, seed):
    """Replay `n_requests` requests (new clients at random times over 30 days, each with a few
    follow-ups a week apart with continuity, every preference of their stream) through the SimPy
    model's Diary.search and laycoach's Programme.search_slots on the same coaches, booking
    laycoach's answer in both; returns (agreeing answers, requests)."""
    import heapq

    import laycoach

    cal = sup.cal
    rng = np.random.default_rng([seed, 99])
    p = laycoach.Programme()
    for d in coach_documents(sc):
        p.add_coach(laycoach.Coach(d))
    diary = Diary(sup)
    col = {c: i for i, c in enumerate(sup.ids)}
    streams = sc["streams"]
    prefs = [_pref_table(st, cal) for st in streams]
    share = np.array([sum(st["per_hour"]) for st in streams])
    share /= share.sum()
    when = lambda t: START + timedelta(minutes=t)  # noqa: E731
    events = []
    for i, t in enumerate(np.sort(rng.random(n_requests) * 30 * 1440)):
        si = int(rng.choice(len(streams), p=share))
        pi = int(rng.integers(0, len(prefs[si])))
        heapq.heappush(events, (round(float(t)), i, "k%05d" % i, si, pi, int(rng.integers(1, 4))))
    fav, agree, total = {}, 0, 0
    while events and total < n_requests:
        t, seq, cid, si, pi, left = heapq.heappop(events)
        st, pref = streams[si], prefs[si][pi]
        offer = st["offer_id"]
        if cid not in fav:
            p.add_client(laycoach.Client(id=cid, kind="staff", ethnically_diverse=st["client"]["ethnically_diverse"],
                                         leader=st["client"]["leader"],
                                         consent={"coaching": True, "evaluation": True, "recorded_at": when(t - 1)}))
            p.add_referral(laycoach.Referral(id="r" + cid, client_id=cid, offer_id=offer, source="self",
                                             requested_at=when(t)))
            fav[cid] = None
        spec = st["preferences"][pi]
        slots = p.search_slots(cid, offer, referral_id="r" + cid, earliest=when(t), now=when(t),
                               latest=when(t + st["window_days"] * 1440), times_of_day=spec["windows"] or None,
                               weekdays=[wd for wd in range(7) if spec["weekdays"] >> wd & 1], max_results=1)
        mine = diary.search(offer, t, st["window_days"], pref, fav[cid])
        total += 1
        if not slots:
            agree += mine is None
            continue
        start = round((slots[0].start - START).total_seconds() / 60)
        d, m = cal.local(start)
        theirs = (d, (m - OPEN_MIN) // 15, col[slots[0].coach_id])
        agree += mine == theirs
        p.book_slot(slots[0], cid, offer, referral_id="r" + cid, now=when(t))
        diary.occupy(theirs[0], theirs[2], theirs[1], OFFERS[offer]["minutes"])
        fav[cid] = theirs[2]
        if left > 1:
            heapq.heappush(events, (start + 7 * 1440, seq, cid, si, pi, left - 1))
    capped = (int((diary.day_count >= sup.day_cap).sum()), int((diary.week_count >= sup.week_cap).sum()))
    return agree, total, capped


# ---------------------------------------------------------------------------------------------
# M/M/c: a textbook SimPy model (simpy.Resource) and Erlang C
# ---------------------------------------------------------------------------------------------

def erlang_c(lam, mu, c):
    """Erlang C: probability of waiting and mean wait in queue (time units of 1/lam)."""
    a = lam / mu
    rho = a / c
    term = sum(a ** k / math.factorial(k) for k in range(c))
    top = a ** c / math.factorial(c) / (1 - rho)
    pw = top / (term + top)
    return pw, pw / (c * mu - lam)


def simpy_mmc(lam, mu, c, customers, seed):
    """A textbook SimPy M/M/c queue: `customers` Poisson arrivals, exponential service, FCFS on a
    simpy.Resource of capacity c. Returns (share who waited, mean wait) after a 10% warm-up."""
    import simpy

    rng = np.random.default_rng(seed)
    env = simpy.Environment()
    servers = simpy.Resource(env, capacity=c)
    waits = []
    inter = rng.exponential(1 / lam, customers)
    service = rng.exponential(1 / mu, customers)

    def customer(i):
        t = env.now
        with servers.request() as req:
            yield req
            waits.append(env.now - t)
            yield env.timeout(service[i])

    def source():
        for i in range(customers):
            yield env.timeout(inter[i])
            env.process(customer(i))

    env.process(source())
    env.run()
    w = np.array(waits[customers // 10:])
    return float((w > 0).mean()), float(w.mean())


def laycoach_mmc(lam, mu, c, days, replications, seed):
    """The degenerate configuration in laycoach: one offer open 00:00-24:00 every day, c identical
    coaches on duty all day without caps or buffers, Poisson arrivals (lam an hour), exponential
    session lengths (mean 60/mu minutes, rounded up to the 15-minute grid by the engine), one
    session each, earliest slot (first come first served). Returns ({overall measure: mean},
    CPU s). Starts lie on the 15-minute grid, so this is a slotted M/M/c: a timing comparison
    here; the engine's own test checks it against the grid-corrected Erlang C figures."""
    import laycoach
    from laycoach._core import simulation as sim

    cat = laycoach.default_catalogue().to_dict()
    for o in cat["offers"]:
        if o["id"] == "lay_too_1to1":
            o["hours"]["days"] = [{"open_min": 0, "close_min": 1440}] * 7
    coaches = [{"id": "m%02d" % k, "name": "M", "training": [{"programme": "Diploma", "days": 10, "practice_hours": 120,
                "skills_assessed": True, "pci_accredited": False, "completed": "2019-06-30"}], "memberships": ["emcc"],
                "offers": ["lay_too_1to1"], "modalities": ["video"],
                "rota": {"weekly": [{"weekday": d, "start_min": 0, "end_min": 1440} for d in range(7)],
                         "max_sessions_per_day": 96, "max_sessions_per_week": 672, "buffer_minutes": 0},
                "safeguarding_lead": "Dr Lead", "first_point_of_contact": "Desk"} for k in range(c)]
    demand = {"schema_version": 1, "streams": [{"offer_id": "lay_too_1to1", "per_hour": [lam] * 168,
                                                "session_minutes_mean": 60.0 / mu, "sessions_pmf": [1.0],
                                                "window_days": 28}]}
    doc = {"schema_version": 1, "catalogue": cat, "coaches": coaches, "demand": demand,
           "start": "2021-01-04T00:00:00Z", "days": days, "options": {"within_hours": [0.25]}}
    scenario = sim.Scenario.from_json(json.dumps(doc))
    t = time.process_time()
    reps = sim.run(scenario, seed, 0, replications, 1, lambda done, total: True)
    cpu = time.process_time() - t
    rows = sim.summarise(reps, 0.95).rows()
    got = {m: float(rows["mean"][k]) for k, m in enumerate(rows["measure"]) if rows["offer_id"][k] == ""}
    return got, cpu


# ---------------------------------------------------------------------------------------------
# laycoach
# ---------------------------------------------------------------------------------------------

def laycoach_scenario(sc):
    """The scenario as laycoach's scenario document (the Python face's input)."""
    import laycoach

    catalogue = laycoach.default_catalogue().to_dict()
    for o in catalogue["offers"]:
        if o["id"] in OFFERS:
            assert o["session_minutes"] == OFFERS[o["id"]]["minutes"], o["id"]
            assert o["ethnically_diverse_pathway"] == OFFERS[o["id"]]["pathway"], o["id"]
            assert all(d == {"open_min": OPEN_MIN, "close_min": CLOSE_MIN} for d in o["hours"]["days"]), o["id"]
            assert o["hours"]["open_on_bank_holidays"] and o["min_notice_minutes"] == 0, o["id"]
    return {
        "schema_version": 1,
        "catalogue": catalogue,
        "coaches": coach_documents(sc),
        "demand": demand_document(sc),
        "start": sc["start"].isoformat().replace("+00:00", "Z"),
        "days": sc["days"],
        "options": {"within_hours": [24]},
    }


def laycoach_run(scenario, replications, seed, threads):
    """laycoach.simulate on the scenario (replications and their summary as DataFrames):
    (result, wall s, CPU s of this process)."""
    import laycoach

    t, c = time.perf_counter(), time.process_time()
    # A progress callback that always continues (no tqdm bar in the timings); without one, the
    # binding's wait loop (at the time of writing) spins after the first replication, burning a
    # core beside the workers.
    res = laycoach.simulate(scenario, replications, seed, workers=threads, progress=lambda done, total: True)
    return res, time.perf_counter() - t, time.process_time() - c


def laycoach_figures(res):
    """Overall headline figures of laycoach's result: {measure: (mean, lower, upper, sd, n)}."""
    s = res.summary
    overall = s[s["offer_id"].isna() | (s["offer_id"] == "")]
    return {r.measure: (float(r.mean), float(r.lower), float(r.upper), float(r.sd), int(r.n))
            for r in overall.itertuples()}


# ---------------------------------------------------------------------------------------------
# Main

# ---------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--replications", type=int, default=1000, help="laycoach replications on every core")
    ap.add_argument("--simpy-replications", type=int, default=2, help="SimPy replications (each ~tens of s)")
    ap.add_argument("--laycoach-replications", type=int, default=40,
                    help="laycoach replications timed on one thread (a call of 1 and one of n + 1: their difference over n)")
    ap.add_argument("--coaches", type=int, default=500)
    ap.add_argument("--years", type=int, default=4)
    ap.add_argument("--first-sessions", type=int, default=None,
                    help="expected first sessions (default 10,000 a year per 500 coaches)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-mmc", action="store_true", help="skip the M/M/c comparison")
    ap.add_argument("--check", type=int, default=3000, help="requests replayed through both searches (0: none)")
    ap.add_argument("--write-scenario", default=None,
                    help="write laycoach's scenario document to this file and stop (for bench_simulate's C++ side)")
    args = ap.parse_args()
    fs = args.first_sessions or 10000 * args.years * args.coaches / 500  # demand scales with the coaches

    t = time.perf_counter()
    sc = national_scenario(args.coaches, args.years, fs)
    print("scenario: %d coaches, %d days from %s, %d streams, %.0f expected first sessions (%.1f s to build)"
          % (len(sc["coaches"]), sc["days"], sc["start"].date(), len(sc["streams"]), fs, time.perf_counter() - t))
    if args.write_scenario:
        with open(args.write_scenario, "w") as f:
            json.dump(laycoach_scenario(sc), f)
        print("scenario document written to %s" % args.write_scenario)
        return

    t, c = time.perf_counter(), time.process_time()
    cal = Calendar(sc["days"] + 62)
    sup = Supply(sc, cal)
    print("SimPy model: supply cached (%d coach-days, %d lengths): %.2f s" % (cal.n_days * len(sup.ids), len(sup.lengths),
                                                                            time.process_time() - c))
    if args.check:
        t = time.perf_counter()
        agree, total, capped = check_search(sc, sup, args.check, args.seed)
        print("SimPy model's search vs laycoach's search_slots, %d requests booked in step: %d agree "
              "(%d coach-days at the daily cap, %d coach-weeks at the weekly cap; %.1f s)"
              % (total, agree, capped[0], capped[1], time.perf_counter() - t))
    simpy_cpu, simpy_figs = [], []
    for r in range(args.simpy_replications):
        c = time.process_time()
        tl = simpy_replication(sc, sup, args.seed, r)
        simpy_cpu.append(time.process_time() - c)
        f = simpy_figures(tl, sup, sc["days"])
        simpy_figs.append(f)
        print("  SimPy replication %d: %.2f s CPU; requests %d, first booked %d, within 24 h %.1f%%, unmet %d, "
              "sessions %d, median wait %.0f min" % (r, simpy_cpu[-1], f["requests"], f["first_booked"],
                                                    100 * f["share_within_24h"], f["unmet"], f["sessions_booked"],
                                                    f["wait_median_minutes"]))
    simpy_per = float(np.mean(simpy_cpu)) if simpy_cpu else float("nan")

    rows = []  # (what, laycoach, SimPy, ratio)
    figs = {}
    try:
        from laycoach._core import simulation as lsim
    except ImportError:
        lsim = None
    lay_per = float("nan")
    if lsim is None:
        print("laycoach's simulation is not available in this build: SimPy figures only")
    else:
        t = time.perf_counter()
        scenario = lsim.Scenario.from_json(json.dumps(laycoach_scenario(sc)))
        print("laycoach: scenario read and checked: %.2f s" % (time.perf_counter() - t))
        # 1. One thread: CPU time per replication. Each call builds the engine's supply index
        # once (the same for every replication), so a call of 1 and a call of n+1 give both the
        # set-up and the marginal cost of a replication.
        _, wall1, cpu1 = laycoach_run(scenario, 1, args.seed, 1)
        n = args.laycoach_replications
        res, wall, cpu = laycoach_run(scenario, n + 1, args.seed, 1)
        lay_per = (cpu - cpu1) / n
        print("laycoach on 1 thread: 1 replication %.3f s CPU (%.2f s wall); %d replications %.3f s CPU (%.2f s wall): "
              "%.3f s CPU per replication, %.3f s set-up per call" % (cpu1, wall1, n + 1, cpu, wall, lay_per,
                                                                      cpu1 - lay_per))
        rows.append(("one replication, CPU s (1 thread)", "%.3f" % lay_per, "%.2f" % simpy_per,
                     "%.0fx" % (simpy_per / lay_per)))
        # 2. Every core: wall time of many replications.
        if args.replications > 0:
            res, wall, cpu = laycoach_run(scenario, args.replications, args.seed, None)
            print("laycoach, %d replications on every core (%d): %.1f s wall, %.1f s CPU (target: 1,000 in 30 s on 2 cores)"
                  % (args.replications, os.cpu_count(), wall, cpu))
            rows.append(("%d replications, wall s (%d cores)" % (args.replications, os.cpu_count()), "%.1f" % wall,
                         "%.0f (est.)" % (simpy_per * args.replications / os.cpu_count()),
                         "%.0fx" % (simpy_per * args.replications / os.cpu_count() / wall)))
            rows.append(("%d replications, CPU s" % args.replications, "%.1f" % cpu,
                         "%.0f (est.)" % (simpy_per * args.replications), "%.0fx" % (simpy_per * args.replications / cpu)))
        figs = laycoach_figures(res)

    # Headline figures of both models: mean [95% CI] over each one's replications, and whether
    # they differ (t with laycoach's spread for both: _difference).
    print()
    print("%-22s %-34s %-34s %s" % ("figure", "laycoach mean [95% CI]", "SimPy mean [95%% CI] (n=%d)" % len(simpy_figs),
                                    "difference: p (t)"))
    for m in ["requests", "first_booked", "share_within_24h", "unmet", "sessions_booked", "share_out_of_hours",
              "wait_median_minutes", "wait_p90_minutes", "utilisation"]:
        xs = [f[m] for f in simpy_figs]
        sp = mean_ci(xs) if xs else (float("nan"),) * 3
        lc = figs.get(m)
        verdict = ""
        if lc and xs:
            verdict = _difference(lc, xs)
        print("%-22s %-34s %-34s %s" % (m, _fmt(lc[:3]) if lc else "-", _fmt(sp), verdict))

    if not args.no_mmc:
        print()
        print("M/M/c: a textbook SimPy model (simpy.Resource, continuous time) and laycoach's degenerate configuration")
        print("(slotted: starts on the 15-minute grid, lengths rounded up to it, so a little more loaded than Erlang C's):")
        for lam, mean, c in [(2.0, 40.0, 2), (4.0, 45.0, 5), (50.0, 45.0, 50)]:
            mu = 60.0 / mean
            epw, ewq = erlang_c(lam, mu, c)
            n_sp = 200000
            t = time.process_time()
            pw, wq = simpy_mmc(lam, mu, c, n_sp, args.seed)
            secs = time.process_time() - t
            line = ("  lambda=%g/h, mean %g min, c=%d: Erlang C P(wait) %.3f, Wq %.1f min | SimPy P(wait) %.3f, Wq %.1f min, "
                    "%.1f us CPU a customer" % (lam, mean, c, epw, 60 * ewq, pw, 60 * wq, 1e6 * secs / n_sp))
            if lsim is not None:
                days = min(2928, max(7, int(n_sp / (lam * 24))))
                k = max(1, round(n_sp / (lam * 24 * days)))
                got, cpu = laycoach_mmc(lam, mu, c, days, k, args.seed)
                n_lc = got["requests"] * k
                line += ("\n      laycoach (slotted) mean wait %.1f min from the request, %.2f us CPU a customer (%d): "
                         "SimPy/laycoach %.0fx" % (got["wait_mean_minutes"], 1e6 * cpu / n_lc, n_lc, (secs / n_sp) / (cpu / n_lc)))
            print(line)

    print()
    print("%-40s %-12s %-14s %s" % ("", "laycoach", "SimPy", "ratio"))
    for r in rows:
        print("%-40s %-12s %-14s %s" % r)
    print("(CPU times: the machine is shared; SimPy over %d replication(s))" % len(simpy_figs))


def _difference(lc, xs):
    """p of the difference between laycoach's mean (mean, sd, n over its replications) and the
    mean of the SimPy replications xs, by t with laycoach's spread for both sides (if the two
    models are the same system their replications have the same spread; a few SimPy replications
    estimate it too poorly to use their own)."""
    from scipy import stats

    m1, sd1, n1 = lc[0], lc[3], lc[4]
    xs = np.asarray(xs, dtype=float)
    m2, n2 = xs.mean(), xs.size
    if sd1 == 0:
        return "equal" if np.all(xs == m1) else "differ (no spread)"
    z = (m2 - m1) / (sd1 * math.sqrt(1 / n1 + 1 / n2))
    p = 2 * stats.t.sf(abs(z), n1 - 1)
    return "p = %.2f %s" % (p, "" if p >= 0.01 else "(differ at 1%)")


def _fmt(t):
    m, lo, hi = t
    if math.isnan(m):
        return "-"
    if abs(m) < 1.5:
        return "%.4f [%.4f, %.4f]" % (m, lo, hi)
    return "%.1f [%.1f, %.1f]" % (m, lo, hi)


if __name__ == "__main__":
    main()
