// Tests of the evaluation engine (evaluation.hpp): every statistic is wired to laycoach::stats
// (compared with calling stats directly on the same pairs), group differences, trend and
// omnibus against scipy values, proportions, pairing rules, breakdowns, access figures (24 h,
// out of office hours across DST, utilisation), disclosure by audience, JSON, and the demo
// evaluation that reproduces the published means.
#include "evaluation_impl.hpp"
#include "laycoach/demo.hpp"
#include "test_support.hpp"
#include "laycoach/error.hpp"
#include "laycoach/evaluation.hpp"
#include "laycoach/instrument.hpp"
#include "laycoach/programme.hpp"
#include "laycoach/stats.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace laycoach;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double v(const Figure& f) {
  REQUIRE(f.value.has_value());
  return *f.value;
}

// The deterministic fixture whose reference values were computed with scipy 1.17:
// i = 0..59, g = i % 3, before = 10 + (7i mod 11), after = before + (i² mod 13) − 4 + g.
struct Fixture {
  std::vector<double> before, after;
  std::vector<std::int32_t> group;
  Fixture() {
    for (int i = 0; i < 60; ++i) {
      group.push_back(i % 3);
      before.push_back(10.0 + (i * 7 % 11));
      after.push_back(before.back() + (i * i % 13) - 4 + i % 3);
    }
  }
};

// Rows of the same group computed directly with laycoach::stats.
void require_wired(const ChangeRow& row, std::span<const double> b, std::span<const double> a, double reliability,
                   double mc, bool higher_is_better = true) {
  const auto pt = stats::paired_t(b, a);
  const auto w = stats::wilcoxon(b, a);
  CHECK(v(row.n) == static_cast<double>(b.size()));
  CHECK(v(row.mean_before) == pt.mean_before);
  CHECK(v(row.sd_before) == pt.sd_before);
  CHECK(v(row.mean_after) == pt.mean_after);
  CHECK(v(row.sd_after) == pt.sd_after);
  CHECK(v(row.mean_change) == pt.mean_diff);
  CHECK(v(row.sd_change) == pt.sd_diff);
  CHECK(v(row.ci_low) == pt.ci_low);
  CHECK(v(row.ci_high) == pt.ci_high);
  CHECK(v(row.t) == pt.t);
  CHECK(v(row.df) == pt.df);
  CHECK(v(row.p) == pt.p);
  CHECK(v(row.d_z) == pt.d_z);
  CHECK(v(row.d_av) == pt.d_av);
  CHECK(v(row.g_z) == pt.g_z);
  CHECK(v(row.g_av) == pt.g_av);
  CHECK(v(row.wilcoxon_n) == static_cast<double>(w.n));
  CHECK(v(row.w_plus) == w.w_plus);
  CHECK(v(row.z) == w.z);
  CHECK(v(row.wilcoxon_p) == w.p);
  CHECK(v(row.r) == w.r);
  CHECK(row.wilcoxon_exact == w.exact);
  const auto rc = stats::reliable_change(b, a, reliability, higher_is_better);
  CHECK(v(row.rci_threshold) == rc.threshold);
  CHECK(v(row.reliable_improved) == static_cast<double>(rc.improved));
  CHECK(v(row.reliable_deteriorated) == static_cast<double>(rc.deteriorated));
  CHECK(v(row.share_reliable_improved) == rc.share_improved);
  const auto wi = stats::wilson(rc.improved, rc.n);
  CHECK(v(row.share_reliable_improved_ci_low) == wi.low);
  CHECK(v(row.share_reliable_improved_ci_high) == wi.high);
  long long up = 0, down = 0;
  for (std::size_t i = 0; i < b.size(); ++i) {
    const double d = (a[i] - b[i]) * (higher_is_better ? 1 : -1);
    up += d >= mc;
    down += d <= -mc;
  }
  CHECK(v(row.meaningful_improved) == static_cast<double>(up));
  CHECK(v(row.meaningful_deteriorated) == static_cast<double>(down));
  const auto wm = stats::wilson(up, static_cast<std::int64_t>(b.size()));
  CHECK(v(row.share_meaningful_improved_ci_low) == wm.low);
  CHECK(v(row.share_meaningful_improved_ci_high) == wm.high);
}

ColumnBreakdown breakdown(std::string name, const std::vector<std::int32_t>& codes, std::vector<std::string> labels,
                          std::vector<double> trend = {}) {
  return {std::move(name), codes, std::move(labels), std::move(trend)};
}

// ---- programme fixtures --------------------------------------------------------------------------

Instant at(const char* iso) { return parse_instant(iso); }

// SWEMWBS item answers (7 items, 1..5) with the given raw sum (7..35).
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
double swemwbs_metric(int raw) { return *score("swemwbs", swemwbs(raw)).total; }

struct Builder {
  ProgrammeData d;
  int next = 0;
  Builder() {
    d.catalogue = default_catalogue();
    Coach c;
    c.id = "c1";
    c.name = "Coach";
    c.rota.weekly = {{0, 9 * 60, 17 * 60}, {1, 9 * 60, 17 * 60}};  // Mon, Tue 8 h
    d.coaches.push_back(c);
    Coach c2 = c;
    c2.id = "c2";
    d.coaches.push_back(c2);
  }
  Client& client(std::string id, std::string org = "RX1", std::string group = "nursing", bool consent = true) {
    Client c;
    c.id = std::move(id);
    c.organisation = std::move(org);
    c.staff_group = std::move(group);
    c.sector = "acute";
    c.consent.coaching = true;
    c.consent.evaluation = consent;
    d.clients.push_back(c);
    return d.clients.back();
  }
  Referral& referral(std::string id, std::string client, const char* requested, std::string offer = "lay_too_1to1") {
    Referral r;
    r.id = std::move(id);
    r.client_id = std::move(client);
    r.offer_id = std::move(offer);
    r.requested_at = at(requested);
    d.referrals.push_back(r);
    return d.referrals.back();
  }
  Session& session(std::string referral, std::string client, const char* start, SessionStatus st,
                   std::string coach = "c1", Modality m = Modality::Video) {
    Session s;
    s.id = "s" + std::to_string(next++);
    s.offer_id = "lay_too_1to1";
    s.coach_id = std::move(coach);
    s.attendees = {{std::move(client), std::move(referral), AttendeeStatus::Booked}};
    s.start = at(start);
    s.minutes = 60;
    s.modality = m;
    s.status = st;
    d.sessions.push_back(s);
    return d.sessions.back();
  }
  Response& response(std::string referral, std::string client, TimePoint tp, const char* when, int raw,
                     std::string instrument = "swemwbs") {
    Response r;
    r.id = "q" + std::to_string(next++);
    r.client_id = std::move(client);
    r.referral_id = std::move(referral);
    r.instrument_id = std::move(instrument);
    r.time_point = tp;
    r.recorded_at = at(when);
    r.answers = swemwbs(raw);
    d.responses.push_back(r);
    return d.responses.back();
  }
};

EvaluationOptions exact_options() {
  EvaluationOptions o;
  o.viewer.audience = Audience::ServiceManager;
  return o;
}

const OutcomeReport& outcome(const EvaluationReport& r, const std::string& name) {
  for (const auto& o : r.outcomes)
    if (o.outcome == name) return o;
  FAIL("no outcome " << name);
  throw 0;
}

const BreakdownTable& table(const OutcomeReport& o, const std::string& dim) {
  for (const auto& b : o.breakdowns)
    if (b.dimension == dim) return b;
  FAIL("no breakdown " << dim);
  throw 0;
}

const ChangeRow& row(const BreakdownTable& t, const std::string& group) {
  for (const auto& r : t.rows)
    if (r.group == group) return r;
  FAIL("no group " << group);
  throw 0;
}

}  // namespace

// ================================================================================ columnar kernel

TEST_CASE("evaluation: each statistic is laycoach::stats on the group's pairs", "[evaluation]") {
  const Fixture f;
  const std::vector<std::string> labels = {"a", "b", "c"};
  const std::vector<ColumnBreakdown> bds = {breakdown("g", f.group, labels, {1, 2, 3})};
  ColumnOutcome o;
  o.before = f.before;
  o.after = f.after;
  o.reliability = 0.84;
  o.meaningful_change = 3;
  const OutcomeReport r = evaluate_columns(o, bds);
  require_wired(r.overall, f.before, f.after, 0.84, 3);
  CHECK(r.overall.group == "all");
  for (int g = 0; g < 3; ++g) {
    std::vector<double> b, a;
    for (std::size_t i = 0; i < f.before.size(); ++i)
      if (f.group[i] == g) {
        b.push_back(f.before[i]);
        a.push_back(f.after[i]);
      }
    INFO("group " << g);
    require_wired(r.breakdowns[0].rows[static_cast<std::size_t>(g)], b, a, 0.84, 3);
    CHECK(r.breakdowns[0].rows[static_cast<std::size_t>(g)].group == labels[static_cast<std::size_t>(g)]);
    CHECK(r.breakdowns[0].rows[static_cast<std::size_t>(g)].below_recommended);
  }
  CHECK_FALSE(r.overall.below_recommended);

  SECTION("lower is better reverses improvement") {
    o.higher_is_better = false;
    const OutcomeReport rl = evaluate_columns(o, bds);
    require_wired(rl.overall, f.before, f.after, 0.84, 3, false);
  }
}

TEST_CASE("evaluation: Wilcoxon by counting equals stats::wilcoxon, discrete and continuous", "[evaluation]") {
  // Large groups (> 50 non-zero differences) take the counting path when scores are discrete,
  // and the per-group sort when they are continuous; both must equal stats::wilcoxon exactly.
  std::mt19937_64 rng(5);
  for (const bool discrete : {true, false}) {
    const std::size_t n = 5000;
    std::vector<double> b(n), a(n);
    std::vector<std::int32_t> g(n);
    std::normal_distribution<double> z(0, 1);
    for (std::size_t i = 0; i < n; ++i) {
      g[i] = static_cast<std::int32_t>(rng() % 7) - 1;  // -1 = not in the breakdown
      b[i] = discrete ? swemwbs_metric(static_cast<int>(7 + rng() % 29)) : 20 + 4 * z(rng);
      a[i] = discrete ? swemwbs_metric(static_cast<int>(7 + rng() % 29)) : b[i] + 2 + 4 * z(rng);
      if (rng() % 50 == 0) a[i] = kNaN;  // unpaired
    }
    std::vector<std::string> labels = {"0", "1", "2", "3", "4", "5"};
    const std::vector<ColumnBreakdown> bds = {breakdown("g", g, labels)};
    ColumnOutcome o;
    o.before = b;
    o.after = a;
    o.reliability = 0.8;
    o.meaningful_change = 3;
    const OutcomeReport r = evaluate_columns(o, bds);
    std::vector<double> pb, pa;
    for (std::size_t i = 0; i < n; ++i)
      if (!std::isnan(a[i])) {
        pb.push_back(b[i]);
        pa.push_back(a[i]);
      }
    INFO("discrete " << discrete);
    require_wired(r.overall, pb, pa, 0.8, 3);
    for (std::int32_t k = 0; k < 6; ++k) {
      std::vector<double> gb, ga;
      for (std::size_t i = 0; i < n; ++i)
        if (g[i] == k && !std::isnan(a[i])) {
          gb.push_back(b[i]);
          ga.push_back(a[i]);
        }
      require_wired(r.breakdowns[0].rows[static_cast<std::size_t>(k)], gb, ga, 0.8, 3);
    }
  }
}

TEST_CASE("evaluation: small groups use the exact Wilcoxon p", "[evaluation]") {
  std::vector<double> b = {10, 12, 9, 14, 11, 13, 10, 8, 15, 11};
  std::vector<double> a = {13, 12.5, 12.2, 15.2, 15.1, 13.7, 14.3, 9.9, 14, 12.6};  // no tied |d|
  std::vector<std::int32_t> g = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
  const std::vector<ColumnBreakdown> bds = {breakdown("g", g, {"x", "y"})};
  ColumnOutcome o;
  o.before = b;
  o.after = a;
  const OutcomeReport r = evaluate_columns(o, bds);
  CHECK(r.overall.wilcoxon_exact);
  CHECK(v(r.overall.wilcoxon_p) == stats::wilcoxon(b, a).p);
  // Without reliability / meaningful change those figures are not computable.
  CHECK(std::isnan(v(r.overall.rci_threshold)));
  CHECK(std::isnan(v(r.overall.reliable_improved)));
  CHECK(std::isnan(v(r.overall.share_meaningful_improved)));
}

TEST_CASE("evaluation: group differences, Welch ANOVA and trend agree with scipy", "[evaluation]") {
  const Fixture f;
  const std::vector<ColumnBreakdown> bds = {breakdown("g", f.group, {"a", "b", "c"}, {1, 2, 3})};
  ColumnOutcome o;
  o.before = f.before;
  o.after = f.after;
  const OutcomeReport r = evaluate_columns(o, bds);
  const BreakdownTable& t = r.breakdowns[0];
  REQUIRE(t.differences.size() == 3);
  // scipy.stats.ttest_ind(d[g==0], d[g!=0], equal_var=False) and its confidence_interval().
  const GroupDifference& d0 = t.differences[0];
  CHECK(d0.group == "a");
  CHECK(v(d0.n_group) == 20);
  CHECK(v(d0.n_rest) == 40);
  CHECK_THAT(v(d0.t), WithinRel(-1.4589196632978971, 1e-10));
  CHECK_THAT(v(d0.p), WithinRel(0.15290428144915877, 1e-10));
  CHECK_THAT(v(d0.df), WithinRel(37.54089088398309, 1e-10));
  CHECK_THAT(v(d0.ci_low), WithinRel(-4.17927230378614, 1e-10));
  CHECK_THAT(v(d0.ci_high), WithinRel(0.6792723037861399, 1e-10));
  CHECK_THAT(v(d0.difference), WithinRel(v(d0.mean_change_group) - v(d0.mean_change_rest), 1e-15));
  CHECK_THAT(v(t.differences[2].t), WithinRel(1.4856599252916018, 1e-10));
  CHECK_THAT(v(t.differences[2].df), WithinRel(37.88412822528553, 1e-10));
  // scipy.stats.f_oneway(..., equal_var=False)
  CHECK(v(t.welch_anova.groups) == 3);
  CHECK(v(t.welch_anova.df1) == 2);
  CHECK_THAT(v(t.welch_anova.f), WithinRel(1.4095933688693154, 1e-10));
  CHECK_THAT(v(t.welch_anova.p), WithinRel(0.25672441041755745, 1e-10));
  // scipy.stats.linregress(g + 1, d)
  REQUIRE(t.trend);
  CHECK(v(t.trend->n) == 60);
  CHECK_THAT(v(t.trend->slope), WithinRel(1.175, 1e-12));
  CHECK_THAT(v(t.trend->intercept), WithinRel(0.6666666666666665, 1e-12));
  CHECK_THAT(v(t.trend->r), WithinRel(0.2200028019246604, 1e-10));
  CHECK_THAT(v(t.trend->p), WithinRel(0.09120991986087462, 1e-10));
  CHECK_THAT(v(t.trend->ci_low), WithinRel(-0.19438439902865912, 1e-10));
  CHECK_THAT(v(t.trend->ci_high), WithinRel(2.544384399028659, 1e-10));
  CHECK(v(t.trend->df) == 58);
}

TEST_CASE("evaluation: unpaired and uncoded episodes, empty groups, histogram", "[evaluation]") {
  const std::vector<double> b = {10, 11, kNaN, 12, 13, 14};
  const std::vector<double> a = {12, 12, 15, kNaN, 16, 14};
  const std::vector<std::int32_t> g = {0, 0, 1, 1, -1, 0};
  const std::vector<ColumnBreakdown> bds = {breakdown("g", g, {"x", "y", "z"})};
  ColumnOutcome o;
  o.before = b;
  o.after = a;
  o.range = std::make_pair(7.0, 35.0);
  const OutcomeReport r = evaluate_columns(o, bds);
  CHECK(v(r.episodes) == 6);
  CHECK(v(r.overall.n) == 4);  // episodes 0, 1, 4, 5
  CHECK(v(r.breakdowns[0].rows[0].n) == 3);
  CHECK(v(r.breakdowns[0].rows[1].n) == 0);
  CHECK(std::isnan(v(r.breakdowns[0].rows[1].mean_change)));
  CHECK(v(r.breakdowns[0].rows[2].n) == 0);
  // 28 bins of width 1 over 7..35; baseline 10, 11, 13, 14 and follow-up 12, 12, 16, 14.
  CHECK(r.histogram.low == 7);
  CHECK(r.histogram.width == 1);
  REQUIRE(r.histogram.before.size() == 28);
  CHECK(v(r.histogram.before[3]) == 1);
  CHECK(v(r.histogram.after[5]) == 2);
  double sb = 0, sa = 0;
  for (std::size_t i = 0; i < 28; ++i) {
    sb += v(r.histogram.before[i]);
    sa += v(r.histogram.after[i]);
  }
  CHECK(sb == 4);
  CHECK(sa == 4);
  // Top of the range goes in the last bin.
  const std::vector<double> top_b = {35}, top_a = {7};
  o.before = top_b;
  o.after = top_a;
  const OutcomeReport top = evaluate_columns(o, {});
  CHECK(v(top.histogram.before[27]) == 1);
  CHECK(v(top.histogram.after[0]) == 1);
}

TEST_CASE("evaluation: columnar input is validated", "[evaluation]") {
  const std::vector<double> b = {1, 2, 3}, a = {2, 3, 4}, a2 = {1, 2};
  const std::vector<std::int32_t> ok = {0, 1, 0}, bad = {0, 2, 0}, short_codes = {0, 1};
  auto rule_of = [](auto&& f) -> std::string {
    try {
      f();
    } catch (const ValidationError& e) {
      return e.field() + "/" + e.rule();
    }
    return "none";
  };
  ColumnOutcome o;
  o.before = b;
  o.after = a2;
  CHECK(rule_of([&] { evaluate_columns(o, {}); }) == "after/same_length");
  o.after = a;
  std::vector<ColumnBreakdown> bds = {breakdown("g", bad, {"x", "y"})};
  CHECK(rule_of([&] { evaluate_columns(o, bds); }) == "g.codes/code_range");
  bds = {breakdown("g", short_codes, {"x", "y"})};
  CHECK(rule_of([&] { evaluate_columns(o, bds); }) == "g.codes/same_length");
  bds = {breakdown("g", ok, {"x", "y"}, {1})};
  CHECK(rule_of([&] { evaluate_columns(o, bds); }) == "g.trend_values/same_length");
  const std::vector<double> inf = {1, INFINITY, 3};
  o.before = inf;
  CHECK(rule_of([&] { evaluate_columns(o, {}); }) == "before/finite");
  o.before = b;
  o.reliability = 1.5;
  CHECK(rule_of([&] { evaluate_columns(o, {}); }) == "reliability/range");
  o.reliability.reset();
  o.meaningful_change = 0;
  CHECK(rule_of([&] { evaluate_columns(o, {}); }) == "meaningful_change/positive");
  o.meaningful_change.reset();
  ColumnOptions opt;
  opt.confidence = 1;
  CHECK(rule_of([&] { evaluate_columns(o, {}, opt); }) == "confidence/range");
  const std::vector<std::int8_t> yes = {1, 2, 0};
  CHECK(rule_of([&] { evaluate_proportion_columns("x", yes, {}); }) == "outcome/value_range");
}

TEST_CASE("evaluation: proportions with Wilson intervals, overall and by group", "[evaluation]") {
  const std::vector<std::int8_t> yes = {1, 1, 0, -1, 1, 0, 1, 1};
  const std::vector<std::int32_t> g = {0, 0, 0, 0, 1, 1, 1, -1};
  const std::vector<ColumnBreakdown> bds = {breakdown("g", g, {"x", "y"})};
  const ProportionTable t = evaluate_proportion_columns("satisfied", yes, bds);
  CHECK(t.measure == "satisfied");
  CHECK(v(t.overall.n) == 7);
  CHECK(v(t.overall.k) == 5);
  CHECK(v(t.overall.share) == 5.0 / 7.0);
  CHECK(v(t.overall.ci_low) == stats::wilson(5, 7).low);
  CHECK(v(t.overall.ci_high) == stats::wilson(5, 7).high);
  CHECK(v(t.breakdowns[0].rows[0].n) == 3);
  CHECK(v(t.breakdowns[0].rows[0].k) == 2);
  CHECK(v(t.breakdowns[0].rows[1].n) == 3);
  CHECK(v(t.breakdowns[0].rows[1].k) == 2);
  CHECK(v(t.breakdowns[0].rows[1].ci_low) == stats::wilson(2, 3).low);
}

// ================================================================================ pairing rules

TEST_CASE("evaluation: baseline is the last response before the first attended session", "[evaluation]") {
  Builder B;
  B.client("k1");
  B.referral("r1", "k1", "2024-03-01T09:00:00Z");
  B.response("r1", "k1", TimePoint::Baseline, "2024-03-01T10:00:00Z", 14);  // superseded
  B.response("r1", "k1", TimePoint::Baseline, "2024-03-03T10:00:00Z", 15);  // the baseline
  B.session("r1", "k1", "2024-03-04T10:00:00Z", SessionStatus::ClientDidNotAttend);  // not attended
  B.response("r1", "k1", TimePoint::Baseline, "2024-03-05T08:00:00Z", 16);  // still before the first attended
  B.session("r1", "k1", "2024-03-05T10:00:00Z", SessionStatus::Attended);
  B.response("r1", "k1", TimePoint::Baseline, "2024-03-05T10:05:00Z", 30);  // after it started: not a baseline
  B.session("r1", "k1", "2024-03-12T10:00:00Z", SessionStatus::Attended);
  B.response("r1", "k1", TimePoint::EndOfEpisode, "2024-03-20T10:00:00Z", 25);

  EvaluationOptions o = exact_options();
  o.outcomes = {"swemwbs"};
  EvaluationReport r = evaluate(B.d, o);
  const OutcomeReport& s = outcome(r, "swemwbs/total");
  CHECK(v(s.overall.n) == 1);
  CHECK(v(s.overall.mean_before) == swemwbs_metric(16));
  CHECK(v(s.overall.mean_after) == swemwbs_metric(25));
  CHECK(v(s.with_baseline) == 1);

  SECTION("grace minutes admit a questionnaire completed as the first session starts") {
    o.pairing.baseline_grace_minutes = 10;
    const EvaluationReport g = evaluate(B.d, o);
    CHECK(v(outcome(g, "swemwbs/total").overall.mean_before) == swemwbs_metric(30));
  }
  SECTION("no attended session: no pair") {
    for (auto& x : B.d.sessions) x.status = SessionStatus::CancelledByClient;
    const EvaluationReport n = evaluate(B.d, o);
    CHECK(v(outcome(n, "swemwbs/total").overall.n) == 0);
    CHECK(v(outcome(n, "swemwbs/total").with_baseline) == 0);
  }
}

TEST_CASE("evaluation: follow-up rules", "[evaluation]") {
  Builder B;
  B.client("k1");
  B.referral("r1", "k1", "2024-03-01T09:00:00Z");
  B.response("r1", "k1", TimePoint::Baseline, "2024-03-02T10:00:00Z", 14);
  B.session("r1", "k1", "2024-03-04T10:00:00Z", SessionStatus::Attended);
  B.response("r1", "k1", TimePoint::PostSession, "2024-03-04T11:00:00Z", 18);  // after 1 session
  B.session("r1", "k1", "2024-03-11T10:00:00Z", SessionStatus::Attended);
  B.response("r1", "k1", TimePoint::PostSession, "2024-03-11T11:00:00Z", 20);  // after 2 sessions
  B.response("r1", "k1", TimePoint::EndOfEpisode, "2024-03-12T11:00:00Z", 22);
  B.response("r1", "k1", TimePoint::PostSession, "2024-03-13T11:00:00Z", 23);  // latest
  Response& fu6 = B.response("r1", "k1", TimePoint::FollowUp, "2024-04-20T11:00:00Z", 26);
  fu6.follow_up_weeks = 6;
  Response& fu12 = B.response("r1", "k1", TimePoint::FollowUp, "2024-06-01T11:00:00Z", 28);
  fu12.follow_up_weeks = 12;

  auto after_with = [&](FollowUpRule rule, int min_sessions = 2, int weeks = 0) {
    EvaluationOptions o = exact_options();
    o.outcomes = {"swemwbs"};
    o.pairing.follow_up = rule;
    o.pairing.min_sessions = min_sessions;
    o.pairing.min_follow_up_weeks = weeks;
    const EvaluationReport r = evaluate(B.d, o);
    const auto& s = outcome(r, "swemwbs/total");
    return v(s.overall.n) == 1 ? v(s.overall.mean_after) : kNaN;
  };
  CHECK(after_with(FollowUpRule::EndOfEpisode) == swemwbs_metric(22));
  CHECK(after_with(FollowUpRule::EndOfEpisodeElseLatest) == swemwbs_metric(22));
  CHECK(after_with(FollowUpRule::LatestAfterSessions) == swemwbs_metric(23));
  CHECK(std::isnan(after_with(FollowUpRule::LatestAfterSessions, 3)));  // only 2 attended
  CHECK(after_with(FollowUpRule::FollowUp) == swemwbs_metric(26));
  CHECK(after_with(FollowUpRule::FollowUp, 2, 8) == swemwbs_metric(28));

  // Without an end-of-episode response the default falls back to the latest after N sessions.
  std::erase_if(B.d.responses, [](const Response& r) { return r.time_point == TimePoint::EndOfEpisode; });
  CHECK(std::isnan(after_with(FollowUpRule::EndOfEpisode)));
  CHECK(after_with(FollowUpRule::EndOfEpisodeElseLatest) == swemwbs_metric(23));
}

TEST_CASE("evaluation: consent, unscorable responses and responses without an episode id", "[evaluation]") {
  Builder B;
  B.client("k1");
  B.client("k2", "RX1", "nursing", /*consent=*/false);
  B.client("k3");
  for (const char* k : {"k1", "k2", "k3"}) {
    const std::string r = std::string("r") + k;
    B.referral(r, k, "2024-03-01T09:00:00Z");
    B.response(r, k, TimePoint::Baseline, "2024-03-02T10:00:00Z", 14);
    B.session(r, k, std::string(k) == "k1" ? "2024-03-04T10:00:00Z" : std::string(k) == "k2" ? "2024-03-04T12:00:00Z" : "2024-03-04T14:00:00Z", SessionStatus::Attended);
    B.response(r, k, TimePoint::EndOfEpisode, "2024-03-20T10:00:00Z", 21);
  }
  // k3's end-of-episode answer has a missing item: unscorable (complete-case policy), skipped.
  B.d.responses.back().answers[2] = std::nullopt;
  // k1's follow-up has no referral id: attributed to k1's referral requested before it.
  B.d.responses[1].referral_id.clear();
  EvaluationOptions o = exact_options();
  o.outcomes = {"swemwbs/total"};
  const EvaluationReport r = evaluate(B.d, o);
  const auto& s = outcome(r, "swemwbs/total");
  CHECK(v(r.consent_excluded) == 1);
  CHECK(v(s.episodes) == 2);
  CHECK(v(s.with_baseline) == 2);
  CHECK(v(s.with_follow_up) == 1);
  CHECK(v(s.overall.n) == 1);

  o.pairing.require_consent = false;
  const EvaluationReport all = evaluate(B.d, o);
  CHECK(v(outcome(all, "swemwbs/total").overall.n) == 2);
  CHECK(v(all.consent_excluded) == 0);
}

TEST_CASE("evaluation: options are checked", "[evaluation]") {
  Builder B;
  auto rule_of = [&](const EvaluationOptions& o) -> std::string {
    try {
      evaluate(B.d, o);
    } catch (const Error& e) {
      return std::string(to_string(e.code())) + ":" + e.field() + "/" + e.rule();
    }
    return "none";
  };
  EvaluationOptions o;
  o.confidence = 0;
  CHECK(rule_of(o) == "invalid_argument:confidence/range");
  o = {};
  o.max_dose = 1;
  CHECK(rule_of(o) == "invalid_argument:max_dose/range");
  o = {};
  o.policy = SuppressionPolicy{};
  o.policy->min_count = 0;
  CHECK(rule_of(o) == "invalid_argument:min_count/policy_range");
  o = {};
  o.breakdowns = {Dimension::Pathway, Dimension::Pathway};
  CHECK(rule_of(o) == "invalid_argument:breakdowns/unique");
  o = {};
  o.from = at("2024-03-01T00:00:00Z");
  o.to = at("2024-02-01T00:00:00Z");
  CHECK(rule_of(o) == "invalid_argument:to/period_order");
  o = {};
  o.outcomes = {"no_such"};
  CHECK(rule_of(o) == "not_found:outcomes[0]/reference_resolves");
  o.outcomes = {"swemwbs/no_scale"};
  CHECK(rule_of(o).rfind("not_found:", 0) == 0);
  o = {};
  o.viewer = {Audience::Client, "k1"};
  CHECK(rule_of(o) == "forbidden:viewer/confidentiality");
  o.viewer = {Audience::Coach, "nobody"};
  CHECK(rule_of(o) == "not_found:viewer/reference_resolves");
  o.viewer = {Audience::Employer, "NOPE"};
  CHECK(rule_of(o) == "not_found:viewer/reference_resolves");
}

// ================================================================================ breakdowns

TEST_CASE("evaluation: breakdown labels, dose buckets and modality", "[evaluation]") {
  Builder B;
  B.client("k1", "RX1", "nursing").ethnicity_group = "asian";
  B.client("k2", "RX2", "");
  B.referral("r1", "k1", "2024-03-01T09:00:00Z");
  B.referral("r2", "k2", "2024-03-01T09:00:00Z", "lay_too_edp_1to1");
  B.response("r1", "k1", TimePoint::Baseline, "2024-03-02T10:00:00Z", 14);
  B.response("r2", "k2", TimePoint::Baseline, "2024-03-02T10:00:00Z", 14);
  B.session("r1", "k1", "2024-03-04T10:00:00Z", SessionStatus::Attended, "c1", Modality::Video);
  B.session("r1", "k1", "2024-03-05T10:00:00Z", SessionStatus::Attended, "c1", Modality::Telephone);
  for (int i = 0; i < 7; ++i) {
    const std::string start = "2024-03-1" + std::to_string(i) + "T10:00:00Z";
    B.session("r2", "k2", start.c_str(), SessionStatus::Attended, "c2", Modality::Telephone);
  }
  B.session("r1", "k1", "2024-03-30T10:00:00Z", SessionStatus::Attended);  // after the follow-up: not counted
  B.response("r1", "k1", TimePoint::EndOfEpisode, "2024-03-20T10:00:00Z", 20);
  B.response("r2", "k2", TimePoint::EndOfEpisode, "2024-03-20T10:00:00Z", 25);
  const EvaluationReport r = evaluate(B.d, exact_options());
  const auto& s = outcome(r, "swemwbs/total");
  REQUIRE(s.breakdowns.size() == all_dimensions().size());
  CHECK(v(row(table(s, "pathway"), "standard").n) == 1);
  CHECK(v(row(table(s, "pathway"), "ethnically_diverse").n) == 1);
  CHECK(v(row(table(s, "service_line"), "lay_too_edp").n) == 1);
  CHECK(v(row(table(s, "offer"), "lay_too_1to1").n) == 1);
  CHECK(v(row(table(s, "staff_group"), "not_recorded").n) == 1);
  CHECK(v(row(table(s, "sector"), "acute").n) == 2);
  CHECK(v(row(table(s, "organisation"), "RX2").n) == 1);
  CHECK(v(row(table(s, "ethnicity_group"), "asian").n) == 1);
  CHECK(v(row(table(s, "ethnicity_group"), "not_stated").n) == 1);
  CHECK(v(row(table(s, "modality"), "mixed").n) == 1);
  CHECK(v(row(table(s, "modality"), "telephone").n) == 1);
  const auto& dose = table(s, "sessions_attended");
  REQUIRE(dose.rows.size() == 6);
  CHECK(dose.rows[5].group == "6+");
  CHECK(v(row(dose, "2").n) == 1);  // the third session came after the follow-up
  CHECK(v(row(dose, "6+").n) == 1);
  CHECK(v(row(dose, "1").n) == 0);
  REQUIRE(dose.trend);
  CHECK(v(dose.trend->n) == 2);

  EvaluationOptions o = exact_options();
  o.breakdowns = {Dimension::SessionsAttended};
  o.max_dose = 10;
  const EvaluationReport r10 = evaluate(B.d, o);
  const auto& d10 = outcome(r10, "swemwbs/total").breakdowns.at(0);
  CHECK(d10.rows.size() == 10);
  CHECK(v(row(d10, "7").n) == 1);
}

// ================================================================================ access figures

TEST_CASE("evaluation: access figures, 24 h and out of office hours across DST", "[evaluation]") {
  Builder B;
  B.client("k1");
  B.client("k2");
  B.client("k3");
  B.referral("r1", "k1", "2024-03-27T09:00:00Z");
  B.referral("r2", "k2", "2024-03-27T09:00:00Z");
  B.referral("r3", "k3", "2024-10-01T09:00:00Z");
  // k1: first appointment exactly 24 h after the request (within), then sessions either side of
  // the spring change (31 March 2024).
  B.session("r1", "k1", "2024-03-28T09:00:00Z", SessionStatus::Attended);  // Thu 09:00 GMT: in hours
  B.session("r1", "k1", "2024-03-28T08:30:00Z", SessionStatus::CancelledByClient);  // cancelled: not first
  B.session("r1", "k1", "2024-04-02T08:30:00Z", SessionStatus::Attended);  // Tue 09:30 BST: in hours
  B.session("r1", "k1", "2024-04-03T16:30:00Z", SessionStatus::Attended);  // Wed 17:30 BST: out
  B.session("r1", "k1", "2024-03-29T10:00:00Z", SessionStatus::Attended);  // Good Friday: bank holiday
  // k2: first appointment 25 h after the referral, but the session's own request time is 2 h before.
  Session& s2 = B.session("r2", "k2", "2024-03-28T10:00:00Z", SessionStatus::ClientDidNotAttend);
  s2.requested_at = at("2024-03-28T08:00:00Z");
  B.session("r2", "k2", "2024-03-30T10:00:00Z", SessionStatus::Attended);  // Saturday: out
  B.session("r2", "k2", "2024-04-04T10:00:00Z", SessionStatus::CoachDidNotAttend);
  // k3: first appointment 25 h after the request; autumn change (27 October 2024).
  B.session("r3", "k3", "2024-10-02T10:00:00Z", SessionStatus::Attended);
  B.session("r3", "k3", "2024-10-25T08:30:00Z", SessionStatus::Attended);  // Fri 09:30 BST: in
  B.session("r3", "k3", "2024-10-28T08:30:00Z", SessionStatus::Attended);  // Mon 08:30 GMT: out
  B.session("r3", "k3", "2024-10-29T16:59:00Z", SessionStatus::Attended, "c2");  // Tue 16:59 GMT: in

  const EvaluationReport r = evaluate(B.d, exact_options());
  const AccessReport& a = r.access;
  CHECK(v(a.referrals) == 3);
  CHECK(v(a.clients) == 3);
  CHECK(v(a.clients_seen) == 3);
  CHECK(v(a.attended) == 9);
  CHECK(v(a.sessions) == 9);
  CHECK(v(a.client_dna) == 1);
  CHECK(v(a.coach_dna) == 1);
  CHECK(v(a.cancelled) == 1);
  CHECK(v(a.appointments) == 11);
  CHECK(v(a.dna_rate) == 1.0 / 11.0);
  CHECK(v(a.coach_dna_rate) == 1.0 / 11.0);
  CHECK(v(a.dna_rate_ci_low) == stats::wilson(1, 11).low);
  CHECK(v(a.sessions_per_client) == 3.0);
  CHECK(v(a.first_appointments) == 3);
  CHECK(v(a.within_24h) == 2);  // k1 (exactly 24 h) and k2 (its session's own request)
  CHECK(v(a.share_within_24h) == 2.0 / 3.0);
  // Out of hours: Wed 17:30 BST, Good Friday, Saturday, Mon 08:30 GMT.
  CHECK(v(a.out_of_hours) == 4);
  CHECK(v(a.share_out_of_hours) == 4.0 / 9.0);
  CHECK(v(a.coaches) == 2);

}

TEST_CASE("evaluation: utilisation is the diary time sessions used over rota minutes", "[evaluation]") {
  Builder B;
  B.client("k1");
  B.referral("r1", "k1", "2024-01-01T09:00:00Z");
  // Coach c1 works Mon and Tue 09:00-17:00 (8 h each). Period: Mon 8 - Sun 21 January 2024.
  B.d.coaches[0].rota.leave = {{parse_date("2024-01-16"), parse_date("2024-01-16")}};  // Tue off
  B.d.coaches[0].rota.exceptions = {{parse_date("2024-01-15"), {{0, 10 * 60, 12 * 60}}}};  // Mon: 2 h only
  B.session("r1", "k1", "2024-01-08T10:00:00Z", SessionStatus::Attended);
  B.session("r1", "k1", "2024-01-09T10:00:00Z", SessionStatus::Booked);
  B.session("r1", "k1", "2024-01-09T12:00:00Z", SessionStatus::ClientDidNotAttend);  // the slot was held: counted
  B.session("r1", "k1", "2024-01-15T10:00:00Z", SessionStatus::Attended);
  EvaluationOptions o = exact_options();
  o.from = at("2024-01-08T00:00:00Z");
  o.to = at("2024-01-22T00:00:00Z");
  const EvaluationReport r = evaluate(B.d, o);
  // Rota: week 1 16 h, week 2 2 h (exception) + 0 (leave) = 18 h; the diary held 4 h (the
  // domain's diary_minutes, the same definition as the booking engine's access figures).
  CHECK(v(r.access.rota_hours) == 18.0);
  CHECK(v(r.access.occupied_hours) == 4.0);
  CHECK(v(r.access.utilisation) == 4.0 / 18.0);
  REQUIRE(r.access.per_coach.size() == 1);
  CHECK(r.access.per_coach[0].coach_id == "c1");
  CHECK(r.access.per_coach[0].sessions == 2);
  CHECK(r.access.per_coach[0].rota_minutes == 18 * 60);
}

// ================================================================================ audiences

namespace {

// A programme with 40 clients at RX1 and 3 at RX2, all paired.
Builder audience_fixture() {
  Builder B;
  for (int i = 0; i < 43; ++i) {
    const std::string k = "k" + std::to_string(i), r = "r" + std::to_string(i);
    B.client(k, i < 40 ? "RX1" : "RX2", i % 2 ? "nursing" : "admin");
    B.referral(r, k, "2024-03-01T09:00:00Z");
    B.response(r, k, TimePoint::Baseline, "2024-03-02T10:00:00Z", 12 + i % 9);
    const std::string start = "2024-03-04T" + std::string(i % 24 < 10 ? "0" : "") + std::to_string(i % 24) + ":00:00Z";
    const std::string day2 = "2024-03-05T" + std::string(i % 24 < 10 ? "0" : "") + std::to_string(i % 24) + ":00:00Z";
    B.session(r, k, i < 20 ? start.c_str() : day2.c_str(), SessionStatus::Attended, i < 30 ? "c1" : "c2");
    B.response(r, k, TimePoint::EndOfEpisode, "2024-03-20T10:00:00Z", 16 + i % 13);
  }
  return B;
}

}  // namespace

TEST_CASE("evaluation: aggregate audiences get rounded counts, suppressed small cells", "[evaluation]") {
  Builder B = audience_fixture();
  EvaluationOptions o;
  o.viewer = {Audience::Commissioner, ""};
  o.outcomes = {"swemwbs"};
  const EvaluationReport r = evaluate(B.d, o);
  CHECK(r.disclosure_controlled);
  const auto& s = outcome(r, "swemwbs/total");
  const SuppressionPolicy pol = r.policy;
  CHECK(pol == SuppressionPolicy{});  // the service's floor (none asked for)
  auto in_bucket = [&](const Figure& released, long long exact) {
    const auto [lo, hi] = count_bucket(static_cast<long long>(v(released)), pol);
    CHECK(lo <= exact);
    CHECK(exact <= hi);
    CHECK(hi - lo + 1 >= pol.round_to);
  };
  in_bucket(s.overall.n, 43);
  in_bucket(r.access.referrals, 43);
  // The same people, the same cell: referrals and pairs are one set of 43 episodes.
  CHECK(v(s.overall.n) == v(r.access.referrals));
  const auto& org = table(s, "organisation");
  // RX2 has 3 people: withheld with all its statistics. RX1 is the only other group, so it would
  // give RX2 away as total − RX1: it is withheld too (complementary suppression).
  CHECK(row(org, "RX2").suppressed);
  CHECK(row(org, "RX2").mean_before.suppressed());
  CHECK(row(org, "RX2").n.suppressed());
  CHECK(row(org, "RX1").suppressed);
  CHECK(row(org, "RX1").n.suppressed());
  // Larger groups: counts perturbed and rounded; means within their stated noise bound;
  // the tests computed from the released figures.
  const auto& sg = table(s, "staff_group");
  in_bucket(row(sg, "admin").n, 22);
  in_bucket(row(sg, "nursing").n, 21);
  const EvaluationReport exact = evaluate(B.d, exact_options());
  const auto& eo = outcome(exact, "swemwbs/total");
  const auto& esg = table(eo, "staff_group");
  CHECK(v(row(esg, "admin").n) == 22);
  for (const ChangeRow* rr : {&s.overall, &row(sg, "admin"), &row(sg, "nursing")}) {
    const ChangeRow& er = rr == &s.overall ? eo.overall : row(esg, rr->group);
    const double nr = v(rr->n), b = pol.magnitude_noise * eo.range / nr;
    CHECK(std::fabs(v(rr->mean_before) - v(er.mean_before)) <= b + 0.005);
    CHECK(std::fabs(v(rr->mean_after) - v(er.mean_after)) <= b + 0.005);
    CHECK(std::fabs(v(rr->sd_change) - v(er.sd_change)) <= 2 * b + 0.005);
    CHECK(v(rr->mean_change) == Approx(v(rr->mean_after) - v(rr->mean_before)).margin(0.0051));
    CHECK(v(rr->df) == nr - 1);  // the released n's, not the exact one's
    CHECK(v(rr->t) == Approx(v(rr->mean_change) / (v(rr->sd_change) / std::sqrt(nr))).margin(0.0051));
    CHECK(rr->w_plus.suppressed());  // W+ would pin the number of non-zero differences
    // Shares: the released counts' ratio; the interval holds the exact share.
    for (const auto& sp : eval::kChangeShares) {
      if ((rr->*(sp.k)).suppressed()) {
        CHECK((rr->*(sp.share)).suppressed());
        continue;
      }
      const double ek = v(er.*(sp.k)), en = v(er.*(sp.n));
      if (std::isnan(ek)) continue;
      const double share = v(rr->*(sp.share));
      if (ek > 0 && ek < en) {
        CHECK(share > 0.0);
        CHECK(share < 1.0);
      }
      CHECK(v(rr->*(sp.low)) <= ek / en);
      CHECK(ek / en <= v(rr->*(sp.high)));
    }
  }
  // The weak baseline, kept for comparison: exact statistics give the exact n away (df + 1).
  EvaluationReport weak = exact;
  SuppressionPolicy old = kMinimumFloor;
  old.exact_statistics = true;
  disclose(weak, old);
  const auto& wsg = table(outcome(weak, "swemwbs/total"), "staff_group");
  CHECK(v(row(wsg, "admin").n) == 20);
  CHECK(v(row(wsg, "admin").df) + 1 == 22);
  CHECK(v(row(wsg, "admin").mean_change) == v(row(esg, "admin").mean_change));
  // ... and an aggregate audience may not ask for it, even with every other protection on.
  SuppressionPolicy keyed_but_exact;
  keyed_but_exact.exact_statistics = true;
  o.policy = keyed_but_exact;
  laycoach::test::require_error([&] { (void)evaluate(B.d, o); }, ErrorCode::Forbidden, "policy", "exact_statistics",
                "policy_below_floor");
}

TEST_CASE("evaluation: complementary suppression in reports cannot be undone from totals", "[evaluation]") {
  // The demo evaluation has breakdown groups of 1..7 people (organisations, staff groups).
  const ProgrammeData d = demo::make_evaluation_demo(400, 3);
  EvaluationOptions ex = exact_options();
  const EvaluationReport exact = evaluate(d, ex);
  for (const Audience a : {Audience::Commissioner, Audience::Public, Audience::Employer}) {
    EvaluationOptions o;
    o.viewer = {a, a == Audience::Employer ? d.clients.front().organisation : ""};
    const EvaluationReport r = evaluate(d, o);
    CHECK(r.disclosure_controlled);
    if (a == Audience::Employer) continue;  // a different population; checked below
    REQUIRE(r.outcomes.size() == exact.outcomes.size());
    std::size_t hidden_rows = 0;
    for (std::size_t oi = 0; oi < r.outcomes.size(); ++oi) {
      const auto& ro = r.outcomes[oi];
      const auto& eo = exact.outcomes[oi];
      for (std::size_t b = 0; b < ro.breakdowns.size(); ++b) {
        const auto& rt = ro.breakdowns[b];
        const auto& et = eo.breakdowns[b];
        // For n and every count column: if the total is shown, the hidden non-zero cells are 0 or >= 2.
        auto check_column = [&](Figure ChangeRow::*f, const char* name) {
          if ((ro.overall.*f).suppressed()) return;
          std::size_t hidden_nonzero = 0;
          double sum = 0;
          for (std::size_t i = 0; i < rt.rows.size(); ++i) {
            const double x = v(et.rows[i].*f);
            sum += std::isnan(x) ? 0 : x;
            if ((rt.rows[i].*f).suppressed() && x > 0) ++hidden_nonzero;
          }
          if (v(eo.overall.*f) - sum > 0) ++hidden_nonzero;  // unpublished remainder
          INFO(ro.outcome << " " << rt.dimension << " " << name);
          CHECK(hidden_nonzero != 1);
        };
        check_column(&ChangeRow::n, "n");
        check_column(&ChangeRow::reliable_improved, "reliable_improved");
        check_column(&ChangeRow::reliable_deteriorated, "reliable_deteriorated");
        check_column(&ChangeRow::meaningful_improved, "meaningful_improved");
        check_column(&ChangeRow::meaningful_deteriorated, "meaningful_deteriorated");
        check_column(&ChangeRow::wilcoxon_n, "wilcoxon_n");
        for (std::size_t i = 0; i < rt.rows.size(); ++i) {
          const auto& rr = rt.rows[i];
          const double n = v(et.rows[i].n);
          if (n >= 1 && n <= 7) {
            CHECK(rr.suppressed);
            for (auto f : {&ChangeRow::mean_before, &ChangeRow::mean_after, &ChangeRow::mean_change, &ChangeRow::sd_change,
                           &ChangeRow::t, &ChangeRow::p, &ChangeRow::d_z})
              CHECK((rr.*f).suppressed());
            if (!rt.differences.empty()) CHECK(rt.differences[i].suppressed);
          }
          hidden_rows += rr.suppressed;
          if (!rr.suppressed) {
            CHECK(std::fmod(v(rr.n), 5.0) == 0.0);
            // Mean change: after − before as released, each within its bound of the exact mean.
            const double b = r.policy.magnitude_noise * eo.range / v(rr.n);
            CHECK(std::fabs(v(rr.mean_change) - v(et.rows[i].mean_change)) <= 2 * b + 0.011);
          }
        }
      }
      // Histogram bins: same rule against the outcome's n.
      if (!ro.overall.n.suppressed()) {
        for (const auto* bins : {&ro.histogram.before, &ro.histogram.after}) {
          const auto& ebins = bins == &ro.histogram.before ? eo.histogram.before : eo.histogram.after;
          std::size_t hidden_nonzero = 0;
          for (std::size_t i = 0; i < bins->size(); ++i) hidden_nonzero += (*bins)[i].suppressed() && v(ebins[i]) > 0;
          CHECK(hidden_nonzero != 1);
        }
      }
    }
    CHECK(hidden_rows > 0);  // the fixture does exercise suppression
  }
}

TEST_CASE("evaluation: employer sees its own staff only; coach sees own caseload exactly", "[evaluation]") {
  Builder B = audience_fixture();
  EvaluationOptions o;
  o.viewer = {Audience::Employer, "RX1"};
  o.outcomes = {"swemwbs"};
  const EvaluationReport e = evaluate(B.d, o);
  CHECK(v(outcome(e, "swemwbs/total").overall.n) == 40);
  CHECK(v(e.access.referrals) == 40);
  for (const auto& org : table(outcome(e, "swemwbs/total"), "organisation").rows) CHECK(org.group == "RX1");
  CHECK(e.access.per_coach.empty());

  o.viewer = {Audience::Coach, "c2"};
  const EvaluationReport c = evaluate(B.d, o);
  CHECK_FALSE(c.disclosure_controlled);
  CHECK(v(outcome(c, "swemwbs/total").overall.n) == 13);  // clients 30..42, exact
  CHECK(v(c.access.referrals) == 13);
  CHECK(v(c.access.attended) == 13);
  REQUIRE(c.access.per_coach.size() == 1);
  CHECK(c.access.per_coach[0].coach_id == "c2");
  const auto& org = table(outcome(c, "swemwbs/total"), "organisation");
  CHECK(v(row(org, "RX2").n) == 3);  // exact figures of their own caseload
  CHECK_FALSE(row(org, "RX2").suppressed);

  o.viewer = {Audience::ServiceManager, ""};
  const EvaluationReport m = evaluate(B.d, o);
  CHECK(v(outcome(m, "swemwbs/total").overall.n) == 43);
  CHECK(m.access.per_coach.size() == 2);
}

TEST_CASE("evaluation: no client-level record in a report for an aggregate audience", "[evaluation]") {
  const ProgrammeData d = demo::make_evaluation_demo(120, 9);
  EvaluationOptions o;
  o.viewer = {Audience::Public, ""};
  const std::string j = to_json(evaluate(d, o));
  for (const auto& c : d.clients) CHECK(j.find("\"" + c.id + "\"") == std::string::npos);
  for (const auto& r : d.referrals) CHECK(j.find("\"" + r.id + "\"") == std::string::npos);
  for (const auto& r : d.responses) CHECK(j.find("\"" + r.id + "\"") == std::string::npos);
  for (const auto& c : d.coaches) CHECK(j.find("\"" + c.id + "\"") == std::string::npos);
  const auto doc = nlohmann::json::parse(j);
  CHECK(doc.at("access").at("per_coach").empty());
}

// ================================================================================ JSON

TEST_CASE("evaluation: report JSON and options JSON", "[evaluation]") {
  Builder B = audience_fixture();
  EvaluationOptions o = evaluation_options_from_json(
      R"({"schema_version": 1, "audience": "commissioner", "policy": {"min_count": 8, "round_to": 5},
          "pairing": {"follow_up": "end_of_episode", "min_sessions": 3}, "outcomes": ["swemwbs"],
          "breakdowns": ["organisation", "sessions_attended"], "confidence": 0.9, "max_dose": 4,
          "from": "2024-01-01T00:00:00Z", "to": "2025-01-01T00:00:00Z", "wilcoxon": true})");
  CHECK(o.viewer.audience == Audience::Commissioner);
  CHECK(o.pairing.follow_up == FollowUpRule::EndOfEpisode);
  CHECK(o.pairing.min_sessions == 3);
  CHECK(o.breakdowns == std::vector<Dimension>{Dimension::Organisation, Dimension::SessionsAttended});
  CHECK(o.confidence == 0.9);
  CHECK(o.max_dose == 4);
  REQUIRE(o.from);
  CHECK(format_instant(*o.from) == "2024-01-01T00:00:00Z");
  CHECK(evaluation_options_from_json("").viewer.audience == Audience::Public);

  auto pointer_of = [](const char* doc) -> std::string {
    try {
      evaluation_options_from_json(doc);
    } catch (const ParseError& e) {
      return e.field();
    }
    return "none";
  };
  CHECK(pointer_of(R"({"audience": "boss"})") == "/audience");
  CHECK(pointer_of(R"({"pairing": {"follow_up": "never"}})") == "/pairing/follow_up");
  CHECK(pointer_of(R"({"pairing": {"typo": 1}})") == "/pairing/typo");
  CHECK(pointer_of(R"({"breakdowns": ["pathway", "shoe_size"]})") == "/breakdowns/1");
  CHECK(pointer_of(R"({"confidence": "high"})") == "/confidence");
  CHECK(pointer_of(R"({"unknown": 1})") == "/unknown");
  CHECK(pointer_of(R"({"schema_version": 2})") != "none");
  CHECK(pointer_of("[1]") != "none");
  CHECK(pointer_of("{") != "none");

  const EvaluationReport r = evaluate(B.d, o);
  const auto doc = nlohmann::json::parse(to_json(r, 2));
  CHECK(doc.at("schema_version") == kEvaluationSchemaVersion);
  CHECK(doc.at("kind") == "evaluation_report");
  CHECK(doc.at("audience") == "commissioner");
  CHECK(doc.at("disclosure_controlled") == true);
  CHECK(doc.at("confidence") == 0.9);
  const auto& out = doc.at("outcomes").at(0);
  CHECK(out.at("outcome") == "swemwbs/total");
  const auto& org = out.at("breakdowns").at(0);
  CHECK(org.at("dimension") == "organisation");
  for (const auto& rr : org.at("rows")) {
    if (rr.at("group") == "RX2") {
      CHECK(rr.at("suppressed") == true);
      CHECK(rr.at("n").is_null());
      CHECK(rr.at("mean_change").is_null());
      const auto sf = rr.at("suppressed_fields").get<std::vector<std::string>>();
      CHECK(std::find(sf.begin(), sf.end(), "mean_change") != sf.end());
    }
  }
  CHECK(out.at("breakdowns").at(1).at("rows").size() == 4);
  CHECK(out.at("breakdowns").at(1).at("trend").is_object());
  CHECK(doc.at("proportions").is_array());
  CHECK(doc.at("notes").is_array());
}

// ================================================================================ programme + demo

TEST_CASE("evaluation: a live Programme gives the same report as its snapshot", "[evaluation]") {
  const Programme p(demo::make_evaluation_demo(150, 4));
  EvaluationOptions o;
  o.viewer = {Audience::ServiceManager, ""};
  CHECK(to_json(evaluate(p, o)) == to_json(evaluate(p.data(), o)));
  // Released figures are keyed by the programme's secret: the same query, the same figures.
  o.viewer = {Audience::Commissioner, ""};
  CHECK(to_json(evaluate(p, o)) == to_json(evaluate(p, o)));
  CHECK(evaluate_json(p, R"({"audience": "commissioner"})") == to_json(evaluate(p, o)));
}

TEST_CASE("evaluation: the demo evaluation reproduces the published means with significance", "[evaluation]") {
  const Programme p(demo::make_evaluation_demo());
  EvaluationOptions o;
  o.viewer = {Audience::Commissioner, ""};
  const EvaluationReport r = evaluate(p, o);
  const auto& sw = outcome(r, "swemwbs/total");
  const auto& br = outcome(r, "brcs/total");
  // 662 people (released as 655, 660 or 665: moved by at most 2, rounded to 5; the programme's
  // secret is random here), means to within 0.05 of the published ones.
  const auto [lo, hi] = count_bucket(static_cast<long long>(v(sw.overall.n)), r.policy);
  CHECK(lo <= 662);
  CHECK(662 <= hi);
  CHECK_THAT(v(sw.overall.mean_before), WithinAbs(demo::kAnchorSwemwbsBefore, 0.05));
  CHECK_THAT(v(sw.overall.mean_after), WithinAbs(demo::kAnchorSwemwbsAfter, 0.05));
  CHECK_THAT(v(br.overall.mean_before), WithinAbs(demo::kAnchorBrcsBefore, 0.05));
  CHECK_THAT(v(br.overall.mean_after), WithinAbs(demo::kAnchorBrcsAfter, 0.05));
  // Both significant by the t-test and the Wilcoxon test, with the improvement's sign.
  for (const auto* s : {&sw, &br}) {
    CHECK(v(s->overall.p) < 0.001);
    CHECK(v(s->overall.wilcoxon_p) < 0.001);
    CHECK(v(s->overall.t) > 0);
    CHECK(v(s->overall.z) > 0);
    CHECK(v(s->overall.ci_low) > 0);
    CHECK(v(s->overall.d_z) > 0.5);
    // More sessions, more change.
    const auto& dose = table(*s, "sessions_attended");
    REQUIRE(dose.trend);
    CHECK(v(dose.trend->slope) > 0);
    CHECK(v(dose.trend->p) < 0.001);
  }
  // Experience items reported as shares with Wilson intervals.
  REQUIRE_FALSE(r.proportions.empty());
  CHECK(r.proportions[0].measure == "satisfied");
  CHECK(v(r.proportions[0].overall.share) > 0.9);
  CHECK(v(r.proportions[0].overall.ci_low) < v(r.proportions[0].overall.share));
}
