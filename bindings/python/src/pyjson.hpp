// Python values -> JSON text for the interop readers (laycoach/json.hpp, document.hpp), so that
// Python builds records, requests, viewers and policies through the same C++ readers as C and
// documents. Conversion failures are laycoach errors naming the JSON pointer of the value:
// ValidationError "integer_range" (an int beyond 64 bits), "finite_number" (inf, nan),
// "utf8_text" (a str with a lone surrogate), "nesting_depth", "document_value" (a type JSON lacks).
#pragma once

#include <pybind11/pybind11.h>

#include <nlohmann/json.hpp>
#include <string>

namespace laycoach::pybind {

using PyJson = nlohmann::ordered_json;

/// A Python value as JSON: None, bool, int, float, str, enums (by name), aware datetimes (ISO
/// 8601 UTC), dates, dicts, lists, tuples, laycoach records, numpy values. `ptr` is the value's
/// JSON pointer, `record` the record named in errors.
PyJson py_to_json(pybind11::handle o, const std::string& ptr, const std::string& record = {}, int depth = 0);
/// A dict (keyword arguments) as JSON text; errors name the record by its "id" when it has one.
std::string dict_to_json_text(const pybind11::handle& d);
/// A str argument as UTF-8 (bytes are taken as they are); ValidationError naming `field`
/// ("utf8_text" for a lone surrogate, "text_type" for anything else).
std::string text_arg(pybind11::handle h, const std::string& field);

}  // namespace laycoach::pybind
