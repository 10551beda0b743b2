// The booking engine's public face: search, book, cancel, did-not-attend, reschedule, group
// places and their waiting list, access figures. Every change is validated under the
// programme's write lock by the domain's one acceptance rule (Programme::Impl::check_session,
// with the scheduling rules of schedule.cpp; joining and moving through Impl::joined and
// Impl::move_session), then committed through Impl::commit: store first, then memory, so a
// failure changes nothing. The engine owns search and its indexes, no rule of its own.
#include <algorithm>
#include <cmath>
#include <limits>
#include <mutex>
#include <shared_mutex>

#include "booking_detail.hpp"

namespace laycoach::booking {

using namespace detail;

namespace {

using boost::posix_time::hours;
using boost::posix_time::minutes;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Instant clock_now() { return boost::posix_time::second_clock::universal_time(); }

// An id no real session has (it holds a NUL), for checking a slot with check_session.
const std::string& probe_id() {
  static const std::string id("\0slot-probe", 11);
  return id;
}

}  // namespace

namespace detail {

bool about_client(const Error& e) { return e.field().rfind("attendees", 0) == 0; }

std::string generate_session_id(const Programme::Impl& m, Index& ix) {
  // A fresh index has seen every session id (Index::next_id): the next number is free without a
  // search of the sessions; otherwise each candidate is looked up.
  const bool seen_all = ix.fresh(m);
  for (;;) {
    std::string id = "bk-";
    id += std::to_string(ix.next_id++);
    if (seen_all || !m.sessions.count(id)) return id;
  }
}

}  // namespace detail

namespace {

std::string generate_wait_id(const Programme::Impl& m) {
  for (std::size_t n = m.waiting_list.size() + 1;; ++n) {
    std::string id = "wl-" + std::to_string(n);
    if (!m.waiting_list.count(id)) return id;
  }
}

}  // namespace

Session detail::new_session(const Query& q, const Slot& slot, const BookingDetails& d, Instant now, std::string id) {
  const RefInfo* ref = q.referral_id.empty() ? nullptr : &q.referral;
  Session x;
  x.id = std::move(id);
  x.offer_id = q.offer_id;
  x.coach_id = slot.coach_id;
  x.attendees = {Attendee{q.client_id, q.referral_id, AttendeeStatus::Booked}};
  x.start = slot.start;
  x.minutes = q.minutes;
  x.modality = slot.modality;
  x.status = SessionStatus::Booked;
  x.booked_at = now;
  x.requested_at = !d.requested_at.is_special() ? d.requested_at : ref ? ref->requested_at : now;
  x.first_offered = !d.first_offered.is_special() ? d.first_offered : slot.start;
  x.adjustments = !d.adjustments.empty() ? d.adjustments : ref ? ref->adjustments : std::string();
  return x;
}

namespace {


void commit_sessions(Programme::Impl& m, std::vector<Session> sessions, std::vector<WaitingListEntry> waits = {}) {
  ChangeSet cs;
  cs.upserts.sessions = std::move(sessions);
  cs.upserts.waiting_list = std::move(waits);
  m.commit(std::move(cs));
}

// A new booking committed: one copy of it goes into the change (an initializer list would make
// two). The change is the index's spare, committed in place and emptied again afterwards (also
// when the commit throws): a default ChangeSet builds the default triage rules (allocations)
// that a change with policy_changed false never reads, and building and destroying a whole
// ProgrammeData per booking showed in the profile. Emptied, the spare holds empty lists and
// policy_changed false, which is all the next booking needs of it. `place`: where check_session
// found x's id goes, nothing changed since.
void commit_one(Programme::Impl& m, Index& ix, const Session& x, const SessionPlace& place) {
  ChangeSet& cs = ix.spare_change;
  struct Empty {
    ChangeSet& cs;
    ~Empty() {
      cs.upserts.sessions.clear();
      cs.created.clear();
      cs.events.clear();
    }
  } empty{cs};
  cs.upserts.sessions.push_back(x);
  m.commit_change(cs, &place);
}

const Session& session_or_throw(const Programme::Impl& m, const std::string& id) {
  auto it = m.sessions.find(id);
  if (it == m.sessions.end()) throw NotFoundError(id, "session_id", "no session '" + id + "'");
  return it->second;
}

const Session& booked_session(const Programme::Impl& m, const std::string& id, const char* what) {
  const Session& s = session_or_throw(m, id);
  if (s.status != SessionStatus::Booked)
    throw ValidationError(id, "status", "session_booked"_rule,
                          std::string("only a booked session can be ") + what + "; it is " + to_string(s.status));
  return s;
}

// Run `fn(index)` under the shared lock with an index that is fresh and covers days [d0, d1),
// building it under the write lock first when needed.
template <class Days, class Fn>
auto with_index(const Programme& p, Days days, Fn fn) {
  auto& m = laycoach::detail::impl_of(p);
  for (int attempt = 0; attempt < 8; ++attempt) {
    {
      auto lk = m.read();
      const auto [d0, d1] = days(m);
      Index* ix = find_index(m);
      if (ix && ix->fresh(m) && ix->covers(d0, d1)) return fn(m, *ix);
    }
    std::unique_lock lk(m.mu);
    const auto [d0, d1] = days(m);
    ensure_index(m, d0, d1);
  }
  throw InternalError("the booking index could not be brought up to date");
}

std::vector<WaitingListEntry> ordered_list(const Programme::Impl& m, const std::string& session_id) {
  std::vector<WaitingListEntry> v;
  for (const auto& [id, w] : m.waiting_list)
    if (w.session_id == session_id) v.push_back(w);
  std::stable_sort(v.begin(), v.end(), [](const WaitingListEntry& a, const WaitingListEntry& b) {
    return a.added_at != b.added_at ? a.added_at < b.added_at : a.id < b.id;
  });
  return v;
}

// Offers for the free places of a session: the earliest Waiting entries become Offered.
// `withdrawn` is an entry being withdrawn in the same transaction (its offer no longer holds a place).
std::vector<WaitingListEntry> next_offers(const Programme::Impl& m, const Session& s, Instant now,
                                          const std::string& withdrawn = {}) {
  std::vector<WaitingListEntry> out;
  if (s.status != SessionStatus::Booked) return out;
  long long free = m.free_places(s, {}, withdrawn);
  if (free <= 0) return out;
  for (WaitingListEntry w : ordered_list(m, s.id)) {
    if (free <= 0) break;
    if (w.status != WaitStatus::Waiting || w.id == withdrawn) continue;
    // A client already in the session does not need the place.
    if (std::any_of(s.attendees.begin(), s.attendees.end(), [&](const Attendee& a) {
          return a.client_id == w.client_id && a.status != AttendeeStatus::Cancelled;
        }))
      continue;
    w.status = WaitStatus::Offered;
    w.offered_at = now;
    out.push_back(w);
    --free;
  }
  return out;
}


// A reschedule found by the engine (new id, start, coach, modality), made by the domain's one
// rule for moving a session (Impl::move_session). Caller holds the write lock.
Session move(Programme::Impl& m, Index& ix, const Session& old, Instant start, const std::string& coach, Modality modality,
             Instant now, const BookingDetails& d) {
  Session x = old;
  x.id = d.session_id.empty() ? generate_session_id(m, ix) : d.session_id;
  x.start = start;
  x.coach_id = coach;
  x.modality = modality;
  x.booked_at = now;
  if (!d.adjustments.empty()) x.adjustments = d.adjustments;
  return m.move_session(old, std::move(x));  // the domain's one rule for a reschedule
}

// Why nothing was found, in the request's terms.
std::string no_slot(const Query& q) {
  if (q.g0 > q.gmax)
    return "the window closes (" + format_instant(instant_of(q.gmax)) + ") before the earliest bookable start (" +
           format_instant(instant_of(q.g0)) + ": now plus the offer's notice, on the 15-minute grid)";
  return "no coach can take offer '" + q.offer_id + "' for this client between " + format_instant(instant_of(q.g0)) +
         " and " + format_instant(instant_of(q.gmax)) + " (rota, opening hours, diaries, caps and preferences)";
}

// A client-level error met while checking a slot, told in the request's terms.
[[noreturn]] void rethrow_for_request(const Error& e, const Query& q) {
  const bool ref = e.field().ends_with("referral_id");
  throw_error(e.code(), ref ? q.referral_id : q.client_id, ErrorField(ref ? "referral_id" : "client_id"), ErrorRule(e.rule()), e.detail());
}

double median(std::vector<double> v) {
  std::erase_if(v, [](double x) { return std::isnan(x); });
  if (v.empty()) return kNaN;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

const char* to_string(Party v) noexcept { return v == Party::Client ? "client" : "coach"; }

std::optional<Party> parse_party(std::string_view s) noexcept {
  if (s == "client") return Party::Client;
  if (s == "coach") return Party::Coach;
  return std::nullopt;
}

// ---- search and book -----------------------------------------------------------------------------

std::vector<Slot> search(const Programme& p, const SlotRequest& r) {
  auto& m = laycoach::detail::impl_of(p);
  const Instant clock = r.now.is_special() ? clock_now() : r.now;  // "now" is all make_query reads it for
  for (int attempt = 0; attempt < 8; ++attempt) {
    {
      auto lk = m.read();
      Index* ix = find_index(m);
      if (ix && !ix->fresh(m)) ix = nullptr;
      const Query q = make_query(m, r, clock, ix);
      if (ix && ix->covers(q.d0, q.d1)) {
        std::vector<Slot> slots = search_locked(m, *ix, q);
        if (slots.empty()) return slots;
        // The client's side of the programme's own rule (Impl::check_attendees, the part of
        // check_session that does not depend on the slot), once per client, offer and referral:
        // reports the client's eligibility, consent and referral. The slot's side is what the
        // kernel searched by (the randomised brute-force test is its guard), and every booking
        // is checked whole by check_session.
        const Index::RefEntry* ref = q.referral_id.empty() ? nullptr : ix->known_referral(q.referral_id);
        std::string key;
        if (!ref) key.append(q.client_id).append(1, '\x1f').append(q.offer_id).append(1, '\x1f').append(q.referral_id);
        if (ref ? ix->verified(*ref) : ix->verified(key)) return slots;
        Session probe;
        probe.id = probe_id();
        probe.offer_id = q.offer_id;
        probe.coach_id = slots[0].coach_id;
        probe.attendees = {Attendee{q.client_id, q.referral_id, AttendeeStatus::Booked}};
        probe.start = slots[0].start;
        probe.minutes = q.minutes;
        probe.modality = slots[0].modality;
        try {
          m.check_attendees(probe, *q.offer, true);
        } catch (const Error& e) {
          rethrow_for_request(e, q);
        }
        if (ref) ix->mark_verified(*ref);
        else ix->mark_verified(key);
        return slots;
      }
    }
    std::unique_lock lk(m.mu);
    const Query q = make_query(m, r, clock);
    ensure_index(m, q.d0, q.d1);
  }
  throw InternalError("the booking index could not be brought up to date");
}

Session book_earliest(Programme& p, const SlotRequest& r, const BookingDetails& d) {
  auto& m = laycoach::detail::impl_of(p);
  const Instant clock = r.now.is_special() ? clock_now() : r.now;
  auto lk = m.write();
  Index* known = find_index(m);
  Query q = make_query(m, r, clock, known && known->fresh(m) ? known : nullptr);
  q.max_results = 1;
  const Instant now = r.now.is_special() ? clock : r.now;
  for (int attempt = 0;; ++attempt) {
    Index& ix = ensure_index(m, q.d0, q.d1);
    Hit hit;
    const std::vector<Slot> slots = search_locked(m, ix, q, &hit);
    if (slots.empty())
      throw ConflictError(q.client_id, "start", "no_slot_available"_rule, no_slot(q));
    Session x = new_session(q, slots[0], d, now, d.session_id.empty() ? generate_session_id(m, ix) : d.session_id);
    ix.prefetch_coach(hit.coach, true);  // the coach's lists, now that its record has arrived
    SessionPlace place;
    try {
      m.check_session(x, true, true, {}, nullptr, &place);  // the one acceptance rule; x.booked_at is now
    } catch (const Error& e) {
      if (attempt == 0 && !about_client(e) && e.rule() != "unique_id") {
        ix.dirty = true;  // the index disagreed with the records: rebuild and search again
        continue;
      }
      throw;
    }
    commit_one(m, ix, x, place);
    return x;
  }
}

Session book_slot(Programme& p, const SlotRequest& r, const Slot& chosen, const BookingDetails& d) {
  auto& m = laycoach::detail::impl_of(p);
  const Instant clock = clock_now();
  if (chosen.coach_id.empty()) throw ValidationError("", "coach_id", "coach_required"_rule, "the chosen slot names no coach");
  if (chosen.start.is_special()) throw ValidationError("", "start", "instant_required"_rule, "the chosen slot has no start");
  SlotRequest rr = r;
  rr.earliest = rr.latest = chosen.start;  // the window plays no part; resolve client, offer, referral
  rr.times_of_day.clear();
  rr.weekdays = 0x7F;
  auto lk = m.write();
  const Query q = make_query(m, rr, clock);
  const Instant now = r.now.is_special() ? clock : r.now;
  Index& ix = ensure_index(m, q.d0, q.d1);
  if (!q.ignore_id.empty())  // a slot found for reschedule_of: move that session
    return move(m, ix, m.sessions.at(q.ignore_id), chosen.start, chosen.coach_id, chosen.modality, now, d);
  Session x = new_session(q, chosen, d, now, d.session_id.empty() ? generate_session_id(m, ix) : d.session_id);
  SessionPlace place;
  m.check_session(x, true, true, {}, nullptr, &place);  // the one acceptance rule; x.booked_at is now
  commit_one(m, ix, x, place);
  return x;
}

// ---- outcomes and moves ------------------------------------------------------------------------------

Session cancel(Programme& p, const std::string& session_id, Party by) {
  return p.record_outcome(session_id, by == Party::Client ? SessionStatus::CancelledByClient : SessionStatus::CancelledByCoach);
}

Session did_not_attend(Programme& p, const std::string& session_id, Party who) {
  return p.record_outcome(session_id, who == Party::Client ? SessionStatus::ClientDidNotAttend : SessionStatus::CoachDidNotAttend);
}

Session reschedule(Programme& p, const std::string& session_id, Instant new_start, Instant now, const BookingDetails& d) {
  auto& m = laycoach::detail::impl_of(p);
  if (now.is_special()) now = clock_now();
  auto lk = m.write();
  const Session old = booked_session(m, session_id, "rescheduled");
  const int day = local_day(floor_min(new_start, "start"));
  Index& ix = ensure_index(m, day, day + 1);
  return move(m, ix, old, new_start, old.coach_id, old.modality, now, d);
}

Session reschedule_earliest(Programme& p, const std::string& session_id, SlotRequest r, const BookingDetails& d) {
  auto& m = laycoach::detail::impl_of(p);
  const Instant clock = clock_now();
  auto lk = m.write();
  const Session old = booked_session(m, session_id, "rescheduled");
  if (old.attendees.empty()) throw ValidationError(session_id, "attendees", "attendee_required"_rule, "the session has no client");
  const Attendee& first = old.attendees.front();
  if (r.client_id.empty()) r.client_id = first.client_id;
  if (r.offer_id.empty()) r.offer_id = old.offer_id;
  if (r.offer_id != old.offer_id)
    throw ValidationError(session_id, "offer_id", "same_offer"_rule, "a rescheduled session keeps its offer");
  if (r.referral_id.empty()) {
    for (const Attendee& a : old.attendees)
      if (a.client_id == r.client_id) r.referral_id = a.referral_id;
  }
  if (!r.modality) r.modality = old.modality;
  if (r.preferred_coach.empty() && r.continuity) r.preferred_coach = old.coach_id;
  r.reschedule_of = session_id;
  Query q = make_query(m, r, clock);
  q.max_results = 1;
  const Instant now = r.now.is_special() ? clock : r.now;
  for (int attempt = 0;; ++attempt) {
    Index& ix = ensure_index(m, q.d0, q.d1);
    const std::vector<Slot> slots = search_locked(m, ix, q);
    if (slots.empty())
      throw ConflictError(session_id, "start", "no_slot_available"_rule, "cannot move session '" + session_id + "': " + no_slot(q));
    try {
      return move(m, ix, old, slots[0].start, slots[0].coach_id, slots[0].modality, now, d);
    } catch (const Error& e) {
      if (attempt == 0 && !about_client(e) && e.rule() != "unique_id") {
        ix.dirty = true;
        continue;
      }
      throw;
    }
  }
}

// ---- group and team sessions ----------------------------------------------------------------------

std::vector<Session> open_group_sessions(const Programme& p, const SlotRequest& r) {
  auto& m = laycoach::detail::impl_of(p);
  const Instant clock = clock_now();
  auto lk = m.read();
  SlotRequest rr = r;
  rr.max_results = 1;
  const Query q = make_query(m, rr, clock);
  const Instant now = r.now.is_special() ? clock : r.now;
  Instant lo = r.earliest.is_special() ? now : r.earliest;
  lo = std::max(lo, now + minutes(q.offer->min_notice_minutes));
  const Instant hi = r.latest.is_special() ? (r.earliest.is_special() ? now : r.earliest) + boost::gregorian::days(kDefaultWindowDays)
                                           : r.latest;
  std::vector<Session> out;
  for (const auto& [coach, time] : m.coach_busy) {
    for (auto it = time.from(lo); it != time.busy.end() && !(hi < it->start); ++it) {
      const Session& s = *it->session;
      if (s.offer_id != q.offer_id || s.status != SessionStatus::Booked) continue;
      if (std::any_of(s.attendees.begin(), s.attendees.end(), [&](const Attendee& a) {
            return a.client_id == q.client_id && a.status != AttendeeStatus::Cancelled;
          }))
        continue;
      if (m.free_places(s) <= 0) continue;
      if (m.overlapping(m.client_busy, q.client_id, s.start, s.end(), s.id)) continue;
      out.push_back(s);
    }
  }
  std::sort(out.begin(), out.end(), [](const Session& a, const Session& b) { return a.start != b.start ? a.start < b.start : a.id < b.id; });
  return out;
}

Session join(Programme& p, const std::string& session_id, const Attendee& a) {
  return p.join(session_id, a);  // the domain's one rule for joining (capacity, waiting-list holds)
}

WaitingListEntry join_waiting_list(Programme& p, const std::string& session_id, const Attendee& a, Instant now,
                                   const std::string& id) {
  auto& m = laycoach::detail::impl_of(p);
  if (now.is_special()) now = clock_now();
  auto lk = m.write();
  const Session& s = booked_session(m, session_id, "waited for");
  if (std::any_of(s.attendees.begin(), s.attendees.end(), [&](const Attendee& y) {
        return y.client_id == a.client_id && y.status != AttendeeStatus::Cancelled;
      }))
    throw ConflictError(session_id, "client_id", "already_joined"_rule, "client '" + a.client_id + "' already has a place");
  for (const auto& [wid, w] : m.waiting_list)
    if (w.session_id == session_id && w.client_id == a.client_id &&
        (w.status == WaitStatus::Waiting || w.status == WaitStatus::Offered))
      throw ConflictError(wid, "client_id", "already_listed"_rule, "client '" + a.client_id + "' is already on the waiting list");
  WaitingListEntry w;
  w.id = id.empty() ? generate_wait_id(m) : id;
  w.session_id = session_id;
  w.client_id = a.client_id;
  w.referral_id = a.referral_id;
  w.added_at = now;
  w.status = WaitStatus::Waiting;
  m.check_wait(w, true);
  if (m.free_places(s) > 0)
    throw ConflictError(session_id, "attendees", "place_available"_rule, "session '" + session_id + "' has a free place: join it");
  ChangeSet cs;
  cs.upserts.waiting_list.push_back(w);
  m.commit(std::move(cs));
  return w;
}

std::vector<WaitingListEntry> waiting_list(const Programme& p, const std::string& session_id) {
  auto& m = laycoach::detail::impl_of(p);
  auto lk = m.read();
  session_or_throw(m, session_id);
  return ordered_list(m, session_id);
}

std::vector<WaitingListEntry> offer_freed_places(Programme& p, const std::string& session_id, Instant now) {
  auto& m = laycoach::detail::impl_of(p);
  if (now.is_special()) now = clock_now();
  auto lk = m.write();
  const Session& s = session_or_throw(m, session_id);
  std::vector<WaitingListEntry> offers = next_offers(m, s, now);
  if (!offers.empty()) {
    ChangeSet cs;
    cs.upserts.waiting_list = offers;
    m.commit(std::move(cs));
  }
  return offers;
}

Session accept_place(Programme& p, const std::string& wait_id) {
  auto& m = laycoach::detail::impl_of(p);
  auto lk = m.write();
  auto it = m.waiting_list.find(wait_id);
  if (it == m.waiting_list.end()) throw NotFoundError(wait_id, "id", "no waiting list entry '" + wait_id + "'");
  WaitingListEntry w = it->second;
  if (w.status != WaitStatus::Offered)
    throw ValidationError(wait_id, "status", "place_offered"_rule,
                          std::string("only an offered place can be accepted; the entry is ") + to_string(w.status));
  const Session& s = booked_session(m, w.session_id, "joined");
  Session x = m.joined(s, Attendee{w.client_id, w.referral_id, AttendeeStatus::Booked});
  w.status = WaitStatus::Joined;
  commit_sessions(m, {x}, {w});
  return x;
}

std::optional<WaitingListEntry> decline_place(Programme& p, const std::string& wait_id, Instant now) {
  auto& m = laycoach::detail::impl_of(p);
  if (now.is_special()) now = clock_now();
  auto lk = m.write();
  auto it = m.waiting_list.find(wait_id);
  if (it == m.waiting_list.end()) throw NotFoundError(wait_id, "id", "no waiting list entry '" + wait_id + "'");
  WaitingListEntry w = it->second;
  if (w.status != WaitStatus::Waiting && w.status != WaitStatus::Offered)
    throw ValidationError(wait_id, "status", "wait_active"_rule,
                          std::string("the entry is already ") + to_string(w.status));
  const bool held = w.status == WaitStatus::Offered;
  w.status = WaitStatus::Withdrawn;
  std::vector<WaitingListEntry> change{w};
  std::optional<WaitingListEntry> next;
  if (held) {
    auto more = next_offers(m, session_or_throw(m, w.session_id), now, wait_id);
    if (!more.empty()) next = more.front();
    change.insert(change.end(), more.begin(), more.end());
  }
  ChangeSet cs;
  cs.upserts.waiting_list = std::move(change);
  m.commit(std::move(cs));
  return next;
}

Session cancel_place(Programme& p, const std::string& session_id, const std::string& client_id, Instant now) {
  p.record_attendance(session_id, client_id, AttendeeStatus::Cancelled);
  offer_freed_places(p, session_id, now);
  return p.session(session_id);
}

// ---- access figures ------------------------------------------------------------------------------------

AccessFigures access_figures(const Programme& p, Instant from, Instant to, const OfficeHours& office) {
  if (from.is_special() || to.is_special() || !(from < to))
    throw ValidationError("", "to", "period_order"_rule, "access figures need a period with from < to");
  laycoach::validate(office);
  const Min fm = floor_min(from, "from"), tm = ceil_min(to, "to");
  return with_index(
      p, [&](const Programme::Impl&) { return std::pair<int, int>(local_day(fm), local_day(tm) + 1); },
      [&](const Programme::Impl& m, const Index& ix) {
        AccessFigures f;
        std::vector<double> to_offer, to_session;
        long long offered24 = 0, seen24 = 0, ooh = 0;
        std::vector<double> booked(ix.supply->n_coaches(), 0.0);
        for (const auto& [id, s] : m.sessions) {
          if (s.start.is_special()) continue;
          // Booked time for utilisation: the domain's one definition (diary_minutes).
          if (const double used = diary_minutes(s.status, s.start, s.minutes, from, to); used > 0)
            if (auto c = ix.supply->coach_of.find(s.coach_id); c != ix.supply->coach_of.end()) booked[c->second] += used;
          if (s.start < from || !(s.start < to) || s.status == SessionStatus::Rescheduled) continue;
          AccessRow r;
          r.session_id = s.id;
          r.offer_id = s.offer_id;
          r.coach_id = s.coach_id;
          r.status = s.status;
          r.requested_at = s.requested_at;
          r.first_offered = s.first_offered.is_special() ? s.start : s.first_offered;
          r.start = s.start;
          if (s.requested_at.is_special()) {
            r.minutes_to_first_offer = r.minutes_to_session = kNaN;
          } else {
            ++f.with_request;
            r.minutes_to_first_offer = static_cast<double>((r.first_offered - s.requested_at).total_seconds()) / 60.0;
            r.minutes_to_session = static_cast<double>((s.start - s.requested_at).total_seconds()) / 60.0;
            r.offered_within_24h = r.minutes_to_first_offer <= 24 * 60;
            r.within_24h = r.minutes_to_session <= 24 * 60;
            offered24 += r.offered_within_24h;
            seen24 += r.within_24h;
          }
          r.out_of_hours = out_of_office_hours(s.start, office);
          ooh += r.out_of_hours;
          to_offer.push_back(r.minutes_to_first_offer);
          to_session.push_back(r.minutes_to_session);
          switch (s.status) {
            case SessionStatus::Booked: ++f.booked; break;
            case SessionStatus::Attended: ++f.attended; break;
            case SessionStatus::ClientDidNotAttend: ++f.client_did_not_attend; break;
            case SessionStatus::CoachDidNotAttend: ++f.coach_did_not_attend; break;
            case SessionStatus::CancelledByClient: ++f.cancelled_by_client; break;
            case SessionStatus::CancelledByCoach: ++f.cancelled_by_coach; break;
            case SessionStatus::Rescheduled: break;
          }
          f.bookings.push_back(std::move(r));
        }
        std::stable_sort(f.bookings.begin(), f.bookings.end(),
                         [](const AccessRow& a, const AccessRow& b) { return a.start < b.start; });
        const double n = static_cast<double>(f.bookings.size());
        const double nr = static_cast<double>(f.with_request);
        f.share_offered_within_24h = nr > 0 ? static_cast<double>(offered24) / nr : kNaN;
        f.share_within_24h = nr > 0 ? static_cast<double>(seen24) / nr : kNaN;
        f.share_out_of_hours = n > 0 ? static_cast<double>(ooh) / n : kNaN;
        f.median_minutes_to_first_offer = median(to_offer);
        f.median_minutes_to_session = median(to_session);
        double sum_b = 0, sum_r = 0;
        for (std::uint32_t c = 0; c < ix.supply->n_coaches(); ++c) {
          CoachUtilisation u;
          u.coach_id = ix.supply->coach_ids[c];
          // laycoach::rota_minutes read through the index: its work spans are the domain's
          // rota_blocks_of_day mapped to real minutes (preimage); the agreement test checks both.
          for (const Span& w : ix.supply->work[c]) {
            const Min a = std::max(w.s, fm), b = std::min(w.e, tm);
            if (a < b) u.rota_minutes += b - a;
          }
          u.booked_minutes = booked[c];
          u.utilisation = u.rota_minutes > 0 ? u.booked_minutes / u.rota_minutes : kNaN;
          sum_b += u.booked_minutes;
          sum_r += u.rota_minutes;
          f.utilisation.push_back(std::move(u));
        }
        f.overall_utilisation = sum_r > 0 ? sum_b / sum_r : kNaN;
        return f;
      });
}

// ---- rules and indexes ----------------------------------------------------------------------------------

void check_rules(const Programme& p, const Session& s, Instant now, const std::string& ignore_id) {
  auto& m = laycoach::detail::impl_of(p);
  auto lk = m.read();
  check_rules_locked(m, s, now, ignore_id);
}

void prepare(const Programme& p, Instant from, Instant to) {
  if (from.is_special() || to.is_special() || to < from)
    throw ValidationError("", "to", "period_order"_rule, "prepare needs a period with from <= to");
  const Min fm = floor_min(from, "from"), tm = ceil_min(to, "to");
  auto& m = laycoach::detail::impl_of(p);
  std::unique_lock lk(m.mu);
  ensure_index(m, local_day(fm), local_day(tm) + 1);
}

void refresh(const Programme& p) {
  auto& m = laycoach::detail::impl_of(p);
  std::unique_lock lk(m.mu);
  if (Index* ix = find_index(m)) {
    if (ix->h1 > ix->h0) ix->rebuild(m, ix->h0, ix->h1);  // same horizon
    else ix->dirty = true;
  }
}

void update_coach(Programme& p, const Coach& c) {
  p.update_coach(c);
  refresh(p);
}

}  // namespace laycoach::booking
