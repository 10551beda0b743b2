#include "laycoach/disclosure.hpp"

#include "laycoach/error.hpp"

#include <cmath>
#include <limits>
#include <string>

namespace laycoach {

DisclosedValue disclose_count(long long n, const SuppressionPolicy& policy) noexcept {
  if (n == 0) return {0.0};
  if (n > 0 && n < policy.min_count) return {std::nullopt};
  const int base = std::max(1, policy.round_to);
  // Round half away from zero to the nearest multiple of the base.
  const double r = std::floor(static_cast<double>(n) / base + 0.5) * base;
  return {r};
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
                                           const SuppressionPolicy& policy, DisclosedValue* total_out) {
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
    out[i] = hidden[i] ? DisclosedValue{std::nullopt} : disclose_count(cells[i], policy);
  if (total_out) *total_out = hide_total ? DisclosedValue{std::nullopt} : disclose_count(total, policy);
  return out;
}

}  // namespace laycoach
