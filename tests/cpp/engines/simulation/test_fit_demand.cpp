// fit_demand's seasonal multipliers and growth: arrivals drawn by the simulation's own generator
// from a known model over three years, entered as referrals, fitted back. Tolerances are four
// standard errors of the Poisson fit, computed here from the true model; a short or thin history
// keeps 1 / 0 exactly; the fitted model round-trips through its JSON document.
#include <catch2/catch.hpp>

#include <cmath>

#include "laycoach/simulate_json.hpp"
#include "sim_detail.hpp"
#include "sim_support.hpp"

using namespace laycoach;
using namespace laycoach::test;
namespace sim = laycoach::simulation;
namespace sd = laycoach::simulation::detail;
namespace bkd = laycoach::booking::detail;

namespace {

constexpr double kYear = 365.25 * 86400.0;  // seconds: the model's year

/// The truth: hour-of-week rates (higher by day, a busy Wednesday), a winter peak, 25% growth.
sim::Scenario truth() {
  sim::Scenario s = small_scenario();
  auto& st = s.demand.streams[0];
  for (int h = 0; h < sim::kHoursPerWeek; ++h)
    st.per_hour[static_cast<std::size_t>(h)] = (h % 24 >= 8 && h % 24 < 22 ? 0.9 : 0.15) + 0.6 * (h / 24 == 2);
  st.seasonal = {1.35, 1.2, 1.05, 0.95, 0.85, 0.75, 0.7, 0.8, 0.95, 1.05, 1.15, 1.2};  // mean 1
  st.growth = 0.25;
  s.start = at("2022-03-07T00:00:00Z");
  s.days = 3 * 365 + 1;
  return s;
}

/// A programme whose referrals arrive at the times the generator draws for the scenario's
/// stream (every `keep`-th arrival), one client each.
Programme history(const sim::Scenario& s, std::uint64_t seed, int keep = 1) {
  const sd::Compiled c = sd::compile(s);
  ProgrammeData data;
  data.catalogue = s.catalogue;
  data.coaches = s.coaches;
  Programme p(data);
  sim::Philox rng(seed, 0);
  int k = 0;
  for (double t = c.t0;;) {
    t = sd::next_arrival(c, 0, t, rng);
    if (!std::isfinite(t)) break;
    if (k++ % keep) continue;
    Client cl;
    cl.id = "k" + std::to_string(k);
    cl.consent.coaching = true;
    cl.consent.recorded_at = s.start;
    p.add_client(cl);
    Referral r;
    r.id = "r" + std::to_string(k);
    r.client_id = cl.id;
    r.offer_id = s.demand.streams[0].offer_id;
    r.requested_at = bkd::instant_of(static_cast<bkd::Min>(std::floor(t)));
    p.add_referral(r);
  }
  return p;
}

/// Expected counts of the true model over [from, to) by UTC hour (the generator's rate at each
/// hour's start, years from `start`), with what the standard errors need.
struct Expected {
  double total = 0;
  std::array<double, 12> by_month{};
  std::array<double, sim::kHoursPerWeek> by_hour{};
  double beta_information = 0;  // Fisher information of log(1 + growth) given the month effects
  double mean_years = 0;        // mean arrival time, years after `to`
  std::array<double, 12> month_years{};  // mean arrival time by month, years after `to`
};

Expected expected(const sim::DemandStream& st, Instant start, Instant from, Instant to) {
  using namespace boost::posix_time;
  Expected e;
  std::array<double, 12> s1{}, s2{};
  for (Instant h = from; h < to; h += hours(1)) {
    const LocalDateTime l = to_uk_local(h);
    const int how = ((l.date().day_of_week().as_number() + 6) % 7) * 24 + static_cast<int>(l.time_of_day().hours());
    const std::size_t m = static_cast<std::size_t>(l.date().month() - 1);
    const double mu = st.per_hour[static_cast<std::size_t>(how)] * st.seasonal[m] *
                      std::pow(1 + st.growth, static_cast<double>((h - start).total_seconds()) / kYear);
    const double y = static_cast<double>((h - to).total_seconds()) / kYear;
    e.total += mu;
    e.by_month[m] += mu;
    e.by_hour[static_cast<std::size_t>(how)] += mu;
    e.mean_years += mu * y;
    s1[m] += mu * y;
    s2[m] += mu * y * y;
  }
  e.mean_years /= e.total;
  for (std::size_t m = 0; m < 12; ++m) {
    e.month_years[m] = s1[m] / e.by_month[m];
    e.beta_information += s2[m] - s1[m] * s1[m] / e.by_month[m];  // within-month spread of arrival times
  }
  return e;
}

}  // namespace

TEST_CASE("fit_demand: seasonal multipliers and growth recovered from three years of arrivals", "[simulation][fit]") {
  const sim::Scenario s = truth();
  const sim::DemandStream& st = s.demand.streams[0];
  const Instant from = s.start, to = s.start + boost::posix_time::hours(24 * s.days);
  const Programme p = history(s, 21);
  const Expected e = expected(st, s.start, from, to);
  REQUIRE(e.total > 15000);

  const sim::DemandModel fit = sim::fit_demand(p, from, to);
  REQUIRE(fit.streams.size() == 1);
  const sim::DemandStream& f = fit.streams[0];

  // Growth: beta = log(1 + growth) has standard error 1 / sqrt(information).
  const double se_beta = 1 / std::sqrt(e.beta_information);
  INFO("growth " << f.growth << " (true " << st.growth << "), se of log(1 + growth) " << se_beta);
  CHECK(std::abs(std::log1p(f.growth) - std::log1p(st.growth)) <= 4 * se_beta);
  CHECK(se_beta < 0.05);  // the test has power: 25% growth is many standard errors from 0

  // Seasonal multipliers: they average 1; log(multiplier) has variance ~ 1 / (arrivals in the
  // month) + 1 / (all arrivals) (the normalisation) + the trend's share at the month's mean time.
  double mean = 0;
  for (double x : f.seasonal) mean += x / 12;
  CHECK(mean == Approx(1.0).epsilon(1e-12));
  for (std::size_t m = 0; m < 12; ++m) {
    const double dy = e.month_years[m] - e.mean_years;
    const double se = std::sqrt(1 / e.by_month[m] + 1 / e.total + dy * dy * se_beta * se_beta);
    INFO("month " << m + 1 << ": " << f.seasonal[m] << " (true " << st.seasonal[m] << "), se of log " << se);
    CHECK(std::abs(std::log(f.seasonal[m] / st.seasonal[m])) <= 4 * se);
  }

  // Rates describe the level at `to`: the truth grown over the three years. Their sum has the
  // variance of the level extrapolated from the mean arrival time to `to`; each hour of week's
  // share of it that of a multinomial share.
  const double grown = std::pow(1 + st.growth, static_cast<double>((to - s.start).total_seconds()) / kYear);
  double sum_fit = 0, sum_true = 0;
  for (std::size_t h = 0; h < sim::kHoursPerWeek; ++h) {
    sum_fit += f.per_hour[h];
    sum_true += st.per_hour[h] * grown;
  }
  const double se_level = std::sqrt(1 / e.total + e.mean_years * e.mean_years * se_beta * se_beta);
  CHECK(std::abs(std::log(sum_fit / sum_true)) <= 4 * se_level);
  for (std::size_t h = 0; h < sim::kHoursPerWeek; ++h) {
    const double share = e.by_hour[h] / e.total;
    INFO("hour of week " << h);
    CHECK(std::abs(f.per_hour[h] / sum_fit - st.per_hour[h] * grown / sum_true) <= 4 * std::sqrt(share * (1 - share) / e.total));
  }

  // The fitted model's document reads back to the same model, seasonal and growth included.
  CHECK(sim::demand_from_json(sim::demand_to_json(fit)) == fit);
}

TEST_CASE("fit_demand: a short or thin history keeps multipliers 1 and growth 0 exactly", "[simulation][fit]") {
  using boost::posix_time::hours;
  const sim::Scenario s = truth();
  const Instant from = s.start;
  const Programme p = history(s, 22);

  // Under kFitGrowthMinDays: neither; per_hour is count / exposure hours, as before seasonality.
  {
    const Instant to = from + hours(24 * (sim::kFitGrowthMinDays - 1));
    const sim::DemandStream f = sim::fit_demand(p, from, to).streams.at(0);
    CHECK(f.seasonal == sim::DemandStream{}.seasonal);
    CHECK(f.growth == 0.0);
    std::array<double, sim::kHoursPerWeek> count{}, exposure{};
    for (Instant h = from; h < to; h += hours(1)) {
      const LocalDateTime l = to_uk_local(h);
      exposure[static_cast<std::size_t>(((l.date().day_of_week().as_number() + 6) % 7) * 24 + l.time_of_day().hours())] += 1;
    }
    for (const Referral& r : p.referrals()) {
      if (r.requested_at >= to) continue;
      const LocalDateTime l = to_uk_local(r.requested_at);
      count[static_cast<std::size_t>(((l.date().day_of_week().as_number() + 6) % 7) * 24 + l.time_of_day().hours())] += 1;
    }
    for (std::size_t h = 0; h < sim::kHoursPerWeek; ++h) CHECK(f.per_hour[h] == count[h] / exposure[h]);
  }
  // Half a year to a year: growth alone (the truth's seasons make it a poor one, but not 0).
  {
    const sim::DemandStream f = sim::fit_demand(p, from, from + hours(24 * sim::kFitGrowthMinDays)).streams.at(0);
    CHECK(f.seasonal == sim::DemandStream{}.seasonal);
    CHECK(f.growth != 0.0);
  }
  // One to two years: seasonal multipliers alone.
  {
    const sim::DemandStream f = sim::fit_demand(p, from, from + hours(24 * sim::kFitSeasonalMinDays)).streams.at(0);
    CHECK(f.seasonal != sim::DemandStream{}.seasonal);
    CHECK(f.growth == 0.0);
  }
  // Two years: both.
  {
    const sim::DemandStream f = sim::fit_demand(p, from, from + hours(24 * sim::kFitSeasonalGrowthMinDays)).streams.at(0);
    CHECK(f.seasonal != sim::DemandStream{}.seasonal);
    CHECK(f.growth != 0.0);
  }
  // Three years but fewer than kFitTrendMinArrivals arrivals: neither.
  {
    const Programme thin = history(s, 22, 100);
    REQUIRE(thin.referrals().size() < static_cast<std::size_t>(sim::kFitTrendMinArrivals));
    REQUIRE(thin.referrals().size() > 100);
    const sim::DemandStream f = sim::fit_demand(thin, from, from + hours(24 * s.days)).streams.at(0);
    CHECK(f.seasonal == sim::DemandStream{}.seasonal);
    CHECK(f.growth == 0.0);
  }
}
