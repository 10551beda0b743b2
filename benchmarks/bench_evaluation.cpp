// Benchmark of the columnar evaluation: the full evaluation of N episodes (default 10^6) of a
// SWEMWBS-like outcome with 5 breakdowns (service line, staff group, ethnicity group,
// organisation, sessions attended with its dose-response trend): per group and overall the
// paired t-test, Wilcoxon signed-rank test, effect sizes, reliable and meaningful change with
// Wilson intervals, group-vs-rest Welch tests, Welch ANOVA, histograms; plus a proportion
// (satisfied) with Wilson intervals over the same breakdowns. Single-threaded; pinned to one
// core. The pandas + scipy comparison (same data, same analysis, one run, prints the ratio) is
// benchmarks/bench_evaluation_py.py.
//
// Usage: bench_evaluation [episodes] [repeats]
#include "laycoach/evaluation.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#if defined(__linux__)
#include <sched.h>
#endif

namespace {

constexpr double kSwemwbs[29] = {7.00,  9.51,  11.25, 12.40, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36,
                                 16.88, 17.43, 17.98, 18.59, 19.25, 19.98, 20.73, 21.54, 22.35, 23.21,
                                 24.11, 25.03, 26.02, 27.03, 28.13, 29.31, 30.70, 32.55, 35.00};

struct Data {
  std::vector<double> before, after;
  std::vector<std::int8_t> satisfied;
  std::vector<std::vector<std::int32_t>> codes;
  std::vector<std::vector<std::string>> labels;
  std::vector<std::string> names;
};

// Same generator as bench_evaluation_py.py's make_data is not required: the Python script
// makes its own data and times both implementations on it.
Data make_data(std::size_t n, std::uint64_t seed) {
  Data d;
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> z(0.0, 1.0);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const std::vector<std::pair<std::string, int>> dims = {
      {"service_line", 4}, {"staff_group", 10}, {"ethnicity_group", 6}, {"organisation", 200}, {"sessions_attended", 6}};
  for (const auto& [name, k] : dims) {
    d.names.push_back(name);
    std::vector<std::string> l;
    for (int i = 0; i < k; ++i) l.push_back(name == "sessions_attended" ? (i + 1 == k ? std::to_string(k) + "+" : std::to_string(i + 1))
                                                                       : name + "_" + std::to_string(i));
    d.labels.push_back(l);
    d.codes.emplace_back(n);
  }
  d.before.resize(n);
  d.after.resize(n);
  d.satisfied.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t k = 0; k < dims.size(); ++k) {
      const int groups = dims[k].second;
      // Skewed group sizes (like real breakdowns): square of a uniform.
      const double v = u(rng);
      d.codes[k][i] = std::min(groups - 1, static_cast<int>(v * v * groups));
    }
    const int dose = d.codes[4][i] + 1;
    const int raw_b = std::clamp(static_cast<int>(std::lround(20.0 + 3.5 * z(rng))), 7, 35);
    const int raw_a = std::clamp(static_cast<int>(std::lround(raw_b + 1.0 + 0.8 * dose + 3.5 * z(rng))), 7, 35);
    d.before[i] = kSwemwbs[raw_b - 7];
    d.after[i] = kSwemwbs[raw_a - 7];
    d.satisfied[i] = u(rng) < 0.97 ? 1 : 0;
    if (u(rng) < 0.02) d.after[i] = std::nan("");  // no follow-up
  }
  return d;
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 5;
#if defined(__linux__)
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(sched_getcpu() >= 0 ? sched_getcpu() : 0, &set);
  sched_setaffinity(0, sizeof(set), &set);
#endif
  const Data d = make_data(n, 2024);
  std::vector<laycoach::ColumnBreakdown> bds;
  for (std::size_t k = 0; k < d.names.size(); ++k) {
    laycoach::ColumnBreakdown b{d.names[k], d.codes[k], d.labels[k], {}};
    if (d.names[k] == "sessions_attended")
      for (std::size_t g = 0; g < d.labels[k].size(); ++g) b.trend_values.push_back(static_cast<double>(g + 1));
    bds.push_back(std::move(b));
  }
  laycoach::ColumnOutcome out;
  out.name = "swemwbs";
  out.before = d.before;
  out.after = d.after;
  out.reliability = 0.84;
  out.meaningful_change = 3.0;
  out.range = std::make_pair(7.0, 35.0);

  std::vector<double> times;
  double checksum = 0;
  for (int r = 0; r < repeats; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    const laycoach::OutcomeReport rep = laycoach::evaluate_columns(out, bds);
    const laycoach::ProportionTable sat = laycoach::evaluate_proportion_columns("satisfied", d.satisfied, bds);
    const auto t1 = std::chrono::steady_clock::now();
    times.push_back(std::chrono::duration<double>(t1 - t0).count());
    checksum = *rep.overall.t.value + *sat.overall.share.value;
    if (r == 0) {
      std::size_t groups = 0;
      for (const auto& b : rep.breakdowns) groups += b.rows.size();
      std::printf("episodes %zu, paired %.0f, breakdowns %zu, groups %zu\n", n, *rep.overall.n.value, bds.size(), groups);
      std::printf("overall: %.3f -> %.3f, t = %.2f, Wilcoxon z = %.2f, d_z = %.3f, reliable improvement %.1f%%\n",
                  *rep.overall.mean_before.value, *rep.overall.mean_after.value, *rep.overall.t.value,
                  *rep.overall.z.value, *rep.overall.d_z.value, 100 * *rep.overall.share_reliable_improved.value);
    }
  }
  std::sort(times.begin(), times.end());
  std::printf("laycoach evaluate_columns (C++, 1 core): best %.3f s, median %.3f s over %d runs (checksum %.6f)\n",
              times.front(), times[times.size() / 2], repeats, checksum);
  std::printf("target: < 0.5 s -> %s\n", times.front() < 0.5 ? "met" : "NOT met");

  // The same evaluation released to a commissioner: record keys carried through every count
  // (the cell key method) and the whole release (docs/disclosure.md). The difference is the
  // cost of disclosure control.
  const std::vector<std::uint64_t> keys = laycoach::position_keys(n);
  out.record_keys = keys;
  std::vector<double> released;
  for (int r = 0; r < repeats; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    laycoach::OutcomeReport rep = laycoach::evaluate_columns(out, bds);
    laycoach::ProportionTable sat = laycoach::evaluate_proportion_columns("satisfied", d.satisfied, bds, 0.95, keys);
    laycoach::disclose(rep, laycoach::SuppressionPolicy{});
    laycoach::disclose(sat, laycoach::SuppressionPolicy{});
    const auto t1 = std::chrono::steady_clock::now();
    released.push_back(std::chrono::duration<double>(t1 - t0).count());
    checksum = *rep.overall.n.value;
  }
  std::sort(released.begin(), released.end());
  std::printf("  keyed and released to a commissioner: best %.3f s, median %.3f s (%.2fx the exact evaluation)\n",
              released.front(), released[released.size() / 2], released.front() / times.front());
  return 0;
}
