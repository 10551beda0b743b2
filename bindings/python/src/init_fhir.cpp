// Programme.to_fhir / to_fhir_json: the FHIR R4 (UK Core) export (include/laycoach/fhir.hpp).
// The keyword arguments become the options document of the C API and go through the same
// C++ reader (fhir_export_options_from_json), so Python and C refuse the same things.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "casters.hpp"
#include "laycoach/fhir.hpp"
#include "pyjson.hpp"
#include "registry.hpp"

namespace py = pybind11;
using namespace laycoach;

namespace {

std::string export_text(const Programme& p, const Viewer& viewer, const std::string& bundle_type,
                        const std::optional<std::string>& patient_id, py::handle start, py::handle end,
                        bool include_planned, const std::string& request_method) {
  py::dict d;
  d["bundle_type"] = bundle_type;
  d["request_method"] = request_method;
  if (patient_id) d["patient_id"] = *patient_id;
  d["from"] = start;
  d["to"] = end;
  d["include_planned"] = include_planned;
  const FhirExportOptions o = fhir_export_options_from_json(laycoach::pybind::dict_to_json_text(d));
  py::gil_scoped_release release;
  return fhir_export(p, viewer, o);
}

constexpr const char* kArgsDoc =
    "Only the service manager may export (ForbiddenError rule 'service_manager_only'); the export is logged "
    "('export_fhir'). Only patients who consented to the GP record, and only their coaching on patient service "
    "lines: never staff coaching, notes or goals (docs/fhir.md). bundle_type: 'collection' or 'transaction' "
    "(request_method 'put': PUT Type/<uuid>, or 'post'); patient_id: one patient (NotFoundError, ValidationError "
    "'patient_only' for staff, ForbiddenError 'gp_record_consent'); start/end: aware datetimes bounding session "
    "starts and response times [start, end); include_planned: booked sessions as 'planned' Encounters. Ids are "
    "name-based UUIDs: the same records give the same Bundle.";

void init_fhir(py::module_& m) {
  auto P = py::reinterpret_borrow<py::class_<Programme>>(m.attr("Programme"));
  P.def(
      "to_fhir",
      [](const Programme& p, const Viewer& viewer, const std::string& bundle_type,
         const std::optional<std::string>& patient_id, py::handle start, py::handle end, bool include_planned,
         const std::string& request_method) {
        const std::string text = export_text(p, viewer, bundle_type, patient_id, start, end, include_planned, request_method);
        return py::module_::import("json").attr("loads")(py::str(text));
      },
      py::arg("viewer"), py::kw_only(), py::arg("bundle_type") = "collection", py::arg("patient_id") = py::none(),
      py::arg("start") = py::none(), py::arg("end") = py::none(), py::arg("include_planned") = false,
      py::arg("request_method") = "put",
      (std::string("Patient coaching as a FHIR R4 Bundle (UK Core profiles), a dict as json.loads gives it. ") + kArgsDoc).c_str());
  P.def("to_fhir_json", &export_text, py::arg("viewer"), py::kw_only(), py::arg("bundle_type") = "collection",
        py::arg("patient_id") = py::none(), py::arg("start") = py::none(), py::arg("end") = py::none(),
        py::arg("include_planned") = false, py::arg("request_method") = "put",
        (std::string("to_fhir as compact JSON text (to send to a FHIR server or write to a file). ") + kArgsDoc).c_str());
}

laycoach::pybind::Registrar reg(50, "fhir", &init_fhir);

}  // namespace
