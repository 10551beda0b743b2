// Tests of laycoach::stats. Expected numbers are either worked by hand (shown in comments) or
// follow from mathematical relations; the few pasted reference values were checked with
// scipy 1.17 (scipy.stats.ttest_rel / wilcoxon / binomtest) and say so.
#include "laycoach/error.hpp"
#include "laycoach/stats.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace st = laycoach::stats;
using Catch::Matchers::WithinRel;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// Runs f, requires it to throw ValidationError with the given field and rule.
template <class F>
void require_validation(F&& f, const std::string& field, const std::string& rule) {
  try {
    f();
    FAIL("expected ValidationError " << field << "/" << rule);
  } catch (const laycoach::ValidationError& e) {
    CHECK(e.code() == laycoach::ErrorCode::InvalidArgument);
    CHECK(e.record().empty());
    CHECK(e.field() == field);
    CHECK(e.rule() == rule);
  }
}

// Exact two-sided p of W+ = w for ranks 1..n by enumerating all 2^n sign patterns.
double brute_force_exact_p(int n, int w) {
  std::uint64_t lower = 0, upper = 0;
  for (std::uint64_t mask = 0; mask < (std::uint64_t{1} << n); ++mask) {
    int s = 0;
    for (int i = 0; i < n; ++i)
      if (mask >> i & 1u) s += i + 1;
    lower += s <= w;
    upper += s >= w;
  }
  const double p = 2.0 * static_cast<double>(std::min(lower, upper)) / std::ldexp(1.0, n);
  return std::min(p, 1.0);
}

}  // namespace

TEST_CASE("mean and sd of small samples", "[stats]") {
  const std::vector<double> v{1, 2, 3, 4};
  CHECK(st::mean(v) == 2.5);
  // deviations ±0.5, ±1.5: Σ = 5, var = 5/3
  CHECK_THAT(st::sd(v), WithinRel(std::sqrt(5.0 / 3.0), 1e-15));
  CHECK(std::isnan(st::sd(std::vector<double>{7})));
  CHECK(st::sd(std::vector<double>{0.1, 0.1, 0.1}) == 0.0);  // exactly, not a rounding residue
  CHECK(st::mean(std::vector<double>{0.1, 0.1, 0.1}) == 0.1);
  // A large offset must not destroy the spread (two-pass, compensated).
  const std::vector<double> shifted{1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4};
  CHECK_THAT(st::sd(shifted), WithinRel(std::sqrt(5.0 / 3.0), 1e-12));
  require_validation([] { st::mean(std::vector<double>{}); }, "values", "min_size");
  require_validation([] { st::sd(std::vector<double>{1, kNaN}); }, "values", "finite");
}

TEST_CASE("paired t: hand-worked example", "[stats]") {
  const std::vector<double> before{1, 2, 3, 4};
  const std::vector<double> after{2, 4, 3, 7};
  const auto r = st::paired_t(before, after);
  // d = {1, 2, 0, 3}: mean 1.5, Σ(d − 1.5)² = 5, sd = √(5/3); se = sd/2; df = 3.
  const double sd_d = std::sqrt(5.0 / 3.0);
  CHECK(r.n == 4);
  CHECK(r.df == 3.0);
  CHECK(r.mean_before == 2.5);
  CHECK(r.mean_after == 4.0);
  CHECK(r.mean_diff == 1.5);
  CHECK_THAT(r.sd_before, WithinRel(std::sqrt(5.0 / 3.0), 1e-14));
  CHECK_THAT(r.sd_after, WithinRel(std::sqrt(14.0 / 3.0), 1e-14));  // devs −2, 0, −1, 3
  CHECK_THAT(r.sd_diff, WithinRel(sd_d, 1e-14));
  CHECK_THAT(r.t, WithinRel(1.5 / (sd_d / 2.0), 1e-14));
  // scipy.stats.ttest_rel([2,4,3,7], [1,2,3,4]) -> p = 0.10272807885839899,
  // CI = (-0.5542602567605206, 3.5542602567605206); t.ppf(0.975, 3) = 3.1824463052837078.
  CHECK_THAT(r.p, WithinRel(0.10272807885839899, 1e-12));
  CHECK_THAT(r.ci_low, WithinRel(-0.5542602567605206, 1e-12));
  CHECK_THAT(r.ci_high, WithinRel(3.5542602567605206, 1e-12));
  CHECK_THAT(r.ci_high - r.mean_diff, WithinRel(3.1824463052837078 * sd_d / 2.0, 1e-12));
  // Effect sizes and Hedges' J = 1 − 3/(4·3 − 1) = 8/11.
  CHECK_THAT(r.d_z, WithinRel(1.5 / sd_d, 1e-14));
  CHECK_THAT(r.t, WithinRel(r.d_z * 2.0, 1e-14));  // t = d_z·√n
  CHECK_THAT(r.d_av, WithinRel(1.5 / ((std::sqrt(5.0 / 3.0) + std::sqrt(14.0 / 3.0)) / 2.0), 1e-14));
  CHECK_THAT(r.g_z, WithinRel(r.d_z * 8.0 / 11.0, 1e-14));
  CHECK_THAT(r.g_av, WithinRel(r.d_av * 8.0 / 11.0, 1e-14));
}

TEST_CASE("paired t: relations on random data", "[stats]") {
  std::mt19937_64 rng(42);
  std::normal_distribution<double> nd(20.0, 4.0);
  std::vector<double> before(40), after(40);
  for (std::size_t i = 0; i < before.size(); ++i) {
    before[i] = nd(rng);
    after[i] = before[i] + 1.5 + nd(rng) / 4.0 - 5.0;
  }
  const auto r = st::paired_t(before, after, 0.9);
  CHECK(r.confidence == 0.9);
  // Swapping before and after flips the sign of every signed figure, not p.
  const auto s = st::paired_t(after, before, 0.9);
  CHECK_THAT(s.t, WithinRel(-r.t, 1e-12));
  CHECK_THAT(s.p, WithinRel(r.p, 1e-12));
  CHECK_THAT(s.d_av, WithinRel(-r.d_av, 1e-12));
  CHECK_THAT(s.ci_low, WithinRel(-r.ci_high, 1e-12));
  // The CI is the set of shifts the test does not reject: at either end, p = 1 − confidence.
  std::vector<double> shifted(after);
  for (auto& a : shifted) a -= r.ci_high;
  CHECK_THAT(st::paired_t(before, shifted).p, WithinRel(0.1, 1e-9));
  for (std::size_t i = 0; i < shifted.size(); ++i) shifted[i] = after[i] - r.ci_low;
  CHECK_THAT(st::paired_t(before, shifted).p, WithinRel(0.1, 1e-9));
  // Wider confidence, wider interval.
  const auto w = st::paired_t(before, after, 0.99);
  CHECK(w.ci_low < r.ci_low);
  CHECK(w.ci_high > r.ci_high);
}

TEST_CASE("paired t: degenerate cases match scipy.stats.ttest_rel", "[stats]") {
  SECTION("n = 1") {
    const auto r = st::paired_t(std::vector<double>{1}, std::vector<double>{3});
    CHECK(r.n == 1);
    CHECK(r.df == 0.0);
    CHECK(r.mean_diff == 2.0);
    CHECK(std::isnan(r.sd_diff));
    CHECK(std::isnan(r.t));
    CHECK(std::isnan(r.p));
    CHECK(std::isnan(r.ci_low));
    CHECK(std::isnan(r.ci_high));
    CHECK(std::isnan(r.d_z));
    CHECK(std::isnan(r.g_av));
  }
  SECTION("constant non-zero differences") {
    const auto r = st::paired_t(std::vector<double>{1, 2, 3}, std::vector<double>{3, 4, 5});
    CHECK(r.sd_diff == 0.0);
    CHECK(r.t == kInf);
    CHECK(r.p == 0.0);
    CHECK(r.ci_low == 2.0);
    CHECK(r.ci_high == 2.0);
    CHECK(r.d_z == kInf);
    const auto s = st::paired_t(std::vector<double>{3, 4, 5}, std::vector<double>{1, 2, 3});
    CHECK(s.t == -kInf);
    CHECK(s.d_z == -kInf);
    CHECK(s.p == 0.0);
  }
  SECTION("constant non-representable differences still give sd exactly 0") {
    const auto r = st::paired_t(std::vector<double>{0, 0, 0}, std::vector<double>{0.1, 0.1, 0.1});
    CHECK(r.sd_diff == 0.0);
    CHECK(r.mean_diff == 0.1);
    CHECK(r.t == kInf);
  }
  SECTION("all differences zero") {
    const std::vector<double> v{1, 2, 3};
    const auto r = st::paired_t(v, v);
    CHECK(std::isnan(r.t));
    CHECK(std::isnan(r.p));
    CHECK(r.ci_low == 0.0);
    CHECK(r.ci_high == 0.0);
    CHECK(std::isnan(r.d_z));
    CHECK(r.d_av == 0.0);  // 0 / ((1 + 1)/2)
  }
  SECTION("n = 2 has J = 0") {
    const auto r = st::paired_t(std::vector<double>{1, 2}, std::vector<double>{2, 4});
    CHECK(r.df == 1.0);
    CHECK(r.g_z == 0.0);
    CHECK(r.g_av == 0.0);
  }
}

TEST_CASE("paired t: validation", "[stats]") {
  const std::vector<double> a{1, 2, 3}, b{1, 2};
  require_validation([&] { st::paired_t(a, b); }, "after", "same_length");
  require_validation([] { st::paired_t(std::vector<double>{}, std::vector<double>{}); }, "before", "min_size");
  require_validation([] { st::paired_t(std::vector<double>{1, kNaN}, std::vector<double>{1, 2}); }, "before",
                     "finite");
  require_validation([] { st::paired_t(std::vector<double>{1, 2}, std::vector<double>{kInf, 2}); }, "after",
                     "finite");
  require_validation([&] { st::paired_t(a, a, 1.0); }, "confidence", "range");
  require_validation([&] { st::paired_t(a, a, 0.0); }, "confidence", "range");
  require_validation([&] { st::paired_t(a, a, kNaN); }, "confidence", "range");
}

TEST_CASE("wilcoxon: hand-worked exact example with zeros", "[stats]") {
  // d = {1, −2, 3, −4, 5, 6, 0, 0, 7}: zeros dropped, n = 7, ranks = |d|.
  const std::vector<double> before(9, 10.0);
  std::vector<double> after{11, 8, 13, 6, 15, 16, 10, 10, 17};
  const auto r = st::wilcoxon(before, after);
  CHECK(r.n == 7);
  CHECK(r.n_zero == 2);
  CHECK(r.w_plus == 22.0);  // 1 + 3 + 5 + 6 + 7
  CHECK(r.w_minus == 6.0);  // 2 + 4
  CHECK(r.exact);
  CHECK_FALSE(r.has_ties);
  // Subsets of {1..7} with sum ≤ 6: 1+1+1+2+2+3+4 = 14 of 128; p = 2·14/128.
  CHECK(r.p == 28.0 / 128.0);
  // z = (22 − 7·8/4) / √(7·8·15/24) = 8/√35
  CHECK_THAT(r.z, WithinRel(8.0 / std::sqrt(35.0), 1e-14));
  CHECK_THAT(r.r, WithinRel(r.z / std::sqrt(7.0), 1e-14));
}

TEST_CASE("wilcoxon: hand-worked tied example uses the normal approximation", "[stats]") {
  // d = {1, −1, 2, 2, 3, −3, 4}: ranks 1.5 1.5 3.5 3.5 5.5 5.5 7.
  const std::vector<double> before(7, 0.0);
  const std::vector<double> after{1, -1, 2, 2, 3, -3, 4};
  const auto r = st::wilcoxon(before, after);
  CHECK(r.n == 7);
  CHECK(r.n_zero == 0);
  CHECK(r.has_ties);
  CHECK_FALSE(r.exact);
  CHECK(r.w_plus == 21.0);  // 1.5 + 3.5 + 3.5 + 5.5 + 7
  CHECK(r.w_minus == 7.0);
  // Tie term Σ(t³ − t) = 3·6 = 18; σ² = (7·8·15 − 18/2)/24 = 34.625; z = 7/√34.625.
  const double z = 7.0 / std::sqrt(34.625);
  CHECK_THAT(r.z, WithinRel(z, 1e-14));
  CHECK_THAT(r.p, WithinRel(std::erfc(z / std::sqrt(2.0)), 1e-13));
  // scipy.stats.wilcoxon(d, correction=False, method="asymptotic").pvalue
  CHECK_THAT(r.p, WithinRel(0.23420128325876344, 1e-12));
}

TEST_CASE("wilcoxon: exact p equals brute-force enumeration", "[stats]") {
  for (int n = 1; n <= 12; ++n) {
    const int max_w = n * (n + 1) / 2;
    for (int w = 0; w <= max_w; ++w) {
      // Build d = ±1..±n with the positive ranks summing to w (greedy from the top).
      std::vector<double> after(n), before(n, 0.0);
      int rest = w;
      for (int k = n; k >= 1; --k) {
        const bool pos = k <= rest;
        if (pos) rest -= k;
        after[k - 1] = pos ? k : -k;
      }
      REQUIRE(rest == 0);
      const auto r = st::wilcoxon(before, after);
      REQUIRE(r.exact);
      REQUIRE(r.w_plus == w);
      REQUIRE(r.p == brute_force_exact_p(n, w));
    }
  }
}

TEST_CASE("wilcoxon: exact/approximate boundary and extremes", "[stats]") {
  std::vector<double> before(51, 0.0), after(51);
  for (int i = 0; i < 51; ++i) after[i] = i + 1;
  // 51 positive untied differences: normal approximation.
  auto r = st::wilcoxon(before, after);
  CHECK_FALSE(r.exact);
  CHECK(r.w_minus == 0.0);
  // 50 (one zero dropped): exact; all ranks positive, p = 2/2^50.
  after[50] = 0.0;
  r = st::wilcoxon(before, after);
  CHECK(r.exact);
  CHECK(r.n == 50);
  CHECK(r.n_zero == 1);
  CHECK(r.p == std::ldexp(1.0, -49));
  // Signs flipped: same p, opposite z and r.
  std::vector<double> neg(after);
  for (auto& a : neg) a = -a;
  const auto s = st::wilcoxon(before, neg);
  CHECK(s.p == r.p);
  CHECK(s.z == -r.z);
  CHECK(s.w_plus == r.w_minus);
  // W+ at its mean gives p = 1 (n = 3: {+1, +2, −3}, W+ = 3 = 3·4/4).
  const auto m = st::wilcoxon(std::vector<double>{0, 0, 0}, std::vector<double>{1, 2, -3});
  CHECK(m.p == 1.0);
  CHECK(m.z == 0.0);
}

TEST_CASE("wilcoxon: all differences zero", "[stats]") {
  const std::vector<double> v{4, 5, 6};
  const auto r = st::wilcoxon(v, v);
  CHECK(r.n == 0);
  CHECK(r.n_zero == 3);
  CHECK(r.w_plus == 0.0);
  CHECK(r.w_minus == 0.0);
  CHECK(r.exact);
  CHECK(r.p == 1.0);  // scipy method="exact"
  CHECK(std::isnan(r.z));
  CHECK(std::isnan(r.r));
}

TEST_CASE("wilcoxon: large n with ties against the formula", "[stats]") {
  // Likert-like integer scores: many ties and zeros, radix-sorted path.
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int> score(1, 5);
  const std::size_t n = 5000;
  std::vector<double> before(n), after(n);
  for (std::size_t i = 0; i < n; ++i) {
    before[i] = score(rng);
    after[i] = std::min(5, score(rng) + (i % 3 == 0));
  }
  const auto r = st::wilcoxon(before, after);
  // Recompute from counts of |d| = 1..4 per sign with the textbook formulas.
  std::int64_t pos[5] = {0}, neg[5] = {0}, zeros = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const int d = static_cast<int>(after[i] - before[i]);
    if (d == 0) ++zeros;
    else if (d > 0) ++pos[d];
    else ++neg[-d];
  }
  double w_plus = 0, tie = 0, start = 0;
  for (int k = 1; k <= 4; ++k) {
    const double t = static_cast<double>(pos[k] + neg[k]);
    w_plus += (start + (t + 1) / 2) * static_cast<double>(pos[k]);
    tie += t * t * t - t;
    start += t;
  }
  const double m = start;
  CHECK(r.n_zero == zeros);
  CHECK(r.n == static_cast<std::int64_t>(m));
  CHECK(r.w_plus == w_plus);
  CHECK(r.w_plus + r.w_minus == m * (m + 1) / 2);
  CHECK(r.has_ties);
  CHECK_FALSE(r.exact);
  const double z = (w_plus - m * (m + 1) / 4) / std::sqrt((m * (m + 1) * (2 * m + 1) - tie / 2) / 24);
  CHECK_THAT(r.z, WithinRel(z, 1e-12));
  CHECK_THAT(r.p, WithinRel(std::erfc(std::fabs(z) / std::sqrt(2.0)), 1e-10));
}

TEST_CASE("wilcoxon: radix sort ranks like std::sort", "[stats]") {
  // Continuous data of mixed sign and magnitude (including subnormal and huge |d|), n > 256.
  std::mt19937_64 rng(3);
  std::normal_distribution<double> nd(0.0, 1.0);
  const std::size_t n = 2000;
  std::vector<double> before(n, 0.0), after(n);
  for (auto& a : after) a = nd(rng) * std::exp(nd(rng) * 20.0);
  after[0] = 4.9e-324;
  after[1] = -1e300;
  const auto r = st::wilcoxon(before, after);
  std::vector<double> abs_d(n);
  for (std::size_t i = 0; i < n; ++i) abs_d[i] = std::fabs(after[i]);
  std::sort(abs_d.begin(), abs_d.end());
  double w_plus = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto rank = static_cast<double>(std::lower_bound(abs_d.begin(), abs_d.end(), std::fabs(after[i])) -
                                          abs_d.begin()) + 1.0;
    if (after[i] > 0) w_plus += rank;
  }
  CHECK_FALSE(r.has_ties);
  CHECK(r.w_plus == w_plus);
}

TEST_CASE("wilcoxon: validation", "[stats]") {
  require_validation([] { st::wilcoxon(std::vector<double>{1}, std::vector<double>{1, 2}); }, "after",
                     "same_length");
  require_validation([] { st::wilcoxon(std::vector<double>{}, std::vector<double>{}); }, "before", "min_size");
  require_validation([] { st::wilcoxon(std::vector<double>{1}, std::vector<double>{kNaN}); }, "after", "finite");
}

TEST_CASE("wilson score interval", "[stats]") {
  const double z = 1.959963984540054;  // scipy.stats.norm.ppf(0.975)
  // k = 0: low = 0, high = z²/(n + z²).
  auto w = st::wilson(0, 10);
  CHECK(w.low == 0.0);
  CHECK_THAT(w.high, WithinRel(z * z / (10 + z * z), 1e-14));
  // k = n mirrors k = 0.
  w = st::wilson(10, 10);
  CHECK(w.high == 1.0);
  CHECK_THAT(w.low, WithinRel(10 / (10 + z * z), 1e-14));
  // scipy.stats.binomtest(5, 10).proportion_ci(method="wilson") and (3, 40).
  w = st::wilson(5, 10);
  CHECK_THAT(w.low, WithinRel(0.236593090512564, 1e-12));
  CHECK_THAT(w.high, WithinRel(0.7634069094874361, 1e-12));
  w = st::wilson(3, 40);
  CHECK_THAT(w.low, WithinRel(0.025836025774588198, 1e-12));
  CHECK_THAT(w.high, WithinRel(0.19864233524310543, 1e-12));
  // Symmetry low(k, n) = 1 − high(n − k, n); a higher confidence widens it.
  const auto a = st::wilson(7, 23, 0.9), b = st::wilson(16, 23, 0.9);
  CHECK_THAT(a.low, WithinRel(1.0 - b.high, 1e-13));
  const auto c = st::wilson(7, 23, 0.99);
  CHECK(c.low < a.low);
  CHECK(c.high > a.high);
  require_validation([] { st::wilson(0, 0); }, "n", "positive");
  require_validation([] { st::wilson(-1, 5); }, "k", "range");
  require_validation([] { st::wilson(6, 5); }, "k", "range");
  require_validation([] { st::wilson(1, 5, 1.5); }, "confidence", "range");
}

TEST_CASE("reliable change (Jacobson-Truax)", "[stats]") {
  // 1.96 · 10 · √2 · √0.1 = 19.6 · √0.2
  CHECK_THAT(st::reliable_change_threshold(10.0, 0.9), WithinRel(19.6 * std::sqrt(0.2), 1e-14));
  CHECK(st::reliable_change_threshold(10.0, 1.0) == 0.0);
  CHECK(st::reliable_change_threshold(0.0, 0.5) == 0.0);
  require_validation([] { st::reliable_change_threshold(-1.0, 0.5); }, "sd_before", "non_negative");
  require_validation([] { st::reliable_change_threshold(kNaN, 0.5); }, "sd_before", "non_negative");
  require_validation([] { st::reliable_change_threshold(1.0, 1.1); }, "reliability", "range");
  require_validation([] { st::reliable_change_threshold(1.0, -0.1); }, "reliability", "range");

  // before = {10, 12, 14, 16, 18}: sd = √10; r = 0.8 → threshold = 1.96·√10·√2·√0.2 = 3.92.
  const std::vector<double> before{10, 12, 14, 16, 18};
  const std::vector<double> after{15, 12, 9, 16.5, 22};  // d = 5, 0, −5, 0.5, 4
  const auto r = st::reliable_change(before, after, 0.8);
  CHECK_THAT(r.sd_before, WithinRel(std::sqrt(10.0), 1e-14));
  CHECK_THAT(r.threshold, WithinRel(3.92, 1e-14));
  CHECK(r.n == 5);
  CHECK(r.improved == 2);
  CHECK(r.deteriorated == 1);
  CHECK(r.unchanged == 2);
  CHECK(r.share_improved == 0.4);
  CHECK(r.share_deteriorated == 0.2);
  CHECK(r.share_unchanged == 0.4);
  const auto lower_better = st::reliable_change(before, after, 0.8, false);
  CHECK(lower_better.improved == 1);
  CHECK(lower_better.deteriorated == 2);
  CHECK(lower_better.threshold == r.threshold);

  require_validation([] { st::reliable_change(std::vector<double>{1}, std::vector<double>{2}, 0.8); }, "before",
                     "min_size");
  require_validation([&] { st::reliable_change(before, std::vector<double>{1, 2}, 0.8); }, "after", "same_length");
  require_validation([&] { st::reliable_change(before, after, 2.0); }, "reliability", "range");
  require_validation([] { st::reliable_change(std::vector<double>{1, kNaN}, std::vector<double>{1, 2}, 0.8); },
                     "before", "finite");
}
