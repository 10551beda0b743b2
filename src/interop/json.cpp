// JSON documents: one reader and one writer per record type (see json_io.hpp).
#include <algorithm>
#include <functional>
#include <unordered_set>

#include "json_io.hpp"
#include "json_keys.hpp"
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

// The record types read and written from their key lists (json_keys.hpp).
LC_KEYED_IO(DayHours)
LC_KEYED_IO(Eligibility)
LC_KEYED_IO(AccreditationRequirement)
LC_KEYED_IO(ServiceLine)
LC_KEYED_IO(Offer)
LC_KEYED_IO(Catalogue)
LC_KEYED_IO(Organisation)
LC_KEYED_IO(TrainingRecord)
LC_KEYED_IO(RotaBlock)
LC_KEYED_IO(RotaException)
LC_KEYED_IO(Leave)
LC_KEYED_IO(Rota)
LC_KEYED_IO(Coach)
LC_KEYED_IO(Consent)
LC_KEYED_IO(Client)
LC_KEYED_IO(Referral)
LC_KEYED_IO(Attendee)
LC_KEYED_IO(Session)
LC_KEYED_IO(WaitingListEntry)
LC_KEYED_IO(SessionNote)
LC_KEYED_IO(Goal)
LC_KEYED_IO(SupervisionRecord)
LC_KEYED_IO(SupervisionPolicy)
LC_KEYED_IO(OverdueSupervision)
LC_KEYED_IO(SafeguardingConcern)
LC_KEYED_IO(TrainingCohort)
LC_KEYED_IO(Trainee)
LC_KEYED_IO(TrainedPerson)
LC_KEYED_IO(Response)
LC_KEYED_IO(RiskFlag)
LC_KEYED_IO(CarePlan)
LC_KEYED_IO(CarePlanShare)
LC_KEYED_IO(OnwardReferral)
LC_KEYED_IO(Breach)
#undef LC_KEYED_IO

// A whole programme: schema_version first, then its keys.
void read(const Json& v, const std::string& p, const std::string& r, ProgrammeData& x) { keys::read_keys(v, p, r, x); }
Json write(const ProgrammeData& x) { return keys::write_keys(x, Json{{"schema_version", kDocumentSchemaVersion}}); }

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
// ... and the key list that reads and writes it names each of them once.
static_assert(std::tuple_size_v<std::remove_const_t<decltype(jsonio::keys::Keys<ProgrammeData>::list)>> == 26);
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
