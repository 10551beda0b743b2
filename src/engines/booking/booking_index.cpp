// The booking engine's derived index: built from the records under the programme's write
// lock, attached to Programme::Impl as one of its session observers (so it lives exactly as
// long as the programme), and kept in step with every session change by that observer.
#include <algorithm>
#include <array>

#include "booking_detail.hpp"

namespace laycoach::booking::detail {

namespace {

// The observer stored in Impl::session_observers; it owns the index.
struct Observer {
  std::shared_ptr<Index> ix;
  void operator()(const Session* before, const Session& after) const { ix->on_session(before, after); }
};

bool contains_offer(const Coach& c, const std::string& offer) {
  return std::find(c.offers.begin(), c.offers.end(), offer) != c.offers.end();
}

// [floor(start), ceil(end)) in minutes, or false outside the engine's years (such sessions
// can never meet a search window).
bool span_of(const Session& s, Span& out) noexcept {
  if (s.start.is_special() || s.minutes <= 0) return false;
  try {
    out.s = floor_min(s.start, "start");
    out.e = ceil_min(s.end(), "start");
    return true;
  } catch (...) {
    return false;
  }
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

}  // namespace

Index* find_index(const Programme::Impl& m) {
  for (const auto& f : m.session_observers)
    if (const auto* o = f.target<Observer>()) return o->ix.get();
  return nullptr;
}

Index& ensure_index(Programme::Impl& m, int d0, int d1) {
  Index* ix = find_index(m);
  if (!ix) {
    auto fresh = std::make_shared<Index>();
    fresh->dirty = true;
    m.session_observers.push_back(Observer{fresh});
    ix = fresh.get();
  }
  if (ix->fresh(m) && ix->covers(d0, d1)) return *ix;
  if (d1 - d0 > kMaxHorizonDays)
    throw ValidationError("", "to", "period_length"_rule,
                          "the booking engine indexes at most " + std::to_string(kMaxHorizonDays / 365) + " years at a time");
  int a = d0 - 7, b = d1 + 60;
  if (ix->h1 > ix->h0) {  // grow generously, so that moving forward in time rarely rebuilds
    const int ga = std::min(a, ix->h0), gb = std::max(b, std::max(ix->h1, d1 + 180));
    if (gb - ga <= kMaxHorizonDays) {  // else start afresh around what is needed now
      a = ga;
      b = gb;
    }
  }
  ix->rebuild(m, a, b);
  return *ix;
}

void Index::rebuild(const Programme::Impl& m, int d0, int d1) {
  dirty = true;  // until done: a failure part-way leaves the index marked for another rebuild
  {
    std::lock_guard lk(verified_mu_);
    verified_.clear();
  }
  h0 = d0;
  h1 = std::max(d1, d0 + 1);
  const int ndays = h1 - h0;

  coaches.clear();
  caps.clear();
  coach_of.clear();
  coaches.reserve(m.coaches.size());
  std::vector<std::pair<int, int>> blocks;
  std::vector<Span> spans;
  // The days of [h0 - 1, h1 + 1) that need blocks_of_day (a leave or an exception on them);
  // every other day is the weekly pattern of its weekday.
  const int lo = h0 - 1, hi = h1 + 1;
  std::vector<char> special(static_cast<std::size_t>(hi - lo), 0);
  for (const auto& [id, c] : m.coaches) {
    CoachIx ci;
    ci.id = id;
    caps.push_back({c.rota.max_sessions_per_day, c.rota.max_sessions_per_week, c.rota.buffer_minutes});
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
    for (const Span& s : spans) {
      if (!ci.work.empty() && ci.work.back().e >= s.s) ci.work.back().e = std::max(ci.work.back().e, s.e);
      else ci.work.push_back(s);
    }
    coach_of.emplace(id, static_cast<std::uint32_t>(coaches.size()));
    coaches.push_back(std::move(ci));
  }

  // Entries by local day: an interval is listed under every day it touches.
  day_begin.assign(static_cast<std::size_t>(ndays) + 1, 0);
  auto days_of = [&](const Span& w, int& first, int& last) {
    first = std::max(local_day(w.s), h0);
    last = std::min(local_day(w.e - 1), h1 - 1);
  };
  for (const CoachIx& ci : coaches)
    for (const Span& w : ci.work) {
      int f, l;
      days_of(w, f, l);
      for (int d = f; d <= l; ++d) ++day_begin[static_cast<std::size_t>(d - h0) + 1];
    }
  for (int i = 0; i < ndays; ++i) day_begin[static_cast<std::size_t>(i) + 1] += day_begin[static_cast<std::size_t>(i)];
  entries.assign(day_begin.back(), Entry{0, 0, 0});
  {
    std::vector<std::uint32_t> fill(day_begin.begin(), day_begin.end() - 1);
    for (std::uint32_t c = 0; c < coaches.size(); ++c)
      for (const Span& w : coaches[c].work) {
        int f, l;
        days_of(w, f, l);
        for (int d = f; d <= l; ++d) entries[fill[static_cast<std::size_t>(d - h0)]++] = Entry{w.s, w.e, c};
      }
  }
  for (int i = 0; i < ndays; ++i)
    std::sort(entries.begin() + day_begin[static_cast<std::size_t>(i)], entries.begin() + day_begin[static_cast<std::size_t>(i) + 1],
              [](const Entry& x, const Entry& y) { return x.ws != y.ws ? x.ws < y.ws : x.coach < y.coach; });

  // Which coach may deliver which offer, by which modality (the coach-side conditions of
  // check_session; a slot is still verified by check_session itself before it is booked).
  offers.clear();
  for (const auto& [oid, o] : m.offers) {
    OfferIx ox;
    ox.minutes = o.session_minutes;
    ox.modal.assign(coaches.size(), 0);
    std::uint32_t ci = 0;
    for (const auto& [cid, c] : m.coaches) {
      std::uint8_t bits = 0;
      if (c.active && contains_offer(c, oid) && meets(c, o.accreditation) &&
          (!o.ethnically_diverse_pathway || c.ethnically_diverse_pathway))
        for (Modality md : o.modalities)
          if (std::find(c.modalities.begin(), c.modalities.end(), md) != c.modalities.end())
            bits |= static_cast<std::uint8_t>(1U << static_cast<unsigned>(md));
      ox.modal[ci++] = bits;
    }
    offers.emplace(oid, std::move(ox));
  }

  client_ids.clear();
  client_ids.reserve(m.clients.size());
  for (const auto& [id, c] : m.clients) client_ids.insert(id);
  referral_info.clear();
  referral_info.reserve(m.referrals.size());
  for (const auto& [id, r] : m.referrals) referral_info.emplace(id, RefInfo{r.client_id, r.offer_id, r.preferred_modality, r.requested_at, r.adjustments});

  // Sessions.
  client_busy.clear();
  referral_sessions.clear();
  for (const auto& [sid, s] : m.sessions) {
    if (occupies_time(s.status)) {
      Span sp;
      auto it = coach_of.find(s.coach_id);
      if (it != coach_of.end() && span_of(s, sp)) {
        coaches[it->second].busy.push_back(sp);
        for (const Attendee& a : s.attendees)
          if (a.status != AttendeeStatus::Cancelled) client_busy[a.client_id].push_back(sp);
      }
    }
    Span sp;
    auto it = coach_of.find(s.coach_id);
    if (it != coach_of.end() && span_of(s, sp))
      for (const Attendee& a : s.attendees)
        if (!a.referral_id.empty()) referral_sessions[a.referral_id].push_back({sid, sp.s, it->second, s.status});
  }
  auto by_start = [](const Span& x, const Span& y) { return x.s != y.s ? x.s < y.s : x.e < y.e; };
  for (CoachIx& ci : coaches) std::sort(ci.busy.begin(), ci.busy.end(), by_start);
  for (auto& [k, v] : client_busy) std::sort(v.begin(), v.end(), by_start);
  build_counts();

  next_id = std::max<std::uint64_t>(next_id, m.sessions.size() + 1);
  generation = m.generation;
  n_coaches = m.coaches.size();
  n_offers = m.offers.size();
  dirty = false;
}

void Index::build_counts() {
  const std::size_t nd = static_cast<std::size_t>(h1 - h0), nc = coaches.size();
  w0 = week_of(h0);
  w1 = week_of(h1 - 1) + 1;
  const std::size_t nw = static_cast<std::size_t>(w1 - w0);
  days.assign(nc * nd, DayCell{});
  week_count.assign(nc * nw, 0);
  for (std::uint32_t c = 0; c < nc; ++c)
    for (const Span& b : coaches[c].busy) count(c, b, +1);
}

void Index::count(std::uint32_t c, Span b, int delta) {
  const std::size_t nc = coaches.size();
  const int day = local_day(b.s);
  if (day >= h0 && day < h1) {
    auto& x = days[static_cast<std::size_t>(day - h0) * nc + c].count;
    x = static_cast<std::uint16_t>(x + delta);
  }
  const int w = week_of(day);
  if (w >= w0 && w < w1) {
    auto& x = week_count[static_cast<std::size_t>(w - w0) * nc + c];
    x = static_cast<std::uint16_t>(x + delta);
  }
  // Every day a minute of the interval, widened by the buffer, falls on.
  const int buf = caps[c].buffer;
  const int first = std::max(local_day(b.s - buf), h0), last = std::min(local_day(b.e + buf - 1), h1 - 1);
  for (int d = first; d <= last; ++d) {
    auto& x = days[static_cast<std::size_t>(d - h0) * nc + c].touch;
    x = static_cast<std::uint16_t>(x + delta);
  }
}

void Index::add_busy(const Session& s) {
  Span sp;
  if (!span_of(s, sp)) return;
  auto it = coach_of.find(s.coach_id);
  if (it == coach_of.end()) {
    dirty = true;
    return;
  }
  insert_sorted(coaches[it->second].busy, sp);
  count(it->second, sp, +1);
  for (const Attendee& a : s.attendees)
    if (a.status != AttendeeStatus::Cancelled) insert_sorted(client_busy[a.client_id], sp);
}

void Index::remove_busy(const Session& s) {
  Span sp;
  if (!span_of(s, sp)) return;
  auto it = coach_of.find(s.coach_id);
  if (it == coach_of.end()) {
    dirty = true;
    return;
  }
  erase_one(coaches[it->second].busy, sp);
  count(it->second, sp, -1);
  for (const Attendee& a : s.attendees) {
    if (a.status == AttendeeStatus::Cancelled) continue;
    auto cb = client_busy.find(a.client_id);
    if (cb != client_busy.end()) erase_one(cb->second, sp);
  }
}

void Index::on_session(const Session* before, const Session& after) noexcept {
  if (dirty.load(std::memory_order_relaxed)) return;  // a rebuild will read the records anyway
  try {
    if (before && occupies_time(before->status)) remove_busy(*before);
    if (occupies_time(after.status)) add_busy(after);
    auto drop = [&](const Session& s) {
      for (const Attendee& a : s.attendees) {
        if (a.referral_id.empty()) continue;
        auto it = referral_sessions.find(a.referral_id);
        if (it != referral_sessions.end())
          std::erase_if(it->second, [&](const RefSession& r) { return r.session_id == s.id; });
      }
    };
    if (before) drop(*before);
    Span sp;
    auto c = coach_of.find(after.coach_id);
    if (c != coach_of.end() && span_of(after, sp)) {
      for (const Attendee& a : after.attendees) {
        if (a.referral_id.empty()) continue;
        auto& v = referral_sessions[a.referral_id];
        std::erase_if(v, [&](const RefSession& r) { return r.session_id == after.id; });
        v.push_back({after.id, sp.s, c->second, after.status});
      }
    } else if (c == coach_of.end()) {
      dirty = true;
    }
  } catch (...) {
    dirty = true;
  }
}

}  // namespace laycoach::booking::detail
