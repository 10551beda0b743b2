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

std::shared_ptr<const Supply> build_supply(const Programme::Impl& m, int d0, int d1) {
  std::vector<const Coach*> coaches;
  coaches.reserve(m.coaches.size());
  for (const auto& [id, c] : m.coaches) coaches.push_back(&c);
  std::vector<const Offer*> offers;
  offers.reserve(m.offers.size());
  for (const auto& [id, o] : m.offers) offers.push_back(&o);
  return build_supply(coaches, offers, d0, d1);
}

std::shared_ptr<const Supply> build_supply(const Programme& p, int d0, int d1) {
  auto& m = laycoach::detail::impl_of(p);
  auto lk = m.read();
  return build_supply(m, d0, d1);
}

void Index::rebuild(const Programme::Impl& m, int d0, int d1) {
  dirty = true;  // until done: a failure part-way leaves the index marked for another rebuild
  {
    std::lock_guard lk(verified_mu_);
    verified_.clear();
  }
  supply = build_supply(m, d0, std::max(d1, d0 + 1));
  const Supply& sup = *supply;
  h0 = sup.h0;
  h1 = sup.h1;
  diary.reset(sup);
  diary.client_busy.clear();
  coach_records.assign(sup.n_coaches(), nullptr);
  coach_entries.assign(sup.n_coaches(), nullptr);
  for (std::size_t i = 0; i < sup.n_coaches(); ++i) {
    const std::string& id = sup.coach_ids[i];
    if (auto c = m.coaches.find(id); c != m.coaches.end()) coach_records[i] = &c->second;
    if (auto e = m.coach_busy.find(id); e != m.coach_busy.end()) coach_entries[i] = &e->second;
  }
  // Clients' diary indexes, in the busy entries: every entry forgets its old one, then the
  // clients of the records get 0..n-1 in id order (put_client gives each its entry).
  records_ = &m;
  for (const auto& [id, t] : m.client_busy) t.engine_ix = kNoClient;
  next_client_ = 0;
  for (const auto& [id, c] : m.clients)
    if (auto t = m.client_busy.find(id); t != m.client_busy.end()) t->second.engine_ix = next_client_++;
  referrals.clear();
  referrals.reserve(m.referrals.size());
  for (const auto& [id, r] : m.referrals)
    referrals[id] = RefEntry{RefInfo{r.client_id, r.offer_id, r.preferred_modality, r.requested_at, r.adjustments}, true, {}};

  // Sessions: every one holding time enters the diary (in id order; the diary keeps its spans
  // sorted by start).
  for (const auto& [sid, s] : m.sessions) {
    note_session_id(sid);
    Span sp;
    auto it = sup.coach_of.find(s.coach_id);
    if (it == sup.coach_of.end() || !span_of(s, sp)) continue;
    if (occupies_time(s.status)) {
      occupy(sup, diary, it->second, kNoClient, sp);
      for (const Attendee& a : s.attendees)
        if (a.status != AttendeeStatus::Cancelled) occupy(sup, diary, kNoCoach, client_slot(a.client_id), sp);
    }
    for (const Attendee& a : s.attendees)
      if (!a.referral_id.empty()) referrals[a.referral_id].sessions.push_back({sid, sp.s, it->second, s.status});
  }

  next_id = std::max<std::uint64_t>(next_id, m.sessions.size() + 1);
  generation = m.generation;
  n_coaches = m.coaches.size();
  n_offers = m.offers.size();
  dirty = false;
}

std::uint32_t Index::client_slot(const std::string& id) {
  // put_session gives every attendee a busy entry before the observers run.
  auto it = records_->client_busy.find(id);
  if (it == records_->client_busy.end()) throw InternalError("a session's client has no busy entry", id);
  if (it->second.engine_ix == kNoClient) it->second.engine_ix = next_client_++;
  return it->second.engine_ix;
}

void Index::add_busy(const Session& s, CoachOf it) {
  Span sp;
  if (!span_of(s, sp)) return;
  if (it == supply->coach_of.end()) {
    dirty = true;
    return;
  }
  occupy(*supply, diary, it->second, kNoClient, sp);
  for (const Attendee& a : s.attendees)
    if (a.status != AttendeeStatus::Cancelled) occupy(*supply, diary, kNoCoach, client_slot(a.client_id), sp);
}

void Index::remove_busy(const Session& s) {
  Span sp;
  if (!span_of(s, sp)) return;
  auto it = supply->coach_of.find(s.coach_id);
  if (it == supply->coach_of.end()) {
    dirty = true;
    return;
  }
  release(*supply, diary, it->second, kNoClient, sp);
  for (const Attendee& a : s.attendees) {
    if (a.status == AttendeeStatus::Cancelled) continue;
    if (const std::uint32_t c = client_index(a.client_id); c != kNoClient) release(*supply, diary, kNoCoach, c, sp);
  }
}

namespace {
template <class T>
void prefetch_object(const T* x) noexcept {
  const char* p = reinterpret_cast<const char*>(x);
  for (std::size_t at = 0; at < sizeof(T); at += 64) __builtin_prefetch(p + at);
}
template <class V>
void prefetch_front(const V& v) noexcept {
  if (!v.empty()) __builtin_prefetch(v.data());
}
}  // namespace

void Index::prefetch_coach(std::uint32_t c, bool lists) const noexcept {
  if (c >= coach_records.size()) return;
  const Coach* r = coach_records[c];
  const PersonTime* e = coach_entries[c];
  if (!lists) {
    if (r) prefetch_object(r);
    if (e) prefetch_object(e);
    return;
  }
  if (r) {
    prefetch_front(r->offers);
    prefetch_front(r->modalities);
    prefetch_front(r->rota.weekly);
    prefetch_front(r->rota.leave);
  }
  if (e && e->note) {
    const std::vector<Date>& dates = e->note->exception_dates;
    if (!dates.empty()) __builtin_prefetch(dates.data() + dates.size() / 2);  // where the binary search starts
  }
}

void Index::note_session_id(const std::string& id) noexcept {
  if (id.size() < 4 || id.size() > 22 || id.compare(0, 3, "bk-") != 0) return;
  std::uint64_t n = 0;
  for (std::size_t i = 3; i < id.size(); ++i) {
    const char c = id[i];
    if (c < '0' || c > '9') return;
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (n >= next_id) next_id = n + 1;  // "bk-007" is not generated ("bk-7" is), but counts: harmless
}

void Index::on_session(const Session* before, const Session& after) noexcept {
  if (dirty.load(std::memory_order_relaxed)) return;  // a rebuild will read the records anyway
  note_session_id(after.id);
  try {
    if (before && occupies_time(before->status)) remove_busy(*before);
    const auto c = supply->coach_of.find(after.coach_id);  // once, for the diary and the referrals
    if (c != supply->coach_of.end() && !coach_entries[c->second])  // the coach's first session: its entry is new
      if (auto e = records_->coach_busy.find(after.coach_id); e != records_->coach_busy.end()) coach_entries[c->second] = &e->second;
    if (occupies_time(after.status)) add_busy(after, c);
    auto drop = [&](const Session& s) {
      for (const Attendee& a : s.attendees) {
        if (a.referral_id.empty()) continue;
        auto it = referrals.find(a.referral_id);
        if (it != referrals.end())
          std::erase_if(it->second.sessions, [&](const RefSession& r) { return r.session_id == s.id; });
      }
    };
    if (before) drop(*before);
    Span sp;
    if (c != supply->coach_of.end() && span_of(after, sp)) {
      for (const Attendee& a : after.attendees) {
        if (a.referral_id.empty()) continue;
        auto& v = referrals[a.referral_id].sessions;
        std::erase_if(v, [&](const RefSession& r) { return r.session_id == after.id; });
        v.push_back({after.id, sp.s, c->second, after.status});
      }
    } else if (c == supply->coach_of.end()) {
      dirty = true;
    }
  } catch (...) {
    dirty = true;
  }
}

}  // namespace laycoach::booking::detail
