// Disclosure control of evaluation reports: the one implementation of docs/disclosure.md.
// Works on a copy of the exact figures. Masks are decided on exact counts (primary, then
// complementary per breakdown and per count column); then each shown row is released:
//  * counts by disclose_count under their cell keys (perturbed, rounded, floored);
//  * means and SDs with bounded noise drawn from the row's cell key, rounded to 2 decimals;
//  * every other statistic (t, df, p, CI, effect sizes, Welch, ANOVA, trend, Wilcoxon p and r)
//    computed from the released figures, so it says nothing the released n and moments do not;
//  * shares from the exact counts plus noise of at most one person, and an interval that holds
//    the exact share.
// policy.exact_statistics keeps the release before cell keys (exact statistics, shares from the
// rounded counts) as a baseline to compare against; aggregate audiences are refused it.
#include "evaluation_impl.hpp"
#include "equity_value_impl.hpp"

#include "laycoach/error.hpp"

#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <string_view>
#include <tuple>
#include <vector>

namespace laycoach {

namespace {

using namespace eval;

template <class Row, std::size_t N>
void hide_row(Row& row, const std::array<Field<Row>, N>& fields) {
  for (const auto& f : fields) row.*(f.ptr) = Figure{std::nullopt};
  row.suppressed = true;
}

Figure release_count(const Figure& exact, bool hidden, const SuppressionPolicy& policy) {
  if (hidden) return Figure{std::nullopt};
  if (!exact.value || std::isnan(*exact.value)) return Figure{exact.value};
  return disclose_count(count_of(exact), policy, exact.key);
}

bool nan_count(const Figure& f) { return !f.value || std::isnan(*f.value); }

// ---- released precision and noise -----------------------------------------------------------

constexpr int kScoreDecimals = 2;  // means, SDs, CIs, effect sizes, t, z, F, slopes
constexpr int kShareDecimals = 4;  // shares and their intervals (0.0001 = 0.01 percentage points)
constexpr int kPDecimals = 4;      // p-values
constexpr double kShareStep = 1e-4;

double round_dp(double v, int dp) {
  if (!std::isfinite(v)) return v;
  const double f = std::pow(10.0, dp);
  return std::round(v * f) / f;
}
Figure rounded(double v, int dp = kScoreDecimals) { return fig(round_dp(v, dp)); }

// Bounded noise in [−bound, bound] drawn from a cell key for a named figure.
double noise(std::uint64_t key, std::uint64_t salt, std::string_view figure, double bound) {
  if (!(bound > 0)) return 0.0;
  return (2.0 * cell_draw(key, salt ^ figure_salt(figure)) - 1.0) * bound;
}

double value_or_nan(const Figure& f) { return f.value ? *f.value : kNaN; }

// A share k/n as released: the released counts' ratio (so it says nothing they do not), kept
// strictly inside (0, 1) unless the exact share is 0 or 1; its interval spans the Wilson
// intervals of every pair of exact counts the released ones allow (count_bucket), rounded
// outwards, so it always holds the exact share and the exact share's own Wilson interval.
struct SharedRelease {
  Figure share, low, high;
};
SharedRelease release_share(long long k, long long n, double k_rel, double n_rel, const SuppressionPolicy& policy,
                            double confidence) {
  if (n <= 0 || !(n_rel > 0)) return {fig(kNaN), fig(kNaN), fig(kNaN)};
  const double lo = k > 0 ? kShareStep : 0.0, hi = k < n ? 1.0 - kShareStep : 1.0;
  const double s = round_dp(std::clamp(k_rel / n_rel, lo, hi), kShareDecimals);
  const auto [n_lo, n_hi] = count_bucket(static_cast<long long>(n_rel), policy);
  long long k_lo = 0, k_hi = 0;
  if (k_rel > 0) std::tie(k_lo, k_hi) = count_bucket(static_cast<long long>(k_rel), policy);
  const double low = k_lo == 0 ? 0.0 : stats::wilson(k_lo, std::max(n_hi, k_lo), confidence).low;
  const double high = k_hi >= n_lo ? 1.0 : stats::wilson(k_hi, n_lo, confidence).high;
  return {fig(s), fig(round_dp(std::max(0.0, std::floor(low / kShareStep) * kShareStep), kShareDecimals)),
          fig(round_dp(std::min(1.0, std::ceil(high / kShareStep) * kShareStep), kShareDecimals))};
}

template <class Row, std::size_t S>
void release_shares(Row& row, const Row& exact, const std::array<ShareSpec<Row>, S>& specs,
                    const SuppressionPolicy& policy, double confidence) {
  for (const auto& sp : specs) {
    const Figure& k = row.*(sp.k);
    const Figure& n = row.*(sp.n);
    if (k.suppressed() || n.suppressed()) {
      row.*(sp.share) = row.*(sp.low) = row.*(sp.high) = Figure{std::nullopt};
      continue;
    }
    if (std::isnan(*k.value) || std::isnan(*n.value)) {
      row.*(sp.share) = row.*(sp.low) = row.*(sp.high) = fig(kNaN);
      continue;
    }
    // A part is never shown larger than its whole.
    if (*k.value > *n.value) row.*(sp.k) = n;
    const SharedRelease r =
        release_share(count_of(exact.*(sp.k)), count_of(exact.*(sp.n)), *(row.*(sp.k)).value, *n.value, policy, confidence);
    row.*(sp.share) = r.share;
    row.*(sp.low) = r.low;
    row.*(sp.high) = r.high;
  }
}

// Which figures of one row are withheld.
struct Mask {
  bool row = false;
  std::vector<bool> cell;  // per field index (count fields only are ever set)
};

template <class Row, std::size_t N>
Mask primary_mask(const Row& row, const std::array<Field<Row>, N>& fields, const SuppressionPolicy& policy) {
  Mask m;
  m.cell.assign(N, false);
  m.row = primary_suppressed(count_of(row.*(fields[0].ptr)), policy);  // field 0 is the row's n
  for (std::size_t f = 1; f < N; ++f)
    if (fields[f].kind == Kind::Count) m.cell[f] = primary_suppressed(count_of(row.*(fields[f].ptr)), policy);
  return m;
}

// Complementary suppression of one table (rows of one breakdown, total = the overall row), for the
// row's n (field 0: whole rows) and then every other count column.
template <class Row, std::size_t N>
void complementary(const std::vector<Row>& rows, const Row& total, std::vector<Mask>& masks, Mask& total_mask,
                   const std::array<Field<Row>, N>& fields) {
  for (std::size_t f = 0; f < N; ++f) {
    if (fields[f].kind != Kind::Count) continue;
    if (nan_count(total.*(fields[f].ptr))) continue;
    std::vector<long long> cells;
    std::vector<bool> hidden;
    long long sum = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const long long v = count_of(rows[i].*(fields[f].ptr));
      cells.push_back(v);
      hidden.push_back(masks[i].row || masks[i].cell[f]);
      sum += v;
    }
    const long long remainder = count_of(total.*(fields[f].ptr)) - sum;
    if (remainder > 0) {
      cells.push_back(remainder);
      hidden.push_back(true);
    }
    const bool hide_total = complementary_suppression(cells, hidden);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (f == 0)
        masks[i].row = hidden[i];
      else
        masks[i].cell[f] = hidden[i];
    }
    if (hide_total) {
      if (f == 0)
        total_mask.row = true;
      else
        total_mask.cell[f] = true;
    }
  }
}

// Counts of a shown row: released (or hidden) under the mask.
template <class Row, std::size_t N>
void release_counts(Row& row, const Mask& m, const std::array<Field<Row>, N>& fields, const SuppressionPolicy& policy) {
  for (std::size_t f = 0; f < N; ++f)
    if (fields[f].kind == Kind::Count) row.*(fields[f].ptr) = release_count(row.*(fields[f].ptr), m.cell[f], policy);
}

// ---- the release of one outcome -------------------------------------------------------------

// What the rows of one outcome are released with.
struct OutcomeRelease {
  const SuppressionPolicy& policy;
  double confidence;
  double range;         // score range the noise is scaled by
  double reliability;   // NaN: no reliable change
  std::uint64_t salt;   // the outcome's salt: one cell of one outcome, one noise
};

// The released moments of a row (n as released, mean and SD of change as released).
Moments released_moments(const ChangeRow& r) {
  Moments m;
  if (r.n.suppressed() || std::isnan(*r.n.value)) return m;
  m.n = count_of(r.n);
  m.mean = value_or_nan(r.mean_change);
  const double sd = value_or_nan(r.sd_change);
  m.m2 = m.n > 1 && std::isfinite(sd) ? sd * sd * static_cast<double>(m.n - 1) : 0.0;
  return m;
}

void release_change_row(ChangeRow& row, const ChangeRow& e, const Mask& m, const OutcomeRelease& c) {
  if (m.row) {
    hide_row(row, kChangeFields);
    return;
  }
  release_counts(row, m, kChangeFields, c.policy);
  if (c.policy.exact_statistics) {
    fill_shares(row, kChangeShares, c.confidence);  // the old release: shares from rounded counts
    return;
  }
  const double n = value_or_nan(row.n);
  if (!(n > 0)) return;  // nobody: nothing computable, as exact
  if (row.wilcoxon_n.value && *row.wilcoxon_n.value > n) row.wilcoxon_n = row.n;  // a part never exceeds its whole
  const std::uint64_t key = e.n.key;
  // Range of the scores; without one (all scores equal), ±3 SD.
  double range = c.range;
  if (!(std::isfinite(range) && range > 0))
    range = 6.0 * std::max({value_or_nan(e.sd_before), value_or_nan(e.sd_after), 0.0});
  const double b = c.policy.magnitude_noise * range / n;
  auto noisy = [&](const Figure& f, std::string_view name, double bound) {
    return round_dp(value_or_nan(f) + noise(key, c.salt, name, bound), kScoreDecimals);
  };
  auto noisy_sd = [&](const Figure& f, std::string_view name, double bound) {
    const double v = value_or_nan(f);
    return std::isfinite(v) ? std::max(0.0, noisy(f, name, bound)) : kNaN;
  };
  const double mb = noisy(e.mean_before, "mean_before", b), ma = noisy(e.mean_after, "mean_after", b);
  const double mc = round_dp(ma - mb, kScoreDecimals);
  const double sb = noisy_sd(e.sd_before, "sd_before", b), sa = noisy_sd(e.sd_after, "sd_after", b);
  const double sc = noisy_sd(e.sd_change, "sd_change", 2 * b);
  row.mean_before = fig(mb);
  row.mean_after = fig(ma);
  row.mean_change = fig(mc);
  row.sd_before = fig(sb);
  row.sd_after = fig(sa);
  row.sd_change = fig(sc);
  // Everything else from the released figures: the paired t-test at the released n.
  const double df = n - 1;
  const double se = sc / std::sqrt(n);
  const double t = df > 0 && se > 0 ? mc / se : kNaN;
  const double tc = t_critical(df, c.confidence);
  row.t = rounded(t);
  row.df = fig(df > 0 ? df : kNaN);
  row.p = rounded(t_two_sided_p(round_dp(t, kScoreDecimals), df), kPDecimals);
  row.ci_low = rounded(df > 0 ? mc - tc * se : kNaN);
  row.ci_high = rounded(df > 0 ? mc + tc * se : kNaN);
  const double dz = sc > 0 ? mc / sc : kNaN;
  const double dav = sb + sa > 0 ? mc / ((sb + sa) / 2.0) : kNaN;
  const double j = df > 0 ? 1.0 - 3.0 / (4.0 * df - 1.0) : kNaN;
  row.d_z = rounded(dz);
  row.d_av = rounded(dav);
  row.g_z = rounded(dz * j);
  row.g_av = rounded(dav * j);
  // Effect-size intervals from the released figures (n, mean change, SDs), like the effect sizes.
  fill_effect_intervals(row, n, mc, sc, sb, sa, c.confidence);
  for (Figure ChangeRow::*f : {&ChangeRow::d_z_ci_low, &ChangeRow::d_z_ci_high, &ChangeRow::d_av_ci_low,
                               &ChangeRow::d_av_ci_high, &ChangeRow::g_z_ci_low, &ChangeRow::g_z_ci_high,
                               &ChangeRow::g_av_ci_low, &ChangeRow::g_av_ci_high})
    row.*f = rounded(value_or_nan(row.*f));
  row.rci_threshold = rounded(std::isnan(c.reliability) || !std::isfinite(sb)
                                  ? kNaN
                                  : stats::reliable_change_threshold(sb, c.reliability));
  // Wilcoxon: W+ (which pins the number of non-zero differences) is withheld; z carries noise of
  // at most a share of one person's influence on it; p and r follow from z.
  row.wilcoxon_exact = false;
  if (nan_count(e.wilcoxon_n)) {
    row.w_plus = row.z = row.wilcoxon_p = row.r = fig(kNaN);
  } else if (row.wilcoxon_n.suppressed()) {
    row.w_plus = row.z = row.wilcoxon_p = row.r = Figure{std::nullopt};
  } else {
    const double nw = *row.wilcoxon_n.value;
    row.w_plus = Figure{std::nullopt};
    if (nw > 0 && std::isfinite(value_or_nan(e.z))) {
      const double z = round_dp(
          value_or_nan(e.z) + noise(e.wilcoxon_n.key, c.salt, "z", c.policy.magnitude_noise * 2.0 * std::sqrt(3.0 / nw)),
          kScoreDecimals);
      row.z = fig(z);
      const boost::math::normal norm;
      row.wilcoxon_p = rounded(2.0 * boost::math::cdf(boost::math::complement(norm, std::fabs(z))), kPDecimals);
      row.r = rounded(z / std::sqrt(nw));
    } else {
      row.z = row.wilcoxon_p = row.r = fig(kNaN);
    }
  }
  release_shares(row, e, kChangeShares, c.policy, c.confidence);
}

// A group against the rest of its breakdown, from released figures: the group's as its row
// shows them, the rest's moments released like a row's (their own cell key).
// `rest_released`: the rest's n as the released figures already imply it (overall − group, when
// the breakdown covers everyone), else the rest is released as its own cell.
void release_difference(GroupDifference& d, const ChangeRow& shown_group, const Moments& exact_rest,
                        std::uint64_t rest_key, std::optional<double> rest_released, const OutcomeRelease& c) {
  const DisclosedValue nr = rest_released ? (*rest_released >= c.policy.min_count ? DisclosedValue{*rest_released}
                                                                                 : DisclosedValue{std::nullopt})
                                          : disclose_count(exact_rest.n, c.policy, rest_key);
  if (nr.suppressed()) {
    hide_row(d, kDifferenceFields);
    return;
  }
  const Moments g = released_moments(shown_group);
  Moments r;
  r.n = static_cast<long long>(*nr.value);
  const double br = r.n > 0 ? 2.0 * c.policy.magnitude_noise * c.range / static_cast<double>(r.n) : 0.0;
  r.mean = round_dp(exact_rest.mean + noise(rest_key, c.salt, "mean_change", br), kScoreDecimals);
  const double sd = exact_rest.n > 1 ? std::sqrt(exact_rest.m2 / static_cast<double>(exact_rest.n - 1)) : kNaN;
  const double sr = std::isfinite(sd) ? std::max(0.0, round_dp(sd + noise(rest_key, c.salt, "sd_change", br), kScoreDecimals)) : kNaN;
  r.m2 = r.n > 1 && std::isfinite(sr) ? sr * sr * static_cast<double>(r.n - 1) : 0.0;
  welch(g, r, c.confidence, d);
  for (Figure GroupDifference::*f : {&GroupDifference::mean_change_group, &GroupDifference::mean_change_rest,
                                     &GroupDifference::difference, &GroupDifference::ci_low, &GroupDifference::ci_high,
                                     &GroupDifference::t, &GroupDifference::df})
    d.*f = rounded(value_or_nan(d.*f));
  d.p = rounded(value_or_nan(d.p), kPDecimals);
}

// The dose–response line of all the breakdown's pairs: n a count of its own cell; slope,
// intercept and r with bounded noise from that cell's key; t, df, p and the CI from them.
void release_trend(Trend& tr, const Trend& e, const OutcomeRelease& c) {
  tr.n = release_count(e.n, false, c.policy);
  if (tr.n.suppressed()) {
    hide_row(tr, kTrendFields);
    return;
  }
  const double n = *tr.n.value;
  if (!(n > 2) || !std::isfinite(value_or_nan(e.slope))) return;  // not computable, as exact
  const std::uint64_t key = e.n.key;
  const double b = c.policy.magnitude_noise * c.range / n;
  const double slope = round_dp(value_or_nan(e.slope) + noise(key, c.salt, "slope", b), kScoreDecimals);
  const double intercept = round_dp(value_or_nan(e.intercept) + noise(key, c.salt, "intercept", b), kScoreDecimals);
  const double r = std::clamp(
      round_dp(value_or_nan(e.r) + noise(key, c.salt, "r", c.policy.magnitude_noise / std::sqrt(n)), kScoreDecimals),
      -0.99, 0.99);
  const double df = n - 2;
  const double t = r * std::sqrt(df) / std::sqrt(1.0 - r * r);
  const double se = t != 0 ? std::fabs(slope / t) : kNaN;
  const double tc = t_critical(df, c.confidence);
  tr.slope = fig(slope);
  tr.intercept = fig(intercept);
  tr.r = fig(r);
  tr.df = fig(df);
  tr.t = rounded(t);
  tr.p = rounded(t_two_sided_p(t, df), kPDecimals);
  tr.ci_low = rounded(slope - tc * se);
  tr.ci_high = rounded(slope + tc * se);
}

template <class T, std::size_t N>
void round_all(T& x, const std::array<Field<T>, N>& fields) {
  for (const auto& f : fields) {
    Figure& v = x.*(f.ptr);
    if (f.kind == Kind::Count || !v.value) continue;
    const std::string_view name = f.name;
    v = rounded(*v.value, name == "p" ? kPDecimals : kScoreDecimals);
  }
}

void disclose_histogram(std::vector<Figure>& bins, const Figure& total, bool total_hidden,
                        const SuppressionPolicy& policy) {
  if (bins.empty()) return;
  if (total_hidden) {
    for (auto& b : bins) b = Figure{std::nullopt};
    return;
  }
  std::vector<long long> cells;
  std::vector<std::uint64_t> keys;
  for (const auto& b : bins) {
    cells.push_back(count_of(b));
    keys.push_back(b.key);
  }
  long long sum = 0;
  for (const long long c : cells) sum += c;
  const long long t = std::max(count_of(total), sum);
  bins = disclose_table(cells, t, policy, nullptr, keys, total.key);
}

// Merges adjacent bins (exact counts and cell keys add up) so that every bar reaches the floor
// or is empty (histogram_bin_starts), recording the merged bins' edges.
void merge_histogram_bins(Histogram& h, const SuppressionPolicy& policy) {
  const std::size_t bins = h.before.size();
  if (bins == 0 || h.after.size() != bins) return;
  std::vector<long long> a(bins), b(bins);
  for (std::size_t i = 0; i < bins; ++i) {
    a[i] = count_of(h.before[i]);
    b[i] = count_of(h.after[i]);
  }
  const std::vector<std::size_t> starts = histogram_bin_starts(a, b, policy);
  auto edge = [&](std::size_t i) { return h.low + static_cast<double>(i) * h.width; };
  std::vector<Figure> before, after;
  std::vector<double> edges;
  for (std::size_t g = 0; g < starts.size(); ++g) {
    const std::size_t end = g + 1 < starts.size() ? starts[g + 1] : bins;
    Figure fb = fig(0), fa = fig(0);
    long long nb = 0, na = 0;
    for (std::size_t i = starts[g]; i < end; ++i) {
      nb += a[i];
      na += b[i];
      fb.key += h.before[i].key;
      fa.key += h.after[i].key;
    }
    fb.value = static_cast<double>(nb);
    fa.value = static_cast<double>(na);
    before.push_back(fb);
    after.push_back(fa);
    edges.push_back(edge(starts[g]));
  }
  edges.push_back(edge(bins));
  h.before = std::move(before);
  h.after = std::move(after);
  h.edges = std::move(edges);
}

}  // namespace

void disclose(OutcomeReport& out, const SuppressionPolicy& policy, double confidence) {
  validate(policy);
  const OutcomeReport exact = out;
  Mask total_mask = primary_mask(exact.overall, kChangeFields, policy);
  std::vector<std::vector<Mask>> masks(exact.breakdowns.size());
  for (std::size_t b = 0; b < exact.breakdowns.size(); ++b) {
    const auto& rows = exact.breakdowns[b].rows;
    for (const auto& row : rows) masks[b].push_back(primary_mask(row, kChangeFields, policy));
    complementary(rows, exact.overall, masks[b], total_mask, kChangeFields);
  }
  const OutcomeRelease c{policy, confidence, exact.range, exact.reliability, figure_salt(exact.outcome)};
  const bool legacy = policy.exact_statistics;

  release_change_row(out.overall, exact.overall, total_mask, c);
  for (std::size_t b = 0; b < out.breakdowns.size(); ++b) {
    BreakdownTable& t = out.breakdowns[b];
    const BreakdownTable& te = exact.breakdowns[b];
    std::vector<Moments> shown, exact_moments;
    Moments covered;
    std::uint64_t covered_key = 0;
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
      exact_moments.push_back(moments_of(te.rows[i]));
      covered = combine(covered, exact_moments.back());
      covered_key += te.rows[i].n.key;
      release_change_row(t.rows[i], te.rows[i], masks[b][i], c);
      if (masks[b][i].row) continue;
      shown.push_back(legacy ? exact_moments.back() : released_moments(t.rows[i]));
    }
    for (std::size_t i = 0; i < t.differences.size(); ++i) {
      GroupDifference& d = t.differences[i];
      const bool hidden = (i < masks[b].size() && masks[b][i].row) || primary_suppressed(count_of(d.n_rest), policy) ||
                          primary_suppressed(count_of(d.n_group), policy);
      if (hidden) {
        hide_row(d, kDifferenceFields);
      } else if (legacy) {
        d.n_group = release_count(d.n_group, false, policy);
        d.n_rest = release_count(d.n_rest, false, policy);
      } else {
        std::optional<double> rest_released;
        if (covered.n == count_of(exact.overall.n) && out.overall.n.value && t.rows[i].n.value)
          rest_released = *out.overall.n.value - *t.rows[i].n.value;
        release_difference(d, t.rows[i], remove(covered, exact_moments[i]), covered_key - te.rows[i].n.key,
                           rest_released, c);
      }
    }
    // The omnibus test over the groups that are shown, so it carries nothing of a hidden group.
    if (!nan_count(te.welch_anova.groups)) {
      t.welch_anova = welch_anova(shown);
      if (!legacy) round_all(t.welch_anova, kOmnibusFields);
    }
    if (t.trend) {
      if (legacy) {
        if (primary_suppressed(count_of(t.trend->n), policy))
          hide_row(*t.trend, kTrendFields);
        else
          t.trend->n = release_count(t.trend->n, false, policy);
      } else {
        release_trend(*t.trend, *te.trend, c);
      }
    }
  }
  merge_histogram_bins(out.histogram, policy);
  disclose_histogram(out.histogram.before, exact.overall.n, total_mask.row, policy);
  disclose_histogram(out.histogram.after, exact.overall.n, total_mask.row, policy);
  out.episodes = release_count(out.episodes, false, policy);
  out.with_baseline = release_count(out.with_baseline, false, policy);
  out.with_follow_up = release_count(out.with_follow_up, false, policy);
}

void disclose(ProportionTable& table, const SuppressionPolicy& policy, double confidence) {
  validate(policy);
  const ProportionTable exact = table;
  Mask total_mask = primary_mask(exact.overall, kProportionFields, policy);
  std::vector<std::vector<Mask>> masks(exact.breakdowns.size());
  for (std::size_t b = 0; b < exact.breakdowns.size(); ++b) {
    for (const auto& row : exact.breakdowns[b].rows) masks[b].push_back(primary_mask(row, kProportionFields, policy));
    complementary(exact.breakdowns[b].rows, exact.overall, masks[b], total_mask, kProportionFields);
  }
  auto release = [&](ProportionRow& row, const ProportionRow& e, const Mask& m) {
    if (m.row) {
      hide_row(row, kProportionFields);
      return;
    }
    release_counts(row, m, kProportionFields, policy);
    if (policy.exact_statistics)
      fill_shares(row, kProportionShares, confidence);
    else
      release_shares(row, e, kProportionShares, policy, confidence);
  };
  release(table.overall, exact.overall, total_mask);
  for (std::size_t b = 0; b < table.breakdowns.size(); ++b)
    for (std::size_t i = 0; i < table.breakdowns[b].rows.size(); ++i)
      release(table.breakdowns[b].rows[i], exact.breakdowns[b].rows[i], masks[b][i]);
}

void disclose(AccessReport& a, const SuppressionPolicy& policy, double confidence) {
  validate(policy);
  const AccessReport exact = a;
  // Places attended, missed by the client and missed by the coach add up to the appointments.
  DisclosedValue appointments;
  const std::vector<long long> cells = {count_of(exact.attended), count_of(exact.client_dna),
                                        count_of(exact.coach_dna)};
  const std::vector<std::uint64_t> keys = {exact.attended.key, exact.client_dna.key, exact.coach_dna.key};
  const auto released =
      disclose_table(cells, count_of(exact.appointments), policy, &appointments, keys, exact.appointments.key);
  for (const auto& f : kAccessFields)
    if (f.kind == Kind::Count) a.*(f.ptr) = release_count(exact.*(f.ptr), false, policy);
  a.attended = released[0];
  a.client_dna = released[1];
  a.coach_dna = released[2];
  a.appointments = appointments;
  if (policy.exact_statistics)
    fill_shares(a, kAccessShares, confidence);
  else
    release_shares(a, exact, kAccessShares, policy, confidence);
  auto ratio = [&](const Figure& x, const Figure& y) -> Figure {
    if (x.suppressed() || y.suppressed()) return Figure{std::nullopt};
    const double v = *y.value > 0 ? *x.value / *y.value : kNaN;
    return policy.exact_statistics ? fig(v) : rounded(v);
  };
  a.sessions_per_client = ratio(a.attended, a.clients_seen);
  a.sessions_per_coach = ratio(a.sessions, a.coaches);
  // Rota and utilisation figures describe the coaches: withheld for 1..min_count−1 coaches.
  if (primary_suppressed(count_of(exact.coaches), policy)) {
    a.rota_hours = a.occupied_hours = a.utilisation = Figure{std::nullopt};
  } else if (!policy.exact_statistics) {
    a.rota_hours = rounded(value_or_nan(exact.rota_hours), 1);
    a.occupied_hours = rounded(value_or_nan(exact.occupied_hours), 1);
    const double r = value_or_nan(a.rota_hours);
    a.utilisation = rounded(r > 0 ? value_or_nan(a.occupied_hours) / r : kNaN, kShareDecimals);
  }
  a.per_coach.clear();
}

void disclose(UsageReport& u, const SuppressionPolicy& policy, double confidence) {
  validate(policy);
  for (auto& t : u.tables) disclose(t, policy, confidence);
  u.skill_share_sessions = release_count(u.skill_share_sessions, false, policy);
  u.skill_share_attendances = release_count(u.skill_share_attendances, false, policy);
  // Mean confidence per wave: withheld for 1..min_count−1 answers; otherwise, as a row's means,
  // with noise bounded by magnitude_noise × range / n drawn from the answers' cell key.
  constexpr double kConfidenceRange = 9.0;  // item 6 is answered 1..10
  for (auto& r : u.confidence_by_wave) {
    const Figure exact_n = r.n;
    if (primary_suppressed(count_of(exact_n), policy)) {
      r.n = r.mean_confidence = Figure{std::nullopt};
      r.suppressed = true;
      continue;
    }
    r.n = release_count(exact_n, false, policy);
    if (policy.exact_statistics || nan_count(exact_n) || count_of(exact_n) == 0) continue;
    const double b = policy.magnitude_noise * kConfidenceRange / static_cast<double>(count_of(exact_n));
    const double m = value_or_nan(r.mean_confidence) +
                     noise(exact_n.key, figure_salt("usage_confidence/" + r.wave), "mean_confidence", b);
    r.mean_confidence = rounded(std::clamp(m, 1.0, 10.0));
  }
}

void disclose(EvaluationReport& report, const SuppressionPolicy& policy) {
  validate(policy);
  if (report.disclosure_controlled)
    throw ValidationError("report", "disclosure_controlled", "already_disclosed"_rule,
                          "disclosure control has already been applied to this report");
  for (auto& o : report.outcomes) disclose(o, policy, report.confidence);
  for (auto& p : report.proportions) disclose(p, policy, report.confidence);
  disclose(report.access, policy, report.confidence);
  disclose(report.triage, policy, report.confidence);
  disclose(report.usage, policy, report.confidence);
  disclose(report.onward, policy, report.confidence);
  report.consent_excluded = release_count(report.consent_excluded, false, policy);
  if (report.equity) disclose(*report.equity, policy, report.confidence);
  if (report.value) {
    disclose(*report.value, policy);
    eval::align_value(report);
  }
  report.disclosure_controlled = true;
  report.policy = policy;
}

}  // namespace laycoach
