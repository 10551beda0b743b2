#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 4
#error "laycoach layering: an interop-layer header included from a lower layer"
#endif
/// \file csv.hpp
/// Store tables and extracts (store.hpp) as CSV text for tools that read nothing else.

#include <string>

#include "laycoach/store.hpp"

namespace laycoach {

/// RFC 4180 CSV (UTF-8, CRLF line ends): a header row of column names, then one row per record.
/// Null is an empty field, booleans 1/0 (as in the SQLite table), reals in their shortest
/// round-trip form (NaN empty); a field holding a comma, a quote, CR or LF is quoted, its quotes
/// doubled.
std::string store_table_to_csv(const StoreTableData& table);

}  // namespace laycoach
