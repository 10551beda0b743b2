// A programme's own questionnaires end to end: the primary-scale rule, registering (validated,
// immutable, ids unique among the built-ins), add_response scoring with them, externally scored
// totals, and evaluation pairing them like the built-ins (figures checked against arithmetic done
// here, not by the instrument).
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "laycoach/demo.hpp"
#include "laycoach/error.hpp"
#include "laycoach/evaluation.hpp"
#include "laycoach/instrument.hpp"
#include "laycoach/json.hpp"
#include "laycoach/programme.hpp"
#include "laycoach/stats.hpp"
#include "instrument_support.hpp"
#include "test_support.hpp"

using namespace laycoach;
using namespace laycoach::test;

namespace {

constexpr auto kInvalid = ErrorCode::InvalidArgument;
constexpr auto kNotFound = ErrorCode::NotFound;
constexpr auto kConflict = ErrorCode::Conflict;
constexpr auto kParse = ErrorCode::Parse;

InstrumentDef two_scales(std::string primary) {
  InstrumentDef d;
  d.id = "two_scales";
  d.name = "Two scales";
  d.items = {{"a", 1, 5}, {"b", 1, 5}};
  ScaleDef s1;
  s1.name = "first";
  s1.items = {0};
  ScaleDef s2;
  s2.name = "second";
  s2.items = {1};
  d.scales = {s1, s2};
  d.primary = std::move(primary);
  return d;
}

const OutcomeReport* find_outcome(const EvaluationReport& r, const std::string& name) {
  for (const auto& o : r.outcomes)
    if (o.outcome == name) return &o;
  return nullptr;
}

}  // namespace

TEST_CASE("primary-scale rule: the only scale is primary; several need one named or null", "[instruments]") {
  // One scale, no primary: that scale.
  const Instrument one = Instrument::from_json(kTeamClimate);
  CHECK(one.definition().primary == "total");
  CHECK(one.score(std::vector<int>{4, 2, 5}).total == climate_total(4, 2, 5));
  CHECK(one.score(std::vector<int>{4, 2, 5}).band == "good");
  // Several scales, no primary: refused, naming the instrument.
  require_error([] { Instrument{two_scales("")}; }, kInvalid, "two_scales", "primary", "primary_scale_required");
  // A primary naming no scale: the definition's pointer.
  require_error([] { Instrument{two_scales("third")}; }, kParse, "two_scales", "/primary", "document_schema");
  // Deliberately none ("primary": null): allowed; no total, each scale scored.
  InstrumentDef none = two_scales("");
  none.no_primary = true;
  const Instrument n(none);
  const Score s = n.score(std::vector<int>{2, 3});
  CHECK_FALSE(s.total.has_value());
  CHECK(*s.find("second")->score == 3.0);
  CHECK(Instrument::from_json(n.to_json()).definition().no_primary);
  // The built-ins without a primary say so and still load.
  for (const char* id : {"ons4", "cbi", "experience"}) {
    INFO(id);
    CHECK(InstrumentLibrary::builtin().get(id).definition().no_primary);
  }
}

TEST_CASE("register_instrument: validated, immutable, ids unique among the built-ins", "[instruments][programme]") {
  Programme p = people_programme();
  const Instrument ins = p.register_instrument_json(kTeamClimate);
  CHECK(ins.id() == "team_climate");
  REQUIRE(p.instruments().size() == 1);
  CHECK(p.instrument("TEAM_CLIMATE").to_json() == ins.to_json());  // ids ignore case
  CHECK(p.instrument("phq9").id() == "phq9");                      // then the built-ins
  require_error([&] { p.instrument("nope"); }, kNotFound, "nope", "instrument_id", "reference_resolves");
  // The same definition again: a no-op (a script run twice).
  const ProgrammeData before = p.data();
  p.register_instrument_json(kTeamClimate);
  CHECK(p.data() == before);
  CHECK(before.instruments.size() == 1);
  // Another definition under the id, a built-in's id, bad definitions: refused, nothing changed.
  InstrumentDef changed = ins.definition();
  changed.name = "Team climate v2";
  require_rejected(p, [&] { p.register_instrument(changed); }, kConflict, "team_climate", "id", "instrument_immutable");
  InstrumentDef gad = ins.definition();
  gad.id = "GAD7";
  require_rejected(p, [&] { p.register_instrument(gad); }, kConflict, "GAD7", "id", "unique_instrument_id");
  require_rejected(p, [&] { p.register_instrument(two_scales("")); }, kInvalid, "two_scales", "primary",
                   "primary_scale_required");
  // The strict reader: a repeated key and an unknown key are refused with their pointers.
  require_rejected(p, [&] {
    p.register_instrument_json(R"json({"schema_version": 1, "id": "x", "id": "y", "name": "X", "items": [], "scales": []})json");
  }, kParse, "instrument", "/id", "unique_keys");
  require_rejected(p, [&] {
    p.register_instrument_json(R"json({"schema_version": 1, "id": "x", "name": "X", "colour": "red",
      "items": [{"text": "a"}], "scales": [{"name": "s", "items": [0], "rule": "sum", "higher_is_better": true}]})json");
  }, kParse, "x", "/colour", "document_schema");
}

TEST_CASE("add_response scores with the programme's instrument; externally scored totals", "[instruments][programme]") {
  Programme p = people_programme();
  Response r = climate_response("q1", "s1", "2024-07-01T09:00:00Z");
  r.answers = {4, 2, 5};
  // Before registering: not found, as any unknown id.
  require_rejected(p, [&] { p.add_response(r); }, kNotFound, "q1", "instrument_id", "reference_resolves");
  p.register_instrument_json(kTeamClimate);
  const Score s = p.add_response(r);
  CHECK(s.total == climate_total(4, 2, 5));
  CHECK(s.band == "good");
  // Out-of-range answer: the instrument's own error, on the response.
  Response bad = climate_response("q2", "s1", "2024-07-02T09:00:00Z");
  bad.answers = {4, 6, 5};
  require_rejected(p, [&] { p.add_response(bad); }, kInvalid, "q2", "answers/1", "answer_in_range");

  // Scored elsewhere: the scale's score, no answers.
  Response ext = climate_response("q3", "s1", "2024-07-03T09:00:00Z");
  ext.scores = {{"total", 9.0}};
  const Score e = p.add_response(ext);
  CHECK(e.total == 9.0);
  CHECK(e.band == "fair");
  Response out = climate_response("q4", "s1", "2024-07-04T09:00:00Z");
  out.scores = {{"total", 15.5}};
  require_rejected(p, [&] { p.add_response(out); }, kInvalid, "q4", "scores/total", "recorded_in_range");
  out.scores = {{"overall", 9.0}};
  require_rejected(p, [&] { p.add_response(out); }, kNotFound, "q4", "scores/overall", "scale_exists");
  out.scores = {{"total", 9.0}};
  out.answers = {4, 2, 5};
  require_rejected(p, [&] { p.add_response(out); }, kInvalid, "q4", "scores", "answers_or_scores");
  // A built-in can be scored elsewhere too (e.g. a PHQ-9 total from the GP system).
  Response phq = climate_response("q5", "s1", "2024-07-05T09:00:00Z");
  phq.instrument_id = "phq9";
  phq.scores = {{"total", 12.0}};
  CHECK(p.add_response(phq).band == "moderate");
  CHECK(p.responses().size() == 3);

  // The programme document carries the instrument and the scores; a programme from it is the same.
  const std::string doc = to_json(p.data());
  CHECK(doc.find("\"instruments\":[{\"id\":\"team_climate\",\"definition\":{") != std::string::npos);
  CHECK(doc.find("\"scores\":{\"total\":9.0}") != std::string::npos);
  const Programme q(programme_data_from_json(doc));
  CHECK(q.data() == p.data());
  CHECK(q.instrument("team_climate").definition().validation == "local");
}

TEST_CASE("evaluation pairs a registered instrument's responses, item- and externally scored", "[instruments][evaluation]") {
  // A small programme document: one coach, 40 episodes each with an attended session, a baseline
  // before it and an end-of-episode response after it; every third follow-up scored elsewhere.
  Programme seed = people_programme();
  ProgrammeData d = seed.data();
  d.instruments.push_back({"team_climate", Instrument::from_json(kTeamClimate).to_json()});
  std::vector<double> before, after;
  for (int i = 0; i < 40; ++i) {
    const std::string n = std::to_string(i);
    Client c = staff_client("e" + n);
    c.consent.evaluation = true;
    d.clients.push_back(c);
    d.referrals.push_back(referral("r" + n, c.id, "lay_too_1to1", at("2024-07-01T08:00:00Z")));
    // Mondays from 8 July 2024, 08:00-15:00 UK time (c1's rota), one session an hour.
    Session s = one_to_one("x" + n, "c1", c.id,
                           at("2024-07-08T07:00:00Z") + boost::posix_time::hours(24 * 7 * (i / 8) + i % 8));
    s.attendees[0].referral_id = "r" + n;
    s.minutes = 60;
    s.status = SessionStatus::Attended;
    d.sessions.push_back(s);
    Response b = climate_response("b" + n, c.id, "2024-07-02T09:00:00Z");
    b.referral_id = "r" + n;
    const int a1 = 1 + i % 5, a2 = 1 + (i * 3) % 5, a3 = 1 + (i / 5) % 5;
    b.answers = {a1, a2, a3};
    before.push_back(climate_total(a1, a2, a3));
    d.responses.push_back(b);
    Response f = climate_response("f" + n, c.id, "2024-09-30T09:00:00Z");
    f.referral_id = "r" + n;
    f.time_point = TimePoint::EndOfEpisode;
    if (i % 3 == 0) {
      const double x = 3.0 + (i * 7) % 13;
      f.scores = {{"total", x}};
      after.push_back(x);
    } else {
      const int c1 = 1 + (i + 2) % 5, c2 = 1 + (i * 2) % 5, c3 = 5 - i % 4;
      f.answers = {c1, c2, c3};
      after.push_back(climate_total(c1, c2, c3));
    }
    d.responses.push_back(f);
  }
  const Programme p(d);  // every record valid, the responses scored by the registered instrument
  EvaluationOptions o;
  o.viewer.audience = Audience::ServiceManager;
  const EvaluationReport rep = evaluate(p, o);
  const OutcomeReport* out = find_outcome(rep, "team_climate/total");
  REQUIRE(out != nullptr);
  CHECK(out->registered);
  CHECK(out->validation == "local");
  CHECK(out->name == "Team climate (local)");
  const auto pt = stats::paired_t(before, after);
  CHECK(*out->overall.n.value == 40.0);
  CHECK(*out->overall.mean_before.value == Approx(pt.mean_before).epsilon(1e-12));
  CHECK(*out->overall.mean_after.value == Approx(pt.mean_after).epsilon(1e-12));
  CHECK(*out->overall.t.value == Approx(pt.t).epsilon(1e-12));
  // The reliability the definition gives: Jacobson–Truax threshold 1.96·sd_before·√2·√(1−0.8).
  CHECK(*out->overall.rci_threshold.value == Approx(1.96 * pt.sd_before * std::sqrt(2.0) * std::sqrt(0.2)).epsilon(1e-9));
  // The document path (a ProgrammeData) gives the same report; the JSON and CSV carry the labels.
  CHECK(to_json(evaluate(d, o)) == to_json(rep));
  const std::string doc = to_json(rep);
  CHECK(doc.find("\"registered\":true,\"validation\":\"local\"") != std::string::npos);
  // Asked for by name, with the instrument's id in any case.
  o.outcomes = {"TEAM_CLIMATE/total"};
  CHECK(evaluate(p, o).outcomes.size() == 1);
  o.outcomes = {"team_climate/nope"};
  require_error([&] { evaluate(p, o); }, kNotFound, "nope", "scale", "reference_resolves");
}

TEST_CASE("a live programme built from the demo evaluates a registered instrument like SWEMWBS", "[instruments][evaluation]") {
  ProgrammeData d = demo::make_evaluation_demo(150, 4);
  d.instruments.push_back({"team_climate", Instrument::from_json(kTeamClimate).to_json()});
  // A team-climate response at the time of each SWEMWBS one: the same pairs.
  const auto swemwbs = d.responses;
  for (const Response& r : swemwbs) {
    if (r.instrument_id != "swemwbs") continue;
    Response t = r;
    t.id = r.id + "-tc";
    t.instrument_id = "team_climate";
    t.answers = {3, 3, 3};
    t.recorded_score.reset();
    d.responses.push_back(t);
  }
  Programme p(d);
  EvaluationOptions o;
  o.viewer.audience = Audience::ServiceManager;
  const EvaluationReport rep = evaluate(p, o);
  const OutcomeReport* tc = find_outcome(rep, "team_climate/total");
  const OutcomeReport* sw = find_outcome(rep, "swemwbs/total");
  REQUIRE(tc != nullptr);
  REQUIRE(sw != nullptr);
  CHECK(*tc->overall.n.value == *sw->overall.n.value);
  CHECK(*tc->overall.mean_change.value == 0.0);
  CHECK(to_json(evaluate(p, o)) == to_json(evaluate(p.data(), o)));
}
