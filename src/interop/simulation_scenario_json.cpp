// JSON of the capacity simulation's scenarios and results (simulate_scenario_json.hpp). The
// demand model is read and written by simulate_json.hpp's functions, nested here: one reader.
#include <cmath>
#include <limits>

#include "json_io.hpp"
#include "laycoach/json.hpp"
#include "laycoach/simulate_json.hpp"
#include "laycoach/simulate_scenario_json.hpp"

namespace laycoach::simulation {

namespace {
using jsonio::Json;
using jsonio::Reader;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string dump(const Json& j, int indent) {
  try {
    return j.dump(indent);
  } catch (const nlohmann::json::type_error& e) {
    throw ValidationError("", "", "utf8_text"_rule, std::string("a text field is not valid UTF-8: ") + e.what());
  }
}

Json number(double x) { return std::isfinite(x) ? Json(x) : Json(nullptr); }

double read_number(const Json& v, const std::string& p, const std::string& r) {
  if (v.is_null()) return kNaN;
  double x = 0;
  jsonio::read(v, p, r, x);
  return x;
}

// A document nested in another, read by its own reader (given its text): its errors name the
// outer record and the pointer inside the outer document.
template <class F>
auto nested(const Json& v, const std::string& ptr, const std::string& record, F&& read_text) {
  try {
    return read_text(v.dump());
  } catch (const Error& e) {
    throw_error(e.code(), record, ErrorField(ptr + e.field()), ErrorRule(e.rule()), e.detail());
  }
}

Json parse_object(std::string_view doc, const std::string& record) {
  Json j = jsonio::parse_text(doc, record);
  if (!j.is_object()) jsonio::fail(record, "", "expected a JSON object");
  return j;
}

// One what-if edit {"add_coaches": {...}} | {"add_hours": {...}} | {"open_offer": {...}}.
Scenario apply_edit(Scenario s, const Json& e, const std::string& p, const std::string& r) {
  if (!e.is_object() || e.size() != 1)
    jsonio::fail(r, p, "an edit is an object with one key: add_coaches, add_hours or open_offer");
  const std::string kind = e.begin().key();
  const Json& v = e.begin().value();
  const std::string q = p + "/" + kind;
  Reader in(v, q, r);
  if (kind == "add_coaches") {
    std::string like, prefix = "sim-coach-";
    int n = 0;
    std::vector<RotaBlock> weekly;
    in.req("like", like);
    in.req("n", n);
    in.opt("weekly", weekly);
    in.opt("id_prefix", prefix);
    in.done();
    return add_coaches(s, like, n, weekly, prefix);
  }
  if (kind == "add_hours") {
    std::vector<RotaBlock> blocks;
    std::vector<std::string> coaches;
    in.req("blocks", blocks);
    in.opt("coaches", coaches);
    in.done();
    return add_hours(s, blocks, coaches);
  }
  if (kind == "open_offer") {
    std::string offer;
    std::vector<std::string> coaches;
    in.req("offer_id", offer);
    in.opt("coaches", coaches);
    in.done();
    return open_offer(s, offer, coaches);
  }
  jsonio::fail(r, q, "unknown edit '" + kind + "' (add_coaches, add_hours or open_offer)");
}

// The option keys a scenario's "options" and an options document share, read into s.options.
void read_option_keys(Scenario& s, const Json& o, Reader& in, const std::string& p, const std::string& r) {
  in.opt("within_hours", s.options.within_hours);
  in.mark("office");
  if (const auto it = o.find("office"); it != o.end() && !it->is_null())
    s.options.office = nested(*it, p + "/office", r, [](const std::string& t) { return office_hours_from_json(t); });
}

// The what-if edits (an array at pointer p), applied in order.
Scenario apply_edits(Scenario s, const Json* edits, const std::string& p, const std::string& r) {
  if (!edits || edits->is_null()) return s;
  if (!edits->is_array()) jsonio::fail(r, p, "expected an array of edits");
  for (std::size_t i = 0; i < edits->size(); ++i) s = apply_edit(std::move(s), (*edits)[i], p + "/" + std::to_string(i), r);
  return s;
}

const Json* member(const Json& j, const char* key) {
  const auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

Json write_group(const GroupResult& g) {
  Json hist = Json::array();
  for (std::size_t i = 0; i < g.wait_histogram.size(); ++i)
    if (g.wait_histogram[i]) hist.push_back(Json::array({static_cast<long long>(i), g.wait_histogram[i]}));
  return Json{{"service_line_id", g.service_line_id}, {"offer_id", g.offer_id}, {"pathway", g.pathway},
              {"requests", g.requests}, {"first_booked", g.first_booked}, {"within", g.within},
              {"unmet", g.unmet}, {"waiting_list_joins", g.waiting_list_joins},
              {"sessions_booked", g.sessions_booked}, {"out_of_hours", g.out_of_hours},
              {"attended", g.attended}, {"client_dna", g.client_dna}, {"coach_dna", g.coach_dna},
              {"cancelled_by_client", g.cancelled_by_client}, {"cancelled_by_coach", g.cancelled_by_coach},
              {"wait_mean", number(g.wait_mean)}, {"wait_median", number(g.wait_median)},
              {"wait_p90", number(g.wait_p90)}, {"wait_p95", number(g.wait_p95)}, {"wait_histogram", hist}};
}

GroupResult read_group(const Json& v, const std::string& p, const std::string& r) {
  GroupResult g;
  Reader in(v, p, r);
  in.req("service_line_id", g.service_line_id);
  in.req("offer_id", g.offer_id);
  in.req("pathway", g.pathway);
  in.req("requests", g.requests);
  in.req("first_booked", g.first_booked);
  in.req("within", g.within);
  in.req("unmet", g.unmet);
  in.req("waiting_list_joins", g.waiting_list_joins);
  in.req("sessions_booked", g.sessions_booked);
  in.req("out_of_hours", g.out_of_hours);
  in.req("attended", g.attended);
  in.req("client_dna", g.client_dna);
  in.req("coach_dna", g.coach_dna);
  in.req("cancelled_by_client", g.cancelled_by_client);
  in.req("cancelled_by_coach", g.cancelled_by_coach);
  for (auto [key, out] : {std::pair{"wait_mean", &g.wait_mean}, std::pair{"wait_median", &g.wait_median},
                          std::pair{"wait_p90", &g.wait_p90}, std::pair{"wait_p95", &g.wait_p95}}) {
    in.mark(key);
    const auto it = v.find(key);
    if (it == v.end()) jsonio::fail(r, p + "/" + key, std::string("missing required key '") + key + "'");
    *out = read_number(*it, p + "/" + key, r);
  }
  in.mark("wait_histogram");
  const auto it = v.find("wait_histogram");
  if (it == v.end() || !it->is_array()) jsonio::fail(r, p + "/wait_histogram", "expected an array of [bin, count]");
  g.wait_histogram.assign(kWaitBins, 0);
  for (std::size_t i = 0; i < it->size(); ++i) {
    const std::string q = p + "/wait_histogram/" + std::to_string(i);
    const Json& pair = (*it)[i];
    if (!pair.is_array() || pair.size() != 2) jsonio::fail(r, q, "expected [bin, count]");
    int bin = 0;
    long long count = 0;
    jsonio::read(pair[0], q + "/0", r, bin);
    jsonio::read(pair[1], q + "/1", r, count);
    if (bin < 0 || bin >= kWaitBins) throw ValidationError(r, ErrorField(q + "/0"), "histogram_bin"_rule, "a wait bin is 0.." + std::to_string(kWaitBins - 1));
    if (count < 0) throw ValidationError(r, ErrorField(q + "/1"), "non_negative"_rule, "a count is >= 0");
    g.wait_histogram[static_cast<std::size_t>(bin)] = static_cast<std::uint32_t>(count);
  }
  in.done();
  return g;
}

template <std::size_t N>
void read_array(const Json& v, const char* key, const std::string& p, const std::string& r, std::array<double, N>& out) {
  const auto it = v.find(key);
  const std::string q = p + "/" + key;
  if (it == v.end() || !it->is_array() || it->size() != N)
    jsonio::fail(r, q, "expected an array of " + std::to_string(N) + " numbers");
  for (std::size_t i = 0; i < N; ++i) out[i] = read_number((*it)[i], q + "/" + std::to_string(i), r);
}

Json write_replication(const ReplicationResult& x) {
  Json groups = Json::array(), coaches = Json::array();
  for (const auto& g : x.groups) groups.push_back(write_group(g));
  for (const auto& c : x.coaches)
    coaches.push_back(Json{{"coach_id", c.coach_id}, {"booked_minutes", number(c.booked_minutes)},
                           {"rota_minutes", number(c.rota_minutes)}});
  Json hb = Json::array(), hr = Json::array();
  for (double m : x.hour_booked_minutes) hb.push_back(number(m));
  for (double m : x.hour_rota_minutes) hr.push_back(number(m));
  return Json{{"replication", x.replication}, {"within_hours", x.within_hours}, {"groups", groups},
              {"total", write_group(x.total)}, {"coaches", coaches},
              {"hour_booked_minutes", hb}, {"hour_rota_minutes", hr}};
}

ReplicationResult read_replication(const Json& v, const std::string& p, const std::string& r) {
  ReplicationResult x;
  Reader in(v, p, r);
  in.req("replication", x.replication);
  in.req("within_hours", x.within_hours);
  in.mark("total");
  if (const auto t = v.find("total"); t != v.end()) x.total = read_group(*t, p + "/total", r);
  else jsonio::fail(r, p + "/total", "missing required key 'total'");
  in.mark("groups");
  in.mark("coaches");
  in.mark("hour_booked_minutes");
  in.mark("hour_rota_minutes");
  const auto groups = v.find("groups");
  if (groups == v.end() || !groups->is_array()) jsonio::fail(r, p + "/groups", "expected an array");
  for (std::size_t i = 0; i < groups->size(); ++i)
    x.groups.push_back(read_group((*groups)[i], p + "/groups/" + std::to_string(i), r));
  const auto coaches = v.find("coaches");
  if (coaches == v.end() || !coaches->is_array()) jsonio::fail(r, p + "/coaches", "expected an array");
  for (std::size_t i = 0; i < coaches->size(); ++i) {
    const std::string q = p + "/coaches/" + std::to_string(i);
    const Json& c = (*coaches)[i];
    Reader cin(c, q, r);
    CoachLoad load;
    cin.req("coach_id", load.coach_id);
    cin.mark("booked_minutes");
    cin.mark("rota_minutes");
    for (auto [key, out] : {std::pair{"booked_minutes", &load.booked_minutes}, std::pair{"rota_minutes", &load.rota_minutes}}) {
      const auto it = c.find(key);
      if (it == c.end()) jsonio::fail(r, q + "/" + key, std::string("missing required key '") + key + "'");
      *out = read_number(*it, q + "/" + key, r);
    }
    cin.done();
    x.coaches.push_back(std::move(load));
  }
  read_array(v, "hour_booked_minutes", p, r, x.hour_booked_minutes);
  read_array(v, "hour_rota_minutes", p, r, x.hour_rota_minutes);
  in.done();
  return x;
}

Json write_summary(const Summary& s) {
  Json rows = Json::array(), coaches = Json::array(), hours = Json::array();
  for (const auto& x : s.rows)
    rows.push_back(Json{{"service_line_id", x.service_line_id}, {"offer_id", x.offer_id}, {"pathway", x.pathway},
                        {"measure", x.measure}, {"mean", number(x.mean)}, {"lower", number(x.lower)},
                        {"upper", number(x.upper)}, {"sd", number(x.sd)}, {"n", x.n}});
  for (const auto& x : s.coaches)
    coaches.push_back(Json{{"coach_id", x.coach_id}, {"mean", number(x.mean)}, {"lower", number(x.lower)},
                           {"upper", number(x.upper)}});
  for (const auto& x : s.hours)
    hours.push_back(Json{{"hour_of_week", x.hour_of_week}, {"mean", number(x.mean)}, {"lower", number(x.lower)},
                         {"upper", number(x.upper)}});
  return Json{{"level", s.level}, {"replications", s.replications}, {"rows", rows}, {"coaches", coaches}, {"hours", hours}};
}
}  // namespace

Scenario scenario_from_json(std::string_view doc) {
  const std::string r = "scenario";
  const Json j = parse_object(doc, r);
  Reader in(j, "", r);
  Scenario s;
  s.catalogue = default_catalogue();
  in.opt("catalogue", s.catalogue);
  in.req("coaches", s.coaches);
  in.mark("demand");
  const Json* demand = member(j, "demand");
  if (!demand) jsonio::fail(r, "/demand", "missing required key 'demand'");
  s.demand = nested(*demand, "/demand", r, [](const std::string& t) { return demand_from_json(t); });
  in.req("start", s.start);
  in.opt("days", s.days);
  in.opt("group_sessions", s.group_sessions);
  in.mark("options");
  in.mark("edits");
  in.done();
  if (const Json* o = member(j, "options"); o && !o->is_null()) {
    Reader oin(*o, "/options", r);
    read_option_keys(s, *o, oin, "/options", r);
    oin.done();
  }
  s = apply_edits(std::move(s), member(j, "edits"), "/edits", r);
  validate(s);
  return s;
}

Scenario with_options_json(Scenario s, std::string_view options_doc) {
  const std::string r = "options";
  const Json j = parse_object(options_doc, r);
  Reader in(j, "", r);
  read_option_keys(s, j, in, "", r);
  in.mark("edits");
  in.done();
  s = apply_edits(std::move(s), member(j, "edits"), "/edits", r);
  validate(s);
  return s;
}

std::string scenario_to_json(const Scenario& s, int indent) {
  Json j{{"schema_version", kDocumentSchemaVersion},
         {"catalogue", jsonio::write(s.catalogue)},
         {"coaches", jsonio::write(s.coaches)},
         {"demand", Json::parse(demand_to_json(s.demand))},
         {"start", jsonio::write(s.start)},
         {"days", s.days},
         {"group_sessions", jsonio::write(s.group_sessions)},
         {"options", Json{{"within_hours", s.options.within_hours},
                          {"office", Json{{"start_min", s.options.office.start_min}, {"end_min", s.options.office.end_min}}}}}};
  return dump(j, indent);
}

std::string replications_to_json(const std::vector<ReplicationResult>& results, int indent) {
  Json a = Json::array();
  for (const auto& x : results) a.push_back(write_replication(x));
  return dump(a, indent);
}

std::vector<ReplicationResult> replications_from_json(std::string_view doc) {
  const std::string r = "replications";
  const Json j = jsonio::parse_text(doc, r);
  if (!j.is_array()) jsonio::fail(r, "", "expected a JSON array of replications");
  std::vector<ReplicationResult> out;
  out.reserve(j.size());
  for (std::size_t i = 0; i < j.size(); ++i) out.push_back(read_replication(j[i], "/" + std::to_string(i), r));
  return out;
}

std::string summary_to_json(const Summary& summary, int indent) { return dump(write_summary(summary), indent); }

std::string results_to_json(const std::vector<ReplicationResult>& results, const Summary* summary, std::uint64_t seed,
                            int requested, bool cancelled, const std::vector<double>& within_hours, int indent) {
  Json reps = Json::array();
  for (const auto& x : results) reps.push_back(write_replication(x));
  Json j{{"schema_version", kDocumentSchemaVersion},
         {"seed", seed},
         {"replications_requested", requested},
         {"replications_done", static_cast<int>(results.size())},
         {"cancelled", cancelled},
         {"within_hours", within_hours},
         {"summary", summary ? write_summary(*summary) : Json(nullptr)},
         {"replications", reps}};
  return dump(j, indent);
}

std::string optimise_to_json(const OptimiseResult& result, int indent) {
  Json points = Json::array();
  for (const auto& x : result.points)
    points.push_back(Json{{"added", x.added}, {"mean", number(x.mean)}, {"lower", number(x.lower)},
                          {"upper", number(x.upper)}, {"meets", x.meets}});
  Json j{{"best", result.best ? Json(*result.best) : Json(nullptr)}, {"points", points}};
  return dump(j, indent);
}

}  // namespace laycoach::simulation
