// The computational kernel of the evaluation engine: statistics of one group's pairs (by the
// functions of laycoach::stats, on contiguous spans), group differences, trend, histograms, and
// the columnar entry points. Breakdowns are evaluated by a stable counting sort of the pairs by
// group code into two contiguous buffers, so every group's statistics are computed on a
// contiguous span holding that group's pairs in their original order: exactly what calling
// laycoach::stats on the group's pairs gives.
#include "evaluation_impl.hpp"

#include "laycoach/error.hpp"
#include "laycoach/stats.hpp"
#include "laycoach/stats_models.hpp"

#include <boost/math/distributions/fisher_f.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <string>
#include <utility>

namespace laycoach {
namespace eval {

namespace {
// stats::wilcoxon's exact-p limit: at most this many non-zero differences.
constexpr std::int64_t kExactMaxN = stats::kWilcoxonExactMaxN;
}  // namespace

double t_two_sided_p(double t, double df) {
  if (std::isnan(t) || !(df > 0)) return kNaN;
  if (std::isinf(t)) return 0.0;
  const boost::math::students_t dist(df);
  return std::min(1.0, 2.0 * boost::math::cdf(boost::math::complement(dist, std::fabs(t))));
}

double t_critical(double df, double confidence) {
  if (!(df > 0) || !std::isfinite(df)) return kNaN;
  const boost::math::students_t dist(df);
  return boost::math::quantile(boost::math::complement(dist, (1.0 - confidence) / 2.0));
}

namespace {
void check_confidence(double confidence) {
  if (!(confidence > 0.0 && confidence < 1.0))
    throw ValidationError("", "confidence", "range"_rule,
                          "confidence must be strictly between 0 and 1, got " + std::to_string(confidence));
}

}  // namespace

Moments combine(const Moments& a, const Moments& b) {
  if (a.n == 0) return b;
  if (b.n == 0) return a;
  Moments r;
  r.n = a.n + b.n;
  const double na = static_cast<double>(a.n), nb = static_cast<double>(b.n), n = static_cast<double>(r.n);
  const double delta = b.mean - a.mean;
  r.mean = a.mean + delta * nb / n;
  r.m2 = a.m2 + b.m2 + delta * delta * na * nb / n;
  return r;
}

Moments remove(const Moments& all, const Moments& part) {
  // Chan's formula run backwards: exact to rounding unless the rest is a tiny fraction of the whole.
  Moments rest;
  rest.n = all.n - part.n;
  if (rest.n > 0) {
    const double n = static_cast<double>(all.n), ng = static_cast<double>(part.n), nr = static_cast<double>(rest.n);
    rest.mean = (n * all.mean - ng * part.mean) / nr;
    const double delta = part.mean - rest.mean;
    rest.m2 = std::max(0.0, all.m2 - part.m2 - delta * delta * ng * nr / n);
    if (rest.n == 1) rest.m2 = 0;
  }
  return rest;
}

Moments moments_of(const ChangeRow& row) {
  Moments m;
  m.n = count_of(row.n);
  if (m.n == 0) return m;
  m.mean = *row.mean_change.value;
  const double sd = row.sd_change.value ? *row.sd_change.value : kNaN;
  m.m2 = m.n > 1 && std::isfinite(sd) ? sd * sd * static_cast<double>(m.n - 1) : 0.0;
  return m;
}

void welch(const Moments& g, const Moments& rest, double confidence, GroupDifference& d) {
  d.n_group = fig(static_cast<double>(g.n));
  d.n_rest = fig(static_cast<double>(rest.n));
  d.mean_change_group = fig(g.n > 0 ? g.mean : kNaN);
  d.mean_change_rest = fig(rest.n > 0 ? rest.mean : kNaN);
  d.difference = fig(g.n > 0 && rest.n > 0 ? g.mean - rest.mean : kNaN);
  d.ci_low = d.ci_high = d.t = d.df = d.p = fig(kNaN);
  if (g.n < 2 || rest.n < 2) return;
  // The one Welch test (stats_models.hpp), from the two sides' moments.
  const stats::WelchT w = stats::welch_t(static_cast<double>(g.n), g.mean, g.var(), static_cast<double>(rest.n),
                                         rest.mean, rest.var(), confidence);
  d.t = fig(w.t);
  d.df = fig(w.df);
  d.p = fig(w.p);
  d.ci_low = fig(w.ci_low);
  d.ci_high = fig(w.ci_high);
}

Omnibus welch_anova(std::span<const Moments> groups) {
  // Welch (1951), as scipy.stats.f_oneway(..., equal_var=False).
  std::vector<const Moments*> used;
  for (const auto& g : groups)
    if (g.n >= 2 && g.var() > 0) used.push_back(&g);
  Omnibus o;
  const double k = static_cast<double>(used.size());
  o.groups = fig(k);
  o.f = o.df1 = o.df2 = o.p = fig(kNaN);
  if (used.size() < 2) return o;
  double w_sum = 0, wm_sum = 0;
  for (const auto* g : used) {
    const double w = static_cast<double>(g->n) / g->var();
    w_sum += w;
    wm_sum += w * g->mean;
  }
  const double grand = wm_sum / w_sum;
  double a = 0, tmp = 0;
  for (const auto* g : used) {
    const double w = static_cast<double>(g->n) / g->var();
    a += w * (g->mean - grand) * (g->mean - grand);
    const double q = 1.0 - w / w_sum;
    tmp += q * q / static_cast<double>(g->n - 1);
  }
  a /= (k - 1.0);
  const double b = 1.0 + 2.0 * (k - 2.0) / (k * k - 1.0) * tmp;
  const double f = a / b;
  const double df1 = k - 1.0;
  const double df2 = (k * k - 1.0) / (3.0 * tmp);
  o.f = fig(f);
  o.df1 = fig(df1);
  o.df2 = fig(df2);
  if (std::isfinite(f) && df2 > 0) {
    const boost::math::fisher_f dist(df1, df2);
    o.p = fig(boost::math::cdf(boost::math::complement(dist, f)));
  }
  return o;
}

Trend trend(std::span<const Moments> groups, std::span<const double> x, double confidence) {
  Trend tr;
  long long n = 0;
  double sx = 0, sd = 0;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    n += groups[i].n;
    sx += static_cast<double>(groups[i].n) * x[i];
    sd += static_cast<double>(groups[i].n) * groups[i].mean;
  }
  tr.n = fig(static_cast<double>(n));
  tr.slope = tr.intercept = tr.ci_low = tr.ci_high = tr.t = tr.df = tr.p = tr.r = fig(kNaN);
  if (n < 3) return tr;
  const double nn = static_cast<double>(n);
  const double mx = sx / nn, md = sd / nn;
  double sxx = 0, sxy = 0, syy = 0;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const double ni = static_cast<double>(groups[i].n);
    if (ni == 0) continue;
    const double dx = x[i] - mx, dy = groups[i].mean - md;
    sxx += ni * dx * dx;
    sxy += ni * dx * dy;
    syy += groups[i].m2 + ni * dy * dy;
  }
  if (!(sxx > 0)) return tr;
  const double slope = sxy / sxx;
  const double df = nn - 2.0;
  const double r = syy > 0 ? sxy / std::sqrt(sxx * syy) : kNaN;
  const double ss_res = std::max(syy - slope * sxy, 0.0);
  const double se = std::sqrt(ss_res / df / sxx);
  const double t = slope / se;
  const double tc = t_critical(df, confidence);
  tr.slope = fig(slope);
  tr.intercept = fig(md - slope * mx);
  tr.r = fig(r);
  tr.df = fig(df);
  tr.t = fig(t);
  tr.p = fig(t_two_sided_p(t, df));
  tr.ci_low = fig(slope - tc * se);
  tr.ci_high = fig(slope + tc * se);
  return tr;
}

void fill_effect_intervals(ChangeRow& row, double n, double mean_change, double sd_change, double sd_before,
                           double sd_after, double confidence) {
  const stats::EffectSizes e = stats::effect_size_intervals(n, mean_change, sd_change, sd_before, sd_after, confidence);
  row.d_z_ci_low = fig(e.d_z.low);
  row.d_z_ci_high = fig(e.d_z.high);
  row.d_av_ci_low = fig(e.d_av.low);
  row.d_av_ci_high = fig(e.d_av.high);
  row.g_z_ci_low = fig(e.g_z.low);
  row.g_z_ci_high = fig(e.g_z.high);
  row.g_av_ci_low = fig(e.g_av.low);
  row.g_av_ci_high = fig(e.g_av.high);
}

ChangeRow change_row(std::string group, std::span<const double> before, std::span<const double> after,
                     const ChangeParams& params, const stats::Wilcoxon* counted, std::span<const std::uint64_t> keys) {
  ChangeRow row;
  row.group = std::move(group);
  const std::size_t n = before.size();
  row.n = fig(static_cast<double>(n));
  row.below_recommended = static_cast<long long>(n) < kRecommendedPairs;
  for (const auto& f : kChangeFields)
    if (f.kind != Kind::Count) row.*(f.ptr) = fig(kNaN);
  row.wilcoxon_n = row.reliable_improved = row.reliable_deteriorated = fig(0);
  row.meaningful_improved = row.meaningful_deteriorated = fig(0);
  if (n == 0) {
    fill_shares(row, kChangeShares, params.confidence);
    return row;
  }

  const stats::PairedT pt = stats::paired_t(before, after, params.confidence);
  row.mean_before = fig(pt.mean_before);
  row.sd_before = fig(pt.sd_before);
  row.mean_after = fig(pt.mean_after);
  row.sd_after = fig(pt.sd_after);
  row.mean_change = fig(pt.mean_diff);
  row.sd_change = fig(pt.sd_diff);
  row.ci_low = fig(pt.ci_low);
  row.ci_high = fig(pt.ci_high);
  row.t = fig(pt.t);
  row.df = fig(pt.df);
  row.p = fig(pt.p);
  row.d_z = fig(pt.d_z);
  row.d_av = fig(pt.d_av);
  row.g_z = fig(pt.g_z);
  row.g_av = fig(pt.g_av);
  fill_effect_intervals(row, static_cast<double>(n), pt.mean_diff, pt.sd_diff, pt.sd_before, pt.sd_after,
                        params.confidence);

  if (params.wilcoxon) {
    const bool use_counted = counted && counted->n > kExactMaxN;
    const stats::Wilcoxon w = use_counted ? *counted : stats::wilcoxon(before, after);
    row.wilcoxon_n = fig(static_cast<double>(w.n));
    row.w_plus = fig(w.w_plus);
    row.z = fig(w.z);
    row.wilcoxon_p = fig(w.p);
    row.r = fig(w.r);
    row.wilcoxon_exact = w.exact;
  } else {
    row.wilcoxon_n = fig(kNaN);
  }

  // Reliable change: the threshold of stats::reliable_change from the same sd(before) that
  // paired_t computed (bit-identical: same algorithm), counted in one fused pass with the
  // meaningful-change counts.
  const bool has_rci = !std::isnan(params.reliability) && n >= 2;
  const bool has_mc = !std::isnan(params.meaningful_change);
  const double thr = has_rci ? stats::reliable_change_threshold(pt.sd_before, params.reliability) : 0.0;
  const double mc = has_mc ? params.meaningful_change : 0.0;
  std::int64_t up = 0, down = 0, mc_up = 0, mc_down = 0;
  if (has_rci || has_mc) {
    for (std::size_t i = 0; i < n; ++i) {
      const double d = after[i] - before[i];
      up += d > thr;
      down += d < -thr;
      mc_up += d >= mc;
      mc_down += -d >= mc;
    }
  }
  if (has_rci) {
    row.rci_threshold = fig(thr);
    row.reliable_improved = fig(static_cast<double>(params.higher_is_better ? up : down));
    row.reliable_deteriorated = fig(static_cast<double>(params.higher_is_better ? down : up));
  } else {
    row.reliable_improved = row.reliable_deteriorated = fig(kNaN);
  }
  if (has_mc) {
    row.meaningful_improved = fig(static_cast<double>(params.higher_is_better ? mc_up : mc_down));
    row.meaningful_deteriorated = fig(static_cast<double>(params.higher_is_better ? mc_down : mc_up));
  } else {
    row.meaningful_improved = row.meaningful_deteriorated = fig(kNaN);
  }
  fill_shares(row, kChangeShares, params.confidence);
  if (!keys.empty()) {
    // Cell keys (docs/disclosure.md): each count's key is the sum of its records' keys.
    std::uint64_t k_n = 0, k_w = 0, k_up = 0, k_down = 0, k_mup = 0, k_mdown = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint64_t k = keys[i];
      const double d = after[i] - before[i];
      k_n += k;
      k_w += d != 0.0 ? k : 0;
      k_up += d > thr ? k : 0;
      k_down += d < -thr ? k : 0;
      k_mup += d >= mc ? k : 0;
      k_mdown += -d >= mc ? k : 0;
    }
    row.n.key = k_n;
    row.wilcoxon_n.key = k_w;
    row.reliable_improved.key = params.higher_is_better ? k_up : k_down;
    row.reliable_deteriorated.key = params.higher_is_better ? k_down : k_up;
    row.meaningful_improved.key = params.higher_is_better ? k_mup : k_mdown;
    row.meaningful_deteriorated.key = params.higher_is_better ? k_mdown : k_mup;
  }
  return row;
}

Histogram histogram_layout(double low, double high) {
  Histogram h;
  if (!(std::isfinite(low) && std::isfinite(high)) || high < low) return h;
  const double span = high - low;
  static constexpr double kSteps[] = {0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100};
  double width = 1;
  if (span > 0) {
    width = 0;
    for (const double s : kSteps)
      if (span / s <= 30.0) {
        width = s;
        break;
      }
    if (width == 0) width = std::pow(10.0, std::ceil(std::log10(span / 30.0)));
  }
  const auto bins = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(span / width - 1e-9)));
  h.low = low;
  h.width = width;
  h.before.assign(bins, fig(0));
  h.after.assign(bins, fig(0));
  return h;
}

void fill_histogram(Histogram& h, std::span<const double> before, std::span<const double> after,
                    std::span<const std::uint64_t> keys) {
  const std::size_t bins = h.before.size();
  if (bins == 0) return;
  std::vector<long long> cb(bins, 0), ca(bins, 0);
  std::vector<std::uint64_t> kb(bins, 0), ka(bins, 0);
  const double inv = 1.0 / h.width;
  auto bin = [&](double v) {
    const double pos = std::floor((v - h.low) * inv + 1e-9);
    if (!(pos > 0)) return std::size_t{0};
    return std::min(bins - 1, static_cast<std::size_t>(pos));
  };
  for (const double v : before) ++cb[bin(v)];
  for (const double v : after) ++ca[bin(v)];
  for (std::size_t i = 0; i < keys.size(); ++i) {
    kb[bin(before[i])] += keys[i];
    ka[bin(after[i])] += keys[i];
  }
  for (std::size_t i = 0; i < bins; ++i) {
    h.before[i] = fig(static_cast<double>(cb[i]));
    h.after[i] = fig(static_cast<double>(ca[i]));
    h.before[i].key = kb[i];
    h.after[i].key = ka[i];
  }
}

}  // namespace eval

// ---------------------------------------------------------------------------------------------
// Columnar entry points
// ---------------------------------------------------------------------------------------------

namespace {

using namespace eval;

void check_breakdowns(std::span<const ColumnBreakdown> breakdowns, std::size_t n) {
  for (const auto& b : breakdowns) {
    if (b.codes.size() != n)
      throw ValidationError("", ErrorField(b.name + ".codes"), "same_length"_rule,
                            "breakdown '" + b.name + "' has " + std::to_string(b.codes.size()) +
                                " codes for " + std::to_string(n) + " pairs");
    if (!b.trend_values.empty() && b.trend_values.size() != b.labels.size())
      throw ValidationError("", ErrorField(b.name + ".trend_values"), "same_length"_rule,
                            "breakdown '" + b.name + "' has " + std::to_string(b.trend_values.size()) +
                                " trend values for " + std::to_string(b.labels.size()) + " labels");
    const auto k = static_cast<std::int32_t>(b.labels.size());
    for (std::size_t i = 0; i < n; ++i) {
      const std::int32_t c = b.codes[i];
      if (c < -1 || c >= k)
        throw ValidationError("", ErrorField(b.name + ".codes"), "code_range"_rule,
                              "code " + std::to_string(c) + " at index " + std::to_string(i) + " of breakdown '" +
                                  b.name + "' is outside [-1, " + std::to_string(k) + ")");
    }
  }
}

// ---- Wilcoxon by counting ------------------------------------------------------------------------
//
// Questionnaire scores are discrete, so the differences d = after − before take few distinct
// values (SWEMWBS: a few hundred). Then the signed ranks of every group of every breakdown
// follow from counts: each pair gets the rank class of its |d| (0 = smallest non-zero |d|) and
// its sign once; a breakdown is one pass counting (group, class, sign), and each group's
// W+ and tie correction a walk over its classes in ascending |d| — the same quantities, summed
// in the same order with the same operations as stats::wilcoxon, so the results are identical.
// When the differences are (nearly) continuous, the engine calls stats::wilcoxon per group.

constexpr std::uint32_t kZero = 0xFFFFFFFEu;     // d == 0: dropped (Wilcoxon's method)
constexpr std::uint32_t kUnpaired = 0xFFFFFFFFu;  // NaN: not a pair
constexpr std::size_t kMaxClasses = 1u << 15;      // beyond this, rank per group by sorting

struct RankClasses {
  bool ok = false;
  std::size_t classes = 0;           // distinct non-zero |d|
  std::vector<std::uint32_t> code;   // per pair: 2·class + (d > 0), kZero or kUnpaired
};

RankClasses rank_classes(std::span<const double> before, std::span<const double> after) {
  RankClasses rc;
  const std::size_t n = before.size();
  // Open addressing on the bit pattern of |d| (non-negative doubles order like their bits).
  std::size_t cap = 1024;
  std::vector<std::uint64_t> keys(cap, ~std::uint64_t{0});
  std::vector<std::uint32_t> ids(cap);
  std::vector<std::uint64_t> distinct;
  auto slot_of = [&](std::uint64_t k) {
    std::size_t h = static_cast<std::size_t>((k * 0x9E3779B97F4A7C15ull) >> 20) & (cap - 1);
    while (keys[h] != k && keys[h] != ~std::uint64_t{0}) h = (h + 1) & (cap - 1);
    return h;
  };
  rc.code.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double b = before[i], a = after[i];
    if (std::isnan(b) || std::isnan(a)) {
      rc.code[i] = kUnpaired;
      continue;
    }
    const double d = a - b;
    if (d == 0.0) {
      rc.code[i] = kZero;
      continue;
    }
    const std::uint64_t k = std::bit_cast<std::uint64_t>(std::fabs(d));
    std::size_t h = slot_of(k);
    if (keys[h] != k) {
      if (distinct.size() >= kMaxClasses) return rc;  // continuous data: not worth counting
      keys[h] = k;
      ids[h] = static_cast<std::uint32_t>(distinct.size());
      distinct.push_back(k);
      if (distinct.size() * 2 > cap) {  // grow and rehash
        std::vector<std::uint64_t> old = std::move(keys);
        std::vector<std::uint32_t> old_ids = std::move(ids);
        cap *= 4;
        keys.assign(cap, ~std::uint64_t{0});
        ids.assign(cap, 0);
        for (std::size_t j = 0; j < old.size(); ++j)
          if (old[j] != ~std::uint64_t{0}) {
            const std::size_t s = slot_of(old[j]);
            keys[s] = old[j];
            ids[s] = old_ids[j];
          }
        h = slot_of(k);
      }
    }
    rc.code[i] = 2u * ids[h] + (d > 0.0 ? 1u : 0u);
  }
  // Provisional ids (first seen) → rank classes (ascending |d|).
  std::vector<std::uint32_t> order(distinct.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) { return distinct[x] < distinct[y]; });
  std::vector<std::uint32_t> rank(distinct.size());
  for (std::uint32_t r = 0; r < order.size(); ++r) rank[order[r]] = r;
  for (auto& c : rc.code)
    if (c < kZero) c = 2u * rank[c >> 1] + (c & 1u);
  rc.classes = distinct.size();
  rc.ok = true;
  return rc;
}


// The normal-approximation result of one group from its counts (negatives, positives) per class.
stats::Wilcoxon wilcoxon_from_counts(const std::uint32_t* counts, std::size_t classes) {
  double w_plus = 0.0, tie_term = 0.0;
  bool has_ties = false;
  std::size_t i = 0;  // ranks used so far
  for (std::size_t c = 0; c < classes; ++c) {
    const std::size_t neg = counts[2 * c], pos = counts[2 * c + 1], t = neg + pos;
    if (t == 0) continue;
    const std::size_t j = i + t;
    const double avg_rank = (static_cast<double>(i) + static_cast<double>(j) + 1.0) / 2.0;
    w_plus += avg_rank * static_cast<double>(pos);
    if (t > 1) {
      has_ties = true;
      const double tt = static_cast<double>(t);
      tie_term += tt * tt * tt - tt;
    }
    i = j;
  }
  return stats::wilcoxon_from_ranks(static_cast<std::int64_t>(i), w_plus, tie_term, has_ties);
}

// Per-group Wilcoxon results of one breakdown (codes == empty: one group, everyone). Empty when
// counting does not pay (continuous data, or too many groups × classes).
std::vector<stats::Wilcoxon> counted_wilcoxon(const RankClasses& rc, std::span<const std::int32_t> codes,
                                              std::size_t groups) {
  std::vector<stats::Wilcoxon> out;
  if (!rc.ok) return out;
  const std::size_t width = 2 * rc.classes;
  if (groups * width > (std::size_t{1} << 23)) return out;
  std::vector<std::uint32_t> counts(groups * width, 0);
  const std::size_t n = rc.code.size();
  if (codes.empty()) {
    for (std::size_t i = 0; i < n; ++i)
      if (rc.code[i] < kZero) ++counts[rc.code[i]];
  } else {
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint32_t c = rc.code[i];
      const std::int32_t g = codes[i];
      if (c < kZero && g >= 0) ++counts[static_cast<std::size_t>(g) * width + c];
    }
  }
  out.reserve(groups);
  for (std::size_t g = 0; g < groups; ++g) out.push_back(wilcoxon_from_counts(counts.data() + g * width, rc.classes));
  return out;
}

// ---- breakdowns ------------------------------------------------------------------------------------

// Counting sort of the pairs by code: group g's pairs land in [offset[g], offset[g+1]) of the
// buffers, in their original order. Unpaired (NaN) and uncoded (−1) pairs are left out.
struct Partition {
  std::vector<std::size_t> offset;  // size groups + 1
};

Partition partition(std::span<const std::int32_t> codes, std::size_t groups, std::span<const double> before,
                    std::span<const double> after, std::vector<double>& buf_b, std::vector<double>& buf_a,
                    std::span<const std::uint64_t> keys, std::vector<std::uint64_t>& buf_k) {
  Partition p;
  p.offset.assign(groups + 1, 0);
  const std::size_t n = codes.size();
  for (std::size_t i = 0; i < n; ++i) {
    const std::int32_t c = codes[i];
    if (c >= 0 && !std::isnan(before[i]) && !std::isnan(after[i])) ++p.offset[static_cast<std::size_t>(c) + 1];
  }
  for (std::size_t g = 0; g < groups; ++g) p.offset[g + 1] += p.offset[g];
  buf_b.resize(p.offset[groups]);
  buf_a.resize(p.offset[groups]);
  buf_k.resize(keys.empty() ? 0 : p.offset[groups]);
  std::vector<std::size_t> pos(p.offset.begin(), p.offset.end() - 1);
  for (std::size_t i = 0; i < n; ++i) {
    const std::int32_t c = codes[i];
    const double b = before[i], a = after[i];
    if (c < 0 || std::isnan(b) || std::isnan(a)) continue;
    const std::size_t j = pos[static_cast<std::size_t>(c)]++;
    buf_b[j] = b;
    buf_a[j] = a;
    if (!keys.empty()) buf_k[j] = keys[i];
  }
  return p;
}

BreakdownTable breakdown_table(const ColumnBreakdown& b, std::span<const double> before,
                               std::span<const double> after, std::span<const std::uint64_t> keys,
                               const RankClasses* rc, const ChangeParams& params, bool differences,
                               std::vector<double>& buf_b, std::vector<double>& buf_a,
                               std::vector<std::uint64_t>& buf_k) {
  BreakdownTable t;
  t.dimension = b.name;
  const std::size_t k = b.labels.size();
  const Partition p = partition(b.codes, k, before, after, buf_b, buf_a, keys, buf_k);
  const std::vector<stats::Wilcoxon> counted =
      rc && params.wilcoxon ? counted_wilcoxon(*rc, b.codes, k) : std::vector<stats::Wilcoxon>{};
  std::vector<Moments> mom(k);
  t.rows.reserve(k);
  for (std::size_t g = 0; g < k; ++g) {
    const std::size_t lo = p.offset[g], len = p.offset[g + 1] - lo;
    t.rows.push_back(change_row(b.labels[g], std::span<const double>(buf_b).subspan(lo, len),
                                std::span<const double>(buf_a).subspan(lo, len), params,
                                counted.empty() ? nullptr : &counted[g],
                                keys.empty() ? std::span<const std::uint64_t>{}
                                             : std::span<const std::uint64_t>(buf_k).subspan(lo, len)));
    mom[g] = moments_of(t.rows.back());
  }
  std::uint64_t covered_key = 0;  // the cell key of everyone in the breakdown
  for (const auto& row : t.rows) covered_key += row.n.key;
  if (differences) {
    Moments covered;
    for (const auto& m : mom) covered = combine(covered, m);
    t.differences.resize(k);
    for (std::size_t g = 0; g < k; ++g) {
      const Moments rest = remove(covered, mom[g]);  // the rest of the breakdown
      t.differences[g].group = b.labels[g];
      welch(mom[g], rest, params.confidence, t.differences[g]);
      t.differences[g].n_group.key = t.rows[g].n.key;
      t.differences[g].n_rest.key = covered_key - t.rows[g].n.key;
    }
    t.welch_anova = welch_anova(mom);
  } else {
    t.welch_anova.groups = t.welch_anova.f = t.welch_anova.df1 = t.welch_anova.df2 = t.welch_anova.p = fig(kNaN);
  }
  if (!b.trend_values.empty()) {
    t.trend = trend(mom, b.trend_values, params.confidence);
    t.trend->n.key = covered_key;
  }
  return t;
}

}  // namespace

OutcomeReport evaluate_columns(const ColumnOutcome& outcome, std::span<const ColumnBreakdown> breakdowns,
                               const ColumnOptions& options) {
  const std::size_t n_all = outcome.before.size();
  if (outcome.after.size() != n_all)
    throw ValidationError("", "after", "same_length"_rule,
                          "before has " + std::to_string(n_all) + " values but after has " +
                              std::to_string(outcome.after.size()));
  check_confidence(options.confidence);
  if (outcome.reliability && !(*outcome.reliability >= 0.0 && *outcome.reliability <= 1.0))
    throw ValidationError("", "reliability", "range"_rule, "reliability must be in [0, 1]");
  if (outcome.meaningful_change && !(*outcome.meaningful_change > 0.0 && std::isfinite(*outcome.meaningful_change)))
    throw ValidationError("", "meaningful_change", "positive"_rule, "meaningful_change must be a positive number");
  check_breakdowns(breakdowns, n_all);
  if (!outcome.record_keys.empty() && outcome.record_keys.size() != n_all)
    throw ValidationError("", "record_keys", "same_length"_rule,
                          "before has " + std::to_string(n_all) + " values but record_keys has " +
                              std::to_string(outcome.record_keys.size()));

  // NaN marks an unpaired episode; ±inf is an error. The overall row needs the pairs
  // contiguous: compacted only when some are unpaired. Breakdowns skip unpaired pairs as they
  // partition, so their codes are never copied.
  std::size_t n_valid = 0;
  for (std::size_t i = 0; i < n_all; ++i) {
    const double b = outcome.before[i], a = outcome.after[i];
    if (std::isinf(b))
      throw ValidationError("", "before", "finite"_rule, "value at index " + std::to_string(i) + " is infinite");
    if (std::isinf(a))
      throw ValidationError("", "after", "finite"_rule, "value at index " + std::to_string(i) + " is infinite");
    n_valid += !std::isnan(b) && !std::isnan(a);
  }
  std::span<const double> before = outcome.before, after = outcome.after;
  std::span<const std::uint64_t> keys = outcome.record_keys;
  std::vector<double> cb, ca;
  std::vector<std::uint64_t> ck;
  if (n_valid != n_all) {
    cb.reserve(n_valid);
    ca.reserve(n_valid);
    for (std::size_t i = 0; i < n_all; ++i) {
      if (std::isnan(outcome.before[i]) || std::isnan(outcome.after[i])) continue;
      cb.push_back(outcome.before[i]);
      ca.push_back(outcome.after[i]);
      if (!keys.empty()) ck.push_back(keys[i]);
    }
    before = cb;
    after = ca;
    if (!keys.empty()) keys = ck;
  }

  ChangeParams params;
  params.reliability = outcome.reliability.value_or(kNaN);
  params.meaningful_change = outcome.meaningful_change.value_or(kNaN);
  params.higher_is_better = outcome.higher_is_better;
  params.confidence = options.confidence;
  params.wilcoxon = options.wilcoxon;

  // Rank classes pay off when several groups share them; the overall row alone sorts.
  RankClasses rc;
  if (options.wilcoxon && !breakdowns.empty() && n_valid > 4 * kExactMaxN)
    rc = rank_classes(outcome.before, outcome.after);

  OutcomeReport r;
  r.outcome = outcome.name;
  r.name = outcome.name;
  r.higher_is_better = outcome.higher_is_better;
  r.reliability = params.reliability;
  r.meaningful_change = params.meaningful_change;
  r.episodes = fig(static_cast<double>(n_all));
  r.with_baseline = r.with_follow_up = fig(kNaN);
  const std::vector<stats::Wilcoxon> overall_w = counted_wilcoxon(rc, {}, 1);
  r.overall = change_row("all", before, after, params, overall_w.empty() ? nullptr : &overall_w[0], keys);

  std::vector<double> buf_b, buf_a;
  std::vector<std::uint64_t> buf_k;
  r.breakdowns.reserve(breakdowns.size());
  for (const auto& b : breakdowns)
    r.breakdowns.push_back(breakdown_table(b, outcome.before, outcome.after, outcome.record_keys, rc.ok ? &rc : nullptr,
                                           params, options.group_differences, buf_b, buf_a, buf_k));

  double lo = kNaN, hi = kNaN;
  if (outcome.range) {
    lo = outcome.range->first;
    hi = outcome.range->second;
  } else if (!before.empty()) {
    const auto [b0, b1] = std::minmax_element(before.begin(), before.end());
    const auto [a0, a1] = std::minmax_element(after.begin(), after.end());
    lo = std::floor(std::min(*b0, *a0));
    hi = std::ceil(std::max(*b1, *a1));
  }
  r.range = hi - lo;
  if (options.histogram) {
    r.histogram = histogram_layout(lo, hi);
    fill_histogram(r.histogram, before, after, keys);
  }
  return r;
}

std::vector<std::uint64_t> position_keys(std::size_t n) {
  std::vector<std::uint64_t> k(n);
  // splitmix64 of the position: distinct (a bijection), well-mixed keys.
  for (std::size_t i = 0; i < n; ++i) k[i] = mix64((i + 1) * 0x9E3779B97F4A7C15ull);
  return k;
}

ProportionTable evaluate_proportion_columns(std::string measure, std::span<const std::int8_t> outcome,
                                            std::span<const ColumnBreakdown> breakdowns, double confidence,
                                            std::span<const std::uint64_t> record_keys) {
  check_confidence(confidence);
  check_breakdowns(breakdowns, outcome.size());
  if (!record_keys.empty() && record_keys.size() != outcome.size())
    throw ValidationError("", "record_keys", "same_length"_rule,
                          "outcome has " + std::to_string(outcome.size()) + " values but record_keys has " +
                              std::to_string(record_keys.size()));
  auto key = [&](std::size_t i) { return record_keys.empty() ? std::uint64_t{0} : record_keys[i]; };
  for (std::size_t i = 0; i < outcome.size(); ++i)
    if (outcome[i] < -1 || outcome[i] > 1)
      throw ValidationError("", "outcome", "value_range"_rule,
                            "value " + std::to_string(outcome[i]) + " at index " + std::to_string(i) +
                                " is not 1 (yes), 0 (no) or -1 (no answer)");
  ProportionTable t;
  t.measure = measure;
  t.name = std::move(measure);
  auto make_row = [&](std::string group, long long n, long long k, std::uint64_t n_key, std::uint64_t k_key) {
    ProportionRow row;
    row.group = std::move(group);
    row.n = fig(static_cast<double>(n));
    row.k = fig(static_cast<double>(k));
    row.n.key = n_key;
    row.k.key = k_key;
    fill_shares(row, kProportionShares, confidence);
    return row;
  };
  long long n = 0, k = 0;
  std::uint64_t n_key = 0, k_key = 0;
  for (std::size_t i = 0; i < outcome.size(); ++i) {
    const std::int8_t v = outcome[i];
    n += v >= 0;
    k += v == 1;
    n_key += v >= 0 ? key(i) : 0;
    k_key += v == 1 ? key(i) : 0;
  }
  t.overall = make_row("all", n, k, n_key, k_key);
  for (const auto& b : breakdowns) {
    std::vector<long long> gn(b.labels.size(), 0), gk(b.labels.size(), 0);
    std::vector<std::uint64_t> gnk(b.labels.size(), 0), gkk(b.labels.size(), 0);
    for (std::size_t i = 0; i < outcome.size(); ++i) {
      const std::int32_t c = b.codes[i];
      if (c < 0 || outcome[i] < 0) continue;
      const auto g = static_cast<std::size_t>(c);
      ++gn[g];
      gk[g] += outcome[i] == 1;
      gnk[g] += key(i);
      gkk[g] += outcome[i] == 1 ? key(i) : 0;
    }
    ProportionBreakdown pb;
    pb.dimension = b.name;
    for (std::size_t g = 0; g < b.labels.size(); ++g)
      pb.rows.push_back(make_row(b.labels[g], gn[g], gk[g], gnk[g], gkk[g]));
    t.breakdowns.push_back(std::move(pb));
  }
  return t;
}

}  // namespace laycoach
