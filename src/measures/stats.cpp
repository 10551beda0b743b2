#include "laycoach/stats.hpp"

#include "laycoach/error.hpp"

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace laycoach::stats {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
// Largest n for which the exact null distribution is used (fixed by the issue; also keeps
// every count below 2^53 so the exact tail sums are exact in a double).
constexpr std::int64_t kExactMaxN = kWilcoxonExactMaxN;

void check_confidence(double confidence) {
  if (!(confidence > 0.0 && confidence < 1.0))
    throw ValidationError("", "confidence", "range"_rule,
                          "confidence must be strictly between 0 and 1, got " + std::to_string(confidence));
}

void check_same_length(std::span<const double> before, std::span<const double> after) {
  if (before.size() != after.size())
    throw ValidationError("", "after", "same_length"_rule,
                          "before has " + std::to_string(before.size()) + " values but after has " +
                              std::to_string(after.size()));
}

void check_min_size(std::size_t n, std::size_t min, const char* field) {
  if (n < min)
    throw ValidationError("", ErrorField(field), "min_size"_rule,
                          "need at least " + std::to_string(min) + " value" + (min == 1 ? "" : "s") +
                              ", got " + std::to_string(n));
}

[[noreturn]] void throw_not_finite(const char* field, std::size_t i, double v) {
  throw ValidationError("", ErrorField(field), "finite"_rule,
                        "value at index " + std::to_string(i) + " is not finite (" + std::to_string(v) + ")");
}

// First non-finite value of a span, reported with its index. Separate from the hot loops so
// those stay branch-light; the extra pass is cheap next to the work it guards.
void check_finite(std::span<const double> v, const char* field) {
  for (std::size_t i = 0; i < v.size(); ++i)
    if (!std::isfinite(v[i])) throw_not_finite(field, i, v[i]);
}

// Branch-free compensated sum (Knuth's TwoSum): error O(eps) independent of n, so means stay
// accurate to the last bits even for 10^6 values of mixed magnitude.
struct CompensatedSum {
  double s = 0.0, c = 0.0;
  void add(double x) {
    const double t = s + x;
    const double bp = t - s;
    c += (s - (t - bp)) + (x - bp);
    s = t;
  }
  double value() const { return s + c; }
};

// Accumulates one variable: compensated sum and whether every value equals the first (so a
// constant column gets sd exactly 0 and mean exactly its value, not a rounding residue).
struct Column {
  CompensatedSum sum;
  double first = 0.0;
  bool constant = true;
  void add(double x) {
    sum.add(x);
    constant = constant && (x == first);
  }
};

// Second pass state: corrected two-pass variance (Chan, Golub & LeVeque), robust to a large
// mean relative to the spread.
struct Spread {
  double m = 0.0, dev = 0.0, dev2 = 0.0;
  void add(double x) {
    const double e = x - m;
    dev += e;
    dev2 += e * e;
  }
  double sd(std::size_t n) const {
    const double nn = static_cast<double>(n);
    const double var = (dev2 - dev * dev / nn) / (nn - 1.0);
    return std::sqrt(std::max(var, 0.0));
  }
};

double mean_of(const Column& c, std::size_t n) {
  return c.constant ? c.first : c.sum.value() / static_cast<double>(n);
}

// Two-sided p of a t statistic with df > 0 degrees of freedom.
double t_two_sided_p(double t, double df) {
  if (std::isnan(t)) return kNaN;
  if (std::isinf(t)) return 0.0;
  const boost::math::students_t dist(df);
  const double p = 2.0 * boost::math::cdf(boost::math::complement(dist, std::fabs(t)));
  return std::min(p, 1.0);
}

// Two-sided p of a standard normal statistic.
double normal_two_sided_p(double z) {
  if (std::isnan(z)) return kNaN;
  if (std::isinf(z)) return 0.0;
  const boost::math::normal dist;
  return std::min(2.0 * boost::math::cdf(dist, -std::fabs(z)), 1.0);
}

// LSD radix sort of 64-bit keys, 8-bit digits; digits on which all keys agree are skipped
// (the top bits of |d| often are). About 2x faster than std::sort at 10^6 random keys, more
// for integer-valued scores.
void radix_sort(std::vector<std::uint64_t>& keys) {
  constexpr int kBits = 8;
  constexpr int kPasses = (64 + kBits - 1) / kBits;
  constexpr std::size_t kBuckets = std::size_t{1} << kBits;
  const std::size_t n = keys.size();
  std::vector<std::array<std::size_t, kBuckets>> hist(kPasses);
  for (auto& h : hist) h.fill(0);
  for (const std::uint64_t k : keys)
    for (int p = 0; p < kPasses; ++p) ++hist[p][(k >> (p * kBits)) & (kBuckets - 1)];
  std::vector<std::uint64_t> buf(n);
  for (int p = 0; p < kPasses; ++p) {
    auto& h = hist[p];
    if (std::any_of(h.begin(), h.end(), [n](std::size_t c) { return c == n; })) continue;
    std::size_t offset = 0;
    for (auto& c : h) {
      const std::size_t count = c;
      c = offset;
      offset += count;
    }
    const int shift = p * kBits;
    for (const std::uint64_t k : keys) buf[h[(k >> shift) & (kBuckets - 1)]++] = k;
    keys.swap(buf);
  }
}

// Exact two-sided p of the signed-rank statistic w (an integer) for n ≤ kExactMaxN untied
// ranks: counts of subsets of {1..n} by sum, then 2·min(lower tail, upper tail) / 2^n capped at
// 1 — the definition scipy uses for method="exact" (its pmf is the same count / 2^n).
double wilcoxon_exact_p(std::int64_t n, double w) {
  const std::int64_t max_sum = n * (n + 1) / 2;
  std::vector<std::uint64_t> count(static_cast<std::size_t>(max_sum) + 1, 0);
  count[0] = 1;
  for (std::int64_t k = 1; k <= n; ++k) {
    const std::int64_t top = k * (k + 1) / 2;
    for (std::int64_t s = top; s >= k; --s) count[s] += count[s - k];
  }
  const auto wi = static_cast<std::int64_t>(w);
  std::uint64_t lower = 0, upper = 0;
  for (std::int64_t s = 0; s <= max_sum; ++s) {
    if (s <= wi) lower += count[s];
    if (s >= wi) upper += count[s];
  }
  // Both tails are < 2^51, exact in a double; the power of two keeps the division exact.
  const double p = std::ldexp(static_cast<double>(std::min(lower, upper)), static_cast<int>(1 - n));
  return std::min(p, 1.0);
}

}  // namespace

double mean(std::span<const double> values) {
  check_min_size(values.size(), 1, "values");
  check_finite(values, "values");
  Column c;
  c.first = values[0];
  for (const double x : values) c.add(x);
  return mean_of(c, values.size());
}

double sd(std::span<const double> values) {
  const double m = mean(values);
  if (values.size() < 2) return kNaN;
  Spread s;
  s.m = m;
  bool constant = true;
  for (const double x : values) {
    s.add(x);
    constant = constant && (x == values[0]);
  }
  return constant ? 0.0 : s.sd(values.size());
}

PairedT paired_t(std::span<const double> before, std::span<const double> after, double confidence) {
  check_same_length(before, after);
  check_min_size(before.size(), 1, "before");
  check_confidence(confidence);
  check_finite(before, "before");
  check_finite(after, "after");
  const std::size_t n = before.size();

  Column cb, ca, cd;
  cb.first = before[0];
  ca.first = after[0];
  cd.first = after[0] - before[0];
  for (std::size_t i = 0; i < n; ++i) {
    const double b = before[i], a = after[i];
    cb.add(b);
    ca.add(a);
    cd.add(a - b);
  }

  PairedT r;
  r.n = static_cast<std::int64_t>(n);
  r.confidence = confidence;
  r.mean_before = mean_of(cb, n);
  r.mean_after = mean_of(ca, n);
  r.mean_diff = mean_of(cd, n);
  r.df = static_cast<double>(n) - 1.0;

  if (n == 1) {
    r.sd_before = r.sd_after = r.sd_diff = kNaN;
    r.ci_low = r.ci_high = r.t = r.p = kNaN;
    r.d_z = r.d_av = r.g_z = r.g_av = kNaN;
    return r;
  }

  Spread sb, sa, sdf;
  sb.m = r.mean_before;
  sa.m = r.mean_after;
  sdf.m = r.mean_diff;
  for (std::size_t i = 0; i < n; ++i) {
    const double b = before[i], a = after[i];
    sb.add(b);
    sa.add(a);
    sdf.add(a - b);
  }
  r.sd_before = cb.constant ? 0.0 : sb.sd(n);
  r.sd_after = ca.constant ? 0.0 : sa.sd(n);
  r.sd_diff = cd.constant ? 0.0 : sdf.sd(n);

  // IEEE division gives the documented degenerate results: ±inf for a non-zero mean over a
  // zero sd, NaN for 0/0 — the same as scipy.stats.ttest_rel.
  const double se = r.sd_diff / std::sqrt(static_cast<double>(n));
  r.t = r.mean_diff / se;
  r.p = t_two_sided_p(r.t, r.df);
  const boost::math::students_t dist(r.df);
  const double t_crit = boost::math::quantile(boost::math::complement(dist, (1.0 - confidence) / 2.0));
  r.ci_low = r.mean_diff - t_crit * se;
  r.ci_high = r.mean_diff + t_crit * se;

  r.d_z = r.mean_diff / r.sd_diff;
  r.d_av = r.mean_diff / ((r.sd_before + r.sd_after) / 2.0);
  const double j = 1.0 - 3.0 / (4.0 * r.df - 1.0);
  r.g_z = j * r.d_z;
  r.g_av = j * r.d_av;
  return r;
}

Wilcoxon wilcoxon(std::span<const double> before, std::span<const double> after) {
  check_same_length(before, after);
  check_min_size(before.size(), 1, "before");
  check_finite(before, "before");
  check_finite(after, "after");

  // Key = bits of |d| (non-negative doubles order like their bit patterns) shifted left, with
  // the sign of d in bit 0: one integer sort groups tied |d| and, inside a group, puts the
  // negatives first. |d| < 2^1024 so bit 63 of its pattern is 0 and the shift loses nothing.
  std::vector<std::uint64_t> keys;
  keys.reserve(before.size());
  std::int64_t n_zero = 0;
  for (std::size_t i = 0; i < before.size(); ++i) {
    const double d = after[i] - before[i];
    if (d == 0.0) {
      ++n_zero;
      continue;
    }
    const std::uint64_t bits = std::bit_cast<std::uint64_t>(std::fabs(d));
    keys.push_back((bits << 1) | (d > 0.0 ? 1u : 0u));
  }
  if (keys.size() > 256)
    radix_sort(keys);
  else
    std::sort(keys.begin(), keys.end());

  const std::size_t n = keys.size();
  double w_plus = 0.0;        // half-integers below 2^53: summed exactly
  double tie_term = 0.0;      // Σ (t³ − t) over groups of tied |d|
  bool has_ties = false;
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i + 1;
    while (j < n && (keys[j] >> 1) == (keys[i] >> 1)) ++j;
    std::size_t positives = 0;
    for (std::size_t k = i; k < j; ++k) positives += keys[k] & 1u;
    const double avg_rank = (static_cast<double>(i) + static_cast<double>(j) + 1.0) / 2.0;
    w_plus += avg_rank * static_cast<double>(positives);
    if (j - i > 1) {
      has_ties = true;
      const double t = static_cast<double>(j - i);
      tie_term += t * t * t - t;
    }
    i = j;
  }

  return wilcoxon_from_ranks(static_cast<std::int64_t>(n), w_plus, tie_term, has_ties, n_zero);
}

Wilcoxon wilcoxon_from_ranks(std::int64_t n, double w_plus, double tie_term, bool has_ties,
                             std::int64_t n_zero) {
  Wilcoxon r;
  r.n = n;
  r.n_zero = n_zero;
  r.has_ties = has_ties;
  const double nn = static_cast<double>(n);
  r.w_plus = w_plus;
  r.w_minus = nn * (nn + 1.0) / 2.0 - w_plus;
  // Same operation order as scipy, so z agrees to the last bits.
  const double expected = nn * (nn + 1.0) * 0.25;
  const double sigma = std::sqrt((nn * (nn + 1.0) * (2.0 * nn + 1.0) - tie_term / 2.0) / 24.0);
  r.z = (w_plus - expected) / sigma;
  r.r = r.z / std::sqrt(nn);
  r.exact = r.n <= kExactMaxN && !has_ties;
  r.p = r.exact ? wilcoxon_exact_p(r.n, w_plus) : normal_two_sided_p(r.z);
  return r;
}

Interval wilson(std::int64_t k, std::int64_t n, double confidence) {
  if (n <= 0) throw ValidationError("", "n", "positive"_rule, "n must be > 0, got " + std::to_string(n));
  if (k < 0 || k > n)
    throw ValidationError("", "k", "range"_rule,
                          "k must be in [0, n] = [0, " + std::to_string(n) + "], got " + std::to_string(k));
  const Interval w = wilson_share(static_cast<double>(k) / static_cast<double>(n), static_cast<double>(n), confidence);
  return {k == 0 ? 0.0 : w.low, k == n ? 1.0 : w.high};
}

Interval wilson_share(double p, double n, double confidence) {
  if (!(n > 0) || !std::isfinite(n)) throw ValidationError("", "n", "positive"_rule, "n must be > 0, got " + std::to_string(n));
  if (!(p >= 0.0 && p <= 1.0))
    throw ValidationError("", "p", "range"_rule, "p must be in [0, 1], got " + std::to_string(p));
  check_confidence(confidence);
  // Newcombe (1998) form, term for term as scipy.stats.binomtest(...).proportion_ci("wilson").
  const double z = boost::math::quantile(boost::math::normal(), 0.5 + 0.5 * confidence);
  const double nn = n;
  const double q = 1.0 - p;
  const double denom = 2.0 * (nn + z * z);
  const double center = (2.0 * nn * p + z * z) / denom;
  const double delta = z / denom * std::sqrt(4.0 * nn * p * q + z * z);
  return {center - delta, center + delta};
}

RatioInterval katz_relative_risk(std::int64_t a, std::int64_t n1, std::int64_t c, std::int64_t n2,
                                 double confidence) {
  if (n1 <= 0) throw ValidationError("", "n1", "positive"_rule, "n1 must be > 0, got " + std::to_string(n1));
  if (n2 <= 0) throw ValidationError("", "n2", "positive"_rule, "n2 must be > 0, got " + std::to_string(n2));
  if (a < 0 || a > n1)
    throw ValidationError("", "a", "range"_rule, "a must be in [0, n1] = [0, " + std::to_string(n1) + "], got " + std::to_string(a));
  if (c < 0 || c > n2)
    throw ValidationError("", "c", "range"_rule, "c must be in [0, n2] = [0, " + std::to_string(n2) + "], got " + std::to_string(c));
  check_confidence(confidence);
  const double p1 = static_cast<double>(a) / static_cast<double>(n1);
  const double p2 = static_cast<double>(c) / static_cast<double>(n2);
  if (a == 0 && c == 0) return {kNaN, kNaN, kNaN};
  if (a == 0) return {0.0, 0.0, kNaN};
  if (c == 0) return {kInf, kNaN, kInf};
  const double rr = p1 / p2;
  const double se = std::sqrt(1.0 / static_cast<double>(a) - 1.0 / static_cast<double>(n1) +
                              1.0 / static_cast<double>(c) - 1.0 / static_cast<double>(n2));
  const double z = boost::math::quantile(boost::math::normal(), 0.5 + 0.5 * confidence);
  const double l = std::log(rr);
  return {rr, std::exp(l - z * se), std::exp(l + z * se)};
}

double reliable_change_threshold(double sd_before, double reliability) {
  if (!(std::isfinite(sd_before) && sd_before >= 0.0))
    throw ValidationError("", "sd_before", "non_negative"_rule,
                          "sd_before must be finite and >= 0, got " + std::to_string(sd_before));
  if (!(reliability >= 0.0 && reliability <= 1.0))
    throw ValidationError("", "reliability", "range"_rule,
                          "reliability must be in [0, 1], got " + std::to_string(reliability));
  return 1.96 * sd_before * std::sqrt(2.0) * std::sqrt(1.0 - reliability);
}

ReliableChange reliable_change(std::span<const double> before, std::span<const double> after,
                               double reliability, bool higher_is_better) {
  check_same_length(before, after);
  check_min_size(before.size(), 2, "before");
  check_finite(before, "before");
  check_finite(after, "after");
  ReliableChange r;
  r.n = static_cast<std::int64_t>(before.size());
  r.sd_before = sd(before);
  r.reliability = reliability;
  r.threshold = reliable_change_threshold(r.sd_before, reliability);
  std::int64_t up = 0, down = 0;
  for (std::size_t i = 0; i < before.size(); ++i) {
    const double d = after[i] - before[i];
    up += d > r.threshold;
    down += d < -r.threshold;
  }
  r.improved = higher_is_better ? up : down;
  r.deteriorated = higher_is_better ? down : up;
  r.unchanged = r.n - up - down;
  const double nn = static_cast<double>(r.n);
  r.share_improved = static_cast<double>(r.improved) / nn;
  r.share_deteriorated = static_cast<double>(r.deteriorated) / nn;
  r.share_unchanged = static_cast<double>(r.unchanged) / nn;
  return r;
}

}  // namespace laycoach::stats
