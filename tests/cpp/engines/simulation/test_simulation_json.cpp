// The demand model's JSON document: round trip, exact errors naming the JSON pointer, repeated
// and unknown keys refused.
#include <catch2/catch.hpp>

#include "laycoach/simulate_json.hpp"
#include "sim_support.hpp"

using namespace laycoach;
using namespace laycoach::test;
namespace sim = laycoach::simulation;

namespace {

template <class E>
void require_json_error(const std::string& doc, const std::string& field, const std::string& rule) {
  try {
    sim::demand_from_json(doc);
    FAIL("accepted: " << doc);
  } catch (const E& e) {
    CHECK(e.record() == "demand");
    CHECK(e.field() == field);
    CHECK(e.rule() == rule);
  }
}

std::string replace(std::string s, const std::string& a, const std::string& b) {
  const auto i = s.find(a);
  REQUIRE(i != std::string::npos);
  return s.replace(i, a.size(), b);
}

}  // namespace

TEST_CASE("simulation json: a demand model round-trips", "[simulation][json]") {
  sim::DemandModel d = small_scenario().demand;
  d.streams[0].growth = 0.03;
  d.streams[0].seasonal[0] = 1.25;
  d.streams[0].modality = Modality::Telephone;
  d.streams[0].client = sim::ClientProfile{ClientKind::Patient, false, false, 2};
  sim::DemandStream other;
  other.offer_id = "lay_career_1to1";
  other.pathway = "standard";
  other.per_hour[5] = 0.125;
  other.session_minutes_mean = 30;
  d.streams.push_back(other);
  const std::string text = sim::demand_to_json(d);
  CHECK(sim::demand_from_json(text) == d);
  CHECK(sim::demand_from_json(sim::demand_to_json(d, 2)) == d);
  // Only offer_id and per_hour are required.
  std::string minimal = R"({"schema_version": 1, "streams": [{"offer_id": "x", "per_hour": [)";
  for (int h = 0; h < 168; ++h) minimal += h ? ",0.5" : "0.5";
  minimal += "]}]}";
  const sim::DemandModel m = sim::demand_from_json(minimal);
  CHECK(m.streams[0].per_hour[167] == 0.5);
  CHECK(m.streams[0].sessions_pmf == std::vector<double>{1.0});
  CHECK(!m.streams[0].client);
}

TEST_CASE("simulation json: exact errors, repeated and unknown keys refused", "[simulation][json]") {
  const std::string good = sim::demand_to_json(small_scenario().demand);
  // A value out of its range: the ValidationError of validate(), at the value's pointer.
  std::string bad = good;
  {
    auto m = small_scenario().demand;
    m.streams[0].per_hour[12] = -0.5;
    bad = sim::demand_to_json(m);
  }
  require_json_error<ValidationError>(bad, "/streams/0/per_hour/12", "rate_range");
  require_json_error<ValidationError>(replace(good, R"("client_dna":0.05)", R"("client_dna":1.5)"), "/streams/0/client_dna",
                                      "probability_range");
  require_json_error<ValidationError>(replace(good, R"("window_days":14)", R"("window_days":0)"), "/streams/0/window_days",
                                      "window_range");
  require_json_error<ValidationError>(replace(good, R"("weekdays":[0,1,2,3,4])", R"("weekdays":[0,9])"),
                                      "/streams/0/preferences/1/weekdays/1", "weekday_range");
  // Wrong types, unknown and repeated keys, missing keys, versions: ParseErrors at the pointer.
  require_json_error<ParseError>(replace(good, R"("growth":0.0)", R"("growth":"fast")"), "/streams/0/growth", "document_schema");
  require_json_error<ParseError>(replace(good, R"("growth":0.0)", R"("growth":0.0,"growht":1)"), "/streams/0/growht",
                                 "document_schema");
  require_json_error<ParseError>(replace(good, R"("growth":0.0)", R"("growth":0.0,"growth":0.5)"), "/streams/0/growth",
                                 "unique_keys");
  require_json_error<ParseError>(replace(good, R"("per_hour":[)", R"("per_hour":[1,)"), "/streams/0/per_hour", "document_schema");
  require_json_error<ParseError>(replace(good, R"("offer_id":"lay_too_1to1",)", ""), "/streams/0/offer_id", "document_schema");
  require_json_error<ParseError>(replace(good, R"("schema_version":1)", R"("schema_version":2)"), "/schema_version",
                                 "document_schema");
  require_json_error<ParseError>("{\"schema_version\": 1, \"streams\": [", "/streams/0", "json_syntax");
  // Two streams for one offer and pathway.
  auto two = small_scenario().demand;
  two.streams.push_back(two.streams[0]);
  require_json_error<ValidationError>(sim::demand_to_json(two), "/streams/1/pathway", "unique_stream");
}
