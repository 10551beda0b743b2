// Internal: the pieces of the evaluation engine shared by the kernel, the programme front end,
// disclosure and the JSON writer. The field tables below are the one list of every figure of
// each row type: disclosure, JSON and the Python face all walk them, so a new figure is added
// in one place.
#pragma once

#include "crypto.hpp"
#include "laycoach/care_plan.hpp"
#include "laycoach/evaluation.hpp"
#include "laycoach/session.hpp"
#include "laycoach/stats.hpp"
#include "laycoach/stats_models.hpp"

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace laycoach::eval {

// Record keys of the cell key method (docs/disclosure.md): the first 8 bytes of
// HMAC-SHA-256(service secret, kind "/" id). Off (0) for exact audiences.
class Keyer {
 public:
  /// `secret_hex`: the service's secret; records are keyed with the cell-key use of it
  /// (crypto::derive_key), never with the secret itself.
  Keyer(std::string_view secret_hex, bool on) : on_(on) {
    if (on_) hmac_ = std::make_unique<crypto::Hmac>(crypto::derive_key(secret_hex, "laycoach/cell-key/v1"));
  }
  std::uint64_t operator()(std::string_view kind, std::string_view id, std::string_view id2 = {}) const {
    if (!on_) return 0;
    if (id2.empty()) return crypto::first_u64((*hmac_)({kind, "/", id}));
    return crypto::first_u64((*hmac_)({kind, "/", id, "/", id2}));
  }
  bool on() const { return on_; }

 private:
  bool on_;
  std::unique_ptr<crypto::Hmac> hmac_;  // one key schedule for every record of the evaluation
};

/// A secret made once per process for evaluations of a snapshot (no store, so no service
/// secret): unpredictable, and the same for repeated queries within the process.
inline const std::string& process_secret() {
  static const std::string s = crypto::random_hex(32);
  return s;
}

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
/// Warwick: at least 30 people with data at both time points before reporting change.
inline constexpr long long kRecommendedPairs = 30;

/// How a figure is released: a count (suppressed/rounded), a statistic of the row's people
/// (suppressed with the row), or a share recomputed from released counts.
enum class Kind { Count, Stat, Share };

template <class Row>
struct Field {
  const char* name;
  Figure Row::*ptr;
  Kind kind;
};

/// A share k/n with its Wilson interval, recomputed from released counts.
template <class Row>
struct ShareSpec {
  Figure Row::*share;
  Figure Row::*low;
  Figure Row::*high;
  Figure Row::*k;
  Figure Row::*n;
};

#define LC_F(R, name, kind) Field<R>{#name, &R::name, Kind::kind}

inline constexpr std::array kChangeFields = {
    LC_F(ChangeRow, n, Count),
    LC_F(ChangeRow, mean_before, Stat),
    LC_F(ChangeRow, sd_before, Stat),
    LC_F(ChangeRow, mean_after, Stat),
    LC_F(ChangeRow, sd_after, Stat),
    LC_F(ChangeRow, mean_change, Stat),
    LC_F(ChangeRow, sd_change, Stat),
    LC_F(ChangeRow, ci_low, Stat),
    LC_F(ChangeRow, ci_high, Stat),
    LC_F(ChangeRow, t, Stat),
    LC_F(ChangeRow, df, Stat),
    LC_F(ChangeRow, p, Stat),
    LC_F(ChangeRow, wilcoxon_n, Count),
    LC_F(ChangeRow, w_plus, Stat),
    LC_F(ChangeRow, z, Stat),
    LC_F(ChangeRow, wilcoxon_p, Stat),
    LC_F(ChangeRow, r, Stat),
    LC_F(ChangeRow, d_z, Stat),
    LC_F(ChangeRow, d_av, Stat),
    LC_F(ChangeRow, g_z, Stat),
    LC_F(ChangeRow, g_av, Stat),
    LC_F(ChangeRow, d_z_ci_low, Stat),
    LC_F(ChangeRow, d_z_ci_high, Stat),
    LC_F(ChangeRow, d_av_ci_low, Stat),
    LC_F(ChangeRow, d_av_ci_high, Stat),
    LC_F(ChangeRow, g_z_ci_low, Stat),
    LC_F(ChangeRow, g_z_ci_high, Stat),
    LC_F(ChangeRow, g_av_ci_low, Stat),
    LC_F(ChangeRow, g_av_ci_high, Stat),
    LC_F(ChangeRow, rci_threshold, Stat),
    LC_F(ChangeRow, reliable_improved, Count),
    LC_F(ChangeRow, reliable_deteriorated, Count),
    LC_F(ChangeRow, share_reliable_improved, Share),
    LC_F(ChangeRow, share_reliable_improved_ci_low, Share),
    LC_F(ChangeRow, share_reliable_improved_ci_high, Share),
    LC_F(ChangeRow, share_reliable_deteriorated, Share),
    LC_F(ChangeRow, share_reliable_deteriorated_ci_low, Share),
    LC_F(ChangeRow, share_reliable_deteriorated_ci_high, Share),
    LC_F(ChangeRow, meaningful_improved, Count),
    LC_F(ChangeRow, meaningful_deteriorated, Count),
    LC_F(ChangeRow, share_meaningful_improved, Share),
    LC_F(ChangeRow, share_meaningful_improved_ci_low, Share),
    LC_F(ChangeRow, share_meaningful_improved_ci_high, Share),
    LC_F(ChangeRow, share_meaningful_deteriorated, Share),
    LC_F(ChangeRow, share_meaningful_deteriorated_ci_low, Share),
    LC_F(ChangeRow, share_meaningful_deteriorated_ci_high, Share),
};

inline constexpr std::array kChangeShares = {
    ShareSpec<ChangeRow>{&ChangeRow::share_reliable_improved, &ChangeRow::share_reliable_improved_ci_low,
                         &ChangeRow::share_reliable_improved_ci_high, &ChangeRow::reliable_improved, &ChangeRow::n},
    ShareSpec<ChangeRow>{&ChangeRow::share_reliable_deteriorated, &ChangeRow::share_reliable_deteriorated_ci_low,
                         &ChangeRow::share_reliable_deteriorated_ci_high, &ChangeRow::reliable_deteriorated,
                         &ChangeRow::n},
    ShareSpec<ChangeRow>{&ChangeRow::share_meaningful_improved, &ChangeRow::share_meaningful_improved_ci_low,
                         &ChangeRow::share_meaningful_improved_ci_high, &ChangeRow::meaningful_improved,
                         &ChangeRow::n},
    ShareSpec<ChangeRow>{&ChangeRow::share_meaningful_deteriorated,
                         &ChangeRow::share_meaningful_deteriorated_ci_low,
                         &ChangeRow::share_meaningful_deteriorated_ci_high, &ChangeRow::meaningful_deteriorated,
                         &ChangeRow::n},
};

inline constexpr std::array kDifferenceFields = {
    LC_F(GroupDifference, n_group, Count),
    LC_F(GroupDifference, n_rest, Count),
    LC_F(GroupDifference, mean_change_group, Stat),
    LC_F(GroupDifference, mean_change_rest, Stat),
    LC_F(GroupDifference, difference, Stat),
    LC_F(GroupDifference, ci_low, Stat),
    LC_F(GroupDifference, ci_high, Stat),
    LC_F(GroupDifference, t, Stat),
    LC_F(GroupDifference, df, Stat),
    LC_F(GroupDifference, p, Stat),
};

inline constexpr std::array kOmnibusFields = {
    LC_F(Omnibus, groups, Stat), LC_F(Omnibus, f, Stat),  LC_F(Omnibus, df1, Stat),
    LC_F(Omnibus, df2, Stat),    LC_F(Omnibus, p, Stat),
};

inline constexpr std::array kTrendFields = {
    LC_F(Trend, n, Count),       LC_F(Trend, slope, Stat), LC_F(Trend, intercept, Stat),
    LC_F(Trend, ci_low, Stat),   LC_F(Trend, ci_high, Stat), LC_F(Trend, t, Stat),
    LC_F(Trend, df, Stat),       LC_F(Trend, p, Stat),     LC_F(Trend, r, Stat),
};

inline constexpr std::array kProportionFields = {
    LC_F(ProportionRow, n, Count),      LC_F(ProportionRow, k, Count),
    LC_F(ProportionRow, share, Share),  LC_F(ProportionRow, ci_low, Share),
    LC_F(ProportionRow, ci_high, Share),
};

inline constexpr std::array kProportionShares = {
    ShareSpec<ProportionRow>{&ProportionRow::share, &ProportionRow::ci_low, &ProportionRow::ci_high,
                             &ProportionRow::k, &ProportionRow::n},
};

inline constexpr std::array kAccessFields = {
    LC_F(AccessReport, referrals, Count),
    LC_F(AccessReport, clients, Count),
    LC_F(AccessReport, clients_seen, Count),
    LC_F(AccessReport, sessions, Count),
    LC_F(AccessReport, attended, Count),
    LC_F(AccessReport, client_dna, Count),
    LC_F(AccessReport, coach_dna, Count),
    LC_F(AccessReport, appointments, Count),
    LC_F(AccessReport, cancelled, Count),
    LC_F(AccessReport, sessions_per_client, Share),
    LC_F(AccessReport, dna_rate, Share),
    LC_F(AccessReport, dna_rate_ci_low, Share),
    LC_F(AccessReport, dna_rate_ci_high, Share),
    LC_F(AccessReport, coach_dna_rate, Share),
    LC_F(AccessReport, coach_dna_rate_ci_low, Share),
    LC_F(AccessReport, coach_dna_rate_ci_high, Share),
    LC_F(AccessReport, first_appointments, Count),
    LC_F(AccessReport, within_24h, Count),
    LC_F(AccessReport, share_within_24h, Share),
    LC_F(AccessReport, share_within_24h_ci_low, Share),
    LC_F(AccessReport, share_within_24h_ci_high, Share),
    LC_F(AccessReport, out_of_hours, Count),
    LC_F(AccessReport, share_out_of_hours, Share),
    LC_F(AccessReport, share_out_of_hours_ci_low, Share),
    LC_F(AccessReport, share_out_of_hours_ci_high, Share),
    LC_F(AccessReport, coaches, Count),
    LC_F(AccessReport, sessions_per_coach, Share),
    LC_F(AccessReport, rota_hours, Stat),
    LC_F(AccessReport, occupied_hours, Stat),
    LC_F(AccessReport, utilisation, Stat),
};

inline constexpr std::array kAccessShares = {
    ShareSpec<AccessReport>{&AccessReport::dna_rate, &AccessReport::dna_rate_ci_low,
                             &AccessReport::dna_rate_ci_high, &AccessReport::client_dna,
                             &AccessReport::appointments},
    ShareSpec<AccessReport>{&AccessReport::coach_dna_rate, &AccessReport::coach_dna_rate_ci_low,
                             &AccessReport::coach_dna_rate_ci_high, &AccessReport::coach_dna,
                             &AccessReport::appointments},
    ShareSpec<AccessReport>{&AccessReport::share_within_24h, &AccessReport::share_within_24h_ci_low,
                             &AccessReport::share_within_24h_ci_high, &AccessReport::within_24h,
                             &AccessReport::first_appointments},
    ShareSpec<AccessReport>{&AccessReport::share_out_of_hours, &AccessReport::share_out_of_hours_ci_low,
                             &AccessReport::share_out_of_hours_ci_high, &AccessReport::out_of_hours,
                             &AccessReport::attended},
};

#undef LC_F

/// Value of a figure as a count (0 when suppressed or NaN): only used on exact figures.
inline long long count_of(const Figure& f) {
  return f.value && std::isfinite(*f.value) ? static_cast<long long>(std::llround(*f.value)) : 0;
}
inline Figure fig(double v) { return Figure{v}; }

/// Fills every share of a row from its (exact or released) counts.
template <class Row, std::size_t N>
void fill_shares(Row& row, const std::array<ShareSpec<Row>, N>& specs, double confidence) {
  for (const auto& s : specs) {
    const DisclosedShare d = disclose_share(row.*(s.k), row.*(s.n), confidence);
    row.*(s.share) = d.share;
    row.*(s.low) = d.ci_low;
    row.*(s.high) = d.ci_high;
  }
}

/// n, mean and sum of squared deviations of one group's change scores.
struct Moments {
  long long n = 0;
  double mean = 0;
  double m2 = 0;  // Σ (d − mean)²
  double var() const { return n > 1 ? m2 / static_cast<double>(n - 1) : kNaN; }
};
/// Chan et al.'s pairwise combination of two groups' moments.
Moments combine(const Moments& a, const Moments& b);
/// The moments of `all` without those of its part `part` (Chan's formula run backwards).
Moments remove(const Moments& all, const Moments& part);
/// Two-sided p of Student's t with df degrees of freedom (NaN when df <= 0 or t is NaN).
double t_two_sided_p(double t, double df);
/// The two-sided critical t at `confidence` (NaN when df <= 0 or not finite).
double t_critical(double df, double confidence);
/// Moments of a ChangeRow's change scores (from its exact figures).
Moments moments_of(const ChangeRow& row);

/// Welch t-test of group vs rest; fills every figure of d (exact).
void welch(const Moments& group, const Moments& rest, double confidence, GroupDifference& d);
/// Welch one-way ANOVA over the groups with n >= 2 and a positive variance.
Omnibus welch_anova(std::span<const Moments> groups);
/// Least-squares trend of change on x from per-group moments and x values (exact).
Trend trend(std::span<const Moments> groups, std::span<const double> x, double confidence);

/// Parameters of the change statistics of one outcome.
struct ChangeParams {
  double reliability = kNaN;        // NaN: no reliable change
  double meaningful_change = kNaN;  // NaN: none
  bool higher_is_better = true;
  double confidence = 0.95;
  bool wilcoxon = true;
};
/// Fills a change row's effect-size intervals from n, mean change and the three SDs (exact or
/// released figures: one function for both, stats::effect_size_intervals).
void fill_effect_intervals(ChangeRow& row, double n, double mean_change, double sd_change, double sd_before,
                           double sd_after, double confidence);

/// Every statistic of one group's pairs (exact figures; shares filled). `wilcoxon`, when given,
/// is the group's signed-rank result already computed by counting (see evaluation_kernel.cpp);
/// it is used unless the exact p applies (<= 50 non-zero differences), where stats::wilcoxon runs.
/// `keys` (empty, or one per pair) are the pairs' record keys: each count's cell key is filled in.
ChangeRow change_row(std::string group, std::span<const double> before, std::span<const double> after,
                     const ChangeParams& params, const stats::Wilcoxon* wilcoxon = nullptr,
                     std::span<const std::uint64_t> keys = {});

/// Bin layout for a score range: width a "nice" step giving at most 30 bins.
Histogram histogram_layout(double low, double high);
/// Counts paired values into the bins of h (exact figures).
/// `keys` (empty, or one per pair) give each bin's cell key.
void fill_histogram(Histogram& h, std::span<const double> before, std::span<const double> after,
                    std::span<const std::uint64_t> keys = {});

/// An episode whose coaching period ended (a closed referral in scope), for onward_report.
struct EndedEpisode {
  std::string_view referral_id;
  std::string_view client_id;
};
/// The onward referral figures (OnwardReport) of the ended episodes, exact, each count keyed
/// by the people it counts (keyer("client", id); 0 when the keyer is off). onward.cpp.
OnwardReport onward_report(std::span<const EndedEpisode> ended, std::span<const OnwardReferral* const> onward,
                           std::span<const Goal* const> goals, const Keyer& keyer, double confidence);

}  // namespace laycoach::eval
