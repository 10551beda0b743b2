#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 1
#error "laycoach layering: a measures-layer header included from a lower layer"
#endif
/// \file stats.hpp
/// The statistics kernel for paired before/after evaluation (MEASURES.md, "Statistics for
/// before/after evaluation"): paired t-test with effect sizes, Wilcoxon signed-rank test,
/// Wilson score interval and Jacobson–Truax reliable change. Differences are always
/// d = after − before, so a positive mean difference means scores went up. Results match
/// scipy.stats (ttest_rel, wilcoxon, binomtest) to about 1e-12 relative; where scipy's
/// convention differs the field's comment says so.
///
/// Every function validates its input and throws laycoach::ValidationError with an empty
/// record and these fields/rules: "after"/"same_length" (arrays of different length),
/// "before"/"min_size" (too few pairs), "before" or "after"/"finite" (a NaN or ±inf value),
/// "confidence"/"range" (not strictly between 0 and 1), and the ones named per function.
/// No function keeps state; all are safe to call concurrently.

#include <cstdint>
#include <span>

namespace laycoach::stats {

/// Paired t-test of d = after − before, with descriptive statistics and effect sizes.
/// Degenerate cases follow scipy.stats.ttest_rel(after, before):
///  * n = 1: df = 0; every sd, t, p, the CI and all effect sizes are NaN.
///  * all differences equal and non-zero (sd_diff = 0): t = ±inf, p = 0, CI = [mean_diff,
///    mean_diff], d_z = g_z = ±inf.
///  * all differences zero: t = NaN, p = NaN, CI = [0, 0], d_z = g_z = NaN.
///  d_av is ±inf or NaN by the same IEEE rule when sd_before + sd_after = 0.
struct PairedT {
  std::int64_t n = 0;        ///< number of pairs
  double mean_before = 0;    ///< mean of before (score units)
  double sd_before = 0;      ///< sample sd (n − 1) of before; NaN when n = 1
  double mean_after = 0;     ///< mean of after (score units)
  double sd_after = 0;       ///< sample sd (n − 1) of after; NaN when n = 1
  double mean_diff = 0;      ///< mean of d = after − before (score units)
  double sd_diff = 0;        ///< sample sd (n − 1) of d; exactly 0 when all d are equal
  double confidence = 0.95;  ///< confidence level of [ci_low, ci_high]
  double ci_low = 0;         ///< lower end of the t-based CI of mean_diff
  double ci_high = 0;        ///< upper end of the t-based CI of mean_diff
  double t = 0;              ///< t statistic mean_diff / (sd_diff / √n); > 0 when after is higher
  double df = 0;             ///< degrees of freedom n − 1
  double p = 0;              ///< two-sided p-value
  double d_z = 0;            ///< Cohen's d_z = mean_diff / sd_diff
  double d_av = 0;           ///< Cohen's d_av = mean_diff / ((sd_before + sd_after) / 2)
  double g_z = 0;            ///< Hedges' g_z = J·d_z, J = 1 − 3/(4·df − 1) (J = 0 when df = 1)
  double g_av = 0;           ///< Hedges' g_av = J·d_av, same J
};

/// Wilcoxon signed-rank test of d = after − before. Zero differences are dropped (Wilcoxon's
/// method), tied |d| get average ranks. The p-value is exact (null distribution of W+ by
/// dynamic programming; scipy method="exact") when 1 ≤ n ≤ 50 and no |d| are tied, otherwise
/// the normal approximation with tie correction and no continuity correction (scipy
/// method="asymptotic", correction=False). When every difference is zero (n = 0) the exact
/// branch gives p = 1 and z = r = NaN, as scipy's method="exact" does.
struct Wilcoxon {
  std::int64_t n = 0;       ///< non-zero differences used
  std::int64_t n_zero = 0;  ///< zero differences dropped
  double w_plus = 0;        ///< sum of ranks of positive d (scipy's two-sided statistic is min(w_plus, w_minus))
  double w_minus = 0;       ///< sum of ranks of negative d; w_plus + w_minus = n(n+1)/2
  double z = 0;             ///< (w_plus − n(n+1)/4) / σ with tie-corrected σ, no continuity correction;
                            ///< signed (> 0 when after tends to be higher), also when the p is exact.
                            ///< scipy's two-sided zstatistic is −|z|.
  double p = 0;             ///< two-sided p-value (exact: 2·min(P(W+ ≤ w), P(W+ ≥ w)) capped at 1)
  double r = 0;             ///< effect size r = z / √n (signed like z)
  bool exact = false;       ///< true when p comes from the exact null distribution
  bool has_ties = false;    ///< true when some non-zero |d| are tied
};

/// A closed interval of proportions [low, high], both in [0, 1].
struct Interval {
  double low = 0;   ///< lower bound
  double high = 0;  ///< upper bound
};

/// Jacobson–Truax classification of each person's change.
struct ReliableChange {
  std::int64_t n = 0;             ///< number of pairs
  double sd_before = 0;           ///< sample sd (n − 1) of before used for the threshold (score units)
  double reliability = 0;         ///< reliability used (e.g. Cronbach's alpha or test–retest r)
  double threshold = 0;           ///< |after − before| must exceed this to count (score units)
  std::int64_t improved = 0;      ///< changed reliably in the good direction
  std::int64_t deteriorated = 0;  ///< changed reliably in the bad direction
  std::int64_t unchanged = 0;     ///< no reliable change (|d| ≤ threshold)
  double share_improved = 0;      ///< improved / n, in [0, 1]
  double share_deteriorated = 0;  ///< deteriorated / n, in [0, 1]
  double share_unchanged = 0;     ///< unchanged / n, in [0, 1]
};

/// Arithmetic mean (compensated sum). Throws ValidationError "values"/"min_size" when empty,
/// "values"/"finite" on NaN or ±inf.
double mean(std::span<const double> values);

/// Sample standard deviation (divisor n − 1, two-pass); NaN when size is 1, exactly 0 when all
/// values are equal. Throws as mean().
double sd(std::span<const double> values);

/// Paired t-test of after − before at the given two-sided confidence level. Throws
/// ValidationError on different lengths, n = 0, non-finite values or confidence ∉ (0, 1).
PairedT paired_t(std::span<const double> before, std::span<const double> after,
                 double confidence = 0.95);

/// Wilcoxon signed-rank test of after − before; O(n log n) time, O(n) extra memory. Throws
/// ValidationError on different lengths, n = 0 or non-finite values.
Wilcoxon wilcoxon(std::span<const double> before, std::span<const double> after);

/// Largest number of non-zero differences for which the Wilcoxon p is exact (when untied).
inline constexpr std::int64_t kWilcoxonExactMaxN = 50;

/// The Wilcoxon result from ranks already summed, for callers that rank by counting (the
/// evaluation engine): n non-zero differences, w_plus = sum of the positive ranks (average ranks
/// for ties), tie_term = Σ(t³ − t) over groups of tied |d|. The one place the test's p, z and r
/// are computed (wilcoxon() calls it too). Throws only std::bad_alloc.
Wilcoxon wilcoxon_from_ranks(std::int64_t n, double w_plus, double tie_term, bool has_ties,
                             std::int64_t n_zero = 0);

/// Wilson score interval (no continuity correction) for k successes out of n at the given
/// confidence; low = 0 exactly when k = 0 and high = 1 exactly when k = n. Throws
/// ValidationError "n"/"positive" when n ≤ 0, "k"/"range" unless 0 ≤ k ≤ n, and on confidence.
Interval wilson(std::int64_t k, std::int64_t n, double confidence = 0.95);
/// The Wilson score interval of a share p observed in n people (n need not be whole: used for
/// released shares, docs/disclosure.md). Throws ValidationError "n"/"positive", "p"/"range",
/// "confidence"/"range".
Interval wilson_share(double p, double n, double confidence = 0.95);

/// A ratio of two proportions with its confidence interval.
struct RatioInterval {
  double ratio = 0;  ///< (a / n1) / (c / n2)
  double low = 0;    ///< lower end of the interval
  double high = 0;   ///< upper end of the interval
};

/// Relative risk (a / n1) / (c / n2) of two independent binomial proportions with Katz's log
/// interval (Katz, Baptista, Azen & Pike 1978, Biometrics 34:469–474): exp(ln RR ± z·SE),
/// SE = √(1/a − 1/n1 + 1/c − 1/n2). Term for term as scipy.stats.contingency.relative_risk(a, n1,
/// c, n2).confidence_interval(confidence): a = 0 gives ratio 0 and [0, NaN]; c = 0 gives ratio
/// +inf and [NaN, +inf]; both 0 give NaN. Throws ValidationError "n1" or "n2"/"positive" when
/// a total is <= 0, "a" or "c"/"range" unless 0 <= a <= n1 (0 <= c <= n2), and on confidence.
RatioInterval katz_relative_risk(std::int64_t a, std::int64_t n1, std::int64_t c, std::int64_t n2,
                                 double confidence = 0.95);

/// Jacobson–Truax reliable change index threshold 1.96·sd_before·√2·√(1 − reliability), in score
/// units. Throws ValidationError "sd_before"/"non_negative" unless sd_before is finite and ≥ 0,
/// "reliability"/"range" unless 0 ≤ reliability ≤ 1.
double reliable_change_threshold(double sd_before, double reliability);

/// Counts people whose |after − before| exceeds reliable_change_threshold(sd(before),
/// reliability); a rise is an improvement when higher_is_better, a fall otherwise. Throws
/// ValidationError on different lengths, n < 2 ("before"/"min_size"), non-finite values or a
/// reliability outside [0, 1].
ReliableChange reliable_change(std::span<const double> before, std::span<const double> after,
                               double reliability, bool higher_is_better = true);

}  // namespace laycoach::stats
