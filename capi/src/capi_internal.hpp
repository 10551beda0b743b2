// Internal to the C API: the exception firewall and helpers every capi_*.cpp uses.
#pragma once

#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

#include "laycoach.h"
#include "laycoach/audience.hpp"
#include "laycoach/error.hpp"
#include "laycoach/programme.hpp"

struct lc_programme {
  laycoach::Programme programme;
};

namespace laycoach::capi {

/// Clear this thread's error (start of every fallible call).
void clear_error() noexcept;
/// Record this thread's error and return its status.
lc_status set_error(lc_status status, const char* message, const std::string& record = {},
                    const std::string& field = {}, const std::string& rule = {}) noexcept;
/// The lc_status of a C++ error code.
lc_status status_of(ErrorCode code) noexcept;

/// Run f, turning every exception into a status and this thread's message. Never throws.
template <class F>
lc_status guard(F&& f) noexcept {
  clear_error();
  try {
    f();
    return LC_OK;
  } catch (const Error& e) {
    return set_error(status_of(e.code()), e.what(), e.record(), e.field(), e.rule());
  } catch (const std::bad_alloc&) {
    return set_error(LC_E_INTERNAL, "internal: out of memory");
  } catch (const std::exception& e) {
    return set_error(LC_E_INTERNAL, (std::string("internal: ") + e.what()).c_str());
  } catch (...) {
    return set_error(LC_E_INTERNAL, "internal: unknown exception");
  }
}

/// Throw ValidationError(field, "non_null") when a required pointer is NULL.
template <class T>
T* require(T* ptr, const char* field) {
  if (!ptr) throw ValidationError("", ErrorField(field), "non_null"_rule, std::string(field) + " must not be NULL");
  return ptr;
}
/// A NUL-terminated argument as a string; throws on NULL.
std::string arg(const char* s, const char* field);
/// Copy a string into malloc'd memory for the caller (released with lc_string_free).
char* dup_string(const std::string& s);
/// Parse a viewer document {"audience": "...", "id": "..."}; throws ParseError.
Viewer parse_viewer(const char* viewer_json);

/// `f(programme)` for a call returning a document through `out_json` (required; NULL on
/// failure): p and out_json checked, then the text f returns copied out. P is lc_programme or
/// const lc_programme (a query or a change that returns its result).
template <class P, class F>
lc_status query(P* p, char** out_json, F&& f) {
  return guard([&] {
    if (out_json) *out_json = nullptr;  // cleared on every failure, a NULL handle's included
    require(p, "p");
    require(out_json, "out_json");
    *out_json = dup_string(f(p->programme));
  });
}

}  // namespace laycoach::capi
