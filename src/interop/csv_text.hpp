// Internal: the one RFC 4180 writer of fields and numbers, shared by the store tables
// (store_table_to_csv) and the evaluation tables (evaluation_report_csv).
#pragma once

#include <string>
#include <string_view>

namespace laycoach::csv {

/// Appends one field: as is, or quoted with its quotes doubled when it holds a comma, a quote,
/// CR or LF.
void append_field(std::string& out, std::string_view s);
/// The shortest text that reads back as the same double (finite values).
std::string shortest(double x);
/// Line end of every row (RFC 4180: CRLF).
inline constexpr std::string_view kRowEnd = "\r\n";

}  // namespace laycoach::csv
