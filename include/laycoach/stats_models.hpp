#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 1
#error "laycoach layering: a measures-layer header included from a lower layer"
#endif
/// \file stats_models.hpp
/// Beyond pre/post (docs/statistics.md): confidence intervals for the paired effect sizes
/// (analytic and bootstrap), baseline-adjusted change (ANCOVA: after regressed on before, plus
/// group indicators) and the comparison of change between two arms (Welch t of change scores
/// and the ANCOVA arm effect). Conventions are those of stats.hpp: d = after − before; errors
/// are laycoach::ValidationError with an empty record and the field/rule named per function.
///
/// Missing values: NaN in before or after (and code −1 in a group or arm) is a missing value,
/// handled by a NanPolicy as scipy's nan_policy: Propagate (default) returns the result with
/// every statistic NaN (n counts all rows), Omit drops the rows with a missing value (counted in
/// n_dropped), Raise throws ValidationError "<field>"/"nan". ±inf is always an error
/// ("<field>"/"finite"). No function keeps state; all are safe to call concurrently.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "laycoach/stats.hpp"

namespace laycoach::stats {

/// What a function does with missing values (NaN, or group code −1), as scipy's nan_policy.
enum class NanPolicy {
  Propagate,  ///< any missing value makes every statistic NaN
  Omit,       ///< rows with a missing value are dropped
  Raise       ///< a missing value throws ValidationError "<field>"/"nan"
};
/// "propagate", "omit", "raise".
const char* to_string(NanPolicy p) noexcept;
/// Parses the names above; nullopt if unknown.
std::optional<NanPolicy> parse_nan_policy(std::string_view s) noexcept;

/// An estimate with its confidence interval [low, high] (NaN when not computable).
struct Estimate {
  double value = 0;  ///< point estimate
  double low = 0;    ///< lower confidence limit
  double high = 0;   ///< upper confidence limit
};

/// How an effect-size interval was computed.
enum class CiMethod {
  Analytic,    ///< noncentral t (d_z exact; d_av by Algina & Keselman's approximation)
  Percentile,  ///< percentile bootstrap of resampled pairs
  Bca          ///< bias-corrected and accelerated bootstrap (Efron 1987), jackknife acceleration
};
/// "analytic", "percentile", "bca".
const char* to_string(CiMethod m) noexcept;
/// Parses the names above; nullopt if unknown.
std::optional<CiMethod> parse_ci_method(std::string_view s) noexcept;

/// The paired effect sizes with confidence intervals (docs/statistics.md for the formulas).
/// Point estimates are exactly paired_t's; the Hedges-corrected intervals are J times the
/// uncorrected ones (J = 1 − 3/(4·df − 1) > 0, so the ordering is kept).
struct EffectSizes {
  std::int64_t n = 0;          ///< pairs used
  std::int64_t n_dropped = 0;  ///< pairs dropped for a missing value (NanPolicy::Omit)
  double confidence = 0.95;    ///< two-sided confidence level of every interval
  CiMethod method = CiMethod::Analytic;  ///< how the intervals were computed
  std::int64_t resamples = 0;  ///< bootstrap resamples (0 for Analytic)
  std::uint64_t seed = 0;      ///< bootstrap seed (0 for Analytic)
  Estimate d_z;                ///< Cohen's d_z = mean(d) / sd(d)
  Estimate d_av;               ///< Cohen's d_av = mean(d) / ((sd_before + sd_after) / 2)
  Estimate g_z;                ///< Hedges' g_z = J·d_z
  Estimate g_av;               ///< Hedges' g_av = J·d_av
};

/// Analytic intervals from summary figures (the one implementation: effect_sizes() and the
/// evaluation report's released figures both call it). The noncentral-t parameter λ of
/// t = mean_diff / (sd_diff/√n), df = n − 1, is inverted at (1 ± confidence)/2; d_z's limits
/// are λ/√n, d_av's λ·sd_diff / (√n·(sd_before + sd_after)/2). NaN limits when n < 2, an SD is
/// not finite, sd_diff = 0 or the SDs sum to 0. Throws ValidationError "confidence"/"range".
EffectSizes effect_size_intervals(double n, double mean_diff, double sd_diff, double sd_before, double sd_after,
                                  double confidence = 0.95);

/// Effect sizes of after − before with analytic intervals. Throws ValidationError
/// "after"/"same_length", "before"/"min_size" (no pairs), "before"|"after"/"finite" (±inf),
/// "before"|"after"/"nan" (NanPolicy::Raise), "confidence"/"range".
EffectSizes effect_sizes(std::span<const double> before, std::span<const double> after, double confidence = 0.95,
                         NanPolicy nan_policy = NanPolicy::Propagate);

/// paired_t with scipy's nan_policy (scipy.stats.ttest_rel(after, before, nan_policy=...)):
/// Propagate gives n = every pair and every other figure NaN when a value is NaN; Omit drops the
/// pairs with a NaN on either side; Raise throws ValidationError "before"|"after"/"nan". Throws
/// as paired_t otherwise ("before"|"after"/"finite" for ±inf; "before"/"min_size" when no pair
/// is left).
PairedT paired_t(std::span<const double> before, std::span<const double> after, double confidence,
                 NanPolicy nan_policy);

/// wilcoxon with scipy's nan_policy (scipy.stats.wilcoxon(after, before, nan_policy=...)):
/// Propagate gives n = every pair, n_zero = 0 and w_plus, w_minus, z, p, r NaN when a value is
/// NaN; Omit drops the pairs with a NaN on either side; Raise throws "before"|"after"/"nan".
/// Throws as wilcoxon otherwise.
Wilcoxon wilcoxon(std::span<const double> before, std::span<const double> after, NanPolicy nan_policy);

/// reliable_change with scipy's nan_policy: Propagate gives n = every pair, sd_before, threshold
/// and the three shares NaN and every count 0 when a value is NaN (no one can be classified);
/// Omit drops the pairs with a NaN on either side; Raise throws "before"|"after"/"nan". Throws
/// as reliable_change otherwise ("before"|"after"/"finite" for ±inf, "before"/"min_size" when
/// fewer than 2 pairs are left, "reliability"/"range").
ReliableChange reliable_change(std::span<const double> before, std::span<const double> after, double reliability,
                               bool higher_is_better, NanPolicy nan_policy);

/// mean with scipy's nan_policy: Propagate returns NaN when a value is NaN, Omit drops NaN,
/// Raise throws "values"/"nan". Throws "values"/"finite" for ±inf and "values"/"min_size" when
/// no value is left.
double mean(std::span<const double> values, NanPolicy nan_policy);

/// sd (divisor n − 1) with scipy's nan_policy, as mean(values, nan_policy); NaN for one value.
double sd(std::span<const double> values, NanPolicy nan_policy);

/// Options of the bootstrap of effect sizes.
struct BootstrapOptions {
  CiMethod method = CiMethod::Bca;   ///< Percentile or Bca
  std::int64_t resamples = 2000;     ///< number of resamples, >= 100
  std::uint64_t seed = 0;            ///< the resampling stream (same seed, same interval)
  double confidence = 0.95;          ///< in (0, 1)
};

/// Effect sizes with bootstrap intervals: pairs are resampled with replacement, index
/// = ⌊u·n⌋ with u = (x >> 11)·2⁻⁵³ and x the successive outputs of splitmix64 started at `seed`
/// (docs/statistics.md), resample by resample, pair by pair. Percentile limits are linear
/// interpolations (numpy's default) at (1 ∓ confidence)/2; BCa as scipy.stats.bootstrap.
/// A resample with a NaN statistic (sd 0 and mean 0) makes that interval NaN. Throws as
/// effect_sizes(), "before"/"min_size" for fewer than 2 pairs, "resamples"/"range" (< 100 or
/// > 10^7), "method"/"bootstrap_method" for Analytic.
EffectSizes effect_sizes_bootstrap(std::span<const double> before, std::span<const double> after,
                                   const BootstrapOptions& options = {},
                                   NanPolicy nan_policy = NanPolicy::Propagate);

/// Welch's two-sample t-test of means (unequal variances, Welch–Satterthwaite df) from summary
/// figures: the one implementation (compare_arms and the evaluation engine's group-vs-rest tests).
struct WelchT {
  double difference = 0;  ///< mean1 − mean2
  double se = 0;          ///< standard error of the difference
  double ci_low = 0;      ///< t-based CI of the difference
  double ci_high = 0;     ///< upper end
  double t = 0;           ///< difference / se
  double df = 0;          ///< Welch–Satterthwaite degrees of freedom
  double p = 0;           ///< two-sided p-value
};
/// Welch t of group 1 against group 2 from n, mean and sample variance of each; every figure but
/// the difference is NaN when a group has fewer than 2 values (the difference NaN for none).
/// Throws nothing (confidence is the caller's, already checked).
WelchT welch_t(double n1, double mean1, double var1, double n2, double mean2, double var2, double confidence);

/// One coefficient of a least-squares fit, with its t-test and CI (df = the fit's residual df).
struct Coefficient {
  std::string term;    ///< "Intercept", "before", "group[T.<label>]" (statsmodels' names)
  double estimate = 0; ///< least-squares estimate
  double se = 0;       ///< standard error (residual variance × (XᵀX)⁻¹)
  double t = 0;        ///< estimate / se
  double p = 0;        ///< two-sided p-value
  double ci_low = 0;   ///< t-based CI
  double ci_high = 0;  ///< upper end
};

/// A group's baseline-adjusted figures: the model's follow-up at the overall mean baseline.
struct AdjustedMean {
  std::string group;         ///< group label ("all" without groups)
  std::int64_t n = 0;        ///< pairs of the group
  double mean_before = 0;    ///< the group's raw baseline mean
  double mean_after = 0;     ///< the group's raw follow-up mean
  double adjusted_after = 0; ///< predicted follow-up at the overall mean baseline
  double adjusted_change = 0;  ///< adjusted_after − overall mean baseline
  double se = 0;             ///< standard error of adjusted_after (and of adjusted_change)
  double ci_low = 0;         ///< CI of adjusted_change
  double ci_high = 0;        ///< upper end
  double t = 0;              ///< adjusted_change / se (test of no adjusted change)
  double p = 0;              ///< two-sided p-value
};

/// ANCOVA of follow-up on baseline: after = b0 + b1·before (+ Σ γ_k·[group = k], treatment
/// coding against the first label), ordinary least squares by Householder QR.
struct Ancova {
  std::int64_t n = 0;          ///< pairs used
  std::int64_t n_dropped = 0;  ///< rows dropped for a missing value (NanPolicy::Omit)
  double confidence = 0.95;    ///< of every CI
  double df_resid = 0;         ///< n − number of coefficients
  double sigma = 0;            ///< residual SD √(RSS / df_resid)
  double r_squared = 0;        ///< 1 − RSS / TSS of after
  double mean_before = 0;      ///< overall baseline mean (where adjusted means are taken)
  std::vector<Coefficient> coefficients;  ///< Intercept, before, then one per non-reference group
  std::vector<AdjustedMean> groups;       ///< one per label (or one "all")
};

/// ANCOVA of after on before, with `group` codes (empty = no groups; else one per pair, index into
/// `labels`, −1 = missing) and `labels` (≥ 2 when group is given; the first is the reference).
/// Throws ValidationError: "after"/"same_length", "group"/"same_length", "group"/"code_range",
/// "labels"/"min_size" (fewer than 2 labels with groups), "group"/"empty_group" (a label without
/// pairs after dropping), "before"/"min_size" (no more pairs than coefficients),
/// "before"/"singular" (baseline constant or collinear with the groups), "before"|"after"/"finite",
/// "<field>"/"nan" (Raise), "confidence"/"range".
Ancova ancova(std::span<const double> before, std::span<const double> after,
              std::span<const std::int32_t> group = {}, std::span<const std::string> labels = {},
              double confidence = 0.95, NanPolicy nan_policy = NanPolicy::Propagate);

/// Difference in change between two arms (intervention − comparison): Welch t of change scores
/// and the ANCOVA arm effect (after ~ before + arm).
struct ArmComparison {
  std::int64_t n_comparison = 0;       ///< pairs in arm 0 (comparison, e.g. waiting list)
  std::int64_t n_intervention = 0;     ///< pairs in arm 1 (intervention, e.g. coached)
  std::int64_t n_dropped = 0;          ///< rows dropped for a missing value (Omit)
  double confidence = 0.95;            ///< of every CI
  double mean_change_comparison = 0;   ///< mean of d in arm 0
  double sd_change_comparison = 0;     ///< sample SD of d in arm 0
  double mean_change_intervention = 0; ///< mean of d in arm 1
  double sd_change_intervention = 0;   ///< sample SD of d in arm 1
  WelchT change;                       ///< Welch t of d, arm 1 − arm 0
  Coefficient adjusted;                ///< ANCOVA arm effect: the "arm[T.<intervention>]" coefficient
  Ancova ancova;                       ///< the whole ANCOVA fit (groups = the two arms)
};

/// Compares change between arms: `arm` per pair is 0 (comparison), 1 (intervention) or −1
/// (missing); `labels` names arm 0 and arm 1 (default "comparison", "intervention"). Throws as
/// ancova() with field "arm" (its code_range is 0, 1 or −1), "arm"/"empty_group" when an arm
/// has no pairs, "arm"/"min_size" when an arm has fewer than 2 pairs, "labels"/"size".
ArmComparison compare_arms(std::span<const double> before, std::span<const double> after,
                           std::span<const std::int32_t> arm, std::span<const std::string> labels = {},
                           double confidence = 0.95, NanPolicy nan_policy = NanPolicy::Propagate);

}  // namespace laycoach::stats
