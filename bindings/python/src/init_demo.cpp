// laycoach.demo: the synthetic demo service and the evaluation dataset, as Programmes.
#include <pybind11/pybind11.h>

#include "casters.hpp"
#include "laycoach/demo.hpp"
#include "registry.hpp"

namespace py = pybind11;
using namespace laycoach;

namespace {
demo::DemoOptions options(std::uint64_t seed, int coaches, int staff_clients, int patients, Date start, int weeks,
                          int future_weeks, int trainees) {
  demo::DemoOptions o;
  o.seed = seed;
  o.coaches = coaches;
  o.staff_clients = staff_clients;
  o.patients = patients;
  if (!start.is_special()) o.start = start;
  o.weeks = weeks;
  o.future_weeks = future_weeks;
  o.trainees = trainees;
  return o;
}

void init_demo(py::module_& m) {
  auto d = m.def_submodule("demo", "A synthetic coaching service and evaluation dataset (deterministic for a seed).");
  const demo::DemoOptions def;
  d.def("make",
        [](std::uint64_t seed, int coaches, int staff_clients, int patients, Date start, int weeks, int future_weeks,
           int trainees) {
          const auto o = options(seed, coaches, staff_clients, patients, start, weeks, future_weeks, trainees);
          py::gil_scoped_release release;
          return Programme(demo::make_demo(o));
        },
        py::arg("seed") = def.seed, py::arg("coaches") = def.coaches, py::arg("staff_clients") = def.staff_clients,
        py::arg("patients") = def.patients, py::arg("start") = py::none(), py::arg("weeks") = def.weeks,
        py::arg("future_weeks") = def.future_weeks, py::arg("trainees") = def.trainees,
        "A whole demo service (coaches, rotas, clients, bookings, sessions, supervision, training, responses), "
        "built through the Programme so every invariant holds. start defaults to Monday 2024-01-08.");
  d.def("as_of",
        [](std::uint64_t seed, Date start, int weeks, int future_weeks) {
          auto o = options(seed, 40, 300, 120, start, weeks, future_weeks, 36);
          return demo::as_of(o);
        },
        py::arg("seed") = def.seed, py::arg("start") = py::none(), py::arg("weeks") = def.weeks,
        py::arg("future_weeks") = def.future_weeks, "The demo's 'now' (an aware UTC datetime).");
  d.def("evaluation",
        [](int people, std::uint64_t seed) {
          py::gil_scoped_release release;
          return Programme(demo::make_evaluation_demo(people, seed));
        },
        py::arg("people") = demo::kAnchorPeople, py::arg("seed") = 7,
        "Synthetic staff-coaching evaluation data shaped like the published evaluation "
        "(662 people, SWEMWBS 19.63 -> 24.02, BRCS 12.73 -> 15.07, more sessions more change).");
  d.attr("ANCHORS") = py::dict(py::arg("people") = demo::kAnchorPeople,
                               py::arg("swemwbs_before") = demo::kAnchorSwemwbsBefore,
                               py::arg("swemwbs_after") = demo::kAnchorSwemwbsAfter,
                               py::arg("brcs_before") = demo::kAnchorBrcsBefore,
                               py::arg("brcs_after") = demo::kAnchorBrcsAfter);
}

laycoach::pybind::Registrar reg(40, "demo", &init_demo);
}  // namespace
