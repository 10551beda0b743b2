// Internal: the name table of an enumeration, read both ways (to_string and parse_* of every
// enum in the library use it, so an unknown value and an unknown name are handled one way).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace laycoach::enum_names {

/// The name of v in table, "unknown" when absent.
template <class E, std::size_t N>
const char* name_of(const std::pair<E, const char*> (&table)[N], E v) noexcept {
  for (const auto& [e, n] : table)
    if (e == v) return n;
  return "unknown";
}

/// The value named s in table, nullopt when absent.
template <class E, std::size_t N>
std::optional<E> value_of(const std::pair<E, const char*> (&table)[N], std::string_view s) noexcept {
  for (const auto& [e, n] : table)
    if (s == n) return e;
  return std::nullopt;
}

}  // namespace laycoach::enum_names
