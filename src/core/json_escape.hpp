// Internal: the one JSON string escaper for JSON written as text without a JSON library (the
// outbox's event payloads in the domain layer, the FHIR export's fast writer). Private to src/.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace laycoach::json_escape {

/// Whether c must be escaped inside a JSON string (RFC 8259): `"`, `\` and control characters.
inline bool needs_escape(char c) noexcept { return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20; }

/// Write the escape of c (one that needs_escape) at out: `"` and `\` backslashed, \n \r \t by
/// name, other control characters as \u00XX. Returns the end of what it wrote (at most 6 chars).
inline char* write_escape(char* out, char c) noexcept {
  static constexpr char kHex[] = "0123456789abcdef";
  const auto u = static_cast<unsigned char>(c);
  *out++ = '\\';
  switch (c) {
    case '"': *out++ = '"'; break;
    case '\\': *out++ = '\\'; break;
    case '\n': *out++ = 'n'; break;
    case '\r': *out++ = 'r'; break;
    case '\t': *out++ = 't'; break;
    default:
      *out++ = 'u';
      *out++ = '0';
      *out++ = '0';
      *out++ = kHex[u >> 4];
      *out++ = kHex[u & 0x0f];
  }
  return out;
}

/// The most characters the escaped form of n input characters takes.
constexpr std::size_t max_escaped(std::size_t n) noexcept { return 6 * n; }

/// Write the characters of v escaped for the inside of a JSON string at out, which has room for
/// max_escaped(v.size()) characters; UTF-8 passes through. Returns the end of what it wrote.
inline char* write(char* out, std::string_view v) noexcept {
  for (const char c : v) {
    if (needs_escape(c)) out = write_escape(out, c);
    else *out++ = c;
  }
  return out;
}

/// Append the characters of v to out escaped as by write(); runs with nothing to escape are
/// appended whole.
inline void append(std::string& out, std::string_view v) {
  std::size_t from = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!needs_escape(v[i])) continue;
    out.append(v.data() + from, i - from);
    from = i + 1;
    char buf[6];
    out.append(buf, write_escape(buf, v[i]));
  }
  out.append(v.data() + from, v.size() - from);
}

}  // namespace laycoach::json_escape
