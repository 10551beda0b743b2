// Small scenarios shared by the simulation's tests.
#pragma once

#include "laycoach/simulate.hpp"
#include "test_support.hpp"

namespace laycoach::test {

/// A flat rate of arrivals per hour in [from_hour, to_hour) UK local on every day.
inline std::array<double, simulation::kHoursPerWeek> daily_rate(double per_hour, int from_hour, int to_hour) {
  std::array<double, simulation::kHoursPerWeek> r{};
  for (int d = 0; d < 7; ++d)
    for (int h = from_hour; h < to_hour; ++h) r[static_cast<std::size_t>(d * 24 + h)] = per_hour;
  return r;
}

/// Four workforce coaches (weekdays 09:00-17:00, 15-minute buffer) and one LAY Too 1:1 stream
/// with a dose of 1-3 sessions, DNA and cancellations and two time-of-day preferences; four weeks
/// from Monday 2025-03-03 (across the spring clock change on 30 March).
inline simulation::Scenario small_scenario(double per_hour = 0.08) {
  simulation::Scenario s;
  s.catalogue = default_catalogue();
  for (int i = 1; i <= 4; ++i) {
    Coach c = workforce_coach("c" + std::to_string(i));
    c.rota.weekly.clear();
    for (int d = 0; d < 5; ++d) c.rota.weekly.push_back({d, 9 * 60, 17 * 60});
    if (i == 4) c.rota.weekly.push_back({5, 10 * 60, 14 * 60});
    c.rota.buffer_minutes = 15;
    c.rota.max_sessions_per_day = 6;
    s.coaches.push_back(c);
  }
  simulation::DemandStream st;
  st.offer_id = "lay_too_1to1";
  st.per_hour = daily_rate(per_hour, 7, 22);
  st.sessions_pmf = {0.5, 0.3, 0.2};
  st.interval_pmf = {0, 0, 0, 0, 0, 0, 0.5, 0.5};
  st.client_dna = 0.05;
  st.coach_dna = 0.02;
  st.client_cancel = 0.05;
  st.coach_cancel = 0.03;
  st.preferences = {{0.7, {}, 0x7F}, {0.3, {{12 * 60, 17 * 60}}, 0x1F}};
  st.window_days = 14;
  s.demand.streams.push_back(st);
  s.start = at("2025-03-03T00:00:00Z");
  s.days = 28;
  s.options.within_hours = {24, 72};
  return s;
}

}  // namespace laycoach::test
