// The demand model's JSON document (simulate_json.hpp): read with the library's one strict
// reader (repeated keys, unknown keys, wrong types are ParseErrors naming the JSON pointer),
// then checked by simulation::validate (ValidationErrors naming the same pointers).
#include "laycoach/simulate_json.hpp"

#include "json_io.hpp"

namespace laycoach::simulation {

namespace {

using jsonio::fail;
using jsonio::Json;
using jsonio::read;
using jsonio::Reader;
using jsonio::write;

constexpr int kDemandSchemaVersion = 1;
const std::string kRecord = "demand";

template <std::size_t N>
void read_fixed(const Json& v, const std::string& p, std::array<double, N>& out) {
  if (!v.is_array() || v.size() != N) fail(kRecord, p, "expected an array of " + std::to_string(N) + " numbers");
  for (std::size_t i = 0; i < N; ++i) read(v[i], p + "/" + std::to_string(i), kRecord, out[i]);
}

std::uint8_t read_weekdays(const Json& v, const std::string& p) {
  if (!v.is_array()) fail(kRecord, p, "expected an array of weekdays 0 (Monday) .. 6 (Sunday)");
  std::uint8_t out = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    int d = 0;
    read(v[i], p + "/" + std::to_string(i), kRecord, d);
    if (d < 0 || d > 6)
      throw ValidationError(kRecord, ErrorField(p + "/" + std::to_string(i)), "weekday_range"_rule, "a weekday is 0 (Monday) .. 6 (Sunday)");
    out = static_cast<std::uint8_t>(out | (1U << d));
  }
  return out;
}

Json weekdays_json(std::uint8_t bits) {
  Json a = Json::array();
  for (int d = 0; d < 7; ++d)
    if (bits & (1U << d)) a.push_back(d);
  return a;
}

TimePreference read_preference(const Json& v, const std::string& p) {
  TimePreference t;
  Reader in(v, p, kRecord);
  in.opt("weight", t.weight);
  in.opt("windows", t.windows);
  in.mark("weekdays");
  if (auto it = v.find("weekdays"); it != v.end() && !it->is_null()) t.weekdays = read_weekdays(*it, p + "/weekdays");
  in.done();
  return t;
}

ClientProfile read_client(const Json& v, const std::string& p) {
  ClientProfile c;
  Reader in(v, p, kRecord);
  in.opt("kind", c.kind);
  in.opt("ethnically_diverse", c.ethnically_diverse);
  in.opt("leader", c.leader);
  in.opt("pam_level", c.pam_level);
  in.done();
  return c;
}

DemandStream read_stream(const Json& v, const std::string& p) {
  DemandStream s;
  Reader in(v, p, kRecord);
  in.opt("service_line_id", s.service_line_id);
  in.req("offer_id", s.offer_id);
  in.opt("pathway", s.pathway);
  in.mark("per_hour");
  if (!v.contains("per_hour")) fail(kRecord, p + "/per_hour", "missing required key 'per_hour'");
  read_fixed(v.at("per_hour"), p + "/per_hour", s.per_hour);
  in.mark("seasonal");
  if (auto it = v.find("seasonal"); it != v.end() && !it->is_null()) read_fixed(*it, p + "/seasonal", s.seasonal);
  in.opt("growth", s.growth);
  in.opt("sessions_pmf", s.sessions_pmf);
  in.opt("interval_pmf", s.interval_pmf);
  in.opt("client_dna", s.client_dna);
  in.opt("coach_dna", s.coach_dna);
  in.opt("client_cancel", s.client_cancel);
  in.opt("coach_cancel", s.coach_cancel);
  in.mark("preferences");
  if (auto it = v.find("preferences"); it != v.end() && !it->is_null()) {
    if (!it->is_array()) fail(kRecord, p + "/preferences", "expected an array");
    for (std::size_t i = 0; i < it->size(); ++i) s.preferences.push_back(read_preference((*it)[i], p + "/preferences/" + std::to_string(i)));
  }
  in.opt("window_days", s.window_days);
  in.opt("modality", s.modality);
  in.opt("session_minutes_mean", s.session_minutes_mean);
  in.mark("client");
  if (auto it = v.find("client"); it != v.end() && !it->is_null()) s.client = read_client(*it, p + "/client");
  in.done();
  return s;
}

}  // namespace

std::string demand_to_json(const DemandModel& demand, int indent) {
  Json streams = Json::array();
  for (const DemandStream& s : demand.streams) {
    Json j = Json::object();
    j["service_line_id"] = s.service_line_id;
    j["offer_id"] = s.offer_id;
    j["pathway"] = s.pathway;
    j["per_hour"] = Json(std::vector<double>(s.per_hour.begin(), s.per_hour.end()));
    j["seasonal"] = Json(std::vector<double>(s.seasonal.begin(), s.seasonal.end()));
    j["growth"] = s.growth;
    j["sessions_pmf"] = Json(s.sessions_pmf);
    j["interval_pmf"] = Json(s.interval_pmf);
    j["client_dna"] = s.client_dna;
    j["coach_dna"] = s.coach_dna;
    j["client_cancel"] = s.client_cancel;
    j["coach_cancel"] = s.coach_cancel;
    Json prefs = Json::array();
    for (const TimePreference& t : s.preferences)
      prefs.push_back(Json{{"weight", t.weight}, {"windows", write(t.windows)}, {"weekdays", weekdays_json(t.weekdays)}});
    j["preferences"] = std::move(prefs);
    j["window_days"] = s.window_days;
    j["modality"] = write(s.modality);
    j["session_minutes_mean"] = s.session_minutes_mean;
    if (s.client) {
      const ClientProfile& c = *s.client;
      j["client"] = Json{{"kind", write(c.kind)},
                         {"ethnically_diverse", c.ethnically_diverse},
                         {"leader", c.leader},
                         {"pam_level", write(c.pam_level)}};
    } else {
      j["client"] = nullptr;
    }
    streams.push_back(std::move(j));
  }
  Json doc = Json{{"schema_version", kDemandSchemaVersion}, {"streams", std::move(streams)}};
  return doc.dump(indent);
}

DemandModel demand_from_json(std::string_view doc) {
  const Json j = jsonio::parse_text(doc, kRecord);
  if (!j.is_object()) fail(kRecord, "", "expected a JSON object");
  Reader in(j, "", kRecord);
  int version = 0;
  in.req("schema_version", version);
  if (version != kDemandSchemaVersion)
    fail(kRecord, "/schema_version",
         "unsupported schema_version " + std::to_string(version) + " (this build reads " + std::to_string(kDemandSchemaVersion) + ")");
  in.mark("streams");
  if (!j.contains("streams")) fail(kRecord, "/streams", "missing required key 'streams'");
  const Json& st = j.at("streams");
  if (!st.is_array()) fail(kRecord, "/streams", "expected an array");
  DemandModel d;
  for (std::size_t i = 0; i < st.size(); ++i) d.streams.push_back(read_stream(st[i], "/streams/" + std::to_string(i)));
  in.done();
  validate(d);
  return d;
}

}  // namespace laycoach::simulation
