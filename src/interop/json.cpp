// JSON documents: one reader and one writer per record type (see json_io.hpp).
#include <algorithm>
#include <functional>
#include <unordered_set>

#include "json_io.hpp"
#include "json_text.hpp"

namespace laycoach::jsonio {

// `ptr` is an RFC 6901 JSON pointer: "" is the whole document ("/" would be the key "").
[[noreturn]] void fail(const std::string& record, const std::string& ptr, const std::string& what) {
  throw ParseError(record, ErrorField(ptr), what);
}

std::string pointer_token(const std::string& key) { return json_text::pointer_token(key); }

Reader::Reader(const Json& j, std::string ptr, std::string record)
    : j_(j), ptr_(std::move(ptr)), record_(std::move(record)) {
  if (!j_.is_object()) fail(record_, ptr_, "expected an object");
  used_.reserve(j_.size());
  // Name the record in errors by its id when it has one.
  if (record_.empty()) {
    for (const char* k : {"id", "ods_code"}) {
      auto it = j_.find(k);
      if (it != j_.end() && it->is_string()) { record_ = it->get<std::string>(); break; }
    }
  }
}

void Reader::done() const {
  std::size_t next = 0;
  for (auto it = j_.begin(); it != j_.end(); ++it) {
    if (it.key() == "schema_version") {
      // Allowed on any object (records nest whole documents), but only this build's version.
      if (!it->is_number_integer() || it->get<long long>() != kDocumentSchemaVersion)
        fail(record_, ptr_ + "/schema_version",
             "unsupported schema_version " + it->dump() + " (this build reads " +
                 std::to_string(kDocumentSchemaVersion) + ")");
      continue;
    }
    // Keys are mostly read in the order the object lists them: each search starts after the
    // last match and wraps around, so a record's check is about linear in its keys.
    const std::string& key = it.key();
    bool known = false;
    for (std::size_t n = 0; n < used_.size() && !known; ++n) {
      const std::size_t k = (next + n) % used_.size();
      if (key == used_[k]) {
        known = true;
        next = k + 1;
      }
    }
    if (!known)
      fail(record_, ptr_ + "/" + pointer_token(it.key()), "unknown key '" + it.key() + "'");
  }
}

Json parse_text(std::string_view text) { return parse_text(text, ""); }

// The one strict reader (src/core/json_text.hpp), shared with the instrument definitions.
Json parse_text(std::string_view text, const std::string& record) { return json_text::parse<Json>(text, record); }

void check_schema_version(const Json& j, bool required) {
  if (!j.is_object()) fail("", "", "expected a JSON object");
  auto it = j.find("schema_version");
  if (it == j.end()) {
    if (required) fail("", "/schema_version", "missing required key 'schema_version'");
    return;
  }
  if (!it->is_number_integer() || it->get<long long>() != kDocumentSchemaVersion)
    fail("", "/schema_version",
         "unsupported schema_version " + it->dump() + " (this build reads " + std::to_string(kDocumentSchemaVersion) + ")");
}

// ---- scalars ---------------------------------------------------------------------------------

void read(const Json& v, const std::string& p, const std::string& r, std::string& out) {
  if (!v.is_string()) fail(r, p, "expected a string");
  out = v.get<std::string>();
}
void read(const Json& v, const std::string& p, const std::string& r, int& out) {
  if (!v.is_number_integer()) fail(r, p, "expected an integer");
  if (v.is_number_unsigned() && v.get<unsigned long long>() > static_cast<unsigned long long>(INT32_MAX))
    fail(r, p, "integer out of range");
  const auto x = v.get<long long>();
  if (x < INT32_MIN || x > INT32_MAX) fail(r, p, "integer out of range");
  out = static_cast<int>(x);
}
void read(const Json& v, const std::string& p, const std::string& r, long long& out) {
  if (!v.is_number_integer()) fail(r, p, "expected an integer");
  if (v.is_number_unsigned() && v.get<unsigned long long>() > static_cast<unsigned long long>(INT64_MAX))
    fail(r, p, "integer out of range");
  out = v.get<long long>();
}
void read(const Json& v, const std::string& p, const std::string& r, double& out) {
  if (!v.is_number()) fail(r, p, "expected a number");
  out = v.get<double>();
}
void read(const Json& v, const std::string& p, const std::string& r, bool& out) {
  if (!v.is_boolean()) fail(r, p, "expected true or false");
  out = v.get<bool>();
}
void read(const Json& v, const std::string& p, const std::string& r, Instant& out) {
  if (v.is_null()) { out = Instant(boost::posix_time::not_a_date_time); return; }
  if (!v.is_string()) fail(r, p, "expected an ISO 8601 instant string");
  try {
    out = parse_instant(v.get<std::string>(), r, p);
  } catch (const Error& e) {
    fail(r, p, e.detail());
  }
}
void read(const Json& v, const std::string& p, const std::string& r, Date& out) {
  if (v.is_null()) { out = Date(boost::gregorian::not_a_date_time); return; }
  if (!v.is_string()) fail(r, p, "expected an ISO 8601 date string (YYYY-MM-DD)");
  try {
    out = parse_date(v.get<std::string>(), r, p);
  } catch (const Error& e) {
    fail(r, p, e.detail());
  }
}
Json write(const std::string& x) { return x; }
Json write(int x) { return x; }
Json write(long long x) { return x; }
Json write(double x) { return x; }
Json write(bool x) { return x; }
Json write(const Instant& x) { return x.is_special() ? Json(nullptr) : Json(format_instant(x)); }
Json write(const Date& x) { return x.is_special() ? Json(nullptr) : Json(format_date(x)); }

// ---- enums: their names live in enums.cpp ------------------------------------------------------

LC_DEFINE_ENUM_IO(Format, parse_format)
LC_DEFINE_ENUM_IO(Modality, parse_modality)
LC_DEFINE_ENUM_IO(ServiceKind, parse_service_kind)
LC_DEFINE_ENUM_IO(ClientKind, parse_client_kind)
LC_DEFINE_ENUM_IO(OrgKind, parse_org_kind)
LC_DEFINE_ENUM_IO(ProfessionalBody, parse_professional_body)
LC_DEFINE_ENUM_IO(ReferralSource, parse_referral_source)
LC_DEFINE_ENUM_IO(SessionStatus, parse_session_status)
LC_DEFINE_ENUM_IO(AttendeeStatus, parse_attendee_status)
LC_DEFINE_ENUM_IO(GoalAttainment, parse_goal_attainment)
LC_DEFINE_ENUM_IO(OnwardDestination, parse_onward_destination)
LC_DEFINE_ENUM_IO(OnwardOutcome, parse_onward_outcome)
LC_DEFINE_ENUM_IO(WaitStatus, parse_wait_status)
LC_DEFINE_ENUM_IO(SupervisionKind, parse_supervision_kind)
LC_DEFINE_ENUM_IO(SafeguardingCategory, parse_safeguarding_category)
LC_DEFINE_ENUM_IO(TimePoint, parse_time_point)
LC_DEFINE_ENUM_IO(Audience, parse_audience)
LC_DEFINE_ENUM_IO(EventKind, parse_event_kind)

// ---- records -------------------------------------------------------------------------------------

void read(const Json& v, const std::string& p, const std::string& r, DayHours& x) {
  Reader in(v, p, r);
  in.req("open_min", x.open_min);
  in.req("close_min", x.close_min);
  in.done();
}
Json write(const DayHours& x) { return Json{{"open_min", x.open_min}, {"close_min", x.close_min}}; }

void read(const Json& v, const std::string& p, const std::string& r, OpeningHours& x) {
  Reader in(v, p, r);
  std::vector<DayHours> days;
  in.req("days", days);
  if (days.size() != 7) fail(in.record(), p + "/days", "opening hours list 7 days, Monday first");
  std::copy(days.begin(), days.end(), x.days.begin());
  in.opt("open_on_bank_holidays", x.open_on_bank_holidays);
  in.done();
}
Json write(const OpeningHours& x) {
  return Json{{"days", write(std::vector<DayHours>(x.days.begin(), x.days.end()))},
              {"open_on_bank_holidays", x.open_on_bank_holidays}};
}

void read(const Json& v, const std::string& p, const std::string& r, Eligibility& x) {
  Reader in(v, p, r);
  in.opt("client_kinds", x.client_kinds);
  in.opt("ethnically_diverse_only", x.ethnically_diverse_only);
  in.opt("leaders_only", x.leaders_only);
  in.opt("max_pam_level", x.max_pam_level);
  in.done();
}
Json write(const Eligibility& x) {
  return Json{{"client_kinds", write(x.client_kinds)}, {"ethnically_diverse_only", x.ethnically_diverse_only},
              {"leaders_only", x.leaders_only}, {"max_pam_level", write(x.max_pam_level)}};
}

void read(const Json& v, const std::string& p, const std::string& r, AccreditationRequirement& x) {
  Reader in(v, p, r);
  in.opt("min_training_days", x.min_training_days);
  in.opt("skills_assessment", x.skills_assessment);
  in.opt("practice_hours", x.practice_hours);
  in.opt("professional_body", x.professional_body);
  in.done();
}
Json write(const AccreditationRequirement& x) {
  return Json{{"min_training_days", x.min_training_days}, {"skills_assessment", x.skills_assessment},
              {"practice_hours", x.practice_hours}, {"professional_body", x.professional_body}};
}

void read(const Json& v, const std::string& p, const std::string& r, ServiceLine& x) {
  Reader in(v, p, r);
  in.req("id", x.id);
  in.req("name", x.name);
  in.opt("kind", x.kind);
  in.done();
}
Json write(const ServiceLine& x) { return Json{{"id", x.id}, {"name", x.name}, {"kind", write(x.kind)}}; }

void read(const Json& v, const std::string& p, const std::string& r, Offer& x) {
  Reader in(v, p, r);
  in.req("id", x.id);
  in.req("service_line_id", x.service_line_id);
  in.req("name", x.name);
  in.opt("format", x.format);
  in.opt("session_minutes", x.session_minutes);
  in.opt("capacity", x.capacity);
  in.opt("modalities", x.modalities);
  in.opt("hours", x.hours);
  in.opt("eligibility", x.eligibility);
  in.opt("accreditation", x.accreditation);
  in.opt("ethnically_diverse_pathway", x.ethnically_diverse_pathway);
  in.opt("agreed_sessions", x.agreed_sessions);
  in.opt("min_notice_minutes", x.min_notice_minutes);
  in.done();
}
Json write(const Offer& x) {
  return Json{{"id", x.id}, {"service_line_id", x.service_line_id}, {"name", x.name}, {"format", write(x.format)},
              {"session_minutes", x.session_minutes}, {"capacity", x.capacity}, {"modalities", write(x.modalities)},
              {"hours", write(x.hours)}, {"eligibility", write(x.eligibility)},
              {"accreditation", write(x.accreditation)}, {"ethnically_diverse_pathway", x.ethnically_diverse_pathway},
              {"agreed_sessions", write(x.agreed_sessions)}, {"min_notice_minutes", x.min_notice_minutes}};
}

void read(const Json& v, const std::string& p, const std::string& r, Catalogue& x) {
  Reader in(v, p, r);
  in.opt("service_lines", x.service_lines);
  in.opt("offers", x.offers);
  in.done();
}
Json write(const Catalogue& x) { return Json{{"service_lines", write(x.service_lines)}, {"offers", write(x.offers)}}; }

void read(const Json& v, const std::string& p, const std::string& r, Organisation& x) {
  Reader in(v, p, r);
  in.req("ods_code", x.ods_code);
  in.opt("name", x.name);
  in.opt("kind", x.kind);
  in.opt("parent_ods", x.parent_ods);
  in.done();
}
Json write(const Organisation& x) {
  return Json{{"ods_code", x.ods_code}, {"name", x.name}, {"kind", write(x.kind)}, {"parent_ods", x.parent_ods}};
}

void read(const Json& v, const std::string& p, const std::string& r, TrainingRecord& x) {
  Reader in(v, p, r);
  in.opt("programme", x.programme);
  in.req("days", x.days);
  in.opt("practice_hours", x.practice_hours);
  in.opt("skills_assessed", x.skills_assessed);
  in.opt("pci_accredited", x.pci_accredited);
  in.opt("completed", x.completed);
  in.done();
}
Json write(const TrainingRecord& x) {
  return Json{{"programme", x.programme}, {"days", x.days}, {"practice_hours", x.practice_hours},
              {"skills_assessed", x.skills_assessed}, {"pci_accredited", x.pci_accredited},
              {"completed", write(x.completed)}};
}

void read(const Json& v, const std::string& p, const std::string& r, RotaBlock& x) {
  Reader in(v, p, r);
  in.opt("weekday", x.weekday);
  in.req("start_min", x.start_min);
  in.req("end_min", x.end_min);
  in.done();
}
Json write(const RotaBlock& x) {
  return Json{{"weekday", x.weekday}, {"start_min", x.start_min}, {"end_min", x.end_min}};
}

void read(const Json& v, const std::string& p, const std::string& r, RotaException& x) {
  Reader in(v, p, r);
  in.req("date", x.date);
  in.opt("blocks", x.blocks);
  in.done();
}
Json write(const RotaException& x) { return Json{{"date", write(x.date)}, {"blocks", write(x.blocks)}}; }

void read(const Json& v, const std::string& p, const std::string& r, Leave& x) {
  Reader in(v, p, r);
  in.req("first", x.first);
  in.req("last", x.last);
  in.done();
}
Json write(const Leave& x) { return Json{{"first", write(x.first)}, {"last", write(x.last)}}; }

void read(const Json& v, const std::string& p, const std::string& r, Rota& x) {
  Reader in(v, p, r);
  in.opt("weekly", x.weekly);
  in.opt("exceptions", x.exceptions);
  in.opt("leave", x.leave);
  in.opt("max_sessions_per_day", x.max_sessions_per_day);
  in.opt("max_sessions_per_week", x.max_sessions_per_week);
  in.opt("buffer_minutes", x.buffer_minutes);
  in.done();
}
Json write(const Rota& x) {
  return Json{{"weekly", write(x.weekly)}, {"exceptions", write(x.exceptions)}, {"leave", write(x.leave)},
              {"max_sessions_per_day", x.max_sessions_per_day}, {"max_sessions_per_week", x.max_sessions_per_week},
              {"buffer_minutes", x.buffer_minutes}};
}

void read(const Json& v, const std::string& p, const std::string& r, Coach& x) {
  Reader in(v, p, r);
  in.req("id", x.id);
  in.opt("name", x.name);
  in.opt("clinical_background", x.clinical_background);
  in.opt("ethnically_diverse", x.ethnically_diverse);
  in.opt("ethnically_diverse_pathway", x.ethnically_diverse_pathway);
  in.opt("training", x.training);
  in.opt("memberships", x.memberships);
  in.opt("offers", x.offers);
  in.opt("modalities", x.modalities);
  in.opt("rota", x.rota);
  in.opt("safeguarding_lead", x.safeguarding_lead);
  in.opt("first_point_of_contact", x.first_point_of_contact);
  in.opt("active", x.active);
  in.opt("band", x.band);
  in.done();
}
Json write(const Coach& x) {
  return Json{{"id", x.id}, {"name", x.name}, {"clinical_background", x.clinical_background},
              {"ethnically_diverse", x.ethnically_diverse}, {"ethnically_diverse_pathway", x.ethnically_diverse_pathway},
              {"training", write(x.training)}, {"memberships", write(x.memberships)}, {"offers", write(x.offers)},
              {"modalities", write(x.modalities)}, {"rota", write(x.rota)},
              {"safeguarding_lead", x.safeguarding_lead}, {"first_point_of_contact", x.first_point_of_contact},
              {"active", x.active}, {"band", x.band}};
}

void read(const Json& v, const std::string& p, const std::string& r, Consent& x) {
  Reader in(v, p, r);
  in.opt("coaching", x.coaching);
  in.opt("evaluation", x.evaluation);
  in.opt("gp_record", x.gp_record);
  in.opt("recorded_at", x.recorded_at);
  in.done();
}
Json write(const Consent& x) {
  return Json{{"coaching", x.coaching}, {"evaluation", x.evaluation}, {"gp_record", x.gp_record},
              {"recorded_at", write(x.recorded_at)}};
}

void read(const Json& v, const std::string& p, const std::string& r, Client& x) {
  Reader in(v, p, r);
  in.req("id", x.id);
  in.req("kind", x.kind);
  in.opt("staff_group", x.staff_group);
  in.opt("sector", x.sector);
  in.opt("organisation", x.organisation);
  in.opt("leader", x.leader);
  in.opt("ethnicity", x.ethnicity);
  in.opt("ethnicity_group", x.ethnicity_group);
  in.opt("ethnically_diverse", x.ethnically_diverse);
  in.opt("nhs_number", x.nhs_number);
  in.opt("pam_level", x.pam_level);
  in.opt("pam_score", x.pam_score);
  in.opt("referral_source", x.referral_source);
  in.opt("consent", x.consent);
  in.done();
}
Json write(const Client& x) {
  return Json{{"id", x.id}, {"kind", write(x.kind)}, {"staff_group", x.staff_group}, {"sector", x.sector},
              {"organisation", x.organisation}, {"leader", x.leader}, {"ethnicity", x.ethnicity},
              {"ethnicity_group", x.ethnicity_group}, {"ethnically_diverse", x.ethnically_diverse},
              {"nhs_number", x.nhs_number}, {"pam_level", write(x.pam_level)}, {"pam_score", write(x.pam_score)},
              {"referral_source", write(x.referral_source)}, {"consent", write(x.consent)}};
}

void read(const Json& v, const std::string& p, const std::string& r, Referral& x) {
  Reader in(v, p, r);
  in.req("id", x.id);
  in.req("client_id", x.client_id);
  in.req("offer_id", x.offer_id);
  in.opt("source", x.source);
  in.req("requested_at", x.requested_at);
  in.opt("preferred_modality", x.preferred_modality);
  in.opt("sessions_wanted", x.sessions_wanted);
  in.opt("closed", x.closed);
  in.opt("adjustments", x.adjustments);
  in.done();
}
Json write(const Referral& x) {
  return Json{{"id", x.id}, {"client_id", x.client_id}, {"offer_id", x.offer_id}, {"source", write(x.source)},
              {"requested_at", write(x.requested_at)}, {"preferred_modality", write(x.preferred_modality)},
              {"sessions_wanted", write(x.sessions_wanted)}, {"closed", x.closed}, {"adjustments", x.adjustments}};
}

void read(const Json& v, const std::string& p, const std::string& r, Attendee& x) {
  Reader in(v, p, r);
  in.req("client_id", x.client_id);
  in.opt("referral_id", x.referral_id);
  in.opt("status", x.status);
  in.done();
}
Json write(const Attendee& x) {
  return Json{{"client_id", x.client_id}, {"referral_id", x.referral_id}, {"status", write(x.status)}};
}

void read(const Json& v, const std::string& p, const std::string& r, Session& x) {
  Reader in(v, p, r);
  in.req("id", x.id);
  in.req("offer_id", x.offer_id);
  in.req("coach_id", x.coach_id);
  in.req("attendees", x.attendees);
  in.req("start", x.start);
  in.opt("minutes", x.minutes);
  in.opt("modality", x.modality);
  in.opt("status", x.status);
  in.opt("booked_at", x.booked_at);
  in.opt("requested_at", x.requested_at);
  in.opt("first_offered", x.first_offered);
  in.opt("adjustments", x.adjustments);
  in.opt("rescheduled_to", x.rescheduled_to);
  in.opt("override_by", x.override_by);
  in.opt("override_reason", x.override_reason);
  in.opt("series_id", x.series_id);
  in.opt("series_index", x.series_index);
  in.opt("agreed_override_by", x.agreed_override_by);
  in.opt("agreed_override_reason", x.agreed_override_reason);
  in.done();
}
Json write(const Session& x) {
  return Json{{"id", x.id}, {"offer_id", x.offer_id}, {"coach_id", x.coach_id}, {"attendees", write(x.attendees)},
              {"start", write(x.start)}, {"minutes", x.minutes}, {"modality", write(x.modality)},
              {"status", write(x.status)}, {"booked_at", write(x.booked_at)},
              {"requested_at", write(x.requested_at)}, {"first_offered", write(x.first_offered)},
              {"adjustments", x.adjustments},
              {"rescheduled_to", x.rescheduled_to}, {"override_by", x.override_by},
              {"override_reason", x.override_reason}, {"series_id", x.series_id},
              {"series_index", x.series_index}, {"agreed_override_by", x.agreed_override_by},
              {"agreed_override_reason", x.agreed_override_reason}};
}

void read(const Json& v, const std::string& p, const std::string& r, WaitingListEntry& x) {
  Reader in(v, p, r);
  in.req("id", x.id);
  in.req("session_id", x.session_id);
  in.req("client_id", x.client_id);
  in.opt("referral_id", x.referral_id);
  in.req("added_at", x.added_at);
  in.opt("status", x.status);
  in.opt("offered_at", x.offered_at);
  in.done();
}
Json write(const WaitingListEntry& x) {
  return Json{{"id", x.id}, {"session_id", x.session_id}, {"client_id", x.client_id},
              {"referral_id", x.referral_id}, {"added_at", write(x.added_at)}, {"status", write(x.status)},
              {"offered_at", write(x.offered_at)}};
}

void read(const Json& v, const std::string& p, const std::string& r, SessionNote& x) {
  Reader in(v, p, r);
  in.req("id", x.id);
  in.req("session_id", x.session_id);
  in.req("author_id", x.author_id);
  in.opt("written_at", x.written_at);
  in.req("text", x.text);
  in.done();
}
Json write(const SessionNote& x) {
  return Json{{"id", x.id}, {"session_id", x.session_id}, {"author_id", x.author_id},
              {"written_at", write(x.written_at)}, {"text", x.text}};
}

void read(const Json& v, const std::string& p, const std::string& r, Goal& x) {
  Reader in(v, p, r);
  in.req("id", x.id);
  in.req("client_id", x.client_id);
  in.opt("referral_id", x.referral_id);
  in.req("description", x.description);
  in.opt("baseline", x.baseline);
  in.opt("target", x.target);
  in.opt("attainment", x.attainment);
  in.done();
}
Json write(const Goal& x) {
  return Json{{"id", x.id}, {"client_id", x.client_id}, {"referral_id", x.referral_id},
              {"description", x.description}, {"baseline", write(x.baseline)}, {"target", write(x.target)},
              {"attainment", write(x.attainment)}};
}

void read(const Json& v, const std::string& p, const std::string& r, SupervisionRecord& x) {
  Reader in(v, p, r);
  in.req("id", x.id);
  in.req("coach_id", x.coach_id);
  in.req("kind", x.kind);
  in.opt("group", x.group);
  in.req("date", x.date);
  in.req("supervisor", x.supervisor);
  in.opt("pci_assured", x.pci_assured);
  in.opt("minutes", x.minutes);
  in.done();
}
Json write(const SupervisionRecord& x) {
  return Json{{"id", x.id}, {"coach_id", x.coach_id}, {"kind", write(x.kind)}, {"group", x.group},
              {"date", write(x.date)}, {"supervisor", x.supervisor}, {"pci_assured", x.pci_assured},
              {"minutes", x.minutes}};
}

void read(const Json& v, const std::string& p, const std::string& r, SupervisionPolicy& x) {
  Reader in(v, p, r);
  in.opt("health_coaching_days", x.health_coaching_days);
  in.opt("clinical_days", x.clinical_days);
  in.opt("line_management_days", x.line_management_days);
  in.opt("health_coaching_requires_pci", x.health_coaching_requires_pci);
  in.done();
}
Json write(const SupervisionPolicy& x) {
  return Json{{"health_coaching_days", x.health_coaching_days}, {"clinical_days", x.clinical_days},
              {"line_management_days", x.line_management_days},
              {"health_coaching_requires_pci", x.health_coaching_requires_pci}};
}

void read(const Json& v, const std::string& p, const std::string& r, OverdueSupervision& x) {
  Reader in(v, p, r);
  in.req("coach_id", x.coach_id);
  in.req("kind", x.kind);
  in.opt("last", x.last);
  in.req("due", x.due);
  in.req("days_overdue", x.days_overdue);
  in.done();
}
Json write(const OverdueSupervision& x) {
  return Json{{"coach_id", x.coach_id}, {"kind", write(x.kind)}, {"last", write(x.last)}, {"due", write(x.due)},
              {"days_overdue", x.days_overdue}};
}

void read(const Json& v, const std::string& p, const std::string& r, SafeguardingConcern& x) {
  Reader in(v, p, r);
  in.req("id", x.id);
  in.req("coach_id", x.coach_id);
  in.req("client_id", x.client_id);
  in.opt("session_id", x.session_id);
  in.req("category", x.category);
  in.req("raised_at", x.raised_at);
  in.opt("escalated_to", x.escalated_to);
  in.opt("escalated_at", x.escalated_at);
  in.opt("risk_flag_id", x.risk_flag_id);
  in.done();
}
Json write(const SafeguardingConcern& x) {
  return Json{{"id", x.id}, {"coach_id", x.coach_id}, {"client_id", x.client_id}, {"session_id", x.session_id},
              {"category", write(x.category)}, {"raised_at", write(x.raised_at)}, {"escalated_to", x.escalated_to},
              {"escalated_at", write(x.escalated_at)}, {"risk_flag_id", x.risk_flag_id}};
}

void read(const Json& v, const std::string& p, const std::string& r, TrainingCohort& x) {
  Reader in(v, p, r);
  in.req("id", x.id);
  in.opt("name", x.name);
  in.req("days", x.days);
  in.req("start", x.start);
  in.opt("organisation", x.organisation);
  in.done();
}
Json write(const TrainingCohort& x) {
  return Json{{"id", x.id}, {"name", x.name}, {"days", x.days}, {"start", write(x.start)},
              {"organisation", x.organisation}};
}

void read(const Json& v, const std::string& p, const std::string& r, Trainee& x) {
  Reader in(v, p, r);
  in.req("id", x.id);
  in.req("cohort_id", x.cohort_id);
  in.opt("profession", x.profession);
  in.opt("organisation", x.organisation);
  in.opt("sector", x.sector);
  in.opt("days_attended", x.days_attended);
  in.opt("confidence_before", x.confidence_before);
  in.opt("confidence_after", x.confidence_after);
  in.opt("champion", x.champion);
  in.done();
}
Json write(const Trainee& x) {
  return Json{{"id", x.id}, {"cohort_id", x.cohort_id}, {"profession", x.profession},
              {"organisation", x.organisation}, {"sector", x.sector}, {"days_attended", x.days_attended},
              {"confidence_before", write(x.confidence_before)}, {"confidence_after", write(x.confidence_after)},
              {"champion", x.champion}};
}

void read(const Json& v, const std::string& p, const std::string& r, TrainedPerson& x) {
  Reader in(v, p, r);
  in.req("trainee_id", x.trainee_id);
  in.req("cohort_id", x.cohort_id);
  in.opt("profession", x.profession);
  in.opt("organisation", x.organisation);
  in.req("course_days", x.course_days);
  in.req("completed", x.completed);
  in.done();
}
Json write(const TrainedPerson& x) {
  return Json{{"trainee_id", x.trainee_id}, {"cohort_id", x.cohort_id}, {"profession", x.profession},
              {"organisation", x.organisation}, {"course_days", x.course_days}, {"completed", write(x.completed)}};
}

void read(const Json& v, const std::string& p, const std::string& r, Response& x) {
  Reader in(v, p, r);
  in.req("id", x.id);
  in.req("client_id", x.client_id);
  in.opt("referral_id", x.referral_id);
  in.req("instrument_id", x.instrument_id);
  in.req("time_point", x.time_point);
  in.opt("follow_up_weeks", x.follow_up_weeks);
  in.req("recorded_at", x.recorded_at);
  in.opt("answers", x.answers);
  in.opt("recorded_score", x.recorded_score);
  in.opt("scores", x.scores);
  in.done();
}
Json write(const Response& x) {
  return Json{{"id", x.id}, {"client_id", x.client_id}, {"referral_id", x.referral_id},
              {"instrument_id", x.instrument_id}, {"time_point", write(x.time_point)},
              {"follow_up_weeks", x.follow_up_weeks}, {"recorded_at", write(x.recorded_at)},
              {"answers", write(x.answers)}, {"recorded_score", write(x.recorded_score)},
              {"scores", x.scores.empty() ? Json(nullptr) : write(x.scores)}};
}

// A registered instrument: its definition is kept as the document itself (an object), so the
// programme document and the store's JSON column hold it readably. Checked when loaded.
void read(const Json& v, const std::string& p, const std::string& r, RegisteredInstrument& x) {
  Reader in(v, p, r);
  in.req("id", x.id);
  const auto it = v.find("definition");
  if (it == v.end() || !it->is_object())
    fail(x.id, p + "/definition", "a registered instrument's definition is its definition document (an object)");
  x.definition = it->dump();
  in.mark("definition");
  in.done();
}
Json write(const RegisteredInstrument& x) {
  return Json{{"id", x.id}, {"definition", parse_text(x.definition, x.id)}};
}

void read(const Json& v, const std::string& p, const std::string& r, RiskFlag& x) {
  Reader in(v, p, r);
  in.req("id", x.id);
  in.req("response_id", x.response_id);
  in.req("client_id", x.client_id);
  in.req("instrument_id", x.instrument_id);
  in.req("flag", x.flag);
  in.req("raised_at", x.raised_at);
  in.opt("acknowledged_by", x.acknowledged_by);
  in.opt("acknowledged_at", x.acknowledged_at);
  in.opt("action", x.action);
  in.done();
}
Json write(const RiskFlag& x) {
  return Json{{"id", x.id}, {"response_id", x.response_id}, {"client_id", x.client_id},
              {"instrument_id", x.instrument_id}, {"flag", x.flag}, {"raised_at", write(x.raised_at)},
              {"acknowledged_by", x.acknowledged_by}, {"acknowledged_at", write(x.acknowledged_at)},
              {"action", x.action}};
}

void read(const Json& v, const std::string& p, const std::string& r, CarePlan& x) {
  Reader in(v, p, r);
  in.req("id", x.id);
  in.req("client_id", x.client_id);
  in.req("referral_id", x.referral_id);
  in.opt("version", x.version);
  in.opt("what_matters", x.what_matters);
  in.opt("goals", x.goals);
  in.opt("goal_ids", x.goal_ids);
  in.opt("actions", x.actions);
  in.req("agreed_sessions", x.agreed_sessions);
  in.opt("agreed_at", x.agreed_at);
  in.req("agreed_by", x.agreed_by);
  in.done();
}
Json write(const CarePlan& x) {
  return Json{{"id", x.id}, {"client_id", x.client_id}, {"referral_id", x.referral_id}, {"version", x.version},
              {"what_matters", x.what_matters}, {"goals", write(x.goals)}, {"goal_ids", write(x.goal_ids)},
              {"actions", write(x.actions)}, {"agreed_sessions", x.agreed_sessions},
              {"agreed_at", write(x.agreed_at)}, {"agreed_by", x.agreed_by}};
}

void read(const Json& v, const std::string& p, const std::string& r, CarePlanShare& x) {
  Reader in(v, p, r);
  in.req("id", x.id);
  in.req("client_id", x.client_id);
  in.req("referral_id", x.referral_id);
  in.req("practitioner_id", x.practitioner_id);
  in.req("practitioner_name", x.practitioner_name);
  in.req("role", x.role);
  in.req("organisation", x.organisation);
  in.opt("consent_at", x.consent_at);
  in.opt("consent_by", x.consent_by);
  in.opt("revoked_at", x.revoked_at);
  in.done();
}
Json write(const CarePlanShare& x) {
  return Json{{"id", x.id}, {"client_id", x.client_id}, {"referral_id", x.referral_id},
              {"practitioner_id", x.practitioner_id}, {"practitioner_name", x.practitioner_name}, {"role", x.role},
              {"organisation", x.organisation}, {"consent_at", write(x.consent_at)}, {"consent_by", x.consent_by},
              {"revoked_at", write(x.revoked_at)}};
}

void read(const Json& v, const std::string& p, const std::string& r, OnwardReferral& x) {
  Reader in(v, p, r);
  in.req("id", x.id);
  in.req("client_id", x.client_id);
  in.req("referral_id", x.referral_id);
  in.req("destination", x.destination);
  in.opt("description", x.description);
  in.opt("referred_at", x.referred_at);
  in.req("referred_by", x.referred_by);
  in.opt("outcome", x.outcome);
  in.opt("outcome_at", x.outcome_at);
  in.done();
}
Json write(const OnwardReferral& x) {
  return Json{{"id", x.id}, {"client_id", x.client_id}, {"referral_id", x.referral_id},
              {"destination", write(x.destination)}, {"description", x.description},
              {"referred_at", write(x.referred_at)}, {"referred_by", x.referred_by}, {"outcome", write(x.outcome)},
              {"outcome_at", write(x.outcome_at)}};
}

void read(const Json& v, const std::string& p, const std::string& r, Breach& x) {
  Reader in(v, p, r);
  in.req("rule", x.rule);
  in.req("record", x.record);
  in.req("detail", x.detail);
  in.done();
}
Json write(const Breach& x) { return Json{{"rule", x.rule}, {"record", x.record}, {"detail", x.detail}}; }

void read(const Json& v, const std::string& p, const std::string& r, DisclosedValue& x) {
  if (v.is_string() && v.get<std::string>() == "*") { x.value.reset(); return; }
  double d = 0;
  read(v, p, r, d);
  x.value = d;
}
Json write(const DisclosedValue& x) { return x.value ? Json(*x.value) : Json("*"); }

void read(const Json& v, const std::string& p, const std::string& r, ActivitySummary& x) {
  Reader in(v, p, r);
  in.req("audience", x.audience);
  in.mark("figures");
  if (!v.contains("figures")) fail(r, p + "/figures", "missing required key 'figures'");
  const Json& f = v.at("figures");
  if (!f.is_object()) fail(r, p + "/figures", "expected an object");
  x.figures.clear();
  for (auto it = f.begin(); it != f.end(); ++it) {
    DisclosedValue dv;
    read(it.value(), p + "/figures/" + pointer_token(it.key()), r, dv);
    x.figures.emplace_back(it.key(), dv);
  }
  in.done();
}
Json write(const ActivitySummary& x) {
  Json f = Json::object();
  for (const auto& [n, v] : x.figures) f[n] = write(v);
  return Json{{"audience", write(x.audience)}, {"figures", f}};
}

void read(const Json& v, const std::string& p, const std::string& r, ProgrammeData& x) {
  Reader in(v, p, r);
  in.opt("catalogue", x.catalogue);
  in.opt("organisations", x.organisations);
  in.opt("coaches", x.coaches);
  in.opt("clients", x.clients);
  in.opt("referrals", x.referrals);
  in.opt("sessions", x.sessions);
  in.opt("waiting_list", x.waiting_list);
  in.opt("notes", x.notes);
  in.opt("goals", x.goals);
  in.opt("supervision", x.supervision);
  in.opt("safeguarding", x.safeguarding);
  in.opt("cohorts", x.cohorts);
  in.opt("trainees", x.trainees);
  in.opt("responses", x.responses);
  in.opt("risk_flags", x.risk_flags);
  in.opt("usage_waves", x.usage_waves);
  in.opt("usage_invitations", x.usage_invitations);
  in.opt("skill_share_sessions", x.skill_share_sessions);
  in.opt("care_plans", x.care_plans);
  in.opt("care_plan_shares", x.care_plan_shares);
  in.opt("onward_referrals", x.onward_referrals);
  in.opt("supervision_policy", x.supervision_policy);
  in.opt("disclosure_floor", x.disclosure_floor);
  in.opt("inbox", x.inbox);
  in.opt("triage_rules", x.triage_rules);
  in.opt("instruments", x.instruments);
  in.done();
}
Json write(const ProgrammeData& x) {
  return Json{{"schema_version", kDocumentSchemaVersion}, {"catalogue", write(x.catalogue)},
              {"organisations", write(x.organisations)}, {"coaches", write(x.coaches)},
              {"clients", write(x.clients)}, {"referrals", write(x.referrals)}, {"sessions", write(x.sessions)},
              {"waiting_list", write(x.waiting_list)},
              {"notes", write(x.notes)}, {"goals", write(x.goals)}, {"supervision", write(x.supervision)},
              {"safeguarding", write(x.safeguarding)}, {"cohorts", write(x.cohorts)},
              {"trainees", write(x.trainees)}, {"responses", write(x.responses)},
              {"risk_flags", write(x.risk_flags)},
              {"usage_waves", write(x.usage_waves)}, {"usage_invitations", write(x.usage_invitations)},
              {"skill_share_sessions", write(x.skill_share_sessions)},
              {"risk_flags", write(x.risk_flags)}, {"care_plans", write(x.care_plans)},
              {"care_plan_shares", write(x.care_plan_shares)}, {"onward_referrals", write(x.onward_referrals)},
              {"supervision_policy", write(x.supervision_policy)},
              {"disclosure_floor", write(x.disclosure_floor)},
              {"inbox", write(x.inbox)},
              {"triage_rules", write(x.triage_rules)}, {"instruments", write(x.instruments)}};
}

}  // namespace laycoach::jsonio

namespace laycoach {

namespace {
// Text that is not UTF-8 cannot be written to a JSON document: say so as a laycoach error.
std::string dump(const jsonio::Json& j, int indent) {
  try {
    return j.dump(indent);
  } catch (const nlohmann::json::type_error& e) {
    throw ValidationError("", "", "utf8_text"_rule, std::string("a text field is not valid UTF-8: ") + e.what());
  }
}

// read/write of ProgrammeData list every record kind; this binding stops compiling when it gains one.
[[maybe_unused]] void record_kinds_are_all_handled(const ProgrammeData& d) {
  [[maybe_unused]] const auto& [catalogue, organisations, coaches, clients, referrals, sessions, waiting_list, notes,
                                goals, supervision, safeguarding, cohorts, trainees, responses, risk_flags, usage_waves,
                                usage_invitations, skill_share_sessions, care_plans, care_plan_shares, onward_referrals,
                                supervision_policy,
                                disclosure_floor, inbox, triage_rules, instruments] = d;
}
}  // namespace

std::string to_json(const ProgrammeData& data, int indent) { return dump(jsonio::write(data), indent); }

ProgrammeData programme_data_from_json(std::string_view doc) {
  const auto j = jsonio::parse_text(doc);
  jsonio::check_schema_version(j, true);
  ProgrammeData d;
  jsonio::read(j, "", "", d);
  return d;
}

template <class T>
std::string record_to_json(const T& record, int indent) {
  auto j = jsonio::write(record);
  if (j.is_object()) {
    jsonio::Json out = {{"schema_version", kDocumentSchemaVersion}};
    for (auto it = j.begin(); it != j.end(); ++it)
      if (it.key() != "schema_version") out[it.key()] = it.value();
    return dump(out, indent);
  }
  return dump(j, indent);
}

template <class T>
T record_from_json(std::string_view doc) {
  const auto j = jsonio::parse_text(doc);
  jsonio::check_schema_version(j, false);
  T x{};
  jsonio::read(j, "", "", x);
  return x;
}

#define LC_INSTANTIATE(T)                                        \
  template std::string record_to_json<T>(const T&, int);        \
  template T record_from_json<T>(std::string_view);
LC_INSTANTIATE(ServiceLine)
LC_INSTANTIATE(Offer)
LC_INSTANTIATE(Catalogue)
LC_INSTANTIATE(Organisation)
LC_INSTANTIATE(Coach)
LC_INSTANTIATE(Client)
LC_INSTANTIATE(Referral)
LC_INSTANTIATE(Session)
LC_INSTANTIATE(Attendee)
LC_INSTANTIATE(SessionNote)
LC_INSTANTIATE(WaitingListEntry)
LC_INSTANTIATE(Goal)
LC_INSTANTIATE(SupervisionRecord)
LC_INSTANTIATE(SupervisionPolicy)
LC_INSTANTIATE(OverdueSupervision)
LC_INSTANTIATE(SafeguardingConcern)
LC_INSTANTIATE(TrainingCohort)
LC_INSTANTIATE(Trainee)
LC_INSTANTIATE(TrainedPerson)
LC_INSTANTIATE(Response)
LC_INSTANTIATE(RiskFlag)
LC_INSTANTIATE(UsageWave)
LC_INSTANTIATE(UsageInvitation)
LC_INSTANTIATE(SkillShareSession)
LC_INSTANTIATE(PractitionerStatus)
LC_INSTANTIATE(CarePlan)
LC_INSTANTIATE(CarePlanShare)
LC_INSTANTIATE(OnwardReferral)
LC_INSTANTIATE(Event)
LC_INSTANTIATE(Breach)
LC_INSTANTIATE(ActivitySummary)
LC_INSTANTIATE(AccessEntry)
LC_INSTANTIATE(AccessLogCheck)
LC_INSTANTIATE(SuperviseeCaseload)
LC_INSTANTIATE(InboxReferral)
LC_INSTANTIATE(TriageDecision)
LC_INSTANTIATE(TriageProposal)
LC_INSTANTIATE(TriageRules)
#undef LC_INSTANTIATE

}  // namespace laycoach
