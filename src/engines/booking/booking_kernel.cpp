// The booking kernel (booking_kernel.hpp): building a Supply from coaches and offers, the
// Diary's bookkeeping (occupy / release), and THE slot search. For each UK local day from the
// earliest acceptable one, the starts the offer, the client's preferences and the client's own
// diary allow are computed once as a few grid ranges; the day's rota intervals of every coach
// (one contiguous, sorted array) are then walked in order of start, from the first that can
// reach the earliest allowed start (the day's longest interval bounds how far back that is),
// each coach being checked against its caps (one 32-byte record of its ISO week) and its
// occupied intervals (a binary search in a sorted vector, buffer included). A bounded top-k (start, sessions that week, coach) prunes the walk
// as soon as nothing later can rank, and an entry that cannot rank skips the day's other entries
// of the same start (larger coach indexes). The favoured coach's intervals are found from a
// per-week index (Supply::work_week). For the single best slot, the earliest allowed start is
// tried first by visiting coaches in rank order (the Diary's week-count buckets, through the
// Supply's per-hour mask of who works): the first coach the same checks accept there is the
// answer, without walking the day's entries; else (nobody free at that start) the walk decides.
#include <algorithm>
#include <array>
#include <bit>
#include <tuple>
#include <limits>

#include "booking_kernel.hpp"
#include "laycoach/coach.hpp"
#include "laycoach/error.hpp"
#include "laycoach/programme.hpp"

#if defined(__GNUC__)
#define LAYCOACH_INLINE __attribute__((always_inline))
#else
#define LAYCOACH_INLINE
#endif

namespace laycoach::booking::detail {

namespace {

bool contains_offer(const Coach& c, const std::string& offer) {
  return std::find(c.offers.begin(), c.offers.end(), offer) != c.offers.end();
}

void insert_sorted(std::vector<Span>& v, Span x) {
  v.insert(std::upper_bound(v.begin(), v.end(), x, [](const Span& a, const Span& b) { return a.s < b.s; }), x);
}

void erase_one(std::vector<Span>& v, Span x) {
  auto it = std::lower_bound(v.begin(), v.end(), x, [](const Span& a, const Span& b) { return a.s < b.s; });
  for (; it != v.end() && it->s == x.s; ++it)
    if (it->e == x.e) {
      v.erase(it);
      return;
    }
}

// ---- small sorted-span algebra (half-open spans, sorted, disjoint) ----

void intersect(const Span* a, const Span* ae, const std::vector<Span>& bv, std::vector<Span>& out) {
  out.clear();
  const Span* b = bv.data();
  const Span* be = b + bv.size();
  while (a != ae && b != be) {
    const Min s = std::max(a->s, b->s), e = std::min(a->e, b->e);
    if (s < e) out.push_back({s, e});
    if (a->e < b->e) ++a;
    else ++b;
  }
}

void intersect(const std::vector<Span>& a, const std::vector<Span>& b, std::vector<Span>& out) {
  intersect(a.data(), a.data() + a.size(), b, out);
}

void normalise(std::vector<Span>& v) {
  if (v.size() <= 1) {  // (one window of times, one session of the client: nothing to sort)
    if (!v.empty() && v[0].s >= v[0].e) v.clear();
    return;
  }
  std::sort(v.begin(), v.end(), [](const Span& x, const Span& y) { return x.s < y.s; });
  std::size_t n = 0;
  for (const Span& s : v) {
    if (s.s >= s.e) continue;
    if (n && v[n - 1].e >= s.s) v[n - 1].e = std::max(v[n - 1].e, s.e);
    else v[n++] = s;
  }
  v.resize(n);
}

// The k best (start, week count, coach) keys seen so far.
struct Key {
  Min t;
  int wc;
  std::uint32_t c;
  bool operator<(const Key& o) const { return t != o.t ? t < o.t : wc != o.wc ? wc < o.wc : c < o.c; }
};

// The worst key kept and the bound are cached: the search asks them once per rota entry. The
// keys live in a caller's buffer (per-thread scratch), so that a search allocates nothing once warm.
class TopK {
 public:
  TopK(std::size_t k, std::vector<Key>& buf) : k_(k), v_(buf) { v_.clear(); }
  bool full() const { return full_; }
  Min bound() const { return worst_.t; }
  // Could x still rank?
  bool beats(const Key& x) const { return x < worst_; }
  // False when the key cannot rank (and nothing later can either).
  bool offer(const Key& x) {
    if (full_) {
      if (!(x < worst_)) return false;
      v_.pop_back();
    }
    v_.insert(std::upper_bound(v_.begin(), v_.end(), x), x);
    full_ = v_.size() >= k_;
    if (full_) worst_ = v_.back();
    return true;
  }
  const std::vector<Key>& keys() const { return v_; }

 private:
  std::size_t k_;
  std::vector<Key>& v_;
  bool full_ = false;
  // Until full, a key no real one reaches (every key beats it).
  Key worst_{std::numeric_limits<Min>::max(), std::numeric_limits<int>::max(), kNoCoach};
};

// Working memory of DayWindows, kept per thread so that a search allocates nothing once warm.
struct Scratch {
  // Per day of a search's window: its grid ranges in `ranges` at [begin, begin + count), valid
  // when stamp is the search's generation (so a new search clears nothing).
  struct Day {
    std::uint32_t stamp = 0;
    std::uint32_t begin = 0, count = 0;
  };
  std::vector<Day> days;
  std::uint32_t gen = 0;
  std::vector<Span> ranges, a, b, c;
  std::vector<Key> fav_keys, keys;  // the two TopKs of find_slots (favoured coach, everyone else)
};

// Not inlined on purpose: inlined, its address is a thread-local's, which the compiler recomputes
// at each use instead of keeping it; in a shared library (the Python module) each recomputation
// is a call to __tls_get_addr. find_slots takes it once and hands it on.
[[gnu::noinline]] Scratch& scratch() {
  thread_local Scratch s;
  return s;
}

// Allowed grid starts of each day of the query, computed on first use.
class DayWindows {
 public:
  // `first`: the local day of q.g0.
  DayWindows(Scratch& w, const OfferRules& o, const Ask& q, const ClientSpans* client_busy, int h0, int h1, int first)
      : o_(o), q_(q), busy_(client_busy), h0_(h0), h1_(h1), w_(w), ranges_(w_.ranges), a_(w_.a), b_(w_.b), c_(w_.c) {
    first_ = first;
    const int last = local_day(q.gmax);
    n_ = last >= first_ ? last - first_ + 1 : 0;
    if (w_.days.size() < static_cast<std::size_t>(n_)) w_.days.resize(static_cast<std::size_t>(n_));  // (stamp 0: not computed)
    if (++w_.gen == 0) {  // wrapped: forget every stamp
      for (Scratch::Day& x : w_.days) x.stamp = 0;
      w_.gen = 1;
    }
    ranges_.clear();
  }
  int first_day() const { return first_; }
  int last_day() const { return first_ + n_ - 1; }

  // Grid ranges [s, e] (both inclusive, on the grid) of day `day`, in order.
  std::pair<const Span*, std::size_t> get(int day) {
    Scratch::Day& x = w_.days[static_cast<std::size_t>(day - first_)];
    if (x.stamp != w_.gen) compute(day, x);
    return {ranges_.data() + x.begin, x.count};
  }

 private:
  void compute(int day, Scratch::Day& slot) {
    slot.stamp = w_.gen;
    slot.begin = static_cast<std::uint32_t>(ranges_.size());
    slot.count = 0;
    const OfferRules& o = o_;
    const int wd = weekday(day);
    const int d = o.minutes;
    if (!((q_.weekdays >> wd) & 1U)) return;
    // The opening hours' starts, read in place when precomputed.
    const Span* ob;
    const Span* oe;
    if (day >= h0_ && day < h1_ && !o.open_begin.empty()) {  // precomputed by the supply
      const std::size_t x = static_cast<std::size_t>(day - h0_);
      ob = o.open.data() + o.open_begin[x];
      oe = o.open.data() + o.open_begin[x + 1];
    } else {
      c_.clear();
      opening_starts(o, day, c_, a_, b_);
      ob = c_.data();
      oe = ob + c_.size();
    }
    if (ob == oe) return;
    if (!q_.times.empty()) {
      const Min base = day * 1440;
      a_.clear();
      for (const TimeOfDay& w : q_.times) preimage(base + w.from_min, base + w.to_min, a_);
      normalise(a_);
      intersect(ob, oe, a_, b_);
      c_.swap(b_);
      ob = c_.data();
      oe = ob + c_.size();
      if (ob == oe) return;
    }
    // The query's window [lo, hi) and the client's first session that may be near it: a start g
    // clashes with the client's [s, e) when s - d < g < e.
    const Min lo = std::max(ob->s, q_.g0), hi = std::min(oe[-1].e, q_.gmax + 1);
    const Span* it = nullptr;
    const Span* bend = nullptr;
    if (busy_ && !busy_->empty()) {
      bend = busy_->data() + busy_->size();
      it = std::lower_bound(busy_->data(), bend, lo - 2 * 1440, [](const Span& x, Min v) { return x.s < v; });
    }
    if (!it || it == bend || !(it->s - d + 1 < hi)) {  // nothing of the client's near: the ranges at once
      for (const Span* p = ob; p != oe; ++p) {
        const Min s = std::max(p->s, q_.g0), e = std::min(p->e, q_.gmax + 1);
        if (s >= e) continue;
        const Min gs = ceil_grid(s), ge = floor_grid(e - 1);
        if (gs <= ge) ranges_.push_back({gs, ge});
      }
      slot.count = static_cast<std::uint32_t>(ranges_.size()) - slot.begin;
      return;
    }
    if (ob != c_.data()) c_.assign(ob, oe);
    for (Span& s : c_) { s.s = std::max(s.s, q_.g0); s.e = std::min(s.e, q_.gmax + 1); }
    a_.clear();
    bool freed = false;  // the rescheduled session's own span is freed once, for its own client only
    for (; it != bend && it->s - d + 1 < hi; ++it) {
      if (q_.ignore_client && !freed && *it == q_.ignore_span) {
        freed = true;
        continue;
      }
      a_.push_back({it->s - d + 1, it->e});
    }
    if (!a_.empty()) {
      normalise(a_);
      b_.clear();
      std::size_t j = 0;
      for (Span s : c_) {
        while (j < a_.size() && a_[j].e <= s.s) ++j;
        std::size_t k = j;
        while (s.s < s.e && k < a_.size() && a_[k].s < s.e) {
          if (a_[k].s > s.s) b_.push_back({s.s, a_[k].s});
          s.s = std::max(s.s, a_[k].e);
          ++k;
        }
        if (s.s < s.e) b_.push_back(s);
      }
      c_.swap(b_);
    }
    for (const Span& s : c_) {
      if (s.s >= s.e) continue;
      const Min gs = ceil_grid(s.s), ge = floor_grid(s.e - 1);
      if (gs <= ge) ranges_.push_back({gs, ge});
    }
    slot.count = static_cast<std::uint32_t>(ranges_.size()) - slot.begin;
  }

  const OfferRules& o_;
  const Ask& q_;
  const ClientSpans* busy_;
  int h0_, h1_;  // the supply's days (opening hours precomputed)
  Scratch& w_;
  std::vector<Span>& ranges_;
  std::vector<Span>& a_;
  std::vector<Span>& b_;
  std::vector<Span>& c_;
  int first_ = 0, n_ = 0;  // the window's days: [first_, first_ + n_)
};

}  // namespace

void opening_starts(const OfferRules& o, int day, std::vector<Span>& out, std::vector<Span>& a, std::vector<Span>& b) {
  const DayHours& h = o.hours.days[static_cast<std::size_t>(weekday(day))];
  if (h.open_min >= h.close_min || (!o.hours.open_on_bank_holidays && bank_holiday(day))) return;
  const Min base = day * 1440;
  // check_session's opening rule: the start reads day `day` at or after opening, the end
  // reads at most closing time of that day (or midnight when it closes at 24:00).
  a.clear();
  preimage(base + h.open_min, base + 1440, a);
  b.clear();
  preimage(base, base + h.close_min + 1, b);
  for (Span& s : b) { s.s -= o.minutes; s.e -= o.minutes; }
  std::vector<Span> c;
  intersect(a, b, c);
  out.insert(out.end(), c.begin(), c.end());
}

std::uint32_t Supply::coach(const std::string& id) const {
  auto it = coach_of.find(id);
  if (it == coach_of.end()) throw NotFoundError(id, "coach_id", "no coach '" + id + "'");
  return it->second;
}

std::uint32_t Supply::offer(const std::string& id) const {
  auto it = offer_of.find(id);
  if (it == offer_of.end()) throw NotFoundError(id, "offer_id", "no offer '" + id + "'");
  return it->second;
}

std::pair<int, int> days_of_period(Instant from, Instant to) {
  return {local_day(floor_min(from, "from")), local_day(ceil_min(to, "to")) + 1};
}

std::shared_ptr<const Supply> build_supply(const std::vector<const Coach*>& coaches_in, const std::vector<const Offer*>& offers,
                                           int d0, int d1) {
  if (d1 - d0 > kMaxHorizonDays)
    throw ValidationError("", "to", "period_length"_rule,
                          "the booking engine indexes at most " + std::to_string(kMaxHorizonDays / 365) + " years at a time");
  auto out = std::make_shared<Supply>();
  Supply& s = *out;
  std::vector<const Coach*> coaches(coaches_in);
  std::sort(coaches.begin(), coaches.end(), [](const Coach* a, const Coach* b) { return a->id < b->id; });
  s.h0 = d0;
  s.h1 = std::max(d1, d0 + 1);
  const int ndays = s.h1 - s.h0;
  const std::size_t nc = coaches.size();
  s.coach_ids.reserve(nc);
  s.caps.reserve(nc);
  s.work.begin.reserve(nc + 1);
  std::vector<std::pair<int, int>> blocks;
  std::vector<Span> spans;
  // The days of [h0 - 1, h1 + 1) that need blocks_of_day (a leave or an exception on them);
  // every other day is the weekly pattern of its weekday.
  const int lo = s.h0 - 1, hi = s.h1 + 1;
  std::vector<char> special(static_cast<std::size_t>(hi - lo), 0);
  for (std::size_t ci = 0; ci < nc; ++ci) {
    const Coach& c = *coaches[ci];
    if (!s.coach_of.emplace(c.id, static_cast<std::uint32_t>(ci)).second)
      throw ValidationError(c.id, "id", "unique_id"_rule, "coach '" + c.id + "' is listed twice");
    s.coach_ids.push_back(c.id);
    s.caps.push_back({c.rota.max_sessions_per_day, c.rota.max_sessions_per_week, c.rota.buffer_minutes});
    spans.clear();
    std::fill(special.begin(), special.end(), 0);
    for (const Leave& l : c.rota.leave) {
      if (l.first.is_special() || l.last.is_special()) continue;
      const int a = std::max(day_of(l.first), lo), b = std::min(day_of(l.last), hi - 1);
      for (int d = a; d <= b; ++d) special[static_cast<std::size_t>(d - lo)] = 1;
    }
    for (const RotaException& x : c.rota.exceptions) {
      if (x.date.is_special()) continue;
      const int d = day_of(x.date);
      if (d >= lo && d < hi) special[static_cast<std::size_t>(d - lo)] = 1;
    }
    std::array<std::vector<std::pair<int, int>>, 7> weekly;
    for (const RotaBlock& b : c.rota.weekly)
      if (b.weekday >= 0 && b.weekday < 7) weekly[static_cast<std::size_t>(b.weekday)].emplace_back(b.start_min, b.end_min);
    // One day either side, so that an interval running over midnight into the horizon is whole.
    for (int day = lo; day < hi; ++day) {
      const std::vector<std::pair<int, int>>* bl = &weekly[static_cast<std::size_t>(weekday(day))];
      if (special[static_cast<std::size_t>(day - lo)]) {
        blocks.clear();
        blocks_of_day(c.rota, date_of(day), blocks);
        bl = &blocks;
      }
      for (const auto& [a, b] : *bl) preimage(day * 1440 + a, day * 1440 + b, spans);
    }
    std::sort(spans.begin(), spans.end(), [](const Span& x, const Span& y) { return x.s < y.s; });
    auto& work = s.work.spans;
    const std::size_t row = work.size();
    for (const Span& sp : spans) {
      if (work.size() > row && work.back().e >= sp.s) work.back().e = std::max(work.back().e, sp.e);
      else work.push_back(sp);
    }
    s.work.begin.push_back(static_cast<std::uint32_t>(work.size()));
  }

  // Per coach and ISO week: the first rota interval ending after the week's local Monday 00:00.
  s.ww0 = week_of(lo);
  s.nww = static_cast<std::size_t>(week_of(hi) - s.ww0 + 1);
  s.work_week.resize(nc * s.nww);
  for (std::size_t ci = 0; ci < nc; ++ci)
    for (std::size_t i = 0; i < s.nww; ++i) {
      const Min monday = day_start(7 * (s.ww0 + static_cast<int>(i)) - 3);
      const auto w = s.work[ci];
      s.work_week[ci * s.nww + i] = static_cast<std::uint32_t>(
          std::partition_point(w.begin(), w.end(), [monday](const Span& x) { return x.e <= monday; }) - w.begin());
    }

  // Entries by local day: an interval is listed under every day it touches.
  s.day_begin.assign(static_cast<std::size_t>(ndays) + 1, 0);
  auto days_of = [&](const Span& w, int& first, int& last) {
    first = std::max(local_day(w.s), s.h0);
    last = std::min(local_day(w.e - 1), s.h1 - 1);
  };
  for (std::size_t c = 0; c < nc; ++c)
    for (const Span& w : s.work[c]) {
      int f, l;
      days_of(w, f, l);
      for (int d = f; d <= l; ++d) ++s.day_begin[static_cast<std::size_t>(d - s.h0) + 1];
    }
  for (int i = 0; i < ndays; ++i) s.day_begin[static_cast<std::size_t>(i) + 1] += s.day_begin[static_cast<std::size_t>(i)];
  s.entries.assign(s.day_begin.back(), Entry{0, 0, 0});
  {
    std::vector<std::uint32_t> fill(s.day_begin.begin(), s.day_begin.end() - 1);
    for (std::uint32_t c = 0; c < nc; ++c)
      for (const Span& w : s.work[c]) {
        int f, l;
        days_of(w, f, l);
        for (int d = f; d <= l; ++d) s.entries[fill[static_cast<std::size_t>(d - s.h0)]++] = Entry{w.s, w.e, c};
      }
  }
  s.day_longest.assign(static_cast<std::size_t>(ndays), 0);
  for (int i = 0; i < ndays; ++i) {
    const auto b = s.entries.begin() + s.day_begin[static_cast<std::size_t>(i)], e = s.entries.begin() + s.day_begin[static_cast<std::size_t>(i) + 1];
    std::sort(b, e, [](const Entry& x, const Entry& y) { return x.ws != y.ws ? x.ws < y.ws : x.coach < y.coach; });
    for (auto x = b; x != e; ++x) s.day_longest[static_cast<std::size_t>(i)] = std::max(s.day_longest[static_cast<std::size_t>(i)], x->we - x->ws);
  }

  // Who works in each local hour of each day.
  s.nwords = (nc + 63) / 64;
  s.hour_on.assign(static_cast<std::size_t>(ndays) * 24 * s.nwords, 0);
  for (std::uint32_t c = 0; c < nc; ++c)
    for (const Span& w : s.work[c]) {
      // Local minutes are UTC ones shifted by 0 or 60 on whole UTC hours, so stepping by UTC hours
      // (from the one holding w.s) visits every local hour the interval overlaps (a UTC hour lies
      // within one local hour).
      for (Min u = floor_div(w.s, 60) * 60; u < w.e; u += 60) {
        const Min x = std::max(u, w.s);
        const int day = local_day(x);
        if (day < s.h0 || day >= s.h1) continue;
        const int h = static_cast<int>(local_min(x) - static_cast<Min>(day) * 1440) / 60;
        s.hour_on[(static_cast<std::size_t>(day - s.h0) * 24 + static_cast<std::size_t>(h)) * s.nwords + c / 64] |= std::uint64_t{1} << (c % 64);
      }
    }

  // Which coach may deliver which offer, by which modality (the coach-side conditions of
  // check_session; a booking is still checked by check_session itself).
  s.offers.reserve(offers.size());
  for (const Offer* op : offers) {
    const Offer& o = *op;
    if (!s.offer_of.emplace(o.id, static_cast<std::uint32_t>(s.offers.size())).second)
      throw ValidationError(o.id, "id", "unique_id"_rule, "offer '" + o.id + "' is listed twice");
    OfferRules ox;
    ox.id = o.id;
    ox.minutes = o.session_minutes;
    ox.min_notice = o.min_notice_minutes;
    ox.hours = o.hours;
    ox.modalities = o.modalities;
    ox.modal.assign(nc, 0);
    for (std::size_t ci = 0; ci < nc; ++ci) {
      const Coach& c = *coaches[ci];
      std::uint8_t bits = 0;
      if (c.active && contains_offer(c, o.id) && meets(c, o.accreditation) && (!o.ethnically_diverse_pathway || c.ethnically_diverse_pathway))
        for (Modality md : o.modalities)
          if (std::find(c.modalities.begin(), c.modalities.end(), md) != c.modalities.end())
            bits |= static_cast<std::uint8_t>(1U << static_cast<unsigned>(md));
      ox.modal[ci] = bits;
    }
    std::vector<Span> sa, sb;
    ox.open_begin.reserve(static_cast<std::size_t>(ndays) + 1);
    for (int day = s.h0; day < s.h1; ++day) {
      ox.open_begin.push_back(static_cast<std::uint32_t>(ox.open.size()));
      opening_starts(ox, day, ox.open, sa, sb);
    }
    ox.open_begin.push_back(static_cast<std::uint32_t>(ox.open.size()));
    s.offers.push_back(std::move(ox));
  }
  return out;
}

std::shared_ptr<const Supply> build_supply(const ProgrammeData& d, int d0, int d1) {
  std::vector<const Coach*> coaches;
  coaches.reserve(d.coaches.size());
  for (const Coach& c : d.coaches) coaches.push_back(&c);
  std::vector<const Offer*> offers;
  for (const Offer& o : d.catalogue.offers) offers.push_back(&o);
  return build_supply(coaches, offers, d0, d1);
}

void Diary::reset(const Supply& s) {
  h0 = s.h0;
  h1 = s.h1;
  nc = s.n_coaches();
  w0 = week_of(h0);
  w1 = week_of(h1 - 1) + 1;
  busy.resize(nc);
  for (auto& b : busy) b.clear();
  cells.assign(nc * static_cast<std::size_t>(w1 - w0), WeekCells{});
  for (auto& c : client_busy) c.clear();
  nwords = (nc + 63) / 64;
  int top = 1;
  for (const Caps& c : s.caps) top = std::max(top, c.week);
  nb = std::min(top, 64);
  week_block.assign(static_cast<std::size_t>(w1 - w0), 0);
  week_bits.clear();
}

namespace {

// Day and week counts and the buffer's touch cells of coach c for an occupied span.
void count(const Supply& s, Diary& d, std::uint32_t c, Span b, int delta) {
  const std::size_t nc = d.nc;
  const Min lm = local_min(b.s);
  const int day = floor_div(lm, 1440);
  WeekCells* row = d.row(c);
  // The day's ISO week counted from w0 (week_of(day) - w0: negative before w0) and its weekday:
  // Diary::at's for a day of the cells, computed once for the day count, the week count and
  // the usual single touch cell.
  const int x0 = d.since_w0(day);
  const int wk = floor_div(x0, 7), wd = x0 - 7 * wk;
  if (day >= d.h0 && day < d.h1) {
    auto& x = row[wk].day[wd].count;
    x = static_cast<std::uint16_t>(x + delta);
  }
  if (wk >= 0 && wk < d.w1 - d.w0) {
    auto& x = row[wk].count;
    const int was = x;
    x = static_cast<std::uint16_t>(x + delta);
    const int nb = d.nb;
    const int from = std::min(was, nb), to = std::min(static_cast<int>(x), nb);
    if (from != to) {
      std::uint32_t& blk = d.week_block[static_cast<std::size_t>(wk)];
      const std::size_t words = static_cast<std::size_t>(nb + 1) * d.nwords;
      if (!blk) {  // first touch: every coach at 0 (whole words, then the last one's low bits)
        const std::size_t at = d.week_bits.size();
        d.week_bits.resize(at + words, 0);
        std::fill_n(d.week_bits.begin() + static_cast<std::ptrdiff_t>(at), nc / 64, ~std::uint64_t{0});
        if (nc % 64) d.week_bits[at + nc / 64] = (std::uint64_t{1} << (nc % 64)) - 1;
        blk = static_cast<std::uint32_t>(at / words + 1);
      }
      std::uint64_t* b = d.week_bits.data() + static_cast<std::size_t>(blk - 1) * words;
      const std::uint64_t bit = std::uint64_t{1} << (c % 64);
      b[static_cast<std::size_t>(from) * d.nwords + c / 64] &= ~bit;
      b[static_cast<std::size_t>(to) * d.nwords + c / 64] |= bit;
    }
  }
  // Every day a minute of the interval, widened by the buffer, falls on. Usually its start's
  // day alone, known without finding the days: when the widened span lies more than an hour
  // inside it (an offset change within the span moves local time by an hour at most) and the
  // day is one of the cells.
  const int buf = s.caps[c].buffer;
  const Min into = lm - static_cast<Min>(day) * 1440;
  if (into - buf >= 60 && into + (b.e - b.s) + buf <= 1440 - 60 && day >= d.h0 && day < d.h1) {
    auto& t = row[wk].day[wd].touch;
    t = static_cast<std::uint16_t>(t + delta);
    return;
  }
  const int first = std::max(buf ? local_day(b.s - buf) : day, d.h0), last = std::min(local_day(b.e + buf - 1), d.h1 - 1);
  for (int x = first; x <= last; ++x) {
    const Diary::At a = d.at(x);
    auto& t = row[a.week].day[a.wd].touch;
    t = static_cast<std::uint16_t>(t + delta);
  }
}

}  // namespace

void ClientSpans::insert(Span x) {
  if (n < kInline) {
    // (the same place as insert_sorted: after every span starting at or before x.s)
    std::uint32_t i = n;
    for (; i > 0 && in[i - 1].s > x.s; --i) in[i] = in[i - 1];
    in[i] = x;
  } else {
    if (n == kInline) more.assign(in, in + kInline);
    insert_sorted(more, x);
  }
  ++n;
}

void ClientSpans::erase(Span x) {
  if (n <= kInline) {
    // (the same span as erase_one: the first equal one among those starting at x.s)
    const Span* it = std::lower_bound(in, in + n, x, [](const Span& a, const Span& b) { return a.s < b.s; });
    for (; it != in + n && it->s == x.s; ++it)
      if (it->e == x.e) {
        std::copy(it + 1, static_cast<const Span*>(in + n), in + (it - in));
        --n;
        return;
      }
    return;
  }
  const std::size_t was = more.size();
  erase_one(more, x);
  if (more.size() == was) return;
  if (--n == kInline) {
    std::copy(more.begin(), more.end(), in);
    more.clear();
  }
}

void occupy(const Supply& s, Diary& d, std::uint32_t coach, std::uint32_t client, Span span) {
  if (coach != kNoCoach && coach < d.nc) {
    insert_sorted(d.busy[coach], span);
    count(s, d, coach, span, +1);
  }
  if (client != kNoClient) {
    if (client >= d.client_busy.size()) d.client_busy.resize(static_cast<std::size_t>(client) + 1);
    d.client_busy[client].insert(span);
  }
}

void release(const Supply& s, Diary& d, std::uint32_t coach, std::uint32_t client, Span span) {
  if (coach != kNoCoach && coach < d.nc) {
    auto& v = d.busy[coach];
    const std::size_t n = v.size();
    erase_one(v, span);
    if (v.size() != n) count(s, d, coach, span, -1);
  }
  if (client != kNoClient && client < d.client_busy.size()) d.client_busy[client].erase(span);
}

void forget_before(const Supply& s, Diary& d, std::uint32_t coach, Min t) noexcept {
  if (coach >= d.nc) return;
  auto& v = d.busy[coach];
  const int buf = s.caps[coach].buffer;
  // Sorted by start and never overlapping: the ends are sorted too.
  const auto it = std::partition_point(v.begin(), v.end(), [&](const Span& b) { return b.e + buf <= t; });
  v.erase(v.begin(), it);
}

void set_window(const Supply& s, Ask& a, Min now, Min earliest, Min latest) {
  a.now = now;
  a.g0 = ceil_grid(std::max(earliest, now + s.offers.at(a.offer).min_notice));
  a.gmax = floor_grid(latest);
}

std::uint8_t all_modalities(const Supply& s, std::uint32_t offer) {
  std::uint8_t w = 0;
  for (Modality md : s.offers.at(offer).modalities) w |= static_cast<std::uint8_t>(1U << static_cast<unsigned>(md));
  return w;
}

void find_slots(const Supply& sup, const Diary& dia, const Ask& q, std::vector<Hit>& out) {
  out.clear();
  if (q.g0 > q.gmax || q.max_results < 1 || q.offer >= sup.offers.size()) return;
  const OfferRules& ox = sup.offers[q.offer];
  const int d = ox.minutes;
  const std::size_t k = static_cast<std::size_t>(q.max_results);
  const ClientSpans* cbusy = q.client != kNoClient ? dia.client(q.client) : nullptr;
  const std::uint32_t fav = q.favoured < sup.n_coaches() ? q.favoured : kNoCoach;
  const int day0 = local_day(q.g0);
  const int week0 = week_of(day0);
  if (fav != kNoCoach) {
    // The favoured coach's rows are each a cache miss on their own: start them all now, so that
    // they overlap instead of following one another through the search.
    if (day0 >= dia.h0 && day0 < dia.h1) __builtin_prefetch(&dia.week_cells(fav, dia.at(day0)));
    if (fav < dia.nc && !dia.busy[fav].empty()) __builtin_prefetch(dia.busy[fav].data());
    const std::int64_t wi = static_cast<std::int64_t>(week0) - sup.ww0;
    if (wi >= 0 && wi < static_cast<std::int64_t>(sup.nww)) {
      const std::uint32_t x = sup.work_week[static_cast<std::size_t>(fav) * sup.nww + static_cast<std::size_t>(wi)];
      if (x < sup.work[fav].size()) __builtin_prefetch(sup.work[fav].data() + x);
    }
  } else if (q.max_results == 1 && q.ignore_coach == kNoCoach && day0 >= sup.h0 && day0 < sup.h1) {
    // The rank-order step reads who works in the first start's hour (g0's, usually) and the
    // week's first count bucket, each a cache miss: start them now, to overlap the day's windows.
    __builtin_prefetch(sup.on(day0, q.g0));
    if (const std::uint64_t* b = dia.week_bucket(week0, 0)) __builtin_prefetch(b);
  }

  const std::uint32_t ig = q.ignore_coach;
  int ig_day = 0, ig_week = 0;
  if (ig != kNoCoach) {
    ig_day = local_day(q.ignore_span.s);
    ig_week = week_of(ig_day);
  }

  Scratch& scr = scratch();  // once per search (see scratch())
  DayWindows windows(scr, ox, q, cbusy, sup.h0, sup.h1, day0);

  // The coach's sessions that ISO week (the fair-spread key), or -1 when its daily or weekly cap
  // is reached on day `day` (the session being replaced not counted).
  auto week_sessions = [&](int day, std::uint32_t c, const DayCell& cell, int weeks) LAYCOACH_INLINE {
    const Caps& cap = sup.caps[c];
    const int dc = cell.count - (c == ig && day == ig_day ? 1 : 0);
    if (dc >= cap.day) return -1;
    const int wc = weeks - (c == ig && week_of(day) == ig_week ? 1 : 0);
    return wc >= cap.week ? -1 : wc;
  };

  // The occupied interval of coach c (buffer `buf`) that a session starting at t would clash
  // with, or nullptr (the session being replaced does not count).
  auto clash = [&](std::uint32_t c, Min t, int buf) LAYCOACH_INLINE -> const Span* {
    const std::vector<Span>& busy = dia.busy[c];
    // First occupied interval that ends (buffer included) after t.
    auto it = std::partition_point(busy.begin(), busy.end(), [&](const Span& b) { return b.e + buf <= t; });
    if (c == ig && it != busy.end() && *it == q.ignore_span) ++it;
    return it != busy.end() && it->s - buf < t + d ? &*it : nullptr;
  };

  // The first rota interval of coach c that can hold a session starting at t or later
  // (x.e - d >= t), or the end (`week`: the ISO week of t's local day). It lies between the first
  // ending after the Monday of t's week and the first ending after the Monday two weeks later
  // (which ends more than a week after t, so after t + d).
  auto first_work = [&](std::uint32_t c, Min t, int week) LAYCOACH_INLINE {
    const std::span<const Span> work = sup.work[c];
    const std::int64_t wi = static_cast<std::int64_t>(week) - sup.ww0;
    const std::int64_t nww = static_cast<std::int64_t>(sup.nww);
    const std::uint32_t* ww = sup.work_week.data() + static_cast<std::size_t>(c) * sup.nww;
    const std::size_t wlo = wi < 0 ? 0 : ww[std::min(wi, nww - 1)];
    const std::size_t whi = wi + 2 >= nww ? work.size() : ww[std::max<std::int64_t>(wi + 2, 0)];
    // A scan of the first few, then a bisection of the rest: a week holds a few intervals (t's
    // own within the first week of the two), and a scan's loads and branches are predictable
    // where a bisection's are not.
    auto w = work.begin() + static_cast<std::ptrdiff_t>(wlo);
    const auto we = work.begin() + static_cast<std::ptrdiff_t>(whi);
    for (int i = 0; i < 8; ++i, ++w)
      if (w == we || w->e - d >= t) return w;
    return std::partition_point(w, we, [&](const Span& x) { return x.e - d < t; });
  };

  // Every grid start of one rota interval [ws, we) of coach c on day `day`, in order, offered to
  // top. `cell` is the coach's cell of the day, `weeks` the week's row.
  auto walk = [&](int day, Min ws, Min we, std::uint32_t c, const Span* S, std::size_t nS, TopK& top, const DayCell& cell,
                  int weeks) LAYCOACH_INLINE {
    const Caps& cap = sup.caps[c];
    const int wc = week_sessions(day, c, cell, weeks);
    if (wc < 0) return;
    const Min last = we - d;
    const int buf = cap.buffer;
    const bool near = cell.touch != 0;  // nothing near: skip the diary
    Min t = std::max(S[0].s, ceil_grid(ws));
    std::size_t si = 0;
    for (;;) {
      if (t > last || t > top.bound()) return;
      while (si < nS && S[si].e < t) ++si;
      if (si == nS) return;
      if (S[si].s > t) {
        t = S[si].s;
        continue;
      }
      // Keys only grow with t: when this one cannot rank, no later start of the coach can (so
      // its diary need not be read).
      if (!top.beats({t, wc, c})) return;
      if (near) {
        if (const Span* x = clash(c, t, buf)) {
          t = ceil_grid(x->e + buf);
          continue;
        }
      }
      if (!top.offer({t, wc, c})) return;
      t += kGrid;
    }
  };

  // The best slot when some coach can take one of the first allowed starts (the usual case when
  // coaches are not fully booked): for each allowed start t in order, visit the coaches in rank
  // order at t (fewest sessions that ISO week, then coach index, from the diary's week buckets)
  // and take the first the caps, the rota and the diary allow, by the same checks as walk. When
  // every coach was ruled out at t (none works in t's hour and its last minute's, or each one
  // visited cannot), no slot starts at t: go on to the next start. So no slot starts earlier than
  // the one taken, and every coach ranked before it cannot take its start: it is the best key.
  // Gives up (false, top untouched) after kTries coaches that cannot or kStarts starts, leaving it
  // to the day walk.
  auto first_start_rank_order = [&](TopK& top) -> bool {
    constexpr int kTries = 32, kStarts = 64;
    const std::uint8_t* modal = ox.modal.data();
    const std::size_t nw = sup.nwords;
    constexpr std::size_t kKept = 16;
    std::uint64_t left[kKept];
    const bool keep = nw <= kKept;
    int tries = kTries, starts = kStarts;
    // Coaches visited at an earlier start of the day who cannot start before ruled_until (the
    // least of their minutes `next`): left out of the visits until then.
    constexpr Min kNever = std::numeric_limits<Min>::max();
    std::uint64_t ruled[kKept];
    Min ruled_until = kNever;
    // At start t of day `day`: 1 a coach found (offered to top), 0 nobody can take t, -1 give up.
    // (`resume`: when 0, no start before it can be taken either; else untouched)
    auto at_start = [&](int day, Min t, Min& resume) LAYCOACH_INLINE -> int {
      const Diary::At at = dia.at(day);
      const int week = week_of(day);
      // Could coach c start at t? (-1: no, and `next` is a minute before which it cannot start
      // on that day either; else its sessions that week.)
      auto can = [&](std::uint32_t c, Min& next) LAYCOACH_INLINE -> int {
        const WeekCells& wk = dia.week_cells(c, at);
        const DayCell& cell = wk.day[at.wd];
        const int wc = week_sessions(day, c, cell, wk.count);
        if (wc < 0) return -1;  // (capped all day)
        auto w = first_work(c, t, week);
        if (w == sup.work[c].end()) return -1;
        if (w->s > t) {  // (no earlier interval can hold a later start either)
          next = w->s;
          return -1;
        }
        const int buf = sup.caps[c].buffer;
        if (cell.touch)
          if (const Span* x = clash(c, t, buf)) {  // (nor a later start before it ends)
            next = x->e + buf;
            return -1;
          }
        return wc;
      };
      auto visit = [&](std::uint32_t c) LAYCOACH_INLINE -> int {  // 1 found, 0 go on, -1 give up
        if (c == fav || !(modal[c] & q.want)) return 0;
        Min next = kNever;
        const int wc = can(c, next);
        if (wc >= 0) {
          top.offer({t, wc, c});
          return 1;
        }
        if (keep) {
          ruled[c / 64] |= std::uint64_t{1} << (c % 64);
          ruled_until = std::min(ruled_until, next);
        }
        return --tries > 0 ? 0 : -1;
      };
      // Only those working in t's hour can: the buckets are read through that mask.
      // Each of them lies in one bucket: those not visited yet are kept (up to 1,024 coaches), so
      // that the walk stops once every one was (few work at some hours, none at night).
      const std::uint64_t* on = sup.on(day, t);
      // A coach who can hold [t, t + d) also works in the hour of its last minute: those who do
      // not (most coaches the mask of t's hour let through but whose interval ends too soon)
      // are dropped before their week record and rota are read. (Same coach is found: each one
      // dropped would fail the rota check of `can`.)
      const std::uint64_t* on_end = nullptr;
      if (d > 1) {
        const Min u = t + d - 1;
        const int day_end = local_day(u);
        if (day_end >= sup.h0 && day_end < sup.h1) on_end = sup.on(day_end, u);
      }
      if (keep) {
        std::uint64_t any = 0;
        if (t >= ruled_until) {  // (some coach ruled out may start now: forget them all)
          std::fill_n(ruled, nw, 0);
          ruled_until = kNever;
        }
        for (std::size_t i = 0; i < nw; ++i) any |= left[i] = on[i] & (on_end ? on_end[i] : ~std::uint64_t{0}) & ~ruled[i];
        if (!any) {
          // The same masks hold until the local hour of t or of t + d - 1 changes, or a coach
          // ruled out may start: local hours change on whole UTC hours.
          resume = std::min(floor_div(t, 60) * 60 + 60, ruled_until);
          if (d > 1) resume = std::min(resume, floor_div(t + d - 1, 60) * 60 + 60 - (d - 1));
          return 0;
        }
      }
      const bool untouched = !dia.week_bucket(week, 0);  // nobody booked that week: every coach at 0
      for (int v = 0; v < (untouched ? 1 : dia.nb); ++v) {
        const std::uint64_t* bits = untouched ? nullptr : dia.week_bucket(week, v);
        std::uint64_t any = 0;
        for (std::size_t i = 0; i < nw; ++i) {
          const std::uint64_t m = keep ? left[i] : on[i] & (on_end ? on_end[i] : ~std::uint64_t{0}), b = bits ? bits[i] : ~std::uint64_t{0};
          for (std::uint64_t x = m & b; x; x &= x - 1) {
            const std::uint32_t c = static_cast<std::uint32_t>(i * 64 + static_cast<std::size_t>(std::countr_zero(x)));
            if (const int r = visit(c)) return r;
          }
          if (keep) any |= left[i] = m & ~b;
        }
        if (keep && !any) return 0;  // every coach working then was visited
      }
      return -1;  // (the counts of nb or more, or more than kKept words, are left to the day walk)
    };
    for (int day = windows.first_day(); day <= windows.last_day(); ++day) {
      if (day < sup.h0 || day >= sup.h1) return false;
      auto [S, nS] = windows.get(day);
      if (keep) std::fill_n(ruled, nw, 0);  // (a new day: caps and rota change)
      ruled_until = kNever;
      for (std::size_t i = 0; i < nS; ++i)
        for (Min t = S[i].s; t <= S[i].e;) {
          if (--starts < 0) return false;
          Min resume = t;
          if (const int r = at_start(day, t, resume)) return r > 0;
          t = std::max(t + kGrid, ceil_grid(resume));
        }
    }
    return false;
  };

  auto emit = [&](const TopK& top, bool favoured) {
    for (const Key& key : top.keys()) {
      Hit h;
      h.start = key.t;
      h.coach = key.c;
      const std::uint8_t bits = static_cast<std::uint8_t>(ox.modal[key.c] & q.want);
      for (Modality md : ox.modalities)
        if ((bits >> static_cast<unsigned>(md)) & 1U) {
          h.modality = md;
          break;
        }
      h.favoured = favoured;
      h.week_sessions = key.wc;
      out.push_back(h);
    }
  };

  // The favoured coach first: walk its own rota intervals.
  if (fav != kNoCoach && (ox.modal[fav] & q.want)) {
    TopK top(k, scr.fav_keys);
    const std::span<const Span> work = sup.work[fav];
    for (auto w = first_work(fav, q.g0, week0); w != work.end() && w->s <= q.gmax && !top.full(); ++w) {
      // (an interval under way at g0 starts on g0's day, the windows' first)
      const int f = std::max({w->s <= q.g0 ? day0 : local_day(w->s), windows.first_day(), sup.h0});
      const int l = std::min({local_day(std::min(w->e - 1, q.gmax)), windows.last_day(), sup.h1 - 1});
      for (int day = f; day <= l && !top.full(); ++day) {
        const Diary::At at = dia.at(day);
        const WeekCells& wk = dia.week_cells(fav, at);
        const DayCell& cell = wk.day[at.wd];
        if (week_sessions(day, fav, cell, wk.count) < 0) continue;  // capped: skip the day's windows
        auto [S, nS] = windows.get(day);
        if (nS) walk(day, w->s, w->e, fav, S, nS, top, cell, wk.count);
      }
    }
    emit(top, true);
  }
  if (q.favoured_only || out.size() >= k) return;

  TopK top(k - out.size(), scr.keys);
  if (k - out.size() == 1 && ig == kNoCoach && first_start_rank_order(top)) {
    emit(top, false);
    return;
  }

  // Everyone else, day by day, each day's rota intervals in order of start.
  for (int day = windows.first_day(); day <= windows.last_day() && !top.full(); ++day) {
    if (day < sup.h0 || day >= sup.h1) continue;  // outside the supply: not searched
    auto [S, nS] = windows.get(day);
    if (!nS) continue;
    const Min lo = S[0].s;
    const Entry* e = sup.entries.data() + sup.day_begin[static_cast<std::size_t>(day - sup.h0)];
    const Entry* end = sup.entries.data() + sup.day_begin[static_cast<std::size_t>(day - sup.h0) + 1];
    // An entry starting before lo + d - (the day's longest) ends before lo + d, so cannot hold a
    // session: skip those at once (a request in the evening skips the morning's rotas).
    const Min from = lo + d - sup.day_longest[static_cast<std::size_t>(day - sup.h0)];
    e = std::partition_point(e, end, [from](const Entry& x) { return x.ws < from; });
    const Diary::At at = dia.at(day);
    const std::uint8_t* modal = ox.modal.data();
    for (; e != end; ++e) {
      // Sorted by start: nothing later can rank. (bound() is on the grid, so ceil_grid(ws) > bound
      // exactly when ws > bound.)
      if (e->ws > top.bound()) break;
      if (e->coach == fav || e->we - d < lo) continue;
      // The smallest key this entry could give (its earliest start, no sessions that week): when
      // even that cannot rank, skip it without reading its coach's cells.
      if (!top.beats({std::max(lo, ceil_grid(e->ws)), 0, e->coach})) {
        // Nor can any later entry of the same start (same smallest start, larger coach index,
        // and the worst kept key only improves): skip the group. Most rotas begin at a few
        // times of day, so at the earliest start this skips most of the day's coaches at once.
        const Min ws = e->ws;
        e = std::partition_point(e + 1, end, [ws](const Entry& x) { return x.ws == ws; }) - 1;
        continue;
      }
      if (!(modal[e->coach] & q.want)) continue;
      const WeekCells& wk = dia.week_cells(e->coach, at);
      walk(day, e->ws, e->we, e->coach, S, nS, top, wk.day[at.wd], wk.count);
    }
  }
  emit(top, false);
}

}  // namespace laycoach::booking::detail
