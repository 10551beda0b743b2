// Tests of disclosure control (disclosure.hpp): each threshold on both sides, rounding, shares
// from rounded counts, and complementary suppression that cannot be undone from a total.
#include "laycoach/disclosure.hpp"
#include "laycoach/error.hpp"
#include "laycoach/stats.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

using namespace laycoach;

namespace {

// True when some hidden non-zero cell of a released table follows from the released total and
// the shown cells: exactly one non-zero cell hidden while the total is shown.
bool recoverable(const std::vector<long long>& cells, long long total, const std::vector<DisclosedValue>& out,
                 const DisclosedValue& total_out) {
  if (total_out.suppressed()) return false;
  long long sum = 0;
  for (const long long c : cells) sum += c;
  std::size_t hidden_nonzero = 0;
  for (std::size_t i = 0; i < cells.size(); ++i) hidden_nonzero += out[i].suppressed() && cells[i] != 0;
  hidden_nonzero += total - sum > 0;  // the unpublished remainder
  return hidden_nonzero == 1;
}

}  // namespace

TEST_CASE("disclosure: counts 1..min_count-1 suppressed, 0 shown, others rounded to the base", "[evaluation][disclosure]") {
  const SuppressionPolicy p = kMinimumFloor;  // the NHS rule alone: 8, 5, no cell key
  CHECK(disclose_count(0, p) == DisclosedValue{0.0});
  for (int n = 1; n <= 7; ++n) {
    CHECK(disclose_count(n, p).suppressed());
    CHECK(primary_suppressed(n, p));
  }
  CHECK_FALSE(primary_suppressed(0, p));
  CHECK_FALSE(primary_suppressed(8, p));
  CHECK(disclose_count(8, p) == DisclosedValue{10.0});
  CHECK(disclose_count(12, p) == DisclosedValue{10.0});
  CHECK(disclose_count(13, p) == DisclosedValue{15.0});
  CHECK(disclose_count(662, p) == DisclosedValue{660.0});
  CHECK(disclose_count(663, p) == DisclosedValue{665.0});

  const SuppressionPolicy strict{11, 10, false};
  CHECK(disclose_count(10, strict).suppressed());
  CHECK(disclose_count(11, strict) == DisclosedValue{20.0});  // never below the first multiple of 10 >= 11
  CHECK(disclose_count(15, strict) == DisclosedValue{20.0});
  CHECK(disclose_count(26, strict) == DisclosedValue{30.0});
  const SuppressionPolicy exact{1, 1, false};
  CHECK(disclose_count(1, exact) == DisclosedValue{1.0});
  CHECK(disclose_count(7, exact) == DisclosedValue{7.0});
}

TEST_CASE("disclosure: statistics of 1..min_count-1 people suppressed", "[evaluation][disclosure]") {
  const SuppressionPolicy p;
  CHECK(std::isnan(*disclose_statistic(3.5, 0, p).value));
  for (int n = 1; n <= 7; ++n) CHECK(disclose_statistic(19.6, n, p).suppressed());
  CHECK(disclose_statistic(19.6, 8, p) == DisclosedValue{19.6});
  const SuppressionPolicy p10{10, 5};
  CHECK(disclose_statistic(1.0, 9, p10).suppressed());
  CHECK(disclose_statistic(1.0, 10, p10) == DisclosedValue{1.0});
}

TEST_CASE("disclosure: shares and Wilson intervals come from the released counts", "[evaluation][disclosure]") {
  const SuppressionPolicy p = kMinimumFloor;
  const DisclosedValue k = disclose_count(653, p), n = disclose_count(662, p);  // 655 / 660
  const DisclosedShare s = disclose_share(k, n);
  CHECK(*s.share.value == 655.0 / 660.0);
  const stats::Interval w = stats::wilson(655, 660);
  CHECK(*s.ci_low.value == w.low);
  CHECK(*s.ci_high.value == w.high);
  CHECK(disclose_share(disclose_count(3, p), n).share.suppressed());
  CHECK(disclose_share(k, DisclosedValue{std::nullopt}).ci_low.suppressed());
  CHECK(std::isnan(*disclose_share(DisclosedValue{0.0}, DisclosedValue{0.0}).share.value));
  CHECK(*disclose_share(DisclosedValue{0.0}, n).share.value == 0.0);
}

TEST_CASE("disclosure: policy validation", "[evaluation][disclosure]") {
  CHECK_NOTHROW(validate(SuppressionPolicy{}));
  try {
    validate(SuppressionPolicy{0, 5});
    FAIL("expected ValidationError");
  } catch (const ValidationError& e) {
    CHECK(e.field() == "min_count");
    CHECK(e.rule() == "policy_range");
  }
  CHECK_THROWS_AS(validate(SuppressionPolicy{8, 0}), ValidationError);
}

TEST_CASE("disclosure: complementary suppression hides the smallest shown non-zero cell", "[evaluation][disclosure]") {
  std::vector<long long> cells = {3, 40, 0, 20, 25};
  std::vector<bool> hidden = {true, false, false, false, false};
  CHECK_FALSE(complementary_suppression(cells, hidden));
  CHECK(hidden == std::vector<bool>{true, false, false, true, false});  // 20, not the zero

  // Two hidden already: nothing more to do.
  hidden = {true, false, false, true, false};
  CHECK_FALSE(complementary_suppression(cells, hidden));
  CHECK(hidden == std::vector<bool>{true, false, false, true, false});

  // Nothing hidden: nothing to do.
  hidden.assign(5, false);
  CHECK_FALSE(complementary_suppression(cells, hidden));
  CHECK(hidden == std::vector<bool>(5, false));

  // No shown non-zero cell can be the complement: the total must go.
  cells = {5, 0, 0};
  hidden = {true, false, false};
  CHECK(complementary_suppression(cells, hidden));

  hidden = {true};
  CHECK_THROWS_AS(complementary_suppression(cells, hidden), ValidationError);
}

TEST_CASE("disclosure: a released table with its total", "[evaluation][disclosure]") {
  const SuppressionPolicy p;
  DisclosedValue total;
  // 3 is hidden; 12 (smallest other) is hidden too so 3 = 75 − 40 − 20 cannot be worked out.
  const std::vector<long long> cells = {3, 40, 20, 12, 0};
  const auto out = disclose_table(cells, 75, p, &total);
  CHECK(out[0].suppressed());
  CHECK(out[1] == DisclosedValue{40.0});
  CHECK(out[2] == DisclosedValue{20.0});
  CHECK(out[3].suppressed());
  CHECK(out[4] == DisclosedValue{0.0});
  CHECK(total == DisclosedValue{75.0});

  // A part never published (group not recorded) is a hidden cell: one primary cell plus a
  // non-zero remainder is already two unknowns.
  const auto out2 = disclose_table(std::vector<long long>{3, 40, 20}, 70, p, &total);
  CHECK(out2[0].suppressed());
  CHECK(out2[1] == DisclosedValue{40.0});
  CHECK(out2[2] == DisclosedValue{20.0});

  // A remainder of 1..7 alone would follow from the total: a shown cell is hidden for it.
  const auto out3 = disclose_table(std::vector<long long>{30, 40}, 72, p, &total);
  CHECK(out3[0].suppressed());
  CHECK(out3[1] == DisclosedValue{40.0});

  // A total of 1..7 is itself suppressed.
  disclose_table(std::vector<long long>{3, 2}, 5, p, &total);
  CHECK(total.suppressed());

  CHECK_THROWS_AS(disclose_table(std::vector<long long>{5, 5}, 6, p), ValidationError);
}

TEST_CASE("disclosure: no random table lets a hidden cell be recovered from its total", "[evaluation][disclosure]") {
  std::mt19937_64 rng(11);
  for (const SuppressionPolicy p : {SuppressionPolicy{}, SuppressionPolicy{11, 10}, SuppressionPolicy{3, 1}}) {
    for (int trial = 0; trial < 3000; ++trial) {
      const std::size_t k = 1 + rng() % 8;
      std::vector<long long> cells(k);
      long long sum = 0;
      for (auto& c : cells) {
        const auto r = rng() % 10;
        c = r < 3 ? 0 : r < 7 ? static_cast<long long>(1 + rng() % 9) : static_cast<long long>(rng() % 200);
        sum += c;
      }
      const long long total = sum + (rng() % 4 == 0 ? static_cast<long long>(rng() % 10) : 0);
      DisclosedValue released_total;
      const auto out = disclose_table(cells, total, p, &released_total);
      INFO("trial " << trial << " k " << k << " total " << total);
      CHECK_FALSE(recoverable(cells, total, out, released_total));
      for (std::size_t i = 0; i < k; ++i) {
        if (primary_suppressed(cells[i], p)) CHECK(out[i].suppressed());
        if (!out[i].suppressed()) CHECK(out[i] == disclose_count(cells[i], p));
      }
    }
  }
}

// ---- every face's default audience, and Programme::summary through the module --------------------

#include "laycoach/programme.hpp"
#include "test_support.hpp"

TEST_CASE("disclosure: Programme::summary defaults to the public audience and releases through the module",
          "[evaluation][disclosure]") {
  using namespace laycoach::test;
  Programme p = people_programme();
  // Monday 8 July 2024 (BST): eight sessions 09:00-16:45 local; two attended, six still booked.
  const char* starts[] = {"2024-07-08T08:00:00Z", "2024-07-08T09:00:00Z", "2024-07-08T10:00:00Z",
                          "2024-07-08T11:00:00Z", "2024-07-08T12:00:00Z", "2024-07-08T13:00:00Z",
                          "2024-07-08T14:00:00Z", "2024-07-08T15:00:00Z"};
  const char* clients[] = {"s1", "s2", "s3", "s4"};
  for (int i = 0; i < 8; ++i) p.book(one_to_one("d" + std::to_string(i), "c1", clients[i % 4], at(starts[i])));
  p.record_outcome("d0", SessionStatus::Attended);
  p.record_outcome("d1", SessionStatus::Attended);

  const ActivitySummary by_default = p.summary();
  CHECK(by_default.audience == Audience::Public);
  CHECK(by_default == p.summary(Viewer{Audience::Public, ""}));
  CHECK(by_default.at("sessions").value == 10.0);  // 8 ± 2, rounded to 5, never below 10
  CHECK(by_default.at("booked").suppressed());      // 6 < 8
  const ActivitySummary exact = p.summary({Audience::ServiceManager, ""});
  CHECK(exact.at("attended").value == 2.0);
  CHECK(exact.at("booked").value == 6.0);
  // A weaker policy than the service's floor is refused to an aggregate audience.
  require_error([&] { p.summary({}, SuppressionPolicy{3, 1}); }, ErrorCode::Forbidden, "policy", "min_count",
                "policy_below_floor");

  // Under the NHS rule as the service's floor, the status cells are released exactly as
  // disclose_table releases them (one module).
  const SuppressionPolicy pol = kMinimumFloor;
  p.set_disclosure_floor(pol);
  const ActivitySummary pub = p.summary();
  const char* cells[] = {"booked", "attended", "client_did_not_attend", "coach_did_not_attend",
                         "cancelled_by_client", "cancelled_by_coach", "rescheduled"};
  std::vector<long long> exact_cells;
  for (const char* c : cells) exact_cells.push_back(static_cast<long long>(*exact.at(c).value));
  DisclosedValue total;
  const auto released = disclose_table(exact_cells, 8, pol, &total);
  for (std::size_t i = 0; i < released.size(); ++i) CHECK(pub.at(cells[i]) == released[i]);
  CHECK(pub.at("sessions") == total);
  CHECK(pub.at("attended").suppressed());  // 2 < 8: primary
  CHECK(pub.at("booked").suppressed());    // 6 < 8: primary
  CHECK(pub.at("sessions").value == 10.0);
  require_error([&] { p.summary({}, SuppressionPolicy{1, 0}); }, ErrorCode::InvalidArgument, "suppression_policy",
                "round_to", "policy_range");
}

TEST_CASE("disclosure: histogram bins merge until every bar reaches the floor or is empty", "[evaluation][disclosure]") {
  const SuppressionPolicy p = kMinimumFloor;  // floor 8
  // before: 3 | 6 | 10 | 0 | 0 | 9 | 2 ; after: 8 | 0 | 8 | 0 | 5 | 5 | 1
  const std::vector<long long> a = {3, 6, 10, 0, 0, 9, 2}, b = {8, 0, 8, 0, 5, 5, 1};
  const auto starts = histogram_bin_starts(a, b, p);
  // [0,2): 9 / 8;  [2]: 10 / 8;  [3]: 0 / 0;  [4,7): 11 / 11 (the last group, 2 / 1, joins [4,6))
  CHECK(starts == std::vector<std::size_t>{0, 2, 3, 4});
  // Independent check: every merged bar is 0 or >= 8, the groups cover every bin in order.
  for (std::size_t g = 0; g < starts.size(); ++g) {
    const std::size_t end = g + 1 < starts.size() ? starts[g + 1] : a.size();
    long long sa = 0, sb = 0;
    for (std::size_t i = starts[g]; i < end; ++i) sa += a[i], sb += b[i];
    CHECK((sa == 0 || sa >= p.min_count));
    CHECK((sb == 0 || sb >= p.min_count));
  }
  // Bars already at the floor are left alone; a total below the floor is one bar.
  CHECK(histogram_bin_starts(std::vector<long long>{8, 0, 20, 9}, std::vector<long long>{9, 0, 8, 10}, p) ==
        std::vector<std::size_t>{0, 1, 2, 3});
  CHECK(histogram_bin_starts(std::vector<long long>{1, 2, 1}, std::vector<long long>{0, 3, 1}, p) ==
        std::vector<std::size_t>{0});
  CHECK(histogram_bin_starts(std::vector<long long>{}, std::vector<long long>{}, p).empty());
  // A short last group joins back past an empty group until the joined bar reaches the floor:
  // after = 8 | 0 | 5 | 1 gives [0] (8) and [1, 4) (6 -> too few) -> one bar [0, 4) of 14.
  CHECK(histogram_bin_starts(std::vector<long long>{0, 0, 0, 0}, std::vector<long long>{8, 0, 5, 1}, p) ==
        std::vector<std::size_t>{0});
  // ... and stops once the joined bar is fine: [0] 9 / 0 and [1, 4) 0 / 14 (one non-zero bar a side).
  CHECK(histogram_bin_starts(std::vector<long long>{9, 0, 0, 0}, std::vector<long long>{0, 8, 5, 1}, p) ==
        std::vector<std::size_t>{0, 1});
  // Two non-zero bars on one side, three on the other: one bar.
  CHECK(histogram_bin_starts(std::vector<long long>{8, 8, 8}, std::vector<long long>{12, 0, 12}, p) ==
        std::vector<std::size_t>{0});
  try {
    histogram_bin_starts(std::vector<long long>{1}, std::vector<long long>{}, p);
    FAIL("expected ValidationError");
  } catch (const ValidationError& e) {
    CHECK(e.field() == "b");
    CHECK(e.rule() == "same_length");
  }
}
