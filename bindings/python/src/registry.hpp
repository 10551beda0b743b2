// Each bindings/python/src/init_*.cpp registers the part of laycoach._core it defines, so that
// adding a face means adding a file; module.cpp calls them in `order` (core types first).
#pragma once

#include <pybind11/pybind11.h>

namespace laycoach::pybind {

using InitFn = void (*)(pybind11::module_&);

/// Registers `fn` to fill the extension module; lower `order` runs first (0 = core types).
struct Registrar {
  Registrar(int order, const char* name, InitFn fn);
};

}  // namespace laycoach::pybind
