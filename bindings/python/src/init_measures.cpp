// Registers the measures faces: laycoach.stats (statistics kernel) and the instrument library.
#include "registry.hpp"

void init_stats(pybind11::module_& m);
void init_instruments(pybind11::module_& m);

namespace {
void init_measures(pybind11::module_& m) {
  auto stats = m.def_submodule("stats", "Paired before/after statistics (t-test, Wilcoxon, Wilson, reliable change).");
  init_stats(stats);
  init_instruments(m);
}
laycoach::pybind::Registrar reg(10, "measures", &init_measures);
}  // namespace
