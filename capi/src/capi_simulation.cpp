// The capacity simulation's C face (laycoach_simulation.h): documents across, the C++ engine
// (simulate.hpp) and its JSON (simulate_json.hpp, simulate_scenario_json.hpp) behind.
#include <optional>

#include "capi_internal.hpp"
#include "laycoach/simulate.hpp"
#include "laycoach/simulate_json.hpp"
#include "laycoach/simulate_scenario_json.hpp"
#include "laycoach/time.hpp"
#include "laycoach_simulation.h"

using namespace laycoach;
using namespace laycoach::capi;

extern "C" {

lc_status lc_simulation_run(const char* scenario_json, uint64_t seed, int replications, int threads,
                            lc_progress_fn progress, void* user, char** out_json) {
  return guard([&] {
    if (out_json) *out_json = nullptr;
    const std::string doc = arg(scenario_json, "scenario_json");
    require(out_json, "out_json");
    if (replications < 1 || replications > 1000000)
      throw ValidationError("run", "replications", "range"_rule, "replications is 1..1000000");
    if (threads < 0) throw ValidationError("run", "threads", "range"_rule, "threads is 0 (every core) or more");
    const simulation::Scenario s = simulation::scenario_from_json(doc);
    simulation::RunOptions options;
    options.threads = threads;
    if (progress) options.progress = [&](int done, int total) { return progress(done, total, user) != 0; };
    const auto results = simulation::run(s, seed, 0, replications, options);
    std::optional<simulation::Summary> summary;
    if (!results.empty()) summary = simulation::summarise(results);
    const bool cancelled = static_cast<int>(results.size()) < replications;
    *out_json = dup_string(simulation::results_to_json(results, summary ? &*summary : nullptr, seed, replications,
                                                      cancelled, s.options.within_hours));
  });
}

lc_status lc_simulation_scenario(const lc_programme* p, const char* demand_json, int64_t start, int days,
                                 const char* options_json, char** out_json) {
  return query(p, out_json, [&](const Programme& programme) {
    const auto demand = simulation::demand_from_json(arg(demand_json, "demand_json"));
    auto s = simulation::scenario_from(programme, demand, from_unix_seconds(start), days);
    if (options_json) s = simulation::with_options_json(std::move(s), options_json);
    return simulation::scenario_to_json(s);
  });
}

lc_status lc_simulation_fit_demand(const lc_programme* p, int64_t from, int64_t to, char** out_json) {
  return query(p, out_json, [&](const Programme& programme) {
    return simulation::demand_to_json(simulation::fit_demand(programme, from_unix_seconds(from), from_unix_seconds(to)));
  });
}

}  // extern "C"
