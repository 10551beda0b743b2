// The Programme path of the slot search: a SlotRequest resolved and validated against the
// records (make_query), turned into the kernel's integer-keyed Ask (ask_of) and searched by the
// kernel's one search (find_slots, booking_kernel.cpp).
#include <algorithm>
#include <limits>

#include "booking_detail.hpp"

namespace laycoach::booking::detail {

namespace {

using boost::posix_time::minutes;

bool has(const std::vector<Modality>& v, Modality m) { return std::find(v.begin(), v.end(), m) != v.end(); }

// Start loading what check_session will read of a client found in the records (its entry's
// second line, its record, its diary and its referrals list): the loads overlap the search.
void prefetch_for_rules(const PersonTime& t) {
  const char* e = reinterpret_cast<const char*>(&t);
  __builtin_prefetch(e + sizeof(PersonTime) - 1);
  const char* c = reinterpret_cast<const char*>(t.client);
  for (std::size_t at = 0; at < sizeof(Client); at += 64) __builtin_prefetch(c + at);
  if (!t.busy.empty()) __builtin_prefetch(t.busy.data());
  if (!t.referrals.empty()) __builtin_prefetch(t.referrals.data());
}

// Then, once the referrals list has had time to arrive (the end of make_query), the first few
// referral records it points at: check_attendees compares their id, client and offer.
void prefetch_referrals(const PersonTime& t) {
  const std::size_t n = std::min<std::size_t>(t.referrals.size(), 4);
  for (std::size_t i = 0; i < n; ++i) {
    const Referral* r = t.referrals[i];  // addresses only: nothing of the record is read here
    __builtin_prefetch(r);
    __builtin_prefetch(reinterpret_cast<const char*>(&r->offer_id) + sizeof(std::string) - 1);
  }
}

}  // namespace

Query make_query(const Programme::Impl& m, const SlotRequest& r, Instant clock, const Index* ix) {
  Query q;
  if (r.client_id.empty()) throw ValidationError("", "client_id", "client_required"_rule, "a slot request names the client");
  // The client's and the referral's entries are usually cold: their loads start together.
  std::size_t referral_hash = 0;
  if (ix) {
    const std::size_t client_hash = TimeIndex::hash(r.client_id);
    if (!r.referral_id.empty()) referral_hash = ix->referrals.hash(r.referral_id);
    ix->prefetch(client_hash, !r.referral_id.empty(), referral_hash);
    q.client_time = ix->client_known(r.client_id, client_hash);
    if (q.client_time) prefetch_for_rules(*q.client_time);
  }
  if (!q.client_time && !m.clients.count(r.client_id))
    throw NotFoundError(r.client_id, "client_id", "no client '" + r.client_id + "'");
  q.client_id = r.client_id;
  const RefInfo* ref = nullptr;
  RefInfo found;
  if (!r.referral_id.empty()) {
    if (ix)
      ref = ix->referral_known(r.referral_id, referral_hash);
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
  if (q.client_time) prefetch_referrals(*q.client_time);
  return q;
}

std::uint32_t continuity_coach(const Index& ix, const std::string& referral_id, const std::string& ignore_id) {
  // The coach of the referral's latest session that the client was booked into.
  auto it = ix.referrals.find(referral_id);
  if (it == ix.referrals.end()) return kNoCoach;
  const RefSession* best = nullptr;
  for (const RefSession& r : it->second.sessions) {
    if (r.session_id == ignore_id) continue;
    if (r.status != SessionStatus::Booked && r.status != SessionStatus::Attended &&
        r.status != SessionStatus::ClientDidNotAttend)
      continue;
    if (!best || r.start > best->start || (r.start == best->start && r.session_id > best->session_id)) best = &r;
  }
  return best ? best->coach : kNoCoach;
}

Ask ask_of(const Index& ix, const Query& q) {
  const Supply& sup = *ix.supply;
  Ask a;
  a.offer = sup.offer_of.at(q.offer_id);
  a.client = q.client_time ? q.client_time->engine_ix : ix.client_index(q.client_id);
  a.g0 = q.g0;
  a.gmax = q.gmax;
  a.now = q.now;
  a.want = q.want;
  if (!q.favoured.empty()) {
    if (auto it = sup.coach_of.find(q.favoured); it != sup.coach_of.end()) a.favoured = it->second;
  } else if (!q.referral_id.empty() && q.continuity) {
    a.favoured = continuity_coach(ix, q.referral_id, q.ignore_id);
  }
  a.favoured_only = q.favoured_only;
  a.times = q.times;
  a.weekdays = q.weekdays;
  a.max_results = q.max_results;
  if (!q.ignore_id.empty()) {
    if (auto it = sup.coach_of.find(q.ignore_coach); it != sup.coach_of.end()) a.ignore_coach = it->second;
    a.ignore_span = q.ignore_span;
    a.ignore_client = q.ignore_client;
  }
  return a;
}

std::vector<Slot> search_locked(const Programme::Impl& m, const Index& ix, const Query& q, Hit* first) {
  (void)m;
  std::vector<Slot> out;
  if (q.g0 > q.gmax) return out;
  thread_local std::vector<Hit> hits;
  find_slots(*ix.supply, ix.diary, ask_of(ix, q), hits);
  if (!hits.empty()) {
    ix.prefetch_coach(hits[0].coach, false);  // what check_session reads of the first
    if (first) *first = hits[0];
  }
  out.reserve(hits.size());
  for (const Hit& h : hits) {
    Slot s;
    s.start = instant_of(h.start);
    s.minutes = q.minutes;
    s.coach_id = ix.supply->coach_ids[h.coach];
    s.modality = h.modality;
    s.favoured = h.favoured;
    s.coach_week_sessions = h.week_sessions;
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace laycoach::booking::detail
