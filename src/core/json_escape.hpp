// Internal: the one JSON string escaper for JSON written as text without a JSON library (the
// outbox's event payloads in the domain layer, the FHIR export's fast writer). Private to src/.
#pragma once

#include <string>
#include <string_view>

namespace laycoach::json_escape {

/// Append the characters of v to out escaped for the inside of a JSON string (RFC 8259): `"` and
/// `\` backslashed, \n \r \t by name, other control characters as \u00XX; UTF-8 passes through.
/// Runs with nothing to escape are appended whole.
inline void append(std::string& out, std::string_view v) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::size_t from = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const char c = v[i];
    const auto u = static_cast<unsigned char>(c);
    if (c != '"' && c != '\\' && u >= 0x20) continue;
    out.append(v.data() + from, i - from);
    from = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out += "\\u00"; out += kHex[u >> 4]; out += kHex[u & 0x0f];
    }
  }
  out.append(v.data() + from, v.size() - from);
}

}  // namespace laycoach::json_escape
