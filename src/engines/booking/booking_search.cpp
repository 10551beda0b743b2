// The fast slot search. For each UK local day from the earliest acceptable one, the starts the
// offer, the client's preferences and the client's own diary allow are computed once as a few
// grid ranges; the day's rota intervals of every coach (one contiguous, sorted array) are then
// walked in order of start, each coach being checked against its caps (two array reads) and its
// occupied intervals (a binary search in a sorted vector, buffer included). A bounded top-k
// (start, sessions that week, coach) prunes the walk as soon as nothing later can rank.
#include <algorithm>
#include <limits>

#include "booking_detail.hpp"

namespace laycoach::booking::detail {

namespace {

using boost::posix_time::minutes;

bool has(const std::vector<Modality>& v, Modality m) { return std::find(v.begin(), v.end(), m) != v.end(); }

// ---- small sorted-span algebra (half-open spans, sorted, disjoint) ----

void intersect(const std::vector<Span>& a, const std::vector<Span>& b, std::vector<Span>& out) {
  out.clear();
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const Min s = std::max(a[i].s, b[j].s), e = std::min(a[i].e, b[j].e);
    if (s < e) out.push_back({s, e});
    if (a[i].e < b[j].e) ++i;
    else ++j;
  }
}

void normalise(std::vector<Span>& v) {
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

class TopK {
 public:
  explicit TopK(std::size_t k) : k_(k) { v_.reserve(k); }
  bool full() const { return v_.size() >= k_; }
  Min bound() const { return full() ? v_.back().t : std::numeric_limits<Min>::max(); }
  // False when the key cannot rank (and nothing later can either).
  bool offer(const Key& x) {
    if (full()) {
      if (!(x < v_.back())) return false;
      v_.pop_back();
    }
    v_.insert(std::upper_bound(v_.begin(), v_.end(), x), x);
    return true;
  }
  const std::vector<Key>& keys() const { return v_; }

 private:
  std::size_t k_;
  std::vector<Key> v_;
};

// Working memory of DayWindows, kept per thread so that a search allocates nothing once warm.
struct Scratch {
  std::vector<int> begin;
  std::vector<std::size_t> count;
  std::vector<Span> ranges, a, b, c;
};

// Allowed grid starts of each day of the query, computed on first use.
class DayWindows {
 public:
  DayWindows(const Query& q, const std::vector<Span>* client_busy)
      : q_(q), busy_(client_busy), w_(scratch()), begin_(w_.begin), count_(w_.count), ranges_(w_.ranges), a_(w_.a),
        b_(w_.b), c_(w_.c) {
    first_ = local_day(q.g0);
    const int last = local_day(q.gmax);
    const std::size_t n = last >= first_ ? static_cast<std::size_t>(last - first_ + 1) : 0;
    begin_.assign(n, -1);
    count_.assign(n, 0);
    ranges_.clear();
  }
  int first_day() const { return first_; }
  int last_day() const { return first_ + static_cast<int>(begin_.size()) - 1; }

  // Grid ranges [s, e] (both inclusive, on the grid) of day `day`, in order.
  std::pair<const Span*, std::size_t> get(int day) {
    const std::size_t i = static_cast<std::size_t>(day - first_);
    if (begin_[i] < 0) compute(day, i);
    return {ranges_.data() + begin_[i], count_[i]};
  }

 private:
  void compute(int day, std::size_t i) {
    begin_[i] = static_cast<int>(ranges_.size());
    const Offer& o = *q_.offer;
    const int wd = weekday(day);
    const DayHours& h = o.hours.days[static_cast<std::size_t>(wd)];
    const int d = q_.minutes;
    if (!((q_.weekdays >> wd) & 1U) || h.open_min >= h.close_min || (!o.hours.open_on_bank_holidays && bank_holiday(day)))
      return;
    const Min base = day * 1440;
    // check_session's opening rule: the start reads day `day` at or after opening, the end
    // reads at most closing time of that day (or midnight when it closes at 24:00).
    a_.clear();
    preimage(base + h.open_min, base + 1440, a_);
    b_.clear();
    preimage(base, base + h.close_min + 1, b_);
    for (Span& s : b_) { s.s -= d; s.e -= d; }
    intersect(a_, b_, c_);
    if (!q_.times.empty()) {
      a_.clear();
      for (const TimeOfDay& w : q_.times) preimage(base + w.from_min, base + w.to_min, a_);
      normalise(a_);
      intersect(c_, a_, b_);
      c_.swap(b_);
    }
    // The query's window.
    for (Span& s : c_) { s.s = std::max(s.s, q_.g0); s.e = std::min(s.e, q_.gmax + 1); }
    // The client's own sessions: a start g clashes with [s, e) when s - d < g < e.
    if (busy_ && !busy_->empty() && !c_.empty()) {
      const Min lo = c_.front().s, hi = c_.back().e;
      a_.clear();
      auto it = std::lower_bound(busy_->begin(), busy_->end(), lo - 2 * 1440, [](const Span& x, Min v) { return x.s < v; });
      bool freed = false;  // the rescheduled session's own span is freed once, for its own client only
      for (; it != busy_->end() && it->s - d + 1 < hi; ++it) {
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
    }
    for (const Span& s : c_) {
      if (s.s >= s.e) continue;
      const Min gs = ceil_grid(s.s), ge = floor_grid(s.e - 1);
      if (gs <= ge) ranges_.push_back({gs, ge});
    }
    count_[i] = ranges_.size() - static_cast<std::size_t>(begin_[i]);
  }

  static Scratch& scratch() {
    thread_local Scratch s;
    return s;
  }

  const Query& q_;
  const std::vector<Span>* busy_;
  Scratch& w_;
  std::vector<int>& begin_;
  std::vector<std::size_t>& count_;
  std::vector<Span>& ranges_;
  std::vector<Span>& a_;
  std::vector<Span>& b_;
  std::vector<Span>& c_;
  int first_ = 0;
};

}  // namespace

Query make_query(const Programme::Impl& m, const SlotRequest& r, Instant clock, const Index* ix) {
  Query q;
  if (r.client_id.empty()) throw ValidationError("", "client_id", "client_required"_rule, "a slot request names the client");
  if (!(ix && ix->client_ids.count(r.client_id)) && !m.clients.count(r.client_id))
    throw NotFoundError(r.client_id, "client_id", "no client '" + r.client_id + "'");
  q.client_id = r.client_id;
  const RefInfo* ref = nullptr;
  RefInfo found;
  if (!r.referral_id.empty()) {
    if (ix)
      if (auto hit = ix->referral_info.find(r.referral_id); hit != ix->referral_info.end()) ref = &hit->second;
    if (!ref) {
      auto it = m.referrals.find(r.referral_id);
      if (it == m.referrals.end()) throw NotFoundError(r.referral_id, "referral_id", "no referral '" + r.referral_id + "'");
      const Referral& x = it->second;
      found = RefInfo{x.client_id, x.offer_id, x.preferred_modality, x.requested_at, x.adjustments};
      ref = &found;
    }
    if (ref->client_id != r.client_id)
      throw ValidationError(r.referral_id, "referral_id", "referral_matches"_rule, "the referral belongs to another client");
    q.referral_id = r.referral_id;
    q.referral = *ref;
  }
  q.offer_id = !r.offer_id.empty() ? r.offer_id : ref ? ref->offer_id : std::string();
  if (q.offer_id.empty()) throw ValidationError("", "offer_id", "offer_required"_rule, "a slot request names the offer or a referral");
  auto oit = m.offers.find(q.offer_id);
  if (oit == m.offers.end()) throw NotFoundError(q.offer_id, "offer_id", "no offer '" + q.offer_id + "'");
  q.offer = &oit->second;
  if (ref && ref->offer_id != q.offer_id)
    throw ValidationError(r.referral_id, "offer_id", "referral_matches"_rule,
                          "referral '" + r.referral_id + "' is for offer '" + ref->offer_id + "', not '" + q.offer_id + "'");
  q.minutes = q.offer->session_minutes;
  q.modality = r.modality ? r.modality : ref ? ref->preferred : std::nullopt;
  if (q.modality) {
    if (!has(q.offer->modalities, *q.modality))
      throw ValidationError(q.offer_id, "modality", "modality_allowed"_rule,
                            std::string("offer '") + q.offer_id + "' is not delivered by " + to_string(*q.modality));
    q.want = static_cast<std::uint8_t>(1U << static_cast<unsigned>(*q.modality));
  } else {
    for (Modality md : q.offer->modalities) q.want |= static_cast<std::uint8_t>(1U << static_cast<unsigned>(md));
  }
  if (!r.preferred_coach.empty()) {
    if (!m.coaches.count(r.preferred_coach))
      throw NotFoundError(r.preferred_coach, "preferred_coach", "no coach '" + r.preferred_coach + "'");
    q.favoured = r.preferred_coach;
  }
  q.favoured_only = r.preferred_coach_only;
  q.continuity = r.continuity;
  for (std::size_t i = 0; i < r.times_of_day.size(); ++i) {
    const TimeOfDay& w = r.times_of_day[i];
    if (w.from_min < 0 || w.to_min > 1440 || w.from_min >= w.to_min)
      throw ValidationError("", ErrorField("times_of_day/" + std::to_string(i)), "time_of_day_range"_rule,
                            "a time-of-day window needs 0 <= from_min < to_min <= 1440 (UK local minutes)");
  }
  q.times = r.times_of_day;
  if ((r.weekdays & 0x7F) == 0)
    throw ValidationError("", "weekdays", "weekday_required"_rule, "no acceptable weekday (bit 0 = Monday ... bit 6 = Sunday)");
  q.weekdays = static_cast<std::uint8_t>(r.weekdays & 0x7F);
  if (r.max_results < 1 || r.max_results > 1000)
    throw ValidationError("", "max_results", "max_results_range"_rule, "max_results must be 1..1000");
  q.max_results = r.max_results;

  const Instant now = r.now.is_special() ? clock : r.now;
  const Instant earliest = r.earliest.is_special() ? now : r.earliest;
  const Instant latest = r.latest.is_special() ? earliest + boost::gregorian::days(kDefaultWindowDays) : r.latest;
  if (latest < earliest) throw ValidationError("", "latest", "window_order"_rule, "latest is before earliest");
  if (latest - earliest > boost::posix_time::hours(24 * kMaxWindowDays))
    throw ValidationError("", "latest", "window_length"_rule,
                          "a search window is at most " + std::to_string(kMaxWindowDays) + " days");
  q.now = floor_min(now, "now");
  const Min notice = ceil_min(now + minutes(q.offer->min_notice_minutes), "now");
  q.g0 = ceil_grid(std::max(ceil_min(earliest, "earliest"), notice));
  q.gmax = floor_grid(floor_min(latest, "latest"));

  if (!r.reschedule_of.empty()) {
    auto it = m.sessions.find(r.reschedule_of);
    if (it == m.sessions.end())
      throw NotFoundError(r.reschedule_of, "reschedule_of", "no session '" + r.reschedule_of + "'");
    const Session& s = it->second;
    if (s.status != SessionStatus::Booked)
      throw ValidationError(s.id, "status", "session_booked"_rule, "only a booked session can be rescheduled");
    q.ignore_id = s.id;
    q.ignore_coach = s.coach_id;
    q.ignore_span = {floor_min(s.start, "start"), ceil_min(s.end(), "start")};
    // Only the session's own client has that span freed: another client busy at the same
    // times (in another session) stays busy.
    q.ignore_client = std::any_of(s.attendees.begin(), s.attendees.end(), [&](const Attendee& a) {
      return a.client_id == q.client_id && a.status != AttendeeStatus::Cancelled;
    });
  }
  q.d0 = local_day(std::min(q.g0, q.gmax));
  q.d1 = local_day(std::max(q.g0, q.gmax)) + 1;
  return q;
}

std::uint32_t continuity_coach(const Index& ix, const std::string& referral_id, const std::string& ignore_id) {
  // The coach of the referral's latest session that the client was booked into.
  auto it = ix.referral_sessions.find(referral_id);
  if (it == ix.referral_sessions.end()) return kNoCoach;
  const RefSession* best = nullptr;
  for (const RefSession& r : it->second) {
    if (r.session_id == ignore_id) continue;
    if (r.status != SessionStatus::Booked && r.status != SessionStatus::Attended &&
        r.status != SessionStatus::ClientDidNotAttend)
      continue;
    if (!best || r.start > best->start || (r.start == best->start && r.session_id > best->session_id)) best = &r;
  }
  return best ? best->coach : kNoCoach;
}

std::vector<Slot> search_locked(const Programme::Impl& m, const Index& ix, const Query& q) {
  std::vector<Slot> out;
  if (q.g0 > q.gmax) return out;
  const OfferIx& ox = ix.offers.at(q.offer_id);
  const int d = q.minutes;
  const std::size_t k = static_cast<std::size_t>(q.max_results);

  const std::vector<Span>* cbusy = nullptr;
  if (auto it = ix.client_busy.find(q.client_id); it != ix.client_busy.end()) cbusy = &it->second;

  constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  std::uint32_t fav = kNone;
  if (!q.favoured.empty()) {
    if (auto it = ix.coach_of.find(q.favoured); it != ix.coach_of.end()) fav = it->second;
  } else if (!q.referral_id.empty() && q.continuity) {
    fav = continuity_coach(ix, q.referral_id, q.ignore_id);
  }

  std::uint32_t ig = kNone;
  int ig_day = 0, ig_week = 0;
  if (!q.ignore_id.empty()) {
    if (auto it = ix.coach_of.find(q.ignore_coach); it != ix.coach_of.end()) ig = it->second;
    ig_day = local_day(q.ignore_span.s);
    ig_week = week_of(ig_day);
  }

  DayWindows windows(q, cbusy);

  // Every grid start of one rota interval [ws, we) of coach c on day `day`, in order, offered to
  // top. `cell` is the coach's cell of the day, `weeks` the week's row.
  auto walk = [&](int day, Min ws, Min we, std::uint32_t c, const Span* S, std::size_t nS, TopK& top, const DayCell& cell,
                  const std::uint16_t* weeks) {
    const Caps& cap = ix.caps[c];
    const int dc = cell.count - (c == ig && day == ig_day ? 1 : 0);
    if (dc >= cap.day) return;
    const int week = week_of(day);
    const int wc = (weeks ? weeks[c] : 0) - (c == ig && week == ig_week ? 1 : 0);
    if (wc >= cap.week) return;
    const Min last = we - d;
    const int buf = cap.buffer;
    const std::vector<Span>* busy = cell.touch ? &ix.coaches[c].busy : nullptr;  // nothing near: skip the diary
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
      if (busy) {
        // First occupied interval that ends (buffer included) after t.
        auto it = std::partition_point(busy->begin(), busy->end(), [&](const Span& b) { return b.e + buf <= t; });
        if (c == ig && it != busy->end() && *it == q.ignore_span) ++it;
        if (it != busy->end() && it->s - buf < t + d) {
          t = ceil_grid(it->e + buf);
          continue;
        }
      }
      if (!top.offer({t, wc, c})) return;
      t += kGrid;
    }
  };

  auto emit = [&](const TopK& top, bool favoured) {
    for (const Key& key : top.keys()) {
      Slot s;
      s.start = instant_of(key.t);
      s.minutes = d;
      s.coach_id = ix.coaches[key.c].id;
      const std::uint8_t bits = static_cast<std::uint8_t>(ox.modal[key.c] & q.want);
      for (Modality md : q.offer->modalities)
        if ((bits >> static_cast<unsigned>(md)) & 1U) {
          s.modality = md;
          break;
        }
      s.favoured = favoured;
      s.coach_week_sessions = key.wc;
      out.push_back(std::move(s));
    }
  };

  // The favoured coach first: walk its own rota intervals.
  if (fav != kNone && (ox.modal[fav] & q.want)) {
    TopK top(k);
    const std::vector<Span>& work = ix.coaches[fav].work;
    auto w = std::partition_point(work.begin(), work.end(), [&](const Span& x) { return x.e - d < q.g0; });
    for (; w != work.end() && w->s <= q.gmax && !top.full(); ++w) {
      const int f = std::max(local_day(std::max(w->s, q.g0)), windows.first_day());
      const int l = std::min(local_day(std::min(w->e - 1, q.gmax)), windows.last_day());
      for (int day = f; day <= l && !top.full(); ++day) {
        auto [S, nS] = windows.get(day);
        if (nS) walk(day, w->s, w->e, fav, S, nS, top, ix.day_row(day)[fav], ix.week_row(week_of(day)));
      }
    }
    emit(top, true);
  }
  if (q.favoured_only || out.size() >= k) return out;

  // Everyone else, day by day, each day's rota intervals in order of start.
  TopK top(k - out.size());
  for (int day = windows.first_day(); day <= windows.last_day() && !top.full(); ++day) {
    if (day < ix.h0 || day >= ix.h1) continue;  // never: the index covers the query
    auto [S, nS] = windows.get(day);
    if (!nS) continue;
    const Min lo = S[0].s;
    const Entry* e = ix.entries.data() + ix.day_begin[static_cast<std::size_t>(day - ix.h0)];
    const Entry* end = ix.entries.data() + ix.day_begin[static_cast<std::size_t>(day - ix.h0) + 1];
    const DayCell* cells = ix.day_row(day);
    const std::uint16_t* weeks = ix.week_row(week_of(day));
    const std::uint8_t* modal = ox.modal.data();
    for (; e != end; ++e) {
      if (ceil_grid(e->ws) > top.bound()) break;  // sorted by start: nothing later can rank
      if (e->coach == fav || !(modal[e->coach] & q.want) || e->we - d < lo) continue;
      walk(day, e->ws, e->we, e->coach, S, nS, top, cells[e->coach], weeks);
    }
  }
  emit(top, false);
  (void)m;
  return out;
}

}  // namespace laycoach::booking::detail
