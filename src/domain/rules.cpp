// The Programme's rules: every invariant of a coaching service, checked in one place. Each
// check_* throws a laycoach::Error naming the record and field and never changes state.
#include <algorithm>
#include <set>

#include "laycoach/access.hpp"
#include "laycoach/instrument.hpp"
#include "laycoach/limits.hpp"
#include "lookup.hpp"
#include "programme_impl.hpp"

namespace laycoach {

using namespace detail;

namespace {
using boost::posix_time::hours;
using boost::posix_time::minutes;

bool is_1_to_10(const std::optional<int>& v) { return !v || (*v >= 1 && *v <= 10); }

// A response's answers are judged (and scored) by the instrument library's own scoring rules.
Score validate_response_answers(const Response& r, const InstrumentSet& own) {
  const Instrument* found = find_instrument(own, r.instrument_id);
  if (!found)
    throw NotFoundError(r.id, "instrument_id",
                        "no instrument '" + r.instrument_id + "' (neither built in nor registered by this programme)");
  const Instrument& ins = *found;
  ScoreOptions opts;
  opts.record = r.id;
  if (!r.scores.empty()) {
    // Scored elsewhere: scale scores instead of answers (or of a score-only recorded score).
    if (!r.answers.empty() || r.recorded_score)
      throw ValidationError(r.id, "scores", "answers_or_scores"_rule,
                            "an externally scored response gives its scale scores and no answers or recorded_score");
    return ins.record(std::map<std::string, double, std::less<>>(r.scores.begin(), r.scores.end()), opts);
  }
  if (ins.score_only()) {
    if (!r.answers.empty())
      throw ValidationError(r.id, "answers", ErrorRule(r.instrument_id + "_not_scored_from_items"),
                            "'" + r.instrument_id + "' is recorded as a score from a licensed tool, never from item answers");
    if (!r.recorded_score)
      throw ValidationError(r.id, "recorded_score", "recorded_score_required"_rule,
                            "'" + r.instrument_id + "' needs the recorded score");
  } else if (r.recorded_score) {
    throw ValidationError(r.id, "recorded_score", "scored_from_items"_rule,
                          "'" + r.instrument_id + "' is scored from its items; do not give a recorded score");
  }
  try {
    if (ins.score_only()) return ins.record(*r.recorded_score, {}, opts);
    return ins.score(std::span<const std::optional<int>>(r.answers), opts);
  } catch (const Error& e) {
    throw_error(e.code(), e.record(), ErrorField(response_field(e.field())), ErrorRule(e.rule()), e.detail());
  }
}
}  // namespace
// ============================================================================ length limits

namespace {
// `s` cut to at most `n` bytes without splitting a UTF-8 character.
std::string_view utf8_prefix(std::string_view s, std::size_t n) {
  if (s.size() <= n) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}
}  // namespace

void check_length(std::string_view value, std::size_t limit, std::string_view record, ErrorField field) {
  if (value.size() <= limit) return;
  std::string rec(utf8_prefix(record, kMaxIdBytes));
  if (rec.size() < record.size()) rec += "...";
  throw ValidationError(std::move(rec), std::move(field), "length_limit"_rule,
                        "'" + field.str() + "' is " + std::to_string(value.size()) + " bytes; the limit is " +
                            std::to_string(limit) + " bytes of UTF-8 (limits.hpp)");
}

void validate_recipient(std::string_view recipient) {
  if (recipient.empty())
    throw ValidationError("recipient", "recipient", "recipient_required"_rule, "an extract names its recipient");
  check_length(recipient, kMaxNameBytes, "recipient", "recipient");
  for (const char ch : recipient)
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7F)
      throw ValidationError("recipient", "recipient", "printable_text"_rule, "a recipient name has no control characters");
}

void validate(const Viewer& viewer) { check_length(viewer.id, kMaxIdBytes, "viewer", "id"); }

namespace {
// The text fields of each record kind against their limits (limits.hpp): ids and references,
// names and short labels, free text. Called first by each record's rule.
// The field's name (a literal or an ErrorField) becomes an ErrorField only for a value over its
// limit: a name longer than the short-string buffer would cost an allocation on every check.
struct Lengths {
  const std::string& record;
  template <class F>
  const Lengths& id(F&& f, const std::string& v) const { return check(std::forward<F>(f), v, kMaxIdBytes); }
  template <class F>
  const Lengths& name(F&& f, const std::string& v) const { return check(std::forward<F>(f), v, kMaxNameBytes); }
  template <class F>
  const Lengths& text(F&& f, const std::string& v) const { return check(std::forward<F>(f), v, kMaxTextBytes); }
  template <class F>
  const Lengths& check(F&& f, const std::string& v, std::size_t limit) const {
    if (v.size() > limit) check_length(v, limit, record, ErrorField(std::forward<F>(f)));
    return *this;
  }
};
ErrorField at(const char* array, std::size_t i, const char* member = nullptr) {
  return ErrorField(std::string(array) + "/" + std::to_string(i) + (member ? std::string("/") + member : std::string()));
}

void check_lengths(const ServiceLine& s) { Lengths{s.id}.id("id", s.id).name("name", s.name); }
void check_lengths(const Offer& o) { Lengths{o.id}.id("id", o.id).id("service_line_id", o.service_line_id).name("name", o.name); }
void check_lengths(const Organisation& o) {
  Lengths{o.ods_code}.id("ods_code", o.ods_code).name("name", o.name).id("parent_ods", o.parent_ods);
}
void check_lengths(const Coach& c) {
  const Lengths l{c.id};
  l.id("id", c.id).name("name", c.name).name("clinical_background", c.clinical_background)
      .name("safeguarding_lead", c.safeguarding_lead).name("first_point_of_contact", c.first_point_of_contact)
      .id("band", c.band);
  for (std::size_t i = 0; i < c.offers.size(); ++i) l.id(at("offers", i), c.offers[i]);
  for (std::size_t i = 0; i < c.training.size(); ++i) l.name(at("training", i, "programme"), c.training[i].programme);
}
void check_lengths(const Client& c) {
  Lengths{c.id}.id("id", c.id).name("staff_group", c.staff_group).name("sector", c.sector)
      .id("organisation", c.organisation).name("ethnicity", c.ethnicity).name("ethnicity_group", c.ethnicity_group)
      .id("nhs_number", c.nhs_number);
}
void check_lengths(const Referral& r) {
  Lengths{r.id}.id("id", r.id).id("client_id", r.client_id).id("offer_id", r.offer_id).text("adjustments", r.adjustments);
}
void check_lengths(const Session& s) {
  const Lengths l{s.id};
  l.id("id", s.id).id("offer_id", s.offer_id).id("coach_id", s.coach_id).text("adjustments", s.adjustments)
      .id("rescheduled_to", s.rescheduled_to).name("override_by", s.override_by).text("override_reason", s.override_reason)
      .id("series_id", s.series_id).name("agreed_override_by", s.agreed_override_by)
      .text("agreed_override_reason", s.agreed_override_reason);
  // The fields' names are built only for a value over the limit (this runs for every booking).
  for (std::size_t i = 0; i < s.attendees.size(); ++i) {
    const Attendee& a = s.attendees[i];
    if (a.client_id.size() > kMaxIdBytes) l.id(at("attendees", i, "client_id"), a.client_id);
    if (a.referral_id.size() > kMaxIdBytes) l.id(at("attendees", i, "referral_id"), a.referral_id);
  }
}
void check_lengths(const WaitingListEntry& w) {
  Lengths{w.id}.id("id", w.id).id("session_id", w.session_id).id("client_id", w.client_id).id("referral_id", w.referral_id);
}
void check_lengths(const SessionNote& n) {
  Lengths{n.id}.id("id", n.id).id("session_id", n.session_id).id("author_id", n.author_id).text("text", n.text);
}
void check_lengths(const Goal& g) {
  Lengths{g.id}.id("id", g.id).id("client_id", g.client_id).id("referral_id", g.referral_id).text("description", g.description);
}
void check_lengths(const SupervisionRecord& r) { Lengths{r.id}.id("id", r.id).id("coach_id", r.coach_id).name("supervisor", r.supervisor); }
void check_lengths(const SafeguardingConcern& c) {
  Lengths{c.id}.id("id", c.id).id("coach_id", c.coach_id).id("client_id", c.client_id).id("session_id", c.session_id)
      .name("escalated_to", c.escalated_to).name("risk_flag_id", c.risk_flag_id);
}
// A risk flag's id is its response's id and the flag's name (risk_flag_id): a name-sized limit.
void check_lengths(const RiskFlag& f) {
  Lengths{f.id}.name("id", f.id).id("response_id", f.response_id).id("client_id", f.client_id)
      .id("instrument_id", f.instrument_id).name("flag", f.flag).name("acknowledged_by", f.acknowledged_by)
      .text("action", f.action);
}
void check_lengths(const TrainingCohort& c) { Lengths{c.id}.id("id", c.id).name("name", c.name).id("organisation", c.organisation); }
void check_lengths(const Trainee& t) {
  Lengths{t.id}.id("id", t.id).id("cohort_id", t.cohort_id).name("profession", t.profession)
      .id("organisation", t.organisation).name("sector", t.sector);
}
void check_lengths(const Response& r) {
  Lengths{r.id}.id("id", r.id).id("client_id", r.client_id).id("referral_id", r.referral_id).id("instrument_id", r.instrument_id);
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
  check_lengths(s);
  check_new_or_existing(lines, s.id, "service line", is_new);
  if (s.name.empty()) throw ValidationError(s.id, "name", "name_required"_rule, "a service line needs a name");
}

void Programme::Impl::check_offer(const Offer& o, bool is_new) const {
  check_lengths(o);
  check_new_or_existing(offers, o.id, "offer", is_new);
  find_or_throw(lines, o.service_line_id, "service line", o.id, "service_line_id");
  if (o.session_minutes <= 0 || o.session_minutes > 24 * 60)
    throw ValidationError(o.id, "session_minutes", "positive_length"_rule, "session length must be 1..1440 minutes");
  if (o.capacity < 1) throw ValidationError(o.id, "capacity", "capacity_positive"_rule, "capacity must be at least 1");
  if (o.format == Format::OneToOne && o.capacity != 1)
    throw ValidationError(o.id, "capacity", "one_to_one_capacity"_rule, "a 1:1 offer has capacity 1");
  if (o.modalities.empty())
    throw ValidationError(o.id, "modalities", "modality_required"_rule, "an offer needs at least one modality");
  for (std::size_t d = 0; d < 7; ++d) {
    const auto& h = o.hours.days[d];
    if (h.open_min < 0 || h.close_min > 24 * 60 || h.open_min > h.close_min)
      throw ValidationError(o.id, ErrorField("hours/days/" + std::to_string(d)), "valid_opening_hours"_rule,
                            "opening hours must satisfy 0 <= open <= close <= 1440 minutes");
  }
  if (o.eligibility.client_kinds.empty())
    throw ValidationError(o.id, "eligibility/client_kinds", "eligibility_required"_rule, "no client kind is eligible");
  if (o.eligibility.max_pam_level && (*o.eligibility.max_pam_level < 1 || *o.eligibility.max_pam_level > 4))
    throw ValidationError(o.id, "eligibility/max_pam_level", "pam_level_range"_rule, "PAM level is 1..4");
  if (o.agreed_sessions && *o.agreed_sessions < 1)
    throw ValidationError(o.id, "agreed_sessions", "positive"_rule, "agreed sessions must be at least 1");
  if (o.min_notice_minutes < 0)
    throw ValidationError(o.id, "min_notice_minutes", "non_negative"_rule, "minimum notice cannot be negative");
}

void Programme::Impl::check_organisation(const Organisation& o, bool is_new) const {
  check_lengths(o);
  require_id(o.ods_code, "organisation");
  if (is_new && organisations.count(o.ods_code))
    throw ConflictError(o.ods_code, "ods_code", "unique_id"_rule, "an organisation with this ODS code already exists");
  if (!ods_code_valid(o.ods_code))
    throw ValidationError(o.ods_code, "ods_code", "ods_code_format"_rule, "an ODS code is 3-10 upper-case letters or digits");
  if (!o.parent_ods.empty() && !organisations.count(o.parent_ods))
    throw NotFoundError(o.ods_code, "parent_ods", "no organisation '" + o.parent_ods + "'");
}

void Programme::Impl::check_coach(const Coach& c, bool is_new) const {
  check_lengths(c);
  check_new_or_existing(coaches, c.id, "coach", is_new);
  if (c.ethnically_diverse_pathway && !c.ethnically_diverse)
    throw ValidationError(c.id, "ethnically_diverse_pathway", "pathway_self_identified"_rule,
                          "only coaches who self-identify as from an ethnically diverse background deliver the pathway");
  if (c.modalities.empty())
    throw ValidationError(c.id, "modalities", "modality_required"_rule, "a coach needs at least one modality");
  if (!c.band.empty() && std::find(afc_bands().begin(), afc_bands().end(), c.band) == afc_bands().end())
    throw ValidationError(c.id, "band", "afc_band"_rule,
                          "band '" + c.band + "' is not an Agenda for Change band (1-7, 8a-8d, 9); leave it empty for none");
  for (std::size_t i = 0; i < c.offers.size(); ++i) {
    const std::string field = "offers/" + std::to_string(i);
    const Offer& o = find_or_throw(offers, c.offers[i], "offer", c.id, field);
    if (!meets(c, o.accreditation))
      throw ValidationError(c.id, ErrorField(field), "coach_accredited_for_offer"_rule,
                            "coach is not accredited for offer '" + o.id + "' (training, assessment, practice hours or membership missing)");
    if (o.ethnically_diverse_pathway && !c.ethnically_diverse_pathway)
      throw ValidationError(c.id, ErrorField(field), "pathway_coach"_rule,
                            "offer '" + o.id + "' is on the ethnically diverse pathway; the coach is not");
  }
  for (std::size_t i = 0; i < c.training.size(); ++i) {
    const auto& t = c.training[i];
    if (t.days < 0)
      throw ValidationError(c.id, ErrorField("training/" + std::to_string(i) + "/days"), "non_negative"_rule, "training days cannot be negative");
    if (!(t.practice_hours >= 0))  // also rejects NaN
      throw ValidationError(c.id, ErrorField("training/" + std::to_string(i) + "/practice_hours"), "non_negative"_rule,
                            "practice hours cannot be negative");
  }
  const auto& r = c.rota;
  auto check_block = [&](const RotaBlock& b, const std::string& field) {
    if (b.weekday < 0 || b.weekday > 6)
      throw ValidationError(c.id, ErrorField(field + "/weekday"), "weekday_range"_rule, "weekday is 0 (Monday) .. 6 (Sunday)");
    if (b.start_min < 0 || b.end_min > 24 * 60 || b.start_min >= b.end_min)
      throw ValidationError(c.id, ErrorField(field), "valid_rota_block"_rule, "a rota block needs 0 <= start < end <= 1440 minutes");
  };
  for (std::size_t i = 0; i < r.weekly.size(); ++i) check_block(r.weekly[i], "rota/weekly/" + std::to_string(i));
  for (std::size_t i = 0; i < r.exceptions.size(); ++i) {
    if (r.exceptions[i].date.is_special())
      throw ValidationError(c.id, ErrorField("rota/exceptions/" + std::to_string(i) + "/date"), "date_required"_rule, "an exception needs a date");
    for (std::size_t k = 0; k < r.exceptions[i].blocks.size(); ++k) {
      RotaBlock b = r.exceptions[i].blocks[k];
      b.weekday = 0;
      check_block(b, "rota/exceptions/" + std::to_string(i) + "/blocks/" + std::to_string(k));
    }
  }
  for (std::size_t i = 0; i < r.leave.size(); ++i)
    if (r.leave[i].first.is_special() || r.leave[i].last.is_special() || r.leave[i].last < r.leave[i].first)
      throw ValidationError(c.id, ErrorField("rota/leave/" + std::to_string(i)), "valid_leave"_rule, "leave needs first <= last dates");
  for (const auto& [field, value] : {std::pair{"rota/max_sessions_per_day", r.max_sessions_per_day},
                                     std::pair{"rota/max_sessions_per_week", r.max_sessions_per_week},
                                     std::pair{"rota/buffer_minutes", r.buffer_minutes}})
    if (value < 0) throw ValidationError(c.id, ErrorField(field), "non_negative"_rule, "caps and buffer cannot be negative");
}

void Programme::Impl::check_client(const Client& c, bool is_new) const {
  check_lengths(c);
  check_new_or_existing(clients, c.id, "client", is_new);
  if (c.kind == ClientKind::Patient) {
    if (!nhs_number_valid(c.nhs_number))
      throw ValidationError(c.id, "nhs_number", "nhs_number_modulus_11"_rule,
                            "'" + c.nhs_number + "' is not a valid NHS number (10 digits, Modulus 11 check digit)");
    // One patient, one record: the other client is not named (the caller may not see it).
    if (auto it = nhs_numbers.find(nhs_number_canonical(c.nhs_number)); it != nhs_numbers.end() && it->second != c.id)
      throw ConflictError(c.id, "nhs_number", "nhs_number_unique"_rule, "another client already has this NHS number");
  } else if (!c.nhs_number.empty()) {
    throw ValidationError(c.id, "nhs_number", "staff_pseudonymous"_rule, "staff clients are pseudonymous: no NHS number");
  }
  if (c.pam_level && (*c.pam_level < 1 || *c.pam_level > 4))
    throw ValidationError(c.id, "pam_level", "pam_level_range"_rule, "PAM level is 1..4");
  if (c.pam_score && (*c.pam_score < 0 || *c.pam_score > 100))
    throw ValidationError(c.id, "pam_score", "pam_score_range"_rule, "PAM score is 0..100");
  if (!c.organisation.empty() && !organisations.count(c.organisation))
    throw NotFoundError(c.id, "organisation", "no organisation '" + c.organisation + "'");
}

void Programme::Impl::check_referral(const Referral& r, bool is_new) const {
  check_lengths(r);
  check_new_or_existing(referrals, r.id, "referral", is_new);
  const Client& c = find_or_throw(clients, r.client_id, "client", r.id, "client_id");
  const Offer& o = find_or_throw(offers, r.offer_id, "offer", r.id, "offer_id");
  if (r.requested_at.is_special())
    throw ValidationError(r.id, "requested_at", "instant_required"_rule, "a referral needs the time it was requested");
  if (r.preferred_modality && !contains(o.modalities, *r.preferred_modality))
    throw ValidationError(r.id, "preferred_modality", "modality_allowed"_rule,
                          std::string("offer '") + o.id + "' is not delivered by " + to_string(*r.preferred_modality));
  if (r.sessions_wanted && *r.sessions_wanted < 1)
    throw ValidationError(r.id, "sessions_wanted", "positive"_rule, "sessions wanted must be at least 1");
  if (auto why = ineligible(c, o); !why.empty()) throw ValidationError(r.id, "client_id", "eligibility"_rule, why);
}

const Session* Programme::Impl::overlapping(const TimeIndex& idx, const std::string& who, Instant start,
                                            Instant end, const std::string& ignore_id) const {
  auto it = idx.find(who);
  return overlapping(it == idx.end() ? nullptr : &it->second, start, end, ignore_id);
}

const Session* Programme::Impl::overlapping(const PersonTime* entry, Instant start, Instant end, const std::string& ignore_id) {
  if (!entry) return nullptr;
  const auto& busy = entry->busy;
  // No session is longer than a day, so only those starting in (start - 1 day, end) can overlap.
  for (auto p = entry->from(start - hours(24)); p != busy.end() && p->start < end; ++p) {
    if (p->start < end && start < p->end && p->session->id != ignore_id) return p->session;
  }
  return nullptr;
}

bool Programme::Impl::has_session_with(const std::string& coach_id, const std::string& client_id) const {
  auto it = client_busy.find(client_id);
  if (it == client_busy.end()) return false;
  const auto& coaches = it->second.coaches;
  return std::any_of(coaches.begin(), coaches.end(), [&](const auto& c) { return c.first == coach_id; });
}

void Programme::Impl::check_attendees(const Session& s, const Offer& o, bool new_booking) const {
  // Listed twice: a scan of the earlier attendees for a small session (no allocation), a set beyond.
  constexpr std::size_t kScanAttendees = 16;
  std::set<std::string> seen;
  auto listed_before = [&](std::size_t i) {
    if (s.attendees.size() > kScanAttendees) return !seen.insert(s.attendees[i].client_id).second;
    for (std::size_t j = 0; j < i; ++j)
      if (s.attendees[j].client_id == s.attendees[i].client_id) return true;
    return false;
  };
  for (std::size_t i = 0; i < s.attendees.size(); ++i) {
    const Attendee& a = s.attendees[i];
    auto field = [i] { return "attendees/" + std::to_string(i); };  // built only for an error
    // find_or_throw's error, with the field's text built only for an error. One hash lookup
    // finds the record and the client's entry (its referrals, and its diary for the overlap rule).
    const auto [found, entry] = client_entry(a.client_id);
    if (!found) throw NotFoundError(s.id, ErrorField(field() + "/client_id"), "no client '" + a.client_id + "'");
    const Client& cl = *found;
    if (listed_before(i))
      throw ConflictError(s.id, ErrorField(field() + "/client_id"), "unique_attendee"_rule, "client '" + a.client_id + "' is listed twice");
    if (auto why = ineligible(cl, o); !why.empty()) throw ValidationError(s.id, ErrorField(field() + "/client_id"), "eligibility"_rule, why);
    if (!a.referral_id.empty()) {
      const Referral* ref = find_referral(entry, a.referral_id);
      if (!ref) throw NotFoundError(s.id, ErrorField(field() + "/referral_id"), "no referral '" + a.referral_id + "'");
      const Referral& r = *ref;
      if (r.client_id != a.client_id || r.offer_id != o.id)
        throw ValidationError(s.id, ErrorField(field() + "/referral_id"), "referral_matches"_rule,
                              "referral '" + r.id + "' is not this client's referral for offer '" + o.id + "'");
    }
    if (new_booking && a.status != AttendeeStatus::Cancelled && !cl.consent.coaching)
      throw ValidationError(s.id, ErrorField(field() + "/client_id"), "consent"_rule, "client '" + cl.id + "' has not consented to coaching");
  }
}

void Programme::Impl::check_session(const Session& s, bool is_new, bool new_booking, const std::string& ignore_id,
                                    const Coach* coach, SessionPlace* place) const {
  check_lengths(s);
  if (place && is_new) {
    require_id(s.id, "session");
    *place = require_unique_place(sessions, s.id, "session");
  } else {
    check_new_or_existing(sessions, s.id, "session", is_new);
  }
  const Offer& o = find_or_throw(offers, s.offer_id, "offer", s.id, "offer_id");
  // The coach's busy entry: one hash lookup finds the coach's record (noted there the first time
  // the map finds it) and the diary the overlap, buffer and cap rules read.
  const auto entry_it = coach_busy.find(s.coach_id);
  const PersonTime* entry = entry_it == coach_busy.end() ? nullptr : &entry_it->second;
  const bool given = coach && coach->id == s.coach_id;
  const Coach* found = given ? coach : entry && entry->note ? entry->note->coach : nullptr;
  if (!found) {
    found = &find_or_throw(coaches, s.coach_id, "coach", s.id, "coach_id");
    if (entry) {
      if (!entry->note) entry->note = std::make_unique<CoachNote>();
      if (entry->note->coach != found) entry->note->dates_generation = ~std::uint64_t{0};
      entry->note->coach = found;
    }
  }
  const Coach& c = *found;
  if (new_booking && !c.active)
    throw ValidationError(s.id, "coach_id", "coach_active"_rule, "coach '" + c.id + "' is not taking bookings");
  if (!contains(c.offers, o.id) || !meets(c, o.accreditation))
    throw ValidationError(s.id, "coach_id", "coach_accredited_for_offer"_rule,
                          "coach '" + c.id + "' is not accredited to deliver offer '" + o.id + "'");
  if (o.ethnically_diverse_pathway && !c.ethnically_diverse_pathway)
    throw ValidationError(s.id, "coach_id", "pathway_coach"_rule,
                          "the ethnically diverse pathway is delivered only by coaches on the pathway; '" + c.id + "' is not");
  if (!contains(o.modalities, s.modality))
    throw ValidationError(s.id, "modality", "modality_allowed"_rule,
                          std::string("offer '") + o.id + "' is not delivered by " + to_string(s.modality));
  if (!contains(c.modalities, s.modality))
    throw ValidationError(s.id, "modality", "modality_allowed"_rule,
                          std::string("coach '") + c.id + "' does not work by " + to_string(s.modality));
  if (s.start.is_special()) throw ValidationError(s.id, "start", "instant_required"_rule, "a session needs a start time");
  if (s.minutes <= 0 || s.minutes > 24 * 60)
    throw ValidationError(s.id, "minutes", "positive_length"_rule, "session length must be 1..1440 minutes");

  // Opening hours, in UK local time to the second (access.hpp: the one definition).
  switch (check_opening_hours(o.hours, s.start, s.end())) {
    case OpeningCheck::Inside: break;
    case OpeningCheck::OutsideHours:
      throw ValidationError(s.id, "start", "within_opening_hours"_rule,
                            "session " + format_instant(s.start) + " for " + std::to_string(s.minutes) +
                                " min is outside the opening hours of offer '" + o.id + "' (UK local time)");
    case OpeningCheck::ClosedBankHoliday:
      throw ValidationError(s.id, "start", "within_opening_hours"_rule,
                            "offer '" + o.id + "' is closed on bank holidays (" +
                                format_date(to_uk_local(s.start).date()) + ")");
  }

  // Attendees and capacity.
  if (s.attendees.empty()) throw ValidationError(s.id, "attendees", "attendee_required"_rule, "a session needs at least one client");
  // Capacity counts the places taken: a cancelled place may have been given to someone else.
  const auto taken = std::count_if(s.attendees.begin(), s.attendees.end(),
                                   [](const Attendee& a) { return a.status != AttendeeStatus::Cancelled; });
  if (taken > o.capacity)
    throw ConflictError(s.id, "attendees", "group_capacity"_rule,
                        std::to_string(taken) + " attendees exceed the capacity " + std::to_string(o.capacity) +
                            " of offer '" + o.id + "'");
  check_attendees(s, o, new_booking);

  // No double booking of the coach or of any client.
  if (occupies_time(s.status)) {
    const std::string& ignore = ignore_id.empty() ? s.id : ignore_id;
    if (const Session* other = overlapping(entry, s.start, s.end(), ignore))
      throw ConflictError(s.id, "start", "coach_double_booked"_rule,
                          "coach '" + s.coach_id + "' already has session '" + other->id + "' at " + format_instant(other->start));
    for (std::size_t i = 0; i < s.attendees.size(); ++i) {
      if (s.attendees[i].status == AttendeeStatus::Cancelled) continue;
      if (const Session* other = overlapping(client_busy, s.attendees[i].client_id, s.start, s.end(), ignore))
        throw ConflictError(s.id, ErrorField("attendees/" + std::to_string(i) + "/client_id"), "client_double_booked"_rule,
                            "client '" + s.attendees[i].client_id + "' already has session '" + other->id + "' at " +
                                format_instant(other->start));
    }
  }
  if (!s.rescheduled_to.empty() && s.status != SessionStatus::Rescheduled)
    throw ValidationError(s.id, "rescheduled_to", "rescheduled_status"_rule, "only a rescheduled session names a replacement");
  if (s.override_by.empty() != s.override_reason.empty())
    throw ValidationError(s.id, ErrorField(s.override_by.empty() ? "override_by" : "override_reason"), "override_named"_rule,
                          "an override of the scheduling rules names both who allowed it and why");
  if (s.agreed_override_by.empty() != s.agreed_override_reason.empty())
    throw ValidationError(s.id, ErrorField(s.agreed_override_by.empty() ? "agreed_override_by" : "agreed_override_reason"),
                          "override_named"_rule,
                          "an override of the agreed number of sessions names both who allowed it and why");
  if (s.series_index < 0 || (s.series_index > 0 && s.series_id.empty()))
    throw ValidationError(s.id, "series_index", "series_index_range"_rule,
                          "an occurrence index is 0 or more, and more than 0 only in a series");
  // The scheduling rules, for every new booking unless a named person set them aside.
  if (new_booking && s.override_by.empty()) {
    // The coach's exception dates for check_schedule, read again after any change of a coach
    // (here, under the write lock: check_schedule itself may run under a read lock, and only reads them).
    if (!given && entry && entry->note && entry->note->dates_generation != generation) {
      CoachNote& n = *entry->note;
      n.exception_dates.clear();
      for (const RotaException& x : c.rota.exceptions) n.exception_dates.push_back(x.date);
      std::sort(n.exception_dates.begin(), n.exception_dates.end());
      n.dates_generation = generation;
    }
    if (coach) check_schedule(s, s.booked_at, ignore_id);  // the stored coach's rota, as without `coach`
    else {
      // A new session (its id found free above) with nothing to ignore: the caps skip the ids
      // s.id and "" (ignore_id), which no stored session holds when the least id is not "".
      const bool unheld = is_new && ignore_id.empty() && (sessions.empty() || !sessions.begin()->first.empty());
      check_schedule(s, s.booked_at, ignore_id, c, o, entry, unheld);  // c, o and the entry found once
    }
  }
}

void Programme::Impl::check_wait(const WaitingListEntry& w, bool is_new) const {
  check_lengths(w);
  check_new_or_existing(waiting_list, w.id, "waiting list entry", is_new);
  const Session& s = find_or_throw(sessions, w.session_id, "session", w.id, "session_id");
  const Client& c = find_or_throw(clients, w.client_id, "client", w.id, "client_id");
  const Offer& o = offers.at(s.offer_id);
  if (o.format == Format::OneToOne)
    throw ValidationError(w.id, "session_id", "waiting_list_group_only"_rule, "waiting lists are for group and team sessions");
  if (auto why = ineligible(c, o); !why.empty()) throw ValidationError(w.id, "client_id", "eligibility"_rule, why);
  if (!w.referral_id.empty()) find_or_throw(referrals, w.referral_id, "referral", w.id, "referral_id");
  if (w.added_at.is_special()) throw ValidationError(w.id, "added_at", "instant_required"_rule, "when was the client added?");
}

void Programme::Impl::check_note(const SessionNote& n, bool is_new) const {
  check_lengths(n);
  check_new_or_existing(notes, n.id, "note", is_new);
  const Session& s = find_or_throw(sessions, n.session_id, "session", n.id, "session_id");
  if (n.author_id != s.coach_id)
    throw ForbiddenError(n.id, "author_id", "only the session's coach writes its notes");
}

void Programme::Impl::check_goal(const Goal& g, bool is_new) const {
  check_lengths(g);
  check_new_or_existing(goals, g.id, "goal", is_new);
  find_or_throw(clients, g.client_id, "client", g.id, "client_id");
  if (!g.referral_id.empty()) {
    const Referral& r = find_or_throw(referrals, g.referral_id, "referral", g.id, "referral_id");
    if (r.client_id != g.client_id)
      throw ValidationError(g.id, "referral_id", "referral_matches"_rule, "the referral belongs to another client");
  }
  auto in_0_10 = [](const std::optional<int>& v) { return !v || (*v >= 0 && *v <= 10); };
  if (!in_0_10(g.baseline)) throw ValidationError(g.id, "baseline", "goal_scale"_rule, "goal ratings are 0..10");
  if (!in_0_10(g.target)) throw ValidationError(g.id, "target", "goal_scale"_rule, "goal ratings are 0..10");
  if (g.description.empty()) throw ValidationError(g.id, "description", "description_required"_rule, "a goal needs a description");
}

void Programme::Impl::check_supervision(const SupervisionRecord& r, bool is_new) const {
  check_lengths(r);
  check_new_or_existing(supervision, r.id, "supervision record", is_new);
  find_or_throw(coaches, r.coach_id, "coach", r.id, "coach_id");
  if (r.date.is_special()) throw ValidationError(r.id, "date", "date_required"_rule, "a supervision record needs a date");
  if (r.group && r.kind != SupervisionKind::HealthCoaching)
    throw ValidationError(r.id, "group", "group_supervision_kind"_rule, "only health coaching supervision is given in groups");
  if (r.minutes <= 0) throw ValidationError(r.id, "minutes", "positive_length"_rule, "length must be positive");
  if (r.supervisor.empty()) throw ValidationError(r.id, "supervisor", "supervisor_required"_rule, "name the supervisor");
}

void Programme::Impl::check_concern(const SafeguardingConcern& c, bool is_new) const {
  check_lengths(c);
  check_new_or_existing(safeguarding, c.id, "safeguarding concern", is_new);
  find_or_throw(coaches, c.coach_id, "coach", c.id, "coach_id");
  find_or_throw(clients, c.client_id, "client", c.id, "client_id");
  if (!c.session_id.empty()) find_or_throw(sessions, c.session_id, "session", c.id, "session_id");
  if (c.raised_at.is_special()) throw ValidationError(c.id, "raised_at", "instant_required"_rule, "when was it raised?");
  if (!c.escalated_to.empty() && (c.escalated_at.is_special() || c.escalated_at < c.raised_at))
    throw ValidationError(c.id, "escalated_at", "escalation_time"_rule, "escalation needs a time not before the concern");
  if (!c.risk_flag_id.empty()) {
    const RiskFlag& f = find_or_throw(risk_flags, c.risk_flag_id, "risk flag", c.id, "risk_flag_id");
    if (f.client_id != c.client_id)
      throw ValidationError(c.id, "risk_flag_id", "risk_flag_matches"_rule, "the risk flag belongs to another client");
  }
}

void Programme::Impl::check_risk_flag(const RiskFlag& f, bool is_new) const {
  check_lengths(f);
  check_new_or_existing(risk_flags, f.id, "risk flag", is_new);
  const Response& r = find_or_throw(responses, f.response_id, "response", f.id, "response_id");
  if (f.client_id != r.client_id)
    throw ValidationError(f.id, "client_id", "response_matches"_rule, "the flag names another client than its response");
  if (f.flag.empty()) throw ValidationError(f.id, "flag", "flag_required"_rule, "a risk flag names its flag");
  if (f.id != risk_flag_id(f.response_id, f.flag))
    throw ValidationError(f.id, "id", "risk_flag_id"_rule, "a risk flag's id is '<response id>#<flag>'");
  if (f.raised_at.is_special()) throw ValidationError(f.id, "raised_at", "instant_required"_rule, "when was it raised?");
  if (f.acknowledged_by.empty() != f.acknowledged_at.is_special())
    throw ValidationError(f.id, f.acknowledged_by.empty() ? "acknowledged_by" : "acknowledged_at",
                          f.acknowledged_by.empty() ? "named_person"_rule : "instant_required"_rule,
                          "an acknowledgement names the person and the time, both or neither");
  if (!f.acknowledged_at.is_special() && f.acknowledged_at < f.raised_at)
    throw ValidationError(f.id, "acknowledged_at", "acknowledgement_time"_rule,
                          "a flag is acknowledged after it was raised (" + format_instant(f.raised_at) + ")");
}

std::vector<RiskFlag> Programme::Impl::raised_flags(const Response& r, const Score& s) {
  std::vector<RiskFlag> out;
  for (const auto& name : s.risk_flags) {
    RiskFlag f;
    f.id = risk_flag_id(r.id, name);
    f.response_id = r.id;
    f.client_id = r.client_id;
    f.instrument_id = r.instrument_id;
    f.flag = name;
    f.raised_at = r.recorded_at;
    out.push_back(std::move(f));
  }
  return out;
}

void Programme::Impl::check_cohort(const TrainingCohort& c, bool is_new) const {
  check_lengths(c);
  check_new_or_existing(cohorts, c.id, "training cohort", is_new);
  if (c.days < 1) throw ValidationError(c.id, "days", "positive"_rule, "a course lasts at least one day");
  if (c.start.is_special()) throw ValidationError(c.id, "start", "date_required"_rule, "a cohort needs a start date");
}

void Programme::Impl::check_trainee(const Trainee& t, bool is_new) const {
  check_lengths(t);
  check_new_or_existing(trainees, t.id, "trainee", is_new);
  const TrainingCohort& c = find_or_throw(cohorts, t.cohort_id, "training cohort", t.id, "cohort_id");
  if (t.days_attended < 0 || t.days_attended > c.days)
    throw ValidationError(t.id, "days_attended", "days_attended_range"_rule,
                          "days attended must be 0.." + std::to_string(c.days));
  if (!is_1_to_10(t.confidence_before))
    throw ValidationError(t.id, "confidence_before", "confidence_range"_rule, "confidence is scored 1..10");
  if (!is_1_to_10(t.confidence_after))
    throw ValidationError(t.id, "confidence_after", "confidence_range"_rule, "confidence is scored 1..10");
}

Score Programme::Impl::check_response(const Response& r, bool is_new) const {
  check_lengths(r);
  check_new_or_existing(responses, r.id, "response", is_new);
  find_or_throw(clients, r.client_id, "client", r.id, "client_id");
  if (!r.referral_id.empty()) {
    const Referral& ref = find_or_throw(referrals, r.referral_id, "referral", r.id, "referral_id");
    if (ref.client_id != r.client_id)
      throw ValidationError(r.id, "referral_id", "referral_matches"_rule, "the referral belongs to another client");
  }
  if (r.recorded_at.is_special()) throw ValidationError(r.id, "recorded_at", "instant_required"_rule, "when was it answered?");
  if (r.follow_up_weeks < 0 || (r.time_point != TimePoint::FollowUp && r.follow_up_weeks != 0))
    throw ValidationError(r.id, "follow_up_weeks", "follow_up_weeks"_rule, "weeks are given for follow-up responses only, >= 0");
  return validate_response_answers(r, instruments);  // the instrument's rule (range, length, score-only)
}

void Programme::Impl::check_policy(const SupervisionPolicy& p) const {
  for (const auto& [field, days] : {std::pair{"health_coaching_days", p.health_coaching_days},
                                    std::pair{"clinical_days", p.clinical_days},
                                    std::pair{"line_management_days", p.line_management_days}})
    if (days < 0) throw ValidationError("supervision_policy", ErrorField(field), "non_negative"_rule, "intervals are days >= 0 (0: not required)");
}

void Programme::Impl::check_floor(const SuppressionPolicy& p) const {
  validate(p);
  if (const char* member = weaker_member(p, kMinimumFloor))
    throw ValidationError("disclosure_floor", ErrorField(member), "policy_below_floor"_rule,
                          std::string("a service's disclosure floor is at least the NHS rule (kMinimumFloor); '") +
                              member + "' is weaker");
}

ChangeSet Programme::Impl::settings_change() const {
  ChangeSet cs;
  cs.upserts.supervision_policy = supervision_policy;
  cs.upserts.disclosure_floor = disclosure_floor;
  cs.upserts.triage_rules = triage_rules;
  cs.policy_changed = true;
  return cs;
}

}  // namespace laycoach
