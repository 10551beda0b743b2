// Internal: JSON reading and writing of every record type, with JSON pointers in errors.
// One mapping of field names, shared by documents and the SQLite store.
#pragma once

#include <nlohmann/json.hpp>

#include "laycoach/audience.hpp"
#include "laycoach/booking.hpp"
#include "laycoach/document.hpp"
#include "laycoach/error.hpp"
#include "laycoach/store.hpp"

namespace laycoach::jsonio {

using Json = nlohmann::ordered_json;

/// Reads the fields of one JSON object, remembering which keys were used so that unknown keys
/// are reported; every error names the record and the JSON pointer.
class Reader {
 public:
  Reader(const Json& j, std::string ptr, std::string record = {});
  template <class T> void req(const char* key, T& out);   ///< required key
  template <class T> void opt(const char* key, T& out);   ///< optional key (absent or null keeps the default)
  void done() const;                                      ///< throws on keys that were not read
  /// A key read by hand. Keys are kept as pointers (no copy per field read): a literal or a
  /// static name (to_string of an enum), never the text of a temporary string.
  void mark(const char* key) { used_.push_back(key); }
  const std::string& record() const { return record_; }
  const std::string& ptr() const { return ptr_; }

 private:
  const Json& j_;
  std::string ptr_, record_;
  std::vector<const char*> used_;
};

[[noreturn]] void fail(const std::string& record, const std::string& ptr, const std::string& what);

// read(value, pointer, record, out) for every supported type.
void read(const Json& v, const std::string& p, const std::string& r, std::string& out);
void read(const Json& v, const std::string& p, const std::string& r, int& out);
void read(const Json& v, const std::string& p, const std::string& r, long long& out);
void read(const Json& v, const std::string& p, const std::string& r, double& out);
void read(const Json& v, const std::string& p, const std::string& r, bool& out);
void read(const Json& v, const std::string& p, const std::string& r, Instant& out);
void read(const Json& v, const std::string& p, const std::string& r, Date& out);
/// Defines read and write of an enum by its names (to_string and parse_fn, e.g. parse_modality):
/// an unknown name or a non-string is a ParseError at the value's pointer. One definition for
/// every interop file that reads an enum.
#define LC_DEFINE_ENUM_IO(T, parse_fn)                                                            \
  void read(const Json& v, const std::string& p, const std::string& r, T& out) {                 \
    if (!v.is_string()) fail(r, p, "expected a string naming a " #T);                             \
    auto x = parse_fn(v.get<std::string>());                                                      \
    if (!x) fail(r, p, "unknown " #T " '" + v.get<std::string>() + "'");                          \
    out = *x;                                                                                     \
  }                                                                                               \
  Json write(const T& x) { return to_string(x); }
#define LC_DECLARE_IO(T)                                                         \
  void read(const Json& v, const std::string& p, const std::string& r, T& out); \
  Json write(const T& x);
LC_DECLARE_IO(Format)
LC_DECLARE_IO(Modality)
LC_DECLARE_IO(ServiceKind)
LC_DECLARE_IO(ClientKind)
LC_DECLARE_IO(OrgKind)
LC_DECLARE_IO(ProfessionalBody)
LC_DECLARE_IO(ReferralSource)
LC_DECLARE_IO(SessionStatus)
LC_DECLARE_IO(AttendeeStatus)
LC_DECLARE_IO(GoalAttainment)
LC_DECLARE_IO(WaitStatus)
LC_DECLARE_IO(WaitingListEntry)
LC_DECLARE_IO(SupervisionKind)
LC_DECLARE_IO(SafeguardingCategory)
LC_DECLARE_IO(TimePoint)
LC_DECLARE_IO(Audience)
LC_DECLARE_IO(DayHours)
LC_DECLARE_IO(OpeningHours)
LC_DECLARE_IO(Eligibility)
LC_DECLARE_IO(AccreditationRequirement)
LC_DECLARE_IO(ServiceLine)
LC_DECLARE_IO(Offer)
LC_DECLARE_IO(Catalogue)
LC_DECLARE_IO(Organisation)
LC_DECLARE_IO(TrainingRecord)
LC_DECLARE_IO(RotaBlock)
LC_DECLARE_IO(RotaException)
LC_DECLARE_IO(Leave)
LC_DECLARE_IO(Rota)
LC_DECLARE_IO(Coach)
LC_DECLARE_IO(Consent)
LC_DECLARE_IO(Client)
LC_DECLARE_IO(Referral)
LC_DECLARE_IO(Attendee)
LC_DECLARE_IO(Session)
LC_DECLARE_IO(SessionNote)
LC_DECLARE_IO(Goal)
LC_DECLARE_IO(SupervisionRecord)
LC_DECLARE_IO(SupervisionPolicy)
LC_DECLARE_IO(OverdueSupervision)
LC_DECLARE_IO(SafeguardingConcern)
LC_DECLARE_IO(TrainingCohort)
LC_DECLARE_IO(Trainee)
LC_DECLARE_IO(TrainedPerson)
LC_DECLARE_IO(Response)
LC_DECLARE_IO(RiskFlag)
LC_DECLARE_IO(RegisteredInstrument)
LC_DECLARE_IO(UsageWave)
LC_DECLARE_IO(UsageInvitation)
LC_DECLARE_IO(SkillShareSession)
LC_DECLARE_IO(PractitionerStatus)
LC_DECLARE_IO(OnwardDestination)
LC_DECLARE_IO(OnwardOutcome)
LC_DECLARE_IO(CarePlan)
LC_DECLARE_IO(CarePlanShare)
LC_DECLARE_IO(OnwardReferral)
LC_DECLARE_IO(EventKind)
LC_DECLARE_IO(Event)
LC_DECLARE_IO(Breach)
LC_DECLARE_IO(DisclosedValue)
LC_DECLARE_IO(ActivitySummary)
LC_DECLARE_IO(ProgrammeData)
LC_DECLARE_IO(Viewer)
LC_DECLARE_IO(SuppressionPolicy)
LC_DECLARE_IO(AccessEntry)
LC_DECLARE_IO(AccessLogCheck)
LC_DECLARE_IO(SuperviseeCaseload)
LC_DECLARE_IO(TriageRoute)
LC_DECLARE_IO(InboxStatus)
LC_DECLARE_IO(InboxReferral)
LC_DECLARE_IO(TriageDecision)
LC_DECLARE_IO(TriageProposal)
LC_DECLARE_IO(TriageRule)
LC_DECLARE_IO(TriageRules)
LC_DECLARE_IO(booking::TimeOfDay)
LC_DECLARE_IO(booking::Slot)
#undef LC_DECLARE_IO
/// A score (instrument.hpp) as a document: output only (safety_json.cpp).
Json write(const Score& x);

Json write(const std::string& x);
Json write(int x);
Json write(long long x);
Json write(double x);
Json write(bool x);
Json write(const Instant& x);
Json write(const Date& x);

template <class T>
Json write(const std::optional<T>& x) {
  return x ? write(*x) : Json(nullptr);
}
template <class T>
Json write(const std::vector<T>& v) {
  Json a = Json::array();
  for (const auto& x : v) a.push_back(write(x));
  return a;
}
template <class T>
void read(const Json& v, const std::string& p, const std::string& r, std::optional<T>& out) {
  if (v.is_null()) { out.reset(); return; }
  T x{};
  read(v, p, r, x);
  out = std::move(x);
}
template <class T>
Json write(const std::map<std::string, T>& m) {
  Json o = Json::object();
  for (const auto& [k, x] : m) o[k] = write(x);
  return o;
}
template <class T>
void read(const Json& v, const std::string& p, const std::string& r, std::map<std::string, T>& out) {
  if (!v.is_object()) fail(r, p, "expected an object");
  out.clear();
  for (const auto& [k, x] : v.items()) read(x, p + "/" + k, r, out[k]);
}
template <class T>
void read(const Json& v, const std::string& p, const std::string& r, std::vector<T>& out) {
  if (!v.is_array()) fail(r, p, "expected an array");
  out.clear();
  out.reserve(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) {
    T x{};
    read(v[i], p + "/" + std::to_string(i), r, x);
    out.push_back(std::move(x));
  }
}

template <class T>
void Reader::req(const char* key, T& out) {
  used_.push_back(key);
  auto it = j_.find(key);
  if (it == j_.end()) fail(record_, ptr_ + "/" + key, std::string("missing required key '") + key + "'");
  read(*it, ptr_ + "/" + key, record_, out);
}
template <class T>
void Reader::opt(const char* key, T& out) {
  used_.push_back(key);
  auto it = j_.find(key);
  if (it == j_.end()) return;
  if (it->is_null()) {
    if constexpr (requires { out.reset(); }) out.reset();
    return;
  }
  read(*it, ptr_ + "/" + key, record_, out);
}

/// Parse text into JSON. Throws ParseError naming the JSON pointer of the value being read: rule
/// "json_syntax" (detail gives the byte offset), "number_range" (1e999), "unique_keys" (a key
/// repeated in one object), "nesting_depth" (over 256 levels). `record` names the document.
Json parse_text(std::string_view text);
Json parse_text(std::string_view text, const std::string& record);
/// One RFC 6901 reference token: "~" -> "~0", "/" -> "~1".
std::string pointer_token(const std::string& key);
/// Check "schema_version" of a document object; required = whole-programme documents.
void check_schema_version(const Json& j, bool required);

}  // namespace laycoach::jsonio
