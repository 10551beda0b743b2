"""A straightforward plain-Python booking engine: the same rules as laycoach's booking engine,
on the scenario bench_booking writes (500 coaches, four years of rotas, 100,000 bookings,
40,000 requests). bench_booking runs it and prints the ratios; it can also be run alone:

    python3 bench_booking_py.py scenario.json [bookings]

Rules, as in laycoach (include/laycoach/booking.hpp): the coach is active, delivers the offer,
is on the pathway for a pathway offer and works by the modality; the start is on the 15-minute
grid, at least the offer's notice after now; the session lies within the offer's opening hours
(UK local, bank-holiday policy) and inside the coach's rota for the day (weekly pattern, dated
exceptions, leave); no overlap with the coach's sessions widened by the coach's buffer, nor
with the client's; fewer than the coach's daily and weekly (ISO week) caps; the client's
time-of-day preference. Ranking: the continuity coach first, then start, then the coach's
sessions that week, then coach id. The opening hours and rotas of this scenario lie within
08:00-22:00, so a session never spans a clock change and local minutes can be added to.

Prints "key value" lines: search_median_us, search_p99_us, search_n, search_agree,
bookings_per_s, book_n, book_agree.
"""

import bisect
import json
import statistics
import sys
import time
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
GRID = 15


def local(t):
    """UK local (date, minute of day) of a UTC minute."""
    d = datetime.fromtimestamp(t * 60, tz=timezone.utc).astimezone(LONDON)
    return d.date(), d.hour * 60 + d.minute


class Engine:
    def __init__(self, sc):
        self.offers = sc["offers"]
        self.bank_holidays = {date.fromisoformat(x) for x in sc["bank_holidays"]}
        self.coaches = sorted(sc["coaches"], key=lambda c: c["id"])
        self.by_id = {c["id"]: c for c in self.coaches}
        for c in self.coaches:
            c["exc"] = {}
            for d, blocks in c["exceptions"]:
                c["exc"].setdefault(date.fromisoformat(d), []).extend(blocks)
            c["lv"] = [(date.fromisoformat(a), date.fromisoformat(b)) for a, b in c["leave"]]
        self.referrals = sc["referrals"]
        self.coach_busy = {c["id"]: [] for c in self.coaches}  # sorted (start, end)
        self.client_busy = {}
        self.day_count = {}
        self.week_count = {}
        self.ref_sessions = {}
        for sid, coach, client, ref, start, minutes in sc["sessions"]:
            self.add(sid, coach, client, ref, start, minutes)

    def add(self, sid, coach, client, ref, start, minutes):
        bisect.insort(self.coach_busy[coach], (start, start + minutes))
        bisect.insort(self.client_busy.setdefault(client, []), (start, start + minutes))
        d, _ = local(start)
        self.day_count[(coach, d)] = self.day_count.get((coach, d), 0) + 1
        wk = d.isocalendar()[:2]
        self.week_count[(coach, wk)] = self.week_count.get((coach, wk), 0) + 1
        if ref:
            self.ref_sessions.setdefault(ref, []).append((start, sid, coach))

    def blocks(self, c, d):
        for a, b in c["lv"]:
            if a <= d <= b:
                return []
        if d in c["exc"]:
            bl = c["exc"][d]
        else:
            wd = d.weekday()
            bl = [(a, b) for w, a, b in c["weekly"] if w == wd]
        merged = []
        for a, b in sorted(bl):
            if merged and merged[-1][1] >= a:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        return merged

    def modality(self, c, offer, wanted):
        if wanted is not None:
            return wanted if wanted in offer["modalities"] and wanted in c["modalities"] else None
        for m in offer["modalities"]:
            if m in c["modalities"]:
                return m
        return None

    def eligible(self, c, offer_id, wanted):
        o = self.offers[offer_id]
        return (c["active"] and offer_id in c["offers"] and (not o["pathway"] or c["pathway"])
                and self.modality(c, o, wanted) is not None)

    def coach_free(self, c, t, minutes, d, m):
        """Coach c can take [t, t + minutes), starting at local day d, minute m."""
        if not any(a <= m and m + minutes <= b for a, b in self.blocks(c, d)):
            return False
        if self.day_count.get((c["id"], d), 0) >= c["day_cap"]:
            return False
        if self.week_count.get((c["id"], d.isocalendar()[:2]), 0) >= c["week_cap"]:
            return False
        buf = c["buffer"]
        busy = self.coach_busy[c["id"]]
        i = bisect.bisect_left(busy, (t - 24 * 60 - buf, 0))
        while i < len(busy) and busy[i][0] < t + minutes + buf:
            s, e = busy[i]
            if s - buf < t + minutes and t < e + buf:
                return False
            i += 1
        return True

    def open_for(self, req, offer, t, minutes, d, m):
        """Offer hours, bank holidays, preferences and the client's own diary at start t."""
        open_min, close_min = offer["hours"][d.weekday()]
        if open_min >= close_min or m < open_min or m + minutes > close_min:
            return False
        if not offer["bank_holidays_open"] and d in self.bank_holidays:
            return False
        if req["times"] and not any(a <= m < b for a, b in req["times"]):
            return False
        busy = self.client_busy.get(req["client"], [])
        i = bisect.bisect_left(busy, (t - 24 * 60, 0))
        while i < len(busy) and busy[i][0] < t + minutes:
            s, e = busy[i]
            if s < t + minutes and t < e:
                return False
            i += 1
        return True

    def search(self, req):
        """The best slot (coach id, start minute) or None."""
        offer_id = req["offer"] or self.referrals[req["referral"]][1]
        offer = self.offers[offer_id]
        minutes = offer["minutes"]
        g0 = max(req["earliest"], req["now"] + offer["notice"])
        g0 = -(-g0 // GRID) * GRID
        gmax = req["latest"] // GRID * GRID
        fav = None
        if req["referral"] in self.ref_sessions:
            fav = max(self.ref_sessions[req["referral"]])[2]
        if fav is not None and self.eligible(self.by_id[fav], offer_id, req["modality"]):
            c = self.by_id[fav]
            for t in range(g0, gmax + 1, GRID):
                d, m = local(t)
                if self.open_for(req, offer, t, minutes, d, m) and self.coach_free(c, t, minutes, d, m):
                    return fav, t
        coaches = [c for c in self.coaches if c["id"] != fav and self.eligible(c, offer_id, req["modality"])]
        for t in range(g0, gmax + 1, GRID):
            d, m = local(t)
            if not self.open_for(req, offer, t, minutes, d, m):
                continue
            best = None
            wk = d.isocalendar()[:2]
            for c in coaches:
                if self.coach_free(c, t, minutes, d, m):
                    key = (self.week_count.get((c["id"], wk), 0), c["id"])
                    if best is None or key < best:
                        best = key
            if best is not None:
                return best[1], t
        return None

    def book(self, n, req):
        found = self.search(req)
        if found is None:
            return None
        coach, t = found
        offer_id = req["offer"] or self.referrals[req["referral"]][1]
        self.add("py%d" % n, coach, req["client"], req["referral"], t, self.offers[offer_id]["minutes"])
        return found


def main():
    path = sys.argv[1]
    n_book = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    t0 = time.perf_counter()
    with open(path) as f:
        sc = json.load(f)
    eng = Engine(sc)
    print("load_s %.3f" % (time.perf_counter() - t0))
    reqs = sc["requests"]

    lat, agree = [], 0
    for k, i in enumerate(sc["sample"]):
        s = time.perf_counter()
        got = eng.search(reqs[i])
        lat.append((time.perf_counter() - s) * 1e6)
        want = sc["sample_cpp"][k]
        agree += (got is None and want[0] is None) or (got is not None and [got[0], got[1]] == want)
    lat.sort()
    print("search_median_us %.1f" % statistics.median(lat))
    print("search_p99_us %.1f" % lat[min(len(lat) - 1, int(0.99 * len(lat)))])
    print("search_n %d" % len(lat))
    print("search_agree %d" % agree)

    n_book = min(n_book, len(sc["booked_cpp"]))
    agree = 0
    s = time.perf_counter()
    for i in range(n_book):
        got = eng.book(i, reqs[i])
        want = sc["booked_cpp"][i]
        agree += (got is None and want[0] is None) or (got is not None and [got[0], got[1]] == want)
    secs = time.perf_counter() - s
    print("bookings_per_s %.1f" % (n_book / secs))
    print("book_n %d" % n_book)
    print("book_agree %d" % agree)


if __name__ == "__main__":
    main()
