// Internal: where each store table's records sit in a ProgrammeData, so the SQLite store reads
// and writes one record at a time (never a document of the whole programme). The kinds are the
// one list of record_kinds.hpp.
#pragma once

#include <string_view>
#include <type_traits>
#include <vector>

#include "laycoach/programme.hpp"
#include "record_kinds.hpp"

namespace laycoach::store_schema {

using record_kinds::is_vector;

/// Calls f with the member of `d` (a ProgrammeData, const or not) that holds the records of the
/// table at `pointer` (store_schema::Table::pointer): a std::vector of records, or the one record
/// of a singleton table. Returns false for a pointer record_kinds::kAll does not list: the store
/// then falls back to the whole programme document, which is correct but slow.
template <class D, class F>
bool with_records(D& d, std::string_view pointer, F&& f) {
  static_assert(std::is_same_v<std::remove_const_t<D>, ProgrammeData>);
  return record_kinds::visit_pointer(pointer, [&](const auto& k) { f(k.data(d)); });
}

}  // namespace laycoach::store_schema
