// The capacity simulation (simulate.hpp). Stub: implemented step by step.
#include "laycoach/simulate.hpp"

#include <stdexcept>

namespace laycoach::simulation {

DemandModel fit_demand(const Programme&, Instant, Instant) { throw std::logic_error("not yet"); }
void validate(const DemandModel&) { throw std::logic_error("not yet"); }
Scenario scenario_from(const Programme&, const DemandModel&, Instant, int, const Options&) {
  throw std::logic_error("not yet");
}
void validate(const Scenario&) { throw std::logic_error("not yet"); }
std::vector<RotaBlock> weekly_blocks(int, int, std::uint8_t) { throw std::logic_error("not yet"); }
Scenario add_coaches(const Scenario&, const std::string&, int, const std::vector<RotaBlock>&, const std::string&) {
  throw std::logic_error("not yet");
}
Scenario add_hours(const Scenario&, const std::vector<RotaBlock>&, const std::vector<std::string>&) {
  throw std::logic_error("not yet");
}
Scenario open_offer(const Scenario&, const std::string&, const std::vector<std::string>&) {
  throw std::logic_error("not yet");
}
std::vector<ReplicationResult> run(const Scenario&, std::uint64_t, int, int, const RunOptions&) {
  throw std::logic_error("not yet");
}
Summary summarise(const std::vector<ReplicationResult>&, double) { throw std::logic_error("not yet"); }
OptimiseResult optimise(const Scenario&, const OptimiseOptions&) { throw std::logic_error("not yet"); }

}  // namespace laycoach::simulation
