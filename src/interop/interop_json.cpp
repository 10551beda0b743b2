// JSON of what is not a record: booking requests and slots, viewers, suppression policies,
// access figures and lists of records (json.hpp). The C API and Python both call these.
#include <cctype>
#include <cmath>

#include "json_io.hpp"
#include "json_keys.hpp"
#include "laycoach/json.hpp"

namespace laycoach::jsonio {

// Read and written from their key lists (json_keys.hpp).
LC_KEYED_IO(SuppressionPolicy)

namespace {
// Minutes after midnight: an integer, or "HH:MM" (24:00 allowed).
int read_minute(const Json& v, const std::string& p, const std::string& r) {
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    const bool shape = s.size() == 5 && s[2] == ':' && std::isdigit(static_cast<unsigned char>(s[0])) &&
                       std::isdigit(static_cast<unsigned char>(s[1])) && std::isdigit(static_cast<unsigned char>(s[3])) &&
                       std::isdigit(static_cast<unsigned char>(s[4]));
    if (!shape) fail(r, p, "a time of day is minutes after midnight or 'HH:MM', not '" + s + "'");
    return ((s[0] - '0') * 10 + (s[1] - '0')) * 60 + (s[3] - '0') * 10 + (s[4] - '0');
  }
  int m = 0;
  read(v, p, r, m);
  return m;
}

// 0 (Monday) .. 6 (Sunday), or an English day name ("monday", "mon"), case-insensitive.
int read_weekday(const Json& v, const std::string& p, const std::string& r) {
  static const char* names[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  int n = -1;
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    for (int k = 0; k < 7; ++k)
      if (s == names[k] || s == std::string(names[k], 3)) n = k;
    if (n < 0) throw ValidationError(r, ErrorField(p), "weekday_range"_rule, "a weekday is 0 (Monday) .. 6 (Sunday) or its English name");
    return n;
  }
  if (!v.is_number_integer()) fail(r, p, "expected a weekday: 0 (Monday) .. 6 (Sunday) or its English name");
  read(v, p, r, n);
  if (n < 0 || n > 6) throw ValidationError(r, ErrorField(p), "weekday_range"_rule, "a weekday is 0 (Monday) .. 6 (Sunday) or its English name");
  return n;
}
}  // namespace

void read(const Json& v, const std::string& p, const std::string& r, booking::TimeOfDay& x) {
  Reader in(v, p, r);
  in.mark("from_min");
  in.mark("to_min");
  for (const char* k : {"from_min", "to_min"})
    if (!v.contains(k)) fail(r, p + "/" + k, std::string("missing required key '") + k + "'");
  x.from_min = read_minute(v.at("from_min"), p + "/from_min", r);
  x.to_min = read_minute(v.at("to_min"), p + "/to_min", r);
  in.done();
}
Json write(const booking::TimeOfDay& x) { return Json{{"from_min", x.from_min}, {"to_min", x.to_min}}; }

void read(const Json& v, const std::string& p, const std::string& r, Viewer& x) {
  Reader in(v, p, r);
  in.req("audience", x.audience);
  in.opt("id", x.id);
  in.done();
  try {
    validate(x);  // the domain's rule for viewers (length of the id), named at its pointer here
  } catch (const Error& e) {
    throw_error(e.code(), r, ErrorField(p + "/id"), ErrorRule(e.rule()), e.detail());
  }
}
Json write(const Viewer& x) { return Json{{"audience", write(x.audience)}, {"id", x.id}}; }

void read(const Json& v, const std::string& p, const std::string& r, booking::Slot& x) {
  Reader in(v, p, r);
  in.req("coach_id", x.coach_id);
  in.req("start", x.start);
  std::optional<Modality> m;
  in.opt("modality", m);
  if (m) x.modality = *m;
  // The other keys of a slot as search returned it are accepted and ignored.
  in.mark("minutes");
  in.mark("favoured");
  in.mark("coach_week_sessions");
  in.done();
}
Json write(const booking::Slot& s) {
  return Json{{"start", write(s.start)}, {"minutes", s.minutes}, {"coach_id", s.coach_id},
              {"modality", write(s.modality)}, {"favoured", s.favoured}, {"coach_week_sessions", s.coach_week_sessions}};
}

}  // namespace laycoach::jsonio

namespace laycoach {

namespace {
using jsonio::Json;

// Text that is not UTF-8 cannot be written to a JSON document: say so as a laycoach error.
std::string dump(const Json& j, int indent) {
  try {
    return j.dump(indent);
  } catch (const nlohmann::json::type_error& e) {
    throw ValidationError("", "", "utf8_text"_rule, std::string("a text field is not valid UTF-8: ") + e.what());
  }
}

// A document of one kind: parsed, an object, of this build's schema version when it says.
Json document(std::string_view doc, const std::string& record) {
  Json j = jsonio::parse_text(doc, record);
  if (!j.is_object()) jsonio::fail(record, "", "expected a JSON object");
  return j;
}

Json number(double x) { return std::isnan(x) ? Json(nullptr) : Json(x); }

// "weekdays": 0 (Monday) .. 6 (Sunday) or day names, as a bit set; absent or null keeps `out`.
void read_weekdays(const Json& j, const std::string& rec, std::uint8_t& out) {
  if (const auto it = j.find("weekdays"); it != j.end() && !it->is_null()) {
    if (!it->is_array()) jsonio::fail(rec, "/weekdays", "expected an array");
    out = 0;
    for (std::size_t i = 0; i < it->size(); ++i)
      out = static_cast<std::uint8_t>(out | (1U << jsonio::read_weekday((*it)[i], "/weekdays/" + std::to_string(i), rec)));
  }
}
}  // namespace

BookingRequest booking_request_from_json(std::string_view doc, bool allow_start) {
  const std::string rec = "request";
  const Json j = document(doc, rec);
  jsonio::Reader in(j, "", rec);
  BookingRequest q;
  booking::SlotRequest& r = q.search;
  in.opt("client_id", r.client_id);
  in.opt("offer_id", r.offer_id);
  in.opt("referral_id", r.referral_id);
  in.opt("modality", r.modality);
  in.opt("earliest", r.earliest);
  in.opt("latest", r.latest);
  in.opt("now", r.now);
  in.opt("preferred_coach", r.preferred_coach);
  in.opt("preferred_coach_only", r.preferred_coach_only);
  in.opt("continuity", r.continuity);
  in.opt("times_of_day", r.times_of_day);
  in.mark("weekdays");
  read_weekdays(j, rec, r.weekdays);
  in.opt("reschedule_of", r.reschedule_of);
  in.opt("max_results", r.max_results);
  in.opt("session_id", q.details.session_id);
  in.opt("requested_at", q.details.requested_at);
  in.opt("first_offered", q.details.first_offered);
  in.opt("adjustments", q.details.adjustments);
  if (allow_start) in.opt("start", q.start);
  in.done();
  return q;
}

booking::SeriesRequest series_request_from_json(std::string_view doc) {
  const std::string rec = "request";
  const Json j = document(doc, rec);
  jsonio::Reader in(j, "", rec);
  booking::SeriesRequest r;
  in.opt("series_id", r.series_id);
  in.opt("client_id", r.client_id);
  in.opt("offer_id", r.offer_id);
  in.opt("referral_id", r.referral_id);
  in.opt("modality", r.modality);
  in.opt("coach_id", r.coach_id);
  in.opt("first_start", r.first_start);
  in.opt("count", r.count);
  std::string repeat;
  in.opt("repeat", repeat);
  if (!repeat.empty()) {
    const auto v = booking::parse_repeat(repeat);
    if (!v) jsonio::fail(rec, "/repeat", "repeat is \"weekly\" or \"daily\", not '" + repeat + "'");
    r.repeat = *v;
  }
  in.opt("every", r.every);
  in.opt("now", r.now);
  in.opt("requested_at", r.requested_at);
  in.opt("adjustments", r.adjustments);
  in.opt("override_by", r.override_by);
  in.opt("override_reason", r.override_reason);
  in.opt("earliest", r.earliest);
  in.opt("latest", r.latest);
  in.opt("times_of_day", r.times_of_day);
  in.mark("weekdays");
  read_weekdays(j, rec, r.weekdays);
  in.done();
  return r;
}

booking::OfficeHours office_hours_from_json(std::string_view doc) {
  const std::string rec = "office_hours";
  const Json j = document(doc, rec);
  jsonio::Reader in(j, "", rec);
  booking::OfficeHours h;
  in.mark("start_min");
  in.mark("end_min");
  if (const auto it = j.find("start_min"); it != j.end() && !it->is_null()) h.start_min = jsonio::read_minute(*it, "/start_min", rec);
  if (const auto it = j.find("end_min"); it != j.end() && !it->is_null()) h.end_min = jsonio::read_minute(*it, "/end_min", rec);
  in.done();
  return h;
}

std::string slot_to_json(const booking::Slot& slot, int indent) { return dump(jsonio::write(slot), indent); }
std::string slots_to_json(const std::vector<booking::Slot>& slots, int indent) {
  return dump(jsonio::write(slots), indent);
}
booking::Slot slot_from_json(std::string_view doc) {
  const Json j = document(doc, "slot");
  booking::Slot s;
  jsonio::read(j, "", "slot", s);
  return s;
}

Viewer viewer_from_json(std::string_view doc) {
  const Json j = document(doc, "viewer");
  Viewer v;
  jsonio::read(j, "", "viewer", v);
  return v;
}
std::string viewer_to_json(const Viewer& viewer) { return dump(jsonio::write(viewer), -1); }

SuppressionPolicy suppression_policy_from_json(std::string_view doc) {
  const Json j = document(doc, "policy");
  SuppressionPolicy p;
  jsonio::read(j, "", "policy", p);
  return p;
}
std::string suppression_policy_to_json(const SuppressionPolicy& policy) { return dump(jsonio::write(policy), -1); }

std::string access_figures_to_json(const booking::AccessFigures& f, int indent) {
  Json j = Json::object();
  Json rows = Json::array();
  for (const auto& r : f.bookings) {
    Json x = Json::object();
    x["session_id"] = r.session_id;
    x["offer_id"] = r.offer_id;
    x["coach_id"] = r.coach_id;
    x["status"] = jsonio::write(r.status);
    x["requested_at"] = jsonio::write(r.requested_at);
    x["first_offered"] = jsonio::write(r.first_offered);
    x["start"] = jsonio::write(r.start);
    x["minutes_to_first_offer"] = number(r.minutes_to_first_offer);
    x["minutes_to_session"] = number(r.minutes_to_session);
    x["offered_within_24h"] = r.offered_within_24h;
    x["within_24h"] = r.within_24h;
    x["out_of_hours"] = r.out_of_hours;
    rows.push_back(std::move(x));
  }
  j["bookings"] = std::move(rows);
  j["with_request"] = f.with_request;
  j["share_offered_within_24h"] = number(f.share_offered_within_24h);
  j["share_within_24h"] = number(f.share_within_24h);
  j["share_out_of_hours"] = number(f.share_out_of_hours);
  j["median_minutes_to_first_offer"] = number(f.median_minutes_to_first_offer);
  j["median_minutes_to_session"] = number(f.median_minutes_to_session);
  j["attended"] = f.attended;
  j["client_did_not_attend"] = f.client_did_not_attend;
  j["coach_did_not_attend"] = f.coach_did_not_attend;
  j["cancelled_by_client"] = f.cancelled_by_client;
  j["cancelled_by_coach"] = f.cancelled_by_coach;
  j["booked"] = f.booked;
  Json u = Json::array();
  for (const auto& c : f.utilisation)
    u.push_back(Json{{"coach_id", c.coach_id}, {"booked_minutes", c.booked_minutes}, {"rota_minutes", c.rota_minutes},
                     {"utilisation", number(c.utilisation)}});
  j["utilisation"] = std::move(u);
  j["overall_utilisation"] = number(f.overall_utilisation);
  return dump(j, indent);
}

template <class T>
std::string records_to_json(const std::vector<T>& records, int indent) {
  return dump(jsonio::write(records), indent);
}
template <class T>
std::string element_to_json(const T& record, int indent) {
  return dump(jsonio::write(record), indent);
}

#define LC_INSTANTIATE(T)                                                   \
  template std::string records_to_json<T>(const std::vector<T>&, int);     \
  template std::string element_to_json<T>(const T&, int);
LC_INSTANTIATE(ServiceLine)
LC_INSTANTIATE(Offer)
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
LC_INSTANTIATE(AccessEntry)
LC_INSTANTIATE(AccessLogCheck)
LC_INSTANTIATE(SuperviseeCaseload)
LC_INSTANTIATE(InboxReferral)
LC_INSTANTIATE(TriageProposal)
#undef LC_INSTANTIATE

}  // namespace laycoach
