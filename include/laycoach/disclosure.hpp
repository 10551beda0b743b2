#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 3
#error "laycoach layering: an engines-layer header included from a lower layer"
#endif
/// \file disclosure.hpp
/// Disclosure control for figures released to employers, commissioners and the public: the
/// primitives (cell draws, counts, count buckets, tables with complementary suppression) that the
/// evaluation's release (evaluation.hpp's disclose) and Programme::summary use. The method, its
/// parameters and its bounds are described once, in docs/disclosure.md.
///
/// The one disclosure module: counts, statistics, shares and tables. Everything here is a pure function of its arguments.

#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "laycoach/audience.hpp"
#include "laycoach/stats.hpp"

namespace laycoach {

/// splitmix64's finaliser (Steele, Lea & Flood 2014): a bijection of 64-bit values with full
/// avalanche, so nearby inputs give unrelated outputs.
std::uint64_t mix64(std::uint64_t x) noexcept;

/// A deterministic draw in [0, 1) from a cell key and a salt (splitmix64 of their mix): the cell
/// key method's random number, the same for the same cell (same records) in every table.
double cell_draw(std::uint64_t cell_key, std::uint64_t salt) noexcept;

/// The salt of a named figure (64-bit FNV-1a of the name), for cell_draw.
std::uint64_t figure_salt(std::string_view name) noexcept;

/// Releases a count under a policy (docs/disclosure.md): 0 stays 0; 1..min_count−1 suppressed;
/// others, with policy.cell_key, moved by p = ⌊cell_draw(cell_key)·(2D+1)⌋ − D people
/// (D = max_perturbation), then rounded to the nearest round_to (halves away from zero), and
/// never released below the first multiple of round_to at or above min_count.
DisclosedValue disclose_count(long long n, const SuppressionPolicy& policy, std::uint64_t cell_key = 0) noexcept;

/// The exact counts [first, last] that can be released as `released` (> 0) under `policy`:
/// the protection a reader faces for one count, whatever the cell key.
std::pair<long long, long long> count_bucket(long long released, const SuppressionPolicy& policy) noexcept;

/// True when primary suppression hides a count n: 1 <= n < min_count (0 is always shown).
constexpr bool primary_suppressed(long long n, const SuppressionPolicy& policy) noexcept {
  return n > 0 && n < policy.min_count;
}

/// Bins for a released histogram: merges adjacent bins so that no released bar is below the floor.
/// `a` and `b` are the exact counts per bin of the series drawn together (baseline and
/// follow-up; same length). Scanning from the left, bins are gathered into one released bin until
/// each series' count in it is 0 or at least policy.min_count; a last group that never gets
/// there joins the groups before it until the joined group does (or it is the only one). When
/// either series then has exactly two non-zero bins, everything is one bin (two bars released by
/// their own cell keys would bound the total more tightly than its own release). Returns the index of the first original bin of each released
/// bin (strictly increasing, starting at 0; empty when `a` is). Primary suppression then hides no
/// bar unless the whole total is below the floor (docs/disclosure.md, "Histograms"). Throws
/// ValidationError "b"/"same_length" when the spans differ in size.
std::vector<std::size_t> histogram_bin_starts(std::span<const long long> a, std::span<const long long> b,
                                              const SuppressionPolicy& policy);

/// Releases a statistic (mean, SD, test statistic, effect size ...) computed from n people:
/// suppressed when 1 <= n < min_count, otherwise the exact value (NaN when n == 0: nothing to
/// compute).
DisclosedValue disclose_statistic(double value, long long n, const SuppressionPolicy& policy) noexcept;

/// A proportion as released: share k/n with its Wilson interval, computed from the released
/// counts (so from rounded figures when the counts were rounded). Suppressed when k or n is
/// suppressed; NaN share and interval when n is 0.
struct DisclosedShare {
  DisclosedValue share;    ///< k / n in [0, 1]
  DisclosedValue ci_low;   ///< Wilson interval, lower end
  DisclosedValue ci_high;  ///< Wilson interval, upper end
};

/// The share k/n and its Wilson interval at `confidence` from released counts (see
/// DisclosedShare). Throws ValidationError on a confidence outside (0, 1) or k > n.
DisclosedShare disclose_share(const DisclosedValue& k, const DisclosedValue& n, double confidence = 0.95);

/// Secondary (complementary) suppression over the cells of one additive table whose total is
/// published. `cells` are the exact non-negative cell values; `hidden[i]` says whether cell i
/// is already withheld (primary suppression, or a part that is never published such as
/// "group not recorded") and is updated in place. When exactly one non-zero cell is hidden,
/// it could be recovered as total − Σ shown cells, so the smallest shown non-zero cell is hidden
/// as well (ties: the first). Returns true when no cell can serve as the complement, in which
/// case the caller must withhold the total. Throws ValidationError "hidden"/"same_length" when
/// the spans differ in size.
bool complementary_suppression(std::span<const long long> cells, std::vector<bool>& hidden);

/// Primary suppression, complementary suppression and rounding of one additive table of counts
/// with its total, as released to an aggregate audience. `remainder` is the part of the total
/// not shown as a cell (e.g. people whose group is not recorded), treated as a hidden cell.
/// Returns the released cells; `total_out` receives the released total.
/// `keys` (empty, or one per cell) are the cells' cell keys and `total_key` the total's.
std::vector<DisclosedValue> disclose_table(std::span<const long long> cells, long long total,
                                           const SuppressionPolicy& policy, DisclosedValue* total_out = nullptr,
                                           std::span<const std::uint64_t> keys = {}, std::uint64_t total_key = 0);

}  // namespace laycoach
