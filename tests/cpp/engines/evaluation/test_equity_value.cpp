// Tests of the equity and value sections of the evaluation report (equity.hpp, value.hpp): Katz
// intervals against scipy's values, uptake and representation against a direct computation,
// outcome ratios from Jacobson–Truax, unit costs against hand sums, every bad denominator and bad
// cost with its exact error, disclosure for aggregate audiences (small groups and the ratios that
// could reveal them withheld.
#include "laycoach/error.hpp"
#include "laycoach/evaluation.hpp"
#include "laycoach/json.hpp"
#include "laycoach/programme.hpp"
#include "laycoach/stats.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <string>
#include <vector>

using namespace laycoach;
using namespace laycoach::test;

namespace {

double v(const Figure& f) {
  REQUIRE(f.value.has_value());
  return *f.value;
}

std::vector<std::optional<int>> swemwbs(int raw) {
  std::vector<std::optional<int>> a(7, 1);
  int rest = raw - 7;
  for (auto& x : a) {
    const int add = std::min(4, rest);
    x = 1 + add;
    rest -= add;
  }
  return a;
}

// 60 staff: nursing 30 (RX1), admin 25 (RX1), medical 5 (RX2); each referred, a baseline, two
// attended video sessions with coach c6 (band 6) or c7 (band 7), an end-of-episode response;
// closed episodes for the first 40. Plus one client DNA session, a cohort of 10 trainees and
// 4 supervision records, all in March 2024.
ProgrammeData fixture() {
  ProgrammeData d;
  d.catalogue = default_catalogue();
  Coach c;
  c.id = "c6";
  c.band = "6";
  d.coaches.push_back(c);
  c.id = "c7";
  c.band = "7";
  d.coaches.push_back(c);
  int next = 0;
  for (int i = 0; i < 60; ++i) {
    const std::string k = "k" + std::to_string(i), r = "r" + std::to_string(i);
    Client cl;
    cl.id = k;
    cl.staff_group = i < 30 ? "nursing" : i < 55 ? "admin" : "medical";
    cl.organisation = i < 55 ? "RX1" : "RX2";
    cl.sector = "acute";
    cl.consent.coaching = cl.consent.evaluation = true;
    d.clients.push_back(cl);
    Referral ref;
    ref.id = r;
    ref.client_id = k;
    ref.offer_id = "lay_too_1to1";
    ref.requested_at = at("2024-03-01T09:00:00Z");
    ref.closed = i < 40;
    d.referrals.push_back(ref);
    auto response = [&](TimePoint tp, const char* when, int raw) {
      Response q;
      q.id = "q" + std::to_string(next++);
      q.client_id = k;
      q.referral_id = r;
      q.instrument_id = "swemwbs";
      q.time_point = tp;
      q.recorded_at = at(when);
      q.answers = swemwbs(raw);
      d.responses.push_back(q);
    };
    response(TimePoint::Baseline, "2024-03-02T10:00:00Z", 12 + i % 9);
    for (int s = 0; s < 2; ++s) {
      Session se;
      se.id = "s" + std::to_string(next++);
      se.offer_id = "lay_too_1to1";
      se.coach_id = i % 2 ? "c7" : "c6";
      se.attendees = {{k, r, AttendeeStatus::Attended}};
      se.start = at(s == 0 ? "2024-03-04T10:00:00Z" : "2024-03-11T10:00:00Z") + boost::posix_time::minutes(i);
      se.minutes = 45;
      se.modality = Modality::Video;
      se.status = SessionStatus::Attended;
      d.sessions.push_back(se);
    }
    // Improvement grows with i so that some, not all, change reliably.
    response(TimePoint::EndOfEpisode, "2024-03-20T10:00:00Z", std::min(35, 12 + i % 9 + (i % 4) * 3));
  }
  Session dna;
  dna.id = "s_dna";
  dna.offer_id = "lay_too_1to1";
  dna.coach_id = "c6";
  dna.attendees = {{"k0", "r0", AttendeeStatus::DidNotAttend}};
  dna.start = at("2024-03-18T10:00:00Z");
  dna.minutes = 60;
  dna.modality = Modality::Telephone;
  dna.status = SessionStatus::ClientDidNotAttend;
  d.sessions.push_back(dna);
  TrainingCohort co;
  co.id = "co1";
  co.days = 2;
  co.start = parse_date("2024-03-05");
  d.cohorts.push_back(co);
  for (int t = 0; t < 10; ++t) {
    Trainee tr;
    tr.id = "t" + std::to_string(t);
    tr.cohort_id = "co1";
    tr.days_attended = t < 8 ? 2 : 1;
    d.trainees.push_back(tr);
  }
  for (int s = 0; s < 4; ++s) {
    SupervisionRecord sr;
    sr.id = "sup" + std::to_string(s);
    sr.coach_id = s % 2 ? "c7" : "c6";
    sr.date = parse_date("2024-03-15");
    sr.minutes = 90;
    d.supervision.push_back(sr);
  }
  return d;
}

EquityOptions denominators() {
  EquityOptions e;
  e.denominators["staff_group"] = {{"nursing", 300}, {"admin", 500}, {"medical", 50}};
  return e;
}

UnitCosts costs() {
  UnitCosts u;
  u.source = "Test figures (not a published source)";
  u.price_year = "2024/25";
  u.coach_hour["6"] = {40, 35, 45};
  u.coach_hour["7"] = {50, 45, 60};
  u.session["video"] = {5, 4, 6};
  u.session["telephone"] = {3, 2, 4};
  u.training_day = {200, 150, 250};
  u.supervision_hour = {70, 60, 80};
  return u;
}

EvaluationOptions exact(bool with_costs = true) {
  EvaluationOptions o;
  o.viewer.audience = Audience::ServiceManager;
  o.outcomes = {"swemwbs/total"};
  o.equity = denominators();
  if (with_costs) o.unit_costs = costs();
  return o;
}

const EquityRow& row(const EquityReport& e, const std::string& dim, const std::string& g) {
  for (const auto& t : e.tables)
    if (t.dimension == dim) {
      if (g == "all") return t.overall;
      for (const auto& r : t.rows)
        if (r.group == g) return r;
    }
  FAIL("no row " << dim << "/" << g);
  throw 0;
}

const ValueRow& item(const ValueReport& v, const std::string& name) {
  for (const auto& r : v.rows)
    if (r.item == name) return r;
  FAIL("no item " << name);
  throw 0;
}

}  // namespace

TEST_CASE("equity: Katz relative risk interval matches scipy", "[evaluation][equity]") {
  // scipy.stats.contingency.relative_risk(10, 100, 20, 400).confidence_interval(0.95)
  const auto k = stats::katz_relative_risk(10, 100, 20, 400);
  CHECK(k.ratio == Approx(2.0).epsilon(1e-14));
  CHECK(k.low == Approx(0.9669321840024485).epsilon(1e-12));
  CHECK(k.high == Approx(4.136794768214966).epsilon(1e-12));
  const auto zero = stats::katz_relative_risk(0, 100, 20, 400);  // scipy: 0, (0, nan)
  CHECK(zero.ratio == 0.0);
  CHECK(zero.low == 0.0);
  CHECK(std::isnan(zero.high));
  const auto inf = stats::katz_relative_risk(10, 100, 0, 400);  // scipy: inf, (nan, inf)
  CHECK(std::isinf(inf.ratio));
  CHECK(std::isnan(inf.low));
  require_error([] { stats::katz_relative_risk(101, 100, 20, 400); }, ErrorCode::InvalidArgument, "", "a", "range");
  require_error([] { stats::katz_relative_risk(1, 100, 20, 0); }, ErrorCode::InvalidArgument, "", "n2", "positive");
  require_error([] { stats::katz_relative_risk(1, 100, 20, 40, 1.0); }, ErrorCode::InvalidArgument, "", "confidence", "range");
}

TEST_CASE("equity: uptake, representation and outcome ratios against a direct computation", "[evaluation][equity]") {
  const ProgrammeData d = fixture();
  const EvaluationReport r = evaluate(d, exact(false));
  REQUIRE(r.equity);
  const EquityReport& e = *r.equity;
  CHECK(e.outcome == "swemwbs/total");
  REQUIRE(e.tables.size() == 1);
  const EquityRow& nursing = row(e, "staff_group", "nursing");
  CHECK(v(nursing.clients) == 30);
  CHECK(v(nursing.denominator) == 300);
  CHECK(v(nursing.uptake) == Approx(0.1));
  const auto w = stats::wilson(30, 300);
  CHECK(v(nursing.uptake_ci_low) == w.low);
  CHECK(v(nursing.uptake_ci_high) == w.high);
  const auto k = stats::katz_relative_risk(30, 300, 30, 550);
  CHECK(v(nursing.representation) == k.ratio);
  CHECK(v(nursing.representation_ci_low) == k.low);
  CHECK(v(nursing.representation_ci_high) == k.high);
  CHECK(v(row(e, "staff_group", "all").clients) == 60);
  CHECK(v(row(e, "staff_group", "all").denominator) == 850);
  CHECK(std::isnan(v(row(e, "staff_group", "all").representation)));
  // Outcome: reliable improvement on everyone's threshold (the overall row's count).
  const OutcomeReport& o = r.outcomes.at(0);
  CHECK(v(row(e, "staff_group", "all").improved) == v(o.overall.reliable_improved));
  CHECK(v(row(e, "staff_group", "all").paired) == 60);
  long long improved_sum = 0;
  for (const char* g : {"nursing", "admin", "medical"}) improved_sum += static_cast<long long>(v(row(e, "staff_group", g).improved));
  CHECK(improved_sum == static_cast<long long>(v(o.overall.reliable_improved)));
  const EquityRow& admin = row(e, "staff_group", "admin");
  const auto ka = stats::katz_relative_risk(static_cast<long long>(v(admin.improved)), 25,
                                            static_cast<long long>(v(o.overall.reliable_improved) - v(admin.improved)), 35);
  CHECK(v(admin.outcome_ratio) == ka.ratio);
  CHECK(v(admin.outcome_ratio_ci_low) == ka.low);
}

TEST_CASE("equity: bad denominators give exact errors and no report", "[evaluation][equity]") {
  const ProgrammeData d = fixture();
  EvaluationOptions o = exact(false);
  o.equity->denominators["staff_group"]["admin"] = -1;
  require_error([&] { evaluate(d, o); }, ErrorCode::InvalidArgument, "evaluation_options",
                "equity/denominators/staff_group/admin", "non_negative");
  o = exact(false);
  o.equity->denominators["staff_group"]["medical"] = 0;  // medical has 5 clients
  require_error([&] { evaluate(d, o); }, ErrorCode::InvalidArgument, "evaluation_options",
                "equity/denominators/staff_group/medical", "positive_denominator");
  o.equity->denominators["staff_group"]["medical"] = 50;
  o.equity->denominators["staff_group"]["dentists"] = 0;  // no clients: allowed, uptake not computable
  CHECK(std::isnan(v(row(*evaluate(d, o).equity, "staff_group", "dentists").uptake)));
  o = exact(false);
  o.equity->denominators["modality"] = {{"video", 10}};
  require_error([&] { evaluate(d, o); }, ErrorCode::InvalidArgument, "evaluation_options", "equity/denominators/modality",
                "equity_dimension");
  o = exact(false);
  o.equity->outcome = "swemwbs/nothing";
  require_error([&] { evaluate(d, o); }, ErrorCode::NotFound, "evaluation_options", "equity/outcome", "reference_resolves");
  // The JSON face: structure errors are ParseErrors at the JSON pointer; the rules are the C++ ones.
  require_error([] { evaluation_options_from_json(R"({"equity": {"denominators": {"staff_group": {"x": "many"}}}})"); },
                ErrorCode::Parse, "evaluation_options", "/equity/denominators/staff_group/x", "document_schema");
  require_error([] { evaluation_options_from_json(R"({"equity": {"denominator": {}}})"); }, ErrorCode::Parse,
                "evaluation_options", "/equity/denominators", "document_schema");
  const EvaluationOptions j = evaluation_options_from_json(
      R"({"equity": {"denominators": {"staff_group": {"nursing": 300, "a/b": 1}}, "outcome": "swemwbs/total"}})");
  REQUIRE(j.equity);
  CHECK(j.equity->denominators.at("staff_group").at("a/b") == 1);
  CHECK(j.equity->outcome == "swemwbs/total");
}

TEST_CASE("value: costs are the unit costs times the records, with their range", "[evaluation][value]") {
  const ProgrammeData d = fixture();
  const EvaluationReport r = evaluate(d, exact());
  REQUIRE(r.value);
  const ValueReport& val = *r.value;
  CHECK(val.source == "Test figures (not a published source)");
  // Coach time: 120 attended sessions of 45 min (60 with c6, 60 with c7) + one 60-min DNA with c6.
  const double coach = 60 * 0.75 * 40 + 60 * 0.75 * 50 + 1.0 * 40;
  const double coach_low = 60 * 0.75 * 35 + 60 * 0.75 * 45 + 35, coach_high = 60 * 0.75 * 45 + 60 * 0.75 * 60 + 45;
  CHECK(v(item(val, "coach_time").quantity) == 121);
  CHECK(v(item(val, "coach_time").cost) == Approx(coach));
  CHECK(v(item(val, "coach_time").cost_low) == Approx(coach_low));
  CHECK(v(item(val, "coach_time").cost_high) == Approx(coach_high));
  CHECK(v(item(val, "session_overheads").cost) == Approx(120 * 5 + 3));
  CHECK(v(item(val, "training").quantity) == 10);
  CHECK(v(item(val, "training").cost) == Approx((8 * 2 + 2) * 200.0));
  CHECK(v(item(val, "supervision").cost) == Approx(4 * 1.5 * 70));
  const double total = coach + 603 + 18 * 200.0 + 420;
  CHECK(v(item(val, "total").cost) == Approx(total));
  CHECK(v(item(val, "per_session").quantity) == 120);
  CHECK(v(item(val, "per_session").cost) == Approx(total / 120));
  CHECK(v(item(val, "per_completed_episode").quantity) == 40);
  CHECK(v(item(val, "per_completed_episode").cost) == Approx(total / 40));
  CHECK(v(item(val, "per_completed_episode").cost_low) < v(item(val, "per_completed_episode").cost));
  const double improved = v(r.outcomes.at(0).overall.reliable_improved);
  REQUIRE(improved > 0);
  CHECK(v(item(val, "per_reliable_improvement").quantity) == improved);
  CHECK(v(item(val, "per_reliable_improvement").cost) == Approx(total / improved));
  // A cost not given is not counted.
  EvaluationOptions o = exact();
  o.unit_costs->training_day.reset();
  const ValueReport v2 = *evaluate(d, o).value;
  CHECK_FALSE(item(v2, "training").costed);
  CHECK(v(item(v2, "total").cost) == Approx(total - 18 * 200.0));
}

TEST_CASE("value: bad unit costs give exact errors", "[evaluation][value]") {
  const ProgrammeData d = fixture();
  auto with = [&](auto change) {
    EvaluationOptions o = exact();
    change(*o.unit_costs);
    return o;
  };
  require_error([&] { evaluate(d, with([](UnitCosts& u) { u.coach_hour["6"].low = -1; })); }, ErrorCode::InvalidArgument,
                "unit_costs", "coach_hour/6/low", "non_negative");
  require_error([&] { evaluate(d, with([](UnitCosts& u) { u.coach_hour["8z"] = {1, 1, 1}; })); }, ErrorCode::InvalidArgument,
                "unit_costs", "coach_hour/8z", "afc_band");
  require_error([&] { evaluate(d, with([](UnitCosts& u) { u.session["video"] = {5, 6, 7}; })); }, ErrorCode::InvalidArgument,
                "unit_costs", "session/video", "range_order");
  require_error([&] { evaluate(d, with([](UnitCosts& u) { u.session["zoom"] = {5, 5, 5}; })); }, ErrorCode::InvalidArgument,
                "unit_costs", "session/zoom", "modality");
  require_error([&] { evaluate(d, with([](UnitCosts& u) { u.training_day->value = NAN; })); }, ErrorCode::InvalidArgument,
                "unit_costs", "training_day/value", "non_negative");
  require_error([&] { evaluate(d, with([](UnitCosts& u) { u.source.clear(); })); }, ErrorCode::InvalidArgument, "unit_costs",
                "source", "source_required");
  require_error([&] { evaluate(d, with([](UnitCosts& u) { u.coach_hour.erase("7"); })); }, ErrorCode::InvalidArgument,
                "unit_costs", "coach_hour", "band_not_costed");
  // "default" costs a coach whose band is not listed.
  CHECK_NOTHROW(evaluate(d, with([](UnitCosts& u) {
    u.coach_hour.erase("7");
    u.coach_hour["default"] = {50, 45, 60};
  })));
  EvaluationOptions emp = exact();
  emp.viewer = {Audience::Employer, "RX1"};
  require_error([&] { evaluate(d, emp); }, ErrorCode::Forbidden, "evaluation_options", "unit_costs", "value_audience");
  // JSON: {"value", "plus_minus_percent"} or {"value", "low", "high"}; anything else is a ParseError.
  const EvaluationOptions j = evaluation_options_from_json(
      R"({"unit_costs": {"source": "PSSRU 2024", "price_year": "2024/25", "coach_hour": {"7": {"value": 50, "plus_minus_percent": 10}},
          "training_day": {"value": 200, "low": 150, "high": 250}}})");
  REQUIRE(j.unit_costs);
  CHECK(j.unit_costs->coach_hour.at("7").low == Approx(45));
  CHECK(j.unit_costs->coach_hour.at("7").high == Approx(55));
  CHECK(j.unit_costs->training_day->low == 150);
  require_error([] { evaluation_options_from_json(R"({"unit_costs": {"source": "x", "price_year": "y", "training_day": {"value": 1, "low": 1}}})"); },
                ErrorCode::Parse, "evaluation_options", "/unit_costs/training_day/high", "document_schema");
  require_error([] { evaluation_options_from_json(R"({"unit_costs": {"source": "x", "price_year": "y", "training_day": {"value": 1, "plus_minus_percent": 120}}})"); },
                ErrorCode::Parse, "evaluation_options", "/unit_costs/training_day/plus_minus_percent", "document_schema");
  require_error([] { evaluation_options_from_json(R"({"unit_costs": {"price_year": "y"}})"); }, ErrorCode::Parse,
                "evaluation_options", "/unit_costs/source", "document_schema");
}

TEST_CASE("equity and value: aggregate audiences get released figures; small groups and their ratios withheld",
          "[evaluation][equity][value][disclosure]") {
  const ProgrammeData d = fixture();
  EvaluationOptions o = exact();
  o.viewer = {Audience::Commissioner, ""};
  const EvaluationReport r = evaluate(d, o);
  const EvaluationReport x = evaluate(d, exact());
  const SuppressionPolicy pol = r.policy;
  const EquityReport& e = *r.equity;
  // medical: 5 clients, withheld with everything of its row; admin is then the smallest other
  // cell and is withheld too (complementary), so total − nursing cannot give medical away alone.
  const EquityRow& med = row(e, "staff_group", "medical");
  CHECK(med.suppressed);
  CHECK(med.clients.suppressed());
  CHECK(med.uptake.suppressed());
  CHECK(med.representation.suppressed());
  CHECK(med.outcome_suppressed);
  CHECK(med.outcome_ratio.suppressed());
  CHECK(row(e, "staff_group", "admin").suppressed);
  CHECK(row(e, "staff_group", "admin").representation.suppressed());
  const EquityRow& nursing = row(e, "staff_group", "nursing");
  REQUIRE_FALSE(nursing.suppressed);
  const auto [lo, hi] = count_bucket(static_cast<long long>(v(nursing.clients)), pol);
  CHECK(lo <= 30);
  CHECK(30 <= hi);
  // The uptake interval holds the exact uptake; the ratio is the released counts' ratio.
  CHECK(v(nursing.uptake_ci_low) <= 0.1);
  CHECK(0.1 <= v(nursing.uptake_ci_high));
  const double all = v(row(e, "staff_group", "all").clients);
  const auto k = stats::katz_relative_risk(static_cast<long long>(v(nursing.clients)), 300,
                                           static_cast<long long>(all - v(nursing.clients)), 550);
  CHECK(v(nursing.representation) == Approx(k.ratio).margin(5e-5));
  // The same clients, the same cell: the equity total of every listed group equals access.clients.
  CHECK(v(row(e, "staff_group", "all").clients) == v(r.access.clients));
  // Value: counts released, costs in units of the costliest record, per-unit from the released.
  const ValueReport& val = *r.value;
  for (const auto& it : val.rows) CHECK(it.step == UnitCost{});
  CHECK(v(item(val, "per_session").quantity) == v(r.access.sessions));
  CHECK(v(item(val, "per_reliable_improvement").quantity) == v(r.outcomes.at(0).overall.reliable_improved));
  const ValueRow& coach = item(val, "coach_time");
  const double step = 0.75 * 50;  // the costliest session: 45 min at band 7... or the 60-min DNA at band 6
  const double unit = std::max(step, 40.0);
  CHECK(std::fabs(v(coach.cost) - v(item(x.value.value(), "coach_time").cost)) <= (pol.max_perturbation + pol.round_to / 2.0) * unit + 0.01);
  // Supervision: 4 records, below min_count: withheld, and so is the total that holds it.
  CHECK(item(val, "supervision").suppressed);
  CHECK(item(val, "supervision").cost.suppressed());
  CHECK(item(val, "total").cost.suppressed());
  CHECK(item(val, "per_session").cost.suppressed());
  // Without supervision costed: the total is the released parts' sum, per-unit from it.
  EvaluationOptions o2 = o;
  o2.unit_costs->supervision_hour.reset();
  const ValueReport v2 = *evaluate(d, o2).value;
  CHECK(v(item(v2, "total").cost) == Approx(v(item(v2, "coach_time").cost) + v(item(v2, "session_overheads").cost) +
                                            v(item(v2, "training").cost)));
  CHECK(v(item(v2, "total").cost_low) <= v(item(v2, "total").cost));
  CHECK(v(item(v2, "per_session").cost) ==
        Approx(v(item(v2, "total").cost) / v(item(v2, "per_session").quantity)).margin(0.005));
  CHECK(v(item(v2, "coach_time").cost) == v(coach.cost));  // the same cell, the same release
  // The report's JSON carries both sections, suppressed figures listed.
  const auto doc = nlohmann::json::parse(to_json(r));
  CHECK(doc["equity"]["tables"][0]["dimension"] == "staff_group");
  bool listed = false;
  for (const auto& rr : doc["equity"]["tables"][0]["rows"])
    if (rr["group"] == "medical")
      for (const auto& f : rr["suppressed_fields"]) listed = listed || f == "representation";
  CHECK(listed);
  CHECK(doc["value"]["rows"][0]["item"] == "coach_time");
  CHECK(doc["value"]["rows"][0].count("step") == 0);
  CHECK(nlohmann::json::parse(to_json(evaluate(d, EvaluationOptions{})))["equity"].is_null());
}
