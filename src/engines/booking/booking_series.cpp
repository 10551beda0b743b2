// Series: N sessions of one client with one coach at a regular interval, booked, moved or
// cancelled whole in one transaction. The engine only lays out the occurrences (UK local
// wall-clock time kept across clock changes) and searches a first start; every occurrence is
// judged by the domain's one acceptance rule through Programme::Impl::check_sessions (each as if
// the ones before it were booked), the episode's agreed number by Impl::check_agreed_sessions,
// and the change is committed by Impl::commit (store first, then memory, one event per session).
#include <algorithm>
#include <cstdio>
#include <limits>
#include <mutex>
#include <set>

#include "booking_detail.hpp"

namespace laycoach::booking {

using namespace detail;

namespace {

using boost::posix_time::minutes;

Instant clock_now() { return boost::posix_time::second_clock::universal_time(); }

std::string generate_series_id(const Programme::Impl& m) {
  std::set<std::string> used;
  for (const auto& [id, s] : m.sessions)
    if (!s.series_id.empty()) used.insert(s.series_id);
  for (std::size_t n = used.size() + 1;; ++n) {
    std::string id = "series-" + std::to_string(n);
    if (!used.count(id)) return id;
  }
}

std::string hhmm(boost::posix_time::time_duration t) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(t.hours()) % 100, static_cast<int>(t.minutes()));
  return buf;
}

// The UK local reading `date` + `tod` as an instant; `later` picks the GMT instant of a repeated one.
std::optional<Instant> local_instant(Date date, boost::posix_time::time_duration tod, bool later) {
  return from_uk_local(LocalDateTime(date, tod), later);
}

// An error of occurrence i, told in the series' terms: record = the series, field under
// "occurrences/<i>/", the rule unchanged, the occurrence and its start in the detail.
// `n` is the number of occurrences (0: not told).
[[noreturn]] void rethrow_occurrence(const Error& e, const std::string& series_id, std::size_t i, std::size_t n,
                                     Instant start) {
  const std::string field = "occurrences/" + std::to_string(i) + (e.field().empty() ? "" : "/" + e.field());
  throw_error(e.code(), series_id, ErrorField(field), ErrorRule(e.rule()),
              "occurrence " + std::to_string(i + 1) + (n ? " of " + std::to_string(n) : std::string()) + " (index " +
                  std::to_string(i) + ", start " + format_instant(start) + "): " + e.detail());
}

// Every occurrence through the one acceptance rule, the earlier ones counting; `freed` are
// booked sessions being replaced.
void check_all(Programme::Impl& m, const std::string& series_id, const std::vector<Session>& xs,
               const std::vector<std::string>& freed) {
  m.check_sessions(xs, freed, [&](std::size_t i, const Error& e) { rethrow_occurrence(e, series_id, i, xs.size(), xs[i].start); });
}

void check_override(const SeriesRequest& r, const std::string& id) {
  if (r.override_by.empty() != r.override_reason.empty())
    throw ValidationError(id, ErrorField(r.override_by.empty() ? "override_by" : "override_reason"), "override_named"_rule,
                          "an override of the agreed number of sessions names both who allowed it and why");
}

// What a series request resolves to under the lock: the query (client, offer, referral,
// modality), the coach, the series id and the present.
struct Resolved {
  Query q;
  std::string id;
  std::string coach;
  Instant now;
};

SlotRequest slot_request(const SeriesRequest& r) {
  SlotRequest s;
  s.client_id = r.client_id;
  s.offer_id = r.offer_id;
  s.referral_id = r.referral_id;
  s.modality = r.modality;
  s.now = r.now;
  return s;
}

Resolved resolve(Programme::Impl& m, const SeriesRequest& r, const SlotRequest& sr, Instant clock) {
  Resolved x;
  x.id = r.series_id.empty() ? generate_series_id(m) : r.series_id;
  if (!r.series_id.empty())
    for (const auto& [sid, s] : m.sessions)
      if (s.series_id == r.series_id)
        throw ConflictError(r.series_id, "series_id", "unique_id"_rule, "series '" + r.series_id + "' already exists");
  check_override(r, x.id);
  x.q = make_query(m, sr, clock);
  x.now = r.now.is_special() ? clock : r.now;
  if (!r.coach_id.empty()) {
    if (!m.coaches.count(r.coach_id)) throw NotFoundError(r.coach_id, "coach_id", "no coach '" + r.coach_id + "'");
    x.coach = r.coach_id;
  } else {
    if (!x.q.referral_id.empty()) {
      Index& ix = ensure_index(m, x.q.d0, x.q.d1);
      if (const std::uint32_t c = continuity_coach(ix, x.q.referral_id, {}); c != kNoCoach) x.coach = ix.supply->coach_ids[c];
    }
    if (x.coach.empty())
      throw ValidationError(x.id, "coach_id", "coach_required"_rule,
                            "a series is with one coach: name it, or give a referral that already has a coach");
  }
  return x;
}

// The modality of the series: the query's (requested or the referral's preferred), else the
// offer's first that the coach works by.
Modality modality_of(const Programme::Impl& m, const Query& q, const std::string& coach) {
  if (q.modality) return *q.modality;
  const Coach& c = m.coaches.at(coach);
  for (Modality md : q.offer->modalities)
    if (std::find(c.modalities.begin(), c.modalities.end(), md) != c.modalities.end()) return md;
  return q.offer->modalities.empty() ? Modality::Video : q.offer->modalities.front();  // refused by the rule
}

std::vector<Session> lay_out(Programme::Impl& m, Index& ix, const SeriesRequest& r, const Resolved& x, Instant first,
                             Modality modality) {
  const std::vector<Instant> starts = series_starts(first, r.count, r.repeat, r.every, x.id);
  BookingDetails d;
  d.requested_at = r.requested_at;
  d.adjustments = r.adjustments;
  std::vector<Session> out;
  out.reserve(starts.size());
  for (std::size_t i = 0; i < starts.size(); ++i) {
    Slot slot;
    slot.start = starts[i];
    slot.coach_id = x.coach;
    slot.modality = modality;
    d.first_offered = starts[i];
    Session s = new_session(x.q, slot, d, x.now, generate_session_id(m, ix));
    s.series_id = x.id;
    s.series_index = static_cast<int>(i);
    s.agreed_override_by = r.override_by;
    s.agreed_override_reason = r.override_reason;
    out.push_back(std::move(s));
  }
  return out;
}

void commit_all(Programme::Impl& m, std::vector<Session> sessions) {
  ChangeSet cs;
  cs.upserts.sessions = std::move(sessions);
  m.commit(std::move(cs));
}

std::vector<const Session*> members(const Programme::Impl& m, const std::string& series_id) {
  if (series_id.empty()) throw ValidationError("", "series_id", "series_required"_rule, "name the series");
  std::vector<const Session*> v;
  for (const auto& [id, s] : m.sessions)
    if (s.series_id == series_id) v.push_back(&s);
  if (v.empty()) throw NotFoundError(series_id, "series_id", "no series '" + series_id + "'");
  std::stable_sort(v.begin(), v.end(), [](const Session* a, const Session* b) {
    return a->series_index != b->series_index ? a->series_index < b->series_index : a->start < b->start;
  });
  return v;
}

template <class Pick>
std::vector<Session> cancel_where(Programme& p, const std::string& series_id, Party by, Pick pick) {
  auto& m = laycoach::detail::impl_of(p);
  auto lk = m.write();
  const SessionStatus outcome = by == Party::Client ? SessionStatus::CancelledByClient : SessionStatus::CancelledByCoach;
  std::vector<Session> out;
  for (const Session* s : members(m, series_id))
    if (s->status == SessionStatus::Booked && pick(*s)) out.push_back(Programme::Impl::with_outcome(*s, outcome));
  if (!out.empty()) commit_all(m, out);
  return out;
}

}  // namespace

const char* to_string(Repeat v) noexcept { return v == Repeat::Weekly ? "weekly" : "daily"; }

std::optional<Repeat> parse_repeat(std::string_view s) noexcept {
  if (s == "weekly") return Repeat::Weekly;
  if (s == "daily") return Repeat::Daily;
  return std::nullopt;
}

std::vector<Instant> series_starts(Instant first, int count, Repeat repeat, int every, const std::string& record) {
  if (first.is_special()) throw ValidationError(record, "first_start", "instant_required"_rule, "a series needs its first start");
  if (count < 1 || count > kMaxSeriesSessions)
    throw ValidationError(record, "count", "series_count_range"_rule,
                          "a series has 1.." + std::to_string(kMaxSeriesSessions) + " sessions, not " + std::to_string(count));
  const long long step = repeat == Repeat::Weekly ? 7LL : 1LL;
  if (every < 1 || step * every > kMaxSeriesDays)
    throw ValidationError(record, "every", "series_interval_range"_rule,
                          "a series repeats every 1 or more " + std::string(repeat == Repeat::Weekly ? "weeks" : "days") +
                              ", within " + std::to_string(kMaxSeriesDays) + " days");
  const long long span = step * every * (count - 1);
  if (span > kMaxSeriesDays)
    throw ValidationError(record, "count", "series_span"_rule,
                          "a series spans at most " + std::to_string(kMaxSeriesDays) + " days from first to last start; this one " +
                              std::to_string(span));
  floor_min(first, "first_start");  // inside the engine's years
  const LocalDateTime l = to_uk_local(first);
  // A first start in the repeated autumn hour keeps its offset on later repeated readings.
  const bool later = classify_uk_local(l) == LocalTimeKind::Ambiguous && uk_utc_offset_minutes(first) == 0;
  std::vector<Instant> out;
  out.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    const Date d = l.date() + boost::gregorian::days(static_cast<long>(step * every * i));
    const auto t = local_instant(d, l.time_of_day(), later);
    if (!t)
      throw ValidationError(record, ErrorField("occurrences/" + std::to_string(i) + "/start"), "local_time_exists"_rule,
                            "occurrence " + std::to_string(i + 1) + " would start at " + format_date(d) + " " +
                                hhmm(l.time_of_day()) +
                                " UK local time, which the clock change skips");
    out.push_back(*t);
  }
  return out;
}

std::vector<Session> book_series(Programme& p, const SeriesRequest& r) {
  auto& m = laycoach::detail::impl_of(p);
  const Instant clock = clock_now();
  SlotRequest sr = slot_request(r);
  sr.earliest = sr.latest = r.first_start.is_special() ? clock : r.first_start;
  auto lk = m.write();
  const Resolved x = resolve(m, r, sr, clock);
  if (r.first_start.is_special())
    throw ValidationError(x.id, "first_start", "instant_required"_rule, "a series needs its first start");
  Index& ix = ensure_index(m, x.q.d0, x.q.d1);
  std::vector<Session> xs = lay_out(m, ix, r, x, r.first_start, modality_of(m, x.q, x.coach));
  m.check_agreed_sessions(x.id, x.q.referral_id, r.count, {}, r.override_by);
  check_all(m, x.id, xs, {});
  commit_all(m, xs);
  return xs;
}

std::vector<Session> book_series_earliest(Programme& p, const SeriesRequest& r) {
  auto& m = laycoach::detail::impl_of(p);
  const Instant clock = clock_now();
  SlotRequest sr = slot_request(r);
  sr.earliest = r.earliest;
  sr.latest = r.latest;
  sr.times_of_day = r.times_of_day;
  sr.weekdays = r.weekdays;
  sr.max_results = 1000;
  auto lk = m.write();
  const Resolved x = resolve(m, r, sr, clock);
  // Count, interval and span are the request's, whatever the first start: check them once.
  series_starts(x.q.g0 <= x.q.gmax ? instant_of(x.q.g0) : x.now, r.count, r.repeat, r.every, x.id);
  m.check_agreed_sessions(x.id, x.q.referral_id, r.count, {}, r.override_by);
  Query q = x.q;
  q.favoured = x.coach;
  q.favoured_only = true;
  const Modality modality = modality_of(m, q, x.coach);
  for (;;) {
    Index& ix = ensure_index(m, q.d0, q.d1);
    const std::vector<Slot> slots = search_locked(m, ix, q);
    for (const Slot& s : slots) {
      if (s.modality != modality && !q.modality) continue;  // one modality for the whole series
      std::vector<Session> xs;
      try {
        xs = lay_out(m, ix, r, x, s.start, modality);
        check_all(m, x.id, xs, {});
      } catch (const Error& e) {
        if (e.field().find("/attendees") != std::string::npos) throw;  // about the client: no start helps
        continue;
      }
      commit_all(m, xs);
      return xs;
    }
    if (slots.size() < static_cast<std::size_t>(q.max_results) || slots.empty()) break;
    q.g0 = floor_min(slots.back().start, "start") + kGrid;  // the next batch of candidate first starts
    if (q.g0 > q.gmax) break;
  }
  throw ConflictError(x.id, "first_start", "no_series_available"_rule,
                      "no first start between " + format_instant(instant_of(x.q.g0)) + " and " +
                          format_instant(instant_of(x.q.gmax)) + " lets all " + std::to_string(r.count) +
                          " sessions of the series fit with coach '" + x.coach + "'");
}

std::vector<Session> series(const Programme& p, const std::string& series_id) {
  auto& m = laycoach::detail::impl_of(p);
  auto lk = m.read();
  std::vector<Session> out;
  for (const Session* s : members(m, series_id)) out.push_back(*s);
  return out;
}

std::vector<Session> cancel_series(Programme& p, const std::string& series_id, int from_index, Party by) {
  return cancel_where(p, series_id, by, [&](const Session& s) { return s.series_index >= from_index; });
}

std::vector<Session> cancel_series(Programme& p, const std::string& series_id, Instant from, Party by) {
  if (from.is_special()) throw ValidationError(series_id, "from", "instant_required"_rule, "cancel the series from when?");
  return cancel_where(p, series_id, by, [&](const Session& s) { return !(s.start < from); });
}

std::vector<Session> move_series(Programme& p, const std::string& series_id, int from_index, Instant new_first_start,
                                 Instant now) {
  auto& m = laycoach::detail::impl_of(p);
  if (now.is_special()) now = clock_now();
  if (new_first_start.is_special())
    throw ValidationError(series_id, "new_first_start", "instant_required"_rule, "move the series to when?");
  auto lk = m.write();
  std::vector<Session> rest;
  for (const Session* s : members(m, series_id))
    if (s->status == SessionStatus::Booked && s->series_index >= from_index) rest.push_back(*s);
  if (rest.empty())
    throw ValidationError(series_id, "from_index", "series_rest_booked"_rule,
                          "series '" + series_id + "' has no booked session from occurrence " + std::to_string(from_index));
  const Min nf = floor_min(new_first_start, "new_first_start");
  Index& ix = ensure_index(m, local_day(nf), local_day(nf) + 1);
  const LocalDateTime to = to_uk_local(new_first_start);
  const bool later = classify_uk_local(to) == LocalTimeKind::Ambiguous && uk_utc_offset_minutes(new_first_start) == 0;
  const Date base = to_uk_local(rest.front().start).date();
  std::vector<Session> olds, news;
  std::vector<std::string> freed;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    const Session& old = rest[i];
    const Date d = to.date() + (to_uk_local(old.start).date() - base);
    const auto start = local_instant(d, to.time_of_day(), later);
    if (!start)
      throw ValidationError(series_id, ErrorField("occurrences/" + std::to_string(old.series_index) + "/start"),
                            "local_time_exists"_rule,
                            "occurrence " + std::to_string(old.series_index + 1) + " would start at " + format_date(d) + " " +
                                hhmm(to.time_of_day()) +
                                " UK local time, which the clock change skips");
    Session x = old;
    x.id = generate_session_id(m, ix);
    x.start = *start;
    x.booked_at = now;
    auto [o, n] = Programme::Impl::moved(old, std::move(x));  // the domain's transformation of a reschedule
    olds.push_back(std::move(o));
    news.push_back(std::move(n));
    freed.push_back(old.id);
  }
  m.check_sessions(news, freed, [&](std::size_t i, const Error& e) {
    rethrow_occurrence(e, series_id, static_cast<std::size_t>(news[i].series_index), 0, news[i].start);
  });
  std::vector<Session> all = olds;
  all.insert(all.end(), news.begin(), news.end());
  commit_all(m, std::move(all));
  return news;
}

}  // namespace laycoach::booking
