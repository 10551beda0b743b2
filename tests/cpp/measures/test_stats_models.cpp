// Tests of laycoach/stats_models.hpp. Reference values were computed with statsmodels 0.15
// (smf.ols("after ~ before + C(g)")) and scipy 1.17 (nct root-finding, ttest_ind(equal_var=False))
// on the ten pairs below and say so; the rest are relations that must hold. tests/python/
// test_stats_models.py checks many more datasets against statsmodels and scipy directly.
#include "laycoach/error.hpp"
#include "laycoach/stats.hpp"
#include "laycoach/stats_models.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace st = laycoach::stats;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

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

const std::vector<double> kBefore = {12, 15, 11, 18, 20, 14, 16, 13, 17, 19};
const std::vector<double> kAfter = {15, 17, 15, 19, 24, 15, 20, 14, 21, 22};
const std::vector<std::int32_t> kArm = {0, 0, 0, 0, 1, 1, 1, 1, 1, 1};
const std::vector<std::string> kArmLabels = {"c", "i"};

}  // namespace

TEST_CASE("ancova agrees with statsmodels on a worked example", "[stats][ancova]") {
  const st::Ancova r = st::ancova(kBefore, kAfter, kArm, kArmLabels);
  REQUIRE(r.coefficients.size() == 3);
  CHECK(r.coefficients[0].term == "Intercept");
  CHECK(r.coefficients[1].term == "before");
  CHECK(r.coefficients[2].term == "group[T.i]");
  CHECK(r.df_resid == 7);
  // statsmodels: params, bse, pvalues, conf_int (order Intercept, before, C(g)[T.i]).
  CHECK_THAT(r.coefficients[0].estimate, WithinRel(1.7740740740740648, 1e-12));
  CHECK_THAT(r.coefficients[1].estimate, WithinRel(1.0518518518518523, 1e-12));
  CHECK_THAT(r.coefficients[2].estimate, WithinRel(0.20370370370370505, 1e-12));
  CHECK_THAT(r.coefficients[0].se, WithinRel(2.655487664522194, 1e-12));
  CHECK_THAT(r.coefficients[1].se, WithinRel(0.18200442957486399, 1e-12));
  CHECK_THAT(r.coefficients[2].se, WithinRel(1.0670955560445194, 1e-12));
  CHECK_THAT(r.coefficients[0].p, WithinRel(5.254913233651390e-01, 1e-10));
  CHECK_THAT(r.coefficients[1].p, WithinRel(6.777610123655709e-04, 1e-10));
  CHECK_THAT(r.coefficients[2].p, WithinRel(8.540261015852919e-01, 1e-10));
  CHECK_THAT(r.coefficients[1].ci_low, WithinRel(0.6214797637818179, 1e-11));
  CHECK_THAT(r.coefficients[2].ci_high, WithinRel(2.7269837342934626, 1e-11));
  // Adjusted means: the reference group's adjusted change differs from the other's by the arm effect.
  REQUIRE(r.groups.size() == 2);
  CHECK(r.groups[0].group == "c");
  CHECK(r.groups[0].n == 4);
  CHECK_THAT(r.groups[1].adjusted_change - r.groups[0].adjusted_change, WithinRel(r.coefficients[2].estimate, 1e-12));
  CHECK_THAT(r.mean_before, WithinRel(15.5, 1e-15));
}

TEST_CASE("ancova without groups: slope cov/var, adjusted change the raw mean change", "[stats][ancova]") {
  const st::Ancova r = st::ancova(kBefore, kAfter);
  REQUIRE(r.coefficients.size() == 2);
  // statsmodels after ~ before: params, bse, rsquared, sqrt(scale).
  CHECK_THAT(r.coefficients[0].estimate, WithinRel(1.6666666666666785, 1e-12));
  CHECK_THAT(r.coefficients[1].estimate, WithinRel(1.0666666666666664, 1e-12));
  CHECK_THAT(r.coefficients[1].se, WithinRel(0.15439683882250899, 1e-12));
  CHECK_THAT(r.r_squared, WithinRel(0.856447688564477, 1e-12));
  CHECK_THAT(r.sigma, WithinRel(1.4023789311975086, 1e-12));
  REQUIRE(r.groups.size() == 1);
  CHECK(r.groups[0].group == "all");
  CHECK_THAT(r.groups[0].adjusted_change, WithinRel(st::paired_t(kBefore, kAfter).mean_diff, 1e-12));
  // SE of the prediction at the mean baseline is sigma / sqrt(n).
  CHECK_THAT(r.groups[0].se, WithinRel(r.sigma / std::sqrt(10.0), 1e-12));
}

TEST_CASE("compare_arms: Welch of change as scipy, the ANCOVA arm effect as statsmodels", "[stats][arms]") {
  const st::ArmComparison c = st::compare_arms(kBefore, kAfter, kArm, kArmLabels);
  CHECK(c.n_comparison == 4);
  CHECK(c.n_intervention == 6);
  // scipy.stats.ttest_ind(d[i], d[c], equal_var=False)
  CHECK_THAT(c.change.t, WithinRel(0.3779644730092274, 1e-12));
  CHECK_THAT(c.change.df, WithinRel(7.205882352941175, 1e-12));
  CHECK_THAT(c.change.p, WithinRel(0.716345311798011, 1e-10));
  CHECK_THAT(c.change.difference, WithinRel(c.mean_change_intervention - c.mean_change_comparison, 1e-15));
  CHECK(c.adjusted.term == "arm[T.i]");
  CHECK_THAT(c.adjusted.estimate, WithinRel(0.20370370370370505, 1e-12));
  CHECK(c.n_dropped == 0);
  // The Welch test is the one the evaluation engine uses for group-vs-rest differences.
  const st::WelchT w = st::welch_t(6, c.mean_change_intervention, std::pow(c.sd_change_intervention, 2), 4,
                                   c.mean_change_comparison, std::pow(c.sd_change_comparison, 2), 0.95);
  CHECK_THAT(w.t, WithinRel(c.change.t, 1e-12));
}

TEST_CASE("effect-size intervals: noncentral t for d_z, rescaled for d_av, J times for g", "[stats][effect]") {
  const st::EffectSizes e = st::effect_sizes(kBefore, kAfter);
  const st::PairedT pt = st::paired_t(kBefore, kAfter);
  CHECK(e.method == st::CiMethod::Analytic);
  CHECK(e.d_z.value == pt.d_z);
  CHECK(e.g_av.value == pt.g_av);
  // scipy: brentq on nct.sf / nct.cdf at t, df = 9.
  CHECK_THAT(e.d_z.low, WithinRel(0.8956730902748985, 1e-9));
  CHECK_THAT(e.d_z.high, WithinRel(3.1090980703538853, 1e-9));
  const double scale = pt.sd_diff / ((pt.sd_before + pt.sd_after) / 2.0);
  CHECK_THAT(e.d_av.low, WithinRel(e.d_z.low * scale, 1e-12));
  const double j = 1.0 - 3.0 / (4.0 * 9.0 - 1.0);
  CHECK_THAT(e.g_z.high, WithinRel(j * e.d_z.high, 1e-15));
  CHECK_THAT(e.g_av.low, WithinRel(j * e.d_av.low, 1e-15));
  // Swapping before and after mirrors the interval.
  const st::EffectSizes m = st::effect_sizes(kAfter, kBefore);
  CHECK_THAT(m.d_z.low, WithinRel(-e.d_z.high, 1e-9));
  CHECK_THAT(m.d_z.high, WithinRel(-e.d_z.low, 1e-9));
  // A higher confidence widens it.
  const st::EffectSizes w = st::effect_sizes(kBefore, kAfter, 0.99);
  CHECK(w.d_z.low < e.d_z.low);
  CHECK(w.d_z.high > e.d_z.high);
  // From summary figures: the same numbers (the evaluation engine's path).
  const st::EffectSizes s = st::effect_size_intervals(10, pt.mean_diff, pt.sd_diff, pt.sd_before, pt.sd_after);
  CHECK(s.d_z.low == e.d_z.low);
  CHECK(s.d_av.high == e.d_av.high);
}

TEST_CASE("effect-size intervals at large n stay finite and near the normal approximation", "[stats][effect]") {
  std::mt19937_64 rng(5);
  std::normal_distribution<double> z(0.0, 1.0);
  std::vector<double> b(20000), a(20000);
  for (std::size_t i = 0; i < b.size(); ++i) {
    b[i] = 20 + 4 * z(rng);
    a[i] = b[i] + 1.5 + 3 * z(rng);
  }
  const st::EffectSizes e = st::effect_sizes(b, a);
  REQUIRE(std::isfinite(e.d_z.low));
  // SE of d_z ≈ sqrt(1/n + d²/(2n)).
  const double se = std::sqrt(1.0 / 20000 + e.d_z.value * e.d_z.value / 40000);
  CHECK_THAT(e.d_z.high - e.d_z.low, WithinRel(2 * 1.959963984540054 * se, 1e-3));
}

TEST_CASE("bootstrap intervals are deterministic per seed and bracket the estimate", "[stats][bootstrap]") {
  st::BootstrapOptions o;
  o.resamples = 500;
  o.seed = 42;
  for (const st::CiMethod m : {st::CiMethod::Percentile, st::CiMethod::Bca}) {
    o.method = m;
    const st::EffectSizes e1 = st::effect_sizes_bootstrap(kBefore, kAfter, o);
    const st::EffectSizes e2 = st::effect_sizes_bootstrap(kBefore, kAfter, o);
    CHECK(e1.d_z.low == e2.d_z.low);
    CHECK(e1.d_av.high == e2.d_av.high);
    CHECK(e1.method == m);
    CHECK(e1.resamples == 500);
    CHECK(e1.d_z.low < e1.d_z.value);
    CHECK(e1.d_z.high > e1.d_z.value);
    CHECK_THAT(e1.g_av.low, WithinRel(e1.d_av.low * (1.0 - 3.0 / 35.0), 1e-15));
  }
  o.seed = 43;
  CHECK(st::effect_sizes_bootstrap(kBefore, kAfter, o).d_z.low !=
        st::effect_sizes_bootstrap(kBefore, kAfter, [] {
          st::BootstrapOptions p;
          p.resamples = 500;
          p.seed = 42;
          return p;
        }()).d_z.low);
}

TEST_CASE("NaN policies: propagate, omit, raise", "[stats][nan]") {
  std::vector<double> b = kBefore, a = kAfter;
  b[3] = kNaN;
  const st::Ancova p = st::ancova(b, a);
  CHECK(p.n == 10);
  CHECK(std::isnan(p.coefficients[1].estimate));
  const st::Ancova o = st::ancova(b, a, {}, {}, 0.95, st::NanPolicy::Omit);
  CHECK(o.n == 9);
  CHECK(o.n_dropped == 1);
  std::vector<double> b9 = kBefore, a9 = kAfter;
  b9.erase(b9.begin() + 3);
  a9.erase(a9.begin() + 3);
  CHECK(o.coefficients[1].estimate == st::ancova(b9, a9).coefficients[1].estimate);
  require_validation([&] { st::ancova(b, a, {}, {}, 0.95, st::NanPolicy::Raise); }, "before", "nan");
  std::vector<std::int32_t> arm = kArm;
  arm[0] = -1;  // a missing arm is a missing value too
  require_validation([&] { st::compare_arms(kBefore, kAfter, arm, {}, 0.95, st::NanPolicy::Raise); }, "arm", "nan");
  const st::ArmComparison c = st::compare_arms(kBefore, kAfter, arm, {}, 0.95, st::NanPolicy::Omit);
  CHECK(c.n_comparison == 3);
  CHECK(c.n_dropped == 1);
  CHECK(std::isnan(st::effect_sizes(b, a).d_z.low));
  CHECK(st::effect_sizes(b, a, 0.95, st::NanPolicy::Omit).n == 9);
  CHECK(std::string(st::to_string(st::NanPolicy::Omit)) == "omit");
  CHECK(st::parse_nan_policy("raise") == st::NanPolicy::Raise);
  CHECK_FALSE(st::parse_nan_policy("drop"));
  CHECK(st::parse_ci_method("bca") == st::CiMethod::Bca);
}

TEST_CASE("paired_t and wilcoxon take a NaN policy (scipy's ttest_rel / wilcoxon nan_policy)", "[stats][nan]") {
  std::vector<double> b = kBefore, a = kAfter;
  b[3] = kNaN;
  a[7] = kNaN;
  std::vector<double> b8, a8;  // the complete pairs
  for (std::size_t i = 0; i < b.size(); ++i)
    if (i != 3 && i != 7) {
      b8.push_back(b[i]);
      a8.push_back(a[i]);
    }
  const st::PairedT o = st::paired_t(b, a, 0.9, st::NanPolicy::Omit);
  const st::PairedT ref = st::paired_t(b8, a8, 0.9);
  CHECK(o.n == 8);
  CHECK(o.t == ref.t);
  CHECK(o.p == ref.p);
  CHECK(o.ci_low == ref.ci_low);
  const st::PairedT p = st::paired_t(b, a, 0.9, st::NanPolicy::Propagate);
  CHECK(p.n == 10);
  CHECK(p.confidence == 0.9);
  for (double x : {p.mean_diff, p.t, p.df, p.p, p.ci_low, p.ci_high, p.d_z, p.g_av}) CHECK(std::isnan(x));
  require_validation([&] { st::paired_t(b, a, 0.95, st::NanPolicy::Raise); }, "before", "nan");
  require_validation([&] { st::paired_t(b, a); }, "before", "finite");  // without a policy: as before

  const st::Wilcoxon wo = st::wilcoxon(b, a, st::NanPolicy::Omit);
  const st::Wilcoxon wr = st::wilcoxon(b8, a8);
  CHECK(wo.n == wr.n);
  CHECK(wo.w_plus == wr.w_plus);
  CHECK(wo.p == wr.p);
  const st::Wilcoxon wp = st::wilcoxon(b, a, st::NanPolicy::Propagate);
  CHECK(wp.n == 10);
  CHECK(wp.n_zero == 0);
  for (double x : {wp.w_plus, wp.w_minus, wp.z, wp.p, wp.r}) CHECK(std::isnan(x));
  b[3] = 1.0;
  require_validation([&] { st::wilcoxon(b, a, st::NanPolicy::Raise); }, "after", "nan");
  b[0] = kInf;
  require_validation([&] { st::wilcoxon(b, a, st::NanPolicy::Omit); }, "before", "finite");
}


TEST_CASE("reliable_change, mean and sd take a NaN policy", "[stats][nan]") {
  std::vector<double> b = kBefore, a = kAfter;
  b[3] = kNaN;
  a[7] = kNaN;
  std::vector<double> b8, a8;  // the complete pairs
  for (std::size_t i = 0; i < b.size(); ++i)
    if (i != 3 && i != 7) {
      b8.push_back(b[i]);
      a8.push_back(a[i]);
    }
  const st::ReliableChange o = st::reliable_change(b, a, 0.8, true, st::NanPolicy::Omit);
  const st::ReliableChange ref = st::reliable_change(b8, a8, 0.8, true);
  CHECK(o.n == 8);
  CHECK(o.threshold == ref.threshold);
  CHECK(o.improved == ref.improved);
  CHECK(o.deteriorated == ref.deteriorated);
  CHECK(o.share_unchanged == ref.share_unchanged);
  const st::ReliableChange p = st::reliable_change(b, a, 0.8, true, st::NanPolicy::Propagate);
  CHECK(p.n == 10);
  CHECK(p.reliability == 0.8);
  CHECK(p.improved + p.deteriorated + p.unchanged == 0);
  for (double x : {p.sd_before, p.threshold, p.share_improved, p.share_deteriorated, p.share_unchanged})
    CHECK(std::isnan(x));
  require_validation([&] { st::reliable_change(b, a, 0.8, true, st::NanPolicy::Raise); }, "before", "nan");
  require_validation([&] { st::reliable_change(b, a, 1.5, true, st::NanPolicy::Propagate); }, "reliability", "range");
  require_validation([&] { st::reliable_change(b, a, 0.8, true); }, "before", "finite");  // without a policy: as before

  CHECK(std::isnan(st::mean(b, st::NanPolicy::Propagate)));
  CHECK(std::isnan(st::sd(b, st::NanPolicy::Propagate)));
  std::vector<double> b9;
  for (double x : b)
    if (!std::isnan(x)) b9.push_back(x);
  CHECK(st::mean(b, st::NanPolicy::Omit) == st::mean(b9));
  CHECK(st::sd(b, st::NanPolicy::Omit) == st::sd(b9));
  CHECK(st::mean(kBefore, st::NanPolicy::Raise) == st::mean(kBefore));
  require_validation([&] { st::mean(b, st::NanPolicy::Raise); }, "values", "nan");
  require_validation([&] { st::sd(std::vector<double>{kNaN}, st::NanPolicy::Omit); }, "values", "min_size");
  require_validation([&] { st::mean(std::vector<double>{1.0, kInf}, st::NanPolicy::Omit); }, "values", "finite");
}
TEST_CASE("bad input gives exact errors", "[stats][errors]") {
  const std::vector<double> short_after(kAfter.begin(), kAfter.end() - 1);
  require_validation([&] { st::ancova(kBefore, short_after); }, "after", "same_length");
  require_validation([&] { st::effect_sizes(kBefore, short_after); }, "after", "same_length");
  require_validation([&] { st::compare_arms(kBefore, kAfter, std::vector<std::int32_t>(9, 0)); }, "arm", "same_length");
  require_validation([&] { st::compare_arms(kBefore, kAfter, std::vector<std::int32_t>(10, 2)); }, "arm", "code_range");
  require_validation([&] { st::compare_arms(kBefore, kAfter, std::vector<std::int32_t>(10, 1)); }, "arm", "empty_group");
  std::vector<std::int32_t> lone = kArm;
  lone[4] = 0;
  lone[5] = 0;
  lone[6] = 0;
  lone[7] = 0;
  lone[8] = 0;  // arm 1 has one pair
  require_validation([&] { st::compare_arms(kBefore, kAfter, lone); }, "arm", "min_size");
  const std::vector<std::string> three = {"a", "b", "c"};
  require_validation([&] { st::compare_arms(kBefore, kAfter, kArm, three); }, "labels", "size");
  const std::vector<std::string> one = {"a"};
  require_validation([&] { st::ancova(kBefore, kAfter, kArm, one); }, "labels", "min_size");
  require_validation([&] { st::ancova(kBefore, kAfter, kArm, three); }, "group", "empty_group");
  require_validation([&] { st::ancova(std::vector<double>{1, 2}, std::vector<double>{1, 3}); }, "before", "min_size");
  require_validation([&] { st::ancova(std::vector<double>(10, 4.0), kAfter); }, "before", "singular");
  std::vector<double> inf = kBefore;
  inf[2] = kInf;
  require_validation([&] { st::ancova(inf, kAfter, {}, {}, 0.95, st::NanPolicy::Omit); }, "before", "finite");
  require_validation([&] { st::effect_sizes(kBefore, kAfter, 1.0); }, "confidence", "range");
  require_validation([&] { st::effect_sizes(std::vector<double>{}, std::vector<double>{}); }, "before", "min_size");
  st::BootstrapOptions o;
  o.resamples = 99;
  require_validation([&] { st::effect_sizes_bootstrap(kBefore, kAfter, o); }, "resamples", "range");
  o.resamples = 1000;
  o.method = st::CiMethod::Analytic;
  require_validation([&] { st::effect_sizes_bootstrap(kBefore, kAfter, o); }, "method", "bootstrap_method");
  o.method = st::CiMethod::Bca;
  require_validation([&] { st::effect_sizes_bootstrap(std::vector<double>{1}, std::vector<double>{2}, o); }, "before",
                     "min_size");
}
