// The Programme aggregate: every invariant of a coaching service in one place.
#include <algorithm>
#include <mutex>
#include <sstream>

#include "laycoach/instrument.hpp"
#include "programme_impl.hpp"

namespace laycoach {

namespace {
using boost::posix_time::hours;
using boost::posix_time::minutes;

template <class Map>
const typename Map::mapped_type& find_or_throw(const Map& m, const std::string& id, const char* what,
                                               const std::string& record = {}, const std::string& field = {}) {
  auto it = m.find(id);
  if (it == m.end())
    throw NotFoundError(record.empty() ? id : record, field.empty() ? "id" : field,
                        std::string("no ") + what + " '" + id + "'");
  return it->second;
}

void require_id(const std::string& id, const char* kind) {
  if (id.empty()) throw ValidationError("", "id", "id_required", std::string("a ") + kind + " needs a non-empty id");
}

template <class Map>
void require_unique(const Map& m, const std::string& id, const char* kind) {
  if (m.count(id)) throw ConflictError(id, "id", "unique_id", std::string("a ") + kind + " with this id already exists");
}

template <class Map>
void check_new_or_existing(const Map& m, const std::string& id, const char* kind, bool is_new) {
  require_id(id, kind);
  if (is_new) require_unique(m, id, kind);
  else if (!m.count(id)) throw NotFoundError(id, "id", std::string("no ") + kind + " '" + id + "' to update");
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}
template <class E>
bool contains(const std::vector<E>& v, E x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

bool is_1_to_10(const std::optional<int>& v) { return !v || (*v >= 1 && *v <= 10); }

// The instrument library names item i "answers[i]" and a recorded score "value"; on a Response
// record those are the fields "answers/i" and "recorded_score" (JSON pointer segments).
std::string response_field(const std::string& instrument_field) {
  if (instrument_field == "value") return "recorded_score";
  std::string out;
  for (char ch : instrument_field) {
    if (ch == '[') out += '/';
    else if (ch != ']') out += ch;
  }
  return out;
}

// A response's answers are judged by the instrument library's own scoring rules.
void validate_response_answers(const Response& r) {
  const auto& lib = InstrumentLibrary::builtin();
  if (!lib.contains(r.instrument_id))
    throw NotFoundError(r.id, "instrument_id", "no instrument '" + r.instrument_id + "'");
  const Instrument& ins = lib.get(r.instrument_id);
  ScoreOptions opts;
  opts.record = r.id;
  if (ins.score_only()) {
    if (!r.answers.empty())
      throw ValidationError(r.id, "answers", r.instrument_id + "_not_scored_from_items",
                            "'" + r.instrument_id + "' is recorded as a score from a licensed tool, never from item answers");
    if (!r.recorded_score)
      throw ValidationError(r.id, "recorded_score", "recorded_score_required",
                            "'" + r.instrument_id + "' needs the recorded score");
  } else if (r.recorded_score) {
    throw ValidationError(r.id, "recorded_score", "scored_from_items",
                          "'" + r.instrument_id + "' is scored from its items; do not give a recorded score");
  }
  try {
    if (ins.score_only()) ins.record(*r.recorded_score, {}, opts);
    else ins.score(std::span<const std::optional<int>>(r.answers), opts);
  } catch (const Error& e) {
    throw_error(e.code(), e.record(), response_field(e.field()), e.rule(), e.detail());
  }
}
}  // namespace

// ============================================================================ rules

namespace {
// Eligibility of a client for an offer; returns the broken rule's explanation or "".
std::string ineligible(const Client& c, const Offer& o) {
  const auto& e = o.eligibility;
  if (!contains(e.client_kinds, c.kind)) return std::string("offer is not for ") + to_string(c.kind) + " clients";
  if (e.ethnically_diverse_only && !c.ethnically_diverse)
    return "the ethnically diverse pathway is for clients who self-identify as from an ethnically diverse background";
  if (e.leaders_only && !c.leader) return "offer is for leaders and managers";
  if (e.max_pam_level && (!c.pam_level || *c.pam_level > *e.max_pam_level))
    return "targeted offer: PAM level must be recorded and at most " + std::to_string(*e.max_pam_level);
  return {};
}
}  // namespace

void Programme::Impl::check_service_line(const ServiceLine& s, bool is_new) const {
  check_new_or_existing(lines, s.id, "service line", is_new);
  if (s.name.empty()) throw ValidationError(s.id, "name", "name_required", "a service line needs a name");
}

void Programme::Impl::check_offer(const Offer& o, bool is_new) const {
  check_new_or_existing(offers, o.id, "offer", is_new);
  find_or_throw(lines, o.service_line_id, "service line", o.id, "service_line_id");
  if (o.session_minutes <= 0 || o.session_minutes > 24 * 60)
    throw ValidationError(o.id, "session_minutes", "positive_length", "session length must be 1..1440 minutes");
  if (o.capacity < 1) throw ValidationError(o.id, "capacity", "capacity_positive", "capacity must be at least 1");
  if (o.format == Format::OneToOne && o.capacity != 1)
    throw ValidationError(o.id, "capacity", "one_to_one_capacity", "a 1:1 offer has capacity 1");
  if (o.modalities.empty())
    throw ValidationError(o.id, "modalities", "modality_required", "an offer needs at least one modality");
  for (std::size_t d = 0; d < 7; ++d) {
    const auto& h = o.hours.days[d];
    if (h.open_min < 0 || h.close_min > 24 * 60 || h.open_min > h.close_min)
      throw ValidationError(o.id, "hours/days/" + std::to_string(d), "valid_opening_hours",
                            "opening hours must satisfy 0 <= open <= close <= 1440 minutes");
  }
  if (o.eligibility.client_kinds.empty())
    throw ValidationError(o.id, "eligibility/client_kinds", "eligibility_required", "no client kind is eligible");
  if (o.eligibility.max_pam_level && (*o.eligibility.max_pam_level < 1 || *o.eligibility.max_pam_level > 4))
    throw ValidationError(o.id, "eligibility/max_pam_level", "pam_level_range", "PAM level is 1..4");
  if (o.agreed_sessions && *o.agreed_sessions < 1)
    throw ValidationError(o.id, "agreed_sessions", "positive", "agreed sessions must be at least 1");
  if (o.min_notice_minutes < 0)
    throw ValidationError(o.id, "min_notice_minutes", "non_negative", "minimum notice cannot be negative");
}

void Programme::Impl::check_organisation(const Organisation& o, bool is_new) const {
  require_id(o.ods_code, "organisation");
  if (is_new && organisations.count(o.ods_code))
    throw ConflictError(o.ods_code, "ods_code", "unique_id", "an organisation with this ODS code already exists");
  if (!ods_code_valid(o.ods_code))
    throw ValidationError(o.ods_code, "ods_code", "ods_code_format", "an ODS code is 3-10 upper-case letters or digits");
  if (!o.parent_ods.empty() && !organisations.count(o.parent_ods))
    throw NotFoundError(o.ods_code, "parent_ods", "no organisation '" + o.parent_ods + "'");
}

void Programme::Impl::check_coach(const Coach& c, bool is_new) const {
  check_new_or_existing(coaches, c.id, "coach", is_new);
  if (c.ethnically_diverse_pathway && !c.ethnically_diverse)
    throw ValidationError(c.id, "ethnically_diverse_pathway", "pathway_self_identified",
                          "only coaches who self-identify as from an ethnically diverse background deliver the pathway");
  if (c.modalities.empty())
    throw ValidationError(c.id, "modalities", "modality_required", "a coach needs at least one modality");
  for (std::size_t i = 0; i < c.offers.size(); ++i) {
    const std::string field = "offers/" + std::to_string(i);
    const Offer& o = find_or_throw(offers, c.offers[i], "offer", c.id, field);
    if (!meets(c, o.accreditation))
      throw ValidationError(c.id, field, "coach_accredited_for_offer",
                            "coach is not accredited for offer '" + o.id + "' (training, assessment, practice hours or membership missing)");
    if (o.ethnically_diverse_pathway && !c.ethnically_diverse_pathway)
      throw ValidationError(c.id, field, "pathway_coach",
                            "offer '" + o.id + "' is on the ethnically diverse pathway; the coach is not");
  }
  for (std::size_t i = 0; i < c.training.size(); ++i) {
    const auto& t = c.training[i];
    if (t.days < 0)
      throw ValidationError(c.id, "training/" + std::to_string(i) + "/days", "non_negative", "training days cannot be negative");
    if (!(t.practice_hours >= 0))  // also rejects NaN
      throw ValidationError(c.id, "training/" + std::to_string(i) + "/practice_hours", "non_negative",
                            "practice hours cannot be negative");
  }
  const auto& r = c.rota;
  auto check_block = [&](const RotaBlock& b, const std::string& field) {
    if (b.weekday < 0 || b.weekday > 6)
      throw ValidationError(c.id, field + "/weekday", "weekday_range", "weekday is 0 (Monday) .. 6 (Sunday)");
    if (b.start_min < 0 || b.end_min > 24 * 60 || b.start_min >= b.end_min)
      throw ValidationError(c.id, field, "valid_rota_block", "a rota block needs 0 <= start < end <= 1440 minutes");
  };
  for (std::size_t i = 0; i < r.weekly.size(); ++i) check_block(r.weekly[i], "rota/weekly/" + std::to_string(i));
  for (std::size_t i = 0; i < r.exceptions.size(); ++i) {
    if (r.exceptions[i].date.is_special())
      throw ValidationError(c.id, "rota/exceptions/" + std::to_string(i) + "/date", "date_required", "an exception needs a date");
    for (std::size_t k = 0; k < r.exceptions[i].blocks.size(); ++k) {
      RotaBlock b = r.exceptions[i].blocks[k];
      b.weekday = 0;
      check_block(b, "rota/exceptions/" + std::to_string(i) + "/blocks/" + std::to_string(k));
    }
  }
  for (std::size_t i = 0; i < r.leave.size(); ++i)
    if (r.leave[i].first.is_special() || r.leave[i].last.is_special() || r.leave[i].last < r.leave[i].first)
      throw ValidationError(c.id, "rota/leave/" + std::to_string(i), "valid_leave", "leave needs first <= last dates");
  for (const auto& [field, value] : {std::pair{"rota/max_sessions_per_day", r.max_sessions_per_day},
                                     std::pair{"rota/max_sessions_per_week", r.max_sessions_per_week},
                                     std::pair{"rota/buffer_minutes", r.buffer_minutes}})
    if (value < 0) throw ValidationError(c.id, field, "non_negative", "caps and buffer cannot be negative");
}

void Programme::Impl::check_client(const Client& c, bool is_new) const {
  check_new_or_existing(clients, c.id, "client", is_new);
  if (c.kind == ClientKind::Patient) {
    if (!nhs_number_valid(c.nhs_number))
      throw ValidationError(c.id, "nhs_number", "nhs_number_modulus_11",
                            "'" + c.nhs_number + "' is not a valid NHS number (10 digits, Modulus 11 check digit)");
  } else if (!c.nhs_number.empty()) {
    throw ValidationError(c.id, "nhs_number", "staff_pseudonymous", "staff clients are pseudonymous: no NHS number");
  }
  if (c.pam_level && (*c.pam_level < 1 || *c.pam_level > 4))
    throw ValidationError(c.id, "pam_level", "pam_level_range", "PAM level is 1..4");
  if (c.pam_score && (*c.pam_score < 0 || *c.pam_score > 100))
    throw ValidationError(c.id, "pam_score", "pam_score_range", "PAM score is 0..100");
  if (!c.organisation.empty() && !organisations.count(c.organisation))
    throw NotFoundError(c.id, "organisation", "no organisation '" + c.organisation + "'");
}

void Programme::Impl::check_referral(const Referral& r, bool is_new) const {
  check_new_or_existing(referrals, r.id, "referral", is_new);
  const Client& c = find_or_throw(clients, r.client_id, "client", r.id, "client_id");
  const Offer& o = find_or_throw(offers, r.offer_id, "offer", r.id, "offer_id");
  if (r.requested_at.is_special())
    throw ValidationError(r.id, "requested_at", "instant_required", "a referral needs the time it was requested");
  if (r.preferred_modality && !contains(o.modalities, *r.preferred_modality))
    throw ValidationError(r.id, "preferred_modality", "modality_allowed",
                          std::string("offer '") + o.id + "' is not delivered by " + to_string(*r.preferred_modality));
  if (r.sessions_wanted && *r.sessions_wanted < 1)
    throw ValidationError(r.id, "sessions_wanted", "positive", "sessions wanted must be at least 1");
  if (auto why = ineligible(c, o); !why.empty()) throw ValidationError(r.id, "client_id", "eligibility", why);
}

const Session* Programme::Impl::overlapping(const TimeIndex& idx, const std::string& who, Instant start,
                                            Instant end, const std::string& ignore_id) const {
  auto it = idx.find(who);
  if (it == idx.end()) return nullptr;
  // No session is longer than a day, so only those starting in (start - 1 day, end) can overlap.
  auto lo = it->second.lower_bound({start - hours(24), std::string()});
  for (auto p = lo; p != it->second.end() && p->first < end; ++p) {
    if (p->second == ignore_id) continue;
    const Session& s = sessions.at(p->second);
    if (s.start < end && start < s.end()) return &s;
  }
  return nullptr;
}

bool Programme::Impl::has_session_with(const std::string& coach_id, const std::string& client_id) const {
  auto it = coach_clients.find(coach_id);
  return it != coach_clients.end() && it->second.count(client_id) > 0;
}

void Programme::Impl::check_session(const Session& s, bool is_new, bool new_booking, const std::string& ignore_id,
                                    const Coach* coach) const {
  check_new_or_existing(sessions, s.id, "session", is_new);
  const Offer& o = find_or_throw(offers, s.offer_id, "offer", s.id, "offer_id");
  const Coach& c = coach && coach->id == s.coach_id ? *coach : find_or_throw(coaches, s.coach_id, "coach", s.id, "coach_id");
  if (new_booking && !c.active)
    throw ValidationError(s.id, "coach_id", "coach_active", "coach '" + c.id + "' is not taking bookings");
  if (!contains(c.offers, o.id) || !meets(c, o.accreditation))
    throw ValidationError(s.id, "coach_id", "coach_accredited_for_offer",
                          "coach '" + c.id + "' is not accredited to deliver offer '" + o.id + "'");
  if (o.ethnically_diverse_pathway && !c.ethnically_diverse_pathway)
    throw ValidationError(s.id, "coach_id", "pathway_coach",
                          "the ethnically diverse pathway is delivered only by coaches on the pathway; '" + c.id + "' is not");
  if (!contains(o.modalities, s.modality))
    throw ValidationError(s.id, "modality", "modality_allowed",
                          std::string("offer '") + o.id + "' is not delivered by " + to_string(s.modality));
  if (!contains(c.modalities, s.modality))
    throw ValidationError(s.id, "modality", "modality_allowed",
                          std::string("coach '") + c.id + "' does not work by " + to_string(s.modality));
  if (s.start.is_special()) throw ValidationError(s.id, "start", "instant_required", "a session needs a start time");
  if (s.minutes <= 0 || s.minutes > 24 * 60)
    throw ValidationError(s.id, "minutes", "positive_length", "session length must be 1..1440 minutes");

  // Opening hours, in UK local time.
  const LocalDateTime ls = to_uk_local(s.start), le = to_uk_local(s.end());
  const int wd = (ls.date().day_of_week().as_number() + 6) % 7;  // Monday = 0
  const DayHours& h = o.hours.days[wd];
  const int start_min = minutes_of_day(ls);
  const int end_min = le.date() == ls.date() ? minutes_of_day(le) : (le.date() == ls.date() + boost::gregorian::days(1) && minutes_of_day(le) == 0 ? 24 * 60 : -1);
  if (end_min < 0 || start_min < h.open_min || end_min > h.close_min || h.open_min == h.close_min)
    throw ValidationError(s.id, "start", "within_opening_hours",
                          "session " + format_instant(s.start) + " for " + std::to_string(s.minutes) +
                              " min is outside the opening hours of offer '" + o.id + "' (UK local time)");
  if (!o.hours.open_on_bank_holidays && is_bank_holiday_england_wales(ls.date()))
    throw ValidationError(s.id, "start", "within_opening_hours",
                          "offer '" + o.id + "' is closed on bank holidays (" + format_date(ls.date()) + ")");

  // Attendees and capacity.
  if (s.attendees.empty()) throw ValidationError(s.id, "attendees", "attendee_required", "a session needs at least one client");
  // Capacity counts the places taken: a cancelled place may have been given to someone else.
  const auto taken = std::count_if(s.attendees.begin(), s.attendees.end(),
                                   [](const Attendee& a) { return a.status != AttendeeStatus::Cancelled; });
  if (taken > o.capacity)
    throw ConflictError(s.id, "attendees", "group_capacity",
                        std::to_string(taken) + " attendees exceed the capacity " + std::to_string(o.capacity) +
                            " of offer '" + o.id + "'");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < s.attendees.size(); ++i) {
    const Attendee& a = s.attendees[i];
    const std::string field = "attendees/" + std::to_string(i);
    const Client& cl = find_or_throw(clients, a.client_id, "client", s.id, field + "/client_id");
    if (!seen.insert(a.client_id).second)
      throw ConflictError(s.id, field + "/client_id", "unique_attendee", "client '" + a.client_id + "' is listed twice");
    if (auto why = ineligible(cl, o); !why.empty()) throw ValidationError(s.id, field + "/client_id", "eligibility", why);
    if (!a.referral_id.empty()) {
      const Referral& r = find_or_throw(referrals, a.referral_id, "referral", s.id, field + "/referral_id");
      if (r.client_id != a.client_id || r.offer_id != o.id)
        throw ValidationError(s.id, field + "/referral_id", "referral_matches",
                              "referral '" + r.id + "' is not this client's referral for offer '" + o.id + "'");
    }
    if (new_booking && a.status != AttendeeStatus::Cancelled && !cl.consent.coaching)
      throw ValidationError(s.id, field + "/client_id", "consent", "client '" + cl.id + "' has not consented to coaching");
  }

  // No double booking of the coach or of any client.
  if (occupies_time(s.status)) {
    const std::string& ignore = ignore_id.empty() ? s.id : ignore_id;
    if (const Session* other = overlapping(coach_busy, s.coach_id, s.start, s.end(), ignore))
      throw ConflictError(s.id, "start", "coach_double_booked",
                          "coach '" + s.coach_id + "' already has session '" + other->id + "' at " + format_instant(other->start));
    for (std::size_t i = 0; i < s.attendees.size(); ++i) {
      if (s.attendees[i].status == AttendeeStatus::Cancelled) continue;
      if (const Session* other = overlapping(client_busy, s.attendees[i].client_id, s.start, s.end(), ignore))
        throw ConflictError(s.id, "attendees/" + std::to_string(i) + "/client_id", "client_double_booked",
                            "client '" + s.attendees[i].client_id + "' already has session '" + other->id + "' at " +
                                format_instant(other->start));
    }
  }
  if (!s.rescheduled_to.empty() && s.status != SessionStatus::Rescheduled)
    throw ValidationError(s.id, "rescheduled_to", "rescheduled_status", "only a rescheduled session names a replacement");
}

void Programme::Impl::check_wait(const WaitingListEntry& w, bool is_new) const {
  check_new_or_existing(waiting_list, w.id, "waiting list entry", is_new);
  const Session& s = find_or_throw(sessions, w.session_id, "session", w.id, "session_id");
  const Client& c = find_or_throw(clients, w.client_id, "client", w.id, "client_id");
  const Offer& o = offers.at(s.offer_id);
  if (o.format == Format::OneToOne)
    throw ValidationError(w.id, "session_id", "waiting_list_group_only", "waiting lists are for group and team sessions");
  if (auto why = ineligible(c, o); !why.empty()) throw ValidationError(w.id, "client_id", "eligibility", why);
  if (!w.referral_id.empty()) find_or_throw(referrals, w.referral_id, "referral", w.id, "referral_id");
  if (w.added_at.is_special()) throw ValidationError(w.id, "added_at", "instant_required", "when was the client added?");
}

void Programme::Impl::check_note(const SessionNote& n, bool is_new) const {
  check_new_or_existing(notes, n.id, "note", is_new);
  const Session& s = find_or_throw(sessions, n.session_id, "session", n.id, "session_id");
  if (n.author_id != s.coach_id)
    throw ForbiddenError(n.id, "author_id", "only the session's coach writes its notes");
}

void Programme::Impl::check_goal(const Goal& g, bool is_new) const {
  check_new_or_existing(goals, g.id, "goal", is_new);
  find_or_throw(clients, g.client_id, "client", g.id, "client_id");
  if (!g.referral_id.empty()) {
    const Referral& r = find_or_throw(referrals, g.referral_id, "referral", g.id, "referral_id");
    if (r.client_id != g.client_id)
      throw ValidationError(g.id, "referral_id", "referral_matches", "the referral belongs to another client");
  }
  auto in_0_10 = [](const std::optional<int>& v) { return !v || (*v >= 0 && *v <= 10); };
  if (!in_0_10(g.baseline)) throw ValidationError(g.id, "baseline", "goal_scale", "goal ratings are 0..10");
  if (!in_0_10(g.target)) throw ValidationError(g.id, "target", "goal_scale", "goal ratings are 0..10");
  if (g.description.empty()) throw ValidationError(g.id, "description", "description_required", "a goal needs a description");
}

void Programme::Impl::check_supervision(const SupervisionRecord& r, bool is_new) const {
  check_new_or_existing(supervision, r.id, "supervision record", is_new);
  find_or_throw(coaches, r.coach_id, "coach", r.id, "coach_id");
  if (r.date.is_special()) throw ValidationError(r.id, "date", "date_required", "a supervision record needs a date");
  if (r.group && r.kind != SupervisionKind::HealthCoaching)
    throw ValidationError(r.id, "group", "group_supervision_kind", "only health coaching supervision is given in groups");
  if (r.minutes <= 0) throw ValidationError(r.id, "minutes", "positive_length", "length must be positive");
  if (r.supervisor.empty()) throw ValidationError(r.id, "supervisor", "supervisor_required", "name the supervisor");
}

void Programme::Impl::check_concern(const SafeguardingConcern& c, bool is_new) const {
  check_new_or_existing(safeguarding, c.id, "safeguarding concern", is_new);
  find_or_throw(coaches, c.coach_id, "coach", c.id, "coach_id");
  find_or_throw(clients, c.client_id, "client", c.id, "client_id");
  if (!c.session_id.empty()) find_or_throw(sessions, c.session_id, "session", c.id, "session_id");
  if (c.raised_at.is_special()) throw ValidationError(c.id, "raised_at", "instant_required", "when was it raised?");
  if (!c.escalated_to.empty() && (c.escalated_at.is_special() || c.escalated_at < c.raised_at))
    throw ValidationError(c.id, "escalated_at", "escalation_time", "escalation needs a time not before the concern");
}

void Programme::Impl::check_cohort(const TrainingCohort& c, bool is_new) const {
  check_new_or_existing(cohorts, c.id, "training cohort", is_new);
  if (c.days < 1) throw ValidationError(c.id, "days", "positive", "a course lasts at least one day");
  if (c.start.is_special()) throw ValidationError(c.id, "start", "date_required", "a cohort needs a start date");
}

void Programme::Impl::check_trainee(const Trainee& t, bool is_new) const {
  check_new_or_existing(trainees, t.id, "trainee", is_new);
  const TrainingCohort& c = find_or_throw(cohorts, t.cohort_id, "training cohort", t.id, "cohort_id");
  if (t.days_attended < 0 || t.days_attended > c.days)
    throw ValidationError(t.id, "days_attended", "days_attended_range",
                          "days attended must be 0.." + std::to_string(c.days));
  if (!is_1_to_10(t.confidence_before))
    throw ValidationError(t.id, "confidence_before", "confidence_range", "confidence is scored 1..10");
  if (!is_1_to_10(t.confidence_after))
    throw ValidationError(t.id, "confidence_after", "confidence_range", "confidence is scored 1..10");
}

void Programme::Impl::check_response(const Response& r, bool is_new) const {
  check_new_or_existing(responses, r.id, "response", is_new);
  find_or_throw(clients, r.client_id, "client", r.id, "client_id");
  if (!r.referral_id.empty()) {
    const Referral& ref = find_or_throw(referrals, r.referral_id, "referral", r.id, "referral_id");
    if (ref.client_id != r.client_id)
      throw ValidationError(r.id, "referral_id", "referral_matches", "the referral belongs to another client");
  }
  if (r.recorded_at.is_special()) throw ValidationError(r.id, "recorded_at", "instant_required", "when was it answered?");
  if (r.follow_up_weeks < 0 || (r.time_point != TimePoint::FollowUp && r.follow_up_weeks != 0))
    throw ValidationError(r.id, "follow_up_weeks", "follow_up_weeks", "weeks are given for follow-up responses only, >= 0");
  validate_response_answers(r);  // the instrument library's rule (range, length, score-only)
}

void Programme::Impl::check_policy(const SupervisionPolicy& p) const {
  for (const auto& [field, days] : {std::pair{"health_coaching_days", p.health_coaching_days},
                                    std::pair{"clinical_days", p.clinical_days},
                                    std::pair{"line_management_days", p.line_management_days}})
    if (days < 0) throw ValidationError("supervision_policy", field, "non_negative", "intervals are days >= 0 (0: not required)");
}

// ============================================================================ state

void Programme::Impl::put_session(const Session& s) {
  auto old = sessions.find(s.id);
  std::optional<Session> before;
  if (old != sessions.end()) {
    const Session& o = old->second;
    coach_busy[o.coach_id].erase({o.start, o.id});
    auto& seen = coach_clients[o.coach_id];
    for (const auto& a : o.attendees) {
      client_busy[a.client_id].erase({o.start, o.id});
      if (--seen[a.client_id] == 0) seen.erase(a.client_id);
    }
    if (!session_observers.empty()) before = o;
  }
  sessions[s.id] = s;
  auto& seen = coach_clients[s.coach_id];
  for (const auto& a : s.attendees) ++seen[a.client_id];
  if (occupies_time(s.status)) {
    coach_busy[s.coach_id].insert({s.start, s.id});
    for (const auto& a : s.attendees)
      if (a.status != AttendeeStatus::Cancelled) client_busy[a.client_id].insert({s.start, s.id});
  }
  // Observers run last, so they see the indexes as they now are.
  for (const auto& f : session_observers) f(before ? &*before : nullptr, s);
}

void Programme::Impl::apply_to_memory(const ProgrammeData& u) {
  if (!u.coaches.empty() || !u.catalogue.offers.empty()) ++generation;
  for (const auto& x : u.catalogue.service_lines) {
    if (!lines.count(x.id)) line_order.push_back(x.id);
    lines[x.id] = x;
  }
  for (const auto& x : u.catalogue.offers) {
    if (!offers.count(x.id)) offer_order.push_back(x.id);
    offers[x.id] = x;
  }
  for (const auto& x : u.organisations) organisations[x.ods_code] = x;
  for (const auto& x : u.coaches) coaches[x.id] = x;
  for (const auto& x : u.clients) clients[x.id] = x;
  for (const auto& x : u.referrals) referrals[x.id] = x;
  for (const auto& x : u.sessions) put_session(x);
  for (const auto& x : u.waiting_list) waiting_list[x.id] = x;
  for (const auto& x : u.notes) notes[x.id] = x;
  for (const auto& x : u.goals) goals[x.id] = x;
  for (const auto& x : u.supervision) supervision[x.id] = x;
  for (const auto& x : u.safeguarding) safeguarding[x.id] = x;
  for (const auto& x : u.cohorts) cohorts[x.id] = x;
  for (const auto& x : u.trainees) trainees[x.id] = x;
  for (const auto& x : u.responses) responses[x.id] = x;
}

void Programme::Impl::commit(const ChangeSet& cs) {
  for (const auto& [table, id] : cs.deletes)
    if (!known_table(table)) throw InternalError("no record table '" + table + "'", id);
  if (store) store->apply(cs);  // throws IoError before memory is touched
  apply_to_memory(cs.upserts);
  for (const auto& [table, id] : cs.deletes) erase(table, id);
  if (cs.policy_changed) supervision_policy = cs.upserts.supervision_policy;
}

namespace {
// Store table names (store_schema.cpp) of the record kinds, as used in ChangeSet::deletes.
constexpr const char* kRecordTables[] = {"service_lines", "offers",  "organisations", "coaches",
                                         "clients",       "referrals", "sessions",     "waiting_list",
                                         "notes",         "goals",   "supervision",   "safeguarding",
                                         "training_cohorts", "trainees", "responses"};
}  // namespace

bool Programme::Impl::known_table(const std::string& table) {
  return std::find(std::begin(kRecordTables), std::end(kRecordTables), table) != std::end(kRecordTables);
}

void Programme::Impl::erase(const std::string& table, const std::string& id) {
  auto drop_order = [&](std::vector<std::string>& order) { std::erase(order, id); };
  if (table == "service_lines") { lines.erase(id); drop_order(line_order); }
  else if (table == "offers") { offers.erase(id); drop_order(offer_order); }
  else if (table == "organisations") organisations.erase(id);
  else if (table == "coaches") coaches.erase(id);
  else if (table == "clients") clients.erase(id);
  else if (table == "referrals") referrals.erase(id);
  else if (table == "sessions") {
    if (auto it = sessions.find(id); it != sessions.end()) {
      const Session& o = it->second;
      coach_busy[o.coach_id].erase({o.start, o.id});
      for (const auto& a : o.attendees) client_busy[a.client_id].erase({o.start, o.id});
      sessions.erase(it);
      ++generation;  // engines' derived indexes rebuild
    }
  }
  else if (table == "waiting_list") waiting_list.erase(id);
  else if (table == "notes") notes.erase(id);
  else if (table == "goals") goals.erase(id);
  else if (table == "supervision") supervision.erase(id);
  else if (table == "safeguarding") safeguarding.erase(id);
  else if (table == "training_cohorts") cohorts.erase(id);
  else if (table == "trainees") trainees.erase(id);
  else if (table == "responses") responses.erase(id);
}

void Programme::Impl::clear() { state() = ProgrammeState{}; }

namespace {
template <class T>
std::vector<T> values(const std::map<std::string, T>& m) {
  std::vector<T> v;
  v.reserve(m.size());
  for (const auto& [k, x] : m) v.push_back(x);
  return v;
}

// Re-throw a record's error with the JSON pointer of the record in front of its field.
[[noreturn]] void rethrow_at(const Error& e, const std::string& pointer) {
  std::string field = e.field();
  if (!field.empty() && field.front() != '/') field = "/" + field;
  throw_error(e.code(), e.record(), pointer + field, e.rule(), e.detail());
}

template <class T, class Check, class Put>
void load_kind(const std::vector<T>& v, const char* name, Check check, Put put) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    try {
      check(v[i]);
    } catch (const Error& e) {
      rethrow_at(e, std::string("/") + name + "/" + std::to_string(i));
    }
    put(v[i]);
  }
}
}  // namespace

void Programme::Impl::load_all(const ProgrammeData& d) {
  clear();
  ++generation;
  load_kind(d.catalogue.service_lines, "catalogue/service_lines", [&](auto& x) { check_service_line(x, true); },
            [&](auto& x) { lines[x.id] = x; line_order.push_back(x.id); });
  load_kind(d.catalogue.offers, "catalogue/offers", [&](auto& x) { check_offer(x, true); },
            [&](auto& x) { offers[x.id] = x; offer_order.push_back(x.id); });
  // Organisations may name a parent listed after them: insert all, then check.
  for (std::size_t i = 0; i < d.organisations.size(); ++i) {
    const auto& o = d.organisations[i];
    if (organisations.count(o.ods_code))
      rethrow_at(ConflictError(o.ods_code, "ods_code", "unique_id", "an organisation with this ODS code already exists"),
                 "/organisations/" + std::to_string(i));
    organisations[o.ods_code] = o;
  }
  for (std::size_t i = 0; i < d.organisations.size(); ++i) {
    try {
      check_organisation(d.organisations[i], false);
    } catch (const Error& e) {
      rethrow_at(e, "/organisations/" + std::to_string(i));
    }
  }
  load_kind(d.coaches, "coaches", [&](auto& x) { check_coach(x, true); }, [&](auto& x) { coaches[x.id] = x; });
  load_kind(d.clients, "clients", [&](auto& x) { check_client(x, true); }, [&](auto& x) { clients[x.id] = x; });
  load_kind(d.referrals, "referrals", [&](auto& x) { check_referral(x, true); }, [&](auto& x) { referrals[x.id] = x; });
  load_kind(d.sessions, "sessions", [&](auto& x) { check_session(x, true, false); }, [&](auto& x) { put_session(x); });
  for (std::size_t i = 0; i < d.sessions.size(); ++i) {
    const auto& s = d.sessions[i];
    if (!s.rescheduled_to.empty() && !sessions.count(s.rescheduled_to))
      rethrow_at(NotFoundError(s.id, "rescheduled_to", "no session '" + s.rescheduled_to + "'"),
                 "/sessions/" + std::to_string(i));
  }
  load_kind(d.waiting_list, "waiting_list", [&](auto& x) { check_wait(x, true); },
            [&](auto& x) { waiting_list[x.id] = x; });
  load_kind(d.notes, "notes", [&](auto& x) { check_note(x, true); }, [&](auto& x) { notes[x.id] = x; });
  load_kind(d.goals, "goals", [&](auto& x) { check_goal(x, true); }, [&](auto& x) { goals[x.id] = x; });
  load_kind(d.supervision, "supervision", [&](auto& x) { check_supervision(x, true); },
            [&](auto& x) { supervision[x.id] = x; });
  load_kind(d.safeguarding, "safeguarding", [&](auto& x) { check_concern(x, true); },
            [&](auto& x) { safeguarding[x.id] = x; });
  load_kind(d.cohorts, "cohorts", [&](auto& x) { check_cohort(x, true); }, [&](auto& x) { cohorts[x.id] = x; });
  load_kind(d.trainees, "trainees", [&](auto& x) { check_trainee(x, true); }, [&](auto& x) { trainees[x.id] = x; });
  load_kind(d.responses, "responses", [&](auto& x) { check_response(x, true); }, [&](auto& x) { responses[x.id] = x; });
  try {
    check_policy(d.supervision_policy);
  } catch (const Error& e) {
    rethrow_at(e, "/supervision_policy");
  }
  supervision_policy = d.supervision_policy;
}

// Every record kind is listed in ProgrammeState, load_all, snapshot and apply_to_memory. This
// binding stops compiling when ProgrammeData gains a member, pointing here.
[[maybe_unused]] static void record_kinds_are_all_handled(const ProgrammeData& d) {
  [[maybe_unused]] const auto& [catalogue, organisations, coaches, clients, referrals, sessions, waiting_list, notes,
                                goals, supervision, safeguarding, cohorts, trainees, responses, supervision_policy] = d;
}

ProgrammeData Programme::Impl::snapshot() const {
  ProgrammeData d;
  for (const auto& id : line_order) d.catalogue.service_lines.push_back(lines.at(id));
  for (const auto& id : offer_order) d.catalogue.offers.push_back(offers.at(id));
  d.organisations = values(organisations);
  d.coaches = values(coaches);
  d.clients = values(clients);
  d.referrals = values(referrals);
  d.sessions = values(sessions);
  d.waiting_list = values(waiting_list);
  d.notes = values(notes);
  d.goals = values(goals);
  d.supervision = values(supervision);
  d.safeguarding = values(safeguarding);
  d.cohorts = values(cohorts);
  d.trainees = values(trainees);
  d.responses = values(responses);
  d.supervision_policy = supervision_policy;
  return d;
}

// ============================================================================ Programme

namespace {
ProgrammeData default_data() {
  ProgrammeData d;
  d.catalogue = default_catalogue();
  return d;
}
}  // namespace

Programme::Programme() : impl_(std::make_unique<Impl>()) { impl_->load_all(default_data()); }

Programme::Programme(const ProgrammeData& data) : impl_(std::make_unique<Impl>()) { impl_->load_all(data); }

Programme::Programme(Programme&&) noexcept = default;
Programme& Programme::operator=(Programme&&) noexcept = default;
Programme::~Programme() = default;

Programme Programme::open(const std::string& sqlite_path) { return open(open_sqlite_store(sqlite_path)); }

Programme Programme::open(std::unique_ptr<Store> store) {
  if (!store) throw ValidationError("", "store", "store_required", "no store given");
  ProgrammeData d = store->load();
  const bool fresh = d == ProgrammeData{};
  if (fresh) d = default_data();
  Programme p(d);
  if (fresh) store->replace_all(d);
  p.impl_->store = std::move(store);
  return p;
}

void Programme::replace(const ProgrammeData& data) {
  std::unique_lock lock(impl_->mu);
  auto fresh = std::make_unique<Impl>();
  fresh->load_all(data);  // throws before anything changes
  if (impl_->store) impl_->store->replace_all(data);  // throws before memory changes
  // The records move in as one unit; the mutex (held by `lock`), store and hooks stay.
  impl_->state() = std::move(fresh->state());
  ++impl_->generation;  // derived indexes (booking engine) rebuild
}

ProgrammeData Programme::data() const {
  std::shared_lock lock(impl_->mu);
  return impl_->snapshot();
}

// ---- catalogue --------------------------------------------------------------------------------

void Programme::add_service_line(const ServiceLine& s) {
  std::unique_lock lock(impl_->mu);
  impl_->check_service_line(s, true);
  ChangeSet cs;
  cs.upserts.catalogue.service_lines.push_back(s);
  impl_->commit(cs);
}

void Programme::add_offer(const Offer& o) {
  std::unique_lock lock(impl_->mu);
  impl_->check_offer(o, true);
  ChangeSet cs;
  cs.upserts.catalogue.offers.push_back(o);
  impl_->commit(cs);
}

Catalogue Programme::catalogue() const {
  std::shared_lock lock(impl_->mu);
  return impl_->snapshot().catalogue;
}

Offer Programme::offer(const std::string& id) const {
  std::shared_lock lock(impl_->mu);
  return find_or_throw(impl_->offers, id, "offer");
}

void Programme::add_organisation(const Organisation& o) {
  std::unique_lock lock(impl_->mu);
  impl_->check_organisation(o, true);
  ChangeSet cs;
  cs.upserts.organisations.push_back(o);
  impl_->commit(cs);
}

// ---- coaches ------------------------------------------------------------------------------------

void Programme::add_coach(const Coach& c) {
  std::unique_lock lock(impl_->mu);
  impl_->check_coach(c, true);
  ChangeSet cs;
  cs.upserts.coaches.push_back(c);
  impl_->commit(cs);
}

void Programme::update_coach(const Coach& c) {
  std::unique_lock lock(impl_->mu);
  impl_->check_coach(c, false);
  // The coach's sessions must still hold under the new version (accreditation, offers, modalities),
  // exactly as they are judged when the programme is loaded again.
  for (const auto& [id, s] : impl_->sessions)
    if (s.coach_id == c.id) impl_->check_session(s, false, false, {}, &c);
  ChangeSet cs;
  cs.upserts.coaches.push_back(c);
  impl_->commit(cs);
}

Coach Programme::coach(const std::string& id) const {
  std::shared_lock lock(impl_->mu);
  return find_or_throw(impl_->coaches, id, "coach");
}

std::vector<Coach> Programme::coaches() const {
  std::shared_lock lock(impl_->mu);
  return values(impl_->coaches);
}

// ---- clients -------------------------------------------------------------------------------------

void Programme::add_client(const Client& c) {
  std::unique_lock lock(impl_->mu);
  impl_->check_client(c, true);
  ChangeSet cs;
  cs.upserts.clients.push_back(c);
  impl_->commit(cs);
}

Client Programme::client(const std::string& id, const Viewer& viewer) const {
  std::shared_lock lock(impl_->mu);
  if (aggregate_only(viewer.audience))
    throw ForbiddenError(id, "viewer", std::string("the ") + to_string(viewer.audience) +
                                           " audience sees aggregate figures only, never a client record");
  const Client& c = find_or_throw(impl_->clients, id, "client");
  const bool allowed = viewer.audience == Audience::ServiceManager ||
                       (viewer.audience == Audience::Client && viewer.id == id) ||
                       (viewer.audience == Audience::Coach && impl_->has_session_with(viewer.id, id));
  if (!allowed) throw ForbiddenError(id, "viewer", "only the client, their coach or the service manager see this record");
  return c;
}

std::size_t Programme::client_count() const {
  std::shared_lock lock(impl_->mu);
  return impl_->clients.size();
}

void Programme::add_referral(const Referral& r) {
  std::unique_lock lock(impl_->mu);
  impl_->check_referral(r, true);
  ChangeSet cs;
  cs.upserts.referrals.push_back(r);
  impl_->commit(cs);
}

Referral Programme::referral(const std::string& id) const {
  std::shared_lock lock(impl_->mu);
  return find_or_throw(impl_->referrals, id, "referral");
}

// ---- sessions --------------------------------------------------------------------------------------

Session Programme::book(const Session& s) {
  std::unique_lock lock(impl_->mu);
  if (s.status != SessionStatus::Booked)
    throw ValidationError(s.id, "status", "new_session_booked", "a new session starts as booked");
  Session x = s;
  if (x.booked_at.is_special()) x.booked_at = boost::posix_time::second_clock::universal_time();
  if (x.minutes == 0)
    if (auto it = impl_->offers.find(x.offer_id); it != impl_->offers.end()) x.minutes = it->second.session_minutes;
  for (auto& a : x.attendees) a.status = AttendeeStatus::Booked;
  impl_->check_session(x, true, true);
  ChangeSet cs;
  cs.upserts.sessions.push_back(x);
  impl_->commit(cs);
  return x;
}

Session Programme::Impl::joined(const Session& s, const Attendee& a) const {
  Session x = s;
  // A cancelled place can be taken again by the same client.
  auto it = std::find_if(x.attendees.begin(), x.attendees.end(),
                         [&](const Attendee& y) { return y.client_id == a.client_id; });
  if (it != x.attendees.end() && it->status == AttendeeStatus::Cancelled) x.attendees.erase(it);
  const auto taken = std::count_if(x.attendees.begin(), x.attendees.end(),
                                   [](const Attendee& y) { return y.status != AttendeeStatus::Cancelled; });
  const Offer& o = offers.at(x.offer_id);
  if (taken >= o.capacity)
    throw ConflictError(x.id, "attendees", "group_capacity", "session is full (" + std::to_string(o.capacity) + " places)");
  Attendee y = a;
  y.status = AttendeeStatus::Booked;
  x.attendees.push_back(y);
  check_session(x, false, true);
  return x;
}

Session Programme::join(const std::string& session_id, const Attendee& a) {
  std::unique_lock lock(impl_->mu);
  Session x = find_or_throw(impl_->sessions, session_id, "session");
  if (x.status != SessionStatus::Booked)
    throw ValidationError(session_id, "status", "session_booked", "only a booked session can be joined");
  x = impl_->joined(x, a);
  ChangeSet cs;
  cs.upserts.sessions.push_back(x);
  impl_->commit(cs);
  return x;
}

Session Programme::record_outcome(const std::string& session_id, SessionStatus outcome) {
  std::unique_lock lock(impl_->mu);
  Session x = find_or_throw(impl_->sessions, session_id, "session");
  if (x.status != SessionStatus::Booked)
    throw ValidationError(session_id, "status", "outcome_once",
                          std::string("the session is already ") + to_string(x.status));
  if (outcome == SessionStatus::Booked || outcome == SessionStatus::Rescheduled)
    throw ValidationError(session_id, "status", "valid_outcome",
                          std::string("'") + to_string(outcome) + "' is not an outcome (use reschedule)");
  x.status = outcome;
  for (auto& a : x.attendees) {
    if (a.status != AttendeeStatus::Booked) continue;
    switch (outcome) {
      case SessionStatus::Attended: a.status = AttendeeStatus::Attended; break;
      case SessionStatus::ClientDidNotAttend: a.status = AttendeeStatus::DidNotAttend; break;
      default: a.status = AttendeeStatus::Cancelled; break;
    }
  }
  ChangeSet cs;
  cs.upserts.sessions.push_back(x);
  impl_->commit(cs);
  return x;
}

Session Programme::record_attendance(const std::string& session_id, const std::string& client_id,
                                     AttendeeStatus status) {
  std::unique_lock lock(impl_->mu);
  Session x = find_or_throw(impl_->sessions, session_id, "session");
  auto it = std::find_if(x.attendees.begin(), x.attendees.end(),
                         [&](const Attendee& y) { return y.client_id == client_id; });
  if (it == x.attendees.end())
    throw NotFoundError(session_id, "attendees", "client '" + client_id + "' is not in this session");
  if (status == AttendeeStatus::Booked)
    throw ValidationError(session_id, "attendees", "valid_outcome", "'booked' is not an outcome");
  // Like record_outcome: each place's outcome is recorded once, while the session is booked.
  if (x.status != SessionStatus::Booked)
    throw ValidationError(session_id, "status", "outcome_once", std::string("the session is already ") + to_string(x.status));
  if (it->status != AttendeeStatus::Booked)
    throw ValidationError(session_id, "attendees/" + std::to_string(it - x.attendees.begin()) + "/status",
                          "outcome_once", "client '" + client_id + "' is already recorded as " + to_string(it->status));
  it->status = status;
  // A group session is held (attended) when anyone attended; cancelled by clients when all cancelled.
  const bool all_done = std::none_of(x.attendees.begin(), x.attendees.end(),
                                     [](const Attendee& y) { return y.status == AttendeeStatus::Booked; });
  if (all_done && x.status == SessionStatus::Booked) {
    auto any = [&](AttendeeStatus s) {
      return std::any_of(x.attendees.begin(), x.attendees.end(), [&](const Attendee& y) { return y.status == s; });
    };
    x.status = any(AttendeeStatus::Attended) ? SessionStatus::Attended
             : any(AttendeeStatus::DidNotAttend) ? SessionStatus::ClientDidNotAttend
             : SessionStatus::CancelledByClient;
  }
  ChangeSet cs;
  cs.upserts.sessions.push_back(x);
  impl_->commit(cs);
  return x;
}

Session Programme::reschedule(const std::string& session_id, const std::string& new_id, Instant new_start,
                              Instant booked_at) {
  std::unique_lock lock(impl_->mu);
  Session old = find_or_throw(impl_->sessions, session_id, "session");
  if (old.status != SessionStatus::Booked)
    throw ValidationError(session_id, "status", "session_booked", "only a booked session can be rescheduled");
  Session x = old;
  x.id = new_id;
  x.start = new_start;
  x.booked_at = booked_at.is_special() ? boost::posix_time::second_clock::universal_time() : booked_at;
  x.rescheduled_to.clear();
  impl_->check_session(x, true, true, session_id);  // the old slot is being freed
  old.status = SessionStatus::Rescheduled;
  old.rescheduled_to = new_id;
  ChangeSet cs;
  cs.upserts.sessions = {old, x};
  impl_->commit(cs);
  return x;
}

Session Programme::session(const std::string& id) const {
  std::shared_lock lock(impl_->mu);
  return find_or_throw(impl_->sessions, id, "session");
}

std::vector<Session> Programme::sessions() const {
  std::shared_lock lock(impl_->mu);
  auto v = values(impl_->sessions);
  std::stable_sort(v.begin(), v.end(), [](const Session& a, const Session& b) { return a.start < b.start; });
  return v;
}

std::vector<Session> Programme::sessions_of_coach(const std::string& coach_id) const {
  std::shared_lock lock(impl_->mu);
  find_or_throw(impl_->coaches, coach_id, "coach");
  std::vector<Session> v;
  for (const auto& [id, s] : impl_->sessions)
    if (s.coach_id == coach_id) v.push_back(s);
  std::stable_sort(v.begin(), v.end(), [](const Session& a, const Session& b) { return a.start < b.start; });
  return v;
}

// ---- confidential content --------------------------------------------------------------------

namespace {
void forbid_aggregate(const Viewer& v, const std::string& record) {
  if (aggregate_only(v.audience))
    throw ForbiddenError(record, "viewer", std::string("the ") + to_string(v.audience) +
                                               " audience sees aggregate figures only; notes and goals stay with coach and client");
}
}  // namespace

void Programme::add_note(const SessionNote& n, const Viewer& author) {
  std::unique_lock lock(impl_->mu);
  forbid_aggregate(author, n.id);
  if (author.audience != Audience::Coach || author.id != n.author_id)
    throw ForbiddenError(n.id, "author_id", "notes are written by the session's coach, as themselves");
  SessionNote x = n;
  if (x.written_at.is_special()) x.written_at = boost::posix_time::second_clock::universal_time();
  impl_->check_note(x, true);
  ChangeSet cs;
  cs.upserts.notes.push_back(x);
  impl_->commit(cs);
}

std::vector<SessionNote> Programme::notes(const std::string& session_id, const Viewer& viewer) const {
  std::shared_lock lock(impl_->mu);
  forbid_aggregate(viewer, session_id);
  const Session& s = find_or_throw(impl_->sessions, session_id, "session");
  const bool allowed =
      (viewer.audience == Audience::Coach && viewer.id == s.coach_id) ||
      (viewer.audience == Audience::Client &&
       std::any_of(s.attendees.begin(), s.attendees.end(), [&](const Attendee& a) { return a.client_id == viewer.id; }));
  if (!allowed) throw ForbiddenError(session_id, "viewer", "session notes are for the session's coach and client only");
  std::vector<SessionNote> v;
  for (const auto& [id, n] : impl_->notes)
    if (n.session_id == session_id) v.push_back(n);
  return v;
}

namespace {
bool may_touch_goal(const Programme::Impl& m, const std::string& client_id, const Viewer& v) {
  if (v.audience == Audience::Client) return v.id == client_id;
  if (v.audience == Audience::Coach) return m.has_session_with(v.id, client_id);
  return false;
}
}  // namespace

void Programme::add_goal(const Goal& g, const Viewer& viewer) {
  std::unique_lock lock(impl_->mu);
  forbid_aggregate(viewer, g.id);
  impl_->check_goal(g, true);
  if (!may_touch_goal(*impl_, g.client_id, viewer))
    throw ForbiddenError(g.id, "viewer", "goals are set by the client or their coach");
  ChangeSet cs;
  cs.upserts.goals.push_back(g);
  impl_->commit(cs);
}

void Programme::set_goal_attainment(const std::string& goal_id, GoalAttainment a, const Viewer& viewer) {
  std::unique_lock lock(impl_->mu);
  forbid_aggregate(viewer, goal_id);
  Goal g = find_or_throw(impl_->goals, goal_id, "goal");
  if (!may_touch_goal(*impl_, g.client_id, viewer))
    throw ForbiddenError(goal_id, "viewer", "goals are updated by the client or their coach");
  g.attainment = a;
  ChangeSet cs;
  cs.upserts.goals.push_back(g);
  impl_->commit(cs);
}

std::vector<Goal> Programme::goals(const std::string& client_id, const Viewer& viewer) const {
  std::shared_lock lock(impl_->mu);
  forbid_aggregate(viewer, client_id);
  find_or_throw(impl_->clients, client_id, "client");
  if (!may_touch_goal(*impl_, client_id, viewer))
    throw ForbiddenError(client_id, "viewer", "goals are for the client and their coach only");
  std::vector<Goal> v;
  for (const auto& [id, g] : impl_->goals)
    if (g.client_id == client_id) v.push_back(g);
  return v;
}

// ---- supervision, safeguarding -----------------------------------------------------------------

void Programme::add_supervision(const SupervisionRecord& r) {
  std::unique_lock lock(impl_->mu);
  impl_->check_supervision(r, true);
  ChangeSet cs;
  cs.upserts.supervision.push_back(r);
  impl_->commit(cs);
}

void Programme::set_supervision_policy(const SupervisionPolicy& p) {
  std::unique_lock lock(impl_->mu);
  impl_->check_policy(p);
  ChangeSet cs;
  cs.upserts.supervision_policy = p;
  cs.policy_changed = true;
  impl_->commit(cs);
}

SupervisionPolicy Programme::supervision_policy() const {
  std::shared_lock lock(impl_->mu);
  return impl_->supervision_policy;
}

std::vector<OverdueSupervision> Programme::overdue_supervision(Date on) const {
  std::shared_lock lock(impl_->mu);
  const auto& pol = impl_->supervision_policy;
  // Last qualifying meeting per (coach, kind) on or before `on`.
  std::map<std::pair<std::string, int>, Date> last;
  for (const auto& [id, r] : impl_->supervision) {
    if (r.date > on) continue;
    if (r.kind == SupervisionKind::HealthCoaching && pol.health_coaching_requires_pci && !r.pci_assured) continue;
    auto key = std::make_pair(r.coach_id, static_cast<int>(r.kind));
    auto it = last.find(key);
    if (it == last.end() || it->second < r.date) last[key] = r.date;
  }
  std::vector<OverdueSupervision> out;
  for (const auto& [cid, c] : impl_->coaches) {
    if (!c.active) continue;
    for (SupervisionKind k : {SupervisionKind::HealthCoaching, SupervisionKind::Clinical, SupervisionKind::LineManagement}) {
      const int interval = pol.interval(k);
      if (interval <= 0) continue;
      auto it = last.find({cid, static_cast<int>(k)});
      OverdueSupervision o;
      o.coach_id = cid;
      o.kind = k;
      if (it == last.end()) {
        // Never supervised: due from the start of the period.
        o.due = on - boost::gregorian::days(interval);
      } else {
        o.last = it->second;
        o.due = it->second + boost::gregorian::days(interval);
      }
      if (o.due < on) {
        o.days_overdue = static_cast<int>((on - o.due).days());
        out.push_back(o);
      }
    }
  }
  return out;
}

void Programme::raise_concern(const SafeguardingConcern& c) {
  std::unique_lock lock(impl_->mu);
  impl_->check_concern(c, true);
  ChangeSet cs;
  cs.upserts.safeguarding.push_back(c);
  impl_->commit(cs);
}

void Programme::escalate_concern(const std::string& concern_id, const std::string& to, Instant at) {
  std::unique_lock lock(impl_->mu);
  SafeguardingConcern c = find_or_throw(impl_->safeguarding, concern_id, "safeguarding concern");
  if (to.empty()) throw ValidationError(concern_id, "escalated_to", "named_lead", "escalate to a named GP or lead");
  c.escalated_to = to;
  c.escalated_at = at;
  impl_->check_concern(c, false);
  ChangeSet cs;
  cs.upserts.safeguarding.push_back(c);
  impl_->commit(cs);
}

std::vector<SafeguardingConcern> Programme::concerns() const {
  std::shared_lock lock(impl_->mu);
  return values(impl_->safeguarding);
}

// ---- training ------------------------------------------------------------------------------------

void Programme::add_cohort(const TrainingCohort& c) {
  std::unique_lock lock(impl_->mu);
  impl_->check_cohort(c, true);
  ChangeSet cs;
  cs.upserts.cohorts.push_back(c);
  impl_->commit(cs);
}

void Programme::add_trainee(const Trainee& t) {
  std::unique_lock lock(impl_->mu);
  impl_->check_trainee(t, true);
  ChangeSet cs;
  cs.upserts.trainees.push_back(t);
  impl_->commit(cs);
}

std::vector<TrainedPerson> Programme::training_register() const {
  std::shared_lock lock(impl_->mu);
  std::vector<TrainedPerson> out;
  for (const auto& [id, t] : impl_->trainees) {
    const auto& c = impl_->cohorts.at(t.cohort_id);
    if (t.days_attended < c.days) continue;
    out.push_back({t.id, c.id, t.profession, t.organisation, c.days, c.start + boost::gregorian::days(c.days - 1)});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const TrainedPerson& a, const TrainedPerson& b) { return a.cohort_id < b.cohort_id; });
  return out;
}

// ---- measures ------------------------------------------------------------------------------------

void Programme::add_response(const Response& r) {
  std::unique_lock lock(impl_->mu);
  impl_->check_response(r, true);
  ChangeSet cs;
  cs.upserts.responses.push_back(r);
  impl_->commit(cs);
}

std::vector<Response> Programme::responses() const {
  std::shared_lock lock(impl_->mu);
  return values(impl_->responses);
}

// ---- aggregates -----------------------------------------------------------------------------------

const DisclosedValue& ActivitySummary::at(std::string_view name) const {
  for (const auto& [n, v] : figures)
    if (n == name) return v;
  throw NotFoundError(std::string(name), "figure", "no figure '" + std::string(name) + "' in the summary");
}

ActivitySummary Programme::summary(const Viewer& viewer, const SuppressionPolicy& policy) const {
  std::shared_lock lock(impl_->mu);
  const auto& m = *impl_;
  if (policy.min_count < 1 || policy.round_to < 1)
    throw ValidationError("suppression_policy", "min_count", "policy_range", "min_count and round_to must be >= 1");
  if (viewer.audience == Audience::Coach) find_or_throw(m.coaches, viewer.id, "coach", viewer.id, "viewer");
  if (viewer.audience == Audience::Client) find_or_throw(m.clients, viewer.id, "client", viewer.id, "viewer");
  if (viewer.audience == Audience::Employer && !m.organisations.count(viewer.id))
    throw NotFoundError(viewer.id, "viewer", "an employer viewer names its ODS code; no organisation '" + viewer.id + "'");

  auto client_in_scope = [&](const std::string& client_id) {
    if (viewer.audience == Audience::Employer) {
      auto it = m.clients.find(client_id);
      return it != m.clients.end() && it->second.organisation == viewer.id;
    }
    if (viewer.audience == Audience::Client) return client_id == viewer.id;
    return true;
  };
  auto session_in_scope = [&](const Session& s) {
    if (viewer.audience == Audience::Coach) return s.coach_id == viewer.id;
    return std::any_of(s.attendees.begin(), s.attendees.end(),
                       [&](const Attendee& a) { return client_in_scope(a.client_id); });
  };

  std::set<std::string> clients_seen;
  long long referrals = 0, sessions = 0, attended = 0, client_dna = 0, coach_dna = 0, cancelled_client = 0,
            cancelled_coach = 0, rescheduled = 0, booked = 0;
  for (const auto& [id, r] : m.referrals)
    if (viewer.audience != Audience::Coach && client_in_scope(r.client_id)) ++referrals;
  for (const auto& [id, s] : m.sessions) {
    if (!session_in_scope(s)) continue;
    ++sessions;
    for (const auto& a : s.attendees)
      if (client_in_scope(a.client_id)) clients_seen.insert(a.client_id);
    switch (s.status) {
      case SessionStatus::Booked: ++booked; break;
      case SessionStatus::Attended: ++attended; break;
      case SessionStatus::ClientDidNotAttend: ++client_dna; break;
      case SessionStatus::CoachDidNotAttend: ++coach_dna; break;
      case SessionStatus::CancelledByClient: ++cancelled_client; break;
      case SessionStatus::CancelledByCoach: ++cancelled_coach; break;
      case SessionStatus::Rescheduled: ++rescheduled; break;
    }
  }
  if (viewer.audience == Audience::Coach) {
    // A coach's caseload: the referrals of the clients they see.
    for (const auto& [id, r] : m.referrals)
      if (clients_seen.count(r.client_id)) ++referrals;
  }
  const bool controlled = aggregate_only(viewer.audience);
  auto put = [&](const char* name, long long n) -> std::pair<std::string, DisclosedValue> {
    return {name, controlled ? disclose_count(n, policy) : DisclosedValue{static_cast<double>(n)}};
  };
  ActivitySummary out;
  out.audience = viewer.audience;
  out.figures = {put("clients", static_cast<long long>(clients_seen.size())),
                 put("referrals", referrals),
                 put("sessions", sessions),
                 put("booked", booked),
                 put("attended", attended),
                 put("client_did_not_attend", client_dna),
                 put("coach_did_not_attend", coach_dna),
                 put("cancelled_by_client", cancelled_client),
                 put("cancelled_by_coach", cancelled_coach),
                 put("rescheduled", rescheduled)};
  // Secondary suppression: the session total is the sum of the status cells; if exactly one
  // status cell is hidden, it could be recovered from the total, so hide the next smallest too.
  if (controlled) {
    std::vector<std::size_t> status_cells = {3, 4, 5, 6, 7, 8, 9};
    std::size_t hidden = 0;
    for (auto i : status_cells) hidden += out.figures[i].second.suppressed();
    if (hidden == 1) {
      std::size_t best = 0;
      double best_v = 0;
      for (auto i : status_cells) {
        const auto& v = out.figures[i].second;
        if (!v.suppressed() && *v.value > 0 && (best == 0 || *v.value < best_v)) { best = i; best_v = *v.value; }
      }
      if (best != 0) out.figures[best].second = DisclosedValue{std::nullopt};
      else out.figures[2].second = DisclosedValue{std::nullopt};  // nothing else to hide: hide the total
    }
  }
  return out;
}

std::vector<Breach> Programme::audit(Instant on) const {
  std::vector<Breach> out;
  for (const auto& o : overdue_supervision(to_uk_local(on).date()))
    out.push_back({"supervision_overdue", o.coach_id,
                   std::string(to_string(o.kind)) + " supervision overdue by " + std::to_string(o.days_overdue) +
                       " days" + (o.last ? " (last " + format_date(*o.last) + ")" : " (none recorded)")});
  std::shared_lock lock(impl_->mu);
  const auto& m = *impl_;
  for (const auto& [id, c] : m.safeguarding) {
    const bool late = c.escalated_to.empty() ? on - c.raised_at > hours(24) : c.escalated_at - c.raised_at > hours(24);
    if (late)
      out.push_back({"safeguarding_not_escalated", id,
                     c.escalated_to.empty() ? "concern raised " + format_instant(c.raised_at) + " not escalated within 24 h"
                                            : "concern escalated more than 24 h after it was raised"});
  }
  for (const auto& [id, c] : m.coaches) {
    if (!c.active) continue;
    if (c.safeguarding_lead.empty())
      out.push_back({"named_safeguarding_lead", id, "coach has no named GP or lead for safeguarding concerns"});
    if (c.first_point_of_contact.empty())
      out.push_back({"named_first_contact", id, "coach has no named first point of contact"});
  }
  for (const auto& [id, s] : m.sessions) {
    if (s.status != SessionStatus::Attended) continue;
    for (const auto& a : s.attendees) {
      auto it = m.clients.find(a.client_id);
      if (it != m.clients.end() && !it->second.consent.coaching)
        out.push_back({"consent", id, "session held with client '" + a.client_id + "' who has not consented"});
    }
  }
  return out;
}

}  // namespace laycoach
