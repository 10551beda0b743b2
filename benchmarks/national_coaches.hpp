// The national coach workforce both booking and simulation benchmarks run on: `n` coaches with
// random weekly rotas (UK local), four years of dated exceptions and leave from `first`, caps
// and buffers, and the default catalogue's four 1:1 offers. Draws from `rng` in a fixed order, so
// a benchmark's later draws from the same generator stay as they were.
#pragma once

#include <algorithm>
#include <cstdio>
#include <random>
#include <utility>
#include <vector>

#include "laycoach/coach.hpp"

namespace laycoach::bench {

inline std::vector<Coach> national_coaches(int n, Date kFirst, std::mt19937_64& rng) {
  auto uni = [&](int a, int b) { return std::uniform_int_distribution<int>(a, b)(rng); };
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  std::vector<Coach> out;
  out.reserve(static_cast<std::size_t>(n));
  const std::vector<std::vector<std::pair<int, int>>> day_shapes = {
      {{8 * 60, 12 * 60}}, {{9 * 60, 17 * 60}}, {{12 * 60, 20 * 60}}, {{17 * 60, 22 * 60}}, {{8 * 60, 12 * 60}, {13 * 60, 17 * 60}}};
  for (int i = 0; i < n; ++i) {
    Coach c;
    char id[16];
    std::snprintf(id, sizeof id, "c%03d", i);
    c.id = id;
    c.name = "Coach " + c.id;
    c.memberships = {ProfessionalBody::Emcc};
    c.training = {{"Coaching diploma", 10, 120.0, true, false, Date(2019, 6, 30)}};
    c.offers = {"lay_too_1to1"};
    if (chance(0.5)) c.offers.push_back("lay_career_1to1");
    if (chance(0.3)) c.offers.push_back("lay_team_leader");
    if (chance(0.15)) {
      c.ethnically_diverse = c.ethnically_diverse_pathway = true;
      c.offers.push_back("lay_too_edp_1to1");
    }
    c.modalities = chance(0.85) ? std::vector<Modality>{Modality::Video, Modality::Telephone} : std::vector<Modality>{Modality::Video};
    const int workdays = uni(3, 5);
    std::vector<int> days = {0, 1, 2, 3, 4, 5, 6};
    std::shuffle(days.begin(), days.end(), rng);
    if (!chance(0.3))  // most work weekdays only
      days.erase(std::remove_if(days.begin(), days.end(), [](int x) { return x >= 5; }), days.end());
    for (int k = 0; k < workdays && k < static_cast<int>(days.size()); ++k)
      for (auto [a, b] : day_shapes[static_cast<std::size_t>(uni(0, static_cast<int>(day_shapes.size()) - 1))])
        c.rota.weekly.push_back({days[static_cast<std::size_t>(k)], a, b});
    for (int y = 0; y < 4; ++y) {
      for (int k = 0; k < 25; ++k) {  // dated exceptions: a day off or different hours
        RotaException x;
        x.date = kFirst + boost::gregorian::days(y * 365 + uni(0, 364));
        if (chance(0.5)) {
          const auto& shape = day_shapes[static_cast<std::size_t>(uni(0, static_cast<int>(day_shapes.size()) - 1))];
          for (auto [a, b] : shape) x.blocks.push_back({0, a, b});
        }
        c.rota.exceptions.push_back(x);
      }
      for (int k = 0; k < 3; ++k) {  // leave
        const Date f = kFirst + boost::gregorian::days(y * 365 + uni(0, 350));
        c.rota.leave.push_back({f, f + boost::gregorian::days(uni(4, 11))});
      }
    }
    c.rota.max_sessions_per_day = uni(6, 8);
    c.rota.max_sessions_per_week = uni(20, 30);
    c.rota.buffer_minutes = std::vector<int>{0, 0, 10, 15}[static_cast<std::size_t>(uni(0, 3))];
    c.safeguarding_lead = "Dr Lead";
    c.first_point_of_contact = "Desk";
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace laycoach::bench
