// laycoach._core: the extension module. Each init_*.cpp registers its part (registry.hpp);
// this file owns the module, the exception classes and their translation.
#include <algorithm>
#include <vector>

#include "laycoach/error.hpp"
#include "laycoach/version.hpp"
#include "registry.hpp"

namespace py = pybind11;

namespace laycoach::pybind {
namespace {
struct Entry {
  int order;
  const char* name;
  InitFn fn;
};
std::vector<Entry>& registry() {
  static std::vector<Entry> r;
  return r;
}

// laycoach.Error and its subclasses, created once per interpreter; index = ErrorCode.
PyObject* g_errors[9] = {};

PyObject* make_error(py::module_& m, const char* name, PyObject* base, PyObject* builtin, const char* doc) {
  PyObject* bases = builtin ? PyTuple_Pack(2, base, builtin) : PyTuple_Pack(1, base);
  const std::string qual = std::string("laycoach.") + name;
  PyObject* cls = PyErr_NewExceptionWithDoc(qual.c_str(), doc, bases, nullptr);
  Py_DECREF(bases);
  if (!cls) throw py::error_already_set();
  m.add_object(name, py::reinterpret_borrow<py::object>(cls));
  return cls;
}

void raise(const Error& e) {
  PyObject* cls = g_errors[static_cast<int>(e.code())];
  if (!cls) cls = g_errors[0];
  py::object inst = py::reinterpret_borrow<py::object>(cls)(e.what());
  inst.attr("code") = to_string(e.code());
  inst.attr("record") = e.record();
  inst.attr("field") = e.field();
  inst.attr("rule") = e.rule();
  inst.attr("detail") = e.detail();
  PyErr_SetObject(cls, inst.ptr());
}
}  // namespace

Registrar::Registrar(int order, const char* name, InitFn fn) { registry().push_back({order, name, fn}); }

}  // namespace laycoach::pybind

PYBIND11_MODULE(_core, m) {
  using namespace laycoach::pybind;
  m.doc() = "laycoach: run and evaluate confidential coaching (the compiled core; import laycoach instead)";
  m.attr("__version__") = LAYCOACH_VERSION_STRING;

  PyObject* base = make_error(m, "Error", PyExc_Exception,
                              nullptr, "Base of laycoach errors; .code, .record, .field, .rule, .detail say what broke.");
  g_errors[0] = base;
  using C = laycoach::ErrorCode;
  g_errors[static_cast<int>(C::InvalidArgument)] =
      make_error(m, "ValidationError", base, PyExc_ValueError, "A value breaks a rule (range, format, invariant).");
  g_errors[static_cast<int>(C::NotFound)] =
      make_error(m, "NotFoundError", base, PyExc_LookupError, "A referenced record does not exist.");
  g_errors[static_cast<int>(C::Conflict)] =
      make_error(m, "ConflictError", base, nullptr, "The change collides with existing state (double booking, duplicate id).");
  g_errors[static_cast<int>(C::Forbidden)] =
      make_error(m, "ForbiddenError", base, PyExc_PermissionError, "The viewer may not see this (confidentiality).");
  g_errors[static_cast<int>(C::Parse)] =
      make_error(m, "ParseError", base, PyExc_ValueError, "A document is malformed; .field is the JSON pointer.");
  g_errors[static_cast<int>(C::Io)] = make_error(m, "IoError", base, PyExc_OSError, "The store or a file failed.");
  g_errors[static_cast<int>(C::Internal)] = make_error(m, "InternalError", base, nullptr, "A bug in laycoach.");
  g_errors[static_cast<int>(C::Busy)] =
      make_error(m, "BusyError", base, PyExc_TimeoutError,
                 "The store stayed locked by another connection beyond the busy timeout; nothing changed: retry.");

  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const laycoach::Error& e) {
      raise(e);
    }
  });

  auto entries = registry();
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.order < b.order; });
  for (const auto& e : entries) e.fn(m);
}
