// Tests of the instrument library: every built-in instrument against hand-worked examples and
// the published tables (design/MEASURES.md), bands on both sides of every cut, reverse keying,
// risk flags, missing-item policies, errors, custom instruments and the batch fast path.

#include <catch2/catch.hpp>

#include <atomic>
#include <cmath>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "laycoach/error.hpp"
#include "laycoach/instrument.hpp"

using namespace laycoach;
using Answers = std::vector<std::optional<int>>;

namespace {

const InstrumentLibrary& lib() { return InstrumentLibrary::builtin(); }

Score sc(std::string_view id, const Answers& a, const ScoreOptions& o = {}) {
  return score(id, std::span<const std::optional<int>>(a), o);
}

Answers repeat(int value, std::size_t n) { return Answers(n, value); }

// Runs f, requires it to throw a laycoach::Error and returns a copy of it for inspection.
template <class F>
Error caught(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  FAIL("expected a laycoach::Error");
  throw std::logic_error("unreachable");
}

void require_error(const Error& e, ErrorCode code, const std::string& record, const std::string& field,
                   const std::string& rule) {
  CHECK(e.code() == code);
  CHECK(e.record() == record);
  CHECK(e.field() == field);
  CHECK(e.rule() == rule);
}

// The published SWEMWBS raw → metric table (MEASURES.md), written out independently of the
// library's data so a typo in either is caught.
const std::vector<std::pair<int, double>> kSwemwbsTable = {
    {7, 7.00},   {8, 9.51},   {9, 11.25},  {10, 12.40}, {11, 13.33}, {12, 14.08}, {13, 14.75}, {14, 15.32},
    {15, 15.84}, {16, 16.36}, {17, 16.88}, {18, 17.43}, {19, 17.98}, {20, 18.59}, {21, 19.25}, {22, 19.98},
    {23, 20.73}, {24, 21.54}, {25, 22.35}, {26, 23.21}, {27, 24.11}, {28, 25.03}, {29, 26.02}, {30, 27.03},
    {31, 28.13}, {32, 29.31}, {33, 30.70}, {34, 32.55}, {35, 35.00}};

// Answers of n items in 1..5 whose sum is `raw` (fills items from the front).
Answers answers_summing_to(int raw, std::size_t n) {
  Answers a(n, 1);
  int rest = raw - static_cast<int>(n);
  for (auto& x : a) {
    const int add = std::min(4, rest);
    x = 1 + add;
    rest -= add;
  }
  return a;
}

}  // namespace

TEST_CASE("built-in library lists every instrument and finds ids case-insensitively", "[instruments]") {
  const std::vector<std::string> expected = {"wemwbs", "swemwbs",    "ons4",       "brcs",
                                             "brs",    "burnout_single_item", "cbi", "phq9",
                                             "gad7",   "pam",        "confidence", "goals",
                                             "experience", "intention_to_leave", "employer_support",
                                             "coaching_skills_usage"};
  CHECK(lib().ids() == expected);
  CHECK(lib().get("PHQ9").id() == "phq9");
  CHECK(lib().contains("SwEmWbS"));
  CHECK_FALSE(lib().contains("phq-9"));
  Error e = caught([] { lib().get("nope"); });
  require_error(e, ErrorCode::NotFound, "nope", "instrument_id", "reference_resolves");
  Error e2 = caught([] { sc("nope", {1}); });
  CHECK(e2.code() == ErrorCode::NotFound);
}

TEST_CASE("WEMWBS sums 14 items 14-70 and carries the SWEMWBS subscale", "[instruments][wemwbs]") {
  CHECK(*sc("wemwbs", repeat(1, 14)).total == 14);
  CHECK(*sc("wemwbs", repeat(5, 14)).total == 70);
  // Hand-worked: 3+4+2+5+3+4+4+3+2+5+4+3+3+4 = 49; SWEMWBS items 1,2,3,6,7,9,11 = 3+4+2+4+4+2+4 = 23 → 20.73.
  const Score s = sc("wemwbs", {3, 4, 2, 5, 3, 4, 4, 3, 2, 5, 4, 3, 3, 4});
  CHECK(*s.total == 49);
  CHECK(s.band.empty());
  REQUIRE(s.find("swemwbs"));
  CHECK(*s.find("swemwbs")->raw == 23);
  CHECK(*s.find("swemwbs")->score == Approx(20.73).margin(1e-12));
  const Instrument& w = lib().get("wemwbs");
  CHECK(*w.scale().reliability == 0.89);
  CHECK(*w.scale().meaningful_change == 3);
  CHECK(w.scale().higher_is_better);
  CHECK(w.range() == std::pair{14.0, 70.0});
  CHECK(w.range("swemwbs") == std::pair{7.0, 35.0});
}

TEST_CASE("SWEMWBS converts every raw score 7-35 with the published Rasch table", "[instruments][swemwbs]") {
  REQUIRE(kSwemwbsTable.size() == 29);
  for (const auto& [raw, metric] : kSwemwbsTable) {
    INFO("raw " << raw);
    const Score s = sc("swemwbs", answers_summing_to(raw, 7));
    REQUIRE(s.total);
    CHECK(*s.scales[0].raw == raw);
    CHECK(*s.total == Approx(metric).margin(1e-12));
    // The WEMWBS subscale uses the same table.
    Answers w(14, 3);
    const Answers sw = answers_summing_to(raw, 7);
    const int idx[] = {0, 1, 2, 5, 6, 8, 10};
    for (int k = 0; k < 7; ++k) w[static_cast<std::size_t>(idx[k])] = sw[static_cast<std::size_t>(k)];
    CHECK(*sc("wemwbs", w).find("swemwbs")->score == Approx(metric).margin(1e-12));
  }
  const Instrument& s = lib().get("swemwbs");
  CHECK(s.item_count() == 7);
  CHECK(*s.scale().reliability == 0.84);
  CHECK(*s.scale().meaningful_change == 3);
  CHECK(s.range() == std::pair{7.0, 35.0});
}

TEST_CASE("ONS4 scores four separate scales with their own bands", "[instruments][ons4]") {
  struct Case { int v; const char* wellbeing; const char* anxiety; };
  const Case cases[] = {{0, "low", "very low"},   {1, "low", "very low"},    {2, "low", "low"},
                        {3, "low", "low"},        {4, "low", "medium"},      {5, "medium", "medium"},
                        {6, "medium", "high"},    {7, "high", "high"},       {8, "high", "high"},
                        {9, "very high", "high"}, {10, "very high", "high"}};
  for (const Case& c : cases) {
    INFO("answer " << c.v);
    const Score s = sc("ons4", repeat(c.v, 4));
    CHECK_FALSE(s.total);  // no primary scale: four separate measures
    CHECK(s.band.empty());
    REQUIRE(s.scales.size() == 4);
    for (const char* name : {"life_satisfaction", "worthwhile", "happiness"}) {
      CHECK(*s.find(name)->score == c.v);
      CHECK(s.find(name)->band == c.wellbeing);
    }
    CHECK(s.find("anxiety")->band == c.anxiety);
  }
  CHECK_FALSE(lib().get("ons4").scale("anxiety").higher_is_better);
  CHECK(lib().get("ons4").scale("happiness").higher_is_better);
  Error e = caught([] { lib().get("ons4").scale(); });
  require_error(e, ErrorCode::InvalidArgument, "ons4", "scale", "scale_named");
  Error e2 = caught([] { lib().get("ons4").scale("joy"); });
  require_error(e2, ErrorCode::NotFound, "joy", "scale", "reference_resolves");
  CHECK(caught([] { sc("ons4", {0, 0, 0, 11}); }).field() == "answers[3]");
}

TEST_CASE("BRCS sums four items with bands low/medium/high", "[instruments][brcs]") {
  const Instrument& b = lib().get("brcs");
  CHECK(*b.scale().reliability == 0.76);
  auto band_of_sum = [](int total) { return sc("brcs", answers_summing_to(total, 4)).band; };
  CHECK(*sc("brcs", {4, 3, 5, 2}).total == 14);
  CHECK(band_of_sum(4) == "low");
  CHECK(band_of_sum(13) == "low");
  CHECK(band_of_sum(14) == "medium");
  CHECK(band_of_sum(16) == "medium");
  CHECK(band_of_sum(17) == "high");
  CHECK(band_of_sum(20) == "high");
}

TEST_CASE("BRS reverse-keys items 2, 4, 6 and reports the mean", "[instruments][brs]") {
  // Keyed values: 5,5,5,5,5,5 and 1,1,1,1,1,1.
  CHECK(*sc("brs", {5, 1, 5, 1, 5, 1}).total == 5.0);
  CHECK(sc("brs", {5, 1, 5, 1, 5, 1}).band == "high");
  CHECK(*sc("brs", {1, 5, 1, 5, 1, 5}).total == 1.0);
  CHECK(sc("brs", {1, 5, 1, 5, 1, 5}).band == "low");
  // Hand-worked: 4,(6-2),3,(6-3),4,(6-2) = 4+4+3+3+4+4 = 22 → 3.6667.
  const Score s = sc("brs", {4, 2, 3, 3, 4, 2});
  CHECK(*s.total == Approx(22.0 / 6).margin(1e-12));
  CHECK(s.band == "normal");
  // Reachable scores either side of each cut: 17/6 = 2.83 low | 18/6 = 3.00 normal;
  // 25/6 = 4.17 normal | 26/6 = 4.33 high (inside the 4.30–4.31 rounding gap's upper side).
  CHECK(sc("brs", {3, 3, 3, 3, 3, 4}).band == "low");      // 3+3+3+3+3+2 = 17
  CHECK(sc("brs", {3, 3, 3, 3, 3, 3}).band == "normal");   // 18
  CHECK(sc("brs", {5, 2, 5, 2, 3, 2}).band == "normal");   // 5+4+5+4+3+4 = 25 → 4.17
  CHECK(*sc("brs", {5, 2, 5, 2, 3, 2}).total == Approx(25.0 / 6).margin(1e-12));
  // Band edges on the published bounds themselves (band() applies the same rule as scoring).
  const Instrument& b = lib().get("brs");
  CHECK(b.band(1.00) == "low");
  CHECK(b.band(2.99) == "low");
  CHECK(b.band(3.00) == "normal");
  CHECK(b.band(4.30) == "normal");
  CHECK(b.band(4.305) == "high");  // a rounding gap takes the upper band
  CHECK(b.band(4.31) == "high");
  CHECK(b.band(5.00) == "high");
  CHECK(b.band(0.99).empty());
  CHECK(b.band(5.01).empty());
  CHECK(*b.scale().reliability == 0.83);
}

TEST_CASE("BRS 26/6 = 4.33 is high, not normal", "[instruments][brs]") {
  // 5+4+5+4+4+4 = 26: 4.333 lies above 4.30 (top of normal), so the published bands say high.
  CHECK(*sc("brs", {5, 2, 5, 2, 4, 2}).total == Approx(26.0 / 6).margin(1e-12));
  CHECK(sc("brs", {5, 2, 5, 2, 4, 2}).band == "high");
}

TEST_CASE("single-item burnout: options 3-5 are burned out", "[instruments][burnout]") {
  for (int v = 1; v <= 5; ++v) {
    INFO("option " << v);
    const Score s = sc("burnout_single_item", {v});
    CHECK(*s.total == v);
    CHECK(s.band == (v >= 3 ? "burned out" : "not burned out"));
    CHECK(s.has_flag("burned_out") == (v >= 3));
  }
  CHECK(caught([] { sc("burnout_single_item", {6}); }).rule() == "answer_in_range");
  CHECK(caught([] { sc("burnout_single_item", {0}); }).rule() == "answer_in_range");
}

TEST_CASE("Copenhagen Burnout Inventory: mapped mean per scale, item 13 reversed", "[instruments][cbi]") {
  // personal: all "Often" (2) → 75; work: items 7-12 "Always" (1) → 100 each, item 13 answer 1
  // is reversed → 0, mean = 600/7; client: all "Never" (5) → 0.
  Answers a(19);
  for (int i = 0; i < 6; ++i) a[static_cast<std::size_t>(i)] = 2;
  for (int i = 6; i < 13; ++i) a[static_cast<std::size_t>(i)] = 1;
  for (int i = 13; i < 19; ++i) a[static_cast<std::size_t>(i)] = 5;
  const Score s = sc("cbi", a);
  CHECK_FALSE(s.total);
  CHECK(*s.find("personal")->score == 75.0);
  CHECK(*s.find("work")->score == Approx(600.0 / 7).margin(1e-12));
  CHECK(*s.find("client")->score == 0.0);
  CHECK(s.has_flag("high_personal_burnout"));
  CHECK(s.has_flag("high_work_burnout"));
  CHECK_FALSE(s.has_flag("high_client_burnout"));

  // Item 13 (index 12) answered 5 ("Never") scores 100 after reversal; others at 3 (50).
  Answers b(19, 3);
  b[12] = 5;
  CHECK(*sc("cbi", b).find("work")->score == Approx((6 * 50.0 + 100) / 7).margin(1e-12));
  b[12] = 4;  // → 75
  CHECK(*sc("cbi", b).find("work")->score == Approx((6 * 50.0 + 75) / 7).margin(1e-12));

  // High-burnout cut-off at 50, both sides: personal mean 50 (flag) vs 275/6 = 45.8 (no flag).
  Answers c(19, 5);
  for (int i = 0; i < 6; ++i) c[static_cast<std::size_t>(i)] = 3;  // 50 each
  CHECK(sc("cbi", c).has_flag("high_personal_burnout"));
  c[0] = 4;  // 25 → (25 + 5*50)/6 = 45.83
  CHECK(*sc("cbi", c).find("personal")->score == Approx(275.0 / 6).margin(1e-12));
  CHECK_FALSE(sc("cbi", c).has_flag("high_personal_burnout"));

  // The cut-off is a policy: raise it to 80 and the 75 personal score is no longer "high".
  ScoreOptions o;
  o.cutoffs["high_burnout_cutoff"] = 80;
  const Score s80 = sc("cbi", a, o);
  CHECK_FALSE(s80.has_flag("high_personal_burnout"));
  CHECK(s80.has_flag("high_work_burnout"));  // 85.7
  CHECK(*lib().get("cbi").scale("personal").reliability == 0.87);
  CHECK(*lib().get("cbi").scale("client").reliability == 0.85);
}

TEST_CASE("PHQ-9 bands at every boundary, caseness and the item-9 risk flag", "[instruments][phq9]") {
  struct Case { int total; const char* band; };
  const Case cases[] = {{0, "minimal"},   {4, "minimal"},   {5, "mild"},
                        {9, "mild"},      {10, "moderate"}, {14, "moderate"},
                        {15, "moderately severe"}, {19, "moderately severe"},
                        {20, "severe"},   {27, "severe"}};
  for (const Case& c : cases) {
    INFO("total " << c.total);
    Answers a(9, 0);
    int rest = c.total;
    for (std::size_t i = 0; i < 8; ++i) {  // item 9 left at 0 so no risk flag interferes
      a[i] = std::min(3, rest);
      rest -= *a[i];
    }
    if (rest > 0) a[8] = rest;
    const Score s = sc("phq9", a);
    CHECK(*s.total == c.total);
    CHECK(s.band == c.band);
    CHECK(s.has_flag("caseness") == (c.total >= 10));
  }
  // Item 9 > 0 raises the flag whatever the total: here a total of 1, "minimal".
  const Score low = sc("phq9", {0, 0, 0, 0, 0, 0, 0, 0, 1});
  CHECK(*low.total == 1);
  CHECK(low.band == "minimal");
  CHECK(low.flags == std::vector<std::string>{"self_harm_risk"});
  CHECK_FALSE(sc("phq9", {3, 3, 3, 0, 0, 0, 0, 0, 0}).has_flag("self_harm_risk"));
  // ... and even when the total cannot be scored.
  const Score missing = sc("phq9", {std::nullopt, 0, 0, 0, 0, 0, 0, 0, 2});
  CHECK_FALSE(missing.total);
  CHECK(missing.has_flag("self_harm_risk"));
  // Caseness boundary on both sides.
  CHECK_FALSE(sc("phq9", {3, 3, 3, 0, 0, 0, 0, 0, 0}).has_flag("caseness"));
  CHECK(sc("phq9", {3, 3, 3, 1, 0, 0, 0, 0, 0}).has_flag("caseness"));
  const Instrument& p = lib().get("phq9");
  CHECK_FALSE(p.scale().higher_is_better);
  CHECK(*p.scale().reliability == 0.89);
  CHECK(p.change(16, 10) == ChangeDirection::Improved);   // falls by 6
  CHECK(p.change(15, 10) == ChangeDirection::NoMeaningfulChange);  // falls by 5
  CHECK(p.change(10, 16) == ChangeDirection::Deteriorated);
}

TEST_CASE("GAD-7 bands at every boundary and caseness at 8", "[instruments][gad7]") {
  struct Case { int total; const char* band; };
  const Case cases[] = {{0, "minimal"}, {4, "minimal"},   {5, "mild"},    {9, "mild"},
                        {10, "moderate"}, {14, "moderate"}, {15, "severe"}, {21, "severe"}};
  for (const Case& c : cases) {
    INFO("total " << c.total);
    Answers a(7, 0);
    int rest = c.total;
    for (auto& x : a) {
      x = std::min(3, rest);
      rest -= *x;
    }
    const Score s = sc("gad7", a);
    CHECK(*s.total == c.total);
    CHECK(s.band == c.band);
  }
  CHECK_FALSE(sc("gad7", {3, 3, 1, 0, 0, 0, 0}).has_flag("caseness"));  // 7
  CHECK(sc("gad7", {3, 3, 2, 0, 0, 0, 0}).has_flag("caseness"));       // 8
  CHECK(*lib().get("gad7").scale().reliability == 0.92);
  CHECK(lib().get("gad7").change(12, 8) == ChangeDirection::Improved);
  CHECK(lib().get("gad7").change(12, 9) == ChangeDirection::NoMeaningfulChange);
}

TEST_CASE("PAM is never scored from items; levels from recorded scores", "[instruments][pam]") {
  const Instrument& pam = lib().get("pam");
  CHECK(pam.score_only());
  Error e = caught([] { sc("pam", Answers(13, 3)); });
  require_error(e, ErrorCode::InvalidArgument, "pam", "answers", "pam_not_scored_from_items");
  Error eb = caught([&] { pam.score_batch(std::vector<int>(13, 3)); });
  CHECK(eb.rule() == "pam_not_scored_from_items");

  CHECK(pam_level(0) == 1);
  CHECK(pam_level(47.0) == 1);
  CHECK(pam_level(47.05) == 2);
  CHECK(pam_level(47.1) == 2);
  CHECK(pam_level(55.1) == 2);
  CHECK(pam_level(55.2) == 3);
  CHECK(pam_level(67.0) == 3);
  CHECK(pam_level(67.1) == 4);
  CHECK(pam_level(100) == 4);
  CHECK(pam_level(50, {40, 50, 60}) == 2);
  CHECK(pam_level(50.01, {40, 50, 60}) == 3);
  require_error(caught([] { pam_level(100.5); }), ErrorCode::InvalidArgument, "pam", "score", "pam_score_in_range");
  require_error(caught([] { pam_level(-1); }), ErrorCode::InvalidArgument, "pam", "score", "pam_score_in_range");
  require_error(caught([] { pam_level(50, {60, 50, 70}); }), ErrorCode::InvalidArgument, "pam", "cut_points",
                "cut_points_increasing");

  // The definition's bands agree with pam_level on every score at PAM's one-decimal precision.
  for (int tenth = 0; tenth <= 1000; ++tenth) {
    const double v = tenth / 10.0;
    INFO("score " << v);
    CHECK(pam.band(v) == "level " + std::to_string(pam_level(v)));
  }
  const Score r = pam.record(62.0);
  CHECK(*r.total == 62.0);
  CHECK(r.band == "level 3");
  const Score lvl = pam.record(2, "level");
  CHECK_FALSE(lvl.total);
  CHECK(*lvl.find("level")->score == 2);
  CHECK(lvl.find("level")->band == "level 2");
  require_error(caught([&] { pam.record(101); }), ErrorCode::InvalidArgument, "pam", "value", "recorded_in_range");
  require_error(caught([&] { pam.record(5, "level"); }), ErrorCode::InvalidArgument, "pam", "value",
                "recorded_in_range");
  CHECK(pam.change(50, 53) == ChangeDirection::Improved);
  CHECK(pam.change(50, 52.9) == ChangeDirection::NoMeaningfulChange);
}

TEST_CASE("confidence, goals, experience and workforce items", "[instruments]") {
  CHECK(*sc("confidence", {1}).total == 1);
  CHECK(*sc("confidence", {10}).total == 10);
  CHECK(caught([] { sc("confidence", {0}); }).rule() == "answer_in_range");
  CHECK(caught([] { sc("confidence", {11}); }).rule() == "answer_in_range");

  // Goals: number achieved among the goals set; unset goals are unanswered.
  const Score g = sc("goals", {2, 1, 0, std::nullopt, std::nullopt});
  CHECK(*g.total == 1);
  CHECK(g.band == "achieved one or more");
  CHECK(g.has_flag("achieved_one_or_more"));
  CHECK(g.n_missing == 2);
  const Score g0 = sc("goals", {1, 1, std::nullopt, std::nullopt, std::nullopt});
  CHECK(*g0.total == 0);
  CHECK(g0.band == "none achieved");
  CHECK_FALSE(g0.has_flag("achieved_one_or_more"));
  CHECK(*sc("goals", {2, 2, 2, 2, 2}).total == 5);
  CHECK_FALSE(sc("goals", Answers(5)).total);  // no goals set: no score
  CHECK(caught([] { sc("goals", {3, 0, 0, 0, 0}); }).field() == "answers[0]");

  for (int v = 1; v <= 5; ++v) {
    INFO("agreement " << v);
    const char* expect = v >= 4 ? "agree" : v == 3 ? "neutral" : "disagree";
    const Score e = sc("experience", {v, v, v});
    for (const char* name : {"satisfied", "listened_supported", "move_forward"}) CHECK(e.find(name)->band == expect);
    CHECK(sc("intention_to_leave", {v}).band == expect);
    CHECK(sc("employer_support", {v}).band == expect);
  }
  // Per-scale missing: an unanswered experience item leaves the others scored.
  const Score e = sc("experience", {5, std::nullopt, 2});
  CHECK(e.find("satisfied")->band == "agree");
  CHECK_FALSE(e.find("listened_supported")->score);
  CHECK(e.find("listened_supported")->band.empty());
  CHECK(e.find("move_forward")->band == "disagree");
  CHECK_FALSE(lib().get("intention_to_leave").scale().higher_is_better);
}

TEST_CASE("bad answers are rejected with code, record, field and rule", "[instruments][errors]") {
  require_error(caught([] { sc("phq9", Answers(8, 0)); }), ErrorCode::InvalidArgument, "phq9", "answers",
                "answer_count");
  require_error(caught([] { sc("phq9", Answers(10, 0)); }), ErrorCode::InvalidArgument, "phq9", "answers",
                "answer_count");
  require_error(caught([] { sc("phq9", {0, 0, 0, 4, 0, 0, 0, 0, 0}); }), ErrorCode::InvalidArgument, "phq9",
                "answers[3]", "answer_in_range");
  require_error(caught([] { sc("brs", {1, 2, 3, 4, 5, -1}); }), ErrorCode::InvalidArgument, "brs", "answers[5]",
                "answer_in_range");
  ScoreOptions o;
  o.record = "response-42";
  require_error(caught([&] { sc("wemwbs", {1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 1, 2, 3}, o); }),
                ErrorCode::InvalidArgument, "response-42", "answers[5]", "answer_in_range");
  o.missing = MissingPolicy{MissingPolicy::Kind::Prorate, -1};
  require_error(caught([&] { sc("wemwbs", repeat(3, 14), o); }), ErrorCode::InvalidArgument, "response-42",
                "missing.max_missing", "max_missing_valid");
  // The int overload checks the same rules.
  const std::vector<int> bad{0, 0, 9, 0, 0, 0, 0};
  require_error(caught([&] { score("gad7", std::span<const int>(bad)); }), ErrorCode::InvalidArgument, "gad7",
                "answers[2]", "answer_in_range");
}

TEST_CASE("missing items: complete cases by default, prorating or available on request", "[instruments][missing]") {
  Answers w = repeat(4, 14);
  w[3] = std::nullopt;
  const Score none = sc("wemwbs", w);
  CHECK_FALSE(none.total);
  CHECK(none.band.empty());
  CHECK_FALSE(none.scales[0].raw);
  CHECK(none.n_missing == 1);
  ScoreOptions prorate;
  prorate.missing = MissingPolicy{MissingPolicy::Kind::Prorate, 1};
  w[0] = 2;  // answered: 2 + 12×4 = 50 over 13 items → 50/13×14
  const Score p = sc("wemwbs", w, prorate);
  CHECK(*p.total == Approx(50.0 / 13 * 14).margin(1e-12));
  w[5] = std::nullopt;  // two missing > max 1 → no score
  CHECK_FALSE(sc("wemwbs", w, prorate).total);
  ScoreOptions prorate2;
  prorate2.missing = MissingPolicy{MissingPolicy::Kind::Prorate, 2};
  CHECK(*sc("wemwbs", w, prorate2).total == Approx(46.0 / 12 * 14).margin(1e-12));

  // SWEMWBS prorated raw 19/6×7 = 22.17 rounds to the raw-22 row (19.98).
  Answers s{3, 3, 3, 3, 3, 4, std::nullopt};
  CHECK_FALSE(sc("swemwbs", s).total);
  const Score sp = sc("swemwbs", s, prorate);
  CHECK(*sp.scales[0].raw == Approx(19.0 / 6 * 7).margin(1e-12));
  CHECK(*sp.total == Approx(19.98).margin(1e-12));

  // Mean rules: prorating is the mean of the answered items.
  Answers b{5, 1, 5, 1, 4, std::nullopt};
  CHECK_FALSE(sc("brs", b).total);
  CHECK(*sc("brs", b, prorate).total == Approx(24.0 / 5).margin(1e-12));
  // Available: a sum over answered items, not scaled up.
  ScoreOptions avail;
  avail.missing = MissingPolicy{MissingPolicy::Kind::Available, 1};
  CHECK(*sc("brcs", {5, 5, 5, std::nullopt}, avail).total == 15);
  CHECK(*sc("brcs", {5, 5, 5, std::nullopt}, prorate).total == 20);
}

TEST_CASE("WEMWBS missing item outside SWEMWBS leaves the subscale scored", "[instruments][missing]") {
  Answers w = repeat(4, 14);
  w[3] = std::nullopt;  // item 4 is not a SWEMWBS item: subscale raw 28 → 25.03
  CHECK(*sc("wemwbs", w).find("swemwbs")->score == Approx(25.03).margin(1e-12));
}

namespace {
// A custom instrument exercising every feature: reverse keying, mapping, conversion, bands,
// item and scale flags, prorating.
const char* kCustom = R"json({
  "schema_version": 1,
  "id": "team_climate",
  "name": "Team climate (test)",
  "licence": "test",
  "item_defaults": {"min": 1, "max": 4},
  "items": [
    {"text": "We support each other"},
    {"text": "I dread team meetings", "reverse": true},
    {"text": "We learn from mistakes"},
    {"text": "Workload", "min": 0, "max": 2, "values": [0, 10, 20]}
  ],
  "item_flags": [{"item": 1, "at_least": 4, "flag": "dreads_meetings"}],
  "scales": [
    {"name": "climate", "items": [0, 1, 2], "rule": "sum", "higher_is_better": true, "reliability": 0.8,
     "meaningful_change": 2,
     "conversion": [[3, 0], [4, 10], [5, 20], [6, 30], [7, 40], [8, 50], [9, 60], [10, 70], [11, 85], [12, 100]],
     "bands": [[0, 40, "poor"], [50, 70, "fair"], [85, 100, "good"]],
     "flags": [{"flag": "poor_climate", "at_most": 40}]},
    {"name": "workload", "items": [3], "rule": "mapped_mean", "higher_is_better": false}
  ],
  "primary": "climate",
  "missing": {"policy": "prorate", "max_missing": 1}
})json";
}  // namespace

TEST_CASE("a custom instrument loaded from JSON scores with the same code", "[instruments][custom]") {
  InstrumentLibrary l;
  const std::size_t n_builtin = l.ids().size();
  const Instrument& c = l.add_from_json(kCustom);
  CHECK(l.ids().size() == n_builtin + 1);
  CHECK(&l.get("TEAM_CLIMATE") == &c);
  // 3 + (5-1=4) + 2 = 9 → 60 "fair"; workload answer 2 → 20.
  const Score s = c.score(std::vector<int>{3, 1, 2, 2});
  CHECK(*s.scales[0].raw == 9);
  CHECK(*s.total == 60);
  CHECK(s.band == "fair");
  CHECK(*s.find("workload")->score == 20);
  CHECK(s.flags.empty());
  // Reverse-keyed item answered 4 → keyed 1, raises the item flag; 1+1+1 = 3 → 0 "poor".
  const Score p = c.score(std::vector<int>{1, 4, 1, 0});
  CHECK(*p.total == 0);
  CHECK(p.band == "poor");
  CHECK(p.flags == std::vector<std::string>{"dreads_meetings", "poor_climate"});
  // Definition's prorate policy: one missing → (4+4)/2×3 = 12 → 100.
  const Score m = c.score(Answers{4, 1, std::nullopt, 1});
  CHECK(*m.total == 100);
  CHECK(m.band == "good");
  CHECK(c.change(50, 60) == ChangeDirection::Improved);
  // The built-in library itself is unchanged.
  CHECK_FALSE(lib().contains("team_climate"));
  // A second add of the same id conflicts and changes nothing.
  require_error(caught([&] { l.add_from_json(kCustom); }), ErrorCode::Conflict, "team_climate", "id",
                "unique_instrument_id");
  CHECK(l.ids().size() == n_builtin + 1);
  // And it round-trips through its definition document.
  const Instrument again = Instrument::from_json(c.to_json());
  CHECK(again.to_json() == c.to_json());
  CHECK(*again.score(std::vector<int>{3, 1, 2, 2}).total == 60);
}

TEST_CASE("every built-in definition round-trips through JSON", "[instruments][json]") {
  for (const std::string& id : lib().ids()) {
    INFO(id);
    const std::string doc = lib().to_json(id);
    CHECK(doc.find("\"schema_version\":1") != std::string::npos);
    InstrumentLibrary empty(false);
    const Instrument& copy = empty.add_from_json(doc);
    CHECK(copy.to_json() == doc);
    CHECK(empty.ids() == std::vector<std::string>{id});
  }
}

TEST_CASE("a bad definition is rejected with the exact JSON pointer and changes nothing", "[instruments][json]") {
  InstrumentLibrary l;
  const auto before = l.ids();
  auto reject = [&](const std::string& doc, const std::string& pointer) {
    INFO(pointer);
    Error e = caught([&] { l.add_from_json(doc); });
    CHECK(e.code() == ErrorCode::Parse);
    CHECK(e.field() == pointer);
    CHECK(e.rule() == "document_schema");
    CHECK(l.ids() == before);
    CHECK_FALSE(l.contains("bad"));
  };
  auto doc = [](const std::string& items, const std::string& scales, const std::string& extra = "") {
    return R"({"schema_version": 1, "id": "bad", "name": "Bad", "items": )" + items + R"(, "scales": )" + scales +
           extra + "}";
  };
  const std::string items3 =
      R"([{"text": "a", "min": 1, "max": 5}, {"text": "b", "min": 1, "max": 5}, {"text": "c", "min": 1, "max": 5}])";
  const std::string scale3 = R"([{"name": "t", "items": [0, 1, 2], "rule": "sum", "higher_is_better": true}])";
  // Sanity: the base document is valid (in a scratch library).
  InstrumentLibrary scratch(false);
  CHECK_NOTHROW(scratch.add_from_json(doc(items3, scale3)));

  reject(doc(R"([{"text": "a", "min": 1, "max": 5}, {"text": "b", "min": 1, "max": 5},
                 {"text": "c", "min": 1, "max": 5, "reverse": "yes"}])", scale3), "/items/2/reverse");
  reject(doc(items3, R"([{"name": "t", "items": [0, 1, 2, 3], "rule": "sum", "higher_is_better": true}])"),
         "/scales/0/items/3");
  reject(doc(items3, R"([{"name": "t", "items": [0, 1, 1], "rule": "sum", "higher_is_better": true}])"),
         "/scales/0/items/2");
  reject(doc(R"([{"text": "a", "min": 5, "max": 1}])", scale3), "/items/0/max");
  reject(doc(R"([{"text": "a", "min": 1, "max": 5}, {"text": "b", "min": 1, "max": 5}, {"text": "c", "min": 1}])",
             scale3), "/items/2/max");
  reject(doc(R"([{"text": "a", "min": 1, "max": 5, "revrse": true}])", scale3), "/items/0/revrse");
  reject(doc(R"([{"text": "a", "min": 1, "max": 3, "values": [0, 1]}])",
             R"([{"name": "t", "items": [0], "rule": "sum", "higher_is_better": true}])"), "/items/0/values");
  reject(doc(items3, R"([{"name": "t", "items": [0, 1, 2], "rule": "median", "higher_is_better": true}])"),
         "/scales/0/rule");
  reject(doc(items3, R"([{"name": "t", "items": [0, 1, 2], "rule": "mapped_mean", "higher_is_better": true}])"),
         "/scales/0/items/0");
  reject(doc(items3, R"([{"name": "t", "items": [0, 1, 2], "rule": "sum", "higher_is_better": true,
                          "bands": [[3, 8, "low"], [8, 15, "high"]]}])"), "/scales/0/bands/1/0");
  reject(doc(items3, R"([{"name": "t", "items": [0, 1, 2], "rule": "sum", "higher_is_better": true,
                          "bands": [[3, 8, "low"], [9, 16, "high"]]}])"), "/scales/0/bands/1/1");
  reject(doc(items3, R"([{"name": "t", "items": [0, 1, 2], "rule": "sum", "higher_is_better": true,
                          "conversion": [[3, 0], [4, 1]]}])"), "/scales/0/conversion");
  reject(doc(items3, R"([{"name": "t", "items": [0, 1, 2], "rule": "sum", "higher_is_better": true,
                          "conversion": [[3, 0], [5, 1]]}])"), "/scales/0/conversion/1/0");
  reject(doc(items3, R"([{"name": "t", "items": [0, 1, 2], "rule": "sum", "higher_is_better": true,
                          "reliability": 1.5}])"), "/scales/0/reliability");
  reject(doc(items3, R"([{"name": "t", "items": [0, 1, 2], "rule": "sum"}])"), "/scales/0/higher_is_better");
  reject(doc(items3, scale3, R"(, "primary": "nope")"), "/primary");
  reject(doc(items3, scale3, R"(, "item_flags": [{"item": 7, "at_least": 1, "flag": "x"}])"), "/item_flags/0/item");
  reject(doc(items3, scale3, R"(, "missing": {"policy": "impute"})"), "/missing/policy");
  reject(doc(items3, scale3, R"(, "missing": {"policy": "complete", "max_missing": 2})"), "/missing/max_missing");
  reject(R"({"schema_version": 2, "id": "bad", "name": "Bad", "items": [], "scales": []})", "/schema_version");
  reject(R"({"id": "bad", "name": "Bad", "items": [], "scales": []})", "/schema_version");
  reject(R"({"schema_version": 1, "id": "b a d", "name": "Bad", "items": [{"text": "a", "min": 1, "max": 5}],
             "scales": [{"name": "t", "items": [0], "rule": "sum", "higher_is_better": true}]})", "/id");
  reject(R"({"schema_version": 1, "id": "bad", "name": "Bad", "score_only": true,
             "scales": [{"name": "t", "higher_is_better": true}]})", "/scales/0/range");
  reject(R"({"schema_version": 1, "id": "bad", "name": "Bad", "items": [], "scales": []})", "/items");
  reject("[1, 2]", "");
  // Text that is not JSON, or repeats a key, is refused by the library's one strict reader, as
  // every other document is: rule and pointer as for records.
  auto refuse = [&](const std::string& text, const std::string& pointer, const std::string& rule) {
    INFO(text);
    Error e = caught([&] { l.add_from_json(text); });
    CHECK(e.code() == ErrorCode::Parse);
    CHECK(e.record() == "instrument");
    CHECK(e.field() == pointer);
    CHECK(e.rule() == rule);
    CHECK(l.ids() == before);
  };
  refuse("{\"schema_version\": 1, \"id\": \"bad\"", "/id", "json_syntax");  // truncated
  refuse(R"({"schema_version": 1, "id": 1e999})", "/id", "number_range");
  refuse(doc(items3, scale3, R"(, "id": "other")"), "/id", "unique_keys");
  refuse(doc(R"([{"text": "a", "min": 1, "max": 5, "min": 0}])", scale3), "/items/0/min", "unique_keys");
  // Errors name the instrument when its id is known.
  Error e = caught([&] { l.add_from_json(doc(items3, scale3, R"(, "primary": "nope")")); });
  CHECK(e.record() == "bad");
}

TEST_CASE("batch fast path matches per-response scoring", "[instruments][batch]") {
  std::mt19937 rng(12345);
  struct Case { const char* id; const char* scale; ScoreOptions options; };
  ScoreOptions prorate;
  prorate.missing = MissingPolicy{MissingPolicy::Kind::Prorate, 2};
  const Case cases[] = {{"wemwbs", "", {}},          {"wemwbs", "swemwbs", prorate}, {"swemwbs", "", prorate},
                        {"brs", "", prorate},        {"cbi", "work", prorate},      {"cbi", "client", {}},
                        {"phq9", "", {}},            {"goals", "", {}},             {"ons4", "anxiety", {}}};
  for (const Case& c : cases) {
    INFO(c.id << " " << c.scale);
    const Instrument& ins = lib().get(c.id);
    const std::size_t k = ins.item_count();
    const std::size_t n = 500;
    std::vector<int> m(n * k);
    for (std::size_t r = 0; r < n; ++r)
      for (std::size_t j = 0; j < k; ++j) {
        const ItemDef& it = ins.definition().items[j];
        const bool miss = std::uniform_int_distribution<int>(0, 19)(rng) == 0;
        m[r * k + j] = miss ? kMissingAnswer : std::uniform_int_distribution<int>(it.min, it.max)(rng);
      }
    const std::vector<double> out = ins.score_batch(m, c.scale, c.options);
    REQUIRE(out.size() == n);
    std::size_t nan = 0;
    for (std::size_t r = 0; r < n; ++r) {
      const Score s = ins.score(std::span<const int>(m.data() + r * k, k), c.options);
      const ScaleScore* ss = std::string_view(c.scale).empty() ? &s.scales[0] : s.find(c.scale);
      if (std::string_view(c.scale).empty() && !ins.definition().primary.empty()) CHECK(ss->score == s.total);
      if (ss->score) {
        CHECK(out[r] == *ss->score);
      } else {
        CHECK(std::isnan(out[r]));
        ++nan;
      }
    }
    CHECK(nan < n);
  }
}

TEST_CASE("batch fast path rejects bad matrices precisely", "[instruments][batch]") {
  const Instrument& phq = lib().get("phq9");
  std::vector<int> m(3 * 9, 1);
  m[2 * 9 + 4] = 7;
  require_error(caught([&] { phq.score_batch(m); }), ErrorCode::InvalidArgument, "phq9", "answers[2][4]",
                "answer_in_range");
  m[2 * 9 + 4] = kMissingAnswer + 1;
  CHECK(caught([&] { phq.score_batch(m); }).field() == "answers[2][4]");
  m.pop_back();
  require_error(caught([&] { phq.score_batch(m); }), ErrorCode::InvalidArgument, "phq9", "answers", "answer_count");
  std::vector<double> out(2);
  require_error(caught([&] { phq.score_batch(std::vector<int>(27, 0), out); }), ErrorCode::InvalidArgument, "phq9",
                "answers", "answer_count");
  require_error(caught([&] { lib().get("ons4").score_batch(std::vector<int>(4, 0)); }), ErrorCode::InvalidArgument,
                "ons4", "scale", "scale_named");
  CHECK(phq.score_batch(std::vector<int>{}).empty());
}

TEST_CASE("the library is safe for concurrent reads and adds", "[instruments][threads]") {
  // Catch2 assertions are not thread-safe: threads count their own failures, checked after join.
  InstrumentLibrary l;
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&l, &wrong, t] {
      for (int i = 0; i < 50; ++i) {
        const std::string id = "custom_" + std::to_string(t) + "_" + std::to_string(i);
        l.add_from_json(R"({"schema_version": 1, "id": ")" + id +
                        R"(", "name": "x", "items": [{"text": "a", "min": 0, "max": 3}],
                        "scales": [{"name": "t", "items": [0], "rule": "sum", "higher_is_better": true}],
                        "primary": "t"})");
        if (*l.get("phq9").score(std::vector<int>(9, 1)).total != 9) ++wrong;
        if (*l.get(id).score(std::vector<int>{2}).total != 2) ++wrong;
        if (*InstrumentLibrary::builtin().get("gad7").score(std::vector<int>(7, 1)).total != 7) ++wrong;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(wrong == 0);
  CHECK(l.ids().size() == lib().ids().size() + 200);
}
