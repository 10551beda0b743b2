#include "laycoach/disclosure.hpp"

#include "laycoach/error.hpp"

#include <cmath>
#include <limits>
#include <string>

namespace laycoach {

std::uint64_t mix64(std::uint64_t z) noexcept {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

double cell_draw(std::uint64_t cell_key, std::uint64_t salt) noexcept {
  // The key mixed with the salt, through splitmix64's finaliser: nearby keys, unrelated draws.
  const std::uint64_t z = mix64(cell_key + 0x9E3779B97F4A7C15ull * (salt | 1u) + salt);
  return static_cast<double>(z >> 11) * 0x1.0p-53;
}

std::uint64_t figure_salt(std::string_view name) noexcept {
  std::uint64_t h = 0xCBF29CE484222325ull;
  for (const char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001B3ull;
  }
  return h;
}

namespace {
// Round half away from zero to the nearest multiple of base (counts are >= 0).
long long round_to_base(long long x, int base) {
  return static_cast<long long>(std::floor(static_cast<double>(x) / base + 0.5)) * base;
}
// The smallest count a shown cell is released as: the first multiple of round_to >= min_count.
long long released_floor(const SuppressionPolicy& p) {
  const long long b = std::max(1, p.round_to);
  return (std::max(1, p.min_count) + b - 1) / b * b;
}
// The salt of every count: one cell, one perturbation, whatever the count is called.
constexpr std::uint64_t kCountSalt = 0x636F756E74ull;  // "count"
}  // namespace

DisclosedValue disclose_count(long long n, const SuppressionPolicy& policy, std::uint64_t cell_key) noexcept {
  if (n == 0) return {0.0};
  if (n > 0 && n < policy.min_count) return {std::nullopt};
  const int base = std::max(1, policy.round_to);
  long long x = n;
  if (policy.cell_key && policy.max_perturbation > 0) {
    const long long d = policy.max_perturbation;
    x += static_cast<long long>(std::floor(cell_draw(cell_key, kCountSalt) * static_cast<double>(2 * d + 1))) - d;
  }
  return {static_cast<double>(std::max(round_to_base(x, base), released_floor(policy)))};
}

std::pair<long long, long long> count_bucket(long long released, const SuppressionPolicy& policy) noexcept {
  const long long b = std::max(1, policy.round_to);
  const long long d = policy.cell_key ? policy.max_perturbation : 0;
  // x rounds to `released` when released − b/2 <= x < released + b/2 (halves away from zero).
  const long long x_lo = released - b / 2, x_hi = released + (b - 1) / 2;
  long long lo = std::max<long long>(policy.min_count, x_lo - d);
  if (released == released_floor(policy)) lo = policy.min_count;  // everything below is lifted to it
  return {lo, x_hi + d};
}


namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

DisclosedValue disclose_statistic(double value, long long n, const SuppressionPolicy& policy) noexcept {
  if (primary_suppressed(n, policy)) return {std::nullopt};
  if (n <= 0) return {kNaN};
  return {value};
}

DisclosedShare disclose_share(const DisclosedValue& k, const DisclosedValue& n, double confidence) {
  if (k.suppressed() || n.suppressed()) return {};
  const double kk = *k.value, nn = *n.value;
  if (!(nn > 0) || std::isnan(kk)) return {{kNaN}, {kNaN}, {kNaN}};
  const auto ki = static_cast<std::int64_t>(std::llround(kk));
  const auto ni = static_cast<std::int64_t>(std::llround(nn));
  const stats::Interval w = stats::wilson(ki, ni, confidence);
  return {{static_cast<double>(ki) / static_cast<double>(ni)}, {w.low}, {w.high}};
}

bool complementary_suppression(std::span<const long long> cells, std::vector<bool>& hidden) {
  if (hidden.size() != cells.size())
    throw ValidationError("", "hidden", "same_length"_rule,
                          "cells has " + std::to_string(cells.size()) + " values but hidden has " +
                              std::to_string(hidden.size()));
  std::size_t n_hidden = 0;
  for (std::size_t i = 0; i < cells.size(); ++i) n_hidden += hidden[i] && cells[i] != 0;
  // A hidden zero reveals nothing and protects nothing: only non-zero hidden cells count.
  if (n_hidden != 1) return false;
  std::size_t best = cells.size();
  for (std::size_t i = 0; i < cells.size(); ++i)
    if (!hidden[i] && cells[i] > 0 && (best == cells.size() || cells[i] < cells[best])) best = i;
  if (best == cells.size()) return true;
  hidden[best] = true;
  return false;
}

std::vector<DisclosedValue> disclose_table(std::span<const long long> cells, long long total,
                                           const SuppressionPolicy& policy, DisclosedValue* total_out,
                                           std::span<const std::uint64_t> keys, std::uint64_t total_key) {
  long long sum = 0;
  for (const long long c : cells) sum += c;
  const long long remainder = total - sum;
  if (remainder < 0)
    throw ValidationError("", "total", "table_total"_rule,
                          "cells add up to " + std::to_string(sum) + ", more than the total " + std::to_string(total));
  std::vector<long long> all(cells.begin(), cells.end());
  std::vector<bool> hidden(all.size());
  for (std::size_t i = 0; i < all.size(); ++i) hidden[i] = primary_suppressed(all[i], policy);
  if (remainder > 0) {
    all.push_back(remainder);
    hidden.push_back(true);  // never published
  }
  const bool hide_total = complementary_suppression(all, hidden) || primary_suppressed(total, policy);
  std::vector<DisclosedValue> out(cells.size());
  for (std::size_t i = 0; i < cells.size(); ++i)
    out[i] = hidden[i] ? DisclosedValue{std::nullopt} : disclose_count(cells[i], policy, i < keys.size() ? keys[i] : 0);
  if (total_out) *total_out = hide_total ? DisclosedValue{std::nullopt} : disclose_count(total, policy, total_key);
  return out;
}

namespace {

// Two non-zero bars of one series, each released by its own cell key, bound their total (the
// released n) more tightly than its own release does; one bar holding everyone is the same cell
// as n (same key, same value). So a series with exactly two non-zero bars gets one bar.
std::vector<std::size_t> two_bar_guard_impl(std::vector<std::size_t> starts, std::span<const long long> a,
                                            std::span<const long long> b) {
  auto nonzero = [&](std::span<const long long> x) {
    int bars = 0;
    for (std::size_t g = 0; g < starts.size(); ++g) {
      const std::size_t end = g + 1 < starts.size() ? starts[g + 1] : x.size();
      long long sum = 0;
      for (std::size_t i = starts[g]; i < end; ++i) sum += x[i];
      bars += sum > 0;
    }
    return bars;
  };
  if (nonzero(a) == 2 || nonzero(b) == 2) return {0};
  return starts;
}

}  // namespace

std::vector<std::size_t> histogram_bin_starts(std::span<const long long> a, std::span<const long long> b,
                                              const SuppressionPolicy& policy) {
  if (a.size() != b.size())
    throw ValidationError("", "b", "same_length"_rule,
                          "a has " + std::to_string(a.size()) + " bins but b has " + std::to_string(b.size()));
  auto ok = [&](long long n) { return n == 0 || n >= policy.min_count; };
  auto two_bar_guard = [&](std::vector<std::size_t> s) { return two_bar_guard_impl(std::move(s), a, b); };
  std::vector<std::size_t> starts;
  long long sa = 0, sb = 0;
  bool open = false;  // a group is being gathered
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!open) {
      starts.push_back(i);
      sa = sb = 0;
      open = true;
    }
    sa += a[i];
    sb += b[i];
    if (ok(sa) && ok(sb)) open = false;
  }
  if (!open) return two_bar_guard(starts);
  // An unfinished last group joins the groups before it until the joined group is fine (a group
  // before it may be empty on one side, so one join need not be enough) or it is the only one.
  while (starts.size() > 1 && !(ok(sa) && ok(sb))) {
    starts.pop_back();
    sa = sb = 0;
    for (std::size_t i = starts.back(); i < a.size(); ++i) {
      sa += a[i];
      sb += b[i];
    }
  }
  return two_bar_guard(starts);
}

}  // namespace laycoach
