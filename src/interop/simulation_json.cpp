// The demand model's JSON document (simulate_json.hpp). Stub: implemented next.
#include "laycoach/simulate_json.hpp"

#include <stdexcept>

namespace laycoach::simulation {

std::string demand_to_json(const DemandModel&, int) { throw std::logic_error("not yet"); }
DemandModel demand_from_json(std::string_view) { throw std::logic_error("not yet"); }

}  // namespace laycoach::simulation
