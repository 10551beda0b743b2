// Beyond pre/post (stats_models.hpp, docs/statistics.md): effect-size intervals (noncentral t,
// bootstrap), ANCOVA by Householder QR, and the two-arm comparison of change.
#include "laycoach/stats_models.hpp"

#include "laycoach/error.hpp"

#include <boost/math/distributions/non_central_t.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <boost/math/tools/roots.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace laycoach::stats {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

constexpr std::array<std::pair<NanPolicy, const char*>, 3> kNanPolicyNames = {
    {{NanPolicy::Propagate, "propagate"}, {NanPolicy::Omit, "omit"}, {NanPolicy::Raise, "raise"}}};
constexpr std::array<std::pair<CiMethod, const char*>, 3> kCiMethodNames = {
    {{CiMethod::Analytic, "analytic"}, {CiMethod::Percentile, "percentile"}, {CiMethod::Bca, "bca"}}};

void check_confidence(double confidence) {
  if (!(confidence > 0.0 && confidence < 1.0))
    throw ValidationError("", "confidence", "range"_rule,
                          "confidence must be strictly between 0 and 1, got " + std::to_string(confidence));
}

double t_p(double t, double df) {
  if (std::isnan(t) || !(df > 0)) return kNaN;
  if (std::isinf(t)) return 0.0;
  const boost::math::students_t dist(df);
  return std::min(1.0, 2.0 * boost::math::cdf(boost::math::complement(dist, std::fabs(t))));
}

double t_crit(double df, double confidence) {
  if (!(df > 0) || !std::isfinite(df)) return kNaN;
  const boost::math::students_t dist(df);
  return boost::math::quantile(boost::math::complement(dist, (1.0 - confidence) / 2.0));
}

// ---- input: pairs (and codes) after the NaN policy --------------------------------------------

struct Rows {
  std::vector<double> before, after;
  std::vector<std::int32_t> code;  // empty without codes
  std::int64_t total = 0;          // rows given
  std::int64_t dropped = 0;        // rows dropped (Omit)
  bool missing = false;            // a missing value was seen (Propagate: every statistic NaN)
};

// Validates lengths, codes and finiteness, and applies the NaN policy. `code_field` names the
// codes ("group", "arm"); codes must be in [−1, n_codes).
Rows prepare(std::span<const double> before, std::span<const double> after, std::span<const std::int32_t> codes,
             const char* code_field, std::int32_t n_codes, NanPolicy policy) {
  if (before.size() != after.size())
    throw ValidationError("", "after", "same_length"_rule,
                          "before has " + std::to_string(before.size()) + " values but after has " +
                              std::to_string(after.size()));
  const bool has_codes = code_field != nullptr;
  if (has_codes && codes.size() != before.size())
    throw ValidationError("", ErrorField(code_field), "same_length"_rule,
                          std::string(code_field) + " has " + std::to_string(codes.size()) + " values for " +
                              std::to_string(before.size()) + " pairs");
  Rows r;
  r.total = static_cast<std::int64_t>(before.size());
  r.before.reserve(before.size());
  r.after.reserve(after.size());
  if (has_codes) r.code.reserve(codes.size());
  for (std::size_t i = 0; i < before.size(); ++i) {
    const double b = before[i], a = after[i];
    if (std::isinf(b))
      throw ValidationError("", "before", "finite"_rule, "before at index " + std::to_string(i) + " is infinite");
    if (std::isinf(a))
      throw ValidationError("", "after", "finite"_rule, "after at index " + std::to_string(i) + " is infinite");
    const std::int32_t c = has_codes ? codes[i] : 0;
    if (has_codes && (c < -1 || c >= n_codes))
      throw ValidationError("", ErrorField(code_field), "code_range"_rule,
                            std::string(code_field) + " code " + std::to_string(c) + " at index " + std::to_string(i) +
                                " is outside [-1, " + std::to_string(n_codes) + ")");
    const char* missing = std::isnan(b) ? "before" : std::isnan(a) ? "after" : (has_codes && c == -1) ? code_field : nullptr;
    if (missing) {
      if (policy == NanPolicy::Raise)
        throw ValidationError("", ErrorField(missing), "nan"_rule,
                              std::string(missing) + " at index " + std::to_string(i) +
                                  " is missing (nan_policy is 'raise'; use 'omit' to drop such rows)");
      if (policy == NanPolicy::Omit) {
        ++r.dropped;
        continue;
      }
      r.missing = true;
    }
    r.before.push_back(b);
    r.after.push_back(a);
    if (has_codes) r.code.push_back(c);
  }
  return r;
}

void check_pairs(std::size_t n, std::size_t min) {
  if (n < min)
    throw ValidationError("", "before", "min_size"_rule,
                          "need at least " + std::to_string(min) + " pair" + (min == 1 ? "" : "s") + ", got " +
                              std::to_string(n));
}

Estimate nan_estimate(double v = kNaN) { return {v, kNaN, kNaN}; }

// ---- noncentral t -------------------------------------------------------------------------------

// The cdf of the noncentral t for large df by quadrature over the scaled chi variable:
// P(T ≤ t | df, λ) = ∫ Φ(t·s − λ) f(s) ds, s = √(V/df), V ~ χ²(df). The nodes (4 × 31-point
// Gauss–Kronrod over the mode ± 16 SD of s) and the density weights depend on df only, so one
// set serves every λ of a root search; each cdf is then one pass of erfc. Boost's series cost
// grows with λ (milliseconds at λ of a few hundred); this stays ~10 µs and agrees with it to
// ~1e-11 where used (df ≥ 1000 and |t|·SD(s) ≤ 2, where Φ varies slowly across the density).
class ChiQuadrature {
 public:
  static bool applies(double t, double df) { return df >= 1000 && std::fabs(t) / std::sqrt(2.0 * df) <= 2.0; }
  explicit ChiQuadrature(double k) {
    using GK = boost::math::quadrature::gauss_kronrod<double, 31>;
    const double sd = 1.0 / std::sqrt(2.0 * k);
    const double mode = std::sqrt((k - 1.0) / k);
    const double lo = std::max(0.0, mode - 16 * sd), hi = mode + 16 * sd;
    constexpr int kParts = 4;
    double total = 0;
    for (int p = 0; p < kParts; ++p) {
      const double a = lo + (hi - lo) * p / kParts, b = lo + (hi - lo) * (p + 1) / kParts;
      const double c = (a + b) / 2, h = (b - a) / 2;
      for (std::size_t i = 0; i < GK::abscissa().size(); ++i)
        for (const int sign : {1, -1}) {
          if (i == 0 && sign == -1) continue;
          const double si = c + sign * h * GK::abscissa()[i];
          // log density relative to the mode: the large terms cancel analytically; the weights
          // are normalised to sum to 1 (the density integrates to 1).
          const double log_rel = (k - 1.0) * std::log1p((si - mode) / mode) - k * (si - mode) * (si + mode) / 2.0;
          const double wi = GK::weights()[i] * h * std::exp(log_rel);
          s_.push_back(si);
          w_.push_back(wi);
          total += wi;
        }
    }
    for (double& v : w_) v /= total;
  }
  // P(T ≤ t) and P(T > t) for noncentrality λ.
  double cdf(double t, double lambda, bool upper) const {
    double r = 0;
    const double sign = upper ? 1.0 : -1.0;
    for (std::size_t i = 0; i < s_.size(); ++i) r += w_[i] * std::erfc(sign * (t * s_[i] - lambda) * M_SQRT1_2);
    return r / 2;
  }

 private:
  std::vector<double> s_, w_;
};

// The noncentrality λ at which P(T ≤ t | df, λ) = target (T noncentral t); the cdf falls as λ
// rises. The lower limit solves Q(t; λ) = α/2, the upper P(t; λ) = α/2 (the small tail each
// time, for accuracy).
double ncp_limit(double t, double df, double alpha_half, bool lower_limit, const ChiQuadrature* quad) {
  using boost::math::non_central_t;
  auto f = [&](double lambda) {
    // Positive when λ is below the root (cdf too high), for both limits.
    if (quad) return lower_limit ? alpha_half - quad->cdf(t, lambda, true) : quad->cdf(t, lambda, false) - alpha_half;
    const non_central_t dist(df, lambda);
    return lower_limit ? alpha_half - boost::math::cdf(boost::math::complement(dist, t))
                       : boost::math::cdf(dist, t) - alpha_half;
  };
  // Bracket around the normal approximation λ ≈ t ∓ z·√(1 + t²/(2df)) (error O(1/df)), widened
  // until the sign changes.
  const double z = boost::math::quantile(boost::math::complement(boost::math::normal(), alpha_half));
  const double spread = std::sqrt(1.0 + t * t / (2.0 * df));
  const double guess = lower_limit ? t - z * spread : t + z * spread;
  double step = (0.05 + 2.0 / df) * z * spread;
  double lo = guess - step, hi = guess + step;
  double flo = f(lo), fhi = f(hi);
  for (int i = 0; i < 60 && flo < 0; ++i) {
    hi = lo;
    fhi = flo;
    step *= 2;
    lo -= step;
    flo = f(lo);
  }
  for (int i = 0; i < 60 && fhi > 0; ++i) {
    lo = hi;
    flo = fhi;
    step *= 2;
    hi += step;
    fhi = f(hi);
  }
  if (!(flo >= 0 && fhi <= 0)) return kNaN;
  if (flo == 0) return lo;
  if (fhi == 0) return hi;
  std::uintmax_t iters = 200;
  const auto r = boost::math::tools::toms748_solve(f, lo, hi, flo, fhi, boost::math::tools::eps_tolerance<double>(48),
                                                   iters);
  return (r.first + r.second) / 2.0;
}

// [λ_low, λ_high] of the noncentral t at `confidence`; NaN when not computable.
std::pair<double, double> ncp_interval(double t, double df, double confidence) {
  if (!(df > 0) || !std::isfinite(t)) return {kNaN, kNaN};
  const double alpha_half = (1.0 - confidence) / 2.0;
  try {
    std::optional<ChiQuadrature> quad;
    if (ChiQuadrature::applies(t, df)) quad.emplace(df);
    const ChiQuadrature* q = quad ? &*quad : nullptr;
    return {ncp_limit(t, df, alpha_half, true, q), ncp_limit(t, df, alpha_half, false, q)};
  } catch (const std::exception&) {  // boost's evaluation errors at extreme arguments
    return {kNaN, kNaN};
  }
}

// ---- bootstrap ----------------------------------------------------------------------------------

struct SplitMix64 {
  std::uint64_t x;
  std::uint64_t next() {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // ⌊u·n⌋ with u = (x >> 11)·2⁻⁵³ in [0, 1).
  std::size_t index(std::size_t n) {
    const double u = static_cast<double>(next() >> 11) * 0x1.0p-53;
    return std::min(n - 1, static_cast<std::size_t>(u * static_cast<double>(n)));
  }
};

// d_z and d_av from sums of values shifted by the sample means (stable one-pass moments).
struct Sums {
  double n = 0, b = 0, bb = 0, a = 0, aa = 0, d = 0, dd = 0;
  void add(double sb, double sa) {
    const double sd = sa - sb;
    n += 1;
    b += sb;
    bb += sb * sb;
    a += sa;
    aa += sa * sa;
    d += sd;
    dd += sd * sd;
  }
  void remove(double sb, double sa) {
    const double sd = sa - sb;
    n -= 1;
    b -= sb;
    bb -= sb * sb;
    a -= sa;
    aa -= sa * sa;
    d -= sd;
    dd -= sd * sd;
  }
  // `shift_d`: mean difference of the sample the values were shifted by.
  std::pair<double, double> effect(double shift_d) const {
    auto sd = [&](double s, double ss) { return std::sqrt(std::max(0.0, (ss - s * s / n) / (n - 1))); };
    const double md = d / n + shift_d;
    const double sdd = sd(d, dd);
    const double sav = (sd(b, bb) + sd(a, aa)) / 2.0;
    return {md / sdd, md / sav};
  }
};

// numpy.percentile(x, 100·q) with the default linear method, x sorted.
double percentile_sorted(const std::vector<double>& x, double q) {
  const double h = (static_cast<double>(x.size()) - 1.0) * q;
  const double lo = std::floor(h);
  const auto i = static_cast<std::size_t>(lo);
  if (i + 1 >= x.size()) return x.back();
  const double t = h - lo;
  const double a = x[i], b = x[i + 1];
  return t >= 0.5 ? b - (b - a) * (1.0 - t) : a + (b - a) * t;  // numpy's _lerp
}

// One statistic's bootstrap interval (percentile or BCa as scipy.stats.bootstrap).
std::pair<double, double> bootstrap_interval(std::vector<double> boot, double estimate,
                                             const std::vector<double>& jackknife, CiMethod method,
                                             double confidence) {
  for (const double v : boot)
    if (std::isnan(v)) return {kNaN, kNaN};
  std::sort(boot.begin(), boot.end());
  const double alpha = (1.0 - confidence) / 2.0;
  double q_lo = alpha, q_hi = 1.0 - alpha;
  if (method == CiMethod::Bca) {
    const boost::math::normal norm;
    double below = 0, at_or_below = 0;
    for (const double v : boot) {
      below += v < estimate;
      at_or_below += v <= estimate;
    }
    const double share = (below + at_or_below) / (2.0 * static_cast<double>(boot.size()));
    if (!(share > 0 && share < 1)) return {kNaN, kNaN};
    const double z0 = boost::math::quantile(norm, share);
    double mean_j = 0;
    for (const double v : jackknife) mean_j += v;
    mean_j /= static_cast<double>(jackknife.size());
    double num = 0, den = 0;
    for (const double v : jackknife) {
      const double u = mean_j - v;
      num += u * u * u;
      den += u * u;
    }
    const double acc = den > 0 ? num / (6.0 * std::pow(den, 1.5)) : 0.0;
    const double z_lo = boost::math::quantile(norm, alpha);
    const double z_hi = -z_lo;
    const double n1 = z0 + z_lo, n2 = z0 + z_hi;
    q_lo = boost::math::cdf(norm, z0 + n1 / (1.0 - acc * n1));
    q_hi = boost::math::cdf(norm, z0 + n2 / (1.0 - acc * n2));
    if (!(q_lo >= 0 && q_hi <= 1)) return {kNaN, kNaN};
  }
  return {percentile_sorted(boot, q_lo), percentile_sorted(boot, q_hi)};
}

double hedges_j(double df) { return 1.0 - 3.0 / (4.0 * df - 1.0); }

EffectSizes nan_effects(std::int64_t n, std::int64_t dropped, double confidence) {
  EffectSizes e;
  e.n = n;
  e.n_dropped = dropped;
  e.confidence = confidence;
  e.d_z = e.d_av = e.g_z = e.g_av = nan_estimate();
  return e;
}

// ---- least squares --------------------------------------------------------------------------------

// Ordinary least squares of y on the columns of X (column-major, n × p) by Householder QR.
struct LeastSquares {
  std::vector<double> beta;  // p
  std::vector<double> cov;   // (XᵀX)⁻¹, p × p row-major
  double rss = 0;
  bool singular = false;
};

LeastSquares least_squares(std::vector<std::vector<double>> X, std::vector<double> y) {
  const std::size_t p = X.size(), n = y.size();
  LeastSquares ls;
  std::vector<double> col_norm(p);
  for (std::size_t k = 0; k < p; ++k) {
    double s = 0;
    for (const double v : X[k]) s += v * v;
    col_norm[k] = std::sqrt(s);
  }
  for (std::size_t k = 0; k < p; ++k) {
    auto& xk = X[k];
    double norm = 0;
    for (std::size_t i = k; i < n; ++i) norm += xk[i] * xk[i];
    norm = std::sqrt(norm);
    // Rank check relative to the column's own size: a column (nearly) in the span of the
    // earlier ones leaves nothing below the diagonal.
    if (!(norm > 1e-10 * col_norm[k])) {
      ls.singular = true;
      return ls;
    }
    const double alpha = xk[k] > 0 ? -norm : norm;
    // v = x − alpha·e_k, stored in xk[k..n); H = I − 2vvᵀ/(vᵀv).
    xk[k] -= alpha;
    double vtv = 0;
    for (std::size_t i = k; i < n; ++i) vtv += xk[i] * xk[i];
    auto apply = [&](std::vector<double>& c) {
      double s = 0;
      for (std::size_t i = k; i < n; ++i) s += xk[i] * c[i];
      const double f = 2.0 * s / vtv;
      for (std::size_t i = k; i < n; ++i) c[i] -= f * xk[i];
    };
    for (std::size_t j = k + 1; j < p; ++j) apply(X[j]);
    apply(y);
    // R's diagonal entry; below it is now the Householder vector (no longer needed).
    for (std::size_t i = k + 1; i < n; ++i) xk[i] = 0;
    xk[k] = alpha;
  }
  // R is X[j][i] for i <= j. Back-substitution for β and for R⁻¹.
  auto R = [&](std::size_t i, std::size_t j) { return X[j][i]; };
  ls.beta.assign(p, 0);
  for (std::size_t ii = p; ii-- > 0;) {
    double s = y[ii];
    for (std::size_t j = ii + 1; j < p; ++j) s -= R(ii, j) * ls.beta[j];
    ls.beta[ii] = s / R(ii, ii);
  }
  for (std::size_t i = p; i < n; ++i) ls.rss += y[i] * y[i];
  std::vector<double> rinv(p * p, 0.0);  // upper triangular, row-major
  for (std::size_t j = 0; j < p; ++j) {
    rinv[j * p + j] = 1.0 / R(j, j);
    for (std::size_t ii = j; ii-- > 0;) {
      double s = 0;
      for (std::size_t k = ii + 1; k <= j; ++k) s += R(ii, k) * rinv[k * p + j];
      rinv[ii * p + j] = -s / R(ii, ii);
    }
  }
  ls.cov.assign(p * p, 0.0);
  for (std::size_t i = 0; i < p; ++i)
    for (std::size_t j = 0; j < p; ++j) {
      double s = 0;
      for (std::size_t k = std::max(i, j); k < p; ++k) s += rinv[i * p + k] * rinv[j * p + k];
      ls.cov[i * p + j] = s;
    }
  return ls;
}

Coefficient coefficient(std::string term, double estimate, double se, double df, double tc) {
  Coefficient c;
  c.term = std::move(term);
  c.estimate = estimate;
  c.se = se;
  c.t = estimate / se;
  c.p = t_p(c.t, df);
  c.ci_low = estimate - tc * se;
  c.ci_high = estimate + tc * se;
  return c;
}

// ANCOVA on prepared rows; `factor` names the group variable in coefficient terms.
Ancova fit_ancova(const Rows& rows, std::span<const std::string> labels, const char* factor, double confidence) {
  const std::size_t k = labels.size();  // 0 = no groups
  const std::size_t p = 2 + (k > 0 ? k - 1 : 0);
  const std::size_t n = rows.before.size();
  Ancova r;
  r.n = static_cast<std::int64_t>(n);
  r.n_dropped = rows.dropped;
  r.confidence = confidence;
  std::vector<std::string> terms = {"Intercept", "before"};
  for (std::size_t g = 1; g < k; ++g) terms.push_back(std::string(factor) + "[T." + labels[g] + "]");
  std::vector<std::int64_t> count(std::max<std::size_t>(k, 1), 0);
  std::vector<double> sum_b(count.size(), 0), sum_a(count.size(), 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (k > 0 && rows.code[i] < 0) continue;  // a missing group kept under Propagate
    const std::size_t g = k > 0 ? static_cast<std::size_t>(rows.code[i]) : 0;
    ++count[g];
    sum_b[g] += rows.before[i];
    sum_a[g] += rows.after[i];
  }
  for (std::size_t g = 0; g < count.size(); ++g) {
    AdjustedMean m;
    m.group = k > 0 ? labels[g] : "all";
    m.n = count[g];
    m.mean_before = count[g] > 0 ? sum_b[g] / static_cast<double>(count[g]) : kNaN;
    m.mean_after = count[g] > 0 ? sum_a[g] / static_cast<double>(count[g]) : kNaN;
    r.groups.push_back(m);
  }
  if (rows.missing) {  // Propagate: every statistic NaN
    r.df_resid = r.sigma = r.r_squared = r.mean_before = kNaN;
    for (auto& t : terms) r.coefficients.push_back({t, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN});
    for (auto& m : r.groups) {
      m.mean_before = m.mean_after = kNaN;
      m.adjusted_after = m.adjusted_change = m.se = m.ci_low = m.ci_high = m.t = m.p = kNaN;
    }
    return r;
  }
  for (std::size_t g = 0; g < k; ++g)
    if (count[g] == 0)
      throw ValidationError("", ErrorField(factor), "empty_group"_rule,
                            std::string(factor) + " '" + labels[g] + "' has no pairs");
  check_pairs(n, p + 1);
  std::vector<std::vector<double>> X(p, std::vector<double>(n, 0.0));
  double mean_b = 0;
  for (std::size_t i = 0; i < n; ++i) {
    X[0][i] = 1.0;
    X[1][i] = rows.before[i];
    mean_b += rows.before[i];
    if (k > 0 && rows.code[i] > 0) X[1 + static_cast<std::size_t>(rows.code[i])][i] = 1.0;
  }
  mean_b /= static_cast<double>(n);
  const LeastSquares ls = least_squares(std::move(X), rows.after);
  if (ls.singular)
    throw ValidationError("", "before", "singular"_rule,
                          "the baseline is constant or collinear with the groups: the model cannot be fitted");
  r.df_resid = static_cast<double>(n - p);
  r.sigma = std::sqrt(ls.rss / r.df_resid);
  r.mean_before = mean_b;
  double mean_a = 0, tss = 0;
  for (const double a : rows.after) mean_a += a;
  mean_a /= static_cast<double>(n);
  for (const double a : rows.after) tss += (a - mean_a) * (a - mean_a);
  r.r_squared = tss > 0 ? 1.0 - ls.rss / tss : kNaN;
  const double s2 = ls.rss / r.df_resid;
  const double tc = t_crit(r.df_resid, confidence);
  for (std::size_t j = 0; j < p; ++j)
    r.coefficients.push_back(coefficient(terms[j], ls.beta[j], std::sqrt(s2 * ls.cov[j * p + j]), r.df_resid, tc));
  // Adjusted mean of group g: cᵀβ with c = (1, mean_b, e_g).
  for (std::size_t g = 0; g < r.groups.size(); ++g) {
    std::vector<double> c(p, 0.0);
    c[0] = 1.0;
    c[1] = mean_b;
    if (g > 0) c[1 + g] = 1.0;
    double est = 0, var = 0;
    for (std::size_t i = 0; i < p; ++i) {
      est += c[i] * ls.beta[i];
      for (std::size_t j = 0; j < p; ++j) var += c[i] * ls.cov[i * p + j] * c[j];
    }
    AdjustedMean& m = r.groups[g];
    m.adjusted_after = est;
    m.adjusted_change = est - mean_b;
    m.se = std::sqrt(s2 * var);
    m.t = m.adjusted_change / m.se;
    m.p = t_p(m.t, r.df_resid);
    m.ci_low = m.adjusted_change - tc * m.se;
    m.ci_high = m.adjusted_change + tc * m.se;
  }
  return r;
}

}  // namespace

const char* to_string(NanPolicy p) noexcept {
  for (const auto& [v, name] : kNanPolicyNames)
    if (v == p) return name;
  return "?";
}

std::optional<NanPolicy> parse_nan_policy(std::string_view s) noexcept {
  for (const auto& [v, name] : kNanPolicyNames)
    if (s == name) return v;
  return std::nullopt;
}

const char* to_string(CiMethod m) noexcept {
  for (const auto& [v, name] : kCiMethodNames)
    if (v == m) return name;
  return "?";
}

std::optional<CiMethod> parse_ci_method(std::string_view s) noexcept {
  for (const auto& [v, name] : kCiMethodNames)
    if (s == name) return v;
  return std::nullopt;
}

EffectSizes effect_size_intervals(double n, double mean_diff, double sd_diff, double sd_before, double sd_after,
                                  double confidence) {
  check_confidence(confidence);
  EffectSizes e;
  e.n = std::isfinite(n) ? static_cast<std::int64_t>(n) : 0;
  e.confidence = confidence;
  const double df = n - 1.0;
  const double s_av = (sd_before + sd_after) / 2.0;
  e.d_z = nan_estimate(mean_diff / sd_diff);
  e.d_av = nan_estimate(mean_diff / s_av);
  const double j = df > 0 ? hedges_j(df) : kNaN;
  if (df > 0 && std::isfinite(sd_diff) && sd_diff > 0) {
    const double root_n = std::sqrt(n);
    const double t = mean_diff / (sd_diff / root_n);
    const auto [lam_lo, lam_hi] = ncp_interval(t, df, confidence);
    e.d_z.low = lam_lo / root_n;
    e.d_z.high = lam_hi / root_n;
    if (std::isfinite(s_av) && s_av > 0) {
      // Algina & Keselman (2003): the noncentral-t limits of the paired t, rescaled from the SD
      // of change to the average SD (the ratio treated as known).
      const double scale = sd_diff / (root_n * s_av);
      e.d_av.low = lam_lo * scale;
      e.d_av.high = lam_hi * scale;
    }
  }
  e.g_z = {j * e.d_z.value, j * e.d_z.low, j * e.d_z.high};
  e.g_av = {j * e.d_av.value, j * e.d_av.low, j * e.d_av.high};
  return e;
}

EffectSizes effect_sizes(std::span<const double> before, std::span<const double> after, double confidence,
                         NanPolicy nan_policy) {
  check_confidence(confidence);
  const Rows rows = prepare(before, after, {}, nullptr, 0, nan_policy);
  check_pairs(rows.before.size(), 1);
  if (rows.missing) return nan_effects(rows.total, 0, confidence);
  const PairedT pt = paired_t(rows.before, rows.after, confidence);
  EffectSizes e = effect_size_intervals(static_cast<double>(pt.n), pt.mean_diff, pt.sd_diff, pt.sd_before,
                                        pt.sd_after, confidence);
  // The point estimates are paired_t's own (the same bits as its d_z, d_av, g_z, g_av).
  e.d_z.value = pt.d_z;
  e.d_av.value = pt.d_av;
  e.g_z.value = pt.g_z;
  e.g_av.value = pt.g_av;
  e.n_dropped = rows.dropped;
  return e;
}

PairedT paired_t(std::span<const double> before, std::span<const double> after, double confidence,
                 NanPolicy nan_policy) {
  check_confidence(confidence);
  const Rows rows = prepare(before, after, {}, nullptr, 0, nan_policy);
  check_pairs(rows.before.size(), 1);
  if (!rows.missing) return paired_t(rows.before, rows.after, confidence);
  PairedT r;  // scipy's propagate: every statistic NaN
  r.n = rows.total;
  r.confidence = confidence;
  r.mean_before = r.sd_before = r.mean_after = r.sd_after = r.mean_diff = r.sd_diff = kNaN;
  r.ci_low = r.ci_high = r.t = r.df = r.p = kNaN;
  r.d_z = r.d_av = r.g_z = r.g_av = kNaN;
  return r;
}

Wilcoxon wilcoxon(std::span<const double> before, std::span<const double> after, NanPolicy nan_policy) {
  const Rows rows = prepare(before, after, {}, nullptr, 0, nan_policy);
  check_pairs(rows.before.size(), 1);
  if (!rows.missing) return wilcoxon(rows.before, rows.after);
  Wilcoxon w;  // scipy's propagate: statistic and p NaN
  w.n = rows.total;
  w.w_plus = w.w_minus = w.z = w.p = w.r = kNaN;
  return w;
}

ReliableChange reliable_change(std::span<const double> before, std::span<const double> after, double reliability,
                               bool higher_is_better, NanPolicy nan_policy) {
  const Rows rows = prepare(before, after, {}, nullptr, 0, nan_policy);
  if (!rows.missing) return reliable_change(rows.before, rows.after, reliability, higher_is_better);
  check_pairs(rows.before.size(), 2);
  reliable_change_threshold(0.0, reliability);  // validates the reliability as the complete-case call does
  ReliableChange r;  // scipy's propagate: nothing can be classified
  r.n = rows.total;
  r.reliability = reliability;
  r.sd_before = r.threshold = r.share_improved = r.share_deteriorated = r.share_unchanged = kNaN;
  return r;
}

namespace {

// The values without NaN (Omit), or with a flag that one was seen (Propagate); Raise throws.
std::vector<double> present(std::span<const double> values, NanPolicy policy, bool& missing) {
  std::vector<double> out;
  out.reserve(values.size());
  missing = false;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double v = values[i];
    if (std::isinf(v))
      throw ValidationError("", "values", "finite"_rule, "values at index " + std::to_string(i) + " is infinite");
    if (std::isnan(v)) {
      if (policy == NanPolicy::Raise)
        throw ValidationError("", "values", "nan"_rule,
                              "values at index " + std::to_string(i) +
                                  " is missing (nan_policy is 'raise'; use 'omit' to drop missing values)");
      missing = true;
      if (policy == NanPolicy::Omit) continue;
    }
    out.push_back(v);
  }
  if (out.empty()) throw ValidationError("", "values", "min_size"_rule, "need at least 1 value, got 0");
  return out;
}

}  // namespace

double mean(std::span<const double> values, NanPolicy nan_policy) {
  bool missing = false;
  const std::vector<double> v = present(values, nan_policy, missing);
  if (missing && nan_policy == NanPolicy::Propagate) return kNaN;
  return mean(v);
}

double sd(std::span<const double> values, NanPolicy nan_policy) {
  bool missing = false;
  const std::vector<double> v = present(values, nan_policy, missing);
  if (missing && nan_policy == NanPolicy::Propagate) return kNaN;
  return sd(v);
}

EffectSizes effect_sizes_bootstrap(std::span<const double> before, std::span<const double> after,
                                   const BootstrapOptions& options, NanPolicy nan_policy) {
  check_confidence(options.confidence);
  if (options.method == CiMethod::Analytic)
    throw ValidationError("", "method", "bootstrap_method"_rule,
                          "a bootstrap needs method 'percentile' or 'bca', got 'analytic'");
  if (options.resamples < 100 || options.resamples > 10'000'000)
    throw ValidationError("", "resamples", "range"_rule,
                          "resamples must be in [100, 10000000], got " + std::to_string(options.resamples));
  const Rows rows = prepare(before, after, {}, nullptr, 0, nan_policy);
  check_pairs(rows.before.size(), 2);
  EffectSizes e;
  if (rows.missing) {
    e = nan_effects(rows.total, 0, options.confidence);
  } else {
    const std::size_t n = rows.before.size();
    const PairedT pt = paired_t(rows.before, rows.after, options.confidence);
    e.n = pt.n;
    e.n_dropped = rows.dropped;
    e.confidence = options.confidence;
    // Values shifted by the sample means: the resampled moments are then sums of small numbers.
    std::vector<double> sb(n), sa(n);
    for (std::size_t i = 0; i < n; ++i) {
      sb[i] = rows.before[i] - pt.mean_before;
      sa[i] = rows.after[i] - pt.mean_after;
    }
    const double shift_d = pt.mean_after - pt.mean_before;
    const auto B = static_cast<std::size_t>(options.resamples);
    std::vector<double> boot_z(B), boot_av(B);
    SplitMix64 rng{options.seed};
    for (std::size_t r = 0; r < B; ++r) {
      Sums s;
      for (std::size_t i = 0; i < n; ++i) {
        const std::size_t k = rng.index(n);
        s.add(sb[k], sa[k]);
      }
      std::tie(boot_z[r], boot_av[r]) = s.effect(shift_d);
    }
    std::vector<double> jack_z, jack_av;
    if (options.method == CiMethod::Bca) {
      Sums all;
      for (std::size_t i = 0; i < n; ++i) all.add(sb[i], sa[i]);
      jack_z.resize(n);
      jack_av.resize(n);
      for (std::size_t i = 0; i < n; ++i) {
        Sums s = all;
        s.remove(sb[i], sa[i]);
        std::tie(jack_z[i], jack_av[i]) = s.effect(shift_d);
      }
    }
    const auto [zl, zh] = bootstrap_interval(std::move(boot_z), pt.d_z, jack_z, options.method, options.confidence);
    const auto [al, ah] = bootstrap_interval(std::move(boot_av), pt.d_av, jack_av, options.method, options.confidence);
    const double j = hedges_j(pt.df);
    e.d_z = {pt.d_z, zl, zh};
    e.d_av = {pt.d_av, al, ah};
    e.g_z = {pt.g_z, j * zl, j * zh};
    e.g_av = {pt.g_av, j * al, j * ah};
  }
  e.method = options.method;
  e.resamples = options.resamples;
  e.seed = options.seed;
  return e;
}

WelchT welch_t(double n1, double mean1, double var1, double n2, double mean2, double var2, double confidence) {
  WelchT w;
  w.difference = n1 > 0 && n2 > 0 ? mean1 - mean2 : kNaN;
  w.se = w.ci_low = w.ci_high = w.t = w.df = w.p = kNaN;
  if (!(n1 >= 2 && n2 >= 2)) return w;
  // scipy.stats.ttest_ind(x1, x2, equal_var=False): the same operations.
  const double v1 = var1 / n1;
  const double v2 = var2 / n2;
  const double se2 = v1 + v2;
  w.df = se2 * se2 / (v1 * v1 / (n1 - 1.0) + v2 * v2 / (n2 - 1.0));
  w.se = std::sqrt(se2);
  w.t = w.difference / w.se;
  w.p = t_p(w.t, w.df);
  const double tc = t_crit(w.df, confidence);
  w.ci_low = w.difference - tc * w.se;
  w.ci_high = w.difference + tc * w.se;
  return w;
}

Ancova ancova(std::span<const double> before, std::span<const double> after, std::span<const std::int32_t> group,
              std::span<const std::string> labels, double confidence, NanPolicy nan_policy) {
  check_confidence(confidence);
  const bool grouped = !group.empty() || !labels.empty();
  if (grouped && labels.size() < 2)
    throw ValidationError("", "labels", "min_size"_rule,
                          "a grouped ANCOVA needs at least 2 group labels, got " + std::to_string(labels.size()));
  const Rows rows = prepare(before, after, group, grouped ? "group" : nullptr,
                            static_cast<std::int32_t>(labels.size()), nan_policy);
  return fit_ancova(rows, grouped ? labels : std::span<const std::string>{}, "group", confidence);
}

ArmComparison compare_arms(std::span<const double> before, std::span<const double> after,
                           std::span<const std::int32_t> arm, std::span<const std::string> labels, double confidence,
                           NanPolicy nan_policy) {
  check_confidence(confidence);
  static const std::string kDefault[2] = {"comparison", "intervention"};
  if (!labels.empty() && labels.size() != 2)
    throw ValidationError("", "labels", "size"_rule,
                          "two arm labels (comparison, intervention) expected, got " + std::to_string(labels.size()));
  const std::span<const std::string> names = labels.empty() ? std::span<const std::string>(kDefault) : labels;
  const Rows rows = prepare(before, after, arm, "arm", 2, nan_policy);
  ArmComparison c;
  c.n_dropped = rows.dropped;
  c.confidence = confidence;
  double n[2] = {0, 0}, mean[2] = {0, 0}, m2[2] = {0, 0};
  for (std::size_t i = 0; i < rows.code.size(); ++i)
    if (rows.code[i] >= 0) n[rows.code[i]] += 1;
  c.n_comparison = static_cast<std::int64_t>(n[0]);
  c.n_intervention = static_cast<std::int64_t>(n[1]);
  if (!rows.missing) {
    for (int g = 0; g < 2; ++g) {
      if (n[g] == 0)
        throw ValidationError("", "arm", "empty_group"_rule, "arm '" + names[g] + "' has no pairs");
      if (n[g] < 2)
        throw ValidationError("", "arm", "min_size"_rule,
                              "arm '" + names[g] + "' has 1 pair; the comparison needs at least 2 per arm");
    }
  }
  // Two-pass moments of the change scores per arm.
  for (std::size_t i = 0; i < rows.code.size(); ++i)
    if (rows.code[i] >= 0) mean[rows.code[i]] += rows.after[i] - rows.before[i];
  for (int g = 0; g < 2; ++g) mean[g] /= n[g];
  for (std::size_t i = 0; i < rows.code.size(); ++i)
    if (rows.code[i] >= 0) {
      const double e = rows.after[i] - rows.before[i] - mean[rows.code[i]];
      m2[rows.code[i]] += e * e;
    }
  const double var0 = m2[0] / (n[0] - 1), var1 = m2[1] / (n[1] - 1);
  c.ancova = fit_ancova(rows, names, "arm", confidence);
  if (rows.missing) {
    c.mean_change_comparison = c.mean_change_intervention = c.sd_change_comparison = c.sd_change_intervention = kNaN;
    c.change = welch_t(kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, confidence);
    c.change.difference = kNaN;
  } else {
    c.mean_change_comparison = mean[0];
    c.mean_change_intervention = mean[1];
    c.sd_change_comparison = std::sqrt(var0);
    c.sd_change_intervention = std::sqrt(var1);
    c.change = welch_t(n[1], mean[1], var1, n[0], mean[0], var0, confidence);
  }
  c.adjusted = c.ancova.coefficients.back();
  return c;
}

}  // namespace laycoach::stats
