// laycoach._core: a programme's own questionnaires on Programme (docs/instruments.md). Definitions
// cross as dicts or JSON text, read by the same strict C++ reader as C and documents; the rules
// (primary scale, immutability, lookup order) are Programme's, never written here.
#include <pybind11/pybind11.h>

#include "laycoach/instrument.hpp"
#include "laycoach/programme.hpp"
#include "pyjson.hpp"
#include "registry.hpp"

namespace py = pybind11;
using namespace laycoach;

namespace {

py::object loads(const std::string& s) { return py::module_::import("json").attr("loads")(s); }

void init_programme_instruments(py::module_& m) {
  auto P = py::reinterpret_borrow<py::class_<Programme>>(m.attr("Programme"));
  P.def(
      "register_instrument",
      [](Programme& p, py::handle definition) {
        // JSON text is read as given (a repeated key is refused); a dict is written out first.
        const std::string text = py::isinstance<py::dict>(definition) ? pybind::dict_to_json_text(definition)
                                                                        : pybind::text_arg(definition, "definition");
        return loads(p.register_instrument_json(text).to_json());
      },
      py::arg("definition"),
      "Register a questionnaire of the programme's own from its definition (dict or JSON text, "
      "schema_version 1; docs/instruments.md): stored with the programme, used by add_response, evaluate and "
      "the report. Returns the definition as stored (a dict; 'primary' filled in when the only scale is "
      "primary). Registering an identical definition again is a no-op. ParseError (field = the JSON pointer: "
      "a repeated or unknown key, a bad value), ValidationError ('primary' 'primary_scale_required': several "
      "scales and no primary), ConflictError ('id': 'unique_instrument_id' for a built-in's id, "
      "'instrument_immutable' for another definition under a registered id).");
  P.def(
      "instruments",
      [](const Programme& p) {
        py::list out;
        for (const Instrument& ins : p.instruments()) out.append(loads(ins.to_json()));
        return out;
      },
      "The programme's own questionnaires (register_instrument) as definition dicts, by id; the built-ins are "
      "laycoach.instruments().");
  P.def(
      "instrument", [](const Programme& p, const std::string& id) { return loads(p.instrument(id).to_json()); },
      py::arg("instrument_id"),
      "The definition (a dict) of the instrument the programme means by an id: its own, else a built-in "
      "(ids ignore case). NotFoundError ('instrument_id').");
}

}  // namespace

laycoach::pybind::Registrar reg_programme_instruments(26, "programme_instruments", &init_programme_instruments);
