// Importing your own data (docs/own-data.md): tables given as numpy columns go to the C++ rule
// (store.hpp's import_tables) cell by cell from the arrays' buffers, with no Python object made
// per row (numbers, booleans; text arrives as the str objects the DataFrame already holds).
// laycoach.importing turns DataFrames into these columns; Programme.import_frames calls it.
#include <cmath>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include "laycoach/document.hpp"
#include "laycoach/error.hpp"
#include "laycoach/programme.hpp"
#include "laycoach/store.hpp"
#include "registry.hpp"

namespace py = pybind11;

namespace laycoach::pybind {
namespace {

[[noreturn]] void bad_column(const std::string& table, const std::string& column, const std::string& detail) {
  throw ValidationError(table, ErrorField(table + "/" + column), "column_type"_rule, detail);
}

template <class T, class F>
void numeric(const py::array& a, const bool* mask, std::vector<StoreCell>& out, F make) {
  const auto n = static_cast<std::size_t>(a.size());
  const auto c = py::array_t<T, py::array::c_style | py::array::forcecast>::ensure(a);
  const T* p = c.data();
  for (std::size_t i = 0; i < n; ++i) out.push_back(mask && mask[i] ? StoreCell{} : make(p[i]));
}

// One column: a 1-D numpy array (bool, integer, float: NaN is missing, object: None is
// missing, str / int / float / bool cells), or a (values, mask) pair whose mask marks missing.
std::vector<StoreCell> cells_of(const std::string& table, const std::string& column, py::handle value) {
  py::object values = py::reinterpret_borrow<py::object>(value), mask_obj = py::none();
  if (py::isinstance<py::tuple>(value)) {
    auto t = py::reinterpret_borrow<py::tuple>(value);
    if (t.size() != 2) bad_column(table, column, "a column is an array or a (values, mask) pair");
    values = t[0];
    mask_obj = t[1];
  }
  py::array a = py::module_::import("numpy").attr("ascontiguousarray")(values);
  if (a.ndim() != 1) bad_column(table, column, "a column is one-dimensional");
  const auto n = static_cast<std::size_t>(a.size());
  py::array_t<bool, py::array::c_style | py::array::forcecast> mask_arr;
  const bool* mask = nullptr;
  if (!mask_obj.is_none()) {
    mask_arr = py::array_t<bool, py::array::c_style | py::array::forcecast>::ensure(mask_obj);
    if (!mask_arr || mask_arr.ndim() != 1 || static_cast<std::size_t>(mask_arr.size()) != n)
      bad_column(table, column, "the mask is a boolean array as long as the column");
    mask = mask_arr.data();
  }
  std::vector<StoreCell> out;
  out.reserve(n);
  const char kind = a.dtype().kind();
  switch (kind) {
    case 'b': numeric<bool>(a, mask, out, [](bool x) { return StoreCell(x); }); break;
    case 'i':
    case 'u': numeric<long long>(a, mask, out, [](long long x) { return StoreCell(x); }); break;
    case 'f':
      numeric<double>(a, mask, out, [](double x) { return std::isnan(x) ? StoreCell{} : StoreCell(x); });
      break;
    case 'O': {
      auto* const* items = static_cast<PyObject* const*>(a.data());
      for (std::size_t i = 0; i < n; ++i) {
        PyObject* o = items[i];
        if ((mask && mask[i]) || o == Py_None) out.emplace_back();
        else if (PyUnicode_Check(o)) {
          Py_ssize_t len = 0;
          const char* s = PyUnicode_AsUTF8AndSize(o, &len);
          if (!s) throw py::error_already_set();
          out.emplace_back(std::string(s, static_cast<std::size_t>(len)));
        } else if (PyBool_Check(o)) out.emplace_back(o == Py_True);
        else if (PyLong_Check(o)) out.emplace_back(static_cast<long long>(PyLong_AsLongLong(o)));
        else if (PyFloat_Check(o)) {
          const double x = PyFloat_AsDouble(o);
          out.push_back(std::isnan(x) ? StoreCell{} : StoreCell(x));
        } else {
          bad_column(table, column, "row " + std::to_string(i) + " holds a " + std::string(Py_TYPE(o)->tp_name) +
                                        " (text, numbers, booleans or None expected)");
        }
      }
      break;
    }
    default:
      bad_column(table, column, std::string("numpy dtype kind '") + kind + "' is not a column laycoach reads");
  }
  return out;
}

void import_columns(Programme& p, const py::dict& tables) {
  std::vector<ImportTable> in;
  for (auto [name, cols] : tables) {
    ImportTable t;
    t.name = py::cast<std::string>(name);
    for (auto [col, value] : py::cast<py::dict>(cols)) {
      const auto c = py::cast<std::string>(col);
      t.data.columns.push_back({c, ""});
      t.data.cells.push_back(cells_of(t.name, c, value));
    }
    in.push_back(std::move(t));
  }
  py::gil_scoped_release release;
  import_tables(p, in);
}

void init_import(py::module_& m) {
  auto P = py::reinterpret_borrow<py::class_<Programme>>(m.attr("Programme"));
  m.def("_import_columns", &import_columns, py::arg("programme"), py::arg("tables"),
        "Import tables given as {table: {column: numpy array or (values, mask)}} into the programme, all or "
        "nothing in one store transaction (laycoach.importing.import_frames builds them from DataFrames).");
  P.def(
      "import_frames",
      [](py::object self, py::object frames) {
        return py::module_::import("laycoach.importing").attr("import_frames")(self, frames);
      },
      py::arg("frames"),
      "Add your own data: {table: pandas.DataFrame} with the tables and columns of docs/store.md (what "
      "laycoach.frame() gives), all or nothing in one store transaction, each record judged by the rule of "
      "its kind. See laycoach.import_frames and docs/own-data.md.");
  P.def(
      "import_records",
      [](Programme& p, const std::string& document) { p.import_records(programme_data_from_json(document)); },
      py::arg("document"),
      "Add the records of a programme document (JSON text, the to_json() format) to those held, all or "
      "nothing in one store transaction; the first bad record raises its error with field = its JSON pointer "
      "(\"/sessions/17/coach_id\").",
      py::call_guard<py::gil_scoped_release>());
}

}  // namespace

Registrar reg_import(30, "import", &init_import);

}  // namespace laycoach::pybind
